//! `lakecost calibrate` as a table, JSON (`lakecost.calibration/v1`), CSV or Markdown:
//! per resource and key, what the scenario assumes, what CloudWatch shows, the
//! deviation and what it does to the monthly bill.

use super::format::{money, percent};
use super::markdown;
use super::sink::{self, Cell, Column, Section};
use crate::calibrate::Calibration;
use crate::text::significant;

/// GetMetricData's price per 1,000 metrics requested in us-east-1, from the
/// CloudWatch pricing page as secondary sources quote it; the bundled snapshot holds
/// no CloudWatch price, so the figure is shown as unverified.
const GET_METRIC_DATA_USD_PER_1000: f64 = 0.01;

fn value(v: f64, unit: &str) -> String {
    format!("{} {unit}", significant(v, 4))
}

/// Each compared value; with `sources`, how it was observed (the table lists that
/// below itself instead).
fn compared(c: &Calibration, sources: bool) -> Section {
    let mut columns = vec![
        Column::left("resource", "resource"),
        Column::left("key", "key"),
        Column::right("assumed", "assumed"),
        Column::right("observed", "observed"),
        Column::right("deviation", "deviation"),
        Column::right("a month", "monthly_effect_usd"),
    ];
    if sources {
        columns.push(Column::left("observed as", "observed_as"));
    }
    let mut s = Section::new("compared", columns);
    for r in &c.rows {
        let mut row = vec![
            Cell::text(format!("{} ({})", r.resource, r.aws)),
            Cell::text(&r.key),
            Cell::maybe(
                r.assumed.map_or("–".into(), |a| value(a, &r.unit)),
                r.assumed,
            ),
            Cell::figure(value(r.observed, &r.unit), r.observed),
            Cell::maybe(
                match r.deviation {
                    Some(d) => format!(
                        "{}{}{}",
                        if d > 0.0 { "+" } else { "" },
                        percent(d),
                        if r.flagged { " !" } else { "" }
                    ),
                    None => "–".into(),
                },
                r.deviation,
            ),
            Cell::maybe(
                r.monthly_effect_usd.map_or("–".into(), |u| {
                    format!("{}{}", if u.value() > 0.0 { "+" } else { "" }, money(u))
                }),
                r.monthly_effect_usd.map(|u| u.value()),
            ),
        ];
        if sources {
            row.push(Cell::text(&r.source));
        }
        s.rows.push(row);
    }
    s
}

/// The compared values as CSV (see [`sink::csv`]), with the unit of each and how it
/// was observed.
pub fn render_csv(c: &Calibration) -> String {
    let mut s = compared(c, true);
    s.columns.insert(4, Column::left("unit", "unit"));
    for (row, r) in s.rows.iter_mut().zip(&c.rows) {
        row.insert(4, Cell::text(&r.unit));
    }
    sink::csv(&[s])
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
    out.push_str(&format!("{}\n", sink::table(&compared(c, false), width)));
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
    out.push_str(&sink::markdown(&compared(c, true)));
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
