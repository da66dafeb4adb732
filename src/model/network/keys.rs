//! The price keys of the lake's network: NAT gateways (Amazon VPC pricing), VPC
//! endpoints (AWS PrivateLink pricing; gateway endpoints carry no charge) and data
//! transfer (Amazon EC2 pricing, "Data transfer").
//! Each is declared once, with the Price List product that prices it in every region
//! (see [`crate::pricing::spec`]).

use crate::pricing::spec::PriceKey;

pub const NAT_HOUR: PriceKey = PriceKey::list(
    "vpc.nat_gateway.hour",
    "AmazonEC2",
    "NatGateway-Hours",
    "Hrs",
)
.family("NAT Gateway")
.operation("NatGateway")
.attributes("group=NGW:NatGateway");

pub const NAT_DATA: PriceKey = PriceKey::list(
    "vpc.nat_gateway.data_processed",
    "AmazonEC2",
    "NatGateway-Bytes",
    "GB",
)
.family("NAT Gateway")
.operation("NatGateway")
.attributes("group=NGW:NatGateway");

pub const ENDPOINT_HOUR: PriceKey = PriceKey::list(
    "vpc.interface_endpoint.hour",
    "AmazonVPC",
    "VpcEndpoint-Hours",
    "Hrs",
)
.family("VpcEndpoint")
.prefixed_in_us_east_1();

pub const ENDPOINT_DATA: PriceKey = PriceKey::list(
    "vpc.interface_endpoint.data_processed",
    "AmazonVPC",
    "VpcEndpoint-Bytes",
    "GB",
)
.family("VpcEndpoint")
.prefixed_in_us_east_1();

/// $0 in every region, from AWS's statement that gateway endpoints come at no charge
/// (no Price List product carries it).
pub const GATEWAY_ENDPOINT: PriceKey =
    PriceKey::unlisted("vpc.gateway_endpoint", "AmazonVPC", "Hrs");

pub const INTERNET_OUT: PriceKey = PriceKey::list(
    "datatransfer.out.internet",
    "AWSDataTransfer",
    "DataTransfer-Out-Bytes",
    "GB",
)
.family("Data Transfer")
.attributes("transferType=AWS Outbound");

pub const INTER_AZ: PriceKey = PriceKey::list(
    "datatransfer.inter_az",
    "AWSDataTransfer",
    "DataTransfer-Regional-Bytes",
    "GB",
)
.family("Data Transfer")
.attributes("transferType=IntraRegion");

/// Out of the scenario's region to the destination region `{type}`. Its usage type
/// names both regions' prefixes (`USE1-APN1-AWS-Out-Bytes`), which a template cannot
/// say: refresh does not fetch it, and the bundled rows come from the captures.
pub const INTER_REGION: PriceKey =
    PriceKey::unlisted("datatransfer.inter_region.{type}", "AWSDataTransfer", "GB");

/// Every key of this service.
pub const ALL: &[PriceKey] = &[
    NAT_HOUR,
    NAT_DATA,
    ENDPOINT_HOUR,
    ENDPOINT_DATA,
    GATEWAY_ENDPOINT,
    INTERNET_OUT,
    INTER_AZ,
    INTER_REGION,
];
