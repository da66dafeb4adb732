//! What one cohort of objects owes S3 over its life, before any price and before any
//! calendar: a list of [`Kernel`]s, each a meter, a quantity per byte written and
//! the ages at which it accrues. The billing rules live here once; the day-by-day
//! reference simulation ([`super::simulate`]) and the closed-form sums
//! ([`super::closed_form`]) only differ in how they lay kernels onto 730-hour months.

use super::lifecycle::Phase;
use super::rules::{
    ARCHIVE_OVERHEAD_AT_CLASS_RATE_KIB, ARCHIVE_OVERHEAD_AT_STANDARD_RATE_KIB, has_retrieval_fee,
    it_min_monitored_object, min_billable_object, restored_copy_days,
};
use super::tiering::TierProfile;
use super::usage::{ItTier, Meter};
use crate::model::timeline::DAYS_PER_MONTH;
use crate::scenario::{Access, AccessKind, StorageClass};
use crate::units::{GIB, KIB};

/// When a kernel accrues, in days of age (since the start of the day the cohort was
/// written).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shape {
    /// Once, at an age: a request or a charge that falls in the month it happens.
    At(f64),
    /// At a steady rate per 730-hour month over ages `[from, to)`; `to` may be infinite.
    Over(f64, f64),
    /// Over ages `[from, to)` at a rate weighted by the share of the cohort in an
    /// INTELLIGENT_TIERING access tier (the profile's index in the layer's list).
    Tiered {
        from: f64,
        to: f64,
        profile: usize,
        tier: ItTier,
    },
}

/// One meter of a cohort: `per_byte` × bytes written, once (`At`) or per month of age
/// (`Over`, `Tiered`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Kernel {
    pub meter: Meter,
    pub per_byte: f64,
    pub shape: Shape,
}

/// Objects that age together: a day's writes, or a layer's existing data.
pub struct Cohort<'a> {
    pub object_size: f64,
    pub phases: &'a [Phase],
    /// Whether the cohort's PUT requests are billed (not for data already there).
    pub written: bool,
}

/// INTELLIGENT_TIERING's access clocks of a layer: one profile per age at which
/// objects enter the class.
pub struct Profiles(pub Vec<(f64, TierProfile)>);

impl Profiles {
    /// A profile of `days` days for each moment a phase enters INTELLIGENT_TIERING.
    /// The clock starts when an object enters the class: written (at midday of its
    /// first day, like the lifecycle model), moved in by a transition, or, for data
    /// already there at month 1, when it entered the class.
    pub fn new<'a>(
        phases: impl Iterator<Item = &'a Phase>,
        access: &[Access],
        days: usize,
    ) -> Profiles {
        let mut out: Vec<(f64, TierProfile)> = Vec::new();
        for p in phases {
            if p.class == StorageClass::IntelligentTiering
                && !out.iter().any(|(s, _)| *s == p.entered)
            {
                out.push((p.entered, TierProfile::new(access, days, p.entered)));
            }
        }
        Profiles(out)
    }

    fn index_of(&self, entered: f64) -> Option<usize> {
        self.0.iter().position(|(s, _)| *s == entered)
    }

    pub fn get(&self, i: usize) -> &TierProfile {
        &self.0[i].1
    }
}

/// Every kernel of a cohort under a layer's access rules.
pub fn kernels(c: &Cohort, access: &[Access], profiles: &Profiles) -> Vec<Kernel> {
    let per_object = 1.0 / c.object_size;
    let per_gb = 1.0 / GIB;
    let mut out = Vec::new();
    let mut push = |meter, per_byte, shape| {
        out.push(Kernel {
            meter,
            per_byte,
            shape,
        })
    };
    if c.written
        && let Some(first) = c.phases.first()
    {
        push(Meter::Put(first.class), per_object, Shape::At(0.5));
    }
    for p in c.phases {
        let class = p.class;
        if p.by_transition {
            push(Meter::Transition(class), per_object, Shape::At(p.from));
        }
        storage(&mut push, c, p, profiles);
        for a in access {
            reads(&mut push, a, p, per_object);
        }
        let short = p.shortfall_days();
        if short > 0.0 {
            // S3 bills the remaining days of the minimum at the class's rate when an
            // object is transitioned or deleted early.
            let billed = billable_object_bytes(class, c.object_size)
                + if class.is_archive() {
                    ARCHIVE_OVERHEAD_AT_CLASS_RATE_KIB * KIB
                } else {
                    0.0
                };
            push(
                Meter::EarlyDelete(class),
                per_object * billed * per_gb * short / DAYS_PER_MONTH,
                Shape::At(p.to),
            );
        }
    }
    out
}

/// Bytes per object billed in `class`'s own storage line (the 128 KB minimum applies).
pub fn billable_object_bytes(class: StorageClass, object_size: f64) -> f64 {
    object_size.max(min_billable_object(class).0)
}

fn storage(push: &mut impl FnMut(Meter, f64, Shape), c: &Cohort, p: &Phase, profiles: &Profiles) {
    let per_object = 1.0 / c.object_size;
    let per_gb = 1.0 / GIB;
    let over = Shape::Over(p.from, p.to);
    let monitored = c.object_size > it_min_monitored_object().0;
    match (p.class, profiles.index_of(p.entered)) {
        (StorageClass::IntelligentTiering, Some(profile)) if monitored => {
            for tier in ItTier::ALL {
                let shape = Shape::Tiered {
                    from: p.from,
                    to: p.to,
                    profile,
                    tier,
                };
                push(Meter::ItStorage(tier), per_gb, shape);
            }
            push(Meter::Monitoring, per_object, over);
        }
        (StorageClass::IntelligentTiering, _) => {
            push(Meter::ItStorage(ItTier::Frequent), per_gb, over);
        }
        (class, _) if class.is_archive() => {
            push(Meter::Storage(class), per_gb, over);
            // Per object: 32 KB at the class's rate and 8 KB at STANDARD's.
            let kib = per_object * per_gb * KIB;
            push(
                Meter::ArchiveOverhead(class),
                kib * ARCHIVE_OVERHEAD_AT_CLASS_RATE_KIB,
                over,
            );
            push(
                Meter::ArchiveMetadata,
                kib * ARCHIVE_OVERHEAD_AT_STANDARD_RATE_KIB,
                over,
            );
        }
        (class, _) => {
            let billable = per_object * billable_object_bytes(class, c.object_size) * per_gb;
            push(Meter::Storage(class), billable, over);
        }
    }
}

/// Reads and restores of one access rule while the cohort is in phase `p`.
fn reads(push: &mut impl FnMut(Meter, f64, Shape), a: &Access, p: &Phase, per_object: f64) {
    let (r0, r1) = a.day_interval();
    let (from, to) = (r0.max(p.from), r1.min(p.to));
    if from >= to {
        return;
    }
    let over = Shape::Over(from, to);
    let class = p.class;
    let per_gb = 1.0 / GIB;
    match a.kind {
        // Reads of archived objects are rejected by `check` (LC-S3-010).
        AccessKind::Reads { per_month } if !class.is_archive() => {
            push(Meter::Get(class), per_object * per_month, over);
            if has_retrieval_fee(class) {
                push(Meter::Retrieval(class), per_gb * per_month, over);
            }
        }
        AccessKind::Restores {
            per_month,
            tier,
            keep_days,
            ..
        } if class.is_archive() => {
            let share = per_month.value();
            push(
                Meter::RestoreRequests(class, tier),
                per_object * share,
                over,
            );
            push(Meter::RestoreRetrieval(class, tier), per_gb * share, over);
            // The restored copy is billed at the STANDARD rate from the moment it is
            // ready until S3 expires it.
            push(
                Meter::RestoredCopy,
                per_gb * share * restored_copy_days(keep_days) / DAYS_PER_MONTH,
                over,
            );
        }
        _ => {}
    }
}
