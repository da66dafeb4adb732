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

use super::STEADY_WINDOW_MONTHS;
use super::cohort::{Kernel, Profiles, Shape};
use super::simulate::{Growth, LayerPlan, horizon_days};
use super::usage::Usage;
use crate::model::timeline::{DAYS_PER_MONTH, MonthWindow, month_of_day};
use crate::scenario::Scenario;
use crate::units::{HOURS_PER_DAY, HOURS_PER_MONTH};

/// Usage per layer per month over `months` months, as [`super::simulate`] gives with
/// compound growth.
pub fn horizon(s: &Scenario, months: usize) -> Vec<Vec<Usage>> {
    let window = MonthWindow { months };
    let days = horizon_days(months);
    s.s3.layers
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
            plan.lay_existing(&mut out, window, 0);
            out
        })
        .collect()
}

/// The steady state per layer: the mean usage of the 12 months that follow the
/// filling of the longest retention window (`months` months in all), at month-1
/// writes without growth, as the reference simulation averages it.
pub fn steady(s: &Scenario, months: usize) -> Vec<Usage> {
    s.s3.layers
        .iter()
        .map(|l| {
            let plan = LayerPlan::new(s, l, Growth::Flat, horizon_days(months));
            let mut mean = Usage::default();
            if plan.daily > 0.0 {
                for k in &plan.new {
                    mean.add(k.meter, plan.daily * lifetime_per_month(k, &plan.profiles));
                }
            }
            // The existing data is one cohort, laid onto the window's months alone.
            let first = months.saturating_sub(STEADY_WINDOW_MONTHS);
            let window = MonthWindow {
                months: months - first,
            };
            let mut existing = vec![Usage::default(); window.months];
            plan.lay_existing(&mut existing, window, first);
            let tail = Usage::mean(&existing);
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
            } => profiles.get(profile).days_in(tier, from, to),
        }
}

/// The bytes written on each day of the horizon: runs of days written at one rate
/// (one run without growth, one per month with it), with the prefix sums at each
/// run's start, so that a sum over any range of days is a few multiplications.
struct Writes {
    days: usize,
    runs: Vec<Run>,
}

struct Run {
    start: usize,
    end: usize,
    daily: f64,
    /// Bytes written, and Σ d × bytes written on day d, over days `0..start`.
    bytes_before: f64,
    day_bytes_before: f64,
}

impl Writes {
    fn new(plan: &LayerPlan, days: usize) -> Writes {
        let mut runs: Vec<Run> = Vec::new();
        let mut start = 0;
        let mut month = 0;
        while start < days {
            // Without growth every day writes the same; with it, each month's days do.
            let end = if plan.growth == 1.0 {
                days
            } else {
                (first_day(month + 1, 0.0) as usize).min(days)
            };
            let (bytes_before, day_bytes_before) = match runs.last() {
                Some(r) => (
                    r.bytes_before + r.daily * (r.end - r.start) as f64,
                    r.day_bytes_before + r.daily * arithmetic(r.start, r.end),
                ),
                None => (0.0, 0.0),
            };
            runs.push(Run {
                start,
                end,
                daily: plan.bytes_on(start),
                bytes_before,
                day_bytes_before,
            });
            start = end;
            month += 1;
        }
        Writes { days, runs }
    }

    /// Bytes written over days `0..d`, and Σ day × bytes over them.
    fn prefix(&self, d: usize) -> (f64, f64) {
        // One run, or one run per month: the run holding day d is d's month.
        let i = if self.runs.len() == 1 {
            0
        } else {
            (month_of_day(d as f64) as usize).min(self.runs.len() - 1)
        };
        match self.runs.get(i) {
            Some(r) => (
                r.bytes_before + r.daily * (d - r.start) as f64,
                r.day_bytes_before + r.daily * arithmetic(r.start, d),
            ),
            None => (0.0, 0.0),
        }
    }

    fn bytes(&self, d: usize) -> f64 {
        self.prefix(d).0
    }

    /// Bytes written on days `[lo, hi)`, clamped to the horizon.
    fn between(&self, lo: f64, hi: f64) -> f64 {
        let (lo, hi) = (self.day(lo), self.day(hi));
        if hi > lo {
            self.bytes(hi) - self.bytes(lo)
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
        let total = self.bytes(self.days);
        if c == f64::INFINITY {
            return hi * total;
        }
        // Days with d + c ≤ lo give lo; days with d + c ≥ hi give hi; between, d + c.
        let low_end = self.day((lo - c).floor() + 1.0);
        let high_start = self.day((hi - c).ceil()).max(low_end);
        let (low_bytes, low_days) = self.prefix(low_end);
        let (high_bytes, high_days) = self.prefix(high_start);
        let (mid, mid_days) = (high_bytes - low_bytes, high_days - low_days);
        lo * low_bytes + (mid_days + c * mid) + hi * (total - high_bytes)
    }

    /// Adds kernel `k` of every day's cohort to the months of `out`.
    fn lay(&self, out: &mut [Usage], k: &Kernel, profiles: &Profiles) {
        let months = out.len();
        let last_day = self.days as f64 - 1.0;
        let (first_age, last_age) = match k.shape {
            Shape::At(age) => (age, age),
            Shape::Over(from, to) | Shape::Tiered { from, to, .. } => (from, to),
        };
        let first = month_of_day(first_age).max(0.0) as usize;
        let last = month_of_day(last_day + last_age).min(months as f64 - 1.0);
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
        let whole = self.bytes(whole_end);
        let mut sum = (self.bytes(self.days) - self.bytes(none_start)) * p.to_age(tier, from);
        if whole > 0.0 {
            sum += whole * p.to_age(tier, to);
        }
        for r in &self.runs {
            let (lo, hi) = (r.start.max(whole_end), r.end.min(none_start));
            if hi > lo {
                sum += r.daily * p.sum_shifted(tier, x, lo as i64, hi as i64);
            }
        }
        sum
    }
}

/// Σ d over days `start..end`.
fn arithmetic(start: usize, end: usize) -> f64 {
    let (a, b) = (start as f64, end as f64);
    (b - a) * (a + b - 1.0) / 2.0
}

/// Day at which month `m` starts (730·m hours).
fn month_start(m: usize) -> f64 {
    m as f64 * HOURS_PER_MONTH / HOURS_PER_DAY
}

/// The first day whose event at `age` falls in month `m` or later, by the very
/// expression the reference uses (events on a month boundary belong to the month
/// that starts there).
fn first_day(m: usize, age: f64) -> f64 {
    let falls = |d: f64| month_of_day(d + age) >= m as f64;
    let mut d = (month_start(m) - age).ceil();
    while falls(d - 1.0) {
        d -= 1.0;
    }
    while !falls(d) {
        d += 1.0;
    }
    d
}
