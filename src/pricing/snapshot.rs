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

/// The compiled-in snapshot, whole or for one region. Its manifest's checksum is
/// checked by a test at build time rather than at every start (the bytes are part of
/// the binary); a region's rows are picked out by a cheap scan before they are parsed.
pub(super) fn bundled(regions: Option<&[&str]>) -> Result<PriceBook, PricingError> {
    let manifest = parse_manifest(BUNDLED_MANIFEST)?;
    let provenance = Provenance {
        source: "bundled-snapshot".into(),
        snapshot_date: manifest.snapshot_date.clone(),
        path: None,
    };
    let Some(regions) = regions else {
        return build(&manifest, BUNDLED_CSV, provenance);
    };
    let header_end = BUNDLED_CSV.find('\n').map_or(BUNDLED_CSV.len(), |i| i + 1);
    let blocks = regions
        .iter()
        .map(|region| {
            let (start, end) = region_block(BUNDLED_CSV, header_end, region);
            (region.to_string(), key_slots(&BUNDLED_CSV[start..end]))
        })
        .collect();
    Ok(PriceBook::lazy(
        provenance,
        blocks,
        manifest.regions.clone(),
    ))
}

/// One region's rows of the bundled snapshot, key by key, unparsed. Each key's rows
/// are contiguous (the file is sorted by region and key); the key is a row's second
/// field, which never holds a comma or a quote.
fn key_slots(block: &'static str) -> super::Map<super::Slot> {
    let mut rows: super::Map<super::Slot> =
        super::Map::with_capacity_and_hasher(512, Default::default());
    let (mut key_start, mut current) = (0, "");
    let mut at = 0;
    for line in block.split_inclusive('\n') {
        let key = line.split(',').nth(1).unwrap_or_default();
        if key != current {
            if at > key_start {
                rows.insert(
                    current.to_string(),
                    super::Slot::unparsed(&block[key_start..at]),
                );
            }
            (key_start, current) = (at, key);
        }
        at += line.len();
    }
    if at > key_start {
        rows.insert(
            current.to_string(),
            super::Slot::unparsed(&block[key_start..at]),
        );
    }
    rows
}

/// Parses the bundled snapshot's rows of one key (no header; its columns in the order
/// of [`HEADER`], which a test checks) into its price. Fields are split by hand: a CSV
/// reader is built per call, which costs more than the few rows it would read.
pub(super) fn parse_bundled_key(rows: &str) -> Result<Price, PricingError> {
    let mut by_key = ByKey::new();
    let col: [usize; HEADER.len()] = std::array::from_fn(|i| i);
    for line in rows.lines() {
        let fields = split_csv_line(line);
        add_row(&mut by_key, &col, 0, |i| {
            fields.get(i).map_or("", |c| c.as_ref())
        })?;
    }
    let mut prices = finish(by_key)?;
    match (prices.pop(), prices.is_empty()) {
        (Some(p), true) => Ok(p),
        _ => Err(PricingError::Snapshot(
            "one key's rows of the bundled snapshot hold other keys".into(),
        )),
    }
}

/// The byte range of `region`'s rows in a snapshot CSV sorted by region (as
/// [`to_csv`] writes it), found by binary search over line starts: a start-up reads a
/// few hundred rows, not thousands. The region is each row's third field; the first
/// two (service code, key) never hold a comma or a quote.
fn region_block(csv: &str, body: usize, region: &str) -> (usize, usize) {
    // The start of the first line at or after `at`, and that line's region.
    let line_at = |at: usize| -> (usize, &str) {
        let start = if at <= body {
            body
        } else {
            csv[at - 1..].find('\n').map_or(csv.len(), |i| at + i)
        };
        let region = csv[start..].split(',').nth(2).unwrap_or("\u{10ffff}");
        (
            start,
            if start >= csv.len() {
                "\u{10ffff}"
            } else {
                region
            },
        )
    };
    // The first line whose region is not below `target` (or, with `after`, above it).
    let bound = |target: &str, after: bool| -> usize {
        let (mut lo, mut hi) = (body, csv.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let (start, r) = line_at(mid);
            let before = if after { r <= target } else { r < target };
            if before {
                lo = csv[start..].find('\n').map_or(csv.len(), |i| start + i + 1);
            } else {
                hi = mid;
            }
        }
        line_at(lo).0
    };
    (bound(region, false), bound(region, true))
}

/// The fields of one CSV line as Python's and the `csv` crate's writers write it: a
/// field is quoted when it holds a comma or a quote, a quote inside doubled.
fn split_csv_line(line: &str) -> Vec<std::borrow::Cow<'_, str>> {
    let mut out = Vec::with_capacity(HEADER.len());
    let mut rest = line;
    loop {
        if let Some(quoted) = rest.strip_prefix('"') {
            let mut text = String::new();
            let mut chars = quoted.char_indices();
            let mut end = quoted.len();
            while let Some((i, c)) = chars.next() {
                if c == '"' {
                    if quoted[i + 1..].starts_with('"') {
                        text.push('"');
                        chars.next();
                    } else {
                        end = i + 1;
                        break;
                    }
                } else {
                    text.push(c);
                }
            }
            out.push(std::borrow::Cow::Owned(text));
            rest = &quoted[end.min(quoted.len())..];
        } else {
            let stop = rest.find(',').unwrap_or(rest.len());
            out.push(std::borrow::Cow::Borrowed(&rest[..stop]));
            rest = &rest[stop..];
        }
        match rest.strip_prefix(',') {
            Some(r) => rest = r,
            None => return out,
        }
    }
}

/// Reads a snapshot directory (`--pricing DIR`).
pub fn load_dir(dir: &Path) -> Result<PriceBook, PricingError> {
    let read = |name: &str| {
        crate::files::read_text(
            &dir.join(name),
            crate::files::SNAPSHOT_LIMIT,
            "snapshot file",
        )
        .map_err(|e| PricingError::Snapshot(e.0))
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
    let mut regions: Vec<&str> = prices.iter().map(|p| p.region.as_str()).collect();
    regions.sort();
    regions.dedup();
    let mut listed: Vec<&str> = manifest.regions.iter().map(String::as_str).collect();
    listed.sort();
    if regions != listed {
        return Err(PricingError::Snapshot(format!(
            "the manifest lists the regions {}, but prices.csv holds prices for {}",
            listed.join(", "),
            regions.join(", ")
        )));
    }
    Ok(PriceBook::new(provenance, prices))
}

/// Parses `prices.csv` into prices, merging the tier rows of each (region, key) and
/// checking that tiers run contiguously from 0.
pub fn parse_rows(csv: &str) -> Result<Vec<Price>, PricingError> {
    let mut by_key: BTreeMap<(String, String), Price> = BTreeMap::new();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    // Fields by name, from the header: every row is read in place, and strings are
    // allocated only for a price's first tier (a start-up reads hundreds of rows).
    let header = reader
        .headers()
        .map_err(|e| PricingError::Snapshot(format!("prices.csv header: {e}")))?
        .clone();
    let mut col = [0usize; HEADER.len()];
    for (c, name) in col.iter_mut().zip(HEADER) {
        *c = header
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| PricingError::Snapshot(format!("prices.csv has no `{name}` column")))?;
    }
    let mut rec = csv::StringRecord::new();
    let mut line = 1;
    loop {
        let more = reader
            .read_record(&mut rec)
            .map_err(|e| PricingError::Snapshot(format!("prices.csv line {}: {e}", line + 1)))?;
        if !more {
            break;
        }
        line += 1;
        add_row(&mut by_key, &col, line, |i| rec.get(i).unwrap_or_default())?;
    }
    finish(by_key)
}

/// Prices by (region, key), their tier rows merged as they are read.
type ByKey = BTreeMap<(String, String), Price>;

/// Adds one row (`f(i)` is its field in column `i`) to its price.
fn add_row<'r>(
    by_key: &mut ByKey,
    col: &[usize; HEADER.len()],
    line: usize,
    f: impl Fn(usize) -> &'r str,
) -> Result<(), PricingError> {
    let [
        service_code,
        price_key,
        region,
        unit,
        usd,
        tier_begin,
        tier_end,
        usage_type,
        operation,
        product_family,
        attributes,
        sku,
        effective_date,
        confidence,
        source,
    ] = *col;
    let number = |i: usize, what: &str| -> Result<f64, PricingError> {
        f(i).trim().parse::<f64>().map_err(|_| {
            PricingError::Snapshot(format!(
                "prices.csv line {line}: {what} `{}` is not a number",
                f(i)
            ))
        })
    };
    let end = match f(tier_end) {
        "Inf" => f64::INFINITY,
        t => t
            .parse::<f64>()
            .ok()
            .filter(|e| e.is_finite())
            .ok_or_else(|| {
                PricingError::Snapshot(format!(
                    "prices.csv line {line}: tier_end `{t}` is not a finite number or Inf"
                ))
            })?,
    };
    let begin = number(tier_begin, "tier_begin")?;
    if !begin.is_finite() {
        return Err(PricingError::Snapshot(format!(
            "prices.csv line {line}: tier_begin {begin} is not a finite number"
        )));
    }
    let price_usd = number(usd, "usd")?;
    if !(price_usd >= 0.0 && price_usd.is_finite()) {
        return Err(PricingError::Snapshot(format!(
            "prices.csv line {line}: price {price_usd} is not a non-negative number"
        )));
    }
    let conf = Confidence::parse(f(confidence)).ok_or_else(|| {
        PricingError::Snapshot(format!(
            "prices.csv line {line}: confidence `{}` is not V, D, S or M",
            f(confidence)
        ))
    })?;
    let tier = Tier {
        begin,
        end,
        usd: price_usd,
        confidence: conf,
    };
    let key = (f(region).to_string(), f(price_key).to_string());
    let price = by_key.entry(key).or_insert_with(|| Price {
        key: f(price_key).to_string(),
        region: f(region).to_string(),
        service_code: f(service_code).to_string(),
        unit: f(unit).to_string(),
        tiers: Vec::new(),
        usage_type: f(usage_type).to_string(),
        operation: f(operation).to_string(),
        product_family: f(product_family).to_string(),
        attributes: f(attributes).to_string(),
        sku: f(sku).to_string(),
        effective_date: f(effective_date).to_string(),
        confidence: conf,
        source: f(source).to_string(),
        not_included: false,
        labels: Default::default(),
    });
    if price.unit != f(unit) {
        return Err(PricingError::Snapshot(format!(
            "prices.csv line {line}: {} in {} is priced per {} here and per {} above: one price has one unit",
            f(price_key),
            f(region),
            f(unit),
            price.unit
        )));
    }
    // A tiered price is as trustworthy as its least trusted tier.
    if conf.is_unverified() {
        price.confidence = conf;
    }
    price.tiers.push(tier);
    Ok(())
}

/// The merged prices, their tiers sorted and checked to run contiguously from 0.
fn finish(by_key: ByKey) -> Result<Vec<Price>, PricingError> {
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
                    &format!("{:?}", t.confidence),
                    &p.source,
                ])?;
            }
        }
        Ok(())
    })();
    result.expect("writing CSV to memory cannot fail");
    String::from_utf8(w.into_inner().expect("in-memory writer")).expect("UTF-8 fields")
}

/// The files of a snapshot directory: the only files `pricing refresh` ever replaces
/// or removes.
const SNAPSHOT_FILES: [&str; 2] = ["manifest.json", "prices.csv"];

/// Whether a snapshot may be written to `dir`: it is absent, an empty directory, or a
/// lakecost snapshot (its manifest says so) holding nothing but the snapshot's files.
/// Anything else (a file, a link, a directory of the user's) is refused, untouched.
pub fn check_replaceable(dir: &Path) -> Result<(), PricingError> {
    let shown = dir.display();
    let refuse = |why: String| {
        Err(PricingError::Snapshot(format!(
            "will not write a snapshot to {shown}: {why}; give a new or empty directory, or an existing lakecost snapshot"
        )))
    };
    let meta = match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return refuse(crate::files::io_reason(&e)),
        Ok(m) => m,
    };
    if meta.file_type().is_symlink() {
        return refuse("it is a symbolic link".into());
    }
    if !meta.is_dir() {
        return refuse("it is not a directory".into());
    }
    let entries = match std::fs::read_dir(dir).and_then(|d| {
        d.map(|e| e.map(|e| e.file_name()))
            .collect::<Result<Vec<_>, _>>()
    }) {
        Ok(entries) => entries,
        Err(e) => return refuse(crate::files::io_reason(&e)),
    };
    if entries.is_empty() {
        return Ok(());
    }
    let foreign: Vec<String> = entries
        .iter()
        .filter(|n| !SNAPSHOT_FILES.iter().any(|f| n.as_os_str() == *f))
        .map(|n| n.to_string_lossy().into_owned())
        .collect();
    if !foreign.is_empty() {
        return refuse(format!(
            "it holds files that are not a lakecost snapshot's ({})",
            foreign.join(", ")
        ));
    }
    let manifest = crate::files::read_text(
        &dir.join("manifest.json"),
        crate::files::SNAPSHOT_LIMIT,
        "snapshot file",
    );
    match manifest.ok().and_then(|t| parse_manifest(&t).ok()) {
        Some(m) if m.schema == MANIFEST_SCHEMA => Ok(()),
        _ => refuse("it has no lakecost snapshot manifest".into()),
    }
}

/// The manifest schema lakecost writes and reads.
pub const MANIFEST_SCHEMA: &str = "lakecost.pricing-manifest/v1";

/// Writes a snapshot directory atomically: the files go into a fresh private directory
/// beside `dir`, which then takes `dir`'s place. `dir` must pass [`check_replaceable`];
/// the old snapshot's own files are removed file by file, never recursively. A
/// failure leaves `dir` as it was and nothing beside it.
pub fn write_dir(
    dir: &Path,
    prices: &[&Price],
    mut manifest: Manifest,
) -> Result<(), PricingError> {
    check_replaceable(dir)?;
    let io = |what: &str, e: std::io::Error| {
        PricingError::Snapshot(format!(
            "{what} {}: {}",
            dir.display(),
            crate::files::io_reason(&e)
        ))
    };
    let csv = to_csv(prices);
    let rows: usize = prices.iter().map(|p| p.tiers.len()).sum();
    manifest.files = vec![ManifestFile {
        name: "prices.csv".into(),
        sha256: sha256_hex(csv.as_bytes()),
        rows,
    }];
    let parent = crate::files::parent_dir(dir);
    std::fs::create_dir_all(parent).map_err(|e| io("cannot create the folder of", e))?;
    // A fresh 0700 directory with an unpredictable name: nothing can be planted in it.
    let staged = tempfile::Builder::new()
        .prefix(".lakecost-prices-")
        .tempdir_in(parent)
        .map_err(|e| io("cannot stage a snapshot beside", e))?;
    let manifest_json = serde_json::to_string_pretty(&manifest)
        .map_err(|e| io("cannot write", std::io::Error::other(e)))?
        + "\n";
    let write = |name: &str, bytes: &[u8]| -> std::io::Result<()> {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(staged.path().join(name))?;
        f.write_all(bytes)?;
        f.sync_all()
    };
    write("prices.csv", csv.as_bytes()).map_err(|e| io("cannot write", e))?;
    write("manifest.json", manifest_json.as_bytes()).map_err(|e| io("cannot write", e))?;
    // The staged directory is private (0700); a snapshot is for reading.
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(staged.path(), std::fs::Permissions::from_mode(0o755))
            .map_err(|e| io("cannot stage a snapshot beside", e))?;
    }
    let is_snapshot = dir.join("manifest.json").exists();
    if !is_snapshot {
        // Absent, or an empty directory, which rename(2) replaces.
        std::fs::rename(staged.path(), dir).map_err(|e| io("cannot write", e))?;
        let _ = staged.keep();
        return Ok(());
    }
    // Move the old snapshot aside (onto an empty directory of our own), put the new one
    // in place, then remove the old snapshot's files and its now empty directory.
    let aside = tempfile::Builder::new()
        .prefix(".lakecost-prices-old-")
        .tempdir_in(parent)
        .map_err(|e| io("cannot move aside", e))?;
    std::fs::rename(dir, aside.path()).map_err(|e| io("cannot move aside", e))?;
    let old = aside.keep();
    if let Err(e) = std::fs::rename(staged.path(), dir) {
        let _ = std::fs::rename(&old, dir);
        return Err(io("cannot write", e));
    }
    let _ = staged.keep();
    for f in SNAPSHOT_FILES {
        let _ = std::fs::remove_file(old.join(f));
    }
    std::fs::remove_dir(&old).map_err(|e| {
        PricingError::Snapshot(format!(
            "wrote {}, but could not remove the old snapshot's folder {}: {}",
            dir.display(),
            old.display(),
            crate::files::io_reason(&e)
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_manifest_matches_the_bundled_file() {
        let m = parse_manifest(BUNDLED_MANIFEST).unwrap();
        assert_eq!(m.files[0].sha256, sha256_hex(BUNDLED_CSV.as_bytes()));
        let book = bundled(None).unwrap();
        for r in ["us-east-1", "us-west-2", "eu-west-1"] {
            assert!(book.covers(r).is_ok());
            assert!(m.regions.iter().any(|x| x == r));
        }
    }

    #[test]
    fn one_regions_book_holds_exactly_that_regions_prices() {
        let all = bundled(None).unwrap();
        for region in all.regions() {
            let one = bundled(Some(&[region.as_str()])).unwrap();
            let expected: Vec<&Price> = all
                .prices()
                .into_iter()
                .filter(|p| p.region == region)
                .collect();
            assert_eq!(one.prices(), expected, "{region}");
            assert_eq!(one.regions(), all.regions());
        }
    }

    #[test]
    fn the_csv_writer_reads_back_to_the_same_prices() {
        let book = bundled(None).unwrap();
        let prices = book.prices();
        let again = parse_rows(&to_csv(&prices)).unwrap();
        assert_eq!(again.len(), prices.len());
        for (a, b) in again.iter().zip(prices) {
            assert_eq!(a, b);
        }
    }

    const HEAD: &str = "service_code,price_key,region,unit,usd,tier_begin,tier_end,usage_type,operation,product_family,attributes,sku,effective_date,confidence,source\n";

    #[test]
    fn a_nan_tier_end_is_rejected() {
        let csv = format!("{HEAD}AmazonS3,k,us-east-1,GB-Mo,1,0,NaN,u,,,,,,V,s\n");
        let e = parse_rows(&csv).unwrap_err().to_string();
        assert!(e.contains("not a finite number or Inf"), "{e}");
    }

    #[test]
    fn one_key_with_two_units_is_rejected() {
        let csv = format!(
            "{HEAD}AmazonS3,k,us-east-1,GB-Mo,1,0,10,u,,,,,,V,s\nAmazonS3,k,us-east-1,GB,1,10,Inf,u,,,,,,V,s\n"
        );
        let e = parse_rows(&csv).unwrap_err().to_string();
        assert!(e.contains("one price has one unit"), "{e}");
    }

    #[test]
    fn manifest_regions_must_match_the_rows() {
        let mut m = parse_manifest(BUNDLED_MANIFEST).unwrap();
        m.regions.push("eu-central-1".into());
        let e = build(&m, BUNDLED_CSV, bundled(None).unwrap().provenance.clone())
            .unwrap_err()
            .to_string();
        assert!(e.contains("manifest lists the regions"), "{e}");
    }

    #[test]
    fn only_snapshots_and_empty_folders_are_replaceable() {
        let d = tempfile::tempdir().unwrap();
        assert!(check_replaceable(&d.path().join("new")).is_ok());
        assert!(check_replaceable(d.path()).is_ok());
        std::fs::write(d.path().join("thesis.txt"), "x").unwrap();
        let e = check_replaceable(d.path()).unwrap_err().to_string();
        assert!(e.contains("thesis.txt"), "{e}");
        assert!(check_replaceable(&d.path().join("thesis.txt")).is_err());
        // A manifest of another tool is not a snapshot.
        let other = d.path().join("other");
        std::fs::create_dir(&other).unwrap();
        std::fs::write(other.join("manifest.json"), "{}").unwrap();
        assert!(check_replaceable(&other).is_err());
        assert!(check_replaceable(Path::new("pricing-data")).is_ok());
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
