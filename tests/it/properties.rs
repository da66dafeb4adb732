//! Invariants over random scenarios: costs are never negative, bytes are conserved
//! across storage classes, and more data never costs less.

use StorageClass::*;
use lakecost::model::{self, s3};
use lakecost::pricing::PriceBook;
use lakecost::scenario::{Ingest, Layer, Scenario, StorageClass};
use lakecost::units::{Bytes, Fraction, GIB};
use proptest::prelude::*;

/// Lifecycle chains S3 accepts, from STANDARD.
const CHAINS: &[&[(u32, StorageClass)]] = &[
    &[],
    &[(30, StandardIa)],
    &[(30, StandardIa), (90, Glacier)],
    &[(30, StandardIa), (60, GlacierIr), (200, DeepArchive)],
    &[(0, IntelligentTiering)],
    &[(1, Glacier), (200, DeepArchive)],
    &[(45, OnezoneIa), (120, Glacier)],
    &[(90, GlacierIr)],
    &[(180, DeepArchive)],
];

fn layer(i: usize, share: f64, object_mb: f64, chain: usize, expire_extra: Option<u32>) -> Layer {
    let rules = CHAINS[chain];
    let last = rules.last().map_or(0, |r| r.0);
    let l = Layer::new(
        &format!("l{i}"),
        Fraction(share),
        Bytes::from_kib(object_mb * 1024.0),
    )
    .with_lifecycle(rules);
    match expire_extra {
        Some(x) => l.expiring_after(last + x),
        None => l,
    }
}

fn arb_scenario() -> impl Strategy<Value = Scenario> {
    let layer_args = (
        0.01f64..1.0,
        prop::sample::select(vec![1.0, 16.0, 128.0, 1024.0]),
        0..CHAINS.len(),
        prop::option::of(1u32..400),
    );
    (
        1.0f64..5000.0,
        0.0f64..0.1,
        1u32..30,
        prop::collection::vec(layer_args, 1..4),
    )
        .prop_map(|(gb, growth, months, layers)| {
            let mut s = Scenario::new("p", "us-east-1", months);
            s.ingest = Ingest {
                per_day: Bytes::from_gib(gb),
                growth_per_month: Fraction(growth),
            };
            s.s3.layers = layers
                .into_iter()
                .enumerate()
                .map(|(i, (s, mb, c, e))| layer(i, s, mb, c, e))
                .collect();
            s
        })
}

fn book() -> PriceBook {
    PriceBook::bundled().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn costs_and_quantities_are_never_negative(s in arb_scenario()) {
        let e = model::estimate(&s, &book()).unwrap();
        for m in e.months.iter().chain(e.steady_state.iter()) {
            for l in &m.lines {
                prop_assert!(l.quantity >= 0.0 && l.cost_usd.value() >= 0.0, "{l:?}");
            }
        }
    }

    #[test]
    fn bytes_are_conserved_across_classes(s in arb_scenario()) {
        // Every object byte is in exactly one class from its landing (midday of its
        // day) to its expiry (midnight after E days), whatever transitions happen.
        let months = s.months as usize;
        let usage = s3::simulate(&s, months, s3::Growth::Compound);
        let horizon = months as f64 * 730.0;
        for (l, per_month) in s.s3.layers.iter().zip(&usage) {
            let stored: f64 = per_month.iter().map(|u| StorageClass::ALL.iter().map(|c| u.stored_gb(*c)).sum::<f64>()).sum();
            let expire = l.expire_after_days.map_or(f64::INFINITY, |e| f64::from(e.value) + 1.0);
            let mut expected = 0.0;
            let mut d = 0.0f64;
            while 24.0 * d < horizon {
                let growth = (1.0 + s.ingest.growth_per_month.value()).powi((24.0 * d / 730.0).floor() as i32);
                let gb = s.ingest.per_day.0 * l.share_of_ingest.value() * growth / GIB;
                let held = (horizon.min(24.0 * (d + expire)) - (24.0 * d + 12.0)).max(0.0);
                expected += gb * held / 730.0;
                d += 1.0;
            }
            prop_assert!((stored - expected).abs() <= 1e-6 * expected.max(1.0), "{}: {stored} vs {expected}", l.name);
        }
    }

    #[test]
    fn more_ingest_never_costs_less(s in arb_scenario(), k in 1.0f64..4.0) {
        let b = book();
        let base = model::estimate(&s, &b).unwrap();
        let mut more = s.clone();
        more.ingest.per_day = more.ingest.per_day * k;
        let bigger = model::estimate(&more, &b).unwrap();
        prop_assert!(bigger.horizon_total().value() >= base.horizon_total().value() * (1.0 - 1e-12));
        if let (Ok(a), Ok(b)) = (&base.steady_state, &bigger.steady_state) {
            prop_assert!(b.total().value() >= a.total().value() * (1.0 - 1e-12));
        }
    }
}

fn stream_scenario(rps: f64, record_kib: f64, consumers: u32, mode: usize, peak: f64) -> Scenario {
    use lakecost::scenario::{KinesisMode, KinesisStream};
    let mut s = Scenario::new("k", "us-east-1", 1);
    let mut k = KinesisStream::new("s", rps, Bytes::from_kib(record_kib));
    k.consumers = consumers;
    k.peak_factor = peak;
    k.mode = [
        KinesisMode::Provisioned,
        KinesisMode::OnDemand,
        KinesisMode::Compare,
    ][mode];
    s.kinesis.streams.push(k);
    s
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn more_stream_traffic_never_costs_less(
        rps in 1.0f64..50_000.0,
        record in 0.1f64..900.0,
        consumers in 1u32..6,
        mode in 0usize..3,
        peak in 1.0f64..5.0,
        k in 1.0f64..5.0,
    ) {
        let b = book();
        let cost = |s: &Scenario| model::estimate(s, &b).unwrap().months[0].total().value();
        let base = cost(&stream_scenario(rps, record, consumers, mode, peak));
        let more = cost(&stream_scenario(rps * k, record, consumers, mode, peak));
        prop_assert!(base >= 0.0);
        prop_assert!(more >= base * (1.0 - 1e-12), "{base} → {more}");
    }
}

/// A lake with a resource of every kind that has no other source of silence: the layers
/// above (some encrypted with SSE-KMS), DynamoDB tables, Lambda functions, log groups,
/// and a Redshift cluster sized on the first layer.
fn arb_lake() -> impl Strategy<Value = Scenario> {
    use lakecost::scenario::cloudwatch::{LogClass, LogGroup};
    use lakecost::scenario::dynamodb::{CapacityMode, DynamoTable, TableClass};
    use lakecost::scenario::{
        Architecture, DataSize, Encryption, Kms, LambdaFunction, Purchase, RedshiftCluster,
    };
    use lakecost::units::Duration;
    let table = (
        1.0f64..100_000.0,
        0.1f64..10_000.0,
        1.0f64..10_000.0,
        0..3usize,
        any::<bool>(),
    );
    let function = (1.0f64..10_000_000.0, 128.0f64..10_240.0, 0.01f64..900.0);
    let group = (0.1f64..1000.0, 1u32..3653, any::<bool>());
    (
        arb_scenario(),
        prop::collection::vec(table, 0..3),
        prop::collection::vec(function, 0..3),
        prop::collection::vec(group, 0..3),
        prop::collection::vec(any::<bool>(), 4),
        1.0f64..24.0,
    )
        .prop_map(|(mut s, tables, functions, groups, kms, hours)| {
            for (l, (kms, bucket_key)) in
                s.s3.layers.iter_mut().zip(kms.iter().zip(kms.iter().rev()))
            {
                if *kms {
                    l.encryption = Encryption::SseKms(Kms {
                        bucket_key: *bucket_key,
                        key: Some("lake".into()),
                        free_tier: false,
                        loc: None,
                    });
                }
            }
            for (i, (reads, writes, gb, mode, ia)) in tables.into_iter().enumerate() {
                let mut t = DynamoTable::new(&format!("t{i}"), reads, writes, Bytes::from_gib(gb));
                t.capacity = [
                    CapacityMode::OnDemand,
                    CapacityMode::Provisioned,
                    CapacityMode::Compare,
                ][mode];
                t.class = if ia {
                    TableClass::StandardIa
                } else {
                    TableClass::Standard
                };
                s.dynamodb.tables.push(t);
            }
            for (i, (invocations, mb, seconds)) in functions.into_iter().enumerate() {
                s.lambda.functions.push(LambdaFunction {
                    name: format!("f{i}"),
                    loc: None,
                    invocations_per_day: invocations,
                    input: None,
                    duration: Duration(seconds),
                    memory: Bytes::from_kib(mb * 1024.0),
                    ephemeral_storage: Bytes::from_kib(512.0 * 1024.0),
                    architecture: Architecture::X86_64,
                    free_tier: false,
                });
            }
            for (i, (gb, retention, ia)) in groups.into_iter().enumerate() {
                s.cloudwatch.log_groups.push(LogGroup {
                    name: format!("g{i}"),
                    loc: None,
                    class: if ia {
                        LogClass::InfrequentAccess
                    } else {
                        LogClass::Standard
                    },
                    vended: false,
                    ingested_per_month: Bytes::from_gib(gb),
                    sources: Vec::new(),
                    retention_days: retention,
                    insights_scanned_per_month: Bytes::ZERO,
                    standard_features: false,
                });
            }
            s.redshift.clusters.push(RedshiftCluster {
                name: "warehouse".into(),
                loc: None,
                node_type: None,
                nodes: None,
                data: DataSize::FromLayers(vec![s.s3.layers[0].name.clone()]),
                min_vcpus: 4.0,
                hours_per_day: hours,
                active_hours_per_day: hours,
                purchase: Purchase::OnDemand,
                concurrency_scaling_hours_per_day: 0.0,
                spectrum_scanned_per_month: Bytes::ZERO,
                spectrum_queries_per_month: None,
            });
            s
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Every resource of the input is priced or named (issue "Bounded and honest",
    /// item 9): in the last bill's lines (the steady state, else the horizon's last
    /// month), in a capacity row, or in a finding; an estimate that refuses names it in
    /// its findings. A resource never drops out of the bill in silence.
    #[test]
    fn no_resource_is_missing_from_the_bill(s in arb_lake()) {
        let mut named: Vec<(&str, &str)> = s.s3.layers.iter().map(|l| ("s3", l.name.as_str())).collect();
        named.extend(s.s3.layers.iter().filter(|l| matches!(l.encryption, lakecost::scenario::Encryption::SseKms(_))).map(|l| ("kms", l.name.as_str())));
        named.extend(s.dynamodb.tables.iter().map(|t| ("dynamodb", t.name.as_str())));
        named.extend(s.lambda.functions.iter().map(|f| ("lambda", f.name.as_str())));
        named.extend(s.cloudwatch.log_groups.iter().map(|g| ("cloudwatch", g.name.as_str())));
        named.extend(s.redshift.clusters.iter().map(|c| ("redshift", c.name.as_str())));
        match model::estimate(&s, &book()) {
            Ok(e) => {
                let last = e.steady_state.as_ref().ok().or(e.months.last()).unwrap();
                for (service, name) in named {
                    let priced = last.lines.iter().any(|l| l.service.name() == service && &*l.resource == name)
                        || e.capacity.iter().any(|c| c.service.name() == service && c.resource == name);
                    let found = e.findings.iter().any(|f| f.resource == name);
                    prop_assert!(priced || found, "{service} `{name}` is neither priced nor named");
                }
            }
            Err(model::EstimateError::Rejected(findings)) => {
                prop_assert!(!findings.is_empty());
            }
            Err(other) => prop_assert!(false, "{other}"),
        }
    }
}
