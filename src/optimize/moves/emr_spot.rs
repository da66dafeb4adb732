//! LC-OPT-003: the task nodes of a billed EMR cluster on spot.

use super::super::{Kind, Proposal, Search};
use crate::model::Service;
use crate::scenario::Market;
use crate::scenario::edit::{Edit, item_path};

/// On-demand task nodes of billed EMR clusters on spot. Task nodes hold no HDFS data,
/// so AWS's guidance puts them on spot; the model prices the work interruptions redo.
pub(super) fn propose(search: &Search) -> Vec<Proposal> {
    let mut out = Vec::new();
    for (i, c) in search.s.emr.clusters.iter().enumerate() {
        let Some(task) = &c.task else { continue };
        if c.alternative_of.is_some() || task.market != Market::OnDemand {
            continue;
        }
        let mut s = search.s.clone();
        if let Some(t) = &mut s.emr.clusters[i].task {
            t.market = Market::Spot;
        }
        if let Some((candidate, ())) = search.cheapest(vec![(s, ())]) {
            out.push(Proposal {
                candidate,
                service: Service::Emr,
                resource: c.name.clone(),
                title: "task nodes on spot (were on demand)".into(),
                kind: Kind::Configuration,
                trade_off: format!(
                    "spot task nodes can be reclaimed at two minutes' notice ({} interruptions per instance-hour assumed; the work they redo is priced)",
                    c.spot_interruptions_per_hour
                ),
                edits: vec![Edit::Set {
                    path: item_path("emr", "clusters", &c.name, &["task", "market"]),
                    value: "spot".into(),
                }],
            });
        }
    }
    out
}
