//! lakecost: cost and capacity planning for AWS data lakes.
//!
//! The pipeline is one-way: a [`scenario::Scenario`] (parsed and checked) and a
//! [`pricing::PriceBook`] go into the [`model`]s, which return an
//! [`model::Estimate`]; [`report::Report`] turns that into one value that every
//! renderer (table, JSON, CSV) draws.
//!
//! ```no_run
//! let text = std::fs::read_to_string("scenarios/1tb-day.yaml").unwrap();
//! let scenario = lakecost::scenario::load_str(&text).unwrap();
//! let book = lakecost::pricing::PriceBook::bundled().unwrap();
//! let estimate = lakecost::model::estimate(&scenario, &book).unwrap();
//! let report = lakecost::report::Report::new(&scenario, &book, &estimate);
//! println!("{}", lakecost::report::table::render(&report));
//! ```

pub mod aws;
pub mod calibrate;
pub mod edited;
pub mod files;
pub mod model;
pub mod optimize;
pub mod pricing;
pub mod reconcile;
pub mod regions;
pub mod report;
pub mod scenario;
pub mod sweep;
pub mod text;
pub mod uncertainty;
pub mod units;
