//! The lake's network (Amazon VPC pricing, "NAT gateway"; AWS PrivateLink pricing;
//! Amazon EC2 pricing, "Data transfer"): NAT gateway hours and the GB they process,
//! S3 traffic through a gateway endpoint (no charge), interface endpoints per AZ-hour
//! and per GB over their region-wide tiers, internet egress over its tiers, inter-AZ
//! transfer (billed out of one zone and into the other) and inter-region transfer.
//!
//! The S3 traffic is derived, month by month: the object GB compute reads from and
//! writes to the layers ([`super::s3::compute_traffic_gb`]) times the share made from the VPC.
//! So is the transfer of a layer replicated to another region (`replicate_to`): every
//! GB written to it crosses to the destination ([`super::s3::written_gb`]); the
//! replicas themselves are S3's, priced in that region.
//! The rest is what the scenario declares.

pub mod keys;

use super::services::{CheckInput, LayerMonth};
use super::{Bill, CapacityRow, Finding, LineItem, Service, Severity, price_shared_tiers};
use crate::pricing::{PriceBook, PricingError};
use crate::scenario::Scenario;
use crate::scenario::network::S3Access;
use crate::units::HOURS_PER_MONTH;

/// The free internet egress a month (AWS, "AWS Free Tier": 100 GB of data transfer out
/// to the internet a month, aggregated across services and regions).
pub const FREE_EGRESS_GB: f64 = 100.0;
/// LC-NET-001 is raised when S3 traffic through NAT gateways costs at least this much a
/// month.
pub const FINDING_MONTHLY_USD: f64 = 1.0;

/// S3 object GB a month compute in the VPC moves, from what the layers did: the
/// traffic of the layers it reads and writes (`s3_layers`, every layer unless said),
/// times the share it makes.
pub fn s3_traffic_gb(s: &Scenario, layers: &LayerMonth) -> f64 {
    let n = &s.network;
    if n.s3_access.is_none() {
        return 0.0;
    }
    let through = |name: &str| {
        n.s3_layers
            .as_ref()
            .is_none_or(|l| l.iter().any(|x| x == name))
    };
    let gb: f64 =
        s.s3.layers
            .iter()
            .zip(layers.traffic_gb)
            .filter(|(l, _)| through(&l.name))
            .map(|(_, gb)| gb)
            .sum();
    gb * n.s3_traffic_share.value()
}

/// The resource the NAT gateways' lines are billed to (a `network.aws` binding names
/// its gateways).
pub const NAT_GATEWAYS: &str = "nat-gateways";

pub fn month(
    s: &Scenario,
    book: &PriceBook,
    layers: &LayerMonth,
) -> Result<Vec<LineItem>, PricingError> {
    let n = &s.network;
    let mut b = Bill::new(book, &s.region, Service::Network);
    let s3_gb = s3_traffic_gb(s, layers);
    b.add(
        NAT_GATEWAYS,
        &keys::NAT_HOUR,
        format!("{} NAT gateways × 730 h", n.nat_gateways),
        n.nat_gateways * HOURS_PER_MONTH,
    )?;
    match n.s3_access {
        Some(S3Access::NatGateway) => b.add(
            NAT_GATEWAYS,
            &keys::NAT_DATA,
            "data processed: S3 traffic from the VPC",
            s3_gb,
        )?,
        Some(S3Access::GatewayEndpoint) => b.add(
            "s3-gateway-endpoint",
            &keys::GATEWAY_ENDPOINT,
            format!(
                "S3 gateway endpoint, no charge ({} GB of S3 traffic)",
                crate::text::group_thousands(&format!("{s3_gb:.0}"))
            ),
            HOURS_PER_MONTH,
        )?,
        None => {}
    }
    b.add(
        NAT_GATEWAYS,
        &keys::NAT_DATA,
        "data processed: other traffic",
        n.nat_other_per_month.gib(),
    )?;
    for e in &n.interface_endpoints {
        b.add(
            &e.name,
            &keys::ENDPOINT_HOUR,
            format!("interface endpoint, {} AZ × 730 h", e.availability_zones),
            e.availability_zones * HOURS_PER_MONTH,
        )?;
    }
    // The data-processed tiers apply to all interface endpoints of the region together
    // (AWS PrivateLink pricing).
    let shares: Vec<(&str, &str, f64)> = n
        .interface_endpoints
        .iter()
        .map(|e| (e.name.as_str(), "data processed", e.data_per_month.gib()))
        .collect();
    if shares.iter().any(|x| x.2 > 0.0) {
        let price = book.price(&s.region, &keys::ENDPOINT_DATA)?;
        b.lines.extend(
            price_shared_tiers(Service::Network, price, &shares)?
                .into_iter()
                .map(|(_, l)| l),
        );
    }
    // The free 100 GB are the first of the month's egress: the tiers count them, so
    // they come off the first tier.
    let egress = n.internet_egress_per_month.gib();
    let mut free = if n.free_tier { FREE_EGRESS_GB } else { 0.0 };
    if egress > 0.0 {
        let price = book.price(&s.region, &keys::INTERNET_OUT)?;
        for tier in price.split_tiers(egress)? {
            let taken = free.min(tier.quantity);
            free -= taken;
            let component = match price.tier_label(&tier.tier) {
                Some(l) => format!("data transfer out to the internet ({l})"),
                None => "data transfer out to the internet".into(),
            };
            if tier.quantity > taken {
                b.lines.push(LineItem::priced(
                    Service::Network,
                    "internet",
                    component,
                    tier.quantity - taken,
                    price,
                    tier.tier,
                ));
            }
        }
    }
    b.add(
        "inter-az",
        &keys::INTER_AZ,
        "data transfer between Availability Zones, billed out and in",
        2.0 * n.inter_az_per_month.gib(),
    )?;
    for r in &n.inter_region {
        b.add_derived(
            &format!("to {}", r.to),
            &keys::INTER_REGION.of(&r.to),
            format!("data transfer to {}", r.to),
            r.per_month.gib(),
        )?;
    }
    for (l, gb) in s.s3.layers.iter().zip(layers.written_gb) {
        if let Some(r) = &l.replication {
            b.add_derived(
                &l.name,
                &keys::INTER_REGION.of(&r.to),
                format!("replication to {}: data transfer", r.to),
                *gb,
            )?;
        }
    }
    Ok(b.lines)
}

pub fn capacity(
    s: &Scenario,
    _: &PriceBook,
    layers: &LayerMonth,
) -> Result<Vec<CapacityRow>, PricingError> {
    let Some(access) = s.network.s3_access else {
        return Ok(Vec::new());
    };
    Ok(vec![CapacityRow {
        service: Service::Network,
        resource: "vpc".into(),
        metric: "S3 traffic from the VPC".into(),
        value: s3_traffic_gb(s, layers),
        unit: "GB a month".into(),
        note: format!(
            "{:.0}% of the object reads and writes of {}, via {}",
            s.network.s3_traffic_share.value() * 100.0,
            match &s.network.s3_layers {
                Some(l) => format!("layers {}", l.join(", ")),
                None => "every layer".into(),
            },
            access.name()
        ),
    }])
}

/// LC-NET-001: S3 traffic from the VPC crosses NAT gateways that an S3 gateway
/// endpoint would carry free; the finding's cost is the NAT data processing it would
/// save at steady state (or in the horizon's last month, for a lake without one).
fn check(c: &CheckInput) -> Result<Vec<Finding>, PricingError> {
    let s = c.scenario;
    if s.network.s3_access != Some(S3Access::NatGateway) {
        return Ok(Vec::new());
    }
    let gb = s3_traffic_gb(s, &c.steady);
    let cost = gb * c.book.price(&s.region, &keys::NAT_DATA)?.rate();
    if cost < FINDING_MONTHLY_USD {
        return Ok(Vec::new());
    }
    Ok(vec![Finding {
        code: "LC-NET-001",
        severity: Severity::Warning,
        resource: "vpc".into(),
        message: format!(
            "S3 traffic from the VPC crosses the NAT gateways: {} GB a month cost ${cost:.2} in NAT data processing, which an S3 gateway endpoint carries free (`network.s3_access: gateway_endpoint`)",
            crate::text::group_thousands(&format!("{gb:.0}"))
        ),
        monthly_cost_usd: Some(crate::units::Usd(cost)),
        loc: s.network.loc,
    }])
}

/// The service's room in the registry (`model::services`).
pub const ROOM: super::services::Room = super::services::Room {
    service: Service::Network,
    keys: keys::ALL,
    billing: super::services::Billing::FollowsLayers {
        month,
        capacity,
        reads: None,
        fixed: None,
    },
    check: Some(check),
    feeds: None,
    colour: 11,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load_str;

    fn network(region: &str, network: &str) -> crate::model::Estimate {
        let text = format!(
            "version: 1\nname: t\nregion: {region}\nmonths: 3\ningest: {{ per_day: 1 TB }}\ns3:\n  layers:\n    - {{ name: raw, share_of_ingest: 100%, object_size: 128 MB, expire_after_days: 30 }}\nnetwork: {network}\n"
        );
        crate::model::estimate(&load_str(&text).unwrap(), &PriceBook::bundled().unwrap()).unwrap()
    }

    fn cost(e: &crate::model::Estimate, key: &str) -> f64 {
        crate::model::testing::cost_of_key(&e.steady_state.as_ref().unwrap().lines, key)
    }

    fn close(a: f64, b: f64) {
        crate::model::testing::assert_close(a, b, 1e-6);
    }

    #[test]
    fn a_nat_gateway_in_eu_central_1() {
        // Amazon VPC pricing, eu-central-1: $0.052 an hour and $0.052 per GB processed:
        // 730 h × $0.052 + 1,000 GB × $0.052 = $37.96 + $52.00.
        let e = network(
            "eu-central-1",
            "{ nat_gateways: 1, nat_other_per_month: 1000 GB }",
        );
        close(cost(&e, "vpc.nat_gateway.hour"), 730.0 * 0.052);
        close(cost(&e, "vpc.nat_gateway.data_processed"), 1000.0 * 0.052);
    }

    #[test]
    fn a_terabyte_a_day_through_a_nat_gateway_or_a_gateway_endpoint() {
        // 1 TB a day written from the VPC in 128 MB objects: 8,192 PUTs a day of
        // 128 MB = 1,024 GB a day × 30.4167 days = 31,146.67 GB a month. Through a NAT
        // gateway in us-east-1 at $0.045 per GB: $1,401.60 a month, which LC-NET-001
        // names; through an S3 gateway endpoint: $0 ("gateway endpoints … come at no
        // additional charge"). The NAT gateway's hours are billed either way.
        let gb = 1024.0 * 730.0 / 24.0;
        let nat = network("us-east-1", "{ nat_gateways: 1, s3_access: nat_gateway }");
        close(cost(&nat, "vpc.nat_gateway.data_processed"), gb * 0.045);
        let f = nat
            .findings
            .iter()
            .find(|f| f.code == "LC-NET-001")
            .unwrap();
        close(f.monthly_cost_usd.unwrap().value(), gb * 0.045);
        let endpoint = network(
            "us-east-1",
            "{ nat_gateways: 1, s3_access: gateway_endpoint }",
        );
        close(cost(&endpoint, "vpc.nat_gateway.data_processed"), 0.0);
        close(cost(&endpoint, "vpc.nat_gateway.hour"), 730.0 * 0.045);
        assert!(
            endpoint
                .steady_state
                .as_ref()
                .unwrap()
                .lines
                .iter()
                .any(|l| l.price.key == "vpc.gateway_endpoint" && l.cost_usd.value() == 0.0)
        );
        assert!(!endpoint.findings.iter().any(|f| f.code == "LC-NET-001"));
        // Half the traffic from the VPC: half the NAT charge.
        let half = network(
            "us-east-1",
            "{ nat_gateways: 1, s3_access: nat_gateway, s3_traffic_share: 50% }",
        );
        close(
            cost(&half, "vpc.nat_gateway.data_processed"),
            gb * 0.045 / 2.0,
        );
    }

    #[test]
    fn declared_transfer_over_its_tiers() {
        // Internet egress, us-east-1: 60 TB = 61,440 GB over the tiers: 10,240 × $0.09 +
        // 40,960 × $0.085 + 10,240 × $0.07 = $5,120; with the free tier, the first
        // 100 GB at $0.09 are free: $5,111. Inter-AZ: 500 GB billed out and in at
        // $0.01 = $10. To eu-west-1: 1,024 GB × $0.02 = $20.48. Two interface endpoints
        // in 2 and 3 AZs: 5 × 730 h × $0.01 = $36.50, and 1,000 GB at $0.01 = $10.
        let e = network(
            "us-east-1",
            "{ internet_egress_per_month: 60 TB, inter_az_per_month: 500 GB, inter_region: [{ to: eu-west-1, per_month: 1 TB }], interface_endpoints: [{ name: kinesis, availability_zones: 2, data_per_month: 600 GB }, { name: kms, availability_zones: 3, data_per_month: 400 GB }] }",
        );
        close(cost(&e, "datatransfer.out.internet"), 5120.0);
        close(cost(&e, "datatransfer.inter_az"), 10.0);
        close(cost(&e, "datatransfer.inter_region.eu-west-1"), 20.48);
        close(cost(&e, "vpc.interface_endpoint.hour"), 5.0 * 730.0 * 0.01);
        close(cost(&e, "vpc.interface_endpoint.data_processed"), 10.0);
        let free = network(
            "us-east-1",
            "{ internet_egress_per_month: 60 TB, free_tier: true }",
        );
        close(cost(&free, "datatransfer.out.internet"), 5120.0 - 9.0);
    }

    #[test]
    fn bad_network_settings_are_errors_at_the_key() {
        let err = |n: &str| {
            load_str(&format!(
                "version: 1\nname: t\nregion: us-east-1\nnetwork: {n}\n"
            ))
            .unwrap_err()
        };
        assert_eq!(
            err("{ s3_access: nat_gateway }").field,
            "network.nat_gateways"
        );
        assert_eq!(err("{ nat_gateways: 1.5 }").field, "network.nat_gateways");
        let e = err("{ inter_region: [{ to: eu-west1, per_month: 1 GB }] }");
        assert_eq!(e.suggestion.as_deref(), Some("eu-west-1"));
        let e = err("{ inter_region: [{ to: us-east-1, per_month: 1 GB }] }");
        assert!(e.message.contains("own region"), "{}", e.message);
        assert_eq!(
            err("{ s3_traffic_share: 50% }").field,
            "network.s3_traffic_share"
        );
    }
}
