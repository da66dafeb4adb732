//! Peak memory and time of importing a large offer file: generates a synthetic EC2-like
//! JSON offer file of about 500 MB (`OFFER_MB` to change), imports one price from it
//! with `pricing refresh`'s reader, and prints the time and the process's peak resident
//! memory (VmHWM). Run: `cargo bench --bench offer_import`.

#[path = "support/memory.rs"]
mod memory;

use lakecost::pricing::live::client::FetchLimits;
use lakecost::pricing::live::offers::{OfferFormat, OfferLocation, OfferSource};
use memory::peak_rss_mb;
use std::io::{BufWriter, Write};
use std::time::{Duration, Instant};

fn main() {
    let target_mb: u64 = std::env::var("OFFER_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    let dir = tempfile::tempdir().unwrap();
    let path = dir
        .path()
        .join("offers/v1.0/aws/AmazonEC2/current/us-east-1/index.json");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut w = BufWriter::new(std::fs::File::create(&path).unwrap());
    write!(w, r#"{{"formatVersion":"v1.0","offerCode":"AmazonEC2","version":"1","publicationDate":"2026-11-20T00:00:00Z","products":{{"#).unwrap();
    let product = |i: usize, t: &str| {
        format!(
            r#""P{i:08}":{{"sku":"P{i:08}","productFamily":"Compute Instance","attributes":{{"servicecode":"AmazonEC2","location":"US East (N. Virginia)","instanceType":"{t}","operatingSystem":"Linux","tenancy":"Shared","preInstalledSw":"NA","capacitystatus":"Used","usagetype":"BoxUsage:{t}","operation":"RunInstances:{i:04}","regionCode":"us-east-1","licenseModel":"No License required","vcpu":"4","memory":"16 GiB","storage":"EBS only","networkPerformance":"Up to 10 Gigabit"}}}}"#
        )
    };
    let term = |i: usize| {
        format!(
            r#""P{i:08}":{{"P{i:08}.JRTCKXETXF":{{"offerTermCode":"JRTCKXETXF","sku":"P{i:08}","effectiveDate":"2026-11-01T00:00:00Z","priceDimensions":{{"P{i:08}.JRTCKXETXF.6YS6EN2CT7":{{"rateCode":"P{i:08}.JRTCKXETXF.6YS6EN2CT7","description":"$0.192 per On Demand Linux m5.xlarge Instance Hour","beginRange":"0","endRange":"Inf","unit":"Hrs","pricePerUnit":{{"USD":"0.1920000000"}},"appliesTo":[]}}}},"termAttributes":{{}}}}}}"#
        )
    };
    // About 870 bytes of product and terms each.
    let n = (target_mb as usize * 1024 * 1024) / 870;
    for i in 0..n {
        let t = if i == n / 2 { "m5.xlarge" } else { "x9.large" };
        let sep = if i == 0 { "" } else { "," };
        let p = if i == n / 2 {
            product(i, t).replace(&format!(":{:04}", i), "")
        } else {
            product(i, t)
        };
        write!(w, "{sep}{p}").unwrap();
    }
    write!(w, r#"}},"terms":{{"OnDemand":{{"#).unwrap();
    for i in 0..n {
        let sep = if i == 0 { "" } else { "," };
        write!(w, "{sep}{}", term(i)).unwrap();
    }
    write!(w, "}}}}}}").unwrap();
    w.flush().unwrap();
    drop(w);
    let size_mb = std::fs::metadata(&path).unwrap().len() as f64 / 1048576.0;
    let before = peak_rss_mb();
    let source = OfferSource {
        location: OfferLocation::Dir(dir.path().to_path_buf()),
        format: OfferFormat::Json,
        max_attempts: 1,
        timeout: Duration::from_secs(60),
    };
    let id = lakecost::model::services::catalogue()
        .identity("ec2.instance.m5.xlarge", "us-east-1")
        .unwrap();
    let start = Instant::now();
    let got = source
        .fetch(&[id], &FetchLimits::default(), &|_| {})
        .unwrap();
    let elapsed = start.elapsed();
    assert_eq!(got.prices.len(), 1, "{:?}", got.missing);
    println!(
        "offer import: {size_mb:.0} MB JSON, {n} products, {:.1} s, peak RSS {:.1} MB (before import {before:.1} MB), m5.xlarge ${}",
        elapsed.as_secs_f64(),
        peak_rss_mb(),
        got.prices[0].rate()
    );
}
