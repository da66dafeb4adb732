//! The `cloudwatch` section: log groups, what they ingest — declared, or derived from
//! the runs of Glue jobs and the invocations of Lambda functions that write to them —
//! their log class, retention and Logs Insights scans.

use super::check::{ScenarioError, closest, loc, unique};
use super::{GlueJob, LambdaFunction, Loc};
use crate::units::Bytes;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// The log class of a group (CloudWatch Logs user guide, "Log classes").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum LogClass {
    Standard,
    InfrequentAccess,
}

impl LogClass {
    pub fn name(self) -> &'static str {
        match self {
            LogClass::Standard => "standard",
            LogClass::InfrequentAccess => "infrequent_access",
        }
    }
}

/// What writes to a log group.
#[derive(Clone, Debug, PartialEq)]
pub enum LogSource {
    /// A Glue job of the scenario, this many bytes a run.
    GlueJob { name: String, per_run: Bytes },
    /// A Lambda function of the scenario, this many bytes an invocation.
    Function { name: String, per_invocation: Bytes },
}

#[derive(Clone, Debug, PartialEq)]
pub struct LogGroup {
    pub name: String,
    pub loc: Option<Loc>,
    pub class: LogClass,
    /// Vended logs (VPC flow logs, Route 53 resolver logs…), billed over their own
    /// volume tiers.
    pub vended: bool,
    pub ingested_per_month: Bytes,
    pub sources: Vec<LogSource>,
    pub retention_days: u32,
    pub insights_scanned_per_month: Bytes,
    /// The group uses a feature only the Standard class has (metric filters,
    /// subscription filters, Live Tail…): the optimiser leaves its class alone.
    pub standard_features: bool,
}

/// The `cloudwatch` section.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CloudWatch {
    pub log_groups: Vec<LogGroup>,
    /// Share the account's 5 GB of free log data a month.
    pub free_tier: bool,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCloudWatch {
    #[serde(default)]
    pub log_groups: Vec<RawLogGroup>,
    pub free_tier: Option<bool>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLogGroup {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    pub class: Option<LogClass>,
    pub vended: Option<bool>,
    pub ingested_per_month: Option<Bytes>,
    #[serde(default)]
    pub sources: Vec<RawLogSource>,
    #[schemars(with = "u32")]
    pub retention_days: Spanned<u32>,
    pub insights_scanned_per_month: Option<Bytes>,
    pub standard_features: Option<bool>,
    #[schemars(with = "Option<std::collections::BTreeMap<String, String>>")]
    pub aws: Option<Spanned<super::raw::RawBinding>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLogSource {
    #[schemars(with = "Option<String>")]
    pub glue_job: Option<Spanned<String>>,
    #[schemars(with = "Option<String>")]
    pub lambda_function: Option<Spanned<String>>,
    pub per_run: Option<Bytes>,
    pub per_invocation: Option<Bytes>,
}

/// Retention CloudWatch Logs accepts, at most 10 years (3,653 days).
const MAX_RETENTION_DAYS: u32 = 3653;

fn source(
    field: &str,
    s: &RawLogSource,
    at: Option<Loc>,
    jobs: &[GlueJob],
    functions: &[LambdaFunction],
) -> Result<LogSource, ScenarioError> {
    let named = |n: &Spanned<String>, known: Vec<&str>, what: &str| {
        if known.contains(&n.value.as_str()) {
            Ok(n.value.clone())
        } else {
            Err(ScenarioError::at(
                loc(n),
                field.to_string(),
                format!("no {what} named `{}`", n.value),
            )
            .suggest(closest(&n.value, known)))
        }
    };
    match (&s.glue_job, &s.lambda_function, s.per_run, s.per_invocation) {
        (Some(j), None, Some(b), None) => Ok(LogSource::GlueJob {
            name: named(
                j,
                jobs.iter().map(|j| j.name.as_str()).collect(),
                "Glue job in `glue.jobs`",
            )?,
            per_run: b,
        }),
        (None, Some(f), None, Some(b)) => Ok(LogSource::Function {
            name: named(
                f,
                functions.iter().map(|f| f.name.as_str()).collect(),
                "Lambda function in `lambda.functions`",
            )?,
            per_invocation: b,
        }),
        _ => Err(ScenarioError::at(
            at,
            field.to_string(),
            "a log source is `{ glue_job: NAME, per_run: SIZE }` or `{ lambda_function: NAME, per_invocation: SIZE }`",
        )),
    }
}

pub(super) fn check(
    raw: &Option<RawCloudWatch>,
    jobs: &[GlueJob],
    functions: &[LambdaFunction],
) -> Result<CloudWatch, ScenarioError> {
    let Some(c) = raw else {
        return Ok(CloudWatch::default());
    };
    let mut seen = Vec::new();
    let mut log_groups = Vec::new();
    for (i, g) in c.log_groups.iter().enumerate() {
        let field = |k: &str| format!("cloudwatch.log_groups[{i}].{k}");
        unique(&mut seen, &g.name, field("name"))?;
        let retention = g.retention_days.value;
        if retention == 0 || retention > MAX_RETENTION_DAYS {
            return Err(ScenarioError::at(
                loc(&g.retention_days),
                field("retention_days"),
                format!(
                    "CloudWatch Logs keeps events 1 to 3,653 days, found {retention}: a group that never expires grows without bound, so give the retention it will have"
                ),
            ));
        }
        let vended = g.vended.unwrap_or(false);
        let at = loc(&g.name);
        if vended && !g.sources.is_empty() {
            return Err(ScenarioError::at(
                at,
                field("sources"),
                "vended logs come from AWS services (VPC flow logs…), not from jobs or functions: give `ingested_per_month`",
            ));
        }
        let mut sources = Vec::new();
        for (j, s) in g.sources.iter().enumerate() {
            sources.push(source(
                &field(&format!("sources[{j}]")),
                s,
                at,
                jobs,
                functions,
            )?);
        }
        if sources.is_empty() && g.ingested_per_month.is_none() {
            return Err(ScenarioError::at(
                at,
                field("ingested_per_month"),
                "say what the group ingests: `ingested_per_month`, or `sources` (Glue jobs and Lambda functions with the bytes they log)",
            ));
        }
        log_groups.push(LogGroup {
            name: g.name.value.clone(),
            loc: at,
            class: g.class.unwrap_or(LogClass::Standard),
            vended,
            ingested_per_month: g.ingested_per_month.unwrap_or(Bytes::ZERO),
            sources,
            retention_days: retention,
            insights_scanned_per_month: g.insights_scanned_per_month.unwrap_or(Bytes::ZERO),
            standard_features: g.standard_features.unwrap_or(false),
        });
    }
    Ok(CloudWatch {
        log_groups,
        free_tier: c.free_tier.unwrap_or(false),
    })
}
