//! The closed-form sums behind every estimate against the day-by-day reference
//! simulation, on random layers: every storage class, lifecycle chains (legal or
//! not: both paths drop what S3 would not do), expirations, existing data, growth,
//! delivery streams, reads and restores. They must agree to 1e-9 relative, month by
//! month and meter by meter, and at steady state.

use StorageClass::*;
use lakecost::model::s3::{self, usage::Usage};
use lakecost::scenario::{
    Access, AccessKind, Existing, Ingest, Layer, RestoreTier, Scenario, StorageClass,
};
use lakecost::units::{Bytes, Fraction};
use proptest::prelude::*;

const CLASSES: [StorageClass; 7] = [
    Standard,
    IntelligentTiering,
    StandardIa,
    OnezoneIa,
    GlacierIr,
    Glacier,
    DeepArchive,
];

fn class() -> impl Strategy<Value = StorageClass> {
    prop::sample::select(CLASSES.to_vec())
}

fn access() -> impl Strategy<Value = Access> {
    let kind = prop_oneof![
        (0.0f64..40.0).prop_map(|per_month| AccessKind::Reads { per_month }),
        (
            0.0f64..0.2,
            prop::sample::select(vec![
                RestoreTier::Expedited,
                RestoreTier::Standard,
                RestoreTier::Bulk
            ]),
            1u32..30
        )
            .prop_map(|(p, tier, keep_days)| AccessKind::Restores {
                per_month: Fraction(p),
                tier,
                keep_days,
                within: None,
            }),
    ];
    (0u32..400, prop::option::of(0u32..600), kind).prop_map(|(from, len, kind)| Access {
        from_day: from,
        to_day: len.map(|l| from + l),
        kind,
        loc: None,
    })
}

fn existing() -> impl Strategy<Value = Existing> {
    (
        1.0f64..500.0,
        object_size(),
        class(),
        0u32..900,
        0.0f64..=1.0,
    )
        .prop_map(
            |(tb, object_size, storage_class, age_days, since)| Existing {
                size: Bytes::from_gib(tb * 1024.0),
                object_size,
                storage_class,
                age_days,
                class_since_days: (f64::from(age_days) * since) as u32,
                loc: None,
            },
        )
}

fn object_size() -> impl Strategy<Value = Bytes> {
    prop::sample::select(vec![16.0, 100.0, 128.0, 129.0, 1024.0, 131072.0])
        .prop_map(Bytes::from_kib)
}

fn layer() -> impl Strategy<Value = Layer> {
    (
        (0.0f64..1.0, object_size(), class()),
        prop::collection::vec((0u32..400, class()), 0..4),
        prop::option::of(0u32..900),
        prop::option::of(existing()),
        prop::collection::vec(access(), 0..4),
        prop::option::of(1.0f64..2000.0),
    )
        .prop_map(
            |((share, size, start), mut rules, expire, existing, access, delivered)| {
                rules.sort_by_key(|r| r.0);
                let mut l = Layer::new("l", Fraction(share), size).with_lifecycle(&rules);
                l.storage_class = start;
                if let Some(e) = expire {
                    l = l.expiring_after(e);
                }
                l.existing = existing;
                l.access = access;
                l.delivered_per_day = delivered.map(Bytes::from_gib);
                l
            },
        )
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        1.0f64..5000.0,
        prop_oneof![Just(0.0), 0.0f64..0.2],
        1u32..60,
        prop::collection::vec(layer(), 1..4),
    )
        .prop_map(|(gb, growth, months, layers)| {
            let mut s = Scenario::new("p", "us-east-1", months);
            s.ingest = Ingest {
                per_day: Bytes::from_gib(gb),
                growth_per_month: Fraction(growth),
            };
            s.s3.layers = layers;
            s
        })
}

/// Meter by meter: within 1e-9 of the reference, relative to the largest value of
/// the same meter in the layer (a month's tiny edge share is judged against the
/// meter's scale, not against itself).
fn agree(fast: &[Usage], reference: &[Usage]) -> Result<(), String> {
    assert_eq!(fast.len(), reference.len());
    for i in 0..s3::usage::METERS {
        let scale = reference.iter().map(|u| u.0[i].abs()).fold(0.0, f64::max);
        for (m, (f, r)) in fast.iter().zip(reference).enumerate() {
            let (f, r) = (f.0[i], r.0[i]);
            if (f - r).abs() > 1e-9 * scale.max(1e-300) && (f - r).abs() > 1e-12 {
                return Err(format!(
                    "meter {:?}, month {}: fast {f} vs reference {r}",
                    s3::usage::Meter::all()[i],
                    m + 1
                ));
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_closed_form_horizon_is_the_daily_simulation(s in scenario()) {
        let months = s.months as usize;
        let fast = s3::horizon(&s, months);
        let reference = s3::simulate(&s, months, s3::Growth::Compound);
        for (f, r) in fast.iter().zip(&reference) {
            prop_assert!(agree(f, r).is_ok(), "{}", agree(f, r).unwrap_err());
        }
    }

    #[test]
    fn the_closed_form_steady_state_is_the_simulated_window(s in scenario()) {
        let fast = s3::steady_state(&s);
        let reference = s3::steady_state_simulated(&s);
        match (fast, reference) {
            (Ok((fm, f)), Ok((rm, r))) => {
                prop_assert_eq!(fm, rm);
                for (f, r) in f.iter().zip(&r) {
                    let (f, r) = (std::slice::from_ref(f), std::slice::from_ref(r));
                    prop_assert!(agree(f, r).is_ok(), "{}", agree(f, r).unwrap_err());
                }
            }
            (Err(a), Err(b)) => prop_assert_eq!(a, b),
            (a, b) => prop_assert!(false, "{:?} vs {:?}", a.is_ok(), b.is_ok()),
        }
    }
}
