//! `lakecost optimize`: cheaper designs for the same workload, as verified edits to the
//! scenario (see `docs/optimize.md`).
//!
//! Each proposer searches one kind of design (S3 lifecycle, Glue execution class,
//! EMR markets and instance families, Redshift schedules, Kinesis capacity modes) on
//! the typed scenario with the fast evaluation path, and describes the best design it
//! finds as edits to the scenario's text. Every proposal is then *verified*: the
//! edits are applied to the text, the text is loaded and checked as `validate` would,
//! and the whole scenario is priced again. Only what that second pricing shows is
//! reported, so a claimed saving is by construction what `estimate` of the written
//! file gives; a proposal whose file raises a finding the input did not have is
//! dropped.

pub mod moves;

use crate::edited::{Priced, Totals};
use crate::model::{self, Estimate, EstimateError, LineItem, Metric, Service};
use crate::pricing::{Confidence, PriceBook};
use crate::scenario::edit::{self, Edit};
use crate::scenario::{self, Scenario, ScenarioError};
use crate::units::Usd;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What the user asked for.
#[derive(Clone, Debug)]
pub struct Options {
    pub metric: Metric,
    /// At most this many changes are listed and applied together.
    pub max_changes: Option<usize>,
    /// The families of moves searched ([`moves::MOVES`] codes); empty: all.
    pub only: Vec<&'static str>,
    /// Families not searched.
    pub skip: Vec<&'static str>,
}

impl Options {
    /// Every family searched, every change listed, lowering `metric`.
    pub fn new(metric: Metric) -> Options {
        Options {
            metric,
            max_changes: None,
            only: Vec::new(),
            skip: Vec::new(),
        }
    }
}

/// What a change touches beyond the scenario's settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A setting of a service (a lifecycle rule, an execution class, a schedule).
    Configuration,
    /// The code that writes or sends the data changes (a storage class set on PUT,
    /// producer-side aggregation).
    Producer,
    /// The data is rewritten in another layout (format, partitioning).
    DataLayout,
}

/// A design a proposer found, before verification.
#[derive(Clone, Debug)]
pub(crate) struct Proposal {
    pub service: Service,
    pub resource: String,
    pub title: String,
    pub kind: Kind,
    pub trade_off: String,
    pub edits: Vec<Edit>,
    /// The design the search priced, which the edits must describe: the plan prices the
    /// edited text whole and drops a proposal whose price differs.
    pub candidate: Scenario,
}

/// A saving by kind of charge (S3: storage, requests and transitions, retrieval and
/// restores, early deletion), by the objective: a month at steady state, or the
/// horizon's total.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Part {
    pub part: String,
    pub saving_usd: Usd,
}

/// One verified change.
#[derive(Clone, Debug, Serialize)]
pub struct Change {
    pub rank: usize,
    /// The family of moves it comes from (`LC-OPT-…`).
    pub code: &'static str,
    pub service: Service,
    pub resource: String,
    pub change: String,
    pub kind: Kind,
    pub trade_off: String,
    /// The steady-state monthly bill less that of the scenario with this change alone
    /// (`None` when the lake has no steady state).
    pub monthly_saving_usd: Option<Usd>,
    /// The horizon total less that with this change alone.
    pub horizon_saving_usd: Usd,
    /// The saving by kind of charge, where the service has such parts.
    pub parts: Vec<Part>,
    /// The least certain price among the lines the change moves.
    pub confidence: Confidence,
    /// This change's edit alone, as a unified diff against the input.
    pub diff: String,
    #[serde(skip)]
    pub edits: Vec<Edit>,
}

/// A proposal that was found but not listed, and why.
#[derive(Clone, Debug, Serialize)]
pub struct Dropped {
    /// The family of moves it came from, where one did.
    pub code: Option<&'static str>,
    pub resource: String,
    pub change: String,
    pub reason: String,
}

/// What `optimize` reports.
#[derive(Clone, Debug, Serialize)]
pub struct Plan {
    pub scenario: String,
    pub metric: Metric,
    pub before: Totals,
    /// With every listed change applied together (priced together, not summed).
    pub after: Totals,
    pub changes: Vec<Change>,
    pub dropped: Vec<Dropped>,
    /// Lifecycle designs checked against S3's rules, designs priced by the searches
    /// (those that passed, and every other candidate), and scenarios priced whole to
    /// verify them.
    pub designs_checked: usize,
    pub candidates_priced: usize,
    pub verifications: usize,
    /// The input with every listed change applied, and its diff against the input.
    #[serde(skip)]
    pub written: String,
    pub diff: String,
}

/// Why `optimize` could not run.
#[derive(Debug)]
pub enum OptimizeError {
    Scenario(ScenarioError),
    Estimate(EstimateError),
    /// The objective has no value for this scenario.
    Objective(String),
}

impl std::fmt::Display for OptimizeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OptimizeError::Scenario(e) => e.fmt(f),
            OptimizeError::Estimate(e) => e.fmt(f),
            OptimizeError::Objective(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for OptimizeError {}

/// The searches' view of the scenario: its typed form and a counted way to price it.
pub(crate) struct Search<'a> {
    /// The scenario as loaded.
    pub s: &'a Scenario,
    /// With Firehose deliveries and `from_layer` writes resolved, as the models see it.
    pub resolved: Scenario,
    pub book: &'a PriceBook,
    pub metric: Metric,
    priced: AtomicUsize,
    /// Lifecycle designs checked against S3's rules before any pricing.
    pub checked: AtomicUsize,
    /// Prices candidates needed that the book lacks: the moves that needed them could
    /// not be considered, and the plan says so.
    unpriced: std::sync::Mutex<std::collections::BTreeSet<String>>,
    /// Lines the input itself leaves out for want of a price.
    base_not_included: usize,
}

impl Search<'_> {
    /// The objective of a whole scenario by the fast evaluation path; `None` when it
    /// cannot be priced.
    pub fn cost(&self, s: &Scenario) -> Option<f64> {
        self.priced.fetch_add(1, Ordering::Relaxed);
        let e = model::evaluate(s, self.book)
            .map_err(|e| self.note(e))
            .ok()?;
        if e.not_included.len() > self.base_not_included {
            // A stand-in price (`--allow-missing`) would make the candidate look cheaper.
            for l in &e.not_included {
                self.note(EstimateError::Pricing(
                    crate::pricing::PricingError::Missing {
                        key: l.price.key.clone(),
                        region: l.price.region.clone(),
                    },
                ));
            }
            return None;
        }
        self.metric.of(&e).map(Usd::value)
    }

    /// Remembers the price a candidate lacked.
    fn note(&self, e: EstimateError) {
        if let EstimateError::Pricing(crate::pricing::PricingError::Missing { key, .. }) = e
            && let Ok(mut keys) = self.unpriced.lock()
        {
            keys.insert(key);
        }
    }

    /// The cheapest of `candidates` (a changed scenario and what describes it) that costs
    /// less than the scenario as it is, by the fast path, with what describes it.
    pub fn cheapest<T>(&self, candidates: Vec<(Scenario, T)>) -> Option<(Scenario, T)> {
        let base = self.cost(self.s)?;
        candidates
            .into_iter()
            .filter_map(|(s, t)| Some((self.cost(&s)?, s, t)))
            .filter(|(c, _, _)| saves(base, *c))
            .reduce(|a, b| if b.0 < a.0 { b } else { a })
            .map(|(_, s, t)| (s, t))
    }

    /// The objective of S3's bill alone.
    pub fn s3_cost(&self, s: &Scenario) -> Option<f64> {
        self.priced.fetch_add(1, Ordering::Relaxed);
        model::s3::bill(s, self.book, self.metric)
            .map_err(|e| self.note(EstimateError::Pricing(e)))
            .ok()
            .flatten()
            .map(Usd::value)
    }
}

/// A saving smaller than this is no saving: money is shown to the cent.
const MIN_SAVING_USD: f64 = 0.005;

/// Whether `after` is cheaper than `before` by at least a cent's rounding.
pub(crate) fn saves(before: f64, after: f64) -> bool {
    before - after >= MIN_SAVING_USD
}

/// Proposes cheaper designs for the scenario in `text`.
pub fn optimize(text: &str, book: &PriceBook, opts: Options) -> Result<Plan, OptimizeError> {
    let s = scenario::load_str(text).map_err(OptimizeError::Scenario)?;
    let base = Priced::of(&s, book).map_err(OptimizeError::Estimate)?;
    let before = base.totals();
    if opts.metric == Metric::Steady && before.monthly_usd.is_none() {
        return Err(OptimizeError::Objective(format!(
            "the lake has no steady state ({}): optimise the horizon total with `--objective horizon`",
            base.estimate
                .steady_state
                .as_ref()
                .err()
                .map_or("", String::as_str)
        )));
    }
    let search = Search {
        s: &s,
        resolved: model::resolve(&s),
        book,
        metric: opts.metric,
        priced: AtomicUsize::new(0),
        checked: AtomicUsize::new(0),
        unpriced: Default::default(),
        base_not_included: base.estimate.not_included.len(),
    };
    let searched = moves::MOVES.iter().filter(|m| {
        (opts.only.is_empty() || opts.only.contains(&m.code)) && !opts.skip.contains(&m.code)
    });
    let mut verifications = 0;
    let mut changes = Vec::new();
    let mut dropped = Vec::new();
    for m in searched {
        for p in (m.propose)(&search) {
            verifications += 1;
            let priced = search.cost(&p.candidate);
            match verify(text, book, &base, (m.code, &p), priced, opts.metric) {
                Ok(c) => changes.push(c),
                Err(reason) => dropped.push(Dropped {
                    code: Some(m.code),
                    resource: p.resource,
                    change: p.title,
                    reason,
                }),
            }
        }
    }
    let key = |c: &Change| match opts.metric {
        Metric::Steady => c.monthly_saving_usd.unwrap_or(Usd(0.0)).value(),
        Metric::Horizon => c.horizon_saving_usd.value(),
    };
    changes.sort_by(|a, b| key(b).total_cmp(&key(a)).then(a.resource.cmp(&b.resource)));
    if let Some(n) = opts.max_changes {
        changes.truncate(n);
    }

    // Applied in the order listed, each change must lower the bill further; one that
    // no longer does after those above it is set aside.
    let mut together = text.to_string();
    let mut current = objective(&before, opts.metric);
    let mut after = before;
    let mut kept = Vec::new();
    for c in changes {
        verifications += 1;
        let next = edit::apply(&together, &c.edits)
            .map_err(|e| e.to_string())
            .and_then(|t| Ok((Priced::of_text(&t, book)?.totals(), t)));
        match next {
            Ok((totals, t)) if saves(current, objective(&totals, opts.metric)) => {
                current = objective(&totals, opts.metric);
                after = totals;
                together = t;
                kept.push(c);
            }
            Ok(_) => dropped.push(Dropped {
                code: Some(c.code),
                resource: c.resource,
                change: c.change,
                reason: "saves nothing once the changes listed above it are made".into(),
            }),
            Err(reason) => dropped.push(Dropped {
                code: Some(c.code),
                resource: c.resource,
                change: c.change,
                reason,
            }),
        }
    }
    for (i, c) in kept.iter_mut().enumerate() {
        c.rank = i + 1;
    }
    let unpriced = search.unpriced.into_inner().unwrap_or_default();
    for key in unpriced {
        dropped.push(Dropped {
            code: None,
            resource: "—".into(),
            change: format!("every move that needs `{key}`"),
            reason: format!(
                "not considered: no price for `{key}` in {} in the price snapshot (`lakecost pricing refresh --region {}` fetches it)",
                s.region, s.region
            ),
        });
    }
    let diff = unified_diff(text, &together);
    Ok(Plan {
        scenario: s.name.clone(),
        metric: opts.metric,
        before,
        after,
        changes: kept,
        dropped,
        designs_checked: search.checked.load(Ordering::Relaxed),
        candidates_priced: search.priced.load(Ordering::Relaxed),
        verifications,
        written: together,
        diff,
    })
}

fn objective(t: &Totals, metric: Metric) -> f64 {
    match metric {
        Metric::Steady => t.monthly_usd.map_or(f64::INFINITY, Usd::value),
        Metric::Horizon => t.horizon_usd.value(),
    }
}

/// Applies a proposal's edits to the input, prices the result whole, and reports the
/// change with what that pricing shows; an error says why it is not proposed. `searched`
/// is the objective of the candidate the search priced: the edited text must price the
/// same, or the edits do not describe the design that was searched.
fn verify(
    text: &str,
    book: &PriceBook,
    base: &Priced,
    (code, p): (&'static str, &Proposal),
    searched: Option<f64>,
    metric: Metric,
) -> Result<Change, String> {
    let edited = edit::apply(text, &p.edits).map_err(|e| e.to_string())?;
    let after = Priced::of_text(&edited, book)?;
    let proved = objective(&after.totals(), metric);
    if let Some(searched) = searched
        && (searched - proved).abs() > MIN_SAVING_USD.max(proved.abs() * 1e-9)
    {
        return Err(format!(
            "the edit does not describe the design searched: the search priced ${searched:.2}, the edited file ${proved:.2} (a lakecost bug: please report it)"
        ));
    }
    // A stand-in price (`--allow-missing`) would make the change look cheaper than it is.
    if let Some(l) = after.estimate.not_included.iter().find(|l| {
        !base
            .estimate
            .not_included
            .iter()
            .any(|b| b.price.key == l.price.key)
    }) {
        return Err(format!(
            "not considered: no price for `{}` in {} in the price snapshot",
            l.price.key, l.price.region
        ));
    }
    // `validate --strict` of the written file must raise nothing the input did not.
    let known: Vec<(&str, &str)> = base
        .estimate
        .findings
        .iter()
        .map(|f| (f.code, f.resource.as_str()))
        .collect();
    if let Some(f) = after
        .estimate
        .findings
        .iter()
        .find(|f| !known.contains(&(f.code, f.resource.as_str())) && !is_priced_charge(f.code))
    {
        return Err(format!(
            "it would raise {} on `{}`: {}",
            f.code, f.resource, f.message
        ));
    }
    let (b, a) = (base.totals(), after.totals());
    if !saves(objective(&b, metric), objective(&a, metric)) {
        return Err("saves nothing once priced whole".into());
    }
    let monthly = match (b.monthly_usd, a.monthly_usd) {
        (Some(x), Some(y)) => Some(Usd(x.value() - y.value())),
        _ => None,
    };
    let (before_lines, after_lines) = match metric {
        Metric::Steady => (steady_lines(&base.estimate), steady_lines(&after.estimate)),
        Metric::Horizon => (all_lines(&base.estimate), all_lines(&after.estimate)),
    };
    let parts = parts(p.service, &before_lines, &after_lines);
    Ok(Change {
        rank: 0,
        code,
        service: p.service,
        resource: p.resource.clone(),
        change: p.title.clone(),
        kind: p.kind,
        trade_off: with_early_deletion(&p.trade_off, &parts, metric),
        monthly_saving_usd: monthly,
        horizon_saving_usd: Usd(b.horizon_usd.value() - a.horizon_usd.value()),
        parts,
        confidence: moved_confidence(&before_lines, &after_lines),
        diff: unified_diff(text, &edited),
        edits: p.edits.clone(),
    })
}

fn steady_lines(e: &Estimate) -> Vec<&LineItem> {
    e.steady_state.iter().flat_map(|b| b.lines.iter()).collect()
}

fn all_lines(e: &Estimate) -> Vec<&LineItem> {
    e.months.iter().flat_map(|b| b.lines.iter()).collect()
}

/// Cost per (service, resource, component), summed.
fn by_line<'a>(lines: &[&'a LineItem]) -> BTreeMap<(&'a str, &'a str, &'a str), (f64, Confidence)> {
    let mut out: BTreeMap<_, (f64, Confidence)> = BTreeMap::new();
    for l in lines {
        let e = out
            .entry((l.service.name(), &*l.resource, &*l.component))
            .or_insert((0.0, Confidence::V));
        e.0 += l.cost_usd.value();
        e.1 = e.1.max(l.confidence);
    }
    out
}

/// The least certain confidence among lines whose cost the change moves.
fn moved_confidence(before: &[&LineItem], after: &[&LineItem]) -> Confidence {
    let (b, a) = (by_line(before), by_line(after));
    b.iter()
        .chain(a.iter())
        .filter(|(k, (usd, _))| {
            let other = if b.contains_key(*k) {
                a.get(*k)
            } else {
                b.get(*k)
            };
            other.is_none_or(|(o, _)| (o - usd).abs() >= MIN_SAVING_USD / 10.0)
        })
        .map(|(_, (_, c))| *c)
        .max()
        .unwrap_or(Confidence::V)
}

/// The saving split by kind of charge, for services whose bill has such parts.
fn parts(service: Service, before: &[&LineItem], after: &[&LineItem]) -> Vec<Part> {
    if service != Service::S3 {
        return Vec::new();
    }
    let mut out: Vec<Part> = S3_PARTS
        .iter()
        .map(|(name, _)| Part {
            part: (*name).into(),
            saving_usd: Usd(0.0),
        })
        .collect();
    for (lines, sign) in [(before, 1.0), (after, -1.0)] {
        for l in lines.iter().filter(|l| l.service == Service::S3) {
            if let Some(i) = S3_PARTS
                .iter()
                .position(|(_, prefixes)| prefixes.iter().any(|p| l.price.key.starts_with(p)))
            {
                out[i].saving_usd = Usd(out[i].saving_usd.value() + sign * l.cost_usd.value());
            }
        }
    }
    out
}

/// Findings that are charges AWS bills rather than rules it enforces: a design may
/// raise one when paying it is cheaper, since the estimate prices it. Early deletion
/// (LC-S3-006) is the one: S3 bills the rest of a class's minimum storage duration.
pub(crate) fn is_priced_charge(code: &str) -> bool {
    code == "LC-S3-006"
}

/// The trade-off, saying what early deletion the change pays beyond today's.
fn with_early_deletion(trade_off: &str, parts: &[Part], metric: Metric) -> String {
    let paid = parts
        .iter()
        .find(|p| p.part == "early deletion")
        .map_or(0.0, |p| -p.saving_usd.value());
    if paid < MIN_SAVING_USD {
        return trade_off.to_string();
    }
    let per = match metric {
        Metric::Steady => "/month",
        Metric::Horizon => " over the horizon",
    };
    let pays = format!("pays ${paid:.2}{per} more early deletion (priced in the saving)");
    if trade_off.starts_with("none:") {
        pays
    } else {
        format!("{trade_off}; {pays}")
    }
}

/// S3's kinds of charge, by the price keys they bill at.
const S3_PARTS: [(&str, &[&str]); 4] = [
    ("storage", &["s3.storage.", "s3.monitoring."]),
    (
        "requests and transitions",
        &["s3.requests.", "s3.transition.", "s3.restore.request."],
    ),
    ("retrieval", &["s3.retrieval.", "s3.restore.retrieval."]),
    ("early deletion", &["s3.early_delete."]),
];

/// A unified diff of two versions of a scenario, with three lines of context.
pub fn unified_diff(before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header("input", "optimized")
        .to_string()
}
