//! `lakecost sweep`: the bill at each point of a grid, as a table, CSV or JSON.

use super::format::money;
use crate::sweep::Sweep;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ContentArrangement, Table};

fn steady(p: &crate::sweep::Point) -> String {
    p.steady_state_usd.map_or("none".into(), money)
}

pub fn render_table(s: &Sweep) -> String {
    let mut header: Vec<String> = s.keys.clone();
    header.extend(["steady state / month".into(), "horizon".into()]);
    let mut t = Table::new();
    t.load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(120)
        .set_header(header);
    for p in &s.points {
        let mut row = p.values.clone();
        row.extend([steady(p), money(p.horizon_usd)]);
        t.add_row(row);
    }
    let n = s.keys.len();
    for i in n..n + 2 {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    format!("lakecost sweep: {}\n{t}\n", s.scenario)
}

pub fn render_csv(s: &Sweep) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = s.keys.clone();
    header.extend(["steady_state_usd".into(), "horizon_usd".into()]);
    let result = (|| -> csv::Result<()> {
        w.write_record(&header)?;
        for p in &s.points {
            let mut row: Vec<String> = p
                .values
                .iter()
                .map(|v| super::csv::spreadsheet_cell(v).into_owned())
                .collect();
            row.push(
                p.steady_state_usd
                    .map_or(String::new(), |u| u.value().to_string()),
            );
            row.push(p.horizon_usd.value().to_string());
            w.write_record(&row)?;
        }
        Ok(())
    })();
    result.expect("writing CSV to memory cannot fail");
    String::from_utf8(w.into_inner().expect("in-memory writer")).expect("UTF-8")
}

pub fn render_json(s: &Sweep) -> String {
    serde_json::to_string_pretty(s).expect("a sweep serialises") + "\n"
}
