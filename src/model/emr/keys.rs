//! The price keys of EMR on EC2 (the EC2 instance, the EMR fee per instance-hour, gp3 volumes), EMR Serverless and the EC2 spot savings its spot instances are priced with.
//! Each is declared once, with the Price List product that prices it in every region
//! (see [`crate::pricing::spec`]); the model prices through these constants, so a
//! misspelt key does not compile.

use crate::pricing::spec::PriceKey;

pub const EBS_GP3: PriceKey =
    PriceKey::list("ebs.gp3", "AmazonEC2", "EBS:VolumeUsage.gp3", "GB-Mo")
        .family("Storage")
        .attributes("volumeApiName=gp3");

pub const SERVERLESS_MEMORY_ARM64: PriceKey = PriceKey::list(
    "emr_serverless.memory.arm64",
    "ElasticMapReduce",
    "EMR-SERVERLESS-ARM-GBHours",
    "GB-Hours",
)
.family("EMR Serverless")
.prefixed_in_us_east_1();

pub const SERVERLESS_MEMORY_X86_64: PriceKey = PriceKey::list(
    "emr_serverless.memory.x86_64",
    "ElasticMapReduce",
    "EMR-SERVERLESS-GBHours",
    "GB-Hours",
)
.family("EMR Serverless")
.prefixed_in_us_east_1();

pub const SERVERLESS_STORAGE: PriceKey = PriceKey::list(
    "emr_serverless.storage",
    "ElasticMapReduce",
    "EMR-SERVERLESS-StorageGBHours",
    "GB-Hours",
)
.family("EMR Serverless")
.prefixed_in_us_east_1();

pub const SERVERLESS_VCPU_ARM64: PriceKey = PriceKey::list(
    "emr_serverless.vcpu.arm64",
    "ElasticMapReduce",
    "EMR-SERVERLESS-ARM-vCPUHours",
    "vCPU-Hours",
)
.family("EMR Serverless")
.prefixed_in_us_east_1();

pub const SERVERLESS_VCPU_X86_64: PriceKey = PriceKey::list(
    "emr_serverless.vcpu.x86_64",
    "ElasticMapReduce",
    "EMR-SERVERLESS-vCPUHours",
    "vCPU-Hours",
)
.family("EMR Serverless")
.prefixed_in_us_east_1();

/// `{type}` is the instance type.
pub const EC2_INSTANCE: PriceKey = PriceKey::list("ec2.instance.{type}", "AmazonEC2", "BoxUsage:{type}", "Hrs")
    .family("Compute Instance")
    .operation("RunInstances")
    .attributes("instanceType={type};operatingSystem=Linux;tenancy=Shared;preInstalledSw=NA;capacitystatus=Used");

/// `{type}` is the instance type.
pub const FEE_INSTANCE: PriceKey = PriceKey::list(
    "emr.instance.{type}",
    "ElasticMapReduce",
    "BoxUsage:{type}",
    "Hrs",
)
.family("Elastic Map Reduce Instance")
.operation("RunInstances")
.attributes("instanceType={type}");

/// `ec2.spot_discount.{type}`: the saving of spot over on-demand (Spot Instance
/// Advisor), a fraction, not a Price List product.
pub const EC2_SPOT_DISCOUNT: PriceKey =
    PriceKey::unlisted("ec2.spot_discount.{type}", "AmazonEC2", "Fraction");

/// Every key of this service.
pub const ALL: &[PriceKey] = &[
    EBS_GP3,
    SERVERLESS_MEMORY_ARM64,
    SERVERLESS_MEMORY_X86_64,
    SERVERLESS_STORAGE,
    SERVERLESS_VCPU_ARM64,
    SERVERLESS_VCPU_X86_64,
    EC2_INSTANCE,
    FEE_INSTANCE,
    EC2_SPOT_DISCOUNT,
];
