//! `lakecost explain`: explain a finding code, e.g. `lakecost explain LC-S3-001`.

use super::*;

#[derive(clap::Args)]
pub struct Args {
    /// The code, e.g. LC-S3-006.
    #[arg(required_unless_present = "list")]
    code: Option<String>,
    /// Every finding code with its one-line meaning.
    #[arg(long, conflicts_with = "code")]
    list: bool,
}

pub fn run(args: Args) -> Result<ExitCode, Failure> {
    match args {
        Args { list: true, .. } => {
            let mut out = String::new();
            for (code, summary) in lakecost::model::finding_codes() {
                out.push_str(&format!("{code:<12} {summary}\n"));
            }
            for m in lakecost::optimize::moves::MOVES {
                out.push_str(&format!("{:<12} optimize: {}\n", m.code, m.summary));
            }
            stdout(&out)
        }
        Args { code, .. } => {
            let code = code.unwrap_or_default();
            let text = lakecost::model::explain(&code)
                .or_else(|| lakecost::optimize::moves::explain(&code));
            match text {
                Some(text) => stdout(&format!("{text}\n")),
                None => Err(BadInput(format!(
                    "error: unknown code `{code}`; `lakecost explain --list` lists the findings and the optimiser's moves\n"
                ))
                .into()),
            }
        }
    }
}
