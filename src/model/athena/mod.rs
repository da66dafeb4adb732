//! Amazon Athena SQL queries (Amazon Athena pricing page): each query's scanned bytes are
//! rounded up to the next MB with a 10 MB minimum, and priced per TB.
//!
//! In derived mode the scan follows the table: stored bytes are `table_size ÷
//! compression`; row formats (text, JSON, CSV) are read whole, columnar formats (Parquet,
//! ORC) only for the columns a query reads; partition pruning scales both.

pub mod keys;

use super::services::LayerMonth;
use super::timeline::DAYS_PER_MONTH;
use super::{Bill, CapacityRow, Finding, LineItem, Service, Severity};
use crate::pricing::{PriceBook, PricingError};
use crate::scenario::{AthenaWorkgroup, Scan, Scenario};
use crate::units::{Bytes, Usd};

use crate::units::MIB as MB;
/// A row-format table whose columnar copy would save at least this much a month is
/// worth a warning.
pub const COLUMNAR_SAVING_WORTH_WARNING_USD: f64 = 10.0;

/// Bytes one query scans.
pub fn scanned_bytes(scan: &Scan) -> f64 {
    match *scan {
        Scan::PerQuery(b) => b.0,
        Scan::Derived {
            table_size,
            format,
            compression,
            columns_read,
            partitions_read,
        } => {
            let stored = table_size.0 / compression;
            let columns = if format.is_columnar() {
                columns_read.value()
            } else {
                1.0
            };
            stored * columns * partitions_read.value()
        }
    }
}

use super::per_query_billed_mb as billed_mb;

/// TB billed a month (1 TB = 2^20 MB).
fn tb_per_month(w: &AthenaWorkgroup) -> f64 {
    w.queries_per_day * DAYS_PER_MONTH * billed_mb(scanned_bytes(&w.scan)) / (MB)
}

/// The workgroups as they query in a month of what the layers did: one whose table is
/// a layer's objects (`table:`) scans them as stored that month.
pub fn workgroups_in(s: &Scenario, layers: &LayerMonth) -> Vec<AthenaWorkgroup> {
    s.athena
        .workgroups
        .iter()
        .map(|w| {
            let mut w = w.clone();
            if let (Some(table), Scan::Derived { table_size, .. }) = (&w.table, &mut w.scan) {
                *table_size = Bytes::from_gib(layers.stored_gb_of(s, table));
            }
            w
        })
        .collect()
}

/// What the workgroups read of a month: their tables' stored GB.
fn reads(s: &Scenario, layers: &LayerMonth) -> Vec<f64> {
    layers.each(
        s,
        s.athena.workgroups.iter().filter_map(|w| w.table.as_ref()),
        LayerMonth::stored_gb_of,
    )
}

fn month(
    s: &Scenario,
    book: &PriceBook,
    layers: &LayerMonth,
) -> Result<Vec<LineItem>, PricingError> {
    let mut b = Bill::new(book, &s.region, Service::Athena);
    for w in &workgroups_in(s, layers) {
        b.add(&w.name, &keys::SQL_SCANNED, "data scanned", tb_per_month(w))?;
    }
    Ok(b.lines)
}

fn capacity(
    s: &Scenario,
    _: &PriceBook,
    layers: &LayerMonth,
) -> Result<Vec<CapacityRow>, PricingError> {
    Ok(workgroups_in(s, layers)
        .iter()
        .map(|w| CapacityRow {
            service: Service::Athena,
            resource: w.name.clone(),
            metric: "scanned per query".into(),
            value: scanned_bytes(&w.scan) / (1024.0 * MB),
            unit: "GB".into(),
            note: format!(
                "{:.0} MB billed a query; {} queries a day {}",
                billed_mb(scanned_bytes(&w.scan)),
                w.queries_per_day,
                match &w.table {
                    Some(t) => format!(
                        "over {:.0}% of layer `{}` as stored",
                        t.share.value() * 100.0,
                        t.layer
                    ),
                    None => "over a fixed table: follows no layer".into(),
                }
            ),
        })
        .collect())
}

/// LC-ATH-001: a row-format table queried heavily, with what a columnar copy saves.
pub fn check(
    s: &Scenario,
    book: &PriceBook,
    layers: &LayerMonth,
) -> Result<Vec<Finding>, PricingError> {
    let mut out = Vec::new();
    if s.athena.workgroups.is_empty() {
        return Ok(out);
    }
    let rate = book.price(&s.region, &keys::SQL_SCANNED)?.rate();
    for w in &workgroups_in(s, layers) {
        let Scan::Derived {
            format,
            columns_read,
            ..
        } = w.scan
        else {
            continue;
        };
        if format.is_columnar() {
            continue;
        }
        let now = tb_per_month(w) * rate;
        let columnar = w.queries_per_day
            * DAYS_PER_MONTH
            * billed_mb(scanned_bytes(&w.scan) * columns_read.value())
            / MB
            * rate;
        let saving = now - columnar;
        if saving >= COLUMNAR_SAVING_WORTH_WARNING_USD {
            out.push(Finding {
                code: "LC-ATH-001",
                severity: Severity::Warning,
                resource: w.name.clone(),
                message: format!(
                    "queries read whole {} rows; a Parquet or ORC copy read for {:.0}% of its columns would scan {:.0}% less",
                    format.name(),
                    columns_read.value() * 100.0,
                    (1.0 - columns_read.value()) * 100.0
                ),
                monthly_cost_usd: Some(Usd(saving)),
                loc: w.loc,
            });
        }
    }
    Ok(out)
}

/// The service's room in the registry (`model::services`).
pub const ROOM: super::services::Room = super::services::Room {
    service: Service::Athena,
    keys: keys::ALL,
    billing: super::services::Billing::FollowsLayers {
        month,
        capacity,
        reads: Some(reads),
        fixed: None,
    },
    check: Some(|c| check(c.scenario, c.book, &c.steady)),
    feeds: None,
    colour: 3,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::TableFormat;
    use crate::units::{Bytes, Fraction};

    fn group(queries: f64, scan: Scan) -> AthenaWorkgroup {
        AthenaWorkgroup {
            name: "a".into(),
            loc: None,
            queries_per_day: queries,
            scan,
            table: None,
        }
    }

    #[test]
    fn two_hundred_queries_of_5_gb_a_day() {
        // 5 GB = 5,120 MB a query; 200 × 30.4167 × 5,120 MB = 31,146,667 MB
        // = 29.70 TB × $5 = $148.52.
        let w = group(200.0, Scan::PerQuery(Bytes::from_gib(5.0)));
        assert!((tb_per_month(&w) * 5.0 - 200.0 * DAYS_PER_MONTH * 5120.0 / MB * 5.0).abs() < 1e-9);
    }

    #[test]
    fn small_queries_bill_10_mb() {
        // "rounded up to the nearest megabyte, with a 10 MB minimum per query".
        assert_eq!(billed_mb(3.0 * MB), 10.0);
        assert_eq!(billed_mb(10.5 * MB), 11.0);
    }

    #[test]
    fn json_reads_everything_parquet_reads_its_columns() {
        // 1.5 TB of JSON compressed 4:1 = 384 GB stored, read whole: 384 GB a query.
        // Its Parquet copy (same compression) read for a fifth of the columns: 76.8 GB.
        let derived = |format, columns| Scan::Derived {
            table_size: Bytes::from_gib(1536.0),
            format,
            compression: 4.0,
            columns_read: Fraction(columns),
            partitions_read: Fraction::ONE,
        };
        assert!(
            (scanned_bytes(&derived(TableFormat::Json, 0.2)) - 384.0 * 1024.0 * MB).abs() < 1.0
        );
        assert!(
            (scanned_bytes(&derived(TableFormat::Parquet, 0.2)) - 76.8 * 1024.0 * MB).abs() < 1.0
        );
        // Reading 2% of the partitions scales the scan: 7.68 GB... of 384 GB = 7.68 GB.
        let pruned = Scan::Derived {
            table_size: Bytes::from_gib(1536.0),
            format: TableFormat::Json,
            compression: 4.0,
            columns_read: Fraction::ONE,
            partitions_read: Fraction(0.02),
        };
        assert!((scanned_bytes(&pruned) - 7.68 * 1024.0 * MB).abs() < 1.0);
    }
}
