//! Uncertain inputs end to end: a collapsed range prices exactly like the plain
//! scenario, the same seed gives the same bytes, the tornado's top row is the input
//! that moves the bill most when moved alone, and bad distributions are errors with a
//! position (exit 2).

use lakecost::model;
use lakecost::pricing::PriceBook;
use lakecost::scenario::load_str;
use lakecost::uncertainty::{self, Metric, Options};
use std::process::Output;

use crate::support::run::{lakecost, text};

fn flagship() -> String {
    std::fs::read_to_string("scenarios/1tb-day.yaml").unwrap()
}

fn options(samples: usize) -> Options {
    Options {
        samples: Some(samples),
        seed: None,
        metric: Metric::Steady,
    }
}

fn run(text: &str, samples: usize) -> uncertainty::UncertaintyReport {
    let s = load_str(text).unwrap();
    let book = PriceBook::bundled().unwrap();
    let u = s.uncertainty.clone().expect("uncertain inputs");
    uncertainty::run(&s, &u, &book, options(samples), &|| ()).unwrap()
}

#[test]
fn ranges_collapsed_to_a_point_price_like_the_plain_scenario() {
    // P10 = P90, min = mode = max, uniform [100, 100]: every sample is the flagship,
    // so every percentile is its estimate to the cent (here: to the bit).
    let plain = flagship();
    let collapsed = plain
        .replace("per_day: 1 TB", "per_day: { p10: 1 TB, p90: 1 TB }")
        .replace(
            "growth_per_month: 0%",
            "growth_per_month: { min: 0%, mode: 0%, max: 0% }",
        )
        .replace(
            "queries_per_day: 100",
            "queries_per_day: { uniform: [100, 100] }",
        );
    assert_ne!(collapsed, plain);
    let u = run(&collapsed, 50);
    let book = PriceBook::bundled().unwrap();
    let e = model::estimate(&load_str(&plain).unwrap(), &book).unwrap();
    let steady = e.steady_state.as_ref().unwrap().total().value();
    let s = u.steady_state_usd.unwrap();
    assert_eq!((s.p10, s.p50, s.p90), (steady, steady, steady));
    let h = e.horizon_total().value();
    assert_eq!((u.horizon_total_usd.p10, u.horizon_total_usd.p90), (h, h));
    for (m, p) in e.months.iter().zip(&u.months) {
        assert_eq!(
            (p.usd.p10, p.usd.p90),
            (m.total().value(), m.total().value())
        );
    }
    assert!(u.tornado.iter().all(|t| t.swing_usd == 0.0));
}

#[test]
fn the_tornado_leads_with_the_input_that_moves_the_bill_most_alone() {
    let u = run(
        &std::fs::read_to_string("scenarios/1tb-day-uncertain.yaml").unwrap(),
        200,
    );
    assert_eq!(u.tornado[0].key, "ingest.per_day");
    // Checked apart from the tornado's code: move each input alone with `--set` on
    // the median scenario and price it with `estimate`.
    // (The correlation block is dropped: it names keys `--set` gives a value.)
    let text = std::fs::read_to_string("scenarios/1tb-day-uncertain.yaml").unwrap();
    let text = &text[..text.find("\nuncertainty:").unwrap()];
    let book = PriceBook::bundled().unwrap();
    let steady_with = |key: &str, value: &str| -> f64 {
        use lakecost::scenario::overrides::{Override, load_with};
        let o = Override {
            path: key.into(),
            value: value.into(),
        };
        let s = load_with(text, &[o]).unwrap();
        model::estimate(&s, &book)
            .unwrap()
            .steady_state
            .unwrap()
            .total()
            .value()
    };
    let per_day = steady_with("ingest.per_day", "1.5 TB") - steady_with("ingest.per_day", "0.8 TB");
    let share = steady_with("s3.layers[silver].share_of_ingest", "35%")
        - steady_with("s3.layers[silver].share_of_ingest", "20%");
    let queries = steady_with("athena.workgroups[adhoc].queries_per_day", "740")
        - steady_with("athena.workgroups[adhoc].queries_per_day", "260");
    assert!(
        per_day > share && per_day > queries,
        "{per_day} {share} {queries}"
    );
    assert!((u.tornado[0].swing_usd - per_day).abs() < 0.01 * per_day);
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    let args = [
        "estimate",
        "scenarios/1tb-day-uncertain.yaml",
        "--format",
        "json",
        "--samples",
        "300",
    ];
    let (a, b) = (lakecost(&args), lakecost(&args));
    assert_eq!(a.status.code(), Some(0), "{}", text(&a));
    assert_eq!(a.stdout, b.stdout);
    let json: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    assert_eq!(json["uncertainty"]["samples"], 300);
    assert_eq!(json["uncertainty"]["seed"], 7);
    let other = lakecost(&[&args[..], &["--seed", "8"]].concat());
    assert_ne!(a.stdout, other.stdout);
}

#[test]
fn a_scenario_without_distributions_reports_no_uncertainty() {
    let o = lakecost(&["estimate", "scenarios/1tb-day.yaml", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(json.get("uncertainty").is_none());
}

fn rejected(o: &Output, line_col: &str, words: &[&str]) {
    let t = text(o);
    assert_eq!(o.status.code(), Some(2), "{t}");
    assert!(t.contains(line_col), "{line_col} not in {t}");
    for w in words {
        assert!(t.contains(w), "`{w}` not in {t}");
    }
    assert!(!t.contains("panicked"), "{t}");
}

/// The flagship with `from` replaced by `to`, written to a temporary file.
fn variant(from: &str, to: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.yaml");
    let text = flagship();
    assert!(text.contains(from));
    std::fs::write(&path, text.replace(from, to)).unwrap();
    let p = path.display().to_string();
    (dir, p)
}

#[test]
fn bad_distributions_are_errors_with_a_position() {
    // per_day sits on line 9, its value at column 12.
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "per_day: 1 TB",
            "per_day: { p10: 2 TB, p90: 1 TB }",
            &["ingest.per_day", "p10 is above p90"],
        ),
        (
            "per_day: 1 TB",
            "per_day: { p10: 1 TB, p50: 1.01 TB, p90: 10 TB }",
            &["no metalog"],
        ),
        (
            "per_day: 1 TB",
            "per_day: { p10: 1 TB, p90: 2 GB }",
            &["one unit"],
        ),
        (
            "per_day: 1 TB",
            "per_day: { p10: 1 TB, p90: 2 TB, dist: lognormale }",
            &["lognormal"],
        ),
        (
            "per_day: 1 TB",
            "per_day: { min: 1 TB, max: 2 TB }",
            &["uniform"],
        ),
    ];
    for (from, to, words) in cases {
        let (_dir, p) = variant(from, to);
        rejected(&lakecost(&["estimate", &p]), ":9:12", words);
    }
    // A share whose range leaves 0–100 %.
    let (_dir, p) = variant(
        "share_of_ingest: 25%",
        "share_of_ingest: { p10: 50%, p90: 120% }",
    );
    rejected(
        &lakecost(&["estimate", &p]),
        ":39:",
        &["share_of_ingest", "valid range"],
    );
    // A key that cannot hold a distribution.
    let (_dir, p) = variant("months: 36", "months: { p10: 12, p90: 36 }");
    rejected(
        &lakecost(&["validate", &p]),
        ":6:9",
        &["cannot hold a distribution"],
    );
}

#[test]
fn bad_correlations_are_errors_with_a_suggestion() {
    let with = |block: &str| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.yaml");
        let text = flagship()
            .replace("per_day: 1 TB", "per_day: { p10: 0.8 TB, p90: 1.5 TB }")
            .replace(
                "queries_per_day: 100",
                "queries_per_day: { uniform: [40, 160] }",
            )
            + block;
        std::fs::write(&path, text).unwrap();
        (dir, path.display().to_string())
    };
    let (_d, p) = with(
        "uncertainty:\n  correlations:\n    - [ingest.per_dy, \"athena.workgroups[adhoc].queries_per_day\", 0.6]\n",
    );
    rejected(
        &lakecost(&["estimate", &p]),
        ":",
        &["holds no distribution", "did you mean `ingest.per_day`"],
    );
    let (_d, p) = with(
        "uncertainty:\n  correlations:\n    - [ingest.per_day, \"athena.workgroups[adhoc].queries_per_day\", 1.6]\n",
    );
    rejected(
        &lakecost(&["estimate", &p]),
        ":",
        &["coefficient from −1 to 1"],
    );
    let (_d, p) = with("uncertainty:\n  sample: 100\n");
    rejected(
        &lakecost(&["estimate", &p]),
        ":",
        &["unknown key `sample`", "did you mean `samples`"],
    );
}

#[test]
fn compute_keys_hold_distributions_too() {
    // EMR on EC2 runs, EMR Serverless vCPU-hours and an engine-neutral workload's input,
    // each set on the samples: the spread reaches the capacity rows it drives.
    let text = std::fs::read_to_string("scenarios/glue-vs-emr.yaml")
        .unwrap()
        .replace(
            "      duration: 3 h\n",
            "      duration: { p10: 2 h, p90: 4 h }\n",
        )
        .replace(
            "vcpu_hours: 1200",
            "vcpu_hours: { min: 900, mode: 1200, max: 2000 }",
        )
        .replace(
            "input_per_run: 1 TB",
            "input_per_run: { p10: 0.5 TB, p90: 2 TB }",
        );
    let s = load_str(&text).unwrap();
    let u = s.uncertainty.as_ref().unwrap();
    let keys: Vec<&str> = u.inputs.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(
        keys,
        [
            "emr.clusters[nightly-spark].duration",
            "emr.serverless[nightly-serverless].vcpu_hours",
            "workloads[daily-sales-transform].input_per_run"
        ]
    );
    let r = run(&text, 40);
    assert_eq!(r.samples, 40);
    let alternative = r
        .capacity
        .iter()
        .find(|c| c.resource == "nightly-serverless" && c.metric.starts_with("alternative"));
    // Alternatives are shown, not billed, and are not sampled rows of the bill.
    assert!(alternative.is_none());
}
