//! Live pricing over real HTTP against a Price List stand-in on 127.0.0.1 (see
//! `support/price_list_server.rs`): refresh, estimate from the result, diff, retries,
//! odd pages, coverage, credentials and secrets.

use crate::support::price_list_server::{Fixture, items_from_bundled};
use lakecost::pricing::PriceBook;
use lakecost::pricing::live::client::{FetchLimits, LiveConfig, PriceListClient};
use lakecost::pricing::live::{RefreshError, RefreshRequest, refresh};
use std::path::Path;
use std::process::Output;
use std::time::Duration;

use crate::support::run::{SECRET, lakecost_aws as lakecost_env};

/// Runs lakecost with a clean environment: dummy credentials (unless `creds` is
/// false), no instance metadata, no profile files.
fn lakecost(args: &[&str], creds: bool, home: &Path) -> Output {
    lakecost_env(args, creds, home, &[])
}

/// `lakecost pricing refresh --region us-east-1 --out OUT --endpoint-url URL`.
fn refresh_to(out: &Path, url: &str, creds: bool, home: &Path) -> Output {
    let out = out.to_str().unwrap();
    lakecost(
        &[
            "pricing",
            "refresh",
            "--region",
            "us-east-1",
            "--out",
            out,
            "--endpoint-url",
            url,
        ],
        creds,
        home,
    )
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn s3_standard_first_tier_to(usd: f64) -> impl Fn(&mut lakecost::pricing::Price) {
    move |p| {
        if p.key == "s3.storage.STANDARD" && p.region == "us-east-1" {
            p.tiers[0].usd = usd;
        }
    }
}

#[test]
fn refresh_then_estimate_then_diff() {
    let fixture = Fixture::start(items_from_bundled(s3_standard_first_tier_to(0.025)));
    let home = tempfile::tempdir().unwrap();
    let out = home.path().join("prices");
    let o = refresh_to(&out, &fixture.url, true, home.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("0 missing"), "{}", text(&o));
    // The written snapshot loads, names its source, and carries spot discounts over.
    let book = lakecost::pricing::load_dir(&out).unwrap();
    let manifest = std::fs::read_to_string(out.join("manifest.json")).unwrap();
    assert!(
        manifest.contains("\"source\": \"aws-price-list-api\"") && manifest.contains("fetched_at")
    );
    let s3 = book.get("us-east-1", "s3.storage.STANDARD").unwrap();
    assert_eq!(
        s3.tiers.iter().map(|t| t.usd).collect::<Vec<_>>(),
        vec![0.025, 0.022, 0.021]
    );
    assert!(s3.source.contains("aws-price-list-api"));
    assert!(book.get("us-east-1", "ec2.spot_discount.m5.xlarge").is_ok());

    // An estimate priced from it shows the new price.
    let o = lakecost(
        &[
            "estimate",
            "--pricing",
            out.to_str().unwrap(),
            "scenarios/1tb-day.yaml",
        ],
        true,
        home.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("$0.025"));

    // pricing diff lists exactly that change.
    let o = lakecost(
        &["pricing", "diff", "bundled", out.to_str().unwrap()],
        true,
        home.path(),
    );
    let t = text(&o);
    assert!(t.contains(": 1 change(s)"), "{t}");
    assert!(
        t.contains("s3.storage.STANDARD") && t.contains("+8.7%"),
        "{t}"
    );
}

#[test]
fn a_refresh_that_loses_coverage_leaves_the_snapshot_as_it_was() {
    let items: Vec<String> = items_from_bundled(|_| {})
        .into_iter()
        .filter(|i| !i.contains("AmazonAthena"))
        .collect();
    let fixture = Fixture::start(items);
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("pricing-data");
    std::fs::create_dir(&dir).unwrap();
    for f in ["prices.csv", "manifest.json"] {
        std::fs::copy(Path::new("pricing-data").join(f), dir.join(f)).unwrap();
    }
    let before: Vec<Vec<u8>> = ["prices.csv", "manifest.json"]
        .iter()
        .map(|f| std::fs::read(dir.join(f)).unwrap())
        .collect();
    // The SDK's standard endpoint override, instead of --endpoint-url.
    let o = lakecost_env(
        &[
            "pricing",
            "refresh",
            "--region",
            "us-east-1",
            "--out",
            dir.to_str().unwrap(),
        ],
        true,
        home.path(),
        &[("AWS_ENDPOINT_URL_PRICING", &fixture.url)],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("athena.sql.scanned"), "{}", text(&o));
    assert!(text(&o).contains("nothing was replaced"));
    let after: Vec<Vec<u8>> = ["prices.csv", "manifest.json"]
        .iter()
        .map(|f| std::fs::read(dir.join(f)).unwrap())
        .collect();
    assert_eq!(before, after);
    // Nothing was left beside it either.
    assert_eq!(std::fs::read_dir(home.path()).unwrap().count(), 1);
}

#[test]
fn no_secret_appears_at_any_verbosity() {
    let fixture = Fixture::start(items_from_bundled(|_| {}));
    fixture.with(|s| s.throttle = 1);
    let home = tempfile::tempdir().unwrap();
    let out = home.path().join("p");
    let o = lakecost(
        &[
            "pricing",
            "refresh",
            "-vvv",
            "--services",
            "s3",
            "--region",
            "us-east-1",
            "--out",
            out.to_str().unwrap(),
            "--endpoint-url",
            &fixture.url,
        ],
        true,
        home.path(),
    );
    let t = text(&o);
    assert_eq!(o.status.code(), Some(0), "{t}");
    assert!(
        t.contains("GetProducts AmazonS3 us-east-1"),
        "verbose output lists requests: {t}"
    );
    for needle in [
        SECRET,
        "Signature=",
        "AWS4-HMAC-SHA256",
        "uthorization",
        "AKIAFIXTURE",
        "X-Amz-Security-Token",
    ] {
        assert!(!t.contains(needle), "`{needle}` leaked: {t}");
    }
    // The requests were signed: the server saw the header the output never shows.
    fixture.with(|s| {
        assert!(s.headers_seen.iter().any(|h| {
            h.to_ascii_lowercase()
                .starts_with("authorization: aws4-hmac-sha256")
        }))
    });
    // Live estimates too.
    let o = lakecost(
        &[
            "estimate",
            "-vvv",
            "--pricing",
            "live",
            "--endpoint-url",
            &fixture.url,
            "scenarios/small-team.yaml",
        ],
        true,
        home.path(),
    );
    let t = text(&o);
    for needle in [SECRET, "Signature=", "AWS4-HMAC-SHA256", "uthorization"] {
        assert!(!t.contains(needle), "`{needle}` leaked: {t}");
    }
}

#[test]
fn missing_credentials_are_explained_and_live_estimates_fall_back_loudly() {
    let fixture = Fixture::start(items_from_bundled(|_| {}));
    let home = tempfile::tempdir().unwrap();
    let out = home.path().join("p");
    let o = refresh_to(&out, &fixture.url, false, home.path());
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).contains("AWS_ACCESS_KEY_ID") && text(&o).contains("AWS_PROFILE"),
        "{}",
        text(&o)
    );
    assert!(!out.exists());
    let o = lakecost(
        &[
            "estimate",
            "--pricing",
            "live",
            "--endpoint-url",
            &fixture.url,
            "scenarios/small-team.yaml",
        ],
        false,
        home.path(),
    );
    assert_eq!(o.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("FALLING BACK to the bundled price snapshot"),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("live pricing unavailable"));
    assert_eq!(fixture.state.lock().unwrap().requests, 0);
}

#[test]
fn live_estimates_fetch_only_what_they_need_and_cache_it() {
    let fixture = Fixture::start(items_from_bundled(s3_standard_first_tier_to(0.025)));
    let home = tempfile::tempdir().unwrap();
    let args = [
        "estimate",
        "--pricing",
        "live",
        "--endpoint-url",
        &fixture.url,
        "scenarios/1tb-day.yaml",
    ];
    let o = lakecost(&args, true, home.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let t = String::from_utf8_lossy(&o.stdout).to_string();
    assert!(
        t.contains("aws-price-list-api") && t.contains("$0.025"),
        "{t}"
    );
    let first = fixture.state.lock().unwrap().requests;
    // Fewer requests than the whole region's keys: only what 1tb-day prices.
    let region_keys = PriceBook::bundled()
        .unwrap()
        .prices()
        .into_iter()
        .filter(|p| p.region == "us-east-1" && p.unit != "Fraction")
        .count();
    assert!(
        first > 0 && first < region_keys / 2,
        "{first} requests for {region_keys} keys"
    );
    // A second run within the time-to-live reads the cache.
    let o = lakecost(&args, true, home.path());
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(fixture.state.lock().unwrap().requests, first);
    assert!(
        home.path()
            .join("cache")
            .join("live-us-east-1.json")
            .exists()
    );
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Library-level refresh of S3 in us-east-1 with fast retries.
fn refresh_s3(
    fixture: &Fixture,
    out: &Path,
) -> Result<lakecost::pricing::live::RefreshSummary, RefreshError> {
    // SAFETY of env: tests in this file that call this set the same values.
    let cfg = LiveConfig {
        endpoint_url: Some(fixture.url.clone()),
        max_attempts: 4,
        initial_backoff: Duration::from_millis(5),
        timeout: Duration::from_secs(10),
        limits: FetchLimits::default(),
    };
    runtime().block_on(async {
        let client =
            PriceListClient::with_static_credentials(&cfg, "AKIAFIXTUREFIXTURE00", SECRET).await;
        let req = RefreshRequest {
            regions: vec!["us-east-1".into()],
            key_prefixes: lakecost::model::Service::S3.key_prefixes(),
            catalogue: lakecost::model::services::catalogue(),
            out: out.to_path_buf(),
            allow_partial: false,
            allow_outliers: false,
            instance_types: Vec::new(),
        };
        refresh(
            &lakecost::pricing::live::PriceSource::Api(&client),
            &PriceBook::bundled().unwrap(),
            &req,
            &cfg.limits,
            &|_| {},
        )
        .await
    })
}

#[test]
fn throttling_and_server_errors_are_retried() {
    let fixture = Fixture::start(items_from_bundled(|_| {}));
    fixture.with(|s| {
        s.throttle = 2;
        s.fail_5xx = 1;
    });
    let dir = tempfile::tempdir().unwrap();
    let summary = refresh_s3(&fixture, &dir.path().join("p")).unwrap();
    assert!(summary.missing.is_empty());
    // Three failed attempts were retried on top of the requests that succeeded.
    assert_eq!(fixture.state.lock().unwrap().requests, summary.requests + 3);
}

#[test]
fn retries_end_in_a_clear_error_and_nothing_is_written() {
    let fixture = Fixture::start(items_from_bundled(|_| {}));
    fixture.with(|s| s.throttle = 100);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p");
    let e = refresh_s3(&fixture, &out).unwrap_err();
    assert!(e.to_string().contains("ThrottlingException"), "{e}");
    assert!(!out.exists());
}

#[test]
fn empty_pages_and_malformed_items_are_handled() {
    let fixture = Fixture::start(items_from_bundled(|_| {}));
    fixture.with(|s| {
        s.empty_first_page = true;
        s.malformed_for = Some(("volumeType".into(), "Standard".into()));
        s.page_size = 1;
    });
    let dir = tempfile::tempdir().unwrap();
    let summary = refresh_s3(&fixture, &dir.path().join("p")).unwrap();
    assert!(summary.missing.is_empty(), "{:?}", summary.missing);
    assert_eq!(summary.malformed, 1);
    let book = lakecost::pricing::load_dir(&dir.path().join("p")).unwrap();
    assert_eq!(
        book.get("us-east-1", "s3.storage.STANDARD")
            .unwrap()
            .tiers
            .len(),
        3
    );
}

/// A copy of the bundled snapshot in `dir`, and its bytes to compare with later.
fn snapshot_copy(dir: &Path) -> Vec<Vec<u8>> {
    std::fs::create_dir_all(dir).unwrap();
    ["prices.csv", "manifest.json"]
        .iter()
        .map(|f| {
            std::fs::copy(Path::new("pricing-data").join(f), dir.join(f)).unwrap();
            std::fs::read(dir.join(f)).unwrap()
        })
        .collect()
}

fn snapshot_bytes(dir: &Path) -> Vec<Vec<u8>> {
    ["prices.csv", "manifest.json"]
        .iter()
        .map(|f| std::fs::read(dir.join(f)).unwrap())
        .collect()
}

/// `pricing refresh` of S3 in us-east-1 into `out`, with extra arguments.
fn refresh_s3_cli(fixture: &Fixture, out: &Path, home: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "pricing",
        "refresh",
        "--services",
        "s3",
        "--region",
        "us-east-1",
        "--max-attempts",
        "1",
        "--out",
        out.to_str().unwrap(),
        "--endpoint-url",
        &fixture.url,
    ];
    args.extend_from_slice(extra);
    lakecost(&args, true, home)
}

#[test]
fn refresh_out_over_a_user_directory_is_refused_before_any_request() {
    let fixture = Fixture::start(items_from_bundled(|_| {}));
    let home = tempfile::tempdir().unwrap();
    let d = home.path().join("d");
    std::fs::create_dir(&d).unwrap();
    std::fs::write(d.join("thesis.txt"), "x").unwrap();
    let o = refresh_s3_cli(&fixture, &d, home.path(), &[]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("thesis.txt"), "{}", text(&o));
    assert_eq!(std::fs::read_to_string(d.join("thesis.txt")).unwrap(), "x");
    assert_eq!(std::fs::read_dir(&d).unwrap().count(), 1);
    assert_eq!(fixture.state.lock().unwrap().requests, 0);
}

#[test]
fn refresh_out_onto_a_file_is_refused_untouched() {
    let fixture = Fixture::start(items_from_bundled(|_| {}));
    let home = tempfile::tempdir().unwrap();
    let f = home.path().join("notes");
    std::fs::write(&f, "mine").unwrap();
    let o = refresh_s3_cli(&fixture, &f, home.path(), &[]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert_eq!(std::fs::read_to_string(&f).unwrap(), "mine");
    // Nothing hidden was left beside it either.
    assert_eq!(std::fs::read_dir(home.path()).unwrap().count(), 1);
    assert_eq!(fixture.state.lock().unwrap().requests, 0);
}

#[test]
fn refresh_replaces_a_snapshot_without_touching_anything_beside_it() {
    let fixture = Fixture::start(items_from_bundled(s3_standard_first_tier_to(0.025)));
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("snap");
    let before = snapshot_copy(&dir);
    std::fs::write(home.path().join("neighbour.txt"), "n").unwrap();
    let o = refresh_s3_cli(&fixture, &dir, home.path(), &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert_ne!(snapshot_bytes(&dir), before);
    let mut names: Vec<String> = std::fs::read_dir(home.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["neighbour.txt", "snap"]);
}

#[test]
fn endless_page_tokens_stop_at_the_page_cap_with_the_snapshot_intact() {
    let fixture = Fixture::start(items_from_bundled(|_| {}));
    fixture.with(|s| s.paging = crate::support::price_list_server::Paging::Endless);
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("snap");
    let before = snapshot_copy(&dir);
    let o = refresh_s3_cli(&fixture, &dir, home.path(), &["--max-pages", "20"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("past 20 pages"), "{}", text(&o));
    assert_eq!(fixture.state.lock().unwrap().requests, 20);
    assert_eq!(snapshot_bytes(&dir), before);
}

#[test]
fn cycling_page_tokens_are_detected() {
    let fixture = Fixture::start(items_from_bundled(|_| {}));
    fixture.with(|s| s.paging = crate::support::price_list_server::Paging::Cycle);
    let home = tempfile::tempdir().unwrap();
    let o = refresh_s3_cli(&fixture, &home.path().join("p"), home.path(), &[]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("paging cycle"), "{}", text(&o));
    assert!(fixture.state.lock().unwrap().requests <= 3);
}

#[test]
fn huge_pages_stop_at_the_byte_cap() {
    let fixture = Fixture::start(items_from_bundled(|_| {}));
    fixture.with(|s| {
        s.paging = crate::support::price_list_server::Paging::Endless;
        s.page_padding = 1 << 20;
    });
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("snap");
    let before = snapshot_copy(&dir);
    let o = refresh_s3_cli(&fixture, &dir, home.path(), &["--max-mb", "8"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("more than 8 MiB"), "{}", text(&o));
    assert!(fixture.state.lock().unwrap().requests <= 9);
    assert_eq!(snapshot_bytes(&dir), before);
}

#[test]
fn reflected_headers_never_reach_the_output() {
    let fixture = Fixture::start(items_from_bundled(|_| {}));
    fixture.with(|s| s.echo_headers = true);
    let home = tempfile::tempdir().unwrap();
    let o = refresh_s3_cli(&fixture, &home.path().join("p"), home.path(), &["-vvv"]);
    let t = text(&o);
    assert_eq!(o.status.code(), Some(2), "{t}");
    for needle in [
        SECRET,
        "AKIAFIXTURE",
        "Signature=",
        "AWS4-HMAC-SHA256",
        "uthorization",
    ] {
        assert!(!t.contains(needle), "`{needle}` leaked: {t}");
    }
    assert!(t.contains("withheld"), "{t}");
}

#[test]
fn escape_sequences_in_server_errors_never_reach_the_terminal() {
    let fixture = Fixture::start(items_from_bundled(|_| {}));
    fixture.with(|s| s.error_message = Some("bad\u{1b}]0;pwned\u{7}\u{1b}[31m filter\r\nX".into()));
    let home = tempfile::tempdir().unwrap();
    let o = refresh_s3_cli(&fixture, &home.path().join("p"), home.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    let raw = [o.stdout.as_slice(), o.stderr.as_slice()].concat();
    assert!(
        !raw.iter().any(|&b| b < 0x20 && b != b'\n' || b == 0x7f),
        "a control character reached the terminal: {}",
        text(&o)
    );
    assert!(
        text(&o).contains("InvalidParameterException"),
        "{}",
        text(&o)
    );
}

#[test]
fn a_body_that_is_not_json_is_reported_as_such() {
    let fixture = Fixture::start(items_from_bundled(|_| {}));
    fixture.with(|s| s.not_json = true);
    let home = tempfile::tempdir().unwrap();
    let o = refresh_s3_cli(&fixture, &home.path().join("p"), home.path(), &[]);
    assert_eq!(o.status.code(), Some(2));
    let t = text(&o);
    assert!(!t.contains("no message"), "{t}");
    assert!(t.contains("JSON"), "{t}");
}

#[test]
fn absurd_prices_are_refused_unless_allowed() {
    let fixture = Fixture::start(items_from_bundled(s3_standard_first_tier_to(1e-8)));
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("snap");
    let before = snapshot_copy(&dir);
    let o = refresh_s3_cli(&fixture, &dir, home.path(), &[]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("s3.storage.STANDARD: 0.023 -> 0.00000001"),
        "{}",
        text(&o)
    );
    assert_eq!(snapshot_bytes(&dir), before);
    let o = refresh_s3_cli(&fixture, &dir, home.path(), &["--allow-outliers"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("outlier (written with --allow-outliers)"));
}

#[test]
fn unbounded_durations_and_attempts_are_refused_without_a_panic() {
    let home = tempfile::tempdir().unwrap();
    for args in [
        ["--timeout", "inf"],
        ["--timeout", "1e30"],
        ["--cache-ttl", "1e300"],
        ["--cache-ttl", "inf"],
        ["--cache-ttl", "NaN"],
        ["--max-attempts", "4294967295"],
    ] {
        let mut all = vec!["estimate", "--pricing", "live", "scenarios/small-team.yaml"];
        all.extend_from_slice(&args);
        let o = lakecost(&all, true, home.path());
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o));
        assert!(!text(&o).contains("panicked"), "{}", text(&o));
        assert!(text(&o).contains(args[0]), "{}", text(&o));
    }
}

#[test]
fn an_edited_cache_entry_is_never_used() {
    let fixture = Fixture::start(items_from_bundled(s3_standard_first_tier_to(0.025)));
    let home = tempfile::tempdir().unwrap();
    let args = |url: &str| {
        [
            "estimate",
            "--pricing",
            "live",
            "--max-attempts",
            "1",
            "--endpoint-url",
            url,
            "scenarios/1tb-day.yaml",
        ]
        .map(str::to_string)
    };
    let run = |url: &str| {
        let a = args(url);
        lakecost(
            &a.iter().map(String::as_str).collect::<Vec<_>>(),
            true,
            home.path(),
        )
    };
    let o = run(&fixture.url);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    // The cached run says it is cached, and how old.
    let o = run(&fixture.url);
    assert!(text(&o).contains("cached, fetched"), "{}", text(&o));
    let cache = home.path().join("cache").join("live-us-east-1.json");
    let edited = std::fs::read_to_string(&cache)
        .unwrap()
        .replace("0.025", "0.0000001");
    std::fs::write(&cache, edited).unwrap();
    // The endpoint is gone: the edited entry must not price the estimate.
    let o = run("http://127.0.0.1:9");
    let t = text(&o);
    assert!(t.contains("discarded the cached prices"), "{t}");
    assert!(!t.contains("0.0000001"), "{t}");
    assert!(t.contains("FALLING BACK"), "{t}");
}

#[test]
fn refresh_fetches_a_region_the_snapshot_does_not_have() {
    // The stand-in serves af-south-1 products (us-east-1's, renamed and prefixed); the
    // bundled snapshot has no af-south-1 row, so only the region-free spec can ask.
    let items: Vec<String> = PriceBook::bundled()
        .unwrap()
        .prices()
        .into_iter()
        .filter(|p| p.region == "us-east-1" && p.unit != "Fraction")
        .map(|p| {
            let mut p = p.clone();
            p.region = "af-south-1".into();
            p.usage_type = format!("AFS1-{}", p.usage_type.trim_start_matches("USE1-"));
            p.tiers.iter_mut().for_each(|t| t.usd *= 1.2);
            crate::support::price_list_server::item(&p)
        })
        .collect();
    let fixture = Fixture::start(items);
    let home = tempfile::tempdir().unwrap();
    let out = home.path().join("p");
    let o = lakecost(
        &[
            "pricing",
            "refresh",
            "--region",
            "af-south-1",
            "--services",
            "s3,glue",
            "--out",
            out.to_str().unwrap(),
            "--endpoint-url",
            &fixture.url,
        ],
        true,
        home.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let book = lakecost::pricing::load_dir(&out).unwrap();
    let s3 = book.get("af-south-1", "s3.storage.STANDARD").unwrap();
    assert!((s3.rate() - 0.023 * 1.2).abs() < 1e-12);
    assert_eq!(s3.usage_type, "AFS1-TimedStorage-ByteHrs");
    let scenario = home.path().join("cape-town.yaml");
    std::fs::write(
        &scenario,
        "version: 1\nname: Cape Town\nregion: af-south-1\ningest: { per_day: 100 GB }\ns3:\n  layers:\n    - { name: raw, share_of_ingest: 100%, object_size: 64 MB, expire_after_days: 90 }\n",
    )
    .unwrap();
    let o = lakecost(
        &[
            "estimate",
            "--pricing",
            out.to_str().unwrap(),
            scenario.to_str().unwrap(),
        ],
        true,
        home.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("$0.0276"), "{}", text(&o));
}
