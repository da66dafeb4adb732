//! LC-OPT-002: Glue Flex for a billed G.1X/G.2X job on Glue 3.0+ whose deadline leaves
//! room for Flex's later start (see `docs/optimize.md`).

use super::super::{Kind, Proposal, Search};
use crate::model::Service;
use crate::model::glue::{self, FLEX_DEADLINE_FACTOR, FLEX_WORKER_TYPES};
use crate::scenario::edit::{Edit, item_path};
use crate::scenario::{ExecutionClass, GlueVersion};

/// Flex for a billed G.1X/G.2X job on Glue 3.0+ whose deadline is at least
/// [`FLEX_DEADLINE_FACTOR`] times its run.
pub(super) fn propose(search: &Search) -> Vec<Proposal> {
    let mut out = Vec::new();
    // A job that reads a layer runs as long as the layer's writes make it (at the
    // month-1 rate, as the steady state).
    let resolved = crate::model::resolve(search.s);
    for (i, job) in resolved.glue.jobs.iter().enumerate() {
        let Some(w) = glue::worker(&job.worker_type) else {
            continue;
        };
        let Some(deadline) = job.deadline else {
            continue;
        };
        let run = glue::run_hours(job, w);
        let eligible = job.alternative_of.is_none()
            && job.execution_class == ExecutionClass::Standard
            && FLEX_WORKER_TYPES.contains(&w.name)
            && job.glue_version >= (GlueVersion { major: 3, minor: 0 })
            && run * FLEX_DEADLINE_FACTOR <= deadline.hours();
        if !eligible {
            continue;
        }
        let mut s = search.s.clone();
        s.glue.jobs[i].execution_class = ExecutionClass::Flex;
        if let Some((candidate, ())) = search.cheapest(vec![(s, ())]) {
            out.push(Proposal {
                candidate,
                service: Service::Glue,
                resource: job.name.clone(),
                title: "execution_class: flex (was standard)".into(),
                kind: Kind::Configuration,
                trade_off: format!(
                    "Flex runs on spare capacity: a run may wait to start or be interrupted and re-run; the {:.1} h deadline leaves {:.1} h over the {:.1} h run",
                    deadline.hours(),
                    deadline.hours() - run,
                    run
                ),
                edits: vec![Edit::Set {
                    path: item_path("glue", "jobs", &job.name, &["execution_class"]),
                    value: "flex".into(),
                }],
            });
        }
    }
    out
}
