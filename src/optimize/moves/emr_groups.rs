//! What the EMR instance moves share: whether a type is priced for EMR in the region,
//! and the proposal that puts a cluster's groups on new types.

use super::super::{Kind, Proposal, Search};
use crate::model::Service;
use crate::scenario::Scenario;
use crate::scenario::edit::{Edit, item_path};

/// Whether the snapshot has the EMR charge for an instance type in the region. A type
/// without one is billed for EC2 and EBS alone (LC-EMR-003), so moving a group to it
/// from a type with one would "save" the EMR charge it merely stops counting.
pub(super) fn emr_priced(search: &Search, name: &str) -> bool {
    search
        .book
        .get(
            &search.s.region,
            &crate::model::emr::keys::FEE_INSTANCE.of(name),
        )
        .is_ok()
}

/// The proposal that puts a cluster's groups on new instance types: `was` and `now`
/// as (group, type).
pub(super) fn new_instances(
    cluster: &str,
    was: &[(&str, &str)],
    now: &[(&str, &str)],
    trade_off: String,
    candidate: Scenario,
) -> Proposal {
    let list = |gs: &[(&str, &str)]| {
        gs.iter()
            .map(|(g, t)| format!("{g} {t}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Proposal {
        candidate,
        service: Service::Emr,
        resource: cluster.to_string(),
        title: format!("{} (were {})", list(now), list(was)),
        kind: Kind::Configuration,
        trade_off,
        edits: now
            .iter()
            .map(|(g, t)| Edit::Set {
                path: item_path("emr", "clusters", cluster, &[g, "instance"]),
                value: (*t).to_string(),
            })
            .collect(),
    }
}
