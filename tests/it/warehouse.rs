//! Redshift, Athena, Lambda and Step Functions through the scenario file.

use lakecost::model::{self, compare};
use lakecost::pricing::PriceBook;
use lakecost::scenario::load_str;

const HEAD: &str = "version: 1\nname: t\nregion: us-east-1\nmonths: 1\n";
const DPM: f64 = 730.0 / 24.0;

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-6 * b.abs().max(1.0), "{a} != {b}");
}

#[test]
fn cluster_versus_serverless_over_the_same_data() {
    // Cluster: 2 × ra3.xlplus × 730 h × $1.086 = $1,585.56 + 5 TB × $0.024 = $1,708.44.
    // Serverless 8 RPU × 4 h × 30.42 days × $0.375 = $365.00 + $122.88 = $487.88.
    // Same cost at (1,585.56) ÷ (8 × 30.4167 × 0.375) = 17.38 active hours a day.
    let yaml = format!(
        "{HEAD}redshift:\n  clusters:\n    - {{ name: dw, node_type: ra3.xlplus, nodes: 2, data: 5 TB }}\n  serverless:\n    - {{ name: bi, base_rpus: 8, active_hours_per_day: 4, data: 5 TB }}\n"
    );
    let s = load_str(&yaml).unwrap();
    let book = PriceBook::bundled().unwrap();
    let e = model::estimate(&s, &book).unwrap();
    close(e.months[0].total().value(), 1708.44 + 487.88);
    let c = compare::compare_warehouses(&s, &book, &[]).unwrap();
    assert_eq!(c.len(), 1);
    close(c[0].cluster_monthly_usd.value(), 1708.44);
    close(c[0].serverless_monthly_usd.value(), 487.88);
    assert_eq!(c[0].cheaper, "bi");
    close(
        c[0].break_even_active_hours_per_day.unwrap(),
        1585.56 / (8.0 * DPM * 0.375),
    );
}

#[test]
fn reserved_purchase_without_a_price_names_the_missing_key() {
    let yaml = format!(
        "{HEAD}redshift:\n  clusters:\n    - {{ name: dw, node_type: ra3.4xlarge, nodes: 2, data: 5 TB, purchase: reserved_1y_all_upfront }}\n"
    );
    let e = model::estimate(&load_str(&yaml).unwrap(), &PriceBook::bundled().unwrap()).unwrap_err();
    assert!(
        e.to_string()
            .contains("redshift.node.ra3.4xlarge.reserved_1y_all_upfront"),
        "{e}"
    );
}

#[test]
fn node_limits_and_rpu_steps_are_checked() {
    let book = PriceBook::bundled().unwrap();
    let yaml = format!(
        "{HEAD}redshift:\n  clusters:\n    - {{ name: dw, node_type: dc2.large, nodes: 2, data: 10 TB }}\n"
    );
    let f = model::check(&load_str(&yaml).unwrap(), &book).unwrap();
    assert_eq!(f[0].code, "LC-RS-002");
    let yaml = format!(
        "{HEAD}redshift:\n  serverless:\n    - {{ name: bi, base_rpus: 12, active_hours_per_day: 1, data: 1 TB }}\n"
    );
    let f = model::check(&load_str(&yaml).unwrap(), &book).unwrap();
    assert_eq!(f[0].code, "LC-RS-003");
    assert_eq!(f[0].loc.unwrap().line, 7);
}

#[test]
fn heavily_queried_json_warns_with_the_columnar_saving() {
    // 1.5 TB of JSON, 4:1 compressed = 384 GB scanned per query; 100 queries a day
    // = 3,041.7 × 384 GB = 1,140.6 TB × $5 = $5,703.13 a month. Read for a fifth of
    // its columns as Parquet: 76.8 GB = 78,643.2 MB, billed as 78,644 MB a query,
    // $1,140.64. Saving $4,562.49.
    let yaml = format!(
        "{HEAD}athena:\n  workgroups:\n    - {{ name: adhoc, queries_per_day: 100, table_size: 1.5 TB, format: json, compression: 4x, columns_read: 20% }}\n"
    );
    let s = load_str(&yaml).unwrap();
    let book = PriceBook::bundled().unwrap();
    let e = model::estimate(&s, &book).unwrap();
    close(
        e.months[0].total().value(),
        100.0 * DPM * 384.0 / 1024.0 * 5.0,
    );
    let f = e.findings.iter().find(|f| f.code == "LC-ATH-001").unwrap();
    let mb = 1024.0 * 1024.0;
    close(
        f.monthly_cost_usd.unwrap().value(),
        100.0 * DPM * (384.0 * 1024.0 - 78_644.0) / mb * 5.0,
    );
}

#[test]
fn lambda_and_step_functions_from_yaml() {
    let yaml = format!(
        "{HEAD}lambda:\n  functions:\n    - {{ name: f, invocations_per_day: {}, duration: 1 s, memory: 128 MB, architecture: arm64 }}\nstepfunctions:\n  state_machines:\n    - {{ name: m, type: standard, executions_per_day: {}, transitions_per_execution: 12 }}\n",
        1_000_000.0 / DPM,
        1_000_000.0 / DPM
    );
    let e = model::estimate(&load_str(&yaml).unwrap(), &PriceBook::bundled().unwrap()).unwrap();
    // Lambda: $0.20 + 125,000 GB-s × $0.0000133334; Step Functions: 12 M × $0.000025.
    close(
        e.months[0].total().value(),
        0.2 + 125_000.0 * 0.0000133334 + 300.0,
    );
    let bad = format!(
        "{HEAD}lambda:\n  functions:\n    - {{ name: f, invocations_per_day: 1, duration: 1 s, memory: 64 MB }}\n"
    );
    assert!(load_str(&bad).unwrap_err().message.contains("128 MB"));
}

/// A cluster that follows a layer must hold it wherever it is priced: at 45 TB a day
/// kept 400 days the gold layer fills to about 17.6 PB at steady state, past the
/// largest cluster (128 × ra3.16xlarge, 16 PB of managed storage), though month 1
/// (about 1.3 PB) fits. The cluster is named in an error, never dropped from the bill.
#[test]
fn a_cluster_no_node_type_can_hold_at_steady_state_is_an_error_not_a_gap() {
    let book = PriceBook::bundled().unwrap();
    let yaml = format!(
        "{HEAD}ingest: {{ per_day: 45 TB }}\ns3:\n  layers:\n    - {{ name: gold, share_of_ingest: 100%, object_size: 256 MB, expire_after_days: 400 }}\nredshift:\n  clusters:\n    - {{ name: dw, node_type: auto, nodes: auto, from_layers: [gold], hours_per_day: 24 }}\n"
    );
    let s = load_str(&yaml).unwrap();
    let f = model::check(&s, &book).unwrap();
    assert!(
        f.iter().any(|f| f.code == "LC-RS-002"
            && f.resource == "dw"
            && f.severity == model::Severity::Error),
        "{f:?}"
    );
    match model::estimate(&s, &book) {
        Err(model::EstimateError::Rejected(found)) => {
            assert!(found.iter().any(|f| f.code == "LC-RS-002"), "{found:?}")
        }
        other => panic!("a cluster too large to size must be refused: {other:?}"),
    }
    // Kept 300 days (about 13.2 PB at steady state) it fits, and the cluster is in
    // every bill.
    let fits = yaml.replace("expire_after_days: 400", "expire_after_days: 300");
    let e = model::estimate(&load_str(&fits).unwrap(), &book).unwrap();
    let steady = e.steady_state.unwrap();
    assert!(steady.lines.iter().any(|l| &*l.resource == "dw"));
    assert!(
        e.months
            .iter()
            .all(|m| m.lines.iter().any(|l| &*l.resource == "dw"))
    );
}
