//! The scenario file as written: serde shapes that mirror the YAML keys one to one.
//!
//! Unknown keys are rejected (`deny_unknown_fields`) so that a misspelling is an error
//! with a suggestion rather than a silently ignored setting. Values whose meaning is
//! checked after parsing carry their position ([`Spanned`]) so findings can point at them.

use crate::scenario::streams::{Conversion, KinesisMode};
use crate::scenario::{RestoreTier, StorageClass};
use crate::units::{Bytes, Duration, Fraction};
use serde::Deserialize;
use serde_saphyr::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    pub version: Spanned<u32>,
    pub name: String,
    pub region: Spanned<String>,
    pub months: Option<Spanned<u32>>,
    pub ingest: Option<RawIngest>,
    pub s3: Option<RawS3>,
    pub kinesis: Option<RawKinesis>,
    pub firehose: Option<RawFirehose>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIngest {
    pub per_day: Bytes,
    pub growth_per_month: Option<Fraction>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawS3 {
    pub layers: Vec<RawLayer>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLayer {
    pub name: Spanned<String>,
    pub share_of_ingest: Option<Spanned<Fraction>>,
    pub object_size: Option<Spanned<Bytes>>,
    pub storage_class: Option<Spanned<StorageClass>>,
    #[serde(default)]
    pub lifecycle: Vec<RawTransition>,
    pub expire_after_days: Option<Spanned<u32>>,
    pub existing: Option<Spanned<RawExisting>>,
    #[serde(default)]
    pub access: Vec<RawAccess>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTransition {
    pub after_days: Spanned<u32>,
    pub to: Spanned<StorageClass>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExisting {
    pub size: Bytes,
    pub object_size: Bytes,
    pub storage_class: StorageClass,
    #[serde(default)]
    pub age_days: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAccess {
    pub age_days: Spanned<String>,
    pub reads_per_month: Option<Spanned<f64>>,
    pub restores_per_month: Option<Spanned<Fraction>>,
    pub restore_tier: Option<RestoreTier>,
    pub restore_days: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKinesis {
    pub streams: Vec<RawKinesisStream>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKinesisStream {
    pub name: Spanned<String>,
    pub records_per_second: Spanned<f64>,
    pub peak_factor: Option<Spanned<f64>>,
    pub record_size: Spanned<Bytes>,
    pub consumers: Option<u32>,
    pub efo_consumers: Option<u32>,
    pub retention: Option<Spanned<Duration>>,
    pub mode: Option<KinesisMode>,
    pub headroom: Option<Fraction>,
    pub hottest_key_share: Option<Spanned<Fraction>>,
    pub aggregation: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFirehose {
    pub streams: Vec<RawFirehoseStream>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFirehoseStream {
    pub name: Spanned<String>,
    pub source: Option<Spanned<String>>,
    pub records_per_second: Option<Spanned<f64>>,
    pub record_size: Option<Spanned<Bytes>>,
    pub format_conversion: Option<Conversion>,
    pub output_ratio: Option<Spanned<Fraction>>,
    pub dynamic_partitioning: Option<bool>,
    pub buffer: Option<RawBuffer>,
    pub deliver_to: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBuffer {
    pub size: Option<Spanned<Bytes>>,
    pub interval: Option<Spanned<Duration>>,
}
