//! Prices from the AWS Price List Query API: reading its items, fetching them,
//! regenerating a snapshot (`lakecost pricing refresh`), and pricing an estimate live
//! (`--pricing live`) through an on-disk cache.

pub mod client;
pub mod price_list;
pub mod refresh;

use super::{Manifest, Price, PriceBook, Provenance, write_dir};
use client::{LiveConfig, LiveError, PriceListClient};
use refresh::{Event, Fetched};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Key prefixes of each service name `--services` accepts.
pub fn service_prefixes(service: &str) -> Option<&'static [&'static str]> {
    Some(match service {
        "s3" => &["s3."],
        "kinesis" => &["kinesis."],
        "firehose" => &["firehose."],
        "glue" => &["glue."],
        "emr" => &["emr.", "emr_serverless.", "ec2.", "ebs."],
        "redshift" => &["redshift."],
        "athena" => &["athena."],
        "lambda" => &["lambda."],
        "stepfunctions" => &["stepfunctions."],
        _ => return None,
    })
}

pub const SERVICES: [&str; 9] = [
    "s3",
    "kinesis",
    "firehose",
    "glue",
    "emr",
    "redshift",
    "athena",
    "lambda",
    "stepfunctions",
];

#[derive(Clone, Debug, PartialEq)]
pub struct RefreshRequest {
    /// Regions to fetch; empty: every region of the current snapshot.
    pub regions: Vec<String>,
    /// Services to fetch (`s3`, `kinesis`…); empty: all.
    pub services: Vec<String>,
    pub out: PathBuf,
    pub allow_partial: bool,
}

#[derive(Debug, PartialEq)]
pub enum RefreshError {
    Live(LiveError),
    /// Keys the API did not provide; nothing was written.
    Coverage(Vec<(String, String)>),
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
    pub missing: Vec<(String, String)>,
    pub malformed: usize,
    pub requests: usize,
}

/// `YYYY-MM-DD` and an RFC 3339 time for a UNIX time (UTC), for manifests.
pub fn utc_date_time(secs: u64) -> (String, String) {
    // Days to civil date (H. Hinnant's algorithm).
    let days = (secs / 86_400) as i64;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let rem = secs % 86_400;
    let date = format!("{y:04}-{m:02}-{d:02}");
    let time = format!(
        "{date}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    );
    (date, time)
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

fn selected(p: &Price, req: &RefreshRequest) -> bool {
    req.services.is_empty()
        || req
            .services
            .iter()
            .filter_map(|s| service_prefixes(s))
            .flatten()
            .any(|prefix| p.key.starts_with(prefix))
}

/// Fetches the prices asked for, checks coverage, and writes a new snapshot directory
/// atomically. Prices not asked for (other services or regions) are carried over from
/// `spec`, the snapshot being replaced.
pub async fn refresh(
    client: &PriceListClient,
    spec: &PriceBook,
    req: &RefreshRequest,
    on_event: &dyn Fn(Event),
) -> Result<RefreshSummary, RefreshError> {
    let known = spec.regions();
    for r in &req.regions {
        if !known.contains(r) {
            return Err(RefreshError::Usage(format!(
                "lakecost knows how to find prices for {} (the regions of the current snapshot), not {r}",
                known.join(", ")
            )));
        }
    }
    for s in &req.services {
        if service_prefixes(s).is_none() {
            return Err(RefreshError::Usage(format!(
                "unknown service `{s}`; services: {}",
                SERVICES.join(", ")
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
        known
    } else {
        req.regions.clone()
    };
    let all = spec.prices();
    let (asked, kept): (Vec<&Price>, Vec<&Price>) = all
        .into_iter()
        .partition(|p| regions.contains(&p.region) && selected(p, req));
    let fetched: Fetched = refresh::fetch(client, &asked, on_event)
        .await
        .map_err(RefreshError::Live)?;
    if !fetched.missing.is_empty() && !req.allow_partial {
        return Err(RefreshError::Coverage(fetched.missing));
    }
    let mut prices: Vec<&Price> = fetched.prices.iter().collect();
    prices.extend(kept.iter().copied());
    let (date, time) = utc_date_time(now_secs());
    let manifest = Manifest {
        schema: "lakecost.pricing-manifest/v1".into(),
        snapshot_date: date,
        fetched_at: Some(time),
        source: "aws-price-list-api".into(),
        sources: vec![
            "AWS Price List Query API, GetProducts".into(),
            format!(
                "carried over from the {} snapshot: {} price(s) the Query API does not serve (typical spot discounts) or that were not asked for",
                spec.provenance.snapshot_date,
                fetched.carried.len() + kept.len()
            ),
        ],
        regions: spec.regions(),
        files: Vec::new(),
    };
    write_dir(&req.out, &prices, manifest)
        .map_err(|e| RefreshError::Io(format!("writing {}: {e}", req.out.display())))?;
    Ok(RefreshSummary {
        prices: prices.len(),
        carried: fetched.carried,
        missing: fetched.missing,
        malformed: fetched.malformed,
        requests: fetched.requests,
    })
}

/// Live prices cached on disk for one region: when, and the prices in the snapshot's
/// CSV form (which keeps infinite tier ends, unlike JSON numbers).
#[derive(Debug, Default, Serialize, Deserialize)]
struct Cache {
    fetched_at: u64,
    prices_csv: String,
}

/// The user's cache directory for lakecost: `$LAKECOST_CACHE_DIR`, else
/// `$XDG_CACHE_HOME/lakecost`, else `~/.cache/lakecost`.
pub fn cache_dir() -> Option<PathBuf> {
    let var = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    var("LAKECOST_CACHE_DIR")
        .or_else(|| var("XDG_CACHE_HOME").map(|d| d.join("lakecost")))
        .or_else(|| var("HOME").map(|h| h.join(".cache").join("lakecost")))
}

/// `book` with the prices of `keys` in `region` fetched live, through a cache that
/// keeps them for `ttl`. The provenance becomes the Price List API; every line still
/// names its SKU and effective date.
pub async fn price_live(
    book: &PriceBook,
    region: &str,
    keys: &[String],
    cfg: &LiveConfig,
    cache: Option<&Path>,
    ttl: Duration,
    on_event: &dyn Fn(Event),
) -> Result<PriceBook, LiveError> {
    let file = cache.map(|d| d.join(format!("live-{region}.json")));
    let cached: Cache = file
        .as_ref()
        .and_then(|f| std::fs::read_to_string(f).ok())
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let cached_prices = super::parse_rows(&cached.prices_csv).unwrap_or_default();
    let fresh = now_secs().saturating_sub(cached.fetched_at) < ttl.as_secs();
    let has_all = keys.iter().all(|k| {
        cached_prices
            .iter()
            .any(|p| &p.key == k && p.region == region)
    });
    let (prices, fetched_at) = if fresh && has_all {
        (cached_prices, cached.fetched_at)
    } else {
        let spec: Vec<&Price> = keys
            .iter()
            .filter_map(|k| book.get(region, k).ok())
            .collect();
        let client = PriceListClient::new(cfg).await?;
        let got = refresh::fetch(&client, &spec, on_event).await?;
        if let Some((region, key)) = got.missing.first() {
            return Err(LiveError::Api {
                service_code: String::new(),
                message: format!(
                    "no product for `{key}` in {region} ({} key(s) missing)",
                    got.missing.len()
                ),
            });
        }
        let at = now_secs();
        if let (Some(f), Some(dir)) = (&file, cache) {
            let csv = super::to_csv(&got.prices.iter().collect::<Vec<_>>());
            let body = serde_json::to_string(&Cache {
                fetched_at: at,
                prices_csv: csv,
            })
            .unwrap_or_default();
            // The cache is a convenience: failing to write it is not an error.
            let _ = std::fs::create_dir_all(dir)
                .and_then(|_| crate::atomic_file::write(f, body.as_bytes()));
        }
        (got.prices, at)
    };
    let (date, _) = utc_date_time(fetched_at);
    Ok(book.with_overrides(
        Provenance {
            source: "aws-price-list-api".into(),
            snapshot_date: date,
            path: None,
        },
        prices,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(utc_date_time(0).1, "1970-01-01T00:00:00Z");
        // 2026-11-25T22:44:48Z
        assert_eq!(utc_date_time(1_795_646_688).1, "2026-11-25T22:44:48Z");
        assert_eq!(utc_date_time(951_782_400).0, "2000-02-29");
    }
}
