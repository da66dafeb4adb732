//! The distributions an uncertain input may hold, each fitted from what a scenario
//! states (quantiles, a range, choices) and sampled through its inverse CDF, so that
//! Latin hypercube strata map onto the input's own quantiles.

use statrs::distribution::{Beta, ContinuousCDF, Normal};

/// ln(0.9 / 0.1): the metalog's logit at P90 (minus it at P10).
const LOGIT90: f64 = 2.197_224_577_336_219_6;

/// Keelin's feasibility bound for a three-term metalog: the quantile function is
/// increasing iff `a2 > 0` and `|a3| / a2 < 1.66711` (Keelin 2016, "The Metalog
/// Distributions", Decision Analysis 13(4), table 3).
const METALOG3_MAX_SKEW: f64 = 1.66711;

/// One uncertain input, in the units its key was written in.
#[derive(Clone, Debug, PartialEq)]
pub enum Distribution {
    /// A range collapsed to one value (P10 = P90, min = max).
    Point(f64),
    /// Lognormal through two quantiles: `exp(mu + sigma·z)`.
    LogNormal {
        mu: f64,
        sigma: f64,
    },
    /// Normal through two quantiles, truncated to `[lo, hi]` (the key's valid range).
    Normal {
        mean: f64,
        sd: f64,
        lo: f64,
        hi: f64,
    },
    /// Three-term metalog through P10, P50 and P90 exactly; on the logarithm of the
    /// value when `log` (a log-metalog, for positive quantities).
    Metalog {
        a: [f64; 3],
        log: bool,
    },
    /// PERT: a Beta on `[min, max]` with its mode at `mode` and weight 4 on it.
    Pert {
        min: f64,
        max: f64,
        alpha: f64,
        beta: f64,
    },
    Triangular {
        min: f64,
        mode: f64,
        max: f64,
    },
    Uniform {
        lo: f64,
        hi: f64,
    },
    /// Discrete values with cumulative weights summing to 1.
    Choices {
        values: Vec<f64>,
        cumulative: Vec<f64>,
    },
}

/// Why a distribution cannot be fitted to what the scenario states.
pub type FitError = String;

impl Distribution {
    /// Lognormal through the quantiles `(p, x)` given: two of P10, P50, P90.
    pub fn lognormal(q: &[(f64, f64)]) -> Result<Distribution, FitError> {
        if q.iter().any(|(_, x)| *x <= 0.0) {
            return Err("a lognormal needs quantiles above zero; write `dist: normal` for a range that reaches zero or below".into());
        }
        let z = |p: f64| std_normal().inverse_cdf(p);
        let [(p0, x0), (p1, x1)] = two(q)?;
        if x0 == x1 {
            return Ok(Distribution::Point(x0));
        }
        let sigma = (x1.ln() - x0.ln()) / (z(p1) - z(p0));
        Ok(Distribution::LogNormal {
            mu: x0.ln() - sigma * z(p0),
            sigma,
        })
    }

    /// Normal through two quantiles, untruncated until [`Distribution::truncated`]
    /// gives it the key's range.
    pub fn normal(q: &[(f64, f64)]) -> Result<Distribution, FitError> {
        let z = |p: f64| std_normal().inverse_cdf(p);
        let [(p0, x0), (p1, x1)] = two(q)?;
        if x0 == x1 {
            return Ok(Distribution::Point(x0));
        }
        let sd = (x1 - x0) / (z(p1) - z(p0));
        Ok(Distribution::Normal {
            mean: x0 - sd * z(p0),
            sd,
            lo: f64::NEG_INFINITY,
            hi: f64::INFINITY,
        })
    }

    /// This distribution with a normal truncated to `[lo, hi]`; other shapes are
    /// checked against the range by their extent instead.
    pub fn truncated(self, lo: f64, hi: f64) -> Distribution {
        match self {
            Distribution::Normal { mean, sd, .. } => Distribution::Normal { mean, sd, lo, hi },
            other => other,
        }
    }

    /// The three-term metalog through P10, P50 and P90 (a log-metalog when all three
    /// are positive), or an error when no increasing quantile function fits them.
    pub fn metalog(p10: f64, p50: f64, p90: f64) -> Result<Distribution, FitError> {
        if p10 == p90 && p50 == p10 {
            return Ok(Distribution::Point(p10));
        }
        if !(p10 < p50 && p50 < p90) {
            return Err(format!(
                "expected p10 < p50 < p90, found {p10}, {p50}, {p90}"
            ));
        }
        let log = p10 > 0.0;
        let f = |x: f64| if log { x.ln() } else { x };
        let (x10, x50, x90) = (f(p10), f(p50), f(p90));
        // M(y) = a1 + a2·L + a3·(y − ½)·L with L = ln(y / (1 − y)): at y = ½, L = 0; at
        // 0.1 and 0.9, L = ∓ln 9 and (y − ½)·L = 0.4·ln 9 on both sides.
        let a1 = x50;
        let a2 = (x90 - x10) / (2.0 * LOGIT90);
        let a3 = ((x10 + x90) / 2.0 - a1) / (0.4 * LOGIT90);
        if a2 <= 0.0 || a3.abs() / a2 >= METALOG3_MAX_SKEW {
            return Err(format!(
                "no metalog passes through p10 {p10}, p50 {p50}, p90 {p90}: the median sits too close to one end; move p50 towards the middle or give two quantiles (lognormal)"
            ));
        }
        Ok(Distribution::Metalog {
            a: [a1, a2, a3],
            log,
        })
    }

    /// PERT (`triangular == false`) or triangular on min, mode, max.
    pub fn three_point(
        min: f64,
        mode: f64,
        max: f64,
        triangular: bool,
    ) -> Result<Distribution, FitError> {
        if min == max && mode == min {
            return Ok(Distribution::Point(min));
        }
        if !(min <= mode && mode <= max && min < max) {
            return Err(format!(
                "expected min ≤ mode ≤ max, found {min}, {mode}, {max}"
            ));
        }
        Ok(if triangular {
            Distribution::Triangular { min, mode, max }
        } else {
            let range = max - min;
            Distribution::Pert {
                min,
                max,
                alpha: 1.0 + 4.0 * (mode - min) / range,
                beta: 1.0 + 4.0 * (max - mode) / range,
            }
        })
    }

    pub fn uniform(lo: f64, hi: f64) -> Result<Distribution, FitError> {
        if lo == hi {
            return Ok(Distribution::Point(lo));
        }
        if lo > hi {
            return Err(format!(
                "expected `uniform: [low, high]` with low < high, found {lo}, {hi}"
            ));
        }
        Ok(Distribution::Uniform { lo, hi })
    }

    pub fn choices(options: &[(f64, f64)]) -> Result<Distribution, FitError> {
        let total: f64 = options.iter().map(|(_, w)| *w).sum();
        if options.is_empty() || options.iter().any(|(_, w)| *w < 0.0) || total <= 0.0 {
            return Err(
                "expected `choices` with at least one value and weights ≥ 0, not all zero".into(),
            );
        }
        let mut acc = 0.0;
        let cumulative = options
            .iter()
            .map(|(_, w)| {
                acc += w / total;
                acc
            })
            .collect();
        Ok(Distribution::Choices {
            values: options.iter().map(|(v, _)| *v).collect(),
            cumulative,
        })
    }

    /// The value at cumulative probability `u` in (0, 1).
    pub fn quantile(&self, u: f64) -> f64 {
        match self {
            Distribution::Point(x) => *x,
            Distribution::LogNormal { mu, sigma } => {
                (mu + sigma * std_normal().inverse_cdf(u)).exp()
            }
            Distribution::Normal { mean, sd, lo, hi } => {
                let n = std_normal();
                let (a, b) = (n.cdf((lo - mean) / sd), n.cdf((hi - mean) / sd));
                (mean + sd * n.inverse_cdf(a + u * (b - a))).clamp(*lo, *hi)
            }
            Distribution::Metalog { a, log } => {
                let l = (u / (1.0 - u)).ln();
                let m = a[0] + a[1] * l + a[2] * (u - 0.5) * l;
                if *log { m.exp() } else { m }
            }
            Distribution::Pert {
                min,
                max,
                alpha,
                beta,
            } => {
                let b = Beta::new(*alpha, *beta).expect("PERT shape parameters are at least 1");
                min + (max - min) * b.inverse_cdf(u)
            }
            Distribution::Triangular { min, mode, max } => {
                let c = (mode - min) / (max - min);
                if u < c {
                    min + ((max - min) * (mode - min) * u).sqrt()
                } else {
                    max - ((max - min) * (max - mode) * (1.0 - u)).sqrt()
                }
            }
            Distribution::Uniform { lo, hi } => lo + (hi - lo) * u,
            Distribution::Choices { values, cumulative } => {
                let i = cumulative.partition_point(|c| *c <= u);
                values[i.min(values.len() - 1)]
            }
        }
    }

    /// The lowest and highest values a sample may take (the 0.1 % and 99.9 % points
    /// for unbounded shapes): what the key's bounds are checked against.
    pub fn extent(&self) -> (f64, f64) {
        match self {
            Distribution::Pert { min, max, .. } | Distribution::Triangular { min, max, .. } => {
                (*min, *max)
            }
            Distribution::Uniform { lo, hi } => (*lo, *hi),
            Distribution::Point(x) => (*x, *x),
            Distribution::Choices { values, .. } => (
                values.iter().copied().fold(f64::INFINITY, f64::min),
                values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            ),
            _ => (self.quantile(0.001), self.quantile(0.999)),
        }
    }

    /// The method's name, for reports.
    pub fn name(&self) -> &'static str {
        match self {
            Distribution::Point(_) => "point",
            Distribution::LogNormal { .. } => "lognormal",
            Distribution::Normal { .. } => "normal (truncated)",
            Distribution::Metalog { log: true, .. } => "log-metalog",
            Distribution::Metalog { log: false, .. } => "metalog",
            Distribution::Pert { .. } => "PERT",
            Distribution::Triangular { .. } => "triangular",
            Distribution::Uniform { .. } => "uniform",
            Distribution::Choices { .. } => "choices",
        }
    }
}

fn std_normal() -> Normal {
    Normal::standard()
}

/// Two quantiles in increasing order of probability, with increasing values.
fn two(q: &[(f64, f64)]) -> Result<[(f64, f64); 2], FitError> {
    match q {
        [a, b] if a.0 < b.0 && a.1 <= b.1 => Ok([*a, *b]),
        [a, b] if a.0 < b.0 => Err(format!(
            "the lower quantile must be below the higher one, found {} then {}",
            a.1, b.1
        )),
        _ => Err("expected two of p10, p50, p90".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The standard normal's 90th percentile.
    const Z90: f64 = 1.281_551_565_544_600_4;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn two_quantiles_fit_a_lognormal_through_both() {
        // P10 7,000 and P90 14,000 records/s: mu = ln √(7000·14000) = ln 9899.49,
        // sigma = ln 2 / (2 · 1.28155) = 0.270435.
        let d = Distribution::lognormal(&[(0.1, 7000.0), (0.9, 14000.0)]).unwrap();
        let Distribution::LogNormal { mu, sigma } = d else {
            panic!()
        };
        assert!(close(mu, (7000.0f64 * 14000.0).sqrt().ln()));
        assert!(close(sigma, 2f64.ln() / (2.0 * Z90)));
        assert!(close(d.quantile(0.1), 7000.0));
        assert!(close(d.quantile(0.9), 14000.0));
        assert!(close(d.quantile(0.5), 9899.494936611665));
    }

    #[test]
    fn three_quantiles_fit_a_log_metalog_exactly() {
        // 0.8, 1, 1.5 TB: a1 = ln 1 = 0, a2 = (ln 1.5 − ln 0.8) / (2 ln 9) = 0.143048,
        // a3 = ((ln 0.8 + ln 1.5)/2 − 0) / (0.4 ln 9) = 0.105016; |a3|/a2 = 0.73 < 1.667.
        let d = Distribution::metalog(0.8, 1.0, 1.5).unwrap();
        let Distribution::Metalog { a, log } = &d else {
            panic!()
        };
        assert!(*log);
        assert!(close(a[1], (1.5f64.ln() - 0.8f64.ln()) / (2.0 * 9f64.ln())));
        for (p, x) in [(0.1, 0.8), (0.5, 1.0), (0.9, 1.5)] {
            assert!(close(d.quantile(p), x), "{p}: {}", d.quantile(p));
        }
        // Increasing everywhere it is feasible.
        let mut last = 0.0;
        for i in 1..1000 {
            let x = d.quantile(i as f64 / 1000.0);
            assert!(x > last);
            last = x;
        }
    }

    #[test]
    fn an_infeasible_metalog_is_refused() {
        // P50 almost at P10: a3/a2 far beyond Keelin's 1.667 bound.
        assert!(Distribution::metalog(1.0, 1.01, 10.0).is_err());
        assert!(Distribution::metalog(2.0, 1.0, 3.0).is_err());
    }

    #[test]
    fn pert_is_a_beta_with_weight_four_on_the_mode() {
        // min 0 %, mode 2 %, max 6 %: alpha = 1 + 4·2/6 = 2.3333, beta = 1 + 4·4/6 =
        // 3.6667; the PERT mean (min + 4·mode + max)/6 = 2.3333 %.
        let d = Distribution::three_point(0.0, 2.0, 6.0, false).unwrap();
        let Distribution::Pert { alpha, beta, .. } = d else {
            panic!()
        };
        assert!(close(alpha, 7.0 / 3.0) && close(beta, 11.0 / 3.0));
        let n = 20000;
        let mean: f64 = (0..n)
            .map(|i| d.quantile((i as f64 + 0.5) / n as f64))
            .sum::<f64>()
            / n as f64;
        assert!((mean - 14.0 / 6.0).abs() < 1e-3, "{mean}");
    }

    #[test]
    fn triangular_uniform_and_choices_invert_their_cdfs() {
        // Triangular 0, 1, 4: F(1) = 1/4, so the 25th percentile is the mode.
        let t = Distribution::three_point(0.0, 1.0, 4.0, true).unwrap();
        assert!(close(t.quantile(0.25), 1.0));
        assert!(close(
            t.quantile(1.0 - 1.0 / 12.0),
            4.0 - (4.0f64 * 3.0 / 12.0).sqrt()
        ));
        let u = Distribution::uniform(200.0, 800.0).unwrap();
        assert!(close(u.quantile(0.25), 350.0));
        let c = Distribution::choices(&[(1.0, 1.0), (2.0, 3.0)]).unwrap();
        assert_eq!(c.quantile(0.2), 1.0);
        assert_eq!(c.quantile(0.3), 2.0);
    }

    #[test]
    fn a_truncated_normal_stays_inside_the_key_range() {
        // P10 −1 %, P90 5 % of a growth rate that cannot go below 0: mean 2 %, and no
        // sample below 0.
        let d = Distribution::normal(&[(0.1, -1.0), (0.9, 5.0)])
            .unwrap()
            .truncated(0.0, 1000.0);
        assert!(d.quantile(0.0001) >= 0.0);
        assert!(d.quantile(0.5) > 2.0);
        assert!(Distribution::normal(&[(0.1, 5.0), (0.9, 1.0)]).is_err());
    }
}
