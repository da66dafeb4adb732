//! The region-free price specification: for each price key, the Price List product
//! that prices it, described once — service code, usage-type suffix, operation, product
//! family, identifying attributes and unit — so that `pricing refresh` can fetch any
//! region, not only those of the snapshot it replaces. A region's usage types add its
//! prefix (`USE2-`, `EUC1-`…; see [`super::regions`]); some services prefix even in
//! us-east-1 (`USE1-`): Glue, Athena, Lambda, Step Functions, Firehose, EMR Serverless
//! and Redshift Serverless, noted per key below. Products are matched on the suffix, so
//! a prefix lakecost does not know yet does not stop a refresh.
//!
//! Each service declares its keys in its own room (`src/model/<service>/keys.rs`) as
//! [`PriceKey`] constants, and the models price through those constants; the service
//! registry gathers them into the [`Catalogue`] that refresh and the coverage table
//! read. Keys per instance type (`ec2.instance.{type}`, `emr.instance.{type}`) are
//! templates filled from the instance catalogue; spot savings are not list prices and
//! are not fetched.

use super::live::price_list::{Identity, row_attributes};
use crate::regions;

/// One price key and how its product is found in every region.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PriceKey {
    /// The key, with `{type}` for an instance type.
    pub key: &'static str,
    /// The Price List service code; empty for a key that is not a list price (a spot
    /// saving), which no refresh fetches.
    pub service_code: &'static str,
    /// The usage type without the region prefix, with `{type}` for an instance type.
    pub usage_suffix: &'static str,
    /// How the usage type names its region.
    pub prefix: regions::Prefix,
    pub operation: &'static str,
    pub product_family: &'static str,
    /// `k=v;k=v` attributes that single the product out (TERM_MATCH filters).
    pub attributes: &'static str,
    pub unit: &'static str,
}

impl PriceKey {
    /// A list price: `key`, priced by the product of `service_code` whose usage type ends
    /// in `usage_suffix`, in `unit`.
    pub const fn list(
        key: &'static str,
        service_code: &'static str,
        usage_suffix: &'static str,
        unit: &'static str,
    ) -> PriceKey {
        PriceKey {
            key,
            service_code,
            usage_suffix,
            prefix: regions::Prefix::Billing,
            operation: "",
            product_family: "",
            attributes: "",
            unit,
        }
    }

    /// A rate no refresh fetches: one the Price List does not serve (a spot saving,
    /// from the Spot Instance Advisor), or a price a model bills for which no capture
    /// names the Price List product yet (missing in every region: an estimate that
    /// reaches it names it, and `--allow-missing` lists it as not included).
    pub const fn unlisted(
        key: &'static str,
        service_code: &'static str,
        unit: &'static str,
    ) -> PriceKey {
        PriceKey::list(key, service_code, "", unit)
    }

    pub const fn family(self, product_family: &'static str) -> PriceKey {
        PriceKey {
            product_family,
            ..self
        }
    }

    /// The usage type carries the region prefix in us-east-1 too (`USE1-`).
    pub const fn prefixed_in_us_east_1(self) -> PriceKey {
        PriceKey {
            prefix: regions::Prefix::BillingEverywhere,
            ..self
        }
    }

    /// The usage type starts with the region's code (`eu-west-1-KMS-Requests`), as
    /// AWS KMS names its usage.
    pub const fn prefixed_by_region_code(self) -> PriceKey {
        PriceKey {
            prefix: regions::Prefix::RegionCode,
            ..self
        }
    }

    pub const fn operation(self, operation: &'static str) -> PriceKey {
        PriceKey { operation, ..self }
    }

    pub const fn attributes(self, attributes: &'static str) -> PriceKey {
        PriceKey { attributes, ..self }
    }

    /// Whether the key stands for one key per instance type.
    pub fn is_template(&self) -> bool {
        self.key.contains("{type}")
    }

    /// The key of instance type `itype`, for a template.
    pub fn of(&self, itype: &str) -> String {
        debug_assert!(self.is_template(), "{} is not a template", self.key);
        self.key.replace("{type}", itype)
    }

    /// Whether `pricing refresh` fetches it: a list price whose product is known.
    pub fn is_listed(&self) -> bool {
        !self.usage_suffix.is_empty()
    }

    /// This key's product identity in `region`, for instance type `itype` where the
    /// key is a template.
    pub fn identity(&self, region: &str, itype: &str) -> Identity {
        let fill = |s: &str| s.replace("{type}", itype);
        let prefix = regions::usage_prefix(region, self.prefix);
        Identity {
            key: fill(self.key),
            region: region.to_string(),
            service_code: self.service_code.to_string(),
            unit: self.unit.to_string(),
            usage_type: format!("{prefix}{}", fill(self.usage_suffix)),
            operation: self.operation.to_string(),
            product_family: self.product_family.to_string(),
            attributes: row_attributes(&fill(self.attributes)),
        }
    }
}

/// Every key lakecost prices, as the service registry gathers them from the rooms
/// (`model::services::catalogue`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Catalogue {
    keys: Vec<&'static PriceKey>,
}

impl Catalogue {
    pub fn new(keys: impl IntoIterator<Item = &'static PriceKey>) -> Catalogue {
        Catalogue {
            keys: keys.into_iter().collect(),
        }
    }

    /// Every declared key, templates included.
    pub fn keys(&self) -> impl Iterator<Item = &'static PriceKey> + '_ {
        self.keys.iter().copied()
    }

    /// The declared key `key` is, or is an instance of.
    pub fn find<'k>(&self, key: &'k str) -> Option<(&'static PriceKey, &'k str)> {
        self.keys().find_map(|k| match k.key.split_once("{type}") {
            None => (k.key == key).then_some((k, "")),
            Some((before, after)) => {
                let itype = key.strip_prefix(before)?.strip_suffix(after)?;
                (!itype.is_empty()).then_some((k, itype))
            }
        })
    }

    /// The identity of one price key in `region`, or `None` for a key lakecost does not
    /// fetch (an unknown key, or a spot saving).
    pub fn identity(&self, key: &str, region: &str) -> Option<Identity> {
        let (k, itype) = self.find(key)?;
        k.is_listed().then(|| k.identity(region, itype))
    }

    /// The list-price keys (but per-instance-type ones) that `book` has no price for in
    /// `region`: the snapshot's gaps, which `pricing show --coverage` names (instance-type
    /// keys are counted per type there). Keys no capture names a product for are gaps
    /// in every region.
    pub fn gaps(&self, book: &super::PriceBook, region: &str) -> Vec<&'static str> {
        let mut gaps: Vec<&'static str> = self
            .keys()
            .filter(|k| !k.is_template())
            .map(|k| k.key)
            .filter(|k| book.get(region, k).is_err())
            .collect();
        gaps.sort_unstable();
        gaps
    }

    /// The instances of per-type keys (instance types, inter-region destinations) that
    /// another region of `book` has and `region` lacks, by template: no dated capture
    /// holds them there (for an instance type, AWS may not offer it in the region).
    /// Transfer from a region to itself is not inter-region, and no gap.
    pub fn instance_gaps(
        &self,
        book: &super::PriceBook,
        region: &str,
    ) -> Vec<(&'static str, Vec<String>)> {
        use std::collections::{BTreeMap, BTreeSet};
        let own = format!("datatransfer.inter_region.{region}");
        let mut all: BTreeMap<&'static str, BTreeSet<&str>> = BTreeMap::new();
        let mut here: BTreeSet<&str> = BTreeSet::new();
        let prices = book.prices();
        for p in &prices {
            if let Some((k, itype)) = self.find(&p.key)
                && k.is_template()
                && p.key != own
            {
                all.entry(k.key).or_default().insert(itype);
                if p.region == region {
                    here.insert(p.key.as_str());
                }
            }
        }
        all.into_iter()
            .map(|(template, types)| {
                let missing: Vec<String> = types
                    .into_iter()
                    .filter(|t| !here.contains(template.replace("{type}", t).as_str()))
                    .map(str::to_string)
                    .collect();
                (template, missing)
            })
            .filter(|(_, m)| !m.is_empty())
            .collect()
    }

    /// Every fetched key's identity in `region`, instance keys for each of
    /// `instance_types`.
    pub fn identities(&self, region: &str, instance_types: &[&str]) -> Vec<Identity> {
        let mut out: Vec<Identity> = self.fixed().map(|k| k.identity(region, "")).collect();
        for t in instance_types {
            out.extend(
                self.keys()
                    .filter(|k| k.is_template() && k.is_listed())
                    .map(|k| k.identity(region, t)),
            );
        }
        out
    }

    /// The list-price keys that are not templates.
    fn fixed(&self) -> impl Iterator<Item = &'static PriceKey> + '_ {
        self.keys().filter(|k| k.is_listed() && !k.is_template())
    }

    /// The key prefixes (`glue.`, `ec2.`…) of `keys`, for `pricing refresh --services`.
    pub fn prefixes(keys: &[PriceKey]) -> Vec<String> {
        let mut out: Vec<String> = keys
            .iter()
            .filter_map(|k| k.key.split_once('.'))
            .map(|(p, _)| format!("{p}."))
            .collect();
        out.sort();
        out.dedup();
        out
    }
}
