//! The dated price snapshot in `pricing-data/`: `prices.csv` (one row per price tier,
//! shaped after the Price List so `pricing refresh` can write the same file) and
//! `manifest.json` (date, sources, sha256 and row count per file).
//!
//! The snapshot is compiled into the binary; `--pricing DIR` reads another one, and
//! its manifest must match its files byte for byte.

use super::{Confidence, Price, PriceBook, PricingError, Provenance, Tier};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path;

const BUNDLED_CSV: &str = include_str!("../../pricing-data/prices.csv");
const BUNDLED_MANIFEST: &str = include_str!("../../pricing-data/manifest.json");

/// `pricing-data/manifest.json`.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct Manifest {
    pub schema: String,
    pub snapshot_date: String,
    /// When the prices were fetched from the Price List API (refreshed snapshots).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched_at: Option<String>,
    pub source: String,
    pub sources: Vec<String>,
    pub regions: Vec<String>,
    pub files: Vec<ManifestFile>,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
pub struct ManifestFile {
    pub name: String,
    pub sha256: String,
    pub rows: usize,
}

/// One CSV row: one tier of one price.
#[derive(Debug, Deserialize)]
struct Row {
    service_code: String,
    price_key: String,
    region: String,
    unit: String,
    usd: f64,
    tier_begin: f64,
    tier_end: String,
    usage_type: String,
    operation: String,
    product_family: String,
    attributes: String,
    sku: String,
    effective_date: String,
    confidence: String,
    source: String,
}

pub(super) fn bundled() -> Result<PriceBook, PricingError> {
    let manifest = parse_manifest(BUNDLED_MANIFEST)?;
    build(
        &manifest,
        BUNDLED_CSV,
        Provenance {
            source: "bundled-snapshot".into(),
            snapshot_date: manifest.snapshot_date.clone(),
            path: None,
        },
    )
}

/// Reads a snapshot directory (`--pricing DIR`).
pub fn load_dir(dir: &Path) -> Result<PriceBook, PricingError> {
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name))
            .map_err(|e| PricingError::Snapshot(format!("{}: {e}", dir.join(name).display())))
    };
    let manifest = parse_manifest(&read("manifest.json")?)?;
    let csv = read("prices.csv")?;
    build(
        &manifest,
        &csv,
        Provenance {
            source: "snapshot-dir".into(),
            snapshot_date: manifest.snapshot_date.clone(),
            path: Some(dir.display().to_string()),
        },
    )
}

fn parse_manifest(text: &str) -> Result<Manifest, PricingError> {
    serde_json::from_str(text).map_err(|e| PricingError::Snapshot(format!("manifest.json: {e}")))
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn build(
    manifest: &Manifest,
    csv: &str,
    provenance: Provenance,
) -> Result<PriceBook, PricingError> {
    let entry = manifest
        .files
        .iter()
        .find(|f| f.name == "prices.csv")
        .ok_or_else(|| PricingError::Snapshot("manifest lists no prices.csv".into()))?;
    let digest = sha256_hex(csv.as_bytes());
    if digest != entry.sha256 {
        return Err(PricingError::Snapshot(format!(
            "prices.csv has sha256 {digest}, the manifest says {}: the file was changed without updating the manifest",
            entry.sha256
        )));
    }
    let prices = parse_rows(csv)?;
    let rows: usize = prices.iter().map(|p| p.tiers.len()).sum();
    if rows != entry.rows {
        return Err(PricingError::Snapshot(format!(
            "prices.csv has {rows} rows, the manifest says {}",
            entry.rows
        )));
    }
    Ok(PriceBook::new(provenance, prices))
}

/// Parses `prices.csv` into prices, merging the tier rows of each (region, key) and
/// checking that tiers run contiguously from 0.
pub fn parse_rows(csv: &str) -> Result<Vec<Price>, PricingError> {
    let mut by_key: BTreeMap<(String, String), Price> = BTreeMap::new();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    for (i, row) in reader.deserialize::<Row>().enumerate() {
        let line = i + 2;
        let row =
            row.map_err(|e| PricingError::Snapshot(format!("prices.csv line {line}: {e}")))?;
        let end = match row.tier_end.as_str() {
            "Inf" => f64::INFINITY,
            t => t.parse().map_err(|_| {
                PricingError::Snapshot(format!(
                    "prices.csv line {line}: tier_end `{t}` is not a number or Inf"
                ))
            })?,
        };
        if !(row.usd >= 0.0 && row.usd.is_finite()) {
            return Err(PricingError::Snapshot(format!(
                "prices.csv line {line}: price {} is not a non-negative number",
                row.usd
            )));
        }
        let confidence = Confidence::parse(&row.confidence).ok_or_else(|| {
            PricingError::Snapshot(format!(
                "prices.csv line {line}: confidence `{}` is not V, D, S or M",
                row.confidence
            ))
        })?;
        let tier = Tier {
            begin: row.tier_begin,
            end,
            usd: row.usd,
        };
        let key = (row.region.clone(), row.price_key.clone());
        let price = by_key.entry(key).or_insert_with(|| Price {
            key: row.price_key.clone(),
            region: row.region.clone(),
            service_code: row.service_code.clone(),
            unit: row.unit.clone(),
            tiers: Vec::new(),
            usage_type: row.usage_type.clone(),
            operation: row.operation.clone(),
            product_family: row.product_family.clone(),
            attributes: row.attributes.clone(),
            sku: row.sku.clone(),
            effective_date: row.effective_date.clone(),
            confidence,
            source: row.source.clone(),
        });
        // A tiered price is as trustworthy as its least trusted tier.
        if confidence.is_unverified() {
            price.confidence = confidence;
        }
        price.tiers.push(tier);
    }
    let mut prices: Vec<Price> = by_key.into_values().collect();
    for p in &mut prices {
        p.tiers.sort_by(|a, b| a.begin.total_cmp(&b.begin));
        let mut expect = 0.0;
        for t in &p.tiers {
            if t.begin != expect || t.end <= t.begin {
                return Err(PricingError::Snapshot(format!(
                    "{} in {}: tiers must run contiguously from 0 (found {}–{})",
                    p.key, p.region, t.begin, t.end
                )));
            }
            expect = t.end;
        }
    }
    Ok(prices)
}

const HEADER: [&str; 15] = [
    "service_code",
    "price_key",
    "region",
    "unit",
    "usd",
    "tier_begin",
    "tier_end",
    "usage_type",
    "operation",
    "product_family",
    "attributes",
    "sku",
    "effective_date",
    "confidence",
    "source",
];

/// `prices.csv` for a set of prices: one row per tier, sorted by region and key.
pub fn to_csv(prices: &[&Price]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut sorted: Vec<&&Price> = prices.iter().collect();
    sorted.sort_by(|a, b| (&a.region, &a.key).cmp(&(&b.region, &b.key)));
    let result = (|| -> csv::Result<()> {
        w.write_record(HEADER)?;
        for p in sorted {
            for t in &p.tiers {
                let end = if t.end.is_infinite() {
                    "Inf".to_string()
                } else {
                    t.end.to_string()
                };
                w.write_record([
                    p.service_code.as_str(),
                    &p.key,
                    &p.region,
                    &p.unit,
                    &t.usd.to_string(),
                    &t.begin.to_string(),
                    &end,
                    &p.usage_type,
                    &p.operation,
                    &p.product_family,
                    &p.attributes,
                    &p.sku,
                    &p.effective_date,
                    &format!("{:?}", p.confidence),
                    &p.source,
                ])?;
            }
        }
        Ok(())
    })();
    result.expect("writing CSV to memory cannot fail");
    String::from_utf8(w.into_inner().expect("in-memory writer")).expect("UTF-8 fields")
}

/// Writes a snapshot directory atomically: the files go into a temporary directory
/// beside `dir`, which then takes `dir`'s place. A failure leaves `dir` as it was.
pub fn write_dir(dir: &Path, prices: &[&Price], mut manifest: Manifest) -> std::io::Result<()> {
    let csv = to_csv(prices);
    let rows: usize = prices.iter().map(|p| p.tiers.len()).sum();
    manifest.files = vec![ManifestFile {
        name: "prices.csv".into(),
        sha256: sha256_hex(csv.as_bytes()),
        rows,
    }];
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)?;
    let tmp = tempfile::Builder::new()
        .prefix(".lakecost-prices-")
        .tempdir_in(&parent)?;
    std::fs::write(tmp.path().join("prices.csv"), &csv)?;
    let manifest_json =
        serde_json::to_string_pretty(&manifest).map_err(std::io::Error::other)? + "\n";
    std::fs::write(tmp.path().join("manifest.json"), manifest_json)?;
    let staged = tmp.keep();
    if dir.exists() {
        // Move the old snapshot aside, put the new one in place, then drop the old.
        let old = parent.join(format!(".lakecost-prices-old-{}", std::process::id()));
        std::fs::rename(dir, &old)?;
        if let Err(e) = std::fs::rename(&staged, dir) {
            std::fs::rename(&old, dir)?;
            return Err(e);
        }
        std::fs::remove_dir_all(&old)?;
    } else {
        std::fs::rename(&staged, dir)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_manifest_matches_the_bundled_file() {
        let m = parse_manifest(BUNDLED_MANIFEST).unwrap();
        assert_eq!(m.files[0].sha256, sha256_hex(BUNDLED_CSV.as_bytes()));
        let book = bundled().unwrap();
        for r in ["us-east-1", "us-west-2", "eu-west-1"] {
            assert!(book.covers(r).is_ok());
            assert!(m.regions.iter().any(|x| x == r));
        }
    }

    #[test]
    fn the_csv_writer_reads_back_to_the_same_prices() {
        let book = bundled().unwrap();
        let prices = book.prices();
        let again = parse_rows(&to_csv(&prices)).unwrap();
        assert_eq!(again.len(), prices.len());
        for (a, b) in again.iter().zip(prices) {
            assert_eq!(a, b);
        }
    }

    #[test]
    fn gaps_between_tiers_are_rejected() {
        let csv = "service_code,price_key,region,unit,usd,tier_begin,tier_end,usage_type,operation,product_family,attributes,sku,effective_date,confidence,source\n\
                   AmazonS3,k,us-east-1,GB-Mo,1,0,10,u,,,,,,V,s\n\
                   AmazonS3,k,us-east-1,GB-Mo,1,20,Inf,u,,,,,,V,s\n";
        assert!(
            parse_rows(csv)
                .unwrap_err()
                .to_string()
                .contains("contiguously")
        );
    }
}
