//! AWS's public price files as the pricing host serves them, made from snapshot prices:
//! the JSON form (`products` then `terms`, tiers out of order, a product family lakecost
//! does not use, a malformed product) and the CSV form (five metadata rows, a header,
//! one row per price dimension), and a static HTTP/1.1 server on 127.0.0.1 for them.

use lakecost::pricing::Price;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

/// The product attributes AWS would give a snapshot price.
fn attributes(p: &Price) -> (String, Map<String, Value>) {
    let id = lakecost::model::services::catalogue()
        .identity(&p.key, &p.region)
        .expect("a fetched key");
    let mut a = Map::new();
    a.insert("servicecode".into(), json!(p.service_code));
    a.insert("regionCode".into(), json!(p.region));
    a.insert("usagetype".into(), json!(p.usage_type));
    if !id.operation.is_empty() {
        a.insert("operation".into(), json!(id.operation));
    }
    for (k, v) in id.attributes {
        a.insert(k, json!(v));
    }
    (id.product_family, a)
}

fn sku(i: usize) -> String {
    format!("SKU{i:05}")
}

/// The JSON offer file of one service in one region.
pub fn json_file(service_code: &str, prices: &[&Price]) -> String {
    let mut products = Map::new();
    let mut on_demand = Map::new();
    for (i, p) in prices.iter().enumerate() {
        let (family, attrs) = attributes(p);
        products.insert(
            sku(i),
            json!({ "sku": sku(i), "productFamily": family, "attributes": attrs }),
        );
        let mut dims = Map::new();
        // Tiers out of order, as AWS may send them.
        for (j, t) in p.tiers.iter().enumerate().rev() {
            dims.insert(
                format!("{}.T.R{j}", sku(i)),
                json!({
                    "rateCode": format!("{}.T.R{j}", sku(i)),
                    "unit": p.unit,
                    "beginRange": t.begin.to_string(),
                    "endRange": if t.end.is_infinite() { "Inf".to_string() } else { t.end.to_string() },
                    "description": "test",
                    "pricePerUnit": { "USD": format!("{:.10}", t.usd) }
                }),
            );
        }
        on_demand.insert(
            sku(i),
            json!({ format!("{}.T", sku(i)): {
                "offerTermCode": "T", "sku": sku(i), "effectiveDate": "2026-11-01T00:00:00Z",
                "priceDimensions": dims, "termAttributes": {}
            }}),
        );
    }
    // A product family lakecost does not use, and a malformed product.
    products.insert(
        "XFER".into(),
        json!({ "sku": "XFER", "productFamily": "Data Transfer", "attributes": { "usagetype": "DataTransfer-Out-Bytes" } }),
    );
    products.insert(
        "BROKEN".into(),
        json!({ "sku": "BROKEN", "productFamily": "Storage", "attributes": ["not", "a", "map"] }),
    );
    json!({
        "formatVersion": "v1.0",
        "disclaimer": "test data",
        "offerCode": service_code,
        "version": "20261120000000",
        "publicationDate": "2026-11-20T00:00:00Z",
        "products": products,
        "terms": { "OnDemand": on_demand, "Reserved": { "SKU00000": { "x": {} } } }
    })
    .to_string()
}

/// The CSV offer file of one service in one region.
pub fn csv_file(service_code: &str, prices: &[&Price]) -> String {
    let mut names: Vec<String> = Vec::new();
    let rows: Vec<(usize, &Price, String, Map<String, Value>)> = prices
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (family, attrs) = attributes(p);
            for k in attrs.keys() {
                if !names.contains(k) {
                    names.push(k.clone());
                }
            }
            (i, *p, family, attrs)
        })
        .collect();
    // Headers as the CSV form spells them ("Instance Type", "Region Code").
    let spelled = |k: &str| -> String {
        let mut out = String::new();
        for (i, c) in k.chars().enumerate() {
            if i == 0 {
                out.extend(c.to_uppercase());
            } else if c.is_uppercase() {
                out.push(' ');
                out.push(c);
            } else {
                out.push(c);
            }
        }
        out
    };
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for meta in [
        ["FormatVersion", "v1.0"],
        ["Disclaimer", "test data"],
        ["Publication Date", "2026-11-20T00:00:00Z"],
        ["Version", "20261120000000"],
        ["OfferCode", service_code],
    ] {
        w.write_record(meta).unwrap();
    }
    let mut header: Vec<String> = [
        "SKU",
        "OfferTermCode",
        "RateCode",
        "TermType",
        "PriceDescription",
        "EffectiveDate",
        "StartingRange",
        "EndingRange",
        "Unit",
        "PricePerUnit",
        "Currency",
        "Product Family",
    ]
    .map(String::from)
    .to_vec();
    header.extend(names.iter().map(|n| spelled(n)));
    w.write_record(&header).unwrap();
    for (i, p, family, attrs) in rows {
        for (j, t) in p.tiers.iter().enumerate().rev() {
            let mut r = vec![
                sku(i),
                "T".into(),
                format!("{}.T.R{j}", sku(i)),
                "OnDemand".into(),
                "test".into(),
                "2026-11-01".into(),
                t.begin.to_string(),
                if t.end.is_infinite() {
                    "Inf".into()
                } else {
                    t.end.to_string()
                },
                p.unit.clone(),
                format!("{:.10}", t.usd),
                "USD".into(),
                family.clone(),
            ];
            r.extend(names.iter().map(|n| {
                attrs
                    .get(n)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string()
            }));
            w.write_record(&r).unwrap();
        }
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// Offer files for `prices`, by their path under the host
/// (`offers/v1.0/aws/{ServiceCode}/current/{region}/index.{json,csv}`).
pub fn files(prices: &[&Price]) -> BTreeMap<String, String> {
    let mut groups: BTreeMap<(String, String), Vec<&Price>> = BTreeMap::new();
    for p in prices {
        groups
            .entry((p.service_code.clone(), p.region.clone()))
            .or_default()
            .push(p);
    }
    let mut out = BTreeMap::new();
    let mut regions: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for ((service, region), ps) in groups {
        let base = format!("offers/v1.0/aws/{service}/current/{region}/index");
        out.insert(format!("{base}.json"), json_file(&service, &ps));
        out.insert(format!("{base}.csv"), csv_file(&service, &ps));
        regions.entry(service).or_default().push(region);
    }
    for (service, regions) in regions {
        out.insert(
            format!("offers/v1.0/aws/{service}/current/region_index.json"),
            region_index(&service, &regions),
        );
    }
    out
}

/// A service's region index as AWS publishes it: the regions its prices exist for.
pub fn region_index(service: &str, regions: &[String]) -> String {
    let regions: Map<String, Value> = regions
        .iter()
        .map(|r| {
            (
                r.clone(),
                serde_json::json!({
                    "regionCode": r,
                    "currentVersionUrl": format!("/offers/v1.0/aws/{service}/20251201000000/{r}/index.json"),
                }),
            )
        })
        .collect();
    serde_json::json!({ "formatVersion": "v1.0", "publicationDate": "2025-12-01T00:00:00Z", "regions": regions })
        .to_string()
}

/// A static file server on 127.0.0.1; answers 403 for a missing file, as AWS's host
/// does. Returns the base URL and the paths requested.
pub fn serve(files: BTreeMap<String, String>) -> (String, Arc<Mutex<Vec<String>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let url = super::http::listen(move |stream| {
        let Some(request) = super::http::read_request(&stream) else {
            return;
        };
        let path = request.path.trim_start_matches('/').to_string();
        log.lock().unwrap().push(path.clone());
        match files.get(&path) {
            Some(body) => super::http::respond(stream, "200 OK", &[], body.as_bytes()),
            None => super::http::respond(stream, "403 Forbidden", &[], b""),
        }
    });
    (url, seen)
}
