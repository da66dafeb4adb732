//! `lakecost optimize`: cheaper designs for the same workload, verified by pricing their edits.

use super::*;

#[derive(clap::Args)]
pub struct Args {
    /// The scenario file (YAML, see docs/scenario-format.md).
    file: PathBuf,
    /// Which figure to lower: the steady-state monthly bill, or the horizon total.
    #[arg(long, value_enum, default_value_t = MetricArg::Steady)]
    objective: MetricArg,
    /// List and apply at most N changes (the largest savings).
    #[arg(long, value_name = "N")]
    max_changes: Option<usize>,
    /// Search only these families of moves (repeatable or comma-separated codes,
    /// `LC-OPT-001`…; `lakecost explain --list` lists them).
    #[arg(long, value_name = "CODE", value_delimiter = ',', value_parser = move_code)]
    only: Vec<&'static str>,
    /// Do not search these families of moves.
    #[arg(long, value_name = "CODE", value_delimiter = ',', value_parser = move_code)]
    skip: Vec<&'static str>,
    #[command(flatten)]
    output: ScenarioOutput,
}

/// A family of moves by its code, or what the codes are (and the closest one).
fn move_code(code: &str) -> Result<&'static str, String> {
    use lakecost::optimize::moves::{MOVES, find};
    find(code).map(|m| m.code).ok_or_else(|| {
        let codes = MOVES.iter().map(|m| m.code);
        let hint = lakecost::scenario::closest(&code.to_ascii_uppercase(), codes.clone())
            .map(|c| format!(" (did you mean `{c}`?)"))
            .unwrap_or_default();
        format!(
            "unknown move `{code}`{hint}; the moves are {}",
            codes.collect::<Vec<_>>().join(", ")
        )
    })
}

pub fn run(args: Args) -> Result<ExitCode, Failure> {
    let Args {
        file,
        objective,
        max_changes,
        only,
        skip,
        output,
    } = args;
    let (scenario, book, text) = output.read(&file)?;
    let name = file.display().to_string();
    let options = lakecost::optimize::Options {
        metric: objective.metric(),
        max_changes,
        only,
        skip,
    };
    let plan = lakecost::optimize::optimize(&text, &book, options).map_err(|e| match e {
        lakecost::optimize::OptimizeError::Estimate(EstimateError::Rejected(found)) => {
            BadInput(findings_text(&found, &name))
        }
        e => BadInput(format!("error: {name}: {e}\n")),
    })?;
    let provenance = report::PricingInfo::new(&book, &scenario.region, 0.0).provenance();
    let rendered = match output.output.format {
        Format::Table => {
            report::optimize::render_table(&plan, &provenance, output.output.table_width())
        }
        Format::Json => report::optimize::render_json(&plan, &provenance),
        Format::Csv => report::optimize::render_csv(&plan),
        Format::Focus => return Err(focus_only()),
        Format::Markdown => report::optimize::render_markdown(&plan, &provenance),
    };
    output.emit(&file, &rendered, &plan.written)
}
