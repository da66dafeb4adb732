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
mod compute;
pub mod distribution;
pub mod edit;
mod load;

pub mod overrides;
mod raw;
mod region;
pub mod schema;
mod streams;
mod tree;
pub mod uncertain;
mod warehouse;

pub use binding::{Binding, Bound};
pub use check::{ErrorDetail, ScenarioError, closest};
pub use classes::{RestoreTier, StorageClass};
pub use compute::{
    Architecture, EmrCluster, EmrServerless, ExecutionClass, GlueCatalog, GlueCrawler, GlueJob,
    GlueVersion, InstanceGroup, Market, RunLength, Schedule, Workload, serverless_worker_memory,
};
pub use load::load_str;
pub use region::KNOWN_REGIONS;
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

/// A validated scenario. Build one in code (see `examples/`) or load it with
/// [`load_str`].
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub name: String,
    pub region: String,
    /// Horizon in months of 730 hours, simulated month by month.
    pub months: u32,
    pub ingest: Ingest,
    pub layers: Vec<Layer>,
    pub kinesis: Vec<KinesisStream>,
    pub firehose: Vec<FirehoseStream>,
    pub glue: Glue,
    pub emr: Emr,
    /// Engine-neutral work for `lakecost compare`.
    pub workloads: Vec<Workload>,
    pub redshift: Redshift,
    pub athena: Vec<AthenaWorkgroup>,
    pub lambda: Vec<LambdaFunction>,
    pub stepfunctions: Vec<StateMachine>,
    /// Inputs that hold distributions, when the file has any: the values above are
    /// their medians.
    pub uncertainty: Option<Uncertainty>,
    /// The AWS resources the scenario's resources describe (`aws:` maps), for
    /// `lakecost calibrate`.
    pub bindings: Vec<Binding>,
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
            ingest: Ingest {
                per_day: Bytes::ZERO,
                growth_per_month: Fraction::ZERO,
            },
            layers: Vec::new(),
            kinesis: Vec::new(),
            firehose: Vec::new(),
            glue: Glue::default(),
            emr: Emr::default(),
            workloads: Vec::new(),
            redshift: Redshift::default(),
            athena: Vec::new(),
            lambda: Vec::new(),
            stepfunctions: Vec::new(),
            uncertainty: None,
            bindings: Vec::new(),
        }
    }
}

/// Bytes landing in the lake. Zero when the scenario describes only existing data.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ingest {
    pub per_day: Bytes,
    /// Compound growth of `per_day`, applied once per month.
    pub growth_per_month: Fraction,
}

/// One S3 layer (bronze, silver, gold…): where objects are written and how they age.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    pub name: String,
    pub loc: Option<Loc>,
    /// Bytes written to this layer per byte ingested.
    pub share_of_ingest: Fraction,
    /// Average size of the objects written; drives request counts and per-object charges.
    pub object_size: Bytes,
    /// Bytes written per day by a delivery stream (Firehose `deliver_to`), in place of
    /// `share_of_ingest`; set by the Firehose model, not by the scenario file.
    pub delivered_per_day: Option<Bytes>,
    /// Writes derived from another layer's writes (`from_layer`): silver at 25 % of
    /// bronze, whether bronze is fed by ingest or by a Firehose stream.
    pub from_layer: Option<FromLayer>,
    pub storage_class: StorageClass,
    pub lifecycle: Vec<Transition>,
    pub expire_after_days: Option<Located<u32>>,
    pub existing: Option<Existing>,
    pub access: Vec<Access>,
    /// The layer's data can be rebuilt from another layer, so losing an Availability
    /// Zone's copy is acceptable: ONEZONE_IA is an option for it.
    pub recreatable: bool,
}

/// A layer's writes as a ratio of another layer's.
#[derive(Clone, Debug, PartialEq)]
pub struct FromLayer {
    pub name: String,
    pub ratio: Fraction,
}

impl Layer {
    /// A layer that receives `share` of the ingest in objects of `object_size`, written
    /// to STANDARD, with no lifecycle, expiration, existing data or reads: the start of
    /// a layer built in code.
    pub fn new(name: &str, share: Fraction, object_size: Bytes) -> Layer {
        Layer {
            name: name.to_string(),
            loc: None,
            share_of_ingest: share,
            object_size,
            delivered_per_day: None,
            from_layer: None,
            storage_class: StorageClass::Standard,
            lifecycle: Vec::new(),
            expire_after_days: None,
            existing: None,
            access: Vec::new(),
            recreatable: false,
        }
    }

    /// Bytes written to the layer per day in a month whose ingest is `per_day`.
    pub fn daily_writes(&self, per_day: Bytes) -> Bytes {
        self.delivered_per_day
            .unwrap_or(per_day * self.share_of_ingest.value())
    }

    /// Sets the lifecycle transitions as `(after_days, to)` pairs.
    pub fn with_lifecycle(mut self, rules: &[(u32, StorageClass)]) -> Layer {
        self.lifecycle = rules
            .iter()
            .map(|&(after_days, to)| Transition {
                after_days,
                to,
                loc: None,
            })
            .collect();
        self
    }

    /// Sets `expire_after_days`.
    pub fn expiring_after(mut self, days: u32) -> Layer {
        self.expire_after_days = Some(Located::new(days));
        self
    }
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

/// A lifecycle transition: objects move to `to` once they are `after_days` old.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Transition {
    pub after_days: u32,
    pub to: StorageClass,
    pub loc: Option<Loc>,
}

/// Data already stored when month 1 starts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Existing {
    pub size: Bytes,
    pub object_size: Bytes,
    pub storage_class: StorageClass,
    /// Age of the existing objects at the start of month 1.
    pub age_days: u32,
    /// Days they have been in `storage_class` at the start of month 1 (at most
    /// `age_days`): what remains of the class's minimum storage duration is billed if
    /// they leave it early.
    pub class_since_days: u32,
    pub loc: Option<Loc>,
}

/// How objects of a given age are used.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Access {
    /// First age day (inclusive) the rule covers; day 0 is the day of writing.
    pub from_day: u32,
    /// Last age day (inclusive), or `None` for "and older".
    pub to_day: Option<u32>,
    pub kind: AccessKind,
    pub loc: Option<Loc>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AccessKind {
    /// Each object in the age range is read this many times a month (GET).
    Reads { per_month: f64 },
    /// This share of the archived objects in the age range is restored each month.
    Restores {
        per_month: Fraction,
        tier: RestoreTier,
        /// Days the restored copy is kept (billed at the STANDARD rate).
        keep_days: u32,
        /// How soon a restored object must be readable, when the scenario says: the
        /// archive class and tier must restore within it (`LC-S3-014`).
        within: Option<crate::units::Duration>,
    },
}

impl Access {
    /// The age interval in days, `[from, to)`, with `to = ∞` for open ranges.
    pub fn day_interval(&self) -> (f64, f64) {
        (
            f64::from(self.from_day),
            self.to_day.map_or(f64::INFINITY, |d| f64::from(d) + 1.0),
        )
    }
}
