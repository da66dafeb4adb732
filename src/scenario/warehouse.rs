//! Warehouse, query and orchestration sections: Redshift (provisioned and Serverless),
//! Athena, Lambda and Step Functions.

use super::Loc;
use super::compute::Architecture;
use crate::units::{Bytes, Duration, Fraction};
use serde::Deserialize;

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
}

#[derive(Clone, Debug, PartialEq)]
pub struct LambdaFunction {
    pub name: String,
    pub loc: Option<Loc>,
    pub invocations_per_day: f64,
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
