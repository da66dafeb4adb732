//! The service registry: one list of the services lakecost models, which every place
//! that goes over services reads — the bills and checks of an estimate, the engines
//! priced as alternatives, the price-key catalogue that refresh and the coverage table
//! use, `pricing refresh --services`, and the charts' colours.
//!
//! A service lives in its own room, `src/model/<service>/`: its model, its price keys
//! (`keys.rs`) and its checks, and a [`Room`] constant that says how it is billed. Adding
//! one is its folder, its `mod` line in `model/mod.rs` and its line in [`registry!`]
//! below (plus its scenario section; see `docs/architecture.md`).

use super::{CapacityRow, Finding, LineItem, Monthly};
use crate::pricing::spec::{Catalogue, PriceKey};
use crate::pricing::{PriceBook, PricingError};
use crate::scenario::Scenario;
use crate::scenario::input::LayerInput;
use serde::Serialize;

/// What the S3 layers did in one month (or the steady-state month), layer by layer in
/// scenario order: what services that follow the layers are priced on.
#[derive(Clone, Copy)]
pub struct LayerMonth<'a> {
    /// Object GB stored (the month's average).
    pub stored_gb: &'a [f64],
    /// Requests that read or write an object's bytes: PUTs, GETs, lifecycle
    /// transitions and restores ([`super::s3::object_requests`]).
    pub object_requests: &'a [f64],
    /// Object GB compute moves to and from the layer
    /// ([`super::s3::compute_traffic_gb`]).
    pub traffic_gb: &'a [f64],
    /// Object GB written ([`super::s3::written_gb`]).
    pub written_gb: &'a [f64],
}

impl LayerMonth<'_> {
    /// A month of a lake without layers: what a service priced on its own reads.
    pub const NONE: LayerMonth<'static> = LayerMonth {
        stored_gb: &[],
        object_requests: &[],
        traffic_gb: &[],
        written_gb: &[],
    };

    /// GB a day written to the layer `input` names this month, times its share: a job's
    /// input, a function's objects.
    pub fn written_per_day_gb(&self, s: &Scenario, input: &LayerInput) -> f64 {
        layer_index(s, &input.layer).map_or(0.0, |i| {
            self.written_gb.get(i).copied().unwrap_or(0.0) / super::DAYS_PER_MONTH
                * input.share.value()
        })
    }

    /// Objects a day landed in the layer `input` names this month, times its share.
    pub fn objects_per_day(&self, s: &Scenario, input: &LayerInput) -> f64 {
        let size = layer_index(s, &input.layer).map_or(0.0, |i| s.s3.layers[i].object_size.0);
        if size <= 0.0 {
            return 0.0;
        }
        self.written_per_day_gb(s, input) * crate::units::GIB / size
    }

    /// One figure of this month for each input: what a service that reads layers reads
    /// ([`Reads`]).
    pub fn each<'i>(
        &self,
        s: &Scenario,
        inputs: impl Iterator<Item = &'i LayerInput>,
        figure: fn(&Self, &Scenario, &LayerInput) -> f64,
    ) -> Vec<f64> {
        inputs.map(|input| figure(self, s, input)).collect()
    }

    /// GB stored this month in the layer `input` names, times its share: a table.
    pub fn stored_gb_of(&self, s: &Scenario, input: &LayerInput) -> f64 {
        layer_index(s, &input.layer).map_or(0.0, |i| {
            self.stored_gb.get(i).copied().unwrap_or(0.0) * input.share.value()
        })
    }
}

/// The position of the layer named `name` (the loader refuses an input naming no
/// layer, so `None` is a scenario built in code without it).
fn layer_index(s: &Scenario, name: &str) -> Option<usize> {
    s.s3.layers.iter().position(|l| l.name == name)
}

/// A month's rows of a service that follows the layers.
pub type ByLayers<T> = fn(&Scenario, &PriceBook, &LayerMonth) -> Result<Vec<T>, PricingError>;

/// Lines that are the same every month.
pub type Fixed = fn(&Scenario, &PriceBook) -> Result<Vec<LineItem>, PricingError>;

/// The figures of a month a service's lines depend on, when fewer than all of it: a
/// month with the same figures as the one before is not priced again (a job reading a
/// layer's writes is priced once for all the months a flat lake writes the same).
pub type Reads = fn(&Scenario, &LayerMonth) -> Vec<f64>;

/// How a service's lines reach the bills.
#[derive(Clone, Copy)]
pub enum Billing {
    /// Lines that repeat every month and in the steady state (streams, jobs, queries).
    Steady(fn(&Scenario, &PriceBook) -> Result<Monthly, PricingError>),
    /// Lines that follow what the S3 layers did, month by month (a warehouse sized on
    /// its data, KMS requests made by object operations), with the capacity rows of one
    /// month.
    FollowsLayers {
        month: ByLayers<LineItem>,
        capacity: ByLayers<CapacityRow>,
        reads: Option<Reads>,
        /// Lines of the same service that follow nothing (Glue's crawlers and
        /// catalog), priced once and put after the month's.
        fixed: Option<Fixed>,
    },
    /// S3 itself: the month-by-month simulation every other service is priced around.
    Storage,
}

impl Billing {
    /// A service's lines and capacity rows for one month of what the layers did: what
    /// an engine priced alone (an alternative) is shown with.
    pub fn monthly(
        &self,
        s: &Scenario,
        book: &PriceBook,
        layers: &LayerMonth,
    ) -> Result<Monthly, PricingError> {
        match self {
            Billing::Steady(estimate) => estimate(s, book),
            Billing::FollowsLayers {
                month,
                capacity,
                fixed,
                ..
            } => {
                let mut lines = month(s, book, layers)?;
                if let Some(fixed) = fixed {
                    lines.extend(fixed(s, book)?);
                }
                Ok(Monthly {
                    lines,
                    capacity: capacity(s, book, layers)?,
                })
            }
            Billing::Storage => Ok(Monthly {
                lines: Vec::new(),
                capacity: Vec::new(),
            }),
        }
    }
}

/// What a service's checks read.
pub struct CheckInput<'a> {
    pub scenario: &'a Scenario,
    pub book: &'a PriceBook,
    /// Each layer's object GB at the end of the horizon (for warehouses that follow
    /// layers).
    pub stored_at_end: &'a [f64],
    /// What the layers do at steady state (the horizon's last month for a lake without
    /// one): the month a finding's monthly cost is stated for.
    pub steady: LayerMonth<'a>,
}

/// A service's findings (`LC-…` codes of `docs/findings.md`).
pub type Check = fn(&CheckInput) -> Result<Vec<Finding>, PricingError>;

/// One service, as the rest of lakecost sees it.
pub struct Room {
    pub service: Service,
    /// Every price key it bills, declared in its `keys.rs`.
    pub keys: &'static [PriceKey],
    pub billing: Billing,
    pub check: Option<Check>,
    /// Writes the bytes it delivers into the S3 layers it feeds (Firehose `deliver_to`,
    /// DynamoDB exports), before S3 is simulated (see [`super::resolve`]).
    pub feeds: Option<fn(&mut Scenario)>,
    /// Its slot in the charts' palette (see `report::chart::service_colour`), unique.
    pub colour: usize,
}

/// Declares the services: the [`Service`] enum, its names, and [`ROOMS`], in the order
/// reports list them.
macro_rules! registry {
    ($($variant:ident => $name:literal, $room:path;)*) => {
        /// The AWS service a line belongs to, by the names the report schema fixes.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Service {
            $($variant,)*
        }

        impl Service {
            /// Every service, in report order.
            pub const ALL: &[Service] = &[$(Service::$variant,)*];

            pub fn name(self) -> &'static str {
                match self {
                    $(Service::$variant => $name,)*
                }
            }
        }

        /// Every service's room, in the order of [`Service::ALL`].
        pub const ROOMS: &[&Room] = &[$(&$room,)*];
    };
}

registry! {
    S3 => "s3", super::s3::ROOM;
    Kinesis => "kinesis", super::kinesis::ROOM;
    Firehose => "firehose", super::firehose::ROOM;
    Glue => "glue", super::glue::ROOM;
    Emr => "emr", super::emr::ROOM;
    Redshift => "redshift", super::redshift::ROOM;
    Athena => "athena", super::athena::ROOM;
    Lambda => "lambda", super::lambda::ROOM;
    Stepfunctions => "stepfunctions", super::stepfunctions::ROOM;
    Dynamodb => "dynamodb", super::dynamodb::ROOM;
    Kms => "kms", super::kms::ROOM;
    Network => "network", super::network::ROOM;
    Cloudwatch => "cloudwatch", super::cloudwatch::ROOM;
}

impl Service {
    pub fn room(self) -> &'static Room {
        ROOMS[self as usize]
    }

    /// The service named `name` (`s3`, `glue`…).
    pub fn named(name: &str) -> Option<Service> {
        Service::ALL.iter().copied().find(|s| s.name() == name)
    }

    /// The price-key prefixes of the service (`emr`: `ebs.`, `ec2.`, `emr.`,
    /// `emr_serverless.`), which `pricing refresh --services` fetches.
    pub fn key_prefixes(self) -> Vec<String> {
        Catalogue::prefixes(self.room().keys)
    }
}

impl Serialize for Service {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

/// A price the book lacks, with whether `pricing refresh` can fetch it (a key the
/// catalogue identifies in that region).
pub fn gap(key: &str, region: &str) -> crate::pricing::Gap {
    crate::pricing::Gap {
        fetchable: catalogue().identity(key, region).is_some(),
        region: region.to_string(),
        key: key.to_string(),
    }
}

/// Every price key of every service.
pub fn catalogue() -> Catalogue {
    Catalogue::new(ROOMS.iter().flat_map(|r| r.keys.iter()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::PriceBook;

    /// `pricing show --coverage` names per-type keys another bundled region has: the
    /// Milan captures hold no m7g prices; no region has transfer to itself.
    #[test]
    fn per_type_gaps_name_what_other_regions_have_and_skip_transfer_to_self() {
        let book = PriceBook::bundled().unwrap();
        let cat = catalogue();
        let gaps = cat.instance_gaps(&book, "eu-south-1");
        let ec2 = gaps
            .iter()
            .find(|(t, _)| *t == "ec2.instance.{type}")
            .unwrap();
        assert!(ec2.1.iter().any(|t| t == "m7g.xlarge"), "{gaps:?}");
        for r in book.regions() {
            assert!(
                !cat.instance_gaps(&book, &r)
                    .iter()
                    .any(|(t, _)| t.starts_with("datatransfer.inter_region")),
                "{r}"
            );
        }
        assert!(cat.instance_gaps(&book, "us-east-1").is_empty());
    }

    #[test]
    fn rooms_are_in_service_order_with_their_own_colours() {
        assert_eq!(ROOMS.len(), Service::ALL.len());
        for (i, s) in Service::ALL.iter().enumerate() {
            assert_eq!(s.room().service, *s);
            assert_eq!(*s as usize, i);
            assert_eq!(Service::named(s.name()), Some(*s));
        }
        let mut colours: Vec<usize> = ROOMS.iter().map(|r| r.colour).collect();
        colours.sort_unstable();
        colours.dedup();
        assert_eq!(colours.len(), ROOMS.len(), "two services share a colour");
    }

    #[test]
    fn every_key_is_declared_once_by_the_service_it_names() {
        let c = catalogue();
        let mut keys: Vec<&str> = c.keys().map(|k| k.key).collect();
        let n = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), n, "a key is declared twice");
        assert_eq!(
            Service::Emr.key_prefixes(),
            ["ebs.", "ec2.", "emr.", "emr_serverless."]
        );
        assert_eq!(Service::Glue.key_prefixes(), ["glue."]);
    }

    /// Every row of the bundled snapshot belongs to a declared key, with that key's
    /// service code and unit: a row nothing declares is a price no model reaches.
    #[test]
    fn every_bundled_row_belongs_to_a_declared_key() {
        let c = catalogue();
        let book = PriceBook::bundled().unwrap();
        for p in book.prices() {
            let (k, _) = c
                .find(&p.key)
                .unwrap_or_else(|| panic!("{} is declared by no service", p.key));
            assert_eq!(
                (k.service_code, k.unit),
                (p.service_code.as_str(), p.unit.as_str()),
                "{}",
                p.key
            );
        }
    }

    /// What `pricing refresh` matches on is what the bundled rows say: a capture whose
    /// usage type differs from the Price List's would be a row no refresh replaces.
    #[test]
    fn every_bundled_row_carries_the_usage_type_refresh_matches() {
        let c = catalogue();
        let book = PriceBook::bundled().unwrap();
        for p in book.prices() {
            let Some(id) = c.identity(&p.key, &p.region) else {
                continue;
            };
            assert_eq!(p.usage_type, id.usage_type, "{} in {}", p.key, p.region);
            if !id.operation.is_empty() {
                assert_eq!(p.operation, id.operation, "{} in {}", p.key, p.region);
            }
        }
    }

    #[test]
    fn usage_types_take_the_regions_prefix() {
        let c = catalogue();
        let id = c.identity("glue.etl.standard", "us-east-1").unwrap();
        assert_eq!(id.usage_type, "USE1-ETL-DPU-Hour");
        let id = c.identity("s3.storage.STANDARD", "us-east-1").unwrap();
        assert_eq!(id.usage_type, "TimedStorage-ByteHrs");
        let id = c.identity("s3.storage.STANDARD", "eu-central-1").unwrap();
        assert_eq!(id.usage_type, "EUC1-TimedStorage-ByteHrs");
        let id = c
            .identity("ec2.instance.r5.8xlarge", "ap-southeast-2")
            .unwrap();
        assert_eq!(id.usage_type, "APS2-BoxUsage:r5.8xlarge");
        assert!(
            id.attributes
                .contains(&("instanceType".into(), "r5.8xlarge".into()))
        );
        assert!(
            c.identity("ec2.spot_discount.m5.xlarge", "us-east-1")
                .is_none()
        );
        assert!(c.identity("ec2.instance.", "us-east-1").is_none());
    }
}
