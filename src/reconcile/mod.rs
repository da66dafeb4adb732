//! `lakecost reconcile`: an estimate month beside what AWS billed for it, line by line,
//! with the difference split into what the calendar, the quantities and the rates
//! did, and the bill's spend the scenario does not describe listed apart.
//!
//! Matching (docs/reconcile.md): an estimate line is a meter of the Price List —
//! service code, usage type without its region prefix, operation where the price names
//! one, region — and, where the scenario binds the resource with `aws:`, that
//! resource. Lines of one meter and one binding are one reconciled line (the bill
//! cannot tell two unbound layers' storage apart). A bill row belongs to the line of
//! its meter whose bound resource it names; else to the line of its meter with no
//! binding; else it is not this lake's.

pub mod athena;
pub mod bill;
pub mod read;
pub mod write;

use crate::model::{LineItem, Service};
use crate::pricing::Price;
use crate::scenario::{Binding, Bound};
use bill::{Amount, Charges, Meter, Period};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// The hours of the month every estimate is made for (the AWS Pricing Calculator's
/// month).
const ESTIMATE_HOURS: f64 = crate::units::HOURS_PER_MONTH;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reconciliation {
    pub schema: &'static str,
    pub scenario: String,
    pub bill: BillSource,
    pub period: PeriodOut,
    pub estimate_month: u32,
    pub lines: Vec<Line>,
    pub unmatched: Vec<Unmatched>,
    pub missing: Vec<Missing>,
    pub credits_usd: f64,
    pub tax_usd: f64,
    pub other_charges: Vec<OtherCharge>,
    pub totals: Totals,
    /// With `--write`: the keys set to what the bill shows, and why others were not.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<write::Change>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BillSource {
    pub dialect: bill::Dialect,
    /// The files read (`athena:DATABASE.TABLE` for a query).
    pub files: Vec<String>,
    /// Rows read: the file's, or the query's aggregated rows.
    pub rows: u64,
    /// Rows left out for lacking a `--tag` (files; a query leaves them out itself).
    pub untagged_rows: u64,
    /// The `--tag KEY=VALUE` filters.
    pub tags: Vec<String>,
    /// The query the bill was summed by, when it was read from Athena.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<QueryInfo>,
}

impl BillSource {
    /// Where `bill` came from: its files (or query) and what was left out.
    pub fn of(bill: &bill::Bill, tags: &bill::Tags, query: Option<QueryInfo>) -> BillSource {
        BillSource {
            dialect: bill.dialect,
            files: bill.files.clone(),
            rows: bill.rows,
            untagged_rows: bill.untagged_rows,
            tags: tags.0.iter().map(|(k, v)| format!("{k}={v}")).collect(),
            query,
        }
    }
}

/// A bill summed by a query engine rather than read from files.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QueryInfo {
    pub engine: &'static str,
    pub sql: String,
    pub query_execution_id: String,
    pub data_scanned_bytes: u64,
    /// What the query cost: the bytes scanned, rounded up to the megabyte (at least
    /// 10 MB), at the region's price per TB; none where the snapshot has no price.
    pub cost_usd: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PeriodOut {
    /// `YYYY-MM-01`.
    pub start: String,
    /// The first day of the next month (the period ends at its midnight, as AWS's
    /// `bill_billing_period_end_date` does).
    pub end: String,
    pub hours: f64,
}

/// One reconciled meter: the estimate's lines of it beside the bill's rows of it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Line {
    pub service: Service,
    /// The scenario resources whose lines these are, joined by `, `.
    pub resource: String,
    /// The AWS resources the bill's rows were matched by (`aws:` bindings), if any.
    pub bound_to: Vec<String>,
    pub service_code: String,
    pub usage_type: String,
    pub operation: String,
    pub unit: String,
    /// The estimate's quantity for the billing period (per-hour, per-run and per-day
    /// quantities scaled from 730 hours to the period's hours).
    pub estimated_quantity: f64,
    pub actual_quantity: f64,
    /// The estimate's cost for the billing period.
    pub estimated_usd: f64,
    pub actual_usd: f64,
    /// The actual quantity on the estimate's own prices, minus the estimated cost.
    pub quantity_effect_usd: f64,
    /// The actual cost minus the actual quantity on the estimate's prices.
    pub rate_effect_usd: f64,
    /// What the period's length did to the estimate: its cost for the period minus its
    /// cost for 730 hours.
    pub calendar_effect_usd: f64,
}

/// Bill usage no estimate line describes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Unmatched {
    /// The bill's meter, as the bill names it.
    #[serde(flatten)]
    pub meter: Meter,
    pub actual_quantity: f64,
    pub actual_usd: f64,
    /// Why: no estimate line of the meter, or the meter's lines are bound to other
    /// resources.
    pub reason: &'static str,
}

/// An estimate line the bill shows no usage of.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Missing {
    pub service: Service,
    pub resource: String,
    pub usage_type: String,
    pub estimated_usd: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OtherCharge {
    /// The charge's type as the bill names it (`RIFee`, `Refund`, `Purchase`…).
    pub kind: String,
    pub usd: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Totals {
    /// The estimate month's cost, for 730 hours.
    pub estimated_usd: f64,
    pub calendar_effect_usd: f64,
    pub quantity_effect_usd: f64,
    pub rate_effect_usd: f64,
    /// Usage the estimate's lines matched; `estimated + calendar + quantity + rate`.
    pub matched_actual_usd: f64,
    pub unmatched_usd: f64,
    /// All usage in the period: matched and unmatched.
    pub actual_usage_usd: f64,
    /// Matched ÷ all usage; none for a bill with no usage cost.
    pub coverage: Option<f64>,
}

/// What a reconciliation compares: the estimate month's lines, the scenario's
/// bindings and the bill's period.
pub struct Input<'a> {
    pub scenario: &'a str,
    pub lines: &'a [LineItem],
    pub bindings: &'a [Binding],
    pub estimate_month: u32,
    pub period: Period,
    pub charges: &'a Charges,
    pub source: BillSource,
}

/// The scenario's lines of one meter and one binding.
struct Group {
    service: Service,
    resources: Vec<Arc<str>>,
    price: Arc<Price>,
    usage_type: String,
    ids: Vec<String>,
    /// Each line's quantity and rate, for 730 hours.
    lines: Vec<(f64, f64)>,
    actual: Amount,
}

impl Group {
    fn quantity(&self) -> f64 {
        self.lines.iter().map(|l| l.0).sum()
    }

    fn cost(&self) -> f64 {
        self.lines.iter().map(|l| l.0 * l.1).sum()
    }

    /// Whether every line is at one of its price's tier rates: the group's quantity is
    /// then priced on the tiers; else (spot, Flex, a paused cluster) at the lines'
    /// average rate.
    fn on_tiers(&self) -> bool {
        self.price.tiers.len() > 1
            && self
                .lines
                .iter()
                .all(|l| self.price.tiers.iter().any(|t| t.usd == l.1))
    }

    /// Whether the line's quantity is a monthly average that the period's length does
    /// not change: GB-months, keys and objects stored a month. Everything else is
    /// billed by the hour, run, request or byte and grows with the period's hours.
    fn per_month(&self) -> bool {
        let p = &self.price;
        p.unit == "GB-Mo"
            || p.key == "kms.key"
            || p.key == "glue.catalog.storage"
            || p.key.starts_with("s3.monitoring.")
    }
}

/// The usage type without its region prefix (`EU-TimedStorage-ByteHrs` →
/// `TimedStorage-ByteHrs`, `us-east-1-KMS-Keys` → `KMS-Keys`), and spot instance
/// hours as the instance hours they are (`SpotUsage:m5.xlarge` → `BoxUsage:m5.xlarge`):
/// the market shows as a rate, not as another meter.
pub fn bare_usage_type(u: &str) -> String {
    let mut bare = u;
    if let Some((head, rest)) = u.split_once('-')
        && crate::regions::REGIONS.iter().any(|r| r.prefix == head)
    {
        bare = rest;
    } else if let Some(r) = crate::regions::REGIONS.iter().find(|r| {
        u.len() > r.code.len() && u.starts_with(r.code) && u[r.code.len()..].starts_with('-')
    }) {
        bare = &u[r.code.len() + 1..];
    }
    match bare.strip_prefix("SpotUsage:") {
        Some(t) => format!("BoxUsage:{t}"),
        None => bare.to_string(),
    }
}

/// The service whose lines a binding's resource names.
fn service_of(kind: Bound) -> Service {
    match kind {
        Bound::Bucket => Service::S3,
        Bound::Stream => Service::Kinesis,
        Bound::DeliveryStream => Service::Firehose,
        Bound::Function => Service::Lambda,
        Bound::AthenaWorkgroup => Service::Athena,
        Bound::Cluster | Bound::ServerlessWorkgroup => Service::Redshift,
        Bound::StateMachine => Service::Stepfunctions,
        Bound::GlueJob => Service::Glue,
        Bound::Table => Service::Dynamodb,
        Bound::LogGroup => Service::Cloudwatch,
        Bound::NatGateways => Service::Network,
    }
}

/// The AWS names a line's resource is bound to.
pub(crate) fn bound_ids(bindings: &[Binding], line: &LineItem) -> Vec<String> {
    let mut ids: Vec<String> = bindings
        .iter()
        .filter(|b| service_of(b.kind) == line.service)
        .filter(|b| match b.kind {
            Bound::NatGateways => *line.resource == *crate::model::network::NAT_GATEWAYS,
            _ => *b.resource == *line.resource,
        })
        .flat_map(|b| b.id.split(',').map(|s| s.trim().to_string()))
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// Whether a bill's resource ID names `id`: the name itself, or an ARN ending in it.
fn names(resource_id: &str, id: &str) -> bool {
    resource_id == id
        || resource_id
            .strip_suffix(id)
            .is_some_and(|head| head.ends_with('/') || head.ends_with(':'))
}

/// Whether a bill row of `m` is of the group's meter.
fn same_meter(g: &Group, m: &Meter) -> bool {
    let p = &g.price;
    // The bill lists data transfer under the service that moved the bytes.
    let service = p.service_code == m.service_code || p.service_code == "AWSDataTransfer";
    let operation = p.operation.is_empty()
        || m.operation == p.operation
        || m.operation
            .strip_prefix(p.operation.as_str())
            .is_some_and(|rest| rest.starts_with(':'));
    let region = m.region.is_empty() || m.region == p.region;
    service && operation && region
}

/// Prices each group's quantity (from `quantity`) on the estimate's own rules: tiered
/// groups of one price on the price's tiers together, as the estimate priced them;
/// others at their lines' average rate.
fn on_estimate_prices(groups: &[Group], quantity: impl Fn(&Group) -> f64) -> Vec<f64> {
    let mut out = vec![0.0; groups.len()];
    let mut tiered: HashMap<(&str, &str), Vec<usize>> = HashMap::new();
    for (i, g) in groups.iter().enumerate() {
        if g.on_tiers() {
            tiered
                .entry((g.price.key.as_str(), g.price.region.as_str()))
                .or_default()
                .push(i);
        } else {
            let q = g.quantity();
            let rate = if q > 0.0 {
                g.cost() / q
            } else {
                g.lines.first().map_or(0.0, |l| l.1)
            };
            out[i] = quantity(g) * rate;
        }
    }
    for members in tiered.values() {
        let total: f64 = members.iter().map(|&i| quantity(&groups[i]).max(0.0)).sum();
        let cost = tiered_cost(&groups[members[0]].price, total);
        for &i in members {
            let share = if total > 0.0 {
                quantity(&groups[i]).max(0.0) / total
            } else {
                0.0
            };
            out[i] = cost * share;
        }
    }
    out
}

/// A quantity priced on a price's volume tiers.
/// The quantity is split as the estimate splits it ([`Price::split_tiers`]). A billed
/// quantity past the snapshot's last tier is priced up to it only: of the bundled
/// prices, only Firehose ingestion's last captured tier ends (at 500 TB a month).
fn tiered_cost(p: &Price, q: f64) -> f64 {
    let limit = p.tiers.last().map_or(0.0, |t| t.end);
    p.split_tiers(q.clamp(0.0, limit))
        .map(|uses| uses.map(|u| u.quantity * u.tier.usd).sum())
        .unwrap_or(0.0)
}

pub fn reconcile(input: Input) -> Reconciliation {
    let Input {
        scenario,
        lines,
        bindings,
        estimate_month,
        period,
        charges,
        source,
    } = input;
    // Group the estimate's lines by meter and binding, in the estimate's order.
    let mut groups: Vec<Group> = Vec::new();
    for l in lines.iter().filter(|l| !l.price.not_included) {
        let usage_type = bare_usage_type(&l.price.usage_type);
        let ids = bound_ids(bindings, l);
        let at = groups.iter().position(|g| {
            g.usage_type == usage_type
                && g.price.service_code == l.price.service_code
                && g.price.operation == l.price.operation
                && g.price.region == l.price.region
                && g.ids == ids
        });
        let g = match at {
            Some(i) => &mut groups[i],
            None => {
                groups.push(Group {
                    service: l.service,
                    resources: Vec::new(),
                    price: Arc::clone(&l.price),
                    usage_type,
                    ids,
                    lines: Vec::new(),
                    actual: Amount::default(),
                });
                groups.last_mut().expect("just pushed")
            }
        };
        if !g.resources.contains(&l.resource) {
            g.resources.push(Arc::clone(&l.resource));
        }
        g.lines.push((l.quantity, l.unit_price_usd));
    }
    let mut by_usage: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, g) in groups.iter().enumerate() {
        by_usage.entry(g.usage_type.as_str()).or_default().push(i);
    }
    // Assign the bill's usage.
    let mut assigned: Vec<Amount> = vec![Amount::default(); groups.len()];
    let mut unmatched = Vec::new();
    for (m, a) in &charges.usage {
        let bare = bare_usage_type(&m.usage_type);
        let candidates: Vec<usize> = by_usage
            .get(bare.as_str())
            .map(|v| {
                v.iter()
                    .copied()
                    .filter(|&i| same_meter(&groups[i], m))
                    .collect()
            })
            .unwrap_or_default();
        let bound = candidates
            .iter()
            .copied()
            .find(|&i| groups[i].ids.iter().any(|id| names(&m.resource_id, id)));
        let unbound = candidates
            .iter()
            .copied()
            .find(|&i| groups[i].ids.is_empty());
        match bound.or(unbound) {
            Some(i) => {
                assigned[i].quantity += a.quantity;
                assigned[i].usd += a.usd;
            }
            None => unmatched.push(Unmatched {
                meter: m.clone(),
                actual_quantity: a.quantity,
                actual_usd: a.usd,
                reason: if candidates.is_empty() {
                    "no estimate line of this meter"
                } else {
                    "another resource than the ones the scenario binds"
                },
            }),
        }
    }
    for (g, a) in groups.iter_mut().zip(assigned) {
        g.actual = a;
    }
    unmatched.sort_by(|a, b| {
        b.actual_usd
            .total_cmp(&a.actual_usd)
            .then_with(|| a.meter.cmp(&b.meter))
    });
    let scale = period.hours() / ESTIMATE_HOURS;
    let period_quantity = |g: &Group| {
        if g.per_month() {
            g.quantity()
        } else {
            g.quantity() * scale
        }
    };
    let estimated_for_period = on_estimate_prices(&groups, period_quantity);
    let estimated_730 = on_estimate_prices(&groups, Group::quantity);
    let actual_on_estimate = on_estimate_prices(&groups, |g| g.actual.quantity);
    let mut out_lines = Vec::new();
    let mut missing = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        let line = Line {
            service: g.service,
            resource: g.resources.join(", "),
            bound_to: g.ids.clone(),
            service_code: g.price.service_code.clone(),
            usage_type: g.usage_type.clone(),
            operation: g.price.operation.clone(),
            unit: g.price.unit.clone(),
            estimated_quantity: period_quantity(g),
            actual_quantity: g.actual.quantity,
            estimated_usd: estimated_for_period[i],
            actual_usd: g.actual.usd,
            quantity_effect_usd: actual_on_estimate[i] - estimated_for_period[i],
            rate_effect_usd: g.actual.usd - actual_on_estimate[i],
            calendar_effect_usd: estimated_for_period[i] - estimated_730[i],
        };
        if g.actual.quantity == 0.0 && g.actual.usd == 0.0 && line.estimated_usd > 0.0 {
            missing.push(Missing {
                service: g.service,
                resource: line.resource.clone(),
                usage_type: line.usage_type.clone(),
                estimated_usd: line.estimated_usd,
            });
        }
        out_lines.push(line);
    }
    let sum = |f: fn(&Line) -> f64| out_lines.iter().map(f).sum::<f64>();
    let matched = sum(|l| l.actual_usd);
    let unmatched_usd: f64 = unmatched.iter().map(|u| u.actual_usd).sum();
    let actual_usage = matched + unmatched_usd;
    let totals = Totals {
        estimated_usd: estimated_730.iter().sum(),
        calendar_effect_usd: sum(|l| l.calendar_effect_usd),
        quantity_effect_usd: sum(|l| l.quantity_effect_usd),
        rate_effect_usd: sum(|l| l.rate_effect_usd),
        matched_actual_usd: matched,
        unmatched_usd,
        actual_usage_usd: actual_usage,
        coverage: (actual_usage.abs() > 0.0).then(|| matched / actual_usage),
    };
    Reconciliation {
        schema: "lakecost.reconciliation/v1",
        scenario: scenario.to_string(),
        bill: source,
        period: PeriodOut {
            start: period.first_day(),
            end: period.plus(1).first_day(),
            hours: period.hours(),
        },
        estimate_month,
        lines: out_lines,
        unmatched,
        missing,
        credits_usd: charges.credits_usd,
        tax_usd: charges.tax_usd,
        other_charges: charges
            .other
            .iter()
            .map(|(k, v)| OtherCharge {
                kind: k.clone(),
                usd: *v,
            })
            .collect(),
        totals,
        changes: Vec::new(),
        notes: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::PriceBook;
    use proptest::prelude::*;

    fn meter(service_code: &str, usage_type: &str, resource_id: &str) -> Meter {
        Meter {
            service_code: service_code.into(),
            usage_type: usage_type.into(),
            operation: String::new(),
            resource_id: resource_id.into(),
            region: "us-east-1".into(),
            unit: String::new(),
        }
    }

    proptest! {
        /// Whatever the bill, each line's and the total's walk adds up: the estimate's
        /// 730 hours + calendar + quantity + rate = the matched billed usage; and matched
        /// + unmatched = all billed usage.
        #[test]
        fn the_walk_from_estimate_to_bill_adds_up(
            bronze in 0.0..200_000.0f64,
            silver in 0.0..200_000.0f64,
            dpu in 0.0..5_000.0f64,
            billed in proptest::collection::vec((0usize..4, 0.0..300_000.0f64, 0.0..9_000.0f64), 0..12),
            days in 28u32..=31,
        ) {
            let book = PriceBook::bundled_for(&["us-east-1"]).unwrap();
            let storage = book.get("us-east-1", "s3.storage.STANDARD").unwrap();
            let glue = book.get("us-east-1", "glue.etl.standard").unwrap();
            // Two unbound layers share the tiers of S3 Standard; the job's rate is
            // adjusted (as spot or Flex lines are).
            let mut lines: Vec<LineItem> = crate::model::price_shared_tiers(
                Service::S3,
                storage,
                &[("bronze", "storage", bronze), ("silver", "storage", silver)],
            )
            .unwrap()
            .into_iter()
            .map(|(_, l)| l)
            .collect();
            let mut job = LineItem::priced(Service::Glue, "job", "DPU-hours", dpu, glue, glue.tiers[0]);
            job.unit_price_usd *= 0.7;
            job.cost_usd = crate::units::Usd(dpu * job.unit_price_usd);
            lines.push(job);
            let meters = [
                meter("AmazonS3", "TimedStorage-ByteHrs", "b"),
                meter("AWSGlue", "USE1-ETL-DPU-Hour", "j"),
                meter("AmazonS3", "Requests-Tier1", "b"),
                meter("AmazonEC2", "NatGateway-Hours", "n"),
            ];
            let mut charges = Charges::default();
            for (m, q, usd) in billed {
                charges.usage.push((meters[m].clone(), Amount { quantity: q, usd }));
            }
            let period = Period { year: 2026, month: if days == 31 { 10 } else { 11 } };
            let r = reconcile(Input {
                scenario: "s",
                lines: &lines,
                bindings: &[],
                estimate_month: 1,
                period,
                charges: &charges,
                source: BillSource { dialect: bill::Dialect::Cur2, files: vec![], rows: 0, untagged_rows: 0, tags: vec![], query: None },
            });
            let close = |a: f64, b: f64| (a - b).abs() <= 1e-6 * (1.0 + a.abs().max(b.abs()));
            let t = &r.totals;
            prop_assert!(close(
                t.estimated_usd + t.calendar_effect_usd + t.quantity_effect_usd + t.rate_effect_usd,
                t.matched_actual_usd
            ));
            for l in &r.lines {
                prop_assert!(close(
                    l.estimated_usd + l.quantity_effect_usd + l.rate_effect_usd,
                    l.actual_usd
                ));
            }
            let all: f64 = charges.usage.iter().map(|(_, a)| a.usd).sum();
            prop_assert!(close(t.matched_actual_usd + t.unmatched_usd, all));
            prop_assert!(close(t.actual_usage_usd, all));
            // The 730-hour estimate is the model's own total.
            let model: f64 = lines.iter().map(|l| l.cost_usd.value()).sum();
            prop_assert!(close(t.estimated_usd, model));
        }
    }

    #[test]
    fn usage_types_lose_their_region_prefix_and_spot_is_instance_hours() {
        assert_eq!(
            bare_usage_type("EU-TimedStorage-ByteHrs"),
            "TimedStorage-ByteHrs"
        );
        assert_eq!(
            bare_usage_type("TimedStorage-ByteHrs"),
            "TimedStorage-ByteHrs"
        );
        assert_eq!(bare_usage_type("USE1-ETL-DPU-Hour"), "ETL-DPU-Hour");
        assert_eq!(bare_usage_type("us-east-1-KMS-Keys"), "KMS-Keys");
        assert_eq!(
            bare_usage_type("APN1-USE1-AWS-Out-Bytes"),
            "USE1-AWS-Out-Bytes"
        );
        assert_eq!(
            bare_usage_type("USE2-SpotUsage:r5.xlarge"),
            "BoxUsage:r5.xlarge"
        );
        assert_eq!(bare_usage_type("Requests-Tier1"), "Requests-Tier1");
    }

    #[test]
    fn a_bill_resource_names_a_binding_by_name_or_arn_tail() {
        assert!(names("lake-bronze", "lake-bronze"));
        assert!(names(
            "arn:aws:glue:us-east-1:123456789012:job/nightly",
            "nightly"
        ));
        assert!(names(
            "arn:aws:redshift:us-east-1:123456789012:cluster:wh",
            "wh"
        ));
        assert!(!names("arn:aws:glue:us-east-1:1:job/xnightly", "nightly"));
        assert!(!names("lake-bronze-2", "lake-bronze"));
    }
}
