//! The price keys of Athena SQL queries (Athena pricing page: per TB scanned).
//! Each is declared once, with the Price List product that prices it in every region
//! (see [`crate::pricing::spec`]); the model prices through these constants, so a
//! misspelt key does not compile.

use crate::pricing::spec::PriceKey;

pub const SQL_SCANNED: PriceKey = PriceKey::list(
    "athena.sql.scanned",
    "AmazonAthena",
    "DataScannedInTB",
    "Terabytes",
)
.family("Athena Queries")
.prefixed_in_us_east_1();

/// Every key of this service.
pub const ALL: &[PriceKey] = &[SQL_SCANNED];
