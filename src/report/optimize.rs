//! `lakecost optimize` as a table, JSON, CSV or Markdown: the changes ranked by saving,
//! what they trade off, and the edit to the scenario as a unified diff.

use super::format::{money, percent};
use super::markdown;
use super::sink::{self, Cell, Column, Section};
use crate::edited::Totals;
use crate::model::Metric;
use crate::optimize::{Change, Plan};
use crate::units::Usd;
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

/// The proposed changes, ranked.
fn changes(p: &Plan) -> Section {
    let mut s = Section::new(
        "changes",
        vec![
            Column::left("#", "rank"),
            Column::left("service", "service"),
            Column::left("resource", "resource"),
            Column::left("change", "change"),
            Column::right("saves a month", "monthly_saving_usd"),
            Column::right("saves over the horizon", "horizon_saving_usd"),
            Column::left("prices", "confidence"),
            Column::machine("code"),
        ],
    );
    for c in &p.changes {
        s.rows.push(vec![
            Cell::figure(c.rank.to_string(), c.rank as f64),
            Cell::text(c.service.name()),
            Cell::text(&c.resource),
            Cell::text(format!("{} [{}]", c.change, kind(c))),
            Cell::maybe(monthly(c), c.monthly_saving_usd.map(Usd::value)),
            Cell::figure(money(c.horizon_saving_usd), c.horizon_saving_usd.value()),
            Cell::text(format!("{:?}", c.confidence)),
            Cell::text(c.code),
        ]);
    }
    s
}

/// The changes considered and not proposed, with why.
fn dropped(p: &Plan) -> Section {
    let mut s = Section::new(
        "not_proposed",
        vec![
            Column::left("resource", "resource"),
            Column::left("change", "change"),
            Column::left("why not", "reason"),
            Column::machine("code"),
        ],
    );
    for d in &p.dropped {
        s.rows.push(vec![
            Cell::text(&d.resource),
            Cell::text(&d.change),
            Cell::text(&d.reason),
            Cell::text(d.code.unwrap_or("")),
        ]);
    }
    s
}

/// The changes and those not proposed as one CSV (see [`sink::csv`]); the edit itself
/// is in the JSON and Markdown.
pub fn render_csv(p: &Plan) -> String {
    sink::csv(&[changes(p), dropped(p)])
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
        out.push_str(&format!("{}\n\n", sink::table(&changes(p), width)));
        for c in &p.changes {
            out.push_str(&format!(
                "{}. {} `{}` ({}): {}\n",
                c.rank,
                c.service.name(),
                c.resource,
                c.code,
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
        out.push_str(&sink::markdown(&changes(p)));
        out.push('\n');
        for c in &p.changes {
            out.push_str(&format!(
                "{}. **{} {}** ({}): {}  \n   Trade-off: {}",
                c.rank,
                c.service.name(),
                markdown::text(&c.resource),
                c.code,
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
        // The diff quotes the scenario's own lines, comments included: nothing hidden
        // in them reorders or hides what the review page shows.
        out.push_str(&fenced(&crate::text::for_terminal(&p.diff), "diff"));
    }
    out
}
