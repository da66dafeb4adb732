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

/// Cumulative days spent in each tier by an object, indexed by whole age days, so that
/// the days in a tier between two ages is a difference of two lookups.
#[derive(Clone, Debug, PartialEq)]
pub struct TierProfile {
    /// `cumulative[t][k]`: days in tier t over ages [0, k).
    cumulative: [Vec<f64>; 3],
    /// Share of each tier during age day k.
    share: [Vec<f64>; 3],
}

impl TierProfile {
    /// Builds the profile for ages `[0, days)` under the layer's read rules, for objects
    /// that entered INTELLIGENT_TIERING at age `since` (the move counts as an access).
    pub fn new(access: &[Access], days: usize, since: f64) -> TierProfile {
        // Reads per day at each age day, and their running sum.
        let mut reads_before = vec![0.0; days + 1];
        for k in 0..days {
            let age = k as f64 + 0.5;
            let rate: f64 = access
                .iter()
                .filter_map(|a| match a.kind {
                    AccessKind::Reads { per_month } => {
                        let (from, to) = a.day_interval();
                        (age >= from && age < to).then_some(per_month / DAYS_PER_MONTH)
                    }
                    AccessKind::Restores { .. } => None,
                })
                .sum();
            reads_before[k + 1] = reads_before[k] + rate;
        }
        let quiet = |k: usize, window: f64| -> f64 {
            let age = k as f64 + 0.5;
            if age - since < window {
                return 0.0; // written or moved here less than `window` days ago
            }
            let start = (k + 1).saturating_sub(window as usize);
            (-(reads_before[k + 1] - reads_before[start])).exp()
        };
        let mut share = [vec![0.0; days], vec![0.0; days], vec![0.0; days]];
        let mut cumulative = [
            vec![0.0; days + 1],
            vec![0.0; days + 1],
            vec![0.0; days + 1],
        ];
        for k in 0..days {
            let q30 = quiet(k, IT_INFREQUENT_AFTER_DAYS);
            let q90 = quiet(k, IT_ARCHIVE_INSTANT_AFTER_DAYS).min(q30);
            let s = [1.0 - q30, q30 - q90, q90];
            for t in 0..3 {
                share[t][k] = s[t];
                cumulative[t][k + 1] = cumulative[t][k] + s[t];
            }
        }
        TierProfile { cumulative, share }
    }

    /// Days in `tier` between ages `from` and `to` (fractional ages allowed).
    pub fn days_in(&self, tier: ItTier, from: f64, to: f64) -> f64 {
        let t = tier as usize;
        self.at(t, to) - self.at(t, from)
    }

    fn at(&self, t: usize, age: f64) -> f64 {
        let n = self.share[t].len();
        let age = age.max(0.0);
        let k = age.floor() as usize;
        if k >= n {
            // Past the table, the last day's shares hold.
            let last = self.share[t]
                .last()
                .copied()
                .unwrap_or(if t == 0 { 1.0 } else { 0.0 });
            return self.cumulative[t][n] + (age - n as f64) * last;
        }
        self.cumulative[t][k] + (age - k as f64) * self.share[t][k]
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
