//! The terminal table: header, capacity, summary by service, steady-state line items,
//! warnings. Fits 100 columns.

use super::format::{money, percent, quantity, unit_price};
use super::{CAPACITY_HEADER, MonthReport, Report, capacity_cells};
use crate::model::Severity;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ContentArrangement, Table};

const WIDTH: u16 = 100;

fn table(header: &[&str], right: &[usize]) -> Table {
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(WIDTH)
        .set_header(header.to_vec());
    for &i in right {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    t
}

/// Renders the report; `file` names the scenario file for warning locations.
pub fn render(r: &Report) -> String {
    render_for_file(r, None)
}

pub fn render_for_file(r: &Report, file: Option<&str>) -> String {
    let mut out = String::new();
    out.push_str(&format!("lakecost estimate: {}\n", r.scenario.name));
    out.push_str(&format!(
        "region {} · {} months · prices: {}\n",
        r.scenario.region,
        r.scenario.months,
        r.pricing.provenance()
    ));
    out.push_str(&format!(
        "{} of the horizon cost rests on unverified prices (confidence S or M)\n\n",
        percent(r.pricing.unverified_share)
    ));

    if !r.capacity.is_empty() {
        let mut t = table(&CAPACITY_HEADER, &[3]);
        for c in &r.capacity {
            t.add_row(capacity_cells(c));
        }
        out.push_str(&format!("Capacity\n{t}\n\n"));
    }

    out.push_str(&format!("Monthly cost by service\n{}\n", summary(r)));
    match &r.steady_state_reason {
        Some(reason) => out.push_str(&format!("No steady state: {reason}.\n\n")),
        None => out.push('\n'),
    }

    if let Some(u) = &r.uncertainty {
        use super::uncertainty as un;
        let mut t = table(&un::PERCENTILE_HEADER, &[1, 2, 3, 4, 5, 6]);
        for row in un::percentile_rows(u) {
            t.add_row(row);
        }
        out.push_str(&format!(
            "Monthly cost by service, P10 / P50 / P90 over uncertain inputs\n{t}\n{}\n\n",
            un::note(u)
        ));
        let mut t = table(&un::TORNADO_HEADER, &[3, 4, 5, 6]);
        for row in un::tornado_rows(u) {
            t.add_row(row);
        }
        out.push_str(&format!(
            "Which guess drives the bill: each input from its P10 to its P90, the others at P50 ({})\n{t}\n\n",
            un::metric_name(u)
        ));
    }

    let drivers = r.top_drivers(5);
    if let Some((when, _)) = r.detail_month().filter(|_| !drivers.is_empty()) {
        let mut t = table(&["", "resource", "component", "monthly", "share"], &[3, 4]);
        for (i, (service, resource, component, usd, share)) in drivers.iter().enumerate() {
            t.add_row(vec![
                format!("{}", i + 1),
                format!("{} {resource}", service.name()),
                component.clone(),
                money(*usd),
                percent(*share),
            ]);
        }
        out.push_str(&format!("What drives the bill ({when})\n{t}\n\n"));
    }

    let (title, month) = match &r.steady_state {
        Some(s) => (
            "Line items, steady state (full lake at month-1 volume)".to_string(),
            Some(s),
        ),
        None => (
            format!("Line items, month {}", r.months.len()),
            r.months.last(),
        ),
    };
    if let Some(m) = month {
        out.push_str(&format!("{title}\n{}\n\n", lines(m)));
    }

    if !r.warnings.is_empty() {
        let mut t = table(&["code", "where", "finding", "$/month"], &[3]);
        for w in &r.warnings {
            let place = match (w.line, w.column) {
                (Some(l), Some(c)) => format!("{}:{l}:{c}", file.unwrap_or("scenario")),
                _ => w.resource.clone(),
            };
            let sev = match w.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            t.add_row(vec![
                format!("{} {sev}", w.code),
                place,
                format!("{}: {}", w.resource, w.message),
                w.monthly_cost_usd.map(money).unwrap_or_default(),
            ]);
        }
        out.push_str(&format!("Findings\n{t}\n"));
    }
    out
}

fn summary(r: &Report) -> Table {
    let sum = r.summary();
    let right: Vec<usize> = (1..sum.header.len()).collect();
    let header: Vec<&str> = sum.header.iter().map(String::as_str).collect();
    let mut t = table(&header, &right);
    for row in sum.rows {
        t.add_row(row);
    }
    let mut total = vec!["total".to_string()];
    total.extend(sum.total);
    t.add_row(total);
    t
}

fn lines(m: &MonthReport) -> Table {
    let mut t = table(
        &[
            "resource",
            "component",
            "quantity",
            "unit",
            "unit price",
            "monthly",
        ],
        &[2, 4, 5],
    );
    for l in &m.lines {
        t.add_row(vec![
            format!("{} {}", l.service.name(), l.resource),
            l.component.to_string(),
            quantity(l.quantity),
            l.price.unit.clone(),
            unit_price(l.unit_price_usd),
            money(l.cost_usd),
        ]);
    }
    t.add_row(vec![
        "total".to_string(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        money(m.total_usd),
    ]);
    t
}
