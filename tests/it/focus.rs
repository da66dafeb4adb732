//! `estimate --format focus`: the forecast as FOCUS 1.2 rows, checked against the
//! FOCUS rules that apply to a forecast, and read back by `reconcile` as a bill.

use crate::support::run::{lakecost, text};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

fn forecast(out: &Path, extra: &[&str]) {
    let mut args = vec![
        "estimate",
        "scenarios/1tb-day.yaml",
        "--format",
        "focus",
        "--start",
        "2027-01",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let o = lakecost(&args);
    assert!(o.status.success(), "{}", text(&o));
}

/// FOCUS 1.2's mandatory columns (the FOCUS specification, "Column Presence").
const MANDATORY: [&str; 22] = [
    "BilledCost",
    "BillingAccountId",
    "BillingAccountName",
    "BillingCurrency",
    "BillingPeriodEnd",
    "BillingPeriodStart",
    "ChargeCategory",
    "ChargeClass",
    "ChargeDescription",
    "ChargePeriodEnd",
    "ChargePeriodStart",
    "ContractedCost",
    "EffectiveCost",
    "InvoiceIssuerName",
    "ListCost",
    "PricingCategory",
    "PricingQuantity",
    "PricingUnit",
    "ProviderName",
    "PublisherName",
    "ServiceCategory",
    "ServiceName",
];

#[test]
fn a_forecast_keeps_the_focus_rules_that_apply_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("forecast.csv");
    forecast(&csv_path, &[]);
    let mut r = csv::Reader::from_path(&csv_path).unwrap();
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    for c in MANDATORY {
        assert!(header.iter().any(|h| h == c), "no mandatory column {c}");
    }
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let num = |rec: &csv::StringRecord, name: &str| -> f64 {
        rec[col(name)]
            .parse()
            .unwrap_or_else(|_| panic!("{name} = `{}`", &rec[col(name)]))
    };
    let mut months: HashMap<String, f64> = HashMap::new();
    let mut rows = 0;
    for rec in r.records() {
        let rec = rec.unwrap();
        rows += 1;
        // Allowed values (FOCUS 1.2 ChargeCategory, PricingCategory, ServiceCategory).
        assert_eq!(&rec[col("ChargeCategory")], "Usage");
        assert!(["Standard", "Dynamic"].contains(&&rec[col("PricingCategory")]));
        assert!(
            [
                "Storage",
                "Analytics",
                "Compute",
                "Databases",
                "Integration",
                "Security",
                "Networking",
                "Management and Governance"
            ]
            .contains(&&rec[col("ServiceCategory")]),
            "{}",
            &rec[col("ServiceCategory")]
        );
        assert!(rec[col("ChargeClass")].is_empty());
        assert!(
            rec[col("InvoiceId")].is_empty(),
            "a forecast has no invoice"
        );
        assert!(rec[col("ChargeDescription")].is_ascii());
        assert_eq!(&rec[col("x_RecordType")], "Forecast");
        // Cost = quantity × unit price, list and contracted.
        let q = num(&rec, "PricingQuantity");
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * (1.0 + a.abs());
        assert!(close(num(&rec, "ListCost"), q * num(&rec, "ListUnitPrice")));
        assert!(close(
            num(&rec, "ContractedCost"),
            q * num(&rec, "ContractedUnitPrice")
        ));
        assert!(close(num(&rec, "BilledCost"), num(&rec, "EffectiveCost")));
        if &rec[col("PricingCategory")] == "Standard" {
            assert!(close(num(&rec, "BilledCost"), num(&rec, "ListCost")));
        } else {
            assert!(num(&rec, "BilledCost") < num(&rec, "ListCost"));
        }
        // Charge periods are calendar months from --start.
        let start = &rec[col("ChargePeriodStart")];
        assert!(start.ends_with("-01T00:00:00Z"), "{start}");
        *months.entry(start[..7].to_string()).or_default() += num(&rec, "BilledCost");
    }
    assert!(rows > 1000, "{rows} rows");
    // Each month's rows sum to the estimate's month.
    let o = lakecost(&["estimate", "scenarios/1tb-day.yaml", "--format", "json"]);
    let e: Value = serde_json::from_slice(&o.stdout).unwrap();
    let first = e["months"][0]["total_usd"].as_f64().unwrap();
    assert!((months["2027-01"] - first).abs() < 1e-6);
    let last = e["months"][35]["total_usd"].as_f64().unwrap();
    assert!((months["2029-12"] - last).abs() < 1e-6);
    assert_eq!(months.len(), 36);
}

#[test]
fn a_forecast_read_back_as_a_bill_reconciles_to_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let parquet = dir.path().join("forecast.parquet");
    forecast(&parquet, &[]);
    let o = lakecost(&[
        "reconcile",
        "scenarios/1tb-day.yaml",
        "--actuals",
        parquet.to_str().unwrap(),
        "--start",
        "2027-01",
        "--period",
        "2027-03",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", text(&o));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["bill"]["dialect"], "FOCUS 1.2");
    assert_eq!(r["estimate_month"], 3);
    let t = &r["totals"];
    assert!((t["coverage"].as_f64().unwrap() - 1.0).abs() < 1e-12, "{t}");
    assert_eq!(r["unmatched"].as_array().unwrap().len(), 0);
    assert!(t["rate_effect_usd"].as_f64().unwrap().abs() < 1e-6, "{t}");
    // The forecast's months are the estimate's 730 hours, so March's 744 hours show as
    // a calendar effect the quantities take back.
    let (cal, qty) = (
        t["calendar_effect_usd"].as_f64().unwrap(),
        t["quantity_effect_usd"].as_f64().unwrap(),
    );
    assert!(cal > 0.0 && (cal + qty).abs() < 1e-6, "{t}");
    assert!(
        (t["matched_actual_usd"].as_f64().unwrap() - t["estimated_usd"].as_f64().unwrap()).abs()
            < 1e-6
    );
}

#[test]
fn focus_needs_a_start_and_only_estimate_writes_it() {
    let o = lakecost(&["estimate", "scenarios/minimal.yaml", "--format", "focus"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("--start YYYY-MM"), "{}", text(&o));
    let o = lakecost(&[
        "diff",
        "scenarios/minimal.yaml",
        "scenarios/minimal.yaml",
        "--format",
        "focus",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("only `lakecost estimate` writes FOCUS"));
}

/// The FinOps Foundation's validator, where it is installed (docs/focus.md says how):
/// `LAKECOST_FOCUS_VALIDATOR=/path/to/venv cargo test -- --ignored focus_validator`.
#[test]
#[ignore = "needs the focus-validator package: see docs/focus.md"]
fn focus_validator_passes_every_rule_a_forecast_can_meet() {
    let venv = std::env::var("LAKECOST_FOCUS_VALIDATOR").expect("LAKECOST_FOCUS_VALIDATOR");
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("forecast.parquet");
    forecast(&f, &[]);
    let site = std::fs::read_dir(Path::new(&venv).join("lib"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path()
        .join("site-packages");
    let o = std::process::Command::new(Path::new(&venv).join("bin/focus-validator"))
        .args(["--data-file", f.to_str().unwrap()])
        .args(["--validate-version", "1.2", "--block-download"])
        .current_dir(site)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    let failures: Vec<&str> = out.lines().filter(|l| l.starts_with("- ")).collect();
    // InvoiceId-C-005-C asks for an invoice on invoiced charges; a forecast is on none,
    // so its InvoiceId is null (InvoiceId-C-004-C).
    assert!(
        failures
            .iter()
            .all(|l| l.starts_with("- InvoiceId-C-005-C")),
        "{out}"
    );
}
