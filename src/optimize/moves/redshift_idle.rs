//! LC-OPT-007: a Redshift cluster idle part of the day, paused outside its active
//! hours or replaced by a Serverless workgroup (whichever costs less).

use super::super::{Kind, Proposal, Search, saves};
use crate::model::Service;
use crate::model::redshift::{self, serverless_rpus_for};
use crate::scenario::edit::{Edit, Step, item_path, scalar};
use crate::scenario::{DataSize, Purchase, RedshiftCluster, RedshiftServerless, Scenario};

/// Object GB per layer the warehouse must hold: the larger of the steady state and
/// the horizon's last month.
fn stored_by_layer(search: &Search) -> Option<Vec<f64>> {
    let e = crate::model::s3::estimate(&search.resolved, search.book).ok()?;
    let last = e.stored_by_layer.last().cloned().unwrap_or_default();
    Some(match e.steady_stored_by_layer {
        Some(steady) => steady.iter().zip(&last).map(|(a, b)| a.max(*b)).collect(),
        None => last,
    })
}

/// An on-demand cluster that runs more hours than it is used: paused outside its
/// active hours, or replaced by a Serverless workgroup of the same memory active as
/// many hours. Serverless is offered only for clusters without Spectrum scans and
/// concurrency scaling, which Serverless bills as RPU time this model does not price.
pub(super) fn propose(search: &Search) -> Vec<Proposal> {
    let mut out = Vec::new();
    let Some(stored) = stored_by_layer(search) else {
        return out;
    };
    let Some(base) = search.cost(search.s) else {
        return out;
    };
    for (i, c) in search.s.redshift.clusters.iter().enumerate() {
        if c.purchase != Purchase::OnDemand || c.active_hours_per_day >= c.hours_per_day {
            continue;
        }
        let mut paused = search.s.clone();
        paused.redshift.clusters[i].hours_per_day = c.active_hours_per_day;
        let pause_cost = search.cost(&paused);
        let workgroup = serverless_for(search, c, &stored);
        let on_serverless = workgroup.as_ref().map(|w| {
            let mut s = search.s.clone();
            s.redshift.clusters.remove(i);
            s.redshift.serverless.push(w.clone());
            s
        });
        let serverless_cost = on_serverless.as_ref().and_then(|s| search.cost(s));
        let pause = pause_cost.filter(|p| saves(base, *p));
        let sls = serverless_cost.filter(|p| saves(base, *p));
        let hours = c.active_hours_per_day;
        match (pause, sls, workgroup.zip(on_serverless)) {
            (Some(p), s, _) if s.is_none_or(|s| p <= s) => out.push(Proposal {
                candidate: paused,
                service: Service::Redshift,
                resource: c.name.clone(),
                title: format!(
                    "pause outside its {hours} active hours a day (hours_per_day: {hours}, was {})",
                    c.hours_per_day
                ),
                kind: Kind::Configuration,
                trade_off: format!(
                    "a scheduled pause and resume: resuming takes minutes, so schedule it ahead of the first query; paused hours earn no concurrency-scaling credit{}",
                    serverless_cost.map_or(String::new(), |s| format!(
                        "; Serverless would cost ${:.2} more by the objective",
                        s - p
                    ))
                ),
                edits: vec![Edit::Set {
                    path: item_path("redshift", "clusters", &c.name, &["hours_per_day"]),
                    value: hours.to_string(),
                }],
            }),
            (_, Some(_), Some((w, candidate))) => out.push(Proposal {
                candidate,
                service: Service::Redshift,
                resource: c.name.clone(),
                title: format!(
                    "Redshift Serverless at {} base RPUs, active {hours} h a day (was a provisioned cluster up {} h a day)",
                    w.base_rpus, c.hours_per_day
                ),
                kind: Kind::Configuration,
                trade_off: format!(
                    "a workgroup matched on memory ({} RPU of 16 GB), billed per second of activity with a 60-second minimum; queries that find it idle start it; the data moves to a Serverless namespace{}",
                    w.base_rpus,
                    pause_cost.map_or(String::new(), |p| format!(
                        "; a pause schedule would cost ${:.2} more by the objective",
                        p - serverless_cost.unwrap_or(p)
                    ))
                ),
                edits: vec![
                    Edit::Remove {
                        path: item_path("redshift", "clusters", &c.name, &[]),
                    },
                    Edit::Append {
                        path: vec![Step::Key("redshift".into()), Step::Key("serverless".into())],
                        item: serverless_text(&w),
                    },
                ],
            }),
            _ => {}
        }
    }
    out
}

/// A Serverless workgroup with the cluster's memory, data and active hours.
fn serverless_for(
    search: &Search,
    c: &RedshiftCluster,
    stored: &[f64],
) -> Option<RedshiftServerless> {
    if c.spectrum_scanned_per_month.0 > 0.0 || c.concurrency_scaling_hours_per_day > 0.0 {
        return None;
    }
    let s: &Scenario = &search.resolved;
    let data = redshift::data_gb(&c.data, s, stored);
    let z = redshift::size(search.book, &s.region, c, data).ok()??;
    let memory = f64::from(z.nodes) * z.node.memory_gib;
    Some(RedshiftServerless {
        name: c.name.clone(),
        loc: None,
        base_rpus: serverless_rpus_for(memory, data, &s.region)?,
        active_hours_per_day: c.active_hours_per_day,
        data: c.data.clone(),
    })
}

fn serverless_text(w: &RedshiftServerless) -> String {
    let data = match &w.data {
        DataSize::Fixed(b) => format!("data: {} GB", b.gib()),
        DataSize::FromLayers(names) => format!(
            "from_layers: [{}]",
            names
                .iter()
                .map(|n| scalar(n))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    format!(
        "{{ name: {}, base_rpus: {}, active_hours_per_day: {}, {data} }}",
        scalar(&w.name),
        w.base_rpus,
        w.active_hours_per_day
    )
}
