//! Processing sections of a scenario: Glue jobs, crawlers and catalog; EMR clusters
//! and EMR Serverless applications; engine-neutral workloads for `lakecost compare`.

use super::Loc;
use crate::units::{Bytes, Duration, Fraction};
use serde::Deserialize;

/// Glue's execution class: standard, or Flex on spare capacity (Glue 3.0+ Spark jobs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExecutionClass {
    Standard,
    Flex,
}

/// A Glue version, e.g. 4.0. Versions 0.9 and 1.0 bill at least 10 minutes a run,
/// 2.0 and later 1 minute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct GlueVersion {
    pub major: u32,
    pub minor: u32,
}

impl GlueVersion {
    pub fn parse(text: &str) -> Option<GlueVersion> {
        let (a, b) = text.trim().split_once('.')?;
        let v = GlueVersion {
            major: a.parse().ok()?,
            minor: b.parse().ok()?,
        };
        let known = [(0, 9), (1, 0), (2, 0), (3, 0), (4, 0), (5, 0)];
        known.contains(&(v.major, v.minor)).then_some(v)
    }
}

impl std::fmt::Display for GlueVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

/// How long a Glue run takes: stated, or derived from input and throughput.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RunLength {
    Fixed(Duration),
    /// Input bytes per run, processed at `per_dpu_hour` bytes per DPU-hour.
    Derived {
        input: Bytes,
        per_dpu_hour: Bytes,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct GlueJob {
    pub name: String,
    pub loc: Option<Loc>,
    pub worker_type: String,
    pub workers: u32,
    pub runs_per_day: f64,
    pub length: RunLength,
    pub execution_class: ExecutionClass,
    pub glue_version: GlueVersion,
    /// How long after its scheduled start a run must have finished, when the
    /// scenario says: what decides whether Flex's later start is acceptable.
    pub deadline: Option<Duration>,
    /// The job, cluster or application this one is an alternative engine for: priced
    /// and shown, but not added to the bill (`lakecost compare` ranks engines).
    pub alternative_of: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct GlueCrawler {
    pub name: String,
    pub loc: Option<Loc>,
    pub runs_per_day: f64,
    pub duration: Duration,
    /// DPUs the crawler uses; AWS's pricing example uses 2.
    pub dpus: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GlueCatalog {
    pub objects: f64,
    pub requests_per_month: f64,
}

/// EC2 purchase option of an instance group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Market {
    OnDemand,
    Spot,
}

#[derive(Clone, Debug, PartialEq)]
pub struct InstanceGroup {
    pub instance: String,
    pub count: u32,
    pub market: Market,
}

/// When a cluster runs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Schedule {
    /// A transient cluster per run: bootstrap, job, idle until auto-termination.
    Runs {
        runs_per_day: f64,
        duration: Duration,
        bootstrap: Duration,
        idle: Duration,
    },
    /// A long-running cluster, up this many hours a day.
    LongRunning { hours_per_day: f64 },
}

#[derive(Clone, Debug, PartialEq)]
pub struct EmrCluster {
    pub name: String,
    pub loc: Option<Loc>,
    pub primary: InstanceGroup,
    pub core: Option<InstanceGroup>,
    pub task: Option<InstanceGroup>,
    pub ebs_per_instance: Bytes,
    pub schedule: Schedule,
    /// Overrides the price book's typical spot discount.
    pub spot_discount: Option<Fraction>,
    /// Spot interruptions per spot instance-hour.
    pub spot_interruptions_per_hour: f64,
    /// Work between stage boundaries: an interruption loses half of it on average.
    pub stage_length: Duration,
    /// The job, cluster or application this one is an alternative engine for: priced
    /// and shown, but not added to the bill (`lakecost compare` ranks engines).
    pub alternative_of: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Architecture {
    #[serde(rename = "x86_64")]
    X86_64,
    Arm64,
}

impl Architecture {
    pub fn name(self) -> &'static str {
        match self {
            Architecture::X86_64 => "x86_64",
            Architecture::Arm64 => "arm64",
        }
    }
}

/// EMR Serverless worker shapes (EMR Serverless user guide, "Supported worker
/// configurations"): vCPUs, and the memory range and step in GB.
pub const SERVERLESS_WORKER_SHAPES: [ServerlessShape; 5] = [
    ServerlessShape {
        vcpu: 1.0,
        min_gb: 2.0,
        max_gb: 8.0,
        step_gb: 1.0,
    },
    ServerlessShape {
        vcpu: 2.0,
        min_gb: 4.0,
        max_gb: 16.0,
        step_gb: 1.0,
    },
    ServerlessShape {
        vcpu: 4.0,
        min_gb: 8.0,
        max_gb: 30.0,
        step_gb: 1.0,
    },
    ServerlessShape {
        vcpu: 8.0,
        min_gb: 16.0,
        max_gb: 60.0,
        step_gb: 4.0,
    },
    ServerlessShape {
        vcpu: 16.0,
        min_gb: 32.0,
        max_gb: 120.0,
        step_gb: 8.0,
    },
];

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ServerlessShape {
    pub vcpu: f64,
    pub min_gb: f64,
    pub max_gb: f64,
    pub step_gb: f64,
}

/// The memory (GB) an EMR Serverless worker of `vcpu` vCPUs runs with, and is billed
/// for, when `wanted_gb` is asked: rounded up to the shape's step and at least its
/// minimum. An error says why no supported worker has that shape.
pub fn serverless_worker_memory(vcpu: f64, wanted_gb: f64) -> Result<f64, String> {
    let shape = SERVERLESS_WORKER_SHAPES
        .iter()
        .find(|s| s.vcpu == vcpu)
        .ok_or_else(|| format!("EMR Serverless workers have 1, 2, 4, 8 or 16 vCPUs, not {vcpu}"))?;
    // Guard 8.000000001 GB from products becoming 9 GB.
    let steps = ((wanted_gb / shape.step_gb * 1e9).round() / 1e9).ceil();
    let gb = (steps * shape.step_gb).max(shape.min_gb);
    if gb > shape.max_gb {
        return Err(format!(
            "a {vcpu} vCPU EMR Serverless worker has {}–{} GB of memory, not {wanted_gb} GB",
            shape.min_gb, shape.max_gb
        ));
    }
    Ok(gb)
}

#[derive(Clone, Debug, PartialEq)]
pub struct EmrServerless {
    pub name: String,
    pub loc: Option<Loc>,
    pub runs_per_day: f64,
    pub vcpu_hours: f64,
    pub memory_gb_hours: f64,
    /// Ephemeral storage beyond the 20 GB each worker gets free, GB-hours per run.
    pub extra_storage_gb_hours: f64,
    pub architecture: Architecture,
    /// The job, cluster or application this one is an alternative engine for: priced
    /// and shown, but not added to the bill (`lakecost compare` ranks engines).
    pub alternative_of: Option<String>,
}

/// Engine-neutral work for `lakecost compare`.
#[derive(Clone, Debug, PartialEq)]
pub struct Workload {
    pub name: String,
    pub loc: Option<Loc>,
    pub input_per_run: Bytes,
    pub runs_per_day: f64,
    /// vCPU-hours of work per byte of input (stated per TB in the file).
    pub vcpu_hours_per_tb: f64,
    pub memory_per_vcpu: Bytes,
    pub deadline: Duration,
}
