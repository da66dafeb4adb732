//! Glue, EMR and EMR Serverless through the scenario file; `compare` through the
//! library. Prices: bundled us-east-1 snapshot (AWS Glue and EMR pricing pages).

use lakecost::model::{self, Estimate, compare};
use lakecost::pricing::PriceBook;
use lakecost::scenario::load_str;

fn run(yaml: &str) -> Estimate {
    let s = load_str(yaml).unwrap_or_else(|e| panic!("{e}"));
    model::estimate(&s, &PriceBook::bundled().unwrap()).unwrap_or_else(|e| panic!("{e}"))
}

const HEAD: &str = "version: 1\nname: t\nregion: us-east-1\nmonths: 1\n";
const DPM: f64 = 730.0 / 24.0;

fn cost(e: &Estimate, component: &str) -> f64 {
    e.months[0]
        .lines
        .iter()
        .filter(|l| l.component.starts_with(component))
        .map(|l| l.cost_usd.value())
        .sum()
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-6 * b.abs().max(1.0), "{a} != {b}");
}

#[test]
fn catalog_pays_beyond_the_free_million() {
    // 1.2 M objects: the first 1 M are free, 200,000 × $1 per 100,000 = $2.00.
    // 3 M requests: 2 M beyond the free million × $1 per million = $2.00.
    let e = run(&format!(
        "{HEAD}glue:\n  catalog: {{ objects: 1200000, requests_per_month: 3000000 }}\n"
    ));
    close(cost(&e, "Data Catalog objects"), 2.0);
    close(cost(&e, "Data Catalog requests"), 2.0);
}

#[test]
fn glue_job_and_crawler_monthly() {
    // 10 G.2X × 2 h = 40 DPU-hours a run × 30.4167 runs × $0.44 = $535.33.
    // Crawler: 4 min bills the 10-minute minimum: 2 DPU × 1/6 h × 24 runs a day.
    let e = run(&format!(
        "{HEAD}glue:\n  jobs:\n    - {{ name: j, worker_type: G.2X, workers: 10, runs_per_day: 1, duration: 2 h }}\n  crawlers:\n    - {{ name: c, runs_per_day: 24, duration: 4 min }}\n"
    ));
    close(cost(&e, "ETL DPU-hours"), 40.0 * DPM * 0.44);
    close(cost(&e, "crawler DPU-hours"), 2.0 / 6.0 * 24.0 * DPM * 0.44);
}

#[test]
fn emr_serverless_by_architecture() {
    // 100 vCPU-hours and 400 GB-hours once a month:
    //   x86_64: 100 × $0.052624 + 400 × $0.0057785 = $7.5738
    //   arm64:  100 × $0.042094 + 400 × $0.004628  = $6.0606
    for (arch, expected) in [
        ("x86_64", 100.0 * 0.052624 + 400.0 * 0.0057785),
        ("arm64", 100.0 * 0.042094 + 400.0 * 0.004628),
    ] {
        let e = run(&format!(
            "{HEAD}emr:\n  serverless:\n    - {{ name: s, runs_per_day: {}, vcpu_hours: 100, memory_gb_hours: 400, architecture: {arch} }}\n",
            1.0 / DPM
        ));
        close(e.months[0].total().value(), expected);
    }
}

#[test]
fn unknown_worker_and_instance_types_are_errors_with_positions() {
    let s = load_str(&format!(
        "{HEAD}glue:\n  jobs:\n    - {{ name: j, worker_type: g.2x, workers: 2, runs_per_day: 1, duration: 1 h }}\n"
    ))
    .unwrap();
    let f = model::check(&s, &PriceBook::bundled().unwrap()).unwrap();
    assert_eq!(f[0].code, "LC-GLUE-001");
    assert!(f[0].message.contains("did you mean `G.2X`"));
    assert_eq!(f[0].loc.unwrap().line, 7);
    let yaml = format!(
        "{HEAD}emr:\n  clusters:\n    - name: c\n      primary: {{ instance: m9.huge }}\n      ebs_per_instance: 0 GB\n      long_running: true\n      hours_per_day: 24\n"
    );
    let f = model::check(&load_str(&yaml).unwrap(), &PriceBook::bundled().unwrap()).unwrap();
    assert_eq!(f[0].code, "LC-EMR-002");
}

#[test]
fn transient_cluster_must_state_bootstrap_and_idle() {
    let yaml = format!(
        "{HEAD}emr:\n  clusters:\n    - {{ name: c, primary: {{ instance: m5.xlarge }}, ebs_per_instance: 0 GB, runs_per_day: 1, duration: 1 h }}\n"
    );
    let e = load_str(&yaml).unwrap_err();
    assert_eq!(e.field, "emr.clusters[0].bootstrap");
}

#[test]
fn compare_ranks_options_that_meet_the_deadline_and_finds_break_evens() {
    let text = std::fs::read_to_string("scenarios/glue-vs-emr.yaml").unwrap();
    let s = load_str(&text).unwrap();
    let book = PriceBook::bundled().unwrap();
    let c = compare::compare(&s, &book).unwrap();
    let w = &c[0];
    assert_eq!(w.options.len(), 6);
    for pair in w.options.windows(2) {
        if pair[0].meets_deadline == pair[1].meets_deadline {
            assert!(pair[0].cost_per_run_usd.value() <= pair[1].cost_per_run_usd.value());
        }
    }
    // Glue standard sized for 160 vCPU-hours in 3 h: 14 G.1X for 2.86 h
    // = 40 DPU-hours = $17.60, the reference design's cost.
    let glue = w
        .options
        .iter()
        .find(|o| o.option == "Glue standard")
        .unwrap();
    close(glue.cost_per_run_usd.value(), 17.6);
    assert!(
        w.options
            .iter()
            .all(|o| o.meets_deadline && o.runtime_hours <= 3.0)
    );
    // The sweep runs from 10 GB to 100 TB; each break-even sits between two sweep
    // points whose cheapest options differ.
    assert_eq!(w.sweep.len(), 17);
    close(w.sweep[0].input_gb, 10.0);
    close(w.sweep[16].input_gb, 100_000.0);
    for b in &w.break_even {
        assert_ne!(b.below, b.above);
        let before = w.sweep.iter().rfind(|p| p.input_gb < b.input_gb).unwrap();
        assert_eq!(before.cheapest, b.below);
    }
}

#[test]
fn serverless_workers_bill_the_supported_memory_at_or_above_the_request() {
    // EMR Serverless user guide, "Supported worker configurations": 8 vCPU workers
    // have 16–60 GB in 4 GB steps, so 18 GB runs (and bills) as 20 GB.
    // 10 workers × 1 h × once a month: 80 vCPU-h × $0.052624 + 200 GB-h × $0.0057785
    // = $4.20992 + $1.1557 = $5.36562.
    let e = run(&format!(
        "{HEAD}emr:\n  serverless:\n    - {{ name: s, runs_per_day: {}, workers: 10, worker_vcpu: 8, worker_memory: 18 GB, duration: 1 h }}\n",
        1.0 / DPM
    ));
    close(
        e.months[0].total().value(),
        80.0 * 0.052624 + 200.0 * 0.0057785,
    );
    // 3 vCPU is no worker shape, 4 vCPU tops out at 30 GB, and 1 vCPU starts at 2 GB (a
    // 1 GB request is no worker, not a 2 GB bill): errors at the key.
    for (vcpu, mem, needle) in [
        (3, 12, "1, 2, 4, 8 or 16 vCPUs"),
        (4, 31, "8–30 GB"),
        (1, 1, "2–8 GB"),
    ] {
        let e = load_str(&format!(
            "{HEAD}emr:\n  serverless:\n    - {{ name: s, runs_per_day: 1, workers: 1, worker_vcpu: {vcpu}, worker_memory: {mem} GB, duration: 1 h }}\n"
        ))
        .unwrap_err();
        assert_eq!(e.field, "emr.serverless[0].worker_memory");
        assert!(e.message.contains(needle), "{}", e.message);
    }
}

#[test]
fn compare_sizes_serverless_on_supported_worker_shapes() {
    use lakecost::model::compare::serverless_shape;
    // 3.5 GB per vCPU on the default 4 vCPU worker: 14 GB, within 8–30.
    assert_eq!(serverless_shape(3.5), Some((4.0, 14.0)));
    // 1 GB per vCPU asks 4 GB; the 4 vCPU worker's minimum is 8 GB, billed as such.
    assert_eq!(serverless_shape(1.0), Some((4.0, 8.0)));
    // 7.7 GB per vCPU is 30.8 GB on 4 vCPU (above 30): 2 vCPU with 15.4 → 16 GB.
    assert_eq!(serverless_shape(7.7), Some((2.0, 16.0)));
    // Above 8 GB per vCPU no worker shape fits: no Serverless option.
    assert_eq!(serverless_shape(9.0), None);
}

#[test]
fn the_flagship_prices_its_etl_and_the_total_moves_by_exactly_that() {
    // scenarios/1tb-day.yaml runs bronze-to-silver nightly on 10 G.2X workers for 2 h:
    // a G.2X worker is 2 DPUs, so 10 × 2 × 2 h = 40 DPU-hours × $0.44 = $17.60 a run
    // (counting 1 DPU per worker would say $8.80).
    let text = std::fs::read_to_string("scenarios/1tb-day.yaml").unwrap();
    let with = load_str(&text).unwrap();
    let book = PriceBook::bundled().unwrap();
    let e = model::estimate(&with, &book).unwrap();
    let per_run = e
        .capacity
        .iter()
        .find(|c| c.resource == "bronze-to-silver" && c.metric == "DPU-hours per run")
        .unwrap();
    close(per_run.value, 40.0);
    let steady = e.steady_state.as_ref().unwrap();
    let glue: f64 = steady
        .lines
        .iter()
        .filter(|l| l.service == model::Service::Glue)
        .map(|l| l.cost_usd.value())
        .sum();
    // Jobs 40 + 5 DPU-h a run, crawler 2 DPU × 12 min, × 30.4167 runs × $0.44; the
    // catalog's 200,000 objects and 1 M requests beyond the free million: $3.
    close(glue, (40.0 + 5.0 + 0.4) * DPM * 0.44 + 3.0);
    // Without the jobs, the bill loses their lines and the logs they write (the log
    // group's sources follow the jobs), and nothing else.
    let logs: f64 = steady
        .lines
        .iter()
        .filter(|l| &*l.resource == "/aws-glue/jobs")
        .map(|l| l.cost_usd.value())
        .sum();
    assert!(logs > 0.0);
    let mut without = with.clone();
    without.glue = Default::default();
    let e0 = model::estimate(&without, &book).unwrap();
    close(
        steady.total().value() - e0.steady_state.unwrap().total().value(),
        glue + logs,
    );
}

#[test]
fn alternative_engines_are_priced_and_shown_not_summed() {
    // glue-vs-emr.yaml states one nightly job three ways; `estimate` used to add all
    // three into one bill. The EMR cluster and Serverless app are `alternative_of` the
    // Glue job: the bill is Glue's alone, the alternatives are capacity rows.
    let text = std::fs::read_to_string("scenarios/glue-vs-emr.yaml").unwrap();
    let s = load_str(&text).unwrap();
    let e = model::estimate(&s, &PriceBook::bundled().unwrap()).unwrap();
    let m = &e.months[0];
    assert_eq!(m.total_for(model::Service::Emr).value(), 0.0);
    close(m.total().value(), m.total_for(model::Service::Glue).value());
    let alt: Vec<&str> = e
        .capacity
        .iter()
        .filter(|c| c.metric == "alternative to `bronze-to-silver`")
        .map(|c| c.resource.as_str())
        .collect();
    assert_eq!(alt, ["nightly-spark", "nightly-serverless"]);
    let bad = text.replace(
        "alternative_of: bronze-to-silver",
        "alternative_of: bronze-to-silvr",
    );
    let err = load_str(&bad).unwrap_err();
    assert_eq!(err.field, "emr.clusters[0].alternative_of");
    assert_eq!(err.suggestion.as_deref(), Some("bronze-to-silver"));
}
