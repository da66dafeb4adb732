//! The price keys of Amazon S3 per storage class: storage, requests, retrieval, lifecycle transitions, early deletion, restores and Intelligent-Tiering monitoring (S3 pricing page).
//! Each is declared once, with the Price List product that prices it in every region
//! (see [`crate::pricing::spec`]); the model prices through these constants, so a
//! misspelt key does not compile.

use super::usage::ItTier;
use crate::pricing::spec::PriceKey;
use crate::scenario::{RestoreTier, StorageClass};
use StorageClass::*;

pub const EARLY_DELETE_DEEP_ARCHIVE: PriceKey = PriceKey::list(
    "s3.early_delete.DEEP_ARCHIVE",
    "AmazonS3",
    "EarlyDelete-GDA",
    "GB-Mo",
)
.family("Storage");

pub const EARLY_DELETE_GLACIER: PriceKey = PriceKey::list(
    "s3.early_delete.GLACIER",
    "AmazonS3",
    "EarlyDelete-ByteHrs",
    "GB-Mo",
)
.family("Storage");

pub const EARLY_DELETE_GLACIER_IR: PriceKey = PriceKey::list(
    "s3.early_delete.GLACIER_IR",
    "AmazonS3",
    "EarlyDelete-GIR",
    "GB-Mo",
)
.family("Storage");

pub const EARLY_DELETE_ONEZONE_IA: PriceKey = PriceKey::list(
    "s3.early_delete.ONEZONE_IA",
    "AmazonS3",
    "EarlyDelete-ZIA",
    "GB-Mo",
)
.family("Storage");

pub const EARLY_DELETE_STANDARD_IA: PriceKey = PriceKey::list(
    "s3.early_delete.STANDARD_IA",
    "AmazonS3",
    "EarlyDelete-SIA",
    "GB-Mo",
)
.family("Storage");

pub const MONITORING_INTELLIGENT_TIERING: PriceKey = PriceKey::list(
    "s3.monitoring.INTELLIGENT_TIERING",
    "AmazonS3",
    "Monitoring-Automation-INT",
    "Objects",
)
.family("Storage");

pub const REQUESTS_GET_DEEP_ARCHIVE: PriceKey = PriceKey::list(
    "s3.requests.get.DEEP_ARCHIVE",
    "AmazonS3",
    "Requests-GDA-Tier2",
    "Requests",
)
.family("API Request")
.attributes("group=S3-API-Tier2");

pub const REQUESTS_GET_GLACIER: PriceKey = PriceKey::list(
    "s3.requests.get.GLACIER",
    "AmazonS3",
    "Requests-GLACIER-Tier2",
    "Requests",
)
.family("API Request")
.attributes("group=S3-API-Tier2");

pub const REQUESTS_GET_GLACIER_IR: PriceKey = PriceKey::list(
    "s3.requests.get.GLACIER_IR",
    "AmazonS3",
    "Requests-GIR-Tier2",
    "Requests",
)
.family("API Request")
.attributes("group=S3-API-Tier2");

pub const REQUESTS_GET_INTELLIGENT_TIERING: PriceKey = PriceKey::list(
    "s3.requests.get.INTELLIGENT_TIERING",
    "AmazonS3",
    "Requests-INT-Tier2",
    "Requests",
)
.family("API Request")
.attributes("group=S3-API-Tier2");

pub const REQUESTS_GET_ONEZONE_IA: PriceKey = PriceKey::list(
    "s3.requests.get.ONEZONE_IA",
    "AmazonS3",
    "Requests-ZIA-Tier2",
    "Requests",
)
.family("API Request")
.attributes("group=S3-API-Tier2");

pub const REQUESTS_GET_STANDARD: PriceKey = PriceKey::list(
    "s3.requests.get.STANDARD",
    "AmazonS3",
    "Requests-Tier2",
    "Requests",
)
.family("API Request")
.attributes("group=S3-API-Tier2");

pub const REQUESTS_GET_STANDARD_IA: PriceKey = PriceKey::list(
    "s3.requests.get.STANDARD_IA",
    "AmazonS3",
    "Requests-SIA-Tier2",
    "Requests",
)
.family("API Request")
.attributes("group=S3-API-Tier2");

pub const REQUESTS_PUT_DEEP_ARCHIVE: PriceKey = PriceKey::list(
    "s3.requests.put.DEEP_ARCHIVE",
    "AmazonS3",
    "Requests-GDA-Tier1",
    "Requests",
)
.family("API Request")
.attributes("group=S3-API-Tier1");

pub const REQUESTS_PUT_GLACIER: PriceKey = PriceKey::list(
    "s3.requests.put.GLACIER",
    "AmazonS3",
    "Requests-GLACIER-Tier1",
    "Requests",
)
.family("API Request")
.attributes("group=S3-API-Tier1");

pub const REQUESTS_PUT_GLACIER_IR: PriceKey = PriceKey::list(
    "s3.requests.put.GLACIER_IR",
    "AmazonS3",
    "Requests-GIR-Tier1",
    "Requests",
)
.family("API Request")
.attributes("group=S3-API-Tier1");

pub const REQUESTS_PUT_INTELLIGENT_TIERING: PriceKey = PriceKey::list(
    "s3.requests.put.INTELLIGENT_TIERING",
    "AmazonS3",
    "Requests-INT-Tier1",
    "Requests",
)
.family("API Request")
.attributes("group=S3-API-Tier1");

pub const REQUESTS_PUT_ONEZONE_IA: PriceKey = PriceKey::list(
    "s3.requests.put.ONEZONE_IA",
    "AmazonS3",
    "Requests-ZIA-Tier1",
    "Requests",
)
.family("API Request")
.attributes("group=S3-API-Tier1");

pub const REQUESTS_PUT_STANDARD: PriceKey = PriceKey::list(
    "s3.requests.put.STANDARD",
    "AmazonS3",
    "Requests-Tier1",
    "Requests",
)
.family("API Request")
.attributes("group=S3-API-Tier1");

pub const REQUESTS_PUT_STANDARD_IA: PriceKey = PriceKey::list(
    "s3.requests.put.STANDARD_IA",
    "AmazonS3",
    "Requests-SIA-Tier1",
    "Requests",
)
.family("API Request")
.attributes("group=S3-API-Tier1");

pub const RESTORE_REQUEST_DEEP_ARCHIVE_BULK: PriceKey = PriceKey::list(
    "s3.restore.request.DEEP_ARCHIVE.bulk",
    "AmazonS3",
    "Requests-GDA-Bulk",
    "Requests",
)
.family("API Request");

pub const RESTORE_REQUEST_DEEP_ARCHIVE_STANDARD: PriceKey = PriceKey::list(
    "s3.restore.request.DEEP_ARCHIVE.standard",
    "AmazonS3",
    "Requests-GDA-Standard",
    "Requests",
)
.family("API Request");

pub const RESTORE_REQUEST_GLACIER_BULK: PriceKey = PriceKey::list(
    "s3.restore.request.GLACIER.bulk",
    "AmazonS3",
    "Requests-Glacier-Bulk",
    "Requests",
)
.family("API Request");

pub const RESTORE_REQUEST_GLACIER_EXPEDITED: PriceKey = PriceKey::list(
    "s3.restore.request.GLACIER.expedited",
    "AmazonS3",
    "Requests-Glacier-Expedited",
    "Requests",
)
.family("API Request");

pub const RESTORE_REQUEST_GLACIER_STANDARD: PriceKey = PriceKey::list(
    "s3.restore.request.GLACIER.standard",
    "AmazonS3",
    "Requests-Glacier-Standard",
    "Requests",
)
.family("API Request");

pub const RESTORE_RETRIEVAL_DEEP_ARCHIVE_BULK: PriceKey = PriceKey::list(
    "s3.restore.retrieval.DEEP_ARCHIVE.bulk",
    "AmazonS3",
    "Retrieval-GDA-Bulk",
    "GB",
)
.family("Fee");

pub const RESTORE_RETRIEVAL_DEEP_ARCHIVE_STANDARD: PriceKey = PriceKey::list(
    "s3.restore.retrieval.DEEP_ARCHIVE.standard",
    "AmazonS3",
    "Retrieval-GDA-Standard",
    "GB",
)
.family("Fee");

pub const RESTORE_RETRIEVAL_GLACIER_BULK: PriceKey = PriceKey::list(
    "s3.restore.retrieval.GLACIER.bulk",
    "AmazonS3",
    "Retrieval-Glacier-Bulk",
    "GB",
)
.family("Fee");

pub const RESTORE_RETRIEVAL_GLACIER_EXPEDITED: PriceKey = PriceKey::list(
    "s3.restore.retrieval.GLACIER.expedited",
    "AmazonS3",
    "Retrieval-Glacier-Expedited",
    "GB",
)
.family("Fee");

pub const RESTORE_RETRIEVAL_GLACIER_STANDARD: PriceKey = PriceKey::list(
    "s3.restore.retrieval.GLACIER.standard",
    "AmazonS3",
    "Retrieval-Glacier-Standard",
    "GB",
)
.family("Fee");

pub const RETRIEVAL_GLACIER_IR: PriceKey =
    PriceKey::list("s3.retrieval.GLACIER_IR", "AmazonS3", "Retrieval-GIR", "GB").family("Fee");

pub const RETRIEVAL_ONEZONE_IA: PriceKey =
    PriceKey::list("s3.retrieval.ONEZONE_IA", "AmazonS3", "Retrieval-ZIA", "GB").family("Fee");

pub const RETRIEVAL_STANDARD_IA: PriceKey = PriceKey::list(
    "s3.retrieval.STANDARD_IA",
    "AmazonS3",
    "Retrieval-SIA",
    "GB",
)
.family("Fee");

pub const STORAGE_DEEP_ARCHIVE: PriceKey = PriceKey::list(
    "s3.storage.DEEP_ARCHIVE",
    "AmazonS3",
    "TimedStorage-GDA-ByteHrs",
    "GB-Mo",
)
.family("Storage")
.attributes("volumeType=Glacier Deep Archive");

pub const STORAGE_GLACIER: PriceKey = PriceKey::list(
    "s3.storage.GLACIER",
    "AmazonS3",
    "TimedStorage-GlacierByteHrs",
    "GB-Mo",
)
.family("Storage")
.attributes("volumeType=Amazon Glacier");

pub const STORAGE_GLACIER_IR: PriceKey = PriceKey::list(
    "s3.storage.GLACIER_IR",
    "AmazonS3",
    "TimedStorage-GIR-ByteHrs",
    "GB-Mo",
)
.family("Storage")
.attributes("volumeType=Glacier Instant Retrieval");

pub const STORAGE_INTELLIGENT_TIERING_ARCHIVE_INSTANT: PriceKey = PriceKey::list(
    "s3.storage.INTELLIGENT_TIERING.archive_instant",
    "AmazonS3",
    "TimedStorage-INT-AIA-ByteHrs",
    "GB-Mo",
)
.family("Storage")
.attributes("volumeType=Intelligent-Tiering Archive Instant Access");

pub const STORAGE_INTELLIGENT_TIERING_FREQUENT: PriceKey = PriceKey::list(
    "s3.storage.INTELLIGENT_TIERING.frequent",
    "AmazonS3",
    "TimedStorage-INT-FA-ByteHrs",
    "GB-Mo",
)
.family("Storage")
.attributes("volumeType=Intelligent-Tiering Frequent Access");

pub const STORAGE_INTELLIGENT_TIERING_INFREQUENT: PriceKey = PriceKey::list(
    "s3.storage.INTELLIGENT_TIERING.infrequent",
    "AmazonS3",
    "TimedStorage-INT-IA-ByteHrs",
    "GB-Mo",
)
.family("Storage")
.attributes("volumeType=Intelligent-Tiering Infrequent Access");

pub const STORAGE_ONEZONE_IA: PriceKey = PriceKey::list(
    "s3.storage.ONEZONE_IA",
    "AmazonS3",
    "TimedStorage-ZIA-ByteHrs",
    "GB-Mo",
)
.family("Storage")
.attributes("volumeType=One Zone - Infrequent Access");

pub const STORAGE_STANDARD: PriceKey = PriceKey::list(
    "s3.storage.STANDARD",
    "AmazonS3",
    "TimedStorage-ByteHrs",
    "GB-Mo",
)
.family("Storage")
.attributes("volumeType=Standard;storageClass=General Purpose");

pub const STORAGE_STANDARD_IA: PriceKey = PriceKey::list(
    "s3.storage.STANDARD_IA",
    "AmazonS3",
    "TimedStorage-SIA-ByteHrs",
    "GB-Mo",
)
.family("Storage")
.attributes("volumeType=Standard - Infrequent Access");

pub const TRANSITION_DEEP_ARCHIVE: PriceKey = PriceKey::list(
    "s3.transition.DEEP_ARCHIVE",
    "AmazonS3",
    "Requests-GDA-Tier3",
    "Requests",
)
.family("API Request")
.attributes("group=S3-API-Lifecycle");

pub const TRANSITION_GLACIER: PriceKey = PriceKey::list(
    "s3.transition.GLACIER",
    "AmazonS3",
    "Requests-Tier3",
    "Requests",
)
.family("API Request")
.attributes("group=S3-API-Lifecycle");

pub const TRANSITION_GLACIER_IR: PriceKey = PriceKey::list(
    "s3.transition.GLACIER_IR",
    "AmazonS3",
    "Requests-GIR-Tier3",
    "Requests",
)
.family("API Request")
.attributes("group=S3-API-Lifecycle");

pub const TRANSITION_INTELLIGENT_TIERING: PriceKey = PriceKey::list(
    "s3.transition.INTELLIGENT_TIERING",
    "AmazonS3",
    "Requests-INT-Tier3",
    "Requests",
)
.family("API Request")
.attributes("group=S3-API-Lifecycle");

pub const TRANSITION_ONEZONE_IA: PriceKey = PriceKey::list(
    "s3.transition.ONEZONE_IA",
    "AmazonS3",
    "Requests-ZIA-Tier3",
    "Requests",
)
.family("API Request")
.attributes("group=S3-API-Lifecycle");

pub const TRANSITION_STANDARD_IA: PriceKey = PriceKey::list(
    "s3.transition.STANDARD_IA",
    "AmazonS3",
    "Requests-SIA-Tier3",
    "Requests",
)
.family("API Request")
.attributes("group=S3-API-Lifecycle");

/// Every key of this service.
pub const ALL: &[PriceKey] = &[
    EARLY_DELETE_DEEP_ARCHIVE,
    EARLY_DELETE_GLACIER,
    EARLY_DELETE_GLACIER_IR,
    EARLY_DELETE_ONEZONE_IA,
    EARLY_DELETE_STANDARD_IA,
    MONITORING_INTELLIGENT_TIERING,
    REQUESTS_GET_DEEP_ARCHIVE,
    REQUESTS_GET_GLACIER,
    REQUESTS_GET_GLACIER_IR,
    REQUESTS_GET_INTELLIGENT_TIERING,
    REQUESTS_GET_ONEZONE_IA,
    REQUESTS_GET_STANDARD,
    REQUESTS_GET_STANDARD_IA,
    REQUESTS_PUT_DEEP_ARCHIVE,
    REQUESTS_PUT_GLACIER,
    REQUESTS_PUT_GLACIER_IR,
    REQUESTS_PUT_INTELLIGENT_TIERING,
    REQUESTS_PUT_ONEZONE_IA,
    REQUESTS_PUT_STANDARD,
    REQUESTS_PUT_STANDARD_IA,
    RESTORE_REQUEST_DEEP_ARCHIVE_BULK,
    RESTORE_REQUEST_DEEP_ARCHIVE_STANDARD,
    RESTORE_REQUEST_GLACIER_BULK,
    RESTORE_REQUEST_GLACIER_EXPEDITED,
    RESTORE_REQUEST_GLACIER_STANDARD,
    RESTORE_RETRIEVAL_DEEP_ARCHIVE_BULK,
    RESTORE_RETRIEVAL_DEEP_ARCHIVE_STANDARD,
    RESTORE_RETRIEVAL_GLACIER_BULK,
    RESTORE_RETRIEVAL_GLACIER_EXPEDITED,
    RESTORE_RETRIEVAL_GLACIER_STANDARD,
    RETRIEVAL_GLACIER_IR,
    RETRIEVAL_ONEZONE_IA,
    RETRIEVAL_STANDARD_IA,
    STORAGE_DEEP_ARCHIVE,
    STORAGE_GLACIER,
    STORAGE_GLACIER_IR,
    STORAGE_INTELLIGENT_TIERING_ARCHIVE_INSTANT,
    STORAGE_INTELLIGENT_TIERING_FREQUENT,
    STORAGE_INTELLIGENT_TIERING_INFREQUENT,
    STORAGE_ONEZONE_IA,
    STORAGE_STANDARD,
    STORAGE_STANDARD_IA,
    TRANSITION_DEEP_ARCHIVE,
    TRANSITION_GLACIER,
    TRANSITION_GLACIER_IR,
    TRANSITION_INTELLIGENT_TIERING,
    TRANSITION_ONEZONE_IA,
    TRANSITION_STANDARD_IA,
];

/// The storage price of a class; INTELLIGENT_TIERING is priced per access tier
/// ([`it_storage`]).
pub fn storage(c: StorageClass) -> Option<&'static PriceKey> {
    Some(match c {
        Standard => &STORAGE_STANDARD,
        IntelligentTiering => return None,
        StandardIa => &STORAGE_STANDARD_IA,
        OnezoneIa => &STORAGE_ONEZONE_IA,
        GlacierIr => &STORAGE_GLACIER_IR,
        Glacier => &STORAGE_GLACIER,
        DeepArchive => &STORAGE_DEEP_ARCHIVE,
    })
}

/// INTELLIGENT_TIERING storage of one access tier.
pub fn it_storage(t: ItTier) -> &'static PriceKey {
    match t {
        ItTier::Frequent => &STORAGE_INTELLIGENT_TIERING_FREQUENT,
        ItTier::Infrequent => &STORAGE_INTELLIGENT_TIERING_INFREQUENT,
        ItTier::ArchiveInstant => &STORAGE_INTELLIGENT_TIERING_ARCHIVE_INSTANT,
    }
}

/// PUT, COPY, POST and LIST requests to a class.
pub fn put(c: StorageClass) -> &'static PriceKey {
    match c {
        Standard => &REQUESTS_PUT_STANDARD,
        IntelligentTiering => &REQUESTS_PUT_INTELLIGENT_TIERING,
        StandardIa => &REQUESTS_PUT_STANDARD_IA,
        OnezoneIa => &REQUESTS_PUT_ONEZONE_IA,
        GlacierIr => &REQUESTS_PUT_GLACIER_IR,
        Glacier => &REQUESTS_PUT_GLACIER,
        DeepArchive => &REQUESTS_PUT_DEEP_ARCHIVE,
    }
}

/// GET and SELECT requests to a class.
pub fn get(c: StorageClass) -> &'static PriceKey {
    match c {
        Standard => &REQUESTS_GET_STANDARD,
        IntelligentTiering => &REQUESTS_GET_INTELLIGENT_TIERING,
        StandardIa => &REQUESTS_GET_STANDARD_IA,
        OnezoneIa => &REQUESTS_GET_ONEZONE_IA,
        GlacierIr => &REQUESTS_GET_GLACIER_IR,
        Glacier => &REQUESTS_GET_GLACIER,
        DeepArchive => &REQUESTS_GET_DEEP_ARCHIVE,
    }
}

/// The per-GB retrieval fee of the classes read in place that charge one.
pub fn retrieval(c: StorageClass) -> Option<&'static PriceKey> {
    match c {
        StandardIa => Some(&RETRIEVAL_STANDARD_IA),
        OnezoneIa => Some(&RETRIEVAL_ONEZONE_IA),
        GlacierIr => Some(&RETRIEVAL_GLACIER_IR),
        _ => None,
    }
}

/// Lifecycle transition requests into a class.
pub fn transition(c: StorageClass) -> Option<&'static PriceKey> {
    Some(match c {
        Standard => return None,
        IntelligentTiering => &TRANSITION_INTELLIGENT_TIERING,
        StandardIa => &TRANSITION_STANDARD_IA,
        OnezoneIa => &TRANSITION_ONEZONE_IA,
        GlacierIr => &TRANSITION_GLACIER_IR,
        Glacier => &TRANSITION_GLACIER,
        DeepArchive => &TRANSITION_DEEP_ARCHIVE,
    })
}

/// The minimum-duration charge of a class that has one.
pub fn early_delete(c: StorageClass) -> Option<&'static PriceKey> {
    Some(match c {
        Standard | IntelligentTiering => return None,
        StandardIa => &EARLY_DELETE_STANDARD_IA,
        OnezoneIa => &EARLY_DELETE_ONEZONE_IA,
        GlacierIr => &EARLY_DELETE_GLACIER_IR,
        Glacier => &EARLY_DELETE_GLACIER,
        DeepArchive => &EARLY_DELETE_DEEP_ARCHIVE,
    })
}

/// Restore requests and restored GB of an archive class at a retrieval tier
/// (DEEP_ARCHIVE has no expedited tier).
pub fn restore(c: StorageClass, t: RestoreTier) -> Option<(&'static PriceKey, &'static PriceKey)> {
    Some(match (c, t) {
        (Glacier, RestoreTier::Expedited) => (
            &RESTORE_REQUEST_GLACIER_EXPEDITED,
            &RESTORE_RETRIEVAL_GLACIER_EXPEDITED,
        ),
        (Glacier, RestoreTier::Standard) => (
            &RESTORE_REQUEST_GLACIER_STANDARD,
            &RESTORE_RETRIEVAL_GLACIER_STANDARD,
        ),
        (Glacier, RestoreTier::Bulk) => (
            &RESTORE_REQUEST_GLACIER_BULK,
            &RESTORE_RETRIEVAL_GLACIER_BULK,
        ),
        (DeepArchive, RestoreTier::Standard) => (
            &RESTORE_REQUEST_DEEP_ARCHIVE_STANDARD,
            &RESTORE_RETRIEVAL_DEEP_ARCHIVE_STANDARD,
        ),
        (DeepArchive, RestoreTier::Bulk) => (
            &RESTORE_REQUEST_DEEP_ARCHIVE_BULK,
            &RESTORE_RETRIEVAL_DEEP_ARCHIVE_BULK,
        ),
        _ => return None,
    })
}
