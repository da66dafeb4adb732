//! `lakecost pricing show` and `pricing diff`: price books as tables.

use super::format::unit_price;
use super::sink::grid;
use crate::model::Service;
use crate::pricing::thousands as thousands_f;
use crate::pricing::{Price, PriceBook, Tier};
use comfy_table::ContentArrangement;

/// The width of the price tables that take no `--width` (coverage, refresh changes).
const WIDTH: u16 = 120;

fn tier_range(t: &Tier) -> String {
    if t.end.is_infinite() {
        format!("{}+", thousands_f(t.begin))
    } else {
        format!("{}–{}", thousands_f(t.begin), thousands_f(t.end))
    }
}

/// A service as `--service` names it: a lakecost name or a Price List service code.
struct ServiceFilter<'a> {
    name: &'a str,
    key_prefixes: Vec<String>,
}

impl<'a> ServiceFilter<'a> {
    fn new(name: &'a str) -> Self {
        ServiceFilter {
            name,
            key_prefixes: Service::named(name).map_or_else(Vec::new, Service::key_prefixes),
        }
    }

    fn holds(&self, p: &Price) -> bool {
        p.service_code.eq_ignore_ascii_case(self.name)
            || self
                .key_prefixes
                .iter()
                .any(|x| p.key.starts_with(x.as_str()))
    }
}

pub fn show(
    book: &PriceBook,
    key: Option<&str>,
    region: Option<&str>,
    service: Option<&str>,
    width: u16,
) -> String {
    let mut t = grid(
        &[
            "region",
            "key",
            "tiers",
            "unit",
            "usage type",
            "SKU",
            "effective",
            "conf.",
        ],
        &[],
        width,
    );
    let service = service.map(ServiceFilter::new);
    let mut n = 0;
    for p in book.prices() {
        if key.is_some_and(|k| p.key != k)
            || region.is_some_and(|r| p.region != r)
            || service.as_ref().is_some_and(|s| !s.holds(p))
        {
            continue;
        }
        n += 1;
        let tiers: Vec<String> = p
            .tiers
            .iter()
            .map(|t| {
                if p.unit == "Fraction" {
                    // A spot saving is a share of the on-demand price, not money.
                    format!("{:.0}% saving", t.usd * 100.0)
                } else if p.tiers.len() == 1 {
                    unit_price(t.usd)
                } else {
                    format!("{} ({})", unit_price(t.usd), tier_range(t))
                }
            })
            .collect();
        t.add_row(vec![
            p.region.clone(),
            p.key.clone(),
            tiers.join("\n"),
            p.unit.clone(),
            p.usage_type.clone(),
            p.sku.clone(),
            p.effective_date.clone(),
            format!("{:?}", p.confidence),
        ]);
    }
    format!(
        "prices: {} dated {} — {n} price(s)\n{t}\n",
        book.provenance.source, book.provenance.snapshot_date
    )
}

/// Prices of one region and service: count per confidence (V, D, S, M), and the oldest
/// effective date.
type Cell = ([usize; 4], Option<String>);

/// `pricing show --coverage`: for each region and service, how many prices the book
/// holds and how trustworthy they are (V verified against the Price List, D derived
/// from verified figures, S secondary captures, M unverified), with the oldest
/// effective date among them.
pub fn coverage(book: &PriceBook) -> String {
    use std::collections::BTreeMap;
    let services: Vec<ServiceFilter> = Service::ALL
        .iter()
        .map(|s| ServiceFilter::new(s.name()))
        .collect();
    let mut cells: BTreeMap<(String, &str), Cell> = BTreeMap::new();
    for p in book.prices() {
        let Some(service) = services.iter().find(|s| s.holds(p)).map(|s| s.name) else {
            continue;
        };
        let cell = cells.entry((p.region.clone(), service)).or_default();
        let i = match p.confidence {
            crate::pricing::Confidence::V => 0,
            crate::pricing::Confidence::D => 1,
            crate::pricing::Confidence::S => 2,
            crate::pricing::Confidence::M => 3,
        };
        cell.0[i] += 1;
        if !p.effective_date.is_empty()
            && cell
                .1
                .as_deref()
                .is_none_or(|d| p.effective_date.as_str() < d)
        {
            cell.1 = Some(p.effective_date.clone());
        }
    }
    let mut header = vec!["region"];
    header.extend(services.iter().map(|s| s.name));
    let mut t = grid(&header, &[], WIDTH);
    t.set_content_arrangement(ContentArrangement::Disabled);
    for region in book.regions() {
        let mut row = vec![region.clone()];
        for s in &services {
            row.push(match cells.get(&(region.clone(), s.name)) {
                None => "–".into(),
                Some((c, oldest)) => {
                    let tags: Vec<String> = ["V", "D", "S", "M"]
                        .iter()
                        .zip(c)
                        .filter(|(_, k)| **k > 0)
                        .map(|(t, k)| format!("{k}{t}"))
                        .collect();
                    format!(
                        "{}{}",
                        tags.join(" "),
                        oldest
                            .as_ref()
                            .map(|o| format!(" ≥{}", &o[..o.len().min(7)]))
                            .unwrap_or_default()
                    )
                }
            });
        }
        t.add_row(row);
    }
    let mut gaps = String::new();
    for region in book.regions() {
        let catalogue = crate::model::services::catalogue();
        let mut missing = vec![catalogue.gaps(book, &region).join(", ")];
        for (template, types) in catalogue.instance_gaps(book, &region) {
            missing.push(format!("{template} for {}", types.join(", ")));
        }
        missing.retain(|m| !m.is_empty());
        if !missing.is_empty() {
            gaps.push_str(&format!("  {region}: {}\n", missing.join("; ")));
        }
    }
    if !gaps.is_empty() {
        gaps = format!(
            "Not in this snapshot, because no dated capture of AWS's price holds them there (for an instance type, AWS may not offer it in the region; an estimate that needs one says so and names the key; `--allow-missing` prices the rest):\n{gaps}"
        );
    }
    format!(
        "prices: {} dated {}: prices per region and service by confidence (V verified against the Price List, D derived from verified figures, S dated captures of AWS's price data, M unverified), ≥ the oldest effective month; – none (`lakecost pricing refresh --region R` fetches them)\n{t}\n{gaps}",
        book.provenance.source, book.provenance.snapshot_date
    )
}

/// Price changes by key, region and tier, with the % change; keys added or removed.
pub fn diff(old: &PriceBook, new: &PriceBook) -> String {
    let mut t = grid(
        &["region", "key", "tier", "old", "new", "change"],
        &[],
        WIDTH,
    );
    let mut changes = 0;
    let find = |b: &PriceBook, p: &Price| b.get(&p.region, &p.key).ok().cloned();
    for p in old.prices() {
        match find(new, p) {
            None => {
                changes += 1;
                t.add_row(vec![
                    p.region.clone(),
                    p.key.clone(),
                    String::new(),
                    unit_price(p.rate()),
                    "–".into(),
                    "removed".into(),
                ]);
            }
            Some(n) => {
                let same_tiers = n.tiers.len() == p.tiers.len()
                    && n.tiers
                        .iter()
                        .zip(&p.tiers)
                        .all(|(a, b)| a.begin == b.begin && a.end == b.end);
                if !same_tiers {
                    changes += 1;
                    t.add_row(vec![
                        p.region.clone(),
                        p.key.clone(),
                        "tiers changed".into(),
                        format!("{} tier(s)", p.tiers.len()),
                        format!("{} tier(s)", n.tiers.len()),
                        String::new(),
                    ]);
                    continue;
                }
                for (a, b) in p.tiers.iter().zip(&n.tiers) {
                    if (a.usd - b.usd).abs() > 1e-12 {
                        changes += 1;
                        let pct = if a.usd > 0.0 {
                            format!("{:+.1}%", (b.usd - a.usd) / a.usd * 100.0)
                        } else {
                            "from 0".into()
                        };
                        let tier = if p.tiers.len() > 1 {
                            tier_range(a)
                        } else {
                            String::new()
                        };
                        t.add_row(vec![
                            p.region.clone(),
                            p.key.clone(),
                            tier,
                            unit_price(a.usd),
                            unit_price(b.usd),
                            pct,
                        ]);
                    }
                }
            }
        }
    }
    for p in new.prices() {
        if find(old, p).is_none() {
            changes += 1;
            t.add_row(vec![
                p.region.clone(),
                p.key.clone(),
                String::new(),
                "–".into(),
                unit_price(p.rate()),
                "added".into(),
            ]);
        }
    }
    let head = format!(
        "{} dated {} → {} dated {}: {changes} change(s)\n",
        old.provenance.source,
        old.provenance.snapshot_date,
        new.provenance.source,
        new.provenance.snapshot_date
    );
    if changes == 0 {
        head
    } else {
        format!("{head}{t}\n")
    }
}
