//! The CloudWatch client: the AWS SDK (Smithy RPC v2 CBOR, as `aws-sdk-cloudwatch`
//! 1.140 speaks it) with the default credential chain, profiles, `AWS_REGION`,
//! `AWS_ENDPOINT_URL(_CLOUDWATCH)` or `--endpoint-url`, and the SDK's standard retries
//! (throttling and 5xx, with backoff).
//!
//! GetMetricData is asked one namespace at a time, at most 500 queries a call, every
//! page followed: an access-denied or failed namespace is reported and the others are
//! still read. `--free` uses ListMetrics and GetMetricStatistics only (within the
//! CloudWatch API free tier, which GetMetricData is not part of), one metric a call,
//! at a period coarse enough for its 1,440-datapoint limit.

use super::metrics::Query;
use super::{Fetched, Problem, Window};
use crate::aws::{Connection, check_credentials, error_code, loader, sdk_error_message};
use aws_config::Region;
use aws_sdk_cloudwatch::types::{
    Dimension, DimensionFilter, Metric, MetricDataQuery, MetricStat, ScanBy, Statistic,
};
use aws_smithy_types::DateTime;
use std::collections::{BTreeMap, HashSet};

/// GetMetricData takes at most 500 queries a call.
pub const MAX_QUERIES_PER_CALL: usize = 500;
/// Pages read for one call before the endpoint is taken to be misbehaving.
const MAX_PAGES: usize = 1000;
/// GetMetricStatistics returns at most 1,440 datapoints a call.
const MAX_STATISTICS_POINTS: i64 = 1440;

const EXPECTED: &str = "a CloudWatch error (not the expected CBOR)";

pub struct CloudWatch {
    client: aws_sdk_cloudwatch::Client,
}

impl CloudWatch {
    /// A client for `region` whose credentials resolve; an error says why not, in
    /// words that carry no secret.
    pub async fn new(conn: &Connection, region: &str) -> Result<CloudWatch, String> {
        let shared = loader(conn)
            .region(Region::new(region.to_string()))
            .load()
            .await;
        check_credentials(&shared).await?;
        Ok(CloudWatch {
            client: aws_sdk_cloudwatch::Client::new(&shared),
        })
    }

    /// The StorageType values CloudWatch has for a bucket's BucketSizeBytes
    /// (ListMetrics, free), or why they could not be listed.
    pub async fn storage_types(&self, bucket: &str) -> Result<Vec<String>, String> {
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        let mut seen = HashSet::new();
        for _ in 0..MAX_PAGES {
            let mut req = self
                .client
                .list_metrics()
                .namespace("AWS/S3")
                .metric_name("BucketSizeBytes")
                .dimensions(
                    DimensionFilter::builder()
                        .name("BucketName")
                        .value(bucket)
                        .build(),
                );
            if let Some(t) = &token {
                req = req.next_token(t);
            }
            let page = req
                .send()
                .await
                .map_err(|e| sdk_error_message(&e, EXPECTED))?;
            for m in page.metrics() {
                for d in m.dimensions() {
                    if d.name() == Some("StorageType")
                        && let Some(v) = d.value()
                        && !out.iter().any(|o: &String| o == v)
                    {
                        out.push(v.to_string());
                    }
                }
            }
            match page.next_token() {
                Some(t) if !t.is_empty() && seen.insert(t.to_string()) => token = Some(t.into()),
                _ => return Ok(out),
            }
        }
        Err("ListMetrics kept paging".into())
    }

    /// Every query's datapoints, and what could not be read.
    pub async fn fetch(
        &self,
        queries: &[Query],
        w: Window,
        free: bool,
        who: &dyn Fn(&Query) -> String,
    ) -> Fetched {
        let mut out = Fetched::default();
        let mut by_namespace: BTreeMap<&str, Vec<&Query>> = BTreeMap::new();
        for q in queries {
            by_namespace.entry(q.namespace).or_default().push(q);
        }
        for (namespace, qs) in by_namespace {
            if free {
                for q in qs {
                    if let Err(why) = self.statistics(q, w, &mut out).await {
                        out.problems.push(Problem {
                            resource: who(q),
                            what: format!("{namespace} {}", q.metric),
                            why,
                        });
                    }
                }
                continue;
            }
            for batch in qs.chunks(MAX_QUERIES_PER_CALL) {
                if let Err(why) = self.metric_data(batch, w, &mut out).await {
                    let mut resources: Vec<String> = batch.iter().map(|q| who(q)).collect();
                    resources.dedup();
                    out.problems.push(Problem {
                        resource: resources.join(", "),
                        what: namespace.to_string(),
                        why,
                    });
                }
            }
        }
        out
    }

    /// One GetMetricData batch, every page.
    async fn metric_data(
        &self,
        batch: &[&Query],
        w: Window,
        out: &mut Fetched,
    ) -> Result<(), String> {
        let mut token: Option<String> = None;
        let mut seen = HashSet::new();
        for _ in 0..MAX_PAGES {
            let mut req = self
                .client
                .get_metric_data()
                .start_time(DateTime::from_secs(w.start()))
                .end_time(DateTime::from_secs(w.end))
                .scan_by(ScanBy::TimestampAscending);
            for q in batch {
                req = req.metric_data_queries(
                    MetricDataQuery::builder()
                        .id(&q.id)
                        .metric_stat(
                            MetricStat::builder()
                                .metric(metric(q))
                                .period(q.period)
                                .stat(q.stat)
                                .build(),
                        )
                        .return_data(true)
                        .build(),
                );
            }
            if let Some(t) = &token {
                req = req.next_token(t);
            }
            out.calls += 1;
            out.metrics_requested += batch.len();
            let page = req.send().await.map_err(|e| {
                let message = sdk_error_message(&e, EXPECTED);
                match error_code(&e).as_deref() {
                    Some("AccessDenied" | "AccessDeniedException") => format!(
                        "access denied ({message}): the caller needs cloudwatch:GetMetricData"
                    ),
                    _ => message,
                }
            })?;
            for r in page.metric_data_results() {
                let Some(id) = r.id() else { continue };
                let points = r
                    .timestamps()
                    .iter()
                    .zip(r.values())
                    .map(|(t, v)| (t.secs(), *v));
                let series = out.series.entry(id.to_string()).or_default();
                series.extend(points);
            }
            match page.next_token() {
                Some(t) if !t.is_empty() => {
                    if !seen.insert(t.to_string()) {
                        return Err(
                            "the endpoint sent a NextToken it had sent before (a paging cycle)"
                                .into(),
                        );
                    }
                    token = Some(t.to_string());
                }
                _ => {
                    out.series.retain(|_, s| !s.is_empty());
                    return Ok(());
                }
            }
        }
        Err(format!("the endpoint kept paging past {MAX_PAGES} pages"))
    }

    /// One metric by GetMetricStatistics.
    async fn statistics(&self, q: &Query, w: Window, out: &mut Fetched) -> Result<(), String> {
        // Percentiles (`p99`) are extended statistics in GetMetricStatistics.
        let percentile = q.stat.starts_with('p');
        let stat = Statistic::from(q.stat);
        let mut req = self
            .client
            .get_metric_statistics()
            .namespace(q.namespace)
            .metric_name(q.metric)
            .start_time(DateTime::from_secs(w.start()))
            .end_time(DateTime::from_secs(w.end))
            .period(q.period);
        req = if percentile {
            req.extended_statistics(q.stat)
        } else {
            req.statistics(stat.clone())
        };
        for (name, value) in &q.dimensions {
            req = req.dimensions(Dimension::builder().name(*name).value(value).build());
        }
        out.calls += 1;
        let page = req
            .send()
            .await
            .map_err(|e| sdk_error_message(&e, EXPECTED))?;
        let points: Vec<(i64, f64)> = page
            .datapoints()
            .iter()
            .filter_map(|d| {
                let v = match stat {
                    _ if percentile => d.extended_statistics()?.get(q.stat).copied(),
                    Statistic::Sum => d.sum(),
                    Statistic::Average => d.average(),
                    Statistic::SampleCount => d.sample_count(),
                    _ => None,
                }?;
                Some((d.timestamp()?.secs(), v))
            })
            .collect();
        if !points.is_empty() {
            out.series.insert(q.id.clone(), points);
        }
        Ok(())
    }
}

fn metric(q: &Query) -> Metric {
    let mut m = Metric::builder()
        .namespace(q.namespace)
        .metric_name(q.metric);
    for (name, value) in &q.dimensions {
        m = m.dimensions(Dimension::builder().name(*name).value(value).build());
    }
    m.build()
}

/// The period `--free` reads a query at: its own, or the smallest multiple of 60
/// seconds that keeps the window within GetMetricStatistics' 1,440 datapoints.
pub fn free_period(period: i32, days: u32) -> i32 {
    let seconds = i64::from(days) * 86_400;
    let needed = (seconds + MAX_STATISTICS_POINTS - 1) / MAX_STATISTICS_POINTS;
    let needed = ((needed + 59) / 60 * 60) as i32;
    period.max(needed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_reads_stay_within_1440_datapoints() {
        // 30 days of 1-minute data is 43,200 points: 30-minute periods give 1,440.
        assert_eq!(free_period(60, 30), 1800);
        // A day of 1-minute data fits as it is; daily periods always fit.
        assert_eq!(free_period(60, 1), 60);
        assert_eq!(free_period(86_400, 455), 86_400);
    }
}
