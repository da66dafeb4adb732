//! The terminal table: header, capacity, summary by service, steady-state line items,
//! warnings, laid out for a given width (the terminal's; 100 when not a terminal).
//! Line items are grouped by resource, and volume-tier labels move to footnotes, so
//! that at 120 columns each line item is one line.

use super::format::{money, percent, quantity, unit_price};
use super::{
    CAPACITY_HEADER, MonthReport, NOT_INCLUDED_HEADER, NotIncluded, Report, capacity_cells,
    not_included_cells,
};
use crate::model::Severity;
use comfy_table::Table;

/// The width when none is known (output to a file or a pipe).
pub const DEFAULT_WIDTH: u16 = 100;

use super::sink::grid as table;

/// Renders the report at the default width.
pub fn render(r: &Report) -> String {
    render_for_file(r, None, DEFAULT_WIDTH)
}

/// Renders the report `width` columns wide; `file` names the scenario file for
/// warning locations.
pub fn render_for_file(r: &Report, file: Option<&str>, width: u16) -> String {
    let mut out = String::new();
    let prose = |text: String| -> String {
        wrap(&text, usize::from(width))
            .iter()
            .map(|l| format!("{l}\n"))
            .collect()
    };
    out.push_str(&prose(format!("lakecost estimate: {}", r.scenario.name)));
    out.push_str(&prose(format!(
        "region {} · {} months · prices: {}",
        r.scenario.region,
        r.scenario.months,
        r.pricing.provenance()
    )));
    out.push_str(&prose(format!(
        "{} of the horizon cost rests on unverified prices (confidence S or M)",
        percent(r.pricing.unverified_share)
    )));
    if let Some(h) = NotIncluded::headline(&r.not_included) {
        out.push_str(&prose(h));
    }
    out.push('\n');

    if !r.capacity.is_empty() {
        let mut t = table(&CAPACITY_HEADER, &[3], width);
        for c in &r.capacity {
            t.add_row(capacity_cells(c));
        }
        out.push_str(&format!("Capacity\n{t}\n\n"));
    }

    out.push_str(&format!("Monthly cost by service\n{}\n", summary(r, width)));
    match &r.steady_state_reason {
        Some(reason) => {
            out.push_str(&prose(format!("No steady state: {reason}.")));
            out.push('\n');
        }
        None => out.push('\n'),
    }

    if let Some(u) = &r.uncertainty {
        use super::uncertainty as un;
        let mut t = table(&un::PERCENTILE_HEADER, &[1, 2, 3, 4, 5, 6], width);
        for row in un::percentile_rows(u) {
            t.add_row(row);
        }
        out.push_str(&format!(
            "Monthly cost by service, P10 / P50 / P90 over uncertain inputs\n{t}\n{}\n\n",
            un::note(u)
        ));
        let mut t = table(&un::TORNADO_HEADER, &[3, 4, 5, 6], width);
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
        let mut t = table(
            &["", "resource", "component", "monthly", "share"],
            &[3, 4],
            width,
        );
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
        out.push_str(&format!("{title}\n{}\n", lines(m, width)));
    }

    if !r.not_included.is_empty() {
        let mut t = table(&NOT_INCLUDED_HEADER, &[3], width);
        for n in &r.not_included {
            t.add_row(not_included_cells(n));
        }
        out.push_str(&format!(
            "NOT INCLUDED: {}\n{t}\n",
            NotIncluded::header(&r.not_included)
        ));
    }

    if !r.warnings.is_empty() {
        let mut t = table(&["code", "where", "finding", "$/month"], &[3], width);
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

fn summary(r: &Report, width: u16) -> Table {
    let sum = r.summary();
    let right: Vec<usize> = (1..sum.header.len()).collect();
    let header: Vec<&str> = sum.header.iter().map(String::as_str).collect();
    let mut t = table(&header, &right, width);
    for row in sum.rows {
        t.add_row(row);
    }
    let mut total = vec!["total".to_string()];
    total.extend(sum.total);
    t.add_row(total);
    t
}

/// A volume tier's label at the end of a component (`storage STANDARD (first 50 TB)`):
/// the component without it, and the label.
fn tier_label(component: &str) -> (&str, Option<&str>) {
    if let Some(open) = component.rfind(" (")
        && component.ends_with(')')
    {
        let label = &component[open + 2..component.len() - 1];
        if ["first ", "next ", "over "]
            .iter()
            .any(|p| label.starts_with(p))
        {
            return (&component[..open], Some(label));
        }
    }
    (component, None)
}

/// Pads `s` to `w` display columns, on the left (`right`) or the right.
fn pad(s: &str, w: usize, right: bool) -> String {
    let n = s.chars().count();
    let fill = " ".repeat(w.saturating_sub(n));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

/// `text` cut into pieces of at most `w` columns, at spaces where it can.
fn wrap(text: &str, w: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let fits = line.chars().count() + 1 + word.chars().count() <= w;
        if !line.is_empty() && !fits {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while line.chars().count() > w.max(1) {
            let head: String = line.chars().take(w.max(1)).collect();
            let rest: String = line.chars().skip(w.max(1)).collect();
            out.push(head);
            line = rest;
        }
    }
    out.push(line);
    out
}

/// The line items: each resource on a line of its own and its items under it, one
/// line each where the width allows, volume tiers as `[n]` markers explained under
/// the list.
fn lines(m: &MonthReport, width: u16) -> String {
    let width = usize::from(width);
    let mut labels: Vec<&str> = Vec::new();
    // (resource heading or None, component, quantity, unit price, monthly)
    let mut rows: Vec<(Option<String>, String, String, String, String)> = Vec::new();
    let mut previous: Option<(&str, &str)> = None;
    for l in &m.lines {
        let (component, tier) = tier_label(&l.component);
        let component = match tier {
            Some(label) => {
                let n = match labels.iter().position(|x| *x == label) {
                    Some(i) => i + 1,
                    None => {
                        labels.push(label);
                        labels.len()
                    }
                };
                format!("{component} [{n}]")
            }
            None => component.to_string(),
        };
        let resource = (l.service.name(), &*l.resource);
        let heading =
            (previous != Some(resource)).then(|| format!("{} {}", resource.0, resource.1));
        previous = Some(resource);
        rows.push((
            heading,
            component,
            format!("{} {}", quantity(l.quantity), l.price.unit),
            unit_price(l.unit_price_usd),
            money(l.cost_usd),
        ));
    }
    let total = money(m.total_usd);
    type Row = (Option<String>, String, String, String, String);
    let widest = |f: &dyn Fn(&Row) -> usize, head: &str| {
        rows.iter()
            .map(f)
            .max()
            .unwrap_or(0)
            .max(head.chars().count())
    };
    let qw = widest(&|r| r.2.chars().count(), "quantity");
    let pw = widest(&|r| r.3.chars().count(), "unit price");
    let mw = widest(&|r| r.4.chars().count(), "monthly").max(total.chars().count());
    let names = rows
        .iter()
        .flat_map(|r| {
            [
                r.1.chars().count() + 2,
                r.0.as_ref().map_or(0, |h| h.chars().count()),
            ]
        })
        .max()
        .unwrap_or(0);
    const GAP: usize = 2;
    // The unit price shows while components keep 40 columns; below that, quantities
    // and costs keep theirs (JSON and CSV carry every price).
    let show_price = width >= qw + pw + mw + 4 * GAP + 40;
    let numbers = qw + GAP + mw + if show_price { pw + GAP } else { 0 };
    let nw = names.min(width.saturating_sub(numbers + GAP)).max(12);
    let gap = " ".repeat(GAP);
    let format_row = |name: &str, q: &str, p: &str, m: &str| {
        let mut s = format!("{}{gap}{}", pad(name, nw, false), pad(q, qw, true));
        if show_price {
            s.push_str(&format!("{gap}{}", pad(p, pw, true)));
        }
        s.push_str(&format!("{gap}{}", pad(m, mw, true)));
        format!("{}\n", s.trim_end())
    };
    let rule = format!("{}\n", "─".repeat(nw + GAP + numbers));
    let mut out = format_row("resource · component", "quantity", "unit price", "monthly");
    out.push_str(&rule);
    for (heading, component, q, p, m) in &rows {
        for piece in heading.iter().flat_map(|h| wrap(h, nw)) {
            out.push_str(&format_row(&piece, "", "", ""));
        }
        // A component too long for the width continues, indented, on the next line;
        // its figures stand on its last.
        let pieces = if component.chars().count() + 2 <= nw {
            vec![component.clone()]
        } else {
            wrap(component, nw.saturating_sub(4))
        };
        for (i, piece) in pieces.iter().enumerate() {
            let name = format!("{}{piece}", if i == 0 { "  " } else { "    " });
            out.push_str(&if i + 1 == pieces.len() {
                format_row(&name, q, p, m)
            } else {
                format_row(&name, "", "", "")
            });
        }
    }
    out.push_str(&rule);
    out.push_str(&format!(
        "{}{}\n",
        pad("total", nw + GAP + numbers - mw, false),
        pad(&total, mw, true)
    ));
    for (i, label) in labels.iter().enumerate() {
        out.push_str(&format!("[{}] volume tier: {label}\n", i + 1));
    }
    out.push('\n');
    out
}
