//! S3 findings (`LC-S3-…`, documented in `docs/findings.md`): lifecycle rules S3
//! rejects are errors; legal rules that cost money the author may not expect are
//! warnings that say how much a month, at the month-1 write rate.

use super::cohort::billable_object_bytes;
use super::lifecycle::{self, Phase, rejections, transitions_apply};
use super::rules::{
    ARCHIVE_OVERHEAD_AT_CLASS_RATE_KIB, ARCHIVE_OVERHEAD_AT_STANDARD_RATE_KIB,
    lifecycle_min_object, min_storage_days, restore_hours,
};
use super::{keys, objects_per_month};
use crate::model::timeline::DAYS_PER_MONTH;
use crate::model::{Finding, Severity};
use crate::pricing::spec::PriceKey;
use crate::pricing::{PriceBook, PricingError};
use crate::scenario::{Access, AccessKind, Layer, RestoreTier, Scenario, StorageClass};
use crate::units::{GIB, KIB, Usd};

pub fn check(s: &Scenario, book: &PriceBook) -> Result<Vec<Finding>, PricingError> {
    let mut out = Vec::new();
    for l in &s.s3.layers {
        out.extend(check_layer(s, book, l)?);
    }
    Ok(out)
}

/// The findings of one layer of `s` (which `layer` need not be: the optimiser checks
/// designs of a layer before choosing one).
pub fn check_layer(
    s: &Scenario,
    book: &PriceBook,
    l: &Layer,
) -> Result<Vec<Finding>, PricingError> {
    let mut out = Vec::new();
    let rejected = rejections(l);
    if !rejected.is_empty() {
        for r in rejected {
            out.push(Finding {
                code: r.code,
                severity: Severity::Error,
                resource: l.name.clone(),
                message: r.message,
                monthly_cost_usd: None,
                loc: l.lifecycle[r.rule].loc.or(l.loc),
            });
        }
        return Ok(out);
    }
    LayerCheck {
        s,
        book,
        layer: l,
        out: &mut out,
    }
    .run()?;
    Ok(out)
}

struct LayerCheck<'a> {
    s: &'a Scenario,
    book: &'a PriceBook,
    layer: &'a Layer,
    out: &'a mut Vec<Finding>,
}

impl LayerCheck<'_> {
    fn push(
        &mut self,
        code: &'static str,
        severity: Severity,
        message: String,
        cost: Option<f64>,
        loc: Option<crate::scenario::Loc>,
    ) {
        self.out.push(Finding {
            code,
            severity,
            resource: self.layer.name.clone(),
            message,
            monthly_cost_usd: cost.map(Usd),
            loc: loc.or(self.layer.loc),
        });
    }

    /// The first-tier rate of a key; `None` is a charge the class does not have.
    fn rate(&self, key: Option<&PriceKey>) -> Result<f64, PricingError> {
        let key = key.ok_or_else(|| PricingError::Snapshot("S3 bills no such charge".into()))?;
        Ok(self.book.price(&self.s.region, key)?.rate())
    }

    fn run(mut self) -> Result<(), PricingError> {
        let l = self.layer;
        let expire = l.expire_after_days.map(|e| e.value);
        for t in &l.lifecycle {
            if let Some(e) = expire
                && t.after_days >= e
            {
                self.push(
                    "LC-S3-005",
                    Severity::Warning,
                    format!(
                        "the transition to {} after {} days never happens: objects expire after {e} days",
                        t.to, t.after_days
                    ),
                    None,
                    t.loc,
                );
            }
        }
        let writes = objects_per_month(self.s, l) > 0.0;
        if writes && !l.lifecycle.is_empty() && !transitions_apply(l.object_size) {
            self.push(
                "LC-S3-007",
                Severity::Warning,
                format!(
                    "objects of {} are under {}: S3 Lifecycle does not transition them unless the rule has an object-size filter, so lakecost keeps them in {}",
                    l.object_size,
                    lifecycle_min_object(),
                    l.storage_class
                ),
                None,
                l.lifecycle.first().and_then(|t| t.loc),
            );
        }
        let new = lifecycle::plan_new(l);
        if writes {
            self.minimum_durations(&new)?;
            self.uneconomic_transitions(&new)?;
        }
        let existing = l.existing.map(|e| lifecycle::plan_existing(l, &e));
        for a in &l.access {
            let mut plans: Vec<&[Phase]> = Vec::new();
            if writes {
                plans.push(&new);
            }
            if let Some(p) = &existing {
                plans.push(p);
            }
            self.access(a, &plans);
        }
        Ok(())
    }

    /// Where a phase's transition rule sits in the file (the rule that ends it).
    fn rule_loc(&self, class: StorageClass) -> Option<crate::scenario::Loc> {
        self.layer
            .lifecycle
            .iter()
            .find(|t| t.to == class)
            .and_then(|t| t.loc)
    }

    /// LC-S3-006: objects leave a class before its minimum storage duration.
    fn minimum_durations(&mut self, phases: &[Phase]) -> Result<(), PricingError> {
        let l = self.layer;
        for p in phases {
            let short = p.shortfall_days();
            if short <= 0.0 {
                continue;
            }
            let per_object_gb = (billable_object_bytes(p.class, l.object_size.0)
                + if p.class.is_archive() {
                    ARCHIVE_OVERHEAD_AT_CLASS_RATE_KIB * KIB
                } else {
                    0.0
                })
                / GIB;
            let rate = self.rate(keys::early_delete(p.class))?;
            let cost = objects_per_month(self.s, l) * per_object_gb * short / DAYS_PER_MONTH * rate;
            self.push(
                "LC-S3-006",
                Severity::Warning,
                format!(
                    "objects stay {:.1} days in {} but S3 bills at least {} days there: {:.1} days are charged as early deletion",
                    p.days(),
                    p.class,
                    min_storage_days(p.class),
                    short
                ),
                Some(cost),
                self.rule_loc(p.class),
            );
        }
        Ok(())
    }

    /// Cost of keeping one object of the layer in `class` for a month, with the
    /// minimum billable size and archive overhead, at the first Standard tier.
    fn object_month(&self, class: StorageClass) -> Result<f64, PricingError> {
        let size = self.layer.object_size.0;
        let mut usd = billable_object_bytes(class, size) / GIB * self.rate(keys::storage(class))?;
        if class.is_archive() {
            usd +=
                ARCHIVE_OVERHEAD_AT_CLASS_RATE_KIB * KIB / GIB * self.rate(keys::storage(class))?;
            usd += ARCHIVE_OVERHEAD_AT_STANDARD_RATE_KIB * KIB / GIB
                * self.rate(Some(&keys::STORAGE_STANDARD))?;
        }
        Ok(usd)
    }

    /// LC-S3-008: a transition whose request fee, overhead and minimum-duration charge
    /// exceed what the cheaper class saves over the time objects stay there.
    fn uneconomic_transitions(&mut self, phases: &[Phase]) -> Result<(), PricingError> {
        for pair in phases.windows(2) {
            let (prev, next) = (pair[0], pair[1]);
            let it = StorageClass::IntelligentTiering;
            if !next.by_transition || next.to.is_infinite() || prev.class == it || next.class == it
            {
                continue;
            }
            let months = next.days() / DAYS_PER_MONTH;
            let saving = (self.object_month(prev.class)? - self.object_month(next.class)?) * months;
            let fee = self.rate(keys::transition(next.class))?;
            let early = if next.shortfall_days() > 0.0 {
                billable_object_bytes(next.class, self.layer.object_size.0) / GIB
                    * next.shortfall_days()
                    / DAYS_PER_MONTH
                    * self.rate(keys::early_delete(next.class))?
            } else {
                0.0
            };
            let loss = fee + early - saving;
            if loss > 0.0 {
                self.push(
                    "LC-S3-008",
                    Severity::Warning,
                    format!(
                        "moving {} objects from {} to {} for {:.0} days costs more than it saves (${:.6} per object in fees and minimums against ${:.6} saved)",
                        self.layer.object_size,
                        prev.class,
                        next.class,
                        next.days(),
                        fee + early,
                        saving
                    ),
                    Some(loss * objects_per_month(self.s, self.layer)),
                    self.rule_loc(next.class),
                );
            }
        }
        Ok(())
    }

    /// LC-S3-010…013: reads and restores that do not fit the class objects are in.
    fn access(&mut self, a: &Access, plans: &[&[Phase]]) {
        let (r0, r1) = a.day_interval();
        let overlapping: Vec<&Phase> = plans
            .iter()
            .flat_map(|p| p.iter())
            .filter(|p| r0.max(p.from) < r1.min(p.to))
            .collect();
        let range = match a.to_day {
            Some(t) => format!("{}-{t}", a.from_day),
            None => format!("{}-", a.from_day),
        };
        match a.kind {
            AccessKind::Reads { per_month } if per_month > 0.0 => {
                if let Some(p) = overlapping.iter().find(|p| p.class.is_archive()) {
                    self.push(
                        "LC-S3-010",
                        Severity::Error,
                        format!(
                            "objects aged {range} days are read, but from age {:.0} they are in {}, which S3 cannot read without a restore: describe those ages with `restores_per_month`",
                            p.from.floor(),
                            p.class
                        ),
                        None,
                        a.loc,
                    );
                }
            }
            AccessKind::Restores { tier, within, .. } => {
                if let Some(within) = within
                    && let Some(slow) = overlapping
                        .iter()
                        .filter(|p| p.class.is_archive())
                        .find(|p| restore_hours(p.class, tier) > within.hours())
                {
                    self.push(
                        "LC-S3-014",
                        Severity::Error,
                        format!(
                            "{} restores from {} take about {} h, longer than `restore_within` ({} h) for ages {range}",
                            tier.name(),
                            slow.class,
                            restore_hours(slow.class, tier),
                            within.hours()
                        ),
                        None,
                        a.loc,
                    );
                }
                let archived = overlapping.iter().filter(|p| p.class.is_archive()).count();
                if archived == 0 {
                    self.push(
                        "LC-S3-011",
                        Severity::Error,
                        format!(
                            "restores are described for ages {range}, but no object of those ages is in GLACIER or DEEP_ARCHIVE: use `reads_per_month`"
                        ),
                        None,
                        a.loc,
                    );
                } else if archived < overlapping.len() {
                    self.push(
                        "LC-S3-012",
                        Severity::Warning,
                        format!(
                            "ages {range} are only partly archived: restores are counted for the archived part only"
                        ),
                        None,
                        a.loc,
                    );
                }
                if tier == RestoreTier::Expedited
                    && overlapping
                        .iter()
                        .any(|p| p.class == StorageClass::DeepArchive)
                {
                    self.push(
                        "LC-S3-013",
                        Severity::Error,
                        "DEEP_ARCHIVE offers no expedited retrieval: use `restore_tier: standard` or `bulk`".into(),
                        None,
                        a.loc,
                    );
                }
            }
            AccessKind::Reads { .. } => {}
        }
    }
}
