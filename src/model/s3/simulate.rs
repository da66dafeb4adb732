//! The reference simulation: daily cohorts. Each day's writes to a layer age, move
//! through the layer's storage classes and expire together; their storage is
//! integrated in byte-hours over each 730-hour month, and their requests,
//! transitions, reads and early-deletion charges fall in the month they happen.
//!
//! It steps every day of the horizon, so its cost grows with the days simulated.
//! Estimates use the closed-form sums of [`super::closed_form`], which a property
//! test holds to this simulation on random scenarios.

use super::cohort::{Cohort, Kernel, Profiles, Shape, kernels};
use super::lifecycle::{plan_existing, plan_new};
use super::usage::Usage;
use crate::model::timeline::{DAYS_PER_MONTH, MonthWindow, month_of_day};
use crate::scenario::{Layer, Scenario};
use crate::units::{HOURS_PER_DAY, HOURS_PER_MONTH};

/// Whether daily writes grow by the scenario's monthly growth (the horizon) or stay at
/// the month-1 rate (the steady state).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Growth {
    Compound,
    Flat,
}

/// Usage per layer per month: `result[layer][month]`, one cohort a day.
pub fn simulate(s: &Scenario, months: usize, growth: Growth) -> Vec<Vec<Usage>> {
    let window = MonthWindow { months };
    s.s3.layers
        .iter()
        .map(|l| {
            let plan = LayerPlan::new(s, l, growth, horizon_days(months));
            let mut out = vec![Usage::default(); months];
            if plan.daily > 0.0 {
                for d in 0..horizon_days(months) {
                    let bytes = plan.bytes_on(d);
                    lay(&mut out, window, &plan.new, &plan.profiles, d as f64, bytes);
                }
            }
            plan.lay_existing(&mut out, window, 0);
            out
        })
        .collect()
}

/// Days whose writes fall in the first `months` months.
pub fn horizon_days(months: usize) -> usize {
    (months as f64 * DAYS_PER_MONTH).ceil() as usize
}

/// The 0-based month a day's writes fall in (they land at midday, but the growth
/// step is taken by the day's start).
pub fn write_month(day: usize) -> i32 {
    month_of_day(day as f64) as i32
}

/// A layer ready to be laid onto months: the kernels of a day's writes and of the
/// existing data, the tiering clocks they use, and the daily writes.
pub struct LayerPlan {
    pub new: Vec<Kernel>,
    /// Existing data: its creation day (negative), bytes and kernels.
    pub existing: Option<(f64, f64, Vec<Kernel>)>,
    pub profiles: Profiles,
    /// Bytes written per day at month 1.
    pub daily: f64,
    /// Monthly growth applied to the daily writes (1 when they do not grow).
    pub growth: f64,
}

impl LayerPlan {
    /// The plan of `layer`, with tiering clocks covering `days` days of writes (and the
    /// life of every cohort whose end is finite).
    pub fn new(s: &Scenario, layer: &Layer, growth: Growth, days: usize) -> LayerPlan {
        let new_phases = plan_new(layer);
        let existing_phases = layer.existing.map(|e| plan_existing(layer, &e));
        let existing_age = layer.existing.map_or(0, |e| e.age_days as usize);
        let lifetime = new_phases
            .iter()
            .map(|p| p.to)
            .filter(|t| t.is_finite())
            .fold(0.0f64, f64::max)
            .ceil() as usize;
        let profiles = Profiles::new(
            new_phases.iter().chain(existing_phases.iter().flatten()),
            &layer.access,
            days.max(lifetime) + existing_age + 2,
        );
        let new = kernels(
            &Cohort {
                object_size: layer.object_size.0,
                phases: &new_phases,
                written: true,
            },
            &layer.access,
            &profiles,
        );
        let existing = match (&layer.existing, &existing_phases) {
            (Some(e), Some(phases)) => {
                let cohort = Cohort {
                    object_size: e.object_size.0,
                    phases,
                    written: false,
                };
                Some((
                    -f64::from(e.age_days),
                    e.size.0,
                    kernels(&cohort, &layer.access, &profiles),
                ))
            }
            _ => None,
        };
        // Ingest grows; a delivery stream's stated rate does not.
        let grows = growth == Growth::Compound && layer.delivered_per_day.is_none();
        LayerPlan {
            new,
            existing,
            profiles,
            daily: layer.daily_writes(s.ingest.per_day).0,
            growth: if grows {
                1.0 + s.ingest.growth_per_month.value()
            } else {
                1.0
            },
        }
    }

    /// Bytes written on `day`.
    pub fn bytes_on(&self, day: usize) -> f64 {
        if self.growth == 1.0 {
            self.daily
        } else {
            self.daily * self.growth.powi(write_month(day))
        }
    }

    /// Adds the existing data's usage in months `first..` to `out` (whose month 0 is
    /// month `first`).
    pub fn lay_existing(&self, out: &mut [Usage], window: MonthWindow, first: usize) {
        if let Some((day, bytes, kernels)) = &self.existing {
            let shift = first as f64 * DAYS_PER_MONTH;
            lay(out, window, kernels, &self.profiles, day - shift, *bytes);
        }
    }
}

/// Adds one cohort's usage, written on `day` (hour 24·day), to the months of `window`.
pub fn lay(
    out: &mut [Usage],
    window: MonthWindow,
    kernels: &[Kernel],
    profiles: &Profiles,
    day: f64,
    bytes: f64,
) {
    let hour = |age: f64| (day + age) * HOURS_PER_DAY;
    for k in kernels {
        let q = k.per_byte * bytes;
        match k.shape {
            Shape::At(age) => {
                if let Some(m) = window.month_of(hour(age)) {
                    out[m].add(k.meter, q);
                }
            }
            Shape::Over(from, to) => window.spread(hour(from), hour(to), |m, h0, h1| {
                out[m].add(k.meter, q * (h1 - h0) / HOURS_PER_MONTH)
            }),
            Shape::Tiered {
                from,
                to,
                profile,
                tier,
            } => {
                let profile = profiles.get(profile);
                window.spread(hour(from), hour(to), |m, h0, h1| {
                    let (a0, a1) = (h0 / HOURS_PER_DAY - day, h1 / HOURS_PER_DAY - day);
                    out[m].add(k.meter, q * profile.days_in(tier, a0, a1) / DAYS_PER_MONTH);
                })
            }
        }
    }
}
