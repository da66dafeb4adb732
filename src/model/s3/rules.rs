//! S3's storage-class rules that are not prices: minimum storage durations, minimum
//! billable object sizes, per-object archive overhead, and the lifecycle waterfall.
//! Source: S3 User Guide, "Storage classes" and "Transitioning objects using
//! Amazon S3 Lifecycle" (S3 User Guide and S3 pricing page).

use crate::scenario::RestoreTier;
use crate::scenario::StorageClass::{self, *};
use crate::units::Bytes;

/// Days an object is billed for at least, once written to or moved into `class`.
pub fn min_storage_days(class: StorageClass) -> f64 {
    match class {
        StandardIa | OnezoneIa => 30.0,
        GlacierIr | Glacier => 90.0,
        DeepArchive => 180.0,
        Standard | IntelligentTiering => 0.0,
    }
}

/// "If an object is less than 128 KB, Amazon S3 charges you for 128 KB" in
/// STANDARD_IA, ONEZONE_IA and GLACIER_IR.
pub fn min_billable_object(class: StorageClass) -> Bytes {
    match class {
        StandardIa | OnezoneIa | GlacierIr => Bytes::from_kib(128.0),
        _ => Bytes::ZERO,
    }
}

/// Each object in GLACIER or DEEP_ARCHIVE carries 32 KB billed at the class's rate
/// (index and metadata)…
pub const ARCHIVE_OVERHEAD_AT_CLASS_RATE_KIB: f64 = 32.0;
/// …and 8 KB billed at the STANDARD rate (the object's name and metadata).
pub const ARCHIVE_OVERHEAD_AT_STANDARD_RATE_KIB: f64 = 8.0;

/// Objects must be 30 days old before a lifecycle rule moves them to STANDARD_IA or
/// ONEZONE_IA.
pub const IA_MIN_AGE_DAYS: u32 = 30;

/// S3 Lifecycle does not transition objects smaller than 128 KB unless the rule has an
/// object-size filter (the default since September 2024).
pub fn lifecycle_min_object() -> Bytes {
    Bytes::from_kib(128.0)
}

/// INTELLIGENT_TIERING monitors (and charges monitoring for) objects larger than
/// 128 KB only; smaller objects stay in Frequent Access.
pub fn it_min_monitored_object() -> Bytes {
    Bytes::from_kib(128.0)
}

/// INTELLIGENT_TIERING moves an object to Infrequent Access after 30 days without
/// access and to Archive Instant Access after 90.
pub const IT_INFREQUENT_AFTER_DAYS: f64 = 30.0;
pub const IT_ARCHIVE_INSTANT_AFTER_DAYS: f64 = 90.0;

/// Whether S3 Lifecycle can move objects from `from` to `to` (the "waterfall").
pub fn can_transition(from: StorageClass, to: StorageClass) -> bool {
    match from {
        Standard => to != Standard,
        StandardIa => matches!(
            to,
            IntelligentTiering | OnezoneIa | GlacierIr | Glacier | DeepArchive
        ),
        IntelligentTiering => matches!(to, OnezoneIa | GlacierIr | Glacier | DeepArchive),
        OnezoneIa | GlacierIr => matches!(to, Glacier | DeepArchive),
        Glacier => to == DeepArchive,
        DeepArchive => false,
    }
}

/// Typical hours from a restore request to the restored copy being ready (S3 user
/// guide, "Understanding archive retrieval options"): GLACIER expedited 1–5 minutes,
/// standard 3–5 hours, bulk 5–12 hours; DEEP_ARCHIVE standard within 12 hours, bulk
/// within 48 hours. lakecost takes the middle of a range, or the bound AWS states.
pub fn restore_hours(class: StorageClass, tier: RestoreTier) -> f64 {
    match (class, tier) {
        (DeepArchive, RestoreTier::Bulk) => 48.0,
        (DeepArchive, _) => 12.0,
        (_, RestoreTier::Expedited) => 3.0 / 60.0,
        (_, RestoreTier::Standard) => 4.0,
        (_, RestoreTier::Bulk) => 8.5,
    }
}

/// Days a restored copy is billed at the STANDARD rate, on average over the time of
/// day restores complete. S3 sets the copy's expiry at the time the restoration
/// completes plus the request's `Days`, rounded up to the next midnight UTC (S3 User
/// Guide, "Working with archived objects"), and the API calls `Days` the "lifetime of
/// the active copy" (RestoreObject, `RestoreRequest.Days`). A copy ready at time of day
/// t (uniform over [0, 1) day) lives `days + 1 − t`: `days + ½` on average, whatever
/// the tier's restore time. (The guide's "Restoring an archived object" page counts
/// from the request instead; on that clock a 1-day DEEP_ARCHIVE bulk restore, up to 48
/// hours, would expire before it exists, which the API's 1-day minimum rules out.
/// lakecost follows the completion rule, as the November 2026 audit asked.)
pub fn restored_copy_days(days: u32) -> f64 {
    f64::from(days) + 0.5
}

/// Classes whose reads pay a per-GB retrieval fee.
pub fn has_retrieval_fee(class: StorageClass) -> bool {
    matches!(class, StandardIa | OnezoneIa | GlacierIr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restored_copies_live_days_after_they_are_ready_to_the_next_midnight() {
        // S3 User Guide, "Working with archived objects": a copy created at 10:30 UTC
        // on Oct 15 with 3 days expires Oct 19 00:00 UTC, 3 days 13.5 hours later.
        // Over completion times spread evenly across the day, days + ½.
        assert_eq!(restored_copy_days(3), 3.5);
        // The tier's restore time does not shorten the copy: a 1-day copy of a
        // DEEP_ARCHIVE bulk restore (48 h) still lives 1.5 days once ready.
        assert_eq!(restored_copy_days(1), 1.5);
    }

    #[test]
    fn waterfall_matches_the_s3_user_guide() {
        // "You can't transition from … any storage class to S3 Standard", "S3 Glacier
        // Deep Archive to any other storage class", "S3 One Zone-IA to S3 Standard-IA,
        // S3 Intelligent-Tiering or S3 Glacier Instant Retrieval".
        assert!(can_transition(Standard, StandardIa));
        assert!(can_transition(StandardIa, Glacier));
        assert!(!can_transition(Glacier, StandardIa));
        assert!(!can_transition(DeepArchive, Glacier));
        assert!(!can_transition(OnezoneIa, StandardIa));
        assert!(!can_transition(OnezoneIa, GlacierIr));
        assert!(!can_transition(IntelligentTiering, StandardIa));
        assert!(can_transition(Glacier, DeepArchive));
        assert!(!can_transition(StandardIa, Standard));
    }
}
