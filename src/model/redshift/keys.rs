//! The price keys of Amazon Redshift: provisioned nodes, concurrency scaling, managed storage, Spectrum and Serverless (Redshift pricing page).
//! Each is declared once, with the Price List product that prices it in every region
//! (see [`crate::pricing::spec`]); the model prices through these constants, so a
//! misspelt key does not compile.

use crate::pricing::spec::PriceKey;

pub const CONCURRENCY_SCALING_DC2_8XLARGE: PriceKey = PriceKey::list(
    "redshift.concurrency_scaling.dc2.8xlarge",
    "AmazonRedshift",
    "CS:dc2.8xlarge",
    "seconds",
)
.family("Redshift Concurrency Scaling")
.attributes("instanceType=dc2.8xlarge");

pub const CONCURRENCY_SCALING_DC2_LARGE: PriceKey = PriceKey::list(
    "redshift.concurrency_scaling.dc2.large",
    "AmazonRedshift",
    "CS:dc2.large",
    "seconds",
)
.family("Redshift Concurrency Scaling")
.attributes("instanceType=dc2.large");

pub const CONCURRENCY_SCALING_RA3_16XLARGE: PriceKey = PriceKey::list(
    "redshift.concurrency_scaling.ra3.16xlarge",
    "AmazonRedshift",
    "CS:ra3.16xlarge",
    "seconds",
)
.family("Redshift Concurrency Scaling")
.attributes("instanceType=ra3.16xlarge");

pub const CONCURRENCY_SCALING_RA3_4XLARGE: PriceKey = PriceKey::list(
    "redshift.concurrency_scaling.ra3.4xlarge",
    "AmazonRedshift",
    "CS:ra3.4xlarge",
    "seconds",
)
.family("Redshift Concurrency Scaling")
.attributes("instanceType=ra3.4xlarge");

pub const CONCURRENCY_SCALING_RA3_XLPLUS: PriceKey = PriceKey::list(
    "redshift.concurrency_scaling.ra3.xlplus",
    "AmazonRedshift",
    "CS:ra3.xlplus",
    "seconds",
)
.family("Redshift Concurrency Scaling")
.attributes("instanceType=ra3.xlplus");

pub const MANAGED_STORAGE: PriceKey = PriceKey::list(
    "redshift.managed_storage",
    "AmazonRedshift",
    "RMS:GB-Month",
    "GB-Mo",
)
.family("Redshift Managed Storage");

pub const NODE_DC2_8XLARGE: PriceKey = PriceKey::list(
    "redshift.node.dc2.8xlarge",
    "AmazonRedshift",
    "Node:dc2.8xlarge",
    "Hrs",
)
.family("Compute Instance")
.attributes("instanceType=dc2.8xlarge");

pub const NODE_DC2_LARGE: PriceKey = PriceKey::list(
    "redshift.node.dc2.large",
    "AmazonRedshift",
    "Node:dc2.large",
    "Hrs",
)
.family("Compute Instance")
.attributes("instanceType=dc2.large");

pub const NODE_RA3_16XLARGE: PriceKey = PriceKey::list(
    "redshift.node.ra3.16xlarge",
    "AmazonRedshift",
    "Node:ra3.16xlarge",
    "Hrs",
)
.family("Compute Instance")
.attributes("instanceType=ra3.16xlarge");

pub const NODE_RA3_4XLARGE: PriceKey = PriceKey::list(
    "redshift.node.ra3.4xlarge",
    "AmazonRedshift",
    "Node:ra3.4xlarge",
    "Hrs",
)
.family("Compute Instance")
.attributes("instanceType=ra3.4xlarge");

pub const NODE_RA3_LARGE: PriceKey = PriceKey::list(
    "redshift.node.ra3.large",
    "AmazonRedshift",
    "Node:ra3.large",
    "Hrs",
)
.family("Compute Instance")
.attributes("instanceType=ra3.large");

pub const NODE_RA3_XLPLUS: PriceKey = PriceKey::list(
    "redshift.node.ra3.xlplus",
    "AmazonRedshift",
    "Node:ra3.xlplus",
    "Hrs",
)
.family("Compute Instance")
.attributes("instanceType=ra3.xlplus");

pub const SERVERLESS_RPU: PriceKey = PriceKey::list(
    "redshift.serverless.rpu",
    "AmazonRedshift",
    "ServerlessUsage",
    "RPU-Hr",
)
.family("Redshift Serverless")
.prefixed_in_us_east_1();

pub const SPECTRUM: PriceKey = PriceKey::list(
    "redshift.spectrum",
    "AmazonRedshift",
    "Spectrum-DataScanned",
    "TB",
)
.family("Redshift Data Scan");

/// Every key of this service.
pub const ALL: &[PriceKey] = &[
    CONCURRENCY_SCALING_DC2_8XLARGE,
    CONCURRENCY_SCALING_DC2_LARGE,
    CONCURRENCY_SCALING_RA3_16XLARGE,
    CONCURRENCY_SCALING_RA3_4XLARGE,
    CONCURRENCY_SCALING_RA3_XLPLUS,
    MANAGED_STORAGE,
    NODE_DC2_8XLARGE,
    NODE_DC2_LARGE,
    NODE_RA3_16XLARGE,
    NODE_RA3_4XLARGE,
    NODE_RA3_LARGE,
    NODE_RA3_XLPLUS,
    SERVERLESS_RPU,
    SPECTRUM,
];
