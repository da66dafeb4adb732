//! A review-ready GitHub-flavoured Markdown document of a report: summary, capacity,
//! findings with their codes, links to charts, and the line items in a collapsible
//! block.

use super::format::{money, percent, quantity, unit_price};
use super::{
    CAPACITY_HEADER, NOT_INCLUDED_HEADER, NotIncluded, Report, capacity_cells, not_included_cells,
};

/// A table cell: pipes would end the cell, newlines the row.
pub fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// Text that came from a scenario (a name, or a message quoting one) for a Markdown
/// page: HTML's `<`, `>` and `&` as entities, and the characters Markdown reads as
/// code, emphasis, links, headings or table cells escaped with a backslash, so that
/// nothing a scenario says becomes markup on a review page.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '!' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if crate::text::is_hidden(c) => out.push_str(&crate::text::one_line(&c.to_string())),
            c => out.push(c),
        }
    }
    out
}

/// A GFM table with the given right-aligned columns.
pub fn table(header: &[&str], right: &[usize], rows: &[Vec<String>]) -> String {
    let mut out = format!("| {} |\n|", header.join(" | "));
    for i in 0..header.len() {
        out.push_str(if right.contains(&i) { "---:|" } else { "---|" });
    }
    out.push('\n');
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| cell(c)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

pub fn render(r: &Report, charts: &[String]) -> String {
    let mut out = format!("# lakecost estimate: {}\n\n", text(&r.scenario.name));
    out.push_str(&format!(
        "Region **{}** · {} months · prices: {} · {} of the horizon cost rests on unverified prices.\n\n",
        r.scenario.region,
        r.scenario.months,
        cell(&r.pricing.provenance()),
        percent(r.pricing.unverified_share)
    ));
    if let Some(h) = NotIncluded::headline(&r.not_included) {
        out.push_str(&format!("**{}**\n\n", text(&h)));
    }

    out.push_str("## Summary\n\n");
    let sum = r.summary();
    let mut rows = sum.rows;
    let mut total = vec!["**total**".to_string()];
    total.extend(sum.total.iter().map(|m| format!("**{m}**")));
    rows.push(total);
    let header: Vec<&str> = sum.header.iter().map(String::as_str).collect();
    out.push_str(&table(
        &header,
        &(1..header.len()).collect::<Vec<_>>(),
        &rows,
    ));
    if let Some(reason) = &r.steady_state_reason {
        out.push_str(&format!("\nNo steady state: {}.\n", cell(reason)));
    }

    let drivers = r.top_drivers(5);
    if let Some((when, _)) = r.detail_month().filter(|_| !drivers.is_empty()) {
        out.push_str(&format!("\n## What drives the bill ({when})\n\n"));
        let rows: Vec<Vec<String>> = drivers
            .iter()
            .map(|(service, resource, component, usd, share)| {
                vec![
                    format!("{} {}", service.name(), text(resource)),
                    component.clone(),
                    money(*usd),
                    percent(*share),
                ]
            })
            .collect();
        out.push_str(&table(
            &["resource", "component", "monthly", "share"],
            &[2, 3],
            &rows,
        ));
    }

    if let Some(u) = &r.uncertainty {
        use super::uncertainty as un;
        out.push_str("\n## Uncertainty: P10 / P50 / P90\n\n");
        out.push_str(&table(
            &un::PERCENTILE_HEADER,
            &[1, 2, 3, 4, 5, 6],
            &un::percentile_rows(u),
        ));
        out.push_str(&format!("\n{}\n", cell(&un::note(u))));
        out.push_str(&format!(
            "\n### Which guess drives the bill ({}): each input from its P10 to its P90\n\n",
            un::metric_name(u)
        ));
        out.push_str(&table(
            &un::TORNADO_HEADER,
            &[3, 4, 5, 6],
            &un::tornado_rows(u),
        ));
    }

    if !r.capacity.is_empty() {
        out.push_str("\n## Capacity\n\n");
        let rows: Vec<Vec<String>> = r
            .capacity
            .iter()
            .map(|c| {
                let mut row = capacity_cells(c);
                row[1] = text(&row[1]);
                row[5] = text(&row[5]);
                row
            })
            .collect();
        out.push_str(&table(&CAPACITY_HEADER, &[3], &rows));
    }

    if !r.not_included.is_empty() {
        let header = NotIncluded::header(&r.not_included);
        out.push_str(&format!(
            "\n## NOT INCLUDED\n\n{}{}.\n\n",
            header[..1].to_uppercase(),
            text(&header[1..])
        ));
        let rows: Vec<Vec<String>> = r
            .not_included
            .iter()
            .map(|n| not_included_cells(n).iter().map(|c| text(c)).collect())
            .collect();
        out.push_str(&table(&NOT_INCLUDED_HEADER, &[3], &rows));
    }

    out.push_str("\n## Findings\n\n");
    if r.warnings.is_empty() {
        out.push_str("None.\n");
    } else {
        let rows: Vec<Vec<String>> = r
            .warnings
            .iter()
            .map(|w| {
                vec![
                    format!("`{}`", w.code),
                    format!("{:?}", w.severity).to_lowercase(),
                    text(&w.resource),
                    match (w.line, w.column) {
                        (Some(l), Some(c)) => format!("{l}:{c}"),
                        _ => String::new(),
                    },
                    text(&w.message),
                    w.monthly_cost_usd.map(money).unwrap_or_default(),
                ]
            })
            .collect();
        out.push_str(&table(
            &[
                "code", "severity", "resource", "line:col", "finding", "$/month",
            ],
            &[5],
            &rows,
        ));
        out.push_str("\n`lakecost explain CODE` says what a finding means and how to fix it.\n");
    }

    if !charts.is_empty() {
        out.push_str("\n## Charts\n\n");
        for c in charts {
            let name = std::path::Path::new(c)
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("chart");
            out.push_str(&format!("![{name}]({c})\n\n"));
        }
    }

    if let Some((title, m)) = r.detail_month() {
        out.push_str(&format!(
            "\n<details>\n<summary>Line items, {title} ({} lines)</summary>\n\n",
            m.lines.len()
        ));
        let rows: Vec<Vec<String>> = m
            .lines
            .iter()
            .map(|l| {
                vec![
                    l.service.name().into(),
                    text(&l.resource),
                    l.component.to_string(),
                    quantity(l.quantity),
                    l.price.unit.clone(),
                    unit_price(l.unit_price_usd),
                    money(l.cost_usd),
                    format!("`{}`", l.price.key),
                ]
            })
            .collect();
        out.push_str(&table(
            &[
                "service",
                "resource",
                "component",
                "quantity",
                "unit",
                "unit price",
                "monthly",
                "price key",
            ],
            &[3, 5, 6],
            &rows,
        ));
        out.push_str("\n</details>\n");
    }
    out
}

/// The path from a document's folder to a chart folder, worked out lexically from
/// their absolute forms, so that a document written to `md/review.md` links the
/// charts in `charts/` as `../charts/…` (a link resolves from the document's folder).
pub fn relative_dir(doc_dir: &std::path::Path, chart_dir: &std::path::Path) -> std::path::PathBuf {
    use std::path::{Component, PathBuf};
    let normal = |p: &std::path::Path| -> Vec<std::ffi::OsString> {
        let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let mut parts: Vec<std::ffi::OsString> = Vec::new();
        for c in abs.components() {
            match c {
                Component::Normal(n) => parts.push(n.to_os_string()),
                Component::ParentDir => {
                    parts.pop();
                }
                _ => {}
            }
        }
        parts
    };
    let (from, to) = (normal(doc_dir), normal(chart_dir));
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut rel = PathBuf::new();
    for _ in common..from.len() {
        rel.push("..");
    }
    for part in &to[common..] {
        rel.push(part);
    }
    rel
}

#[cfg(test)]
mod tests {
    use super::relative_dir;
    use std::path::Path;

    #[test]
    fn chart_links_resolve_from_the_documents_folder() {
        assert_eq!(
            relative_dir(Path::new("."), Path::new("charts")),
            Path::new("charts")
        );
        assert_eq!(
            relative_dir(Path::new("md"), Path::new("charts")),
            Path::new("../charts")
        );
        assert_eq!(
            relative_dir(Path::new("md"), Path::new("md/charts")),
            Path::new("charts")
        );
        assert_eq!(
            relative_dir(Path::new("/a/b"), Path::new("/a/c/d")),
            Path::new("../c/d")
        );
    }
}
