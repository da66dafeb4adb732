//! The price keys of Amazon Data Firehose (Firehose pricing page).
//! Each is declared once, with the Price List product that prices it in every region
//! (see [`crate::pricing::spec`]); the model prices through these constants, so a
//! misspelt key does not compile.

use crate::pricing::spec::PriceKey;

pub const DYNAMIC_PARTITIONING: PriceKey = PriceKey::list(
    "firehose.dynamic_partitioning",
    "AmazonKinesisFirehose",
    "DynamicPartitioning-Bytes",
    "GB",
)
.family("Kinesis Firehose")
.prefixed_in_us_east_1();

pub const DYNAMIC_PARTITIONING_OBJECTS: PriceKey = PriceKey::list(
    "firehose.dynamic_partitioning_objects",
    "AmazonKinesisFirehose",
    "DynamicPartitioning-Objects",
    "Objects",
)
.family("Kinesis Firehose")
.prefixed_in_us_east_1();

pub const FORMAT_CONVERSION: PriceKey = PriceKey::list(
    "firehose.format_conversion",
    "AmazonKinesisFirehose",
    "DataFormatConversion-Bytes",
    "GB",
)
.family("Kinesis Firehose")
.prefixed_in_us_east_1();

pub const INGEST: PriceKey = PriceKey::list(
    "firehose.ingest",
    "AmazonKinesisFirehose",
    "BilledBytes",
    "GB",
)
.family("Kinesis Firehose")
.prefixed_in_us_east_1();

/// Every key of this service.
pub const ALL: &[PriceKey] = &[
    DYNAMIC_PARTITIONING,
    DYNAMIC_PARTITIONING_OBJECTS,
    FORMAT_CONVERSION,
    INGEST,
];
