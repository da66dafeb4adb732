//! The price keys of AWS Lambda (Lambda pricing page).
//! Each is declared once, with the Price List product that prices it in every region
//! (see [`crate::pricing::spec`]); the model prices through these constants, so a
//! misspelt key does not compile.

use crate::pricing::spec::PriceKey;

pub const DURATION_ARM64: PriceKey = PriceKey::list(
    "lambda.duration.arm64",
    "AWSLambda",
    "Lambda-GB-Second-ARM",
    "Lambda-GB-Second",
)
.family("Serverless")
.prefixed_in_us_east_1();

pub const DURATION_X86_64: PriceKey = PriceKey::list(
    "lambda.duration.x86_64",
    "AWSLambda",
    "Lambda-GB-Second",
    "Lambda-GB-Second",
)
.family("Serverless")
.prefixed_in_us_east_1();

pub const EPHEMERAL_STORAGE: PriceKey = PriceKey::list(
    "lambda.ephemeral_storage",
    "AWSLambda",
    "Lambda-Storage-GB-Second",
    "GB-Seconds",
)
.family("Serverless")
.prefixed_in_us_east_1();

pub const REQUESTS: PriceKey =
    PriceKey::list("lambda.requests", "AWSLambda", "Request", "Requests")
        .family("Serverless")
        .prefixed_in_us_east_1();

/// Every key of this service.
pub const ALL: &[PriceKey] = &[DURATION_ARM64, DURATION_X86_64, EPHEMERAL_STORAGE, REQUESTS];
