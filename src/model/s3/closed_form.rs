//! The fast path: the same usage as the reference simulation ([`super::simulate`]),
//! summed over all the days' cohorts at once instead of one cohort at a time.
//!
//! A kernel of a cohort written on day d accrues at ages shifted by d, so what the
//! days' cohorts put in month m is a sum over d of a function of `M − d` (M a month
//! boundary in days). For a single event that sum counts the days whose event falls
//! in the month; for a steady rate over ages `[a, b)` it is the sum of
//! `clip(d + b) − clip(d + a)` to the month, piecewise linear in d; for
//! INTELLIGENT_TIERING it is the tier profile summed at ages sharing one fractional
//! part. Each is a closed form over prefix sums of the bytes written per day, so a
//! month costs the same whatever the number of days or the retention.
//!
//! The steady state needs no months at all. Twelve 730-hour months are exactly 365
//! days, so over the steady-state window every day's cohort contributes its whole
//! life exactly once (Little's law, exact here): the monthly mean of a kernel is its
//! lifetime quantity times the days in a month.

use super::cohort::{Kernel, Profiles, Shape};
use super::simulate::{Growth, LayerPlan, horizon_days};
use super::usage::Usage;
use crate::model::timeline::{DAYS_PER_MONTH, MonthWindow};
use crate::scenario::Scenario;
use crate::units::{HOURS_PER_DAY, HOURS_PER_MONTH};

/// Usage per layer per month over `months` months, as [`super::simulate`] gives with
/// compound growth.
pub fn horizon(s: &Scenario, months: usize) -> Vec<Vec<Usage>> {
    let window = MonthWindow { months };
    let days = horizon_days(months);
    s.layers
        .iter()
        .map(|l| {
            let plan = LayerPlan::new(s, l, Growth::Compound, days);
            let mut out = vec![Usage::default(); months];
            if plan.daily > 0.0 {
                let writes = Writes::new(&plan, days);
                for k in &plan.new {
                    writes.lay(&mut out, k, &plan.profiles);
                }
            }
            plan.lay_existing(&mut out, window);
            out
        })
        .collect()
}

/// The steady state per layer: the mean usage of the 12 months that follow the
/// filling of the longest retention window (`months` months in all), at month-1
/// writes without growth, as the reference simulation averages it.
pub fn steady(s: &Scenario, months: usize) -> Vec<Usage> {
    let window = MonthWindow { months };
    s.layers
        .iter()
        .map(|l| {
            let plan = LayerPlan::new(s, l, Growth::Flat, horizon_days(months));
            let mut mean = Usage::default();
            if plan.daily > 0.0 {
                for k in &plan.new {
                    mean.add(k.meter, plan.daily * lifetime_per_month(k, &plan.profiles));
                }
            }
            // The existing data is one cohort: laid month by month, the window's mean.
            let mut existing = vec![Usage::default(); months];
            plan.lay_existing(&mut existing, window);
            let tail = Usage::mean(&existing[months.saturating_sub(12)..]);
            for (m, e) in mean.0.iter_mut().zip(tail.0) {
                *m += e;
            }
            mean
        })
        .collect()
}

/// A kernel's monthly mean per byte written per day, when every day writes: its
/// quantity over a cohort's whole life times the 365/12 days of a month.
fn lifetime_per_month(k: &Kernel, profiles: &Profiles) -> f64 {
    k.per_byte
        * match k.shape {
            Shape::At(_) => DAYS_PER_MONTH,
            // A rate per month over (to − from) days: (to − from) / DAYS_PER_MONTH months.
            Shape::Over(from, to) => to - from,
            Shape::Tiered {
                from,
                to,
                profile,
                tier,
            } => {
                let p = profiles.get(profile);
                p.to_age(tier, to) - p.to_age(tier, from)
            }
        }
}

/// The bytes written on each day of the horizon, as prefix sums over days and runs
/// of days written at one rate.
struct Writes {
    days: usize,
    /// `bytes[i]`: bytes written on days `0..i`.
    bytes: Vec<f64>,
    /// `day_bytes[i]`: Σ d × bytes written on day d, over days `0..i`.
    day_bytes: Vec<f64>,
    /// `(first day, end day, bytes a day)`: one run per month with growth, else one.
    runs: Vec<(usize, usize, f64)>,
}

impl Writes {
    fn new(plan: &LayerPlan, days: usize) -> Writes {
        let mut runs: Vec<(usize, usize, f64)> = Vec::new();
        for d in 0..days {
            let b = plan.bytes_on(d);
            match runs.last_mut() {
                Some(r) if r.2 == b => r.1 = d + 1,
                _ => runs.push((d, d + 1, b)),
            }
        }
        let mut bytes = vec![0.0; days + 1];
        let mut day_bytes = vec![0.0; days + 1];
        for &(d0, d1, b) in &runs {
            for d in d0..d1 {
                bytes[d + 1] = bytes[d] + b;
                day_bytes[d + 1] = day_bytes[d] + b * d as f64;
            }
        }
        Writes {
            days,
            bytes,
            day_bytes,
            runs,
        }
    }

    /// Bytes written on days `[lo, hi)`, clamped to the horizon.
    fn between(&self, lo: f64, hi: f64) -> f64 {
        let (lo, hi) = (self.day(lo), self.day(hi));
        if hi > lo {
            self.bytes[hi] - self.bytes[lo]
        } else {
            0.0
        }
    }

    /// A day bound clamped to `[0, days]`.
    fn day(&self, d: f64) -> usize {
        d.clamp(0.0, self.days as f64) as usize
    }

    /// Σ over days d of bytes(d) × clip(d + c, lo, hi), in days.
    fn clip_sum(&self, c: f64, lo: f64, hi: f64) -> f64 {
        let total = self.bytes[self.days];
        if c == f64::INFINITY {
            return hi * total;
        }
        // Days with d + c ≤ lo give lo; days with d + c ≥ hi give hi; between, d + c.
        let low_end = self.day((lo - c).floor() + 1.0);
        let high_start = self.day((hi - c).ceil()).max(low_end);
        let mid = self.bytes[high_start] - self.bytes[low_end];
        let mid_days = self.day_bytes[high_start] - self.day_bytes[low_end];
        lo * self.bytes[low_end] + (mid_days + c * mid) + hi * (total - self.bytes[high_start])
    }

    /// Adds kernel `k` of every day's cohort to the months of `out`.
    fn lay(&self, out: &mut [Usage], k: &Kernel, profiles: &Profiles) {
        let months = out.len();
        let last_day = self.days as f64 - 1.0;
        let (first_age, last_age) = match k.shape {
            Shape::At(age) => (age, age),
            Shape::Over(from, to) | Shape::Tiered { from, to, .. } => (from, to),
        };
        let first = month_index(first_age).max(0.0) as usize;
        let last = month_index(last_day + last_age).min(months as f64 - 1.0);
        if last < 0.0 {
            return;
        }
        for (m, usage) in out
            .iter_mut()
            .enumerate()
            .take(last as usize + 1)
            .skip(first)
        {
            let (m0, m1) = (month_start(m), month_start(m + 1));
            let per_byte = match k.shape {
                Shape::At(age) => self.between(first_day(m, age), first_day(m + 1, age)),
                Shape::Over(from, to) => {
                    let days = self.clip_sum(to, m0, m1) - self.clip_sum(from, m0, m1);
                    days / DAYS_PER_MONTH
                }
                Shape::Tiered {
                    from,
                    to,
                    profile,
                    tier,
                } => {
                    let p = profiles.get(profile);
                    let tiered = |x: f64| self.tier_sum(p, tier, x, from, to);
                    (tiered(m1) - tiered(m0)) / DAYS_PER_MONTH
                }
            };
            if per_byte != 0.0 {
                usage.add(k.meter, k.per_byte * per_byte);
            }
        }
    }

    /// Σ over days d of bytes(d) × days in `tier` by age clip(x − d, from, to).
    fn tier_sum(
        &self,
        p: &super::tiering::TierProfile,
        tier: super::usage::ItTier,
        x: f64,
        from: f64,
        to: f64,
    ) -> f64 {
        // Days with x − d ≥ to have lived their whole phase; with x − d ≤ from, none of
        // it; between, their age is x − d, on the profile's grid.
        let whole_end = self.day((x - to).floor() + 1.0);
        let none_start = self.day((x - from).ceil()).max(whole_end);
        let whole = self.bytes[whole_end];
        let mut sum = (self.bytes[self.days] - self.bytes[none_start]) * p.to_age(tier, from);
        if whole > 0.0 {
            sum += whole * p.to_age(tier, to);
        }
        for &(d0, d1, b) in &self.runs {
            let (lo, hi) = (d0.max(whole_end), d1.min(none_start));
            if hi > lo {
                sum += b * p.sum_shifted(tier, x, lo as i64, hi as i64);
            }
        }
        sum
    }
}

/// Day at which month `m` starts (730·m hours).
fn month_start(m: usize) -> f64 {
    m as f64 * HOURS_PER_MONTH / HOURS_PER_DAY
}

/// The month holding age-day `t` (from day 0), as [`MonthWindow::month_of`] finds it.
fn month_index(t: f64) -> f64 {
    (t * HOURS_PER_DAY / HOURS_PER_MONTH).floor()
}

/// The first day whose event at `age` falls in month `m` or later, by the very
/// expression the reference uses (events on a month boundary belong to the month
/// that starts there).
fn first_day(m: usize, age: f64) -> f64 {
    let falls = |d: f64| month_index(d + age) >= m as f64;
    let mut d = (month_start(m) - age).ceil();
    while falls(d - 1.0) {
        d -= 1.0;
    }
    while !falls(d) {
        d += 1.0;
    }
    d
}
