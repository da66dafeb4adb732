//! Uncertain inputs: a numeric key may hold a distribution instead of a value, in the
//! key's own units where it stands (`per_day: { p10: 0.8 TB, p50: 1 TB, p90: 1.5 TB }`),
//! and an optional top-level `uncertainty:` says how to sample. See
//! `docs/uncertainty.md`.
//!
//! The file is read twice over: once as a YAML tree with positions, to find the
//! distributions and the `uncertainty` block; then, with each distribution replaced
//! by its median written in the same unit, by the ordinary loader. The scenario that
//! comes out is the median plan; each input knows how to set its key on a copy of it,
//! so a sample is a concrete scenario priced by the same models.

use super::check::{ScenarioError, closest, loc};
use super::distribution::Distribution;
use super::keys::{self, Kind};
use super::load::load_plain;
use super::tree::{Node, end_of, offset};
use super::{AccessKind, FirehoseInput, Loc, RunLength, Scan, Scenario, Schedule};
use crate::units::{Bytes, Duration, Fraction, split_number};
use serde_saphyr::Spanned;

/// Samples drawn when the scenario does not say.
pub const DEFAULT_SAMPLES: usize = 5000;
/// The most samples a run may ask for.
pub const MAX_SAMPLES: usize = 100_000;
/// The seed when the scenario does not say: runs are reproducible by default.
pub const DEFAULT_SEED: u64 = 1;

/// How a scenario's uncertain inputs are sampled.
#[derive(Clone, Debug, PartialEq)]
pub struct Uncertainty {
    pub inputs: Vec<UncertainInput>,
    pub samples: usize,
    pub seed: u64,
    /// Rank correlations between inputs: (input, input, coefficient).
    pub correlations: Vec<(usize, usize, f64)>,
}

/// One key holding a distribution.
#[derive(Clone, Debug, PartialEq)]
pub struct UncertainInput {
    /// The key's path, list elements by name where they have one:
    /// `athena.workgroups[adhoc].queries_per_day`.
    pub path: String,
    pub loc: Option<Loc>,
    /// The distribution as written, for reports: `p10 0.8 TB, p50 1 TB, p90 1.5 TB`.
    pub stated: String,
    /// The unit the values were written in (`TB`, `%`, or empty).
    pub unit: String,
    pub dist: Distribution,
    /// Written unit → the model's unit (bytes, fraction, seconds, count).
    scale: f64,
    target: Target,
}

impl UncertainInput {
    /// Sets the key to `value`, in the unit it was written in.
    pub fn apply(&self, s: &mut Scenario, value: f64) {
        self.target.set(s, value * self.scale);
    }

    /// `value` with the unit it was written in: `1.2 TB`.
    pub fn show(&self, value: f64) -> String {
        with_unit(&crate::text::significant(value, 4), &self.unit)
    }
}

/// Loads a scenario that may hold distributions: the median plan, with its
/// uncertainty when it has any. A file without distributions loads exactly as before.
pub fn load(text: &str) -> Result<Scenario, ScenarioError> {
    // Most files hold no distribution: a glance at their keys spares a second parse.
    let might = DIST_KEYS.iter().chain(&["uncertainty"]).any(|k| {
        [":", "\":", "':"]
            .iter()
            .any(|end| text.contains(&format!("{k}{end}")))
    });
    if !might {
        return load_plain(text);
    }
    let tree = match serde_saphyr::from_str::<Spanned<Node>>(text) {
        Ok(t) => t,
        // The ordinary loader explains a broken file best.
        Err(_) => return load_plain(text),
    };
    let mut found = Found::default();
    walk(&tree, &mut Vec::new(), &mut found, text);
    if found.dists.is_empty() && found.block.is_none() {
        return super::load::load_plain_with(text, Some(&tree));
    }
    let err = |loc: Option<Loc>, field: &str, message: String| {
        super::load::with_source(ScenarioError::at(loc, field, message), text)
    };
    // Parse every distribution in its written unit and fit it.
    let mut parsed = Vec::new();
    for d in &found.dists {
        // A key that cannot hold a distribution is named before its median is tried.
        key_of(&d.steps).map_err(|m| err(d.loc, &d.path, m))?;
        let (dist, unit, stated) = fit(d).map_err(|m| err(d.loc, &d.path, m))?;
        parsed.push((dist, unit, stated));
    }
    let units: Vec<String> = parsed.iter().map(|(_, unit, _)| unit.clone()).collect();
    let point_text = |values: &[f64]| -> String {
        let mut edits: Vec<(usize, usize, String)> = found
            .dists
            .iter()
            .zip(&units)
            .zip(values)
            .map(|((d, unit), v)| (d.start, d.end, written(*v, unit)))
            .collect();
        if let Some(b) = &found.block {
            edits.push((b.start, b.end, String::new()));
        }
        replace(text, edits)
    };
    let medians: Vec<f64> = parsed.iter().map(|(d, _, _)| d.quantile(0.5)).collect();
    let mut s = load_plain(&point_text(&medians))?;
    let mut inputs = Vec::new();
    for (i, (d, (dist, unit, stated))) in found.dists.iter().zip(parsed).enumerate() {
        let target = Target::resolve(&d.steps, &s).map_err(|m| err(d.loc, &d.path, m))?;
        let scale = target
            .key
            .scale(&unit)
            .map_err(|m| err(d.loc, &d.path, m))?;
        let (lo, hi) = target.key.bounds();
        // A normal is truncated at the key's valid range.
        let dist = dist.truncated(lo / scale, hi / scale);
        // Every value the distribution can take must be one the key accepts: at its
        // ends, and at each of its choices, the scenario must load as a file would.
        let mut ends = vec![dist.extent().0, dist.extent().1];
        if let Distribution::Choices { values, .. } = &dist {
            ends.extend(values);
        }
        for v in ends {
            if v * scale < lo || v * scale > hi {
                return Err(err(
                    d.loc,
                    &d.path,
                    format!(
                        "the distribution reaches {} {unit}, outside the key's valid range {}",
                        crate::text::significant(v, 4),
                        target.key.range_text(scale, &unit)
                    ),
                ));
            }
            let mut at = medians.clone();
            at[i] = v;
            if let Err(e) = load_plain(&point_text(&at)) {
                return Err(err(
                    d.loc,
                    &d.path,
                    format!(
                        "at {} {unit}, a value this distribution can take, the scenario is not valid: {}",
                        crate::text::significant(v, 4),
                        e.message
                    ),
                ));
            }
        }
        inputs.push(UncertainInput {
            path: d.path.clone(),
            loc: d.loc,
            stated,
            unit,
            dist,
            scale,
            target,
        });
    }
    let (samples, seed, correlations) = match &found.block {
        Some(b) => block(b.node, &found.dists, text)?,
        None => (DEFAULT_SAMPLES, DEFAULT_SEED, Vec::new()),
    };
    s.uncertainty = Some(Uncertainty {
        inputs,
        samples,
        seed,
        correlations,
    });
    Ok(s)
}

/// The keys a distribution is written with.
const DIST_KEYS: &[&str] = &[
    "p10", "p50", "p90", "min", "mode", "max", "dist", "uniform", "choices",
];

/// A step of a key path: a mapping key, or a list element (its index and name).
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Key(String),
    Item(usize, Option<String>),
}

/// A distribution found in the file.
struct FoundDist<'a> {
    path: String,
    /// The same path with list elements by index, for correlations written that way.
    index_path: String,
    steps: Vec<Step>,
    loc: Option<Loc>,
    /// Byte range of its text, replaced by a value.
    start: usize,
    end: usize,
    node: &'a Node,
}

struct Block<'a> {
    start: usize,
    end: usize,
    node: &'a Spanned<Node>,
}

#[derive(Default)]
struct Found<'a> {
    dists: Vec<FoundDist<'a>>,
    block: Option<Block<'a>>,
}

fn walk<'a>(node: &'a Spanned<Node>, steps: &mut Vec<Step>, found: &mut Found<'a>, text: &str) {
    match &node.value {
        Node::Map(entries) => {
            let is_dist = !entries.is_empty()
                && entries
                    .iter()
                    .all(|(k, _)| DIST_KEYS.contains(&k.value.as_str()))
                && entries
                    .iter()
                    .any(|(k, _)| k.value != "dist" && k.value != "mode");
            if is_dist && !steps.is_empty() {
                found.dists.push(FoundDist {
                    path: path_text(steps, Items::ByName),
                    index_path: path_text(steps, Items::ByIndex),
                    steps: steps.clone(),
                    loc: loc(node),
                    start: offset(node),
                    end: end_of(node, text),
                    node: &node.value,
                });
                return;
            }
            for (k, v) in entries {
                if steps.is_empty() && k.value == "uncertainty" {
                    found.block = Some(Block {
                        start: offset(k),
                        end: end_of(v, text),
                        node: v,
                    });
                    continue;
                }
                steps.push(Step::Key(k.value.clone()));
                walk(v, steps, found, text);
                steps.pop();
            }
        }
        Node::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                let name = match &item.value {
                    Node::Map(e) => e
                        .iter()
                        .find(|(k, _)| k.value == "name")
                        .and_then(|(_, v)| match &v.value {
                            Node::Scalar(s, _) => Some(s.clone()),
                            _ => None,
                        }),
                    _ => None,
                };
                steps.push(Step::Item(i, name));
                walk(item, steps, found, text);
                steps.pop();
            }
        }
        Node::Scalar(..) => {}
    }
}

/// How a key path writes its list elements.
#[derive(Clone, Copy, PartialEq)]
enum Items {
    /// `[adhoc]` where the element has a name, else `[0]`.
    ByName,
    /// `[0]`.
    ByIndex,
    /// `[]`: the key's shape, whichever element.
    Any,
}

fn path_text(steps: &[Step], items: Items) -> String {
    let mut out = String::new();
    for s in steps {
        match s {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Item(..) if items == Items::Any => out.push_str("[]"),
            Step::Item(_, Some(name)) if items == Items::ByName => {
                out.push_str(&format!("[{name}]"))
            }
            Step::Item(i, _) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// The text with each byte range replaced, newlines kept so that positions after an
/// edit stay on their line.
fn replace(text: &str, mut edits: Vec<(usize, usize, String)>) -> String {
    edits.sort_by_key(|e| e.0);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end, with) in edits {
        out.push_str(&text[at..start]);
        out.push_str(&with);
        out.extend(text[start..end].chars().filter(|c| *c == '\n'));
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// A value as the loader reads it, in the unit the distribution was written in.
fn written(v: f64, unit: &str) -> String {
    with_unit(&v.to_string(), unit)
}

/// A number followed by its unit as a scenario writes it: `1 TB`, `20%`, `7000`.
fn with_unit(number: &str, unit: &str) -> String {
    match unit {
        "" => number.to_string(),
        "%" => format!("{number}%"),
        u => format!("{number} {u}"),
    }
}

fn scalar(n: &Node) -> Option<&str> {
    match n {
        Node::Scalar(s, _) => Some(s),
        _ => None,
    }
}

/// The numbers of a distribution, which must share one unit.
struct Numbers {
    unit: Option<String>,
}

impl Numbers {
    fn read(&mut self, key: &str, n: &Node) -> Result<f64, String> {
        let text = scalar(n).ok_or_else(|| format!("`{key}` must be a value such as `1 TB`"))?;
        let (v, unit) = split_number(text).ok_or_else(|| {
            format!("`{key}`: expected a number with the key's unit, found `{text}`")
        })?;
        match &self.unit {
            Some(u) if u != unit => Err(format!(
                "write every value of a distribution in one unit: `{key}` is in `{unit}`, an earlier one in `{u}`"
            )),
            _ => {
                self.unit = Some(unit.to_string());
                Ok(v)
            }
        }
    }
}

/// Fits a distribution as written; returns it with its unit and how it was stated.
fn fit(d: &FoundDist) -> Result<(Distribution, String, String), String> {
    let Node::Map(entries) = d.node else {
        unreachable!("distributions are mappings")
    };
    let get = |k: &str| {
        entries
            .iter()
            .find(|(key, _)| key.value == k)
            .map(|(_, v)| &v.value)
    };
    let mut nums = Numbers { unit: None };
    let shape = get("dist").map(|n| scalar(n).unwrap_or_default().to_string());
    const SHAPES: &[&str] = &["lognormal", "normal", "metalog", "pert", "triangular"];
    if let Some(s) = &shape
        && !SHAPES.contains(&s.as_str())
    {
        return Err(match closest(s, SHAPES.iter().copied()) {
            Some(near) => format!(
                "unknown `dist: {s}`; did you mean `{near}`? (one of {})",
                SHAPES.join(", ")
            ),
            None => format!("unknown `dist: {s}`; expected one of {}", SHAPES.join(", ")),
        });
    }
    let quantiles: Vec<(f64, &str, &Node)> = [(0.1, "p10"), (0.5, "p50"), (0.9, "p90")]
        .into_iter()
        .filter_map(|(p, k)| get(k).map(|n| (p, k, n)))
        .collect();
    let three: Vec<&str> = ["min", "mode", "max"]
        .into_iter()
        .filter(|k| get(k).is_some())
        .collect();
    let families = [
        !quantiles.is_empty(),
        !three.is_empty(),
        get("uniform").is_some(),
        get("choices").is_some(),
    ];
    if families.iter().filter(|f| **f).count() != 1 {
        return Err("a distribution is one of: two or three of p10/p50/p90; min, mode and max; `uniform: [low, high]`; `choices: [{ value, weight }, …]`".into());
    }
    let mut stated = Vec::new();
    let dist = if !quantiles.is_empty() {
        let mut q = Vec::new();
        for (p, k, n) in &quantiles {
            let v = nums.read(k, n)?;
            stated.push(format!("{k} {}", scalar(n).unwrap_or_default()));
            q.push((*p, v));
        }
        for w in q.windows(2) {
            if w[0].1 > w[1].1 {
                return Err(format!(
                    "quantiles must not decrease: {} is above {}",
                    quantiles[q.iter().position(|x| x == &w[0]).unwrap_or(0)].1,
                    quantiles[q.iter().position(|x| x == &w[1]).unwrap_or(0)].1
                ));
            }
        }
        match (q.len(), shape.as_deref()) {
            (1, _) => return Err("give two or three of p10, p50, p90".into()),
            (2, None | Some("lognormal")) => Distribution::lognormal(&q)?,
            // Truncated at the key's range once the key is known.
            (2, Some("normal")) => Distribution::normal(&q)?,
            (3, None | Some("metalog")) => Distribution::metalog(q[0].1, q[1].1, q[2].1)?,
            (n, Some(s)) => {
                return Err(format!(
                    "`dist: {s}` does not take {n} quantiles: two quantiles fit `lognormal` (the default) or `normal`, three fit `metalog` (the default)"
                ));
            }
            _ => unreachable!("one to three quantiles"),
        }
    } else if !three.is_empty() {
        if three.len() != 3 {
            return Err("min, mode and max go together (PERT); for a flat range write `uniform: [low, high]`".into());
        }
        let mut v = [0.0; 3];
        for (i, k) in ["min", "mode", "max"].iter().enumerate() {
            let n = get(k).expect("present");
            v[i] = nums.read(k, n)?;
            stated.push(format!("{k} {}", scalar(n).unwrap_or_default()));
        }
        match shape.as_deref() {
            None | Some("pert") => Distribution::three_point(v[0], v[1], v[2], false)?,
            Some("triangular") => Distribution::three_point(v[0], v[1], v[2], true)?,
            Some(s) => {
                return Err(format!(
                    "`dist: {s}` does not take min, mode and max: use `pert` (the default) or `triangular`"
                ));
            }
        }
    } else if let Some(n) = get("uniform") {
        match n {
            Node::Seq(items) if items.len() == 2 => {
                let lo = nums.read("uniform", &items[0].value)?;
                let hi = nums.read("uniform", &items[1].value)?;
                stated.push(format!(
                    "uniform {} to {}",
                    scalar(&items[0].value).unwrap_or_default(),
                    scalar(&items[1].value).unwrap_or_default()
                ));
                Distribution::uniform(lo, hi)?
            }
            _ => return Err("expected `uniform: [low, high]`".into()),
        }
    } else {
        let Some(Node::Seq(items)) = get("choices") else {
            return Err("expected `choices: [{ value: …, weight: … }, …]`".into());
        };
        let mut options = Vec::new();
        for item in items {
            let Node::Map(e) = &item.value else {
                return Err("each choice is `{ value: …, weight: … }`".into());
            };
            let field = |k: &str| {
                e.iter()
                    .find(|(key, _)| key.value == k)
                    .map(|(_, v)| &v.value)
            };
            if let Some((k, _)) = e
                .iter()
                .find(|(k, _)| k.value != "value" && k.value != "weight")
            {
                return Err(format!(
                    "unknown key `{}` in a choice; expected `value` and `weight`",
                    k.value
                ));
            }
            let value = nums.read(
                "value",
                field("value").ok_or("each choice needs a `value`")?,
            )?;
            let weight = match field("weight").and_then(scalar) {
                None => 1.0,
                Some(w) => w
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|w| w.is_finite())
                    .ok_or_else(|| format!("a choice's `weight` must be a number, found `{w}`"))?,
            };
            stated.push(format!(
                "{} (weight {weight})",
                scalar(field("value").expect("read above")).unwrap_or_default()
            ));
            options.push((value, weight));
        }
        Distribution::choices(&options)?
    };
    Ok((dist, nums.unit.unwrap_or_default(), stated.join(", ")))
}

/// Samples, seed and correlations (input, input, coefficient).
type Sampling = (usize, u64, Vec<(usize, usize, f64)>);

/// The `uncertainty:` block: samples, seed, correlations.
fn block(node: &Spanned<Node>, dists: &[FoundDist], text: &str) -> Result<Sampling, ScenarioError> {
    let err = |loc: Option<Loc>, field: &str, message: String| {
        super::load::with_source(ScenarioError::at(loc, field, message), text)
    };
    let Node::Map(entries) = &node.value else {
        return Err(err(
            loc(node),
            "uncertainty",
            "expected a mapping with `samples`, `seed` and `correlations`".into(),
        ));
    };
    let (mut samples, mut seed, mut correlations) = (DEFAULT_SAMPLES, DEFAULT_SEED, Vec::new());
    for (k, v) in entries {
        let field = format!("uncertainty.{}", k.value);
        let int = |max: u64| -> Result<u64, ScenarioError> {
            scalar(&v.value)
                .and_then(|s| s.trim().parse::<u64>().ok())
                .filter(|n| *n <= max)
                .ok_or_else(|| {
                    err(
                        loc(v),
                        &field,
                        format!("expected a whole number from 0 to {max}"),
                    )
                })
        };
        match k.value.as_str() {
            "samples" => {
                samples = int(MAX_SAMPLES as u64)? as usize;
                if samples < 2 {
                    return Err(err(
                        loc(v),
                        &field,
                        format!("expected from 2 to {MAX_SAMPLES} samples"),
                    ));
                }
            }
            "seed" => seed = int(u64::MAX)?,
            "correlations" => correlations = correlations_of(v, dists, &err)?,
            other => {
                return Err(err(
                    loc(k),
                    &field,
                    format!("unknown key `{other}`; expected `samples`, `seed` or `correlations`"),
                )
                .suggest(closest(other, ["samples", "seed", "correlations"])));
            }
        }
    }
    Ok((samples, seed, correlations))
}

fn correlations_of(
    v: &Spanned<Node>,
    dists: &[FoundDist],
    err: &dyn Fn(Option<Loc>, &str, String) -> ScenarioError,
) -> Result<Vec<(usize, usize, f64)>, ScenarioError> {
    let field = "uncertainty.correlations";
    let Node::Seq(items) = &v.value else {
        return Err(err(
            loc(v),
            field,
            "expected a list of `[key, key, coefficient]`".into(),
        ));
    };
    let mut out: Vec<(usize, usize, f64)> = Vec::new();
    for item in items {
        let bad = || {
            err(loc(item), field, "expected `[key, key, coefficient]` with a coefficient from −1 to 1, e.g. `[ingest.per_day, athena.workgroups[adhoc].queries_per_day, 0.6]`".into())
        };
        let Node::Seq(parts) = &item.value else {
            return Err(bad());
        };
        let [a, b, c] = parts.as_slice() else {
            return Err(bad());
        };
        let find = |p: &Spanned<Node>| -> Result<usize, ScenarioError> {
            let path = scalar(&p.value).unwrap_or_default().trim();
            dists
                .iter()
                .position(|d| d.path == path || d.index_path == path)
                .ok_or_else(|| {
                    let known: Vec<&str> = dists.iter().map(|d| d.path.as_str()).collect();
                    err(
                        loc(p),
                        field,
                        format!(
                            "`{path}` holds no distribution; uncertain keys: {}",
                            known.join(", ")
                        ),
                    )
                    .suggest(closest(path, known.iter().copied()))
                })
        };
        let (i, j) = (find(a)?, find(b)?);
        let rho = scalar(&c.value)
            .and_then(|s| s.trim().parse::<f64>().ok())
            .filter(|r| (-1.0..=1.0).contains(r) && r.is_finite())
            .ok_or_else(bad)?;
        if i == j
            || out
                .iter()
                .any(|(x, y, _)| (*x, *y) == (i, j) || (*x, *y) == (j, i))
        {
            return Err(err(
                loc(item),
                field,
                "each pair of different keys may be correlated once".into(),
            ));
        }
        out.push((i, j, rho));
    }
    Ok(out)
}

/// The keys that may hold a distribution, and how each is set on a scenario.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Key {
    PerDay,
    Growth,
    Share,
    ObjectSize,
    ExistingSize,
    Reads,
    Restores,
    Records,
    RecordSize,
    PeakFactor,
    JobRuns,
    JobDuration,
    CrawlerRuns,
    CrawlerDuration,
    Queries,
    TableSize,
    ColumnsRead,
    PartitionsRead,
    Invocations,
    FunctionDuration,
    NodeHours,
    ScalingHours,
    Spectrum,
    ActiveHours,
    Executions,
    Transitions,
    FirehoseRecords,
    FirehoseRecordSize,
    ClusterRuns,
    ClusterDuration,
    ClusterHours,
    ServerlessRuns,
    ServerlessVcpuHours,
    ServerlessMemory,
    WorkloadInput,
    WorkloadRuns,
    ScannedPerQuery,
    TableReads,
    TableWrites,
    TableStorage,
}

/// The keys that may hold a distribution (the key table's, `docs/uncertainty.md`
/// lists them).
pub fn uncertain_keys() -> impl Iterator<Item = &'static str> {
    keys::KEYS
        .iter()
        .filter(|k| k.uncertain.is_some())
        .map(|k| k.path)
}

impl Key {
    /// What the key holds, from its definition in the key table (every `Key` is reached
    /// through the table, so it has one).
    fn kind(self) -> Kind {
        keys::KEYS
            .iter()
            .find(|k| k.uncertain == Some(self))
            .map_or(Kind::Number, |k| k.kind)
    }

    /// Valid values in the model's unit: no model accepts a value outside.
    fn bounds(self) -> (f64, f64) {
        use Key::*;
        match self {
            Share | Restores | ColumnsRead | PartitionsRead => (0.0, 1.0),
            NodeHours | ScalingHours | ActiveHours | ClusterHours => (0.0, 24.0),
            PeakFactor => (1.0, f64::INFINITY),
            _ => (0.0, f64::INFINITY),
        }
    }

    /// The model's units per written unit: `TB` → bytes, `%` → fraction, `h` → seconds.
    fn scale(self, unit: &str) -> Result<f64, String> {
        let one = format!("1 {unit}");
        let scale = match self.kind() {
            Kind::Size => one.parse::<Bytes>().map(|b| b.0).map_err(|e| e.0),
            Kind::Time => one
                .parse::<Duration>()
                .map(|d| d.seconds())
                .map_err(|e| e.0),
            Kind::Share => format!("1{unit}")
                .parse::<Fraction>()
                .map(|f| f.value())
                .map_err(|e| e.0),
            Kind::Number | Kind::Whole if unit.is_empty() => Ok(1.0),
            Kind::Number | Kind::Whole => Err(format!(
                "this key is a plain number; found the unit `{unit}`"
            )),
        }?;
        Ok(scale)
    }

    fn range_text(self, scale: f64, unit: &str) -> String {
        let (lo, hi) = self.bounds();
        let show = |v: f64| crate::text::significant(v / scale, 4);
        if hi.is_infinite() {
            format!("{} {unit} and above", show(lo))
        } else {
            format!("{} to {} {unit}", show(lo), show(hi))
        }
    }
}

/// A key in one scenario: which list element (and which access rule) it sets.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Target {
    key: Key,
    item: usize,
    sub: usize,
}

/// The key a path names, and the path with `[]` for its list elements; an error
/// when the key cannot hold a distribution.
fn key_of(steps: &[Step]) -> Result<(Key, String), String> {
    let shape = path_text(steps, Items::Any);
    match keys::find(&shape).and_then(|k| k.uncertain) {
        Some(key) => Ok((key, shape)),
        None => {
            let known: Vec<&str> = uncertain_keys().collect();
            Err(format!(
                "`{shape}` cannot hold a distribution; the keys that can are {}",
                known.join(", ")
            ))
        }
    }
}

impl Target {
    fn resolve(steps: &[Step], s: &Scenario) -> Result<Target, String> {
        let (key, shape) = key_of(steps)?;
        let items: Vec<usize> = steps
            .iter()
            .filter_map(|st| match st {
                Step::Item(i, _) => Some(*i),
                Step::Key(_) => None,
            })
            .collect();
        let t = Target {
            key,
            item: items.first().copied().unwrap_or(0),
            sub: items.get(1).copied().unwrap_or(0),
        };
        // Keys that exist only in one form of their element.
        let l = s.s3.layers.get(t.item);
        let ok = match t.key {
            Key::JobDuration => matches!(
                s.glue.jobs.get(t.item).map(|j| &j.length),
                Some(RunLength::Fixed(_))
            ),
            Key::TableSize | Key::ColumnsRead | Key::PartitionsRead => {
                matches!(
                    s.athena.workgroups.get(t.item).map(|w| &w.scan),
                    Some(Scan::Derived { .. })
                )
            }
            Key::ExistingSize => l.is_some_and(|l| l.existing.is_some()),
            Key::FirehoseRecords | Key::FirehoseRecordSize => matches!(
                s.firehose.streams.get(t.item).map(|f| &f.input),
                Some(FirehoseInput::Direct { .. })
            ),
            Key::ClusterRuns | Key::ClusterDuration => matches!(
                s.emr.clusters.get(t.item).map(|c| &c.schedule),
                Some(Schedule::Runs { .. })
            ),
            Key::ClusterHours => matches!(
                s.emr.clusters.get(t.item).map(|c| &c.schedule),
                Some(Schedule::LongRunning { .. })
            ),
            Key::ScannedPerQuery => {
                matches!(
                    s.athena.workgroups.get(t.item).map(|w| &w.scan),
                    Some(Scan::PerQuery(_))
                )
            }
            Key::Reads => l
                .and_then(|l| l.access.get(t.sub))
                .is_some_and(|a| matches!(a.kind, AccessKind::Reads { .. })),
            Key::Restores => l
                .and_then(|l| l.access.get(t.sub))
                .is_some_and(|a| matches!(a.kind, AccessKind::Restores { .. })),
            _ => true,
        };
        if ok {
            Ok(t)
        } else {
            Err(format!("`{shape}` is not used by this element as written"))
        }
    }

    fn set(&self, s: &mut Scenario, v: f64) {
        let (i, j) = (self.item, self.sub);
        match self.key {
            Key::PerDay => s.ingest.per_day = Bytes(v),
            Key::Growth => s.ingest.growth_per_month = Fraction(v),
            Key::Share => s.s3.layers[i].share_of_ingest = Fraction(v),
            Key::ObjectSize => s.s3.layers[i].object_size = Bytes(v),
            Key::ExistingSize => {
                if let Some(e) = &mut s.s3.layers[i].existing {
                    e.size = Bytes(v);
                }
            }
            Key::Reads | Key::Restores => match &mut s.s3.layers[i].access[j].kind {
                AccessKind::Reads { per_month } => *per_month = v,
                AccessKind::Restores { per_month, .. } => *per_month = Fraction(v),
            },
            Key::Records => s.kinesis.streams[i].records_per_second = v,
            Key::RecordSize => s.kinesis.streams[i].record_size = Bytes(v),
            Key::PeakFactor => s.kinesis.streams[i].peak_factor = v,
            Key::JobRuns => s.glue.jobs[i].runs_per_day = v,
            Key::JobDuration => s.glue.jobs[i].length = RunLength::Fixed(Duration(v)),
            Key::CrawlerRuns => s.glue.crawlers[i].runs_per_day = v,
            Key::CrawlerDuration => s.glue.crawlers[i].duration = Duration(v),
            Key::Queries => s.athena.workgroups[i].queries_per_day = v,
            Key::TableSize | Key::ColumnsRead | Key::PartitionsRead => {
                if let Scan::Derived {
                    table_size,
                    columns_read,
                    partitions_read,
                    ..
                } = &mut s.athena.workgroups[i].scan
                {
                    match self.key {
                        Key::TableSize => *table_size = Bytes(v),
                        Key::ColumnsRead => *columns_read = Fraction(v),
                        _ => *partitions_read = Fraction(v),
                    }
                }
            }
            Key::Invocations => s.lambda.functions[i].invocations_per_day = v,
            Key::FunctionDuration => s.lambda.functions[i].duration = Duration(v),
            Key::NodeHours => s.redshift.clusters[i].hours_per_day = v,
            Key::ScalingHours => s.redshift.clusters[i].concurrency_scaling_hours_per_day = v,
            Key::Spectrum => s.redshift.clusters[i].spectrum_scanned_per_month = Bytes(v),
            Key::ActiveHours => s.redshift.serverless[i].active_hours_per_day = v,
            Key::Executions => s.stepfunctions.state_machines[i].executions_per_day = v,
            Key::Transitions => s.stepfunctions.state_machines[i].transitions_per_execution = v,
            Key::TableReads => s.dynamodb.tables[i].reads_per_second = v,
            Key::TableWrites => s.dynamodb.tables[i].writes_per_second = v,
            Key::TableStorage => s.dynamodb.tables[i].storage = Bytes(v),
            Key::FirehoseRecords | Key::FirehoseRecordSize => {
                if let FirehoseInput::Direct {
                    records_per_second,
                    record_size,
                } = &mut s.firehose.streams[i].input
                {
                    match self.key {
                        Key::FirehoseRecords => *records_per_second = v,
                        _ => *record_size = Bytes(v),
                    }
                }
            }
            Key::ClusterRuns | Key::ClusterDuration | Key::ClusterHours => {
                match (&mut s.emr.clusters[i].schedule, self.key) {
                    (Schedule::Runs { runs_per_day, .. }, Key::ClusterRuns) => *runs_per_day = v,
                    (Schedule::Runs { duration, .. }, Key::ClusterDuration) => {
                        *duration = Duration(v)
                    }
                    (Schedule::LongRunning { hours_per_day }, _) => *hours_per_day = v,
                    _ => {}
                }
            }
            Key::ServerlessRuns => s.emr.serverless[i].runs_per_day = v,
            Key::ServerlessVcpuHours => s.emr.serverless[i].vcpu_hours = v,
            Key::ServerlessMemory => s.emr.serverless[i].memory_gb_hours = v,
            Key::WorkloadInput => s.workloads[i].input_per_run = Bytes(v),
            Key::WorkloadRuns => s.workloads[i].runs_per_day = v,
            Key::ScannedPerQuery => {
                if let Scan::PerQuery(b) = &mut s.athena.workgroups[i].scan {
                    *b = Bytes(v);
                }
            }
        }
    }
}
