//! The price keys of Amazon DynamoDB (DynamoDB pricing page: on-demand and provisioned
//! capacity, per table class; storage, backups, exports, Streams).
//! Each is declared once, with the Price List product that prices it in every region
//! (see [`crate::pricing::spec`]); the model prices through these constants, so a
//! misspelt key does not compile. DynamoDB's usage types carry no prefix in us-east-1.

use crate::pricing::spec::PriceKey;

pub const ON_DEMAND_READ_STANDARD: PriceKey = PriceKey::list(
    "dynamodb.on_demand.read.STANDARD",
    "AmazonDynamoDB",
    "ReadRequestUnits",
    "ReadRequestUnits",
)
.family("Amazon DynamoDB PayPerRequest Throughput")
.operation("PayPerRequestThroughput")
.attributes("group=DDB-ReadUnits");

pub const ON_DEMAND_READ_STANDARD_IA: PriceKey = PriceKey::list(
    "dynamodb.on_demand.read.STANDARD_IA",
    "AmazonDynamoDB",
    "IA-ReadRequestUnits",
    "ReadRequestUnits",
)
.family("Amazon DynamoDB PayPerRequest Throughput")
.operation("PayPerRequestThroughput")
.attributes("group=DDB-ReadUnitsIA");

pub const ON_DEMAND_WRITE_STANDARD: PriceKey = PriceKey::list(
    "dynamodb.on_demand.write.STANDARD",
    "AmazonDynamoDB",
    "WriteRequestUnits",
    "WriteRequestUnits",
)
.family("Amazon DynamoDB PayPerRequest Throughput")
.operation("PayPerRequestThroughput")
.attributes("group=DDB-WriteUnits");

pub const ON_DEMAND_WRITE_STANDARD_IA: PriceKey = PriceKey::list(
    "dynamodb.on_demand.write.STANDARD_IA",
    "AmazonDynamoDB",
    "IA-WriteRequestUnits",
    "WriteRequestUnits",
)
.family("Amazon DynamoDB PayPerRequest Throughput")
.operation("PayPerRequestThroughput")
.attributes("group=DDB-WriteUnitsIA");

pub const PROVISIONED_RCU_STANDARD: PriceKey = PriceKey::list(
    "dynamodb.provisioned.rcu.STANDARD",
    "AmazonDynamoDB",
    "ReadCapacityUnit-Hrs",
    "ReadCapacityUnit-Hrs",
)
.family("Provisioned IOPS")
.operation("CommittedThroughput")
.attributes("group=DDB-ReadUnits");

pub const PROVISIONED_RCU_STANDARD_IA: PriceKey = PriceKey::list(
    "dynamodb.provisioned.rcu.STANDARD_IA",
    "AmazonDynamoDB",
    "IA-ReadCapacityUnit-Hrs",
    "ReadCapacityUnit-Hrs",
)
.family("Provisioned IOPS")
.operation("CommittedThroughput");

pub const PROVISIONED_WCU_STANDARD: PriceKey = PriceKey::list(
    "dynamodb.provisioned.wcu.STANDARD",
    "AmazonDynamoDB",
    "WriteCapacityUnit-Hrs",
    "WriteCapacityUnit-Hrs",
)
.family("Provisioned IOPS")
.operation("CommittedThroughput")
.attributes("group=DDB-WriteUnits");

pub const PROVISIONED_WCU_STANDARD_IA: PriceKey = PriceKey::list(
    "dynamodb.provisioned.wcu.STANDARD_IA",
    "AmazonDynamoDB",
    "IA-WriteCapacityUnit-Hrs",
    "WriteCapacityUnit-Hrs",
)
.family("Provisioned IOPS")
.operation("CommittedThroughput");

pub const STORAGE_STANDARD: PriceKey = PriceKey::list(
    "dynamodb.storage.STANDARD",
    "AmazonDynamoDB",
    "TimedStorage-ByteHrs",
    "GB-Mo",
)
.family("Database Storage");

pub const STORAGE_STANDARD_IA: PriceKey = PriceKey::list(
    "dynamodb.storage.STANDARD_IA",
    "AmazonDynamoDB",
    "IA-TimedStorage-ByteHrs",
    "GB-Mo",
)
.family("Database Storage");

pub const BACKUP_PITR: PriceKey = PriceKey::list(
    "dynamodb.backup.pitr",
    "AmazonDynamoDB",
    "TimedPITRStorage-ByteHrs",
    "GB-Mo",
)
.family("Database Storage");

pub const BACKUP_ON_DEMAND: PriceKey = PriceKey::list(
    "dynamodb.backup.on_demand",
    "AmazonDynamoDB",
    "TimedBackupStorage-ByteHrs",
    "GB-Mo",
)
.family("Amazon DynamoDB On-Demand Backup Storage");

pub const EXPORT: PriceKey = PriceKey::list(
    "dynamodb.export",
    "AmazonDynamoDB",
    "ExportDataSize-Bytes",
    "GB",
);

pub const EXPORT_INCREMENTAL: PriceKey = PriceKey::list(
    "dynamodb.export.incremental",
    "AmazonDynamoDB",
    "IncrementalExportDataSize-Bytes",
    "GB",
);

pub const STREAMS_READ: PriceKey = PriceKey::list(
    "dynamodb.streams.read",
    "AmazonDynamoDB",
    "Streams-RequestsCount",
    "Requests",
)
.family("API Request")
.attributes("group=DDB-StreamsReadRequests");

/// Every key of this service.
pub const ALL: &[PriceKey] = &[
    ON_DEMAND_READ_STANDARD,
    ON_DEMAND_READ_STANDARD_IA,
    ON_DEMAND_WRITE_STANDARD,
    ON_DEMAND_WRITE_STANDARD_IA,
    PROVISIONED_RCU_STANDARD,
    PROVISIONED_RCU_STANDARD_IA,
    PROVISIONED_WCU_STANDARD,
    PROVISIONED_WCU_STANDARD_IA,
    STORAGE_STANDARD,
    STORAGE_STANDARD_IA,
    BACKUP_PITR,
    BACKUP_ON_DEMAND,
    EXPORT,
    EXPORT_INCREMENTAL,
    STREAMS_READ,
];
