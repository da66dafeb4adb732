//! Uncertainty: a scenario whose inputs hold distributions, priced as thousands of
//! concrete scenarios (Latin hypercube samples) by the same models, summarised as
//! percentiles; and what drives the bill, input by input (a tornado and rank
//! correlations). See `docs/uncertainty.md`.
//!
//! Each sample is priced by [`model::evaluate`] and reduced at once to a few numbers
//! (month totals, steady state, horizon, per service, capacity), so memory grows with
//! the number of samples times the months, never with their bills.

pub mod sample;

use crate::model::{self, EstimateError, Evaluation, Service};
use crate::pricing::PriceBook;
use crate::scenario::{Scenario, Uncertainty};
use rayon::prelude::*;
use serde::Serialize;

/// What the tornado and the rank correlations rank inputs by.
pub use crate::model::Metric;

/// How to sample, where the command line overrides the scenario.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub samples: Option<usize>,
    pub seed: Option<u64>,
    pub metric: Metric,
}

/// P10, P50 and P90 of one quantity over the samples, with the standard error of
/// each as estimated from the samples themselves.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Percentiles {
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
    /// Standard errors of P10, P50, P90 (distribution-free, from order statistics).
    pub se: [f64; 3],
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InputSummary {
    pub key: String,
    pub stated: String,
    pub distribution: &'static str,
    pub unit: String,
    /// The input's own P10, P50, P90, in its unit.
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonthPercentiles {
    pub month: u32,
    #[serde(flatten)]
    pub usd: Percentiles,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ServicePercentiles {
    pub service: Service,
    pub steady_state_usd: Option<Percentiles>,
    pub horizon_usd: Percentiles,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CapacityPercentiles {
    pub service: Service,
    pub resource: String,
    pub metric: String,
    pub unit: String,
    #[serde(flatten)]
    pub value: Percentiles,
}

/// One row of the tornado: the metric with this input at its P10 and at its P90, the
/// others at their P50; and the input's rank correlation with the metric over the
/// samples.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TornadoRow {
    pub key: String,
    pub low: String,
    pub high: String,
    pub usd_at_low: f64,
    pub usd_at_high: f64,
    pub swing_usd: f64,
    pub spearman: f64,
}

/// Everything `estimate` reports about an uncertain scenario.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UncertaintyReport {
    pub samples: usize,
    pub seed: u64,
    pub method: &'static str,
    pub metric: Metric,
    pub inputs: Vec<InputSummary>,
    pub correlations: Vec<(String, String, f64)>,
    pub months: Vec<MonthPercentiles>,
    pub steady_state_usd: Option<Percentiles>,
    pub horizon_total_usd: Percentiles,
    pub services: Vec<ServicePercentiles>,
    pub capacity: Vec<CapacityPercentiles>,
    pub tornado: Vec<TornadoRow>,
}

/// The numbers kept of one sample.
struct Summary {
    months: Vec<f64>,
    steady: Option<f64>,
    horizon: f64,
    /// Per service in [`Layout::services`] order: steady state, horizon.
    services: Vec<(f64, f64)>,
    capacity: Vec<f64>,
}

/// Which services and capacity rows the summaries hold, from the median scenario.
struct Layout {
    services: Vec<Service>,
    capacity: Vec<(Service, String, String, String)>,
}

impl Layout {
    fn new(base: &Evaluation) -> Layout {
        let mut services: Vec<Service> = base
            .months
            .iter()
            .flat_map(|m| m.lines.iter().map(|l| l.service))
            .collect();
        services.sort();
        services.dedup();
        Layout {
            services,
            capacity: base
                .capacity
                .iter()
                .map(|c| {
                    (
                        c.service,
                        c.resource.clone(),
                        c.metric.clone(),
                        c.unit.clone(),
                    )
                })
                .collect(),
        }
    }

    fn summarise(&self, e: &Evaluation) -> Summary {
        let by_service = |lines: &[model::LineItem], s: Service| -> f64 {
            lines
                .iter()
                .filter(|l| l.service == s)
                .map(|l| l.cost_usd.value())
                .sum()
        };
        let steady = e.steady_state.as_ref().ok();
        Summary {
            months: e.months.iter().map(|m| m.total().value()).collect(),
            steady: steady.map(|m| m.total().value()),
            horizon: e.months.iter().map(|m| m.total().value()).sum(),
            services: self
                .services
                .iter()
                .map(|s| {
                    (
                        steady.map_or(0.0, |m| by_service(&m.lines, *s)),
                        e.months.iter().map(|m| by_service(&m.lines, *s)).sum(),
                    )
                })
                .collect(),
            capacity: self
                .capacity
                .iter()
                .map(|(s, r, m, _)| {
                    e.capacity
                        .iter()
                        .find(|c| c.service == *s && &c.resource == r && &c.metric == m)
                        .map_or(0.0, |c| c.value)
                })
                .collect(),
        }
    }
}

impl Summary {
    fn metric(&self, m: Metric) -> f64 {
        match m {
            Metric::Steady => self.steady.unwrap_or(self.horizon),
            Metric::Horizon => self.horizon,
        }
    }
}

/// Samples an uncertain scenario (`s` holds the medians, `u` its inputs) and
/// summarises it. `progress` is told of each sample priced.
pub fn run(
    s: &Scenario,
    u: &Uncertainty,
    book: &PriceBook,
    options: Options,
    progress: &(dyn Fn() + Sync),
) -> Result<UncertaintyReport, EstimateError> {
    let n = options.samples.unwrap_or(u.samples);
    let seed = options.seed.unwrap_or(u.seed);
    let mut base = s.clone();
    base.uncertainty = None;
    let median = model::evaluate(&base, book)?;
    let layout = Layout::new(&median);
    let draws = sample::latin_hypercube(u.inputs.len(), n, seed, &u.correlations)
        .map_err(EstimateError::Uncertainty)?;
    let values: Vec<Vec<f64>> = u
        .inputs
        .iter()
        .zip(&draws)
        .map(|(input, d)| d.iter().map(|p| input.dist.quantile(*p)).collect())
        .collect();
    let price = |set: &dyn Fn(&mut Scenario)| -> Result<Summary, EstimateError> {
        let mut one = base.clone();
        set(&mut one);
        let e = model::evaluate(&one, book)?;
        Ok(layout.summarise(&e))
    };
    let summaries: Vec<Summary> = (0..n)
        .into_par_iter()
        .map(|i| {
            let out = price(&|one: &mut Scenario| {
                for (input, v) in u.inputs.iter().zip(&values) {
                    input.apply(one, v[i]);
                }
            });
            progress();
            out
        })
        .collect::<Result<_, _>>()?;
    let pct = |f: &dyn Fn(&Summary) -> f64| percentiles(summaries.iter().map(f).collect());
    let months = (0..median.months.len())
        .map(|m| MonthPercentiles {
            month: m as u32 + 1,
            usd: pct(&|s| s.months[m]),
        })
        .collect();
    let has_steady = summaries.iter().all(|s| s.steady.is_some());
    let services = layout
        .services
        .iter()
        .enumerate()
        .map(|(i, service)| ServicePercentiles {
            service: *service,
            steady_state_usd: has_steady.then(|| pct(&|s| s.services[i].0)),
            horizon_usd: pct(&|s| s.services[i].1),
        })
        .collect();
    let capacity = layout
        .capacity
        .iter()
        .enumerate()
        .map(
            |(i, (service, resource, metric, unit))| CapacityPercentiles {
                service: *service,
                resource: resource.clone(),
                metric: metric.clone(),
                unit: unit.clone(),
                value: pct(&|s| s.capacity[i]),
            },
        )
        .collect();
    // The tornado: one input at a time at its P10 and P90, the rest at their medians.
    let metric: Vec<f64> = summaries.iter().map(|s| s.metric(options.metric)).collect();
    let mut tornado = Vec::new();
    for (input, v) in u.inputs.iter().zip(&values) {
        let at = |p: f64| -> Result<f64, EstimateError> {
            let x = input.dist.quantile(p);
            Ok(price(&|one: &mut Scenario| input.apply(one, x))?.metric(options.metric))
        };
        let (lo, hi) = (at(0.1)?, at(0.9)?);
        tornado.push(TornadoRow {
            key: input.path.clone(),
            low: input.show(input.dist.quantile(0.1)),
            high: input.show(input.dist.quantile(0.9)),
            usd_at_low: lo,
            usd_at_high: hi,
            swing_usd: (hi - lo).abs(),
            spearman: sample::spearman(v, &metric),
        });
    }
    tornado.sort_by(|a, b| b.swing_usd.total_cmp(&a.swing_usd));
    Ok(UncertaintyReport {
        samples: n,
        seed,
        method: "Latin hypercube sampling; rank correlations by Iman–Conover; PCG-64",
        metric: options.metric,
        inputs: u
            .inputs
            .iter()
            .map(|i| InputSummary {
                key: i.path.clone(),
                stated: i.stated.clone(),
                distribution: i.dist.name(),
                unit: i.unit.clone(),
                p10: i.dist.quantile(0.1),
                p50: i.dist.quantile(0.5),
                p90: i.dist.quantile(0.9),
            })
            .collect(),
        correlations: u
            .correlations
            .iter()
            .map(|(a, b, r)| (u.inputs[*a].path.clone(), u.inputs[*b].path.clone(), *r))
            .collect(),
        months,
        steady_state_usd: has_steady.then(|| pct(&|s| s.steady.unwrap_or(0.0))),
        horizon_total_usd: pct(&|s| s.horizon),
        services,
        capacity,
        tornado,
    })
}

/// P10, P50, P90 by linear interpolation between order statistics (Hyndman and Fan's
/// type 7, the default of R and NumPy), and the standard error of each: half the
/// spread between the order statistics one binomial standard deviation either side,
/// `n·p ∓ √(n·p·(1 − p))`, a distribution-free estimate (for Latin hypercube samples,
/// an upper bound).
pub fn percentiles(mut v: Vec<f64>) -> Percentiles {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    let at = |p: f64| -> f64 {
        if n == 0 {
            return 0.0;
        }
        let h = (n - 1) as f64 * p;
        let (lo, hi) = (h.floor() as usize, h.ceil() as usize);
        v[lo] + (h - lo as f64) * (v[hi] - v[lo])
    };
    let se = |p: f64| -> f64 {
        if n < 2 {
            return 0.0;
        }
        let d = (n as f64 * p * (1.0 - p)).sqrt();
        let rank = |r: f64| r.clamp(0.0, (n - 1) as f64) as usize;
        let centre = n as f64 * p;
        (v[rank((centre + d).ceil())] - v[rank((centre - d).floor())]) / 2.0
    };
    Percentiles {
        p10: at(0.1),
        p50: at(0.5),
        p90: at(0.9),
        se: [se(0.1), se(0.5), se(0.9)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_interpolate_between_order_statistics() {
        // 1..=11: P10 at h = 1 → 2; P50 at h = 5 → 6; P90 at h = 9 → 10.
        let p = percentiles((1..=11).map(f64::from).collect());
        assert_eq!((p.p10, p.p50, p.p90), (2.0, 6.0, 10.0));
        // 1..=10: P10 at h = 0.9 → 1.9.
        let p = percentiles((1..=10).map(f64::from).collect());
        assert!((p.p10 - 1.9).abs() < 1e-12);
        // A constant has no spread and no error.
        let p = percentiles(vec![3.0; 100]);
        assert_eq!((p.p10, p.p90, p.se), (3.0, 3.0, [0.0; 3]));
    }

    #[test]
    fn the_median_of_a_uniform_has_the_textbook_error() {
        // n = 10,000 evenly spread over [0, 1): the median's standard error is
        // √(p(1−p)/n) / f = 0.5/100 / 1 = 0.005.
        let n = 10_000;
        let p = percentiles((0..n).map(|i| i as f64 / n as f64).collect());
        assert!((p.se[1] - 0.005).abs() < 2e-4, "{}", p.se[1]);
    }
}
