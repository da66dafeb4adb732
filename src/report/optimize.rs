//! `lakecost optimize` as a table, JSON or Markdown: the changes ranked by saving,
//! what they trade off, and the edit to the scenario as a unified diff.

use super::format::{money, percent};
use super::markdown;
use crate::edited::Totals;
use crate::model::Metric;
use crate::optimize::{Change, Plan};
use crate::units::Usd;
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ContentArrangement, Table};
use serde::Serialize;

fn objective(m: Metric) -> &'static str {
    match m {
        Metric::Steady => "the steady-state monthly bill",
        Metric::Horizon => "the horizon total",
    }
}

fn saving(before: Usd, after: Usd) -> String {
    let saved = before.value() - after.value();
    let share = if before.value() > 0.0 {
        saved / before.value()
    } else {
        0.0
    };
    format!(
        "{} → {} (saves {}, {})",
        money(before),
        money(after),
        money(Usd(saved)),
        percent(share)
    )
}

/// The lines that lead every format: both figures before and after all changes.
fn summary(p: &Plan) -> Vec<String> {
    let n = p.changes.len();
    let mut out = vec![format!(
        "{} change{} applied together (priced together, not summed), optimising {}:",
        n,
        if n == 1 { "" } else { "s" },
        objective(p.metric)
    )];
    let Totals {
        monthly_usd: b,
        horizon_usd: bh,
    } = p.before;
    if let (Some(b), Some(a)) = (b, p.after.monthly_usd) {
        out.push(format!("steady state, a month: {}", saving(b, a)));
    }
    out.push(format!(
        "horizon total: {}",
        saving(bh, p.after.horizon_usd)
    ));
    out
}

fn parts(c: &Change) -> String {
    c.parts
        .iter()
        .filter(|p| p.saving_usd.value().abs() >= 0.005)
        .map(|p| format!("{} {}", p.part, money(p.saving_usd)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn monthly(c: &Change) -> String {
    c.monthly_saving_usd.map_or("–".into(), money)
}

fn kind(c: &Change) -> &'static str {
    match c.kind {
        crate::optimize::Kind::Configuration => "configuration",
        crate::optimize::Kind::Producer => "producer change",
        crate::optimize::Kind::DataLayout => "data-layout change",
    }
}

const HEADER: [&str; 7] = [
    "#",
    "service",
    "resource",
    "change",
    "saves a month",
    "saves over the horizon",
    "prices",
];

fn row(c: &Change) -> Vec<String> {
    vec![
        c.rank.to_string(),
        c.service.name().into(),
        c.resource.clone(),
        format!("{} [{}]", c.change, kind(c)),
        monthly(c),
        money(c.horizon_saving_usd),
        format!("{:?}", c.confidence),
    ]
}

fn search_line(p: &Plan) -> String {
    format!(
        "Searched: {} storage designs checked against S3's rules; {} designs priced by the fast path; {} scenarios priced whole to verify the proposals.",
        p.designs_checked, p.candidates_priced, p.verifications
    )
}

pub fn render_table(p: &Plan, provenance: &str, width: u16) -> String {
    let mut out = format!(
        "lakecost optimize: {}\nprices: {provenance}\n\n",
        p.scenario
    );
    if p.changes.is_empty() {
        out.push_str(&format!(
            "No change lowers {} while keeping the workload the same.\n",
            objective(p.metric)
        ));
    } else {
        out.push_str(&summary(p).join("\n  "));
        out.push_str("\n\n");
        let mut t = Table::new();
        t.load_style(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width)
            .set_header(HEADER.to_vec());
        for c in &p.changes {
            t.add_row(row(c));
        }
        for i in [4, 5] {
            if let Some(col) = t.column_mut(i) {
                col.set_cell_alignment(CellAlignment::Right);
            }
        }
        out.push_str(&format!("{t}\n\n"));
        for c in &p.changes {
            out.push_str(&format!(
                "{}. {} `{}`: {}\n",
                c.rank,
                c.service.name(),
                c.resource,
                c.change
            ));
            out.push_str(&format!("   trade-off: {}\n", c.trade_off));
            let parts = parts(c);
            if !parts.is_empty() {
                out.push_str(&format!("   saving by charge: {parts}\n"));
            }
        }
    }
    for d in &p.dropped {
        out.push_str(&format!(
            "Not proposed for `{}` ({}): {}\n",
            d.resource, d.change, d.reason
        ));
    }
    out.push_str(&format!("\n{}\n", search_line(p)));
    if !p.diff.is_empty() {
        out.push_str(&format!(
            "\nThe edit (`--write FILE` applies it):\n{}",
            p.diff
        ));
    }
    out
}

#[derive(Serialize)]
struct JsonPlan<'a> {
    pricing: &'a str,
    #[serde(flatten)]
    plan: &'a Plan,
}

pub fn render_json(p: &Plan, provenance: &str) -> String {
    let mut s = serde_json::to_string_pretty(&JsonPlan {
        pricing: provenance,
        plan: p,
    })
    .expect("a plan holds only finite numbers and strings");
    s.push('\n');
    s
}

/// A fenced block that no run of backticks in `text` can close.
fn fenced(text: &str, lang: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}{lang}\n{text}{fence}\n")
}

pub fn render_markdown(p: &Plan, provenance: &str) -> String {
    let mut out = format!(
        "# lakecost optimize: {}\n\nPrices: {}.\n\n",
        markdown::text(&p.scenario),
        markdown::cell(provenance)
    );
    if p.changes.is_empty() {
        out.push_str(&format!(
            "No change lowers {} while keeping the workload the same.\n",
            objective(p.metric)
        ));
    } else {
        for line in summary(p) {
            out.push_str(&format!("- {line}\n"));
        }
        out.push('\n');
        let rows: Vec<Vec<String>> = p
            .changes
            .iter()
            .map(|c| row(c).iter().map(|x| markdown::text(x)).collect())
            .collect();
        out.push_str(&markdown::table(&HEADER, &[4, 5], &rows));
        out.push('\n');
        for c in &p.changes {
            out.push_str(&format!(
                "{}. **{} {}**: {}  \n   Trade-off: {}",
                c.rank,
                c.service.name(),
                markdown::text(&c.resource),
                markdown::text(&c.change),
                markdown::text(&c.trade_off)
            ));
            let parts = parts(c);
            if !parts.is_empty() {
                out.push_str(&format!("  \n   Saving by charge: {parts}"));
            }
            out.push('\n');
        }
    }
    if !p.dropped.is_empty() {
        out.push_str("\nNot proposed:\n\n");
        for d in &p.dropped {
            out.push_str(&format!(
                "- {} ({}): {}\n",
                markdown::text(&d.resource),
                markdown::text(&d.change),
                markdown::text(&d.reason)
            ));
        }
    }
    out.push_str(&format!("\n{}\n", search_line(p)));
    if !p.diff.is_empty() {
        out.push_str("\n## The edit\n\n");
        out.push_str(&fenced(&p.diff, "diff"));
    }
    out
}
