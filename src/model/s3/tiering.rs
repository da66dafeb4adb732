//! INTELLIGENT_TIERING's automatic tiers, derived from the access pattern.
//!
//! S3 moves an object to Infrequent Access after 30 days without access and to
//! Archive Instant Access after 90; any access brings it back to Frequent Access.
//! lakecost treats the reads of an age range as a Poisson process at the stated rate
//! (writing counts as an access), so the share of objects of age `a` in each tier is
//! P(no read in the last 30 days) and P(no read in the last 90 days). The model is
//! documented in `docs/model-s3.md`.

use super::rules::{IT_ARCHIVE_INSTANT_AFTER_DAYS, IT_INFREQUENT_AFTER_DAYS};
use super::usage::ItTier;
use crate::model::timeline::DAYS_PER_MONTH;
use crate::scenario::{Access, AccessKind};

/// Cumulative days spent in each tier by an object, over whole days counted from the
/// moment the object was written or moved in (`origin`), so that S3's 30- and 90-day
/// windows fall on the grid exactly, and the days in a tier between two ages is a
/// difference of two lookups.
#[derive(Clone, Debug, PartialEq)]
pub struct TierProfile {
    /// Age (days since the write day's midnight) at which the access clock started.
    origin: f64,
    /// `cumulative[t][k]`: days in tier t over ages [origin, origin + k).
    cumulative: [Vec<f64>; 3],
    /// Share of each tier during [origin + k, origin + k + 1).
    share: [Vec<f64>; 3],
    /// `sums[t][k]`: the sum of `cumulative[t][0..k]`, for sums over many cohorts.
    sums: [Vec<f64>; 3],
}

impl TierProfile {
    /// Builds the profile for `days` days from age `since`, the moment the object was
    /// written (midday of its first day for new writes) or moved into
    /// INTELLIGENT_TIERING (both count as an access), under the layer's read rules.
    pub fn new(access: &[Access], days: usize, since: f64) -> TierProfile {
        // Reads in each day of the grid (read rates are per calendar age range, so a
        // grid day straddling two ranges takes its share of each), and their running sum.
        let mut reads_before = vec![0.0; days + 1];
        for k in 0..days {
            let (c0, c1) = (since + k as f64, since + k as f64 + 1.0);
            let reads: f64 = access
                .iter()
                .filter_map(|a| match a.kind {
                    AccessKind::Reads { per_month } => {
                        let (from, to) = a.day_interval();
                        let overlap = (c1.min(to) - c0.max(from)).max(0.0);
                        Some(per_month / DAYS_PER_MONTH * overlap)
                    }
                    AccessKind::Restores { .. } => None,
                })
                .sum();
            reads_before[k + 1] = reads_before[k] + reads;
        }
        // The share of objects with no read in the `window` days up to the end of grid
        // day k; none before `window` days have passed since the clock started.
        let quiet = |k: usize, window: f64| -> f64 {
            let w = window as usize;
            if k + 1 < w {
                return 0.0;
            }
            (-(reads_before[k + 1] - reads_before[k + 1 - w])).exp()
        };
        let mut share = [vec![0.0; days], vec![0.0; days], vec![0.0; days]];
        let mut cumulative = [
            vec![0.0; days + 1],
            vec![0.0; days + 1],
            vec![0.0; days + 1],
        ];
        for k in 0..days {
            // Grid day k (ages since+k to since+k+1) is the day after `k` full days:
            // an object unread since the clock started moves down at day 30 and 90.
            let q30 = if (k as f64) < IT_INFREQUENT_AFTER_DAYS {
                0.0
            } else {
                quiet(k - 1, IT_INFREQUENT_AFTER_DAYS)
            };
            let q90 = if (k as f64) < IT_ARCHIVE_INSTANT_AFTER_DAYS {
                0.0
            } else {
                quiet(k - 1, IT_ARCHIVE_INSTANT_AFTER_DAYS)
            }
            .min(q30);
            let s = [1.0 - q30, q30 - q90, q90];
            for t in 0..3 {
                share[t][k] = s[t];
                cumulative[t][k + 1] = cumulative[t][k] + s[t];
            }
        }
        let sums = cumulative.clone().map(|c| {
            let mut s = vec![0.0; c.len() + 1];
            for (k, v) in c.iter().enumerate() {
                s[k + 1] = s[k] + v;
            }
            s
        });
        TierProfile {
            origin: since,
            cumulative,
            share,
            sums,
        }
    }

    /// Days in `tier` between ages `from` and `to` (fractional ages allowed).
    pub fn days_in(&self, tier: ItTier, from: f64, to: f64) -> f64 {
        let t = tier as usize;
        self.at(t, to) - self.at(t, from)
    }

    /// Days in `tier` from the clock's start to each age `x − j`, summed over the
    /// integers `j` in `[j0, j1)`: the days a run of daily cohorts, written on days
    /// `j`, has spent in the tier by the moment `x`. Exact, in constant time: the
    /// ages share one fractional part, so the sum interpolates between two sums of
    /// the table.
    pub fn sum_shifted(&self, tier: ItTier, x: f64, j0: i64, j1: i64) -> f64 {
        if j1 <= j0 {
            return 0.0;
        }
        let t = tier as usize;
        let r = x - self.origin;
        let k = r.floor();
        let f = r - k;
        let k = k as i64;
        let sum = |lo: i64| self.prefix(t, k - j0 + 1 + lo) - self.prefix(t, k - j1 + 1 + lo);
        (1.0 - f) * sum(0) + f * sum(1)
    }

    /// `Σ cumulative[t][k]` over `0 ≤ k < n`, the table extended past its end by the
    /// last day's shares (as [`TierProfile::days_in`] extends it).
    fn prefix(&self, t: usize, n: i64) -> f64 {
        if n <= 0 {
            return 0.0;
        }
        let sums = &self.sums[t];
        let last_index = sums.len() as i64 - 1;
        if n <= last_index {
            return sums[n as usize];
        }
        let cum = &self.cumulative[t];
        let end = *cum.last().unwrap_or(&0.0);
        let last = self.last_share(t);
        let m = (n - last_index) as f64;
        sums[last_index as usize] + m * end + last * m * (m + 1.0) / 2.0
    }

    /// The share of the table's last day, which holds past its end (a table of no
    /// days: everything Frequent).
    fn last_share(&self, t: usize) -> f64 {
        self.share[t]
            .last()
            .copied()
            .unwrap_or(if t == 0 { 1.0 } else { 0.0 })
    }

    /// Days in `tier` from the clock's start to age `age`.
    pub fn to_age(&self, tier: ItTier, age: f64) -> f64 {
        self.at(tier as usize, age)
    }

    fn at(&self, t: usize, age: f64) -> f64 {
        let n = self.share[t].len();
        let rel = (age - self.origin).max(0.0);
        let k = rel.floor() as usize;
        if k >= n {
            // Past the table, the last day's shares hold.
            let last = self.last_share(t);
            return self.cumulative[t][n] + (rel - n as f64) * last;
        }
        self.cumulative[t][k] + (rel - k as f64) * self.share[t][k]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reads(from: u32, to: Option<u32>, per_month: f64) -> Access {
        Access {
            from_day: from,
            to_day: to,
            kind: AccessKind::Reads { per_month },
            loc: None,
        }
    }

    #[test]
    fn unread_objects_move_down_at_30_and_90_days() {
        // No reads: Frequent for 30 days, Infrequent until 90, then Archive Instant.
        let p = TierProfile::new(&[], 200, 0.0);
        assert!((p.days_in(ItTier::Frequent, 0.0, 200.0) - 30.0).abs() < 1e-9);
        assert!((p.days_in(ItTier::Infrequent, 0.0, 200.0) - 60.0).abs() < 1e-9);
        assert!((p.days_in(ItTier::ArchiveInstant, 0.0, 200.0) - 110.0).abs() < 1e-9);
    }

    #[test]
    fn the_clock_starts_when_lifecycle_moves_the_object_in() {
        // Moved into INTELLIGENT_TIERING at age 31 and never read: Frequent until 61.
        let p = TierProfile::new(&[], 200, 31.0);
        assert!((p.days_in(ItTier::Frequent, 31.0, 200.0) - 30.0).abs() < 1e-9);
    }

    #[test]
    fn the_clock_starts_at_the_write_not_the_midnight_before() {
        // Written at midday (age 0.5) and never read: S3 counts 30 days without access
        // from the write, so the object is Frequent until age 30.5, not 30.
        let p = TierProfile::new(&[], 200, 0.5);
        assert!((p.days_in(ItTier::Frequent, 0.5, 200.0) - 30.0).abs() < 1e-9);
        assert!((p.days_in(ItTier::Frequent, 30.0, 30.5) - 0.5).abs() < 1e-9);
        assert!((p.days_in(ItTier::Infrequent, 30.5, 90.5) - 60.0).abs() < 1e-9);
    }

    #[test]
    fn frequently_read_objects_stay_frequent() {
        // 30 reads a month: P(no read in 30 days) = e^-29.6, effectively 0.
        let p = TierProfile::new(&[reads(0, None, 30.0)], 120, 0.0);
        assert!(p.days_in(ItTier::Frequent, 0.0, 120.0) > 119.99);
    }

    #[test]
    fn one_read_a_month_leaves_e_to_the_minus_one_infrequent() {
        // Poisson reads at 1 per 30.42 days: in steady state a share e^(-30/30.42) has
        // had no read in the last 30 days.
        let p = TierProfile::new(&[reads(0, None, 1.0)], 80, 0.0);
        let ia = p.days_in(ItTier::Infrequent, 60.0, 61.0);
        assert!(
            (ia - (-30.0f64 / DAYS_PER_MONTH).exp()).abs() < 1e-9,
            "{ia}"
        );
    }
}
