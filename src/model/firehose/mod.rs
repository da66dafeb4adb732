//! Amazon Data Firehose delivering to S3 (Amazon Data Firehose pricing page): ingestion billed
//! per GB with each record rounded up to 5 KB and tiered per month across the region's
//! streams, format conversion per GB, dynamic partitioning per GB and per 1,000 objects;
//! and the objects it writes into an S3 layer (`deliver_to`), sized by its buffer hints.

pub mod keys;

use super::{Bill, CapacityRow, Finding, LineItem, Monthly, Service, Severity, price_shared_tiers};
use crate::pricing::{PriceBook, PricingError};
use crate::scenario::{Conversion, FirehoseInput, FirehoseStream, Scenario};
use crate::units::{Bytes, GIB, HOURS_PER_MONTH, KIB, SECONDS_PER_MONTH, Usd};

/// Firehose bills each record rounded up to the next 5 KB ("3 KB is billed as 5 KB").
pub const RECORD_ROUNDING_BYTES: f64 = 5.0 * KIB;
/// A zero-second buffer interval still delivers about once a second.
const MIN_INTERVAL_SECONDS: f64 = 1.0;

/// A record's billed size: rounded up to the next 5 KB.
pub fn billed_record_bytes(record: Bytes) -> f64 {
    (record.0 / RECORD_ROUNDING_BYTES).ceil().max(1.0) * RECORD_ROUNDING_BYTES
}

/// Average records per second and record size flowing into a stream. From a Kinesis
/// stream these are the stream's Kinesis records: with producer aggregation, the packed
/// records Firehose reads (and rounds to 5 KB), not the user records inside them.
pub fn input(s: &Scenario, f: &FirehoseStream) -> (f64, Bytes) {
    match &f.input {
        FirehoseInput::Direct {
            records_per_second,
            record_size,
        } => (*records_per_second, *record_size),
        FirehoseInput::Stream(name) => s
            .kinesis
            .streams
            .iter()
            .find(|k| &k.name == name)
            .map_or((0.0, Bytes::ZERO), super::kinesis::kinesis_records),
    }
}

/// What a stream writes to S3: objects are flushed when the buffer fills or the
/// interval ends, whichever comes first.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Delivery {
    /// Bytes written to S3 per day (after conversion).
    pub bytes_per_day: Bytes,
    /// Average object size written.
    pub object_size: Bytes,
    pub objects_per_day: f64,
}

/// The user data flowing into a stream, bytes per second: from a Kinesis stream whose
/// producers aggregate, the user records inside the aggregated ones (Firehose
/// de-aggregates KPL records before delivery; Amazon Data Firehose developer guide,
/// "Source, destination, and name"), without the aggregation's framing.
fn payload_bytes_per_second(s: &Scenario, f: &FirehoseStream) -> f64 {
    match &f.input {
        FirehoseInput::Direct {
            records_per_second,
            record_size,
        } => records_per_second * record_size.0,
        FirehoseInput::Stream(name) => s
            .kinesis
            .streams
            .iter()
            .find(|k| &k.name == name)
            .map_or(0.0, |k| k.records_per_second * k.record_size.0),
    }
}

pub fn delivery(s: &Scenario, f: &FirehoseStream) -> Delivery {
    let in_bps = payload_bytes_per_second(s, f);
    let interval = f.buffer_interval.seconds().max(MIN_INTERVAL_SECONDS);
    let flush_seconds = if in_bps > 0.0 {
        interval.min(f.buffer_size.0 / in_bps)
    } else {
        interval
    };
    let ratio = f.output_ratio.value();
    Delivery {
        bytes_per_day: Bytes(in_bps * 86_400.0 * ratio),
        object_size: Bytes(in_bps * flush_seconds * ratio),
        objects_per_day: 86_400.0 / flush_seconds,
    }
}

/// Every `deliver_to` layer fed by its stream: bytes per day and object size come from
/// the delivery, so S3's request and transition charges follow the objects Firehose
/// really writes (see [`super::resolve`]).
pub fn feed(s: &mut Scenario) {
    for f in &s.firehose.streams {
        let Some(target) = &f.deliver_to else {
            continue;
        };
        let d = delivery(s, f);
        if let Some(i) = s.s3.layers.iter().position(|l| l.name == target.value) {
            let layer = &mut s.s3.layers[i];
            layer.delivered_per_day = Some(d.bytes_per_day);
            layer.object_size = d.object_size;
        }
    }
}

pub fn estimate(s: &Scenario, book: &PriceBook) -> Result<Monthly, PricingError> {
    let mut capacity = Vec::new();
    if s.firehose.streams.is_empty() {
        return Ok(Monthly {
            lines: Vec::new(),
            capacity,
        });
    }
    // Ingestion tiers apply to the region's monthly total across streams.
    let billed_gb: Vec<f64> = s
        .firehose
        .streams
        .iter()
        .map(|f| {
            let (rps, record) = input(s, f);
            rps * billed_record_bytes(record) * SECONDS_PER_MONTH / GIB
        })
        .collect();
    let ingest = book.price(&s.region, &keys::INGEST)?;
    let component = "data ingested (records rounded up to 5 KB)";
    let shares: Vec<(&str, String, f64)> = s
        .firehose
        .streams
        .iter()
        .zip(&billed_gb)
        .map(|(f, gb)| (f.name.as_str(), component.to_string(), *gb))
        .collect();
    // Each stream's ingestion tiers first, then its other lines.
    let mut per_stream: Vec<Vec<LineItem>> = vec![Vec::new(); s.firehose.streams.len()];
    for (i, l) in price_shared_tiers(Service::Firehose, ingest, &shares)? {
        per_stream[i].push(l);
    }
    for (i, (f, gb)) in s.firehose.streams.iter().zip(&billed_gb).enumerate() {
        let mut b = Bill::new(book, &s.region, Service::Firehose);
        if f.format_conversion != Conversion::None {
            b.add(
                &f.name,
                &keys::FORMAT_CONVERSION,
                "format conversion (5 KB increments)",
                *gb,
            )?;
        }
        let d = delivery(s, f);
        if f.dynamic_partitioning {
            // Firehose pricing: dynamic partitioning is billed per GB delivered to S3,
            // that is after format conversion (Parquet at 25 % bills a quarter).
            b.add(
                &f.name,
                &keys::DYNAMIC_PARTITIONING,
                "dynamic partitioning, data delivered to S3",
                d.bytes_per_day.0 * HOURS_PER_MONTH / 24.0 / GIB,
            )?;
            b.add(
                &f.name,
                &keys::DYNAMIC_PARTITIONING_OBJECTS,
                "dynamic partitioning, objects delivered",
                d.objects_per_day * HOURS_PER_MONTH / 24.0,
            )?;
        }
        per_stream[i].extend(b.lines);
        capacity.push(CapacityRow {
            service: Service::Firehose,
            resource: f.name.clone(),
            metric: "objects delivered per day".into(),
            value: d.objects_per_day,
            unit: "objects".into(),
            note: format!(
                "{} each{}",
                d.object_size,
                f.deliver_to
                    .as_ref()
                    .map(|t| format!(", into layer `{}`", t.value))
                    .unwrap_or_default()
            ),
        });
    }
    Ok(Monthly {
        lines: per_stream.into_iter().flatten().collect(),
        capacity,
    })
}

/// `LC-FH-…` findings (docs/findings.md).
pub fn check(s: &Scenario, book: &PriceBook) -> Result<Vec<Finding>, PricingError> {
    let mut out = Vec::new();
    for f in &s.firehose.streams {
        let (rps, record) = input(s, f);
        let billed = billed_record_bytes(record);
        if record.0 < billed / 2.0 {
            // Paid-for bytes that are rounding: at the first ingestion tier, and again
            // at the conversion rate, which bills the same rounded GB.
            let mut rate = book.price(&s.region, &keys::INGEST)?.rate();
            if f.format_conversion != Conversion::None {
                rate += book.price(&s.region, &keys::FORMAT_CONVERSION)?.rate();
            }
            let waste = rps * (billed - record.0) * SECONDS_PER_MONTH / GIB * rate;
            out.push(Finding {
                code: "LC-FH-001",
                severity: Severity::Warning,
                resource: f.name.clone(),
                message: format!(
                    "records of {record} are billed as {}: {:.0}% of the ingestion (and format conversion) bill is rounding; batch small records into larger ones before sending",
                    Bytes(billed),
                    (1.0 - record.0 / billed) * 100.0
                ),
                monthly_cost_usd: Some(Usd(waste)),
                loc: f.loc,
            });
        }
    }
    Ok(out)
}

/// The service's room in the registry (`model::services`).
pub const ROOM: super::services::Room = super::services::Room {
    service: Service::Firehose,
    keys: keys::ALL,
    billing: super::services::Billing::Steady(estimate),
    check: Some(|c| check(c.scenario, c.book)),
    feeds: Some(feed),
    colour: 1,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::{Duration, Fraction};

    #[test]
    fn records_are_billed_in_5_kb_steps() {
        // Firehose pricing: "a 3 KB record is billed as 5 KB, a 12 KB record as 15 KB".
        assert_eq!(billed_record_bytes(Bytes::from_kib(3.0)), 5.0 * 1024.0);
        assert_eq!(billed_record_bytes(Bytes::from_kib(12.0)), 15.0 * 1024.0);
        assert_eq!(billed_record_bytes(Bytes::from_kib(5.0)), 5.0 * 1024.0);
    }

    fn stream(rps: f64, record_kib: f64, buffer_mib: f64, interval_s: f64) -> FirehoseStream {
        FirehoseStream {
            name: "f".into(),
            loc: None,
            input: FirehoseInput::Direct {
                records_per_second: rps,
                record_size: Bytes::from_kib(record_kib),
            },
            format_conversion: Conversion::Parquet,
            output_ratio: Fraction(0.25),
            dynamic_partitioning: false,
            buffer_size: Bytes::from_kib(buffer_mib * 1024.0),
            buffer_interval: Duration(interval_s),
            deliver_to: None,
        }
    }

    #[test]
    fn buffer_hints_size_the_objects() {
        // 10,000 records/s of 1 KB = 9.77 MB/s fills a 128 MB buffer in 13.1 s, before
        // the 60 s interval: objects of 128 MB in, 32 MB out at a 25% output ratio,
        // 86,400 / 13.1 = 6,592 a day.
        let s = Scenario::new("t", "us-east-1", 1);
        let d = delivery(&s, &stream(10_000.0, 1.0, 128.0, 60.0));
        assert!((d.object_size.0 - 32.0 * 1024.0 * 1024.0).abs() < 1.0);
        assert!((d.objects_per_day - 86_400.0 / 13.1072).abs() < 1e-6);
        assert!((d.bytes_per_day.0 - 10_000.0 * 1024.0 * 86_400.0 * 0.25).abs() < 1.0);
        // 10 records/s never fills it: an object every 60 s, 1,440 a day.
        let d = delivery(&s, &stream(10.0, 1.0, 128.0, 60.0));
        assert_eq!(d.objects_per_day, 1440.0);
    }

    #[test]
    fn dynamic_partitioning_bills_the_gb_delivered_after_conversion() {
        // Firehose pricing: dynamic partitioning is "per GB of data delivered to S3".
        // 3,000 records/s × 1 KB = 3,072,000 B/s × 2,628,000 s = 8.0732e12 B
        // = 7,518.768 GiB in; Parquet at 25 % delivers 1,879.692 GiB × $0.020 = $37.59
        // (billing the GB ingested would say $150.38).
        let mut f = stream(3000.0, 1.0, 128.0, 60.0);
        f.dynamic_partitioning = true;
        let mut s = Scenario::new("t", "us-east-1", 1);
        s.firehose.streams.push(f);
        let m = estimate(&s, &PriceBook::bundled().unwrap()).unwrap();
        let dp = m
            .lines
            .iter()
            .find(|l| l.price.key == "firehose.dynamic_partitioning")
            .unwrap();
        let gib = 3_072_000.0 * 2_628_000.0 / 1_073_741_824.0 * 0.25;
        assert!((dp.quantity - gib).abs() < 1e-9, "{}", dp.quantity);
        assert!((dp.cost_usd.value() - 37.5938).abs() < 1e-4);
    }

    #[test]
    fn an_aggregating_source_stream_is_rounded_per_packed_record() {
        // Firehose rounds each record it reads up to 5 KB. From a stream whose
        // producers aggregate, those are the aggregated Kinesis records, not the 200 B
        // user records (each billed as 5 KB, 25.6×). 122 records of 200 B fill one
        // (122 × 208 + 38 = 25,414 B with the KPL's framing, docs/model-streaming.md),
        // billed as 25 KB: 5,000 ÷ 122 = 40.98 aggregated records/s × 25,600 B.
        let mut k = crate::scenario::KinesisStream::new("clicks", 5000.0, Bytes(200.0));
        k.aggregation = true;
        let mut f = stream(0.0, 1.0, 128.0, 60.0);
        f.input = FirehoseInput::Stream("clicks".into());
        let mut s = Scenario::new("t", "us-east-1", 1);
        s.kinesis.streams.push(k);
        let (rps, size) = input(&s, &f);
        assert!((rps - 5000.0 / 122.0).abs() < 1e-12);
        assert_eq!(size, Bytes(25_414.0));
        assert_eq!(billed_record_bytes(size), 25.0 * 1024.0);
        // What Firehose delivers is the user data, 1,000,000 B/s, at Parquet's 25 %.
        let d = delivery(&s, &f);
        assert!((d.bytes_per_day.0 - 1_000_000.0 * 86_400.0 * 0.25).abs() < 1e-3);
    }

    #[test]
    fn the_cost_of_rounding_counts_format_conversion_too() {
        // 1,000 records/s of 1 KB billed as 5 KB: 4 KB/record of rounding = 4,096,000
        // B/s × 2,628,000 s = 10,025.02 GiB a month, at the first ingestion tier
        // ($0.029) and, with conversion, again at the conversion rate ($0.018):
        // $290.73 + $180.45.
        let mut f = stream(1000.0, 1.0, 128.0, 60.0);
        let mut s = Scenario::new("t", "us-east-1", 1);
        s.firehose.streams.push(f.clone());
        let book = PriceBook::bundled().unwrap();
        let gib = 4096.0 * 1000.0 * 2_628_000.0 / 1_073_741_824.0;
        let rate = |k: &str| book.get("us-east-1", k).unwrap().rate();
        let with = check(&s, &book).unwrap()[0]
            .monthly_cost_usd
            .unwrap()
            .value();
        let both = gib * (rate("firehose.ingest") + rate("firehose.format_conversion"));
        assert!((with - both).abs() < 1e-9, "{with} {both}");
        f.format_conversion = Conversion::None;
        s.firehose.streams = vec![f];
        let without = check(&s, &book).unwrap()[0]
            .monthly_cost_usd
            .unwrap()
            .value();
        assert!((without - gib * rate("firehose.ingest")).abs() < 1e-9);
    }
}
