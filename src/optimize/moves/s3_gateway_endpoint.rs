//! LC-OPT-012: an S3 gateway endpoint for S3 traffic that crosses the VPC's NAT
//! gateways (see `docs/optimize.md`). The NAT gateways stay: other traffic may need
//! them.

use super::super::{Kind, Proposal, Search};
use crate::model::Service;
use crate::scenario::edit::{Edit, Step};
use crate::scenario::network::S3Access;

pub(super) fn propose(search: &Search) -> Vec<Proposal> {
    if search.s.network.s3_access != Some(S3Access::NatGateway) {
        return Vec::new();
    }
    let mut s = search.s.clone();
    s.network.s3_access = Some(S3Access::GatewayEndpoint);
    let Some((candidate, ())) = search.cheapest(vec![(s, ())]) else {
        return Vec::new();
    };
    vec![Proposal {
        candidate,
        service: Service::Network,
        resource: "vpc".into(),
        title: "s3_access: gateway_endpoint (was nat_gateway)".into(),
        kind: Kind::Configuration,
        trade_off: "the subnets' route tables send S3 traffic to the endpoint: it reaches buckets in the same region only, and bucket policies that allow the NAT's public address must allow the endpoint (aws:sourceVpce) instead".into(),
        edits: vec![Edit::Set {
            path: vec![Step::Key("network".into()), Step::Key("s3_access".into())],
            value: "gateway_endpoint".into(),
        }],
    }]
}
