//! The cheapest legal storage design of each S3 layer: the class objects are written
//! to and up to two lifecycle transitions, for the layer's own access pattern, object
//! size, existing data and retention (which stay as they are).
//!
//! The days searched are those where a design's cost can change slope: the first and
//! day after the last of each access range, 30 days (the earliest move to an IA class),
//! the retention less each class's minimum storage duration, the rule days already
//! written, and, for a second transition, the first plus 30 days (S3's gap after an IA
//! class) and plus the first class's minimum duration. At steady state a design's cost
//! is linear in a transition day between such days, so the search is exact there over
//! designs of at most three classes; over the horizon it is a documented bound.
//!
//! A design is a candidate only if its findings (`lakecost validate`) are among the
//! layer's findings now: S3 accepts its rules, reads fall on readable classes,
//! restores on archived ones (over the whole age range), the restore tier exists for
//! the class, and no new warning (a transition that costs more than it saves) appears.
//! Early deletion is the exception: it is a charge S3 bills, not a rule it enforces,
//! so a design that pays it competes with the charge priced in.

use super::super::{Kind, Proposal, Search, saves};
use crate::model::Service;
use crate::model::s3::lifecycle::transitions_apply;
use crate::model::s3::rules::{IA_MIN_AGE_DAYS, can_transition, min_storage_days, restore_hours};
use crate::model::s3::{check_layer, lifecycle};
use crate::scenario::edit::{Edit, item_path, scalar};
use crate::scenario::{Access, AccessKind, Layer, RestoreTier, StorageClass};
use rayon::prelude::*;
use std::collections::BTreeSet;

/// A storage design: the class written to and the transitions, `(after_days, to)`.
#[derive(Clone, Debug, PartialEq)]
struct Design {
    class: StorageClass,
    rules: Vec<(u32, StorageClass)>,
}

impl Design {
    fn of(l: &Layer) -> Design {
        Design {
            class: l.storage_class,
            rules: l.lifecycle.iter().map(|t| (t.after_days, t.to)).collect(),
        }
    }

    /// The layer with this design. Restored copies keep their `restore_days`: a copy
    /// lives that long after it is ready however long the restore took
    /// (`rules::restored_copy_days`), so how long a restored object can be read does
    /// not change with the class.
    fn on(&self, l: &Layer) -> Layer {
        let mut out = l.clone().with_lifecycle(&self.rules);
        out.storage_class = self.class;
        out
    }

    /// `STANDARD → GLACIER_IR after 1 day → DEEP_ARCHIVE after 90 days`.
    fn describe(&self) -> String {
        let mut out = self.class.to_string();
        for (days, to) in &self.rules {
            let unit = if *days == 1 { "day" } else { "days" };
            out.push_str(&format!(" → {to} after {days} {unit}"));
        }
        out
    }
}

pub(super) fn propose(search: &Search) -> Vec<Proposal> {
    let mut out = Vec::new();
    for (i, layer) in search.resolved.s3.layers.iter().enumerate() {
        if let Some(p) = best_design(search, i, layer) {
            out.push(p);
        }
    }
    out
}

fn best_design(search: &Search, i: usize, layer: &Layer) -> Option<Proposal> {
    let s = &search.resolved;
    let codes = |l: &Layer| -> Option<Vec<&'static str>> {
        check_layer(s, search.book, l)
            .ok()
            .map(|f| f.iter().map(|f| f.code).collect())
    };
    let now = codes(layer)?;
    let current = Design::of(layer);
    let base = search.s3_cost(s)?;
    let designs = designs(layer);
    search
        .checked
        .fetch_add(designs.len(), std::sync::atomic::Ordering::Relaxed);
    let priced: Vec<(f64, Design)> = designs
        .into_par_iter()
        .filter(|d| *d != current)
        .filter_map(|d| {
            let l = d.on(layer);
            if !codes(&l)?
                .iter()
                .all(|c| now.contains(c) || super::super::is_priced_charge(c))
            {
                return None;
            }
            let mut candidate = s.clone();
            candidate.s3.layers[i] = l;
            Some((search.s3_cost(&candidate)?, d))
        })
        .collect();
    // The cheapest; among equal costs, the first found (fewest changes come first).
    let (cost, best) = priced
        .into_iter()
        .reduce(|a, b| if b.0 < a.0 { b } else { a })?;
    if !saves(base, cost) {
        return None;
    }
    // The design on the layer as written (the search priced it on the resolved one).
    let mut candidate = search.s.clone();
    candidate.s3.layers[i] = best.on(&search.s.s3.layers[i]);
    Some(Proposal {
        candidate,
        service: Service::S3,
        resource: layer.name.clone(),
        title: format!("{} (was {})", best.describe(), current.describe()),
        kind: if best.class == current.class {
            Kind::Configuration
        } else {
            Kind::Producer
        },
        trade_off: trade_off(layer, &current, &best),
        edits: edits(layer, &current, &best),
    })
}

/// The slowest restore, in hours, of the archived objects at the ages of `a`, and
/// their class (`(0, STANDARD)` when none is archived there).
fn slowest_restore(l: &Layer, a: &Access, tier: RestoreTier) -> (f64, StorageClass) {
    let (r0, r1) = a.day_interval();
    lifecycle::plan_new(l)
        .iter()
        .filter(|p| p.class.is_archive() && r0.max(p.from) < r1.min(p.to))
        .map(|p| (restore_hours(p.class, tier), p.class))
        .fold(
            (0.0, StorageClass::Standard),
            |a, b| if b.0 > a.0 { b } else { a },
        )
}

/// The days a transition is tried at (see the module's documentation).
fn days(l: &Layer) -> BTreeSet<u32> {
    let mut days = BTreeSet::from([IA_MIN_AGE_DAYS]);
    for a in &l.access {
        // A move at age `from_day` (a rule takes effect at age after_days + 1)…
        days.insert(a.from_day.saturating_sub(1));
        // …and right after the range's last day.
        if let Some(t) = a.to_day {
            days.insert(t);
        }
    }
    days.extend(l.lifecycle.iter().map(|t| t.after_days));
    if let Some(e) = l.expire_after_days {
        for c in StorageClass::ALL {
            days.insert(e.value.saturating_sub(min_storage_days(c) as u32));
        }
    }
    let expiry = l.expire_after_days.map(|e| e.value);
    days.retain(|d| *d >= 1 && expiry.is_none_or(|e| *d < e));
    days
}

/// Every design of at most three classes over the days worth trying.
fn designs(l: &Layer) -> Vec<Design> {
    let classes: Vec<StorageClass> = StorageClass::ALL
        .into_iter()
        .filter(|c| *c != StorageClass::OnezoneIa || l.recreatable)
        .collect();
    // Firehose writes its objects in STANDARD: its S3 destination has no storage class
    // setting, so a delivered layer keeps the class it is written to.
    let firsts: Vec<StorageClass> = if l.delivered_per_day.is_some() {
        vec![l.storage_class]
    } else {
        classes.clone()
    };
    let days = days(l);
    let expiry = l.expire_after_days.map(|e| e.value);
    let mut out = Vec::new();
    for &first in &firsts {
        out.push(Design {
            class: first,
            rules: Vec::new(),
        });
        // Objects under 128 KB are not transitioned: only the class written to counts.
        if !transitions_apply(l.object_size) {
            continue;
        }
        for &c1 in classes.iter().filter(|c| can_transition(first, **c)) {
            for &t1 in &days {
                out.push(Design {
                    class: first,
                    rules: vec![(t1, c1)],
                });
                let mut then = days.clone();
                then.insert(t1 + IA_MIN_AGE_DAYS);
                then.insert(t1 + min_storage_days(c1) as u32);
                then.retain(|d| *d > t1 && expiry.is_none_or(|e| *d < e));
                for &c2 in classes.iter().filter(|c| can_transition(c1, **c)) {
                    for &t2 in &then {
                        out.push(Design {
                            class: first,
                            rules: vec![(t1, c1), (t2, c2)],
                        });
                    }
                }
            }
        }
    }
    out
}

/// The edits that write `to` in place of `from`.
fn edits(l: &Layer, from: &Design, to: &Design) -> Vec<Edit> {
    let at = |key: &str| item_path("s3", "layers", &l.name, &[key]);
    let mut out = Vec::new();
    if from.class != to.class {
        out.push(Edit::Set {
            path: at("storage_class"),
            value: to.class.to_string(),
        });
    }
    if from.rules != to.rules {
        if to.rules.is_empty() {
            out.push(Edit::Remove {
                path: at("lifecycle"),
            });
        } else {
            let rules: Vec<String> = to
                .rules
                .iter()
                .map(|(d, c)| format!("{{ after_days: {d}, to: {} }}", scalar(&c.to_string())))
                .collect();
            out.push(Edit::Set {
                path: at("lifecycle"),
                value: format!("[{}]", rules.join(", ")),
            });
        }
    }
    out
}

/// What the new design asks of the people using the layer.
fn trade_off(l: &Layer, from: &Design, to: &Design) -> String {
    let mut notes = Vec::new();
    if from.class != to.class {
        notes.push(if to.class == StorageClass::Standard {
            format!(
                "writers stop asking for {} on upload (STANDARD is the default)",
                from.class
            )
        } else {
            format!("writers set the storage class {} on upload", to.class)
        });
    }
    let classes = |d: &Design| -> Vec<StorageClass> {
        lifecycle::plan_new(&d.on(l))
            .iter()
            .map(|p| p.class)
            .collect()
    };
    let (old, new) = (classes(from), classes(to));
    if new.contains(&StorageClass::OnezoneIa) && !old.contains(&StorageClass::OnezoneIa) {
        notes.push("ONEZONE_IA keeps one Availability Zone's copy: data lost with it is rebuilt (the layer is marked recreatable)".into());
    }
    let fee = |c: &[StorageClass]| {
        c.iter()
            .any(|c| crate::model::s3::rules::has_retrieval_fee(*c))
    };
    if fee(&new) && !fee(&old) {
        notes.push("reads pay a retrieval fee per GB (priced)".into());
    }
    // Ages archived now that were not: reading them takes a restore.
    let archived_from = |d: &Design| {
        lifecycle::plan_new(&d.on(l))
            .iter()
            .find(|p| p.class.is_archive())
            .map(|p| (p.from, p.class))
    };
    if let Some((age, class)) = archived_from(to)
        && archived_from(from).is_none_or(|(was, _)| age < was)
    {
        notes.push(format!(
            "objects are in {class} from age {age:.0} days: reading one takes a restore ({})",
            if class == StorageClass::DeepArchive {
                "12 h standard, 48 h bulk"
            } else {
                "minutes expedited, 3–5 h standard, 5–12 h bulk"
            }
        ));
    }
    // The slowest restore of each restored age range, before and after.
    let (old_layer, new_layer) = (from.on(l), to.on(l));
    for (a, b) in old_layer.access.iter().zip(&new_layer.access) {
        let AccessKind::Restores { tier, .. } = a.kind else {
            continue;
        };
        let (was, was_class) = slowest_restore(&old_layer, a, tier);
        let (now, now_class) = slowest_restore(&new_layer, b, tier);
        if now > was {
            let ages = match a.to_day {
                Some(t) => format!("{}-{t}", a.from_day),
                None => format!("{}-", a.from_day),
            };
            notes.push(format!(
                "{} restores of ages {ages} take about {now} h from {now_class} instead of about {was} h from {was_class}",
                tier.name(),
            ));
        }
    }
    if notes.is_empty() {
        "none: the same reads and restores at the same speed".into()
    } else {
        notes.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::{Bytes, Fraction};

    #[test]
    fn days_are_where_costs_change_slope() {
        // Reads on day 1 and days 2–90, restores from 91; kept 730 days: moves at ages
        // 1, 2, 91 (after 0 is dropped: a move on the day of writing is the class
        // written to), after each range (1, 90), at 30, and 730 less 30, 90 and 180.
        let mut l =
            Layer::new("b", Fraction::ONE, Bytes::from_kib(128.0 * 1024.0)).expiring_after(730);
        l.access = vec![access(1, Some(1)), access(2, Some(90)), access(91, None)];
        assert_eq!(
            days(&l).into_iter().collect::<Vec<_>>(),
            vec![1, 30, 90, 550, 640, 700]
        );
    }

    fn access(from: u32, to: Option<u32>) -> crate::scenario::Access {
        crate::scenario::Access {
            from_day: from,
            to_day: to,
            kind: AccessKind::Reads { per_month: 1.0 },
            loc: None,
        }
    }

    #[test]
    fn small_objects_get_no_transitions_to_search() {
        let l = Layer::new("s", Fraction::ONE, Bytes::from_kib(64.0)).expiring_after(730);
        assert!(designs(&l).iter().all(|d| d.rules.is_empty()));
        assert_eq!(designs(&l).len(), StorageClass::ALL.len() - 1);
    }
}
