//! A layer's `encryption`: SSE-S3 (S3's default since January 2023, no charge) or
//! SSE-KMS, whose every object operation calls AWS KMS unless an S3 Bucket Key stands
//! in for the KMS key.

use super::Loc;
use super::check::{ScenarioError, check_name, loc};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// How a layer's objects are encrypted at rest.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Encryption {
    #[default]
    SseS3,
    SseKms(Kms),
}

/// SSE-KMS settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Kms {
    /// An S3 Bucket Key: S3 asks KMS for a bucket-level key now and then instead of a
    /// data key per object.
    pub bucket_key: bool,
    /// The customer managed key's name (layers naming the same key share it), or
    /// `None` for the AWS managed key `aws/s3`, which has no monthly fee.
    pub key: Option<String>,
    /// Share the account's 20,000 free KMS requests a month.
    pub free_tier: bool,
    pub loc: Option<Loc>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EncryptionType {
    SseS3,
    SseKms,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEncryption {
    #[serde(rename = "type")]
    pub kind: EncryptionType,
    pub bucket_key: Option<bool>,
    #[schemars(with = "Option<String>")]
    pub kms_key: Option<Spanned<String>>,
    pub free_tier: Option<bool>,
}

pub(super) fn check(
    field: &str,
    e: &Option<Spanned<RawEncryption>>,
) -> Result<Encryption, ScenarioError> {
    let Some(e) = e else {
        return Ok(Encryption::SseS3);
    };
    let at = loc(e);
    let r = &e.value;
    match r.kind {
        EncryptionType::SseS3 => {
            let kms_only = [
                ("bucket_key", r.bucket_key.is_some()),
                ("kms_key", r.kms_key.is_some()),
                ("free_tier", r.free_tier.is_some()),
            ];
            match kms_only.iter().find(|(_, given)| *given) {
                Some((key, _)) => Err(ScenarioError::at(
                    at,
                    format!("{field}.{key}"),
                    format!("`{key}` is an SSE-KMS setting: remove it, or use `type: sse-kms`"),
                )),
                None => Ok(Encryption::SseS3),
            }
        }
        EncryptionType::SseKms => {
            let Some(bucket_key) = r.bucket_key else {
                return Err(ScenarioError::at(
                    at,
                    format!("{field}.bucket_key"),
                    "say whether the bucket uses an S3 Bucket Key (`bucket_key: true` or `false`): it decides how many KMS requests S3 makes, and a bucket's setting is not the same through the console and the API",
                ));
            };
            if let Some(k) = &r.kms_key {
                check_name(k, &format!("{field}.kms_key"))?;
            }
            Ok(Encryption::SseKms(Kms {
                bucket_key,
                key: r.kms_key.as_ref().map(|k| k.value.clone()),
                free_tier: r.free_tier.unwrap_or(false),
                loc: at,
            }))
        }
    }
}
