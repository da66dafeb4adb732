//! The `network` section: how the lake's compute reaches S3 from its VPC (a NAT
//! gateway, or an S3 gateway endpoint), interface endpoints, and the traffic a
//! scenario cannot derive — internet egress, inter-AZ and inter-region transfer.

use super::check::{ScenarioError, closest, loc, unique};
use crate::units::{Bytes, Fraction};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// How compute in the VPC reaches S3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum S3Access {
    /// Through the VPC's NAT gateways: every GB is billed as NAT data processed.
    NatGateway,
    /// Through an S3 gateway endpoint: no charge.
    GatewayEndpoint,
}

impl S3Access {
    pub fn name(self) -> &'static str {
        match self {
            S3Access::NatGateway => "nat_gateway",
            S3Access::GatewayEndpoint => "gateway_endpoint",
        }
    }
}

/// An interface endpoint (AWS PrivateLink), billed per AZ-hour and per GB processed.
#[derive(Clone, Debug, PartialEq)]
pub struct InterfaceEndpoint {
    pub name: String,
    pub availability_zones: f64,
    pub data_per_month: Bytes,
}

/// Transfer to another region.
#[derive(Clone, Debug, PartialEq)]
pub struct InterRegion {
    pub to: String,
    pub per_month: Bytes,
}

/// The `network` section; the default is a lake with no VPC costs declared.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Network {
    /// NAT gateways running all month.
    pub nat_gateways: f64,
    /// How the lake's compute reaches S3 from its VPC; `None` when it does not run in
    /// one (or the scenario does not say).
    pub s3_access: Option<S3Access>,
    /// The layers whose object traffic compute in the VPC makes (every layer when the
    /// scenario does not say).
    pub s3_layers: Option<Vec<String>>,
    /// The share of those layers' object traffic that compute in the VPC makes.
    pub s3_traffic_share: Fraction,
    /// Other traffic through the NAT gateways (calls to outside APIs, package mirrors).
    pub nat_other_per_month: Bytes,
    pub interface_endpoints: Vec<InterfaceEndpoint>,
    pub internet_egress_per_month: Bytes,
    /// GB crossing Availability Zones a month (each GB is billed out and in).
    pub inter_az_per_month: Bytes,
    pub inter_region: Vec<InterRegion>,
    /// Share the account's 100 GB of free internet egress a month.
    pub free_tier: bool,
    pub loc: Option<super::Loc>,
}

/// Availability Zones an interface endpoint may span: 1 to 6 (the most any region has).
const MAX_AZS: f64 = 6.0;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawNetwork {
    #[schemars(with = "Option<f64>")]
    pub nat_gateways: Option<Spanned<f64>>,
    #[schemars(with = "Option<S3Access>")]
    pub s3_access: Option<Spanned<S3Access>>,
    #[schemars(with = "Option<Vec<String>>")]
    pub s3_layers: Option<Spanned<Vec<String>>>,
    #[schemars(with = "Option<Fraction>")]
    pub s3_traffic_share: Option<Spanned<Fraction>>,
    pub nat_other_per_month: Option<Bytes>,
    #[serde(default)]
    pub interface_endpoints: Vec<RawEndpoint>,
    pub internet_egress_per_month: Option<Bytes>,
    pub inter_az_per_month: Option<Bytes>,
    #[serde(default)]
    pub inter_region: Vec<RawInterRegion>,
    pub free_tier: Option<bool>,
    #[schemars(with = "Option<std::collections::BTreeMap<String, String>>")]
    pub aws: Option<Spanned<super::raw::RawBinding>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEndpoint {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[schemars(with = "f64")]
    pub availability_zones: Spanned<f64>,
    pub data_per_month: Option<Bytes>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawInterRegion {
    #[schemars(with = "String")]
    pub to: Spanned<String>,
    pub per_month: Bytes,
}

fn whole(
    field: String,
    v: &Spanned<f64>,
    lo: f64,
    hi: f64,
    what: &str,
) -> Result<f64, ScenarioError> {
    let n = v.value;
    if n.fract() == 0.0 && (lo..=hi).contains(&n) {
        Ok(n)
    } else {
        Err(ScenarioError::at(
            loc(v),
            field,
            format!("expected a whole number of {what} from {lo} to {hi}, found {n}"),
        ))
    }
}

pub(super) fn check(
    raw: &Option<RawNetwork>,
    region: &str,
    layers: &[super::Layer],
) -> Result<Network, ScenarioError> {
    let Some(n) = raw else {
        return Ok(Network::default());
    };
    let nat_gateways = match &n.nat_gateways {
        Some(v) => whole(
            "network.nat_gateways".into(),
            v,
            0.0,
            1000.0,
            "NAT gateways",
        )?,
        None => 0.0,
    };
    let s3_access = n.s3_access.as_ref().map(|a| a.value);
    if s3_access == Some(S3Access::NatGateway) && nat_gateways < 1.0 {
        return Err(ScenarioError::at(
            n.s3_access.as_ref().and_then(loc),
            "network.nat_gateways",
            "`s3_access: nat_gateway` sends S3 traffic through NAT gateways: say how many run (`nat_gateways`, usually one per Availability Zone)",
        ));
    }
    let s3_traffic_share = match &n.s3_traffic_share {
        Some(s) if s3_access.is_none() => {
            return Err(ScenarioError::at(
                loc(s),
                "network.s3_traffic_share",
                "`s3_traffic_share` is the share of S3 traffic made from the VPC: give `s3_access` (nat_gateway or gateway_endpoint) too",
            ));
        }
        Some(s) if (0.0..=1.0).contains(&s.value.value()) => s.value,
        Some(s) => {
            return Err(ScenarioError::at(
                loc(s),
                "network.s3_traffic_share",
                format!("a share is 0% to 100%, found {}%", s.value.value() * 100.0),
            ));
        }
        None => Fraction::ONE,
    };
    let s3_layers = match &n.s3_layers {
        Some(names) if s3_access.is_none() => {
            return Err(ScenarioError::at(
                loc(names),
                "network.s3_layers",
                "`s3_layers` names the layers compute in the VPC reads and writes: give `s3_access` (nat_gateway or gateway_endpoint) too",
            ));
        }
        Some(names) => {
            for name in &names.value {
                if !layers.iter().any(|l| &l.name == name) {
                    return Err(ScenarioError::at(
                        loc(names),
                        "network.s3_layers",
                        format!("no S3 layer named `{name}` in `s3.layers`"),
                    )
                    .suggest(closest(name, layers.iter().map(|l| l.name.as_str()))));
                }
            }
            Some(names.value.clone())
        }
        None => None,
    };
    let mut seen = Vec::new();
    let mut interface_endpoints = Vec::new();
    for (i, e) in n.interface_endpoints.iter().enumerate() {
        let field = |k: &str| format!("network.interface_endpoints[{i}].{k}");
        unique(&mut seen, &e.name, field("name"))?;
        interface_endpoints.push(InterfaceEndpoint {
            name: e.name.value.clone(),
            availability_zones: whole(
                field("availability_zones"),
                &e.availability_zones,
                1.0,
                MAX_AZS,
                "Availability Zones",
            )?,
            data_per_month: e.data_per_month.unwrap_or(Bytes::ZERO),
        });
    }
    let mut inter_region = Vec::new();
    for (i, r) in n.inter_region.iter().enumerate() {
        let field = format!("network.inter_region[{i}].to");
        let to = super::check::region_code(&field, &r.to)?;
        if to == region {
            return Err(ScenarioError::at(
                loc(&r.to),
                field,
                format!(
                    "`{to}` is the scenario's own region: traffic within it is inter-AZ (`inter_az_per_month`) or free"
                ),
            ));
        }
        inter_region.push(InterRegion {
            to,
            per_month: r.per_month,
        });
    }
    Ok(Network {
        nat_gateways,
        s3_access,
        s3_layers,
        s3_traffic_share,
        nat_other_per_month: n.nat_other_per_month.unwrap_or(Bytes::ZERO),
        interface_endpoints,
        internet_egress_per_month: n.internet_egress_per_month.unwrap_or(Bytes::ZERO),
        inter_az_per_month: n.inter_az_per_month.unwrap_or(Bytes::ZERO),
        inter_region,
        free_tier: n.free_tier.unwrap_or(false),
        loc: n
            .s3_access
            .as_ref()
            .and_then(loc)
            .or_else(|| n.nat_gateways.as_ref().and_then(loc)),
    })
}
