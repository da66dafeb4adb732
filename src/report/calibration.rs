//! `lakecost calibrate` as a table, JSON (`lakecost.calibration/v1`) or Markdown:
//! per resource and key, what the scenario assumes, what CloudWatch shows, the
//! deviation and what it does to the monthly bill.

use super::format::{money, percent};
use super::markdown;
use crate::calibrate::{Calibration, Row};
use crate::text::significant;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};

/// GetMetricData's price per 1,000 metrics requested in us-east-1, from the
/// CloudWatch pricing page as secondary sources quote it; the bundled snapshot holds
/// no CloudWatch price, so the figure is shown as unverified.
const GET_METRIC_DATA_USD_PER_1000: f64 = 0.01;

const HEADER: [&str; 7] = [
    "resource",
    "key",
    "assumed",
    "observed",
    "deviation",
    "a month",
    "observed as",
];

fn value(v: f64, unit: &str) -> String {
    format!("{} {unit}", significant(v, 4))
}

fn cells(r: &Row) -> Vec<String> {
    vec![
        format!("{} ({})", r.resource, r.aws),
        r.key.clone(),
        r.assumed.map_or("–".into(), |a| value(a, &r.unit)),
        value(r.observed, &r.unit),
        match r.deviation {
            Some(d) => format!(
                "{}{}{}",
                if d > 0.0 { "+" } else { "" },
                percent(d),
                if r.flagged { " !" } else { "" }
            ),
            None => "–".into(),
        },
        r.monthly_effect_usd.map_or("–".into(), |u| {
            format!("{}{}", if u.value() > 0.0 { "+" } else { "" }, money(u))
        }),
        r.source.clone(),
    ]
}

fn summary(c: &Calibration) -> Vec<String> {
    let mut out = Vec::new();
    let flagged = c.rows.iter().filter(|r| r.flagged).count();
    out.push(format!(
        "{} value(s) compared, {flagged} off by more than 20% (marked !).",
        c.rows.len()
    ));
    if let (Some(a), Some(b)) = (c.monthly_as_written_usd, c.monthly_calibrated_usd) {
        out.push(format!(
            "Steady-state monthly bill: {} as written, {} with the observed values ({}{}).",
            money(a),
            money(b),
            if b.value() >= a.value() { "+" } else { "" },
            money(crate::units::Usd(b.value() - a.value()))
        ));
    }
    out
}

fn run_cost(c: &Calibration) -> String {
    if c.metrics_requested == 0 {
        return format!(
            "This run made {} free CloudWatch calls (ListMetrics, GetMetricStatistics: within the free tier of API requests).",
            c.calls
        );
    }
    format!(
        "This run requested {} metrics in {} GetMetricData calls: about ${:.4} at ${GET_METRIC_DATA_USD_PER_1000} per 1,000 metrics (us-east-1; GetMetricData has no free tier; price unverified, not in the bundled snapshot). `--free` uses only free calls, at coarser resolution.",
        c.metrics_requested,
        c.calls,
        c.metrics_requested as f64 / 1000.0 * GET_METRIC_DATA_USD_PER_1000
    )
}

pub fn render_table(c: &Calibration, width: u16) -> String {
    let mut out = format!(
        "lakecost calibrate: {}\nCloudWatch, {}\n\n",
        c.scenario,
        c.window.describe()
    );
    // The table keeps to what is compared; how each value was observed follows it.
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(HEADER[..6].to_vec());
    for r in &c.rows {
        let mut row = cells(r);
        row.truncate(6);
        t.add_row(row);
    }
    out.push_str(&format!("{t}\n"));
    for r in &c.rows {
        out.push_str(&format!("  {} {}: {}\n", r.resource, r.key, r.source));
    }
    for line in summary(c) {
        out.push_str(&format!("{line}\n"));
    }
    for n in &c.notes {
        out.push_str(&format!("Note: {n}\n"));
    }
    for p in &c.problems {
        out.push_str(&format!(
            "Not observed: {} ({}): {}\n",
            p.resource, p.what, p.why
        ));
    }
    out.push_str(&format!("{}\n", run_cost(c)));
    out
}

pub fn render_json(c: &Calibration) -> String {
    let mut s = serde_json::to_string_pretty(c).expect("a calibration holds only finite numbers");
    s.push('\n');
    s
}

pub fn render_markdown(c: &Calibration) -> String {
    let mut out = format!(
        "# lakecost calibrate: {}\n\nCloudWatch, {}.\n\n",
        markdown::text(&c.scenario),
        c.window.describe()
    );
    let rows: Vec<Vec<String>> = c
        .rows
        .iter()
        .map(|r| cells(r).iter().map(|c| markdown::text(c)).collect())
        .collect();
    out.push_str(&markdown::table(&HEADER, &[2, 3, 4, 5], &rows));
    out.push('\n');
    for line in summary(c) {
        out.push_str(&format!("{line}\n\n"));
    }
    for n in &c.notes {
        out.push_str(&format!("- Note: {}\n", markdown::text(n)));
    }
    for p in &c.problems {
        out.push_str(&format!(
            "- Not observed: {} ({}): {}\n",
            markdown::text(&p.resource),
            markdown::cell(&p.what),
            markdown::text(&p.why)
        ));
    }
    out.push_str(&format!("\n{}\n", run_cost(c)));
    out
}
