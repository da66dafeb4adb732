//! Streams: a Kinesis stream's capacity mode (provisioned or on-demand) and producer
//! aggregation (KPL) for records smaller than a 25 KB payload unit. Retention is part
//! of the workload (how far back consumers may replay) and is left as it is.

use super::super::{Kind, Proposal, Search, saves};
use crate::model::Service;
use crate::model::kinesis::PAYLOAD_UNIT_BYTES;
use crate::scenario::KinesisMode;
use crate::scenario::edit::{Edit, item_path};

pub(super) fn propose(search: &Search) -> Vec<Proposal> {
    let mut out = Vec::new();
    let Some(base) = search.cost(search.s) else {
        return out;
    };
    for (i, k) in search.s.kinesis.streams.iter().enumerate() {
        let at = |key: &str| item_path("kinesis", "streams", &k.name, &[key]);
        // Each option alone; both together when both save.
        let mut options = Vec::new();
        let other = match k.mode {
            KinesisMode::Provisioned => Some((KinesisMode::OnDemand, "on_demand")),
            KinesisMode::OnDemand => Some((KinesisMode::Provisioned, "provisioned")),
            KinesisMode::Compare => None,
        };
        if let Some((mode, name)) = other {
            let mut s = search.s.clone();
            s.kinesis.streams[i].mode = mode;
            options.push((s, Some(name), false));
        }
        if !k.aggregation && k.record_size.0 < PAYLOAD_UNIT_BYTES {
            let mut s = search.s.clone();
            s.kinesis.streams[i].aggregation = true;
            options.push((s.clone(), None, true));
            if let Some((mode, name)) = other {
                s.kinesis.streams[i].mode = mode;
                options.push((s, Some(name), true));
            }
        }
        let best = options
            .into_iter()
            .filter_map(|(s, mode, agg)| Some((search.cost(&s)?, s, mode, agg)))
            .filter(|(c, ..)| saves(base, *c))
            .reduce(|a, b| if b.0 < a.0 { b } else { a });
        let Some((_, candidate, mode, aggregate)) = best else {
            continue;
        };
        let mut title = Vec::new();
        let mut trade = Vec::new();
        let mut edits = Vec::new();
        if let Some(mode) = mode {
            title.push(format!("mode: {mode}"));
            trade.push(if mode == "on_demand" {
                "on-demand adapts to twice its previous peak within minutes; sudden larger peaks are throttled until it has scaled"
            } else {
                "provisioned shards are sized for the stated peak and headroom; a larger peak is throttled until the stream is resharded"
            });
            edits.push(Edit::Set {
                path: at("mode"),
                value: mode.into(),
            });
        }
        if aggregate {
            title.push("aggregation: true".into());
            trade.push("producers aggregate records with the KPL and consumers de-aggregate them (KCL or Lambda)");
            edits.push(Edit::Set {
                path: at("aggregation"),
                value: "true".into(),
            });
        }
        out.push(Proposal {
            candidate,
            service: Service::Kinesis,
            resource: k.name.clone(),
            title: title.join(", "),
            kind: if aggregate {
                Kind::Producer
            } else {
                Kind::Configuration
            },
            trade_off: trade.join("; "),
            edits,
        });
    }
    out
}
