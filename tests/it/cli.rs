//! The `lakecost` binary as a user runs it: outputs pinned by snapshots, bad input
//! answered with exit 2, a position and no output file.

use std::path::Path;
use std::process::Output;

use crate::support::run::lakecost;

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn estimate_table_for_the_flagship_scenario() {
    let o = lakecost(&["estimate", "scenarios/1tb-day.yaml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("estimate_1tb_day_table", stdout(&o));
}

#[test]
fn estimate_table_for_the_small_team() {
    let o = lakecost(&["estimate", "scenarios/small-team.yaml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("estimate_small_team_table", stdout(&o));
}

#[test]
fn validate_lists_findings_with_codes_and_positions() {
    let o = lakecost(&["validate", "scenarios/lifecycle-mistakes.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    insta::assert_snapshot!("validate_lifecycle_mistakes", stdout(&o));
}

#[test]
fn validate_strict_fails_on_warnings_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("warn.yaml");
    std::fs::write(
        &f,
        "version: 1\nname: w\nregion: us-east-1\ningest: { per_day: 1 GB }\ns3:\n  layers:\n    - { name: l, share_of_ingest: 1, object_size: 64 KB, lifecycle: [ { after_days: 30, to: GLACIER } ] }\n",
    )
    .unwrap();
    let f = f.to_str().unwrap();
    assert_eq!(lakecost(&["validate", f]).status.code(), Some(0));
    assert_eq!(
        lakecost(&["validate", "--strict", f]).status.code(),
        Some(1)
    );
    let clean = lakecost(&["validate", "--strict", "scenarios/1tb-day-uncertain.yaml"]);
    assert_eq!(clean.status.code(), Some(0));
    assert!(stdout(&clean).contains("no findings"));
}

#[test]
fn json_is_the_canonical_form_and_totals_add_up() {
    let o = lakecost(&["estimate", "--format", "json", "scenarios/1tb-day.yaml"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["schema"], "lakecost.report/v1");
    assert_eq!(v["scenario"]["months"], 36);
    assert_eq!(v["pricing"]["source"], "bundled-snapshot");
    assert_eq!(v["pricing"]["snapshot_date"], "2026-12-05");
    let months = v["months"].as_array().unwrap();
    assert_eq!(months.len(), 36);
    let mut horizon = 0.0;
    for m in months.iter().chain([&v["steady_state"]]) {
        let lines: f64 = m["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["cost_usd"].as_f64().unwrap())
            .sum();
        let total = m["total_usd"].as_f64().unwrap();
        assert!(
            (lines - total).abs() < 1e-6,
            "month {}: {lines} vs {total}",
            m["month"]
        );
        for l in m["lines"].as_array().unwrap() {
            for key in [
                "service",
                "resource",
                "component",
                "quantity",
                "unit",
                "unit_price_usd",
                "cost_usd",
                "price_key",
                "confidence",
            ] {
                assert!(!l[key].is_null(), "{key} missing");
            }
        }
    }
    for m in months {
        horizon += m["total_usd"].as_f64().unwrap();
    }
    assert!((horizon - v["horizon_total_usd"].as_f64().unwrap()).abs() < 1e-6);
    assert!(
        v["capacity"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["metric"] == "stored GLACIER")
    );
}

#[test]
fn csv_has_a_row_per_month_and_line() {
    let o = lakecost(&["estimate", "--format", "csv", "scenarios/small-team.yaml"]);
    let text = stdout(&o);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        r.headers().unwrap().iter().take(3).collect::<Vec<_>>(),
        ["month", "service", "resource"]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert!(rows.iter().any(|r| &r[0] == "24"));
    assert!(rows.iter().any(|r| &r[0] == "steady_state"));
}

#[test]
fn out_writes_the_file_and_a_failed_run_leaves_none() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    let o = lakecost(&[
        "estimate",
        "--format",
        "json",
        "--out",
        out.to_str().unwrap(),
        "scenarios/small-team.yaml",
    ]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).is_empty());
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["scenario"]["name"], "Small team, 10 GB/day");

    let bad = dir.path().join("bad.json");
    let o = lakecost(&[
        "estimate",
        "--out",
        bad.to_str().unwrap(),
        "scenarios/lifecycle-mistakes.yaml",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!bad.exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
}

/// Each bad scenario: exit 2, `file:line:col`, a message, maybe a suggestion.
fn rejected(yaml: &str, line_col: &str, needles: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("s.yaml");
    std::fs::write(&f, yaml).unwrap();
    let out = dir.path().join("r.json");
    let o = lakecost(&[
        "estimate",
        "--out",
        out.to_str().unwrap(),
        f.to_str().unwrap(),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(&format!("s.yaml:{line_col}")), "{err}");
    for n in needles {
        assert!(err.contains(n), "`{n}` not in:\n{err}");
    }
    assert!(!err.contains("panicked"));
    assert!(!Path::new(&out).exists());
    err.replace(dir.path().to_str().unwrap(), "<dir>")
}

const HEAD: &str = "version: 1\nname: bad\nregion: us-east-1\n";

#[test]
fn malformed_yaml() {
    rejected(
        &format!("{HEAD}s3:\n  layers: [ {{ name: a\n"),
        "5:",
        &["error"],
    );
}

#[test]
fn yaml_library_internals_never_reach_the_user() {
    // A duplicate key is said in the user's terms, not as the library's option name.
    let err = rejected(
        "version: 1\nname: a\nname: b\nregion: us-east-1\n",
        "3:1",
        &["the key `name` appears twice"],
    );
    assert!(!err.contains("DuplicateKeyPolicy"), "{err}");
}

#[test]
fn misspelled_key_gets_a_suggestion() {
    let err = rejected(
        &format!(
            "{HEAD}s3:\n  layers:\n    - name: a\n      share_of_ingest: 1\n      object_sise: 1 MB\n"
        ),
        "8:7",
        &[
            "`s3.layers[0].object_sise`",
            "unknown field",
            "did you mean `object_size`",
        ],
    );
    insta::assert_snapshot!("error_misspelled_key", err);
}

#[test]
fn negative_size() {
    rejected(
        &format!("{HEAD}ingest:\n  per_day: -5 TB\n"),
        "5:12",
        &["`ingest.per_day`", "negative"],
    );
}

#[test]
fn unknown_region() {
    let err = rejected(
        "version: 1\nname: bad\nregion: eu-west-9\n",
        "3:9",
        &["unknown AWS region", "did you mean `eu-west-1`"],
    );
    insta::assert_snapshot!("error_unknown_region", err);
}

#[test]
fn region_without_prices() {
    rejected(
        "version: 1\nname: bad\nregion: af-south-1\n",
        "",
        &[
            "no prices for af-south-1",
            "pricing refresh --region af-south-1",
        ],
    );
}

#[test]
fn unknown_storage_class() {
    rejected(
        &format!(
            "{HEAD}s3:\n  layers:\n    - {{ name: a, share_of_ingest: 1, object_size: 1 MB, storage_class: STANDARD_AI }}\n"
        ),
        "6:",
        &[
            "unknown storage class `STANDARD_AI`",
            "did you mean `STANDARD_IA`",
        ],
    );
}

#[test]
fn standard_ia_after_7_days_is_rejected_as_s3_would() {
    let err = rejected(
        &format!(
            "{HEAD}ingest: {{ per_day: 1 TB }}\ns3:\n  layers:\n    - name: a\n      share_of_ingest: 1\n      object_size: 128 MB\n      lifecycle:\n        - {{ after_days: 7, to: STANDARD_IA }}\n"
        ),
        "11:25",
        &["LC-S3-001", "at least 30 days"],
    );
    insta::assert_snapshot!("error_ia_after_7_days", err);
}

#[test]
fn a_legal_but_costly_rule_warns_and_still_estimates() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("s.yaml");
    std::fs::write(
        &f,
        format!("{HEAD}ingest: {{ per_day: 1 TB }}\ns3:\n  layers:\n    - name: a\n      share_of_ingest: 1\n      object_size: 128 MB\n      lifecycle:\n        - {{ after_days: 30, to: GLACIER }}\n      expire_after_days: 60\n"),
    )
    .unwrap();
    let o = lakecost(&["estimate", f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("LC-S3-006"));
}

#[test]
fn a_tampered_snapshot_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["prices.csv", "manifest.json"] {
        std::fs::copy(Path::new("pricing-data").join(f), dir.path().join(f)).unwrap();
    }
    let ok = lakecost(&[
        "estimate",
        "--pricing",
        dir.path().to_str().unwrap(),
        "scenarios/small-team.yaml",
    ]);
    assert_eq!(ok.status.code(), Some(0));
    assert!(stdout(&ok).contains("snapshot-dir"));
    let csv = std::fs::read_to_string(dir.path().join("prices.csv")).unwrap();
    std::fs::write(
        dir.path().join("prices.csv"),
        csv.replacen("0.023", "0.001", 1),
    )
    .unwrap();
    let o = lakecost(&[
        "estimate",
        "--pricing",
        dir.path().to_str().unwrap(),
        "scenarios/small-team.yaml",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("sha256"));
}

#[test]
fn explain_prints_the_documented_rule() {
    let o = lakecost(&["explain", "LC-S3-001"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("30 days"));
    assert_eq!(lakecost(&["explain", "LC-XX-999"]).status.code(), Some(2));
}

#[test]
fn estimate_table_for_the_streaming_pipeline() {
    let o = lakecost(&["estimate", "scenarios/streaming-10k-eps.yaml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("estimate_streaming_table", stdout(&o));
}

#[test]
fn compare_table_and_json() {
    let o = lakecost(&["compare", "scenarios/glue-vs-emr.yaml"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("compare_glue_vs_emr_table", stdout(&o));
    let o = lakecost(&["compare", "--format", "json", "scenarios/glue-vs-emr.yaml"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["schema"], "lakecost.compare/v1");
    assert_eq!(v["workloads"][0]["options"].as_array().unwrap().len(), 6);
    let o = lakecost(&["compare", "scenarios/1tb-day.yaml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nothing to compare"));
}

#[test]
fn diff_between_two_scenarios() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("more-gold.yaml");
    let text = std::fs::read_to_string("scenarios/1tb-day.yaml").unwrap();
    let changed = text
        .replace("share_of_ingest: 3%", "share_of_ingest: 5%")
        .replace("queries_per_day: 100", "queries_per_day: 160")
        .replace(
            "expire_after_days: 730\n      access:\n        - { age_days: 0-730",
            "expire_after_days: 365\n      access:\n        - { age_days: 0-365",
        );
    assert_ne!(text, changed);
    std::fs::write(&new, changed).unwrap();
    let new = new.to_str().unwrap();
    let o = lakecost(&["diff", "scenarios/1tb-day.yaml", new]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("diff_table", stdout(&o));
    let o = lakecost(&[
        "diff",
        "--format",
        "markdown",
        "scenarios/1tb-day.yaml",
        new,
    ]);
    insta::assert_snapshot!("diff_markdown", stdout(&o));
    let o = lakecost(&["diff", "--format", "csv", "scenarios/1tb-day.yaml", new]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    insta::assert_snapshot!("diff_csv", stdout(&o));
    let o = lakecost(&["diff", "--format", "json", "scenarios/1tb-day.yaml", new]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["schema"], "lakecost.diff/v1");
    let d = &v["steady_state"];
    let delta = d["new_usd"].as_f64().unwrap() - d["base_usd"].as_f64().unwrap();
    assert!((delta - d["delta_usd"].as_f64().unwrap()).abs() < 1e-9);
    assert!(
        v["capacity"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["metric"] == "stored STANDARD")
    );
    // A broken side is reported like an estimate would.
    let o = lakecost(&[
        "diff",
        "scenarios/1tb-day.yaml",
        "scenarios/lifecycle-mistakes.yaml",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn pricing_show_coverage_tells_what_the_snapshot_holds() {
    let o = lakecost(&["pricing", "show", "--coverage"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let t = stdout(&o);
    for needle in [
        "eu-central-1",
        "sa-east-1",
        "V verified against the Price List",
    ] {
        assert!(t.contains(needle), "`{needle}` not in:\n{t}");
    }
    // No capture holds EMR Serverless in eu-south-1 nor ap-northeast-3, nor arm64 outside
    // us-east-1: the gaps are named under the table.
    let gap = t
        .lines()
        .find(|l| l.trim_start().starts_with("eu-south-1:"))
        .unwrap();
    assert!(gap.contains("emr_serverless.vcpu.x86_64"), "{gap}");
    let gap = t
        .lines()
        .find(|l| l.trim_start().starts_with("eu-central-1:"))
        .unwrap();
    assert!(
        gap.contains("emr_serverless.vcpu.arm64") && !gap.contains("x86_64"),
        "{gap}"
    );
    // us-east-1 lacks only the prices no capture names a product for, in any region.
    let gap = t
        .lines()
        .find(|l| l.trim_start().starts_with("us-east-1:"))
        .unwrap();
    assert_eq!(
        gap.trim(),
        "us-east-1: glue.etl.memory_optimized, glue.etl.memory_optimized_flex, kinesis.on_demand.long_term_retrieval"
    );
}

#[test]
fn diff_with_one_side_lacking_a_steady_state_compares_like_with_like() {
    let dir = tempfile::tempdir().unwrap();
    let forever = dir.path().join("forever.yaml");
    // The same lake with bronze kept forever: no steady state on that side.
    let text = std::fs::read_to_string("scenarios/small-team.yaml").unwrap();
    let kept: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("expire_after_days"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&forever, kept).unwrap();
    let o = lakecost(&[
        "diff",
        "scenarios/small-team.yaml",
        forever.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["steady_state"].is_null());
    let compared = v["compared"].as_str().unwrap();
    assert!(
        compared.starts_with("month 24 of the base with month 24"),
        "{compared}"
    );
}

#[test]
fn explain_list_prints_every_code_with_its_meaning() {
    let o = lakecost(&["explain", "--list"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let t = stdout(&o);
    assert!(t.lines().count() >= 25, "{t}");
    assert!(t.contains("LC-GLUE-003") && t.contains("LC-EMR-003"), "{t}");
}

/// `lakecost ARGS` with `input` on standard input.
fn with_stdin(args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_lakecost"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn a_scenario_can_come_from_standard_input() {
    let yaml = std::fs::read_to_string("scenarios/small-team.yaml").unwrap();
    let o = with_stdin(&["estimate", "-", "--format", "json"], &yaml);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["scenario"]["name"], "Small team, 10 GB/day");
    // Commands that also read the text (to edit it, or sweep it) read standard input
    // once, never a file named `-` (issue 31 item 2).
    for args in [
        &["optimize", "-"][..],
        &["sweep", "-", "--vary", "ingest.per_day=10 GB..20 GB:2"],
    ] {
        let o = with_stdin(args, &yaml);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(
            stdout(&o).contains("Small team"),
            "{args:?}: {}",
            stdout(&o)
        );
    }
}

#[test]
fn set_overrides_a_key_for_one_run_and_says_so() {
    let steady = |args: &[&str]| -> f64 {
        let o = lakecost(args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["steady_state"]["total_usd"].as_f64().unwrap()
    };
    let base = steady(&["estimate", "scenarios/1tb-day.yaml", "--format", "json"]);
    let more = steady(&[
        "estimate",
        "scenarios/1tb-day.yaml",
        "--format",
        "json",
        "--set",
        "ingest.per_day=2 TB",
    ]);
    assert!(more > base, "{more} <= {base}");
    let o = lakecost(&[
        "diff",
        "scenarios/1tb-day.yaml",
        "scenarios/1tb-day.yaml",
        "--set",
        "s3.layers[bronze].expire_after_days=365",
    ]);
    let t = stdout(&o);
    assert!(
        t.contains("with s3.layers[bronze].expire_after_days=365"),
        "{t}"
    );
    let o = lakecost(&[
        "estimate",
        "scenarios/1tb-day.yaml",
        "--set",
        "ingest.per_dya=2 TB",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `per_day`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn sweep_of_ingest_never_costs_less_as_ingest_grows() {
    let o = lakecost(&[
        "sweep",
        "scenarios/1tb-day.yaml",
        "--vary",
        "ingest.per_day=0.5 TB..4 TB:8",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let points = v["points"].as_array().unwrap();
    assert_eq!(points.len(), 8);
    assert_eq!(points[0]["values"][0], "0.5 TB");
    let steady: Vec<f64> = points
        .iter()
        .map(|p| p["steady_state_usd"].as_f64().unwrap())
        .collect();
    assert!(steady.windows(2).all(|w| w[1] >= w[0]), "{steady:?}");
    let csv = lakecost(&[
        "sweep",
        "scenarios/1tb-day.yaml",
        "--vary",
        "ingest.per_day=1 TB..4 TB*2",
        "--vary",
        "s3.layers[bronze].expire_after_days=365..730:2",
        "--format",
        "csv",
    ]);
    assert_eq!(stdout(&csv).lines().count(), 1 + 3 * 2);
}

#[test]
fn ingest_that_grows_past_any_real_lake_is_refused_not_printed_as_infinity() {
    // 1000 PB a day doubling monthly for 600 months used to print `$inf` and exit 0.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yaml");
    std::fs::write(
        &path,
        "version: 1\nname: huge\nregion: us-east-1\nmonths: 600\ningest:\n  per_day: 1000 PB\n  growth_per_month: 100%\ns3:\n  layers:\n    - { name: raw, share_of_ingest: 100%, object_size: 128 MB, expire_after_days: 30 }\n",
    )
    .unwrap();
    let o = lakecost(&["estimate", path.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    let e = stderr(&o);
    assert!(
        e.contains(":7:21") && e.contains("ingest.growth_per_month"),
        "{e}"
    );
    // The first month past the bound: 1000 PB doubled once, in month 2.
    assert!(
        e.contains("in month 2 ingest would be 2000 PB a day, past the 1024 PB a day"),
        "{e}"
    );
}

#[test]
fn names_with_control_characters_or_too_long_are_refused_with_a_position() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let layer = "s3:\n  layers:\n    - { name: LAYER, share_of_ingest: 100%, object_size: 128 MB, expire_after_days: 30 }\n";
    let base = "version: 1\nname: NAME\nregion: us-east-1\ningest: { per_day: 1 TB }\n";
    let cases = [
        // A terminal title escape in the scenario's name (YAML double-quoted escapes).
        (
            base.replace("NAME", "\"\\e]0;pwned\\a\"") + &layer.replace("LAYER", "raw"),
            ":2:7",
            "U+001B",
        ),
        // A right-to-left override in a layer name.
        (
            base.replace("NAME", "t") + &layer.replace("LAYER", "\"raw\\u202Etxt\""),
            ":7:15",
            "U+202E",
        ),
        // A name of a million characters.
        (
            base.replace("NAME", "t") + &layer.replace("LAYER", &"x".repeat(1_000_000)),
            ":7:15",
            "at most 128 characters",
        ),
    ];
    for (i, (text, at, why)) in cases.iter().enumerate() {
        let p = write(&format!("s{i}.yaml"), text);
        let o = lakecost(&["estimate", p.to_str().unwrap()]);
        let e = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{e}");
        assert!(e.contains(at) && e.contains(why), "{at} {why}: {e}");
        assert!(!e.contains('\u{1b}') && !e.contains('\u{202e}'), "{e:?}");
    }
}

#[test]
fn day_counts_beyond_a_century_are_refused_and_the_longest_accepted_is_quick() {
    // `after_days: 1000000000` aborted the process; 100 years of INTELLIGENT_TIERING
    // retention now prices in milliseconds.
    let dir = tempfile::tempdir().unwrap();
    let scenario = |days: u32| {
        format!(
            "version: 1\nname: t\nregion: us-east-1\ningest: {{ per_day: 1 TB }}\ns3:\n  layers:\n    - {{ name: raw, share_of_ingest: 100%, object_size: 128 MB, storage_class: INTELLIGENT_TIERING, lifecycle: [{{ after_days: 30, to: GLACIER }}], expire_after_days: {days} }}\n"
        )
    };
    let p = dir.path().join("long.yaml");
    std::fs::write(&p, scenario(1_000_000_000)).unwrap();
    let o = lakecost(&["estimate", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("expected at most 36500 days"),
        "{}",
        stderr(&o)
    );
    std::fs::write(&p, scenario(36_500)).unwrap();
    let o = lakecost(&["estimate", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn completion_scripts_for_the_common_shells() {
    for (shell, mark) in [
        ("bash", "_lakecost()"),
        ("zsh", "#compdef lakecost"),
        ("fish", "complete -c lakecost"),
    ] {
        let o = lakecost(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let script = stdout(&o);
        assert!(script.contains(mark), "{shell}: {script}");
        assert!(
            script.contains("estimate") && script.contains("samples"),
            "{shell}"
        );
    }
    assert_eq!(lakecost(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn init_writes_a_starter_that_estimates_and_never_replaces_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lake.yaml");
    let p = path.to_str().unwrap();
    let o = lakecost(&["init", p]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(lakecost(&["validate", p]).status.code(), Some(0));
    let o = lakecost(&["estimate", p]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("My lake"));
    std::fs::write(&path, "mine").unwrap();
    let o = lakecost(&["init", p]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("only with --force"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    let o = lakecost(&["init", p, "--force", "--template", "minimal"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .contains("Minimal lake")
    );
}

#[test]
fn every_init_template_estimates_as_written_in_the_region_asked() {
    let dir = tempfile::tempdir().unwrap();
    for (template, region) in [
        ("lake", "eu-west-1"),
        ("streaming", "us-east-1"),
        ("glue-vs-emr", "us-east-1"),
        ("minimal", "ap-southeast-2"),
    ] {
        let path = dir.path().join(format!("{template}.yaml"));
        let p = path.to_str().unwrap();
        let o = lakecost(&["init", p, "--template", template, "--region", region]);
        assert_eq!(o.status.code(), Some(0), "{template}: {}", stderr(&o));
        let o = lakecost(&["estimate", p, "--format", "json"]);
        assert_eq!(o.status.code(), Some(0), "{template}: {}", stderr(&o));
        let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(json["scenario"]["region"], region, "{template}");
    }
    // A misspelt region is refused with a suggestion, and nothing is written.
    let path = dir.path().join("typo.yaml");
    let o = lakecost(&["init", path.to_str().unwrap(), "--region", "us-eats-1"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `us-east-1`"),
        "{}",
        stderr(&o)
    );
    assert!(!path.exists());
}

#[test]
fn a_manual_page_in_roff() {
    let o = lakecost(&["man"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let page = stdout(&o);
    assert!(page.contains(".TH lakecost 1"), "{page}");
    assert!(
        page.contains("estimate") && page.contains("completions"),
        "{page}"
    );
}

/// Names from another person's scenario reach a review page as text, never markup:
/// HTML as entities, Markdown's code, emphasis, link and table characters escaped.
#[test]
fn hostile_names_stay_text_in_markdown_reports() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("s.yaml");
    let name = r#""<img src=x onerror=alert(1)> `code` |pipe| *bold* [link](http://x)""#;
    std::fs::write(
        &p,
        format!(
            "version: 1\nname: {name}\nregion: us-east-1\ningest: {{ per_day: 1 TB }}\ns3:\n  layers:\n    - {{ name: {name}, share_of_ingest: 100%, object_size: 128 MB, expire_after_days: 30 }}\n"
        ),
    )
    .unwrap();
    for args in [
        vec!["estimate", p.to_str().unwrap(), "--format", "markdown"],
        vec!["optimize", p.to_str().unwrap(), "--format", "markdown"],
        vec![
            "diff",
            p.to_str().unwrap(),
            p.to_str().unwrap(),
            "--format",
            "markdown",
        ],
    ] {
        let o = lakecost(&args);
        let all = stdout(&o);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        // The scenario's own text in optimize's diff is inside a fence no backtick
        // run in it can close (rendered literally); the rest must be escaped.
        let md = all.split("## The edit").next().unwrap();
        assert!(md.contains("&lt;img src=x onerror=alert(1)&gt;"), "{md}");
        assert!(!md.contains("<img"), "{md}");
        assert!(!md.contains("[link](http://x)"), "{md}");
        assert!(md.contains(r"\`code\`") || !md.contains("code"), "{md}");
    }
    // SVG charts carry the names XML-escaped.
    let charts = dir.path().join("charts");
    let o = lakecost(&[
        "estimate",
        p.to_str().unwrap(),
        "--chart",
        charts.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for f in std::fs::read_dir(&charts).unwrap() {
        let svg = std::fs::read_to_string(f.unwrap().path()).unwrap();
        assert!(!svg.contains("<img") && svg.contains("&lt;img"), "{svg}");
    }
}

/// The table fits the width it is given: the 1tb-day line items at 80, 100 and 160
/// columns, and at 120 every line item on one line.
#[test]
fn the_table_fits_its_width() {
    for w in ["80", "100", "120", "160"] {
        let o = lakecost(&["estimate", "scenarios/1tb-day.yaml", "--width", w]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let out = stdout(&o);
        let items: String = out
            .split("Line items")
            .nth(1)
            .unwrap()
            .split("\n\n")
            .next()
            .unwrap()
            .to_string();
        insta::assert_snapshot!(format!("line_items_1tb_day_{w}_columns"), items);
        let width: usize = w.parse().unwrap();
        for line in out.lines() {
            assert!(line.chars().count() <= width, "{w}: {line}");
        }
    }
    let o = lakecost(&["estimate", "scenarios/1tb-day.yaml", "--width", "120"]);
    let out = stdout(&o);
    let items = out
        .split("Line items")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap();
    // Every item line ends with its monthly cost: none continues on the next line.
    for line in items.lines().skip(3).filter(|l| l.starts_with("  ")) {
        assert!(
            line.trim_end().ends_with(|c: char| c.is_ascii_digit()),
            "wrapped: {line}"
        );
    }
}

/// A lake in eu-south-1, where no capture holds EMR Serverless prices.
const MILAN: &str = "version: 1\nname: milan\nregion: eu-south-1\nmonths: 2\ningest: { per_day: 10 GB }\ns3:\n  layers:\n    - { name: raw, share_of_ingest: 100%, object_size: 64 MB, expire_after_days: 30 }\nemr:\n  serverless:\n    - { name: spark, runs_per_day: 1, vcpu_hours: 20, memory_gb_hours: 80 }\n    - { name: arm, runs_per_day: 1, vcpu_hours: 20, memory_gb_hours: 80, architecture: arm64 }\n";

#[test]
fn missing_prices_are_named_at_once_and_allow_missing_lists_them_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("milan.yaml");
    std::fs::write(&file, MILAN).unwrap();
    let f = file.to_str().unwrap();
    for command in ["estimate", "validate", "optimize"] {
        let o = lakecost(&[command, f]);
        assert_eq!(o.status.code(), Some(2), "{command}: {}", stderr(&o));
        let e = stderr(&o);
        for key in [
            "emr_serverless.vcpu.x86_64",
            "emr_serverless.memory.x86_64",
            "emr_serverless.vcpu.arm64",
            "emr_serverless.memory.arm64",
        ] {
            assert!(e.contains(key), "{command}: {key} not in {e}");
        }
        assert!(
            e.contains("emr_serverless:") && e.contains("--allow-missing"),
            "{e}"
        );
    }
    let run = |format: &str| {
        let o = lakecost(&["estimate", f, "--allow-missing", "--format", format]);
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
        stdout(&o)
    };
    let table = run("table");
    assert!(
        table.contains("INCOMPLETE") && table.contains("NOT INCLUDED"),
        "{table}"
    );
    assert!(table.contains("608 vCPU-Hours"), "{table}");
    let md = run("markdown");
    assert!(
        md.contains("**INCOMPLETE") && md.contains("## NOT INCLUDED"),
        "{md}"
    );
    let csv = run("csv");
    assert!(
        csv.lines().any(|l| l.starts_with("not_included,emr,spark,")
            && l.contains("emr_serverless.vcpu.x86_64")),
        "{csv}"
    );
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let items = json["not_included"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    assert!(items.iter().all(|i| i["quantity"].as_f64().unwrap() > 0.0));
    // The S3 lake is still priced.
    assert!(json["steady_state"]["total_usd"].as_f64().unwrap() > 0.0);
    let o = lakecost(&["validate", f, "--allow-missing"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// A layer replicated to Hong Kong, where the snapshot holds no S3 price, from
/// us-east-1, where no capture holds the transfer to Hong Kong (and refresh cannot
/// fetch one: its usage type names two regions).
const TO_HONG_KONG: &str = "version: 1\nname: replicated\nregion: us-east-1\nmonths: 2\ningest: { per_day: 10 GB }\ns3:\n  layers:\n    - { name: raw, share_of_ingest: 100%, object_size: 64 MB, expire_after_days: 30, replicate_to: ap-east-1 }\n";

#[test]
fn prices_missing_in_a_replicas_region_are_named_there_and_only_fetchable_ones_are_promised() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hk.yaml");
    std::fs::write(&file, TO_HONG_KONG).unwrap();
    let f = file.to_str().unwrap();
    let o = lakecost(&["estimate", f]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    insta::assert_snapshot!(
        "error_missing_in_replica_region",
        stderr(&o).replace(f, "<file>")
    );
    let o = lakecost(&["estimate", f, "--allow-missing"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let table = stdout(&o);
    assert!(
        table.contains("refresh --region ap-east-1")
            && !table.contains("refresh --region us-east-1"),
        "{table}"
    );
    let o = lakecost(&["estimate", f, "--allow-missing", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let resources: Vec<&str> = json["not_included"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["resource"].as_str().unwrap())
        .collect();
    assert_eq!(
        resources,
        [
            "raw (replica in ap-east-1)",
            "raw (replica in ap-east-1)",
            "raw"
        ]
    );
}

/// Issue 30, items 8 and 10: flags every command should take, and output that says
/// what it means.
#[test]
fn small_defects_of_flags_and_output() {
    // validate takes --set, and checks the scenario as overridden: bronze expiring
    // after 10 days breaks its 30-day STANDARD_IA rule, an error S3 rejects.
    let o = lakecost(&["validate", "scenarios/1tb-day.yaml", "--set", "months=6"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = lakecost(&[
        "validate",
        "scenarios/1tb-day.yaml",
        "--set",
        "s3.layers[bronze].expire_after_days=10",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    // optimize takes --width, and its table fits it.
    let o = lakecost(&["optimize", "scenarios/1tb-day.yaml", "--width", "80"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o)
            .lines()
            .all(|l| l.chars().count() <= 80 || !l.contains('│'))
    );
    // --samples on a scenario without ranges says it has nothing to sample.
    let o = lakecost(&["estimate", "scenarios/1tb-day.yaml", "--samples", "100"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stderr(&o).contains("nothing to sample"), "{}", stderr(&o));
    // An unknown price key is an error with a suggestion, not an empty table.
    let o = lakecost(&["pricing", "show", "s3.storage.STANDRD"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `s3.storage.STANDARD`"),
        "{}",
        stderr(&o)
    );
    // A spot saving is a share, not dollars.
    let o = lakecost(&[
        "pricing",
        "show",
        "ec2.spot_discount.m5.xlarge",
        "--region",
        "us-east-1",
    ]);
    assert!(
        stdout(&o).contains("66% saving") && !stdout(&o).contains("$0.66"),
        "{}",
        stdout(&o)
    );
    // No CSV cell reads "-0".
    let o = lakecost(&["compare", "scenarios/glue-vs-emr.yaml", "--format", "csv"]);
    assert!(!stdout(&o).contains(",-0,"), "{}", stdout(&o));
}

/// Issue 30, item 11: messages that help rather than puzzle.
#[test]
fn suggestions_and_paths_in_messages() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    // A lowercase storage class is the uppercase one misspelt.
    let f = write(
        "lower.yaml",
        "version: 1\nname: t\nregion: us-east-1\ningest: { per_day: 1 TB }\ns3:\n  layers:\n    - { name: b, share_of_ingest: 100%, object_size: 64 MB, lifecycle: [ { after_days: 30, to: glacier } ], expire_after_days: 365 }\n",
    );
    let o = lakecost(&["validate", &f]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `GLACIER`"),
        "{}",
        stderr(&o)
    );
    // A duplicated key is named in the path, not `?`.
    let f = write(
        "dup.yaml",
        "version: 1\nname: t\nregion: us-east-1\nemr:\n  clusters:\n    - name: a\n      name: b\n      primary: { instance: m5.xlarge }\n",
    );
    let o = lakecost(&["validate", &f]);
    assert!(
        stderr(&o).contains("`emr.clusters[0].name`"),
        "{}",
        stderr(&o)
    );
    // A --set list element by a name close to one in the list.
    let o = lakecost(&[
        "estimate",
        "scenarios/glue-vs-emr.yaml",
        "--set",
        "emr.clusters[nightly].core.count=3",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `clusters[nightly-spark]`"),
        "{}",
        stderr(&o)
    );
}

/// Issue 30, item 7: with --set, findings point into the file as written, and one only
/// the override raises names it.
#[test]
fn findings_under_set_point_into_the_file_as_written() {
    // As bundled, the stream aggregates; without aggregation LC-FH-001 is raised at the
    // Firehose stream's line in the file (`- name: sales-to-s3`, line 29).
    let text = std::fs::read_to_string("scenarios/streaming-10k-eps.yaml").unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("name: sales-to-s3"))
        .unwrap()
        + 1;
    let o = lakecost(&[
        "validate",
        "scenarios/streaming-10k-eps.yaml",
        "--set",
        "kinesis.streams[sales-events].aggregation=false",
        "--set",
        "months=6",
    ]);
    let out = stdout(&o);
    assert!(
        out.contains(&format!("streaming-10k-eps.yaml:{line}:")),
        "{out}"
    );
    assert!(
        out.contains(
            "(with --set kinesis.streams[sales-events].aggregation=false, --set months=6)"
        ),
        "{out}"
    );
}

/// Issue 31, item 12: `init --region` is a region code, never text spliced into YAML.
#[test]
fn init_refuses_a_region_that_is_not_a_region_code() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lake.yaml");
    let f = file.to_str().unwrap();
    let o = lakecost(&["init", "--region", "us-east-1\nmonths: 1", f]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("is not an AWS region code"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains('\n') || stderr(&o).lines().count() == 1);
    assert!(!file.exists());
    let o = lakecost(&["init", "--region", "eu-centrl-1", f]);
    assert!(
        stderr(&o).contains("did you mean `eu-central-1`"),
        "{}",
        stderr(&o)
    );
    let o = lakecost(&["init", "--region", "eu-central-1", f]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// `--services` takes the service registry's names, and suggests one for a misspelling.
#[test]
fn refresh_services_are_the_registrys_names() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("snap");
    let o = lakecost(&[
        "pricing",
        "refresh",
        "--services",
        "s3,glu",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(e.contains("'glue'") && e.contains("stepfunctions"), "{e}");
    assert!(!out.exists());
}

/// Every command that reports offers the same formats and honours `--width`: each CSV
/// is one rectangular table, each table keeps to the width asked for.
#[test]
fn every_report_command_writes_csv_and_keeps_to_the_width() {
    let commands: [&[&str]; 5] = [
        &[
            "diff",
            "scenarios/1tb-day.yaml",
            "scenarios/1tb-day.yaml",
            "--set",
            "ingest.per_day=2 TB",
        ],
        &["optimize", "scenarios/1tb-day.yaml"],
        &["compare", "scenarios/glue-vs-emr.yaml"],
        &[
            "sweep",
            "scenarios/1tb-day.yaml",
            "--vary",
            "ingest.per_day=1TB..3TB:3",
        ],
        &["estimate", "scenarios/1tb-day.yaml"],
    ];
    for args in commands {
        let mut csv = args.to_vec();
        csv.extend(["--format", "csv"]);
        let o = lakecost(&csv);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        let text = stdout(&o);
        let mut rows = ::csv::Reader::from_reader(text.as_bytes());
        let width = rows.headers().unwrap().len();
        let records: Vec<_> = rows.records().map(Result::unwrap).collect();
        assert!(!records.is_empty(), "{args:?}: {text}");
        assert!(records.iter().all(|r| r.len() == width), "{args:?}");
        let mut narrow = args.to_vec();
        narrow.extend(["--width", "60"]);
        let o = lakecost(&narrow);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        let table_lines = stdout(&o)
            .lines()
            .filter(|l| l.starts_with(['│', '┌', '└', '╞', '├']))
            .map(|l| l.chars().count())
            .collect::<Vec<_>>();
        assert!(!table_lines.is_empty(), "{args:?}");
        assert!(
            table_lines.iter().all(|n| *n <= 60),
            "{args:?}: {table_lines:?}"
        );
    }
}
