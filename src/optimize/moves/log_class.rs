//! LC-OPT-013: the Infrequent Access log class for a CloudWatch Logs group that uses no
//! Standard-only feature (see `docs/optimize.md`).

use super::super::{Kind, Proposal, Search};
use crate::model::Service;
use crate::scenario::cloudwatch::LogClass;
use crate::scenario::edit::{Edit, item_path};

pub(super) fn propose(search: &Search) -> Vec<Proposal> {
    let mut out = Vec::new();
    let eligible = |g: &crate::scenario::cloudwatch::LogGroup| {
        g.class == LogClass::Standard && !g.standard_features
    };
    for (i, g) in search.s.cloudwatch.log_groups.iter().enumerate() {
        if !eligible(g) {
            continue;
        }
        let mut s = search.s.clone();
        s.cloudwatch.log_groups[i].class = LogClass::InfrequentAccess;
        let Some((candidate, ())) = search.cheapest(vec![(s, ())]) else {
            continue;
        };
        out.push(Proposal {
            candidate,
            service: Service::Cloudwatch,
            resource: g.name.clone(),
            title: "class: infrequent_access (was standard)".into(),
            kind: Kind::Configuration,
            trade_off: "Infrequent Access keeps Logs Insights queries but has no metric filters, subscription filters, Live Tail, embedded metric format or anomaly detection; a group's class is chosen when it is created, so the group is recreated".into(),
            edits: vec![Edit::Set {
                path: item_path("cloudwatch", "log_groups", &g.name, &["class"]),
                value: "infrequent_access".into(),
            }],
        });
    }
    out
}
