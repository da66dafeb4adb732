//! Processing sections of a scenario: Glue jobs, crawlers and catalog; EMR clusters
//! and EMR Serverless applications; engine-neutral workloads for `lakecost compare`.
//!
//! Its keys as written (serde shapes), its checks and its typed form, together.

use super::check::{ScenarioError, loc, non_negative, unique};
use super::raw::{RawBinding, Text};
use super::{Emr, Glue, Loc};
use crate::units::{Bytes, Duration, Fraction};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

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
    /// The layer whose daily writes the job processes (`input:`), shared over its runs:
    /// `length` is then [`RunLength::Derived`], its input set from the layer's writes by
    /// `model::resolve` (at the month-1 rate) and by the Glue model month by month.
    pub input: Option<super::input::LayerInput>,
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
    /// Memory the work needs per vCPU, when the scenario says: `optimize` right-sizes
    /// core and task nodes to it, and nodes with less raise `LC-EMR-004`.
    pub memory_per_vcpu: Option<Bytes>,
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

/// The worker shape of `vcpu` vCPUs, or why there is none.
fn serverless_shape(vcpu: f64) -> Result<&'static ServerlessShape, String> {
    SERVERLESS_WORKER_SHAPES
        .iter()
        .find(|s| s.vcpu == vcpu)
        .ok_or_else(|| format!("EMR Serverless workers have 1, 2, 4, 8 or 16 vCPUs, not {vcpu}"))
}

/// The memory (GB) an EMR Serverless worker of `vcpu` vCPUs runs with, and is billed
/// for, when `wanted_gb` is asked: rounded up to the shape's step and at least its
/// minimum (what `compare` sizes with). An error says why no supported worker has
/// that shape.
pub fn serverless_worker_memory(vcpu: f64, wanted_gb: f64) -> Result<f64, String> {
    let shape = serverless_shape(vcpu)?;
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

// The keys as written.

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGlue {
    #[serde(default)]
    pub jobs: Vec<RawGlueJob>,
    #[serde(default)]
    pub crawlers: Vec<RawCrawler>,
    pub catalog: Option<RawCatalog>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGlueJob {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[schemars(with = "String")]
    pub worker_type: Spanned<String>,
    #[schemars(with = "u32")]
    pub workers: Spanned<u32>,
    #[schemars(with = "f64")]
    pub runs_per_day: Spanned<f64>,
    #[schemars(with = "Option<Duration>")]
    pub duration: Option<Spanned<Duration>>,
    #[schemars(with = "Option<Bytes>")]
    pub input_per_run: Option<Spanned<Bytes>>,
    #[schemars(with = "Option<String>")]
    pub throughput: Option<Spanned<String>>,
    pub input: Option<super::input::RawLayerInput>,
    pub execution_class: Option<ExecutionClass>,
    #[schemars(with = "Option<Text>")]
    pub glue_version: Option<Spanned<Text>>,
    #[schemars(with = "Option<Duration>")]
    pub deadline: Option<Spanned<Duration>>,
    #[schemars(with = "Option<String>")]
    pub alternative_of: Option<Spanned<String>>,
    #[schemars(with = "Option<std::collections::BTreeMap<String, String>>")]
    pub aws: Option<Spanned<RawBinding>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCrawler {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[schemars(with = "f64")]
    pub runs_per_day: Spanned<f64>,
    #[schemars(with = "Duration")]
    pub duration: Spanned<Duration>,
    #[schemars(with = "Option<f64>")]
    pub dpus: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCatalog {
    pub objects: u64,
    pub requests_per_month: u64,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEmr {
    #[serde(default)]
    pub clusters: Vec<RawCluster>,
    #[serde(default)]
    pub serverless: Vec<RawServerless>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGroup {
    #[schemars(with = "String")]
    pub instance: Spanned<String>,
    pub count: Option<u32>,
    pub market: Option<Market>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCluster {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    pub primary: RawGroup,
    pub core: Option<RawGroup>,
    pub task: Option<RawGroup>,
    pub ebs_per_instance: Option<Bytes>,
    #[schemars(with = "Option<f64>")]
    pub runs_per_day: Option<Spanned<f64>>,
    #[schemars(with = "Option<Duration>")]
    pub duration: Option<Spanned<Duration>>,
    pub bootstrap: Option<Duration>,
    pub idle: Option<Duration>,
    pub long_running: Option<bool>,
    #[schemars(with = "Option<f64>")]
    pub hours_per_day: Option<Spanned<f64>>,
    #[schemars(with = "Option<Fraction>")]
    pub spot_discount: Option<Spanned<Fraction>>,
    #[schemars(with = "Option<f64>")]
    pub spot_interruptions_per_hour: Option<Spanned<f64>>,
    pub stage_length: Option<Duration>,
    #[schemars(with = "Option<Bytes>")]
    pub memory_per_vcpu: Option<Spanned<Bytes>>,
    #[schemars(with = "Option<String>")]
    pub alternative_of: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawServerless {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[schemars(with = "f64")]
    pub runs_per_day: Spanned<f64>,
    #[schemars(with = "Option<f64>")]
    pub vcpu_hours: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub memory_gb_hours: Option<Spanned<f64>>,
    pub workers: Option<u32>,
    pub worker_vcpu: Option<f64>,
    pub worker_memory: Option<Bytes>,
    pub duration: Option<Duration>,
    pub extra_storage_gb_hours: Option<f64>,
    pub architecture: Option<Architecture>,
    #[schemars(with = "Option<String>")]
    pub alternative_of: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawWorkload {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[schemars(with = "Bytes")]
    pub input_per_run: Spanned<Bytes>,
    #[schemars(with = "f64")]
    pub runs_per_day: Spanned<f64>,
    #[schemars(with = "String")]
    pub compute: Spanned<String>,
    #[schemars(with = "Bytes")]
    pub memory_per_vcpu: Spanned<Bytes>,
    #[schemars(with = "Duration")]
    pub deadline: Spanned<Duration>,
}

// Checking them.

/// The longest `deadline` a job may state: a week after its scheduled start.
const MAX_DEADLINE_SECONDS: f64 = 7.0 * 24.0 * 3600.0;

/// Glue's default version for new jobs.
const DEFAULT_GLUE_VERSION: GlueVersion = GlueVersion { major: 4, minor: 0 };
/// Crawlers: AWS's pricing example uses 2 DPUs.
const DEFAULT_CRAWLER_DPUS: f64 = 2.0;
/// Work lost to a spot interruption: half a stage of this length.
const DEFAULT_STAGE_MINUTES: f64 = 10.0;

/// `"40 GB per DPU-hour"` → 40 GB.
fn per_unit(text: &str, unit: &str) -> Option<Bytes> {
    let (size, rest) = text.split_once(" per ")?;
    (rest.trim() == unit).then(|| size.parse().ok()).flatten()
}

/// `"40 vCPU-hours per TB"` → vCPU-hours per TB.
fn vcpu_hours_per_tb(text: &str) -> Option<f64> {
    let (amount, per) = text.split_once(" per ")?;
    let hours: f64 = amount
        .trim()
        .strip_suffix("vCPU-hours")?
        .trim()
        .parse()
        .ok()?;
    let per: Bytes = format!("1 {}", per.trim()).parse().ok()?;
    (hours >= 0.0 && per.0 > 0.0).then(|| hours * Bytes::from_gib(1024.0).0 / per.0)
}

pub(super) fn check_glue(g: &RawGlue, layers: &[super::Layer]) -> Result<Glue, ScenarioError> {
    let mut jobs: Vec<GlueJob> = Vec::new();
    let mut seen = Vec::new();
    for (i, j) in g.jobs.iter().enumerate() {
        let field = |k: &str| format!("glue.jobs[{i}].{k}");
        unique(&mut seen, &j.name, field("name"))?;
        if j.workers.value == 0 {
            return Err(ScenarioError::at(
                loc(&j.workers),
                field("workers"),
                "a job runs on at least 1 worker",
            ));
        }
        let throughput = |t: &Spanned<String>| {
            per_unit(&t.value, "DPU-hour")
                .filter(|b| b.0 > 0.0)
                .ok_or_else(|| {
                    ScenarioError::at(
                        loc(t),
                        field("throughput"),
                        format!(
                            "expected a throughput such as `40 GB per DPU-hour`, found `{}`",
                            t.value
                        ),
                    )
                })
        };
        let input = match &j.input {
            Some(raw) => Some(super::input::check(&field("input"), raw, layers)?),
            None => None,
        };
        let length = match (&j.duration, &j.input_per_run, &j.throughput, &input) {
            (Some(d), None, None, None) => RunLength::Fixed(d.value),
            (None, Some(per_run), Some(t), None) => RunLength::Derived {
                input: per_run.value,
                per_dpu_hour: throughput(t)?,
            },
            // The input is the layer's: set by `model::resolve` and month by month.
            (None, None, Some(t), Some(_)) => RunLength::Derived {
                input: Bytes::ZERO,
                per_dpu_hour: throughput(t)?,
            },
            _ => {
                return Err(ScenarioError::at(
                    loc(&j.name),
                    field("duration"),
                    "give either `duration` per run, or `throughput` (e.g. `40 GB per DPU-hour`) with the input: `input_per_run`, or `input: { layer: NAME, share: 100% }` (the layer's daily writes, shared over the runs)",
                ));
            }
        };
        let glue_version = match &j.glue_version {
            Some(v) => GlueVersion::parse(&v.value.0).ok_or_else(|| {
                ScenarioError::at(
                    loc(v),
                    field("glue_version"),
                    format!(
                        "expected a Glue version (0.9, 1.0, 2.0, 3.0, 4.0, 5.0), found `{}`",
                        v.value.0
                    ),
                )
            })?,
            None => DEFAULT_GLUE_VERSION,
        };
        let deadline = match &j.deadline {
            Some(d) if d.value.seconds() > 0.0 && d.value.seconds() <= MAX_DEADLINE_SECONDS => {
                Some(d.value)
            }
            Some(d) => {
                return Err(ScenarioError::at(
                    loc(d),
                    field("deadline"),
                    format!(
                        "expected a time after the scheduled start, more than 0 and at most 7 days, found {} h",
                        d.value.hours()
                    ),
                ));
            }
            None => None,
        };
        jobs.push(GlueJob {
            name: j.name.value.clone(),
            loc: loc(&j.worker_type),
            worker_type: j.worker_type.value.clone(),
            workers: j.workers.value,
            runs_per_day: non_negative(field("runs_per_day"), &j.runs_per_day, "runs per day")?,
            length,
            input,
            execution_class: j.execution_class.unwrap_or(ExecutionClass::Standard),
            glue_version,
            deadline,
            alternative_of: j
                .alternative_of
                .as_ref()
                .map(|a| a.value.trim().to_string()),
        });
    }
    let mut crawlers: Vec<GlueCrawler> = Vec::new();
    let mut seen = Vec::new();
    for (i, c) in g.crawlers.iter().enumerate() {
        let field = |k: &str| format!("glue.crawlers[{i}].{k}");
        unique(&mut seen, &c.name, field("name"))?;
        let dpus = match &c.dpus {
            Some(d) if d.value > 0.0 && d.value.is_finite() => d.value,
            Some(d) => {
                return Err(ScenarioError::at(
                    loc(d),
                    field("dpus"),
                    "expected DPUs above 0",
                ));
            }
            None => DEFAULT_CRAWLER_DPUS,
        };
        crawlers.push(GlueCrawler {
            name: c.name.value.clone(),
            loc: loc(&c.name),
            runs_per_day: non_negative(field("runs_per_day"), &c.runs_per_day, "runs per day")?,
            duration: c.duration.value,
            dpus,
        });
    }
    let catalog = g.catalog.as_ref().map(|c| GlueCatalog {
        objects: c.objects as f64,
        requests_per_month: c.requests_per_month as f64,
    });
    Ok(Glue {
        jobs,
        crawlers,
        catalog,
    })
}

fn group(
    field: &str,
    g: &RawGroup,
    default_count: Option<u32>,
) -> Result<InstanceGroup, ScenarioError> {
    let count = match (g.count, default_count) {
        (Some(c), _) => c,
        (None, Some(d)) => d,
        (None, None) => {
            return Err(ScenarioError::at(
                loc(&g.instance),
                format!("{field}.count"),
                "give the number of instances: `count`",
            ));
        }
    };
    Ok(InstanceGroup {
        instance: g.instance.value.trim().to_string(),
        count,
        market: g.market.unwrap_or(Market::OnDemand),
    })
}

fn check_cluster(i: usize, c: &RawCluster) -> Result<EmrCluster, ScenarioError> {
    let field = |k: &str| format!("emr.clusters[{i}].{k}");
    let at = loc(&c.name);
    let schedule = match (c.long_running.unwrap_or(false), &c.runs_per_day, &c.duration) {
        (false, Some(runs), Some(duration)) => Schedule::Runs {
            runs_per_day: non_negative(field("runs_per_day"), runs, "runs per day")?,
            duration: duration.value,
            bootstrap: c.bootstrap.ok_or_else(|| {
                ScenarioError::at(at, field("bootstrap"), "a transient cluster bills its provisioning and bootstrap: give `bootstrap` (often 6 to 10 min)")
            })?,
            idle: c.idle.ok_or_else(|| {
                ScenarioError::at(at, field("idle"), "a transient cluster bills its idle time before auto-termination: give `idle` (0 s when the job step terminates it)")
            })?,
        },
        (true, None, None) => match &c.hours_per_day {
            Some(h) if h.value > 0.0 && h.value <= 24.0 => Schedule::LongRunning { hours_per_day: h.value },
            Some(h) => return Err(ScenarioError::at(loc(h), field("hours_per_day"), format!("expected 0 to 24 hours a day, found {}", h.value))),
            None => return Err(ScenarioError::at(at, field("hours_per_day"), "a long-running cluster needs `hours_per_day`")),
        },
        _ => {
            return Err(ScenarioError::at(
                at,
                field("runs_per_day"),
                "give either `runs_per_day` and `duration` (a transient cluster per run), or `long_running: true` and `hours_per_day`",
            ));
        }
    };
    let ebs_per_instance = c.ebs_per_instance.ok_or_else(|| {
        ScenarioError::at(at, field("ebs_per_instance"), "give the EBS (gp3) attached to each instance, e.g. `64 GB` (`0 GB` for instance-store types)")
    })?;
    let spot_interruptions_per_hour = match &c.spot_interruptions_per_hour {
        Some(v) => non_negative(
            field("spot_interruptions_per_hour"),
            v,
            "interruptions per hour",
        )?,
        None => 0.0,
    };
    if let Some(d) = &c.spot_discount
        && d.value.value() >= 1.0
    {
        return Err(ScenarioError::at(
            loc(d),
            field("spot_discount"),
            "a spot discount is below 100%",
        ));
    }
    if let Some(m) = &c.memory_per_vcpu
        && m.value.0 <= 0.0
    {
        return Err(ScenarioError::at(
            loc(m),
            field("memory_per_vcpu"),
            "expected memory per vCPU above 0",
        ));
    }
    Ok(EmrCluster {
        name: c.name.value.clone(),
        loc: at,
        primary: group(&field("primary"), &c.primary, Some(1))?,
        core: c
            .core
            .as_ref()
            .map(|g| group(&field("core"), g, None))
            .transpose()?,
        task: c
            .task
            .as_ref()
            .map(|g| group(&field("task"), g, None))
            .transpose()?,
        ebs_per_instance,
        schedule,
        spot_discount: c.spot_discount.as_ref().map(|d| d.value),
        spot_interruptions_per_hour,
        stage_length: c
            .stage_length
            .unwrap_or(Duration(DEFAULT_STAGE_MINUTES * 60.0)),
        memory_per_vcpu: c.memory_per_vcpu.as_ref().map(|m| m.value),
        alternative_of: c
            .alternative_of
            .as_ref()
            .map(|a| a.value.trim().to_string()),
    })
}

/// A minute's minimum per worker (EMR Serverless bills per second, 1 minute minimum).
const SERVERLESS_MIN_SECONDS: f64 = 60.0;

fn check_serverless(i: usize, s: &RawServerless) -> Result<EmrServerless, ScenarioError> {
    let field = |k: &str| format!("emr.serverless[{i}].{k}");
    let at = loc(&s.name);
    let (vcpu_hours, memory_gb_hours) = match (
        &s.vcpu_hours,
        &s.memory_gb_hours,
        s.workers,
        s.worker_vcpu,
        s.worker_memory,
        s.duration,
    ) {
        (Some(v), Some(m), None, None, None, None) => (
            non_negative(field("vcpu_hours"), v, "vCPU-hours")?,
            non_negative(field("memory_gb_hours"), m, "GB-hours")?,
        ),
        (None, None, Some(w), Some(vcpu), Some(mem), Some(d)) => {
            let hours = d.seconds().max(SERVERLESS_MIN_SECONDS) / 3600.0;
            // Workers run, and bill, with the supported memory at or above the request
            // (a step up); a request below the shape's range is not a worker EMR
            // Serverless runs, so it is refused rather than billed at the minimum.
            let shape_err = |m: String| ScenarioError::at(at, field("worker_memory"), m);
            let shape = serverless_shape(vcpu).map_err(shape_err)?;
            if mem.gib() < shape.min_gb {
                return Err(shape_err(format!(
                    "a {vcpu} vCPU EMR Serverless worker has {}–{} GB of memory, not {} GB",
                    shape.min_gb,
                    shape.max_gb,
                    mem.gib()
                )));
            }
            let billed_gb = serverless_worker_memory(vcpu, mem.gib()).map_err(shape_err)?;
            (
                f64::from(w) * vcpu * hours,
                f64::from(w) * billed_gb * hours,
            )
        }
        _ => {
            return Err(ScenarioError::at(
                at,
                field("vcpu_hours"),
                "give `vcpu_hours` and `memory_gb_hours` per run, or `workers`, `worker_vcpu`, `worker_memory` and `duration`",
            ));
        }
    };
    Ok(EmrServerless {
        name: s.name.value.clone(),
        loc: at,
        runs_per_day: non_negative(field("runs_per_day"), &s.runs_per_day, "runs per day")?,
        vcpu_hours,
        memory_gb_hours,
        extra_storage_gb_hours: s.extra_storage_gb_hours.unwrap_or(0.0).max(0.0),
        architecture: s.architecture.unwrap_or(Architecture::X86_64),
        alternative_of: s
            .alternative_of
            .as_ref()
            .map(|a| a.value.trim().to_string()),
    })
}

pub(super) fn check_emr(
    clusters: &[RawCluster],
    serverless: &[RawServerless],
) -> Result<Emr, ScenarioError> {
    let mut cs: Vec<EmrCluster> = Vec::new();
    let mut seen = Vec::new();
    for (i, c) in clusters.iter().enumerate() {
        unique(&mut seen, &c.name, format!("emr.clusters[{i}].name"))?;
        cs.push(check_cluster(i, c)?);
    }
    let mut ss: Vec<EmrServerless> = Vec::new();
    for (i, s) in serverless.iter().enumerate() {
        unique(&mut seen, &s.name, format!("emr.serverless[{i}].name"))?;
        ss.push(check_serverless(i, s)?);
    }
    Ok(Emr {
        clusters: cs,
        serverless: ss,
    })
}

pub(super) fn check_workloads(raw: &[RawWorkload]) -> Result<Vec<Workload>, ScenarioError> {
    let mut out: Vec<Workload> = Vec::new();
    let mut seen = Vec::new();
    for (i, w) in raw.iter().enumerate() {
        let field = |k: &str| format!("workloads[{i}].{k}");
        unique(&mut seen, &w.name, field("name"))?;
        let per_tb = vcpu_hours_per_tb(&w.compute.value).ok_or_else(|| {
            ScenarioError::at(
                loc(&w.compute),
                field("compute"),
                format!(
                    "expected work per input such as `40 vCPU-hours per TB`, found `{}`",
                    w.compute.value
                ),
            )
        })?;
        if w.deadline.value.seconds() <= 0.0 {
            return Err(ScenarioError::at(
                loc(&w.deadline),
                field("deadline"),
                "a deadline is longer than 0 s",
            ));
        }
        if w.memory_per_vcpu.value.0 <= 0.0 {
            return Err(ScenarioError::at(
                loc(&w.memory_per_vcpu),
                field("memory_per_vcpu"),
                "expected memory per vCPU above 0",
            ));
        }
        out.push(Workload {
            name: w.name.value.clone(),
            loc: loc(&w.name),
            input_per_run: w.input_per_run.value,
            runs_per_day: non_negative(field("runs_per_day"), &w.runs_per_day, "runs per day")?,
            vcpu_hours_per_tb: per_tb,
            memory_per_vcpu: w.memory_per_vcpu.value,
            deadline: w.deadline.value,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_and_throughput_texts() {
        assert_eq!(
            per_unit("40 GB per DPU-hour", "DPU-hour"),
            Some(Bytes::from_gib(40.0))
        );
        assert_eq!(vcpu_hours_per_tb("40 vCPU-hours per TB"), Some(40.0));
        assert_eq!(vcpu_hours_per_tb("10 vCPU-hours per GB"), Some(10_240.0));
        assert_eq!(vcpu_hours_per_tb("40 per TB"), None);
    }
}
