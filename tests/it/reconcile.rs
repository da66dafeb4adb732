//! `lakecost reconcile` against bills written by the test: a CUR 2.0 export as
//! Parquet and as gzip CSV, a FOCUS 1.2 export as Parquet, with known differences
//! injected, each effect checked to the cent against a hand computation.

use crate::support::athena_server;
use crate::support::bills::{self, Charge, Dialect};
use crate::support::run::{SECRET, lakecost, lakecost_aws, text};
use serde_json::Value;
use std::path::Path;

const SCENARIO: &str = r#"version: 1
name: Reconciled lake
region: us-east-1
months: 12
ingest: { per_day: 100 GB }
s3:
  layers:
    - { name: landing, share_of_ingest: 100%, object_size: 128 MB, expire_after_days: 30, aws: { bucket: lake-landing } }
glue:
  jobs:
    - { name: nightly, worker_type: G.1X, workers: 10, runs_per_day: 1, duration: 30 min, aws: { job: nightly-etl } }
redshift:
  clusters:
    - { name: wh, node_type: ra3.xlplus, nodes: 2, data: 1 TB, aws: { cluster: wh-prod } }
"#;

const CLUSTER_ARN: &str = "arn:aws:redshift:us-east-1:123456789012:cluster:wh-prod";

/// The scenario's month-3 S3 storage in GB-months, as the estimate states it.
fn estimated_storage(dir: &Path) -> f64 {
    let o = lakecost(&[
        "estimate",
        dir.join("lake.yaml").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", text(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    v["months"][2]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["usage_type"] == "TimedStorage-ByteHrs")
        .unwrap()["quantity"]
        .as_f64()
        .unwrap()
}

/// November 2026's bill (720 hours) for the scenario's month 3, with:
/// - S3 storage 30 % over the estimate, at list ($0.023 per GB-month, S3 pricing);
/// - 23,500 PUTs at list ($0.005 per 1,000);
/// - the Glue job's DPU-hours 50 % over: 225 DPU-hours at $0.44, in 30 daily rows;
/// - the Redshift cluster's 1,440 node-hours (2 nodes × 720 h) billed 10 % under list
///   ($1.086 × 0.9);
/// - its managed storage as estimated (1,024 GB-months at $0.024);
/// - a NAT gateway (720 h at $0.045) and another bucket (100 GB-months), which the
///   scenario does not describe;
/// - a credit of $25 and $12.34 of tax.
fn bill(storage_gb_months: f64) -> Vec<Charge> {
    let mut rows = vec![
        Charge::usage(
            "AmazonS3",
            "TimedStorage-ByteHrs",
            "StandardStorage",
            storage_gb_months * 1.3,
            storage_gb_months * 1.3 * 0.023,
            Some("lake-landing"),
            "GB-Mo",
        ),
        Charge::usage(
            "AmazonS3",
            "Requests-Tier1",
            "PutObject",
            23_500.0,
            23_500.0 * 0.000005,
            Some("lake-landing"),
            "Requests",
        ),
        Charge::usage(
            "AmazonRedshift",
            "Node:ra3.xlplus",
            "RunComputeNode:0001",
            1440.0,
            1440.0 * 1.086 * 0.9,
            Some(CLUSTER_ARN),
            "Hrs",
        ),
        Charge::usage(
            "AmazonRedshift",
            "RMS:GB-Month",
            "",
            1024.0,
            1024.0 * 0.024,
            Some(CLUSTER_ARN),
            "GB-Mo",
        ),
        Charge::usage(
            "AmazonEC2",
            "NatGateway-Hours",
            "NatGateway",
            720.0,
            32.4,
            Some("arn:aws:ec2:us-east-1:123456789012:natgateway/nat-0123456789abcdef0"),
            "Hrs",
        ),
        Charge::usage(
            "AmazonS3",
            "TimedStorage-ByteHrs",
            "StandardStorage",
            100.0,
            2.3,
            Some("other-bucket"),
            "GB-Mo",
        ),
        Charge::of_kind("Credit", -25.0),
        Charge::of_kind("Tax", 12.34),
    ];
    // The lake's resources carry its cost allocation tag; the NAT gateway another
    // team's, the other bucket none.
    for r in &mut rows[..4] {
        r.tags = vec![("user_team", "lake"), ("user_env", "prod")];
    }
    rows[4].tags = vec![("user_team", "web")];
    for _ in 0..30 {
        let mut run = Charge::usage(
            "AWSGlue",
            "USE1-ETL-DPU-Hour",
            "Jobrun",
            7.5,
            7.5 * 0.44,
            Some("arn:aws:glue:us-east-1:123456789012:job/nightly-etl"),
            "DPU-Hour",
        );
        run.tags = vec![("user_team", "lake")];
        rows.push(run);
    }
    rows
}

/// `reconcile` of the scenario in `dir` against `bill` with `args`: its standard
/// output, the temporary directory written `DIR`.
fn run(dir: &Path, bill: &Path, args: &[&str]) -> String {
    let scenario = dir.join("lake.yaml");
    let mut all = vec![
        "reconcile",
        scenario.to_str().unwrap(),
        "--actuals",
        bill.to_str().unwrap(),
    ];
    all.extend_from_slice(args);
    let o = lakecost(&all);
    assert!(o.status.success(), "{}", text(&o));
    String::from_utf8(o.stdout)
        .unwrap()
        .replace(dir.to_str().unwrap(), "DIR")
}

/// [`run`] as JSON, the bill being November 2026 for a horizon starting in September.
fn reconcile(dir: &Path, bill: &Path, extra: &[&str]) -> Value {
    let args = [&["--start", "2026-09", "--format", "json"], extra].concat();
    serde_json::from_str(&run(dir, bill, &args)).unwrap()
}

fn line<'a>(r: &'a Value, usage_type: &str) -> &'a Value {
    r["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["usage_type"] == usage_type)
        .unwrap_or_else(|| panic!("no line {usage_type} in {r:#}"))
}

fn close(v: &Value, expected: f64) {
    let got = v.as_f64().unwrap_or_else(|| panic!("{v} is not a number"));
    assert!(
        (got - expected).abs() < 0.005,
        "{got} where {expected} was computed by hand"
    );
}

/// Every effect of the injected bill, to the cent.
fn check(r: &Value, q: f64) {
    assert_eq!(r["schema"], "lakecost.reconciliation/v1");
    assert_eq!(r["estimate_month"], 3);
    assert_eq!(r["period"]["start"], "2026-11-01");
    assert_eq!(r["period"]["end"], "2026-12-01");
    assert_eq!(r["period"]["hours"], 720.0);
    // S3 storage: GB-months are a monthly average, so the period's length changes
    // nothing; 30 % more of them at list is a quantity effect of 0.3 × q × $0.023.
    let s = line(r, "TimedStorage-ByteHrs");
    assert_eq!(s["bound_to"][0], "lake-landing");
    close(&s["estimated_usd"], q * 0.023);
    close(&s["quantity_effect_usd"], 0.3 * q * 0.023);
    close(&s["rate_effect_usd"], 0.0);
    close(&s["calendar_effect_usd"], 0.0);
    // Glue: 10 DPUs × 0.5 h × 30.4167 days = 152.08 DPU-hours in 730 h; 150 in
    // November's 720. Billed 225: +75 × $0.44 = $33.00; calendar −2.083 × $0.44.
    let g = line(r, "ETL-DPU-Hour");
    close(&g["estimated_quantity"], 150.0);
    close(&g["estimated_usd"], 66.0);
    close(&g["actual_usd"], 99.0);
    close(&g["quantity_effect_usd"], 33.0);
    close(&g["rate_effect_usd"], 0.0);
    close(&g["calendar_effect_usd"], -0.916_666_7);
    // Redshift nodes: 2 × 720 h at $1.086 = $1,563.84, billed 10 % under list: a rate
    // effect of −$156.38; the calendar takes 2 × 10 h × $1.086 = $21.72 off.
    let n = line(r, "Node:ra3.xlplus");
    close(&n["estimated_quantity"], 1440.0);
    close(&n["estimated_usd"], 1563.84);
    close(&n["quantity_effect_usd"], 0.0);
    close(&n["rate_effect_usd"], -156.384);
    close(&n["calendar_effect_usd"], -21.72);
    // PUTs: 24,000 a 730-hour month are 23,671.23 in 720 hours; 23,500 billed.
    let p = line(r, "Requests-Tier1");
    close(&p["estimated_quantity"], 24_000.0 * 720.0 / 730.0);
    close(
        &p["quantity_effect_usd"],
        (23_500.0 - 24_000.0 * 720.0 / 730.0) * 5e-6,
    );
    close(&line(r, "RMS:GB-Month")["actual_usd"], 24.576);
    // The NAT gateway and the other bucket are not this lake's.
    let u = r["unmatched"].as_array().unwrap();
    assert_eq!(u.len(), 2, "{u:#?}");
    assert_eq!(u[0]["usage_type"], "NatGateway-Hours");
    assert_eq!(u[0]["reason"], "no estimate line of this meter");
    close(&u[0]["actual_usd"], 32.4);
    assert_eq!(u[1]["resource_id"], "other-bucket");
    assert_eq!(
        u[1]["reason"],
        "another resource than the ones the scenario binds"
    );
    let t = &r["totals"];
    let matched = q * 1.3 * 0.023 + 0.1175 + 99.0 + 1440.0 * 1.086 * 0.9 + 24.576;
    close(&t["matched_actual_usd"], matched);
    close(&t["unmatched_usd"], 34.7);
    close(&t["actual_usage_usd"], matched + 34.7);
    assert!((t["coverage"].as_f64().unwrap() - matched / (matched + 34.7)).abs() < 1e-9);
    // The walk from the estimate to the bill adds up.
    let walk: f64 = [
        "estimated_usd",
        "calendar_effect_usd",
        "quantity_effect_usd",
        "rate_effect_usd",
    ]
    .iter()
    .map(|k| t[*k].as_f64().unwrap())
    .sum();
    assert!((walk - matched).abs() < 1e-6, "{walk} ≠ {matched}");
    // Credits and tax apart, never in usage.
    close(&r["credits_usd"], -25.0);
    close(&r["tax_usd"], 12.34);
    assert!(r["missing"].as_array().unwrap().is_empty());
}

fn setup() -> (tempfile::TempDir, f64) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("lake.yaml"), SCENARIO).unwrap();
    let q = estimated_storage(dir.path());
    (dir, q)
}

#[test]
fn a_cur_export_reconciles_to_the_cent_from_parquet_and_gzip_csv() {
    let (dir, q) = setup();
    let rows = bill(q);
    let parquet = dir.path().join("cur.parquet");
    bills::parquet(&parquet, Dialect::Cur2, &rows, 7);
    let from_parquet = reconcile(dir.path(), &parquet, &[]);
    assert_eq!(from_parquet["bill"]["dialect"], "CUR 2.0");
    check(&from_parquet, q);
    let gz = dir.path().join("cur.csv.gz");
    bills::csv_gz(&gz, Dialect::Cur2, &rows);
    let from_csv = reconcile(dir.path(), &gz, &[]);
    check(&from_csv, q);
    // The same sums, up to the order of additions (row groups are summed apart).
    for (k, v) in from_parquet["totals"].as_object().unwrap() {
        let (a, b) = (v.as_f64().unwrap(), from_csv["totals"][k].as_f64().unwrap());
        assert!((a - b).abs() < 1e-9, "{k}: {a} from Parquet, {b} from CSV");
    }
    // A Data Exports directory of parts is one bill.
    let export = dir.path().join("export/data/BILLING_PERIOD=2026-11");
    std::fs::create_dir_all(&export).unwrap();
    bills::parquet(
        &export.join("part-1.parquet"),
        Dialect::Cur2,
        &rows[..20],
        5,
    );
    bills::parquet(
        &export.join("part-2.parquet"),
        Dialect::Cur2,
        &rows[20..],
        5,
    );
    std::fs::write(dir.path().join("export/manifest.json"), "{}").unwrap();
    let from_dir = reconcile(dir.path(), &dir.path().join("export"), &[]);
    check(&from_dir, q);
    assert_eq!(from_dir["bill"]["files"].as_array().unwrap().len(), 2);
}

#[test]
fn a_focus_export_reconciles_like_the_cur() {
    let (dir, q) = setup();
    let parquet = dir.path().join("focus.parquet");
    bills::parquet(&parquet, Dialect::Focus, &bill(q), 1000);
    let r = reconcile(dir.path(), &parquet, &[]);
    assert_eq!(r["bill"]["dialect"], "FOCUS 1.2");
    check(&r, q);
}

#[test]
fn estimated_lines_the_bill_lacks_are_listed_with_their_cost() {
    let (dir, q) = setup();
    let rows: Vec<Charge> = bill(q)
        .into_iter()
        .filter(|c| c.service_code != "AWSGlue")
        .collect();
    let f = dir.path().join("cur.csv");
    std::fs::write(&f, bills::csv_text(Dialect::Cur2, &rows)).unwrap();
    let r = reconcile(dir.path(), &f, &[]);
    let m = r["missing"].as_array().unwrap();
    assert_eq!(m.len(), 1);
    assert_eq!(m[0]["resource"], "nightly");
    close(&m[0]["estimated_usd"], 66.0);
    close(&line(&r, "ETL-DPU-Hour")["quantity_effect_usd"], -66.0);
}

/// [`run`] for estimate month 3.
fn month_3(dir: &Path, bill: &Path, extra: &[&str]) -> String {
    run(dir, bill, &[&["--month", "3"], extra].concat())
}

#[test]
fn the_table_and_markdown_walk_from_estimate_to_bill() {
    let (dir, q) = setup();
    let f = dir.path().join("cur.parquet");
    bills::parquet(&f, Dialect::Cur2, &bill(q), 100);
    insta::assert_snapshot!("table", month_3(dir.path(), &f, &["--width", "160"]));
    insta::assert_snapshot!(
        "markdown",
        month_3(dir.path(), &f, &["--format", "markdown"])
    );
}

/// Runs reconcile on a bad bill: exit 2, the message holds `expected`, and `--out`
/// is not written.
fn refused(dir: &Path, bill: &Path, extra: &[&str], expected: &str) {
    let scenario = dir.join("lake.yaml");
    let out = dir.join("out.json");
    let mut args = vec![
        "reconcile",
        scenario.to_str().unwrap(),
        "--actuals",
        bill.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let o = lakecost(&args);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains(expected),
        "no `{expected}` in {}",
        text(&o)
    );
    assert!(!out.exists());
}

#[test]
fn bad_bills_exit_2_naming_the_column_or_period() {
    let (dir, q) = setup();
    let d = dir.path();
    let good = bills::csv_text(Dialect::Cur2, &bill(q));
    let write = |name: &str, text: &str| {
        let p = d.join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    // A column reconcile needs is missing.
    let no_amount = write(
        "no-amount.csv",
        &good.replacen("line_item_usage_amount", "usage_amount", 1),
    );
    refused(
        d,
        &no_amount,
        &["--month", "3"],
        "has no column `line_item_usage_amount`",
    );
    // A column of the wrong type.
    let mut lines: Vec<String> = good.lines().map(str::to_string).collect();
    lines[3] = lines[3].replacen(",1440,", ",many,", 1);
    assert!(lines[3].contains("many"), "{}", lines[3]);
    let wrong = write("wrong.csv", &(lines.join("\n") + "\n"));
    refused(
        d,
        &wrong,
        &["--month", "3"],
        "row 4: column `line_item_usage_amount` holds something other than a number",
    );
    // Another currency.
    let eur = write("eur.csv", &good.replace(",USD,", ",EUR,"));
    refused(
        d,
        &eur,
        &["--month", "3"],
        "column `line_item_currency_code` is `EUR`",
    );
    // A period outside the estimate's 12 months.
    let f = write("good.csv", &good);
    refused(
        d,
        &f,
        &["--start", "2025-01"],
        "the billing period 2026-11 is estimate month 23, which is not in the estimate",
    );
    // Several periods: say which.
    let mut two = bill(q);
    two[0].period = "2026-10";
    let two = write("two.csv", &bills::csv_text(Dialect::Cur2, &two));
    refused(
        d,
        &two,
        &["--month", "3"],
        "holds several billing periods (2026-10, 2026-11): choose one with --period",
    );
    refused(
        d,
        &two,
        &["--month", "3", "--period", "2026-07"],
        "holds no rows of that period",
    );
    // A broken Parquet file.
    let broken = write("broken.parquet", "PAR1 not really");
    refused(d, &broken, &["--month", "3"], "not a readable Parquet file");
    // A scenario's own start says which month; a start that is no month is refused
    // at its line and column.
    std::fs::write(
        d.join("started.yaml"),
        SCENARIO.replacen("months: 12", "months: 12\nstart: 2026-09", 1),
    )
    .unwrap();
    let o = lakecost(&[
        "reconcile",
        d.join("started.yaml").to_str().unwrap(),
        "--actuals",
        f.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", text(&o));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["estimate_month"], 3);
    std::fs::write(
        d.join("bad-start.yaml"),
        SCENARIO.replacen("months: 12", "months: 12\nstart: 2026-13", 1),
    )
    .unwrap();
    let o = lakecost(&["validate", d.join("bad-start.yaml").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).contains("bad-start.yaml:5:8: `start`: expected the calendar month"),
        "{}",
        text(&o)
    );
    // Not a bill at all, and no month.
    let other = write("other.csv", "a,b\n1,2\n");
    refused(
        d,
        &other,
        &["--month", "3"],
        "not a CUR 2.0 or FOCUS 1.2 export",
    );
    refused(d, &f, &[], "say which estimate month the bill is");
}

/// The stand-in holding the bill as a CUR 2.0 table: its columns and, as the query's
/// result, the bill's rows (Athena writes timestamps `YYYY-MM-DD HH:MM:SS.sss`).
fn athena_with_bill(q: f64) -> athena_server::Fixture {
    let f = athena_server::Fixture::start();
    let csv = bills::csv_text(Dialect::Cur2, &bill(q));
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows: Vec<Vec<Option<String>>> = r
        .records()
        .map(|rec| {
            rec.unwrap()
                .iter()
                .map(|v| Some(v.replace("T00:00:00Z", " 00:00:00.000")))
                .collect()
        })
        .collect();
    f.with(|s| {
        s.columns = header
            .iter()
            .map(|h| {
                let ty = match h.as_str() {
                    "bill_billing_period_start_date" => "timestamp",
                    "resource_tags" => "map<string,string>",
                    "line_item_usage_amount" | "line_item_unblended_cost" => "double",
                    _ => "string",
                };
                (h.clone(), ty.to_string())
            })
            .collect();
        s.result_columns = header;
        s.rows = rows;
    });
    f
}

fn reconcile_athena(
    dir: &Path,
    f: &athena_server::Fixture,
    extra: &[&str],
) -> std::process::Output {
    let scenario = dir.join("lake.yaml");
    let mut args = vec![
        "reconcile",
        scenario.to_str().unwrap(),
        "--athena",
        "cur.data",
        "--period",
        "2026-11",
        "--start",
        "2026-09",
        "--endpoint-url",
        &f.url,
        "--max-attempts",
        "1",
    ];
    args.extend_from_slice(extra);
    let home = dir.join("home");
    std::fs::create_dir_all(&home).unwrap();
    lakecost_aws(&args, true, &home, &[])
}

#[test]
fn an_athena_table_reconciles_like_the_export_in_one_paged_query() {
    let (dir, q) = setup();
    let f = athena_with_bill(q);
    let o = reconcile_athena(dir.path(), &f, &["--format", "json"]);
    assert!(o.status.success(), "{}", text(&o));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    check(&r, q);
    let query = &r["bill"]["query"];
    assert_eq!(query["engine"], "athena");
    assert_eq!(query["query_execution_id"], "q-0001");
    assert_eq!(query["data_scanned_bytes"], 52_428_800);
    // 50 MB at $5 per TB (Athena pricing, us-east-1).
    close(&query["cost_usd"], 50.0 / 1_048_576.0 * 5.0);
    assert!(text(&o).contains("Athena bills $5.00 per TB scanned in us-east-1"));
    let (sql, calls) = f.with(|s| (s.queries.clone(), s.calls.clone()));
    assert_eq!(sql.len(), 1);
    assert!(sql[0].contains("FROM \"cur\".\"data\""), "{}", sql[0]);
    assert!(
        sql[0].contains("\"bill_billing_period_start_date\" = TIMESTAMP '2026-11-01 00:00:00' AND \"billing_period\" = '2026-11'"),
        "{}",
        sql[0]
    );
    // 38 rows, 3 a page: 13 pages, after one RUNNING poll and one SUCCEEDED.
    assert_eq!(
        calls[..4],
        [
            "GetTableMetadata",
            "StartQueryExecution",
            "GetQueryExecution",
            "GetQueryExecution"
        ]
    );
    assert_eq!(calls.iter().filter(|c| *c == "GetQueryResults").count(), 13);
    assert!(!text(&o).contains(SECRET));
}

#[test]
fn print_sql_shows_the_query_and_its_price_and_runs_nothing() {
    let (dir, q) = setup();
    let f = athena_with_bill(q);
    let o = reconcile_athena(dir.path(), &f, &["--print-sql"]);
    assert!(o.status.success(), "{}", text(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    assert!(out.starts_with("SELECT "), "{out}");
    assert!(out.contains("SUM(\"line_item_unblended_cost\")"), "{out}");
    assert!(
        out.contains("-- Athena bills $5.00 per TB scanned"),
        "{out}"
    );
    assert_eq!(f.with(|s| s.calls.clone()), ["GetTableMetadata"]);
}

#[test]
fn a_failed_or_cancelled_query_is_reported_and_nothing_written() {
    let (dir, q) = setup();
    for (state, said) in [("FAILED", "failed"), ("CANCELLED", "was cancelled")] {
        let f = athena_with_bill(q);
        f.with(|s| {
            s.end_state = state;
            s.reason = "TABLE_NOT_FOUND: line 2:6: Table cur.data does not exist \u{1b}[31m".into();
        });
        let out = dir.path().join("r.json");
        let o = reconcile_athena(dir.path(), &f, &["--out", out.to_str().unwrap()]);
        assert!(!o.status.success());
        let t = text(&o);
        assert!(
            t.contains(&format!("the Athena query q-0001 {said}: TABLE_NOT_FOUND")),
            "{t}"
        );
        assert!(
            !t.contains('\u{1b}'),
            "an escape from the server reached the terminal: {t}"
        );
        assert!(!out.exists());
    }
    // The period is needed before the query: refused before any call.
    let f = athena_with_bill(q);
    let scenario = dir.path().join("lake.yaml");
    for (table, period, said) in [
        ("cur.data", None, "--period YYYY-MM"),
        ("cur.da\"ta", Some("2026-11"), "is not a Glue name"),
    ] {
        let mut args = vec!["reconcile", scenario.to_str().unwrap(), "--athena", table];
        args.extend(["--month", "3"]);
        args.extend(period.iter().flat_map(|p| ["--period", p]));
        let o = lakecost(&args);
        assert_eq!(o.status.code(), Some(2));
        assert!(text(&o).contains(said), "{}", text(&o));
    }
    assert!(f.with(|s| s.calls.is_empty()));
}

#[test]
fn tags_restrict_the_bill_to_the_lake_from_a_map_or_json_of_tags() {
    let (dir, q) = setup();
    let rows = bill(q);
    let cur = dir.path().join("cur.parquet");
    bills::parquet(&cur, Dialect::Cur2, &rows, 6);
    let gz = dir.path().join("cur.csv.gz");
    bills::csv_gz(&gz, Dialect::Cur2, &rows);
    let focus = dir.path().join("focus.parquet");
    bills::parquet(&focus, Dialect::Focus, &rows, 6);
    for f in [&cur, &gz, &focus] {
        let r = reconcile(dir.path(), f, &["--tag", "user_team=lake"]);
        // The NAT gateway, the untagged bucket, the credit and the tax are left out.
        assert_eq!(r["bill"]["untagged_rows"], 4, "{}", f.display());
        assert_eq!(r["bill"]["tags"][0], "user_team=lake");
        assert_eq!(r["unmatched"].as_array().unwrap().len(), 0);
        assert_eq!(r["totals"]["coverage"], 1.0);
        close(&line(&r, "ETL-DPU-Hour")["actual_usd"], 99.0);
        close(&r["credits_usd"], 0.0);
        // Two tags: every one must be carried (the Glue runs lack user_env).
        let r = reconcile(
            dir.path(),
            f,
            &["--tag", "user_team=lake", "--tag", "user_env=prod"],
        );
        assert_eq!(r["bill"]["untagged_rows"], 34, "{}", f.display());
        close(&line(&r, "ETL-DPU-Hour")["actual_usd"], 0.0);
    }
    // A tag AWS could not have written is refused.
    let scenario = dir.path().join("lake.yaml");
    let o = lakecost(&[
        "reconcile",
        scenario.to_str().unwrap(),
        "--actuals",
        cur.to_str().unwrap(),
        "--month",
        "3",
        "--tag",
        "team='x'",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).contains("--tag: expected KEY=VALUE"),
        "{}",
        text(&o)
    );
    // Athena filters the map in the query.
    let f = athena_with_bill(q);
    let o = reconcile_athena(dir.path(), &f, &["--tag", "user_team=lake", "--print-sql"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout)
            .contains("AND element_at(\"resource_tags\", 'user_team') = 'lake'"),
        "{}",
        text(&o)
    );
}

/// `--write`: a Lambda function billed 30,000 requests in November's 30 days is 1,000
/// invocations a day; an Athena workgroup of 100 queries a day billed 0.6 TB scanned
/// scans 0.6 × 1,024 / (100 × 30) = 0.2048 GB a query. Other keys are left as written.
/// The functions are bound: unbound, their requests would be one line of two resources.
#[test]
fn write_sets_the_keys_one_billed_quantity_makes() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = format!(
        "{SCENARIO}lambda:\n  functions:\n    - {{ name: enrich, invocations_per_day: 800, duration: 200 ms, memory: 512 MB, free_tier: false, aws: {{ function: enrich }} }}\n    - {{ name: free, invocations_per_day: 800, duration: 200 ms, memory: 512 MB, free_tier: true, aws: {{ function: free }} }}\nathena:\n  workgroups:\n    - {{ name: adhoc, queries_per_day: 100, scanned_per_query: 1 GB }}\n"
    );
    std::fs::write(dir.path().join("lake.yaml"), &scenario).unwrap();
    let mut rows = vec![
        Charge::usage(
            "AWSLambda",
            "USE1-Request",
            "Invoke",
            30_000.0,
            0.006,
            Some("arn:aws:lambda:us-east-1:123456789012:function:enrich"),
            "Requests",
        ),
        Charge::usage(
            "AWSLambda",
            "USE1-Request",
            "Invoke",
            9_000.0,
            0.0,
            Some("arn:aws:lambda:us-east-1:123456789012:function:free"),
            "Requests",
        ),
        Charge::usage(
            "AmazonAthena",
            "USE1-DataScannedInTB",
            "",
            0.6,
            3.0,
            Some("arn:aws:athena:us-east-1:123456789012:workgroup/adhoc"),
            "Terabytes",
        ),
    ];
    rows.push(Charge::of_kind("Tax", 0.5));
    let f = dir.path().join("cur.csv");
    std::fs::write(&f, bills::csv_text(Dialect::Cur2, &rows)).unwrap();
    let out = dir.path().join("from-bill.yaml");
    let r = reconcile(dir.path(), &f, &["--write", out.to_str().unwrap()]);
    let changes = r["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 2, "{changes:#?}");
    assert_eq!(changes[0]["resource"], "enrich");
    close(&changes[0]["billed"], 1000.0);
    assert_eq!(changes[1]["key"], "scanned_per_query");
    assert!((changes[1]["billed"].as_f64().unwrap() - 0.2048).abs() < 1e-9);
    assert!(
        r["notes"][0]
            .as_str()
            .unwrap()
            .starts_with("free: `invocations_per_day` not written")
    );
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(
        written.starts_with("# Quantities from the bill of 2026-11-01 to 2026-12-01"),
        "{written}"
    );
    assert!(
        written.contains("# - enrich `invocations_per_day`: 800 → 1000 invocations a day"),
        "{written}"
    );
    assert!(
        written.contains("name: enrich, invocations_per_day: 1000,"),
        "{written}"
    );
    assert!(
        written.contains("scanned_per_query: 0.2048 GB"),
        "{written}"
    );
    // The rest is as written, and the copy loads.
    assert!(
        written.contains("name: free, invocations_per_day: 800,"),
        "{written}"
    );
    let o = lakecost(&["validate", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    // Never over the scenario itself; nothing written then.
    let scenario_path = dir.path().join("lake.yaml");
    let o = lakecost(&[
        "reconcile",
        scenario_path.to_str().unwrap(),
        "--actuals",
        f.to_str().unwrap(),
        "--month",
        "3",
        "--write",
        scenario_path.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert_eq!(std::fs::read_to_string(&scenario_path).unwrap(), scenario);
}

/// A bill is untrusted: a resource ID that is a spreadsheet formula, a usage type with
/// a terminal escape and a text-direction override reach no output as they are.
#[test]
fn hostile_bill_text_is_neutralised_in_every_format() {
    let (dir, q) = setup();
    let mut rows = bill(q);
    rows.push(Charge::usage(
        "AmazonEC2",
        "Hostile\u{1b}[31m\u{202e}Usage",
        "",
        1.0,
        1.0,
        Some("=HYPERLINK(\"http://x\")"),
        "Hrs",
    ));
    let f = dir.path().join("cur.parquet");
    bills::parquet(&f, Dialect::Cur2, &rows, 10);
    let table = month_3(dir.path(), &f, &["--width", "200"]);
    assert!(
        !table.contains('\u{1b}') && !table.contains('\u{202e}'),
        "{table}"
    );
    assert!(
        table.contains("Hostile\\u{1b}[31m\\u{202e}Usage"),
        "{table}"
    );
    let csv = month_3(dir.path(), &f, &["--format", "csv"]);
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    assert!(!csv.contains(",=HYPERLINK"), "{csv}");
    let md = month_3(dir.path(), &f, &["--format", "markdown"]);
    assert!(!md.contains('\u{1b}') && !md.contains('\u{202e}'), "{md}");
}
