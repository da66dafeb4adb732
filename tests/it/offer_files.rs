//! `pricing refresh --source offers`: AWS's public price files, over real HTTP from a
//! server on 127.0.0.1 and from a directory, in JSON and CSV form, for a region; the
//! snapshot written prices an estimate.

use lakecost::pricing::{Price, PriceBook};
use std::path::Path;
use std::process::{Command, Output};

fn lakecost(args: &[&str], home: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lakecost"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", home.join("no-config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("no-credentials"))
        .output()
        .expect("run lakecost")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// ap-southeast-2's S3 and Glue prices of the bundled snapshot, S3 Standard's first
/// tier raised to $0.0251 so that the refreshed value is recognisable.
fn sydney() -> Vec<Price> {
    PriceBook::bundled()
        .unwrap()
        .prices()
        .into_iter()
        .filter(|p| {
            p.region == "ap-southeast-2"
                && (p.key.starts_with("s3.") || p.key.starts_with("glue."))
                && p.unit != "Fraction"
        })
        .map(|p| {
            let mut p = p.clone();
            if p.key == "s3.storage.STANDARD" {
                p.tiers[0].usd = 0.0251;
            }
            p
        })
        .collect()
}

const SCENARIO: &str = "version: 1\nname: Sydney\nregion: ap-southeast-2\nmonths: 2\ningest: { per_day: 100 GB }\ns3:\n  layers:\n    - { name: raw, share_of_ingest: 100%, object_size: 64 MB, expire_after_days: 90 }\nglue:\n  jobs:\n    - { name: etl, worker_type: G.2X, workers: 2, runs_per_day: 1, duration: 1 h }\n";

/// `pricing refresh` of S3 and Glue in ap-southeast-2 from the offer files `how` names,
/// into `out`.
fn refresh_sydney(home: &Path, out: &Path, how: &[&str]) -> Output {
    let mut args = vec![
        "pricing",
        "refresh",
        "--source",
        "offers",
        "--region",
        "ap-southeast-2",
        "--services",
        "s3,glue",
        "--max-attempts",
        "1",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(how);
    lakecost(&args, home)
}

/// Refreshes S3 and Glue in ap-southeast-2 with `how`, then estimates from the result.
fn refresh_and_estimate(home: &Path, how: &[&str]) {
    let out = home.join("prices");
    let o = refresh_sydney(home, &out, how);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("0 missing"), "{}", text(&o));
    let book = lakecost::pricing::load_dir(&out).unwrap();
    let s3 = book.get("ap-southeast-2", "s3.storage.STANDARD").unwrap();
    assert_eq!(s3.tiers[0].usd, 0.0251);
    assert_eq!(s3.tiers.len(), 3, "tiers came in reverse order");
    assert!(s3.source.contains("offer file"), "{}", s3.source);
    let manifest = std::fs::read_to_string(out.join("manifest.json")).unwrap();
    assert!(manifest.contains("aws-offer-files"), "{manifest}");
    let scenario = home.join("sydney.yaml");
    std::fs::write(&scenario, SCENARIO).unwrap();
    let o = lakecost(
        &[
            "estimate",
            "--pricing",
            out.to_str().unwrap(),
            scenario.to_str().unwrap(),
        ],
        home,
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("$0.0251"), "{}", text(&o));
}

#[test]
fn offer_files_over_http_in_json_and_csv() {
    let prices = sydney();
    let refs: Vec<&Price> = prices.iter().collect();
    let (url, seen) = crate::support::offer_files::serve(crate::support::offer_files::files(&refs));
    for form in [
        &["--offers-url", &url][..],
        &["--offers-url", &url, "--offers-csv"],
    ] {
        let home = tempfile::tempdir().unwrap();
        refresh_and_estimate(home.path(), form);
    }
    let seen = seen.lock().unwrap();
    assert!(seen.contains(&"offers/v1.0/aws/AmazonS3/current/ap-southeast-2/index.json".into()));
    assert!(seen.contains(&"offers/v1.0/aws/AWSGlue/current/ap-southeast-2/index.csv".into()));
}

#[test]
fn offer_files_from_a_directory() {
    let prices = sydney();
    let refs: Vec<&Price> = prices.iter().collect();
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("mirror");
    for (path, body) in crate::support::offer_files::files(&refs) {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, body).unwrap();
    }
    refresh_and_estimate(home.path(), &["--offers-dir", dir.to_str().unwrap()]);
}

#[test]
fn an_offers_url_means_the_public_files_and_says_so() {
    // No --source: an offers URL (here a mirror on 127.0.0.1, never AWS's host) means
    // the public files, and the run says which source it read.
    let prices = sydney();
    let refs: Vec<&Price> = prices.iter().collect();
    let (url, _) = crate::support::offer_files::serve(crate::support::offer_files::files(&refs));
    let home = tempfile::tempdir().unwrap();
    let out = home.path().join("p");
    let o = lakecost(
        &[
            "pricing",
            "refresh",
            "--region",
            "ap-southeast-2",
            "--services",
            "glue",
            "--offers-url",
            &url,
            "--out",
            out.to_str().unwrap(),
        ],
        home.path(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("AWS public price files"), "{}", text(&o));
}

/// A mirror of Sydney's S3 and Glue offer files in a new home, without Glue's JSON
/// file, and with `glue_index` as Glue's region index when given.
fn mirror_without_sydney_glue(
    glue_index: Option<String>,
) -> (tempfile::TempDir, std::path::PathBuf) {
    let prices = sydney();
    let refs: Vec<&Price> = prices.iter().collect();
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("mirror");
    let mut files = crate::support::offer_files::files(&refs);
    files.remove("offers/v1.0/aws/AWSGlue/current/ap-southeast-2/index.json");
    if let Some(index) = glue_index {
        files.insert(
            "offers/v1.0/aws/AWSGlue/current/region_index.json".into(),
            index,
        );
    }
    for (path, body) in files {
        let p = dir.join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, body).unwrap();
    }
    (home, dir)
}

fn refresh_from(dir: &Path, out: &Path, home: &Path) -> Output {
    refresh_sydney(home, out, &["--offers-dir", dir.to_str().unwrap()])
}

#[test]
fn a_mirror_lacking_a_services_file_is_an_error_and_writes_nothing() {
    // Glue's ap-southeast-2 file is gone while Glue's region index lists the region:
    // the mirror is incomplete, not Glue unoffered.
    let (home, dir) = mirror_without_sydney_glue(None);
    let out = home.path().join("prices");
    let o = refresh_from(&dir, &out, home.path());
    assert_ne!(o.status.code(), Some(0), "{}", text(&o));
    let t = text(&o);
    assert!(t.contains("file not found") && t.contains("AWSGlue"), "{t}");
    assert!(!t.contains("not offered there"), "{t}");
    assert!(!out.exists(), "a failed refresh wrote {}", out.display());
    // Without a region index nothing shows Glue unoffered either.
    std::fs::remove_file(dir.join("offers/v1.0/aws/AWSGlue/current/region_index.json")).unwrap();
    let o = refresh_from(&dir, &out, home.path());
    assert_ne!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("no region index"), "{}", text(&o));
    assert!(!out.exists());
}

#[test]
fn a_service_its_region_index_does_not_list_is_not_offered_there() {
    // Glue's region index lists only us-east-1: in ap-southeast-2 Glue is not offered,
    // said as such, and the refresh of S3 goes on.
    let index = crate::support::offer_files::region_index("AWSGlue", &["us-east-1".to_string()]);
    let (home, dir) = mirror_without_sydney_glue(Some(index));
    let out = home.path().join("prices");
    let o = refresh_from(&dir, &out, home.path());
    let t = text(&o);
    assert!(t.contains("not offered there"), "{t}");
    assert!(!t.contains("file not found"), "{t}");
}
