//! S3 storage classes and restore tiers, by their S3 API names.

use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// An S3 storage class, named as the S3 API names it (`x-amz-storage-class`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum StorageClass {
    #[serde(rename = "STANDARD")]
    Standard,
    #[serde(rename = "INTELLIGENT_TIERING")]
    IntelligentTiering,
    #[serde(rename = "STANDARD_IA")]
    StandardIa,
    #[serde(rename = "ONEZONE_IA")]
    OnezoneIa,
    #[serde(rename = "GLACIER_IR")]
    GlacierIr,
    #[serde(rename = "GLACIER")]
    Glacier,
    #[serde(rename = "DEEP_ARCHIVE")]
    DeepArchive,
}

impl StorageClass {
    pub const ALL: [StorageClass; 7] = [
        StorageClass::Standard,
        StorageClass::IntelligentTiering,
        StorageClass::StandardIa,
        StorageClass::OnezoneIa,
        StorageClass::GlacierIr,
        StorageClass::Glacier,
        StorageClass::DeepArchive,
    ];

    pub fn api_name(self) -> &'static str {
        match self {
            StorageClass::Standard => "STANDARD",
            StorageClass::IntelligentTiering => "INTELLIGENT_TIERING",
            StorageClass::StandardIa => "STANDARD_IA",
            StorageClass::OnezoneIa => "ONEZONE_IA",
            StorageClass::GlacierIr => "GLACIER_IR",
            StorageClass::Glacier => "GLACIER",
            StorageClass::DeepArchive => "DEEP_ARCHIVE",
        }
    }

    pub fn from_api_name(name: &str) -> Option<StorageClass> {
        StorageClass::ALL.into_iter().find(|c| c.api_name() == name)
    }

    /// Archived classes: objects must be restored before they can be read, and each
    /// object carries 40 KB of overhead (S3 user guide, "Storage classes").
    pub fn is_archive(self) -> bool {
        matches!(self, StorageClass::Glacier | StorageClass::DeepArchive)
    }
}

impl fmt::Display for StorageClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.api_name())
    }
}

impl<'de> Deserialize<'de> for StorageClass {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        StorageClass::from_api_name(&s).ok_or_else(|| {
            let names: Vec<&str> = StorageClass::ALL.iter().map(|c| c.api_name()).collect();
            serde::de::Error::custom(format!(
                "unknown storage class `{s}`, expected one of {}",
                names.join(", ")
            ))
        })
    }
}

/// Retrieval tier of a restore from GLACIER or DEEP_ARCHIVE.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RestoreTier {
    Expedited,
    Standard,
    Bulk,
}

impl RestoreTier {
    pub const ALL: [RestoreTier; 3] = [
        RestoreTier::Expedited,
        RestoreTier::Standard,
        RestoreTier::Bulk,
    ];

    pub fn name(self) -> &'static str {
        match self {
            RestoreTier::Expedited => "expedited",
            RestoreTier::Standard => "standard",
            RestoreTier::Bulk => "bulk",
        }
    }
}
