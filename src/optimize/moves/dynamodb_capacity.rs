//! LC-OPT-010: a DynamoDB table's capacity mode (on-demand or provisioned at its
//! target utilisation) and table class (Standard or Standard-IA), whichever
//! combination costs least for the stated traffic and storage (see `docs/optimize.md`).

use super::super::{Kind, Proposal, Search};
use crate::model::Service;
use crate::scenario::dynamodb::{CapacityMode, TableClass};
use crate::scenario::edit::{Edit, item_path};

pub(super) fn propose(search: &Search) -> Vec<Proposal> {
    let mut out = Vec::new();
    for (i, t) in search.s.dynamodb.tables.iter().enumerate() {
        let at = |key: &str| item_path("dynamodb", "tables", &t.name, &[key]);
        // `compare` already bills the cheaper mode: only the class is searched for it.
        let modes: &[CapacityMode] = match t.capacity {
            CapacityMode::Compare => &[CapacityMode::Compare],
            _ => &[CapacityMode::OnDemand, CapacityMode::Provisioned],
        };
        let mut options = Vec::new();
        for &mode in modes {
            for class in [TableClass::Standard, TableClass::StandardIa] {
                if mode == t.capacity && class == t.class {
                    continue;
                }
                let mut s = search.s.clone();
                let table = &mut s.dynamodb.tables[i];
                table.capacity = mode;
                table.class = class;
                if mode == CapacityMode::OnDemand {
                    table.target_utilisation = None;
                }
                options.push((s, (mode, class)));
            }
        }
        let Some((candidate, (mode, class))) = search.cheapest(options) else {
            continue;
        };
        let mut title = Vec::new();
        let mut trade = Vec::new();
        let mut edits = Vec::new();
        if mode != t.capacity {
            let why = match mode {
                CapacityMode::OnDemand => {
                    "on-demand bills each request and follows the traffic without capacity planning"
                }
                _ => {
                    "provisioned capacity is sized at the target utilisation of the average traffic; auto scaling must follow the peaks, and a burst above the provisioned capacity is throttled"
                }
            };
            let name = mode.name();
            title.push(format!("capacity_mode: {name} (was {})", t.capacity.name()));
            trade.push(why.to_string());
            edits.push(Edit::Set {
                path: at("capacity_mode"),
                value: name.into(),
            });
            if mode == CapacityMode::OnDemand && t.target_utilisation.is_some() {
                edits.push(Edit::Remove {
                    path: at("target_utilisation"),
                });
            }
        }
        if class != t.class {
            title.push(format!(
                "table_class: {} (was {})",
                class.name(),
                t.class.name()
            ));
            trade.push(match class {
                TableClass::StandardIa => "Standard-IA stores for less and bills reads and writes about 25 % more; changing class is allowed twice in 30 days".to_string(),
                TableClass::Standard => "Standard bills storage more and reads and writes less".to_string(),
            });
            edits.push(Edit::Set {
                path: at("table_class"),
                value: class.name().into(),
            });
        }
        out.push(Proposal {
            candidate,
            service: Service::Dynamodb,
            resource: t.name.clone(),
            title: title.join(", "),
            kind: Kind::Configuration,
            trade_off: trade.join("; "),
            edits,
        });
    }
    out
}
