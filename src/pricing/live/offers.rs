//! AWS's public price files (the bulk "offer files"): one file per service and region at
//! `{base}/offers/v1.0/aws/{ServiceCode}/current/{region}/index.json` (or `.csv`), no
//! credentials needed. `pricing refresh --source offers` reads them from AWS's pricing
//! host, from a mirror (`--offers-url`), or from files already downloaded
//! (`--offers-dir`, same layout under the directory).
//!
//! The EC2 files are hundreds of MB, so nothing here loads a file whole: the JSON is
//! walked as a stream (each product is read, matched and dropped unless a key wants
//! it; terms are read only for the products kept) and the CSV row by row, so memory
//! stays flat whatever the file's size.

use super::client::{FetchLimits, LiveError};
use super::price_list::{Dimension, Identity, Product};
use super::refresh::{Event, Fetched};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;

/// The most a service's region index may hold (AWS's are tens of KB).
const REGION_INDEX_LIMIT: u64 = 16 << 20;

/// AWS's public pricing host.
pub const AWS_OFFERS_URL: &str = "https://pricing.us-east-1.amazonaws.com";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OfferFormat {
    Json,
    Csv,
}

impl OfferFormat {
    fn extension(self) -> &'static str {
        match self {
            OfferFormat::Json => "json",
            OfferFormat::Csv => "csv",
        }
    }
}

/// Where the offer files are.
#[derive(Clone, Debug, PartialEq)]
pub enum OfferLocation {
    /// A base URL (AWS's host or a mirror).
    Url(String),
    /// A directory holding `offers/v1.0/aws/{ServiceCode}/current/{region}/index.*`.
    Dir(PathBuf),
}

#[derive(Clone, Debug, PartialEq)]
pub struct OfferSource {
    pub location: OfferLocation,
    pub format: OfferFormat,
    /// Attempts per file, for network errors and 5xx answers.
    pub max_attempts: u32,
    pub timeout: std::time::Duration,
}

impl OfferSource {
    fn path(&self, service_code: &str, region: &str) -> String {
        format!(
            "offers/v1.0/aws/{service_code}/current/{region}/index.{}",
            self.format.extension()
        )
    }

    /// Where the files come from, for the manifest.
    pub fn describe(&self) -> String {
        match &self.location {
            OfferLocation::Url(u) => format!(
                "AWS public price files (offer files, {} form) from {u}",
                self.format.extension()
            ),
            OfferLocation::Dir(d) => format!(
                "AWS public price files (offer files, {} form) read from {}",
                self.format.extension(),
                d.display()
            ),
        }
    }

    /// An HTTP agent with the source's timeout that returns every status as an answer.
    fn agent(&self) -> ureq::Agent {
        ureq::Agent::new_with_config(
            ureq::Agent::config_builder()
                .timeout_global(Some(self.timeout))
                .http_status_as_error(false)
                .build(),
        )
    }

    /// Opens one service's file for one region; `Ok(None)` when the service is not
    /// offered there (no such file).
    fn open(
        &self,
        service_code: &str,
        region: &str,
    ) -> Result<Option<Box<dyn Read + Send>>, LiveError> {
        let rel = self.path(service_code, region);
        let fail = |message: String| LiveError::Api {
            service_code: service_code.into(),
            message,
        };
        match &self.location {
            OfferLocation::Dir(d) => {
                let p = d.join(&rel);
                // Non-blocking, so that a FIFO in the mirror is refused at once (the
                // metadata check below) instead of waiting for a writer.
                use std::os::unix::fs::OpenOptionsExt;
                let opened = std::fs::OpenOptions::new()
                    .read(true)
                    .custom_flags(libc::O_NONBLOCK)
                    .open(&p);
                match opened {
                    Ok(f) => {
                        let meta = f
                            .metadata()
                            .map_err(|e| fail(crate::files::io_reason(&e)))?;
                        if !meta.is_file() {
                            return Err(fail(format!("{} is not a regular file", p.display())));
                        }
                        Ok(Some(Box::new(f)))
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                    Err(e) => Err(fail(format!(
                        "cannot read {}: {}",
                        p.display(),
                        crate::files::io_reason(&e)
                    ))),
                }
            }
            OfferLocation::Url(base) => {
                let url = format!("{}/{rel}", base.trim_end_matches('/'));
                let agent = self.agent();
                let mut wait = std::time::Duration::from_millis(200);
                let mut last = String::new();
                for attempt in 1..=self.max_attempts.max(1) {
                    match agent.get(&url).call() {
                        Ok(resp) => {
                            let status = resp.status().as_u16();
                            match status {
                                200 => {
                                    return Ok(Some(Box::new(
                                        resp.into_body()
                                            .into_with_config()
                                            .limit(u64::MAX)
                                            .reader(),
                                    )));
                                }
                                // AWS's host answers 403 for a file that does not exist.
                                403 | 404 => return Ok(None),
                                s if s >= 500 || s == 429 => last = format!("HTTP {s} from {url}"),
                                s => return Err(fail(format!("HTTP {s} from {url}"))),
                            }
                        }
                        Err(e) => last = crate::text::server_message(&e.to_string()),
                    }
                    if attempt < self.max_attempts {
                        std::thread::sleep(wait);
                        wait *= 2;
                    }
                }
                Err(fail(format!(
                    "{last} (after {} attempt(s))",
                    self.max_attempts.max(1)
                )))
            }
        }
    }

    /// A service's file for a region is absent: that means "not offered there" only when
    /// the service's region index (`…/{ServiceCode}/current/region_index.json`, AWS's list
    /// of the regions a service's prices exist for) does not list the region. Any other
    /// absence is an error, so that an incomplete mirror never yields a snapshot dated
    /// today that holds only old prices.
    fn confirm_not_offered(&self, service_code: &str, region: &str) -> Result<(), LiveError> {
        let file = self.path(service_code, region);
        let rel = format!("offers/v1.0/aws/{service_code}/current/region_index.json");
        let fail = |message: String| LiveError::Api {
            service_code: service_code.into(),
            message,
        };
        let index = match &self.location {
            OfferLocation::Dir(d) => {
                let p = d.join(&rel);
                if std::fs::symlink_metadata(&p).is_err() {
                    None
                } else {
                    Some(
                        crate::files::read_text(&p, REGION_INDEX_LIMIT, "offer region index")
                            .map_err(|e| fail(e.to_string()))?,
                    )
                }
            }
            OfferLocation::Url(base) => {
                let url = format!("{}/{rel}", base.trim_end_matches('/'));
                let agent = self.agent();
                match agent.get(&url).call() {
                    Ok(resp) if resp.status().as_u16() == 200 => Some(
                        resp.into_body()
                            .into_with_config()
                            .limit(REGION_INDEX_LIMIT)
                            .read_to_string()
                            .map_err(|e| fail(crate::text::server_message(&e.to_string())))?,
                    ),
                    Ok(resp) if matches!(resp.status().as_u16(), 403 | 404) => None,
                    Ok(resp) => {
                        return Err(fail(format!("HTTP {} from {url}", resp.status().as_u16())));
                    }
                    Err(e) => return Err(fail(crate::text::server_message(&e.to_string()))),
                }
            }
        };
        let Some(index) = index else {
            return Err(fail(format!(
                "file not found: {file}, and no region index ({rel}) says whether {service_code} is offered in {region}; complete the offer files or leave the service out with --services"
            )));
        };
        let listed = serde_json::from_str::<serde_json::Value>(&index)
            .ok()
            .and_then(|v| {
                v.get("regions")?
                    .as_object()
                    .map(|r| r.contains_key(region))
            })
            .ok_or_else(|| fail(format!("{rel}: not a region index (no `regions` map)")))?;
        if listed {
            Err(fail(format!(
                "file not found: {file}, though the service's region index lists {region}; complete the offer files or leave the service out with --services"
            )))
        } else {
            Ok(())
        }
    }

    /// Fetches every identity's price from the offer files, one file per service and
    /// region.
    pub fn fetch(
        &self,
        ids: &[Identity],
        limits: &FetchLimits,
        on_event: &dyn Fn(Event),
    ) -> Result<Fetched, LiveError> {
        let mut out = Fetched::default();
        let mut groups: BTreeMap<(String, String), Vec<&Identity>> = BTreeMap::new();
        for id in ids {
            groups
                .entry((id.service_code.clone(), id.region.clone()))
                .or_default()
                .push(id);
        }
        let mut bytes_left = limits.bytes;
        for ((service_code, region), ids) in groups {
            let Some(reader) = self.open(&service_code, &region)? else {
                self.confirm_not_offered(&service_code, &region)?;
                on_event(Event::Notice(format!(
                    "no offer file for {service_code} in {region}: the service is not offered there"
                )));
                out.missing
                    .extend(ids.iter().map(|i| (i.region.clone(), i.key.clone())));
                continue;
            };
            out.requests += 1;
            let reader = BufReader::with_capacity(1 << 20, reader);
            let read = match self.format {
                OfferFormat::Json => read_json(reader, &service_code, &ids),
                OfferFormat::Csv => read_csv(reader, &service_code, &ids),
            }
            .map_err(|message| LiveError::Api {
                service_code: service_code.clone(),
                message: format!("{region} offer file: {message}"),
            })?;
            let items: usize = read.products.len();
            on_event(Event::Fetched {
                service_code: service_code.clone(),
                region: region.clone(),
                usage_type: String::new(),
                items,
                pages: 1,
            });
            out.malformed += read.malformed;
            for id in ids {
                let price = read
                    .products
                    .iter()
                    .filter(|p| id.matches(p))
                    .find_map(|p| id.price(p));
                match price {
                    Some(mut price) => {
                        let cost = price.source.len() + price.attributes.len() + 64;
                        bytes_left =
                            bytes_left
                                .checked_sub(cost)
                                .ok_or_else(|| LiveError::Limit {
                                    service_code: service_code.clone(),
                                    message: format!(
                                        "more than {} MiB of prices kept",
                                        limits.bytes >> 20
                                    ),
                                })?;
                        price.source = format!(
                            "aws offer file {service_code}/{region} version {}, published {}",
                            read.version, read.publication_date
                        );
                        out.prices.push(price);
                    }
                    None => out.missing.push((id.region.clone(), id.key.clone())),
                }
            }
        }
        Ok(out)
    }
}

/// What one offer file yielded: the products some key wants, with their On-Demand
/// dimensions.
#[derive(Default)]
struct FileRead {
    products: Vec<Product>,
    malformed: usize,
    version: String,
    publication_date: String,
}

/// Whether a product (attributes only) is one some identity wants.
fn wanted(ids: &[&Identity], p: &Product) -> bool {
    ids.iter().any(|id| id.matches(p))
}

// ---- JSON, streamed ----

#[derive(serde::Deserialize)]
struct RawProduct {
    sku: Option<String>,
    #[serde(rename = "productFamily", default)]
    product_family: String,
    #[serde(default)]
    attributes: HashMap<String, serde_json::Value>,
}

#[derive(serde::Deserialize)]
struct RawTerm {
    #[serde(rename = "effectiveDate", default)]
    effective_date: String,
    #[serde(rename = "priceDimensions", default)]
    price_dimensions: HashMap<String, RawDimension>,
}

#[derive(serde::Deserialize)]
struct RawDimension {
    #[serde(rename = "rateCode", default)]
    rate_code: String,
    #[serde(default)]
    unit: String,
    #[serde(rename = "beginRange")]
    begin_range: Option<String>,
    #[serde(rename = "endRange")]
    end_range: Option<String>,
    #[serde(rename = "pricePerUnit", default)]
    price_per_unit: HashMap<String, String>,
}

fn range(s: Option<&str>, default: f64) -> Option<f64> {
    match s {
        None => Some(default),
        Some("Inf") => Some(f64::INFINITY),
        Some(t) => t.parse().ok().filter(|v: &f64| v.is_finite()),
    }
}

/// One price dimension as read: begin, end, USD, unit, rate code.
type RawDim = (f64, f64, f64, String, String);

/// Dimensions from raw ones, tiers ordered by their ranges; `None` if any is malformed.
fn dimensions(raw: impl IntoIterator<Item = RawDim>) -> Option<Vec<Dimension>> {
    let mut out: Vec<Dimension> = Vec::new();
    for (begin, end, usd, unit, rate_code) in raw {
        if !(usd.is_finite() && usd >= 0.0 && end > begin) {
            return None;
        }
        out.push(Dimension {
            rate_code,
            unit,
            begin,
            end,
            usd,
        });
    }
    out.sort_by(|a, b| a.begin.total_cmp(&b.begin));
    (!out.is_empty()).then_some(out)
}

struct FileVisitor<'a> {
    service_code: &'a str,
    ids: &'a [&'a Identity],
    out: &'a mut FileRead,
}

impl<'de> Visitor<'de> for FileVisitor<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an AWS offer file")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut kept: HashMap<String, Product> = HashMap::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "version" => self.out.version = map.next_value()?,
                "publicationDate" => self.out.publication_date = map.next_value()?,
                "products" => map.next_value_seed(ProductsSeed {
                    service_code: self.service_code,
                    ids: self.ids,
                    kept: &mut kept,
                    malformed: &mut self.out.malformed,
                })?,
                "terms" => map.next_value_seed(TermsSeed {
                    kept: &mut kept,
                    malformed: &mut self.out.malformed,
                })?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        self.out.products = kept
            .into_values()
            .filter(|p| !p.dimensions.is_empty())
            .collect();
        self.out.products.sort_by(|a, b| a.sku.cmp(&b.sku));
        Ok(())
    }
}

struct ProductsSeed<'a> {
    service_code: &'a str,
    ids: &'a [&'a Identity],
    kept: &'a mut HashMap<String, Product>,
    malformed: &'a mut usize,
}

impl<'de> DeserializeSeed<'de> for ProductsSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ProductsSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a map of products")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(sku) = map.next_key::<String>()? {
            // A product of an odd shape is skipped and counted, not fatal.
            let raw: serde_json::Value = map.next_value()?;
            let Ok(raw) = serde_json::from_value::<RawProduct>(raw) else {
                *self.malformed += 1;
                continue;
            };
            let product = Product {
                sku: raw.sku.unwrap_or(sku.clone()),
                service_code: self.service_code.to_string(),
                product_family: raw.product_family,
                attributes: raw
                    .attributes
                    .into_iter()
                    .filter_map(|(k, v)| v.as_str().map(|s| (k, s.to_string())))
                    .collect(),
                effective_date: String::new(),
                publication_date: String::new(),
                dimensions: Vec::new(),
            };
            if wanted(self.ids, &product) {
                self.kept.insert(sku, product);
            }
        }
        Ok(())
    }
}

struct TermsSeed<'a> {
    kept: &'a mut HashMap<String, Product>,
    malformed: &'a mut usize,
}

impl<'de> DeserializeSeed<'de> for TermsSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TermsSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a map of term types")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(kind) = map.next_key::<String>()? {
            if kind == "OnDemand" {
                map.next_value_seed(OnDemandSeed {
                    kept: &mut *self.kept,
                    malformed: &mut *self.malformed,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

struct OnDemandSeed<'a> {
    kept: &'a mut HashMap<String, Product>,
    malformed: &'a mut usize,
}

impl<'de> DeserializeSeed<'de> for OnDemandSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for OnDemandSeed<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("On-Demand terms by SKU")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(sku) = map.next_key::<String>()? {
            let Some(product) = self.kept.get_mut(&sku) else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            let terms: serde_json::Value = map.next_value()?;
            let Ok(terms) = serde_json::from_value::<HashMap<String, RawTerm>>(terms) else {
                *self.malformed += 1;
                continue;
            };
            let Some(term) = terms.into_values().next() else {
                continue;
            };
            let dims = dimensions(term.price_dimensions.into_values().map(|d| {
                (
                    range(d.begin_range.as_deref(), 0.0).unwrap_or(f64::NAN),
                    range(d.end_range.as_deref(), f64::INFINITY).unwrap_or(f64::NAN),
                    d.price_per_unit
                        .get("USD")
                        .and_then(|u| u.parse().ok())
                        .unwrap_or(f64::NAN),
                    d.unit,
                    d.rate_code,
                )
            }));
            match dims {
                Some(d) => {
                    product.dimensions = d;
                    product.effective_date = term.effective_date.chars().take(10).collect();
                }
                None => *self.malformed += 1,
            }
        }
        Ok(())
    }
}

fn read_json(reader: impl Read, service_code: &str, ids: &[&Identity]) -> Result<FileRead, String> {
    let mut out = FileRead::default();
    let mut de = serde_json::Deserializer::from_reader(reader);
    de.deserialize_map(FileVisitor {
        service_code,
        ids,
        out: &mut out,
    })
    .map_err(|e| format!("not a readable offer file (JSON): {e}"))?;
    for p in &mut out.products {
        p.publication_date = out.publication_date.clone();
    }
    Ok(out)
}

// ---- CSV, row by row ----

/// An attribute name as a CSV header and a JSON key both reduce to it: `Instance Type`
/// and `instanceType` are `instancetype`.
fn normal(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn read_csv(
    reader: impl BufRead,
    service_code: &str,
    ids: &[&Identity],
) -> Result<FileRead, String> {
    let mut out = FileRead::default();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(reader);
    let mut records = rdr.records();
    // Five rows of metadata, then the header.
    for _ in 0..5 {
        let r = records
            .next()
            .ok_or("the file ends before its header")?
            .map_err(|e| format!("not a readable offer file (CSV): {e}"))?;
        match r.get(0) {
            Some("Version") => out.version = r.get(1).unwrap_or_default().to_string(),
            Some("Publication Date") => {
                out.publication_date = r.get(1).unwrap_or_default().to_string()
            }
            _ => {}
        }
    }
    let header = records
        .next()
        .ok_or("the file has no header row")?
        .map_err(|e| format!("not a readable offer file (CSV): {e}"))?;
    let col = |name: &str| header.iter().position(|h| h == name);
    let need = |name: &str| col(name).ok_or(format!("no `{name}` column"));
    let (sku_c, term_c, rate_c, eff_c, begin_c, end_c, unit_c, price_c) = (
        need("SKU")?,
        need("TermType")?,
        need("RateCode")?,
        need("EffectiveDate")?,
        need("StartingRange")?,
        need("EndingRange")?,
        need("Unit")?,
        need("PricePerUnit")?,
    );
    let family_c = col("Product Family");
    // Attribute columns, named as the JSON form names them where a key asks for them.
    let mut names: Vec<String> = vec!["usagetype".into(), "regionCode".into(), "operation".into()];
    for id in ids {
        names.extend(id.attributes.iter().map(|(k, _)| k.clone()));
    }
    let attr_cols: Vec<(usize, String)> = header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            let n = normal(h);
            names
                .iter()
                .find(|k| normal(k) == n)
                .map(|k| (i, k.clone()))
        })
        .collect();
    // Per SKU kept: the product, its dimensions, and whether every row was readable.
    let mut kept: BTreeMap<String, (Product, Vec<RawDim>, bool)> = BTreeMap::new();
    // A product's rows are consecutive: remember the last one turned down.
    let mut last_rejected = String::new();
    for r in records {
        let Ok(r) = r else {
            out.malformed += 1;
            continue;
        };
        if r.get(term_c) != Some("OnDemand") {
            continue;
        }
        let sku = r.get(sku_c).unwrap_or_default().to_string();
        if sku == last_rejected {
            continue;
        }
        if !kept.contains_key(&sku) {
            let product = Product {
                sku: sku.clone(),
                service_code: service_code.to_string(),
                product_family: family_c
                    .and_then(|c| r.get(c))
                    .unwrap_or_default()
                    .to_string(),
                attributes: attr_cols
                    .iter()
                    .filter_map(|(i, k)| {
                        r.get(*i)
                            .filter(|v| !v.is_empty())
                            .map(|v| (k.clone(), v.to_string()))
                    })
                    .collect(),
                effective_date: r.get(eff_c).unwrap_or_default().chars().take(10).collect(),
                publication_date: out.publication_date.clone(),
                dimensions: Vec::new(),
            };
            if !wanted(ids, &product) {
                last_rejected = sku;
                continue;
            }
            kept.insert(sku.clone(), (product, Vec::new(), true));
        }
        let entry = kept.get_mut(&sku).expect("inserted above");
        let begin = range(r.get(begin_c).filter(|s| !s.is_empty()), 0.0);
        let end = range(r.get(end_c).filter(|s| !s.is_empty()), f64::INFINITY);
        let usd = r.get(price_c).and_then(|p| p.parse::<f64>().ok());
        match (begin, end, usd) {
            (Some(b), Some(e), Some(u)) => entry.1.push((
                b,
                e,
                u,
                r.get(unit_c).unwrap_or_default().to_string(),
                r.get(rate_c).unwrap_or_default().to_string(),
            )),
            _ => entry.2 = false,
        }
    }
    for (_, (mut product, dims, ok)) in kept {
        match dimensions(dims).filter(|_| ok) {
            Some(d) => {
                product.dimensions = d;
                out.products.push(product);
            }
            None => out.malformed += 1,
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids() -> Vec<Identity> {
        // The keys as the service registry declares them.
        let catalogue = crate::model::services::catalogue();
        vec![
            catalogue
                .identity("s3.storage.STANDARD", "ap-southeast-2")
                .unwrap(),
            catalogue
                .identity("glue.etl.standard", "ap-southeast-2")
                .unwrap(),
        ]
    }

    const JSON: &str = r#"{"formatVersion":"v1.0","offerCode":"AmazonS3","version":"20261101","publicationDate":"2026-11-01T00:00:00Z",
 "products":{
  "BAD":{"sku":"BAD","productFamily":"Storage","attributes":"not a map"},
  "OTHER":{"sku":"OTHER","productFamily":"Data Transfer","attributes":{"usagetype":"APS2-DataTransfer-Out-Bytes","regionCode":"ap-southeast-2"}},
  "STD":{"sku":"STD","productFamily":"Storage","attributes":{"usagetype":"APS2-TimedStorage-ByteHrs","regionCode":"ap-southeast-2","volumeType":"Standard","storageClass":"General Purpose"}}},
 "terms":{"OnDemand":{
  "OTHER":{"OTHER.T":{"priceDimensions":{"x":{"unit":"GB","beginRange":"0","endRange":"Inf","pricePerUnit":{"USD":"0.09"}}}}},
  "STD":{"STD.T":{"effectiveDate":"2026-10-01T00:00:00Z","priceDimensions":{
    "c":{"rateCode":"c","unit":"GB-Mo","beginRange":"512000","endRange":"Inf","pricePerUnit":{"USD":"0.0240000000"}},
    "a":{"rateCode":"a","unit":"GB-Mo","beginRange":"0","endRange":"51200","pricePerUnit":{"USD":"0.0250000000"}},
    "b":{"rateCode":"b","unit":"GB-Mo","beginRange":"51200","endRange":"512000","pricePerUnit":{"USD":"0.0245000000"}}}}}},
  "Reserved":{"STD":{"ignored":{}}}}}"#;

    #[test]
    fn json_offer_files_are_read_as_a_stream() {
        let ids = ids();
        let refs: Vec<&Identity> = ids.iter().collect();
        let read = read_json(JSON.as_bytes(), "AmazonS3", &refs).unwrap();
        assert_eq!(read.malformed, 1);
        assert_eq!(read.products.len(), 1);
        let price = ids[0].price(&read.products[0]).unwrap();
        let tiers: Vec<(f64, f64)> = price.tiers.iter().map(|t| (t.begin, t.usd)).collect();
        assert_eq!(tiers, [(0.0, 0.025), (51200.0, 0.0245), (512000.0, 0.024)]);
        assert_eq!(price.effective_date, "2026-10-01");
    }

    #[test]
    fn csv_offer_files_are_read_row_by_row() {
        let csv = "\"FormatVersion\",\"v1.0\"\n\"Disclaimer\",\"x\"\n\"Publication Date\",\"2026-11-01T00:00:00Z\"\n\"Version\",\"20261101\"\n\"OfferCode\",\"AWSGlue\"\n\
\"SKU\",\"OfferTermCode\",\"RateCode\",\"TermType\",\"PriceDescription\",\"EffectiveDate\",\"StartingRange\",\"EndingRange\",\"Unit\",\"PricePerUnit\",\"Currency\",\"RelatedTo\",\"Product Family\",\"serviceCode\",\"Location\",\"Location Type\",\"Group\",\"usageType\",\"operation\",\"Region Code\",\"serviceName\"\n\
\"G1\",\"JRTCKXETXF\",\"G1.R\",\"OnDemand\",\"$0.44 per DPU-Hour\",\"2026-10-01\",\"0\",\"Inf\",\"DPU-Hour\",\"0.4400000000\",\"USD\",,\"AWS Glue\",\"AWSGlue\",\"Asia Pacific (Sydney)\",\"AWS Region\",\"ETL Job run\",\"APS2-ETL-DPU-Hour\",\"Jobrun\",\"ap-southeast-2\",\"AWS Glue\"\n\
\"G1\",\"4NA7Y494T4\",\"G1.Q\",\"Reserved\",\"ignored\",\"2026-10-01\",\"0\",\"Inf\",\"DPU-Hour\",\"0.1\",\"USD\",,\"AWS Glue\",\"AWSGlue\",\"Asia Pacific (Sydney)\",\"AWS Region\",\"ETL Job run\",\"APS2-ETL-DPU-Hour\",\"Jobrun\",\"ap-southeast-2\",\"AWS Glue\"\n\
\"G2\",\"JRTCKXETXF\",\"G2.R\",\"OnDemand\",\"crawler\",\"2026-10-01\",\"0\",\"Inf\",\"DPU-Hour\",\"0.44\",\"USD\",,\"AWS Glue\",\"AWSGlue\",\"Asia Pacific (Sydney)\",\"AWS Region\",\"Crawler\",\"APS2-Crawler-DPU-Hour\",\"CrawlerRun\",\"ap-southeast-2\",\"AWS Glue\"\n";
        let ids = ids();
        let refs: Vec<&Identity> = ids.iter().collect();
        let read = read_csv(csv.as_bytes(), "AWSGlue", &refs).unwrap();
        assert_eq!(read.products.len(), 1, "only the ETL job product is wanted");
        let price = ids[1].price(&read.products[0]).unwrap();
        assert_eq!(price.rate(), 0.44);
        assert_eq!(price.usage_type, "APS2-ETL-DPU-Hour");
    }
}
