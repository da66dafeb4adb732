//! LC-OPT-006: the cheaper of two engines the scenario already describes for the same
//! work (`alternative_of`), billed instead, as `lakecost compare` ranks them.

use super::super::{Kind, Proposal, Search};
use crate::model::Service;
use crate::scenario::Scenario;
use crate::scenario::edit::{Edit, Step, item_path, scalar};

/// An engine the scenario describes: a Glue job, EMR cluster or EMR Serverless
/// application, and what it is an alternative of.
struct Engine<'a> {
    service: Service,
    section: &'static str,
    list: &'static str,
    name: &'a str,
    of: Option<&'a str>,
}

impl<'a> Engine<'a> {
    fn new(
        service: Service,
        section: &'static str,
        list: &'static str,
        name: &'a str,
        of: &'a Option<String>,
    ) -> Engine<'a> {
        Engine {
            service,
            section,
            list,
            name,
            of: of.as_deref(),
        }
    }

    fn at(&self, key: &str) -> Vec<Step> {
        item_path(self.section, self.list, self.name, &[key])
    }
}

/// Where the scenario describes another engine for a billed job, cluster or
/// application (`alternative_of`) and that engine costs less: bill it instead.
pub(super) fn propose(search: &Search) -> Vec<Proposal> {
    let s = search.s;
    let mut all: Vec<Engine> = Vec::new();
    for j in &s.glue.jobs {
        all.push(Engine::new(
            Service::Glue,
            "glue",
            "jobs",
            &j.name,
            &j.alternative_of,
        ));
    }
    for c in &s.emr.clusters {
        all.push(Engine::new(
            Service::Emr,
            "emr",
            "clusters",
            &c.name,
            &c.alternative_of,
        ));
    }
    for a in &s.emr.serverless {
        all.push(Engine::new(
            Service::Emr,
            "emr",
            "serverless",
            &a.name,
            &a.alternative_of,
        ));
    }
    let mut out = Vec::new();
    for billed in all.iter().filter(|e| e.of.is_none()) {
        let alternatives: Vec<&Engine> = all.iter().filter(|e| e.of == Some(billed.name)).collect();
        let candidates: Vec<(Scenario, usize)> = alternatives
            .iter()
            .enumerate()
            .map(|(k, alt)| (swapped(s, billed.name, alt.name), k))
            .collect();
        let Some((candidate, k)) = search.cheapest(candidates) else {
            continue;
        };
        let alt = alternatives[k];
        let mut edits = vec![
            Edit::Remove {
                path: alt.at("alternative_of"),
            },
            Edit::Set {
                path: billed.at("alternative_of"),
                value: scalar(alt.name),
            },
        ];
        // Other alternatives of the same work now point at the engine billed.
        for other in alternatives.iter().filter(|e| e.name != alt.name) {
            edits.push(Edit::Set {
                path: other.at("alternative_of"),
                value: scalar(alt.name),
            });
        }
        out.push(Proposal {
            candidate,
            service: alt.service,
            resource: billed.name.to_string(),
            title: format!(
                "run the work of `{}` on `{}` (its alternative) instead",
                billed.name, alt.name
            ),
            kind: Kind::Configuration,
            trade_off: format!(
                "another engine for the same work, priced from the scenario's own description of `{}`: check it meets the same deadline (`lakecost compare` ranks engines for a workload)",
                alt.name
            ),
            edits,
        });
    }
    out
}

/// The scenario with `alt` billed and `billed` set aside as its alternative.
fn swapped(s: &Scenario, billed: &str, alt: &str) -> Scenario {
    let mut out = s.clone();
    let point = |of: &mut Option<String>, name: &str| {
        if name == alt {
            *of = None;
        } else if name == billed || of.as_deref() == Some(billed) {
            *of = Some(alt.to_string());
        }
    };
    for j in &mut out.glue.jobs {
        point(&mut j.alternative_of, &j.name);
    }
    for c in &mut out.emr.clusters {
        point(&mut c.alternative_of, &c.name);
    }
    for a in &mut out.emr.serverless {
        point(&mut a.alternative_of, &a.name);
    }
    out
}
