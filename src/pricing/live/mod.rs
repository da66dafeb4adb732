//! Prices from the AWS Price List Query API: reading its items, fetching them,
//! regenerating a snapshot (`lakecost pricing refresh`), and pricing an estimate live
//! (`--pricing live`) through an on-disk cache.

pub mod client;
pub mod offers;
pub mod price_list;
pub mod refresh;

use super::dates::{now_secs, utc_date_time};
use super::spec::Catalogue;
use super::{Manifest, Price, PriceBook, Provenance, write_dir};
use client::{FetchLimits, LiveConfig, LiveError, PriceListClient};
use refresh::{Event, Fetched};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Clone, Debug, PartialEq)]
pub struct RefreshRequest {
    /// Regions to fetch; empty: every region of the current snapshot.
    pub regions: Vec<String>,
    /// The key prefixes of the services to fetch (`s3.`, `ec2.`…; see
    /// `model::Service::key_prefixes`); empty: all.
    pub key_prefixes: Vec<String>,
    /// Every key lakecost prices, and how the Price List finds it.
    pub catalogue: Catalogue,
    pub out: PathBuf,
    pub allow_partial: bool,
    /// Write prices that moved by more than [`OUTLIER_FACTOR`], listing them.
    pub allow_outliers: bool,
    /// The instance types whose EC2 and EMR prices to fetch (the model's catalogue).
    pub instance_types: Vec<String>,
}

/// How far a refreshed price may move against the price it replaces before the refresh
/// is refused as implausible (AWS list prices move by percents, not by factors).
pub const OUTLIER_FACTOR: f64 = 10.0;

/// A refreshed price that moved by more than [`OUTLIER_FACTOR`].
#[derive(Clone, Debug, PartialEq)]
pub struct Outlier {
    pub region: String,
    pub key: String,
    pub old_usd: f64,
    pub new_usd: f64,
}

#[derive(Debug, PartialEq)]
pub enum RefreshError {
    Live(LiveError),
    /// Keys the API did not provide; nothing was written.
    Coverage(Vec<(String, String)>),
    /// Prices that moved implausibly far; nothing was written.
    Outliers(Vec<Outlier>),
    Usage(String),
    Io(String),
}

impl std::fmt::Display for RefreshError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RefreshError::Live(e) => e.fmt(f),
            RefreshError::Coverage(missing) => {
                writeln!(
                    f,
                    "the Price List API did not provide {} price(s) the models need; nothing was replaced:",
                    missing.len()
                )?;
                for (region, key) in missing {
                    writeln!(f, "  {region} {key}")?;
                }
                write!(
                    f,
                    "use --allow-partial with a new --out directory to write what was found"
                )
            }
            RefreshError::Outliers(list) => {
                writeln!(
                    f,
                    "{} price(s) moved by more than {OUTLIER_FACTOR}x against the snapshot being replaced; nothing was written:",
                    list.len()
                )?;
                for o in list {
                    writeln!(
                        f,
                        "  {} {}: {} -> {}",
                        o.region, o.key, o.old_usd, o.new_usd
                    )?;
                }
                write!(
                    f,
                    "check the endpoint; use --allow-outliers to write them anyway (they are listed in the summary)"
                )
            }
            RefreshError::Usage(m) | RefreshError::Io(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for RefreshError {}

/// What a refresh wrote.
#[derive(Clone, Debug, PartialEq)]
pub struct RefreshSummary {
    pub prices: usize,
    pub carried: Vec<(String, String)>,
    /// Prices the replaced snapshot had and the source did not give (`--allow-partial`).
    pub missing: Vec<(String, String)>,
    /// Keys the source has no product for in a region (e.g. an instance type not
    /// offered there); they were not in the replaced snapshot either.
    pub not_offered: Vec<(String, String)>,
    pub malformed: usize,
    pub requests: usize,
    /// Prices written although they moved implausibly (`--allow-outliers`).
    pub outliers: Vec<Outlier>,
}

/// Prices of `fetched` that moved by more than [`OUTLIER_FACTOR`] against `spec`,
/// tier by tier where the tiers line up, else by their highest tier price. A price
/// that becomes free, or stops being free, counts as moved.
pub fn outliers(fetched: &[Price], spec: &[&Price]) -> Vec<Outlier> {
    let moved = |old: f64, new: f64| {
        if old == 0.0 || new == 0.0 {
            old != new
        } else {
            let r = new / old;
            !(1.0 / OUTLIER_FACTOR..=OUTLIER_FACTOR).contains(&r)
        }
    };
    let top = |p: &Price| p.tiers.iter().map(|t| t.usd).fold(0.0, f64::max);
    let mut out = Vec::new();
    for new in fetched {
        let Some(old) = spec
            .iter()
            .find(|o| o.key == new.key && o.region == new.region)
        else {
            continue;
        };
        let aligned = old.tiers.len() == new.tiers.len()
            && old
                .tiers
                .iter()
                .zip(&new.tiers)
                .all(|(a, b)| a.begin == b.begin);
        let pair = if aligned {
            old.tiers
                .iter()
                .zip(&new.tiers)
                .map(|(a, b)| (a.usd, b.usd))
                .find(|&(a, b)| moved(a, b))
        } else {
            Some((top(old), top(new))).filter(|&(a, b)| moved(a, b))
        };
        if let Some((old_usd, new_usd)) = pair {
            out.push(Outlier {
                region: new.region.clone(),
                key: new.key.clone(),
                old_usd,
                new_usd,
            });
        }
    }
    out
}

fn selected(key: &str, req: &RefreshRequest) -> bool {
    req.key_prefixes.is_empty() || req.key_prefixes.iter().any(|p| key.starts_with(p.as_str()))
}

/// Checks a refresh request before any request is sent: the output must be a place a
/// snapshot may be written (see [`super::snapshot::check_replaceable`]).
pub fn check_request(req: &RefreshRequest) -> Result<(), RefreshError> {
    super::snapshot::check_replaceable(&req.out).map_err(|e| RefreshError::Usage(e.to_string()))
}

/// Fetches the prices asked for, checks coverage and plausibility, and writes a new
/// snapshot directory atomically. Prices not asked for (other services or regions) are
/// carried over from `spec`, the snapshot being replaced. Nothing is sent when the
/// output is not a place a snapshot may be written.
pub async fn refresh(
    source: &PriceSource<'_>,
    spec: &PriceBook,
    req: &RefreshRequest,
    limits: &FetchLimits,
    on_event: &dyn Fn(Event),
) -> Result<RefreshSummary, RefreshError> {
    check_request(req)?;
    for r in &req.regions {
        if crate::regions::region(r).is_none() {
            return Err(RefreshError::Usage(format!(
                "unknown region `{r}`; lakecost knows every commercial AWS region ({})",
                crate::regions::REGIONS
                    .iter()
                    .map(|r| r.code)
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
    }
    if req.allow_partial && req.out.exists() {
        return Err(RefreshError::Usage(format!(
            "--allow-partial writes to a new directory only, and {} exists",
            req.out.display()
        )));
    }
    let regions: Vec<String> = if req.regions.is_empty() {
        spec.regions()
    } else {
        req.regions.clone()
    };
    let types: Vec<&str> = req.instance_types.iter().map(String::as_str).collect();
    let ids: Vec<price_list::Identity> = regions
        .iter()
        .flat_map(|r| req.catalogue.identities(r, &types))
        .filter(|id| selected(&id.key, req))
        .collect();
    let all = spec.prices();
    let (asked, kept): (Vec<&Price>, Vec<&Price>) = all
        .into_iter()
        .partition(|p| regions.contains(&p.region) && selected(&p.key, req));
    let fetched: Fetched = source
        .fetch(&ids, limits, on_event)
        .await
        .map_err(RefreshError::Live)?;
    let found = |p: &Price| {
        fetched
            .prices
            .iter()
            .any(|f| f.key == p.key && f.region == p.region)
    };
    // Spot savings are not list prices: they stay as they were.
    let carried: Vec<&Price> = asked
        .iter()
        .copied()
        .filter(|p| !refresh::served_by_api(p, &req.catalogue))
        .collect();
    // A price the replaced snapshot had and the source no longer gives is a loss.
    let lost: Vec<(String, String)> = asked
        .iter()
        .filter(|p| refresh::served_by_api(p, &req.catalogue) && !found(p))
        .map(|p| (p.region.clone(), p.key.clone()))
        .collect();
    if !lost.is_empty() && !req.allow_partial {
        return Err(RefreshError::Coverage(lost));
    }
    let outliers = outliers(&fetched.prices, &asked);
    if !outliers.is_empty() && !req.allow_outliers {
        return Err(RefreshError::Outliers(outliers));
    }
    let mut prices: Vec<&Price> = fetched.prices.iter().collect();
    prices.extend(carried.iter().copied());
    prices.extend(kept.iter().copied());
    let mut all_regions: Vec<String> = prices.iter().map(|p| p.region.clone()).collect();
    all_regions.sort();
    all_regions.dedup();
    let (date, time) = utc_date_time(now_secs());
    let manifest = Manifest {
        schema: super::snapshot::MANIFEST_SCHEMA.into(),
        snapshot_date: date,
        fetched_at: Some(time),
        source: source.name().into(),
        sources: vec![
            source.describe(),
            format!(
                "carried over from the {} snapshot: {} price(s) that are not list prices (Spot Advisor savings) or were not asked for",
                spec.provenance.snapshot_date,
                carried.len() + kept.len()
            ),
        ],
        regions: all_regions,
        files: Vec::new(),
    };
    write_dir(&req.out, &prices, manifest).map_err(|e| RefreshError::Io(e.to_string()))?;
    Ok(RefreshSummary {
        prices: prices.len(),
        carried: carried
            .iter()
            .map(|p| (p.region.clone(), p.key.clone()))
            .collect(),
        missing: lost,
        not_offered: fetched.missing,
        malformed: fetched.malformed,
        requests: fetched.requests,
        outliers,
    })
}

/// Where refreshed prices come from.
pub enum PriceSource<'a> {
    /// The Price List Query API (GetProducts), with credentials.
    Api(&'a PriceListClient),
    /// AWS's public price files, no credentials needed.
    Offers(&'a offers::OfferSource),
}

impl PriceSource<'_> {
    /// The manifest's `source`.
    pub fn name(&self) -> &'static str {
        match self {
            PriceSource::Api(_) => "aws-price-list-api",
            PriceSource::Offers(_) => "aws-offer-files",
        }
    }

    /// Where the prices come from, in words.
    pub fn describe(&self) -> String {
        match self {
            PriceSource::Api(_) => "AWS Price List Query API, GetProducts".into(),
            PriceSource::Offers(o) => o.describe(),
        }
    }

    async fn fetch(
        &self,
        ids: &[price_list::Identity],
        limits: &FetchLimits,
        on_event: &dyn Fn(Event),
    ) -> Result<Fetched, LiveError> {
        match self {
            PriceSource::Api(client) => refresh::fetch(client, ids, limits, on_event).await,
            PriceSource::Offers(o) => o.fetch(ids, limits, on_event),
        }
    }
}

/// Live prices cached on disk for one region: where they came from, when, and the
/// prices in the snapshot's CSV form (which keeps infinite tier ends, unlike JSON
/// numbers), sealed with an HMAC so that an edited or foreign entry is never priced.
#[derive(Debug, Serialize, Deserialize)]
struct CacheEntry {
    schema: String,
    region: String,
    /// The endpoint the prices came from (`default` for AWS's own).
    endpoint: String,
    fetched_at: u64,
    prices_csv: String,
    /// HMAC-SHA256, hex, of the fields above under the cache's key.
    mac: String,
}

const CACHE_SCHEMA: &str = "lakecost.live-cache/v2";

/// Seconds of clock skew tolerated before a `fetched_at` counts as in the future.
const CLOCK_SKEW: u64 = 300;

impl CacheEntry {
    fn mac(&self, key: &[u8]) -> String {
        use hmac::{KeyInit, Mac};
        let mut m = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).expect("HMAC takes any key");
        for field in [
            self.schema.as_bytes(),
            self.region.as_bytes(),
            self.endpoint.as_bytes(),
            self.fetched_at.to_string().as_bytes(),
            self.prices_csv.as_bytes(),
        ] {
            m.update(&(field.len() as u64).to_be_bytes());
            m.update(field);
        }
        m.finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// The cache's secret key (`key` in the cache directory, 32 random bytes, mode 0600),
/// created on first use. It makes entries unforgeable by anyone who cannot read it,
/// and detects every edit; it is no defence against someone who can read the user's
/// files.
fn cache_key(dir: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::{Read, Write};
    use std::os::unix::fs::OpenOptionsExt;
    let path = dir.join("key");
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&path)
    {
        Ok(mut f) => {
            let mut key = vec![0u8; 32];
            std::fs::File::open("/dev/urandom")?.read_exact(&mut key)?;
            f.write_all(&key)?;
            f.sync_all()?;
            Ok(key)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            // Read as a regular file only: a FIFO put in its place must not block the run.
            let key = crate::files::read_bytes(&path, 64, "price cache key")
                .map_err(|e| std::io::Error::other(e.0))?;
            if key.len() == 32 {
                Ok(key)
            } else {
                Err(std::io::Error::other("the cache key is not 32 bytes"))
            }
        }
        Err(e) => Err(e),
    }
}

/// A valid cache entry for `region` and `endpoint`, or why there is none usable. `None`
/// means no entry; `Some(Err)` an entry that was discarded.
fn read_cache(
    file: &Path,
    key: &[u8],
    region: &str,
    endpoint: &str,
    now: u64,
) -> Option<Result<(Vec<Price>, u64), String>> {
    if !file.exists() {
        return None;
    }
    let entry = crate::files::read_text(file, crate::files::CACHE_LIMIT, "price cache")
        .map_err(|e| e.to_string())
        .and_then(|t| {
            serde_json::from_str::<CacheEntry>(&t).map_err(|_| "it cannot be parsed".to_string())
        });
    let checked = entry.and_then(|e| {
        if e.schema != CACHE_SCHEMA {
            Err(format!(
                "it has the schema `{}`",
                crate::text::one_line(&e.schema)
            ))
        } else if e.mac != e.mac(key) {
            Err("its checksum does not match: it was edited or written by another key".into())
        } else if e.region != region || e.endpoint != endpoint {
            Err("it was fetched for another region or endpoint".into())
        } else if e.fetched_at > now + CLOCK_SKEW {
            Err("its fetch time is in the future".into())
        } else {
            super::parse_rows(&e.prices_csv)
                .map(|p| (p, e.fetched_at))
                .map_err(|_| "its prices cannot be parsed".into())
        }
    });
    Some(checked)
}

/// The endpoint prices come from, as the cache records it.
fn endpoint_identity(cfg: &LiveConfig) -> String {
    cfg.endpoint_url
        .clone()
        .or_else(|| std::env::var("AWS_ENDPOINT_URL_PRICING").ok())
        .or_else(|| std::env::var("AWS_ENDPOINT_URL").ok())
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| "default".into())
}

/// "3 h", "2 d": an age for the report header.
fn age(secs: u64) -> String {
    match secs {
        s if s < 3600 => format!("{} min", s / 60),
        s if s < 2 * 86_400 => format!("{} h", s / 3600),
        s => format!("{} d", s / 86_400),
    }
}

/// The bundled snapshot standing in for live prices that could not be fetched, marked
/// so that every report names it as the fallback it is.
pub fn fallback(bundled: PriceBook) -> PriceBook {
    let mut book = bundled;
    book.provenance.source = "bundled-snapshot (live pricing unavailable)".into();
    book
}

/// The user's cache directory for lakecost: `$LAKECOST_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/lakecost`, else `~/.cache/lakecost`.
pub fn cache_dir() -> Option<PathBuf> {
    cache_dir_from(|k| std::env::var_os(k))
}

/// [`cache_dir`] with the environment read through `var`.
fn cache_dir_from(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> Option<PathBuf> {
    let var = |k: &str| var(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    // The XDG Base Directory spec: a relative XDG_CACHE_HOME is invalid and ignored.
    var("LAKECOST_CACHE_DIR")
        .or_else(|| {
            var("XDG_CACHE_HOME")
                .filter(|d| d.is_absolute())
                .map(|d| d.join("lakecost"))
        })
        .or_else(|| var("HOME").map(|h| h.join(".cache").join("lakecost")))
}

/// The prices an estimate needs: `keys` of `region`, found through `catalogue`.
pub struct Wanted<'a> {
    pub region: &'a str,
    pub keys: &'a [String],
    pub catalogue: &'a Catalogue,
}

/// `book` with the prices `wanted` fetched live, through a cache that keeps them for
/// `ttl`. The provenance becomes the Price List API (saying so when the
/// prices came from the cache, and how old they are); every line still names its SKU
/// and effective date. A cache entry that fails its checks is discarded with a notice.
pub async fn price_live(
    book: &PriceBook,
    wanted: Wanted<'_>,
    cfg: &LiveConfig,
    cache: Option<&Path>,
    ttl: Duration,
    on_event: &dyn Fn(Event),
) -> Result<PriceBook, LiveError> {
    let Wanted {
        region,
        keys,
        catalogue,
    } = wanted;
    let now = now_secs();
    let endpoint = endpoint_identity(cfg);
    let file = cache.map(|d| d.join(format!("live-{region}.json")));
    let key = cache.and_then(|d| {
        std::fs::create_dir_all(d)
            .and_then(|_| cache_key(d))
            .map_err(|e| {
                on_event(Event::Notice(format!(
                    "the price cache in {} is not used: {}",
                    d.display(),
                    crate::files::io_reason(&e)
                )))
            })
            .ok()
    });
    let cached = match (&file, &key) {
        (Some(f), Some(k)) => match read_cache(f, k, region, &endpoint, now) {
            Some(Ok(c)) => Some(c),
            Some(Err(why)) => {
                on_event(Event::Notice(format!(
                    "discarded the cached prices in {}: {why}",
                    f.display()
                )));
                let _ = std::fs::remove_file(f);
                None
            }
            None => None,
        },
        _ => None,
    };
    let usable = cached.filter(|(prices, at)| {
        now.saturating_sub(*at) < ttl.as_secs()
            && keys
                .iter()
                .all(|k| prices.iter().any(|p| &p.key == k && p.region == region))
    });
    if let Some((prices, at)) = usable {
        let (date, time) = utc_date_time(at);
        return Ok(book.with_overrides(
            Provenance {
                source: format!(
                    "aws-price-list-api (cached, fetched {time}, {} old)",
                    age(now.saturating_sub(at))
                ),
                snapshot_date: date,
                path: None,
            },
            prices,
        ));
    }
    let ids: Vec<price_list::Identity> = keys
        .iter()
        .filter_map(|k| catalogue.identity(k, region))
        .collect();
    let client = PriceListClient::new(cfg).await?;
    let mut got = refresh::fetch(&client, &ids, &cfg.limits, on_event).await?;
    // Spot savings and keys no region's identity names are not fetched: keep the
    // book's.
    got.prices.extend(
        keys.iter()
            .filter_map(|k| book.get(region, k).ok())
            .filter(|p| !refresh::served_by_api(p, catalogue))
            .map(|p| Price::clone(p)),
    );
    if let Some((region, key)) = got.missing.first() {
        return Err(LiveError::Api {
            service_code: String::new(),
            message: format!(
                "no product for `{key}` in {region} ({} key(s) missing)",
                got.missing.len()
            ),
        });
    }
    if let (Some(f), Some(k)) = (&file, &key) {
        let mut entry = CacheEntry {
            schema: CACHE_SCHEMA.into(),
            region: region.into(),
            endpoint,
            fetched_at: now,
            prices_csv: super::to_csv(&got.prices.iter().collect::<Vec<_>>()),
            mac: String::new(),
        };
        entry.mac = entry.mac(k);
        // The cache is a convenience: failing to write it is not an error.
        if let Ok(body) = serde_json::to_string(&entry) {
            let _ = crate::files::write_atomic(f, body.as_bytes());
        }
    }
    let (date, _) = utc_date_time(now);
    Ok(book.with_overrides(
        Provenance {
            source: "aws-price-list-api".into(),
            snapshot_date: date,
            path: None,
        },
        got.prices,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relative_xdg_cache_home_is_ignored() {
        let env = |xdg: &'static str| {
            move |k: &str| match k {
                "XDG_CACHE_HOME" => Some(xdg.into()),
                "HOME" => Some("/home/u".into()),
                _ => None,
            }
        };
        assert_eq!(
            cache_dir_from(env("/var/cache")),
            Some(PathBuf::from("/var/cache/lakecost"))
        );
        assert_eq!(
            cache_dir_from(env("rel/cache")),
            Some(PathBuf::from("/home/u/.cache/lakecost"))
        );
    }

    /// A FIFO in the key's place is refused at once, not waited on.
    #[test]
    fn a_fifo_for_the_cache_key_does_not_block() {
        let dir = tempfile::tempdir().unwrap();
        let key = std::ffi::CString::new(dir.path().join("key").to_str().unwrap()).unwrap();
        // SAFETY: mkfifo reads the NUL-terminated path it is given.
        assert_eq!(unsafe { libc::mkfifo(key.as_ptr(), 0o600) }, 0);
        let e = cache_key(dir.path()).unwrap_err().to_string();
        assert!(e.contains("a FIFO"), "{e}");
    }

    fn price(usd: &[f64]) -> Price {
        let book = PriceBook::bundled().unwrap();
        let mut p = Price::clone(book.get("us-east-1", "s3.storage.STANDARD").unwrap());
        for (t, u) in p.tiers.iter_mut().zip(usd) {
            t.usd = *u;
        }
        p
    }

    #[test]
    fn prices_moving_by_a_factor_are_outliers() {
        let old = price(&[0.023, 0.022, 0.021]);
        // A 9% rise is news, not an outlier.
        assert!(outliers(&[price(&[0.025, 0.022, 0.021])], &[&old]).is_empty());
        let o = outliers(&[price(&[1e-12, 0.022, 0.021])], &[&old]);
        assert_eq!((o[0].old_usd, o[0].new_usd), (0.023, 1e-12));
        assert_eq!(outliers(&[price(&[0.023, 0.022, 1e308])], &[&old]).len(), 1);
        assert_eq!(outliers(&[price(&[0.0, 0.022, 0.021])], &[&old]).len(), 1);
    }

    #[test]
    fn an_edited_or_future_cache_entry_is_discarded() {
        let dir = tempfile::tempdir().unwrap();
        let key = cache_key(dir.path()).unwrap();
        assert_eq!(cache_key(dir.path()).unwrap(), key, "the key is kept");
        let file = dir.path().join("live-us-east-1.json");
        let write = |fetched_at: u64, csv: &str, seal: bool| {
            let mut e = CacheEntry {
                schema: CACHE_SCHEMA.into(),
                region: "us-east-1".into(),
                endpoint: "default".into(),
                fetched_at,
                prices_csv: csv.into(),
                mac: String::new(),
            };
            if seal {
                e.mac = e.mac(&key);
            }
            std::fs::write(&file, serde_json::to_string(&e).unwrap()).unwrap();
        };
        let csv = super::super::to_csv(&[&price(&[0.023, 0.022, 0.021])]);
        let read = || read_cache(&file, &key, "us-east-1", "default", 1_000_000);
        write(999_000, &csv, true);
        assert_eq!(read().unwrap().unwrap().1, 999_000);
        // Edited after sealing: S3 Standard at $0.0000001.
        write(999_000, &csv.replace("0.023", "0.0000001"), false);
        assert!(read().unwrap().unwrap_err().contains("checksum"));
        write(2_000_000, &csv, true);
        assert!(read().unwrap().unwrap_err().contains("future"));
        std::fs::write(&file, "{ not json").unwrap();
        assert!(read().unwrap().unwrap_err().contains("parsed"));
        assert!(
            read_cache(&file, &key, "eu-west-1", "default", 1_000_000)
                .unwrap()
                .is_err()
        );
    }
}
