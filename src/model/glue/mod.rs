//! AWS Glue: Spark jobs billed in DPU-hours by worker type, crawlers, and the Data
//! Catalog (AWS Glue pricing page; worker types from the Glue developer guide,
//! "Defining job properties for Spark jobs").

pub mod keys;

use super::services::LayerMonth;
use super::timeline::DAYS_PER_MONTH;
use super::{Bill, CapacityRow, Finding, LineItem, Service, Severity};
use crate::pricing::spec::PriceKey;
use crate::pricing::{PriceBook, PricingError};
use crate::scenario::{ExecutionClass, GlueJob, GlueVersion, RunLength, Scenario};
use crate::units::Bytes;

/// Which price a worker type's DPU-hours take.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// G.* workers: `glue.etl.standard` or `glue.etl.flex`.
    General,
    /// R.* memory-optimized workers, billed per M-DPU-hour.
    MemoryOptimized,
}

/// A Glue worker type: a G.2X worker is 2 DPUs, and bills as 2 DPUs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WorkerType {
    pub name: &'static str,
    pub dpu: f64,
    pub vcpu: f64,
    pub memory_gib: f64,
    pub family: Family,
}

const fn general(name: &'static str, dpu: f64) -> WorkerType {
    // 1 DPU = 4 vCPU and 16 GB.
    WorkerType {
        name,
        dpu,
        vcpu: 4.0 * dpu,
        memory_gib: 16.0 * dpu,
        family: Family::General,
    }
}

const fn memory(name: &'static str, mdpu: f64) -> WorkerType {
    // 1 M-DPU = 4 vCPU and 32 GB.
    WorkerType {
        name,
        dpu: mdpu,
        vcpu: 4.0 * mdpu,
        memory_gib: 32.0 * mdpu,
        family: Family::MemoryOptimized,
    }
}

pub const WORKER_TYPES: &[WorkerType] = &[
    WorkerType {
        name: "G.025X",
        dpu: 0.25,
        vcpu: 2.0,
        memory_gib: 4.0,
        family: Family::General,
    },
    general("G.1X", 1.0),
    general("G.2X", 2.0),
    general("G.4X", 4.0),
    general("G.8X", 8.0),
    general("G.12X", 12.0),
    general("G.16X", 16.0),
    general("Standard", 1.0),
    memory("R.1X", 1.0),
    memory("R.2X", 2.0),
    memory("R.4X", 4.0),
    memory("R.8X", 8.0),
];

pub fn worker(name: &str) -> Option<&'static WorkerType> {
    WORKER_TYPES.iter().find(|w| w.name == name)
}

/// Glue 0.9 and 1.0 bill at least 10 minutes a run; 2.0 and later 1 minute, then per
/// second.
pub fn minimum_seconds(v: GlueVersion) -> f64 {
    if v < (GlueVersion { major: 2, minor: 0 }) {
        600.0
    } else {
        60.0
    }
}

/// Flex runs on Glue 3.0 and later.
pub const FLEX_MIN_VERSION: GlueVersion = GlueVersion { major: 3, minor: 0 };

/// The worker types Flex runs on. AWS Glue developer guide, "Flex execution class":
/// "Flexible job runs are supported for jobs using AWS Glue version 3.0 or later and
/// G.1X or G.2X worker types."
pub const FLEX_WORKER_TYPES: [&str; 2] = ["G.1X", "G.2X"];

/// How many times over a run must fit its deadline before lakecost calls Flex safe
/// for it. AWS states no bound on how long a Flex run waits for spare capacity, and an
/// interrupted run is started again: twice the run covers one full re-run (or a wait
/// as long as the run). A lakecost convention, not an AWS figure (`docs/optimize.md`).
pub const FLEX_DEADLINE_FACTOR: f64 = 2.0;

/// Crawlers bill at least 10 minutes a run.
pub const CRAWLER_MINIMUM_SECONDS: f64 = 600.0;

/// Hours a run takes before minimums.
pub fn run_hours(job: &GlueJob, w: &WorkerType) -> f64 {
    hours_at(job, w, job.length)
}

/// Hours a run of `job` takes at `length` (its own, or its input in a month).
fn hours_at(job: &GlueJob, w: &WorkerType, length: RunLength) -> f64 {
    match length {
        RunLength::Fixed(d) => d.hours(),
        RunLength::Derived {
            input,
            per_dpu_hour,
        } => input.0 / (per_dpu_hour.0 * f64::from(job.workers) * w.dpu),
    }
}

/// DPU-hours billed for one run: workers × DPUs per worker × billed hours, where the
/// billed time is the run time, at least the version's minimum, per second.
pub fn dpu_hours_per_run(job: &GlueJob, w: &WorkerType) -> f64 {
    dpu_hours_at(job, w, job.length)
}

fn dpu_hours_at(job: &GlueJob, w: &WorkerType, length: RunLength) -> f64 {
    let seconds = (hours_at(job, w, length) * 3600.0).max(minimum_seconds(job.glue_version));
    f64::from(job.workers) * w.dpu * seconds / 3600.0
}

pub fn price_key(job: &GlueJob, w: &WorkerType) -> &'static PriceKey {
    match (w.family, job.execution_class) {
        (Family::General, ExecutionClass::Standard) => &keys::ETL_STANDARD,
        (Family::General, ExecutionClass::Flex) => &keys::ETL_FLEX,
        (Family::MemoryOptimized, ExecutionClass::Standard) => &keys::ETL_MEMORY_OPTIMIZED,
        (Family::MemoryOptimized, ExecutionClass::Flex) => &keys::ETL_MEMORY_OPTIMIZED_FLEX,
    }
}

/// The job with `per_day` bytes of input a day, split over its runs: what a job that
/// names a layer (`input:`) processes, at its throughput.
pub fn fed(job: &GlueJob, per_day: Bytes) -> GlueJob {
    let mut out = job.clone();
    out.length = length_fed(job, per_day);
    out
}

/// The run length of [`fed`].
fn length_fed(job: &GlueJob, per_day: Bytes) -> RunLength {
    match job.length {
        RunLength::Derived { per_dpu_hour, .. } => RunLength::Derived {
            input: Bytes(if job.runs_per_day > 0.0 {
                per_day.0 / job.runs_per_day
            } else {
                0.0
            }),
            per_dpu_hour,
        },
        fixed => fixed,
    }
}

/// What the jobs read of a month: their layers' writes.
fn reads(s: &Scenario, layers: &LayerMonth) -> Vec<f64> {
    layers.each(
        s,
        s.glue.jobs.iter().filter_map(|j| j.input.as_ref()),
        LayerMonth::written_per_day_gb,
    )
}

/// A job's run in a month: the job, its run length that month (its input, for one
/// that names a layer), its worker type, and its DPU-hours a run and a month. Unknown
/// worker types are errors from `check`; none is run.
struct Run<'a> {
    job: &'a GlueJob,
    length: RunLength,
    worker: &'static WorkerType,
    per_run: f64,
    per_month: f64,
}

fn runs<'a>(s: &'a Scenario, layers: &LayerMonth) -> Vec<Run<'a>> {
    s.glue
        .jobs
        .iter()
        .filter_map(|job| {
            let worker = worker(&job.worker_type)?;
            let length = match &job.input {
                Some(input) => {
                    length_fed(job, Bytes::from_gib(layers.written_per_day_gb(s, input)))
                }
                None => job.length,
            };
            let per_run = dpu_hours_at(job, worker, length);
            let per_month = per_run * job.runs_per_day * DAYS_PER_MONTH;
            Some(Run {
                job,
                length,
                worker,
                per_run,
                per_month,
            })
        })
        .collect()
}

fn month(
    s: &Scenario,
    book: &PriceBook,
    layers: &LayerMonth,
) -> Result<Vec<LineItem>, PricingError> {
    let mut b = Bill::new(book, &s.region, Service::Glue);
    for r in runs(s, layers) {
        let component = match r.job.execution_class {
            ExecutionClass::Standard => "ETL DPU-hours (standard)",
            ExecutionClass::Flex => "ETL DPU-hours (flex)",
        };
        b.add(
            &r.job.name,
            price_key(r.job, r.worker),
            component,
            r.per_month,
        )?;
    }
    Ok(b.lines)
}

/// Crawlers and the Data Catalog: the same every month.
fn fixed(s: &Scenario, book: &PriceBook) -> Result<Vec<LineItem>, PricingError> {
    let mut b = Bill::new(book, &s.region, Service::Glue);
    for c in &s.glue.crawlers {
        let hours = c.duration.seconds().max(CRAWLER_MINIMUM_SECONDS) / 3600.0;
        b.add(
            &c.name,
            &keys::CRAWLER,
            "crawler DPU-hours",
            c.dpus * hours * c.runs_per_day * DAYS_PER_MONTH,
        )?;
    }
    if let Some(cat) = &s.glue.catalog {
        b.add(
            "catalog",
            &keys::CATALOG_STORAGE,
            "Data Catalog objects stored",
            cat.objects,
        )?;
        b.add(
            "catalog",
            &keys::CATALOG_REQUESTS,
            "Data Catalog requests",
            cat.requests_per_month,
        )?;
    }
    Ok(b.lines)
}

fn capacity(
    s: &Scenario,
    _: &PriceBook,
    layers: &LayerMonth,
) -> Result<Vec<CapacityRow>, PricingError> {
    let mut capacity = Vec::new();
    for Run {
        job,
        length,
        worker: w,
        per_run,
        per_month,
    } in runs(s, layers)
    {
        let billed = per_run / (f64::from(job.workers) * w.dpu);
        if let (Some(input), RunLength::Derived { input: bytes, .. }) = (&job.input, length) {
            capacity.push(CapacityRow {
                service: Service::Glue,
                resource: job.name.clone(),
                metric: "input per run".into(),
                value: bytes.gib(),
                unit: "GB".into(),
                note: format!(
                    "{:.0}% of layer `{}`'s writes a day, {}",
                    input.share.value() * 100.0,
                    input.layer,
                    if job.runs_per_day == 1.0 {
                        "in one run".to_string()
                    } else {
                        format!("over {} runs", job.runs_per_day)
                    }
                ),
            });
        }
        capacity.push(CapacityRow {
            service: Service::Glue,
            resource: job.name.clone(),
            metric: "DPU-hours per run".into(),
            value: per_run,
            unit: "DPU-hours".into(),
            note: format!(
                "{} × {} ({} DPU) × {:.3} h billed (Glue {}, {:.0}-minute minimum); {}",
                job.workers,
                w.name,
                w.dpu,
                billed,
                job.glue_version,
                minimum_seconds(job.glue_version) / 60.0,
                match (&job.input, length) {
                    (Some(_), _) => "run time follows the layer's writes at the job's throughput",
                    (None, RunLength::Derived { .. }) =>
                        "run time from `input_per_run` at the job's throughput, fixed",
                    (None, RunLength::Fixed(_)) => "fixed run time: follows no layer",
                }
            ),
        });
        capacity.push(CapacityRow {
            service: Service::Glue,
            resource: job.name.clone(),
            metric: "DPU-hours per month".into(),
            value: per_month,
            unit: "DPU-hours".into(),
            note: format!("runs per day: {} × 30.42 days", job.runs_per_day),
        });
    }
    Ok(capacity)
}

/// `LC-GLUE-…` findings.
pub fn check(s: &Scenario) -> Vec<Finding> {
    let mut out = Vec::new();
    for job in &s.glue.jobs {
        let error = |code, message| Finding {
            code,
            severity: Severity::Error,
            resource: job.name.clone(),
            message,
            monthly_cost_usd: None,
            loc: job.loc,
        };
        match worker(&job.worker_type) {
            None => {
                let names: Vec<&str> = WORKER_TYPES.iter().map(|w| w.name).collect();
                let near = names
                    .iter()
                    .find(|n| n.eq_ignore_ascii_case(&job.worker_type))
                    .map(|n| format!(" (did you mean `{n}`?)"))
                    .unwrap_or_default();
                out.push(error(
                    "LC-GLUE-001",
                    format!(
                        "unknown Glue worker type `{}`{near}; known: {}",
                        job.worker_type,
                        names.join(", ")
                    ),
                ));
            }
            Some(_)
                if job.execution_class == ExecutionClass::Flex
                    && job.glue_version < FLEX_MIN_VERSION =>
            {
                out.push(error(
                    "LC-GLUE-002",
                    format!(
                        "Flex execution needs Glue 3.0 or later; the job is on Glue {}",
                        job.glue_version
                    ),
                ));
            }
            Some(w)
                if job.execution_class == ExecutionClass::Flex
                    && !FLEX_WORKER_TYPES.contains(&w.name) =>
            {
                out.push(error(
                    "LC-GLUE-003",
                    format!(
                        "Flex execution runs on G.1X and G.2X workers only (AWS Glue developer guide, \"Flex execution class\"); the job uses {}",
                        w.name
                    ),
                ));
            }
            Some(_) => {}
        }
    }
    out
}

/// The service's room in the registry (`model::services`).
pub const ROOM: super::services::Room = super::services::Room {
    service: Service::Glue,
    keys: keys::ALL,
    billing: super::services::Billing::FollowsLayers {
        month,
        capacity,
        reads: Some(reads),
        fixed: Some(fixed),
    },
    check: Some(|c| Ok(check(c.scenario))),
    feeds: None,
    colour: 2,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::Duration;

    fn job(worker_type: &str, workers: u32, seconds: f64, version: (u32, u32)) -> GlueJob {
        GlueJob {
            name: "j".into(),
            loc: None,
            worker_type: worker_type.into(),
            workers,
            runs_per_day: 1.0,
            length: RunLength::Fixed(Duration(seconds)),
            input: None,
            execution_class: ExecutionClass::Standard,
            glue_version: GlueVersion {
                major: version.0,
                minor: version.1,
            },
            deadline: None,
            alternative_of: None,
        }
    }

    fn cost_per_run(j: &GlueJob) -> f64 {
        let book = PriceBook::bundled().unwrap();
        let w = worker(&j.worker_type).unwrap();
        dpu_hours_per_run(j, w) * book.price("us-east-1", price_key(j, w)).unwrap().rate()
    }

    #[test]
    fn a_g2x_worker_is_two_dpus() {
        // 10 G.2X workers for 2 h = 10 × 2 DPU × 2 h = 40 DPU-hours × $0.44 = $17.60.
        // (Counting a G.2X as 1 DPU would give $8.80.)
        let j = job("G.2X", 10, 7200.0, (4, 0));
        assert!((dpu_hours_per_run(&j, worker("G.2X").unwrap()) - 40.0).abs() < 1e-9);
        assert!((cost_per_run(&j) - 17.60).abs() < 1e-9);
    }

    #[test]
    fn eight_g1x_for_20_minutes() {
        // 8 × 1 DPU × 1/3 h × $0.44 = $1.1733.
        let j = job("G.1X", 8, 1200.0, (4, 0));
        assert!((cost_per_run(&j) - 8.0 / 3.0 * 0.44).abs() < 1e-9);
    }

    #[test]
    fn minimum_billed_time_depends_on_the_glue_version() {
        // A 20-second run bills 1 minute on Glue 2.0+ and 10 minutes on 0.9/1.0.
        let w = worker("G.1X").unwrap();
        let new = job("G.1X", 1, 20.0, (4, 0));
        let old = job("G.1X", 1, 20.0, (0, 9));
        assert!((dpu_hours_per_run(&new, w) - 1.0 / 60.0).abs() < 1e-12);
        assert!((dpu_hours_per_run(&old, w) - 10.0 / 60.0).abs() < 1e-12);
    }

    #[test]
    fn flex_on_other_worker_types_is_an_error_not_a_price() {
        // AWS Glue developer guide: Flex is supported on Glue 3.0+ with G.1X or G.2X
        // workers only, so a G.4X or R.1X Flex job cannot run and must not be priced.
        for (worker, code) in [
            ("G.4X", Some("LC-GLUE-003")),
            ("R.1X", Some("LC-GLUE-003")),
            ("G.2X", None),
        ] {
            let mut j = job(worker, 10, 3600.0, (4, 0));
            j.execution_class = ExecutionClass::Flex;
            let mut s = Scenario::new("t", "us-east-1", 1);
            s.glue.jobs.push(j);
            let found = check(&s);
            assert_eq!(found.first().map(|f| f.code), code, "{worker}");
        }
    }

    #[test]
    fn flex_has_its_own_rate() {
        // Flex: $0.29 per DPU-hour (secondary source) → 40 DPU-hours = $11.60.
        let mut j = job("G.2X", 10, 7200.0, (4, 0));
        j.execution_class = ExecutionClass::Flex;
        assert!((cost_per_run(&j) - 11.60).abs() < 1e-9);
    }

    #[test]
    fn derived_duration_from_input_and_throughput() {
        // 1 TB at 40 GB per DPU-hour on 10 G.2X (20 DPU): 1,024 ÷ (40 × 20) = 1.28 h.
        let mut j = job("G.2X", 10, 0.0, (4, 0));
        j.length = RunLength::Derived {
            input: crate::units::Bytes::from_gib(1024.0),
            per_dpu_hour: crate::units::Bytes::from_gib(40.0),
        };
        assert!((run_hours(&j, worker("G.2X").unwrap()) - 1.28).abs() < 1e-12);
    }
}
