//! LC-OPT-005: Arm (Graviton) of the same shape for EMR clusters, EMR Serverless
//! applications and Lambda functions.

use super::super::{Kind, Proposal, Search};
use super::emr_groups::{emr_priced, new_instances};
use crate::model::Service;
use crate::model::instances::{INSTANCE_TYPES, instance};
use crate::scenario::edit::{Edit, item_path};
use crate::scenario::{Architecture, InstanceGroup, Scenario};

/// Arm instances with the vCPUs, memory and kind of local storage of an x86 type.
fn arm_equivalents(name: &str) -> Vec<&'static str> {
    let Some(t) = instance(name) else {
        return Vec::new();
    };
    if t.architecture == Architecture::Arm64 {
        return Vec::new();
    }
    INSTANCE_TYPES
        .iter()
        .filter(|a| {
            a.architecture == Architecture::Arm64
                && a.vcpu == t.vcpu
                && a.memory_gib == t.memory_gib
                && (a.instance_storage_gb > 0.0) == (t.instance_storage_gb > 0.0)
        })
        .map(|a| a.name)
        .collect()
}

const ARM_TRADE_OFF: &str =
    "Arm (Graviton): code with native x86 libraries or binaries must be built for arm64";

/// Graviton for EMR instance groups, EMR Serverless applications and Lambda functions.
pub(super) fn propose(search: &Search) -> Vec<Proposal> {
    let mut out = Vec::new();
    for (i, c) in search.s.emr.clusters.iter().enumerate() {
        if c.alternative_of.is_some() {
            continue;
        }
        let groups: [(&str, Option<&InstanceGroup>); 3] = [
            ("primary", Some(&c.primary)),
            ("core", c.core.as_ref()),
            ("task", c.task.as_ref()),
        ];
        // Every group moves together: one image, one build for the cluster.
        let olds: Vec<(&str, &str)> = groups
            .iter()
            .filter_map(|(g, ig)| ig.map(|ig| (*g, ig.instance.as_str())))
            .collect();
        // A type with an EMR price moves only to one with an EMR price (see
        // [`emr_priced`]).
        let options: Vec<Vec<&str>> = olds
            .iter()
            .map(|(_, t)| {
                arm_equivalents(t)
                    .into_iter()
                    .filter(|a| emr_priced(search, a) || !emr_priced(search, t))
                    .collect()
            })
            .collect();
        if options.iter().any(Vec::is_empty) {
            continue;
        }
        // Each family choice (m6g or m7g…) tried for all groups at once.
        let candidates: Vec<(Scenario, Vec<(&str, &str)>)> = (0..options[0].len())
            .map(|k| {
                let picks: Vec<(&str, &str)> = olds
                    .iter()
                    .zip(&options)
                    .map(|((g, _), o)| (*g, o[k.min(o.len() - 1)]))
                    .collect();
                let mut s = search.s.clone();
                let cl = &mut s.emr.clusters[i];
                for (g, t) in &picks {
                    let group = match *g {
                        "primary" => Some(&mut cl.primary),
                        "core" => cl.core.as_mut(),
                        _ => cl.task.as_mut(),
                    };
                    if let Some(group) = group {
                        group.instance = (*t).to_string();
                    }
                }
                (s, picks)
            })
            .collect();
        if let Some((candidate, picks)) = search.cheapest(candidates) {
            out.push(new_instances(
                &c.name,
                &olds,
                &picks,
                ARM_TRADE_OFF.into(),
                candidate,
            ));
        }
    }
    let arm = |service, section: &str, list: &str, name: &str, s: Scenario| {
        search
            .cheapest(vec![(s, ())])
            .map(|(candidate, ())| Proposal {
                candidate,
                service,
                resource: name.to_string(),
                title: "architecture: arm64 (was x86_64)".into(),
                kind: Kind::Configuration,
                trade_off: ARM_TRADE_OFF.into(),
                edits: vec![Edit::Set {
                    path: item_path(section, list, name, &["architecture"]),
                    value: "arm64".into(),
                }],
            })
    };
    for (i, a) in search.s.emr.serverless.iter().enumerate() {
        if a.alternative_of.is_none() && a.architecture == Architecture::X86_64 {
            let mut s = search.s.clone();
            s.emr.serverless[i].architecture = Architecture::Arm64;
            out.extend(arm(Service::Emr, "emr", "serverless", &a.name, s));
        }
    }
    for (i, f) in search.s.lambda.functions.iter().enumerate() {
        if f.architecture == Architecture::X86_64 {
            let mut s = search.s.clone();
            s.lambda.functions[i].architecture = Architecture::Arm64;
            out.extend(arm(Service::Lambda, "lambda", "functions", &f.name, s));
        }
    }
    out
}
