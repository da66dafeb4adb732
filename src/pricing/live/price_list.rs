//! Reading AWS Price List items (the JSON strings of a GetProducts `PriceList`) and
//! matching them to lakecost price keys.
//!
//! A product is matched to a key by the identity the snapshot keeps for it: service
//! code, usage type (AWS prefixes it by region in some services even in us-east-1, so
//! a prefix-free suffix match is accepted), operation, and the attributes listed in
//! the row. Tiers come from each dimension's `beginRange`/`endRange`, never from the
//! order dimensions arrive in.

use crate::pricing::{Confidence, Price, Tier};
use serde_json::Value;
use std::collections::BTreeMap;

/// One On-Demand price dimension of a product.
#[derive(Clone, Debug, PartialEq)]
pub struct Dimension {
    pub rate_code: String,
    pub unit: String,
    pub begin: f64,
    pub end: f64,
    pub usd: f64,
}

/// A Price List product with its On-Demand terms.
#[derive(Clone, Debug, PartialEq)]
pub struct Product {
    pub sku: String,
    pub service_code: String,
    pub product_family: String,
    pub attributes: BTreeMap<String, String>,
    pub effective_date: String,
    pub publication_date: String,
    pub dimensions: Vec<Dimension>,
}

/// Why an item could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct Malformed(pub String);

fn text(v: &Value, path: &[&str]) -> Option<String> {
    let mut cur = v;
    for p in path {
        cur = cur.get(p)?;
    }
    cur.as_str().map(str::to_string)
}

fn range(s: &str) -> Option<f64> {
    if s == "Inf" {
        Some(f64::INFINITY)
    } else {
        s.parse().ok()
    }
}

/// Parses one `PriceList` entry (itself a JSON document in a string).
pub fn parse(item: &str) -> Result<Product, Malformed> {
    let v: Value = serde_json::from_str(item).map_err(|e| Malformed(format!("not JSON: {e}")))?;
    let bad = |what: &str| Malformed(format!("no {what}"));
    let product = v.get("product").ok_or_else(|| bad("product"))?;
    let attributes: BTreeMap<String, String> = product
        .get("attributes")
        .and_then(Value::as_object)
        .ok_or_else(|| bad("product.attributes"))?
        .iter()
        .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())))
        .collect();
    let sku = text(product, &["sku"]).ok_or_else(|| bad("product.sku"))?;
    let on_demand = v
        .get("terms")
        .and_then(|t| t.get("OnDemand"))
        .and_then(Value::as_object)
        .ok_or_else(|| bad("terms.OnDemand"))?;
    // GetProducts keys OnDemand by "SKU.offerTermCode"; the bulk files nest one more
    // level by SKU. Accept both.
    let term = on_demand
        .values()
        .next()
        .ok_or_else(|| bad("an On-Demand term"))?;
    let term = if term.get("priceDimensions").is_some() {
        term
    } else {
        term.as_object()
            .and_then(|t| t.values().next())
            .ok_or_else(|| bad("an On-Demand term"))?
    };
    let mut dimensions = Vec::new();
    for (code, d) in term
        .get("priceDimensions")
        .and_then(Value::as_object)
        .ok_or_else(|| bad("priceDimensions"))?
    {
        let usd = text(d, &["pricePerUnit", "USD"])
            .and_then(|s| s.parse::<f64>().ok())
            .ok_or_else(|| bad("pricePerUnit.USD"))?;
        let begin = text(d, &["beginRange"])
            .as_deref()
            .map_or(Some(0.0), range)
            .ok_or_else(|| bad("a numeric beginRange"))?;
        let end = text(d, &["endRange"])
            .as_deref()
            .map_or(Some(f64::INFINITY), range)
            .ok_or_else(|| bad("a numeric endRange"))?;
        if !(usd.is_finite() && usd >= 0.0 && end > begin) {
            return Err(Malformed(format!(
                "dimension {code}: price {usd} over {begin}–{end}"
            )));
        }
        dimensions.push(Dimension {
            rate_code: text(d, &["rateCode"]).unwrap_or_else(|| code.clone()),
            unit: text(d, &["unit"]).ok_or_else(|| bad("unit"))?,
            begin,
            end,
            usd,
        });
    }
    if dimensions.is_empty() {
        return Err(bad("price dimension"));
    }
    dimensions.sort_by(|a, b| a.begin.total_cmp(&b.begin));
    Ok(Product {
        sku,
        service_code: text(&v, &["serviceCode"])
            .or_else(|| attributes.get("servicecode").cloned())
            .unwrap_or_default(),
        product_family: text(product, &["productFamily"]).unwrap_or_default(),
        attributes,
        effective_date: text(term, &["effectiveDate"])
            .map(|d| d.chars().take(10).collect())
            .unwrap_or_default(),
        publication_date: text(&v, &["publicationDate"]).unwrap_or_default(),
        dimensions,
    })
}

/// Region prefixes of usage types (`USE1-`, `EU-`, `USW2-`…): everything up to the
/// first `-` when it is a known region's prefix, or upper-case letters ending in a digit
/// (the pattern of every region code AWS has added since `EU`). A usage type's own
/// leading word is not a region: DynamoDB's Standard-IA `IA-ReadCapacityUnit-Hrs` in
/// us-east-1 must not match Standard's `ReadCapacityUnit-Hrs`.
fn strip_region_prefix(usage_type: &str) -> &str {
    let is_region = |p: &str| {
        crate::regions::REGIONS.iter().any(|r| r.prefix == p)
            || (p.len() <= 5
                && p.ends_with(|c: char| c.is_ascii_digit())
                && p.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
    };
    match usage_type.split_once('-') {
        Some((p, rest)) if is_region(p) => rest,
        _ => usage_type,
    }
}

/// `k=v;k=v` of a snapshot row.
pub fn row_attributes(s: &str) -> Vec<(String, String)> {
    s.split(';')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// What identifies a price key's product in one region.
#[derive(Clone, Debug, PartialEq)]
pub struct Identity {
    pub key: String,
    pub region: String,
    pub service_code: String,
    pub unit: String,
    pub usage_type: String,
    pub operation: String,
    /// The Price List product family, when known (a TERM_MATCH filter).
    pub product_family: String,
    pub attributes: Vec<(String, String)>,
}

impl Identity {
    /// Whether `p` is this key's product.
    pub fn matches(&self, p: &Product) -> bool {
        let attr = |k: &str| p.attributes.get(k).map(String::as_str);
        let usage = attr("usagetype").unwrap_or_default();
        let usage_ok = usage == self.usage_type
            || strip_region_prefix(usage) == strip_region_prefix(&self.usage_type);
        let region_ok = attr("regionCode").is_none_or(|r| r == self.region);
        let family_ok = self.product_family.is_empty() || p.product_family == self.product_family;
        let op_ok = self.operation.is_empty() || attr("operation") == Some(self.operation.as_str());
        let attrs_ok = self
            .attributes
            .iter()
            .filter(|(k, _)| k != "location")
            .all(|(k, v)| attr(k) == Some(v.as_str()));
        p.service_code == self.service_code
            && usage_ok
            && region_ok
            && family_ok
            && op_ok
            && attrs_ok
    }

    /// The price this product gives the key, if its unit is the one lakecost expects.
    pub fn price(&self, p: &Product) -> Option<Price> {
        if p.dimensions.iter().any(|d| d.unit != self.unit) {
            return None;
        }
        Some(Price {
            key: self.key.clone(),
            region: self.region.clone(),
            service_code: p.service_code.clone(),
            unit: self.unit.clone(),
            tiers: p
                .dimensions
                .iter()
                .map(|d| Tier {
                    begin: d.begin,
                    end: d.end,
                    usd: d.usd,
                    confidence: Confidence::V,
                })
                .collect(),
            usage_type: p.attributes.get("usagetype").cloned().unwrap_or_default(),
            operation: self.operation.clone(),
            product_family: p.product_family.clone(),
            attributes: self
                .attributes
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(";"),
            sku: p.sku.clone(),
            effective_date: p.effective_date.clone(),
            confidence: Confidence::V,
            source: format!(
                "aws-price-list-api, published {}, rate {}",
                p.publication_date,
                p.dimensions
                    .iter()
                    .map(|d| d.rate_code.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
            not_included: false,
            labels: Default::default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The S3 Standard item captured from the Price List (a GetProducts answer, SKU WP9ANXZGBYYSGJEA), with
    /// its tiers out of order as the API sends them.
    pub const S3_STANDARD: &str = r#"{"product":{"productFamily":"Storage","attributes":{"regionCode":"us-east-1","usagetype":"TimedStorage-ByteHrs","servicecode":"AmazonS3","volumeType":"Standard","storageClass":"General Purpose"},"sku":"WP9ANXZGBYYSGJEA"},"serviceCode":"AmazonS3","terms":{"OnDemand":{"WP9ANXZGBYYSGJEA.JRTCKXETXF":{"priceDimensions":{"WP9ANXZGBYYSGJEA.JRTCKXETXF.D42MF2PVJS":{"unit":"GB-Mo","endRange":"512000","description":"$0.022 per GB - next 450 TB / month of storage used","appliesTo":[],"rateCode":"WP9ANXZGBYYSGJEA.JRTCKXETXF.D42MF2PVJS","beginRange":"51200","pricePerUnit":{"USD":"0.0220000000"}},"WP9ANXZGBYYSGJEA.JRTCKXETXF.PXJDJ3YRG3":{"unit":"GB-Mo","endRange":"Inf","description":"$0.021 per GB - storage used / month over 500 TB","appliesTo":[],"rateCode":"WP9ANXZGBYYSGJEA.JRTCKXETXF.PXJDJ3YRG3","beginRange":"512000","pricePerUnit":{"USD":"0.0210000000"}},"WP9ANXZGBYYSGJEA.JRTCKXETXF.PGHJ3S3EYE":{"unit":"GB-Mo","endRange":"51200","description":"$0.023 per GB - first 50 TB / month of storage used","appliesTo":[],"rateCode":"WP9ANXZGBYYSGJEA.JRTCKXETXF.PGHJ3S3EYE","beginRange":"0","pricePerUnit":{"USD":"0.0230000000"}}},"sku":"WP9ANXZGBYYSGJEA","effectiveDate":"2026-02-01T00:00:00Z","offerTermCode":"JRTCKXETXF","termAttributes":{}}}},"version":"20260223232215","publicationDate":"2026-02-23T23:22:15Z"}"#;

    fn identity() -> Identity {
        Identity {
            key: "s3.storage.STANDARD".into(),
            region: "us-east-1".into(),
            service_code: "AmazonS3".into(),
            unit: "GB-Mo".into(),
            usage_type: "TimedStorage-ByteHrs".into(),
            operation: String::new(),
            product_family: "Storage".into(),
            attributes: row_attributes("volumeType=Standard;storageClass=General Purpose"),
        }
    }

    #[test]
    fn tiers_come_from_ranges_not_order() {
        let p = parse(S3_STANDARD).unwrap();
        let price = identity().price(&p).unwrap();
        let t: Vec<(f64, f64, f64)> = price
            .tiers
            .iter()
            .map(|t| (t.begin, t.end, t.usd))
            .collect();
        assert_eq!(
            t,
            vec![
                (0.0, 51200.0, 0.023),
                (51200.0, 512000.0, 0.022),
                (512000.0, f64::INFINITY, 0.021)
            ]
        );
        assert_eq!(price.sku, "WP9ANXZGBYYSGJEA");
        assert_eq!(price.effective_date, "2026-02-01");
        assert!(price.source.contains("2026-02-23"));
    }

    #[test]
    fn usage_type_prefixes_match_without_the_region() {
        let p = parse(
            &S3_STANDARD.replace("\"TimedStorage-ByteHrs\"", "\"USE1-TimedStorage-ByteHrs\""),
        )
        .unwrap();
        assert!(identity().matches(&p));
        let other = parse(&S3_STANDARD.replace(
            "\"Standard\",\"storageClass\"",
            "\"Glacier\",\"storageClass\"",
        ))
        .unwrap();
        assert!(!identity().matches(&other));
        assert_eq!(
            strip_region_prefix("EU-IA-ReadCapacityUnit-Hrs"),
            "IA-ReadCapacityUnit-Hrs"
        );
        assert_eq!(
            strip_region_prefix("IA-ReadCapacityUnit-Hrs"),
            "IA-ReadCapacityUnit-Hrs"
        );
        assert_eq!(
            strip_region_prefix("MXC1-ReadCapacityUnit-Hrs"),
            "ReadCapacityUnit-Hrs"
        );
    }

    #[test]
    fn malformed_items_are_errors_not_panics() {
        assert!(parse("{").is_err());
        assert!(parse("{}").is_err());
        assert!(parse(&S3_STANDARD.replace("\"0.0230000000\"", "\"abc\"")).is_err());
        let mut truncated = S3_STANDARD.to_string();
        truncated.truncate(200);
        assert!(parse(&truncated).is_err());
    }

    #[test]
    fn a_different_unit_is_not_a_match() {
        let p = parse(&S3_STANDARD.replace("GB-Mo", "TB-Mo")).unwrap();
        assert!(identity().price(&p).is_none());
    }
}
