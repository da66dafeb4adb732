//! Reports: one [`Report`] value built from an estimate, drawn by separate renderers.
//! Nothing is computed in a renderer; JSON is the canonical form (see
//! `docs/report-format.md`) and the others agree with it.

pub mod calibration;
pub mod chart;
pub mod compare;
pub mod csv;
pub mod diff;
pub mod focus;
pub mod format;
pub mod json;
pub mod markdown;
pub mod optimize;
pub mod prices;
pub mod reconcile;
pub mod sink;
pub mod sweep;
pub mod table;
pub mod uncertainty;

use crate::model::{CapacityRow, Estimate, Finding, LineItem, MonthBill, Service, StoredBytes};
use crate::pricing::PriceBook;
use crate::scenario::Scenario;
use crate::uncertainty::UncertaintyReport;
use crate::units::Usd;
use serde::Serialize;

pub const SCHEMA: &str = "lakecost.report/v1";

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub schema: &'static str,
    pub scenario: ScenarioInfo,
    pub pricing: PricingInfo,
    pub months: Vec<MonthReport>,
    pub steady_state: Option<MonthReport>,
    /// With growing ingest: the full lake at the last month's ingest rate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub steady_state_at_final_rate: Option<MonthReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub steady_state_reason: Option<String>,
    pub horizon_total_usd: Usd,
    pub capacity: Vec<CapacityRow>,
    pub warnings: Vec<Warning>,
    /// S3 object GB by class, month by month.
    pub storage: Vec<StoredBytes>,
    /// Percentiles and what drives the bill, when the scenario has uncertain inputs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uncertainty: Option<UncertaintyReport>,
    /// Quantities the scenario would be billed for at prices the snapshot lacks
    /// (`--allow-missing`): in no total, which is then incomplete.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_included: Vec<NotIncluded>,
}

/// A line the estimate leaves out because the price book has no price for it: what
/// AWS would bill, without the money.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NotIncluded {
    pub service: Service,
    pub resource: String,
    pub component: String,
    pub quantity: f64,
    pub unit: String,
    pub price_key: String,
    pub usage_type: String,
    pub region: String,
}

impl NotIncluded {
    fn of(l: &LineItem) -> NotIncluded {
        NotIncluded {
            service: l.service,
            resource: l.resource.to_string(),
            component: l.component.to_string(),
            quantity: l.quantity,
            unit: l.price.unit.clone(),
            price_key: l.price.key.clone(),
            usage_type: l.price.usage_type.clone(),
            region: l.price.region.clone(),
        }
    }

    /// The prices the lines lack, each once, sorted.
    pub fn gaps(items: &[NotIncluded]) -> Vec<crate::pricing::Gap> {
        let mut gaps: Vec<crate::pricing::Gap> = items
            .iter()
            .map(|n| crate::model::services::gap(&n.price_key, &n.region))
            .collect();
        gaps.sort();
        gaps.dedup();
        gaps
    }

    /// The note every renderer puts under the total when lines are left out.
    pub fn headline(items: &[NotIncluded]) -> Option<String> {
        if items.is_empty() {
            return None;
        }
        let gaps = NotIncluded::gaps(items);
        let regions = crate::pricing::Gap::regions(&gaps);
        let keys: Vec<String> = gaps
            .iter()
            .map(|g| match regions.as_slice() {
                [_] => g.key.clone(),
                _ => format!("{} in {}", g.key, g.region),
            })
            .collect();
        Some(format!(
            "INCOMPLETE: the totals leave out {} line(s) at {} price(s) the snapshot lacks{} ({}); see NOT INCLUDED",
            items.len(),
            keys.len(),
            match regions.as_slice() {
                [r] => format!(" in {r}"),
                _ => String::new(),
            },
            keys.join(", ")
        ))
    }

    /// What the NOT INCLUDED section says above its lines: why they are out, and how
    /// to price them.
    pub fn header(items: &[NotIncluded]) -> String {
        format!(
            "no price in the snapshot, so in no total; {}",
            crate::pricing::Gap::advice(&NotIncluded::gaps(items))
        )
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScenarioInfo {
    pub name: String,
    pub region: String,
    pub months: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PricingInfo {
    pub source: String,
    pub snapshot_date: String,
    pub region: String,
    /// Share of the horizon total priced with unverified (S or M) prices, 0 to 1.
    pub unverified_share: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The earliest effective date among the prices the report uses: how old the
    /// oldest figure behind the bill is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oldest_effective_date: Option<String>,
    /// Days from the snapshot's date to the day of the run; set by the caller, which
    /// knows the day (`lakecost` reads the clock, or `LAKECOST_TODAY`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snapshot_age_days: Option<i64>,
}

impl PricingInfo {
    pub fn new(book: &PriceBook, region: &str, unverified_share: f64) -> PricingInfo {
        PricingInfo {
            source: book.provenance.source.clone(),
            snapshot_date: book.provenance.snapshot_date.clone(),
            region: region.to_string(),
            unverified_share,
            path: book.provenance.path.clone(),
            oldest_effective_date: None,
            snapshot_age_days: None,
        }
    }

    /// "bundled-snapshot dated 2026-11-27 (2 days old; oldest price effective
    /// 2019-12-13)": the provenance every renderer prints.
    pub fn provenance(&self) -> String {
        let mut notes = Vec::new();
        if let Some(d) = self.snapshot_age_days {
            notes.push(format!("{d} day{} old", if d == 1 { "" } else { "s" }));
        }
        if let Some(o) = &self.oldest_effective_date {
            notes.push(format!("oldest price effective {o}"));
        }
        let mut out = format!("{} dated {}", self.source, self.snapshot_date);
        if let Some(p) = &self.path {
            out.push_str(&format!(" at {p}"));
        }
        if !notes.is_empty() {
            out.push_str(&format!(" ({})", notes.join("; ")));
        }
        out
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonthReport {
    pub month: u32,
    pub total_usd: Usd,
    pub lines: Vec<LineItem>,
}

impl MonthReport {
    fn new(bill: &MonthBill) -> Self {
        MonthReport {
            month: bill.month,
            total_usd: bill.total(),
            lines: bill.lines.clone(),
        }
    }

    pub fn total_for(&self, service: Service) -> Usd {
        crate::model::cost_of(&self.lines, service)
    }
}

/// The cells of the cost summary; `total` holds the money columns of the total row.
pub struct Summary {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub total: Vec<String>,
}

pub const CAPACITY_HEADER: [&str; 6] = ["service", "resource", "metric", "value", "unit", "note"];

pub const NOT_INCLUDED_HEADER: [&str; 5] =
    ["service", "resource", "component", "quantity", "price key"];

/// One not-included line as cells, as every renderer shows it.
pub fn not_included_cells(n: &NotIncluded) -> Vec<String> {
    vec![
        n.service.name().to_string(),
        n.resource.clone(),
        n.component.clone(),
        format!("{} {}", format::quantity(n.quantity), n.unit),
        n.price_key.clone(),
    ]
}

/// One capacity row as cells, as every renderer shows it.
pub fn capacity_cells(c: &CapacityRow) -> Vec<String> {
    vec![
        c.service.name().to_string(),
        c.resource.clone(),
        c.metric.clone(),
        format::quantity(c.value),
        c.unit.clone(),
        c.note.clone(),
    ]
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Warning {
    pub code: &'static str,
    pub severity: crate::model::Severity,
    pub resource: String,
    pub message: String,
    pub monthly_cost_usd: Option<Usd>,
    pub line: Option<u64>,
    pub column: Option<u64>,
}

impl Warning {
    pub fn from_finding(f: &Finding) -> Warning {
        Warning {
            code: f.code,
            severity: f.severity,
            resource: f.resource.clone(),
            message: f.message.clone(),
            monthly_cost_usd: f.monthly_cost_usd,
            line: f.loc.map(|l| l.line),
            column: f.loc.map(|l| l.column),
        }
    }
}

impl Report {
    pub fn new(s: &Scenario, book: &PriceBook, e: &Estimate) -> Report {
        let months: Vec<MonthReport> = e.months.iter().map(MonthReport::new).collect();
        let horizon_total = e.horizon_total();
        let unverified: Usd = months
            .iter()
            .flat_map(|m| &m.lines)
            .filter(|l| l.confidence.is_unverified())
            .map(|l| l.cost_usd)
            .sum();
        let unverified_share = if horizon_total.value() > 0.0 {
            unverified.value() / horizon_total.value()
        } else {
            0.0
        };
        Report {
            schema: SCHEMA,
            scenario: ScenarioInfo {
                name: s.name.clone(),
                region: s.region.clone(),
                months: s.months,
            },
            pricing: PricingInfo {
                oldest_effective_date: e
                    .months
                    .iter()
                    .chain(e.steady_state.iter())
                    .flat_map(|m| &m.lines)
                    .map(|l| l.price.effective_date.as_str())
                    .filter(|d| !d.is_empty())
                    .min()
                    .map(str::to_string),
                ..PricingInfo::new(book, &s.region, unverified_share)
            },
            months,
            steady_state: e.steady_state.as_ref().ok().map(MonthReport::new),
            steady_state_at_final_rate: e.steady_state_at_final_rate.as_ref().map(MonthReport::new),
            steady_state_reason: e.steady_state.as_ref().err().cloned(),
            horizon_total_usd: horizon_total,
            capacity: e.capacity.clone(),
            warnings: e.findings.iter().map(Warning::from_finding).collect(),
            storage: e.storage.clone(),
            uncertainty: None,
            not_included: e.not_included.iter().map(NotIncluded::of).collect(),
        }
    }

    /// The months a summary shows: month 1, month 12, the last month (each once) and
    /// the steady state.
    pub fn summary_columns(&self) -> Vec<(String, &MonthReport)> {
        let mut cols: Vec<(String, &MonthReport)> = Vec::new();
        for want in [1usize, 12, self.months.len()] {
            if let Some(m) = self.months.get(want.wrapping_sub(1))
                && !cols.iter().any(|(_, c)| c.month == m.month)
            {
                cols.push((format!("month {}", m.month), m));
            }
        }
        if let Some(s) = &self.steady_state {
            cols.push(("full lake, month-1 rate".into(), s));
        }
        if let Some(s) = &self.steady_state_at_final_rate {
            cols.push((format!("full lake, month-{} rate", self.months.len()), s));
        }
        cols
    }

    /// The cost summary the table and Markdown renderers both show: month 1, month 12,
    /// the last month, the steady state and the horizon, per service and in total.
    pub fn summary(&self) -> Summary {
        let cols = self.summary_columns();
        let mut header: Vec<String> = vec!["service".into()];
        header.extend(cols.iter().map(|(n, _)| n.clone()));
        header.push(format!("{} months", self.months.len()));
        let rows = self
            .services()
            .into_iter()
            .map(|s| {
                let mut row = vec![s.name().to_string()];
                row.extend(cols.iter().map(|(_, m)| format::money(m.total_for(s))));
                row.push(format::money(self.horizon_total_for(s)));
                row
            })
            .collect();
        let mut total: Vec<String> = cols
            .iter()
            .map(|(_, m)| format::money(m.total_usd))
            .collect();
        total.push(format::money(self.horizon_total_usd));
        Summary {
            header,
            rows,
            total,
        }
    }

    /// A service's cost over the horizon.
    pub fn horizon_total_for(&self, service: Service) -> Usd {
        self.months.iter().map(|m| m.total_for(service)).sum()
    }

    /// The month whose lines a report lists: the steady state, else the last month.
    pub fn detail_month(&self) -> Option<(String, &MonthReport)> {
        match &self.steady_state {
            Some(s) => Some(("steady state, full lake at month-1 volume".into(), s)),
            None => self
                .months
                .last()
                .map(|m| (format!("month {}", m.month), m)),
        }
    }

    /// The components that cost most in the detail month (tiers summed), largest first:
    /// (service, resource, component, monthly cost, share of the month's total).
    pub fn top_drivers(&self, n: usize) -> Vec<(Service, String, String, Usd, f64)> {
        let Some((_, m)) = self.detail_month() else {
            return Vec::new();
        };
        let mut sums: Vec<(Service, String, String, Usd)> = Vec::new();
        for l in &m.lines {
            // "storage STANDARD (first 50 TB)" and "(next 450 TB)" are one component.
            let component = match l.component.rfind(" (") {
                Some(i) if l.component.ends_with(')') && l.component[i..].contains(" TB") => {
                    l.component[..i].to_string()
                }
                _ => l.component.to_string(),
            };
            match sums
                .iter_mut()
                .find(|(s, r, c, _)| *s == l.service && **r == *l.resource && *c == component)
            {
                Some(e) => e.3 += l.cost_usd,
                None => sums.push((l.service, l.resource.to_string(), component, l.cost_usd)),
            }
        }
        sums.sort_by(|a, b| b.3.value().total_cmp(&a.3.value()));
        let total = m.total_usd.value();
        sums.into_iter()
            .take(n)
            .filter(|x| x.3.value() > 0.0)
            .map(|(s, r, c, u)| {
                let share = if total > 0.0 { u.value() / total } else { 0.0 };
                (s, r, c, u, share)
            })
            .collect()
    }

    /// Services with at least one line, in schema order.
    pub fn services(&self) -> Vec<Service> {
        let mut v: Vec<Service> = self
            .months
            .iter()
            .chain(self.steady_state.iter())
            .flat_map(|m| m.lines.iter().map(|l| l.service))
            .collect();
        v.sort();
        v.dedup();
        v
    }
}
