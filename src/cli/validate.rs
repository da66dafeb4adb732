//! `lakecost validate`: the findings of a scenario, without pricing it.

use super::*;

#[derive(clap::Args)]
pub struct Args {
    /// The scenario file (YAML, see docs/scenario-format.md).
    file: PathBuf,
    /// Exit 1 when there are warnings.
    #[arg(long)]
    strict: bool,
    #[arg(long, value_name = "DIR")]
    pricing: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode, Failure> {
    let Args {
        file,
        strict,
        pricing,
    } = args;
    let pricing = pricing.map(|p| p.display().to_string());
    let (scenario, book) = load(&file, pricing.as_deref(), &ApiArgs::offline(), &[])?;
    let name = file.display().to_string();
    let findings =
        model::check(&scenario, &book).map_err(|e| BadInput(format!("error: {name}: {e}\n")))?;
    let errors = findings.iter().any(|f| f.severity == Severity::Error);
    stdout(&findings_text(&findings, &name))?;
    Ok(if errors {
        ExitCode::from(2)
    } else if strict && !findings.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
