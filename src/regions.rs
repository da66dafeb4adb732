//! Every commercial AWS region, the one list that both a scenario's `region:` is checked
//! against and prices are fetched for, with what the Price List calls it: its
//! `location` name and the prefix of its usage types (`USE2-TimedStorage-ByteHrs`).
//! us-east-1 has no prefix for S3, EC2, EMR, Kinesis and Redshift nodes but `USE1-` for
//! the services listed in [`crate::pricing::spec`].
//!
//! `prefix_seen` says whether the prefix was read from AWS price data (the 18 regions
//! of the bundled snapshot, and ap-east-1 from a Price List CSV row) or follows AWS's
//! naming pattern unverified. Refresh matches products on the usage type without its
//! prefix, so an unverified prefix cannot make it miss a product.

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Region {
    pub code: &'static str,
    pub location: &'static str,
    pub prefix: &'static str,
    pub prefix_seen: bool,
}

pub const REGIONS: &[Region] = &[
    Region {
        code: "us-east-1",
        location: "US East (N. Virginia)",
        prefix: "USE1",
        prefix_seen: true,
    },
    Region {
        code: "us-east-2",
        location: "US East (Ohio)",
        prefix: "USE2",
        prefix_seen: true,
    },
    Region {
        code: "us-west-1",
        location: "US West (N. California)",
        prefix: "USW1",
        prefix_seen: true,
    },
    Region {
        code: "us-west-2",
        location: "US West (Oregon)",
        prefix: "USW2",
        prefix_seen: true,
    },
    Region {
        code: "af-south-1",
        location: "Africa (Cape Town)",
        prefix: "AFS1",
        prefix_seen: false,
    },
    Region {
        code: "ap-east-1",
        location: "Asia Pacific (Hong Kong)",
        prefix: "APE1",
        prefix_seen: true,
    },
    Region {
        code: "ap-east-2",
        location: "Asia Pacific (Taipei)",
        prefix: "APE2",
        prefix_seen: false,
    },
    Region {
        code: "ap-south-1",
        location: "Asia Pacific (Mumbai)",
        prefix: "APS3",
        prefix_seen: true,
    },
    Region {
        code: "ap-south-2",
        location: "Asia Pacific (Hyderabad)",
        prefix: "APS5",
        prefix_seen: false,
    },
    Region {
        code: "ap-southeast-1",
        location: "Asia Pacific (Singapore)",
        prefix: "APS1",
        prefix_seen: true,
    },
    Region {
        code: "ap-southeast-2",
        location: "Asia Pacific (Sydney)",
        prefix: "APS2",
        prefix_seen: true,
    },
    Region {
        code: "ap-southeast-3",
        location: "Asia Pacific (Jakarta)",
        prefix: "APS4",
        prefix_seen: false,
    },
    Region {
        code: "ap-southeast-4",
        location: "Asia Pacific (Melbourne)",
        prefix: "APS6",
        prefix_seen: false,
    },
    Region {
        code: "ap-southeast-5",
        location: "Asia Pacific (Malaysia)",
        prefix: "APS7",
        prefix_seen: false,
    },
    Region {
        code: "ap-southeast-7",
        location: "Asia Pacific (Thailand)",
        prefix: "APS9",
        prefix_seen: false,
    },
    Region {
        code: "ap-northeast-1",
        location: "Asia Pacific (Tokyo)",
        prefix: "APN1",
        prefix_seen: true,
    },
    Region {
        code: "ap-northeast-2",
        location: "Asia Pacific (Seoul)",
        prefix: "APN2",
        prefix_seen: true,
    },
    Region {
        code: "ap-northeast-3",
        location: "Asia Pacific (Osaka)",
        prefix: "APN3",
        prefix_seen: true,
    },
    Region {
        code: "ca-central-1",
        location: "Canada (Central)",
        prefix: "CAN1",
        prefix_seen: true,
    },
    Region {
        code: "ca-west-1",
        location: "Canada West (Calgary)",
        prefix: "CAN2",
        prefix_seen: false,
    },
    Region {
        code: "eu-central-1",
        location: "EU (Frankfurt)",
        prefix: "EUC1",
        prefix_seen: true,
    },
    Region {
        code: "eu-central-2",
        location: "EU (Zurich)",
        prefix: "EUC2",
        prefix_seen: false,
    },
    Region {
        code: "eu-west-1",
        location: "EU (Ireland)",
        prefix: "EU",
        prefix_seen: true,
    },
    Region {
        code: "eu-west-2",
        location: "EU (London)",
        prefix: "EUW2",
        prefix_seen: true,
    },
    Region {
        code: "eu-west-3",
        location: "EU (Paris)",
        prefix: "EUW3",
        prefix_seen: true,
    },
    Region {
        code: "eu-south-1",
        location: "EU (Milan)",
        prefix: "EUS1",
        prefix_seen: true,
    },
    Region {
        code: "eu-south-2",
        location: "EU (Spain)",
        prefix: "EUS2",
        prefix_seen: false,
    },
    Region {
        code: "eu-north-1",
        location: "EU (Stockholm)",
        prefix: "EUN1",
        prefix_seen: true,
    },
    Region {
        code: "il-central-1",
        location: "Israel (Tel Aviv)",
        prefix: "ILC1",
        prefix_seen: false,
    },
    Region {
        code: "me-south-1",
        location: "Middle East (Bahrain)",
        prefix: "MES1",
        prefix_seen: false,
    },
    Region {
        code: "me-central-1",
        location: "Middle East (UAE)",
        prefix: "MEC1",
        prefix_seen: false,
    },
    Region {
        code: "mx-central-1",
        location: "Mexico (Central)",
        prefix: "MXC1",
        prefix_seen: false,
    },
    Region {
        code: "sa-east-1",
        location: "South America (Sao Paulo)",
        prefix: "SAE1",
        prefix_seen: true,
    },
];

pub fn region(code: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.code == code)
}

/// How a service's usage types name their region.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prefix {
    /// The billing prefix (`USE2-`, `EU-`), none in us-east-1: S3, EC2, EMR, Kinesis,
    /// DynamoDB, Redshift nodes, data transfer.
    Billing,
    /// The billing prefix, `USE1-` in us-east-1 too: Glue, Athena, Lambda, Step
    /// Functions, Firehose, CloudWatch, VPC endpoints.
    BillingEverywhere,
    /// The region's code (`eu-west-1-KMS-Requests`): AWS KMS.
    RegionCode,
}

/// The usage-type prefix of `region` (with its `-`) in the style `prefix`.
pub fn usage_prefix(region: &str, prefix: Prefix) -> String {
    match (self::region(region), prefix) {
        (Some(r), Prefix::RegionCode) => format!("{}-", r.code),
        (Some(r), Prefix::Billing) if r.code == "us-east-1" => String::new(),
        (Some(r), _) => format!("{}-", r.prefix),
        (None, _) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_agree_with_the_bundled_rows() {
        let book = crate::pricing::PriceBook::bundled().unwrap();
        for p in book.prices() {
            let r = region(&p.region).unwrap();
            // KMS names its usage by region code (`eu-west-1-KMS-Keys`).
            if p.region != "us-east-1" && !p.usage_type.is_empty() && !p.key.starts_with("kms.") {
                assert!(
                    p.usage_type.starts_with(&format!("{}-", r.prefix)),
                    "{} {}",
                    p.region,
                    p.usage_type
                );
                assert!(r.prefix_seen, "{}", p.region);
            }
        }
    }
}
