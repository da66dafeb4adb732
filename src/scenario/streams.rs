//! Streaming sections of a scenario: Kinesis Data Streams and Amazon Data Firehose.

use super::{Loc, Located};
use crate::units::{Bytes, Duration, Fraction};
use serde::Deserialize;

/// How a Kinesis stream is priced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum KinesisMode {
    Provisioned,
    OnDemand,
    /// Price both and say which is cheaper.
    Compare,
}

/// A Kinesis data stream, described by its traffic.
#[derive(Clone, Debug, PartialEq)]
pub struct KinesisStream {
    pub name: String,
    pub loc: Option<Loc>,
    /// Average records written per second.
    pub records_per_second: f64,
    /// Peak ÷ average; shards are sized for the peak.
    pub peak_factor: f64,
    /// Average record payload.
    pub record_size: Bytes,
    /// Consumers sharing each shard's 2 MB/s of reads (GetRecords).
    pub consumers: u32,
    /// Enhanced fan-out consumers, each with its own 2 MB/s per shard.
    pub efo_consumers: u32,
    pub retention: Duration,
    pub mode: KinesisMode,
    /// Spare provisioned capacity above the peak.
    pub headroom: Fraction,
    /// Share of the traffic on the busiest partition key, when known.
    pub hottest_key_share: Option<Fraction>,
    /// Producer-side aggregation (KPL) packing records into 25 KB payload units.
    pub aggregation: bool,
    /// Bytes a month read from data older than 7 days (long-term retention).
    pub long_term_reads_per_month: Bytes,
}

impl KinesisStream {
    /// A provisioned stream with one shared consumer, 24 h retention, no headroom:
    /// the documented defaults.
    pub fn new(name: &str, records_per_second: f64, record_size: Bytes) -> KinesisStream {
        KinesisStream {
            name: name.to_string(),
            loc: None,
            records_per_second,
            peak_factor: 1.0,
            record_size,
            consumers: 1,
            efo_consumers: 0,
            retention: Duration::from_hours(24.0),
            mode: KinesisMode::Provisioned,
            headroom: Fraction::ZERO,
            hottest_key_share: None,
            aggregation: false,
            long_term_reads_per_month: Bytes::ZERO,
        }
    }
}

/// Output format conversion in Firehose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Conversion {
    None,
    Parquet,
    Orc,
}

/// Where a Firehose stream's records come from.
#[derive(Clone, Debug, PartialEq)]
pub enum FirehoseInput {
    /// Reads a Kinesis stream of the scenario: its average rate and record size.
    Stream(String),
    Direct {
        records_per_second: f64,
        record_size: Bytes,
    },
}

/// An Amazon Data Firehose stream delivering to S3.
#[derive(Clone, Debug, PartialEq)]
pub struct FirehoseStream {
    pub name: String,
    pub loc: Option<Loc>,
    pub input: FirehoseInput,
    pub format_conversion: Conversion,
    /// Bytes delivered per byte ingested (after conversion and compression).
    pub output_ratio: Fraction,
    pub dynamic_partitioning: bool,
    /// Buffer hints: an object is delivered when either is reached.
    pub buffer_size: Bytes,
    pub buffer_interval: Duration,
    /// An S3 layer whose writes this stream provides.
    pub deliver_to: Option<Located<String>>,
}
