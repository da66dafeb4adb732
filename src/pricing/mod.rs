//! The price book: every price lakecost uses, by price key and region, with its
//! Price List identity (service code, usage type, SKU), effective date and confidence.
//!
//! Models never hold a price. They ask the book for a key; a missing key is an error
//! naming the key and region, never a zero.

pub mod dates;
pub mod live;
mod snapshot;
pub mod spec;

pub use snapshot::{Manifest, ManifestFile, load_dir, parse_rows, to_csv, write_dir};

use serde::Serialize;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

/// How far a price can be trusted (see `docs/pricing.md`).
/// Ordered from most to least certain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Confidence {
    /// Verified in a primary source (AWS docs, Price List item, bill line).
    V,
    /// Derived by arithmetic from a verified price.
    D,
    /// A dated secondary source.
    S,
    /// From memory: unverified; re-check with the Price List API.
    M,
}

impl Confidence {
    pub fn parse(s: &str) -> Option<Confidence> {
        Some(match s {
            "V" => Confidence::V,
            "D" => Confidence::D,
            "S" => Confidence::S,
            "M" => Confidence::M,
            _ => return None,
        })
    }

    /// Prices not confirmed against AWS (secondary or memory), reported as the
    /// estimate's unverified share.
    pub fn is_unverified(self) -> bool {
        matches!(self, Confidence::S | Confidence::M)
    }
}

/// One volume tier of a price: applies to the quantity in `[begin, end)`, in the
/// price's unit, the way the Price List's `beginRange`/`endRange` state it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Tier {
    pub begin: f64,
    pub end: f64,
    pub usd: f64,
    /// How far this tier's figure can be trusted: a line is tagged by the tiers its
    /// quantity reaches, not by an unused tier of its key.
    pub confidence: Confidence,
}

/// One priced thing in one region.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Price {
    pub key: String,
    pub region: String,
    pub service_code: String,
    pub unit: String,
    /// Tiers sorted by `begin`, contiguous from 0.
    pub tiers: Vec<Tier>,
    pub usage_type: String,
    /// Further Price List attributes that identify the product.
    pub operation: String,
    pub product_family: String,
    /// `key=value;…`
    pub attributes: String,
    pub sku: String,
    pub effective_date: String,
    pub confidence: Confidence,
    pub source: String,
    /// A stand-in for a price the book lacks (`--allow-missing`): lines priced with it
    /// are not billed but listed as not included, with their quantities.
    #[serde(skip)]
    pub not_included: bool,
    /// Each tier's label, made once ([`Price::tier_label`]): a month's lines name their
    /// tiers, and a sampled scenario prices thousands of months.
    #[serde(skip)]
    pub labels: TierLabels,
}

/// The tier labels of a price, computed when first asked for. Not part of what a price
/// is: two prices are equal whatever their caches hold.
#[derive(Clone, Debug, Default)]
pub struct TierLabels(std::sync::OnceLock<Vec<Option<Arc<str>>>>);

impl PartialEq for TierLabels {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// The quantity of a tiered price that falls in one tier.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TierUse {
    pub tier: Tier,
    pub quantity: f64,
}

impl Price {
    /// The flat rate of a single-tier price.
    pub fn rate(&self) -> f64 {
        self.tiers[0].usd
    }

    /// Splits a monthly quantity across the tiers it reaches (first tier first), so
    /// that each tier's part is billed at that tier's rate. A quantity past the last
    /// tier is an error, never silently dropped.
    /// The quantity in each tier it reaches, lowest first (a prefix of `tiers`).
    pub fn split_tiers(
        &self,
        quantity: f64,
    ) -> Result<impl Iterator<Item = TierUse> + '_, PricingError> {
        let limit = self.tiers.last().map_or(0.0, |t| t.end);
        if quantity > limit {
            return Err(PricingError::BeyondTiers {
                key: self.key.clone(),
                region: self.region.clone(),
                quantity,
                limit,
            });
        }
        Ok(self
            .tiers
            .iter()
            .take_while(move |t| quantity > t.begin)
            .map(move |t| TierUse {
                tier: *t,
                quantity: quantity.min(t.end) - t.begin,
            }))
    }

    /// A label for tier `t` in the Price List's own words: `first 50 TB`,
    /// `next 450 TB`, `over 500 TB`; none for a price of one tier.
    pub fn tier_label(&self, t: &Tier) -> Option<Arc<str>> {
        let labels = self.labels.0.get_or_init(|| {
            self.tiers
                .iter()
                .map(|t| self.make_tier_label(t).map(Arc::from))
                .collect()
        });
        let i = self.tiers.iter().position(|x| x.begin == t.begin)?;
        labels.get(i).cloned().flatten()
    }

    fn make_tier_label(&self, t: &Tier) -> Option<String> {
        if self.tiers.len() < 2 {
            return None;
        }
        let amount = |x: f64| -> String {
            let gb_unit = self.unit_noun() == "GB";
            if gb_unit && x >= 1024.0 && (x / 1024.0).fract() == 0.0 {
                format!("{} TB", thousands(x / 1024.0))
            } else {
                format!("{} {}", thousands(x), self.unit_noun())
            }
        };
        Some(if t.begin == 0.0 {
            format!("first {}", amount(t.end))
        } else if t.end.is_infinite() {
            format!("over {}", amount(t.begin))
        } else {
            format!("next {}", amount(t.end - t.begin))
        })
    }

    fn unit_noun(&self) -> &str {
        self.unit.strip_suffix("-Mo").unwrap_or(&self.unit)
    }
}

/// `51200` → `51,200`: a whole number with separators.
pub fn thousands(x: f64) -> String {
    crate::text::group_thousands(&format!("{}", x.round() as i64))
}

/// Where a price book came from, named in every report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Provenance {
    /// `bundled-snapshot`, `snapshot-dir`, or later `aws-price-list-api`.
    pub source: String,
    pub snapshot_date: String,
    /// Directory the snapshot was read from, if not the embedded one.
    pub path: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum PricingError {
    /// The book has no price for this key in this region.
    Missing { key: String, region: String },
    /// Every price a scenario needs that the book lacks, found in one run so that one
    /// message names them all.
    MissingMany(Vec<Gap>),
    /// The book covers no price at all in this region.
    RegionNotCovered {
        region: String,
        covered: Vec<String>,
    },
    /// A quantity beyond a price's last tier (AWS says "contact us" there).
    BeyondTiers {
        key: String,
        region: String,
        quantity: f64,
        limit: f64,
    },
    /// A snapshot file is unreadable or inconsistent with its manifest.
    Snapshot(String),
}

impl fmt::Display for PricingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PricingError::Missing { key, region } => write!(
                f,
                "no price for `{key}` in {region} in the price snapshot (no dated capture of AWS's price for it there); `lakecost pricing refresh --region {region} --out DIR` fetches it, then use --pricing DIR"
            ),
            PricingError::MissingMany(gaps) => {
                let n = gaps.len();
                let (s, them) = if n == 1 { ("", "it") } else { ("s", "them") };
                let regions = Gap::regions(gaps);
                match regions.as_slice() {
                    [region] => write!(
                        f,
                        "the price snapshot has no price in {region} for {n} key{s} this scenario needs (no dated capture of AWS's price for {them} there):"
                    )?,
                    _ => write!(
                        f,
                        "the price snapshot lacks {n} price{s} this scenario needs (no dated capture of AWS's price for {them}):"
                    )?,
                }
                for region in &regions {
                    let keys: Vec<String> = gaps
                        .iter()
                        .filter(|g| g.region == *region)
                        .map(|g| g.key.clone())
                        .collect();
                    let indent = if regions.len() == 1 {
                        "  "
                    } else {
                        write!(f, "\n  in {region}:")?;
                        "    "
                    };
                    for (service, keys) in by_service(&keys) {
                        write!(f, "\n{indent}{service}: {}", keys.join(", "))?;
                    }
                }
                write!(
                    f,
                    "\n{}; or `--allow-missing` prices the rest and lists these as not included",
                    Gap::advice(gaps)
                )
            }
            PricingError::RegionNotCovered { region, covered } => write!(
                f,
                "the price snapshot has no prices for {region} (it covers {}); `lakecost pricing refresh --region {region} --out DIR` fetches them, then use --pricing DIR",
                covered.join(", ")
            ),
            PricingError::BeyondTiers {
                key,
                region,
                quantity,
                limit,
            } => write!(
                f,
                "`{key}` in {region} is priced up to {} a month; {} is beyond its last tier (AWS quotes such volumes on request)",
                thousands(*limit),
                thousands(*quantity)
            ),
            PricingError::Snapshot(m) => write!(f, "price snapshot: {m}"),
        }
    }
}

impl std::error::Error for PricingError {}

/// A price a book lacks: its key, its region, and whether `pricing refresh` can fetch
/// it (a key whose usage type no Price List query names — an inter-region transfer, a
/// rate AWS publishes only on its pages — cannot be).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Gap {
    pub region: String,
    pub key: String,
    pub fetchable: bool,
}

impl Gap {
    /// The regions of `gaps`, in order of first appearance.
    pub fn regions(gaps: &[Gap]) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for g in gaps {
            if !out.contains(&g.region.as_str()) {
                out.push(&g.region);
            }
        }
        out
    }

    /// How to get the prices of `gaps`: a `pricing refresh` per region for those it
    /// can fetch, a snapshot directory with rows added by hand for the others. Every
    /// message about missing prices says it this way, so none promises a fetch that
    /// cannot happen.
    pub fn advice(gaps: &[Gap]) -> String {
        let mut out: Vec<String> = Vec::new();
        let regions = Gap::regions(gaps);
        for region in &regions {
            let fetched: Vec<&str> = gaps
                .iter()
                .filter(|g| g.region == *region && g.fetchable)
                .map(|g| g.key.as_str())
                .collect();
            if fetched.is_empty() {
                continue;
            }
            let what = if fetched.len() == gaps.len() {
                "them".to_string()
            } else {
                fetched.join(", ")
            };
            out.push(format!(
                "`lakecost pricing refresh --region {region} --out DIR` fetches {what}, then use --pricing DIR"
            ));
        }
        let unfetchable: Vec<String> = gaps
            .iter()
            .filter(|g| !g.fetchable)
            .map(|g| match regions.as_slice() {
                [_] => g.key.clone(),
                _ => format!("{} in {}", g.key, g.region),
            })
            .collect();
        if !unfetchable.is_empty() {
            out.push(format!(
                "no Price List query reaches {} (refresh cannot fetch {}): a snapshot directory with {} rows added from AWS's pricing pages prices {} (docs/pricing.md, \"Columns of `prices.csv`\"), then use --pricing DIR",
                unfetchable.join(", "),
                if unfetchable.len() == 1 { "it" } else { "them" },
                if unfetchable.len() == 1 { "its" } else { "their" },
                if unfetchable.len() == 1 { "it" } else { "them" },
            ));
        }
        out.join("; ")
    }
}

/// Keys grouped by the service their key names (`emr_serverless.vcpu.x86_64` →
/// `emr_serverless`), services in order of first appearance and keys sorted.
pub fn by_service(keys: &[String]) -> Vec<(&str, Vec<&str>)> {
    let mut out: Vec<(&str, Vec<&str>)> = Vec::new();
    for k in keys {
        let service = k.split('.').next().unwrap_or(k);
        match out.iter_mut().find(|(s, _)| *s == service) {
            Some((_, v)) => v.push(k),
            None => out.push((service, vec![k])),
        }
    }
    for (_, v) in &mut out {
        v.sort_unstable();
    }
    out
}

/// A price as the book holds it: parsed, or the bundled snapshot's rows for it, parsed
/// on first use. An estimate reads a few dozen of a region's hundreds of prices (most
/// are per instance type), so a start-up parses only those.
#[derive(Clone, Debug)]
struct Slot {
    /// The key's CSV rows (no header), when not parsed yet.
    rows: Option<&'static str>,
    parsed: std::sync::OnceLock<Result<Arc<Price>, PricingError>>,
}

impl Slot {
    /// A key's CSV rows of the bundled snapshot, parsed when first asked for.
    fn unparsed(rows: &'static str) -> Slot {
        Slot {
            rows: Some(rows),
            parsed: std::sync::OnceLock::new(),
        }
    }

    fn parsed(p: Price) -> Slot {
        Slot {
            rows: None,
            parsed: std::sync::OnceLock::from(Ok(Arc::new(p))),
        }
    }

    fn price(&self) -> Result<&Arc<Price>, PricingError> {
        self.parsed
            .get_or_init(|| match self.rows {
                Some(rows) => snapshot::parse_bundled_key(rows).map(Arc::new),
                None => Err(PricingError::Snapshot("a price slot with no rows".into())),
            })
            .as_ref()
            .map_err(Clone::clone)
    }
}

/// A map by region or price key. Looked up for every line of every month of every
/// sample, so hashed with FNV-1a: the keys are short strings, where SipHash's setup
/// dominates (the snapshot's keys are ours, and a hostile snapshot directory is
/// bounded by its size limit).
pub(crate) type Map<V> = HashMap<String, V, std::hash::BuildHasherDefault<Fnv>>;

/// The 64-bit FNV-1a hash.
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// All prices of one snapshot, looked up by (region, key).
#[derive(Clone, Debug)]
pub struct PriceBook {
    pub provenance: Provenance,
    /// Region → key → price; shared with the line items priced from it.
    prices: Map<Map<Slot>>,
    /// The regions the snapshot covers (a book read for one region still knows them,
    /// for messages).
    regions: Vec<String>,
    /// Whether [`PriceBook::with_placeholders`] made it.
    placeholders: bool,
}

impl PriceBook {
    pub fn new(provenance: Provenance, prices: Vec<Price>) -> Self {
        let mut regions: Vec<String> = prices.iter().map(|p| p.region.clone()).collect();
        regions.sort();
        regions.dedup();
        let mut book = PriceBook {
            provenance,
            prices: Map::default(),
            regions,
            placeholders: false,
        };
        for p in prices {
            book.insert(p);
        }
        book
    }

    /// The snapshot compiled into the binary: works with no files around.
    pub fn bundled() -> Result<PriceBook, PricingError> {
        snapshot::bundled(None)
    }

    /// The bundled snapshot's prices of a few regions only (a scenario's, and those it
    /// replicates to): what an estimate needs, read in a fraction of the time the whole
    /// snapshot takes.
    pub fn bundled_for(regions: &[&str]) -> Result<PriceBook, PricingError> {
        snapshot::bundled(Some(regions))
    }

    fn insert(&mut self, p: Price) {
        self.prices
            .entry(p.region.clone())
            .or_default()
            .insert(p.key.clone(), Slot::parsed(p));
    }

    /// A book of some regions of the bundled snapshot whose prices are parsed when
    /// first asked for (each key's slot holds its CSV rows: [`Slot::unparsed`]).
    fn lazy(provenance: Provenance, prices: Map<Map<Slot>>, regions: Vec<String>) -> PriceBook {
        PriceBook {
            provenance,
            prices,
            regions,
            placeholders: false,
        }
    }

    pub fn get(&self, region: &str, key: &str) -> Result<&Arc<Price>, PricingError> {
        self.prices
            .get(region)
            .and_then(|r| r.get(key))
            .ok_or_else(|| PricingError::Missing {
                key: key.to_string(),
                region: region.to_string(),
            })?
            .price()
    }

    /// Every price, sorted by region and key.
    /// The price of a declared key in `region`.
    pub fn price(&self, region: &str, key: &spec::PriceKey) -> Result<&Arc<Price>, PricingError> {
        self.get(region, key.key)
    }

    pub fn prices(&self) -> Vec<&Price> {
        let mut v: Vec<&Price> = self
            .prices
            .values()
            .flat_map(|r| r.values().filter_map(|p| p.price().ok().map(|p| &**p)))
            .collect();
        v.sort_by(|a, b| (&a.region, &a.key).cmp(&(&b.region, &b.key)));
        v
    }

    /// This book with `prices` put in place of its own for the same (region, key).
    pub fn with_overrides(&self, provenance: Provenance, prices: Vec<Price>) -> PriceBook {
        let mut book = self.clone();
        book.provenance = provenance;
        for p in prices {
            if !book.regions.contains(&p.region) {
                book.regions.push(p.region.clone());
                book.regions.sort();
            }
            book.insert(p);
        }
        book
    }

    /// This book with a stand-in for each of `keys` in `region` (see
    /// [`Price::not_included`]): free, marked, and identified as the Price List would
    /// identify it where the key is known, so that what would be billed can be listed.
    pub fn with_placeholders(
        &self,
        region: &str,
        keys: &[String],
        catalogue: &spec::Catalogue,
    ) -> PriceBook {
        let mut book = self.clone();
        for key in keys {
            let id = catalogue.identity(key, region);
            let field = |f: fn(&live::price_list::Identity) -> &String| {
                id.as_ref().map(f).cloned().unwrap_or_default()
            };
            book.insert(Price {
                key: key.clone(),
                region: region.to_string(),
                service_code: field(|i| &i.service_code),
                unit: field(|i| &i.unit),
                tiers: vec![Tier {
                    begin: 0.0,
                    end: f64::INFINITY,
                    usd: 0.0,
                    confidence: Confidence::M,
                }],
                usage_type: field(|i| &i.usage_type),
                operation: field(|i| &i.operation),
                product_family: field(|i| &i.product_family),
                attributes: String::new(),
                sku: String::new(),
                effective_date: String::new(),
                confidence: Confidence::M,
                source: "no price in the snapshot: not included".into(),
                not_included: true,
                labels: Default::default(),
            });
        }
        book.placeholders = true;
        book
    }

    /// Whether any price of the book is a stand-in for a missing one.
    pub fn has_placeholders(&self) -> bool {
        self.placeholders
    }

    /// Regions the snapshot covers, sorted.
    pub fn regions(&self) -> Vec<String> {
        self.regions.clone()
    }

    /// Checks that the book prices `region` at all, before any model runs.
    pub fn covers(&self, region: &str) -> Result<(), PricingError> {
        let regions = self.regions();
        if regions.iter().any(|r| r == region) {
            Ok(())
        } else {
            Err(PricingError::RegionNotCovered {
                region: region.to_string(),
                covered: regions,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn standard() -> Price {
        let book = PriceBook::bundled().unwrap();
        Price::clone(book.get("us-east-1", "s3.storage.STANDARD").unwrap())
    }

    #[test]
    fn tiers_follow_begin_and_end_range() {
        // S3 Standard, us-east-1: $0.023 for the first 50 TB (51,200 GB), $0.022 for the
        // next 450 TB, $0.021 over 500 TB (Price List SKU WP9ANXZGBYYSGJEA).
        let p = standard();
        let uses: Vec<TierUse> = p.split_tiers(60_000.0).unwrap().collect();
        assert_eq!(uses.len(), 2);
        assert_eq!(uses[0].quantity, 51_200.0);
        assert_eq!(uses[0].tier.usd, 0.023);
        assert_eq!(uses[1].quantity, 8_800.0);
        assert_eq!(uses[1].tier.usd, 0.022);
        assert_eq!(&*p.tier_label(&uses[0].tier).unwrap(), "first 50 TB");
        assert_eq!(&*p.tier_label(&uses[1].tier).unwrap(), "next 450 TB");
        assert_eq!(&*p.tier_label(&p.tiers[2]).unwrap(), "over 500 TB");
    }

    #[test]
    fn a_missing_price_names_key_and_region() {
        let book = PriceBook::bundled().unwrap();
        let e = book.get("us-east-1", "s3.storage.NOPE").unwrap_err();
        assert!(e.to_string().contains("`s3.storage.NOPE` in us-east-1"));
        assert!(
            e.to_string()
                .contains("lakecost pricing refresh --region us-east-1")
        );
        assert!(book.covers("af-south-1").is_err());
        assert!(book.covers("eu-central-1").is_ok());
    }

    #[test]
    fn thousands_separators() {
        assert_eq!(thousands(512000.0), "512,000");
        assert_eq!(thousands(999.0), "999");
        assert_eq!(thousands(-1234.0), "-1,234");
        assert_eq!(thousands(-100.0), "-100");
        assert_eq!(thousands(-123456.0), "-123,456");
    }
}
