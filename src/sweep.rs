//! `lakecost sweep`: what the bill does as one or two inputs move. Each point of the
//! grid is the scenario with `--set`-style overrides, priced by the same models.

use crate::model::{self, EstimateError};
use crate::pricing::PriceBook;
use crate::scenario::overrides::{Override, load_with};
use crate::units::Usd;
use serde::Serialize;

/// One `--vary KEY=FROM..TO[:STEPS|*FACTOR]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Vary {
    pub path: String,
    /// The values, each written with the unit FROM and TO carry (`0.5 TB`).
    pub values: Vec<String>,
}

/// The number and the unit of a quantity as written: `0.5 TB` → (0.5, " TB").
pub(crate) fn split(q: &str) -> Option<(f64, String)> {
    let q = q.trim();
    let (n, end) = crate::units::leading_number(q)?;
    Some((n, q[end..].to_string()))
}

/// The most points a sweep evaluates, per key.
pub const MAX_STEPS: usize = 200;

impl std::str::FromStr for Vary {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || {
            format!(
                "expected KEY=FROM..TO[:STEPS|*FACTOR], e.g. `ingest.per_day=0.5 TB..4 TB:8` or `ingest.per_day=0.5 TB..4 TB*2`, found `{s}`"
            )
        };
        let (path, range) = s.split_once('=').ok_or_else(bad)?;
        let key = crate::scenario::keys::numeric(path.trim())?;
        let (from, rest) = range.split_once("..").ok_or_else(bad)?;
        for end in [from, rest.split([':', '*']).next().unwrap_or(rest)] {
            if key.kind.read(end).is_none() {
                return Err(format!(
                    "`{}` is {}; found `{}`",
                    path.trim(),
                    key.kind.example(),
                    end.trim()
                ));
            }
        }
        let (to, how) = match rest.rfind([':', '*']) {
            Some(i) => (&rest[..i], Some((&rest[i..i + 1], &rest[i + 1..]))),
            None => (rest, None),
        };
        let ((a, unit), (b, unit_b)) = (split(from).ok_or_else(bad)?, split(to).ok_or_else(bad)?);
        if unit.trim() != unit_b.trim() {
            return Err(format!(
                "FROM and TO must have the same unit, found `{from}` and `{to}`"
            ));
        }
        if b < a {
            return Err(format!("TO must not be below FROM, found `{from}..{to}`"));
        }
        let numbers: Vec<f64> = match how {
            None => {
                let n = 5;
                (0..n)
                    .map(|i| a + (b - a) * i as f64 / (n - 1) as f64)
                    .collect()
            }
            Some((":", steps)) => {
                let n: usize = steps.trim().parse().map_err(|_| bad())?;
                if !(2..=MAX_STEPS).contains(&n) {
                    return Err(format!("STEPS is 2 to {MAX_STEPS}, found {n}"));
                }
                (0..n)
                    .map(|i| a + (b - a) * i as f64 / (n - 1) as f64)
                    .collect()
            }
            Some((_, factor)) => {
                let f: f64 = factor.trim().parse().map_err(|_| bad())?;
                if !(f > 1.0 && f.is_finite()) || a <= 0.0 {
                    return Err("FACTOR must be above 1 and FROM above 0".into());
                }
                let mut v = vec![a];
                while let Some(next) = v.last().map(|x| x * f).filter(|x| *x <= b * (1.0 + 1e-12)) {
                    if v.len() == MAX_STEPS {
                        return Err(format!("the sweep would take more than {MAX_STEPS} steps"));
                    }
                    v.push(next);
                }
                v
            }
        };
        // A whole-number key (workers, nodes, days) takes whole steps: rounded, each
        // once.
        let numbers = if key.kind == crate::scenario::keys::Kind::Whole {
            let mut whole: Vec<f64> = numbers.iter().map(|n| n.round()).collect();
            whole.dedup();
            if whole.len() < 2 {
                return Err(format!(
                    "`{}` is a whole number, and `{}..{}` holds fewer than 2 whole values",
                    path.trim(),
                    from.trim(),
                    to.trim()
                ));
            }
            whole
        } else {
            numbers
        };
        Ok(Vary {
            path: path.trim().to_string(),
            values: numbers
                .iter()
                .map(|n| format!("{}{unit}", round(*n)))
                .collect(),
        })
    }
}

/// Ten significant digits: `0.1 + 0.2` is written `0.3`.
pub(crate) fn round(n: f64) -> f64 {
    if n == 0.0 {
        return 0.0;
    }
    let scale = 10f64.powi(9 - n.abs().log10().floor() as i32);
    (n * scale).round() / scale
}

/// One priced point of the grid.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Point {
    /// The values of the varied keys, in `--vary` order.
    pub values: Vec<String>,
    /// The steady-state month (`None` when the lake has none).
    pub steady_state_usd: Option<Usd>,
    pub horizon_usd: Usd,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Sweep {
    pub schema: &'static str,
    pub scenario: String,
    pub keys: Vec<String>,
    pub points: Vec<Point>,
}

/// Why a sweep point could not be priced.
#[derive(Debug)]
pub enum SweepError {
    Scenario(String),
    Estimate(String),
}

/// Prices every point of the grid of `varies` (one or two keys).
pub fn run(
    text: &str,
    varies: &[Vary],
    book: &PriceBook,
    extra: &[Override],
) -> Result<Sweep, SweepError> {
    let mut grid: Vec<Vec<&String>> = vec![Vec::new()];
    for v in varies {
        grid = grid
            .into_iter()
            .flat_map(|prefix| {
                v.values.iter().map(move |x| {
                    let mut p = prefix.clone();
                    p.push(x);
                    p
                })
            })
            .collect();
    }
    let mut points = Vec::with_capacity(grid.len());
    let mut name = String::new();
    for values in grid {
        let mut overrides = extra.to_vec();
        overrides.extend(varies.iter().zip(&values).map(|(v, x)| Override {
            path: v.path.clone(),
            value: (*x).clone(),
        }));
        let s = load_with(text, &overrides).map_err(|e| SweepError::Scenario(e.to_string()))?;
        name = s.name.clone();
        let e = model::estimate(&s, book).map_err(|e| match e {
            EstimateError::Rejected(f) => SweepError::Estimate(format!(
                "at {}: {}",
                values
                    .iter()
                    .map(|v| v.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                f.iter()
                    .map(|f| format!("{} {}", f.code, f.message))
                    .collect::<Vec<_>>()
                    .join("; ")
            )),
            other => SweepError::Estimate(other.to_string()),
        })?;
        points.push(Point {
            values: values.into_iter().cloned().collect(),
            steady_state_usd: e.steady_state.as_ref().ok().map(|m| m.total()),
            horizon_usd: e.horizon_total(),
        });
    }
    Ok(Sweep {
        schema: "lakecost.sweep/v1",
        scenario: name,
        keys: varies.iter().map(|v| v.path.clone()).collect(),
        points,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_by_steps_and_by_factor() {
        let v: Vary = "ingest.per_day=0.5 TB..4 TB:8".parse().unwrap();
        assert_eq!(v.values.first().unwrap(), "0.5 TB");
        assert_eq!(v.values.last().unwrap(), "4 TB");
        assert_eq!(v.values.len(), 8);
        assert_eq!(v.values[1], "1 TB");
        let v: Vary = "ingest.per_day=0.5 TB..4 TB*2".parse().unwrap();
        assert_eq!(v.values, ["0.5 TB", "1 TB", "2 TB", "4 TB"]);
        assert!("ingest.per_day=4 TB..1 TB".parse::<Vary>().is_err());
        assert!("ingest.per_day=1 TB..4 GB".parse::<Vary>().is_err());
        assert!("ingest.per_day=1 TB..4 TB:100000".parse::<Vary>().is_err());
        // The key is one of the key table's, its values of the key's kind.
        let e = "ingest.per_dya=1 TB..4 TB".parse::<Vary>().unwrap_err();
        assert!(e.contains("did you mean `ingest.per_day`"), "{e}");
        let e = "ingest.per_day=1..4".parse::<Vary>().unwrap_err();
        assert!(e.contains("a size with its unit"), "{e}");
        let e = "s3.layers[bronze].storage_class=1..4"
            .parse::<Vary>()
            .unwrap_err();
        assert!(e.contains("not a numeric key"), "{e}");
        let v: Vary = "s3.layers[bronze].object_size=64 MB..256 MB*2"
            .parse()
            .unwrap();
        assert_eq!(v.values, ["64 MB", "128 MB", "256 MB"]);
    }

    #[test]
    fn a_whole_number_key_takes_whole_steps_each_once() {
        // 5..20 in 3 steps would be 5, 12.5, 20: a job has whole workers.
        let v: Vary = "glue.jobs[etl].workers=5..20:3".parse().unwrap();
        assert_eq!(v.values, ["5", "13", "20"]);
        // 5..7 in 6 steps rounds to 5, 5, 6, 6, 7, 7: each once.
        let v: Vary = "emr.clusters[c].task.count=5..7:6".parse().unwrap();
        assert_eq!(v.values, ["5", "6", "7"]);
        let e = "glue.jobs[etl].workers=5.5..8".parse::<Vary>().unwrap_err();
        assert!(
            e.contains("glue.jobs[etl].workers") && e.contains("a whole number"),
            "{e}"
        );
        let e = "glue.jobs[etl].workers=5..5:3".parse::<Vary>().unwrap_err();
        assert!(e.contains("fewer than 2 whole values"), "{e}");
    }
}
