//! The key table: every numeric key of the scenario format, defined once — its path
//! (list elements as `[]`), what it holds, its bound and why, and whether it may hold a
//! distribution and how a sample sets it. The bounds check, uncertainty, `--set` and
//! `sweep --vary` all read it; a test holds it equal to the numeric leaves of the JSON
//! Schema, so that a key added to the format without a bound fails.

use super::uncertain::Key;
use crate::units::{Bytes, Duration, Fraction, GIB, PIB, TIB};

/// What a numeric key holds, in the model's unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A plain number (a rate, or a count the model may take fractional).
    Number,
    /// A whole number (a count of workers or nodes, days): the file holds an integer.
    Whole,
    /// A size, in bytes.
    Size,
    /// A duration, in seconds.
    Time,
    /// A share (`25%`), as a fraction.
    Share,
}

impl Kind {
    /// The value of `text` in the model's unit, when it reads as this kind (a value that
    /// does not is the loader's error to report).
    pub fn read(self, text: &str) -> Option<f64> {
        match self {
            Kind::Number => text.trim().parse::<f64>().ok(),
            Kind::Whole => text
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|n| n.fract() == 0.0 && *n >= 0.0),
            Kind::Size => text.parse::<Bytes>().ok().map(|b| b.0),
            Kind::Time => text.parse::<Duration>().ok().map(Duration::seconds),
            Kind::Share => text.parse::<Fraction>().ok().map(Fraction::value),
        }
    }

    /// What a value of this kind looks like, for messages.
    pub fn example(self) -> &'static str {
        match self {
            Kind::Number => "a plain number (`500`)",
            Kind::Whole => "a whole number (`10`)",
            Kind::Size => "a size with its unit (`2 TB`)",
            Kind::Time => "a time with its unit (`2 h`)",
            Kind::Share => "a share (`25%`)",
        }
    }
}

/// The numeric key a path names (`s3.layers[bronze].object_size`), or why it names none,
/// with the closest key's path when the path looks misspelt.
pub fn numeric(path: &str) -> Result<&'static KeyDef, String> {
    super::edit::parse_path(path)?;
    let shape = shape_of(path);
    find(&shape).ok_or_else(|| {
        let hint = super::closest(&shape, KEYS.iter().map(|k| k.path))
            .map(|k| format!(" (did you mean `{k}`?)"))
            .unwrap_or_default();
        format!("`{path}` is not a numeric key of the scenario format{hint}; docs/scenario-format.md lists them")
    })
}

/// How a key's largest value is bounded.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Limit {
    /// At most this much (in the model's unit), for the reason given; checked on the
    /// positioned tree before the file is read into its types.
    Max(f64, &'static str),
    /// The section that reads the key checks its range (AWS's limit, or its relation to
    /// another key), for the reason given.
    Checked(&'static str),
}

/// One numeric key of the format.
#[derive(Clone, Copy, Debug)]
pub struct KeyDef {
    pub path: &'static str,
    pub kind: Kind,
    pub limit: Limit,
    /// The key's place among the inputs that may hold a distribution.
    pub uncertain: Option<Key>,
}

const fn def(path: &'static str, kind: Kind, limit: Limit, uncertain: Option<Key>) -> KeyDef {
    KeyDef {
        path,
        kind,
        limit,
        uncertain,
    }
}

const DAY: f64 = 86_400.0;
const BEYOND: &str = "beyond any real lake";
const PER_SECOND: &str = "once a second, all day";

use Kind::{Number, Share, Size, Time, Whole};
use Limit::{Checked, Max};

/// Every numeric key. Where AWS states a limit, it is the bound and the reason names it.
pub const KEYS: &[KeyDef] = &[
    def(
        "version",
        Whole,
        Checked("the format version, checked where it is read"),
        None,
    ),
    def(
        "months",
        Whole,
        Checked("its section checks the horizon"),
        None,
    ),
    def(
        "ingest.growth_per_month",
        Share,
        Max(10.0, BEYOND),
        Some(Key::Growth),
    ),
    def(
        "ingest.per_day",
        Size,
        Checked("its section bounds the daily ingest the growth leads to"),
        Some(Key::PerDay),
    ),
    def(
        "s3.layers[].share_of_ingest",
        Share,
        Max(100.0, BEYOND),
        Some(Key::Share),
    ),
    def(
        "s3.layers[].from_layer.ratio",
        Share,
        Max(100.0, BEYOND),
        None,
    ),
    def(
        "s3.layers[].object_size",
        Size,
        Max(5.0 * TIB, "S3's largest object"),
        Some(Key::ObjectSize),
    ),
    def(
        "s3.layers[].existing.size",
        Size,
        Max(100.0 * 1024.0 * PIB, BEYOND),
        Some(Key::ExistingSize),
    ),
    def(
        "s3.layers[].existing.object_size",
        Size,
        Max(5.0 * TIB, "S3's largest object"),
        None,
    ),
    def(
        "s3.layers[].access[].reads_per_month",
        Number,
        Max(1e6, BEYOND),
        Some(Key::Reads),
    ),
    def(
        "s3.layers[].access[].restore_days",
        Whole,
        Checked("a whole number of days, ordered against the layer's other days where it is read"),
        None,
    ),
    def(
        "s3.layers[].access[].restore_within",
        Time,
        Checked("checked against the restore tiers' times where it is read"),
        None,
    ),
    def(
        "s3.layers[].access[].restores_per_month",
        Share,
        Checked("a share of at most 100 %, checked where it is read"),
        Some(Key::Restores),
    ),
    def(
        "s3.layers[].existing.age_days",
        Whole,
        Checked("a whole number of days, ordered against the layer's other days where it is read"),
        None,
    ),
    def(
        "s3.layers[].existing.class_since_days",
        Whole,
        Checked("a whole number of days, ordered against the layer's other days where it is read"),
        None,
    ),
    def(
        "s3.layers[].expire_after_days",
        Whole,
        Checked("a whole number of days, ordered against the layer's other days where it is read"),
        None,
    ),
    def(
        "s3.layers[].lifecycle[].after_days",
        Whole,
        Checked("a whole number of days, ordered against the layer's other days where it is read"),
        None,
    ),
    def(
        "kinesis.streams[].records_per_second",
        Number,
        Max(1e9, BEYOND),
        Some(Key::Records),
    ),
    def(
        "kinesis.streams[].peak_factor",
        Number,
        Max(1000.0, BEYOND),
        Some(Key::PeakFactor),
    ),
    def(
        "kinesis.streams[].consumers",
        Whole,
        Max(1000.0, BEYOND),
        None,
    ),
    def(
        "kinesis.streams[].headroom",
        Share,
        Max(100.0, BEYOND),
        None,
    ),
    def(
        "kinesis.streams[].long_term_reads_per_month",
        Size,
        Max(1024.0 * PIB, BEYOND),
        None,
    ),
    def(
        "kinesis.streams[].efo_consumers",
        Whole,
        Checked("its section checks it against AWS's limit"),
        None,
    ),
    def(
        "kinesis.streams[].hottest_key_share",
        Share,
        Checked("a share of at most 100 %, checked where it is read"),
        None,
    ),
    def(
        "kinesis.streams[].record_size",
        Size,
        Checked("its section checks it against AWS's limit"),
        Some(Key::RecordSize),
    ),
    def(
        "kinesis.streams[].retention",
        Time,
        Checked("its section checks it against AWS's limit"),
        None,
    ),
    def(
        "firehose.streams[].records_per_second",
        Number,
        Max(1e9, BEYOND),
        Some(Key::FirehoseRecords),
    ),
    def(
        "firehose.streams[].output_ratio",
        Share,
        Max(100.0, BEYOND),
        None,
    ),
    def(
        "firehose.streams[].buffer.interval",
        Time,
        Checked("its section checks it against AWS's limit"),
        None,
    ),
    def(
        "firehose.streams[].buffer.size",
        Size,
        Checked("its section checks it against AWS's limit"),
        None,
    ),
    def(
        "firehose.streams[].record_size",
        Size,
        Checked("its section checks it against AWS's limit"),
        Some(Key::FirehoseRecordSize),
    ),
    def("glue.jobs[].workers", Whole, Max(100_000.0, BEYOND), None),
    def(
        "glue.jobs[].input.share",
        Share,
        Checked("a share of the layer above 0 % and at most 100 %, checked where it is read"),
        None,
    ),
    def(
        "glue.jobs[].runs_per_day",
        Number,
        Max(86_400.0, PER_SECOND),
        Some(Key::JobRuns),
    ),
    def(
        "glue.jobs[].duration",
        Time,
        Max(7.0 * DAY, "Glue's longest job timeout"),
        Some(Key::JobDuration),
    ),
    def(
        "glue.jobs[].input_per_run",
        Size,
        Max(1024.0 * PIB, BEYOND),
        None,
    ),
    def(
        "glue.crawlers[].runs_per_day",
        Number,
        Max(86_400.0, PER_SECOND),
        Some(Key::CrawlerRuns),
    ),
    def(
        "glue.crawlers[].duration",
        Time,
        Max(7.0 * DAY, BEYOND),
        Some(Key::CrawlerDuration),
    ),
    def("glue.crawlers[].dpus", Number, Max(1000.0, BEYOND), None),
    def("glue.catalog.objects", Whole, Max(1e12, BEYOND), None),
    def(
        "glue.catalog.requests_per_month",
        Whole,
        Max(1e15, BEYOND),
        None,
    ),
    def(
        "glue.jobs[].deadline",
        Time,
        Checked("a week after the scheduled start at most, checked where it is read"),
        None,
    ),
    def(
        "emr.clusters[].primary.count",
        Whole,
        Max(3.0, "three primary nodes with high availability"),
        None,
    ),
    def(
        "emr.clusters[].core.count",
        Whole,
        Max(10_000.0, BEYOND),
        None,
    ),
    def(
        "emr.clusters[].task.count",
        Whole,
        Max(10_000.0, BEYOND),
        None,
    ),
    def(
        "emr.clusters[].ebs_per_instance",
        Size,
        Max(64.0 * TIB, BEYOND),
        None,
    ),
    def(
        "emr.clusters[].runs_per_day",
        Number,
        Max(86_400.0, PER_SECOND),
        Some(Key::ClusterRuns),
    ),
    def(
        "emr.clusters[].duration",
        Time,
        Max(30.0 * DAY, BEYOND),
        Some(Key::ClusterDuration),
    ),
    def("emr.clusters[].bootstrap", Time, Max(DAY, BEYOND), None),
    def("emr.clusters[].idle", Time, Max(7.0 * DAY, BEYOND), None),
    def(
        "emr.clusters[].spot_interruptions_per_hour",
        Number,
        Max(60.0, BEYOND),
        None,
    ),
    def(
        "emr.clusters[].stage_length",
        Time,
        Max(7.0 * DAY, BEYOND),
        None,
    ),
    def(
        "emr.clusters[].memory_per_vcpu",
        Size,
        Max(TIB, BEYOND),
        None,
    ),
    def(
        "emr.serverless[].runs_per_day",
        Number,
        Max(86_400.0, PER_SECOND),
        Some(Key::ServerlessRuns),
    ),
    def(
        "emr.serverless[].vcpu_hours",
        Number,
        Max(1e9, BEYOND),
        Some(Key::ServerlessVcpuHours),
    ),
    def(
        "emr.serverless[].memory_gb_hours",
        Number,
        Max(1e12, BEYOND),
        Some(Key::ServerlessMemory),
    ),
    def(
        "emr.serverless[].workers",
        Whole,
        Max(100_000.0, BEYOND),
        None,
    ),
    def(
        "emr.serverless[].worker_vcpu",
        Number,
        Max(16.0, "EMR Serverless' largest worker"),
        None,
    ),
    def(
        "emr.serverless[].worker_memory",
        Size,
        Max(120.0 * GIB, "EMR Serverless' largest worker"),
        None,
    ),
    def(
        "emr.serverless[].duration",
        Time,
        Max(30.0 * DAY, BEYOND),
        None,
    ),
    def(
        "emr.serverless[].extra_storage_gb_hours",
        Number,
        Max(1e12, BEYOND),
        None,
    ),
    def(
        "emr.clusters[].hours_per_day",
        Number,
        Checked("hours in a day, checked against 24 where it is read"),
        Some(Key::ClusterHours),
    ),
    def(
        "emr.clusters[].spot_discount",
        Share,
        Checked("a share of at most 100 %, checked where it is read"),
        None,
    ),
    def(
        "workloads[].input_per_run",
        Size,
        Max(1024.0 * PIB, BEYOND),
        Some(Key::WorkloadInput),
    ),
    def(
        "workloads[].runs_per_day",
        Number,
        Max(86_400.0, PER_SECOND),
        Some(Key::WorkloadRuns),
    ),
    def("workloads[].memory_per_vcpu", Size, Max(TIB, BEYOND), None),
    def("workloads[].deadline", Time, Max(30.0 * DAY, BEYOND), None),
    def(
        "redshift.clusters[].data",
        Size,
        Max(1024.0 * PIB, BEYOND),
        None,
    ),
    def(
        "redshift.clusters[].min_vcpus",
        Number,
        Max(1e6, BEYOND),
        None,
    ),
    def(
        "redshift.clusters[].concurrency_scaling_hours_per_day",
        Number,
        Max(240.0, "ten scaling clusters all day"),
        Some(Key::ScalingHours),
    ),
    def(
        "redshift.clusters[].spectrum_scanned_per_month",
        Size,
        Max(1024.0 * PIB, BEYOND),
        Some(Key::Spectrum),
    ),
    def(
        "redshift.clusters[].spectrum_queries_per_month",
        Number,
        Max(1e12, BEYOND),
        None,
    ),
    def(
        "redshift.serverless[].data",
        Size,
        Max(1024.0 * PIB, BEYOND),
        None,
    ),
    def(
        "redshift.clusters[].active_hours_per_day",
        Number,
        Checked("hours in a day, checked against 24 where it is read"),
        None,
    ),
    def(
        "redshift.clusters[].hours_per_day",
        Number,
        Checked("hours in a day, checked against 24 where it is read"),
        Some(Key::NodeHours),
    ),
    def(
        "redshift.serverless[].active_hours_per_day",
        Number,
        Checked("hours in a day, checked against 24 where it is read"),
        Some(Key::ActiveHours),
    ),
    def(
        "redshift.serverless[].base_rpus",
        Whole,
        Checked("its section checks it against AWS's limit"),
        None,
    ),
    def(
        "athena.workgroups[].queries_per_day",
        Number,
        Max(1e9, BEYOND),
        Some(Key::Queries),
    ),
    def(
        "athena.workgroups[].scanned_per_query",
        Size,
        Max(1024.0 * PIB, BEYOND),
        Some(Key::ScannedPerQuery),
    ),
    def(
        "athena.workgroups[].table_size",
        Size,
        Max(1024.0 * PIB, BEYOND),
        Some(Key::TableSize),
    ),
    def(
        "athena.workgroups[].columns_read",
        Share,
        Checked("a share of at most 100 %, checked where it is read"),
        Some(Key::ColumnsRead),
    ),
    def(
        "athena.workgroups[].table.share",
        Share,
        Checked("a share of the layer above 0 % and at most 100 %, checked where it is read"),
        None,
    ),
    def(
        "athena.workgroups[].partitions_read",
        Share,
        Checked("a share of at most 100 %, checked where it is read"),
        Some(Key::PartitionsRead),
    ),
    def(
        "lambda.functions[].input.share",
        Share,
        Checked("a share of the layer above 0 % and at most 100 %, checked where it is read"),
        None,
    ),
    def(
        "lambda.functions[].invocations_per_day",
        Number,
        Max(1e12, BEYOND),
        Some(Key::Invocations),
    ),
    def(
        "lambda.functions[].duration",
        Time,
        Checked("its section checks it against AWS's limit"),
        Some(Key::FunctionDuration),
    ),
    def(
        "lambda.functions[].ephemeral_storage",
        Size,
        Checked("its section checks it against AWS's limit"),
        None,
    ),
    def(
        "lambda.functions[].memory",
        Size,
        Checked("its section checks it against AWS's limit"),
        None,
    ),
    def(
        "stepfunctions.state_machines[].executions_per_day",
        Number,
        Max(1e12, BEYOND),
        Some(Key::Executions),
    ),
    def(
        "stepfunctions.state_machines[].transitions_per_execution",
        Number,
        Max(1e9, BEYOND),
        Some(Key::Transitions),
    ),
    def(
        "stepfunctions.state_machines[].duration",
        Time,
        Max(365.0 * DAY, "a standard workflow's longest run"),
        None,
    ),
    def(
        "stepfunctions.state_machines[].memory",
        Size,
        Max(10.0 * GIB, BEYOND),
        None,
    ),
    def(
        "dynamodb.tables[].reads_per_second",
        Number,
        Max(1e9, BEYOND),
        Some(Key::TableReads),
    ),
    def(
        "dynamodb.tables[].writes_per_second",
        Number,
        Max(1e9, BEYOND),
        Some(Key::TableWrites),
    ),
    def(
        "dynamodb.tables[].item_size",
        Size,
        Checked("its section checks it against AWS's 400 KB item limit"),
        None,
    ),
    def(
        "dynamodb.tables[].storage",
        Size,
        Max(1024.0 * PIB, BEYOND),
        Some(Key::TableStorage),
    ),
    def(
        "dynamodb.tables[].target_utilisation",
        Share,
        Checked("its section checks it against auto scaling's 20 % to 90 %"),
        None,
    ),
    def(
        "dynamodb.tables[].global_secondary_indexes[].projected_item_size",
        Size,
        Checked("its section checks it against AWS's 400 KB item limit"),
        None,
    ),
    def(
        "dynamodb.tables[].global_secondary_indexes[].storage",
        Size,
        Max(1024.0 * PIB, BEYOND),
        None,
    ),
    def(
        "dynamodb.tables[].global_secondary_indexes[].reads_per_second",
        Number,
        Max(1e9, BEYOND),
        None,
    ),
    def(
        "dynamodb.tables[].stream_reads_per_second",
        Number,
        Max(1e9, BEYOND),
        None,
    ),
    def(
        "dynamodb.tables[].backups_retained",
        Number,
        Max(10_000.0, BEYOND),
        None,
    ),
    def(
        "dynamodb.tables[].export.full_per_month",
        Number,
        Max(10_000.0, BEYOND),
        None,
    ),
    def(
        "dynamodb.tables[].export.incremental_per_day",
        Number,
        Max(96.0, "an incremental export covers at least 15 minutes"),
        None,
    ),
    def(
        "network.nat_gateways",
        Number,
        Checked("its section checks a whole number up to 1,000"),
        None,
    ),
    def(
        "network.s3_traffic_share",
        Share,
        Checked("a share of at most 100 %, checked by its section"),
        None,
    ),
    def(
        "network.nat_other_per_month",
        Size,
        Max(1024.0 * PIB, BEYOND),
        None,
    ),
    def(
        "network.interface_endpoints[].availability_zones",
        Number,
        Checked("its section checks a whole number from 1 to 6"),
        None,
    ),
    def(
        "network.interface_endpoints[].data_per_month",
        Size,
        Max(1024.0 * PIB, BEYOND),
        None,
    ),
    def(
        "network.internet_egress_per_month",
        Size,
        Max(1024.0 * PIB, BEYOND),
        None,
    ),
    def(
        "network.inter_az_per_month",
        Size,
        Max(1024.0 * PIB, BEYOND),
        None,
    ),
    def(
        "network.inter_region[].per_month",
        Size,
        Max(1024.0 * PIB, BEYOND),
        None,
    ),
    def(
        "cloudwatch.log_groups[].ingested_per_month",
        Size,
        Max(1024.0 * PIB, BEYOND),
        None,
    ),
    def(
        "cloudwatch.log_groups[].sources[].per_run",
        Size,
        Max(1024.0 * GIB, BEYOND),
        None,
    ),
    def(
        "cloudwatch.log_groups[].sources[].per_invocation",
        Size,
        Max(1024.0 * GIB, BEYOND),
        None,
    ),
    def(
        "cloudwatch.log_groups[].retention_days",
        Whole,
        Checked("its section checks CloudWatch Logs' 1 to 3,653 days"),
        None,
    ),
    def(
        "cloudwatch.log_groups[].insights_scanned_per_month",
        Size,
        Max(1024.0 * PIB, BEYOND),
        None,
    ),
    def(
        "uncertainty.samples",
        Whole,
        Checked("its section checks the sample count"),
        None,
    ),
    def("uncertainty.seed", Whole, Checked("any 64-bit seed"), None),
];

/// The definition of the key at `shape` (a path with `[]` for list elements).
pub fn find(shape: &str) -> Option<&'static KeyDef> {
    KEYS.iter().find(|k| k.path == shape)
}

/// `s3.layers[bronze].object_size` → `s3.layers[].object_size`: the shape a path has
/// whichever list element it names.
pub fn shape_of(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut inside = false;
    for c in path.chars() {
        match c {
            '[' => {
                inside = true;
                out.push_str("[]");
            }
            ']' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// Every numeric leaf of the JSON Schema (sizes, times and shares are strings
    /// there, told apart by their descriptions), with its kind.
    fn schema_leaves() -> Vec<(String, Kind)> {
        fn kind(n: &Value) -> Option<Kind> {
            let d = n.get("description").and_then(Value::as_str).unwrap_or("");
            if d.starts_with("a size with its unit") {
                return Some(Size);
            }
            if d.starts_with("a time with its unit") {
                return Some(Time);
            }
            if d.starts_with("a share:") {
                return Some(Share);
            }
            let numeric = |t: &Value| matches!(t.as_str(), Some("number" | "integer" | "null"));
            match n.get("type") {
                Some(Value::String(t)) if t == "integer" => Some(Whole),
                Some(Value::String(t)) if t == "number" => Some(Number),
                Some(Value::Array(ts)) if ts.iter().all(numeric) => {
                    Some(if ts.iter().any(|t| t == "integer") {
                        Whole
                    } else {
                        Number
                    })
                }
                _ => None,
            }
        }
        fn walk(n: &Value, path: &str, out: &mut Vec<(String, Kind)>) {
            if let Some(k) = kind(n) {
                if !out.iter().any(|(p, _)| p == path) {
                    out.push((path.to_string(), k));
                }
                return;
            }
            for key in ["anyOf", "oneOf", "allOf"] {
                for x in n.get(key).and_then(Value::as_array).into_iter().flatten() {
                    walk(x, path, out);
                }
            }
            if let Some(props) = n.get("properties").and_then(Value::as_object) {
                for (p, v) in props {
                    let sub = if path.is_empty() {
                        p.clone()
                    } else {
                        format!("{path}.{p}")
                    };
                    walk(v, &sub, out);
                }
            }
            if let Some(items) = n.get("items") {
                walk(items, &format!("{path}[]"), out);
            }
        }
        let schema = crate::scenario::schema::json_schema();
        let mut out = Vec::new();
        walk(&schema, "", &mut out);
        out
    }

    #[test]
    fn every_numeric_key_of_the_schema_is_defined_once_with_its_kind() {
        let leaves = schema_leaves();
        assert!(leaves.len() > 80, "{leaves:?}");
        for (path, kind) in &leaves {
            let d = find(path).unwrap_or_else(|| panic!("`{path}` has no definition"));
            assert_eq!(d.kind, *kind, "{path}");
        }
        for d in KEYS {
            assert!(
                leaves.iter().any(|(p, _)| p == d.path),
                "`{}` is not a key of the format",
                d.path
            );
            assert_eq!(
                KEYS.iter().filter(|k| k.path == d.path).count(),
                1,
                "{}",
                d.path
            );
        }
    }

    #[test]
    fn each_uncertain_input_is_one_key() {
        let uncertain: Vec<Key> = KEYS.iter().filter_map(|k| k.uncertain).collect();
        for (i, k) in uncertain.iter().enumerate() {
            assert!(!uncertain[i + 1..].contains(k), "{k:?} twice");
        }
    }

    #[test]
    fn shapes_drop_the_element() {
        assert_eq!(
            shape_of("s3.layers[bronze].object_size"),
            "s3.layers[].object_size"
        );
        assert_eq!(
            shape_of("s3.layers[0].access[1].reads_per_month"),
            "s3.layers[].access[].reads_per_month"
        );
        assert_eq!(shape_of("ingest.per_day"), "ingest.per_day");
    }
}
