//! The scenario file as written: serde shapes that mirror the YAML keys one to one.
//!
//! Unknown keys are rejected (`deny_unknown_fields`) so that a misspelling is an error
//! with a suggestion rather than a silently ignored setting. Values whose meaning is
//! checked after parsing carry their position ([`Spanned`]) so findings can point at them.

use crate::scenario::compute::{RawEmr, RawGlue, RawWorkload};
use crate::scenario::layers::RawS3;
use crate::scenario::streams::{RawFirehose, RawKinesis};
use crate::scenario::warehouse::{RawAthena, RawLambda, RawRedshift, RawStepFunctions};
use crate::units::{Bytes, Fraction};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    #[schemars(with = "u32")]
    pub version: Spanned<u32>,
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[schemars(with = "String")]
    pub region: Spanned<String>,
    #[schemars(with = "Option<u32>")]
    pub months: Option<Spanned<u32>>,
    /// The calendar month of the horizon's month 1, `YYYY-MM`: dates FOCUS forecasts
    /// and tells `reconcile` which estimate month a bill is.
    #[schemars(with = "Option<String>")]
    pub start: Option<Spanned<String>>,
    pub ingest: Option<RawIngest>,
    pub s3: Option<RawS3>,
    pub kinesis: Option<RawKinesis>,
    pub firehose: Option<RawFirehose>,
    pub glue: Option<RawGlue>,
    pub emr: Option<RawEmr>,
    #[serde(default)]
    pub workloads: Vec<RawWorkload>,
    pub redshift: Option<RawRedshift>,
    pub athena: Option<RawAthena>,
    pub lambda: Option<RawLambda>,
    pub stepfunctions: Option<RawStepFunctions>,
    pub dynamodb: Option<crate::scenario::dynamodb::RawDynamoDb>,
    pub network: Option<crate::scenario::network::RawNetwork>,
    pub cloudwatch: Option<crate::scenario::cloudwatch::RawCloudWatch>,
}

/// An `aws:` map: its keys are checked against the resource it is on
/// (`binding::bindings`), so that the error can name the key that resource takes.
pub type RawBinding = std::collections::BTreeMap<String, Spanned<String>>;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawIngest {
    #[schemars(with = "Bytes")]
    pub per_day: Spanned<Bytes>,
    #[schemars(with = "Option<Fraction>")]
    pub growth_per_month: Option<Spanned<Fraction>>,
}

/// A YAML number or string read as text: `glue_version: 4.0` and `"4.0"` are the same.
#[derive(Debug)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Num(f64),
            Text(String),
        }
        Ok(Text(match Raw::deserialize(d)? {
            Raw::Num(n) if n.fract() == 0.0 => format!("{n:.1}"),
            Raw::Num(n) => n.to_string(),
            Raw::Text(t) => t,
        }))
    }
}
