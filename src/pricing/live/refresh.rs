//! Fetching the prices a snapshot needs from the Price List API.
//!
//! The snapshot being replaced is the specification: for each of its (region, key)
//! rows, its Price List identity (service code, usage type, operation, attributes) says
//! which product to ask for. Keys the Query API does not serve (typical spot discounts)
//! are carried over unchanged and listed.

use super::client::{FetchLimits, LiveError, PriceListClient};
use super::price_list::{Identity, parse};
use crate::pricing::Price;
use std::collections::BTreeMap;

/// What happened while fetching, for the progress display and the summary.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// One group of keys was asked for.
    Fetched {
        service_code: String,
        region: String,
        usage_type: String,
        items: usize,
        pages: usize,
    },
    /// Something the user should know, e.g. a cache entry that was discarded.
    Notice(String),
}

/// The result of fetching: prices found, keys missing, and what was odd.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fetched {
    pub prices: Vec<Price>,
    /// (region, key) with no matching product, or with a unit lakecost does not expect.
    pub missing: Vec<(String, String)>,
    /// Items that could not be read, skipped.
    pub malformed: usize,
    pub requests: usize,
}

/// Whether lakecost fetches a price from the Price List at all: not a spot saving
/// (not a list price), nor a key whose product no single region's identity names (a
/// $0 stated by AWS, inter-region transfer); those are carried as they are.
pub fn served_by_api(p: &Price, catalogue: &crate::pricing::spec::Catalogue) -> bool {
    catalogue.identity(&p.key, &p.region).is_some()
}

/// TERM_MATCH filters: (field, value).
type Filters = Vec<(String, String)>;

/// The TERM_MATCH filters that select an identity's product: the region, the product
/// family, the operation and the identifying attributes. The usage type is matched
/// locally on its suffix, so a region prefix lakecost does not know cannot hide a
/// product, and keys that share filters share one query.
fn filters(id: &Identity) -> Filters {
    let mut f = vec![("regionCode".to_string(), id.region.clone())];
    if !id.product_family.is_empty() {
        f.push(("productFamily".into(), id.product_family.clone()));
    }
    if !id.operation.is_empty() {
        f.push(("operation".into(), id.operation.clone()));
    }
    f.extend(
        id.attributes
            .iter()
            .filter(|(k, _)| k != "location")
            .cloned(),
    );
    f
}

/// Fetches the price of every identity (from [`crate::pricing::spec`]), one request
/// group per distinct set of filters, within `limits`.
pub async fn fetch(
    client: &PriceListClient,
    ids: &[Identity],
    limits: &FetchLimits,
    on_event: &dyn Fn(Event),
) -> Result<Fetched, LiveError> {
    let mut out = Fetched::default();
    let mut bytes_left = limits.bytes;
    let mut groups: BTreeMap<(String, Filters), Vec<Identity>> = BTreeMap::new();
    for id in ids {
        groups
            .entry((id.service_code.clone(), filters(id)))
            .or_default()
            .push(id.clone());
    }
    for ((service_code, group_filters), ids) in groups {
        let (items, pages) = client
            .products(&service_code, &group_filters, limits, &mut bytes_left)
            .await?;
        out.requests += pages;
        let mut products = Vec::new();
        for item in &items {
            match parse(item) {
                Ok(p) => products.push(p),
                Err(_) => out.malformed += 1,
            }
        }
        on_event(Event::Fetched {
            service_code: service_code.clone(),
            region: ids[0].region.clone(),
            usage_type: ids[0].usage_type.clone(),
            items: items.len(),
            pages,
        });
        for id in ids {
            match products
                .iter()
                .filter(|p| id.matches(p))
                .find_map(|p| id.price(p))
            {
                Some(price) => out.prices.push(price),
                None => out.missing.push((id.region.clone(), id.key.clone())),
            }
        }
    }
    Ok(out)
}
