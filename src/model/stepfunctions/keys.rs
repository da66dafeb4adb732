//! The price keys of AWS Step Functions, standard and express (Step Functions pricing page).
//! Each is declared once, with the Price List product that prices it in every region
//! (see [`crate::pricing::spec`]); the model prices through these constants, so a
//! misspelt key does not compile.

use crate::pricing::spec::PriceKey;

pub const EXPRESS_DURATION: PriceKey = PriceKey::list(
    "stepfunctions.express.duration",
    "AmazonStates",
    "StepFunctions-GB-Second",
    "GB-Seconds",
)
.family("AWS Step Functions")
.prefixed_in_us_east_1();

pub const EXPRESS_REQUESTS: PriceKey = PriceKey::list(
    "stepfunctions.express.requests",
    "AmazonStates",
    "StepFunctions-Request",
    "Requests",
)
.family("AWS Step Functions")
.prefixed_in_us_east_1();

pub const STANDARD_TRANSITIONS: PriceKey = PriceKey::list(
    "stepfunctions.standard.transitions",
    "AmazonStates",
    "StateTransition",
    "StateTransitions",
)
.family("AWS Step Functions")
.prefixed_in_us_east_1();

/// Every key of this service.
pub const ALL: &[PriceKey] = &[EXPRESS_DURATION, EXPRESS_REQUESTS, STANDARD_TRANSITIONS];
