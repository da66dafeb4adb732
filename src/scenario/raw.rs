//! The scenario file as written: serde shapes that mirror the YAML keys one to one.
//!
//! Unknown keys are rejected (`deny_unknown_fields`) so that a misspelling is an error
//! with a suggestion rather than a silently ignored setting. Values whose meaning is
//! checked after parsing carry their position ([`Spanned`]) so findings can point at them.

use crate::scenario::compute::{RawEmr, RawGlue, RawWorkload};
use crate::scenario::streams::{RawFirehose, RawKinesis};
use crate::scenario::warehouse::{RawAthena, RawLambda, RawRedshift, RawStepFunctions};
use crate::scenario::{RestoreTier, StorageClass};
use crate::units::{Bytes, Duration, Fraction};
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

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawS3 {
    pub layers: Vec<RawLayer>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLayer {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[schemars(with = "Option<Fraction>")]
    pub share_of_ingest: Option<Spanned<Fraction>>,
    #[schemars(with = "Option<RawFromLayer>")]
    pub from_layer: Option<Spanned<RawFromLayer>>,
    #[schemars(with = "Option<Bytes>")]
    pub object_size: Option<Spanned<Bytes>>,
    #[schemars(with = "Option<StorageClass>")]
    pub storage_class: Option<Spanned<StorageClass>>,
    #[serde(default)]
    pub lifecycle: Vec<RawTransition>,
    #[schemars(with = "Option<u32>")]
    pub expire_after_days: Option<Spanned<u32>>,
    #[schemars(with = "Option<RawExisting>")]
    pub existing: Option<Spanned<RawExisting>>,
    #[serde(default)]
    pub access: Vec<RawAccess>,
    pub recreatable: Option<bool>,
    #[schemars(with = "Option<std::collections::BTreeMap<String, String>>")]
    pub aws: Option<Spanned<RawBinding>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFromLayer {
    pub name: String,
    pub ratio: Fraction,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTransition {
    #[schemars(with = "u32")]
    pub after_days: Spanned<u32>,
    #[schemars(with = "StorageClass")]
    pub to: Spanned<StorageClass>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawExisting {
    pub size: Bytes,
    pub object_size: Bytes,
    pub storage_class: StorageClass,
    #[serde(default)]
    pub age_days: u32,
    pub class_since_days: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAccess {
    #[schemars(with = "String")]
    pub age_days: Spanned<String>,
    #[schemars(with = "Option<f64>")]
    pub reads_per_month: Option<Spanned<f64>>,
    #[schemars(with = "Option<Fraction>")]
    pub restores_per_month: Option<Spanned<Fraction>>,
    pub restore_tier: Option<RestoreTier>,
    pub restore_days: Option<u32>,
    #[schemars(with = "Option<Duration>")]
    pub restore_within: Option<Spanned<Duration>>,
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
