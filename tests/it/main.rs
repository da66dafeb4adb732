//! lakecost's integration tests, one binary (one link of the library and the AWS SDK
//! instead of one per file): the CLI and its snapshots, the models against
//! hand-computed bills, the AWS stand-ins, the fuzz harness and the region sweep.
//! `cargo test --test it MODULE` runs one file's tests, e.g. `cargo test --test it fuzz`.

mod support;

mod calibrate;
mod charts;
mod cli;
mod closed_form;
mod file_safety;
mod focus;
mod follows_data;
mod fuzz;
mod live_pricing;
mod offer_files;
mod optimize;
mod processing;
mod properties;
mod recompute_1tb_day;
mod reconcile;
mod regions;
mod s3_billing;
mod schema;
mod streaming;
mod uncertainty;
mod warehouse;
