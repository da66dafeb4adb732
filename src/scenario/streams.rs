//! Streaming sections of a scenario: Kinesis Data Streams and Amazon Data Firehose.
//!
//! One file holds each section: its keys as written (serde shapes), its checks, and
//! its typed form.

use super::check::{ScenarioError, check_name, closest, loc};
use super::raw::RawBinding;
use super::{Layer, Loc, Located};
use crate::units::{Bytes, Duration, Fraction, KIB, MIB};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

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

// The keys as written.

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

// Checking them.

/// Largest Kinesis record payload: 1 MiB (Kinesis Data Streams quotas).
const KINESIS_MAX_RECORD: f64 = MIB;
/// Largest Firehose record: 1,000 KiB (Firehose quotas).
const FIREHOSE_MAX_RECORD: f64 = 1000.0 * KIB;
/// Retention from 24 hours (included) to 365 days.
const RETENTION_HOURS: (f64, f64) = (24.0, 8760.0);
/// At most 20 enhanced fan-out consumers per stream.
const MAX_EFO_CONSUMERS: u32 = 20;
/// Firehose buffer size hints: 1 to 128 MiB; dynamic partitioning and record format
/// conversion need 64 MiB or more (Firehose developer guide, buffering hints), and
/// with conversion Firehose defaults to 128 MiB.
const BUFFER_MIB: (f64, f64) = (1.0, 128.0);
const LARGE_BUFFER_MIN_MIB: f64 = 64.0;
const CONVERSION_DEFAULT_BUFFER_MIB: f64 = 128.0;
/// Firehose buffer interval hints: 0 to 900 seconds.
const MAX_BUFFER_SECONDS: f64 = 900.0;
/// Firehose's default buffer hints for S3: 5 MiB or 300 s.
const DEFAULT_BUFFER_MIB: f64 = 5.0;
const DEFAULT_BUFFER_SECONDS: f64 = 300.0;

fn positive_rate(field: &str, v: &serde_saphyr::Spanned<f64>) -> Result<f64, ScenarioError> {
    if v.value.is_finite() && v.value > 0.0 {
        Ok(v.value)
    } else {
        Err(ScenarioError::at(
            loc(v),
            field.to_string(),
            format!(
                "expected a number of records per second above 0, found {}",
                v.value
            ),
        ))
    }
}

fn record_size(
    field: &str,
    v: &serde_saphyr::Spanned<Bytes>,
    max: f64,
    service: &str,
) -> Result<Bytes, ScenarioError> {
    if v.value.0 >= 1.0 && v.value.0 <= max {
        Ok(v.value)
    } else {
        Err(ScenarioError::at(
            loc(v),
            field.to_string(),
            format!(
                "a {service} record holds 1 byte to {}, found {}",
                Bytes(max),
                v.value
            ),
        ))
    }
}

pub(super) fn check_kinesis(
    raw: Vec<RawKinesisStream>,
) -> Result<Vec<KinesisStream>, ScenarioError> {
    let mut out: Vec<KinesisStream> = Vec::with_capacity(raw.len());
    for (i, r) in raw.into_iter().enumerate() {
        let field = |k: &str| format!("kinesis.streams[{i}].{k}");
        check_name(&r.name, &field("name"))?;
        if out.iter().any(|s| s.name == r.name.value) {
            return Err(ScenarioError::at(
                loc(&r.name),
                field("name"),
                format!("stream name `{}` is used twice", r.name.value),
            ));
        }
        let peak_factor = match &r.peak_factor {
            Some(p) if p.value.is_finite() && p.value >= 1.0 => p.value,
            Some(p) => {
                return Err(ScenarioError::at(
                    loc(p),
                    field("peak_factor"),
                    format!(
                        "the peak is at least the average: expected a factor ≥ 1, found {}",
                        p.value
                    ),
                ));
            }
            None => 1.0,
        };
        let retention = match &r.retention {
            Some(d) if (RETENTION_HOURS.0..=RETENTION_HOURS.1).contains(&d.value.hours()) => {
                d.value
            }
            Some(d) => {
                return Err(ScenarioError::at(
                    loc(d),
                    field("retention"),
                    format!(
                        "Kinesis keeps data from 24 h to 365 d (8,760 h), found {:.0} h",
                        d.value.hours()
                    ),
                ));
            }
            None => Duration::from_hours(RETENTION_HOURS.0),
        };
        let efo_consumers = r.efo_consumers.unwrap_or(0);
        if efo_consumers > MAX_EFO_CONSUMERS {
            return Err(ScenarioError::at(
                loc(&r.name),
                field("efo_consumers"),
                format!(
                    "a stream has at most {MAX_EFO_CONSUMERS} enhanced fan-out consumers, found {efo_consumers}"
                ),
            ));
        }
        if let Some(h) = &r.hottest_key_share
            && h.value.value() > 1.0
        {
            return Err(ScenarioError::at(
                loc(h),
                field("hottest_key_share"),
                "a share of the traffic is at most 100%",
            ));
        }
        let long_term_reads = match &r.long_term_reads_per_month {
            None => Bytes::ZERO,
            Some(b) if b.value.0 < 0.0 || !b.value.0.is_finite() => {
                return Err(ScenarioError::at(
                    loc(b),
                    field("long_term_reads_per_month"),
                    "expected a size of zero or more, e.g. 500 GB",
                ));
            }
            Some(b) if b.value.0 > 0.0 && retention.hours() <= 7.0 * 24.0 => {
                return Err(ScenarioError::at(
                    loc(b),
                    field("long_term_reads_per_month"),
                    "reads of data older than 7 days need a retention above 7 days",
                ));
            }
            Some(b) => b.value,
        };
        out.push(KinesisStream {
            name: r.name.value.clone(),
            loc: loc(&r.name),
            records_per_second: positive_rate(&field("records_per_second"), &r.records_per_second)?,
            peak_factor,
            record_size: record_size(
                &field("record_size"),
                &r.record_size,
                KINESIS_MAX_RECORD,
                "Kinesis",
            )?,
            consumers: r.consumers.unwrap_or(1),
            efo_consumers,
            retention,
            mode: r.mode.unwrap_or(KinesisMode::Provisioned),
            headroom: r.headroom.unwrap_or(Fraction::ZERO),
            hottest_key_share: r.hottest_key_share.map(|h| h.value),
            aggregation: r.aggregation.unwrap_or(false),
            long_term_reads_per_month: long_term_reads,
        });
    }
    Ok(out)
}

pub(super) fn check_firehose(
    raw: Vec<RawFirehoseStream>,
    kinesis: &[KinesisStream],
    layers: &[Layer],
) -> Result<Vec<FirehoseStream>, ScenarioError> {
    let mut out: Vec<FirehoseStream> = Vec::with_capacity(raw.len());
    for (i, r) in raw.into_iter().enumerate() {
        let field = |k: &str| format!("firehose.streams[{i}].{k}");
        check_name(&r.name, &field("name"))?;
        let at = loc(&r.name);
        if out.iter().any(|s| s.name == r.name.value) {
            return Err(ScenarioError::at(
                at,
                field("name"),
                format!("stream name `{}` is used twice", r.name.value),
            ));
        }
        let input = match (&r.source, &r.records_per_second, &r.record_size) {
            (Some(src), None, None) => {
                if !kinesis.iter().any(|k| k.name == src.value) {
                    return Err(ScenarioError::at(
                        loc(src),
                        field("source"),
                        format!(
                            "no Kinesis stream named `{}` in `kinesis.streams`",
                            src.value
                        ),
                    )
                    .suggest(closest(&src.value, kinesis.iter().map(|k| k.name.as_str()))));
                }
                FirehoseInput::Stream(src.value.clone())
            }
            (None, Some(rps), Some(size)) => FirehoseInput::Direct {
                records_per_second: positive_rate(&field("records_per_second"), rps)?,
                record_size: record_size(
                    &field("record_size"),
                    size,
                    FIREHOSE_MAX_RECORD,
                    "Firehose",
                )?,
            },
            _ => {
                return Err(ScenarioError::at(
                    at,
                    field("source"),
                    "give either `source` (a Kinesis stream) or both `records_per_second` and `record_size`",
                ));
            }
        };
        let dynamic_partitioning = r.dynamic_partitioning.unwrap_or(false);
        let converts = r.format_conversion.is_some_and(|c| c != Conversion::None);
        let min_mib = if dynamic_partitioning || converts {
            LARGE_BUFFER_MIN_MIB
        } else {
            BUFFER_MIB.0
        };
        let default_mib = if converts {
            CONVERSION_DEFAULT_BUFFER_MIB
        } else if dynamic_partitioning {
            LARGE_BUFFER_MIN_MIB
        } else {
            DEFAULT_BUFFER_MIB
        };
        let buffer = r.buffer.as_ref();
        let buffer_size = match buffer.and_then(|b| b.size.as_ref()) {
            Some(s) => {
                let mib = s.value.0 / MIB;
                if !(min_mib..=BUFFER_MIB.1).contains(&mib) {
                    return Err(ScenarioError::at(
                        loc(s),
                        field("buffer.size"),
                        format!(
                            "Firehose buffers {min_mib} to {} MB{}, found {}",
                            BUFFER_MIB.1,
                            match (converts, dynamic_partitioning) {
                                (true, _) => " with record format conversion",
                                (false, true) => " with dynamic partitioning",
                                _ => "",
                            },
                            s.value
                        ),
                    ));
                }
                s.value
            }
            None => Bytes(default_mib * MIB),
        };
        let buffer_interval = match buffer.and_then(|b| b.interval.as_ref()) {
            Some(d) if d.value.seconds() <= MAX_BUFFER_SECONDS => d.value,
            Some(d) => {
                return Err(ScenarioError::at(
                    loc(d),
                    field("buffer.interval"),
                    format!(
                        "Firehose buffers for 0 to 900 s, found {:.0} s",
                        d.value.seconds()
                    ),
                ));
            }
            None => Duration(DEFAULT_BUFFER_SECONDS),
        };
        let format_conversion = r.format_conversion.unwrap_or(Conversion::None);
        let deliver_to = match &r.deliver_to {
            Some(d) => {
                if !layers.iter().any(|l| l.name == d.value) {
                    return Err(ScenarioError::at(
                        loc(d),
                        field("deliver_to"),
                        format!("no S3 layer named `{}` in `s3.layers`", d.value),
                    )
                    .suggest(closest(&d.value, layers.iter().map(|l| l.name.as_str()))));
                }
                if let Some(other) = out
                    .iter()
                    .find(|o| o.deliver_to.as_ref().is_some_and(|x| x.value == d.value))
                {
                    return Err(ScenarioError::at(
                        loc(d),
                        field("deliver_to"),
                        format!(
                            "layer `{}` is already written by Firehose stream `{}`",
                            d.value, other.name
                        ),
                    ));
                }
                Some(Located {
                    value: d.value.clone(),
                    loc: loc(d),
                })
            }
            None => None,
        };
        let output_ratio = match (&r.output_ratio, format_conversion, &deliver_to) {
            (Some(o), _, _) if o.value.value() > 0.0 => o.value,
            (Some(o), _, _) => {
                return Err(ScenarioError::at(
                    loc(o),
                    field("output_ratio"),
                    "expected bytes delivered per byte ingested above 0%",
                ));
            }
            (None, Conversion::None, _) | (None, _, None) => Fraction::ONE,
            (None, _, Some(_)) => {
                return Err(ScenarioError::at(
                    at,
                    field("output_ratio"),
                    "with format conversion and `deliver_to`, give `output_ratio`: bytes delivered per byte ingested (JSON to compressed Parquet is often 10% to 30%)",
                ));
            }
        };
        out.push(FirehoseStream {
            name: r.name.value.clone(),
            loc: at,
            input,
            format_conversion,
            output_ratio,
            dynamic_partitioning,
            buffer_size,
            buffer_interval,
            deliver_to,
        });
    }
    Ok(out)
}
