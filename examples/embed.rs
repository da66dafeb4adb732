//! Builds a scenario in code, prices it with the bundled snapshot and prints the
//! report: the library API a planning tool or notebook would embed.
//!
//! cargo run --example embed

use lakecost::model;
use lakecost::pricing::PriceBook;
use lakecost::report::{Report, table};
use lakecost::scenario::{Ingest, Layer, Scenario, StorageClass};
use lakecost::units::{Bytes, Fraction};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let raw = Layer::new("raw", Fraction::ONE, Bytes::from_gib(0.25))
        .with_lifecycle(&[
            (30, StorageClass::StandardIa),
            (180, StorageClass::DeepArchive),
        ])
        .expiring_after(3 * 365);
    let mut scenario = Scenario::new("Embedded example, 500 GB/day", "us-west-2", 12);
    scenario.ingest = Ingest {
        per_day: Bytes::from_gib(500.0),
        growth_per_month: Fraction(0.02),
    };
    scenario.layers.push(raw);

    let book = PriceBook::bundled()?;
    let estimate = model::estimate(&scenario, &book)?;
    let report = Report::new(&scenario, &book, &estimate);
    println!("{}", table::render(&report));
    let steady = estimate.steady_state.as_ref().map(|m| m.total().value());
    println!("steady state: {steady:?} USD/month");
    Ok(())
}
