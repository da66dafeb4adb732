//! Cross-region replication of a layer (`replicate_to`). S3 bills a replica like any
//! object of the destination bucket: "you pay the S3 charges for storage in the
//! selected destination S3 storage classes … replication PUT requests" at the
//! destination's rates, and for CRR "inter-region Data Transfer OUT from S3 to each
//! destination Region" (Amazon S3 pricing, "Replication"). So the replicas are priced
//! as a lake of their own in the destination region — the same S3 model, that region's
//! prices and volume tiers — and the transfer by the network room.
//!
//! A replica is written when its source object is, in the source's class unless the
//! rule names one (`replica_class`); a destination lifecycle "honors the original
//! creation time of the object" (S3 User Guide, "Replication and other bucket
//! configurations"), so without `replica_class` the replicas follow the layer's
//! lifecycle and expiration, as a destination bucket with the same rules would. Live
//! replication copies new objects only (existing ones need S3 Batch Replication), and
//! reads are served by the source, so a replica has neither `existing` data nor reads.

use crate::scenario::{Layer, Replication, Scenario};

/// The lake as each destination region's S3 sees it: one scenario per region that
/// some layer replicates to, in order of first mention, holding that region's replicas.
pub fn destinations(s: &Scenario) -> Vec<Scenario> {
    s.regions()[1..]
        .iter()
        .map(|region| {
            let mut out = s.clone();
            out.region = region.to_string();
            out.s3.layers =
                s.s3.layers
                    .iter()
                    .filter_map(|l| {
                        let r = l.replication.as_ref().filter(|r| r.to == *region)?;
                        Some(replica(l, r))
                    })
                    .collect();
            out
        })
        .collect()
}

/// The replicas of a layer whose writes are resolved (`model::resolve`).
fn replica(l: &Layer, r: &Replication) -> Layer {
    let mut out = l.clone();
    out.name = format!("{} (replica in {})", l.name, r.to);
    out.existing = None;
    out.access = Vec::new();
    out.replication = None;
    out.encryption = crate::scenario::Encryption::SseS3;
    if let Some(class) = r.class {
        out.storage_class = class;
        out.lifecycle = Vec::new();
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::model::testing::assert_close;
    use crate::model::{Estimate, LineItem, Service};
    use crate::pricing::PriceBook;
    use crate::scenario::load_str;

    /// 1 TB a day into a 30-day layer in us-east-1, replicated to Tokyo.
    fn replicated(extra: &str) -> Estimate {
        let text = format!(
            "version: 1\nname: t\nregion: us-east-1\nmonths: 3\ningest: {{ per_day: 1 TB }}\ns3:\n  layers:\n    - {{ name: raw, share_of_ingest: 100%, object_size: 128 MB, expire_after_days: 30, replicate_to: ap-northeast-1{extra} }}\n"
        );
        crate::model::estimate(&load_str(&text).unwrap(), &PriceBook::bundled().unwrap()).unwrap()
    }

    fn line<'a>(e: &'a Estimate, resource: &str, component: &str) -> &'a LineItem {
        e.steady_state
            .as_ref()
            .unwrap()
            .lines
            .iter()
            .find(|l| &*l.resource == resource && l.component.starts_with(component))
            .unwrap_or_else(|| panic!("no {resource} {component}"))
    }

    /// Amazon S3 pricing, "Replication": the replicas are stored and PUT at the
    /// destination's rates (Tokyo: $0.025 per GB-month of STANDARD, first 50 TB;
    /// $0.0047 per 1,000 PUTs), and the transfer out to it is $0.02 per GB.
    #[test]
    fn replicas_are_billed_at_the_destinations_prices_and_cross_at_the_inter_region_rate() {
        let e = replicated("");
        let source = line(&e, "raw", "storage STANDARD");
        let replica = line(&e, "raw (replica in ap-northeast-1)", "storage STANDARD");
        // Same objects, same lifecycle: the same GB-months, at Tokyo's rate.
        assert_close(replica.quantity, source.quantity, 1e-12);
        assert_eq!(replica.price.region, "ap-northeast-1");
        assert_close(replica.cost_usd.value(), replica.quantity * 0.025, 1e-9);
        // 1 TB a day of 128 MB objects: 8,192 PUTs a day, 30.4167 days a month.
        let puts = line(
            &e,
            "raw (replica in ap-northeast-1)",
            "PUT requests STANDARD",
        );
        assert_close(puts.quantity, 8192.0 * 730.0 / 24.0, 1e-9);
        assert_close(
            puts.cost_usd.value(),
            8192.0 * 730.0 / 24.0 * 0.0000047,
            1e-9,
        );
        // 1,024 GB a day × 30.4167 days = 31,146.67 GB × $0.02 = $622.93.
        let transfer = line(&e, "raw", "replication to ap-northeast-1");
        assert_eq!(transfer.service, Service::Network);
        assert_eq!(transfer.price.region, "us-east-1");
        assert_close(transfer.cost_usd.value(), 622.933_333, 1e-6);
    }

    /// A replication rule that names a class stores every replica there from day one,
    /// and they expire with their source: GLACIER_IR in Tokyo at $0.005 per GB-month.
    #[test]
    fn a_replica_class_holds_every_replica() {
        let e = replicated(", replica_class: GLACIER_IR");
        let source = line(&e, "raw", "storage STANDARD");
        let replica = line(&e, "raw (replica in ap-northeast-1)", "storage GLACIER_IR");
        assert_close(replica.quantity, source.quantity, 1e-12);
        assert_close(replica.cost_usd.value(), replica.quantity * 0.005, 1e-9);
        assert!(
            e.steady_state
                .as_ref()
                .unwrap()
                .lines
                .iter()
                .all(|l| !(l.resource.contains("replica") && l.component.contains("STANDARD ")))
        );
    }

    #[test]
    fn replication_is_refused_to_an_unknown_or_the_scenarios_own_region() {
        let err = |layer: &str| {
            load_str(&format!(
                "version: 1\nname: t\nregion: us-east-1\ningest: {{ per_day: 1 TB }}\ns3:\n  layers:\n    - {{ name: raw, share_of_ingest: 100%, object_size: 128 MB{layer} }}\n"
            ))
            .unwrap_err()
            .to_string()
        };
        let e = err(", replicate_to: eu-west1");
        assert!(
            e.contains("s3.layers[0].replicate_to") && e.contains("eu-west-1"),
            "{e}"
        );
        let e = err(", replicate_to: us-east-1");
        assert!(e.contains("scenario's own region"), "{e}");
        let e = err(", replica_class: GLACIER");
        assert!(e.contains("needs `replicate_to"), "{e}");
    }
}
