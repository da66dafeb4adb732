//! `lakecost diff`: what a change to a scenario does to the bill: BASE.yaml against NEW.yaml.

use super::*;

#[derive(clap::Args)]
pub struct Args {
    base: PathBuf,
    new: PathBuf,
    #[command(flatten)]
    output: OutputArgs,
    #[arg(long, value_name = "DIR")]
    pricing: Option<PathBuf>,
    /// Override a key of NEW for the comparison (repeatable): `lakecost diff s.yaml
    /// s.yaml --set ingest.per_day="2 TB"` asks what doubling ingest does.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    set: Vec<Override>,
}

pub fn run(args: Args) -> Result<ExitCode, Failure> {
    let Args {
        base,
        new,
        output,
        pricing,
        set,
    } = args;
    let pricing = pricing.map(|p| p.display().to_string());
    let api = ApiArgs::offline();
    let diff = report::diff::Diff::new(
        &super::estimate::estimate_file(&base, pricing.as_deref(), &api, &[], None, false)?.1,
        &super::estimate::estimate_file(&new, pricing.as_deref(), &api, &set, None, false)?.1,
    );
    let text = match output.format {
        Format::Table => report::diff::render_table(&diff, output.table_width()),
        Format::Json => report::diff::render_json(&diff),
        Format::Csv => report::diff::render_csv(&diff),
        Format::Focus => return Err(focus_only()),
        Format::Markdown => report::diff::render_markdown(&diff),
    };
    emit(&text, output.out.as_deref(), None, &[&base, &new])
}
