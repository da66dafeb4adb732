//! AWS KMS as S3 encryption bills it (AWS KMS pricing page; S3 User Guide, "Using
//! server-side encryption with AWS KMS keys" and "Reducing the cost of SSE-KMS with
//! Amazon S3 Bucket Keys"): a request for every object operation on a layer encrypted
//! with SSE-KMS — a PUT asks for a data key, a GET, a lifecycle transition or a restore
//! asks KMS to decrypt one — and a key-month for each customer managed key. SSE-S3
//! costs nothing, and the AWS managed key `aws/s3` has no monthly fee.
//!
//! An S3 Bucket Key makes S3 ask KMS for a bucket-level key for a while instead of a
//! data key per object; AWS says it reduces KMS request costs "by up to 99 percent".
//! lakecost takes that best case (1 % of the requests) and says so in the line: the
//! real share depends on how many principals and how often, which a plan does not
//! know.

pub mod keys;

use super::services::{CheckInput, LayerMonth};
use super::{Bill, CapacityRow, Finding, LineItem, Service, Severity, after_free_tier};
use crate::pricing::{PriceBook, PricingError};
use crate::scenario::{Encryption, Kms, Layer, Scenario};

/// The KMS free tier (AWS KMS pricing page): 20,000 requests a month, per account.
pub const FREE_REQUESTS: f64 = 20_000.0;
/// The share of a layer's KMS requests left with an S3 Bucket Key: AWS's "up to 99
/// percent" reduction, its best case.
pub const BUCKET_KEY_SHARE: f64 = 0.01;
/// LC-KMS-001 is raised when a layer's KMS requests without a Bucket Key cost at least
/// this much a month.
pub const FINDING_MONTHLY_USD: f64 = 10.0;

/// The layers encrypted with SSE-KMS, with their place in the scenario.
fn kms_layers(s: &Scenario) -> impl Iterator<Item = (usize, &Layer, &Kms)> {
    s.s3.layers
        .iter()
        .enumerate()
        .filter_map(|(i, l)| match &l.encryption {
            Encryption::SseKms(k) => Some((i, l, k)),
            Encryption::SseS3 => None,
        })
}

/// KMS requests a layer's object requests make.
pub fn requests(k: &Kms, object_requests: f64) -> f64 {
    object_requests * if k.bucket_key { BUCKET_KEY_SHARE } else { 1.0 }
}

fn requests_of(layers: &LayerMonth, i: usize, k: &Kms) -> f64 {
    requests(k, layers.object_requests.get(i).copied().unwrap_or(0.0))
}

/// One month's KMS lines for what the layers did that month.
pub fn month(
    s: &Scenario,
    book: &PriceBook,
    layers: &LayerMonth,
) -> Result<Vec<LineItem>, PricingError> {
    let asking: f64 = kms_layers(s)
        .filter(|(_, _, k)| k.free_tier)
        .map(|(i, _, k)| requests_of(layers, i, k))
        .sum();
    let mut b = Bill::new(book, &s.region, Service::Kms);
    let mut named: Vec<&str> = Vec::new();
    for (i, l, k) in kms_layers(s) {
        let component = if k.bucket_key {
            "requests, Bucket Key (1% of object requests)"
        } else {
            "requests, one per object request"
        };
        b.add(
            &l.name,
            &keys::REQUESTS,
            component,
            requests_of(layers, i, k) * after_free_tier(k.free_tier, FREE_REQUESTS, asking),
        )?;
        if let Some(key) = &k.key
            && !named.contains(&key.as_str())
        {
            named.push(key);
        }
    }
    for key in named {
        b.add(key, &keys::KEY, "customer managed key (key-month)", 1.0)?;
    }
    Ok(b.lines)
}

/// Each SSE-KMS layer's KMS requests a month.
pub fn capacity(
    s: &Scenario,
    _: &PriceBook,
    layers: &LayerMonth,
) -> Result<Vec<CapacityRow>, PricingError> {
    Ok(kms_layers(s)
        .map(|(i, l, k)| CapacityRow {
            service: Service::Kms,
            resource: l.name.clone(),
            metric: "KMS requests".into(),
            value: requests_of(layers, i, k),
            unit: "a month".into(),
            note: format!(
                "{} object requests{}",
                crate::text::group_thousands(&format!(
                    "{:.0}",
                    layers.object_requests.get(i).copied().unwrap_or(0.0)
                )),
                if k.bucket_key {
                    " × 1% (Bucket Key)"
                } else {
                    ", one KMS request each"
                }
            ),
        })
        .collect())
}

/// LC-KMS-001: a layer encrypted with SSE-KMS without a Bucket Key whose KMS requests
/// cost at least [`FINDING_MONTHLY_USD`] a month at steady state (or in the horizon's
/// last month, for a lake without one); the finding's cost is what a Bucket Key saves.
fn check(c: &CheckInput) -> Result<Vec<Finding>, PricingError> {
    let s = c.scenario;
    if !kms_layers(s).any(|(_, _, k)| !k.bucket_key) {
        return Ok(Vec::new());
    }
    let price = c.book.price(&s.region, &keys::REQUESTS)?;
    let mut out = Vec::new();
    for (i, l, k) in kms_layers(s).filter(|(_, _, k)| !k.bucket_key) {
        let n = c.steady.object_requests.get(i).copied().unwrap_or(0.0);
        let cost = n * price.rate();
        if cost >= FINDING_MONTHLY_USD {
            let saved = cost * (1.0 - BUCKET_KEY_SHARE);
            out.push(Finding {
                code: "LC-KMS-001",
                severity: Severity::Warning,
                resource: l.name.clone(),
                message: format!(
                    "SSE-KMS without an S3 Bucket Key: {} KMS requests a month cost ${:.2}; a Bucket Key would save up to ${saved:.2} a month (`encryption.bucket_key: true`)",
                    crate::text::group_thousands(&format!("{n:.0}")),
                    cost
                ),
                monthly_cost_usd: Some(crate::units::Usd(saved)),
                loc: k.loc,
            });
        }
    }
    Ok(out)
}

/// The service's room in the registry (`model::services`).
pub const ROOM: super::services::Room = super::services::Room {
    service: Service::Kms,
    keys: keys::ALL,
    billing: super::services::Billing::FollowsLayers {
        month,
        capacity,
        reads: None,
        fixed: None,
    },
    check: Some(check),
    feeds: None,
    colour: 10,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load_str;

    fn scenario(encryption: &str) -> Scenario {
        load_str(&format!(
            "version: 1\nname: t\nregion: us-east-1\nmonths: 12\ningest: {{ per_day: 1 TB }}\ns3:\n  layers:\n    - {{ name: raw, share_of_ingest: 100%, object_size: 32 MB, expire_after_days: 30, encryption: {encryption} }}\n"
        ))
        .unwrap()
    }

    fn cost(lines: &[LineItem]) -> f64 {
        lines.iter().map(|l| l.cost_usd.value()).sum()
    }

    #[test]
    fn ten_million_puts_with_and_without_a_bucket_key() {
        // AWS KMS pricing page: $0.03 per 10,000 requests ($0.000003 each), us-east-1.
        // 10 M PUTs under SSE-KMS: 10 M requests = $30; with a Bucket Key, AWS's best
        // case of 99 % fewer: 100,000 requests = $0.30; a customer managed key adds
        // $1 a key-month; the free tier takes 20,000 requests: $29.94.
        let book = PriceBook::bundled().unwrap();
        let layers = LayerMonth {
            stored_gb: &[0.0],
            object_requests: &[10e6],
            traffic_gb: &[0.0],
            written_gb: &[0.0],
        };
        let at = |enc: &str| cost(&month(&scenario(enc), &book, &layers).unwrap());
        let close = |a: f64, b: f64| crate::model::testing::assert_close(a, b, 1e-9);
        close(at("{ type: sse-kms, bucket_key: false }"), 30.0);
        close(at("{ type: sse-kms, bucket_key: true }"), 0.30);
        close(
            at("{ type: sse-kms, bucket_key: true, kms_key: lake }"),
            1.30,
        );
        close(
            at("{ type: sse-kms, bucket_key: false, free_tier: true }"),
            29.94,
        );
        close(at("{ type: sse-s3 }"), 0.0);
    }

    #[test]
    fn requests_follow_the_layers_object_requests_and_raise_the_finding() {
        // 1 TB a day in 32 MB objects: 32,768 PUTs a day × 30.4167 = 996,693 a month;
        // no reads, no transitions: KMS requests = PUTs, $2.99 a month. At 128 KB
        // objects, 256 times as many: $765 a month, and LC-KMS-001 says so.
        let book = PriceBook::bundled().unwrap();
        let e = crate::model::estimate(&scenario("{ type: sse-kms, bucket_key: false }"), &book)
            .unwrap();
        let steady = e.steady_state.unwrap();
        let kms: f64 = steady
            .lines
            .iter()
            .filter(|l| l.service == Service::Kms)
            .map(|l| l.quantity)
            .sum();
        let puts: f64 = steady
            .lines
            .iter()
            .filter(|l| l.price.key == "s3.requests.put.STANDARD")
            .map(|l| l.quantity)
            .sum();
        assert!((kms - puts).abs() < 1e-6 && puts > 0.0, "{kms} {puts}");
        assert!(!e.findings.iter().any(|f| f.code == "LC-KMS-001"));
        let small = load_str(
            "version: 1\nname: t\nregion: us-east-1\nmonths: 12\ningest: { per_day: 1 TB }\ns3:\n  layers:\n    - { name: raw, share_of_ingest: 100%, object_size: 128 KB, expire_after_days: 30, encryption: { type: sse-kms, bucket_key: false } }\n",
        )
        .unwrap();
        let e = crate::model::estimate(&small, &book).unwrap();
        let f = e.findings.iter().find(|f| f.code == "LC-KMS-001").unwrap();
        let saved = f.monthly_cost_usd.unwrap().value();
        let requests = 8_388_608.0 * 730.0 / 24.0;
        assert!((saved - requests * 0.000003 * 0.99).abs() < 0.01, "{saved}");
    }

    #[test]
    fn encryption_settings_are_checked() {
        let err = |enc: &str| {
            load_str(&format!(
                "version: 1\nname: t\nregion: us-east-1\ns3:\n  layers:\n    - {{ name: raw, existing: {{ size: 1 GB, object_size: 1 MB, storage_class: STANDARD }}, encryption: {enc} }}\n"
            ))
            .unwrap_err()
        };
        assert_eq!(
            err("{ type: sse-kms }").field,
            "s3.layers[0].encryption.bucket_key"
        );
        assert_eq!(
            err("{ type: sse-s3, bucket_key: true }").field,
            "s3.layers[0].encryption.bucket_key"
        );
        assert!(
            err("{ type: sse-kmz, bucket_key: true }")
                .suggestion
                .as_deref()
                == Some("sse-kms")
        );
    }
}
