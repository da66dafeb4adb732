//! `lakecost optimize`: known answers with their arithmetic, and the promises every
//! plan keeps (each saving re-priced to the cent, nothing `validate --strict` did not
//! already say, the bill never rising as the changes are applied in order).

use lakecost::model::{self, Metric};
use lakecost::optimize::{Options, Plan, optimize};
use lakecost::pricing::PriceBook;
use lakecost::scenario::{edit, load_str};

const HEAD: &str = "version: 1\nname: t\nregion: us-east-1\nmonths: 24\n";
const DPM: f64 = 730.0 / 24.0;

fn plan(text: &str) -> Plan {
    plan_by(text, Metric::Steady)
}

fn plan_by(text: &str, metric: Metric) -> Plan {
    let book = PriceBook::bundled().unwrap();
    let p = optimize(text, &book, Options::new(metric)).unwrap();
    searched_is_proved(&p);
    p
}

/// Every proposal's edit prices as its search priced it: none is dropped for
/// describing another design than the one searched.
fn searched_is_proved(p: &Plan) {
    for d in &p.dropped {
        assert!(
            !d.reason.contains("does not describe the design searched"),
            "{:?} {}: {}",
            d.code,
            d.resource,
            d.reason
        );
    }
}

fn steady(text: &str) -> f64 {
    let book = PriceBook::bundled().unwrap();
    let e = model::estimate(&load_str(text).unwrap(), &book).unwrap();
    e.steady_state.unwrap().total().value()
}

fn horizon(text: &str) -> f64 {
    let book = PriceBook::bundled().unwrap();
    model::estimate(&load_str(text).unwrap(), &book)
        .unwrap()
        .horizon_total()
        .value()
}

fn changes_of<'a>(p: &'a Plan, resource: &str) -> Vec<&'a str> {
    p.changes
        .iter()
        .filter(|c| c.resource == resource)
        .map(|c| c.change.as_str())
        .collect()
}

fn layer(object_size: &str, access: &str) -> String {
    format!(
        "{HEAD}ingest: {{ per_day: 100 GB }}\ns3:\n  layers:\n    - name: l\n      share_of_ingest: 100%\n      object_size: {object_size}\n      expire_after_days: 730\n      access:\n{access}"
    )
}

#[test]
fn a_layer_read_thirty_times_a_month_keeps_standard() {
    // Per GB-month of data read 30 times a month: STANDARD $0.023; STANDARD_IA $0.0125 +
    // 30 × $0.01 retrieval = $0.3125; GLACIER_IR $0.004 + 30 × $0.03 = $0.904;
    // INTELLIGENT_TIERING keeps read objects in Frequent Access at STANDARD's $0.023
    // and adds monitoring; GLACIER and DEEP_ARCHIVE cannot be read without a restore
    // (LC-S3-010). Nothing beats STANDARD.
    let text = layer(
        "128 MB",
        "        - { age_days: 0-730, reads_per_month: 30 }\n",
    );
    let p = plan(&text);
    assert!(changes_of(&p, "l").is_empty(), "{:?}", p.changes);
}

#[test]
fn a_layer_never_read_after_day_one_goes_to_deep_archive_as_early_as_allowed() {
    // Read on ages 0–1, kept 730 days, 256 MB objects (4 per GB). Per GB written:
    // STANDARD until the rule at `after_days: 1` takes effect (age 2, so 1.5 days from
    // the average write at age 0.5): $0.023 × 1.5 / 30.42 = $0.00113; then DEEP_ARCHIVE
    // to age 731: $0.00099 × 729 / 30.42 = $0.02372, 4 transitions × $0.00005 =
    // $0.0002 and 40 KB of overhead per object. GLACIER for the same days costs
    // $0.0036 × 729 / 30.42 = $0.0863, more than three times as much; a later move
    // keeps STANDARD longer at 23 times DEEP_ARCHIVE's rate; an earlier one would
    // archive objects still read (LC-S3-010).
    let text = layer(
        "256 MB",
        "        - { age_days: 0-1, reads_per_month: 30 }\n",
    );
    let p = plan(&text);
    assert_eq!(
        changes_of(&p, "l"),
        vec!["STANDARD → DEEP_ARCHIVE after 1 day (was STANDARD)"]
    );
    // The saving is what estimating the written file shows.
    let saved = steady(&text) - steady(&p.written);
    assert!((p.changes[0].monthly_saving_usd.unwrap().value() - saved).abs() < 0.005);
}

#[test]
fn a_layer_of_64_kb_objects_is_not_moved_to_ia_or_archive() {
    // Read 4 times a month for 30 days, then never. 64 MB objects go to an archive
    // class after day 30. 64 KB objects do not move: S3 Lifecycle does not transition
    // objects under 128 KB (LC-S3-007), STANDARD_IA and GLACIER_IR bill them as 128 KB
    // (twice their size: $0.025 and $0.008 per GB-month of data, with retrieval on 4
    // reads a month), and written straight to an archive class they could not be read.
    let access = "        - { age_days: 0-30, reads_per_month: 4 }\n";
    let big = plan(&layer("64 MB", access));
    assert_eq!(big.changes.len(), 1);
    assert!(
        big.changes[0].change.contains("ARCHIVE"),
        "{:?}",
        big.changes
    );
    let small = plan(&layer("64 KB", access));
    for c in changes_of(&small, "l") {
        for class in ["STANDARD_IA", "ONEZONE_IA", "GLACIER", "DEEP_ARCHIVE"] {
            let now = c.split(" (was").next().unwrap();
            assert!(!now.contains(class), "{c}");
        }
    }
}

#[test]
fn restore_within_keeps_restored_ages_in_a_class_fast_enough() {
    // Restores of ages 91+ must be readable within 24 h: DEEP_ARCHIVE's bulk restores
    // take up to 48 h (LC-S3-014), so the optimiser may not move them there.
    let access = "        - { age_days: 0-90, reads_per_month: 0 }\n        - { age_days: 91-, restores_per_month: 1%, restore_tier: bulk, restore_within: 24 h }\n";
    let text = layer("128 MB", access).replace(
        "      expire_after_days",
        "      lifecycle: [{ after_days: 90, to: GLACIER }]\n      expire_after_days",
    );
    let p = plan(&text);
    for c in changes_of(&p, "l") {
        assert!(
            !c.split(" (was").next().unwrap().contains("DEEP_ARCHIVE"),
            "{c}"
        );
    }
    let fast = plan(&text.replace(", restore_within: 24 h", ""));
    assert!(changes_of(&fast, "l")[0].contains("DEEP_ARCHIVE"));
}

#[test]
fn a_nightly_job_with_a_six_hour_deadline_and_a_one_hour_run_moves_to_flex() {
    // 10 G.1X workers (1 DPU each) for 1 h a night: 10 DPU-hours × 30.42 nights at
    // $0.44 standard = $133.83, at $0.29 Flex = $88.21: $45.63 a month saved. The
    // 6-hour deadline holds the run twice over (FLEX_DEADLINE_FACTOR = 2).
    let job = |deadline: &str, duration: &str| {
        format!(
            "{HEAD}glue:\n  jobs:\n    - {{ name: nightly, worker_type: G.1X, workers: 10, runs_per_day: 1, duration: {duration}, glue_version: \"4.0\", deadline: {deadline} }}\n"
        )
    };
    let p = plan(&job("6 h", "1 h"));
    assert_eq!(
        changes_of(&p, "nightly"),
        vec!["execution_class: flex (was standard)"]
    );
    let saved = 10.0 * DPM * (0.44 - 0.29);
    assert!((p.changes[0].monthly_saving_usd.unwrap().value() - saved).abs() < 0.005);
    // A 1.5 h run with a 2 h deadline has no room for a wait or a re-run.
    assert!(plan(&job("2 h", "1.5 h")).changes.is_empty());
}

#[test]
fn a_cluster_used_eight_hours_a_day_gets_the_cheaper_of_a_pause_and_serverless() {
    // 2 × ra3.xlplus ($1.086 an hour each) holding 5 TB, up 24 h, used 8.
    // Up all day: 2 × 1.086 × 730 = $1,585.56 + 5,120 GB × $0.024 = $1,708.44.
    // Paused outside 8 h: 2 × 1.086 × 8 × 30.42 = $528.52 + $122.88 = $651.40.
    // Serverless with the same memory (2 × 32 GB = 64 GB = 4 RPU of 16 GB; 5 TB is
    // under 4 RPU's 32 TB): 4 × 8 × 30.42 × $0.375 = $365.00 + $122.88 = $487.88.
    // Serverless is cheaper: $1,220.56 a month saved.
    let cluster = |extra: &str| {
        format!(
            "{HEAD}redshift:\n  clusters:\n    - {{ name: dw, node_type: ra3.xlplus, nodes: 2, data: 5 TB, hours_per_day: 24, active_hours_per_day: 8{extra} }}\n"
        )
    };
    let text = cluster("");
    let p = plan(&text);
    assert_eq!(p.changes.len(), 1);
    assert!(
        p.changes[0]
            .change
            .starts_with("Redshift Serverless at 4 base RPUs")
    );
    let up = 2.0 * 1.086 * 730.0 + 5120.0 * 0.024;
    let serverless = 4.0 * 8.0 * DPM * 0.375 + 5120.0 * 0.024;
    assert!((p.changes[0].monthly_saving_usd.unwrap().value() - (up - serverless)).abs() < 0.005);
    assert!((steady(&p.written) - serverless).abs() < 0.005);
    // With Spectrum scans (which Serverless bills as RPU time, not modelled) only the
    // pause is offered: 2 × 1.086 × (730 − 8 × 30.42) = $1,057.04 saved.
    let p = plan(&cluster(", spectrum_scanned_per_month: 1 TB"));
    assert!(
        p.changes[0]
            .change
            .starts_with("pause outside its 8 active hours")
    );
    let paused = 2.0 * 1.086 * (730.0 - 8.0 * DPM);
    assert!((p.changes[0].monthly_saving_usd.unwrap().value() - paused).abs() < 0.005);
}

#[test]
fn memory_optimised_nodes_for_work_that_needs_half_their_memory_are_right_sized() {
    // 4 core nodes of r5.4xlarge (16 vCPU, 128 GiB: 8 GB per vCPU) up all day, for work
    // that needs 4 GB per vCPU. m5.4xlarge has the same 16 vCPUs and 64 GiB (4 GB per
    // vCPU). us-east-1, per node-hour: r5.4xlarge EC2 $1.008 + EMR $0.252 = $1.26,
    // m5.4xlarge $0.768 + $0.192 = $0.96. 4 nodes × $0.30 × 730 h = $876.00 a month.
    // c5.4xlarge (2 GB per vCPU) holds too little; m6i.4xlarge costs the same as
    // m5.4xlarge, which is kept as the first found.
    let cluster = |need: &str| {
        format!(
            "{HEAD}emr:\n  clusters:\n    - {{ name: etl, long_running: true, hours_per_day: 24, ebs_per_instance: 64 GB, memory_per_vcpu: {need}, primary: {{ instance: m5.xlarge }}, core: {{ instance: r5.4xlarge, count: 4 }} }}\n"
        )
    };
    let p = plan(&cluster("4 GB"));
    assert_eq!(
        changes_of(&p, "etl"),
        vec!["core m5.4xlarge (were core r5.4xlarge)"]
    );
    let saved = 4.0 * (1.26 - 0.96) * 730.0;
    assert!((p.changes[0].monthly_saving_usd.unwrap().value() - saved).abs() < 0.005);
    assert!(p.changes[0].trade_off.contains("m5.4xlarge 4 GB"));
    // Work that needs all 8 GB per vCPU keeps memory-optimised nodes (a Graviton move to
    // r6g, the same memory, may still be proposed).
    let p = plan(&cluster("8 GB"));
    assert!(
        changes_of(&p, "etl")
            .iter()
            .all(|c| !c.contains("core m") && !c.contains("core c")),
        "{:?}",
        changes_of(&p, "etl")
    );
    // Work that needs more than the nodes have is a finding, not a proposal.
    let book = PriceBook::bundled().unwrap();
    let e = model::estimate(&load_str(&cluster("12 GB")).unwrap(), &book).unwrap();
    let f = e.findings.iter().find(|f| f.code == "LC-EMR-004").unwrap();
    assert!(
        f.message
            .contains("core nodes (r5.4xlarge) have 8 GB per vCPU"),
        "{}",
        f.message
    );
}

#[test]
fn no_move_saves_an_emr_charge_the_snapshot_merely_lacks() {
    // A price book with m5.xlarge's EMR charge ($0.048 an hour) but no Graviton type's
    // (LC-EMR-003: billed for EC2 and EBS only; the bundled snapshot has
    // every type's charge since the 2025 captures, so a snapshot directory of another
    // region or age is what lacks them). A Graviton move would drop $0.048 × 730 =
    // $35.04 a month from the bill that AWS still charges, so it is not proposed, even
    // though r5.8xlarge (core) lacks its EMR charge already.
    let bundled = PriceBook::bundled().unwrap();
    // Every Graviton type's EMR charge (m6g, m7g, r6g, c7g…: a `g` family) and the
    // r5.8xlarge's.
    let lacking = |key: &str| {
        key.strip_prefix("emr.instance.").is_some_and(|t| {
            t == "r5.8xlarge" || t.split('.').next().is_some_and(|f| f.contains('g'))
        })
    };
    let prices = bundled
        .prices()
        .into_iter()
        .filter(|p| !(p.region == "us-east-1" && lacking(&p.key)))
        .cloned()
        .collect();
    let book = PriceBook::new(bundled.provenance.clone(), prices);
    let text = format!(
        "{HEAD}emr:\n  clusters:\n    - {{ name: etl, long_running: true, hours_per_day: 24, ebs_per_instance: 64 GB, primary: {{ instance: m5.xlarge }}, core: {{ instance: r5.8xlarge, count: 2 }} }}\n"
    );
    let options = Options::new(Metric::Steady);
    let p = optimize(&text, &book, options).unwrap();
    assert!(
        changes_of(&p, "etl").is_empty(),
        "{:?}",
        changes_of(&p, "etl")
    );
}

/// The promises of every plan, checked on the bundled lake for both objectives.
#[test]
fn on_1tb_day_every_saving_is_repriced_to_the_cent_and_the_bill_only_falls() {
    let text = std::fs::read_to_string("scenarios/1tb-day.yaml").unwrap();
    let book = PriceBook::bundled().unwrap();
    let base = model::estimate(&load_str(&text).unwrap(), &book).unwrap();
    let known: Vec<(&str, String)> = base
        .findings
        .iter()
        .map(|f| (f.code, f.resource.clone()))
        .collect();
    for metric in [Metric::Steady, Metric::Horizon] {
        let p = plan_by(&text, metric);
        assert!(!p.changes.is_empty());
        let figure = |t: &str| match metric {
            Metric::Steady => steady(t),
            Metric::Horizon => horizon(t),
        };
        let before = figure(&text);
        // Each change alone, written and estimated, saves what it claims.
        for c in &p.changes {
            let alone = edit::apply(&text, &c.edits).unwrap();
            let claimed = match metric {
                Metric::Steady => c.monthly_saving_usd.unwrap().value(),
                Metric::Horizon => c.horizon_saving_usd.value(),
            };
            assert!(
                (before - figure(&alone) - claimed).abs() < 0.005,
                "{}: {claimed}",
                c.change
            );
            assert!(claimed >= 0.005);
        }
        // In the order listed, each change lowers the bill further.
        let mut t = text.clone();
        let mut last = before;
        for c in &p.changes {
            t = edit::apply(&t, &c.edits).unwrap();
            let now = figure(&t);
            assert!(now < last, "{} raised the bill", c.change);
            last = now;
        }
        assert_eq!(t, p.written);
        // The written file raises no finding the input did not have, but for a charge
        // the saving prices in (early deletion).
        let after = model::check(&load_str(&p.written).unwrap(), &book).unwrap();
        for f in after {
            assert!(
                known.contains(&(f.code, f.resource.clone())) || f.code == "LC-S3-006",
                "new finding {} on {}",
                f.code,
                f.resource
            );
        }
        // The total is the written file's, priced together.
        let together = match metric {
            Metric::Steady => p.after.monthly_usd.unwrap().value(),
            Metric::Horizon => p.after.horizon_usd.value(),
        };
        assert!((together - last).abs() < 1e-6);
    }
}

#[test]
fn max_changes_keeps_the_largest_savings() {
    let text = std::fs::read_to_string("scenarios/1tb-day.yaml").unwrap();
    let all = plan(&text);
    let book = PriceBook::bundled().unwrap();
    let one = optimize(
        &text,
        &book,
        Options {
            max_changes: Some(1),
            ..Options::new(Metric::Steady)
        },
    )
    .unwrap();
    assert_eq!(one.changes.len(), 1);
    assert_eq!(one.changes[0].change, all.changes[0].change);
}

#[test]
fn the_command_prints_the_ranked_plan_and_the_edit() {
    let o = crate::support::run::lakecost(&["optimize", "scenarios/1tb-day.yaml"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        crate::support::run::text(&o)
    );
    insta::assert_snapshot!(
        "optimize_1tb_day_table",
        String::from_utf8(o.stdout).unwrap()
    );
    let o = crate::support::run::lakecost(&[
        "optimize",
        "scenarios/1tb-day.yaml",
        "--format",
        "markdown",
    ]);
    insta::assert_snapshot!(
        "optimize_1tb_day_markdown",
        String::from_utf8(o.stdout).unwrap()
    );
}

#[test]
fn write_applies_the_plan_and_diff_shows_the_same_savings() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("optimized.yaml");
    let o = crate::support::run::lakecost(&[
        "optimize",
        "scenarios/1tb-day.yaml",
        "--format",
        "json",
        "--write",
        out.to_str().unwrap(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        crate::support::run::text(&o)
    );
    let plan: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let o = crate::support::run::lakecost(&[
        "diff",
        "scenarios/1tb-day.yaml",
        out.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        crate::support::run::text(&o)
    );
    let diff: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let saved = plan["before"]["monthly_usd"].as_f64().unwrap()
        - plan["after"]["monthly_usd"].as_f64().unwrap();
    let delta = diff["steady_state"]["delta_usd"].as_f64().unwrap();
    assert!((saved + delta).abs() < 0.005, "{saved} vs {delta}");
    // `validate` of the written file says nothing the input did not, but for the
    // early-deletion charge the plan chose to pay (its saving prices it in); the
    // findings the plan fixes (the NAT gateway's S3 traffic, gold's KMS requests) are
    // gone.
    let before = crate::support::run::lakecost(&["validate", "scenarios/1tb-day.yaml"]);
    let after = crate::support::run::lakecost(&["validate", out.to_str().unwrap()]);
    let findings = |o: &std::process::Output| -> std::collections::BTreeSet<String> {
        crate::support::run::text(o)
            .lines()
            .filter(|l| l.contains("[LC-") && !l.contains("[LC-S3-006]"))
            .map(|l| {
                let code = l.split(']').next().unwrap_or_default().to_string();
                let resource = l.split('`').nth(1).unwrap_or_default();
                format!("{code} {resource}")
            })
            .collect()
    };
    let (before, written) = (findings(&before), findings(&after));
    assert!(written.is_subset(&before), "{written:?} ⊄ {before:?}");
    for fixed in ["warning[LC-NET-001 vpc", "warning[LC-KMS-001 gold"] {
        assert!(
            before.contains(fixed) && !written.contains(fixed),
            "{fixed}"
        );
    }
    assert!(crate::support::run::text(&after).contains("[LC-S3-006]"));
}

#[test]
fn write_never_replaces_the_input_and_a_failed_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("lake.yaml");
    std::fs::copy("scenarios/1tb-day.yaml", &input).unwrap();
    let o = crate::support::run::lakecost(&[
        "optimize",
        input.to_str().unwrap(),
        "--write",
        input.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(&input).unwrap(),
        std::fs::read_to_string("scenarios/1tb-day.yaml").unwrap()
    );
    // A scenario with errors is refused before anything is written.
    let out = dir.path().join("out.yaml");
    let o = crate::support::run::lakecost(&[
        "optimize",
        "scenarios/lifecycle-mistakes.yaml",
        "--write",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(!out.exists());
}

/// The worked example of docs/optimize.md, by kind of charge.
#[test]
fn bronze_moves_to_deep_archive_as_the_docs_work_it_out() {
    // docs/optimize.md, "Worked example": GLACIER_IR after 1 day, DEEP_ARCHIVE after 90.
    let text = std::fs::read_to_string("scenarios/1tb-day.yaml").unwrap();
    let p = plan(&text);
    let bronze = p.changes.iter().find(|c| c.resource == "bronze").unwrap();
    assert!(
        bronze
            .change
            .starts_with("STANDARD → GLACIER_IR after 1 day → DEEP_ARCHIVE after 90 days"),
        "{}",
        bronze.change
    );
    let part = |name: &str| {
        bronze
            .parts
            .iter()
            .find(|x| x.part == name)
            .unwrap()
            .saving_usd
            .value()
    };
    let close = |a: f64, b: f64| assert!((a - b).abs() < 0.01, "{a} ≠ {b}");
    // STANDARD: the lake's total falls from 61,870.04 GB (51,200 at $0.023, the rest at
    // $0.022, S3's account-wide tiers) to 32,174.04 GB, all at $0.023. STANDARD_IA
    // 61,440 GB at $0.0125; GLACIER_IR 91,136 GB at $0.004; the archive (640 days ×
    // 1,024 GB and 32 KB × 5,242,880 objects = 160 GB) at $0.0036 − $0.00099.
    let standard = 51_200.0 * 0.023 + (61_870.04 - 51_200.0) * 0.022 - 32_174.04 * 0.023;
    let storage = standard + 61_440.0 * 0.0125 - 91_136.0 * 0.004
        + (1024.0 * 640.0 + 160.0) * (0.0036 - 0.00099);
    close(part("storage"), storage);
    // Transitions 8,192 × 30.42 a month: to GLACIER_IR $0.02 and DEEP_ARCHIVE $0.05 per
    // 1,000 instead of STANDARD_IA $0.01 and GLACIER $0.03; GETs of ages 2–90 at
    // GLACIER_IR's $0.01 per 1,000 (145,817.6) and STANDARD's $0.0004 (249,200.64)
    // instead of STANDARD's (296,714.24) and STANDARD_IA's $0.001 (98,304); bulk
    // restore requests 1% of 5,242,880 objects × $0.000025 (free from GLACIER).
    let transitions = 8192.0 * DPM * (0.00002 + 0.00005 - 0.00001 - 0.00003);
    let gets =
        145_817.6 * 0.00001 + 249_200.64 * 0.0000004 - 296_714.24 * 0.0000004 - 98_304.0 * 0.000001;
    close(
        part("requests and transitions"),
        -(transitions + gets + 0.01 * 5_242_880.0 * 0.000025),
    );
    // Reads of ages 2–90 (0.2 a month of what is stored there): 18,227.2 GB at $0.03
    // instead of 12,288 GB at $0.01; bulk retrieval 6,553.6 GB × $0.0025.
    close(
        part("retrieval"),
        -(18_227.2 * 0.03 - 12_288.0 * 0.01 + 6553.6 * 0.0025),
    );
    // GLACIER_IR kept 89 of its 90 days: one day of 1,024 GB a day at $0.004.
    close(part("early deletion"), -1024.0 * 0.004);
    assert!(
        bronze
            .trade_off
            .contains("pays $4.10/month more early deletion"),
        "{}",
        bronze.trade_off
    );
    close(bronze.monthly_saving_usd.unwrap().value(), 2332.16);
    // The edit is the lifecycle alone: `restore_days` needs no change.
    assert!(
        bronze
            .edits
            .iter()
            .all(|e| !format!("{e:?}").contains("restore_days"))
    );
}

/// Early deletion is a charge S3 bills, not a rule it enforces: a design that pays it
/// competes with the charge priced in, and the proposal says what it pays.
#[test]
fn optimize_pays_early_deletion_when_that_is_cheaper() {
    // 1 TB a day read on its first day, kept 120 days. GLACIER after 1 day keeps its
    // 90-day minimum; DEEP_ARCHIVE after 1 day leaves at 119 days of its 180 and S3
    // bills the other 61 at DEEP_ARCHIVE's rate (S3 pricing, "objects that are deleted
    // … before 180 days … are charged for 180 days") on what it bills there, the
    // 1,024 GB a day and 32 KB for each of 8,192 objects (0.25 GB): 1,024.25 GB a day ×
    // 30.4167 days × 61/30.4167 months × $0.00099 = 1,024.25 × 61 × 0.00099 = $61.85.
    let text = "version: 1\nname: t\nregion: us-east-1\nmonths: 12\ningest: { per_day: 1 TB }\ns3:\n  layers:\n    - name: landing\n      share_of_ingest: 100%\n      object_size: 128 MB\n      lifecycle: [ { after_days: 1, to: GLACIER } ]\n      expire_after_days: 120\n      access:\n        - { age_days: 0-1, reads_per_month: 30.42 }\n";
    let p = plan(text);
    let c = p.changes.iter().find(|c| c.resource == "landing").unwrap();
    assert!(
        c.change.contains("DEEP_ARCHIVE after 1 day"),
        "{}",
        c.change
    );
    let early = c.parts.iter().find(|x| x.part == "early deletion").unwrap();
    assert!(
        (early.saving_usd.value() + 1024.25 * 61.0 * 0.00099).abs() < 1e-6,
        "{}",
        early.saving_usd.value()
    );
    assert!(
        c.trade_off
            .contains("pays $61.85/month more early deletion"),
        "{}",
        c.trade_off
    );
}

/// Each family of moves has a stable code: `--only` and `--skip` select by it, the plan
/// names it, `explain` documents it; a misspelt code is refused with the closest.
#[test]
fn moves_are_selected_by_their_codes() {
    let book = PriceBook::bundled().unwrap();
    let text = std::fs::read_to_string("scenarios/1tb-day.yaml").unwrap();
    let all = optimize(&text, &book, Options::new(Metric::Steady)).unwrap();
    let codes: Vec<&str> = all.changes.iter().map(|c| c.code).collect();
    assert!(
        codes.contains(&"LC-OPT-001") && codes.contains(&"LC-OPT-002"),
        "{codes:?}"
    );
    let only = Options {
        only: vec!["LC-OPT-002"],
        ..Options::new(Metric::Steady)
    };
    let p = optimize(&text, &book, only).unwrap();
    assert!(!p.changes.is_empty());
    assert!(p.changes.iter().all(|c| c.code == "LC-OPT-002"));
    let skip = Options {
        skip: vec!["LC-OPT-002"],
        ..Options::new(Metric::Steady)
    };
    let p = optimize(&text, &book, skip).unwrap();
    assert!(!p.changes.is_empty());
    assert!(p.changes.iter().all(|c| c.code != "LC-OPT-002"));
    // Every bundled scenario: what is searched is what is proved.
    for f in std::fs::read_dir("scenarios").unwrap() {
        let text = std::fs::read_to_string(f.unwrap().path()).unwrap();
        if let Ok(p) = optimize(&text, &book, Options::new(Metric::Horizon)) {
            searched_is_proved(&p);
        }
    }

    let o = crate::support::run::lakecost(&[
        "optimize",
        "scenarios/1tb-day.yaml",
        "--only",
        "lc-opt-02",
        "--format",
        "csv",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(e.contains("did you mean `LC-OPT-002`"), "{e}");
    let o = crate::support::run::lakecost(&[
        "optimize",
        "scenarios/1tb-day.yaml",
        "--skip",
        "LC-OPT-001",
        "--format",
        "csv",
    ]);
    assert_eq!(o.status.code(), Some(0));
    let csv = String::from_utf8_lossy(&o.stdout);
    assert!(
        csv.contains("LC-OPT-002") && !csv.contains("LC-OPT-001"),
        "{csv}"
    );
    let o = crate::support::run::lakecost(&["explain", "LC-OPT-004"]);
    let t = String::from_utf8_lossy(&o.stdout);
    assert!(
        t.starts_with("## LC-OPT-004") && t.contains("memory_per_vcpu"),
        "{t}"
    );
    let o = crate::support::run::lakecost(&["explain", "--list"]);
    let t = String::from_utf8_lossy(&o.stdout);
    assert!(t.contains("LC-OPT-009") && t.contains("LC-S3-006"), "{t}");
}

#[test]
fn a_storage_heavy_on_demand_table_moves_to_provisioned_standard_ia() {
    // 10 eventually consistent reads/s and 1 write/s of 1 KB over 1,024 GB, us-east-1
    // (DynamoDB pricing page; 2,628,000 s a month):
    //   on-demand Standard:    5 × 2,628,000 × $0.125/M + 2,628,000 × $0.625/M
    //                          + 1,024 × $0.25 = $259.285
    //   provisioned Standard-IA at 70 %: ⌈5/0.7⌉ = 8 RCU × 730 × $0.00016
    //                          + ⌈1/0.7⌉ = 2 WCU × 730 × $0.00081 + 1,024 × $0.10
    //                          = $104.517 (the cheapest of the four)
    let text = format!(
        "{HEAD}dynamodb:\n  tables:\n    - {{ name: archive, capacity_mode: on_demand, reads_per_second: 10, writes_per_second: 1, item_size: 1 KB, storage: 1024 GB }}\n"
    );
    let p = plan(&text);
    assert_eq!(
        changes_of(&p, "archive"),
        vec!["capacity_mode: provisioned (was on_demand), table_class: standard_ia (was standard)"]
    );
    let before = 5.0 * 2_628_000.0 * 0.125e-6 + 2_628_000.0 * 0.625e-6 + 1024.0 * 0.25;
    let after = 8.0 * 730.0 * 0.00016 + 2.0 * 730.0 * 0.00081 + 1024.0 * 0.10;
    let saved = p.changes[0].monthly_saving_usd.unwrap().value();
    assert!((saved - (before - after)).abs() < 0.005, "{saved}");
    // Back from provisioned with a written target: the edit removes the target, which
    // an on-demand table does not take.
    let busy = format!(
        "{HEAD}dynamodb:\n  tables:\n    - {{ name: spiky, capacity_mode: provisioned, target_utilisation: 20%, reads_per_second: 1000, writes_per_second: 100, item_size: 1 KB, storage: 1 GB }}\n"
    );
    let p = plan(&busy);
    assert_eq!(
        changes_of(&p, "spiky"),
        vec!["capacity_mode: on_demand (was provisioned)"]
    );
    assert!(!p.written.contains("target_utilisation"), "{}", p.written);
}

#[test]
fn a_layer_on_sse_kms_without_a_bucket_key_gets_one() {
    // 1 TB a day in 128 KB objects, kept 30 days: 8,388,608 PUTs a day × 30.4167 =
    // 255,153,493 KMS requests a month at $0.000003 = $765.46; with a Bucket Key, AWS's
    // best case of 1 % of them: the saving is 99 % of it, $757.81.
    let text = format!(
        "{HEAD}ingest: {{ per_day: 1 TB }}\ns3:\n  layers:\n    - {{ name: raw, share_of_ingest: 100%, object_size: 128 KB, expire_after_days: 30, encryption: {{ type: sse-kms, bucket_key: false }} }}\n"
    );
    let p = plan(&text);
    let c = p
        .changes
        .iter()
        .find(|c| c.change == "encryption.bucket_key: true (was false)")
        .unwrap();
    let requests = 8_388_608.0 * DPM;
    let saved = c.monthly_saving_usd.unwrap().value();
    assert!(
        (saved - requests * 0.000003 * 0.99).abs() < 0.005,
        "{saved}"
    );
    assert!(p.written.contains("bucket_key: true"), "{}", p.written);
}
