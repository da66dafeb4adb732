//! Work that follows the data it reads (issue 26): Glue jobs, Lambda functions and
//! Athena workgroups tied to a layer, against hand-computed figures. Prices: bundled
//! us-east-1 snapshot (AWS Glue, Lambda and Athena pricing pages).

use lakecost::model::{self, Estimate, Service};
use lakecost::pricing::PriceBook;
use lakecost::scenario::load_str;

/// Days in a 730-hour month: a daily run happens this many times a month on average.
const DPM: f64 = 730.0 / 24.0;

/// A lake of one layer written `per_day` in 128 MB objects and kept 30 days, with
/// `work` appended (its own sections).
fn lake(per_day: &str, growth: &str, work: &str) -> String {
    format!(
        "version: 1\nname: t\nregion: us-east-1\nmonths: 13\ningest: {{ per_day: {per_day}, growth_per_month: {growth} }}\ns3:\n  layers:\n    - {{ name: raw, share_of_ingest: 100%, object_size: 128 MB, expire_after_days: 30 }}\n{work}"
    )
}

fn run(yaml: &str) -> Estimate {
    let s = load_str(yaml).unwrap_or_else(|e| panic!("{e}"));
    model::estimate(&s, &PriceBook::bundled().unwrap()).unwrap_or_else(|e| panic!("{e}"))
}

fn steady(e: &Estimate, service: Service) -> (f64, f64) {
    let lines = &e.steady_state.as_ref().unwrap().lines;
    lines
        .iter()
        .filter(|l| l.service == service)
        .fold((0.0, 0.0), |(q, c), l| {
            (q + l.quantity, c + l.cost_usd.value())
        })
}

fn capacity(e: &Estimate, resource: &str, metric: &str) -> f64 {
    e.capacity
        .iter()
        .find(|c| c.resource == resource && c.metric == metric)
        .unwrap_or_else(|| panic!("no {resource} {metric}"))
        .value
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{a} != {b}");
}

const JOB: &str = "glue:\n  jobs:\n    - { name: etl, worker_type: G.2X, workers: 10, runs_per_day: 1, input: { layer: raw }, throughput: 200 GB per DPU-hour }\n";

#[test]
fn a_glue_job_reading_a_layer_runs_on_its_daily_writes() {
    // 1 TB (1,024 GB) a day at 200 GB per DPU-hour: 5.12 DPU-hours a run, on 10 G.2X
    // (20 DPUs) 0.256 h; at $0.44 per DPU-hour (AWS Glue pricing) $2.2528 a run,
    // 30.4167 runs a month. At 2 TB a day, twice: above the 1-minute minimum the bill
    // is linear in the input.
    let one = run(&lake("1 TB", "0%", JOB));
    close(capacity(&one, "etl", "input per run"), 1024.0);
    close(capacity(&one, "etl", "DPU-hours per run"), 5.12);
    let (dpu_hours, usd) = steady(&one, Service::Glue);
    close(dpu_hours, 5.12 * DPM);
    close(usd, 5.12 * 0.44 * DPM);
    let two = run(&lake("2 TB", "0%", JOB));
    close(capacity(&two, "etl", "DPU-hours per run"), 10.24);
    close(steady(&two, Service::Glue).1, 2.0 * usd);
}

#[test]
fn a_glue_job_follows_its_layer_month_by_month() {
    // 5 % growth a month: month 13 writes 1.05^12 times month 1's, and holds the same
    // days (a 730-hour month starts at hour 8,760 = day 365 exactly).
    let e = run(&lake("1 TB", "5%", JOB));
    let glue = |m: usize| -> f64 {
        e.months[m]
            .lines
            .iter()
            .filter(|l| l.service == Service::Glue)
            .map(|l| l.quantity)
            .sum()
    };
    close(glue(12) / glue(0), 1.05f64.powi(12));
    // The S3 layer's own PUTs move the same way.
    let puts = |m: usize| -> f64 {
        e.months[m]
            .lines
            .iter()
            .filter(|l| l.service == Service::S3 && l.component.starts_with("PUT"))
            .map(|l| l.quantity)
            .sum()
    };
    close(puts(12) / puts(0), glue(12) / glue(0));
}

#[test]
fn a_function_triggered_by_a_layer_runs_once_per_object_landed() {
    // 1 TB a day of 128 MB objects: 8,192 objects, so 8,192 invocations a day; at 25 %
    // of the layer (one prefix), 2,048.
    let f = |share: &str| {
        format!(
            "lambda:\n  functions:\n    - {{ name: on-upload, input: {{ layer: raw{share} }}, duration: 100 ms, memory: 128 MB }}\n"
        )
    };
    let e = run(&lake("1 TB", "0%", &f("")));
    close(capacity(&e, "on-upload", "invocations per day"), 8192.0);
    let requests: f64 = e
        .steady_state
        .as_ref()
        .unwrap()
        .lines
        .iter()
        .filter(|l| l.service == Service::Lambda && &*l.component == "requests")
        .map(|l| l.quantity)
        .sum();
    close(requests, 8192.0 * DPM);
    let e = run(&lake("1 TB", "0%", &f(", share: 25%")));
    close(capacity(&e, "on-upload", "invocations per day"), 2048.0);
}

#[test]
fn an_athena_table_that_is_a_layer_scans_its_stored_objects() {
    // Bytes scanned a query = the layer's stored GB × the partitions read × the columns
    // read; billed per query rounded up to the MB (10 MB minimum; Amazon Athena
    // pricing), × queries.
    let e = run(&lake(
        "1 TB",
        "0%",
        "athena:\n  workgroups:\n    - { name: adhoc, queries_per_day: 40, table: { layer: raw }, format: parquet, columns_read: 50%, partitions_read: 1% }\n",
    ));
    let stored: f64 = e
        .capacity
        .iter()
        .filter(|c| c.resource == "raw" && c.metric.starts_with("stored"))
        .map(|c| {
            if c.unit == "TB" {
                c.value * 1024.0
            } else {
                c.value
            }
        })
        .sum();
    let per_query_gb = stored * 0.01 * 0.5;
    close(capacity(&e, "adhoc", "scanned per query"), per_query_gb);
    let billed_mb = (per_query_gb * 1024.0).ceil().max(10.0);
    let (tb, usd) = steady(&e, Service::Athena);
    close(tb, 40.0 * DPM * billed_mb / 1024.0 / 1024.0);
    close(usd, tb * 5.0);
}

#[test]
fn an_athena_table_fills_with_its_layer() {
    // Month 1 holds a fraction of the 30 days the table keeps at steady state.
    let e = run(&lake(
        "1 TB",
        "0%",
        "athena:\n  workgroups:\n    - { name: adhoc, queries_per_day: 40, table: { layer: raw }, format: parquet, columns_read: 50%, partitions_read: 1% }\n",
    ));
    let month1: f64 = e.months[0]
        .lines
        .iter()
        .filter(|l| l.service == Service::Athena)
        .map(|l| l.cost_usd.value())
        .sum();
    assert!(month1 > 0.0 && month1 < 0.75 * steady(&e, Service::Athena).1);
}

#[test]
fn an_uncertain_ingest_moves_the_jobs_with_the_storage() {
    use lakecost::uncertainty;
    let text = std::fs::read_to_string("scenarios/1tb-day-uncertain.yaml").unwrap();
    let s = load_str(&text).unwrap();
    let u = uncertainty::run(
        &s,
        s.uncertainty.as_ref().unwrap(),
        &PriceBook::bundled().unwrap(),
        uncertainty::Options {
            samples: Some(200),
            seed: None,
            metric: model::Metric::Steady,
        },
        &|| (),
    )
    .unwrap();
    for service in [Service::Glue, Service::Lambda, Service::S3] {
        let p = u
            .services
            .iter()
            .find(|p| p.service == service)
            .and_then(|p| p.steady_state_usd)
            .unwrap();
        assert!(p.p10 < p.p50 && p.p50 < p.p90, "{service:?}: {p:?}");
    }
    assert_eq!(u.tornado[0].key, "ingest.per_day");
}

#[test]
fn work_tied_to_a_layer_names_a_layer_the_lake_has() {
    let err = |work: &str| load_str(&lake("1 TB", "0%", work)).unwrap_err().to_string();
    let e = err(
        "glue:\n  jobs:\n    - { name: etl, worker_type: G.2X, workers: 10, runs_per_day: 1, input: { layer: rav }, throughput: 200 GB per DPU-hour }\n",
    );
    assert!(
        e.contains("glue.jobs[0].input.layer") && e.contains("did you mean `raw`"),
        "{e}"
    );
    let e = err(
        "lambda:\n  functions:\n    - { name: f, input: { layer: raw }, invocations_per_day: 10, duration: 1 s, memory: 128 MB }\n",
    );
    assert!(e.contains("give either `invocations_per_day`"), "{e}");
    let e = err(
        "athena:\n  workgroups:\n    - { name: a, queries_per_day: 1, table: { layer: raw }, format: parquet, compression: 3x }\n",
    );
    assert!(e.contains("athena.workgroups[0].compression"), "{e}");
    let e = err(
        "glue:\n  jobs:\n    - { name: etl, worker_type: G.2X, workers: 10, runs_per_day: 1, input: { layer: raw, share: 0% }, throughput: 200 GB per DPU-hour }\n",
    );
    assert!(e.contains("glue.jobs[0].input.share"), "{e}");
}
