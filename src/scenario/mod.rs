//! Scenario: what a user describes (volumes, layers, lifecycle, access), parsed from
//! YAML and checked for shape, then handed to the models as plain typed values.
//!
//! Rules that belong to an AWS service (which lifecycle transitions S3 accepts, for
//! instance) are checked by that service's model, which owns the rule; this module
//! checks only what makes a scenario well-formed.

mod binding;
pub mod bounds;
mod check;
mod classes;
pub mod cloudwatch;
mod compute;
pub mod distribution;
pub mod dynamodb;
pub mod edit;
mod encryption;
pub mod input;
pub mod keys;
mod layers;
mod load;
pub mod network;

pub mod overrides;
mod raw;
mod replay;
pub mod schema;
mod streams;
mod tree;
pub mod uncertain;
mod warehouse;

pub use binding::{Binding, Bound, binding_sites};
pub use check::{ErrorDetail, ScenarioError, closest, did_you_mean};
pub use classes::{RestoreTier, StorageClass};
pub use cloudwatch::CloudWatch;
pub use compute::{
    Architecture, EmrCluster, EmrServerless, ExecutionClass, GlueCatalog, GlueCrawler, GlueJob,
    GlueVersion, InstanceGroup, Market, RunLength, Schedule, Workload, serverless_worker_memory,
};
pub use dynamodb::DynamoDb;
pub use encryption::{Encryption, Kms};
pub use layers::{Access, AccessKind, Existing, FromLayer, Layer, Replication, Transition};
pub use load::load_str;
pub use network::Network;
pub use streams::{Conversion, FirehoseInput, FirehoseStream, KinesisMode, KinesisStream};
pub use uncertain::{UncertainInput, Uncertainty};
pub use warehouse::{
    AthenaWorkgroup, DataSize, LambdaFunction, Purchase, RedshiftCluster, RedshiftServerless, Scan,
    StateMachine, TableFormat, WorkflowType,
};

use crate::units::{Bytes, Fraction};
use serde::Serialize;

/// A position in the scenario file, 1-based, for findings that point at a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Loc {
    pub line: u64,
    pub column: u64,
}

/// A validated scenario, its sections named as the file names them (`s.s3.layers` is
/// `s3.layers`). Build one in code with [`Scenario::new`] or load it with [`load_str`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scenario {
    pub name: String,
    pub region: String,
    /// Horizon in months of 730 hours, simulated month by month.
    pub months: u32,
    /// The calendar month of month 1 (`start:`), where the file says.
    pub start: Option<crate::units::Period>,
    pub ingest: Ingest,
    pub s3: S3,
    pub kinesis: Kinesis,
    pub firehose: Firehose,
    pub glue: Glue,
    pub emr: Emr,
    /// Engine-neutral work for `lakecost compare`.
    pub workloads: Vec<Workload>,
    pub redshift: Redshift,
    pub athena: Athena,
    pub lambda: Lambda,
    pub stepfunctions: StepFunctions,
    pub dynamodb: DynamoDb,
    pub network: Network,
    pub cloudwatch: CloudWatch,
    /// Inputs that hold distributions, when the file has any: the values above are
    /// their medians.
    pub uncertainty: Option<Uncertainty>,
    /// The AWS resources the scenario's resources describe (`aws:` maps), for
    /// `lakecost calibrate`.
    pub bindings: Vec<Binding>,
}

/// The `s3` section.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct S3 {
    pub layers: Vec<Layer>,
}

/// The `kinesis` section.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Kinesis {
    pub streams: Vec<KinesisStream>,
}

/// The `firehose` section.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Firehose {
    pub streams: Vec<FirehoseStream>,
}

/// The `athena` section.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Athena {
    pub workgroups: Vec<AthenaWorkgroup>,
}

/// The `lambda` section.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lambda {
    pub functions: Vec<LambdaFunction>,
}

/// The `stepfunctions` section.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StepFunctions {
    pub state_machines: Vec<StateMachine>,
}

/// The `redshift` section.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Redshift {
    pub clusters: Vec<RedshiftCluster>,
    pub serverless: Vec<RedshiftServerless>,
}

/// The `glue` section.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Glue {
    pub jobs: Vec<GlueJob>,
    pub crawlers: Vec<GlueCrawler>,
    pub catalog: Option<GlueCatalog>,
}

/// The `emr` section.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Emr {
    pub clusters: Vec<EmrCluster>,
    pub serverless: Vec<EmrServerless>,
}

impl Scenario {
    /// An empty scenario (no ingest, no resources) to fill in code.
    pub fn new(name: &str, region: &str, months: u32) -> Scenario {
        Scenario {
            name: name.to_string(),
            region: region.to_string(),
            months,
            ..Scenario::default()
        }
    }

    /// The regions the lake is billed in: its own, then those its layers replicate to,
    /// each once.
    pub fn regions(&self) -> Vec<&str> {
        let mut out = vec![self.region.as_str()];
        for r in self.s3.layers.iter().filter_map(|l| l.replication.as_ref()) {
            if !out.contains(&r.to.as_str()) {
                out.push(&r.to);
            }
        }
        out
    }
}

/// Bytes landing in the lake. Zero when the scenario describes only existing data.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Ingest {
    pub per_day: Bytes,
    /// Compound growth of `per_day`, applied once per month.
    pub growth_per_month: Fraction,
}

/// A value with the place it was written, when it came from a file.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub loc: Option<Loc>,
}

impl<T> Located<T> {
    pub fn new(value: T) -> Self {
        Located { value, loc: None }
    }
}
