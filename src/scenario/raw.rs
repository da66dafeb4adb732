//! The scenario file as written: serde shapes that mirror the YAML keys one to one.
//!
//! Unknown keys are rejected (`deny_unknown_fields`) so that a misspelling is an error
//! with a suggestion rather than a silently ignored setting. Values whose meaning is
//! checked after parsing carry their position ([`Spanned`]) so findings can point at them.

use crate::scenario::compute::{Architecture, ExecutionClass, Market};
use crate::scenario::streams::{Conversion, KinesisMode};
use crate::scenario::warehouse::{Purchase, TableFormat, WorkflowType};
use crate::scenario::{RestoreTier, StorageClass};
use crate::units::{Bytes, Duration, Fraction};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    #[schemars(with = "u32")]
    pub version: Spanned<u32>,
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[schemars(with = "String")]
    pub region: Spanned<String>,
    #[schemars(with = "Option<u32>")]
    pub months: Option<Spanned<u32>>,
    pub ingest: Option<RawIngest>,
    pub s3: Option<RawS3>,
    pub kinesis: Option<RawKinesis>,
    pub firehose: Option<RawFirehose>,
    pub glue: Option<RawGlue>,
    pub emr: Option<RawEmr>,
    #[serde(default)]
    pub workloads: Vec<RawWorkload>,
    pub redshift: Option<RawRedshift>,
    pub athena: Option<RawAthena>,
    pub lambda: Option<RawLambda>,
    pub stepfunctions: Option<RawStepFunctions>,
}

/// An `aws:` map: its keys are checked against the resource it is on
/// (`binding::bindings`), so that the error can name the key that resource takes.
pub type RawBinding = std::collections::BTreeMap<String, Spanned<String>>;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawIngest {
    #[schemars(with = "Bytes")]
    pub per_day: Spanned<Bytes>,
    #[schemars(with = "Option<Fraction>")]
    pub growth_per_month: Option<Spanned<Fraction>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawS3 {
    pub layers: Vec<RawLayer>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLayer {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[schemars(with = "Option<Fraction>")]
    pub share_of_ingest: Option<Spanned<Fraction>>,
    #[schemars(with = "Option<RawFromLayer>")]
    pub from_layer: Option<Spanned<RawFromLayer>>,
    #[schemars(with = "Option<Bytes>")]
    pub object_size: Option<Spanned<Bytes>>,
    #[schemars(with = "Option<StorageClass>")]
    pub storage_class: Option<Spanned<StorageClass>>,
    #[serde(default)]
    pub lifecycle: Vec<RawTransition>,
    #[schemars(with = "Option<u32>")]
    pub expire_after_days: Option<Spanned<u32>>,
    #[schemars(with = "Option<RawExisting>")]
    pub existing: Option<Spanned<RawExisting>>,
    #[serde(default)]
    pub access: Vec<RawAccess>,
    pub recreatable: Option<bool>,
    #[schemars(with = "Option<std::collections::BTreeMap<String, String>>")]
    pub aws: Option<Spanned<RawBinding>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFromLayer {
    pub name: String,
    pub ratio: Fraction,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTransition {
    #[schemars(with = "u32")]
    pub after_days: Spanned<u32>,
    #[schemars(with = "StorageClass")]
    pub to: Spanned<StorageClass>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawExisting {
    pub size: Bytes,
    pub object_size: Bytes,
    pub storage_class: StorageClass,
    #[serde(default)]
    pub age_days: u32,
    pub class_since_days: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAccess {
    #[schemars(with = "String")]
    pub age_days: Spanned<String>,
    #[schemars(with = "Option<f64>")]
    pub reads_per_month: Option<Spanned<f64>>,
    #[schemars(with = "Option<Fraction>")]
    pub restores_per_month: Option<Spanned<Fraction>>,
    pub restore_tier: Option<RestoreTier>,
    pub restore_days: Option<u32>,
    #[schemars(with = "Option<Duration>")]
    pub restore_within: Option<Spanned<Duration>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawKinesis {
    pub streams: Vec<RawKinesisStream>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawKinesisStream {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[schemars(with = "f64")]
    pub records_per_second: Spanned<f64>,
    #[schemars(with = "Option<f64>")]
    pub peak_factor: Option<Spanned<f64>>,
    #[schemars(with = "Bytes")]
    pub record_size: Spanned<Bytes>,
    pub consumers: Option<u32>,
    pub efo_consumers: Option<u32>,
    #[schemars(with = "Option<Duration>")]
    pub retention: Option<Spanned<Duration>>,
    pub mode: Option<KinesisMode>,
    pub headroom: Option<Fraction>,
    #[schemars(with = "Option<Fraction>")]
    pub hottest_key_share: Option<Spanned<Fraction>>,
    pub aggregation: Option<bool>,
    #[schemars(with = "Option<Bytes>")]
    pub long_term_reads_per_month: Option<Spanned<Bytes>>,
    #[schemars(with = "Option<std::collections::BTreeMap<String, String>>")]
    pub aws: Option<Spanned<RawBinding>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFirehose {
    pub streams: Vec<RawFirehoseStream>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFirehoseStream {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[schemars(with = "Option<String>")]
    pub source: Option<Spanned<String>>,
    #[schemars(with = "Option<f64>")]
    pub records_per_second: Option<Spanned<f64>>,
    #[schemars(with = "Option<Bytes>")]
    pub record_size: Option<Spanned<Bytes>>,
    pub format_conversion: Option<Conversion>,
    #[schemars(with = "Option<Fraction>")]
    pub output_ratio: Option<Spanned<Fraction>>,
    pub dynamic_partitioning: Option<bool>,
    pub buffer: Option<RawBuffer>,
    #[schemars(with = "Option<String>")]
    pub deliver_to: Option<Spanned<String>>,
    #[schemars(with = "Option<std::collections::BTreeMap<String, String>>")]
    pub aws: Option<Spanned<RawBinding>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawBuffer {
    #[schemars(with = "Option<Bytes>")]
    pub size: Option<Spanned<Bytes>>,
    #[schemars(with = "Option<Duration>")]
    pub interval: Option<Spanned<Duration>>,
}

/// A YAML number or string read as text: `glue_version: 4.0` and `"4.0"` are the same.
#[derive(Debug)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Num(f64),
            Text(String),
        }
        Ok(Text(match Raw::deserialize(d)? {
            Raw::Num(n) if n.fract() == 0.0 => format!("{n:.1}"),
            Raw::Num(n) => n.to_string(),
            Raw::Text(t) => t,
        }))
    }
}

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
    #[schemars(with = "f64")]
    pub invocations_per_day: Spanned<f64>,
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
