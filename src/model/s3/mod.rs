//! Amazon S3: storage by class with volume tiers, requests, lifecycle transitions,
//! minimum-duration and minimum-size charges, archive overhead, retrievals and
//! restores, for each layer of the lake (see `docs/model-s3.md`).

mod check;
mod closed_form;
mod cohort;
pub mod keys;
pub mod lifecycle;
mod replica;
pub mod rules;
mod simulate;
pub mod tiering;
pub mod usage;

pub use check::{check, check_layer};
pub use closed_form::horizon;
pub use cohort::billable_object_bytes;
pub use simulate::{Growth, simulate};

use super::timeline::DAYS_PER_MONTH;
use super::{CapacityRow, LineItem, Metric, MonthBill, Service};
use crate::pricing::spec::PriceKey;
use crate::pricing::{Price, PriceBook, PricingError};
use crate::scenario::{Layer, Scenario, StorageClass};
use crate::units::Usd;
use std::sync::Arc;
use usage::{ItTier, Meter, Usage};

/// Months averaged for the steady state: 12 × 730 h is exactly 365 days, so every
/// daily event falls in the window the same number of times.
pub(super) const STEADY_WINDOW_MONTHS: usize = 12;

/// S3's part of an estimate.
pub struct S3Estimate {
    pub months: Vec<MonthBill>,
    pub steady_state: Result<MonthBill, String>,
    pub capacity: Vec<CapacityRow>,
    /// Object GB stored per class (in [`StorageClass::ALL`] order) per month, all
    /// layers together, for the report's storage rows and charts.
    pub stored_by_class: Vec<[f64; StorageClass::ALL.len()]>,
    /// Object GB stored per layer: `[month][layer]`, and at steady state.
    pub stored_by_layer: Vec<Vec<f64>>,
    pub steady_stored_by_layer: Option<Vec<f64>>,
    /// Object requests per layer ([`object_requests`]): `[month][layer]`, and at
    /// steady state.
    pub requests_by_layer: Vec<Vec<f64>>,
    pub steady_requests_by_layer: Option<Vec<f64>>,
    /// Object GB compute moves to and from each layer ([`compute_traffic_gb`]):
    /// `[month][layer]`, and at steady state.
    pub traffic_by_layer: Vec<Vec<f64>>,
    pub steady_traffic_by_layer: Option<Vec<f64>>,
    /// Object GB written to each layer ([`written_gb`]): `[month][layer]`, and at
    /// steady state.
    pub written_by_layer: Vec<Vec<f64>>,
    pub steady_written_by_layer: Option<Vec<f64>>,
}

/// Object GB a layer's readers and writers move in a month: every GET of an object and
/// every PUT, at the layer's object size — but the PUTs of a layer a service delivers
/// to itself (a Firehose stream, a DynamoDB export), which cross no network of the
/// account's. What crosses a NAT gateway or an endpoint when that compute runs in a VPC.
/// Reads of existing data are counted at the layer's object size.
pub fn compute_traffic_gb(l: &Layer, u: &Usage) -> f64 {
    let delivered_by_a_service = l.delivered_per_day.is_some() && l.from_layer.is_none();
    let puts = if delivered_by_a_service {
        0.0
    } else {
        requests(u, Meter::Put)
    };
    (puts + requests(u, Meter::Get)) * read_object_gb(l)
}

/// Object GB written to a layer in its usage: every PUT at the layer's object size.
/// What live replication copies to another region.
pub fn written_gb(l: &Layer, u: &Usage) -> f64 {
    requests(u, Meter::Put) * l.object_size.0 / crate::units::GIB
}

/// A layer's requests of one kind (PUT, GET), all classes together.
fn requests(u: &Usage, kind: fn(StorageClass) -> Meter) -> f64 {
    StorageClass::ALL.iter().map(|c| u.get(kind(*c))).sum()
}

/// The GB of an object read from a layer: its written objects', or its existing
/// data's for a layer that only holds what was there.
fn read_object_gb(l: &Layer) -> f64 {
    let size = match (&l.existing, l.object_size.0) {
        (Some(e), s) if s <= 0.0 => e.object_size.0,
        (_, s) => s,
    };
    size / crate::units::GIB
}

/// Requests that read or write an object's bytes in a layer's usage: PUTs, GETs,
/// lifecycle transitions and restores, every class. Under SSE-KMS each calls AWS KMS
/// (S3 User Guide, "Using server-side encryption with AWS KMS keys").
pub fn object_requests(u: &Usage) -> f64 {
    StorageClass::ALL
        .iter()
        .map(|c| {
            let restores: f64 = crate::scenario::RestoreTier::ALL
                .iter()
                .map(|t| u.get(Meter::RestoreRequests(*c, *t)))
                .sum();
            u.get(Meter::Put(*c)) + u.get(Meter::Get(*c)) + u.get(Meter::Transition(*c)) + restores
        })
        .sum()
}

/// Object GB stored in a layer's usage, all classes.
pub fn stored_gb(u: &Usage) -> f64 {
    StorageClass::ALL.iter().map(|c| u.stored_gb(*c)).sum()
}

pub fn estimate(s: &Scenario, book: &PriceBook) -> Result<S3Estimate, PricingError> {
    let months = s.months as usize;
    let RegionBills {
        by_layer,
        steady,
        mut bills,
        mut steady_state,
        mut capacity,
    } = RegionBills::of(s, book)?;
    // Each destination region's replicas are another bucket's objects, billed there.
    for r in replica::destinations(s) {
        let replicas = RegionBills::of(&r, book)?;
        for (bill, extra) in bills.iter_mut().zip(replicas.bills) {
            bill.lines.extend(extra.lines);
        }
        if let (Ok(bill), Ok(extra)) = (&mut steady_state, replicas.steady_state) {
            bill.lines.extend(extra.lines);
        }
        capacity.extend(replicas.capacity);
    }
    let stored_by_class = (0..months)
        .map(|m| StorageClass::ALL.map(|c| by_layer.iter().map(|l| l[m].stored_gb(c)).sum()))
        .collect();
    // What each layer did, month by month and at steady state.
    let per_layer = |f: fn(&Layer, &Usage) -> f64| {
        let at = |usage: &mut dyn Iterator<Item = &Usage>| -> Vec<f64> {
            s.s3.layers
                .iter()
                .zip(usage)
                .map(|(l, u)| f(l, u))
                .collect()
        };
        let months: Vec<Vec<f64>> = (0..months)
            .map(|m| at(&mut by_layer.iter().map(|l| &l[m])))
            .collect();
        let steady = steady.as_ref().ok().map(|(_, u)| at(&mut u.iter()));
        (months, steady)
    };
    let (stored_by_layer, steady_stored_by_layer) = per_layer(|_, u| stored_gb(u));
    let (requests_by_layer, steady_requests_by_layer) = per_layer(|_, u| object_requests(u));
    let (written_by_layer, steady_written_by_layer) = per_layer(written_gb);
    let (traffic_by_layer, steady_traffic_by_layer) = per_layer(compute_traffic_gb);
    Ok(S3Estimate {
        months: bills,
        steady_state,
        capacity,
        stored_by_class,
        stored_by_layer,
        steady_stored_by_layer,
        requests_by_layer,
        steady_requests_by_layer,
        traffic_by_layer,
        steady_traffic_by_layer,
        written_by_layer,
        steady_written_by_layer,
    })
}

/// One region's S3 bills of a scenario: its layers' usage month by month and at steady
/// state, priced, with the capacity rows.
struct RegionBills {
    by_layer: Vec<Vec<Usage>>,
    steady: Result<(u32, Vec<Usage>), String>,
    bills: Vec<MonthBill>,
    steady_state: Result<MonthBill, String>,
    capacity: Vec<CapacityRow>,
}

impl RegionBills {
    fn of(s: &Scenario, book: &PriceBook) -> Result<RegionBills, PricingError> {
        let months = s.months as usize;
        let by_layer = horizon(s, months);
        let steady = steady_state(s);
        let steady_usage = steady.iter().flat_map(|(_, u)| u.iter());
        let pricer = Pricer::new(s, book, by_layer.iter().flatten().chain(steady_usage))?;
        let mut bills = Vec::with_capacity(months);
        for m in 0..months {
            let usage: Vec<&Usage> = by_layer.iter().map(|l| &l[m]).collect();
            bills.push(MonthBill {
                month: m as u32 + 1,
                lines: pricer.month(&usage)?,
            });
        }
        let steady_state = match &steady {
            Ok((month, usage)) => Ok(MonthBill {
                month: *month,
                lines: pricer.month(&usage.iter().collect::<Vec<_>>())?,
            }),
            Err(reason) => Err(reason.clone()),
        };
        let capacity = match &steady {
            Ok((_, usage)) => capacity(s, usage, "steady state"),
            Err(_) => {
                let last: Vec<Usage> = by_layer.iter().map(|l| l[months - 1].clone()).collect();
                capacity(s, &last, &format!("month {months}"))
            }
        };
        Ok(RegionBills {
            by_layer,
            steady,
            bills,
            steady_state,
            capacity,
        })
    }
}

/// S3's bill alone by `metric`: what the optimiser compares one layer's storage
/// designs by, since the rest of the bill does not depend on a layer's classes (but
/// for a warehouse that follows a layer of objects smaller than an IA class's minimum
/// billable size; the design chosen is priced whole again). `None` when the lake has
/// no steady state.
pub fn bill(s: &Scenario, book: &PriceBook, metric: Metric) -> Result<Option<Usd>, PricingError> {
    let mut total = match bill_in_region(s, book, metric)? {
        Some(usd) => usd,
        None => return Ok(None),
    };
    for r in replica::destinations(s) {
        total += bill_in_region(&r, book, metric)?.unwrap_or(Usd(0.0));
    }
    Ok(Some(total))
}

/// [`bill`] of one region's layers.
fn bill_in_region(
    s: &Scenario,
    book: &PriceBook,
    metric: Metric,
) -> Result<Option<Usd>, PricingError> {
    let sum = |lines: Vec<LineItem>| lines.iter().map(|l| l.cost_usd).sum::<Usd>();
    match metric {
        Metric::Steady => {
            let Ok((_, usage)) = steady_state(s) else {
                return Ok(None);
            };
            let pricer = Pricer::new(s, book, usage.iter())?;
            Ok(Some(sum(pricer.month(&usage.iter().collect::<Vec<_>>())?)))
        }
        Metric::Horizon => {
            let months = s.months as usize;
            let by_layer = horizon(s, months);
            let pricer = Pricer::new(s, book, by_layer.iter().flatten())?;
            let mut total = Usd(0.0);
            for m in 0..months {
                let usage: Vec<&Usage> = by_layer.iter().map(|l| &l[m]).collect();
                total += sum(pricer.month(&usage)?);
            }
            Ok(Some(total))
        }
    }
}

/// Months to simulate for the steady state: until the longest retention window has
/// filled, and 12 more; an error when a layer keeps its data forever.
fn steady_state_months(s: &Scenario) -> Result<usize, String> {
    let mut fill_days: f64 = 0.0;
    for l in &s.s3.layers {
        let writes = l.daily_writes(s.ingest.per_day).0 > 0.0;
        let new = lifecycle::plan_new(l);
        if writes {
            let end = new.last().map_or(0.0, |p| p.to);
            if end.is_infinite() {
                return Err(format!(
                    "layer `{}` keeps its data forever (no expire_after_days), so its storage grows without bound and there is no steady state",
                    l.name
                ));
            }
            fill_days = fill_days.max(end + max_restore_keep_days(l));
        }
        if let Some(e) = &l.existing {
            let phases = lifecycle::plan_existing(l, e);
            let last_event = phases
                .iter()
                .flat_map(|p| [p.from, p.to])
                .filter(|a| a.is_finite())
                .fold(0.0f64, f64::max);
            fill_days = fill_days.max(last_event - f64::from(e.age_days));
        }
    }
    let fill_months = ((fill_days + 1.0) / DAYS_PER_MONTH).ceil() as usize;
    Ok(fill_months + STEADY_WINDOW_MONTHS)
}

/// Usage of the full lake at month-1 ingest without growth, per layer: the mean of the
/// 12 months that follow the filling of the longest retention window, and the month
/// that window ends. In closed form: no month before it is computed.
pub fn steady_state(s: &Scenario) -> Result<(u32, Vec<Usage>), String> {
    let months = steady_state_months(s)?;
    Ok((months as u32, closed_form::steady(s, months)))
}

/// The same steady state by the reference simulation: every day and month up to the
/// end of the window, stepped one cohort at a time.
pub fn steady_state_simulated(s: &Scenario) -> Result<(u32, Vec<Usage>), String> {
    let months = steady_state_months(s)?;
    let usage = simulate(s, months, Growth::Flat)
        .iter()
        .map(|l| Usage::mean(&l[months - STEADY_WINDOW_MONTHS..]))
        .collect();
    Ok((months as u32, usage))
}

fn max_restore_keep_days(l: &Layer) -> f64 {
    l.access
        .iter()
        .filter_map(|a| match a.kind {
            crate::scenario::AccessKind::Restores { keep_days, .. } => Some(f64::from(keep_days)),
            _ => None,
        })
        .fold(0.0, f64::max)
}

/// The price key of a meter, or `None` for a meter S3 does not bill in that class
/// (which the simulation never emits).
pub fn price_key(m: Meter) -> Option<&'static PriceKey> {
    match m {
        Meter::Storage(c) | Meter::ArchiveOverhead(c) => keys::storage(c),
        Meter::ArchiveMetadata | Meter::RestoredCopy => Some(&keys::STORAGE_STANDARD),
        Meter::ItStorage(t) => Some(keys::it_storage(t)),
        Meter::Put(c) => Some(keys::put(c)),
        Meter::Get(c) => Some(keys::get(c)),
        Meter::Retrieval(c) => keys::retrieval(c),
        Meter::Transition(c) => keys::transition(c),
        Meter::EarlyDelete(c) => keys::early_delete(c),
        Meter::RestoreRequests(c, t) => keys::restore(c, t).map(|k| k.0),
        Meter::RestoreRetrieval(c, t) => keys::restore(c, t).map(|k| k.1),
        Meter::Monitoring => Some(&keys::MONITORING_INTELLIGENT_TIERING),
    }
}

/// What a report calls a meter.
pub fn component(m: Meter) -> String {
    match m {
        Meter::Storage(c) => format!("storage {c}"),
        Meter::ItStorage(t) => format!("storage INTELLIGENT_TIERING {}", t.name()),
        Meter::ArchiveOverhead(c) => format!("archive overhead {c} 32 KB/obj"),
        Meter::ArchiveMetadata => "archive metadata 8 KB/obj at STANDARD".into(),
        Meter::RestoredCopy => "restored copies at STANDARD".into(),
        Meter::Put(c) => format!("PUT requests {c}"),
        Meter::Get(c) => format!("GET requests {c}"),
        Meter::Retrieval(c) => format!("retrieval {c}"),
        Meter::Transition(c) => format!("transitions to {c}"),
        Meter::EarlyDelete(c) => format!("early deletion {c}"),
        Meter::RestoreRequests(c, t) => format!("restore requests {c} {}", t.name()),
        Meter::RestoreRetrieval(c, t) => format!("restore retrieval {c} {}", t.name()),
        Meter::Monitoring => "monitoring INTELLIGENT_TIERING".into(),
    }
}

/// Meters whose volume tiers are shared by all layers: STANDARD-rate storage and
/// INTELLIGENT_TIERING Frequent Access (both tiered by total regional volume).
fn shared_tier_group(m: Meter) -> Option<&'static PriceKey> {
    if m.at_standard_rate() {
        Some(&keys::STORAGE_STANDARD)
    } else if m == Meter::ItStorage(ItTier::Frequent) {
        Some(&keys::STORAGE_INTELLIGENT_TIERING_FREQUENT)
    } else {
        None
    }
}

/// The prices, names and components of the meters an estimate uses, looked up once
/// and shared by the line items of every month.
struct Priced<'a> {
    meter: Meter,
    component: Arc<str>,
    price: &'a Arc<Price>,
    /// For meters that share volume tiers: the component named with each tier.
    tiers: Vec<Arc<str>>,
}

struct Pricer<'a> {
    layers: Vec<Arc<str>>,
    /// Each meter some layer uses, in index order.
    meters: Vec<Priced<'a>>,
    shared: Vec<(&'static PriceKey, &'a Arc<Price>)>,
}

impl<'a> Pricer<'a> {
    /// Looks up the meters used in any of `usage`: a price the lake never needs is
    /// never asked for.
    fn new<'u>(
        s: &'a Scenario,
        book: &'a PriceBook,
        usage: impl Iterator<Item = &'u Usage>,
    ) -> Result<Pricer<'a>, PricingError> {
        let mut used = [false; usage::METERS];
        for u in usage {
            for (flag, q) in used.iter_mut().zip(u.0.iter()) {
                *flag |= *q > 0.0;
            }
        }
        let mut meters = Vec::new();
        let mut shared = Vec::new();
        for m in Meter::all() {
            if !used[m.index()] {
                continue;
            }
            let component: Arc<str> = component(m).into();
            if let Some(group) = shared_tier_group(m) {
                let price = book.price(&s.region, group)?;
                if !shared.iter().any(|(g, _)| *g == group) {
                    shared.push((group, price));
                }
                let tiers = price
                    .tiers
                    .iter()
                    .map(|t| match price.tier_label(t) {
                        Some(l) => format!("{component} ({l})").into(),
                        None => Arc::clone(&component),
                    })
                    .collect();
                meters.push(Priced {
                    meter: m,
                    component,
                    price,
                    tiers,
                });
            } else {
                let key = price_key(m).ok_or_else(|| {
                    PricingError::Snapshot(format!("S3 bills no {component} in its price list"))
                })?;
                let price = book.price(&s.region, key)?;
                meters.push(Priced {
                    meter: m,
                    component,
                    price,
                    tiers: Vec::new(),
                });
            }
        }
        Ok(Pricer {
            layers: s
                .s3
                .layers
                .iter()
                .map(|l| Arc::from(l.name.as_str()))
                .collect(),
            meters,
            shared,
        })
    }

    /// Prices one month of usage (one [`Usage`] per layer) into line items.
    ///
    /// Tiered storage is tiered on the total over all layers — S3 applies its 50 TB /
    /// 450 TB / 500 TB+ tiers to the account's storage in the region — and each tier's
    /// quantity is allocated back to layers in proportion to their GB-months.
    fn month(&self, usage: &[&Usage]) -> Result<Vec<LineItem>, PricingError> {
        // Shared tiers first, kept by (layer, meter) until their place comes.
        let mut shared_lines: Vec<(usize, Meter, LineItem)> = Vec::new();
        for (group, price) in &self.shared {
            let members: Vec<(usize, &Priced, f64)> = usage
                .iter()
                .enumerate()
                .flat_map(|(li, u)| {
                    self.meters
                        .iter()
                        .filter(|p| shared_tier_group(p.meter) == Some(*group))
                        .map(move |p| (li, p, u.get(p.meter)))
                })
                .filter(|(_, _, q)| *q > 0.0)
                .collect();
            let shares: Vec<(Arc<str>, f64)> = members
                .iter()
                .map(|(li, _, q)| (Arc::clone(&self.layers[*li]), *q))
                .collect();
            let name = |i: usize, tier: usize| Arc::clone(&members[i].1.tiers[tier]);
            for (i, line) in super::price_shared_tiers_named(Service::S3, price, &shares, name)? {
                let (li, p, _) = members[i];
                shared_lines.push((li, p.meter, line));
            }
        }
        // Layer by layer, meters in a fixed order; tiers in order within a meter.
        let used: usize = usage
            .iter()
            .map(|u| self.meters.iter().filter(|p| u.get(p.meter) > 0.0).count())
            .sum();
        let mut lines = Vec::with_capacity(used + shared_lines.len());
        for (li, u) in usage.iter().enumerate() {
            for p in &self.meters {
                let q = u.get(p.meter);
                if q <= 0.0 {
                    continue;
                }
                if shared_tier_group(p.meter).is_some() {
                    lines.extend(
                        shared_lines
                            .iter()
                            .filter(|(l, m, _)| *l == li && *m == p.meter)
                            .map(|(_, _, line)| line.clone()),
                    );
                    continue;
                }
                for tier in p.price.split_tiers(q)? {
                    lines.push(LineItem::priced(
                        Service::S3,
                        Arc::clone(&self.layers[li]),
                        Arc::clone(&p.component),
                        tier.quantity,
                        p.price,
                        tier.tier,
                    ));
                }
            }
        }
        Ok(lines)
    }
}

/// Stored TB per layer and class, and writes per day, for the capacity table.
fn capacity(s: &Scenario, usage: &[Usage], when: &str) -> Vec<CapacityRow> {
    let mut rows = Vec::new();
    for (l, u) in s.s3.layers.iter().zip(usage) {
        let writes = l.daily_writes(s.ingest.per_day);
        if writes.0 > 0.0 {
            let (value, unit) = gb_or_tb(writes.gib());
            rows.push(CapacityRow {
                service: Service::S3,
                resource: l.name.clone(),
                metric: "writes per day".into(),
                value,
                unit: unit.into(),
                note: format!(
                    "{:.0} objects of {}, month 1",
                    writes.0 / l.object_size.0,
                    l.object_size
                ),
            });
        }
        for c in StorageClass::ALL {
            let gb = u.stored_gb(c);
            if gb > 0.0 {
                let (value, unit) = gb_or_tb(gb);
                rows.push(CapacityRow {
                    service: Service::S3,
                    resource: l.name.clone(),
                    metric: format!("stored {c}"),
                    value,
                    unit: unit.into(),
                    note: format!("{when} average"),
                });
            }
        }
    }
    rows
}

/// GB below 1 TB, TB above: capacity rows read best in the larger unit that fits.
fn gb_or_tb(gb: f64) -> (f64, &'static str) {
    if gb >= 1024.0 {
        (gb / 1024.0, "TB")
    } else {
        (gb, "GB")
    }
}

/// Objects written per month at the month-1 rate: the flow that per-object findings
/// multiply by.
pub fn objects_per_month(s: &Scenario, l: &Layer) -> f64 {
    if l.object_size.0 <= 0.0 {
        return 0.0;
    }
    l.daily_writes(s.ingest.per_day).0 * DAYS_PER_MONTH / l.object_size.0
}

/// The service's room in the registry (`model::services`).
pub const ROOM: super::services::Room = super::services::Room {
    service: Service::S3,
    keys: keys::ALL,
    billing: super::services::Billing::Storage,
    check: Some(|c| check(c.scenario, c.book)),
    feeds: None,
    colour: 4,
};
