//! S3 Lifecycle: where a layer's objects sit at each age, and which rules S3 would
//! reject or bill for in ways the author may not expect.
//!
//! Ages are in days since the start of the day an object was written (age day 0).
//! S3 adds a rule's days to the creation time and rounds up to the next midnight UTC,
//! so every object written on day d moves at the start of day d + after_days + 1, that
//! is at age `after_days + 1`; expiration likewise. New objects land, on average, at
//! midday (age 0.5).

use super::rules::{IA_MIN_AGE_DAYS, can_transition, lifecycle_min_object, min_storage_days};
use crate::scenario::{Existing, Layer, StorageClass};
use crate::units::Bytes;

/// Average age, in days, at which a day's writes land.
pub const WRITE_AGE: f64 = 0.5;

/// A stretch of an object's life in one class: ages `[from, to)` in days.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Phase {
    pub class: StorageClass,
    pub from: f64,
    /// `f64::INFINITY` when the object stays until the end of time.
    pub to: f64,
    /// Whether a lifecycle transition request moved the object here.
    pub by_transition: bool,
    /// Age at which the object entered this class: its minimum storage duration runs
    /// from here. `from` for writes and transitions; for existing data, its age less
    /// the days it has already spent in its class (`class_since_days`).
    pub entered: f64,
}

impl Phase {
    pub fn days(&self) -> f64 {
        self.to - self.from
    }

    /// Days short of the class's minimum storage duration when the phase ends by a
    /// transition or expiration; 0 when it lasts long enough or never ends.
    pub fn shortfall_days(&self) -> f64 {
        if self.to.is_infinite() {
            return 0.0;
        }
        (min_storage_days(self.class) - (self.to - self.entered)).max(0.0)
    }
}

/// Age at which a rule of `days` days takes effect (next midnight after creation + days).
fn effective_age(days: u32) -> f64 {
    f64::from(days) + 1.0
}

/// Whether S3 Lifecycle will move objects of this size at all.
pub fn transitions_apply(object_size: Bytes) -> bool {
    object_size >= lifecycle_min_object()
}

/// The phases of a newly written object of the layer.
pub fn plan_new(layer: &Layer) -> Vec<Phase> {
    let moves: Vec<(f64, StorageClass)> = if transitions_apply(layer.object_size) {
        layer
            .lifecycle
            .iter()
            .map(|t| (effective_age(t.after_days), t.to))
            .collect()
    } else {
        Vec::new()
    };
    build(
        layer.storage_class,
        WRITE_AGE,
        &moves,
        expiry_age(layer),
        WRITE_AGE,
    )
}

/// The phases of the layer's existing data, from its age at the start of month 1.
/// Rules already due apply at once (S3 acts on them at its next lifecycle run); when
/// several are due, the object goes straight to the last one. The data entered its
/// class `class_since_days` before month 1, so moving or expiring it before the class's
/// minimum storage duration has run bills the rest, as for new objects.
pub fn plan_existing(layer: &Layer, e: &Existing) -> Vec<Phase> {
    let age = f64::from(e.age_days);
    let moves: Vec<(f64, StorageClass)> = if transitions_apply(e.object_size) {
        layer
            .lifecycle
            .iter()
            .map(|t| (effective_age(t.after_days).max(age), t.to))
            .collect()
    } else {
        Vec::new()
    };
    build(
        e.storage_class,
        age,
        &moves,
        expiry_age(layer).max(age),
        age - f64::from(e.class_since_days),
    )
}

fn expiry_age(layer: &Layer) -> f64 {
    layer
        .expire_after_days
        .map_or(f64::INFINITY, |e| effective_age(e.value))
}

/// Walks the transitions S3 can make from `class`, dropping those that are not allowed
/// from where the object is (reported by [`super::check`]) or come after expiry.
fn build(
    class: StorageClass,
    start: f64,
    moves: &[(f64, StorageClass)],
    expiry: f64,
    entered: f64,
) -> Vec<Phase> {
    let mut phases = vec![Phase {
        class,
        from: start,
        to: expiry,
        by_transition: false,
        entered,
    }];
    for (i, &(age, to)) in moves.iter().enumerate() {
        let current = *phases.last().expect("phases start non-empty");
        if age >= expiry || !can_transition(current.class, to) {
            continue;
        }
        // Several rules due at the same moment: the object goes straight to the last.
        let superseded = moves[i + 1..]
            .iter()
            .any(|&(a, t)| a == age && can_transition(current.class, t));
        if superseded {
            continue;
        }
        let last = phases.last_mut().expect("phases start non-empty");
        last.to = age.max(last.from);
        phases.push(Phase {
            class: to,
            from: age,
            to: expiry,
            by_transition: true,
            entered: age,
        });
    }
    phases.retain(|p| p.to > p.from || p.by_transition);
    phases
}

/// A lifecycle rule S3 rejects when the configuration is uploaded, with its code.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejection {
    pub code: &'static str,
    pub rule: usize,
    pub message: String,
}

/// The PutBucketLifecycleConfiguration checks for one layer's rules.
pub fn rejections(layer: &Layer) -> Vec<Rejection> {
    let mut out = Vec::new();
    let mut class = layer.storage_class;
    let mut prev: Option<(u32, StorageClass)> = None;
    for (i, t) in layer.lifecycle.iter().enumerate() {
        let rule = format!("rule {} ({} after {} days)", i + 1, t.to, t.after_days);
        if matches!(t.to, StorageClass::StandardIa | StorageClass::OnezoneIa)
            && t.after_days < IA_MIN_AGE_DAYS
        {
            out.push(Rejection {
                code: "LC-S3-001",
                rule: i,
                message: format!(
                    "{rule}: S3 requires objects to be at least {IA_MIN_AGE_DAYS} days old before a transition to {}",
                    t.to
                ),
            });
        }
        if let Some((days, _)) = prev
            && t.after_days <= days
        {
            out.push(Rejection {
                code: "LC-S3-003",
                rule: i,
                message: format!(
                    "{rule}: transition days must increase from rule to rule (the previous rule is at {days} days)"
                ),
            });
        }
        if let Some((days, from @ (StorageClass::StandardIa | StorageClass::OnezoneIa))) = prev
            && t.after_days < days + IA_MIN_AGE_DAYS
        {
            out.push(Rejection {
                code: "LC-S3-004",
                rule: i,
                message: format!(
                    "{rule}: S3 requires at least {IA_MIN_AGE_DAYS} days between the transition to {from} (day {days}) and the next one"
                ),
            });
        }
        if can_transition(class, t.to) {
            class = t.to;
        } else {
            let allowed: Vec<&str> = StorageClass::ALL
                .iter()
                .filter(|c| can_transition(class, **c))
                .map(|c| c.api_name())
                .collect();
            out.push(Rejection {
                code: "LC-S3-002",
                rule: i,
                message: format!(
                    "{rule}: S3 cannot move objects from {class} to {} (allowed from {class}: {})",
                    t.to,
                    if allowed.is_empty() {
                        "none".to_string()
                    } else {
                        allowed.join(", ")
                    }
                ),
            });
        }
        prev = Some((t.after_days, t.to));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::Fraction;
    use StorageClass::*;

    fn layer(rules: &[(u32, StorageClass)], expire: Option<u32>) -> Layer {
        let l = Layer::new("bronze", Fraction::ONE, Bytes::from_gib(0.125)).with_lifecycle(rules);
        match expire {
            Some(days) => l.expiring_after(days),
            None => l,
        }
    }

    #[test]
    fn phases_follow_the_midnight_rounding_rule() {
        // Objects written on day d move at the first midnight after creation + N days,
        // i.e. at age N + 1 (S3 User Guide, "Transitioning objects").
        let p = plan_new(&layer(&[(30, StandardIa), (90, Glacier)], Some(730)));
        let spans: Vec<_> = p.iter().map(|p| (p.class, p.from, p.to)).collect();
        assert_eq!(
            spans,
            vec![
                (Standard, 0.5, 31.0),
                (StandardIa, 31.0, 91.0),
                (Glacier, 91.0, 731.0)
            ]
        );
        assert!(p.iter().all(|p| p.shortfall_days() == 0.0));
    }

    #[test]
    fn glacier_left_before_90_days_is_short() {
        // GLACIER bills at least 90 days: moving to DEEP_ARCHIVE 40 days after arrival
        // leaves 50 days to pay.
        let p = plan_new(&layer(&[(90, Glacier), (130, DeepArchive)], None));
        assert_eq!(p[1].class, Glacier);
        assert_eq!(p[1].shortfall_days(), 50.0);
    }

    #[test]
    fn small_objects_stay_put() {
        let mut l = layer(&[(30, StandardIa)], Some(100));
        l.object_size = Bytes::from_kib(64.0);
        let p = plan_new(&l);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].class, Standard);
    }

    #[test]
    fn existing_data_takes_due_rules_at_once() {
        let mut l = layer(&[(30, StandardIa), (90, Glacier), (365, DeepArchive)], None);
        let e = Existing {
            size: Bytes::from_gib(1024.0),
            object_size: Bytes::from_gib(0.0625),
            storage_class: Standard,
            age_days: 100,
            class_since_days: 100,
            loc: None,
        };
        l.existing = Some(e);
        let p = plan_existing(&l, &e);
        let spans: Vec<_> = p.iter().map(|p| (p.class, p.from, p.to)).collect();
        assert_eq!(
            spans,
            vec![(Glacier, 100.0, 366.0), (DeepArchive, 366.0, f64::INFINITY)]
        );
        assert!(p[0].by_transition);
    }

    #[test]
    fn young_existing_data_owes_the_rest_of_its_minimum() {
        // 30-day-old data in GLACIER since it was written; the layer moves objects to
        // DEEP_ARCHIVE after 40 days, at age 41: 41 days in GLACIER of a 90-day
        // minimum leaves 49 days to bill as early deletion.
        let l = layer(&[(40, DeepArchive)], None);
        let mut e = Existing {
            size: Bytes::from_gib(1024.0),
            object_size: Bytes::from_gib(1.0),
            storage_class: Glacier,
            age_days: 30,
            class_since_days: 30,
            loc: None,
        };
        let p = plan_existing(&l, &e);
        assert_eq!((p[0].class, p[0].from, p[0].to), (Glacier, 30.0, 41.0));
        assert_eq!(p[0].shortfall_days(), 49.0);
        // In GLACIER for only 10 of its 30 days: entered at age 20, 21 days by age 41.
        e.class_since_days = 10;
        assert_eq!(plan_existing(&l, &e)[0].shortfall_days(), 69.0);
        // Old data has served its minimum long ago.
        e.age_days = 400;
        e.class_since_days = 400;
        assert_eq!(plan_existing(&l, &e)[0].shortfall_days(), 0.0);
    }

    #[test]
    fn s3_rejects_what_its_api_rejects() {
        let codes = |rules: &[(u32, StorageClass)]| -> Vec<&str> {
            rejections(&layer(rules, None))
                .iter()
                .map(|r| r.code)
                .collect()
        };
        assert_eq!(codes(&[(7, StandardIa)]), vec!["LC-S3-001"]);
        assert_eq!(
            codes(&[(90, Glacier), (120, StandardIa)]),
            vec!["LC-S3-002"]
        );
        assert_eq!(
            codes(&[(60, StandardIa), (30, Glacier)]),
            vec!["LC-S3-003", "LC-S3-004"]
        );
        assert_eq!(codes(&[(30, StandardIa), (45, Glacier)]), vec!["LC-S3-004"]);
        assert!(codes(&[(30, StandardIa), (90, Glacier), (365, DeepArchive)]).is_empty());
    }
}
