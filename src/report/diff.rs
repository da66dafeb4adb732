//! `lakecost diff BASE NEW`: what a change to a scenario does to the bill — steady-state
//! and horizon deltas per service and per line, capacity changes, and findings added or
//! removed (`lakecost.diff/v1`, docs/report-format.md). Rendered as a table, JSON, CSV
//! or Markdown for a pull request.

use super::format::{money, quantity, signed_money};
use super::sink::{self, Cell, Column, Section};
use super::{MonthReport, Report, Warning};
use crate::model::Service;
use crate::units::Usd;
use serde::Serialize;

pub const SCHEMA: &str = "lakecost.diff/v1";

/// A before/after amount of money.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Delta {
    pub base_usd: Usd,
    pub new_usd: Usd,
    pub delta_usd: Usd,
    /// Change in percent of the base; `None` when the base is zero.
    pub delta_pct: Option<f64>,
}

impl Delta {
    fn new(base: Usd, new: Usd) -> Delta {
        let d = new - base;
        Delta {
            base_usd: base,
            new_usd: new,
            delta_usd: d,
            delta_pct: (base.value().abs() > 1e-12).then(|| d.value() / base.value() * 100.0),
        }
    }

    fn changed(&self) -> bool {
        self.delta_usd.value().abs() >= 0.005
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ServiceDelta {
    pub service: Service,
    /// `None` when either side has no steady state.
    pub steady_state: Option<Delta>,
    pub horizon: Delta,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LineDelta {
    pub service: Service,
    pub resource: String,
    pub component: String,
    #[serde(flatten)]
    pub delta: Delta,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CapacityChange {
    pub service: Service,
    pub resource: String,
    pub metric: String,
    pub unit: String,
    pub base: Option<f64>,
    pub new: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diff {
    pub schema: &'static str,
    pub base: String,
    pub new: String,
    pub steady_state: Option<Delta>,
    pub horizon: Delta,
    pub base_months: u32,
    pub new_months: u32,
    pub services: Vec<ServiceDelta>,
    /// Which months `lines` compares: the steady states when both sides have one, else
    /// each side's last month (never one side's steady state with the other's month).
    pub compared: String,
    /// Lines of the compared months that changed, largest change first.
    pub lines: Vec<LineDelta>,
    pub capacity: Vec<CapacityChange>,
    pub warnings_added: Vec<Warning>,
    pub warnings_removed: Vec<Warning>,
}

/// Costs of a month by (service, resource, component with its volume tier).
fn line_costs(m: &MonthReport) -> Vec<((Service, String, String), Usd)> {
    let mut out: Vec<((Service, String, String), Usd)> = Vec::new();
    for l in &m.lines {
        let key = (l.service, l.resource.to_string(), l.component.to_string());
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some((_, c)) => *c += l.cost_usd,
            None => out.push((key, l.cost_usd)),
        }
    }
    out
}

fn same_warning(a: &Warning, b: &Warning) -> bool {
    a.code == b.code && a.resource == b.resource && a.message == b.message
}

impl Diff {
    pub fn new(base: &Report, new: &Report) -> Diff {
        let steady = |r: &Report| r.steady_state.as_ref().map(|m| m.total_usd);
        let steady_state = match (steady(base), steady(new)) {
            (Some(a), Some(b)) => Some(Delta::new(a, b)),
            _ => None,
        };
        let mut services: Vec<Service> = base.services();
        services.extend(new.services());
        services.sort();
        services.dedup();
        let services = services
            .into_iter()
            .map(|s| ServiceDelta {
                service: s,
                steady_state: match (&base.steady_state, &new.steady_state) {
                    (Some(a), Some(b)) => Some(Delta::new(a.total_for(s), b.total_for(s))),
                    _ => None,
                },
                horizon: Delta::new(base.horizon_total_for(s), new.horizon_total_for(s)),
            })
            .collect();
        // Like with like: both steady states, or both last months.
        let (compared, a, b) = match (&base.steady_state, &new.steady_state) {
            (Some(a), Some(b)) => ("steady state".to_string(), line_costs(a), line_costs(b)),
            _ => (
                format!(
                    "month {} of the base with month {} of the new scenario (one side has no steady state)",
                    base.scenario.months, new.scenario.months
                ),
                base.months.last().map(line_costs).unwrap_or_default(),
                new.months.last().map(line_costs).unwrap_or_default(),
            ),
        };
        let mut keys: Vec<(Service, String, String)> = a.iter().map(|(k, _)| k.clone()).collect();
        keys.extend(
            b.iter()
                .map(|(k, _)| k.clone())
                .filter(|k| !a.iter().any(|(x, _)| x == k)),
        );
        let cost = |v: &[((Service, String, String), Usd)], k: &(Service, String, String)| {
            v.iter()
                .find(|(x, _)| x == k)
                .map_or(Usd::ZERO, |(_, c)| *c)
        };
        let mut lines: Vec<LineDelta> = keys
            .into_iter()
            .map(|k| LineDelta {
                delta: Delta::new(cost(&a, &k), cost(&b, &k)),
                service: k.0,
                resource: k.1,
                component: k.2,
            })
            .filter(|l| l.delta.changed())
            .collect();
        lines.sort_by(|x, y| {
            y.delta
                .delta_usd
                .value()
                .abs()
                .total_cmp(&x.delta.delta_usd.value().abs())
        });
        let mut capacity = Vec::new();
        for c in &base.capacity {
            let other = new.capacity.iter().find(|n| {
                n.service == c.service && n.resource == c.resource && n.metric == c.metric
            });
            let changed = other.is_none_or(|n| {
                (n.value - c.value).abs() > 1e-9 * c.value.abs().max(1.0) || n.unit != c.unit
            });
            if changed {
                capacity.push(CapacityChange {
                    service: c.service,
                    resource: c.resource.clone(),
                    metric: c.metric.clone(),
                    unit: c.unit.clone(),
                    base: Some(c.value),
                    new: other.filter(|n| n.unit == c.unit).map(|n| n.value),
                });
            }
        }
        for n in &new.capacity {
            if !base
                .capacity
                .iter()
                .any(|c| c.service == n.service && c.resource == n.resource && c.metric == n.metric)
            {
                capacity.push(CapacityChange {
                    service: n.service,
                    resource: n.resource.clone(),
                    metric: n.metric.clone(),
                    unit: n.unit.clone(),
                    base: None,
                    new: Some(n.value),
                });
            }
        }
        Diff {
            schema: SCHEMA,
            base: base.scenario.name.clone(),
            new: new.scenario.name.clone(),
            steady_state,
            horizon: Delta::new(base.horizon_total_usd, new.horizon_total_usd),
            base_months: base.scenario.months,
            new_months: new.scenario.months,
            services,
            compared,
            lines,
            capacity,
            warnings_added: new
                .warnings
                .iter()
                .filter(|w| !base.warnings.iter().any(|b| same_warning(b, w)))
                .cloned()
                .collect(),
            warnings_removed: base
                .warnings
                .iter()
                .filter(|w| !new.warnings.iter().any(|n| same_warning(n, w)))
                .cloned()
                .collect(),
        }
    }
}

fn pct(p: Option<f64>) -> String {
    p.map_or("new".into(), |p| format!("{p:+.1}%"))
}

fn amount(v: Option<f64>) -> String {
    v.map_or("–".into(), quantity)
}

/// The service, line, capacity and finding sections every rendering shows.
fn sections(d: &Diff) -> [Section; 4] {
    let change = |x: &Delta| {
        Cell::figure(
            format!("{} ({})", signed_money(x.delta_usd), pct(x.delta_pct)),
            x.delta_usd.value(),
        )
    };
    let absent = || Cell::text("–");
    let mut services = Section::new(
        "services",
        vec![
            Column::left("service", "service"),
            Column::right("steady base", "steady_base_usd"),
            Column::right("steady new", "steady_new_usd"),
            Column::right("steady change", "steady_change_usd"),
            Column::right("horizon change", "horizon_change_usd"),
        ],
    );
    for x in &d.services {
        let usd = |u: Usd| Cell::figure(money(u), u.value());
        services.rows.push(match &x.steady_state {
            Some(st) => vec![
                Cell::text(x.service.name()),
                usd(st.base_usd),
                usd(st.new_usd),
                change(st),
                change(&x.horizon),
            ],
            None => vec![
                Cell::text(x.service.name()),
                absent(),
                absent(),
                absent(),
                change(&x.horizon),
            ],
        });
    }
    let mut lines = Section::new(
        "lines",
        vec![
            Column::left("service", "service"),
            Column::left("resource", "resource"),
            Column::left("component", "component"),
            Column::right("base", "base_usd"),
            Column::right("new", "new_usd"),
            Column::right("change", "change_usd"),
        ],
    );
    for l in &d.lines {
        lines.rows.push(vec![
            Cell::text(l.service.name()),
            Cell::text(&l.resource),
            Cell::text(&l.component),
            Cell::figure(money(l.delta.base_usd), l.delta.base_usd.value()),
            Cell::figure(money(l.delta.new_usd), l.delta.new_usd.value()),
            change(&l.delta),
        ]);
    }
    let mut capacity = Section::new(
        "capacity",
        vec![
            Column::left("service", "service"),
            Column::left("resource", "resource"),
            Column::left("metric", "metric"),
            Column::left("change", "capacity_change"),
        ],
    );
    for c in &d.capacity {
        capacity.rows.push(vec![
            Cell::text(c.service.name()),
            Cell::text(&c.resource),
            Cell::text(&c.metric),
            Cell::text(format!("{} → {} {}", amount(c.base), amount(c.new), c.unit)),
        ]);
    }
    let mut findings = Section::new(
        "findings",
        vec![
            Column::left("", "finding"),
            Column::left("code", "code"),
            Column::left("resource", "resource"),
            Column::left("message", "message"),
        ],
    );
    for (sign, list) in [
        ("added", &d.warnings_added),
        ("removed", &d.warnings_removed),
    ] {
        for w in list {
            findings.rows.push(vec![
                Cell::text(sign),
                Cell::text(w.code),
                Cell::text(&w.resource),
                Cell::text(&w.message),
            ]);
        }
    }
    [services, lines, capacity, findings]
}

fn headline(d: &Diff) -> String {
    let mut out = String::new();
    if let Some(s) = &d.steady_state {
        out.push_str(&format!(
            "Steady state (the full lake at month-1 ingest, so growth changes the horizon, not this figure): {} → {} a month, {} ({}).\n",
            money(s.base_usd),
            money(s.new_usd),
            signed_money(s.delta_usd),
            pct(s.delta_pct)
        ));
    } else {
        out.push_str("Steady state: not comparable (one side has none).\n");
    }
    out.push_str(&format!(
        "Horizon: {} over {} months → {} over {} months, {} ({}).\n",
        money(d.horizon.base_usd),
        d.base_months,
        money(d.horizon.new_usd),
        d.new_months,
        signed_money(d.horizon.delta_usd),
        pct(d.horizon.delta_pct)
    ));
    out
}

fn warning_lines(d: &Diff) -> Vec<String> {
    let mut out = Vec::new();
    for (sign, list) in [("+", &d.warnings_added), ("−", &d.warnings_removed)] {
        for w in list {
            out.push(format!("{sign} {} {}: {}", w.code, w.resource, w.message));
        }
    }
    out
}

pub fn render_table(d: &Diff, width: u16) -> String {
    let [services, lines, capacity, _] = sections(d);
    let mut out = format!("lakecost diff: {} → {}\n{}\n", d.base, d.new, headline(d));
    out.push_str(&format!("By service\n{}\n", sink::table(&services, width)));
    if !lines.is_empty() {
        out.push_str(&format!(
            "\nLines that changed ({})\n{}\n",
            d.compared,
            sink::table(&lines, width)
        ));
    }
    if !capacity.is_empty() {
        out.push_str(&format!("\nCapacity\n{}\n", sink::table(&capacity, width)));
    }
    let w = warning_lines(d);
    if !w.is_empty() {
        out.push_str(&format!("\nFindings\n{}\n", w.join("\n")));
    }
    out
}

/// Every section as one CSV (see [`sink::csv`]): services, changed lines, capacity
/// changes and findings added or removed.
pub fn render_csv(d: &Diff) -> String {
    sink::csv(&sections(d))
}

pub fn render_json(d: &Diff) -> String {
    let mut s =
        serde_json::to_string_pretty(d).expect("a diff holds only finite numbers and strings");
    s.push('\n');
    s
}

pub fn render_markdown(d: &Diff) -> String {
    let [services, lines, capacity, _] = sections(d);
    let mut out = format!(
        "## lakecost diff: {} → {}\n\n",
        super::markdown::text(&d.base),
        super::markdown::text(&d.new)
    );
    out.push_str(&headline(d).replace('\n', "\n\n"));
    out.push_str(&sink::markdown(&services));
    if !capacity.is_empty() {
        out.push_str("\n### Capacity\n\n");
        out.push_str(&sink::markdown(&capacity));
    }
    let w = warning_lines(d);
    if !w.is_empty() {
        out.push_str("\n### Findings\n\n");
        for l in w {
            out.push_str(&format!("- {}\n", super::markdown::text(&l)));
        }
    }
    if !lines.is_empty() {
        out.push_str(&format!(
            "\n<details>\n<summary>Lines that changed ({}; {})</summary>\n\n",
            lines.rows.len(),
            super::markdown::cell(&d.compared)
        ));
        out.push_str(&sink::markdown(&lines));
        out.push_str("\n</details>\n");
    }
    out
}
