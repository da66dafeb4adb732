//! Work tied to the data it reads (`input:`, `table:`): a job, function or query that
//! names an S3 layer, so that its input follows the layer month by month — with growth,
//! `--set`, `sweep`, distributions and `optimize` — instead of a fixed figure
//! (`docs/scenario-format.md`, "Work that follows a layer").

use super::check::{ScenarioError, closest, loc};
use super::{Layer, Loc};
use crate::units::Fraction;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// A share of one layer's data: its daily writes (a job's input, a function's objects)
/// or its stored objects (a table a query scans).
#[derive(Clone, Debug, PartialEq)]
pub struct LayerInput {
    pub layer: String,
    pub share: Fraction,
    pub loc: Option<Loc>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLayerInput {
    #[schemars(with = "String")]
    pub layer: Spanned<String>,
    #[schemars(with = "Option<Fraction>")]
    pub share: Option<Spanned<Fraction>>,
}

/// The layer named (one of `layers`, with the closest name suggested) and a share in
/// (0, 100 %], 100 % when not given.
pub(super) fn check(
    field: &str,
    raw: &RawLayerInput,
    layers: &[Layer],
) -> Result<LayerInput, ScenarioError> {
    let name = raw.layer.value.trim();
    if !layers.iter().any(|l| l.name == name) {
        return Err(ScenarioError::at(
            loc(&raw.layer),
            format!("{field}.layer"),
            format!("no layer is named `{name}`"),
        )
        .suggest(closest(name, layers.iter().map(|l| l.name.as_str()))));
    }
    let share = match &raw.share {
        None => Fraction(1.0),
        Some(s) if s.value.value() > 0.0 && s.value.value() <= 1.0 => s.value,
        Some(s) => {
            return Err(ScenarioError::at(
                loc(s),
                format!("{field}.share"),
                format!(
                    "expected a share of the layer above 0% and at most 100%, found {}%",
                    s.value.value() * 100.0
                ),
            ));
        }
    };
    Ok(LayerInput {
        layer: name.to_string(),
        share,
        loc: loc(&raw.layer),
    })
}
