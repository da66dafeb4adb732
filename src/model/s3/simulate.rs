//! Daily cohorts: each day's writes to a layer age, move through the layer's storage
//! classes and expire together; their storage is integrated in byte-hours over each
//! 730-hour month, and their requests, transitions, reads and early-deletion charges
//! fall in the month they happen.

use super::lifecycle::{Phase, plan_existing, plan_new};
use super::rules::{
    ARCHIVE_OVERHEAD_AT_CLASS_RATE_KIB, ARCHIVE_OVERHEAD_AT_STANDARD_RATE_KIB, has_retrieval_fee,
    it_min_monitored_object, min_billable_object, restore_hours, restored_copy_days,
};
use super::tiering::TierProfile;
use super::usage::{ItTier, Meter, Usage};
use crate::model::timeline::{DAYS_PER_MONTH, MonthWindow};
use crate::scenario::{Access, AccessKind, Layer, Scenario, StorageClass};
use crate::units::{GIB, HOURS_PER_DAY, HOURS_PER_MONTH, KIB};

/// Whether daily writes grow by the scenario's monthly growth (the horizon) or stay at
/// the month-1 rate (the steady state).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Growth {
    Compound,
    Flat,
}

/// Usage per layer per month: `result[layer][month]`.
pub fn simulate(s: &Scenario, months: usize, growth: Growth) -> Vec<Vec<Usage>> {
    let window = MonthWindow { months };
    s.layers
        .iter()
        .map(|l| simulate_layer(s, l, window, growth))
        .collect()
}

/// Bytes per object billed in `class`'s own storage line (the 128 KB minimum applies).
pub fn billable_object_bytes(class: StorageClass, object_size: f64) -> f64 {
    object_size.max(min_billable_object(class).0)
}

/// One day's writes, or a layer's existing data.
struct Cohort<'a> {
    /// Day of creation; negative for existing data.
    day: f64,
    bytes: f64,
    object_size: f64,
    phases: &'a [Phase],
    /// Whether its PUT requests fall inside the horizon.
    written_in_horizon: bool,
}

fn simulate_layer(s: &Scenario, layer: &Layer, window: MonthWindow, growth: Growth) -> Vec<Usage> {
    let mut out = vec![Usage::default(); window.months];
    let horizon_days = (window.months as f64 * DAYS_PER_MONTH).ceil() as usize;
    let existing_age = layer.existing.map_or(0, |e| e.age_days as usize);
    let new_phases = plan_new(layer);
    let existing_phases = layer.existing.map(|e| plan_existing(layer, &e));
    // One tier profile per moment objects enter INTELLIGENT_TIERING.
    let mut profiles: Vec<(f64, TierProfile)> = Vec::new();
    for p in new_phases.iter().chain(existing_phases.iter().flatten()) {
        let since = tiering_clock_start(p);
        if p.class == StorageClass::IntelligentTiering && !profiles.iter().any(|(s, _)| *s == since)
        {
            let days = horizon_days + existing_age + 2;
            profiles.push((since, TierProfile::new(&layer.access, days, since)));
        }
    }
    let sim = LayerSim {
        window,
        access: &layer.access,
        profiles: &profiles,
    };
    let daily = layer.daily_writes(s.ingest.per_day).0;
    // Ingest grows; a delivery stream's stated rate does not.
    let grows = growth == Growth::Compound && layer.delivered_per_day.is_none();
    if daily > 0.0 {
        for d in 0..horizon_days {
            let month = (d as f64 * HOURS_PER_DAY / HOURS_PER_MONTH).floor() as i32;
            let factor = if grows {
                (1.0 + s.ingest.growth_per_month.value()).powi(month)
            } else {
                1.0
            };
            sim.add(
                &mut out,
                &Cohort {
                    day: d as f64,
                    bytes: daily * factor,
                    object_size: layer.object_size.0,
                    phases: &new_phases,
                    written_in_horizon: true,
                },
            );
        }
    }
    if let (Some(e), Some(phases)) = (&layer.existing, &existing_phases) {
        sim.add(
            &mut out,
            &Cohort {
                day: -f64::from(e.age_days),
                bytes: e.size.0,
                object_size: e.object_size.0,
                phases,
                written_in_horizon: false,
            },
        );
    }
    out
}

/// INTELLIGENT_TIERING's access clock starts when an object enters the class: written
/// (at midday of its first day, like the lifecycle model), moved in by a transition,
/// or, for data already there at month 1, when it entered the class.
fn tiering_clock_start(p: &Phase) -> f64 {
    p.entered
}

struct LayerSim<'a> {
    window: MonthWindow,
    access: &'a [Access],
    profiles: &'a [(f64, TierProfile)],
}

impl LayerSim<'_> {
    fn add(&self, out: &mut [Usage], c: &Cohort) {
        let objects = c.bytes / c.object_size;
        let gb = c.bytes / GIB;
        let hour = |age: f64| (c.day + age) * HOURS_PER_DAY;
        if c.written_in_horizon
            && let (Some(first), Some(m)) = (c.phases.first(), self.window.month_of(hour(0.5)))
        {
            out[m].add(Meter::Put(first.class), objects);
        }
        for p in c.phases {
            let class = p.class;
            if p.by_transition
                && let Some(m) = self.window.month_of(hour(p.from))
            {
                out[m].add(Meter::Transition(class), objects);
            }
            self.storage(out, c, p, objects, gb);
            self.access(out, c, p, objects, gb);
            let short = p.shortfall_days();
            if short > 0.0
                && let Some(m) = self.window.month_of(hour(p.to))
            {
                // S3 bills the remaining days of the minimum at the class's rate when an
                // object is transitioned or deleted early.
                let per_object = billable_object_bytes(class, c.object_size)
                    + if class.is_archive() {
                        ARCHIVE_OVERHEAD_AT_CLASS_RATE_KIB * KIB
                    } else {
                        0.0
                    };
                out[m].add(
                    Meter::EarlyDelete(class),
                    objects * per_object / GIB * short / DAYS_PER_MONTH,
                );
            }
        }
    }

    fn storage(&self, out: &mut [Usage], c: &Cohort, p: &Phase, objects: f64, gb: f64) {
        let start = (c.day + p.from) * HOURS_PER_DAY;
        let end = (c.day + p.to) * HOURS_PER_DAY;
        let class = p.class;
        let monitored = c.object_size > it_min_monitored_object().0;
        let since = tiering_clock_start(p);
        let profile = self
            .profiles
            .iter()
            .find(|(s, _)| *s == since)
            .map(|(_, p)| p);
        self.window.spread(start, end, |m, from, to| {
            let months = (to - from) / HOURS_PER_MONTH;
            let u = &mut out[m];
            match (class, profile) {
                (StorageClass::IntelligentTiering, Some(profile)) if monitored => {
                    let (a0, a1) = (from / HOURS_PER_DAY - c.day, to / HOURS_PER_DAY - c.day);
                    for t in ItTier::ALL {
                        let days = profile.days_in(t, a0, a1);
                        u.add(Meter::ItStorage(t), gb * days / DAYS_PER_MONTH);
                    }
                    u.add(Meter::Monitoring, objects * months);
                }
                (StorageClass::IntelligentTiering, _) => {
                    u.add(Meter::ItStorage(ItTier::Frequent), gb * months);
                }
                (c_, _) if c_.is_archive() => {
                    u.add(Meter::Storage(c_), gb * months);
                    let kib = objects * months / GIB * KIB;
                    u.add(
                        Meter::ArchiveOverhead(c_),
                        kib * ARCHIVE_OVERHEAD_AT_CLASS_RATE_KIB,
                    );
                    u.add(
                        Meter::ArchiveMetadata,
                        kib * ARCHIVE_OVERHEAD_AT_STANDARD_RATE_KIB,
                    );
                }
                (c_, _) => {
                    let billable = objects * billable_object_bytes(c_, c.object_size) / GIB;
                    u.add(Meter::Storage(c_), billable * months);
                }
            }
        });
    }

    fn access(&self, out: &mut [Usage], c: &Cohort, p: &Phase, objects: f64, gb: f64) {
        for a in self.access {
            let (r0, r1) = a.day_interval();
            let (from, to) = (r0.max(p.from), r1.min(p.to));
            if from >= to {
                continue;
            }
            let (start, end) = ((c.day + from) * HOURS_PER_DAY, (c.day + to) * HOURS_PER_DAY);
            let class = p.class;
            self.window.spread(start, end, |m, h0, h1| {
                let months = (h1 - h0) / HOURS_PER_MONTH;
                let u = &mut out[m];
                match a.kind {
                    // Reads of archived objects are rejected by `check` (LC-S3-010).
                    AccessKind::Reads { per_month } if !class.is_archive() => {
                        u.add(Meter::Get(class), objects * per_month * months);
                        if has_retrieval_fee(class) {
                            u.add(Meter::Retrieval(class), gb * per_month * months);
                        }
                    }
                    AccessKind::Restores {
                        per_month,
                        tier,
                        keep_days,
                    } if class.is_archive() => {
                        let share = per_month.value() * months;
                        u.add(Meter::RestoreRequests(class, tier), objects * share);
                        u.add(Meter::RestoreRetrieval(class, tier), gb * share);
                        // The restored copy is billed at the STANDARD rate from the moment it
                        // is ready until S3 expires it.
                        let delay = restore_hours(class, tier) / HOURS_PER_DAY;
                        u.add(
                            Meter::RestoredCopy,
                            gb * share * restored_copy_days(keep_days, delay) / DAYS_PER_MONTH,
                        );
                    }
                    _ => {}
                }
            });
        }
    }
}
