//! Warehouse, query and orchestration sections: Redshift (provisioned and Serverless),
//! Athena, Lambda and Step Functions.
//!
//! Its keys as written (serde shapes), its checks and its typed form, together.

use super::check::{ScenarioError, closest, loc, non_negative as rate, unique};
use super::compute::Architecture;
use super::raw::{RawBinding, Text};
use super::{Layer, Loc};
use crate::units::{Bytes, Duration, Fraction};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// How much data a warehouse holds: a fixed size, or the bytes stored in S3 layers,
/// month by month.
#[derive(Clone, Debug, PartialEq)]
pub enum DataSize {
    Fixed(Bytes),
    FromLayers(Vec<String>),
}

/// A provisioned cluster's purchase option. Reserved prices must be in the price book.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Purchase {
    OnDemand,
    #[serde(rename = "reserved_1y_no_upfront")]
    Reserved1yNoUpfront,
    #[serde(rename = "reserved_1y_partial_upfront")]
    Reserved1yPartialUpfront,
    #[serde(rename = "reserved_1y_all_upfront")]
    Reserved1yAllUpfront,
    #[serde(rename = "reserved_3y_no_upfront")]
    Reserved3yNoUpfront,
    #[serde(rename = "reserved_3y_partial_upfront")]
    Reserved3yPartialUpfront,
    #[serde(rename = "reserved_3y_all_upfront")]
    Reserved3yAllUpfront,
}

impl Purchase {
    pub fn name(self) -> &'static str {
        match self {
            Purchase::OnDemand => "on_demand",
            Purchase::Reserved1yNoUpfront => "reserved_1y_no_upfront",
            Purchase::Reserved1yPartialUpfront => "reserved_1y_partial_upfront",
            Purchase::Reserved1yAllUpfront => "reserved_1y_all_upfront",
            Purchase::Reserved3yNoUpfront => "reserved_3y_no_upfront",
            Purchase::Reserved3yPartialUpfront => "reserved_3y_partial_upfront",
            Purchase::Reserved3yAllUpfront => "reserved_3y_all_upfront",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct RedshiftCluster {
    pub name: String,
    pub loc: Option<Loc>,
    /// A node type, or `None` for `auto`.
    pub node_type: Option<String>,
    /// A node count, or `None` for `auto`.
    pub nodes: Option<u32>,
    pub data: DataSize,
    pub min_vcpus: f64,
    pub hours_per_day: f64,
    /// Hours a day the cluster is used (queries run), at most `hours_per_day`: the
    /// rest it runs idle, which a pause schedule or Serverless would not bill.
    pub active_hours_per_day: f64,
    pub purchase: Purchase,
    pub concurrency_scaling_hours_per_day: f64,
    pub spectrum_scanned_per_month: Bytes,
    /// Spectrum queries a month over that scan: each bills at least 10 MB. `None`: the
    /// scan counts as one query.
    pub spectrum_queries_per_month: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RedshiftServerless {
    pub name: String,
    pub loc: Option<Loc>,
    pub base_rpus: u32,
    pub active_hours_per_day: f64,
    pub data: DataSize,
}

/// Table storage formats Athena reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TableFormat {
    Text,
    Json,
    Csv,
    Parquet,
    Orc,
}

impl TableFormat {
    /// Columnar formats let Athena read only the columns a query uses.
    pub fn is_columnar(self) -> bool {
        matches!(self, TableFormat::Parquet | TableFormat::Orc)
    }

    pub fn name(self) -> &'static str {
        match self {
            TableFormat::Text => "text",
            TableFormat::Json => "json",
            TableFormat::Csv => "csv",
            TableFormat::Parquet => "parquet",
            TableFormat::Orc => "orc",
        }
    }
}

/// What one Athena query scans: stated, or derived from the table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scan {
    PerQuery(Bytes),
    Derived {
        /// Raw size, before compression.
        table_size: Bytes,
        format: TableFormat,
        /// Raw ÷ stored: `3x` stores a third.
        compression: f64,
        columns_read: Fraction,
        partitions_read: Fraction,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct AthenaWorkgroup {
    pub name: String,
    pub loc: Option<Loc>,
    pub queries_per_day: f64,
    pub scan: Scan,
    /// The layer whose stored objects are the table (`table:`): `scan` is then
    /// [`Scan::Derived`] at a compression of 1 (the objects are stored bytes), its
    /// `table_size` set by the Athena model from the layer's stored GB month by month.
    pub table: Option<super::input::LayerInput>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LambdaFunction {
    pub name: String,
    pub loc: Option<Loc>,
    pub invocations_per_day: f64,
    /// The layer whose landed objects invoke the function, one invocation each
    /// (`input:`, an S3 event notification): `invocations_per_day` is then set from the
    /// layer's writes by `model::resolve` (at the month-1 rate) and by the Lambda model
    /// month by month.
    pub input: Option<super::input::LayerInput>,
    pub duration: Duration,
    pub memory: Bytes,
    pub ephemeral_storage: Bytes,
    pub architecture: Architecture,
    pub free_tier: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum WorkflowType {
    Standard,
    Express,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StateMachine {
    pub name: String,
    pub loc: Option<Loc>,
    pub kind: WorkflowType,
    pub executions_per_day: f64,
    pub transitions_per_execution: f64,
    /// Express only: how long an execution runs, and its memory.
    pub duration: Duration,
    pub memory: Bytes,
    /// Standard only: share the account's 4,000 free transitions a month.
    pub free_tier: bool,
}

// The keys as written.

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRedshift {
    #[serde(default)]
    pub clusters: Vec<RawRsCluster>,
    #[serde(default)]
    pub serverless: Vec<RawRsServerless>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRsCluster {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[schemars(with = "Option<String>")]
    pub node_type: Option<Spanned<String>>,
    #[schemars(with = "Option<Text>")]
    pub nodes: Option<Spanned<Text>>,
    #[schemars(with = "Option<Bytes>")]
    pub data: Option<Spanned<Bytes>>,
    #[schemars(with = "Option<Vec<String>>")]
    pub from_layers: Option<Spanned<Vec<String>>>,
    pub min_vcpus: Option<f64>,
    #[schemars(with = "Option<f64>")]
    pub hours_per_day: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub active_hours_per_day: Option<Spanned<f64>>,
    pub purchase: Option<Purchase>,
    #[schemars(with = "Option<f64>")]
    pub concurrency_scaling_hours_per_day: Option<Spanned<f64>>,
    pub spectrum_scanned_per_month: Option<Bytes>,
    #[schemars(with = "Option<f64>")]
    pub spectrum_queries_per_month: Option<Spanned<f64>>,
    #[schemars(with = "Option<std::collections::BTreeMap<String, String>>")]
    pub aws: Option<Spanned<RawBinding>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawRsServerless {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[schemars(with = "u32")]
    pub base_rpus: Spanned<u32>,
    #[schemars(with = "f64")]
    pub active_hours_per_day: Spanned<f64>,
    #[schemars(with = "Option<Bytes>")]
    pub data: Option<Spanned<Bytes>>,
    #[schemars(with = "Option<Vec<String>>")]
    pub from_layers: Option<Spanned<Vec<String>>>,
    #[schemars(with = "Option<std::collections::BTreeMap<String, String>>")]
    pub aws: Option<Spanned<RawBinding>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAthena {
    pub workgroups: Vec<RawWorkgroup>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawWorkgroup {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[schemars(with = "f64")]
    pub queries_per_day: Spanned<f64>,
    #[schemars(with = "Option<Bytes>")]
    pub scanned_per_query: Option<Spanned<Bytes>>,
    #[schemars(with = "Option<Bytes>")]
    pub table_size: Option<Spanned<Bytes>>,
    pub table: Option<super::input::RawLayerInput>,
    pub format: Option<TableFormat>,
    #[schemars(with = "Option<Text>")]
    pub compression: Option<Spanned<Text>>,
    #[schemars(with = "Option<Fraction>")]
    pub columns_read: Option<Spanned<Fraction>>,
    #[schemars(with = "Option<Fraction>")]
    pub partitions_read: Option<Spanned<Fraction>>,
    #[schemars(with = "Option<std::collections::BTreeMap<String, String>>")]
    pub aws: Option<Spanned<RawBinding>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLambda {
    pub functions: Vec<RawFunction>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFunction {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[schemars(with = "Option<f64>")]
    pub invocations_per_day: Option<Spanned<f64>>,
    pub input: Option<super::input::RawLayerInput>,
    #[schemars(with = "Duration")]
    pub duration: Spanned<Duration>,
    #[schemars(with = "Bytes")]
    pub memory: Spanned<Bytes>,
    #[schemars(with = "Option<Bytes>")]
    pub ephemeral_storage: Option<Spanned<Bytes>>,
    pub architecture: Option<Architecture>,
    pub free_tier: Option<bool>,
    #[schemars(with = "Option<std::collections::BTreeMap<String, String>>")]
    pub aws: Option<Spanned<RawBinding>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawStepFunctions {
    pub state_machines: Vec<RawStateMachine>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawStateMachine {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[serde(rename = "type")]
    pub kind: WorkflowType,
    #[schemars(with = "f64")]
    pub executions_per_day: Spanned<f64>,
    pub transitions_per_execution: Option<f64>,
    pub duration: Option<Duration>,
    pub memory: Option<Bytes>,
    pub free_tier: Option<bool>,
    #[schemars(with = "Option<std::collections::BTreeMap<String, String>>")]
    pub aws: Option<Spanned<RawBinding>>,
}

// Checking them.

/// Lambda: 128 MB to 10,240 MB of memory, 512 MB to 10,240 MB of /tmp, 15 minutes.
const LAMBDA_MEMORY_MB: (f64, f64) = (128.0, 10_240.0);
const LAMBDA_STORAGE_MB: (f64, f64) = (512.0, 10_240.0);
const LAMBDA_MAX_SECONDS: f64 = 900.0;
/// Express workflows bill memory in 64 MB steps, at least 64 MB.
const EXPRESS_MIN_MEMORY_MB: f64 = 64.0;

use crate::units::MIB as MB;

fn data_size(
    field: &dyn Fn(&str) -> String,
    at: Option<super::Loc>,
    data: &Option<Spanned<Bytes>>,
    from_layers: &Option<Spanned<Vec<String>>>,
    layers: &[Layer],
) -> Result<DataSize, ScenarioError> {
    match (data, from_layers) {
        (Some(d), None) => Ok(DataSize::Fixed(d.value)),
        (None, Some(names)) => {
            for n in &names.value {
                if !layers.iter().any(|l| &l.name == n) {
                    return Err(ScenarioError::at(
                        loc(names),
                        field("from_layers"),
                        format!("no S3 layer named `{n}` in `s3.layers`"),
                    )
                    .suggest(closest(n, layers.iter().map(|l| l.name.as_str()))));
                }
            }
            if names.value.is_empty() {
                return Err(ScenarioError::at(
                    loc(names),
                    field("from_layers"),
                    "name at least one S3 layer",
                ));
            }
            Ok(DataSize::FromLayers(names.value.clone()))
        }
        _ => Err(ScenarioError::at(
            at,
            field("data"),
            "give either `data` (a size) or `from_layers` (S3 layers to follow month by month)",
        )),
    }
}

fn cluster(i: usize, c: &RawRsCluster, layers: &[Layer]) -> Result<RedshiftCluster, ScenarioError> {
    let field = |k: &str| format!("redshift.clusters[{i}].{k}");
    let at = loc(&c.name);
    let node_type = match &c.node_type {
        Some(t) if t.value == "auto" => None,
        Some(t) => Some(t.value.clone()),
        None => None,
    };
    let nodes = match &c.nodes {
        None => None,
        Some(n) if n.value.0 == "auto" => None,
        Some(n) => Some(
            n.value
                .0
                .trim_end_matches(".0")
                .parse::<u32>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| {
                    ScenarioError::at(
                        loc(n),
                        field("nodes"),
                        format!("expected `auto` or a node count ≥ 1, found `{}`", n.value.0),
                    )
                })?,
        ),
    };
    if nodes.is_some() && node_type.is_none() {
        return Err(ScenarioError::at(
            at,
            field("nodes"),
            "a node count needs a `node_type`; with `node_type: auto` leave `nodes` to auto too",
        ));
    }
    let hours_per_day = match &c.hours_per_day {
        Some(h) if h.value > 0.0 && h.value <= 24.0 => h.value,
        Some(h) => {
            return Err(ScenarioError::at(
                loc(h),
                field("hours_per_day"),
                format!("expected 0 to 24 hours a day, found {}", h.value),
            ));
        }
        None => 24.0,
    };
    let active_hours_per_day = match &c.active_hours_per_day {
        Some(h) if h.value > 0.0 && h.value <= hours_per_day => h.value,
        Some(h) => {
            return Err(ScenarioError::at(
                loc(h),
                field("active_hours_per_day"),
                format!(
                    "expected more than 0 and at most the cluster's {hours_per_day} hours a day (`hours_per_day`), found {}",
                    h.value
                ),
            ));
        }
        None => hours_per_day,
    };
    Ok(RedshiftCluster {
        name: c.name.value.clone(),
        loc: c.node_type.as_ref().and_then(loc).or(at),
        node_type,
        nodes,
        data: data_size(&field, at, &c.data, &c.from_layers, layers)?,
        min_vcpus: c.min_vcpus.unwrap_or(0.0).max(0.0),
        hours_per_day,
        active_hours_per_day,
        purchase: c.purchase.unwrap_or(Purchase::OnDemand),
        concurrency_scaling_hours_per_day: match &c.concurrency_scaling_hours_per_day {
            Some(v) => rate(field("concurrency_scaling_hours_per_day"), v, "hours a day")?,
            None => 0.0,
        },
        spectrum_scanned_per_month: c.spectrum_scanned_per_month.unwrap_or(Bytes::ZERO),
        spectrum_queries_per_month: match &c.spectrum_queries_per_month {
            Some(q) if q.value >= 1.0 && q.value.is_finite() => Some(q.value),
            Some(q) => {
                return Err(ScenarioError::at(
                    loc(q),
                    field("spectrum_queries_per_month"),
                    "expected a number of queries, at least 1",
                ));
            }
            None => None,
        },
    })
}

pub(super) fn check_redshift(
    r: &RawRedshift,
    layers: &[Layer],
) -> Result<(Vec<RedshiftCluster>, Vec<RedshiftServerless>), ScenarioError> {
    let mut seen = Vec::new();
    let mut clusters = Vec::new();
    for (i, c) in r.clusters.iter().enumerate() {
        unique(&mut seen, &c.name, format!("redshift.clusters[{i}].name"))?;
        clusters.push(cluster(i, c, layers)?);
    }
    let mut serverless = Vec::new();
    for (i, s) in r.serverless.iter().enumerate() {
        let field = |k: &str| format!("redshift.serverless[{i}].{k}");
        unique(&mut seen, &s.name, field("name"))?;
        let hours = match &s.active_hours_per_day {
            h if h.value >= 0.0 && h.value <= 24.0 => h.value,
            h => {
                return Err(ScenarioError::at(
                    loc(h),
                    field("active_hours_per_day"),
                    format!("expected 0 to 24 hours a day, found {}", h.value),
                ));
            }
        };
        serverless.push(RedshiftServerless {
            name: s.name.value.clone(),
            loc: loc(&s.base_rpus),
            base_rpus: s.base_rpus.value,
            active_hours_per_day: hours,
            data: data_size(&field, loc(&s.name), &s.data, &s.from_layers, layers)?,
        });
    }
    Ok((clusters, serverless))
}

/// `3x`, `3` or `3.5x`: raw ÷ stored.
fn ratio(text: &str) -> Option<f64> {
    let v: f64 = text.trim().trim_end_matches('x').trim().parse().ok()?;
    (v >= 1.0 && v.is_finite()).then_some(v)
}

fn workgroup(
    i: usize,
    w: &RawWorkgroup,
    layers: &[super::Layer],
) -> Result<AthenaWorkgroup, ScenarioError> {
    let field = |k: &str| format!("athena.workgroups[{i}].{k}");
    let at = loc(&w.name);
    let share = |v: &Option<Spanned<Fraction>>, k: &str| -> Result<Fraction, ScenarioError> {
        match v {
            Some(f) if f.value.value() > 0.0 && f.value.value() <= 1.0 => Ok(f.value),
            Some(f) => Err(ScenarioError::at(
                loc(f),
                field(k),
                format!(
                    "expected a share above 0% and at most 100%, found {}",
                    f.value.value()
                ),
            )),
            None => Ok(Fraction::ONE),
        }
    };
    let table = match &w.table {
        Some(raw) => Some(super::input::check(&field("table"), raw, layers)?),
        None => None,
    };
    if let (Some(_), Some(c)) = (&table, &w.compression) {
        return Err(ScenarioError::at(
            loc(c),
            field("compression"),
            "a table that is a layer's objects is scanned as stored: `compression` (raw ÷ stored) applies to `table_size` only",
        ));
    }
    let scan = match (&w.scanned_per_query, &w.table_size, &table, w.format) {
        (Some(s), None, None, None) => Scan::PerQuery(s.value),
        // The layer's stored GB: set by the Athena model month by month.
        (None, None, Some(_), Some(format)) => Scan::Derived {
            table_size: Bytes::ZERO,
            format,
            compression: 1.0,
            columns_read: share(&w.columns_read, "columns_read")?,
            partitions_read: share(&w.partitions_read, "partitions_read")?,
        },
        (None, Some(t), None, Some(format)) => Scan::Derived {
            table_size: t.value,
            format,
            compression: match &w.compression {
                Some(c) => ratio(&c.value.0).ok_or_else(|| {
                    ScenarioError::at(
                        loc(c),
                        field("compression"),
                        format!(
                            "expected a ratio such as `3x` (raw ÷ stored, at least 1), found `{}`",
                            c.value.0
                        ),
                    )
                })?,
                None => 1.0,
            },
            columns_read: share(&w.columns_read, "columns_read")?,
            partitions_read: share(&w.partitions_read, "partitions_read")?,
        },
        _ => {
            return Err(ScenarioError::at(
                at,
                field("scanned_per_query"),
                "give either `scanned_per_query`, or `format` with the table: `table_size` (and optionally `compression`), or `table: { layer: NAME, share: 100% }` (the layer's stored objects); and optionally `columns_read`, `partitions_read`",
            ));
        }
    };
    Ok(AthenaWorkgroup {
        name: w.name.value.clone(),
        loc: at,
        queries_per_day: rate(
            field("queries_per_day"),
            &w.queries_per_day,
            "queries a day",
        )?,
        scan,
        table,
    })
}

pub(super) fn check_athena(
    a: &RawAthena,
    layers: &[super::Layer],
) -> Result<Vec<AthenaWorkgroup>, ScenarioError> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for (i, w) in a.workgroups.iter().enumerate() {
        unique(&mut seen, &w.name, format!("athena.workgroups[{i}].name"))?;
        out.push(workgroup(i, w, layers)?);
    }
    Ok(out)
}

fn function(
    i: usize,
    f: &RawFunction,
    layers: &[super::Layer],
) -> Result<LambdaFunction, ScenarioError> {
    let field = |k: &str| format!("lambda.functions[{i}].{k}");
    let mb = f.memory.value.0 / MB;
    if !(LAMBDA_MEMORY_MB.0..=LAMBDA_MEMORY_MB.1).contains(&mb) {
        return Err(ScenarioError::at(
            loc(&f.memory),
            field("memory"),
            format!(
                "Lambda memory is 128 MB to 10,240 MB, found {}",
                f.memory.value
            ),
        ));
    }
    let storage = match &f.ephemeral_storage {
        Some(s) if (LAMBDA_STORAGE_MB.0..=LAMBDA_STORAGE_MB.1).contains(&(s.value.0 / MB)) => {
            s.value
        }
        Some(s) => {
            return Err(ScenarioError::at(
                loc(s),
                field("ephemeral_storage"),
                format!("Lambda /tmp is 512 MB to 10,240 MB, found {}", s.value),
            ));
        }
        None => Bytes(LAMBDA_STORAGE_MB.0 * MB),
    };
    if f.duration.value.seconds() > LAMBDA_MAX_SECONDS {
        return Err(ScenarioError::at(
            loc(&f.duration),
            field("duration"),
            "a Lambda invocation runs at most 15 minutes",
        ));
    }
    let input = match &f.input {
        Some(raw) => Some(super::input::check(&field("input"), raw, layers)?),
        None => None,
    };
    let invocations_per_day = match (&f.invocations_per_day, &input) {
        (Some(n), None) => rate(field("invocations_per_day"), n, "invocations a day")?,
        // One per object landed: set by `model::resolve` and month by month.
        (None, Some(_)) => 0.0,
        _ => {
            return Err(ScenarioError::at(
                loc(&f.name),
                field("invocations_per_day"),
                "give either `invocations_per_day`, or `input: { layer: NAME, share: 100% }` (one invocation per object landed in the layer)",
            ));
        }
    };
    Ok(LambdaFunction {
        name: f.name.value.clone(),
        loc: loc(&f.name),
        invocations_per_day,
        input,
        duration: f.duration.value,
        memory: f.memory.value,
        ephemeral_storage: storage,
        architecture: f.architecture.unwrap_or(Architecture::X86_64),
        free_tier: f.free_tier.unwrap_or(false),
    })
}

pub(super) fn check_lambda(
    l: &RawLambda,
    layers: &[super::Layer],
) -> Result<Vec<LambdaFunction>, ScenarioError> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for (i, f) in l.functions.iter().enumerate() {
        unique(&mut seen, &f.name, format!("lambda.functions[{i}].name"))?;
        out.push(function(i, f, layers)?);
    }
    Ok(out)
}

fn state_machine(i: usize, m: &RawStateMachine) -> Result<StateMachine, ScenarioError> {
    let field = |k: &str| format!("stepfunctions.state_machines[{i}].{k}");
    let at = loc(&m.name);
    let (transitions, duration, memory) = match m.kind {
        WorkflowType::Standard => (
            m.transitions_per_execution.filter(|t| *t >= 0.0).ok_or_else(|| {
                ScenarioError::at(at, field("transitions_per_execution"), "a standard workflow bills state transitions: give `transitions_per_execution`")
            })?,
            Duration(0.0),
            Bytes::ZERO,
        ),
        WorkflowType::Express => (
            m.transitions_per_execution.unwrap_or(0.0),
            m.duration.ok_or_else(|| ScenarioError::at(at, field("duration"), "an express workflow bills its duration: give `duration` per execution"))?,
            m.memory.unwrap_or(Bytes(EXPRESS_MIN_MEMORY_MB * MB)),
        ),
    };
    Ok(StateMachine {
        name: m.name.value.clone(),
        loc: at,
        kind: m.kind,
        executions_per_day: rate(
            field("executions_per_day"),
            &m.executions_per_day,
            "executions a day",
        )?,
        transitions_per_execution: transitions,
        duration,
        memory,
        free_tier: m.free_tier.unwrap_or(false),
    })
}

pub(super) fn check_stepfunctions(
    s: &RawStepFunctions,
) -> Result<Vec<StateMachine>, ScenarioError> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for (i, m) in s.state_machines.iter().enumerate() {
        unique(
            &mut seen,
            &m.name,
            format!("stepfunctions.state_machines[{i}].name"),
        )?;
        out.push(state_machine(i, m)?);
    }
    Ok(out)
}
