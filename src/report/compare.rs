//! The `lakecost compare` report (`lakecost.compare/v1`, docs/compare.md): one value,
//! rendered as a table, JSON or CSV.

use super::PricingInfo;
use super::format::{money, percent, quantity};
use super::sink::grid;
use crate::model::compare::{WarehouseComparison, WorkloadComparison};
use crate::pricing::PriceBook;
use crate::scenario::Scenario;
use serde::Serialize;

pub const SCHEMA: &str = "lakecost.compare/v1";

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CompareReport {
    pub schema: &'static str,
    pub scenario: String,
    /// `unverified_share` here is that of the cheapest option of the first workload;
    /// each option carries its own.
    pub pricing: PricingInfo,
    pub workloads: Vec<WorkloadComparison>,
    pub warehouses: Vec<WarehouseComparison>,
}

impl CompareReport {
    pub fn new(
        s: &Scenario,
        book: &PriceBook,
        workloads: Vec<WorkloadComparison>,
        warehouses: Vec<WarehouseComparison>,
    ) -> Self {
        CompareReport {
            schema: SCHEMA,
            scenario: s.name.clone(),
            pricing: PricingInfo::new(
                book,
                &s.region,
                workloads
                    .first()
                    .and_then(|w| w.options.first())
                    .map_or(0.0, |o| o.unverified_share),
            ),
            workloads,
            warehouses,
        }
    }
}

fn size(gb: f64) -> String {
    if gb >= 1024.0 {
        format!("{} TB", quantity(gb / 1024.0))
    } else {
        format!("{} GB", quantity(gb))
    }
}

/// "1 TB per run, runs per day: 1, 160.0 vCPU-hours a run, deadline 3 h"
fn workload_facts(w: &WorkloadComparison) -> String {
    format!(
        "{} per run, runs per day: {}, {:.1} vCPU-hours a run, deadline {} h",
        size(w.input_per_run_gb),
        w.runs_per_day,
        w.vcpu_hours_per_run,
        quantity(w.deadline_hours)
    )
}

/// "Cluster `dw` $1,708.44 a month, Serverless `bi` $487.88 a month, for 5 TB: `bi` is
/// cheaper."
fn warehouse_sentence(h: &WarehouseComparison) -> String {
    format!(
        "cluster `{}` {} a month, Serverless `{}` {} a month, for {}: `{}` is cheaper.",
        h.cluster,
        money(h.cluster_monthly_usd),
        h.serverless,
        money(h.serverless_monthly_usd),
        size(h.data_gb),
        h.cheaper
    )
}

/// The rows of a workload's option table.
fn option_rows(w: &WorkloadComparison) -> Vec<Vec<String>> {
    w.options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            vec![
                if o.meets_deadline {
                    (i + 1).to_string()
                } else {
                    "late".into()
                },
                o.option.clone(),
                o.configuration.clone(),
                format!("{:.2} h", o.runtime_hours),
                money(o.cost_per_run_usd),
                money(o.monthly_usd),
            ]
        })
        .collect()
}

const OPTION_HEADER: [&str; 6] = [
    "#",
    "option",
    "configuration",
    "runtime",
    "per run",
    "per month",
];

/// The comparison as terminal tables `width` columns wide.
pub fn render_table(r: &CompareReport, width: u16) -> String {
    let mut out = format!(
        "lakecost compare: {}\nregion {} · prices: {}\n",
        r.scenario,
        r.pricing.region,
        r.pricing.provenance()
    );
    for w in &r.workloads {
        out.push_str(&format!("\nWorkload `{}`: {}\n", w.name, workload_facts(w)));
        let mut t = grid(&OPTION_HEADER, &[], width);
        for row in option_rows(w) {
            t.add_row(row);
        }
        out.push_str(&format!("{t}\n"));
        if let Some(line) = cheapest_line(w) {
            out.push_str(&format!("{line}\n"));
        }
        for line in left_out_lines(w) {
            out.push_str(&format!("{line}\n"));
        }
        out.push_str("Assumptions:\n");
        for o in &w.options {
            out.push_str(&format!("  {}: {}\n", o.option, o.assumptions.join("; ")));
        }
        let mut t = grid(&["input per run", "cheapest option", "per run"], &[], width);
        for p in &w.sweep {
            t.add_row(vec![
                size(p.input_gb),
                p.cheapest.clone(),
                money(p.cost_per_run_usd),
            ]);
        }
        out.push_str(&format!("\nBreak-even sweep\n{t}\n"));
        if w.break_even.is_empty() {
            out.push_str("The cheapest option is the same from 10 GB to 100 TB per run.\n");
        }
        for b in &w.break_even {
            out.push_str(&format!(
                "At {} per run the cheapest option changes from {} to {}.\n",
                size(b.input_gb),
                b.below,
                b.above
            ));
        }
    }
    for h in &r.warehouses {
        out.push_str(&format!("\nWarehouse: {}\n", warehouse_sentence(h)));
        match h.break_even_active_hours_per_day {
            Some(x) => out.push_str(&format!(
                "They cost the same at {x:.1} active hours a day; Serverless is cheaper below that.\n"
            )),
            None => out.push_str("One is cheaper at any number of active hours a day.\n"),
        }
    }
    out
}

pub fn render_json(r: &CompareReport) -> String {
    let mut s =
        serde_json::to_string_pretty(r).expect("a report holds only finite numbers and strings");
    s.push('\n');
    s
}

/// One row per workload and option, ranked.
pub fn render_csv(r: &CompareReport) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let rows = (|| -> csv::Result<()> {
        w.write_record([
            "workload",
            "rank",
            "engine",
            "option",
            "configuration",
            "runtime_hours",
            "cost_per_run_usd",
            "monthly_usd",
            "meets_deadline",
            "unverified_share",
            "prices_source",
            "prices_date",
        ])?;
        for wl in &r.workloads {
            for (i, o) in wl.options.iter().enumerate() {
                w.write_record([
                    wl.name.as_str(),
                    &(i + 1).to_string(),
                    o.engine,
                    &o.option,
                    &o.configuration,
                    &o.runtime_hours.to_string(),
                    &o.cost_per_run_usd.value().to_string(),
                    &o.monthly_usd.value().to_string(),
                    &o.meets_deadline.to_string(),
                    &o.unverified_share.to_string(),
                    &r.pricing.source,
                    &r.pricing.snapshot_date,
                ])?;
            }
        }
        Ok(())
    })();
    rows.expect("writing CSV to memory cannot fail");
    String::from_utf8(w.into_inner().expect("in-memory writer")).expect("CSV of UTF-8 fields")
}

/// The verdict every renderer gives for a workload: the cheapest option, its margin,
/// and how much of its cost rests on unverified prices.
/// One sentence per option the book could not price: left out, and why.
fn left_out_lines(w: &WorkloadComparison) -> Vec<String> {
    w.left_out
        .iter()
        .map(|l| format!("Left out: {}: {}.", l.option, l.reason))
        .collect()
}

fn cheapest_line(w: &WorkloadComparison) -> Option<String> {
    let [first, second, ..] = w.options.as_slice() else {
        return None;
    };
    Some(format!(
        "Cheapest: {}, {} a month less than {}; {} of its cost rests on unverified prices.",
        first.option,
        money(second.monthly_usd - first.monthly_usd),
        second.option,
        percent(first.unverified_share)
    ))
}

/// A GitHub-flavoured Markdown version of the comparison.
pub fn render_markdown(r: &CompareReport, charts: &[String]) -> String {
    use super::markdown::{cell, table};
    let mut out = format!("# lakecost compare: {}\n\n", cell(&r.scenario));
    out.push_str(&format!(
        "Region **{}** · prices: {}.\n",
        r.pricing.region,
        cell(&r.pricing.provenance())
    ));
    for w in &r.workloads {
        out.push_str(&format!(
            "\n## Workload `{}`\n\n{}.\n\n",
            w.name,
            workload_facts(w)
        ));
        out.push_str(&table(&OPTION_HEADER, &[3, 4, 5], &option_rows(w)));
        if let Some(line) = cheapest_line(w) {
            out.push_str(&format!("\n{}\n", cell(&line)));
        }
        for line in left_out_lines(w) {
            out.push_str(&format!("\n{}\n", cell(&line)));
        }
        for b in &w.break_even {
            out.push_str(&format!(
                "\nAt {} per run the cheapest option changes from {} to {}.\n",
                size(b.input_gb),
                b.below,
                b.above
            ));
        }
        out.push_str("\n<details>\n<summary>Assumptions and sweep</summary>\n\n");
        for o in &w.options {
            out.push_str(&format!(
                "- **{}**: {}\n",
                o.option,
                cell(&o.assumptions.join("; "))
            ));
        }
        out.push('\n');
        let rows: Vec<Vec<String>> = w
            .sweep
            .iter()
            .map(|p| {
                vec![
                    size(p.input_gb),
                    p.cheapest.clone(),
                    money(p.cost_per_run_usd),
                ]
            })
            .collect();
        out.push_str(&table(
            &["input per run", "cheapest option", "per run"],
            &[2],
            &rows,
        ));
        out.push_str("\n</details>\n");
    }
    for h in &r.warehouses {
        let sentence = warehouse_sentence(h);
        out.push_str(&format!(
            "\n## Warehouse\n\n{}{}",
            sentence[..1].to_uppercase(),
            &sentence[1..]
        ));
        if let Some(x) = h.break_even_active_hours_per_day {
            out.push_str(&format!(
                " They cost the same at {x:.1} active hours a day."
            ));
        }
        out.push('\n');
    }
    if !charts.is_empty() {
        out.push_str("\n## Charts\n\n");
        for c in charts {
            out.push_str(&format!("![cost per run by input size]({c})\n\n"));
        }
    }
    out
}
