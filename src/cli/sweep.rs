//! `lakecost sweep`: the bill over a grid of one or two inputs.

use super::*;

#[derive(clap::Args)]
pub struct Args {
    /// The scenario file (YAML, see docs/scenario-format.md).
    file: PathBuf,
    /// KEY=FROM..TO[:STEPS|*FACTOR] (one or two).
    #[arg(long, required = true, value_name = "KEY=FROM..TO[:STEPS|*FACTOR]")]
    vary: Vec<lakecost::sweep::Vary>,
    #[command(flatten)]
    output: OutputArgs,
    #[arg(long = "set", value_name = "KEY=VALUE")]
    set: Vec<Override>,
    #[arg(long, value_name = "DIR")]
    pricing: Option<PathBuf>,
    #[command(flatten)]
    charts: ChartArgs,
}

pub fn run(args: Args) -> Result<ExitCode, Failure> {
    let Args {
        file,
        vary,
        output,
        set,
        pricing,
        charts,
    } = args;
    if vary.len() > 2 {
        return Err(BadInput("error: sweep varies one or two keys\n".into()).into());
    }
    let pricing = pricing.map(|p| p.display().to_string());
    // Loading the file as written checks it, and gives its region's prices.
    let (_, book, text) = load_with_text(&file, pricing.as_deref(), &ApiArgs::offline(), &set)?;
    let name = file.display().to_string();
    let swept = lakecost::sweep::run(&text, &vary, &book, &set).map_err(|e| match e {
        lakecost::sweep::SweepError::Scenario(m) => BadInput(m),
        lakecost::sweep::SweepError::Estimate(m) => BadInput(format!("error: {name}: {m}\n")),
    })?;
    let text = match output.format {
        Format::Table => report::sweep::render_table(&swept, output.table_width()),
        Format::Json => report::sweep::render_json(&swept),
        Format::Csv => report::sweep::render_csv(&swept),
        Format::Focus => return Err(focus_only()),
        Format::Markdown => report::sweep::render_markdown(&swept),
    };
    let charts = charts.draw(|f| report::chart::sweep_charts(&swept, f))?;
    emit(&text, output.out.as_deref(), charts, &[&file])
}
