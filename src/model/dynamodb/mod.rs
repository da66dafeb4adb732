//! Amazon DynamoDB (DynamoDB pricing page, on-demand and provisioned): throughput in
//! request units (on-demand) or capacity unit-hours (provisioned) by table class,
//! storage of the table and its indexes, point-in-time recovery and on-demand backups,
//! exports to S3 and DynamoDB Streams reads.
//!
//! A read of up to 4 KB is one unit strongly consistent, half a unit eventually
//! consistent and two units transactional; a write of up to 1 KB is one unit, two when
//! transactional; larger items take a unit per 4 KB (reads) or 1 KB (writes) begun. A
//! provisioned unit serves one such unit a second, so a table consuming `r` units a
//! second at a target utilisation `u` provisions `⌈r / u⌉` units, billed every hour.

pub mod keys;

use super::{Bill, CapacityRow, Monthly, Service, after_free_tier};
use crate::pricing::spec::PriceKey;
use crate::pricing::{PriceBook, PricingError};
use crate::scenario::Scenario;
use crate::scenario::dynamodb::{CapacityMode, Consistency, DynamoTable, TableClass};
use crate::units::{Bytes, GIB, HOURS_PER_MONTH, KIB, SECONDS_PER_MONTH};

/// The free tier (DynamoDB pricing page, "AWS Free Tier"): 25 GB of storage and 25
/// provisioned read and 25 write capacity units, for the Standard table class, per
/// account; shared among the tables that ask for it (`free_tier: true`).
pub const FREE_STORAGE_GB: f64 = 25.0;
pub const FREE_CAPACITY_UNITS: f64 = 25.0;

/// Read request units one read of `item` consumes.
pub fn read_units(item: Bytes, consistency: Consistency) -> f64 {
    let per_4kb = (item.0 / (4.0 * KIB)).ceil().max(1.0);
    per_4kb
        * match consistency {
            Consistency::Eventual => 0.5,
            Consistency::Strong => 1.0,
            Consistency::Transactional => 2.0,
        }
}

/// Write request units one write of `item` consumes.
pub fn write_units(item: Bytes, transactional: bool) -> f64 {
    (item.0 / KIB).ceil().max(1.0) * if transactional { 2.0 } else { 1.0 }
}

/// Units a second a table consumes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Throughput {
    pub read: f64,
    pub write: f64,
}

/// The table's reads and its indexes' (eventually consistent: a global secondary index
/// serves no other), its writes and one write of each index's projection per table
/// write (an index is kept in step with every write to its table).
pub fn throughput(t: &DynamoTable) -> Throughput {
    let index_reads: f64 = t
        .indexes
        .iter()
        .map(|x| x.reads_per_second * read_units(x.projected_item_size, Consistency::Eventual))
        .sum();
    let index_writes: f64 = t
        .indexes
        .iter()
        .map(|x| write_units(x.projected_item_size, false))
        .sum();
    Throughput {
        read: t.reads_per_second * read_units(t.item_size, t.reads) + index_reads,
        write: t.writes_per_second
            * (write_units(t.item_size, t.transactional_writes) + index_writes),
    }
}

/// Whole capacity units provisioned for `consumed` units a second at `target` use.
pub fn provisioned_units(consumed: f64, target: f64) -> f64 {
    (consumed / target).ceil()
}

struct ClassKeys {
    read: &'static PriceKey,
    write: &'static PriceKey,
    rcu: &'static PriceKey,
    wcu: &'static PriceKey,
    storage: &'static PriceKey,
}

fn class_keys(class: TableClass) -> ClassKeys {
    match class {
        TableClass::Standard => ClassKeys {
            read: &keys::ON_DEMAND_READ_STANDARD,
            write: &keys::ON_DEMAND_WRITE_STANDARD,
            rcu: &keys::PROVISIONED_RCU_STANDARD,
            wcu: &keys::PROVISIONED_WCU_STANDARD,
            storage: &keys::STORAGE_STANDARD,
        },
        TableClass::StandardIa => ClassKeys {
            read: &keys::ON_DEMAND_READ_STANDARD_IA,
            write: &keys::ON_DEMAND_WRITE_STANDARD_IA,
            rcu: &keys::PROVISIONED_RCU_STANDARD_IA,
            wcu: &keys::PROVISIONED_WCU_STANDARD_IA,
            storage: &keys::STORAGE_STANDARD_IA,
        },
    }
}

/// How a table's throughput is billed once `compare` has chosen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Billed {
    OnDemand,
    Provisioned,
}

/// The table's and its indexes' stored GB.
pub fn stored_gb(t: &DynamoTable) -> f64 {
    (t.storage.0 + t.indexes.iter().map(|x| x.storage.0).sum::<f64>()) / GIB
}

/// How many capacity units provisioned mode bills for the consumed rate.
#[derive(Clone, Copy)]
enum Sizing {
    /// Whole units at the table's target utilisation, each keeping a share after the
    /// account's free tier (reads, writes).
    Target { free: (f64, f64) },
    /// Exactly the consumed units (fully used), for the break-even utilisation.
    Exact,
}

impl Sizing {
    /// Unit-hours a month billed for `consumed` units a second, and the share of them
    /// left after the free tier.
    fn unit_hours(self, t: &DynamoTable, consumed: f64, free: fn((f64, f64)) -> f64) -> f64 {
        match self {
            Sizing::Target { free: shares } => {
                provisioned_units(consumed, t.target()) * HOURS_PER_MONTH * free(shares)
            }
            Sizing::Exact => consumed * HOURS_PER_MONTH,
        }
    }
}

/// The throughput lines of `t` billed `how`.
fn throughput_bill<'a>(
    book: &'a PriceBook,
    region: &'a str,
    t: &DynamoTable,
    how: Billed,
    sizing: Sizing,
) -> Result<Bill<'a>, PricingError> {
    let k = class_keys(t.class);
    let tp = throughput(t);
    let mut b = Bill::new(book, region, Service::Dynamodb);
    match how {
        Billed::OnDemand => {
            b.add(
                &t.name,
                k.read,
                "read request units",
                tp.read * SECONDS_PER_MONTH,
            )?;
            b.add(
                &t.name,
                k.write,
                "write request units",
                tp.write * SECONDS_PER_MONTH,
            )?;
        }
        Billed::Provisioned => {
            b.add(
                &t.name,
                k.rcu,
                "provisioned read capacity unit-hours",
                sizing.unit_hours(t, tp.read, |f| f.0),
            )?;
            b.add(
                &t.name,
                k.wcu,
                "provisioned write capacity unit-hours",
                sizing.unit_hours(t, tp.write, |f| f.1),
            )?;
        }
    }
    Ok(b)
}

/// List prices: no free tier.
const LIST: Sizing = Sizing::Target { free: (1.0, 1.0) };

fn row(t: &DynamoTable, metric: &str, value: f64, unit: &str, note: String) -> CapacityRow {
    CapacityRow {
        service: Service::Dynamodb,
        resource: t.name.clone(),
        metric: metric.into(),
        value,
        unit: unit.into(),
        note,
    }
}

/// How `t` is billed: as written, or under `compare` the cheaper at its target use.
pub fn billed(book: &PriceBook, region: &str, t: &DynamoTable) -> Result<Billed, PricingError> {
    Ok(match t.capacity {
        CapacityMode::OnDemand => Billed::OnDemand,
        CapacityMode::Provisioned => Billed::Provisioned,
        CapacityMode::Compare => {
            let od = throughput_bill(book, region, t, Billed::OnDemand, LIST)?.total();
            let pr = throughput_bill(book, region, t, Billed::Provisioned, LIST)?.total();
            if pr < od {
                Billed::Provisioned
            } else {
                Billed::OnDemand
            }
        }
    })
}

/// The utilisation at which provisioned capacity costs what on-demand does: the
/// provisioned cost of the consumed units at full use over the on-demand cost. `None`
/// when the table consumes nothing.
pub fn break_even_utilisation(
    book: &PriceBook,
    region: &str,
    t: &DynamoTable,
) -> Result<Option<f64>, PricingError> {
    let od = throughput_bill(book, region, t, Billed::OnDemand, Sizing::Exact)?.total();
    let full = throughput_bill(book, region, t, Billed::Provisioned, Sizing::Exact)?.total();
    Ok((od.value() > 0.0).then(|| full.value() / od.value()))
}

fn capacity_rows(
    book: &PriceBook,
    region: &str,
    t: &DynamoTable,
    how: Billed,
) -> Result<Vec<CapacityRow>, PricingError> {
    let tp = throughput(t);
    let target = t.target();
    let mut rows = vec![
        row(
            t,
            "read units consumed",
            tp.read,
            "/s",
            "table and index reads, average".into(),
        ),
        row(
            t,
            "write units consumed",
            tp.write,
            "/s",
            "table writes and their index writes, average".into(),
        ),
    ];
    if how == Billed::Provisioned || t.capacity == CapacityMode::Compare {
        let at = format!("at {:.0}% target utilisation", target * 100.0);
        rows.push(row(
            t,
            "provisioned RCU",
            provisioned_units(tp.read, target),
            "units",
            at.clone(),
        ));
        rows.push(row(
            t,
            "provisioned WCU",
            provisioned_units(tp.write, target),
            "units",
            at,
        ));
    }
    if t.capacity == CapacityMode::Compare {
        let od = throughput_bill(book, region, t, Billed::OnDemand, LIST)?.total();
        let pr = throughput_bill(book, region, t, Billed::Provisioned, LIST)?.total();
        let mark = |chosen: bool| {
            if chosen {
                "cheaper: priced in the bill"
            } else {
                "more expensive"
            }
            .to_string()
        };
        rows.push(row(
            t,
            "provisioned",
            pr.value(),
            "$/month",
            mark(how == Billed::Provisioned),
        ));
        rows.push(row(
            t,
            "on-demand",
            od.value(),
            "$/month",
            mark(how == Billed::OnDemand),
        ));
        if let Some(u) = break_even_utilisation(book, region, t)? {
            let note = if u < 1.0 {
                format!(
                    "utilisation at which both modes cost the same: provisioned is cheaper above it; target {:.0}%",
                    target * 100.0
                )
            } else {
                "on-demand is cheaper even with provisioned capacity fully used".into()
            };
            rows.push(row(t, "break-even utilisation", u * 100.0, "%", note));
        }
    }
    Ok(rows)
}

/// Bytes a month the table's exports write to S3: each full export the whole table,
/// each incremental export the items written since the last, at most every write's
/// item and at most the whole table (AWS bills an item rewritten within one window
/// once, so this is an upper bound for a table whose writes revisit items).
pub fn exported_per_month(t: &DynamoTable) -> (Bytes, Bytes) {
    let Some(e) = &t.export else {
        return (Bytes::ZERO, Bytes::ZERO);
    };
    let full = Bytes(t.storage.0 * e.full_per_month);
    let changed = if e.incremental_per_day > 0.0 {
        let window = 86_400.0 / e.incremental_per_day;
        let per_export = (t.writes_per_second * window * t.item_size.0).min(t.storage.0);
        Bytes(per_export * e.incremental_per_day * super::DAYS_PER_MONTH)
    } else {
        Bytes::ZERO
    };
    (full, changed)
}

pub fn estimate(s: &Scenario, book: &PriceBook) -> Result<Monthly, PricingError> {
    let standard = |t: &&DynamoTable| t.free_tier && t.class == TableClass::Standard;
    let mut asking_storage = 0.0;
    let mut asking_units = (0.0, 0.0);
    let mut chosen = Vec::with_capacity(s.dynamodb.tables.len());
    for t in &s.dynamodb.tables {
        let how = billed(book, &s.region, t)?;
        if standard(&t) {
            asking_storage += stored_gb(t);
            if how == Billed::Provisioned {
                let tp = throughput(t);
                let target = t.target();
                asking_units.0 += provisioned_units(tp.read, target);
                asking_units.1 += provisioned_units(tp.write, target);
            }
        }
        chosen.push(how);
    }
    let mut lines = Vec::new();
    let mut capacity = Vec::new();
    for (t, how) in s.dynamodb.tables.iter().zip(chosen) {
        let asks = standard(&t);
        // Reads and writes each have their own 25 free units, so each its own share.
        let free = (
            after_free_tier(asks, FREE_CAPACITY_UNITS, asking_units.0),
            after_free_tier(asks, FREE_CAPACITY_UNITS, asking_units.1),
        );
        let mut b = throughput_bill(book, &s.region, t, how, Sizing::Target { free })?;
        let k = class_keys(t.class);
        b.add(
            &t.name,
            k.storage,
            "storage, table and indexes (GB-month)",
            stored_gb(t) * after_free_tier(asks, FREE_STORAGE_GB, asking_storage),
        )?;
        let table_gb = t.storage.0 / GIB;
        if t.point_in_time_recovery {
            b.add(
                &t.name,
                &keys::BACKUP_PITR,
                "point-in-time recovery (GB-month)",
                table_gb,
            )?;
        }
        b.add(
            &t.name,
            &keys::BACKUP_ON_DEMAND,
            "on-demand backups (GB-month)",
            table_gb * t.backups_retained,
        )?;
        let (full, changed) = exported_per_month(t);
        b.add(
            &t.name,
            &keys::EXPORT,
            "full exports to S3 (GB)",
            full.gib(),
        )?;
        b.add(
            &t.name,
            &keys::EXPORT_INCREMENTAL,
            "incremental exports to S3 (GB)",
            changed.gib(),
        )?;
        b.add(
            &t.name,
            &keys::STREAMS_READ,
            "Streams read requests",
            t.stream_reads_per_second * SECONDS_PER_MONTH,
        )?;
        lines.extend(b.lines);
        capacity.extend(capacity_rows(book, &s.region, t, how)?);
    }
    Ok(Monthly { lines, capacity })
}

/// The bytes a day each table's exports write into the layer they feed, for the S3
/// model (`export.feeds_layer`).
pub fn feed(s: &mut Scenario) {
    for t in &s.dynamodb.tables {
        let Some(layer) = t.export.as_ref().and_then(|e| e.feeds_layer.as_ref()) else {
            continue;
        };
        let (full, changed) = exported_per_month(t);
        let per_day = Bytes((full.0 + changed.0) / super::DAYS_PER_MONTH);
        if let Some(l) = s.s3.layers.iter_mut().find(|l| l.name == layer.value) {
            l.delivered_per_day = Some(per_day);
        }
    }
}

/// The service's room in the registry (`model::services`).
pub const ROOM: super::services::Room = super::services::Room {
    service: Service::Dynamodb,
    keys: keys::ALL,
    billing: super::services::Billing::Steady(estimate),
    check: None,
    feeds: Some(feed),
    colour: 9,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::dynamodb::{Export, GlobalIndex};
    use crate::units::Fraction;

    fn lines(region: &str, t: DynamoTable) -> Monthly {
        let mut s = Scenario::new("t", region, 1);
        s.dynamodb.tables.push(t);
        estimate(&s, &PriceBook::bundled().unwrap()).unwrap()
    }

    fn cost(m: &Monthly, key: &str) -> f64 {
        crate::model::testing::cost_of_key(&m.lines, key)
    }

    fn close(a: f64, b: f64) {
        crate::model::testing::assert_close(a, b, 1e-9);
    }

    #[test]
    fn units_follow_the_pricing_pages_examples() {
        // DynamoDB pricing page: a strongly consistent read of an 8 KB item takes two
        // units, eventually consistent one, transactional four; a write of 1 KB one
        // unit, of 3 KB three, transactional six.
        let kb = |k: f64| Bytes(k * KIB);
        assert_eq!(read_units(kb(8.0), Consistency::Strong), 2.0);
        assert_eq!(read_units(kb(8.0), Consistency::Eventual), 1.0);
        assert_eq!(read_units(kb(8.0), Consistency::Transactional), 4.0);
        assert_eq!(read_units(kb(0.5), Consistency::Eventual), 0.5);
        assert_eq!(write_units(kb(1.0), false), 1.0);
        assert_eq!(write_units(kb(3.0), false), 3.0);
        assert_eq!(write_units(kb(3.0), true), 6.0);
        assert_eq!(write_units(kb(1.1), false), 2.0);
    }

    #[test]
    fn three_million_write_units_in_us_east_2() {
        // 3,000,000 WRU × $0.625 per million = $1.875 ("3,000,000 WRUs $1.88" in
        // infracost's Price List golden for us-east-2).
        let t = DynamoTable::new("t", 0.0, 3e6 / SECONDS_PER_MONTH, Bytes::ZERO);
        close(
            cost(&lines("us-east-2", t), "dynamodb.on_demand.write.STANDARD"),
            1.875,
        );
    }

    #[test]
    fn provisioned_capacity_is_whole_units_at_the_target_utilisation() {
        // 100 eventually consistent reads/s of 4 KB = 50 RCU consumed; at 70 %,
        // ⌈71.43⌉ = 72 RCU × 730 h × $0.00013 = $6.8328. 10 writes/s of 4 KB = 40 WCU;
        // ⌈57.14⌉ = 58 WCU × 730 h × $0.00065 = $27.521 (us-east-1).
        let mut t = DynamoTable::new("t", 100.0, 10.0, Bytes::ZERO);
        t.item_size = Bytes(4.0 * KIB);
        t.capacity = CapacityMode::Provisioned;
        let m = lines("us-east-1", t);
        close(
            cost(&m, "dynamodb.provisioned.rcu.STANDARD"),
            72.0 * 730.0 * 0.00013,
        );
        close(
            cost(&m, "dynamodb.provisioned.wcu.STANDARD"),
            58.0 * 730.0 * 0.00065,
        );
    }

    #[test]
    fn compare_bills_the_cheaper_and_names_the_break_even() {
        // Standard, us-east-1: an RCU-hour ($0.00013) serves 3,600 RRU ($0.125 per
        // million): full use costs 0.00013 / (3,600 × 0.000000125) = 28.89 % of
        // on-demand, and WCU the same (0.00065 / (3,600 × 0.000000625)). So at 70 %
        // target use provisioned wins.
        let mut t = DynamoTable::new("t", 1000.0, 100.0, Bytes::ZERO);
        t.capacity = CapacityMode::Compare;
        let book = PriceBook::bundled().unwrap();
        let u = break_even_utilisation(&book, "us-east-1", &t)
            .unwrap()
            .unwrap();
        close(u, 0.00013 / (3600.0 * 0.000000125));
        assert_eq!(billed(&book, "us-east-1", &t).unwrap(), Billed::Provisioned);
        let m = lines("us-east-1", t.clone());
        assert!(cost(&m, "dynamodb.on_demand.read.STANDARD") == 0.0);
        let row = m
            .capacity
            .iter()
            .find(|r| r.metric == "break-even utilisation");
        close(row.unwrap().value, u * 100.0);
        // At 20 % target use on-demand wins.
        t.target_utilisation = Some(Fraction(0.2));
        assert_eq!(billed(&book, "us-east-1", &t).unwrap(), Billed::OnDemand);
    }

    #[test]
    fn storage_backups_exports_and_indexes() {
        // 100 GB table + 20 GB index, us-east-1: storage 120 × $0.25 = $30; PITR on
        // the table's 100 GB × $0.20 = $20; two on-demand backups 200 × $0.10 = $20;
        // one full export 100 GB × $0.10 = $10. Each table write also writes the
        // index's 0.5 KB projection: 2 WRU per write.
        let mut t = DynamoTable::new("t", 0.0, 1.0, Bytes::from_gib(100.0));
        t.indexes.push(GlobalIndex {
            name: "by_user".into(),
            projected_item_size: Bytes(512.0),
            storage: Bytes::from_gib(20.0),
            reads_per_second: 0.0,
        });
        t.point_in_time_recovery = true;
        t.backups_retained = 2.0;
        t.export = Some(Export {
            full_per_month: 1.0,
            incremental_per_day: 0.0,
            feeds_layer: None,
        });
        let m = lines("us-east-1", t);
        close(cost(&m, "dynamodb.storage.STANDARD"), 30.0);
        close(cost(&m, "dynamodb.backup.pitr"), 20.0);
        close(cost(&m, "dynamodb.backup.on_demand"), 20.0);
        close(cost(&m, "dynamodb.export"), 10.0);
        close(
            cost(&m, "dynamodb.on_demand.write.STANDARD"),
            2.0 * SECONDS_PER_MONTH * 0.000000625,
        );
    }

    #[test]
    fn the_free_tier_only_when_asked_and_only_for_standard() {
        // 30 GB asking: 25 GB free, 5 GB × $0.25 = $1.25. Standard-IA has no free tier:
        // 30 GB × $0.10 = $3.
        let mut t = DynamoTable::new("t", 0.0, 0.0, Bytes::from_gib(30.0));
        t.free_tier = true;
        close(
            cost(&lines("us-east-1", t.clone()), "dynamodb.storage.STANDARD"),
            1.25,
        );
        t.class = TableClass::StandardIa;
        close(
            cost(&lines("us-east-1", t), "dynamodb.storage.STANDARD_IA"),
            3.0,
        );
    }

    #[test]
    fn exports_feed_the_layer_they_name() {
        // A 30.4167 GB table exported in full once a month writes 1 GB a day.
        let mut s = Scenario::new("t", "us-east-1", 1);
        s.s3.layers.push(crate::scenario::Layer::new(
            "bronze",
            Fraction::ZERO,
            Bytes(128.0 * crate::units::MIB),
        ));
        let mut t = DynamoTable::new("t", 0.0, 0.0, Bytes::from_gib(super::super::DAYS_PER_MONTH));
        t.point_in_time_recovery = true;
        t.export = Some(Export {
            full_per_month: 1.0,
            incremental_per_day: 0.0,
            feeds_layer: Some(crate::scenario::Located::new("bronze".into())),
        });
        s.dynamodb.tables.push(t);
        feed(&mut s);
        close(s.s3.layers[0].delivered_per_day.unwrap().gib(), 1.0);
    }
}
