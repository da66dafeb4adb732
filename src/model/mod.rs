//! Models: pure functions of a validated [`Scenario`] and a [`PriceBook`] that return
//! priced line items, capacity rows and findings. No I/O, no prices in code, no state.
//!
//! Each service is a room of its own (`<service>/`: its model, its typed price keys,
//! its checks), registered in [`services`], which every place that goes over services
//! reads. A model first simulates *usage* (GB-months, requests, hours) and then prices
//! it through the book, so every line names the price key, usage type, SKU and
//! confidence it was priced with.

pub mod athena;
pub mod cloudwatch;
pub mod compare;
pub mod dynamodb;
pub mod emr;
pub mod firehose;
pub mod glue;
pub mod instances;
pub mod kinesis;
pub mod kms;
pub mod lambda;
pub mod network;
pub mod redshift;
pub mod s3;
pub mod services;
pub mod stepfunctions;
mod timeline;

pub use services::Service;
pub use timeline::{DAYS_PER_MONTH, MonthWindow};

use crate::pricing::spec::PriceKey;
use crate::pricing::{Confidence, Gap, Price, PriceBook, PricingError, Tier};
use crate::scenario::{Loc, Scenario};
use crate::units::Usd;
use serde::Serialize;
use std::fmt;
use std::sync::Arc;

/// One priced quantity: the unit of every report. It shares its price with the book
/// (key, unit, usage type, SKU, effective date, confidence) rather than copying it,
/// so that pricing a month or a sample allocates little.
#[derive(Clone, Debug, PartialEq)]
pub struct LineItem {
    pub service: Service,
    pub resource: Arc<str>,
    pub component: Arc<str>,
    pub quantity: f64,
    pub unit_price_usd: f64,
    pub cost_usd: Usd,
    pub price: Arc<Price>,
    /// The price's confidence, or lower when the rate also rests on a less certain
    /// price (a spot discount).
    pub confidence: Confidence,
}

impl LineItem {
    /// Prices `quantity` at one tier of `price` (its rate and confidence); cost is never
    /// rounded here.
    pub fn priced(
        service: Service,
        resource: impl Into<Arc<str>>,
        component: impl Into<Arc<str>>,
        quantity: f64,
        price: &Arc<Price>,
        tier: Tier,
    ) -> LineItem {
        LineItem {
            service,
            resource: resource.into(),
            component: component.into(),
            quantity,
            unit_price_usd: tier.usd,
            cost_usd: Usd(quantity * tier.usd),
            price: Arc::clone(price),
            confidence: tier.confidence,
        }
    }
}

/// The report schema's flat line: the price's identity beside the quantity.
impl Serialize for LineItem {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let p = &self.price;
        let mut m = s.serialize_struct("LineItem", 12)?;
        m.serialize_field("service", &self.service)?;
        m.serialize_field("resource", &*self.resource)?;
        m.serialize_field("component", &*self.component)?;
        m.serialize_field("quantity", &self.quantity)?;
        m.serialize_field("unit", &p.unit)?;
        m.serialize_field("unit_price_usd", &self.unit_price_usd)?;
        m.serialize_field("cost_usd", &self.cost_usd)?;
        m.serialize_field("price_key", &p.key)?;
        m.serialize_field("usage_type", &p.usage_type)?;
        m.serialize_field("sku", &p.sku)?;
        m.serialize_field("effective_date", &p.effective_date)?;
        m.serialize_field("confidence", &self.confidence)?;
        m.end()
    }
}

/// Prices quantities that share one price's volume tiers (S3 Standard across layers,
/// Firehose ingestion across streams): the tiers apply to the total, and each tier's
/// quantity is allocated back to the shares in proportion. Returns each line with the
/// index of the share it belongs to.
pub fn price_shared_tiers<R, C>(
    service: Service,
    price: &Arc<Price>,
    shares: &[(R, C, f64)],
) -> Result<Vec<(usize, LineItem)>, PricingError>
where
    R: Clone + Into<Arc<str>>,
    C: Clone + Into<Arc<str>> + fmt::Display,
{
    let labels: Vec<Option<Arc<str>>> = price.tiers.iter().map(|t| price.tier_label(t)).collect();
    let quantities: Vec<(R, f64)> = shares.iter().map(|(r, _, q)| (r.clone(), *q)).collect();
    price_shared_tiers_named(service, price, &quantities, |i, tier| {
        let component = &shares[i].1;
        match &labels[tier] {
            Some(l) => format!("{component} ({l})").into(),
            None => component.clone().into(),
        }
    })
}

/// [`price_shared_tiers`] with the line names given by `name(share, tier index)`, for
/// callers that name the same lines month after month.
pub fn price_shared_tiers_named<R>(
    service: Service,
    price: &Arc<Price>,
    shares: &[(R, f64)],
    name: impl Fn(usize, usize) -> Arc<str>,
) -> Result<Vec<(usize, LineItem)>, PricingError>
where
    R: Clone + Into<Arc<str>>,
{
    let total: f64 = shares.iter().map(|s| s.1).filter(|q| *q > 0.0).sum();
    let mut out = Vec::new();
    if total <= 0.0 {
        return Ok(out);
    }
    for (t, tier) in price.split_tiers(total)?.enumerate() {
        for (i, (resource, q)) in shares.iter().enumerate() {
            if *q <= 0.0 {
                continue;
            }
            out.push((
                i,
                LineItem::priced(
                    service,
                    resource.clone(),
                    name(i, t),
                    tier.quantity * q / total,
                    price,
                    tier.tier,
                ),
            ));
        }
    }
    Ok(out)
}

/// The MB a scan-priced query is billed for: its bytes rounded up to the next MB, at
/// least 10 MB. Athena ("rounded up to the nearest megabyte, with a 10 MB minimum per
/// query", Athena pricing page) and Redshift Spectrum (the same words, Redshift pricing
/// page) both bill this way.
pub fn per_query_billed_mb(bytes: f64) -> f64 {
    const MINIMUM_MB: f64 = 10.0;
    (bytes / crate::units::MIB).ceil().max(MINIMUM_MB)
}

/// The share of one resource's usage left to pay after a monthly free tier of `free`
/// units, shared in proportion among the resources that ask for it (`total_asking` is
/// their combined usage). A resource that does not ask pays in full: the free tier is
/// per account, and a plan should not assume it unless told.
pub fn after_free_tier(asks: bool, free: f64, total_asking: f64) -> f64 {
    if !asks || total_asking <= 0.0 {
        1.0
    } else {
        1.0 - (free / total_asking).min(1.0)
    }
}

/// Lines being priced for one service: each `add` looks the key up in the book and
/// splits the quantity over the price's tiers.
pub struct Bill<'a> {
    book: &'a PriceBook,
    region: &'a str,
    service: Service,
    pub lines: Vec<LineItem>,
}

impl<'a> Bill<'a> {
    pub fn new(book: &'a PriceBook, region: &'a str, service: Service) -> Self {
        Bill {
            book,
            region,
            service,
            lines: Vec::new(),
        }
    }

    /// Prices `quantity` of `key` for `resource`; a zero quantity adds nothing.
    pub fn add(
        &mut self,
        resource: &str,
        key: &PriceKey,
        component: impl Into<Arc<str>>,
        quantity: f64,
    ) -> Result<(), PricingError> {
        self.add_derived(resource, key.key, component, quantity)
    }

    /// [`Bill::add`] for a key derived from a declared one: an instance type's
    /// ([`PriceKey::of`]) or a reserved rate the user supplies.
    pub fn add_derived(
        &mut self,
        resource: &str,
        key: &str,
        component: impl Into<Arc<str>>,
        quantity: f64,
    ) -> Result<(), PricingError> {
        if quantity <= 0.0 {
            return Ok(());
        }
        let component: Arc<str> = component.into();
        let price = self.book.get(self.region, key)?;
        for tier in price.split_tiers(quantity)? {
            let name = match price.tier_label(&tier.tier) {
                Some(l) => format!("{component} ({l})").into(),
                None => Arc::clone(&component),
            };
            self.lines.push(LineItem::priced(
                self.service,
                resource,
                name,
                tier.quantity,
                price,
                tier.tier,
            ));
        }
        Ok(())
    }

    pub fn total(&self) -> Usd {
        self.lines.iter().map(|l| l.cost_usd).sum()
    }
}

/// What a service with a steady schedule adds to every month: its lines and capacity.
pub struct Monthly {
    pub lines: Vec<LineItem>,
    pub capacity: Vec<CapacityRow>,
}

impl Monthly {
    /// The sum of the unrounded lines.
    pub fn total(&self) -> Usd {
        self.lines.iter().map(|l| l.cost_usd).sum()
    }
}

/// The bill of one month (or of the steady-state month).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonthBill {
    /// 1-based month of the horizon; for the steady state, the simulated month it
    /// averages up to.
    pub month: u32,
    pub lines: Vec<LineItem>,
}

impl MonthBill {
    /// The sum of the unrounded lines.
    pub fn total(&self) -> Usd {
        self.lines.iter().map(|l| l.cost_usd).sum()
    }

    pub fn total_for(&self, service: Service) -> Usd {
        cost_of(&self.lines, service)
    }
}

/// The unrounded cost of a service's lines.
pub fn cost_of(lines: &[LineItem], service: Service) -> Usd {
    lines
        .iter()
        .filter(|l| l.service == service)
        .map(|l| l.cost_usd)
        .sum()
}

/// A sizing result (shards, DPU-hours, nodes…) or a capacity fact (stored TB).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CapacityRow {
    pub service: Service,
    pub resource: String,
    pub metric: String,
    pub value: f64,
    pub unit: String,
    pub note: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// A validation finding with a stable code (documented in `docs/findings.md`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub severity: Severity,
    pub resource: String,
    pub message: String,
    /// What the finding costs a month at steady state, where it costs money.
    pub monthly_cost_usd: Option<Usd>,
    pub loc: Option<Loc>,
}

/// Average object GB stored in one S3 class in one month, all layers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredBytes {
    pub month: u32,
    pub storage_class: crate::scenario::StorageClass,
    pub gb: f64,
}

/// Everything the models say about a scenario, before rendering.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    pub months: Vec<MonthBill>,
    /// S3 object bytes by class, month by month (classes never used are left out).
    pub storage: Vec<StoredBytes>,
    /// The full-lake run-rate at month-1 ingest, or why there is none.
    pub steady_state: Result<MonthBill, String>,
    /// With growing ingest: the full-lake run-rate at the horizon's last month's ingest
    /// rate (the lake the growth leads to), which the month-1 steady state understates.
    pub steady_state_at_final_rate: Option<MonthBill>,
    pub capacity: Vec<CapacityRow>,
    pub findings: Vec<Finding>,
    /// What would be billed at prices the book lacks (a book with placeholders, from
    /// [`fill_gaps`]): the steady state's lines, or the last month's without one. Not in
    /// any total.
    pub not_included: Vec<LineItem>,
}

impl Estimate {
    pub fn horizon_total(&self) -> Usd {
        self.months.iter().map(MonthBill::total).sum()
    }
}

/// Which figure of a bill a comparison is made by: the tornado's ranking of uncertain
/// inputs, the optimiser's choice between designs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Metric {
    /// The full lake's monthly bill at month-1 ingest.
    Steady,
    /// The total over the horizon.
    Horizon,
}

impl Metric {
    /// The figure of an evaluation; `None` for the steady state of a lake that has
    /// none (a layer kept forever).
    pub fn of(self, e: &Evaluation) -> Option<Usd> {
        match self {
            Metric::Steady => e.steady_state.as_ref().ok().map(MonthBill::total),
            Metric::Horizon => Some(e.months.iter().map(MonthBill::total).sum()),
        }
    }
}

/// Why an estimate could not be made.
#[derive(Debug, Clone, PartialEq)]
pub enum EstimateError {
    /// The scenario breaks a rule AWS enforces (the findings say which).
    Rejected(Vec<Finding>),
    Pricing(PricingError),
    /// The uncertain inputs cannot be sampled as stated.
    Uncertainty(String),
    /// A figure of the bill is beyond what a floating-point number holds: the
    /// scenario's volumes are out of any real lake's range.
    NotFinite(String),
}

impl From<PricingError> for EstimateError {
    fn from(e: PricingError) -> Self {
        EstimateError::Pricing(e)
    }
}

impl std::fmt::Display for EstimateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EstimateError::Rejected(found) => {
                let n = found
                    .iter()
                    .filter(|x| x.severity == Severity::Error)
                    .count();
                write!(f, "the scenario has {n} error(s) that AWS would reject")
            }
            EstimateError::Pricing(e) => e.fmt(f),
            EstimateError::Uncertainty(m) | EstimateError::NotFinite(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for EstimateError {}

/// The scenario with every layer's writes resolved: layers fed by another service (a
/// Firehose stream's `deliver_to`, a DynamoDB table's `export.feeds_layer`; each room's
/// `feeds`), then every `from_layer` layer's writes set from its source's: a share of
/// ingest when the source grows with ingest, bytes a day when a service feeds it.
pub fn resolve(s: &Scenario) -> Scenario {
    let mut out = s.clone();
    for feed in services::ROOMS.iter().filter_map(|r| r.feeds) {
        feed(&mut out);
    }
    // Sources may themselves be derived: resolve in passes, at most one per layer
    // (the loader refuses cycles).
    for _ in 0..out.s3.layers.len() {
        for i in 0..out.s3.layers.len() {
            let Some(f) = out.s3.layers[i].from_layer.clone() else {
                continue;
            };
            let Some(src) = out.s3.layers.iter().find(|l| l.name == f.name) else {
                continue;
            };
            let (share, delivered) = (src.share_of_ingest, src.delivered_per_day);
            let layer = &mut out.s3.layers[i];
            layer.share_of_ingest = crate::units::Fraction(share.value() * f.ratio.value());
            layer.delivered_per_day = delivered.map(|d| d * f.ratio.value());
        }
    }
    // Work that reads a layer, at the month-1 rate of its writes: what anything but
    // the month-by-month bills reads (the optimiser's deadlines, the log sources, the
    // capacity of an engine priced alone). The bills follow the layers month by month.
    let per_day = |input: &crate::scenario::input::LayerInput| {
        out.s3
            .layers
            .iter()
            .find(|l| l.name == input.layer)
            .map_or((0.0, 0.0), |l| {
                let bytes = l.daily_writes(out.ingest.per_day).0 * input.share.value();
                let objects = if l.object_size.0 > 0.0 {
                    bytes / l.object_size.0
                } else {
                    0.0
                };
                (bytes, objects)
            })
    };
    let jobs: Vec<_> = out
        .glue
        .jobs
        .iter()
        .map(|j| match &j.input {
            Some(input) => glue::fed(j, crate::units::Bytes(per_day(input).0)),
            None => j.clone(),
        })
        .collect();
    let invocations: Vec<Option<f64>> = out
        .lambda
        .functions
        .iter()
        .map(|f| f.input.as_ref().map(|input| per_day(input).1))
        .collect();
    out.glue.jobs = jobs;
    for (f, n) in out.lambda.functions.iter_mut().zip(invocations) {
        if let Some(n) = n {
            f.invocations_per_day = n;
        }
    }
    out
}

/// Findings only: what `lakecost validate` prints.
pub fn check(scenario: &Scenario, book: &PriceBook) -> Result<Vec<Finding>, PricingError> {
    let resolved = resolve(scenario);
    let stored = layer_storage_at_end(&resolved);
    let steady = SteadyLayers::simulate(&resolved);
    let (result, gaps) = gathering(book, |b| check_with_storage(scenario, b, &stored, &steady));
    if gaps.0.is_empty() {
        result
    } else {
        Err(PricingError::MissingMany(gaps.listed()))
    }
}

/// The findings, given each layer's object GB at the end of the horizon (for
/// warehouses that follow layers), so that an estimate that has simulated the horizon
/// already need not simulate it again.
fn check_with_storage(
    scenario: &Scenario,
    book: &PriceBook,
    stored_at_end: &[f64],
    steady: &SteadyLayers,
) -> Result<Vec<Finding>, PricingError> {
    book.covers(&scenario.region)?;
    let resolved = resolve(scenario);
    let input = services::CheckInput {
        scenario: &resolved,
        book,
        stored_at_end,
        steady: steady.month(),
    };
    let mut findings = Vec::new();
    for check in services::ROOMS.iter().filter_map(|r| r.check) {
        findings.extend(check(&input)?);
    }
    Ok(findings)
}

/// What each layer does at steady state, or in the horizon's last month for a lake
/// without one: what findings state their monthly cost for, and what calibrate
/// compares a running lake with.
pub struct SteadyLayers {
    stored_gb: Vec<f64>,
    object_requests: Vec<f64>,
    traffic_gb: Vec<f64>,
    written_gb: Vec<f64>,
}

impl SteadyLayers {
    /// From the S3 model's usage of a resolved scenario ([`resolve`]), for `validate`
    /// and `calibrate`, which price no months.
    pub fn simulate(s: &Scenario) -> SteadyLayers {
        let usage = match s3::steady_state(s) {
            Ok((_, usage)) => usage,
            Err(_) => s3::horizon(s, s.months as usize)
                .into_iter()
                .map(|l| l.last().cloned().unwrap_or_default())
                .collect(),
        };
        let per_layer = |f: fn(&crate::scenario::Layer, &s3::usage::Usage) -> f64| {
            s.s3.layers
                .iter()
                .zip(&usage)
                .map(|(l, u)| f(l, u))
                .collect()
        };
        SteadyLayers {
            stored_gb: usage.iter().map(s3::stored_gb).collect(),
            object_requests: usage.iter().map(s3::object_requests).collect(),
            traffic_gb: per_layer(s3::compute_traffic_gb),
            written_gb: per_layer(s3::written_gb),
        }
    }

    /// From an estimate's S3 part, which has them already.
    fn of(s3: &s3::S3Estimate) -> SteadyLayers {
        let pick = |steady: &Option<Vec<f64>>, months: &[Vec<f64>]| {
            steady
                .clone()
                .or_else(|| months.last().cloned())
                .unwrap_or_default()
        };
        SteadyLayers {
            stored_gb: pick(&s3.steady_stored_by_layer, &s3.stored_by_layer),
            object_requests: pick(&s3.steady_requests_by_layer, &s3.requests_by_layer),
            traffic_gb: pick(&s3.steady_traffic_by_layer, &s3.traffic_by_layer),
            written_gb: pick(&s3.steady_written_by_layer, &s3.written_by_layer),
        }
    }

    pub fn month(&self) -> services::LayerMonth<'_> {
        services::LayerMonth {
            stored_gb: &self.stored_gb,
            object_requests: &self.object_requests,
            traffic_gb: &self.traffic_gb,
            written_gb: &self.written_gb,
        }
    }
}

/// The larger, layer by layer, of two stored-GB lists (a missing one counts as none).
fn most_stored(a: &[f64], b: Option<&Vec<f64>>) -> Vec<f64> {
    match b {
        Some(b) => a.iter().zip(b).map(|(x, y)| x.max(*y)).collect(),
        None => a.to_vec(),
    }
}

/// Object GB per layer that a warehouse following S3 layers must hold: the larger of
/// the horizon's last month and the steady state, where the lake has one. A cluster is
/// priced at both; checked at only one, a cluster too large for any node type at the
/// other would drop out of that bill unnamed.
pub fn layer_storage_at_end(s: &Scenario) -> Vec<f64> {
    let follows_layers = s
        .redshift
        .clusters
        .iter()
        .map(|c| &c.data)
        .chain(s.redshift.serverless.iter().map(|w| &w.data))
        .any(|d| matches!(d, crate::scenario::DataSize::FromLayers(_)));
    if !follows_layers {
        return vec![0.0; s.s3.layers.len()];
    }
    let months = s.months as usize;
    let last: Vec<f64> = s3::horizon(s, months)
        .iter()
        .map(|l| s3::stored_gb(&l[months - 1]))
        .collect();
    let steady = s3::steady_state(s)
        .ok()
        .map(|(_, usage)| usage.iter().map(s3::stored_gb).collect());
    most_stored(&last, steady.as_ref())
}

/// The scenario without its alternative engines (`alternative_of`), and each
/// alternative alone in a scenario of its own: (service, name, what it is an
/// alternative to, that scenario).
fn split_alternatives(s: &Scenario) -> (Scenario, Vec<(Service, String, String, Scenario)>) {
    let mut billed = s.clone();
    billed.glue.jobs.retain(|j| j.alternative_of.is_none());
    billed.emr.clusters.retain(|c| c.alternative_of.is_none());
    billed.emr.serverless.retain(|a| a.alternative_of.is_none());
    let alone = || {
        let mut a = s.clone();
        a.glue = Default::default();
        a.emr = Default::default();
        a
    };
    let mut out = Vec::new();
    let mut add = |service, name: &str, of: &Option<String>, put: &dyn Fn(&mut Scenario)| {
        if let Some(of) = of {
            let mut a = alone();
            put(&mut a);
            out.push((service, name.to_string(), of.clone(), a));
        }
    };
    for j in &s.glue.jobs {
        add(Service::Glue, &j.name, &j.alternative_of, &|a| {
            a.glue.jobs.push(j.clone())
        });
    }
    for c in &s.emr.clusters {
        add(Service::Emr, &c.name, &c.alternative_of, &|a| {
            a.emr.clusters.push(c.clone())
        });
    }
    for app in &s.emr.serverless {
        add(Service::Emr, &app.name, &app.alternative_of, &|a| {
            a.emr.serverless.push(app.clone())
        });
    }
    (billed, out)
}

/// Prices a scenario month by month and at steady state. Refuses scenarios with
/// errors: a bill for a configuration AWS would reject is not worth printing. When the
/// book lacks prices the scenario needs, the error names every one of them
/// ([`PricingError::MissingMany`]), not only the first reached.
pub fn estimate(scenario: &Scenario, book: &PriceBook) -> Result<Estimate, EstimateError> {
    let (result, gaps) = gathering(book, |b| estimate_once(scenario, b));
    match result {
        Ok(_) | Err(EstimateError::Pricing(_)) if !gaps.0.is_empty() => Err(
            EstimateError::Pricing(PricingError::MissingMany(gaps.listed())),
        ),
        other => other,
    }
}

/// `book` with a stand-in (see [`crate::pricing::Price::not_included`]) for every price
/// the scenario needs and the book lacks (in its region or one a layer replicates to),
/// and those prices, sorted: what `--allow-missing` prices with, so that the estimate
/// lists what it leaves out.
pub fn fill_gaps(
    scenario: &Scenario,
    book: &PriceBook,
) -> Result<(PriceBook, Vec<Gap>), EstimateError> {
    let (result, mut gaps) = gathering(book, |b| estimate_once(scenario, b));
    result?;
    gaps.0.sort();
    Ok((gaps.fill(book), gaps.listed()))
}

/// Prices a book lacks, as (region, key), in the order found.
struct Gaps(Vec<(String, String)>);

impl Gaps {
    /// `book` with a stand-in for each.
    fn fill(&self, book: &PriceBook) -> PriceBook {
        let catalogue = services::catalogue();
        let mut regions: Vec<&str> = self.0.iter().map(|g| g.0.as_str()).collect();
        regions.sort_unstable();
        regions.dedup();
        regions.into_iter().fold(book.clone(), |b, region| {
            let keys: Vec<String> = self
                .0
                .iter()
                .filter(|g| g.0 == region)
                .map(|g| g.1.clone())
                .collect();
            b.with_placeholders(region, &keys, &catalogue)
        })
    }

    /// Each, with whether `pricing refresh` can fetch it.
    fn listed(&self) -> Vec<Gap> {
        self.0
            .iter()
            .map(|(region, key)| services::gap(key, region))
            .collect()
    }
}

/// Runs `run` with the book, adding a stand-in for each price it turns out to lack and
/// running again, until it needs no other; returns the last result and the prices
/// stood in for. A scenario needs at most a few dozen keys, so the loop is bounded by
/// the key count (and by a guard against a run that keeps asking).
fn gathering<T, E: AsMissing>(
    book: &PriceBook,
    run: impl Fn(&PriceBook) -> Result<T, E>,
) -> (Result<T, E>, Gaps) {
    const MOST: usize = 1_000;
    let mut gaps = Gaps(Vec::new());
    let mut filled: Option<PriceBook> = None;
    loop {
        let result = run(filled.as_ref().unwrap_or(book));
        match result.as_ref().err().and_then(AsMissing::as_missing) {
            Some(PricingError::Missing { key, region })
                if !gaps.0.iter().any(|g| (&g.0, &g.1) == (region, key)) && gaps.0.len() < MOST =>
            {
                gaps.0.push((region.clone(), key.clone()));
                filled = Some(gaps.fill(book));
            }
            _ => return (result, gaps),
        }
    }
}

/// Errors that may be a missing price.
trait AsMissing {
    fn as_missing(&self) -> Option<&PricingError>;
}

impl AsMissing for PricingError {
    fn as_missing(&self) -> Option<&PricingError> {
        Some(self)
    }
}

impl AsMissing for EstimateError {
    fn as_missing(&self) -> Option<&PricingError> {
        match self {
            EstimateError::Pricing(e) => Some(e),
            _ => None,
        }
    }
}

fn estimate_once(scenario: &Scenario, book: &PriceBook) -> Result<Estimate, EstimateError> {
    book.covers(&scenario.region)?;
    let resolved = resolve(scenario);
    // The horizon's simulation serves the checks too. A scenario S3 cannot price is
    // reported by its findings first, when it has errors.
    let s3 = match s3::estimate(&resolved, book) {
        Ok(s3) => s3,
        Err(e) => {
            let findings = check(scenario, book)?;
            if findings.iter().any(|f| f.severity == Severity::Error) {
                return Err(EstimateError::Rejected(findings));
            }
            return Err(e.into());
        }
    };
    let stored_at_end = most_stored(
        &s3.stored_by_layer.last().cloned().unwrap_or_default(),
        s3.steady_stored_by_layer.as_ref(),
    );
    let steady_layers = SteadyLayers::of(&s3);
    let findings = check_with_storage(scenario, book, &stored_at_end, &steady_layers)?;
    if findings.iter().any(|f| f.severity == Severity::Error) {
        return Err(EstimateError::Rejected(findings));
    }
    use crate::scenario::StorageClass;
    let used: Vec<usize> = (0..StorageClass::ALL.len())
        .filter(|c| s3.stored_by_class.iter().any(|gb| gb[*c] > 0.0))
        .collect();
    let storage = s3
        .stored_by_class
        .iter()
        .enumerate()
        .flat_map(|(m, gb)| {
            used.iter().map(move |c| StoredBytes {
                month: m as u32 + 1,
                storage_class: StorageClass::ALL[*c],
                gb: gb[*c],
            })
        })
        .collect();
    let Evaluation {
        months,
        steady_state,
        mut capacity,
        not_included,
    } = bills(&resolved, book, s3)?;
    // Alternative engines for the same work are priced and shown, not billed.
    for (service, name, of, alone) in split_alternatives(&resolved).1 {
        let m = service
            .room()
            .billing
            .monthly(&alone, book, &steady_layers.month())?;
        // Under `--allow-missing` a price the region lacks is a stand-in: the figure is
        // what is priced, and the note names what it leaves out.
        let (gaps, priced): (Vec<&LineItem>, Vec<&LineItem>) =
            m.lines.iter().partition(|l| l.price.not_included);
        let mut missing: Vec<&str> = gaps.iter().map(|l| l.price.key.as_str()).collect();
        missing.sort_unstable();
        missing.dedup();
        let mut note =
            "NOT in the total: another engine for the same work; `lakecost compare` ranks engines"
                .to_string();
        if !missing.is_empty() {
            note = format!(
                "{note}; NOT INCLUDED in this figure, no price in {}: {}",
                scenario.region,
                missing.join(", ")
            );
        }
        capacity.push(CapacityRow {
            service,
            resource: name,
            metric: format!("alternative to `{of}`"),
            value: priced.iter().map(|l| l.cost_usd.value()).sum(),
            unit: "$/month".into(),
            note,
        });
    }
    let steady_state_at_final_rate = final_rate_steady_state(scenario, book, &steady_state)?;
    Ok(Estimate {
        months,
        storage,
        steady_state,
        steady_state_at_final_rate,
        capacity,
        findings,
        not_included,
    })
}

/// One service's part of every bill.
enum Part {
    /// The same lines every month.
    Constant(Vec<LineItem>),
    Follows(Follower),
}

/// A service that follows the layers, with the last months it priced: the figures it
/// read ([`services::Reads`]) and its lines, reused while the figures recur. Two are
/// kept: a 730-hour month holds 30 or 31 days' writes, so a flat lake alternates.
struct Follower {
    month: services::ByLayers<LineItem>,
    capacity: services::ByLayers<CapacityRow>,
    reads: Option<services::Reads>,
    seen: std::cell::RefCell<Vec<(Vec<f64>, Vec<LineItem>)>>,
}

impl Follower {
    const KEPT: usize = 2;

    fn month(
        &self,
        s: &Scenario,
        book: &PriceBook,
        layers: &services::LayerMonth,
    ) -> Result<Vec<LineItem>, PricingError> {
        let Some(reads) = self.reads else {
            return (self.month)(s, book, layers);
        };
        let figures = reads(s, layers);
        let mut seen = self.seen.borrow_mut();
        if let Some((_, lines)) = seen.iter().find(|(f, _)| *f == figures) {
            return Ok(lines.clone());
        }
        let lines = (self.month)(s, book, layers)?;
        if seen.len() == Self::KEPT {
            seen.remove(0);
        }
        seen.push((figures, lines.clone()));
        Ok(lines)
    }
}

/// The bills and capacity of a scenario, without its findings: what `estimate`
/// reports and what each sample of an uncertain scenario is priced with.
#[derive(Clone, Debug)]
pub struct Evaluation {
    pub months: Vec<MonthBill>,
    pub steady_state: Result<MonthBill, String>,
    pub capacity: Vec<CapacityRow>,
    /// Lines at prices the book lacks, taken out of the bills (see
    /// [`Estimate::not_included`]).
    pub not_included: Vec<LineItem>,
}

/// Prices a scenario that has been checked already (a sample of a checked uncertain
/// scenario): the same models and bills as [`estimate`], without the checks, the
/// alternatives' rows and the final-rate steady state.
pub fn evaluate(scenario: &Scenario, book: &PriceBook) -> Result<Evaluation, EstimateError> {
    let resolved = resolve(scenario);
    let s3 = s3::estimate(&resolved, book)?;
    bills(&resolved, book, s3)
}

fn bills(
    resolved: &Scenario,
    book: &PriceBook,
    s3: s3::S3Estimate,
) -> Result<Evaluation, EstimateError> {
    let billed = split_alternatives(resolved).0;
    // Streams, jobs and clusters run the same every month: their lines join every
    // month's bill and the steady state. Warehouses may follow S3 layers, so they are
    // sized and priced month by month.
    // Streams and fixed jobs run the same every month: their lines are priced once and
    // join every month's bill and the steady state. Services that follow the layers (a
    // warehouse sized on its data, a job reading a layer's writes) are priced month by
    // month. Lines go in the registry's order of services.
    let mut parts: Vec<Part> = Vec::new();
    let mut capacity = Vec::new();
    for room in services::ROOMS {
        match room.billing {
            services::Billing::Steady(estimate) => {
                let m = estimate(&billed, book)?;
                parts.push(Part::Constant(m.lines));
                capacity.extend(m.capacity);
            }
            services::Billing::FollowsLayers {
                month,
                capacity,
                reads,
                fixed,
            } => {
                parts.push(Part::Follows(Follower {
                    month,
                    capacity,
                    reads,
                    seen: std::cell::RefCell::new(Vec::new()),
                }));
                if let Some(fixed) = fixed {
                    parts.push(Part::Constant(fixed(&billed, book)?));
                }
            }
            services::Billing::Storage => {}
        }
    }
    let with_others =
        |mut bill: MonthBill, layers: services::LayerMonth| -> Result<MonthBill, PricingError> {
            for part in &parts {
                match part {
                    Part::Constant(lines) => bill.lines.extend(lines.iter().cloned()),
                    Part::Follows(f) => bill.lines.extend(f.month(&billed, book, &layers)?),
                }
            }
            Ok(bill)
        };
    let layer_month = |m: usize| services::LayerMonth {
        stored_gb: &s3.stored_by_layer[m],
        object_requests: &s3.requests_by_layer[m],
        traffic_gb: &s3.traffic_by_layer[m],
        written_gb: &s3.written_by_layer[m],
    };
    let steady_layers = match (
        &s3.steady_stored_by_layer,
        &s3.steady_requests_by_layer,
        &s3.steady_traffic_by_layer,
        &s3.steady_written_by_layer,
    ) {
        (Some(stored), Some(requests), Some(traffic), Some(written)) => {
            Some(services::LayerMonth {
                stored_gb: stored,
                object_requests: requests,
                traffic_gb: traffic,
                written_gb: written,
            })
        }
        _ => None,
    };
    let mut months = Vec::with_capacity(s3.months.len());
    for (m, bill) in s3.months.into_iter().enumerate() {
        months.push(with_others(bill, layer_month(m))?);
    }
    let mut steady_state = match (s3.steady_state, steady_layers) {
        (Ok(bill), Some(layers)) => Ok(with_others(bill, layers)?),
        (Err(reason), _) => Err(reason),
        (Ok(_), None) => Err("no steady state".into()),
    };
    let capacity_layers = steady_layers
        .or_else(|| s3.stored_by_layer.len().checked_sub(1).map(layer_month))
        .unwrap_or(services::LayerMonth::NONE);
    for part in &parts {
        if let Part::Follows(f) = part {
            capacity.extend((f.capacity)(&billed, book, &capacity_layers)?);
        }
    }
    capacity.extend(s3.capacity);
    let mut not_included = Vec::new();
    if book.has_placeholders() {
        // The last bill's stand-in lines (the steady state's, else the last month's) are
        // what would be billed; every bill loses its own.
        for bill in months.iter_mut().chain(steady_state.iter_mut()) {
            let (gaps, lines) = std::mem::take(&mut bill.lines)
                .into_iter()
                .partition(|l: &LineItem| l.price.not_included);
            bill.lines = lines;
            not_included = gaps;
        }
    }
    let evaluation = Evaluation {
        months,
        steady_state,
        capacity,
        not_included,
    };
    evaluation.check_finite()?;
    Ok(evaluation)
}

impl Evaluation {
    /// Every quantity and cost is a finite number, or the line that is not.
    fn check_finite(&self) -> Result<(), EstimateError> {
        let bills = self.months.iter().chain(self.steady_state.iter());
        for bill in bills {
            if let Some(l) = bill
                .lines
                .iter()
                .find(|l| !l.quantity.is_finite() || !l.cost_usd.value().is_finite())
            {
                return Err(EstimateError::NotFinite(format!(
                    "`{}` {} of {} is beyond any finite figure in month {}: the scenario's volumes are out of range",
                    l.resource,
                    l.component,
                    l.service.name(),
                    bill.month
                )));
            }
        }
        Ok(())
    }
}

/// With growing ingest, the full lake at the last month's ingest rate, priced by the
/// same models; `None` without growth or without a steady state.
fn final_rate_steady_state(
    scenario: &Scenario,
    book: &PriceBook,
    steady: &Result<MonthBill, String>,
) -> Result<Option<MonthBill>, EstimateError> {
    let g = scenario.ingest.growth_per_month.value();
    if g == 0.0 || steady.is_err() || scenario.months == 0 {
        return Ok(None);
    }
    let mut last = scenario.clone();
    last.ingest.per_day = scenario.ingest.per_day * (1.0 + g).powi(scenario.months as i32 - 1);
    last.ingest.growth_per_month = crate::units::Fraction::ZERO;
    Ok(estimate(&last, book)?.steady_state.ok())
}

/// The prices a scenario needs: those its estimate uses with the bundled prices, and
/// every processing and warehouse price of the region for `compare`.
pub fn price_keys_needed(scenario: &Scenario, book: &PriceBook) -> Vec<String> {
    let mut keys: Vec<String> = match estimate(scenario, book) {
        Ok(e) => e
            .months
            .iter()
            .chain(e.steady_state.iter())
            .flat_map(|m| m.lines.iter().map(|l| l.price.key.clone()))
            .collect(),
        Err(_) => Vec::new(),
    };
    // `compare` prices alternatives the estimate does not: every processing price for
    // workloads, every Redshift price for clusters paired with Serverless.
    let mut compare: Vec<String> = Vec::new();
    if !scenario.workloads.is_empty() {
        compare.extend(Service::Glue.key_prefixes());
        compare.extend(Service::Emr.key_prefixes());
    }
    if !scenario.redshift.clusters.is_empty() {
        compare.extend(Service::Redshift.key_prefixes());
    }
    keys.extend(
        book.prices()
            .into_iter()
            .filter(|p| p.region == scenario.region && compare.iter().any(|c| p.key.starts_with(c)))
            .map(|p| p.key.clone()),
    );
    keys.sort();
    keys.dedup();
    keys
}

/// The documentation of finding codes, compiled in for `lakecost explain`.
const FINDINGS_DOC: &str = include_str!("../../docs/findings.md");

/// Every finding code with the first sentence of its explanation (severity dropped).
pub fn finding_codes() -> Vec<(String, String)> {
    FINDINGS_DOC
        .split("\n## ")
        .skip(1)
        .filter_map(|section| {
            let (code, body) = section.split_once('\n')?;
            let text = body.split_whitespace().collect::<Vec<_>>().join(" ");
            let text = text
                .trim_start_matches("**Error.**")
                .trim_start_matches("**Warning.**")
                .trim();
            let first = text.split_once(". ").map_or(text, |(s, _)| s);
            Some((
                code.trim().to_string(),
                first.trim_end_matches('.').to_string() + ".",
            ))
        })
        .collect()
}

/// The section of `docs/findings.md` that explains `code`, if there is one.
pub fn explain(code: &str) -> Option<String> {
    crate::text::doc_section(FINDINGS_DOC, &code.trim().to_ascii_uppercase())
}

/// What the rooms' tests share: a key's cost in a bill, and a hand-computed figure's
/// comparison.
#[cfg(test)]
pub(crate) mod testing {
    use super::LineItem;

    /// The unrounded cost of the lines priced by `key`.
    pub fn cost_of_key(lines: &[LineItem], key: &str) -> f64 {
        lines
            .iter()
            .filter(|l| l.price.key == key)
            .map(|l| l.cost_usd.value())
            .sum()
    }

    /// `a` is the hand-computed `b`, within `rel` of it (of 1 for figures under 1).
    pub fn assert_close(a: f64, b: f64, rel: f64) {
        assert!((a - b).abs() < rel * b.abs().max(1.0), "{a} != {b}");
    }
}
