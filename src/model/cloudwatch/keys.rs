//! The price keys of Amazon CloudWatch Logs (CloudWatch pricing page, "Logs").
//! Each is declared once, with the Price List product that prices it in every region
//! (see [`crate::pricing::spec`]); CloudWatch prefixes its usage types in us-east-1
//! too (`USE1-DataProcessing-Bytes`).

use crate::pricing::spec::PriceKey;

pub const INGEST_STANDARD: PriceKey = PriceKey::list(
    "cloudwatch.logs.ingest.standard",
    "AmazonCloudWatch",
    "DataProcessing-Bytes",
    "GB",
)
.family("Data Payload")
.operation("PutLogEvents")
.prefixed_in_us_east_1();

pub const INGEST_INFREQUENT_ACCESS: PriceKey = PriceKey::list(
    "cloudwatch.logs.ingest.infrequent_access",
    "AmazonCloudWatch",
    "DataProcessingIA-Bytes",
    "GB",
)
.family("Data Payload")
.operation("PutLogEvents")
.prefixed_in_us_east_1();

/// Vended logs (VPC flow logs and the like) into CloudWatch Logs, over volume tiers.
pub const INGEST_VENDED: PriceKey = PriceKey::list(
    "cloudwatch.logs.ingest.vended",
    "AmazonCloudWatch",
    "VendedLog-Bytes",
    "GB",
)
.family("Data Payload")
.prefixed_in_us_east_1();

/// Vended logs into the Infrequent Access class: the captures name no usage type.
pub const INGEST_VENDED_INFREQUENT_ACCESS: PriceKey = PriceKey::unlisted(
    "cloudwatch.logs.ingest.vended_infrequent_access",
    "AmazonCloudWatch",
    "GB",
);

pub const STORAGE: PriceKey = PriceKey::list(
    "cloudwatch.logs.storage",
    "AmazonCloudWatch",
    "TimedStorage-ByteHrs",
    "GB-Mo",
)
.family("Storage Snapshot")
.prefixed_in_us_east_1();

pub const INSIGHTS_SCANNED: PriceKey = PriceKey::list(
    "cloudwatch.logs.insights.scanned",
    "AmazonCloudWatch",
    "DataScanned-Bytes",
    "GB",
)
.family("Data Payload")
.prefixed_in_us_east_1();

/// Every key of this service.
pub const ALL: &[PriceKey] = &[
    INGEST_STANDARD,
    INGEST_INFREQUENT_ACCESS,
    INGEST_VENDED,
    INGEST_VENDED_INFREQUENT_ACCESS,
    STORAGE,
    INSIGHTS_SCANNED,
];
