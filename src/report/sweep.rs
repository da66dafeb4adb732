//! `lakecost sweep`: the bill at each point of a grid, as a table, JSON, CSV or
//! Markdown.

use super::format::money;
use super::sink::{self, Cell, Column, Section};
use crate::sweep::Sweep;

/// One row per point: the values of the varied keys, then the steady-state month and
/// the horizon total.
fn points(s: &Sweep) -> Section {
    let mut columns: Vec<Column> = s.keys.iter().map(|k| Column::left(k, k)).collect();
    columns.extend([
        Column::right("steady state / month", "steady_state_usd"),
        Column::right("horizon", "horizon_usd"),
    ]);
    let mut out = Section::new("points", columns);
    for p in &s.points {
        let mut row: Vec<Cell> = p.values.iter().map(Cell::text).collect();
        row.extend([
            Cell::maybe(
                p.steady_state_usd.map_or("none".into(), money),
                p.steady_state_usd.map(|u| u.value()),
            ),
            Cell::figure(money(p.horizon_usd), p.horizon_usd.value()),
        ]);
        out.rows.push(row);
    }
    out
}

pub fn render_table(s: &Sweep, width: u16) -> String {
    format!(
        "lakecost sweep: {}\n{}\n",
        s.scenario,
        sink::table(&points(s), width)
    )
}

pub fn render_markdown(s: &Sweep) -> String {
    format!(
        "# lakecost sweep: {}\n\n{}",
        super::markdown::text(&s.scenario),
        sink::markdown(&points(s))
    )
}

/// The points as CSV; a CSV of one section needs no `section` column, and keeps the
/// header it always had (the varied keys, `steady_state_usd`, `horizon_usd`).
pub fn render_csv(s: &Sweep) -> String {
    sink::csv_of(&points(s))
}

pub fn render_json(s: &Sweep) -> String {
    serde_json::to_string_pretty(s).expect("a sweep serialises") + "\n"
}
