//! Upper bounds for every numeric key: far beyond any real lake, or AWS's own limit
//! where AWS has one, so that a typo (`1000000` for `100`) or a hostile file is an
//! error with its position instead of an hour of work or a number past `f64`.
//!
//! The bounds are checked on the positioned YAML tree before the file is read into
//! its types, one table for every key (docs/scenario-format.md lists it). Keys whose
//! range a section already checks (`months`, Kinesis and Firehose record sizes, Kinesis
//! retention, Firehose buffers, Lambda limits), or
//! whose relation to another key matters (a share of at most 100 %, a cluster's
//! active hours within its hours), keep those checks in their loaders.

use super::check::{ScenarioError, loc};
use super::tree::Node;
use crate::units::{Bytes, Duration, Fraction, GIB, PIB, TIB};
use serde_saphyr::Spanned;

/// What a key holds, and its largest accepted value.
#[derive(Clone, Copy, Debug)]
pub enum Limit {
    /// A plain number (a count or a rate).
    Number(f64),
    /// A size, in bytes.
    Size(f64),
    /// A duration, in seconds.
    Time(f64),
    /// A share (`25%`), as a fraction.
    Share(f64),
}

const DAY: f64 = 86_400.0;

/// One key's bound: its path (list elements as `[]`), its limit, and why that limit.
pub struct Bound {
    pub path: &'static str,
    pub limit: Limit,
    pub why: &'static str,
}

const fn b(path: &'static str, limit: Limit, why: &'static str) -> Bound {
    Bound { path, limit, why }
}

use Limit::{Number, Share, Size, Time};

const BEYOND: &str = "beyond any real lake";
const PER_SECOND: &str = "once a second, all day";

/// Every bound. Where AWS states a limit, it is the bound and `why` names it.
pub const BOUNDS: &[Bound] = &[
    b("ingest.growth_per_month", Share(10.0), BEYOND),
    b("s3.layers[].share_of_ingest", Share(100.0), BEYOND),
    b("s3.layers[].from_layer.ratio", Share(100.0), BEYOND),
    b(
        "s3.layers[].object_size",
        Size(5.0 * TIB),
        "S3's largest object",
    ),
    b(
        "s3.layers[].existing.size",
        Size(100.0 * 1024.0 * PIB),
        BEYOND,
    ),
    b(
        "s3.layers[].existing.object_size",
        Size(5.0 * TIB),
        "S3's largest object",
    ),
    b("s3.layers[].access[].reads_per_month", Number(1e6), BEYOND),
    b("kinesis.streams[].records_per_second", Number(1e9), BEYOND),
    b("kinesis.streams[].peak_factor", Number(1000.0), BEYOND),
    b("kinesis.streams[].consumers", Number(1000.0), BEYOND),
    b("kinesis.streams[].headroom", Share(100.0), BEYOND),
    b(
        "kinesis.streams[].long_term_reads_per_month",
        Size(1024.0 * PIB),
        BEYOND,
    ),
    b("firehose.streams[].records_per_second", Number(1e9), BEYOND),
    b("firehose.streams[].output_ratio", Share(100.0), BEYOND),
    b("glue.jobs[].workers", Number(100_000.0), BEYOND),
    b("glue.jobs[].runs_per_day", Number(86_400.0), PER_SECOND),
    b(
        "glue.jobs[].duration",
        Time(7.0 * DAY),
        "Glue's longest job timeout",
    ),
    b("glue.jobs[].input_per_run", Size(1024.0 * PIB), BEYOND),
    b("glue.crawlers[].runs_per_day", Number(86_400.0), PER_SECOND),
    b("glue.crawlers[].duration", Time(7.0 * DAY), BEYOND),
    b("glue.crawlers[].dpus", Number(1000.0), BEYOND),
    b("glue.catalog.objects", Number(1e12), BEYOND),
    b("glue.catalog.requests_per_month", Number(1e15), BEYOND),
    b(
        "emr.clusters[].primary.count",
        Number(3.0),
        "three primary nodes with high availability",
    ),
    b("emr.clusters[].core.count", Number(10_000.0), BEYOND),
    b("emr.clusters[].task.count", Number(10_000.0), BEYOND),
    b("emr.clusters[].ebs_per_instance", Size(64.0 * TIB), BEYOND),
    b("emr.clusters[].runs_per_day", Number(86_400.0), PER_SECOND),
    b("emr.clusters[].duration", Time(30.0 * DAY), BEYOND),
    b("emr.clusters[].bootstrap", Time(DAY), BEYOND),
    b("emr.clusters[].idle", Time(7.0 * DAY), BEYOND),
    b(
        "emr.clusters[].spot_interruptions_per_hour",
        Number(60.0),
        BEYOND,
    ),
    b("emr.clusters[].stage_length", Time(7.0 * DAY), BEYOND),
    b("emr.clusters[].memory_per_vcpu", Size(TIB), BEYOND),
    b(
        "emr.serverless[].runs_per_day",
        Number(86_400.0),
        PER_SECOND,
    ),
    b("emr.serverless[].vcpu_hours", Number(1e9), BEYOND),
    b("emr.serverless[].memory_gb_hours", Number(1e12), BEYOND),
    b("emr.serverless[].workers", Number(100_000.0), BEYOND),
    b(
        "emr.serverless[].worker_vcpu",
        Number(16.0),
        "EMR Serverless' largest worker",
    ),
    b(
        "emr.serverless[].worker_memory",
        Size(120.0 * GIB),
        "EMR Serverless' largest worker",
    ),
    b("emr.serverless[].duration", Time(30.0 * DAY), BEYOND),
    b(
        "emr.serverless[].extra_storage_gb_hours",
        Number(1e12),
        BEYOND,
    ),
    b("workloads[].input_per_run", Size(1024.0 * PIB), BEYOND),
    b("workloads[].runs_per_day", Number(86_400.0), PER_SECOND),
    b("workloads[].memory_per_vcpu", Size(TIB), BEYOND),
    b("workloads[].deadline", Time(30.0 * DAY), BEYOND),
    b("redshift.clusters[].data", Size(1024.0 * PIB), BEYOND),
    b("redshift.clusters[].min_vcpus", Number(1e6), BEYOND),
    b(
        "redshift.clusters[].concurrency_scaling_hours_per_day",
        Number(240.0),
        "ten scaling clusters all day",
    ),
    b(
        "redshift.clusters[].spectrum_scanned_per_month",
        Size(1024.0 * PIB),
        BEYOND,
    ),
    b(
        "redshift.clusters[].spectrum_queries_per_month",
        Number(1e12),
        BEYOND,
    ),
    b("redshift.serverless[].data", Size(1024.0 * PIB), BEYOND),
    b("athena.workgroups[].queries_per_day", Number(1e9), BEYOND),
    b(
        "athena.workgroups[].scanned_per_query",
        Size(1024.0 * PIB),
        BEYOND,
    ),
    b("athena.workgroups[].table_size", Size(1024.0 * PIB), BEYOND),
    b(
        "lambda.functions[].invocations_per_day",
        Number(1e12),
        BEYOND,
    ),
    b(
        "stepfunctions.state_machines[].executions_per_day",
        Number(1e12),
        BEYOND,
    ),
    b(
        "stepfunctions.state_machines[].transitions_per_execution",
        Number(1e9),
        BEYOND,
    ),
    b(
        "stepfunctions.state_machines[].duration",
        Time(365.0 * DAY),
        "a standard workflow's longest run",
    ),
    b(
        "stepfunctions.state_machines[].memory",
        Size(10.0 * GIB),
        BEYOND,
    ),
];

/// The value of `text` in the limit's unit, when it reads as one (a value that does
/// not is the loader's error to report).
fn value(limit: Limit, text: &str) -> Option<f64> {
    match limit {
        Number(_) => text.trim().parse::<f64>().ok(),
        Size(_) => text.parse::<Bytes>().ok().map(|b| b.0),
        Time(_) => text.parse::<Duration>().ok().map(Duration::seconds),
        Share(_) => text.parse::<Fraction>().ok().map(Fraction::value),
    }
}

fn max(limit: Limit) -> f64 {
    match limit {
        Number(m) | Size(m) | Time(m) | Share(m) => m,
    }
}

/// The bound written the way the key is: `5 TB`, `7 days`, `1000%`, `1e9`.
fn shown(limit: Limit) -> String {
    let m = max(limit);
    match limit {
        Number(_) if m >= 1e6 => format!("{m:e}"),
        Number(_) => format!("{m}"),
        Size(_) => Bytes(m).to_string(),
        Time(_) if m >= DAY => format!("{} days", m / DAY),
        Time(_) => format!("{} h", m / 3600.0),
        Share(_) => format!("{}%", m * 100.0),
    }
}

/// Checks every numeric key of a parsed file against its bound.
pub(super) fn check(root: &Spanned<Node>) -> Result<(), ScenarioError> {
    walk(root, &mut String::new(), &mut String::new())
}

fn walk(node: &Spanned<Node>, shape: &mut String, path: &mut String) -> Result<(), ScenarioError> {
    match &node.value {
        Node::Scalar(text, _) => {
            let Some(bound) = BOUNDS.iter().find(|b| b.path == shape.as_str()) else {
                return Ok(());
            };
            if let Some(v) = value(bound.limit, text)
                && (v.is_nan() || v > max(bound.limit))
            {
                return Err(ScenarioError::at(
                    loc(node),
                    path.clone(),
                    format!(
                        "expected at most {} ({}), found {text}",
                        shown(bound.limit),
                        bound.why
                    ),
                ));
            }
            Ok(())
        }
        Node::Map(entries) => {
            for (k, v) in entries {
                let (s, p) = (shape.len(), path.len());
                for out in [&mut *shape, &mut *path] {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(&k.value);
                }
                walk(v, shape, path)?;
                shape.truncate(s);
                path.truncate(p);
            }
            Ok(())
        }
        Node::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                let (s, p) = (shape.len(), path.len());
                shape.push_str("[]");
                path.push_str(&format!("[{i}]"));
                walk(item, shape, path)?;
                shape.truncate(s);
                path.truncate(p);
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bound_names_a_key_the_format_has() {
        // The paths are the raw types' keys: a typo here would bound nothing.
        for b in BOUNDS {
            let last = b.path.rsplit('.').next().unwrap();
            assert!(!last.is_empty() && !last.ends_with("[]"), "{}", b.path);
        }
        assert_eq!(shown(Size(5.0 * TIB)), "5 TB");
        assert_eq!(shown(Time(7.0 * DAY)), "7 days");
        assert_eq!(shown(Share(10.0)), "1000%");
        assert_eq!(shown(Number(1e9)), "1e9");
    }

    #[test]
    fn the_format_documents_every_bound() {
        let doc = include_str!("../../docs/scenario-format.md");
        for b in BOUNDS {
            assert!(
                doc.contains(&format!("| `{}` |", b.path)),
                "{} is not in docs/scenario-format.md",
                b.path
            );
        }
    }
}
