//! Amazon Kinesis Data Streams: shard sizing for provisioned streams, and the monthly
//! bill in provisioned and on-demand mode (Amazon Kinesis Data Streams pricing page; limits from the
//! Kinesis Data Streams developer guide, "Quotas and limits").
//!
//! Rates in the scenario are averages; shards are sized for the peak
//! (`average × peak_factor`) plus headroom. MB here is 2^20 bytes, as the AWS Pricing
//! Calculator computes it. A stream's traffic is the same every month.

pub mod keys;

use super::{Bill, CapacityRow, Finding, Monthly, Service, Severity};
use crate::pricing::{PriceBook, PricingError};
use crate::scenario::{KinesisMode, KinesisStream, Scenario};
use crate::units::{Bytes, GIB, HOURS_PER_MONTH, KIB, SECONDS_PER_MONTH};

use crate::units::MIB;
/// A shard takes writes of 1 MB/s or 1,000 records/s, and serves reads of 2 MB/s.
pub const SHARD_WRITE_MIB_S: f64 = 1.0;
pub const SHARD_WRITE_RECORDS_S: f64 = 1000.0;
pub const SHARD_READ_MIB_S: f64 = 2.0;
/// GetRecords: 5 calls per second per shard, shared by all polling consumers.
pub const GETRECORDS_PER_SHARD_S: f64 = 5.0;
/// Consumers built on the KCL or Lambda poll each shard about once a second.
pub const POLLS_PER_CONSUMER_S: f64 = 1.0;
/// A PUT payload unit is a 25 KB chunk of a record, rounded up per record.
pub const PAYLOAD_UNIT_BYTES: f64 = 25.0 * KIB;
/// On-demand bills each record's ingested size rounded up to the next 1 KB.
pub const ON_DEMAND_ROUNDING_BYTES: f64 = KIB;
/// Retention: 24 h included; extended to 7 days per shard-hour; beyond, per GB-month.
pub const INCLUDED_RETENTION_HOURS: f64 = 24.0;
pub const EXTENDED_RETENTION_HOURS: f64 = 168.0;
/// A new on-demand stream accepts 4 MB/s and 4,000 records/s of writes, and adapts to
/// twice its previous peak (Kinesis developer guide, "On-demand mode"; secondary
/// sources for the numbers).
pub const ON_DEMAND_START_WRITE_MIB_S: f64 = 4.0;
pub const ON_DEMAND_START_RECORDS_S: f64 = 4000.0;
pub const ON_DEMAND_PEAK_GROWTH: f64 = 2.0;

/// Default shard quota per account and region: 500 in us-east-1, us-west-2 and
/// eu-west-1, 200 elsewhere; and the default write throughput of an on-demand stream,
/// 200 MB/s (Kinesis quotas page; not confirmed in lakecost's price sources).
const DEFAULT_SHARD_QUOTA_LARGE: f64 = 500.0;
const DEFAULT_SHARD_QUOTA: f64 = 200.0;
const LARGE_QUOTA_REGIONS: [&str; 3] = ["us-east-1", "us-west-2", "eu-west-1"];
const ON_DEMAND_DEFAULT_MAX_WRITE_MIB_S: f64 = 200.0;

/// PUT payload units of one record: ceil(size ÷ 25 KB). A 5 KB record is 1 unit,
/// 45 KB is 2; AWS's "1 MB record = 40 units" counts 1 MB as 1,000 KB.
pub fn put_payload_units(record: Bytes) -> f64 {
    (record.0 / PAYLOAD_UNIT_BYTES).ceil().max(1.0)
}

/// A record's billed size in on-demand mode: rounded up to the next KB.
pub fn on_demand_billed_bytes(record: Bytes) -> f64 {
    (record.0 / ON_DEMAND_ROUNDING_BYTES).ceil().max(1.0) * ON_DEMAND_ROUNDING_BYTES
}

/// The limit that sets a provisioned stream's shard count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    Write,
    Records,
    Read,
}

/// Shards a provisioned stream needs, and why.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sizing {
    pub shards: f64,
    pub binding: Limit,
    /// Shards each limit alone would need at peak, before headroom.
    pub by_write: f64,
    pub by_records: f64,
    pub by_read: f64,
}

/// Average bytes written per second.
fn bytes_per_second(s: &KinesisStream) -> f64 {
    let (records, size) = kinesis_records(s);
    records * size.0
}

/// The KPL's framing of an aggregated record (awslabs/amazon-kinesis-producer,
/// `aggregation-format.md`): a 4-byte magic number and a 16-byte MD5 checksum around a
/// protobuf `AggregatedRecord`, whose partition-key table is assumed to hold one
/// 16-byte key (tag, length, key: 18 bytes). Each user record adds its protobuf framing:
/// the `records` field's tag and length, the partition-key index (tag and a one-byte
/// index) and the data's tag and length.
const KPL_AGGREGATE_BYTES: f64 = 4.0 + 16.0 + 18.0;

/// Bytes a protobuf varint of `n` takes.
fn varint_len(n: f64) -> f64 {
    let mut len = 1.0;
    let mut rest = n;
    while rest >= 128.0 {
        rest = (rest / 128.0).floor();
        len += 1.0;
    }
    len
}

/// A user record of `data` bytes inside a KPL aggregate, with its framing.
fn kpl_record_bytes(data: f64) -> f64 {
    let body = 2.0 + 1.0 + varint_len(data) + data;
    1.0 + varint_len(body) + body
}

/// With KPL aggregation: how many whole user records fill one 25 KB payload unit,
/// and the aggregated record's size. `None` when one record and its framing do not fit
/// (such records are put as they are).
pub fn kpl_packing(s: &KinesisStream) -> Option<(f64, Bytes)> {
    if !s.aggregation {
        return None;
    }
    let each = kpl_record_bytes(s.record_size.0.ceil());
    let n = ((PAYLOAD_UNIT_BYTES - KPL_AGGREGATE_BYTES) / each).floor();
    (n >= 1.0).then_some((n, Bytes(n * each + KPL_AGGREGATE_BYTES)))
}

/// The Kinesis records the stream carries: the user's records, or with aggregation the
/// aggregated records the KPL puts, each packed with as many whole user records as fit
/// in the 25 KB payload unit (12 of 2 KB, not 12.5). Billing that counts or rounds
/// records (PUT payload units, on-demand's 1 KB rounding, Firehose's 5 KB rounding of a
/// stream source) applies to these, not to the user's records. Returns (records per
/// second, bytes each).
pub fn kinesis_records(s: &KinesisStream) -> (f64, Bytes) {
    match kpl_packing(s) {
        Some((n, size)) => (s.records_per_second / n, size),
        None => (s.records_per_second, s.record_size),
    }
}

/// Kinesis records (with aggregation, the aggregated ones) written per second at a
/// rate of `rps` user records.
fn write_units_per_second(s: &KinesisStream, rps: f64) -> f64 {
    match kpl_packing(s) {
        Some((n, _)) => rps / n,
        None => rps,
    }
}

/// shards = ceil(max(peak write MB/s ÷ 1, peak records/s ÷ 1,000,
/// peak write MB/s × consumers ÷ 2) × (1 + headroom)), at least 1.
pub fn size(s: &KinesisStream) -> Sizing {
    let peak_rps = s.records_per_second * s.peak_factor;
    // What producers put: with aggregation, the aggregated records and their framing.
    let write_mib = bytes_per_second(s) * s.peak_factor / MIB;
    let by_write = write_mib / SHARD_WRITE_MIB_S;
    let by_records = write_units_per_second(s, peak_rps) / SHARD_WRITE_RECORDS_S;
    let by_read = write_mib * f64::from(s.consumers) / SHARD_READ_MIB_S;
    let (need, binding) = [
        (by_write, Limit::Write),
        (by_records, Limit::Records),
        (by_read, Limit::Read),
    ]
    .into_iter()
    .fold(
        (0.0, Limit::Write),
        |best, x| if x.0 > best.0 { x } else { best },
    );
    // Guard against 4.0000000001 from the products above becoming 5 shards.
    let shards = ((need * (1.0 + s.headroom.value()) * 1e9).round() / 1e9)
        .ceil()
        .max(1.0);
    Sizing {
        shards,
        binding,
        by_write,
        by_records,
        by_read,
    }
}

/// GB a month of the stream's payload.
fn gb_per_month(bytes_per_second: f64) -> f64 {
    bytes_per_second * SECONDS_PER_MONTH / GIB
}

/// GB held on average for retention between `from` and `to` hours of age.
fn gb_held(bytes_per_second: f64, retention_hours: f64, from: f64, to: f64) -> f64 {
    let hours = (retention_hours.min(to) - from).max(0.0);
    bytes_per_second * hours * 3600.0 / GIB
}

fn provisioned<'a>(
    book: &'a PriceBook,
    region: &'a str,
    s: &KinesisStream,
    sizing: &Sizing,
) -> Result<Bill<'a>, PricingError> {
    let mut b = Bill::new(book, region, Service::Kinesis);
    let r = s.name.as_str();
    let hours = sizing.shards * HOURS_PER_MONTH;
    let bps = bytes_per_second(s);
    let retention = s.retention.hours();
    b.add(r, &keys::PROVISIONED_SHARD_HOUR, "shard-hours", hours)?;
    let (records, size) = kinesis_records(s);
    let units_per_second = records * put_payload_units(size);
    b.add(
        r,
        &keys::PROVISIONED_PUT_PAYLOAD_UNIT,
        "PUT payload units (25 KB)",
        units_per_second * SECONDS_PER_MONTH,
    )?;
    if retention > INCLUDED_RETENTION_HOURS {
        b.add(
            r,
            &keys::PROVISIONED_EXTENDED_RETENTION_SHARD_HOUR,
            "extended retention (to 7 days), shard-hours",
            hours,
        )?;
    }
    b.add(
        r,
        &keys::PROVISIONED_LONG_TERM_RETENTION,
        "long-term retention (beyond 7 days)",
        gb_held(bps, retention, EXTENDED_RETENTION_HOURS, f64::INFINITY),
    )?;
    // Reads of data older than 7 days are billed per GB retrieved (Kinesis pricing,
    // "long-term retention data retrieval").
    b.add(
        r,
        &keys::PROVISIONED_LONG_TERM_RETRIEVAL,
        "long-term retention data retrieved",
        s.long_term_reads_per_month.0 / GIB,
    )?;
    let efo = f64::from(s.efo_consumers);
    b.add(
        r,
        &keys::EFO_CONSUMER_SHARD_HOUR,
        "enhanced fan-out consumer-shard-hours",
        efo * hours,
    )?;
    b.add(
        r,
        &keys::EFO_RETRIEVAL,
        "enhanced fan-out data retrieved",
        efo * gb_per_month(bps),
    )?;
    Ok(b)
}

fn on_demand<'a>(
    book: &'a PriceBook,
    region: &'a str,
    s: &KinesisStream,
) -> Result<Bill<'a>, PricingError> {
    let mut b = Bill::new(book, region, Service::Kinesis);
    let r = s.name.as_str();
    let bps = bytes_per_second(s);
    let retention = s.retention.hours();
    b.add(
        r,
        &keys::ON_DEMAND_STREAM_HOUR,
        "stream-hours",
        HOURS_PER_MONTH,
    )?;
    // Each Kinesis record is rounded up to 1 KB; with aggregation those are the
    // aggregated records.
    let (records, size) = kinesis_records(s);
    b.add(
        r,
        &keys::ON_DEMAND_INGEST,
        if s.aggregation {
            "data ingested (aggregated records rounded up to 1 KB)"
        } else {
            "data ingested (records rounded up to 1 KB)"
        },
        gb_per_month(records * on_demand_billed_bytes(size)),
    )?;
    b.add(
        r,
        &keys::ON_DEMAND_RETRIEVAL,
        "data retrieved by shared consumers",
        f64::from(s.consumers) * gb_per_month(bps),
    )?;
    b.add(
        r,
        &keys::ON_DEMAND_EFO_RETRIEVAL,
        "enhanced fan-out data retrieved",
        f64::from(s.efo_consumers) * gb_per_month(bps),
    )?;
    b.add(
        r,
        &keys::ON_DEMAND_EXTENDED_RETENTION,
        "extended retention (to 7 days)",
        gb_held(
            bps,
            retention,
            INCLUDED_RETENTION_HOURS,
            EXTENDED_RETENTION_HOURS,
        ),
    )?;
    b.add(
        r,
        &keys::ON_DEMAND_LONG_TERM_RETENTION,
        "long-term retention (beyond 7 days)",
        gb_held(bps, retention, EXTENDED_RETENTION_HOURS, f64::INFINITY),
    )?;
    // The snapshot has no on-demand long-term retrieval price; a stream that reads old
    // data in on-demand mode fails naming `kinesis.on_demand.long_term_retrieval`
    // rather than borrowing the provisioned price.
    b.add(
        r,
        &keys::ON_DEMAND_LONG_TERM_RETRIEVAL,
        "long-term retention data retrieved",
        s.long_term_reads_per_month.0 / GIB,
    )?;
    Ok(b)
}

fn row(s: &KinesisStream, metric: &str, value: f64, unit: &str, note: String) -> CapacityRow {
    CapacityRow {
        service: Service::Kinesis,
        resource: s.name.clone(),
        metric: metric.into(),
        value,
        unit: unit.into(),
        note,
    }
}

fn binding_note(s: &KinesisStream, z: &Sizing) -> String {
    let what = match z.binding {
        Limit::Write => format!("write {:.2} MB/s at 1 MB/s per shard", z.by_write),
        Limit::Records if s.aggregation => format!(
            "{:.0} payload units/s at 1,000 per shard",
            z.by_records * SHARD_WRITE_RECORDS_S
        ),
        Limit::Records => format!(
            "{:.0} records/s at 1,000 per shard",
            z.by_records * SHARD_WRITE_RECORDS_S
        ),
        Limit::Read => format!(
            "reads {:.2} MB/s by {} consumers at 2 MB/s per shard",
            z.by_read * SHARD_READ_MIB_S,
            s.consumers
        ),
    };
    format!(
        "binding: {what} (peak ×{}, headroom {:.0}%)",
        s.peak_factor,
        s.headroom.value() * 100.0
    )
}

pub fn estimate(s: &Scenario, book: &PriceBook) -> Result<Monthly, PricingError> {
    let mut lines = Vec::new();
    let mut capacity = Vec::new();
    for k in &s.kinesis.streams {
        let z = size(k);
        match k.mode {
            KinesisMode::Provisioned => {
                capacity.push(row(k, "shards", z.shards, "shards", binding_note(k, &z)));
                lines.extend(provisioned(book, &s.region, k, &z)?.lines);
            }
            KinesisMode::OnDemand => {
                let peak = k.records_per_second * k.peak_factor * k.record_size.0 / MIB;
                capacity.push(row(
                    k,
                    "peak write",
                    peak,
                    "MB/s",
                    "on-demand: no shards to size".into(),
                ));
                lines.extend(on_demand(book, &s.region, k)?.lines);
            }
            KinesisMode::Compare => {
                let prov = provisioned(book, &s.region, k, &z)?;
                let od = on_demand(book, &s.region, k)?;
                let (pt, ot) = (prov.total(), od.total());
                capacity.push(row(k, "shards", z.shards, "shards", binding_note(k, &z)));
                capacity.push(row(k, "provisioned", pt.value(), "$/month", mark(pt <= ot)));
                capacity.push(row(k, "on-demand", ot.value(), "$/month", mark(ot < pt)));
                let now = average_utilisation(k, &z);
                match break_even_utilisation(&prov, &od, now) {
                    Some(u) => capacity.push(row(
                        k,
                        "break-even utilisation",
                        u * 100.0,
                        "%",
                        format!(
                            "average use of the {} shards at which both modes cost the same; provisioned is cheaper above it; now {:.1}%",
                            z.shards,
                            now * 100.0
                        ),
                    )),
                    None => capacity.push(row(
                        k,
                        "utilisation",
                        now * 100.0,
                        "%",
                        "provisioned is cheaper at any traffic these shards carry".into(),
                    )),
                }
                lines.extend(if pt <= ot { prov.lines } else { od.lines });
            }
        }
    }
    Ok(Monthly { lines, capacity })
}

fn mark(cheaper: bool) -> String {
    if cheaper {
        "cheaper: priced in the bill".into()
    } else {
        "more expensive".into()
    }
}

/// Average use of the provisioned shards in their binding dimension.
pub fn average_utilisation(s: &KinesisStream, z: &Sizing) -> f64 {
    let need = match z.binding {
        Limit::Write => z.by_write,
        Limit::Records => z.by_records,
        Limit::Read => z.by_read,
    };
    need / s.peak_factor / z.shards
}

/// Average utilisation at which the two modes cost the same, shards fixed. Both
/// bills are a fixed part (shard-, stream- and consumer-shard-hours) plus a part in
/// proportion to traffic; scaling traffic by x gives
/// `fixed_p + x·var_p = fixed_o + x·var_o`.
fn break_even_utilisation(prov: &Bill, od: &Bill, now: f64) -> Option<f64> {
    let fixed = |b: &Bill| -> f64 {
        b.lines
            .iter()
            .filter(|l| l.price.unit == "ShardHour" || l.price.unit == "Hrs")
            .map(|l| l.cost_usd.value())
            .sum()
    };
    let (fp, fo) = (fixed(prov), fixed(od));
    let (vp, vo) = (prov.total().value() - fp, od.total().value() - fo);
    if vo <= vp {
        return None;
    }
    let x = (fp - fo) / (vo - vp);
    (x > 0.0).then_some(x * now)
}

/// `LC-KDS-…` findings (docs/findings.md).
pub fn check(s: &Scenario) -> Vec<Finding> {
    let mut out = Vec::new();
    for k in &s.kinesis.streams {
        let warn = |code, message: String| Finding {
            code,
            severity: Severity::Warning,
            resource: k.name.clone(),
            message,
            monthly_cost_usd: None,
            loc: k.loc,
        };
        let peak_rps = k.records_per_second * k.peak_factor;
        let peak_mib = peak_rps * k.record_size.0 / MIB;
        if let Some(share) = k.hottest_key_share {
            let (key_mib, key_rps) = (peak_mib * share.value(), peak_rps * share.value());
            if key_mib > SHARD_WRITE_MIB_S || key_rps > SHARD_WRITE_RECORDS_S {
                out.push(warn(
                    "LC-KDS-001",
                    format!(
                        "the busiest partition key writes {key_mib:.2} MB/s and {key_rps:.0} records/s at peak; a key maps to one shard (1 MB/s, 1,000 records/s), so more shards cannot absorb it: spread the key"
                    ),
                ));
            }
        }
        let polls = f64::from(k.consumers) * POLLS_PER_CONSUMER_S;
        if k.mode != KinesisMode::OnDemand && polls > GETRECORDS_PER_SHARD_S {
            out.push(warn(
                "LC-KDS-002",
                format!(
                    "{} shared consumers polling once a second make {polls:.0} GetRecords calls per second per shard, above the limit of 5: they will be throttled; use enhanced fan-out for some",
                    k.consumers
                ),
            ));
        }
        let quota = if LARGE_QUOTA_REGIONS.contains(&s.region.as_str()) {
            DEFAULT_SHARD_QUOTA_LARGE
        } else {
            DEFAULT_SHARD_QUOTA
        };
        let shards = size(k).shards;
        if k.mode != KinesisMode::OnDemand && shards > quota {
            out.push(warn(
                "LC-KDS-004",
                format!(
                    "{shards:.0} shards exceed the default quota of {quota:.0} shards per account in {}: request an increase before relying on this size",
                    s.region
                ),
            ));
        }
        // Under `mode: compare` on-demand may not be what is billed: the warning is a
        // note on that alternative.
        let about = if k.mode == KinesisMode::Compare {
            "if this stream ran on-demand (the alternative `mode: compare` weighs): "
        } else {
            ""
        };
        if k.mode != KinesisMode::Provisioned && peak_mib > ON_DEMAND_DEFAULT_MAX_WRITE_MIB_S {
            out.push(warn(
                "LC-KDS-004",
                format!(
                    "{about}the peak of {peak_mib:.0} MB/s is above an on-demand stream's default write limit of 200 MB/s: request an increase"
                ),
            ));
        }
        if k.mode != KinesisMode::Provisioned {
            let peak_units = write_units_per_second(k, peak_rps);
            if peak_mib > ON_DEMAND_START_WRITE_MIB_S || peak_units > ON_DEMAND_START_RECORDS_S {
                out.push(warn(
                    "LC-KDS-003",
                    format!(
                        "{about}a new on-demand stream accepts 4 MB/s and 4,000 records/s; the peak of {peak_mib:.1} MB/s and {peak_units:.0} records/s is throttled until the stream has scaled to it (it adapts to twice its previous peak)"
                    ),
                ));
            } else if k.peak_factor > ON_DEMAND_PEAK_GROWTH {
                out.push(warn(
                    "LC-KDS-003",
                    format!(
                        "{about}peaks of {}× the average exceed the 2× previous-peak an on-demand stream adapts to at once: spikes from a quiet baseline are throttled for up to 15 minutes",
                        k.peak_factor
                    ),
                ));
            }
        }
    }
    out
}

/// The service's room in the registry (`model::services`).
pub const ROOM: super::services::Room = super::services::Room {
    service: Service::Kinesis,
    keys: keys::ALL,
    billing: super::services::Billing::Steady(estimate),
    check: Some(|c| Ok(check(c.scenario))),
    feeds: None,
    colour: 0,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::Fraction;

    fn stream(rps: f64, record_kib: f64) -> KinesisStream {
        KinesisStream::new("s", rps, Bytes::from_kib(record_kib))
    }

    /// The line priced with `key` in a bill.
    fn line<'a>(bill: &'a Bill, key: &str) -> &'a crate::model::LineItem {
        bill.lines
            .iter()
            .find(|l| l.price.key == key)
            .unwrap_or_else(|| panic!("no `{key}` line"))
    }

    #[test]
    fn on_demand_with_aggregation_rounds_the_packed_records() {
        // Kinesis on-demand pricing: ingest is billed per GB with each *Kinesis record*
        // rounded up to 1 KB. With KPL aggregation the records put are the aggregated
        // records, not the 200 B user records. A 200 B record takes 208 B in an
        // aggregate (KPL aggregation format: 1 + 2 bytes of `records` framing, 2 of
        // partition-key index, 1 + 2 of data framing), so (25,600 − 38) ÷ 208 → 122
        // whole records fill one, of 122 × 208 + 38 = 25,414 B, billed as 25 KB.
        // 5,000 ÷ 122 = 40.98 aggregates/s × 25,600 B × 2,628,000 s (730 h) ÷ 2^30
        // = 2,567.9 GiB × $0.08 = $205.43 (not 5,000 × 1 KB → $1,002.50).
        // Retrieval by 1 consumer of the 25,414 B put: 2,549.2 GiB × $0.04 = $101.97;
        // stream-hours 730 × $0.04 = $29.20; on-demand total $336.60.
        // Provisioned at a ×40 peak: write 40.98 × 25,414 × 40 ÷ 2^20 = 39.73 MB/s → 40
        // shards × 730 h × $0.015 = $438.00, plus 40.98 payload units/s × 2,628,000 s
        // = 107.7 M × $0.014/M = $1.51: $439.51. `compare` bills on-demand.
        let mut k = KinesisStream::new("clicks", 5000.0, Bytes(200.0));
        k.aggregation = true;
        k.peak_factor = 40.0;
        k.mode = KinesisMode::Compare;
        let book = PriceBook::bundled().unwrap();
        let od = on_demand(&book, "us-east-1", &k).unwrap();
        let ingest = line(&od, "kinesis.on_demand.ingest");
        assert!(
            (ingest.cost_usd.value() - 205.4308).abs() < 1e-3,
            "{}",
            ingest.cost_usd.value()
        );
        assert!((od.total().value() - 336.5999).abs() < 1e-3);
        let prov = provisioned(&book, "us-east-1", &k, &size(&k)).unwrap();
        assert_eq!(size(&k).shards, 40.0);
        assert!(
            (prov.total().value() - 439.5079).abs() < 1e-3,
            "{}",
            prov.total().value()
        );
        let mut sc = Scenario::new("t", "us-east-1", 1);
        sc.kinesis.streams.push(k);
        let billed = estimate(&sc, &book).unwrap();
        assert!(
            billed
                .lines
                .iter()
                .any(|l| l.price.key == "kinesis.on_demand.ingest")
        );
    }

    #[test]
    fn reads_of_data_older_than_7_days_bill_long_term_retrieval() {
        // Kinesis pricing: long-term retention data retrieval, $0.021 per GB.
        // 500 GiB a month read from a 30-day stream: 500 × $0.021 = $10.50.
        let mut k = stream(1000.0, 1.0);
        k.retention = crate::units::Duration::from_hours(30.0 * 24.0);
        k.long_term_reads_per_month = Bytes(500.0 * GIB);
        let book = PriceBook::bundled().unwrap();
        let b = provisioned(&book, "us-east-1", &k, &size(&k)).unwrap();
        let l = line(&b, "kinesis.provisioned.long_term_retrieval");
        assert!((l.cost_usd.value() - 10.5).abs() < 1e-9);
        // On-demand has no captured price for it: the missing key is named, not guessed.
        let e = on_demand(&book, "us-east-1", &k).err().unwrap().to_string();
        assert!(e.contains("kinesis.on_demand.long_term_retrieval"), "{e}");
    }

    #[test]
    fn lc_kds_003_under_compare_is_a_note_on_the_alternative() {
        let mut k = stream(10_000.0, 1.0);
        k.mode = KinesisMode::Compare;
        let mut s = Scenario::new("t", "us-east-1", 1);
        s.kinesis.streams.push(k);
        let f = check(&s);
        let kds3 = f.iter().find(|f| f.code == "LC-KDS-003").unwrap();
        assert!(
            kds3.message.starts_with("if this stream ran on-demand"),
            "{}",
            kds3.message
        );
    }

    #[test]
    fn five_mb_written_read_twice_and_5000_records_is_5_shards() {
        // 5,000 records/s of 1,048.576 bytes = 5 MB/s (MB = 2^20): write 5 ÷ 1 = 5;
        // records 5,000 ÷ 1,000 = 5; read 5 MB/s × 2 consumers ÷ 2 = 5 → 5 shards.
        let mut s = KinesisStream::new("s", 5000.0, Bytes(1_048_576.0 / 1000.0));
        s.consumers = 2;
        let z = size(&s);
        assert_eq!(z.shards, 5.0);
        assert!((z.by_write - 5.0).abs() < 1e-9 && (z.by_read - 5.0).abs() < 1e-9);
    }

    #[test]
    fn ten_thousand_1_kb_records_is_10_shards_bound_by_records() {
        // write 10,000 × 1 KB = 9.77 MB/s → 9.77; records 10,000 ÷ 1,000 = 10;
        // read 9.77 × 1 ÷ 2 = 4.88 → ceil(10) = 10, records bind.
        let z = size(&stream(10_000.0, 1.0));
        assert_eq!(z.shards, 10.0);
        assert_eq!(z.binding, Limit::Records);
    }

    #[test]
    fn peak_factor_and_headroom_scale_the_count() {
        // 10,000 records/s × peak 2 = 20,000/s → 20 shards; +20% headroom → 24.
        let mut s = stream(10_000.0, 1.0);
        s.peak_factor = 2.0;
        assert_eq!(size(&s).shards, 20.0);
        s.headroom = Fraction(0.2);
        assert_eq!(size(&s).shards, 24.0);
        // A trickle still needs one shard.
        assert_eq!(size(&stream(1.0, 1.0)).shards, 1.0);
    }

    #[test]
    fn aggregation_packs_records_into_payload_units() {
        // A 1 KB record takes 1,032 B in an aggregate (KPL framing), so 24 whole records
        // fill a 25 KB unit: 10,000 ÷ 24 = 416.7 aggregates/s of 24 × 1,032 + 38 =
        // 24,806 B → 9.857 MB/s: the write limit binds instead of records: 10 shards.
        let mut s = stream(10_000.0, 1.0);
        s.aggregation = true;
        let z = size(&s);
        assert!((z.by_records - 10_000.0 / 24.0 / 1000.0).abs() < 1e-9);
        assert!((z.by_write - 10_000.0 / 24.0 * 24_806.0 / MIB).abs() < 1e-9);
        assert_eq!(z.binding, Limit::Write);
        assert_eq!(z.shards, 10.0);
    }

    #[test]
    fn kpl_packs_whole_records() {
        // 1,000 records/s of 2 KB: a record takes 2,056 B in an aggregate (1 + 2 +
        // 2 + 1 + 2 bytes of framing), so 12 fill a 25 KB unit (not 12.5): 12 × 2,056 +
        // 38 = 24,710 B, billed on-demand as 25 KB. 1,000 ÷ 12 × 25,600 B × 2,628,000 s
        // ÷ 2^30 × $0.08 = $417.71 a month (bytes as written: $401.00); provisioned, 83.3
        // PUT payload units a second (bytes ÷ 25 KB: 80).
        let mut k = stream(1000.0, 2.0);
        k.aggregation = true;
        assert_eq!(kpl_packing(&k), Some((12.0, Bytes(24_710.0))));
        k.mode = KinesisMode::OnDemand;
        let book = PriceBook::bundled().unwrap();
        let od = on_demand(&book, "us-east-1", &k).unwrap();
        let ingest = line(&od, "kinesis.on_demand.ingest");
        assert!((ingest.cost_usd.value() - 417.709).abs() < 1e-3);
        let prov = provisioned(&book, "us-east-1", &k, &size(&k)).unwrap();
        let units = line(&prov, "kinesis.provisioned.put_payload_unit");
        assert!((units.quantity - 1000.0 / 12.0 * SECONDS_PER_MONTH).abs() < 1e-3);
        // A record too large to share a unit with its framing is put as it is.
        let mut big = stream(10.0, 24.99);
        big.aggregation = true;
        assert_eq!(kpl_packing(&big), None);
    }

    #[test]
    fn put_payload_units_are_25_kb_chunks_per_record() {
        // Kinesis pricing: "a 5KB record is 1 unit, a 45KB record is 2 units, a 1MB
        // record is 40 units" — the last counts 1 MB as 1,000 KB (1 MiB is 41).
        assert_eq!(put_payload_units(Bytes::from_kib(5.0)), 1.0);
        assert_eq!(put_payload_units(Bytes::from_kib(45.0)), 2.0);
        assert_eq!(put_payload_units(Bytes::from_kib(1000.0)), 40.0);
        assert_eq!(put_payload_units(Bytes::from_kib(1024.0)), 41.0);
    }

    #[test]
    fn on_demand_rounds_each_record_up_to_1_kb() {
        // "4.5 KB is billed as 5 KB."
        assert_eq!(on_demand_billed_bytes(Bytes::from_kib(4.5)), 5.0 * 1024.0);
        assert_eq!(on_demand_billed_bytes(Bytes(100.0)), 1024.0);
    }

    #[test]
    fn hot_key_warns_even_when_shards_are_ample() {
        // 2,000 records/s of 10 KB = 19.5 MB/s; a key with 10% carries 1.95 MB/s.
        let mut s = stream(2000.0, 10.0);
        s.hottest_key_share = Some(Fraction(0.1));
        s.headroom = Fraction(1.0);
        let mut sc = Scenario::new("t", "us-east-1", 1);
        sc.kinesis.streams.push(s);
        let f = check(&sc);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].code, "LC-KDS-001");
    }
}
