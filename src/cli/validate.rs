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
    /// Report prices the snapshot lacks for this scenario as a note, not an error.
    #[arg(long)]
    allow_missing: bool,
    /// Override a scenario key for this run (repeatable), as `estimate --set` does.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    set: Vec<Override>,
}

pub fn run(args: Args) -> Result<ExitCode, Failure> {
    let Args {
        file,
        strict,
        pricing,
        allow_missing,
        set,
    } = args;
    let pricing = pricing.map(|p| p.display().to_string());
    let (scenario, book) = load(&file, pricing.as_deref(), &ApiArgs::offline(), &set)?;
    let name = file.display().to_string();
    let checked = |s: &Scenario| {
        model::check(s, &book).map_err(|e| BadInput(format!("error: {name}: {e}\n")))
    };
    let mut findings = checked(&scenario)?;
    if !set.is_empty() {
        // Positions point into the file as written; what only the overrides raise says so.
        let (as_written, _) = load(&file, pricing.as_deref(), &ApiArgs::offline(), &[])?;
        findings = naming_overrides(findings, &checked(&as_written)?, &set);
    }
    let errors = findings.iter().any(|f| f.severity == Severity::Error);
    stdout(&findings_text(&findings, &name))?;
    // Every price an estimate would need and the snapshot lacks, named at once (a
    // scenario with errors is not priced, so it has none to name).
    let missing = model::fill_gaps(&scenario, &book).map_or(Vec::new(), |(_, m)| m);
    if !missing.is_empty() {
        let e = lakecost::pricing::PricingError::MissingMany(missing);
        if !allow_missing {
            return Err(BadInput(format!("error: {name}: {e}\n")).into());
        }
        eprintln!("note: {name}: {e}");
    }
    Ok(if errors {
        ExitCode::from(2)
    } else if strict && !findings.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
