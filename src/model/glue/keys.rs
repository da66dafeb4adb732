//! The price keys of AWS Glue ETL, crawlers and the Data Catalog (Glue pricing page).
//! Each is declared once, with the Price List product that prices it in every region
//! (see [`crate::pricing::spec`]); the model prices through these constants, so a
//! misspelt key does not compile.

use crate::pricing::spec::PriceKey;

pub const CATALOG_REQUESTS: PriceKey = PriceKey::list(
    "glue.catalog.requests",
    "AWSGlue",
    "Catalog-Request",
    "Requests",
)
.family("AWS Glue")
.prefixed_in_us_east_1();

pub const CATALOG_STORAGE: PriceKey = PriceKey::list(
    "glue.catalog.storage",
    "AWSGlue",
    "Catalog-Storage",
    "Objects",
)
.family("AWS Glue")
.prefixed_in_us_east_1();

pub const CRAWLER: PriceKey =
    PriceKey::list("glue.crawler", "AWSGlue", "Crawler-DPU-Hour", "DPU-Hour")
        .family("AWS Glue")
        .prefixed_in_us_east_1()
        .operation("CrawlerRun");

pub const ETL_FLEX: PriceKey =
    PriceKey::list("glue.etl.flex", "AWSGlue", "ETL-Flex-DPU-Hour", "DPU-Hour")
        .family("AWS Glue")
        .prefixed_in_us_east_1()
        .operation("Jobrun");

pub const ETL_STANDARD: PriceKey =
    PriceKey::list("glue.etl.standard", "AWSGlue", "ETL-DPU-Hour", "DPU-Hour")
        .family("AWS Glue")
        .prefixed_in_us_east_1()
        .operation("Jobrun");

/// Memory-optimised (R-type) workers: no capture holds their DPU-hour rate yet.
pub const ETL_MEMORY_OPTIMIZED: PriceKey =
    PriceKey::unlisted("glue.etl.memory_optimized", "AWSGlue", "DPU-Hour");

/// Memory-optimised workers under Flex: no capture holds this rate yet.
pub const ETL_MEMORY_OPTIMIZED_FLEX: PriceKey =
    PriceKey::unlisted("glue.etl.memory_optimized_flex", "AWSGlue", "DPU-Hour");

/// Every key of this service.
pub const ALL: &[PriceKey] = &[
    CATALOG_REQUESTS,
    CATALOG_STORAGE,
    CRAWLER,
    ETL_FLEX,
    ETL_STANDARD,
    ETL_MEMORY_OPTIMIZED,
    ETL_MEMORY_OPTIMIZED_FLEX,
];
