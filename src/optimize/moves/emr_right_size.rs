//! LC-OPT-004: EMR core and task nodes right-sized to the memory the work needs per
//! vCPU (`memory_per_vcpu`): the same vCPUs with less memory.

use super::super::{Proposal, Search};
use super::emr_groups::{emr_priced, new_instances};
use crate::model::instances::{INSTANCE_TYPES, instance};
use crate::scenario::{InstanceGroup, Scenario};
use crate::text::significant;

/// Types of the same vCPUs, architecture and kind of local storage as `name`, with
/// less memory but at least `need_gib` per vCPU, and an EMR price in the region (see
/// [`emr_priced`]).
fn leaner(search: &Search, name: &str, need_gib: f64) -> Vec<&'static str> {
    let Some(t) = instance(name) else {
        return Vec::new();
    };
    INSTANCE_TYPES
        .iter()
        .filter(|a| {
            a.architecture == t.architecture
                && a.vcpu == t.vcpu
                && (a.instance_storage_gb > 0.0) == (t.instance_storage_gb > 0.0)
                && a.memory_gib < t.memory_gib
                && a.memory_gib / a.vcpu >= need_gib
                && emr_priced(search, a.name)
        })
        .map(|a| a.name)
        .collect()
}

/// Core and task nodes of a billed EMR cluster that states the memory its work needs
/// per vCPU (`memory_per_vcpu`) on the cheapest type with the same vCPUs and less
/// memory that still holds it: an r type (8 GB per vCPU) for work that needs 4 GB
/// becomes an m type. The run's length is taken to follow the vCPUs, which do not
/// change.
pub(super) fn propose(search: &Search) -> Vec<Proposal> {
    let mut out = Vec::new();
    for (i, c) in search.s.emr.clusters.iter().enumerate() {
        let Some(need) = c.memory_per_vcpu else {
            continue;
        };
        if c.alternative_of.is_some() {
            continue;
        }
        let groups: Vec<(&str, &InstanceGroup)> = [("core", &c.core), ("task", &c.task)]
            .into_iter()
            .filter_map(|(g, ig)| ig.as_ref().map(|ig| (g, ig)))
            .collect();
        // Each group's choices, the type it has first.
        let options: Vec<Vec<&str>> = groups
            .iter()
            .map(|(_, g)| {
                let mut o = vec![g.instance.as_str()];
                o.extend(leaner(search, &g.instance, need.gib()));
                o
            })
            .collect();
        let mut picks: Vec<Vec<usize>> = vec![Vec::new()];
        for o in &options {
            picks = picks
                .into_iter()
                .flat_map(|p| {
                    (0..o.len()).map(move |k| {
                        let mut p = p.clone();
                        p.push(k);
                        p
                    })
                })
                .collect();
        }
        let candidates: Vec<(Scenario, Vec<(&str, &str)>)> = picks
            .into_iter()
            .filter(|p| p.iter().any(|k| *k > 0))
            .map(|p| {
                let changed: Vec<(&str, &str)> = groups
                    .iter()
                    .zip(&options)
                    .zip(&p)
                    .filter(|(_, k)| **k > 0)
                    .map(|(((g, _), o), k)| (*g, o[*k]))
                    .collect();
                let mut s = search.s.clone();
                let cl = &mut s.emr.clusters[i];
                for (g, t) in &changed {
                    let group = if *g == "core" {
                        &mut cl.core
                    } else {
                        &mut cl.task
                    };
                    if let Some(group) = group {
                        group.instance = (*t).to_string();
                    }
                }
                (s, changed)
            })
            .collect();
        let Some((candidate, changed)) = search.cheapest(candidates) else {
            continue;
        };
        let was: Vec<(&str, &str)> = changed
            .iter()
            .filter_map(|(g, _)| groups.iter().find(|(h, _)| h == g))
            .map(|(g, ig)| (*g, ig.instance.as_str()))
            .collect();
        let per_vcpu: Vec<String> = changed
            .iter()
            .filter_map(|(_, t)| instance(t))
            .map(|t| format!("{} {} GB", t.name, significant(t.memory_gib / t.vcpu, 3)))
            .collect();
        out.push(new_instances(
            &c.name,
            &was,
            &changed,
            format!(
                "the same vCPUs with less memory: per vCPU {}, at least the {} GB the work needs (`memory_per_vcpu`); the run's length is taken to follow the vCPUs",
                per_vcpu.join(", "),
                significant(need.gib(), 3)
            ),
            candidate,
        ));
    }
    out
}
