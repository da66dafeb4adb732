//! `lakecost calibrate` over real HTTP against a CloudWatch stand-in on 127.0.0.1 that
//! speaks Smithy RPC v2 CBOR (see `support/cloudwatch_server.rs`): observed values
//! computed by hand from the served series, deviations, the calibrated file, partial
//! answers, throttling, free mode, and credentials.

use crate::support::cloudwatch_server::{Fixture, Key, State};
use crate::support::run::{SECRET, lakecost_aws};
use lakecost::model;
use lakecost::pricing::PriceBook;
use lakecost::scenario::{StorageClass, load_str};
use serde_json::Value;

const GIB: f64 = 1024.0 * 1024.0 * 1024.0;

const SCENARIO: &str = r#"version: 1
name: Calibrated lake
region: us-east-1
months: 12
ingest: { per_day: 100 GB }
s3:
  layers:
    - name: landing
      share_of_ingest: 100%
      object_size: 128 MB
      storage_class: STANDARD_IA
      expire_after_days: 90
      aws: { bucket: lake-landing }
kinesis:
  streams:
    - { name: events, records_per_second: 10000, peak_factor: 1.5, record_size: 1 KB, aws: { stream: events-stream } }
lambda:
  functions:
    - { name: on-upload, invocations_per_day: 800, duration: 500 ms, memory: 512 MB, aws: { function: on-upload-fn } }
athena:
  workgroups:
    - { name: adhoc, queries_per_day: 100, scanned_per_query: 10 GB, aws: { workgroup: adhoc } }
stepfunctions:
  state_machines:
    - { name: nightly, type: standard, executions_per_day: 1, transitions_per_execution: 10, aws: { arn: "arn:aws:states:us-east-1:123456789012:stateMachine:nightly" } }
"#;

/// 2026-11-26 00:00 UTC: the window is that one day (`--end 2026-11-26 --days 1`).
const DAY: i64 = 20_783 * 86_400;

/// The landing layer's STANDARD_IA GB at steady state, as the scenario implies it:
/// 100 GB a day, each kept from age ½ (written at midday) to the expiry at age 91.
const ASSUMED_IA_GB: f64 = 100.0 * 90.5;

/// The stand-in's data: 40 % more STANDARD_IA than assumed; a stream at 12,000
/// records/s on average with one minute at 30,000; 1,000 invocations of 600 ms; no
/// Athena metrics (publishing switched off); Step Functions denied.
fn serve() -> Fixture {
    let f = Fixture::start();
    f.with(|s| {
        let bucket = [("BucketName", "lake-landing")];
        let ia = |t: &str| {
            Key::new(
                "AWS/S3",
                "BucketSizeBytes",
                &[bucket[0], ("StorageType", t)],
                "Average",
            )
        };
        s.series.insert(
            ia("StandardIAStorage"),
            vec![(DAY - 86_400, 1.0), (DAY, 1.4 * ASSUMED_IA_GB * GIB)],
        );
        // S3's 128 KB minimum, reported apart: not object bytes.
        s.series
            .insert(ia("StandardIASizeOverhead"), vec![(DAY, 5.0 * GIB)]);
        s.put(
            "AWS/S3",
            "NumberOfObjects",
            &[bucket[0], ("StorageType", "AllStorageTypes")],
            "Average",
            vec![(DAY, 1.4 * ASSUMED_IA_GB * 8.0)],
        );
        // 1,439 ordinary minutes and one at 30,000 records/s (1,800,000 in the
        // minute), totalling 12,000 × 86,400 = 1,036,800,000 records; 1 KB each.
        let stream = [("StreamName", "events-stream")];
        let ordinary = (1_036_800_000.0 - 1_800_000.0) / 1439.0;
        let records: Vec<(i64, f64)> = (0..1440)
            .map(|m| (DAY + m * 60, if m == 600 { 1_800_000.0 } else { ordinary }))
            .collect();
        let bytes = records.iter().map(|(t, r)| (*t, r * 1024.0)).collect();
        s.put("AWS/Kinesis", "IncomingRecords", &stream, "Sum", records);
        s.put("AWS/Kinesis", "IncomingBytes", &stream, "Sum", bytes);
        s.put(
            "AWS/Kinesis",
            "WriteProvisionedThroughputExceeded",
            &stream,
            "Sum",
            vec![(DAY + 600 * 60, 12.0)],
        );
        serve_function(s, "on-upload-fn", 1000.0, 600_000.0);
        s.put(
            "AWS/States",
            "ExecutionsStarted",
            &[(
                "StateMachineArn",
                "arn:aws:states:us-east-1:123456789012:stateMachine:nightly",
            )],
            "Sum",
            vec![(DAY, 1.0)],
        );
        s.deny_namespace = Some("AWS/States".into());
        s.throttle = 1;
        s.page_points = 1000;
    });
    f
}

/// A day of a Lambda function's invocations and their summed duration in ms.
fn serve_function(s: &mut State, function: &str, invocations: f64, duration_ms: f64) {
    let dims = [("FunctionName", function)];
    s.put(
        "AWS/Lambda",
        "Invocations",
        &dims,
        "Sum",
        vec![(DAY, invocations)],
    );
    s.put(
        "AWS/Lambda",
        "Duration",
        &dims,
        "Sum",
        vec![(DAY, duration_ms)],
    );
}

fn run(f: &Fixture, dir: &std::path::Path, extra: &[&str]) -> std::process::Output {
    run_on(f, dir, SCENARIO, "1", extra)
}

/// `calibrate` of `text` over `days` days to 2026-11-26, against the stand-in.
fn run_on(
    f: &Fixture,
    dir: &std::path::Path,
    text: &str,
    days: &str,
    extra: &[&str],
) -> std::process::Output {
    let scenario = dir.join("lake.yaml");
    std::fs::write(&scenario, text).unwrap();
    let mut args = vec![
        "calibrate",
        scenario.to_str().unwrap(),
        "--end",
        "2026-11-26",
        "--days",
        days,
        "--endpoint-url",
        &f.url,
    ];
    args.extend_from_slice(extra);
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    lakecost_aws(&refs, true, dir, &[])
}

/// `calibrate --format json --write DIR/calibrated.yaml` of `text` over `days` days:
/// the report (the run must succeed) and the file written.
fn calibrated_json(f: &Fixture, dir: &std::path::Path, text: &str, days: &str) -> (Value, String) {
    let out = dir.join("calibrated.yaml");
    let o = run_on(
        f,
        dir,
        text,
        days,
        &["--format", "json", "--write", out.to_str().unwrap()],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        crate::support::run::text(&o)
    );
    let c: Value = serde_json::from_slice(&o.stdout).unwrap();
    (c, std::fs::read_to_string(&out).unwrap_or_default())
}

fn row<'a>(c: &'a Value, resource: &str, key: &str) -> &'a Value {
    c["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["resource"] == resource && r["key"] == key)
        .unwrap_or_else(|| panic!("no row {resource} {key} in {c:#}"))
}

fn close(a: f64, b: f64, tol: f64) {
    assert!((a - b).abs() <= tol * b.abs().max(1.0), "{a} != {b}");
}

#[test]
fn calibrate_reports_deviations_and_writes_a_calibrated_scenario() {
    let f = serve();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("calibrated.yaml");
    let o = run(
        &f,
        dir.path(),
        &["--format", "json", "--write", out.to_str().unwrap()],
    );
    let all = crate::support::run::text(&o);
    // A partial answer (Athena publishes nothing, Step Functions denied) is reported
    // and exits 1.
    assert_eq!(o.status.code(), Some(1), "{all}");
    assert!(!all.contains(SECRET) && !all.contains("AKIAFIXTURE"));
    let c: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(c["schema"], "lakecost.calibration/v1");

    // S3: the model's steady state is 100 GB × 90.5 days of STANDARD_IA.
    let book = PriceBook::bundled().unwrap();
    let s = load_str(SCENARIO).unwrap();
    let (_, usage) = model::s3::steady_state(&s).unwrap();
    close(
        usage[0].stored_gb(StorageClass::StandardIa),
        ASSUMED_IA_GB,
        1e-9,
    );
    let ia = row(&c, "landing", "stored STANDARD_IA");
    close(ia["assumed"].as_f64().unwrap(), ASSUMED_IA_GB, 1e-9);
    close(ia["observed"].as_f64().unwrap(), 1.4 * ASSUMED_IA_GB, 1e-9);
    close(ia["deviation"].as_f64().unwrap(), 0.40, 1e-9);
    assert_eq!(ia["flagged"], true);
    // Writing 140 % of ingest adds 3,620 GB of STANDARD_IA at $0.0125 ($45.25) and
    // 40 % more PUTs (100 GB × 0.4 × 8 objects × 30.42 days × $0.00001 = $0.10).
    let total = row(&c, "landing", "stored, all classes");
    let effect = total["monthly_effect_usd"].as_f64().unwrap();
    close(
        effect,
        3620.0 * 0.0125 + 100.0 * 0.4 * 8.0 * (730.0 / 24.0) * 0.00001,
        1e-6,
    );
    // The calibrated file stores what was observed (within 1 %).
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(
        written.starts_with("# Calibrated by `lakecost calibrate`"),
        "{written}"
    );
    assert!(written.contains("share_of_ingest: 140%"), "{written}");
    let calibrated = load_str(&written).unwrap();
    let (_, usage) = model::s3::steady_state(&calibrated).unwrap();
    close(
        usage[0].stored_gb(StorageClass::StandardIa),
        1.4 * ASSUMED_IA_GB,
        0.01,
    );
    assert!(model::estimate(&calibrated, &book).is_ok());

    // Kinesis: 12,000 records/s on average (+20 %), a 30,000 peak against 10,000 ×
    // 1.5 = 15,000 (+100 %), peak factor 2.5 (+66.7 %), and the shards the peak needs:
    // 30,000 records/s ÷ 1,000 and 30,000 KB/s ÷ 1 MB per shard: 30.
    let rps = row(&c, "events", "records_per_second");
    close(rps["observed"].as_f64().unwrap(), 12_000.0, 1e-9);
    close(rps["deviation"].as_f64().unwrap(), 0.20, 1e-9);
    let peak = row(&c, "events", "peak records per second");
    close(peak["observed"].as_f64().unwrap(), 30_000.0, 1e-9);
    close(peak["deviation"].as_f64().unwrap(), 1.0, 1e-9);
    close(
        row(&c, "events", "peak_factor")["observed"]
            .as_f64()
            .unwrap(),
        2.5,
        1e-9,
    );
    close(
        row(&c, "events", "record_size")["observed"]
            .as_f64()
            .unwrap(),
        1024.0,
        1e-9,
    );
    close(
        row(&c, "events", "shards")["observed"].as_f64().unwrap(),
        30.0,
        0.0,
    );
    assert!(c["notes"].to_string().contains("12 writes were throttled"));

    // Lambda: 1,000 invocations a day (+25 %), 600,000 ms ÷ 1,000 = 600 ms (+20 %).
    close(
        row(&c, "on-upload", "invocations_per_day")["deviation"]
            .as_f64()
            .unwrap(),
        0.25,
        1e-9,
    );
    close(
        row(&c, "on-upload", "duration")["observed"]
            .as_f64()
            .unwrap(),
        600.0,
        1e-9,
    );

    // What could not be read is named, with what to do.
    let problems = c["problems"].to_string();
    assert!(
        problems.contains("PublishCloudWatchMetricsEnabled"),
        "{problems}"
    );
    assert!(
        problems.contains("AWS/States") && problems.contains("access denied"),
        "{problems}"
    );

    // The stand-in was asked in its protocol, throttled once, and paged.
    f.with(|s| {
        assert!(
            s.headers_seen
                .iter()
                .any(|h| h.eq_ignore_ascii_case("smithy-protocol: rpc-v2-cbor"))
        );
        assert!(
            s.operations
                .iter()
                .filter(|o| *o == "GetMetricData")
                .count()
                >= 4
        );
        assert!(s.operations.contains(&"ListMetrics".to_string()));
    });
    assert!(c["calls"].as_u64().unwrap() >= 4);
}

#[test]
fn free_mode_uses_only_free_calls() {
    let f = serve();
    let dir = tempfile::tempdir().unwrap();
    let o = run(&f, dir.path(), &["--format", "json", "--free"]);
    let c: Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|_| panic!("{}", crate::support::run::text(&o)));
    f.with(|s| {
        assert!(
            !s.operations.iter().any(|o| o == "GetMetricData"),
            "{:?}",
            s.operations
        );
    });
    assert_eq!(c["metrics_requested"], 0);
    close(
        row(&c, "events", "records_per_second")["observed"]
            .as_f64()
            .unwrap(),
        12_000.0,
        1e-9,
    );
    close(
        row(&c, "landing", "stored STANDARD_IA")["deviation"]
            .as_f64()
            .unwrap(),
        0.40,
        1e-9,
    );
}

#[test]
fn the_table_names_deviations_and_what_the_run_cost() {
    let f = serve();
    let dir = tempfile::tempdir().unwrap();
    let o = run(&f, dir.path(), &[]);
    let table = String::from_utf8(o.stdout).unwrap();
    insta::assert_snapshot!("calibrate_table", table);
    let o = run(&f, dir.path(), &["--format", "csv"]);
    insta::assert_snapshot!("calibrate_csv", String::from_utf8(o.stdout).unwrap());
}

#[test]
fn without_credentials_it_says_how_to_provide_them_and_writes_nothing() {
    let f = serve();
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("lake.yaml");
    std::fs::write(&scenario, SCENARIO).unwrap();
    let out = dir.path().join("calibrated.yaml");
    let o = lakecost_aws(
        &[
            "calibrate",
            scenario.to_str().unwrap(),
            "--endpoint-url",
            &f.url,
            "--write",
            out.to_str().unwrap(),
        ],
        false,
        dir.path(),
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    let all = crate::support::run::text(&o);
    assert!(
        all.contains("no AWS credentials") && all.contains("AWS_ACCESS_KEY_ID"),
        "{all}"
    );
    assert!(!out.exists());
}

#[test]
fn a_scenario_without_bindings_or_with_a_bad_one_is_refused_with_a_position() {
    let dir = tempfile::tempdir().unwrap();
    let plain = crate::support::run::lakecost(&["calibrate", "scenarios/small-team.yaml"]);
    assert_eq!(plain.status.code(), Some(2));
    assert!(crate::support::run::text(&plain).contains("no resource is bound to AWS"));
    let bad = dir.path().join("bad.yaml");
    std::fs::write(
        &bad,
        SCENARIO.replace("bucket: lake-landing", "bucket: Lake_Landing"),
    )
    .unwrap();
    let o = crate::support::run::lakecost(&["validate", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let all = crate::support::run::text(&o);
    assert!(
        all.contains(":13:")
            && all.contains("s3.layers[0].aws.bucket")
            && all.contains("3–63 lowercase"),
        "{all}"
    );
    std::fs::write(
        &bad,
        SCENARIO.replace(
            "aws: { stream: events-stream }",
            "aws: { bucket: events-stream }",
        ),
    )
    .unwrap();
    let o = crate::support::run::lakecost(&["validate", bad.to_str().unwrap()]);
    assert!(
        crate::support::run::text(&o).contains("expected `{ stream: … }`"),
        "{}",
        crate::support::run::text(&o)
    );
}

/// Three buckets read over 30 days: one still filling, one whose layer keeps
/// everything, one full. Daily storage averages are served for each day of the window.
#[test]
fn writes_are_read_from_growth_while_a_bucket_fills_and_from_bytes_once_full() {
    const LAKE: &str = r#"version: 1
name: Growing lake
region: us-east-1
months: 12
ingest: { per_day: 100 GB }
s3:
  layers:
    - { name: landing, share_of_ingest: 100%, object_size: 128 MB, expire_after_days: 365, aws: { bucket: lake-landing } }
    - { name: archive, share_of_ingest: 50%, object_size: 128 MB, aws: { bucket: lake-archive } }
    - { name: gold, share_of_ingest: 10%, object_size: 128 MB, expire_after_days: 30, aws: { bucket: lake-gold } }
"#;
    // gold's assumed bytes: 10 GB/day held from age ½ (written at midday) to the expiry
    // at age 31, 305 GB; the lake has no steady state (archive never expires), so the
    // scenario's last month stands for it, within 0.1 % of that.
    let months = model::s3::horizon(&load_str(LAKE).unwrap(), 12);
    let gold_assumed = months[2][11].stored_gb(StorageClass::Standard);
    close(gold_assumed, 305.0, 1e-3);
    let f = Fixture::start();
    let days = |gb: &dyn Fn(f64) -> f64| -> Vec<(i64, f64)> {
        (0..30)
            .map(|i| (DAY - (29 - i) * 86_400, gb(i as f64) * GIB))
            .collect()
    };
    f.with(|s| {
        let standard = |bucket: &str| {
            Key::new(
                "AWS/S3",
                "BucketSizeBytes",
                &[("BucketName", bucket), ("StorageType", "StandardStorage")],
                "Average",
            )
        };
        // landing: 2,000 GB growing by 130 GB a day. On the last day it holds 2,000 +
        // 29 × 130 = 5,770 GB, 44 days of writes at 130 GB/day: fewer than its 365-day
        // retention, so nothing has expired and the growth is what is written (+30 %).
        s.series
            .insert(standard("lake-landing"), days(&|i| 2000.0 + 130.0 * i));
        // archive keeps everything: growth is what is written, 40 GB/day against 50 (−20 %).
        s.series
            .insert(standard("lake-archive"), days(&|i| 10_000.0 + 40.0 * i));
        // gold is full: flat at 20 % over what the scenario implies.
        s.series
            .insert(standard("lake-gold"), days(&|_| 1.2 * gold_assumed));
    });
    let dir = tempfile::tempdir().unwrap();
    let (c, written) = calibrated_json(&f, dir.path(), LAKE, "30");

    let landing = row(&c, "landing", "written per day");
    close(landing["assumed"].as_f64().unwrap(), 100.0, 1e-9);
    close(landing["observed"].as_f64().unwrap(), 130.0, 1e-9);
    close(landing["deviation"].as_f64().unwrap(), 0.30, 1e-9);
    // Its bytes are shown, not set beside the full lake it has not become.
    assert!(row(&c, "landing", "stored, all classes")["assumed"].is_null());
    assert!(c["notes"].to_string().contains("still filling"));

    let archive = row(&c, "archive", "written per day");
    close(archive["observed"].as_f64().unwrap(), 40.0, 1e-9);
    close(archive["deviation"].as_f64().unwrap(), -0.20, 1e-9);

    // Full: no growth row; the bytes scale the writes as before.
    assert!(
        !c["rows"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["resource"] == "gold" && r["key"] == "written per day")
    );
    let gold = row(&c, "gold", "stored, all classes");
    close(gold["assumed"].as_f64().unwrap(), gold_assumed, 1e-9);
    close(gold["deviation"].as_f64().unwrap(), 0.20, 1e-9);

    for share in [
        "share_of_ingest: 130%",
        "share_of_ingest: 40%",
        "share_of_ingest: 12%",
    ] {
        assert!(written.contains(share), "{share} in {written}");
    }
    // The calibrated landing layer writes what the bucket grows by.
    let calibrated = load_str(&written).unwrap();
    close(
        calibrated.s3.layers[0]
            .daily_writes(calibrated.ingest.per_day)
            .gib(),
        130.0,
        1e-9,
    );
}

/// Firehose delivery, a Lambda function's tail and a Serverless workgroup's capacity
/// and storage, read by GetMetricData and, with `--free`, by GetMetricStatistics
/// (percentiles as extended statistics).
#[test]
fn delivery_tail_latency_capacity_and_namespace_storage_are_read() {
    const LAKE: &str = r#"version: 1
name: Serving lake
region: us-east-1
months: 12
firehose:
  streams:
    - { name: clicks, records_per_second: 100, record_size: 2 KB, aws: { delivery_stream: clicks-to-s3 } }
lambda:
  functions:
    - { name: enrich, invocations_per_day: 1000, duration: 500 ms, memory: 512 MB, aws: { function: enrich-fn } }
redshift:
  serverless:
    - { name: bi, base_rpus: 8, active_hours_per_day: 4, data: 500 GB, aws: { workgroup: bi-wg, namespace: bi-ns } }
"#;
    let f = Fixture::start();
    f.with(|s| {
        let firehose = [("DeliveryStreamName", "clicks-to-s3")];
        // One day: 100 records/s arrive (8,640,000), 99 % reach S3.
        for (metric, v) in [
            ("IncomingRecords", 8_640_000.0),
            ("IncomingBytes", 8_640_000.0 * 2048.0),
            ("DeliveryToS3.Records", 0.99 * 8_640_000.0),
        ] {
            s.put("AWS/Firehose", metric, &firehose, "Sum", vec![(DAY, v)]);
        }
        serve_function(s, "enrich-fn", 1000.0, 500_000.0);
        let function = [("FunctionName", "enrich-fn")];
        s.put(
            "AWS/Lambda",
            "Duration",
            &function,
            "p99",
            vec![(DAY, 2_400.0)],
        );
        let wg = [("Workgroup", "bi-wg")];
        // 4 h a day at 8 RPUs = 115,200 RPU-seconds; 12 RPUs in use on average.
        s.put(
            "AWS/Redshift-Serverless",
            "ComputeSeconds",
            &wg,
            "Sum",
            vec![(DAY, 115_200.0)],
        );
        s.put(
            "AWS/Redshift-Serverless",
            "ComputeCapacity",
            &wg,
            "Average",
            vec![(DAY, 12.0)],
        );
        // 600 GB stored, published in MB per namespace.
        s.put(
            "AWS/Redshift-Serverless",
            "DataStorage",
            &[("Namespace", "bi-ns")],
            "Average",
            vec![(DAY, 600.0 * 1024.0)],
        );
    });
    let dir = tempfile::tempdir().unwrap();
    for extra in [&["--format", "json"][..], &["--format", "json", "--free"]] {
        let o = run_on(&f, dir.path(), LAKE, "1", extra);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            crate::support::run::text(&o)
        );
        let c: Value = serde_json::from_slice(&o.stdout).unwrap();
        // 8,553,600 records delivered over 86,400 s: 99 records/s beside the 100 that
        // arrived (−1 %).
        let delivered = row(&c, "clicks", "delivered to S3");
        close(delivered["observed"].as_f64().unwrap(), 99.0, 1e-9);
        close(delivered["deviation"].as_f64().unwrap(), -0.01, 1e-9);
        // p99 2,400 ms against the 500 ms assumed (+380 %), shown and not written.
        let p99 = row(&c, "enrich", "duration p99");
        close(p99["observed"].as_f64().unwrap(), 2400.0, 1e-9);
        close(p99["deviation"].as_f64().unwrap(), 3.8, 1e-9);
        let rpus = row(&c, "bi", "RPUs in use");
        close(rpus["observed"].as_f64().unwrap(), 12.0, 1e-9);
        close(rpus["deviation"].as_f64().unwrap(), 0.5, 1e-9);
        let data = row(&c, "bi", "data");
        close(data["observed"].as_f64().unwrap(), 600.0, 1e-9);
        close(data["deviation"].as_f64().unwrap(), 0.2, 1e-9);
        // 100 GB more managed storage at $0.024 per GB-month.
        close(data["monthly_effect_usd"].as_f64().unwrap(), 2.4, 1e-9);
    }
    f.with(|s| {
        assert!(s.operations.iter().any(|o| o == "GetMetricStatistics"));
    });
}

/// `--end` is a day the calendar has, written exactly: 2026-02-30 is not 2026-03-02,
/// trailing text is not ignored, and a year before 1970 is not 1970.
#[test]
fn end_must_be_a_real_day() {
    for bad in ["2026-02-30", "2026-11-26junk", "0000-01-01"] {
        let o =
            crate::support::run::lakecost(&["calibrate", "scenarios/1tb-day.yaml", "--end", bad]);
        assert_eq!(
            o.status.code(),
            Some(2),
            "{bad}: {}",
            crate::support::run::text(&o)
        );
        assert!(
            crate::support::run::text(&o).contains("expected a day of the calendar"),
            "{}",
            crate::support::run::text(&o)
        );
    }
}

/// A DynamoDB table bound to `prod-sessions`, 6 KB items.
const TABLE_LAKE: &str = r#"version: 1
name: Table
region: us-east-1
months: 12
dynamodb:
  tables:
    - { name: sessions, capacity_mode: on_demand, reads_per_second: 100, writes_per_second: 10, item_size: 6 KB, storage: 10 GB, aws: { table: prod-sessions } }
"#;

/// A day of the table's consumed read and write units.
fn serve_table(s: &mut State, read_units: f64, write_units: f64) {
    let table = [("TableName", "prod-sessions")];
    for (metric, v) in [
        ("ConsumedReadCapacityUnits", read_units),
        ("ConsumedWriteCapacityUnits", write_units),
    ] {
        s.put("AWS/DynamoDB", metric, &table, "Sum", vec![(DAY, v)]);
    }
}

#[test]
fn a_dynamodb_tables_reads_and_writes_come_from_its_consumed_capacity() {
    let f = Fixture::start();
    f.with(|s| {
        // One day: 8,640,000 read units and 10,368,000 write units consumed. A 6 KB
        // item takes 2 × ½ = 1 unit per eventually consistent read and 6 per write:
        // 100 reads/s as assumed, and 20 writes/s against the 10 assumed (+100 %).
        serve_table(s, 8_640_000.0, 10_368_000.0);
    });
    let dir = tempfile::tempdir().unwrap();
    let (c, written) = calibrated_json(&f, dir.path(), TABLE_LAKE, "1");
    let reads = row(&c, "sessions", "reads_per_second");
    close(reads["observed"].as_f64().unwrap(), 100.0, 1e-9);
    let writes = row(&c, "sessions", "writes_per_second");
    close(writes["observed"].as_f64().unwrap(), 20.0, 1e-9);
    close(writes["deviation"].as_f64().unwrap(), 1.0, 1e-9);
    // 10 more writes/s × 6 WRU × 2,628,000 s × $0.625 per million = $98.55 a month.
    close(
        writes["monthly_effect_usd"].as_f64().unwrap(),
        10.0 * 6.0 * 2_628_000.0 * 0.000000625,
        1e-9,
    );
    assert!(written.contains("writes_per_second: 20"), "{written}");
}

#[test]
fn a_log_groups_ingestion_comes_from_its_incoming_bytes() {
    const LAKE: &str = r#"version: 1
name: Logs
region: us-east-1
months: 12
cloudwatch:
  log_groups:
    - { name: app, ingested_per_month: 10 GB, retention_days: 30, aws: { log_group: /app/prod } }
"#;
    let f = Fixture::start();
    f.with(|s| {
        // One day of 1 GB: 30.4167 GB a month against the 10 declared; at $0.50 per GB
        // ingested and 30 days' storage at $0.03: (20.4167) × 0.5 + 20.4167 ÷ 30.4167 ×
        // 30 × 0.03 a month more.
        s.put(
            "AWS/Logs",
            "IncomingBytes",
            &[("LogGroupName", "/app/prod")],
            "Sum",
            vec![(DAY, GIB)],
        );
    });
    let dir = tempfile::tempdir().unwrap();
    let (c, written) = calibrated_json(&f, dir.path(), LAKE, "1");
    let r = row(&c, "app", "ingested_per_month");
    let month = 730.0 / 24.0;
    close(r["observed"].as_f64().unwrap(), month, 1e-9);
    // The effect prices the value written back, 30.4167 GB (six figures).
    let more = 30.4167 - 10.0;
    close(
        r["monthly_effect_usd"].as_f64().unwrap(),
        more * 0.5 + more / month * 30.0 * 0.03,
        1e-9,
    );
    assert!(
        written.contains("ingested_per_month: 30.4167 GB"),
        "{written}"
    );
}

#[test]
fn observations_no_scenario_can_hold_are_named_and_not_written() {
    // A hostile or broken server: NaN read units, 1e308 write units (beyond the key's
    // bound of 1e9 a second). Neither reaches the written file, which still loads; the
    // report names both.
    let f = Fixture::start();
    f.with(|s| {
        serve_table(s, f64::NAN, 1e308);
    });
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("calibrated.yaml");
    let o = run_on(
        &f,
        dir.path(),
        TABLE_LAKE,
        "1",
        &["--format", "json", "--write", out.to_str().unwrap()],
    );
    let text = crate::support::run::text(&o);
    let c: Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|_| panic!("{text}"));
    let problems = c["problems"].to_string();
    assert!(
        problems.contains("reads_per_second") && problems.contains("not a finite"),
        "{problems}"
    );
    assert!(
        problems.contains("writes_per_second") && problems.contains("would not load"),
        "{problems}"
    );
    if let Ok(written) = std::fs::read_to_string(&out) {
        assert!(lakecost::scenario::load_str(&written).is_ok(), "{written}");
        assert!(
            written.contains("writes_per_second: 10,")
                || written.contains("writes_per_second: 10 "),
            "{written}"
        );
    }
}

#[test]
fn nat_gateways_data_processed_beyond_the_layers_traffic_is_written_as_other_traffic() {
    const LAKE: &str = r#"version: 1
name: Nat
region: us-east-1
months: 12
ingest: { per_day: 1 TB }
s3:
  layers:
    - { name: raw, share_of_ingest: 100%, object_size: 128 MB, expire_after_days: 30 }
network:
  nat_gateways: 2
  s3_access: nat_gateway
  nat_other_per_month: 100 GB
  aws: { nat_gateways: "nat-0123456789abcdef0, nat-0fedcba9876543210" }
"#;
    let f = Fixture::start();
    f.with(|s| {
        // One day: 612 GB and 422 GB processed (out to destination + out to source), 1,034
        // GB in all; the layer's writes send 1,024 GB a day through the gateways, so 10 GB
        // a day (304.17 GB a month) is other traffic, against the 100 GB declared.
        let gb = 1024.0_f64.powi(3);
        for (id, to_destination, to_source) in [
            ("nat-0123456789abcdef0", 600.0, 12.0),
            ("nat-0fedcba9876543210", 412.0, 10.0),
        ] {
            let dims = [("NatGatewayId", id)];
            s.put(
                "AWS/NATGateway",
                "BytesOutToDestination",
                &dims,
                "Sum",
                vec![(DAY, to_destination * gb)],
            );
            s.put(
                "AWS/NATGateway",
                "BytesOutToSource",
                &dims,
                "Sum",
                vec![(DAY, to_source * gb)],
            );
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let (c, written) = calibrated_json(&f, dir.path(), LAKE, "1");
    let other = row(&c, "network", "nat_other_per_month");
    close(
        other["observed"].as_f64().unwrap(),
        10.0 * 730.0 / 24.0,
        1e-9,
    );
    close(other["assumed"].as_f64().unwrap(), 100.0, 1e-12);
    // VPC pricing, NAT gateway data processed in us-east-1: $0.045 per GB (of the
    // value as written, to 6 significant digits).
    close(
        other["monthly_effect_usd"].as_f64().unwrap(),
        (10.0 * 730.0 / 24.0 - 100.0) * 0.045,
        1e-5,
    );
    assert!(
        written.contains("nat_other_per_month: 304.167 GB"),
        "{written}"
    );
}
