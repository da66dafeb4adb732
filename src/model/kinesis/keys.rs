//! The price keys of Kinesis Data Streams, provisioned and on-demand (Kinesis Data Streams pricing page).
//! Each is declared once, with the Price List product that prices it in every region
//! (see [`crate::pricing::spec`]); the model prices through these constants, so a
//! misspelt key does not compile.

use crate::pricing::spec::PriceKey;

pub const EFO_CONSUMER_SHARD_HOUR: PriceKey = PriceKey::list(
    "kinesis.efo.consumer_shard_hour",
    "AmazonKinesis",
    "EnhancedFanoutHour",
    "ShardHour",
)
.family("Kinesis Streams")
.operation("ConsumerHour");

pub const EFO_RETRIEVAL: PriceKey =
    PriceKey::list("kinesis.efo.retrieval", "AmazonKinesis", "ReadBytes", "GB")
        .family("Kinesis Streams")
        .operation("EnhancedFanoutDataRetrieval");

pub const ON_DEMAND_EFO_RETRIEVAL: PriceKey = PriceKey::list(
    "kinesis.on_demand.efo_retrieval",
    "AmazonKinesis",
    "OnDemand-BilledOutgoingEFOBytes",
    "GB",
)
.family("Kinesis Streams");

pub const ON_DEMAND_EXTENDED_RETENTION: PriceKey = PriceKey::list(
    "kinesis.on_demand.extended_retention",
    "AmazonKinesis",
    "OnDemand-ExtendedRetention-ByteHrs",
    "GB-Mo",
)
.family("Kinesis Streams");

pub const ON_DEMAND_INGEST: PriceKey = PriceKey::list(
    "kinesis.on_demand.ingest",
    "AmazonKinesis",
    "OnDemand-BilledIncomingBytes",
    "GB",
)
.family("Kinesis Streams");

pub const ON_DEMAND_LONG_TERM_RETENTION: PriceKey = PriceKey::list(
    "kinesis.on_demand.long_term_retention",
    "AmazonKinesis",
    "OnDemand-LongTermRetention-ByteHrs",
    "GB-Mo",
)
.family("Kinesis Streams");

pub const ON_DEMAND_RETRIEVAL: PriceKey = PriceKey::list(
    "kinesis.on_demand.retrieval",
    "AmazonKinesis",
    "OnDemand-BilledOutgoingBytes",
    "GB",
)
.family("Kinesis Streams");

pub const ON_DEMAND_STREAM_HOUR: PriceKey = PriceKey::list(
    "kinesis.on_demand.stream_hour",
    "AmazonKinesis",
    "OnDemand-StreamHour",
    "Hrs",
)
.family("Kinesis Streams");

pub const PROVISIONED_EXTENDED_RETENTION_SHARD_HOUR: PriceKey = PriceKey::list(
    "kinesis.provisioned.extended_retention_shard_hour",
    "AmazonKinesis",
    "Extended-ShardHour",
    "ShardHour",
)
.family("Kinesis Streams");

pub const PROVISIONED_LONG_TERM_RETENTION: PriceKey = PriceKey::list(
    "kinesis.provisioned.long_term_retention",
    "AmazonKinesis",
    "LongTermRetention-ByteHrs",
    "GB-Mo",
)
.family("Kinesis Streams");

pub const PROVISIONED_LONG_TERM_RETRIEVAL: PriceKey = PriceKey::list(
    "kinesis.provisioned.long_term_retrieval",
    "AmazonKinesis",
    "LongTermRetention-ReadBytes",
    "GB",
)
.family("Kinesis Streams")
.operation("LongTermRetentionDataRetrieval");

pub const PROVISIONED_PUT_PAYLOAD_UNIT: PriceKey = PriceKey::list(
    "kinesis.provisioned.put_payload_unit",
    "AmazonKinesis",
    "PutRequestPayloadUnits",
    "PutRequest",
)
.family("Kinesis Streams");

pub const PROVISIONED_SHARD_HOUR: PriceKey = PriceKey::list(
    "kinesis.provisioned.shard_hour",
    "AmazonKinesis",
    "Storage-ShardHour",
    "ShardHour",
)
.family("Kinesis Streams");

/// Reading long-term retained data of an on-demand stream: no capture holds it.
pub const ON_DEMAND_LONG_TERM_RETRIEVAL: PriceKey = PriceKey::unlisted(
    "kinesis.on_demand.long_term_retrieval",
    "AmazonKinesis",
    "GB",
);

/// Every key of this service.
pub const ALL: &[PriceKey] = &[
    EFO_CONSUMER_SHARD_HOUR,
    EFO_RETRIEVAL,
    ON_DEMAND_EFO_RETRIEVAL,
    ON_DEMAND_EXTENDED_RETENTION,
    ON_DEMAND_INGEST,
    ON_DEMAND_LONG_TERM_RETENTION,
    ON_DEMAND_RETRIEVAL,
    ON_DEMAND_STREAM_HOUR,
    PROVISIONED_EXTENDED_RETENTION_SHARD_HOUR,
    PROVISIONED_LONG_TERM_RETENTION,
    PROVISIONED_LONG_TERM_RETRIEVAL,
    PROVISIONED_PUT_PAYLOAD_UNIT,
    PROVISIONED_SHARD_HOUR,
    ON_DEMAND_LONG_TERM_RETRIEVAL,
];
