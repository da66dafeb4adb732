//! The price keys of AWS KMS (AWS KMS pricing page) that S3 encryption bills.
//! Each is declared once, with the Price List product that prices it in every region
//! (see [`crate::pricing::spec`]); KMS names its usage by region code
//! (`eu-west-1-KMS-Requests`).

use crate::pricing::spec::PriceKey;

pub const KEY: PriceKey = PriceKey::list("kms.key", "awskms", "KMS-Keys", "Keys")
    .family("Encryption Key")
    .prefixed_by_region_code();

pub const REQUESTS: PriceKey = PriceKey::list("kms.requests", "awskms", "KMS-Requests", "Requests")
    .family("API Request")
    .prefixed_by_region_code();

/// Every key of this service.
pub const ALL: &[PriceKey] = &[KEY, REQUESTS];
