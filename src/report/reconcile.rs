//! `lakecost reconcile` as a table, JSON (`lakecost.reconciliation/v1`), CSV or
//! Markdown: each reconciled line with its effects, the walk from the estimate to the
//! billed usage, the usage the scenario does not describe, and what the bill charged
//! apart from usage.

use super::format::{money, percent, quantity, signed_money};
use super::markdown;
use super::sink::{self, Cell, Column, Section};
use crate::reconcile::Reconciliation;
use crate::units::Usd;

/// Unmatched meters a table or Markdown page lists; JSON and CSV list them all.
const UNMATCHED_SHOWN: usize = 15;

fn usd(v: f64) -> Cell {
    Cell::figure(money(Usd(v)), v)
}

fn change(v: f64) -> Cell {
    Cell::figure(signed_money(Usd(v)), v)
}

fn lines(r: &Reconciliation) -> Section {
    let mut s = Section::new(
        "lines",
        vec![
            Column::left("service", "service"),
            Column::left("resource", "resource"),
            Column::left("usage type", "usage_type"),
            Column::machine("operation"),
            Column::machine("service_code"),
            Column::left("unit", "unit"),
            Column::right("estimated qty", "estimated_quantity"),
            Column::right("billed qty", "actual_quantity"),
            Column::right("estimated", "estimated_usd"),
            Column::right("billed", "actual_usd"),
            Column::right("quantity effect", "quantity_effect_usd"),
            Column::right("rate effect", "rate_effect_usd"),
            Column::machine("calendar_effect_usd"),
        ],
    );
    for l in &r.lines {
        let resource = if l.bound_to.is_empty() {
            l.resource.clone()
        } else {
            format!("{} ({})", l.resource, l.bound_to.join(", "))
        };
        s.rows.push(vec![
            Cell::text(l.service.name()),
            Cell::text(resource),
            Cell::text(&l.usage_type),
            Cell::text(&l.operation),
            Cell::text(&l.service_code),
            Cell::text(&l.unit),
            Cell::figure(quantity(l.estimated_quantity), l.estimated_quantity),
            Cell::figure(quantity(l.actual_quantity), l.actual_quantity),
            usd(l.estimated_usd),
            usd(l.actual_usd),
            change(l.quantity_effect_usd),
            change(l.rate_effect_usd),
            Cell::figure(String::new(), l.calendar_effect_usd),
        ]);
    }
    s
}

fn unmatched(r: &Reconciliation, all: bool) -> Section {
    let mut s = Section::new(
        "unmatched",
        vec![
            Column::left("service code", "service_code"),
            Column::left("usage type", "usage_type"),
            Column::machine("operation"),
            Column::left("resource", "resource_id"),
            Column::machine("region"),
            Column::machine("unit"),
            Column::right("billed qty", "actual_quantity"),
            Column::right("billed", "actual_usd"),
            Column::left("why", "reason"),
        ],
    );
    let shown = if all {
        r.unmatched.len()
    } else {
        UNMATCHED_SHOWN
    };
    for u in r.unmatched.iter().take(shown) {
        s.rows.push(vec![
            Cell::text(&u.meter.service_code),
            Cell::text(&u.meter.usage_type),
            Cell::text(&u.meter.operation),
            Cell::text(if u.meter.resource_id.is_empty() {
                "–"
            } else {
                &u.meter.resource_id
            }),
            Cell::text(&u.meter.region),
            Cell::text(&u.meter.unit),
            Cell::figure(quantity(u.actual_quantity), u.actual_quantity),
            usd(u.actual_usd),
            Cell::text(u.reason),
        ]);
    }
    s
}

/// The walk from the estimate to the billed usage, and what lies beside it.
fn totals(r: &Reconciliation) -> Section {
    let t = &r.totals;
    let mut s = Section::new(
        "totals",
        vec![
            Column::left("from the estimate to the bill", "item"),
            Column::right("", "usd"),
        ],
    );
    let mut row = |label: String, cell: Cell| s.rows.push(vec![Cell::text(label), cell]);
    row(
        format!("Estimate, month {} (730 h)", r.estimate_month),
        usd(t.estimated_usd),
    );
    row(
        format!(
            "Calendar: {} has {} h",
            &r.period.start[..7],
            r.period.hours
        ),
        change(t.calendar_effect_usd),
    );
    row("Quantity effect".into(), change(t.quantity_effect_usd));
    row("Rate effect".into(), change(t.rate_effect_usd));
    row(
        "Billed usage the estimate describes".into(),
        usd(t.matched_actual_usd),
    );
    row(
        format!(
            "Billed usage it does not describe ({} meters)",
            r.unmatched.len()
        ),
        usd(t.unmatched_usd),
    );
    row("All billed usage".into(), usd(t.actual_usage_usd));
    row(
        "Coverage (described ÷ all usage)".into(),
        Cell::maybe(t.coverage.map_or("–".into(), percent), t.coverage),
    );
    row("Credits (apart from usage)".into(), usd(r.credits_usd));
    row("Tax (apart from usage)".into(), usd(r.tax_usd));
    for o in &r.other_charges {
        row(format!("{} (apart from usage)", o.kind), usd(o.usd));
    }
    s
}

fn heading(r: &Reconciliation) -> String {
    let source = match &r.bill.query {
        Some(q) => format!(
            "{} table {}, query {} ({} rows; {} MB scanned{})",
            r.bill.dialect.name(),
            r.bill.files.join(", ").trim_start_matches("athena:"),
            q.query_execution_id,
            crate::text::group_thousands(&r.bill.rows.to_string()),
            crate::text::group_thousands(&format!(
                "{:.0}",
                (q.data_scanned_bytes as f64 / 1_048_576.0).ceil()
            )),
            q.cost_usd
                .map_or(String::new(), |c| format!(", {}", money(Usd(c))))
        ),
        None => format!(
            "{} export, {} file(s), {} rows",
            r.bill.dialect.name(),
            r.bill.files.len(),
            crate::text::group_thousands(&r.bill.rows.to_string())
        ),
    };
    let tagged = if r.bill.tags.is_empty() {
        String::new()
    } else {
        format!(
            "; only rows tagged {} ({} rows left out)",
            r.bill.tags.join(" and "),
            crate::text::group_thousands(&r.bill.untagged_rows.to_string())
        )
    };
    format!(
        "{source}{tagged}; billing period {} to {} ({} h) against estimate month {}",
        r.period.start, r.period.end, r.period.hours, r.estimate_month
    )
}

fn missing_lines(r: &Reconciliation) -> Vec<String> {
    r.missing
        .iter()
        .map(|m| {
            format!(
                "{} {} {}: {} estimated, nothing billed",
                m.service.name(),
                m.resource,
                m.usage_type,
                money(Usd(m.estimated_usd))
            )
        })
        .collect()
}

/// With `--write`: each key set to what the bill shows, and why others were not.
fn written_lines(r: &Reconciliation) -> Vec<String> {
    let mut out: Vec<String> = r
        .changes
        .iter()
        .map(|c| {
            format!(
                "{} `{}`: {} → {} {} (from the bill)",
                c.resource,
                c.key,
                crate::text::significant(c.assumed, 4),
                crate::text::significant(c.billed, 4),
                c.unit
            )
        })
        .collect();
    out.extend(r.notes.iter().cloned());
    out
}

fn more_unmatched(r: &Reconciliation) -> Option<String> {
    let rest = r.unmatched.get(UNMATCHED_SHOWN..)?;
    if rest.is_empty() {
        return None;
    }
    let usd: f64 = rest.iter().map(|u| u.actual_usd).sum();
    Some(format!(
        "… and {} more meters, {} (all are in --format json or csv)",
        rest.len(),
        money(Usd(usd))
    ))
}

pub fn render_table(r: &Reconciliation, width: u16) -> String {
    let mut out = format!("lakecost reconcile: {}\n{}\n\n", r.scenario, heading(r));
    out.push_str(&format!("{}\n\n", sink::table(&lines(r), width)));
    out.push_str(&format!("{}\n", sink::table(&totals(r), width)));
    if !r.unmatched.is_empty() {
        out.push_str("\nBilled usage the scenario does not describe, largest first:\n");
        out.push_str(&format!("{}\n", sink::table(&unmatched(r, false), width)));
        if let Some(m) = more_unmatched(r) {
            out.push_str(&format!("{m}\n"));
        }
    }
    for m in missing_lines(r) {
        out.push_str(&format!("Not billed: {m}\n"));
    }
    for w in written_lines(r) {
        out.push_str(&format!("Written: {w}\n"));
    }
    out
}

pub fn render_json(r: &Reconciliation) -> String {
    let mut s =
        serde_json::to_string_pretty(r).expect("a reconciliation holds only finite numbers");
    s.push('\n');
    s
}

/// Every section as one CSV; figures unrounded.
pub fn render_csv(r: &Reconciliation) -> String {
    sink::csv(&[lines(r), unmatched(r, true), totals(r)])
}

pub fn render_markdown(r: &Reconciliation) -> String {
    let mut out = format!(
        "# lakecost reconcile: {}\n\n{}.\n\n",
        markdown::text(&r.scenario),
        markdown::text(&heading(r))
    );
    out.push_str(&sink::markdown(&lines(r)));
    out.push_str("\n## From the estimate to the bill\n\n");
    out.push_str(&sink::markdown(&totals(r)));
    if !r.unmatched.is_empty() {
        out.push_str("\n## Billed usage the scenario does not describe\n\n");
        out.push_str(&sink::markdown(&unmatched(r, false)));
        if let Some(m) = more_unmatched(r) {
            out.push_str(&format!("\n{}\n", markdown::text(&m)));
        }
    }
    if !r.missing.is_empty() {
        out.push_str("\n## Estimated, not billed\n\n");
        for m in missing_lines(r) {
            out.push_str(&format!("- {}\n", markdown::text(&m)));
        }
    }
    let written = written_lines(r);
    if !written.is_empty() {
        out.push_str("\n## Written to the scenario's copy\n\n");
        for w in written {
            out.push_str(&format!("- {}\n", markdown::text(&w)));
        }
    }
    out
}
