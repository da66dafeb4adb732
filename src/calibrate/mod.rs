//! `lakecost calibrate`: what a running lake really does, read from CloudWatch and set
//! beside what its scenario assumes (see `docs/calibration.md`).
//!
//! The work is split so that everything but the fetching is a pure function: which
//! metrics to ask for ([`metrics`]), the client that asks ([`cloudwatch`]), and here,
//! the comparison of the answers with the scenario — assumed and observed value per
//! key, the deviation, the edit that writes the observed value, and what that edit
//! does to the monthly bill, priced by writing it and estimating the edited file.

pub mod cloudwatch;
pub mod metrics;

use crate::edited::Priced;
use crate::model::{self, DAYS_PER_MONTH};
use crate::pricing::PriceBook;
use crate::scenario::edit::{self, Edit, Step, item_path};
use crate::scenario::{
    Binding, Bound, DataSize, FirehoseInput, Layer, Scan, Scenario, StorageClass,
};
use crate::text::significant;
use crate::units::{Bytes, GIB, MIB, Usd};
use metrics::{Query, class_of};
use serde::Serialize;
use std::collections::BTreeMap;

/// How sources name the window read; the report's header says which days.
const WINDOW: &str = "the window";

/// Deviations beyond this share are flagged.
pub const FLAG_SHARE: f64 = 0.20;

/// Daily datapoints a bucket's growth is read from: S3 publishes one average a day,
/// and fewer than a week of them says little about a trend.
const GROWTH_MIN_DAYS: usize = 7;

/// The window read: `days` days ending at `end` (seconds since the epoch).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Window {
    pub end: i64,
    pub days: u32,
}

impl Window {
    pub fn start(&self) -> i64 {
        self.end - i64::from(self.days) * 86_400
    }

    /// `30 days to 2026-11-26` (the last day read; the window ends before `end`).
    pub fn describe(&self) -> String {
        format!(
            "{} day{} to {}",
            self.days,
            if self.days == 1 { "" } else { "s" },
            crate::pricing::dates::utc_date_time((self.end - 1).max(0) as u64).0
        )
    }
}

/// A metric's datapoints: (seconds since the epoch, value).
pub type Series = Vec<(i64, f64)>;

/// What CloudWatch answered.
#[derive(Clone, Debug, Default)]
pub struct Fetched {
    /// By query id; a query with no datapoints is absent.
    pub series: BTreeMap<String, Series>,
    /// What could not be read: namespace or query, and why.
    pub problems: Vec<Problem>,
    /// Metrics requested from GetMetricData (what it bills), and its calls.
    pub metrics_requested: usize,
    pub calls: usize,
}

/// Something the run could not observe.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Problem {
    pub resource: String,
    pub what: String,
    pub why: String,
}

/// One key: what the scenario assumes and what CloudWatch shows.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub resource: String,
    pub aws: String,
    /// The scenario key, or what is compared (`stored STANDARD_IA`).
    pub key: String,
    pub assumed: Option<f64>,
    pub observed: f64,
    pub unit: String,
    /// (observed − assumed) ÷ assumed.
    pub deviation: Option<f64>,
    pub flagged: bool,
    /// Metric, statistic and window the value comes from.
    pub source: String,
    /// What writing the observed value alone does to the steady-state monthly bill.
    pub monthly_effect_usd: Option<Usd>,
    #[serde(skip)]
    pub edit: Option<Edit>,
}

/// What `calibrate` reports.
#[derive(Clone, Debug, Serialize)]
pub struct Calibration {
    pub schema: &'static str,
    pub scenario: String,
    pub window: Window,
    pub rows: Vec<Row>,
    pub problems: Vec<Problem>,
    /// Resources whose observations need a caution (a shared bucket, an unobservable
    /// job).
    pub notes: Vec<String>,
    /// The steady-state monthly bill as written and with every observed value.
    pub monthly_as_written_usd: Option<Usd>,
    pub monthly_calibrated_usd: Option<Usd>,
    pub metrics_requested: usize,
    pub calls: usize,
    /// The scenario with the observed values, every change listed in a header.
    #[serde(skip)]
    pub written: String,
}

fn total(s: &Series) -> f64 {
    s.iter().map(|(_, v)| v).sum()
}

/// The value of the latest datapoint.
pub fn latest(s: &Series) -> Option<f64> {
    s.iter().max_by_key(|(t, _)| *t).map(|(_, v)| *v)
}

/// The largest datapoint.
pub fn peak(s: &Series) -> Option<f64> {
    s.iter().map(|(_, v)| *v).reduce(f64::max)
}

/// The least-squares slope of a series, in its unit per day.
fn slope_per_day(s: &Series) -> Option<f64> {
    let n = s.len() as f64;
    let day = |t: i64| t as f64 / 86_400.0;
    let mx = s.iter().map(|(t, _)| day(*t)).sum::<f64>() / n;
    let my = s.iter().map(|(_, v)| v).sum::<f64>() / n;
    let sxx: f64 = s.iter().map(|(t, _)| (day(*t) - mx).powi(2)).sum();
    let sxy: f64 = s.iter().map(|(t, v)| (day(*t) - mx) * (v - my)).sum();
    (s.len() >= 2 && sxx > 0.0).then(|| sxy / sxx)
}

/// Where a bucket alone with its layer is in its life, which says what its bytes
/// can tell about the layer's writes.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Fill {
    /// Nothing has expired yet (the layer keeps its objects, or the bucket holds fewer
    /// days of writes at its growth than the retention): growth is what is written.
    Filling { growth_gb_per_day: f64 },
    /// Past its retention: the bytes stored are the full lake's, to be set beside the
    /// scenario's steady state.
    Full,
    /// Neither can be told apart: no growth to read, or growth the scenario's own
    /// ingest growth would explain at steady state too.
    Unknown,
}

/// A bucket's [`Fill`], from its daily totals of object bytes (GB per timestamp), its
/// latest total `stored_gb`, the layer's retention and the scenario's ingest growth.
///
/// While nothing has expired, the bytes stored are the writes over the bucket's age,
/// so at the growth g it holds `stored ÷ g` < age ≤ retention days of writes. Full, with
/// writes growing by a factor F over the retention R, it holds `stored ÷ g = R ÷ ln F`
/// days of writes (∫ of an exponential over R, against its change over R): at least R
/// while F ≤ e. So `stored < g × R` tells a filling bucket from a full one unless the
/// scenario's ingest grows more than e-fold within the retention. Without a week of
/// days to read growth from, a bucket with a retention is taken as full.
fn fill(daily: &Series, stored_gb: f64, retention: Option<u32>, growth_per_month: f64) -> Fill {
    let growth = (daily.len() >= GROWTH_MIN_DAYS)
        .then(|| slope_per_day(daily))
        .flatten();
    let Some(r) = retention else {
        return growth.map_or(Fill::Unknown, |g| Fill::Filling {
            growth_gb_per_day: g,
        });
    };
    let days = f64::from(r);
    let e_fold = (1.0 + growth_per_month).powf(days / DAYS_PER_MONTH) > std::f64::consts::E;
    match growth {
        Some(_) if e_fold => Fill::Unknown,
        Some(g) if g > 0.0 && stored_gb < g * days => Fill::Filling {
            growth_gb_per_day: g,
        },
        _ => Fill::Full,
    }
}

/// Builds the report from CloudWatch's answers.
pub fn calibrate(
    text: &str,
    s: &Scenario,
    book: &PriceBook,
    queries: &[Query],
    fetched: &Fetched,
    window: Window,
) -> Calibration {
    let mut c = Compare {
        s,
        resolved: model::resolve(s),
        queries,
        fetched,
        window,
        rows: Vec::new(),
        notes: Vec::new(),
        problems: fetched.problems.clone(),
    };
    c.storage();
    for (i, b) in s.bindings.iter().enumerate() {
        match b.kind {
            Bound::Bucket => {}
            Bound::Stream => c.stream(i, b),
            Bound::DeliveryStream => c.delivery(i, b),
            Bound::Function => c.function(i, b),
            Bound::AthenaWorkgroup => c.athena(i, b),
            Bound::ServerlessWorkgroup => c.serverless(i, b),
            Bound::Cluster => c.cluster(i, b),
            Bound::StateMachine => c.state_machine(i, b),
            Bound::Table => c.table(i, b),
            Bound::LogGroup => c.log_group(i, b),
            Bound::NatGateways => c.nat_gateways(i, b),
            Bound::GlueJob => c.notes.push(format!(
                "glue job `{}` (`{}`): CloudWatch has no DPU-hours for Glue jobs, and job metrics only when the job enables them; its runs and durations come from the Glue API (GetJobRuns), which calibrate does not call",
                b.resource, b.id
            )),
        }
    }
    let Compare {
        mut rows,
        notes,
        problems,
        ..
    } = c;
    for r in &mut rows {
        r.flagged = r.deviation.is_some_and(|d| d.abs() > FLAG_SHARE);
    }
    // What each observed value does to the bill, written alone; and all together.
    let steady = |t: &str| {
        Priced::of_text(t, book)
            .ok()
            .and_then(|p| p.totals().monthly_usd)
    };
    let as_written = steady(text);
    let mut problems = problems;
    for r in &mut rows {
        let Some(e) = &r.edit else { continue };
        // An observation the scenario cannot hold (beyond a key's bound, a size of
        // 0 bytes) is not written: the written file must load.
        let alone = edit::apply(text, std::slice::from_ref(e)).map_err(|e| e.to_string());
        match alone.and_then(|t| {
            crate::scenario::load_str(&t)
                .map(|_| t)
                .map_err(|e| e.to_string())
        }) {
            Ok(t) => {
                r.monthly_effect_usd =
                    as_written.and_then(|before| Some(Usd(steady(&t)?.value() - before.value())));
            }
            Err(why) => {
                problems.push(Problem {
                    resource: r.resource.clone(),
                    what: r.key.clone(),
                    why: format!(
                        "the observed value would not load as a scenario ({why}): not written"
                    ),
                });
                r.edit = None;
            }
        }
    }
    let edits: Vec<Edit> = rows.iter().filter_map(|r| r.edit.clone()).collect();
    let calibrated = match edit::apply(text, &edits) {
        Ok(t) if crate::scenario::load_str(&t).is_ok() => t,
        _ => {
            // Edits that load one by one but not together: write none of them.
            problems.push(Problem {
                resource: s.name.clone(),
                what: "the calibrated scenario".into(),
                why: "the observed values together would not load as a scenario: none is written"
                    .into(),
            });
            for r in &mut rows {
                r.edit = None;
            }
            text.to_string()
        }
    };
    let written = with_header(&calibrated, &rows, window);
    Calibration {
        schema: "lakecost.calibration/v1",
        scenario: s.name.clone(),
        window,
        monthly_as_written_usd: as_written,
        monthly_calibrated_usd: steady(&written),
        rows,
        problems,
        notes,
        metrics_requested: fetched.metrics_requested,
        calls: fetched.calls,
        written,
    }
}

/// The calibrated text with a comment listing each change at the top.
fn with_header(text: &str, rows: &[Row], w: Window) -> String {
    let mut head = format!(
        "# Calibrated by `lakecost calibrate` from CloudWatch, {}:\n",
        w.describe()
    );
    for r in rows.iter().filter(|r| r.edit.is_some()) {
        head.push_str(&format!(
            "# - {} `{}`: {} {} → {} {} ({})\n",
            r.resource,
            r.key,
            r.assumed.map_or("–".into(), |a| significant(a, 4)),
            r.unit,
            significant(r.observed, 4),
            r.unit,
            r.source
        ));
    }
    format!("{head}{text}")
}

struct Compare<'a> {
    s: &'a Scenario,
    resolved: Scenario,
    queries: &'a [Query],
    fetched: &'a Fetched,
    window: Window,
    rows: Vec<Row>,
    notes: Vec<String>,
    problems: Vec<Problem>,
}

impl Compare<'_> {
    /// The series of binding `i`'s query for `metric` (and statistic).
    fn series(&self, i: usize, metric: &str, stat: &str) -> Option<&Series> {
        let q = self
            .queries
            .iter()
            .find(|q| q.binding == i && q.metric == metric && q.stat == stat)?;
        self.fetched.series.get(&q.id)
    }

    fn missing(&mut self, b: &Binding, what: &str, why: &str) {
        // One problem per resource: a denied namespace explains its missing series.
        if !self.problems.iter().any(|p| p.resource == b.resource) {
            self.problems.push(Problem {
                resource: b.resource.clone(),
                what: what.into(),
                why: why.into(),
            });
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn row(
        &mut self,
        b: &Binding,
        key: &str,
        assumed: Option<f64>,
        observed: f64,
        unit: &str,
        source: String,
        edit: Option<Edit>,
    ) {
        // A server's answer is untrusted: a figure no scenario can hold keeps the
        // assumed value, and the report says which.
        if !observed.is_finite() || observed < 0.0 {
            self.problems.push(Problem {
                resource: b.resource.clone(),
                what: key.into(),
                why: format!(
                    "CloudWatch gave {observed}, not a finite figure of at least 0: the assumed value is kept"
                ),
            });
            return;
        }
        self.rows.push(Row {
            resource: b.resource.clone(),
            aws: b.id.clone(),
            key: key.into(),
            assumed,
            observed,
            unit: unit.into(),
            deviation: assumed.filter(|a| *a != 0.0).map(|a| (observed - a) / a),
            flagged: false,
            source,
            monthly_effect_usd: None,
            edit,
        });
    }

    fn days(&self) -> f64 {
        f64::from(self.window.days)
    }

    /// Bytes counted over the window as GB in a 730-hour month (30.42 days).
    fn gb_a_month(&self, bytes: f64) -> f64 {
        bytes / self.days() * model::DAYS_PER_MONTH / crate::units::GIB
    }

    /// S3: each bucket's bytes by class (latest daily average) beside the bound
    /// layers' steady-state bytes, and the layers' writes scaled to match.
    fn storage(&mut self) {
        let usage = match model::s3::steady_state(&self.resolved) {
            Ok((_, u)) => u,
            Err(_) => {
                let months = self.resolved.months as usize;
                model::s3::horizon(&self.resolved, months)
                    .into_iter()
                    .map(|l| l[months - 1].clone())
                    .collect()
            }
        };
        let buckets: Vec<(usize, Binding)> = self
            .s
            .bindings
            .iter()
            .cloned()
            .enumerate()
            .filter(|(_, b)| b.kind == Bound::Bucket)
            .collect();
        // Every bucket once, with the layers bound to it.
        let mut done: Vec<String> = Vec::new();
        let mut scales: BTreeMap<String, f64> = BTreeMap::new();
        for (i, b) in &buckets {
            if done.contains(&b.id) {
                continue;
            }
            done.push(b.id.clone());
            let layers: Vec<&Binding> = buckets
                .iter()
                .filter(|(_, o)| o.id == b.id)
                .map(|(_, o)| o)
                .collect();
            let shared = layers.len() > 1 || b.prefix.is_some();
            if shared {
                self.notes.push(format!(
                    "bucket `{}` holds {}: CloudWatch measures a bucket, not a prefix, so it is compared as a whole and no layer's writes are rewritten",
                    b.id,
                    layers
                        .iter()
                        .map(|l| format!("`{}`", l.resource))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            let idx: Vec<usize> = layers
                .iter()
                .filter_map(|l| self.s.s3.layers.iter().position(|x| x.name == l.resource))
                .collect();
            let assumed =
                |c: StorageClass| -> f64 { idx.iter().map(|&li| usage[li].stored_gb(c)).sum() };
            let mut observed: BTreeMap<StorageClass, f64> = BTreeMap::new();
            // Object bytes per day, all classes: the bucket's growth.
            let mut daily: BTreeMap<i64, f64> = BTreeMap::new();
            let mut any = false;
            for q in self
                .queries
                .iter()
                .filter(|q| q.binding == *i && q.metric == "BucketSizeBytes")
            {
                let Some(series) = self.fetched.series.get(&q.id) else {
                    continue;
                };
                any = true;
                let t = &q.dimensions[1].1;
                if let (Some(c), Some(v)) = (class_of(t), latest(series)) {
                    *observed.entry(c).or_default() += Bytes(v).gib();
                    for (at, v) in series {
                        *daily.entry(*at).or_default() += Bytes(*v).gib();
                    }
                }
            }
            if !any {
                self.missing(b, "BucketSizeBytes", "no datapoints: the bucket is empty, new (S3 publishes storage metrics once a day), in another region, or not readable with these credentials");
                continue;
            }
            let source = "AWS/S3 BucketSizeBytes, Average of the latest day".to_string();
            let a: f64 = StorageClass::ALL.iter().map(|c| assumed(*c)).sum();
            let o: f64 = observed.values().sum();
            let daily: Series = daily.into_iter().collect();
            let layer = self.s.s3.layers.iter().find(|l| l.name == b.resource);
            let fill = match layer {
                Some(l) if !shared => fill(
                    &daily,
                    o,
                    l.expire_after_days.map(|e| e.value),
                    self.s.ingest.growth_per_month.value(),
                ),
                _ => Fill::Unknown,
            };
            // A filling bucket has not reached the steady state the scenario assumes:
            // its bytes are shown, not compared.
            let compared = |a: f64| (!matches!(fill, Fill::Filling { .. })).then_some(a);
            for c in StorageClass::ALL {
                let (a, o) = (assumed(c), observed.get(&c).copied().unwrap_or(0.0));
                if a > 0.0 || o > 0.0 {
                    self.row(
                        b,
                        &format!("stored {c}"),
                        compared(a),
                        o,
                        "GB",
                        source.clone(),
                        None,
                    );
                }
            }
            let edit = match (fill, layer) {
                (Fill::Full, Some(_)) if a > 0.0 && o > 0.0 => {
                    scales.insert(b.resource.clone(), o / a);
                    self.writes_edit(&b.resource, o / a, &scales)
                }
                _ => None,
            };
            self.row(b, "stored, all classes", compared(a), o, "GB", source, edit);
            if let (Some(l), false) = (layer, shared) {
                self.growth(b, l, fill, &daily, o, &mut scales);
            }
            // Average object size, where the layer has one size.
            if let (Some(objects), false) = (
                self.series(*i, "NumberOfObjects", "Average")
                    .and_then(latest),
                shared,
            ) && let Some(l) = self.s.s3.layers.iter().find(|l| l.name == b.resource)
                && objects > 0.0
                && l.existing.is_none_or(|e| e.object_size == l.object_size)
            {
                let size = o * GIB / objects;
                self.row(
                    b,
                    "object_size",
                    Some(l.object_size.0 / MIB),
                    size / MIB,
                    "MB",
                    "AWS/S3 BucketSizeBytes ÷ NumberOfObjects (AllStorageTypes), latest day".into(),
                    Some(Edit::Set {
                        path: item_path("s3", "layers", &l.name, &["object_size"]),
                        value: format!("{} MB", significant(size / MIB, 6)),
                    }),
                );
            }
        }
    }

    /// What the bucket's growth says of the layer's writes (see [`fill`]).
    fn growth(
        &mut self,
        b: &Binding,
        l: &Layer,
        fill: Fill,
        daily: &Series,
        stored_gb: f64,
        scales: &mut BTreeMap<String, f64>,
    ) {
        let retention = l.expire_after_days.map(|e| e.value);
        let (bucket, layer) = (&b.id, &l.name);
        match (fill, retention) {
            (Fill::Filling { growth_gb_per_day: g }, _) => {
                let written = self
                    .resolved
                    .s3.layers
                    .iter()
                    .find(|r| r.name == l.name)
                    .map_or(0.0, |r| r.daily_writes(self.resolved.ingest.per_day).gib());
                let edit = if written > 0.0 && g > 0.0 {
                    scales.insert(l.name.clone(), g / written);
                    self.writes_edit(&l.name, g / written, scales)
                } else {
                    None
                };
                self.row(
                    b,
                    "written per day",
                    Some(written),
                    g,
                    "GB/day",
                    format!(
                        "AWS/S3 BucketSizeBytes, least-squares growth of the daily total over {} days, against the scenario's month-1 rate",
                        daily.len()
                    ),
                    edit,
                );
                self.notes.push(match retention {
                    Some(r) => format!(
                        "bucket `{bucket}` holds {:.0} days of writes at its growth, fewer than layer `{layer}`'s {r}-day retention: it is still filling and nothing has expired, so the layer's writes are read from the growth and its bytes are not compared with the full lake the scenario describes",
                        stored_gb / g
                    ),
                    None => format!(
                        "layer `{layer}` keeps its objects, so bucket `{bucket}` grows by what is written: its writes are read from the growth"
                    ),
                });
            }
            (Fill::Unknown, None) => self.notes.push(format!(
                "layer `{layer}` keeps its objects, so bucket `{bucket}` never reaches a steady state to compare with: its writes are read from its daily growth, which needs at least {GROWTH_MIN_DAYS} days of storage metrics (`--days {GROWTH_MIN_DAYS}` or more)"
            )),
            (Fill::Unknown, Some(r)) => self.notes.push(format!(
                "bucket `{bucket}`: with ingest growing {}% a month, a full bucket grows as fast as a filling one within layer `{layer}`'s {r}-day retention, so lakecost cannot tell which it is and does not rewrite the layer's writes",
                significant(self.s.ingest.growth_per_month.value() * 100.0, 3)
            )),
            (Fill::Full, Some(r)) if daily.len() < GROWTH_MIN_DAYS => self.notes.push(format!(
                "bucket `{bucket}`: fewer than {GROWTH_MIN_DAYS} days of storage metrics, so whether it is still filling cannot be read; it is compared as full (past layer `{layer}`'s {r}-day retention). With `--days {GROWTH_MIN_DAYS}` or more a filling bucket is recognised"
            )),
            (Fill::Full, _) => {}
        }
    }

    /// The edit that scales a layer's writes by `scale`: its `share_of_ingest`, or its
    /// `from_layer` ratio (relative to the source's own scale when that is calibrated
    /// too). A layer fed by Firehose is calibrated through its stream.
    fn writes_edit(&self, layer: &str, scale: f64, scales: &BTreeMap<String, f64>) -> Option<Edit> {
        let l = self.s.s3.layers.iter().find(|l| l.name == layer)?;
        if let Some(f) = &l.from_layer {
            let source = scales.get(&f.name).copied().unwrap_or(1.0);
            return Some(Edit::Set {
                path: item_path("s3", "layers", layer, &["from_layer", "ratio"]),
                value: format!(
                    "{}%",
                    significant(f.ratio.value() * scale / source * 100.0, 6)
                ),
            });
        }
        if l.share_of_ingest.value() > 0.0
            && self
                .resolved
                .s3
                .layers
                .iter()
                .any(|r| r.name == layer && r.delivered_per_day.is_none())
        {
            return Some(Edit::Set {
                path: item_path("s3", "layers", layer, &["share_of_ingest"]),
                value: format!(
                    "{}%",
                    significant(l.share_of_ingest.value() * scale * 100.0, 6)
                ),
            });
        }
        None
    }

    /// Kinesis: mean and peak records per second from per-period sums, record size
    /// from bytes ÷ records; the stream's peak is the largest period's sum, not the
    /// `Maximum` statistic (which describes single PutRecords calls).
    fn stream(&mut self, i: usize, b: &Binding) {
        let Some(k) = self
            .s
            .kinesis
            .streams
            .iter()
            .find(|k| k.name == b.resource)
            .cloned()
        else {
            return;
        };
        let (Some(records), Some(bytes)) = (
            self.series(i, "IncomingRecords", "Sum").cloned(),
            self.series(i, "IncomingBytes", "Sum").cloned(),
        ) else {
            self.missing(b, "IncomingRecords/IncomingBytes", "no datapoints: the stream had no traffic in the window, or does not exist in this region");
            return;
        };
        let period = self
            .queries
            .iter()
            .find(|q| q.binding == i && q.metric == "IncomingRecords")
            .map_or(60, |q| q.period) as f64;
        let seconds = self.days() * 86_400.0;
        let mean = total(&records) / seconds;
        let peak_rps = peak(&records).unwrap_or(0.0) / period;
        let size = if total(&records) > 0.0 {
            total(&bytes) / total(&records)
        } else {
            0.0
        };
        let at = |key: &str| item_path("kinesis", "streams", &k.name, &[key]);
        let w = WINDOW;
        self.row(
            b,
            "records_per_second",
            Some(k.records_per_second),
            mean,
            "records/s",
            format!("AWS/Kinesis IncomingRecords, Sum over {w} ÷ its seconds"),
            Some(Edit::Set {
                path: at("records_per_second"),
                value: significant(mean, 6),
            }),
        );
        let peak_factor = if mean > 0.0 { peak_rps / mean } else { 0.0 };
        self.row(
            b,
            "peak records per second",
            Some(k.records_per_second * k.peak_factor),
            peak_rps,
            "records/s",
            format!("AWS/Kinesis IncomingRecords, largest {period:.0}-second Sum ÷ {period:.0}"),
            None,
        );
        self.row(
            b,
            "peak_factor",
            Some(k.peak_factor),
            peak_factor,
            "×",
            "peak ÷ mean records per second".into(),
            Some(Edit::Set {
                path: at("peak_factor"),
                value: significant(peak_factor.max(1.0), 6),
            }),
        );
        self.row(
            b,
            "record_size",
            Some(k.record_size.0),
            size,
            "B",
            format!("AWS/Kinesis IncomingBytes ÷ IncomingRecords, Sums over {w}"),
            Some(Edit::Set {
                path: at("record_size"),
                value: format!("{size:.0} B"),
            }),
        );
        let mut seen = k.clone();
        seen.records_per_second = mean;
        seen.peak_factor = peak_factor.max(1.0);
        seen.record_size = Bytes(size);
        self.row(
            b,
            "shards",
            Some(model::kinesis::size(&k).shards),
            model::kinesis::size(&seen).shards,
            "shards",
            "what the observed peak needs (provisioned sizing)".into(),
            None,
        );
        if period > 60.0 {
            self.notes.push(format!(
                "stream `{}`: the window is longer than the 15 days CloudWatch keeps 1-minute data, so the peak is the largest {period:.0}-second average, which understates a 1-minute peak",
                b.resource
            ));
        }
        if let Some(t) = self
            .series(i, "WriteProvisionedThroughputExceeded", "Sum")
            .map(total)
            && t > 0.0
        {
            self.notes.push(format!(
                "stream `{}`: {t:.0} writes were throttled in the window (WriteProvisionedThroughputExceeded): the stream is smaller than its peak",
                b.resource
            ));
        }
    }

    fn delivery(&mut self, i: usize, b: &Binding) {
        let Some(f) = self
            .s
            .firehose
            .streams
            .iter()
            .find(|f| f.name == b.resource)
            .cloned()
        else {
            return;
        };
        let FirehoseInput::Direct {
            records_per_second,
            record_size,
        } = f.input
        else {
            self.notes.push(format!(
                "firehose `{}` reads a Kinesis stream of the scenario: calibrate that stream",
                b.resource
            ));
            return;
        };
        let (Some(records), Some(bytes)) = (
            self.series(i, "IncomingRecords", "Sum").cloned(),
            self.series(i, "IncomingBytes", "Sum").cloned(),
        ) else {
            self.missing(b, "IncomingRecords/IncomingBytes", "no datapoints: no traffic in the window, or the Firehose stream does not exist in this region");
            return;
        };
        let mean = total(&records) / (self.days() * 86_400.0);
        let size = if total(&records) > 0.0 {
            total(&bytes) / total(&records)
        } else {
            0.0
        };
        let at = |key: &str| item_path("firehose", "streams", &f.name, &[key]);
        let w = WINDOW;
        self.row(
            b,
            "records_per_second",
            Some(records_per_second),
            mean,
            "records/s",
            format!("AWS/Firehose IncomingRecords, Sum over {w} ÷ its seconds"),
            Some(Edit::Set {
                path: at("records_per_second"),
                value: significant(mean, 6),
            }),
        );
        self.row(
            b,
            "record_size",
            Some(record_size.0),
            size,
            "B",
            format!("AWS/Firehose IncomingBytes ÷ IncomingRecords, Sums over {w}"),
            Some(Edit::Set {
                path: at("record_size"),
                value: format!("{size:.0} B"),
            }),
        );
        // What reached S3 beside what arrived: a shortfall is records that failed
        // delivery (retried into the error prefix, or lost past the retry window).
        if let Some(delivered) = self.series(i, "DeliveryToS3.Records", "Sum").map(total) {
            self.row(
                b,
                "delivered to S3",
                Some(mean),
                delivered / (self.days() * 86_400.0),
                "records/s",
                format!(
                    "AWS/Firehose DeliveryToS3.Records, Sum over {w} ÷ its seconds, beside IncomingRecords"
                ),
                None,
            );
        }
    }

    /// The total of binding `i`'s `metric` over the window; with no datapoints, a
    /// problem saying why that may be.
    fn total_or_missing(
        &mut self,
        i: usize,
        b: &Binding,
        metric: &str,
        stat: &str,
        why: &str,
    ) -> Option<f64> {
        let t = self.series(i, metric, stat).map(total);
        if t.is_none() {
            self.missing(b, metric, why);
        }
        t
    }

    /// A count over the window as a rate a day, written back to `path`.
    #[allow(clippy::too_many_arguments)]
    fn per_day(
        &mut self,
        b: &Binding,
        key: &str,
        assumed: f64,
        count: f64,
        source: String,
        path: Vec<Step>,
    ) {
        let per_day = count / self.days();
        let edit = Edit::Set {
            path,
            value: significant(per_day, 6),
        };
        self.row(b, key, Some(assumed), per_day, "a day", source, Some(edit));
    }

    /// A DynamoDB table's reads and writes a second, from the capacity units it
    /// consumed (the table's own metric, without its indexes') divided by the units one
    /// read or write of its item takes.
    fn table(&mut self, i: usize, b: &Binding) {
        let Some(t) = self
            .s
            .dynamodb
            .tables
            .iter()
            .find(|t| t.name == b.resource)
            .cloned()
        else {
            return;
        };
        let seconds = self.days() * 86_400.0;
        let at = |key: &str| item_path("dynamodb", "tables", &t.name, &[key]);
        let w = WINDOW;
        let why = "no datapoints: the table had no traffic in the window, or does not exist in this region";
        for (metric, key, assumed, per_item) in [
            (
                "ConsumedReadCapacityUnits",
                "reads_per_second",
                t.reads_per_second,
                model::dynamodb::read_units(t.item_size, t.reads),
            ),
            (
                "ConsumedWriteCapacityUnits",
                "writes_per_second",
                t.writes_per_second,
                model::dynamodb::write_units(t.item_size, t.transactional_writes),
            ),
        ] {
            let Some(units) = self.total_or_missing(i, b, metric, "Sum", why) else {
                continue;
            };
            let per_second = units / seconds / per_item;
            self.row(
                b,
                key,
                Some(assumed),
                per_second,
                "/s",
                format!(
                    "AWS/DynamoDB {metric}, Sum over {w} ÷ its seconds ÷ {per_item} units an item"
                ),
                Some(Edit::Set {
                    path: at(key),
                    value: significant(per_second, 6),
                }),
            );
        }
    }

    /// A log group's ingestion a month. Written back when the group declares it; a
    /// group whose ingestion follows its sources is shown, and its sources' sizes are
    /// what to correct.
    fn log_group(&mut self, i: usize, b: &Binding) {
        let Some(g) = self
            .s
            .cloudwatch
            .log_groups
            .iter()
            .find(|g| g.name == b.resource)
            .cloned()
        else {
            return;
        };
        let why = "no datapoints: nothing was logged in the window, or the group does not exist in this region";
        let Some(bytes) = self.total_or_missing(i, b, "IncomingBytes", "Sum", why) else {
            return;
        };
        let gb = self.gb_a_month(bytes);
        let edit = g.sources.is_empty().then(|| Edit::Set {
            path: item_path("cloudwatch", "log_groups", &g.name, &["ingested_per_month"]),
            value: format!("{} GB", significant(gb, 6)),
        });
        self.row(
            b,
            "ingested_per_month",
            Some(model::cloudwatch::ingested_gb(self.s, &g)),
            gb,
            "GB",
            format!("AWS/Logs IncomingBytes, Sum over {WINDOW} ÷ days × 30.42"),
            edit,
        );
    }

    /// The bytes the bound NAT gateways processed a month, beside what the scenario
    /// sends through them: the S3 traffic the layers imply (when `s3_access` is
    /// `nat_gateway`) and `nat_other_per_month`. The rest is what is written back, as
    /// `nat_other_per_month`; the S3 part follows the layers and is corrected there.
    fn nat_gateways(&mut self, i: usize, b: &Binding) {
        let why = "no datapoints: the gateway forwarded nothing in the window, or does not exist in this region";
        let mut bytes = 0.0;
        for (q, _) in self
            .queries
            .iter()
            .enumerate()
            .filter(|(_, q)| q.binding == i)
        {
            let q = &self.queries[q];
            match self.fetched.series.get(&q.id).map(total) {
                Some(t) => bytes += t,
                None => {
                    let gateway = q.dimensions.first().map_or("", |d| d.1.as_str());
                    return self.missing(b, &format!("{} of {gateway}", q.metric), why);
                }
            }
        }
        let n = &self.s.network;
        let named = b.id.split(',').count();
        if named as f64 != n.nat_gateways {
            self.notes.push(format!(
                "network: the binding names {named} NAT gateway(s) and the scenario has `nat_gateways: {}`: the data processed is theirs, the hours are the scenario's",
                n.nat_gateways
            ));
        }
        let processed = self.gb_a_month(bytes);
        let steady = model::SteadyLayers::simulate(&self.resolved);
        let s3 = match n.s3_access {
            Some(crate::scenario::network::S3Access::NatGateway) => {
                model::network::s3_traffic_gb(&self.resolved, &steady.month())
            }
            _ => 0.0,
        };
        let other = processed - s3;
        let metrics = metrics::NAT_PROCESSED.join(" + ");
        if other < 0.0 {
            self.problems.push(Problem {
                resource: b.resource.clone(),
                what: "nat_other_per_month".into(),
                why: format!(
                    "the gateways processed {} GB a month, less than the {} GB of S3 traffic the layers send through them: check `s3_traffic_share` and `s3_layers`; nothing is written",
                    significant(processed, 4),
                    significant(s3, 4)
                ),
            });
            return;
        }
        self.row(
            b,
            "nat_other_per_month",
            Some(n.nat_other_per_month.gib()),
            other,
            "GB",
            format!(
                "AWS/NATGateway {metrics}, Sum over {WINDOW} ÷ days × 30.42 = {} GB, less {} GB of S3 traffic from the layers",
                significant(processed, 4),
                significant(s3, 4)
            ),
            Some(Edit::Set {
                path: vec![
                    Step::Key("network".into()),
                    Step::Key("nat_other_per_month".into()),
                ],
                value: format!("{} GB", significant(other, 6)),
            }),
        );
    }

    fn function(&mut self, i: usize, b: &Binding) {
        let Some(f) = self
            .s
            .lambda
            .functions
            .iter()
            .find(|f| f.name == b.resource)
            .cloned()
        else {
            return;
        };
        let why = "no datapoints: the function was not invoked in the window, or does not exist in this region";
        let Some(inv) = self.total_or_missing(i, b, "Invocations", "Sum", why) else {
            return;
        };
        let at = |key: &str| item_path("lambda", "functions", &f.name, &[key]);
        let w = WINDOW;
        match &f.input {
            // Invoked per object landed: the layer's writes are what to correct.
            Some(input) => {
                let assumed = self
                    .resolved
                    .lambda
                    .functions
                    .iter()
                    .find(|r| r.name == f.name)
                    .map_or(0.0, |r| r.invocations_per_day);
                self.row(
                    b,
                    "invocations_per_day",
                    Some(assumed),
                    inv / self.days(),
                    "a day",
                    format!(
                        "AWS/Lambda Invocations, Sum over {w} ÷ days; one per object landed in layer `{}`, whose writes are what to correct",
                        input.layer
                    ),
                    None,
                );
            }
            None => self.per_day(
                b,
                "invocations_per_day",
                f.invocations_per_day,
                inv,
                format!("AWS/Lambda Invocations, Sum over {w} ÷ days"),
                at("invocations_per_day"),
            ),
        }
        if let Some(ms) = self.series(i, "Duration", "Sum").map(total)
            && inv > 0.0
        {
            let mean = ms / inv;
            self.row(
                b,
                "duration",
                Some(f.duration.seconds() * 1000.0),
                mean,
                "ms",
                format!("AWS/Lambda Duration Sum ÷ Invocations Sum, {w}"),
                Some(Edit::Set {
                    path: at("duration"),
                    value: format!("{} ms", significant(mean, 6)),
                }),
            );
        }
        // The slowest 1 % of invocations beside the assumed duration: shown, not
        // written (Lambda bills each invocation's own duration, and the mean above
        // already carries the tail).
        if let Some(p99) = self.series(i, "Duration", "p99").and_then(peak) {
            self.row(
                b,
                "duration p99",
                Some(f.duration.seconds() * 1000.0),
                p99,
                "ms",
                format!("AWS/Lambda Duration p99, the highest daily value over {w}"),
                None,
            );
        }
    }

    fn athena(&mut self, i: usize, b: &Binding) {
        let Some(w) = self
            .s
            .athena
            .workgroups
            .iter()
            .find(|w| w.name == b.resource)
            .cloned()
        else {
            return;
        };
        let why = "no datapoints: the workgroup does not publish query metrics to CloudWatch (turn on \"Publish query metrics to AWS CloudWatch\", PublishCloudWatchMetricsEnabled, in the workgroup's settings), or ran no query in the window";
        let (Some(bytes), Some(count)) = (
            self.total_or_missing(i, b, "ProcessedBytes", "Sum", why),
            self.total_or_missing(i, b, "ProcessedBytes", "SampleCount", why),
        ) else {
            return;
        };
        let at = |key: &str| item_path("athena", "workgroups", &w.name, &[key]);
        let win = WINDOW;
        self.per_day(
            b,
            "queries_per_day",
            w.queries_per_day,
            count,
            format!("AWS/Athena ProcessedBytes SampleCount (SUCCEEDED DML) over {win} ÷ days"),
            at("queries_per_day"),
        );
        if count > 0.0 {
            let per_query = bytes / count;
            let assumed = match &w.table {
                // A layer's objects: as stored at steady state.
                Some(_) => {
                    let steady = model::SteadyLayers::simulate(&self.resolved);
                    model::athena::workgroups_in(&self.resolved, &steady.month())
                        .iter()
                        .find(|r| r.name == w.name)
                        .map_or(0.0, |r| model::athena::scanned_bytes(&r.scan))
                }
                None => model::athena::scanned_bytes(&w.scan),
            };
            let edit = matches!(w.scan, Scan::PerQuery(_)).then(|| Edit::Set {
                path: at("scanned_per_query"),
                value: format!("{} GB", significant(Bytes(per_query).gib(), 6)),
            });
            self.row(
                b,
                "scanned per query",
                Some(Bytes(assumed).gib()),
                Bytes(per_query).gib(),
                "GB",
                format!("AWS/Athena ProcessedBytes Sum ÷ SampleCount, {win}"),
                edit,
            );
        }
    }

    fn serverless(&mut self, i: usize, b: &Binding) {
        let Some(w) = self
            .s
            .redshift
            .serverless
            .iter()
            .find(|w| w.name == b.resource)
            .cloned()
        else {
            return;
        };
        let why = "no datapoints: the workgroup ran nothing in the window, or does not exist in this region";
        let Some(rpu_seconds) = self.total_or_missing(i, b, "ComputeSeconds", "Sum", why) else {
            return;
        };
        let hours = (rpu_seconds / 3600.0 / f64::from(w.base_rpus) / self.days()).min(24.0);
        let at = |key: &str| item_path("redshift", "serverless", &w.name, &[key]);
        self.row(b, "active_hours_per_day", Some(w.active_hours_per_day), hours, "h a day",
            format!("AWS/Redshift-Serverless ComputeSeconds (RPU-seconds), Sum over {} ÷ 3,600 ÷ {} base RPUs ÷ days", WINDOW, w.base_rpus),
            Some(Edit::Set { path: at("active_hours_per_day"), value: significant(hours, 4) }));
        // Capacity above the base is scaling the scenario does not price: shown.
        if let Some(series) = self.series(i, "ComputeCapacity", "Average")
            && !series.is_empty()
        {
            let mean = total(series) / series.len() as f64;
            self.row(
                b,
                "RPUs in use",
                Some(f64::from(w.base_rpus)),
                mean,
                "RPU",
                "AWS/Redshift-Serverless ComputeCapacity, mean of daily Averages".into(),
                None,
            );
        }
        match (&b.namespace, self.series(i, "DataStorage", "Average").and_then(latest)) {
            (None, _) => self.notes.push(format!(
                "serverless `{}`: its stored data is published per namespace (AWS/Redshift-Serverless DataStorage); add `namespace` to its `aws:` map to compare it",
                w.name
            )),
            (Some(n), None) => self.missing(b, "DataStorage", &format!("no datapoints for namespace `{n}`: check the name, or the region")),
            (Some(_), Some(mb)) => {
                let gb = mb / 1024.0;
                let (assumed, edit) = match &w.data {
                    DataSize::Fixed(d) => (
                        Some(d.gib()),
                        Some(Edit::Set { path: at("data"), value: format!("{} GB", significant(gb, 6)) }),
                    ),
                    // Sized from S3 layers: the layers are calibrated instead.
                    DataSize::FromLayers(_) => (None, None),
                };
                self.row(b, "data", assumed, gb, "GB",
                    "AWS/Redshift-Serverless DataStorage (MB), Average of the latest day".into(), edit);
            }
        }
    }

    fn cluster(&mut self, i: usize, b: &Binding) {
        for (metric, key) in [
            ("CPUUtilization", "CPU utilisation"),
            ("PercentageDiskSpaceUsed", "disk space used"),
        ] {
            let Some(series) = self.series(i, metric, "Average").cloned() else {
                self.missing(b, metric, "no datapoints: the cluster does not exist in this region, or was paused all window");
                continue;
            };
            let mean = if series.is_empty() {
                0.0
            } else {
                total(&series) / series.len() as f64
            };
            self.row(
                b,
                key,
                None,
                mean,
                "%",
                format!("AWS/Redshift {metric}, mean of daily Averages"),
                None,
            );
        }
    }

    fn state_machine(&mut self, i: usize, b: &Binding) {
        let Some(m) = self
            .s
            .stepfunctions
            .state_machines
            .iter()
            .find(|m| m.name == b.resource)
            .cloned()
        else {
            return;
        };
        let why =
            "no datapoints: no execution in the window, or the ARN is of another region or account";
        let Some(n) = self.total_or_missing(i, b, "ExecutionsStarted", "Sum", why) else {
            return;
        };
        self.per_day(
            b,
            "executions_per_day",
            m.executions_per_day,
            n,
            format!("AWS/States ExecutionsStarted, Sum over {} ÷ days", WINDOW),
            item_path(
                "stepfunctions",
                "state_machines",
                &m.name,
                &["executions_per_day"],
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(days: i64, first: f64, per_day: f64) -> Series {
        (0..days)
            .map(|d| (d * 86_400, first + per_day * d as f64))
            .collect()
    }

    #[test]
    fn slope_is_the_least_squares_growth_per_day() {
        assert_eq!(slope_per_day(&line(30, 2000.0, 130.0)), Some(130.0));
        // 0, 10, 0, 10: the fitted line rises 2 a day (Σ(x−x̄)(y−ȳ) = 10, Σ(x−x̄)² = 5).
        let zigzag: Series = vec![(0, 0.0), (86_400, 10.0), (172_800, 0.0), (259_200, 10.0)];
        assert!((slope_per_day(&zigzag).unwrap() - 2.0).abs() < 1e-12);
        assert_eq!(slope_per_day(&line(1, 5.0, 1.0)), None);
    }

    #[test]
    fn a_bucket_fills_until_it_holds_its_retention_in_writes() {
        let filling = Fill::Filling {
            growth_gb_per_day: 130.0,
        };
        // 5,770 GB growing 130 GB a day is 44 days of writes: younger than 365 days.
        assert_eq!(
            fill(&line(30, 2000.0, 130.0), 5770.0, Some(365), 0.0),
            filling
        );
        // The same growth with a 30-day retention: 5,770 ≥ 130 × 30, so it is full
        // (its ingest is rising).
        assert_eq!(
            fill(&line(30, 2000.0, 130.0), 5770.0, Some(30), 0.0),
            Fill::Full
        );
        // Flat: full.
        assert_eq!(
            fill(&line(30, 305.0, 0.0), 305.0, Some(30), 0.0),
            Fill::Full
        );
        // A layer that keeps everything grows by its writes.
        assert_eq!(fill(&line(30, 2000.0, 130.0), 5770.0, None, 0.0), filling);
        // Fewer than a week of days: no growth is read.
        assert_eq!(
            fill(&line(6, 2000.0, 130.0), 2650.0, None, 0.0),
            Fill::Unknown
        );
        assert_eq!(
            fill(&line(6, 2000.0, 130.0), 2650.0, Some(365), 0.0),
            Fill::Full
        );
        // Ingest growing 5 % a month over a 730-day retention grows 3.2-fold (> e): a
        // full bucket would hold 730 ÷ ln 3.2 = 627 days of writes, fewer than 730,
        // like a filling one; the two cannot be told apart.
        assert!(1.05_f64.powf(730.0 / DAYS_PER_MONTH) > std::f64::consts::E);
        assert_eq!(
            fill(&line(30, 2000.0, 130.0), 5770.0, Some(730), 0.05),
            Fill::Unknown
        );
    }
}
