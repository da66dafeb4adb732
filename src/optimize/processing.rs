//! Processing: Glue Flex where the deadline leaves room, EMR task nodes on spot, EMR
//! nodes right-sized to the memory the work needs per vCPU, Arm (Graviton) instances of
//! the same shape for EMR clusters, EMR Serverless and Lambda, and the cheaper of two
//! engines the scenario already describes for the same work (`alternative_of`, as
//! `lakecost compare` ranks them).

use super::{Kind, Proposal, Search, saves};
use crate::model::Service;
use crate::model::glue::{self, FLEX_DEADLINE_FACTOR, FLEX_WORKER_TYPES};
use crate::model::instances::{INSTANCE_TYPES, instance};
use crate::scenario::edit::{Edit, Step, item_path, scalar};
use crate::scenario::{Architecture, ExecutionClass, GlueVersion, InstanceGroup, Market, Scenario};
use crate::text::significant;

pub(super) fn propose(search: &Search) -> Vec<Proposal> {
    let mut out = flex(search);
    out.extend(task_spot(search));
    out.extend(right_size(search));
    out.extend(graviton(search));
    out.extend(engines(search));
    out
}

/// The first of `candidates` (a changed scenario and what describes it) that costs
/// less than the scenario as it is, by the fast path: the cheapest when several do.
fn cheapest<T>(search: &Search, candidates: Vec<(Scenario, T)>) -> Option<T> {
    let base = search.cost(search.s)?;
    candidates
        .into_iter()
        .filter_map(|(s, t)| Some((search.cost(&s)?, t)))
        .filter(|(c, _)| saves(base, *c))
        .reduce(|a, b| if b.0 < a.0 { b } else { a })
        .map(|(_, t)| t)
}

/// Flex for a billed G.1X/G.2X job on Glue 3.0+ whose deadline is at least
/// [`FLEX_DEADLINE_FACTOR`] times its run.
fn flex(search: &Search) -> Vec<Proposal> {
    let mut out = Vec::new();
    for (i, job) in search.s.glue.jobs.iter().enumerate() {
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
        if cheapest(search, vec![(s, ())]).is_some() {
            out.push(Proposal {
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

/// On-demand task nodes of billed EMR clusters on spot. Task nodes hold no HDFS data,
/// so AWS's guidance puts them on spot; the model prices the work interruptions redo.
fn task_spot(search: &Search) -> Vec<Proposal> {
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
        if cheapest(search, vec![(s, ())]).is_some() {
            out.push(Proposal {
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

/// Whether the snapshot has the EMR charge for an instance type in the region. A type
/// without one is billed for EC2 and EBS alone (LC-EMR-003), so moving a group to it
/// from a type with one would "save" the EMR charge it merely stops counting.
fn emr_priced(search: &Search, name: &str) -> bool {
    search
        .book
        .get(
            &search.s.region,
            &crate::model::emr::keys::FEE_INSTANCE.of(name),
        )
        .is_ok()
}

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
fn right_size(search: &Search) -> Vec<Proposal> {
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
        let Some(changed) = cheapest(search, candidates) else {
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
        ));
    }
    out
}

/// The proposal that puts a cluster's groups on new instance types: `was` and `now`
/// as (group, type).
fn new_instances(
    cluster: &str,
    was: &[(&str, &str)],
    now: &[(&str, &str)],
    trade_off: String,
) -> Proposal {
    let list = |gs: &[(&str, &str)]| {
        gs.iter()
            .map(|(g, t)| format!("{g} {t}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Proposal {
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
fn graviton(search: &Search) -> Vec<Proposal> {
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
        if let Some(picks) = cheapest(search, candidates) {
            out.push(new_instances(&c.name, &olds, &picks, ARM_TRADE_OFF.into()));
        }
    }
    let arm = |service, section: &str, list: &str, name: &str, s: Scenario| {
        cheapest(search, vec![(s, ())]).map(|_| Proposal {
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
    for (i, f) in search.s.lambda.iter().enumerate() {
        if f.architecture == Architecture::X86_64 {
            let mut s = search.s.clone();
            s.lambda[i].architecture = Architecture::Arm64;
            out.extend(arm(Service::Lambda, "lambda", "functions", &f.name, s));
        }
    }
    out
}

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
fn engines(search: &Search) -> Vec<Proposal> {
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
        let Some(k) = cheapest(search, candidates) else {
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
