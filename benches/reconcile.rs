//! Time and peak memory of `reconcile` on a large bill: generates a CUR 2.0 Parquet
//! export of about 1 GB (`BILL_MB` to change; Snappy, 12 columns reconcile reads and
//! 8 it skips, 2,000 resources × 40 usage types), then reads and reconciles it against
//! 1tb-day's month 1 in a child process, which prints its time and peak resident
//! memory (VmHWM). Run: `cargo bench --bench reconcile`; `BILL_PATH=FILE` keeps the
//! generated bill in FILE and reuses it.

#[path = "../tests/it/support/bills.rs"]
mod bills;

#[path = "support/memory.rs"]
mod memory;

use bills::{Charge, Dialect};
use memory::peak_rss_mb;
use std::time::Instant;

const METERS: [(&str, &str, &str, &str); 8] = [
    (
        "AmazonS3",
        "TimedStorage-ByteHrs",
        "StandardStorage",
        "GB-Mo",
    ),
    ("AmazonS3", "Requests-Tier1", "PutObject", "Requests"),
    ("AmazonS3", "Requests-Tier2", "GetObject", "Requests"),
    ("AWSGlue", "USE1-ETL-DPU-Hour", "Jobrun", "DPU-Hour"),
    ("AmazonEC2", "BoxUsage:m5.xlarge", "RunInstances", "Hrs"),
    ("AmazonEC2", "NatGateway-Bytes", "NatGateway", "GB"),
    ("AWSLambda", "USE1-Request", "Invoke", "Requests"),
    (
        "AmazonKinesis",
        "Storage-ShardHour",
        "shardHourStorage",
        "ShardHour",
    ),
];

/// Distinct resources in the bill.
const RESOURCES: usize = 2_000;

/// The `i`th row of the generated bill: rows cycle through every resource and usage
/// type, as a CUR's hourly line items of a month do.
fn row(i: usize) -> Charge {
    let combo = i % (RESOURCES * 40);
    let (service, usage, op, unit) = METERS[combo % METERS.len()];
    let mut c = Charge::usage(
        service,
        usage,
        op,
        (i % 97) as f64 * 0.5,
        (i % 89) as f64 * 0.01,
        Some(&format!("resource-{:05}", combo / 40)),
        unit,
    );
    // Five usage types per meter: 40 in all.
    c.usage_type = [usage, "EU-x", "USE2-y", "APN1-z", "w"][(combo / 8) % 5];
    c
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--read") {
        read(&args[at + 1]);
        return;
    }
    let target_mb: usize = std::env::var("BILL_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1024);
    // `BILL_PATH` keeps the generated bill there, and reuses one already there.
    let dir = tempfile::tempdir().unwrap();
    let path = std::env::var_os("BILL_PATH")
        .map_or_else(|| dir.path().join("cur.parquet"), std::path::PathBuf::from);
    if !path.exists() {
        generate(&path, target_mb);
    }
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--read", path.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
}

fn generate(path: &std::path::Path, target_mb: usize) {
    let started = Instant::now();
    // About 143 bytes a row with Snappy (measured): 8 distinct 22-byte filler values
    // and the 12 columns read.
    let rows = target_mb * 1024 * 1024 / 143;
    let per_group = 500_000;
    let groups = (0..rows.div_ceil(per_group)).map(|g| {
        (g * per_group..((g + 1) * per_group).min(rows))
            .map(row)
            .collect()
    });
    bills::parquet_groups(path, Dialect::Cur2, groups, 8);
    let size = std::fs::metadata(path).unwrap().len();
    println!(
        "generated {} rows, {:.0} MB of CUR 2.0 Parquet in {:.1} s",
        rows,
        size as f64 / 1048576.0,
        started.elapsed().as_secs_f64()
    );
}

/// Reads and reconciles the bill (in the child), and reports.
fn read(path: &str) {
    let started = Instant::now();
    let bill =
        lakecost::reconcile::read::read_bill(std::path::Path::new(path), &Default::default())
            .unwrap();
    let read_s = started.elapsed().as_secs_f64();
    let text = std::fs::read_to_string("scenarios/1tb-day.yaml").unwrap();
    let s = lakecost::scenario::load_str(&text).unwrap();
    let book = lakecost::pricing::PriceBook::bundled_for(&["us-east-1"]).unwrap();
    let e = lakecost::model::estimate(&s, &book).unwrap();
    let (period, charges) = bill.periods.iter().next().unwrap();
    let r = lakecost::reconcile::reconcile(lakecost::reconcile::Input {
        scenario: "scenarios/1tb-day.yaml",
        lines: &e.months[0].lines,
        bindings: &s.bindings,
        estimate_month: 1,
        period: *period,
        charges,
        source: lakecost::reconcile::BillSource::of(&bill, &Default::default(), None),
    });
    println!(
        "read {} rows into {} meters in {:.2} s; reconciled in {:.2} s in all ({} lines, {} unmatched); peak RSS {:.0} MB",
        bill.rows,
        charges.usage.len(),
        read_s,
        started.elapsed().as_secs_f64(),
        r.lines.len(),
        r.unmatched.len(),
        peak_rss_mb()
    );
}
