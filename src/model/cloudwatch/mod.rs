//! Amazon CloudWatch Logs (CloudWatch pricing page, "Logs"): ingestion by log class
//! (Standard, Infrequent Access), vended logs over their volume tiers, archived storage
//! over the retention, and Logs Insights scans. What a group ingests is declared or
//! derived from the runs and invocations of the jobs and functions that log to it, so
//! it follows them.

pub mod keys;

use super::timeline::DAYS_PER_MONTH;
use super::{Bill, Monthly, Service, after_free_tier, price_shared_tiers};
use crate::pricing::spec::PriceKey;
use crate::pricing::{PriceBook, PricingError};
use crate::scenario::Scenario;
use crate::scenario::cloudwatch::{LogClass, LogGroup, LogSource};

/// The free tier (CloudWatch pricing page, "Free tier"): 5 GB of log data a month,
/// taken here from ingestion, shared among the groups in proportion.
pub const FREE_GB: f64 = 5.0;

/// GB a month a group ingests: declared, plus what its sources log.
pub fn ingested_gb(s: &Scenario, g: &LogGroup) -> f64 {
    let derived: f64 = g
        .sources
        .iter()
        .map(|src| match src {
            LogSource::GlueJob { name, per_run } => s
                .glue
                .jobs
                .iter()
                .find(|j| &j.name == name)
                .map_or(0.0, |j| j.runs_per_day * DAYS_PER_MONTH * per_run.gib()),
            LogSource::Function {
                name,
                per_invocation,
            } => s
                .lambda
                .functions
                .iter()
                .find(|f| &f.name == name)
                .map_or(0.0, |f| {
                    f.invocations_per_day * DAYS_PER_MONTH * per_invocation.gib()
                }),
        })
        .sum();
    g.ingested_per_month.gib() + derived
}

/// GB stored once the retention window is full: each day's ingestion kept
/// `retention_days`, as ingested (AWS bills the compressed size, so this is an upper
/// bound; see docs/model-cloudwatch.md).
pub fn stored_gb(s: &Scenario, g: &LogGroup) -> f64 {
    ingested_gb(s, g) / DAYS_PER_MONTH * f64::from(g.retention_days)
}

fn ingest_key(g: &LogGroup) -> &'static PriceKey {
    match (g.vended, g.class) {
        (false, LogClass::Standard) => &keys::INGEST_STANDARD,
        (false, LogClass::InfrequentAccess) => &keys::INGEST_INFREQUENT_ACCESS,
        (true, LogClass::Standard) => &keys::INGEST_VENDED,
        (true, LogClass::InfrequentAccess) => &keys::INGEST_VENDED_INFREQUENT_ACCESS,
    }
}

pub fn estimate(s: &Scenario, book: &PriceBook) -> Result<Monthly, PricingError> {
    let groups = &s.cloudwatch.log_groups;
    let mut b = Bill::new(book, &s.region, Service::Cloudwatch);
    let asking: f64 = groups
        .iter()
        .filter(|g| !g.vended)
        .map(|g| ingested_gb(s, g))
        .sum();
    let free = after_free_tier(s.cloudwatch.free_tier, FREE_GB, asking);
    for g in groups.iter().filter(|g| !g.vended) {
        b.add(
            &g.name,
            ingest_key(g),
            format!("ingested ({})", g.class.name()),
            ingested_gb(s, g) * free,
        )?;
    }
    // Vended logs' tiers count every vended group of a class together.
    for class in [LogClass::Standard, LogClass::InfrequentAccess] {
        let vended: Vec<(&str, String, f64)> = groups
            .iter()
            .filter(|g| g.vended && g.class == class)
            .map(|g| {
                (
                    g.name.as_str(),
                    format!("vended logs ingested ({})", class.name()),
                    ingested_gb(s, g),
                )
            })
            .collect();
        if let Some(g) = groups.iter().find(|g| g.vended && g.class == class)
            && vended.iter().any(|v| v.2 > 0.0)
        {
            let price = book.price(&s.region, ingest_key(g))?;
            b.lines.extend(
                price_shared_tiers(Service::Cloudwatch, price, &vended)?
                    .into_iter()
                    .map(|(_, l)| l),
            );
        }
    }
    for g in groups {
        b.add(
            &g.name,
            &keys::STORAGE,
            format!("stored, {} days' retention (GB-month)", g.retention_days),
            stored_gb(s, g),
        )?;
        b.add(
            &g.name,
            &keys::INSIGHTS_SCANNED,
            "Logs Insights scanned",
            g.insights_scanned_per_month.gib(),
        )?;
    }
    // Each group's lines together, in the order the scenario lists the groups.
    let mut lines = b.lines;
    lines.sort_by_key(|l| groups.iter().position(|g| *g.name == *l.resource));
    Ok(Monthly {
        lines,
        capacity: Vec::new(),
    })
}

/// The service's room in the registry (`model::services`).
pub const ROOM: super::services::Room = super::services::Room {
    service: Service::Cloudwatch,
    keys: keys::ALL,
    billing: super::services::Billing::Steady(estimate),
    check: None,
    feeds: None,
    colour: 12,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load_str;

    fn cost(cloudwatch: &str, key: &str) -> f64 {
        let text = format!(
            "version: 1\nname: t\nregion: us-east-1\nglue:\n  jobs:\n    - {{ name: etl, worker_type: G.1X, workers: 2, runs_per_day: 1, duration: 1 h }}\ncloudwatch: {cloudwatch}\n"
        );
        let s = load_str(&text).unwrap();
        let m = estimate(&s, &PriceBook::bundled().unwrap()).unwrap();
        crate::model::testing::cost_of_key(&m.lines, key)
    }

    fn close(a: f64, b: f64) {
        crate::model::testing::assert_close(a, b, 1e-9);
    }

    #[test]
    fn ingestion_by_class_storage_and_insights() {
        // CloudWatch pricing page, us-east-1: Standard ingestion $0.50 per GB,
        // Infrequent Access $0.25, storage $0.03 per GB-month, Logs Insights $0.005 per
        // GB scanned. 100 GB a month kept 30 days: 100 ÷ 30.4167 × 30 = 98.63 GB stored.
        let g = "{ log_groups: [{ name: app, ingested_per_month: 100 GB, retention_days: 30, insights_scanned_per_month: 1000 GB }] }";
        close(cost(g, "cloudwatch.logs.ingest.standard"), 50.0);
        close(
            cost(g, "cloudwatch.logs.storage"),
            100.0 / (730.0 / 24.0) * 30.0 * 0.03,
        );
        close(cost(g, "cloudwatch.logs.insights.scanned"), 5.0);
        let ia = "{ log_groups: [{ name: app, class: infrequent_access, ingested_per_month: 100 GB, retention_days: 30 }] }";
        close(cost(ia, "cloudwatch.logs.ingest.infrequent_access"), 25.0);
        // The free tier's 5 GB: 95 GB × $0.50.
        let free = "{ free_tier: true, log_groups: [{ name: app, ingested_per_month: 100 GB, retention_days: 30 }] }";
        close(cost(free, "cloudwatch.logs.ingest.standard"), 47.5);
    }

    #[test]
    fn a_jobs_logs_follow_its_runs() {
        // 1 GB a run, one run a day: 30.4167 GB a month × $0.50 = $15.21.
        let g = "{ log_groups: [{ name: etl-logs, sources: [{ glue_job: etl, per_run: 1 GB }], retention_days: 14 }] }";
        close(
            cost(g, "cloudwatch.logs.ingest.standard"),
            730.0 / 24.0 * 0.5,
        );
    }

    #[test]
    fn vended_logs_over_their_tiers() {
        // VPC flow logs, 15 TB = 15,360 GB a month: 10,240 GB × $0.50 + 5,120 × $0.25.
        let g = "{ log_groups: [{ name: flow-logs, vended: true, ingested_per_month: 15 TB, retention_days: 7 }] }";
        close(
            cost(g, "cloudwatch.logs.ingest.vended"),
            10_240.0 * 0.5 + 5_120.0 * 0.25,
        );
    }

    #[test]
    fn bad_log_groups_are_errors_at_the_key() {
        let err = |g: &str| {
            load_str(&format!(
                "version: 1\nname: t\nregion: us-east-1\nglue:\n  jobs:\n    - {{ name: etl, worker_type: G.1X, workers: 2, runs_per_day: 1, duration: 1 h }}\ncloudwatch: {{ log_groups: [{g}] }}\n"
            ))
            .unwrap_err()
        };
        let e = err("{ name: a, retention_days: 0, ingested_per_month: 1 GB }");
        assert_eq!(e.field, "cloudwatch.log_groups[0].retention_days");
        let e = err("{ name: a, retention_days: 7 }");
        assert_eq!(e.field, "cloudwatch.log_groups[0].ingested_per_month");
        let e = err("{ name: a, retention_days: 7, sources: [{ glue_job: etk, per_run: 1 GB }] }");
        assert_eq!(e.suggestion.as_deref(), Some("etl"));
        let e = err(
            "{ name: a, retention_days: 7, sources: [{ glue_job: etl, per_invocation: 1 GB }] }",
        );
        assert_eq!(e.field, "cloudwatch.log_groups[0].sources[0]");
    }
}
