//! S3 billing rules, each against a hand-computed case. Prices are the bundled
//! us-east-1 snapshot (S3 pricing page, S3 User Guide); the arithmetic is in the comments.

use lakecost::model::{self, LineItem, MonthBill};
use lakecost::pricing::PriceBook;
use lakecost::scenario::load_str;

fn run(yaml: &str) -> model::Estimate {
    let s = load_str(yaml).unwrap_or_else(|e| panic!("{e}"));
    model::estimate(&s, &PriceBook::bundled().unwrap()).unwrap_or_else(|e| panic!("{e}"))
}

fn scenario(months: u32, layer: &str) -> String {
    format!(
        "version: 1\nname: t\nregion: us-east-1\nmonths: {months}\ns3:\n  layers:\n    - {layer}\n"
    )
}

fn lines<'a>(bill: &'a MonthBill, component: &str) -> Vec<&'a LineItem> {
    // A component, or one of its volume tiers ("storage STANDARD (first 50 TB)").
    let tiered = format!("{component} (");
    bill.lines
        .iter()
        .filter(|l| &*l.component == component || l.component.starts_with(&tiered))
        .collect()
}

fn cost(bill: &MonthBill, component: &str) -> f64 {
    lines(bill, component)
        .iter()
        .map(|l| l.cost_usd.value())
        .sum()
}

fn qty(bill: &MonthBill, component: &str) -> f64 {
    lines(bill, component).iter().map(|l| l.quantity).sum()
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-6 * b.abs().max(1.0), "{a} != {b}");
}

#[test]
fn standard_storage_across_the_50_tb_tier() {
    // 60 TB in STANDARD for a whole month = 61,440 GB-months. S3 Standard is tiered:
    // first 50 TB (51,200 GB) at $0.023, next 450 TB at $0.022.
    //   51,200 × 0.023 = 1,177.60
    //   10,240 × 0.022 =   225.28
    //   total          = 1,402.88
    let e = run(&scenario(
        1,
        "{ name: lake, existing: { size: 60 TB, object_size: 1 GB, storage_class: STANDARD } }",
    ));
    let m = &e.months[0];
    let tiers = lines(m, "storage STANDARD");
    assert_eq!(tiers.len(), 2);
    close(tiers[0].quantity, 51_200.0);
    close(tiers[1].quantity, 10_240.0);
    close(m.total().value(), 1_402.88);
}

#[test]
fn standard_tiers_are_shared_across_layers_and_allocated_back() {
    // Two layers of 30 TB each: the 50 TB tier covers the total (60 TB), not each
    // layer. Each layer gets half of each tier: 25,600 GB at $0.023 + 5,120 at $0.022.
    let yaml = "version: 1\nname: t\nregion: us-east-1\nmonths: 1\ns3:\n  layers:\n    \
      - { name: a, existing: { size: 30 TB, object_size: 1 GB, storage_class: STANDARD } }\n    \
      - { name: b, existing: { size: 30 TB, object_size: 1 GB, storage_class: STANDARD } }\n";
    let e = run(yaml);
    let m = &e.months[0];
    for layer in ["a", "b"] {
        let c: f64 = m
            .lines
            .iter()
            .filter(|l| &*l.resource == layer)
            .map(|l| l.cost_usd.value())
            .sum();
        close(c, 25_600.0 * 0.023 + 5_120.0 * 0.022);
    }
    close(m.total().value(), 1_402.88);
}

#[test]
fn one_cohort_moves_standard_ia_glacier_then_expires_with_bytes_conserved() {
    // 1 TB of 128 MB objects (8,192 objects) written before month 1 (age 0). S3 moves
    // objects at the first midnight after creation + N days, so at ages 31 (IA), 91
    // (GLACIER), and expires them at age 181. A month is 730 h = 30 5/12 days.
    let e = run(&scenario(
        7,
        "{ name: c, existing: { size: 1 TB, object_size: 128 MB, storage_class: STANDARD, age_days: 0 }, \
           lifecycle: [ { after_days: 30, to: STANDARD_IA }, { after_days: 90, to: GLACIER } ], \
           expire_after_days: 180 }",
    ));
    let dpm = 730.0 / 24.0;
    // Month 2 covers days [30.42, 60.83): 0.583 days in STANDARD, 29.833 in IA.
    let m2 = &e.months[1];
    close(qty(m2, "storage STANDARD"), 1024.0 * (31.0 - dpm) / dpm);
    close(
        qty(m2, "storage STANDARD_IA"),
        1024.0 * (2.0 * dpm - 31.0) / dpm,
    );
    // 8,192 transition requests into IA in month 2, into GLACIER in month 3 (day 91).
    close(qty(m2, "transitions to STANDARD_IA"), 8192.0);
    close(qty(&e.months[2], "transitions to GLACIER"), 8192.0);
    // Bytes are conserved: in every month the lake holds the whole TB, the classes'
    // GB-months add up to 1,024; month 6 holds it until day 181 only; month 7 nothing.
    for (i, m) in e.months.iter().enumerate() {
        let stored =
            qty(m, "storage STANDARD") + qty(m, "storage STANDARD_IA") + qty(m, "storage GLACIER");
        let days_present = (181.0f64.min((i + 1) as f64 * dpm) - i as f64 * dpm).max(0.0);
        close(stored, 1024.0 * days_present / dpm);
    }
    // 90 days in GLACIER exactly: no early-deletion charge.
    assert!(e.months.iter().all(|m| {
        m.lines
            .iter()
            .all(|l| !l.component.starts_with("early deletion"))
    }));
}

#[test]
fn transition_requests_count_objects() {
    // Transitions are billed per object: 1 TB of 128 MB objects is 8,192 requests;
    // into GLACIER at $0.03 per 1,000 → 8,192 × 0.00003 = $0.24576.
    let e = run(&scenario(
        2,
        "{ name: c, existing: { size: 1 TB, object_size: 128 MB, storage_class: STANDARD, age_days: 200 }, \
           lifecycle: [ { after_days: 90, to: GLACIER } ] }",
    ));
    close(qty(&e.months[0], "transitions to GLACIER"), 8192.0);
    close(cost(&e.months[0], "transitions to GLACIER"), 0.24576);
}

#[test]
fn ia_bills_at_least_128_kb_per_object() {
    // 1 GB of 64 KB objects = 16,384 objects. STANDARD_IA bills each as 128 KB:
    // 16,384 × 128 KB = 2 GB → 2 × $0.0125 = $0.025 a month.
    let e = run(&scenario(
        1,
        "{ name: c, existing: { size: 1 GB, object_size: 64 KB, storage_class: STANDARD_IA, age_days: 400 } }",
    ));
    close(qty(&e.months[0], "storage STANDARD_IA"), 2.0);
    close(e.months[0].total().value(), 0.025);
}

#[test]
fn glacier_objects_carry_32_kb_plus_8_kb() {
    // 1 GB of 1 MB objects = 1,024 objects in GLACIER. Each adds 32 KB at the GLACIER
    // rate and 8 KB at the STANDARD rate:
    //   data      1 GB          × 0.0036 = 0.0036
    //   overhead  1,024 × 32 KB = 0.03125 GB × 0.0036 = 0.0001125
    //   metadata  1,024 ×  8 KB = 0.0078125 GB × 0.023 = 0.000179688
    let e = run(&scenario(
        1,
        "{ name: c, existing: { size: 1 GB, object_size: 1 MB, storage_class: GLACIER, age_days: 400 } }",
    ));
    let m = &e.months[0];
    close(qty(m, "archive overhead GLACIER 32 KB/obj"), 0.03125);
    close(qty(m, "archive metadata 8 KB/obj at STANDARD"), 0.0078125);
    close(m.total().value(), 0.0036 + 0.0001125 + 0.0078125 * 0.023);
}

#[test]
fn leaving_glacier_before_90_days_pays_the_rest() {
    // Objects reach GLACIER at age 31 and leave for DEEP_ARCHIVE at age 61: 30 days
    // in a class with a 90-day minimum, so S3 bills 60 more days at the GLACIER rate,
    // on the object bytes plus the 32 KB overhead, when they leave (day 61, month 3):
    //   (1,024 GB + 1,024 × 32 KB) × 60 / 30.4167 days × $0.0036 = $7.27205
    let e = run(&scenario(
        3,
        "{ name: c, existing: { size: 1 TB, object_size: 1 GB, storage_class: STANDARD, age_days: 0 }, \
           lifecycle: [ { after_days: 30, to: GLACIER }, { after_days: 60, to: DEEP_ARCHIVE } ] }",
    ));
    let expected = (1024.0 + 1024.0 * 32.0 / 1024.0 / 1024.0) * 60.0 / (730.0 / 24.0) * 0.0036;
    close(cost(&e.months[2], "early deletion GLACIER"), expected);
    assert!((expected - 7.27205).abs() < 1e-4);
}

#[test]
fn early_deletion_warning_names_the_monthly_cost() {
    let yaml = "version: 1\nname: t\nregion: us-east-1\ningest: { per_day: 1 TB }\ns3:\n  layers:\n    - name: c\n      share_of_ingest: 100%\n      object_size: 1 GB\n      lifecycle: [ { after_days: 30, to: GLACIER }, { after_days: 60, to: DEEP_ARCHIVE } ]\n";
    let e = run(yaml);
    let f = e
        .findings
        .iter()
        .find(|f| f.code == "LC-S3-006")
        .expect("LC-S3-006");
    // 1,024 objects a day × 30.4167 days, each 1 GB + 32 KB, 60 days short of 90:
    let per_month =
        1024.0 * (730.0 / 24.0) * (1.0 + 32.0 / 1024.0 / 1024.0) * 60.0 / (730.0 / 24.0) * 0.0036;
    close(f.monthly_cost_usd.unwrap().value(), per_month);
    assert_eq!(f.loc.unwrap().line, 10);
}

#[test]
fn reads_retrieval_and_restores() {
    // 1 TB of 128 MB objects in STANDARD_IA, each read twice a month:
    //   GETs      8,192 × 2 = 16,384 × $0.000001 = $0.016384
    //   retrieval 1,024 GB × 2 = 2,048 GB × $0.01 = $20.48
    let e = run(&scenario(
        1,
        "{ name: c, existing: { size: 1 TB, object_size: 128 MB, storage_class: STANDARD_IA, age_days: 40 }, \
           access: [ { age_days: 0-, reads_per_month: 2 } ] }",
    ));
    let m = &e.months[0];
    close(qty(m, "GET requests STANDARD_IA"), 16_384.0);
    close(cost(m, "GET requests STANDARD_IA"), 0.016384);
    close(cost(m, "retrieval STANDARD_IA"), 20.48);

    // 1 TB in GLACIER, 10% restored a month at the standard tier, copies kept 2 days:
    //   requests   819.2 × $0.00005 = $0.04096
    //   retrieval  102.4 GB × $0.01 = $1.024
    //   copies     S3 expires a copy at the time the restore completes + 2 days, rounded
    //              up to the next midnight UTC (S3 User Guide, "Working with archived
    //              objects"): 2.5 days once ready on average, whatever the tier;
    //              102.4 GB × 2.5 / 30.4167 days = 8.4164 GB-months × $0.023
    //              = $0.193578
    let e = run(&scenario(
        1,
        "{ name: c, existing: { size: 1 TB, object_size: 128 MB, storage_class: GLACIER, age_days: 400 }, \
           access: [ { age_days: 0-, restores_per_month: 10%, restore_tier: standard, restore_days: 2 } ] }",
    ));
    let m = &e.months[0];
    close(cost(m, "restore requests GLACIER standard"), 0.04096);
    close(cost(m, "restore retrieval GLACIER standard"), 1.024);
    let copy_days = 2.5;
    close(
        qty(m, "restored copies at STANDARD"),
        102.4 * copy_days / (730.0 / 24.0),
    );
    close(
        cost(m, "restored copies at STANDARD"),
        102.4 * copy_days / (730.0 / 24.0) * 0.023,
    );
    assert!((102.4 * copy_days / (730.0 / 24.0) * 0.023 - 0.193578).abs() < 1e-6);
}

#[test]
fn young_existing_data_pays_the_rest_of_its_minimum_when_it_leaves() {
    // 1 TB of 1 GB objects in GLACIER for 30 days (age 30, since written); the layer's
    // rule moves objects to DEEP_ARCHIVE after 40 days, at age 41 (day 11 of month 1).
    // They spent 41 days of GLACIER's 90-day minimum, so S3 bills 49 days more at the
    // GLACIER rate on the object bytes and the 32 KB overhead:
    //   (1,024 + 1,024 × 32 KB) GB × 49 / 30.4167 days × $0.0036 = $5.9389
    let yaml = |since: &str| {
        scenario(
            1,
            &format!(
                "{{ name: c, existing: {{ size: 1 TB, object_size: 1 GB, storage_class: GLACIER, age_days: 30{since} }}, \
                   lifecycle: [ {{ after_days: 40, to: DEEP_ARCHIVE }} ] }}"
            ),
        )
    };
    let e = run(&yaml(""));
    let expected = (1024.0 + 1024.0 * 32.0 / 1024.0 / 1024.0) * 49.0 / (730.0 / 24.0) * 0.0036;
    close(cost(&e.months[0], "early deletion GLACIER"), expected);
    assert!((expected - 5.93890).abs() < 1e-4);
    // Moved to GLACIER only 10 days ago (entered at age 20): 21 days served, 69 owed.
    let e = run(&yaml(", class_since_days: 10"));
    close(
        cost(&e.months[0], "early deletion GLACIER"),
        expected * 69.0 / 49.0,
    );
    // More days in the class than the data is old: an error at the key.
    let err = load_str(&yaml(", class_since_days: 31")).unwrap_err();
    assert_eq!(err.field, "s3.layers[0].existing.class_since_days");
}

#[test]
fn bulk_restores_from_glacier_are_free_but_listed() {
    // "Bulk retrievals are free for objects stored in S3 Glacier Flexible Retrieval."
    let e = run(&scenario(
        1,
        "{ name: c, existing: { size: 1 TB, object_size: 128 MB, storage_class: GLACIER, age_days: 400 }, \
           access: [ { age_days: 0-, restores_per_month: 10%, restore_tier: bulk } ] }",
    ));
    let m = &e.months[0];
    assert_eq!(cost(m, "restore requests GLACIER bulk"), 0.0);
    close(qty(m, "restore requests GLACIER bulk"), 819.2);
}

#[test]
fn intelligent_tiering_charges_monitoring_and_moves_unread_data_down() {
    // 1 TB of 128 MB objects written to INTELLIGENT_TIERING before month 1, never read.
    // Monitoring: 8,192 objects × $0.0025 per 1,000 = $0.02048 a month. Month 1: 30
    // days in Frequent Access, then Infrequent.
    let e = run(&scenario(
        1,
        "{ name: c, existing: { size: 1 TB, object_size: 128 MB, storage_class: INTELLIGENT_TIERING, age_days: 0 } }",
    ));
    let m = &e.months[0];
    close(cost(m, "monitoring INTELLIGENT_TIERING"), 0.02048);
    let dpm = 730.0 / 24.0;
    close(
        qty(m, "storage INTELLIGENT_TIERING frequent"),
        1024.0 * 30.0 / dpm,
    );
    close(
        qty(m, "storage INTELLIGENT_TIERING infrequent"),
        1024.0 * (dpm - 30.0) / dpm,
    );
}

#[test]
fn a_layer_kept_forever_has_no_steady_state_and_says_why() {
    let yaml = "version: 1\nname: t\nregion: us-east-1\nmonths: 3\ningest: { per_day: 1 GB }\ns3:\n  layers:\n    - { name: forever, share_of_ingest: 1, object_size: 1 MB }\n";
    let e = run(yaml);
    let reason = e.steady_state.unwrap_err();
    assert!(
        reason.contains("`forever`") && reason.contains("no steady state"),
        "{reason}"
    );
    // Data that only exists (no ingest) and is kept forever has a steady state: it
    // costs the same every month once its lifecycle has run.
    let e = run(&scenario(
        2,
        "{ name: archive, existing: { size: 1 TB, object_size: 1 GB, storage_class: GLACIER, age_days: 400 } }",
    ));
    close(
        e.steady_state.unwrap().total().value(),
        e.months[1].total().value(),
    );
}

#[test]
fn day_0_is_the_rest_of_the_write_day_and_day_1_a_whole_day() {
    // Access ranges count days the way S3 Lifecycle does: day 0 is the day of the
    // write (from midday on average: half a day), day 1 the next midnight-to-midnight
    // day. 1,024 objects a day read at 30.42 a month:
    //   over 1-1: 1,024 × 1 day × 30.42 = 31,150.08 GETs a month, one per object
    //             written (1,024 × 30.4167 = 31,146.67);
    //   over 0-0: 1,024 × 0.5 day × 30.42 = 15,575.04, half a read per object.
    for (range, days) in [("1-1", 1.0), ("0-0", 0.5)] {
        let yaml = format!(
            "version: 1\nname: t\nregion: us-east-1\nmonths: 2\ningest: {{ per_day: 1 TB }}\ns3:\n  layers:\n    - {{ name: c, share_of_ingest: 100%, object_size: 1 GB, expire_after_days: 30, access: [ {{ age_days: {range}, reads_per_month: 30.42 }} ] }}\n"
        );
        let e = run(&yaml);
        close(
            qty(e.steady_state.as_ref().unwrap(), "GET requests STANDARD"),
            1024.0 * days * 30.42,
        );
    }
}

#[test]
fn a_growing_lake_also_reports_the_full_lake_at_its_final_ingest_rate() {
    // small-team grows 5 % a month: its month-1 steady state ($77.96) lies far below
    // month 24 ($164.44), a lake still filling. The full lake at month 24's ingest rate
    // (10 GB × 1.05^23 a day) is the run-rate the growth leads to, above both.
    let e = run(&std::fs::read_to_string("scenarios/small-team.yaml").unwrap());
    let first = e.steady_state.as_ref().unwrap().total().value();
    let last_month = e.months.last().unwrap().total().value();
    let final_rate = e
        .steady_state_at_final_rate
        .as_ref()
        .unwrap()
        .total()
        .value();
    assert!(
        first < last_month && last_month < final_rate,
        "{first} {last_month} {final_rate}"
    );
    // Without growth there is only the one steady state.
    let flat = run(&std::fs::read_to_string("scenarios/1tb-day.yaml").unwrap());
    assert!(flat.steady_state_at_final_rate.is_none());
}

/// The codes `validate` reports for a scenario.
fn codes(yaml: &str) -> Vec<&'static str> {
    let book = PriceBook::bundled().unwrap();
    model::check(&load_str(yaml).unwrap(), &book)
        .unwrap()
        .iter()
        .map(|f| f.code)
        .collect()
}

#[test]
fn restores_slower_than_allowed_are_reported() {
    let scenario = |months, layer: &str| {
        scenario(months, layer).replace("s3:", "ingest: { per_day: 1 TB }\ns3:")
    };
    // DEEP_ARCHIVE from age 91; bulk restores take within 48 h (S3 User Guide,
    // "Understanding archive retrieval options"), standard within 12 h.
    let layer = |access: &str| {
        scenario(
            24,
            &format!(
                "name: l\n      share_of_ingest: 100%\n      object_size: 128 MB\n      lifecycle: [{{ after_days: 90, to: DEEP_ARCHIVE }}]\n      expire_after_days: 730\n      access:\n        - {{ age_days: 91-, restores_per_month: 1%, {access} }}\n"
            ),
        )
    };
    // Within 24 h asked: 48 h bulk is too slow (error); 12 h standard fits.
    assert!(
        codes(&layer(
            "restore_tier: bulk, restore_days: 3, restore_within: 24 h"
        ))
        .contains(&"LC-S3-014")
    );
    assert!(
        !codes(&layer(
            "restore_tier: standard, restore_days: 3, restore_within: 24 h"
        ))
        .contains(&"LC-S3-014")
    );
}
