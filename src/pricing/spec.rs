//! The region-free price specification: for each price key, the Price List product
//! that prices it, described once — service code, usage-type suffix, operation, product
//! family, identifying attributes and unit — so that `pricing refresh` can fetch any
//! region, not only those of the snapshot it replaces. A region's usage types add its
//! prefix (`USE2-`, `EUC1-`…; see [`super::regions`]); some services prefix even in
//! us-east-1 (`USE1-`): Glue, Athena, Lambda, Step Functions, Firehose, EMR Serverless
//! and Redshift Serverless, noted per key below. Products are matched on the suffix, so
//! a prefix lakecost does not know yet does not stop a refresh.
//!
//! Keys per instance type (`ec2.instance.{type}`, `emr.instance.{type}`) are templates
//! filled from the instance catalogue; spot savings are not list prices and are not
//! fetched.

use super::live::price_list::{Identity, row_attributes};
use super::regions;

/// How one price key's product is found, in every region.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KeySpec {
    /// The key, with `{type}` for an instance type.
    pub key: &'static str,
    pub service_code: &'static str,
    /// The usage type without the region prefix, with `{type}` for an instance type.
    pub usage_suffix: &'static str,
    /// Whether the usage type carries `USE1-` in us-east-1 too.
    pub prefixed_in_us_east_1: bool,
    pub operation: &'static str,
    pub product_family: &'static str,
    /// `k=v;k=v` attributes that single the product out (TERM_MATCH filters).
    pub attributes: &'static str,
    pub unit: &'static str,
}

#[allow(clippy::too_many_arguments)]
const fn fixed(
    key: &'static str,
    service_code: &'static str,
    usage_suffix: &'static str,
    prefixed_in_us_east_1: bool,
    operation: &'static str,
    product_family: &'static str,
    attributes: &'static str,
    unit: &'static str,
) -> KeySpec {
    KeySpec {
        key,
        service_code,
        usage_suffix,
        prefixed_in_us_east_1,
        operation,
        product_family,
        attributes,
        unit,
    }
}

/// Every key lakecost prices, but the per-instance-type ones.
pub const KEYS: &[KeySpec] = &[
    fixed(
        "athena.sql.scanned",
        "AmazonAthena",
        "DataScannedInTB",
        true,
        "",
        "Athena Queries",
        "",
        "Terabytes",
    ),
    fixed(
        "ebs.gp3",
        "AmazonEC2",
        "EBS:VolumeUsage.gp3",
        false,
        "",
        "Storage",
        "volumeApiName=gp3",
        "GB-Mo",
    ),
    fixed(
        "emr_serverless.memory.arm64",
        "ElasticMapReduce",
        "EMR-SERVERLESS-ARM-GBHours",
        true,
        "",
        "EMR Serverless",
        "",
        "GB-Hours",
    ),
    fixed(
        "emr_serverless.memory.x86_64",
        "ElasticMapReduce",
        "EMR-SERVERLESS-GBHours",
        true,
        "",
        "EMR Serverless",
        "",
        "GB-Hours",
    ),
    fixed(
        "emr_serverless.storage",
        "ElasticMapReduce",
        "EMR-SERVERLESS-StorageGBHours",
        true,
        "",
        "EMR Serverless",
        "",
        "GB-Hours",
    ),
    fixed(
        "emr_serverless.vcpu.arm64",
        "ElasticMapReduce",
        "EMR-SERVERLESS-ARM-vCPUHours",
        true,
        "",
        "EMR Serverless",
        "",
        "vCPU-Hours",
    ),
    fixed(
        "emr_serverless.vcpu.x86_64",
        "ElasticMapReduce",
        "EMR-SERVERLESS-vCPUHours",
        true,
        "",
        "EMR Serverless",
        "",
        "vCPU-Hours",
    ),
    fixed(
        "firehose.dynamic_partitioning",
        "AmazonKinesisFirehose",
        "DynamicPartitioning-Bytes",
        true,
        "",
        "Kinesis Firehose",
        "",
        "GB",
    ),
    fixed(
        "firehose.dynamic_partitioning_objects",
        "AmazonKinesisFirehose",
        "DynamicPartitioning-Objects",
        true,
        "",
        "Kinesis Firehose",
        "",
        "Objects",
    ),
    fixed(
        "firehose.format_conversion",
        "AmazonKinesisFirehose",
        "DataFormatConversion-Bytes",
        true,
        "",
        "Kinesis Firehose",
        "",
        "GB",
    ),
    fixed(
        "firehose.ingest",
        "AmazonKinesisFirehose",
        "BilledBytes",
        true,
        "",
        "Kinesis Firehose",
        "",
        "GB",
    ),
    fixed(
        "glue.catalog.requests",
        "AWSGlue",
        "Catalog-Request",
        true,
        "",
        "AWS Glue",
        "",
        "Requests",
    ),
    fixed(
        "glue.catalog.storage",
        "AWSGlue",
        "Catalog-Storage",
        true,
        "",
        "AWS Glue",
        "",
        "Objects",
    ),
    fixed(
        "glue.crawler",
        "AWSGlue",
        "Crawler-DPU-Hour",
        true,
        "CrawlerRun",
        "AWS Glue",
        "",
        "DPU-Hour",
    ),
    fixed(
        "glue.etl.flex",
        "AWSGlue",
        "ETL-Flex-DPU-Hour",
        true,
        "Jobrun",
        "AWS Glue",
        "",
        "DPU-Hour",
    ),
    fixed(
        "glue.etl.standard",
        "AWSGlue",
        "ETL-DPU-Hour",
        true,
        "Jobrun",
        "AWS Glue",
        "",
        "DPU-Hour",
    ),
    fixed(
        "kinesis.efo.consumer_shard_hour",
        "AmazonKinesis",
        "EnhancedFanoutHour",
        false,
        "ConsumerHour",
        "Kinesis Streams",
        "",
        "ShardHour",
    ),
    fixed(
        "kinesis.efo.retrieval",
        "AmazonKinesis",
        "ReadBytes",
        false,
        "EnhancedFanoutDataRetrieval",
        "Kinesis Streams",
        "",
        "GB",
    ),
    fixed(
        "kinesis.on_demand.efo_retrieval",
        "AmazonKinesis",
        "OnDemand-BilledOutgoingEFOBytes",
        false,
        "",
        "Kinesis Streams",
        "",
        "GB",
    ),
    fixed(
        "kinesis.on_demand.extended_retention",
        "AmazonKinesis",
        "OnDemand-ExtendedRetention-ByteHrs",
        false,
        "",
        "Kinesis Streams",
        "",
        "GB-Mo",
    ),
    fixed(
        "kinesis.on_demand.ingest",
        "AmazonKinesis",
        "OnDemand-BilledIncomingBytes",
        false,
        "",
        "Kinesis Streams",
        "",
        "GB",
    ),
    fixed(
        "kinesis.on_demand.long_term_retention",
        "AmazonKinesis",
        "OnDemand-LongTermRetention-ByteHrs",
        false,
        "",
        "Kinesis Streams",
        "",
        "GB-Mo",
    ),
    fixed(
        "kinesis.on_demand.retrieval",
        "AmazonKinesis",
        "OnDemand-BilledOutgoingBytes",
        false,
        "",
        "Kinesis Streams",
        "",
        "GB",
    ),
    fixed(
        "kinesis.on_demand.stream_hour",
        "AmazonKinesis",
        "OnDemand-StreamHour",
        false,
        "",
        "Kinesis Streams",
        "",
        "Hrs",
    ),
    fixed(
        "kinesis.provisioned.extended_retention_shard_hour",
        "AmazonKinesis",
        "Extended-ShardHour",
        false,
        "",
        "Kinesis Streams",
        "",
        "ShardHour",
    ),
    fixed(
        "kinesis.provisioned.long_term_retention",
        "AmazonKinesis",
        "LongTermRetention-ByteHrs",
        false,
        "",
        "Kinesis Streams",
        "",
        "GB-Mo",
    ),
    fixed(
        "kinesis.provisioned.long_term_retrieval",
        "AmazonKinesis",
        "LongTermRetention-ReadBytes",
        false,
        "LongTermRetentionDataRetrieval",
        "Kinesis Streams",
        "",
        "GB",
    ),
    fixed(
        "kinesis.provisioned.put_payload_unit",
        "AmazonKinesis",
        "PutRequestPayloadUnits",
        false,
        "",
        "Kinesis Streams",
        "",
        "PutRequest",
    ),
    fixed(
        "kinesis.provisioned.shard_hour",
        "AmazonKinesis",
        "Storage-ShardHour",
        false,
        "",
        "Kinesis Streams",
        "",
        "ShardHour",
    ),
    fixed(
        "lambda.duration.arm64",
        "AWSLambda",
        "Lambda-GB-Second-ARM",
        true,
        "",
        "Serverless",
        "",
        "Lambda-GB-Second",
    ),
    fixed(
        "lambda.duration.x86_64",
        "AWSLambda",
        "Lambda-GB-Second",
        true,
        "",
        "Serverless",
        "",
        "Lambda-GB-Second",
    ),
    fixed(
        "lambda.ephemeral_storage",
        "AWSLambda",
        "Lambda-Storage-GB-Second",
        true,
        "",
        "Serverless",
        "",
        "GB-Seconds",
    ),
    fixed(
        "lambda.requests",
        "AWSLambda",
        "Request",
        true,
        "",
        "Serverless",
        "",
        "Requests",
    ),
    fixed(
        "redshift.concurrency_scaling.dc2.8xlarge",
        "AmazonRedshift",
        "CS:dc2.8xlarge",
        false,
        "",
        "Redshift Concurrency Scaling",
        "instanceType=dc2.8xlarge",
        "seconds",
    ),
    fixed(
        "redshift.concurrency_scaling.dc2.large",
        "AmazonRedshift",
        "CS:dc2.large",
        false,
        "",
        "Redshift Concurrency Scaling",
        "instanceType=dc2.large",
        "seconds",
    ),
    fixed(
        "redshift.concurrency_scaling.ra3.16xlarge",
        "AmazonRedshift",
        "CS:ra3.16xlarge",
        false,
        "",
        "Redshift Concurrency Scaling",
        "instanceType=ra3.16xlarge",
        "seconds",
    ),
    fixed(
        "redshift.concurrency_scaling.ra3.4xlarge",
        "AmazonRedshift",
        "CS:ra3.4xlarge",
        false,
        "",
        "Redshift Concurrency Scaling",
        "instanceType=ra3.4xlarge",
        "seconds",
    ),
    fixed(
        "redshift.concurrency_scaling.ra3.xlplus",
        "AmazonRedshift",
        "CS:ra3.xlplus",
        false,
        "",
        "Redshift Concurrency Scaling",
        "instanceType=ra3.xlplus",
        "seconds",
    ),
    fixed(
        "redshift.managed_storage",
        "AmazonRedshift",
        "RMS:GB-Month",
        false,
        "",
        "Redshift Managed Storage",
        "",
        "GB-Mo",
    ),
    fixed(
        "redshift.node.dc2.8xlarge",
        "AmazonRedshift",
        "Node:dc2.8xlarge",
        false,
        "",
        "Compute Instance",
        "instanceType=dc2.8xlarge",
        "Hrs",
    ),
    fixed(
        "redshift.node.dc2.large",
        "AmazonRedshift",
        "Node:dc2.large",
        false,
        "",
        "Compute Instance",
        "instanceType=dc2.large",
        "Hrs",
    ),
    fixed(
        "redshift.node.ra3.16xlarge",
        "AmazonRedshift",
        "Node:ra3.16xlarge",
        false,
        "",
        "Compute Instance",
        "instanceType=ra3.16xlarge",
        "Hrs",
    ),
    fixed(
        "redshift.node.ra3.4xlarge",
        "AmazonRedshift",
        "Node:ra3.4xlarge",
        false,
        "",
        "Compute Instance",
        "instanceType=ra3.4xlarge",
        "Hrs",
    ),
    fixed(
        "redshift.node.ra3.large",
        "AmazonRedshift",
        "Node:ra3.large",
        false,
        "",
        "Compute Instance",
        "instanceType=ra3.large",
        "Hrs",
    ),
    fixed(
        "redshift.node.ra3.xlplus",
        "AmazonRedshift",
        "Node:ra3.xlplus",
        false,
        "",
        "Compute Instance",
        "instanceType=ra3.xlplus",
        "Hrs",
    ),
    fixed(
        "redshift.serverless.rpu",
        "AmazonRedshift",
        "ServerlessUsage",
        true,
        "",
        "Redshift Serverless",
        "",
        "RPU-Hr",
    ),
    fixed(
        "redshift.spectrum",
        "AmazonRedshift",
        "Spectrum-DataScanned",
        false,
        "",
        "Redshift Data Scan",
        "",
        "TB",
    ),
    fixed(
        "s3.early_delete.DEEP_ARCHIVE",
        "AmazonS3",
        "EarlyDelete-GDA",
        false,
        "",
        "Storage",
        "",
        "GB-Mo",
    ),
    fixed(
        "s3.early_delete.GLACIER",
        "AmazonS3",
        "EarlyDelete-ByteHrs",
        false,
        "",
        "Storage",
        "",
        "GB-Mo",
    ),
    fixed(
        "s3.early_delete.GLACIER_IR",
        "AmazonS3",
        "EarlyDelete-GIR",
        false,
        "",
        "Storage",
        "",
        "GB-Mo",
    ),
    fixed(
        "s3.early_delete.ONEZONE_IA",
        "AmazonS3",
        "EarlyDelete-ZIA",
        false,
        "",
        "Storage",
        "",
        "GB-Mo",
    ),
    fixed(
        "s3.early_delete.STANDARD_IA",
        "AmazonS3",
        "EarlyDelete-SIA",
        false,
        "",
        "Storage",
        "",
        "GB-Mo",
    ),
    fixed(
        "s3.monitoring.INTELLIGENT_TIERING",
        "AmazonS3",
        "Monitoring-Automation-INT",
        false,
        "",
        "Storage",
        "",
        "Objects",
    ),
    fixed(
        "s3.requests.get.DEEP_ARCHIVE",
        "AmazonS3",
        "Requests-GDA-Tier2",
        false,
        "",
        "API Request",
        "group=S3-API-Tier2",
        "Requests",
    ),
    fixed(
        "s3.requests.get.GLACIER",
        "AmazonS3",
        "Requests-GLACIER-Tier2",
        false,
        "",
        "API Request",
        "group=S3-API-Tier2",
        "Requests",
    ),
    fixed(
        "s3.requests.get.GLACIER_IR",
        "AmazonS3",
        "Requests-GIR-Tier2",
        false,
        "",
        "API Request",
        "group=S3-API-Tier2",
        "Requests",
    ),
    fixed(
        "s3.requests.get.INTELLIGENT_TIERING",
        "AmazonS3",
        "Requests-INT-Tier2",
        false,
        "",
        "API Request",
        "group=S3-API-Tier2",
        "Requests",
    ),
    fixed(
        "s3.requests.get.ONEZONE_IA",
        "AmazonS3",
        "Requests-ZIA-Tier2",
        false,
        "",
        "API Request",
        "group=S3-API-Tier2",
        "Requests",
    ),
    fixed(
        "s3.requests.get.STANDARD",
        "AmazonS3",
        "Requests-Tier2",
        false,
        "",
        "API Request",
        "group=S3-API-Tier2",
        "Requests",
    ),
    fixed(
        "s3.requests.get.STANDARD_IA",
        "AmazonS3",
        "Requests-SIA-Tier2",
        false,
        "",
        "API Request",
        "group=S3-API-Tier2",
        "Requests",
    ),
    fixed(
        "s3.requests.put.DEEP_ARCHIVE",
        "AmazonS3",
        "Requests-GDA-Tier1",
        false,
        "",
        "API Request",
        "group=S3-API-Tier1",
        "Requests",
    ),
    fixed(
        "s3.requests.put.GLACIER",
        "AmazonS3",
        "Requests-GLACIER-Tier1",
        false,
        "",
        "API Request",
        "group=S3-API-Tier1",
        "Requests",
    ),
    fixed(
        "s3.requests.put.GLACIER_IR",
        "AmazonS3",
        "Requests-GIR-Tier1",
        false,
        "",
        "API Request",
        "group=S3-API-Tier1",
        "Requests",
    ),
    fixed(
        "s3.requests.put.INTELLIGENT_TIERING",
        "AmazonS3",
        "Requests-INT-Tier1",
        false,
        "",
        "API Request",
        "group=S3-API-Tier1",
        "Requests",
    ),
    fixed(
        "s3.requests.put.ONEZONE_IA",
        "AmazonS3",
        "Requests-ZIA-Tier1",
        false,
        "",
        "API Request",
        "group=S3-API-Tier1",
        "Requests",
    ),
    fixed(
        "s3.requests.put.STANDARD",
        "AmazonS3",
        "Requests-Tier1",
        false,
        "",
        "API Request",
        "group=S3-API-Tier1",
        "Requests",
    ),
    fixed(
        "s3.requests.put.STANDARD_IA",
        "AmazonS3",
        "Requests-SIA-Tier1",
        false,
        "",
        "API Request",
        "group=S3-API-Tier1",
        "Requests",
    ),
    fixed(
        "s3.restore.request.DEEP_ARCHIVE.bulk",
        "AmazonS3",
        "Requests-GDA-Bulk",
        false,
        "",
        "API Request",
        "",
        "Requests",
    ),
    fixed(
        "s3.restore.request.DEEP_ARCHIVE.standard",
        "AmazonS3",
        "Requests-GDA-Standard",
        false,
        "",
        "API Request",
        "",
        "Requests",
    ),
    fixed(
        "s3.restore.request.GLACIER.bulk",
        "AmazonS3",
        "Requests-Glacier-Bulk",
        false,
        "",
        "API Request",
        "",
        "Requests",
    ),
    fixed(
        "s3.restore.request.GLACIER.expedited",
        "AmazonS3",
        "Requests-Glacier-Expedited",
        false,
        "",
        "API Request",
        "",
        "Requests",
    ),
    fixed(
        "s3.restore.request.GLACIER.standard",
        "AmazonS3",
        "Requests-Glacier-Standard",
        false,
        "",
        "API Request",
        "",
        "Requests",
    ),
    fixed(
        "s3.restore.retrieval.DEEP_ARCHIVE.bulk",
        "AmazonS3",
        "Retrieval-GDA-Bulk",
        false,
        "",
        "Fee",
        "",
        "GB",
    ),
    fixed(
        "s3.restore.retrieval.DEEP_ARCHIVE.standard",
        "AmazonS3",
        "Retrieval-GDA-Standard",
        false,
        "",
        "Fee",
        "",
        "GB",
    ),
    fixed(
        "s3.restore.retrieval.GLACIER.bulk",
        "AmazonS3",
        "Retrieval-Glacier-Bulk",
        false,
        "",
        "Fee",
        "",
        "GB",
    ),
    fixed(
        "s3.restore.retrieval.GLACIER.expedited",
        "AmazonS3",
        "Retrieval-Glacier-Expedited",
        false,
        "",
        "Fee",
        "",
        "GB",
    ),
    fixed(
        "s3.restore.retrieval.GLACIER.standard",
        "AmazonS3",
        "Retrieval-Glacier-Standard",
        false,
        "",
        "Fee",
        "",
        "GB",
    ),
    fixed(
        "s3.retrieval.GLACIER_IR",
        "AmazonS3",
        "Retrieval-GIR",
        false,
        "",
        "Fee",
        "",
        "GB",
    ),
    fixed(
        "s3.retrieval.ONEZONE_IA",
        "AmazonS3",
        "Retrieval-ZIA",
        false,
        "",
        "Fee",
        "",
        "GB",
    ),
    fixed(
        "s3.retrieval.STANDARD_IA",
        "AmazonS3",
        "Retrieval-SIA",
        false,
        "",
        "Fee",
        "",
        "GB",
    ),
    fixed(
        "s3.storage.DEEP_ARCHIVE",
        "AmazonS3",
        "TimedStorage-GDA-ByteHrs",
        false,
        "",
        "Storage",
        "volumeType=Glacier Deep Archive",
        "GB-Mo",
    ),
    fixed(
        "s3.storage.GLACIER",
        "AmazonS3",
        "TimedStorage-GlacierByteHrs",
        false,
        "",
        "Storage",
        "volumeType=Amazon Glacier",
        "GB-Mo",
    ),
    fixed(
        "s3.storage.GLACIER_IR",
        "AmazonS3",
        "TimedStorage-GIR-ByteHrs",
        false,
        "",
        "Storage",
        "volumeType=Glacier Instant Retrieval",
        "GB-Mo",
    ),
    fixed(
        "s3.storage.INTELLIGENT_TIERING.archive_instant",
        "AmazonS3",
        "TimedStorage-INT-AIA-ByteHrs",
        false,
        "",
        "Storage",
        "volumeType=Intelligent-Tiering Archive Instant Access",
        "GB-Mo",
    ),
    fixed(
        "s3.storage.INTELLIGENT_TIERING.frequent",
        "AmazonS3",
        "TimedStorage-INT-FA-ByteHrs",
        false,
        "",
        "Storage",
        "volumeType=Intelligent-Tiering Frequent Access",
        "GB-Mo",
    ),
    fixed(
        "s3.storage.INTELLIGENT_TIERING.infrequent",
        "AmazonS3",
        "TimedStorage-INT-IA-ByteHrs",
        false,
        "",
        "Storage",
        "volumeType=Intelligent-Tiering Infrequent Access",
        "GB-Mo",
    ),
    fixed(
        "s3.storage.ONEZONE_IA",
        "AmazonS3",
        "TimedStorage-ZIA-ByteHrs",
        false,
        "",
        "Storage",
        "volumeType=One Zone - Infrequent Access",
        "GB-Mo",
    ),
    fixed(
        "s3.storage.STANDARD",
        "AmazonS3",
        "TimedStorage-ByteHrs",
        false,
        "",
        "Storage",
        "volumeType=Standard;storageClass=General Purpose",
        "GB-Mo",
    ),
    fixed(
        "s3.storage.STANDARD_IA",
        "AmazonS3",
        "TimedStorage-SIA-ByteHrs",
        false,
        "",
        "Storage",
        "volumeType=Standard - Infrequent Access",
        "GB-Mo",
    ),
    fixed(
        "s3.transition.DEEP_ARCHIVE",
        "AmazonS3",
        "Requests-GDA-Tier3",
        false,
        "",
        "API Request",
        "group=S3-API-Lifecycle",
        "Requests",
    ),
    fixed(
        "s3.transition.GLACIER",
        "AmazonS3",
        "Requests-Tier3",
        false,
        "",
        "API Request",
        "group=S3-API-Lifecycle",
        "Requests",
    ),
    fixed(
        "s3.transition.GLACIER_IR",
        "AmazonS3",
        "Requests-GIR-Tier3",
        false,
        "",
        "API Request",
        "group=S3-API-Lifecycle",
        "Requests",
    ),
    fixed(
        "s3.transition.INTELLIGENT_TIERING",
        "AmazonS3",
        "Requests-INT-Tier3",
        false,
        "",
        "API Request",
        "group=S3-API-Lifecycle",
        "Requests",
    ),
    fixed(
        "s3.transition.ONEZONE_IA",
        "AmazonS3",
        "Requests-ZIA-Tier3",
        false,
        "",
        "API Request",
        "group=S3-API-Lifecycle",
        "Requests",
    ),
    fixed(
        "s3.transition.STANDARD_IA",
        "AmazonS3",
        "Requests-SIA-Tier3",
        false,
        "",
        "API Request",
        "group=S3-API-Lifecycle",
        "Requests",
    ),
    fixed(
        "stepfunctions.express.duration",
        "AmazonStates",
        "StepFunctions-GB-Second",
        true,
        "",
        "AWS Step Functions",
        "",
        "GB-Seconds",
    ),
    fixed(
        "stepfunctions.express.requests",
        "AmazonStates",
        "StepFunctions-Request",
        true,
        "",
        "AWS Step Functions",
        "",
        "Requests",
    ),
    fixed(
        "stepfunctions.standard.transitions",
        "AmazonStates",
        "StateTransition",
        true,
        "",
        "AWS Step Functions",
        "",
        "StateTransitions",
    ),
];

/// The per-instance-type keys; `{type}` stands for the instance type.
pub const INSTANCE_KEYS: &[KeySpec] = &[
    fixed(
        "ec2.instance.{type}",
        "AmazonEC2",
        "BoxUsage:{type}",
        false,
        "RunInstances",
        "Compute Instance",
        "instanceType={type};operatingSystem=Linux;tenancy=Shared;preInstalledSw=NA;capacitystatus=Used",
        "Hrs",
    ),
    fixed(
        "emr.instance.{type}",
        "ElasticMapReduce",
        "BoxUsage:{type}",
        false,
        "RunInstances",
        "Elastic Map Reduce Instance",
        "instanceType={type}",
        "Hrs",
    ),
];

impl KeySpec {
    /// This key's product identity in `region`, for instance type `itype` where the
    /// key is a template.
    pub fn identity(&self, region: &str, itype: &str) -> Identity {
        let fill = |s: &str| s.replace("{type}", itype);
        let prefix = regions::usage_prefix(region, self.prefixed_in_us_east_1);
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

/// The identity of one price key in `region`, or `None` for a key lakecost does not
/// fetch (an unknown key, or a spot saving).
pub fn identity(key: &str, region: &str) -> Option<Identity> {
    if let Some(k) = KEYS.iter().find(|k| k.key == key) {
        return Some(k.identity(region, ""));
    }
    INSTANCE_KEYS.iter().find_map(|k| {
        let prefix = k.key.strip_suffix("{type}")?;
        let itype = key.strip_prefix(prefix)?;
        Some(k.identity(region, itype))
    })
}

/// The keys of [`KEYS`] that `book` has no price for in `region`: the snapshot's gaps,
/// which `pricing show --coverage` names (instance-type keys are counted per type there).
pub fn gaps(book: &super::PriceBook, region: &str) -> Vec<&'static str> {
    KEYS.iter()
        .map(|k| k.key)
        .filter(|k| book.get(region, k).is_err())
        .collect()
}

/// Every key's identity in `region`, instance keys for each of `instance_types`.
pub fn identities(region: &str, instance_types: &[&str]) -> Vec<Identity> {
    let mut out: Vec<Identity> = KEYS.iter().map(|k| k.identity(region, "")).collect();
    for t in instance_types {
        out.extend(INSTANCE_KEYS.iter().map(|k| k.identity(region, t)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::PriceBook;

    #[test]
    fn the_spec_describes_every_bundled_key_but_spot_savings() {
        let book = PriceBook::bundled().unwrap();
        for p in book.prices() {
            if p.unit == "Fraction" {
                assert!(identity(&p.key, &p.region).is_none(), "{}", p.key);
                continue;
            }
            let id = identity(&p.key, &p.region).unwrap_or_else(|| panic!("{}", p.key));
            assert_eq!(
                (id.service_code.as_str(), id.unit.as_str()),
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
        let book = PriceBook::bundled().unwrap();
        for p in book.prices() {
            let Some(id) = identity(&p.key, &p.region) else {
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
        let id = identity("glue.etl.standard", "us-east-1").unwrap();
        assert_eq!(id.usage_type, "USE1-ETL-DPU-Hour");
        let id = identity("s3.storage.STANDARD", "us-east-1").unwrap();
        assert_eq!(id.usage_type, "TimedStorage-ByteHrs");
        let id = identity("s3.storage.STANDARD", "eu-central-1").unwrap();
        assert_eq!(id.usage_type, "EUC1-TimedStorage-ByteHrs");
        let id = identity("ec2.instance.r5.8xlarge", "ap-southeast-2").unwrap();
        assert_eq!(id.usage_type, "APS2-BoxUsage:r5.8xlarge");
        assert!(
            id.attributes
                .contains(&("instanceType".into(), "r5.8xlarge".into()))
        );
        assert!(identity("ec2.spot_discount.m5.xlarge", "us-east-1").is_none());
    }
}
