//! A scenario's text after edits, loaded, checked and priced again as `estimate`
//! would: how `optimize` proves a proposal and `calibrate` prices what an observed
//! value does to the bill.

use crate::model::{self, Estimate, EstimateError, MonthBill};
use crate::pricing::PriceBook;
use crate::scenario::{self, Scenario};
use crate::units::Usd;
use serde::Serialize;

/// The bill's two figures.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Totals {
    /// The steady-state month (`None` for a lake that keeps data forever).
    pub monthly_usd: Option<Usd>,
    pub horizon_usd: Usd,
}

/// A scenario priced whole, with its findings.
pub struct Priced {
    pub estimate: Estimate,
}

impl Priced {
    pub fn of(s: &Scenario, book: &PriceBook) -> Result<Priced, EstimateError> {
        Ok(Priced {
            estimate: model::estimate(s, book)?,
        })
    }

    /// The text loaded, checked and priced as `estimate` would; an error says why not.
    pub fn of_text(text: &str, book: &PriceBook) -> Result<Priced, String> {
        let s =
            scenario::load_str(text).map_err(|e| format!("the edited file does not load: {e}"))?;
        Priced::of(&s, book).map_err(|e| match e {
            EstimateError::Rejected(found) => format!(
                "the edited file has errors: {}",
                found.iter().map(|f| f.code).collect::<Vec<_>>().join(", ")
            ),
            e => e.to_string(),
        })
    }

    pub fn totals(&self) -> Totals {
        Totals {
            monthly_usd: self
                .estimate
                .steady_state
                .as_ref()
                .ok()
                .map(MonthBill::total),
            horizon_usd: self.estimate.horizon_total(),
        }
    }
}
