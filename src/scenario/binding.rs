//! `aws:` bindings: which real AWS resource a scenario resource describes, so that
//! `lakecost calibrate` can read what it does from CloudWatch. The models never see
//! them: a binding changes no number of an estimate.

use super::Loc;
use super::check::{ScenarioError, loc};
use super::raw::{RawBinding, RawScenario};
use serde::Serialize;
use serde_saphyr::Spanned;

/// What kind of AWS resource a binding names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// An S3 bucket (`s3.layers[].aws.bucket`).
    Bucket,
    /// A Kinesis data stream.
    Stream,
    /// A Firehose stream.
    DeliveryStream,
    /// A Lambda function.
    Function,
    /// An Athena workgroup.
    AthenaWorkgroup,
    /// A provisioned Redshift cluster.
    Cluster,
    /// A Redshift Serverless workgroup.
    ServerlessWorkgroup,
    /// A Step Functions state machine, by ARN.
    StateMachine,
    /// A Glue job.
    GlueJob,
    /// A DynamoDB table.
    Table,
    /// A CloudWatch Logs log group.
    LogGroup,
    /// The NAT gateways of the lake's VPC (`network.aws.nat_gateways`), by ID,
    /// separated by commas.
    NatGateways,
}

/// One `aws:` map.
#[derive(Clone, Debug, PartialEq)]
pub struct Binding {
    pub kind: Bound,
    /// The scenario resource (layer, stream, function…) the map is on.
    pub resource: String,
    /// The AWS name: bucket, stream, function, workgroup, cluster, job, or ARN.
    pub id: String,
    /// For a layer that is a prefix of a bucket other layers share.
    pub prefix: Option<String>,
    /// A Serverless workgroup's namespace, where its storage metrics are published.
    pub namespace: Option<String>,
    pub loc: Option<Loc>,
}

impl Bound {
    /// The key the AWS name is written under.
    pub fn key(self) -> &'static str {
        match self {
            Bound::Bucket => "bucket",
            Bound::Stream => "stream",
            Bound::DeliveryStream => "delivery_stream",
            Bound::Function => "function",
            Bound::AthenaWorkgroup | Bound::ServerlessWorkgroup => "workgroup",
            Bound::Cluster => "cluster",
            Bound::StateMachine => "arn",
            Bound::GlueJob => "job",
            Bound::Table => "table",
            Bound::LogGroup => "log_group",
            Bound::NatGateways => "nat_gateways",
        }
    }

    /// The second, optional key some maps take, and what it holds: a layer's
    /// `prefix` of a shared bucket, a Serverless workgroup's `namespace`.
    pub fn optional_key(self) -> Option<(&'static str, &'static str)> {
        match self {
            Bound::Bucket => Some((
                "prefix",
                "the key prefix of the layer's objects in a bucket other layers share",
            )),
            Bound::ServerlessWorkgroup => Some((
                "namespace",
                "the workgroup's namespace, where its storage is published: 3–64 lowercase letters, digits and hyphens",
            )),
            _ => None,
        }
    }

    /// What AWS accepts as a name of this kind, or why `id` is not one. The rules are
    /// each service's naming rules (S3 bucket naming rules; the Kinesis, Firehose,
    /// Lambda, Athena, Redshift, Step Functions and Glue API references).
    fn check(self, id: &str) -> Result<(), String> {
        let chars = |extra: &str| {
            id.chars()
                .all(|c| c.is_ascii_alphanumeric() || extra.contains(c))
        };
        let len = id.chars().count();
        let within = |lo: usize, hi: usize| (lo..=hi).contains(&len);
        let ok = match self {
            Bound::Bucket => {
                within(3, 63)
                    && id.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-'
                    })
                    && id.starts_with(|c: char| c.is_ascii_alphanumeric())
                    && id.ends_with(|c: char| c.is_ascii_alphanumeric())
            }
            Bound::Stream | Bound::AthenaWorkgroup => within(1, 128) && chars("_.-"),
            Bound::DeliveryStream => within(1, 64) && chars("_.-"),
            Bound::Function => {
                (within(1, 64) && chars("_-"))
                    || (id.starts_with("arn:") && within(1, 140) && chars("_-:."))
            }
            Bound::Cluster => {
                within(1, 63)
                    && id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    && id.starts_with(|c: char| c.is_ascii_lowercase())
                    && !id.ends_with('-')
                    && !id.contains("--")
            }
            Bound::ServerlessWorkgroup => {
                within(3, 64)
                    && id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            }
            Bound::StateMachine => {
                id.starts_with("arn:")
                    && id.contains(":states:")
                    && id.contains(":stateMachine:")
                    && within(1, 256)
                    && chars("_-:.")
            }
            Bound::GlueJob => within(1, 255) && !id.chars().any(char::is_control),
            Bound::Table => within(3, 255) && chars("_.-"),
            Bound::LogGroup => within(1, 512) && chars("_-/.#"),
            Bound::NatGateways => {
                let ids: Vec<&str> = id.split(',').map(str::trim).collect();
                ids.len() <= MAX_NAT_GATEWAYS
                    && ids.iter().all(|n| {
                        n.strip_prefix("nat-").is_some_and(|h| {
                            (8..=17).contains(&h.len())
                                && h.chars()
                                    .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
                        })
                    })
            }
        };
        if ok {
            Ok(())
        } else {
            Err(self.rule().to_string())
        }
    }

    /// What AWS accepts as a name of this kind, in words.
    pub fn rule(self) -> &'static str {
        match self {
            Bound::Bucket => {
                "a bucket name: 3–63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit"
            }
            Bound::Stream => "a stream name: 1–128 letters, digits, `_`, `.` and `-`",
            Bound::AthenaWorkgroup => "a workgroup name: 1–128 letters, digits, `_`, `.` and `-`",
            Bound::DeliveryStream => {
                "a Firehose stream name: 1–64 letters, digits, `_`, `.` and `-`"
            }
            Bound::Function => "a function name (1–64 letters, digits, `_` and `-`) or ARN",
            Bound::Cluster => {
                "a cluster identifier: 1–63 lowercase letters, digits and hyphens, starting with a letter, no `--`, not ending with `-`"
            }
            Bound::ServerlessWorkgroup => {
                "a Serverless workgroup name: 3–64 lowercase letters, digits and hyphens"
            }
            Bound::StateMachine => {
                "a state machine ARN: arn:aws:states:REGION:ACCOUNT:stateMachine:NAME"
            }
            Bound::GlueJob => "a job name: 1–255 characters, none of them control characters",
            Bound::Table => "a table name: 3–255 letters, digits, `_`, `.` and `-`",
            Bound::LogGroup => {
                "a log group name: 1–512 letters, digits, `_`, `-`, `/`, `.` and `#`"
            }
            Bound::NatGateways => {
                "NAT gateway IDs (`nat-` and 8 or 17 lowercase hexadecimal digits), up to 64, separated by commas"
            }
        }
    }
}

/// Where the format takes an `aws:` map, and what it binds there (the JSON Schema
/// describes each from this table; `bindings` reads them).
pub const BOUND_AT: [(&str, Bound); 12] = [
    ("s3.layers[].aws", Bound::Bucket),
    ("kinesis.streams[].aws", Bound::Stream),
    ("firehose.streams[].aws", Bound::DeliveryStream),
    ("glue.jobs[].aws", Bound::GlueJob),
    ("redshift.clusters[].aws", Bound::Cluster),
    ("redshift.serverless[].aws", Bound::ServerlessWorkgroup),
    ("athena.workgroups[].aws", Bound::AthenaWorkgroup),
    ("lambda.functions[].aws", Bound::Function),
    ("stepfunctions.state_machines[].aws", Bound::StateMachine),
    ("dynamodb.tables[].aws", Bound::Table),
    ("cloudwatch.log_groups[].aws", Bound::LogGroup),
    ("network.aws", Bound::NatGateways),
];

/// The most NAT gateways one `network.aws` binding names (one per Availability Zone is
/// the usual design; no region has this many zones).
const MAX_NAT_GATEWAYS: usize = 64;

/// What a `network.aws` binding is named by in calibrate's report: the network
/// section has no name of its own.
pub const NETWORK: &str = "network";

/// How many places of the format take an `aws:` map.
pub fn binding_sites() -> usize {
    BOUND_AT.len()
}

/// Every `aws:` map of the file, checked.
pub(super) fn bindings(raw: &RawScenario) -> Result<Vec<Binding>, ScenarioError> {
    let mut out = Vec::new();
    let mut add = |kind: Bound,
                   path: String,
                   resource: &str,
                   b: &Option<Spanned<RawBinding>>|
     -> Result<(), ScenarioError> {
        let Some(b) = b else { return Ok(()) };
        let field = format!("{path}.aws");
        let raw = &b.value;
        // The one key this kind of resource is bound by, and its optional one.
        let given: Vec<&str> = raw.keys().map(String::as_str).collect();
        let wanted = kind.key();
        let optional = kind.optional_key().map(|(k, _)| k);
        let Some(id) = raw.get(wanted) else {
            return Err(ScenarioError::at(
                loc(b),
                field,
                format!("expected `{{ {wanted}: … }}`, found keys {}", list(&given)),
            ));
        };
        if let Some(other) = given
            .iter()
            .find(|k| **k != wanted && Some(**k) != optional)
        {
            let allowed = match optional {
                Some(o) => format!("`{wanted}` and `{o}`"),
                None => format!("`{wanted}`"),
            };
            return Err(ScenarioError::at(
                loc(b),
                format!("{field}.{other}"),
                format!("unknown key `{other}`: this `aws:` map takes {allowed}"),
            ));
        }
        kind.check(&id.value).map_err(|expected| {
            ScenarioError::at(
                loc(id),
                format!("{field}.{wanted}"),
                format!("expected {expected}, found `{}`", id.value),
            )
        })?;
        let namespace = raw.get("namespace");
        if let Some(n) = namespace {
            kind.check(&n.value).map_err(|_| {
                ScenarioError::at(
                    loc(n),
                    format!("{field}.namespace"),
                    format!(
                        "expected a namespace name: 3–64 lowercase letters, digits and hyphens, found `{}`",
                        n.value
                    ),
                )
            })?;
        }
        out.push(Binding {
            kind,
            resource: resource.to_string(),
            id: id.value.clone(),
            prefix: raw.get("prefix").map(|p| p.value.clone()),
            namespace: namespace.map(|n| n.value.clone()),
            loc: loc(id),
        });
        Ok(())
    };
    if let Some(s3) = &raw.s3 {
        for (i, l) in s3.layers.iter().enumerate() {
            add(
                Bound::Bucket,
                format!("s3.layers[{i}]"),
                &l.name.value,
                &l.aws,
            )?;
        }
    }
    if let Some(k) = &raw.kinesis {
        for (i, s) in k.streams.iter().enumerate() {
            add(
                Bound::Stream,
                format!("kinesis.streams[{i}]"),
                &s.name.value,
                &s.aws,
            )?;
        }
    }
    if let Some(f) = &raw.firehose {
        for (i, s) in f.streams.iter().enumerate() {
            add(
                Bound::DeliveryStream,
                format!("firehose.streams[{i}]"),
                &s.name.value,
                &s.aws,
            )?;
        }
    }
    if let Some(g) = &raw.glue {
        for (i, j) in g.jobs.iter().enumerate() {
            add(
                Bound::GlueJob,
                format!("glue.jobs[{i}]"),
                &j.name.value,
                &j.aws,
            )?;
        }
    }
    if let Some(r) = &raw.redshift {
        for (i, c) in r.clusters.iter().enumerate() {
            add(
                Bound::Cluster,
                format!("redshift.clusters[{i}]"),
                &c.name.value,
                &c.aws,
            )?;
        }
        for (i, w) in r.serverless.iter().enumerate() {
            add(
                Bound::ServerlessWorkgroup,
                format!("redshift.serverless[{i}]"),
                &w.name.value,
                &w.aws,
            )?;
        }
    }
    if let Some(a) = &raw.athena {
        for (i, w) in a.workgroups.iter().enumerate() {
            add(
                Bound::AthenaWorkgroup,
                format!("athena.workgroups[{i}]"),
                &w.name.value,
                &w.aws,
            )?;
        }
    }
    if let Some(l) = &raw.lambda {
        for (i, f) in l.functions.iter().enumerate() {
            add(
                Bound::Function,
                format!("lambda.functions[{i}]"),
                &f.name.value,
                &f.aws,
            )?;
        }
    }
    if let Some(s) = &raw.stepfunctions {
        for (i, m) in s.state_machines.iter().enumerate() {
            add(
                Bound::StateMachine,
                format!("stepfunctions.state_machines[{i}]"),
                &m.name.value,
                &m.aws,
            )?;
        }
    }
    if let Some(c) = &raw.cloudwatch {
        for (i, g) in c.log_groups.iter().enumerate() {
            add(
                Bound::LogGroup,
                format!("cloudwatch.log_groups[{i}]"),
                &g.name.value,
                &g.aws,
            )?;
        }
    }
    if let Some(n) = &raw.network {
        add(Bound::NatGateways, "network".into(), NETWORK, &n.aws)?;
    }
    if let Some(d) = &raw.dynamodb {
        for (i, t) in d.tables.iter().enumerate() {
            add(
                Bound::Table,
                format!("dynamodb.tables[{i}]"),
                &t.name.value,
                &t.aws,
            )?;
        }
    }
    Ok(out)
}

fn list(keys: &[&str]) -> String {
    if keys.is_empty() {
        return "none".into();
    }
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_each_services_rules() {
        assert!(Bound::Bucket.check("lake-bronze.prod").is_ok());
        assert!(Bound::Bucket.check("Lake").is_err());
        assert!(Bound::Bucket.check("ab").is_err());
        assert!(Bound::Bucket.check("-lake").is_err());
        assert!(Bound::Cluster.check("warehouse-1").is_ok());
        assert!(Bound::Cluster.check("warehouse--1").is_err());
        assert!(Bound::Cluster.check("1warehouse").is_err());
        assert!(Bound::Stream.check("sales.events_v2").is_ok());
        assert!(Bound::Stream.check("sales events").is_err());
        assert!(
            Bound::StateMachine
                .check("arn:aws:states:us-east-1:123456789012:stateMachine:nightly-etl")
                .is_ok()
        );
        assert!(Bound::StateMachine.check("nightly-etl").is_err());
        assert!(Bound::Function.check("on-upload").is_ok());
        assert!(Bound::GlueJob.check("bronze to silver").is_ok());
        assert!(Bound::GlueJob.check("bad\u{1b}]0;x").is_err());
        assert!(
            Bound::NatGateways
                .check("nat-0123456789abcdef0, nat-01234567")
                .is_ok()
        );
        assert!(Bound::NatGateways.check("nat-0123456789ABCDEF0").is_err());
        assert!(Bound::NatGateways.check("igw-01234567").is_err());
        assert!(Bound::NatGateways.check("nat-01234567,").is_err());
    }
}
