//! The `lakecost` command: parses arguments, calls the library, maps errors to exit
//! codes (0 fine, 1 warnings under `--strict` or a failure to write, 2 bad input).

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use lakecost::model::{self, EstimateError, Finding, Severity};
use lakecost::pricing::{self, PriceBook};
use lakecost::report::chart::ChartFormat;
use lakecost::report::{self, Report};
use lakecost::scenario::{self, Scenario};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Cost and capacity planner for AWS data lakes.
#[derive(Parser)]
#[command(name = "lakecost", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Estimate capacity and cost month by month and at steady state.
    Estimate {
        /// The scenario file (YAML, see docs/scenario-format.md).
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Write the report to this file (atomically) instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Read prices from this snapshot directory instead of the bundled one.
        #[arg(long, value_name = "DIR")]
        pricing: Option<PathBuf>,
        #[command(flatten)]
        charts: ChartArgs,
    },
    /// Compare Glue, EMR on EC2 and EMR Serverless for the scenario's workloads.
    Compare {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Write the report to this file (atomically) instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long, value_name = "DIR")]
        pricing: Option<PathBuf>,
        #[command(flatten)]
        charts: ChartArgs,
    },
    /// What a change to a scenario does to the bill: BASE.yaml against NEW.yaml.
    Diff {
        base: PathBuf,
        new: PathBuf,
        #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
        format: DiffFormat,
        /// Write the diff to this file (atomically) instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long, value_name = "DIR")]
        pricing: Option<PathBuf>,
    },
    /// Check a scenario: print findings only.
    Validate {
        file: PathBuf,
        /// Exit 1 when there are warnings.
        #[arg(long)]
        strict: bool,
        #[arg(long, value_name = "DIR")]
        pricing: Option<PathBuf>,
    },
    /// Explain a finding code, e.g. `lakecost explain LC-S3-001`.
    Explain { code: String },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
    Csv,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Table,
    Json,
    Markdown,
}

#[derive(clap::Args)]
struct ChartArgs {
    /// Write charts into this directory.
    #[arg(long, value_name = "DIR")]
    chart: Option<PathBuf>,
    /// Chart file format.
    #[arg(long, value_enum, default_value_t = ChartKind::Svg)]
    chart_format: ChartKind,
}

#[derive(Clone, Copy, ValueEnum)]
enum ChartKind {
    Svg,
    Png,
}

impl From<ChartKind> for ChartFormat {
    fn from(k: ChartKind) -> Self {
        match k {
            ChartKind::Svg => ChartFormat::Svg,
            ChartKind::Png => ChartFormat::Png,
        }
    }
}

/// Bad input: exit 2 with a message already formatted for the user.
struct BadInput(String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure::BadInput(msg)) => {
            eprint!("{msg}");
            ExitCode::from(2)
        }
        Err(Failure::Other(e)) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

enum Failure {
    BadInput(String),
    Other(anyhow::Error),
}

impl From<BadInput> for Failure {
    fn from(b: BadInput) -> Self {
        Failure::BadInput(b.0)
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Other(e)
    }
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Estimate {
            file,
            format,
            out,
            pricing,
            charts,
        } => {
            let name = file.display().to_string();
            let report = estimate_file(&file, pricing.as_deref())?;
            let chart_files = match &charts.chart {
                Some(dir) => {
                    report::chart::estimate_charts(&report, dir, charts.chart_format.into())
                        .with_context(|| format!("writing charts into {}", dir.display()))?
                }
                None => Vec::new(),
            };
            let text = match format {
                Format::Table => report::table::render_for_file(&report, Some(&name)),
                Format::Json => report::json::render(&report),
                Format::Csv => report::csv::render(&report),
                Format::Markdown => {
                    report::markdown::render(&report, &chart_links(&chart_files, out.as_deref()))
                }
            };
            emit(out.as_deref(), &text)
        }
        Command::Compare {
            file,
            format,
            out,
            pricing,
            charts,
        } => {
            let (scenario, book) = load(&file, pricing.as_deref())?;
            let name = file.display().to_string();
            let warehouses_paired = scenario.redshift.clusters.iter().any(|c| {
                scenario
                    .redshift
                    .serverless
                    .iter()
                    .any(|w| w.data == c.data)
            });
            if scenario.workloads.is_empty() && !warehouses_paired {
                return Err(BadInput(format!(
                    "error: {name}: nothing to compare: give `workloads`, or a Redshift cluster and a Serverless workgroup over the same data; see docs/compare.md\n"
                ))
                .into());
            }
            let findings = model::check(&scenario, &book)
                .map_err(|e| BadInput(format!("error: {name}: {e}\n")))?;
            if findings.iter().any(|f| f.severity == Severity::Error) {
                return Err(BadInput(findings_text(&findings, &name)).into());
            }
            let failed =
                |e: lakecost::pricing::PricingError| BadInput(format!("error: {name}: {e}\n"));
            let compared = model::compare::compare(&scenario, &book).map_err(failed)?;
            let stored = model::layer_storage_at_end(&scenario);
            let warehouses =
                model::compare::compare_warehouses(&scenario, &book, &stored).map_err(failed)?;
            let report =
                report::compare::CompareReport::new(&scenario, &book, compared, warehouses);
            let chart_files = match &charts.chart {
                Some(dir) => {
                    report::chart::compare_charts(&report, dir, charts.chart_format.into())
                        .with_context(|| format!("writing charts into {}", dir.display()))?
                }
                None => Vec::new(),
            };
            let text = match format {
                Format::Table => report::compare::render_table(&report),
                Format::Json => report::compare::render_json(&report),
                Format::Csv => report::compare::render_csv(&report),
                Format::Markdown => report::compare::render_markdown(
                    &report,
                    &chart_links(&chart_files, out.as_deref()),
                ),
            };
            emit(out.as_deref(), &text)
        }
        Command::Diff {
            base,
            new,
            format,
            out,
            pricing,
        } => {
            let diff = report::diff::Diff::new(
                &estimate_file(&base, pricing.as_deref())?,
                &estimate_file(&new, pricing.as_deref())?,
            );
            let text = match format {
                DiffFormat::Table => report::diff::render_table(&diff),
                DiffFormat::Json => report::diff::render_json(&diff),
                DiffFormat::Markdown => report::diff::render_markdown(&diff),
            };
            emit(out.as_deref(), &text)
        }
        Command::Validate {
            file,
            strict,
            pricing,
        } => {
            let (scenario, book) = load(&file, pricing.as_deref())?;
            let name = file.display().to_string();
            let findings = model::check(&scenario, &book)
                .map_err(|e| BadInput(format!("error: {name}: {e}\n")))?;
            print!("{}", findings_text(&findings, &name));
            let errors = findings.iter().any(|f| f.severity == Severity::Error);
            Ok(if errors {
                ExitCode::from(2)
            } else if strict && !findings.is_empty() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Explain { code } => match lakecost::model::explain(&code) {
            Some(text) => {
                println!("{text}");
                Ok(ExitCode::SUCCESS)
            }
            None => Err(BadInput(format!(
                "error: unknown finding code `{code}`; codes are listed in docs/findings.md\n"
            ))
            .into()),
        },
    }
}

/// Loads, checks and estimates one scenario file into its report.
fn estimate_file(file: &Path, pricing: Option<&Path>) -> Result<Report, Failure> {
    let (scenario, book) = load(file, pricing)?;
    let name = file.display().to_string();
    match model::estimate(&scenario, &book) {
        Ok(e) => Ok(Report::new(&scenario, &book, &e)),
        Err(EstimateError::Rejected(findings)) => {
            Err(BadInput(findings_text(&findings, &name)).into())
        }
        Err(EstimateError::Pricing(e)) => Err(BadInput(format!("error: {name}: {e}\n")).into()),
    }
}

/// Chart paths as a Markdown document will link them: relative to the document's
/// directory when it is written to a file.
fn chart_links(files: &[PathBuf], out: Option<&Path>) -> Vec<String> {
    let base = out
        .and_then(Path::parent)
        .filter(|p| !p.as_os_str().is_empty());
    files
        .iter()
        .map(|f| {
            base.and_then(|b| f.strip_prefix(b).ok())
                .unwrap_or(f)
                .display()
                .to_string()
        })
        .collect()
}

/// Prints a report, or writes it atomically to `out`.
fn emit(out: Option<&Path>, text: &str) -> Result<ExitCode, Failure> {
    match out {
        Some(path) => report::write_atomic(path, text.as_bytes())
            .with_context(|| format!("writing {}", path.display()))?,
        None => print!("{text}"),
    }
    Ok(ExitCode::SUCCESS)
}

fn load(file: &Path, pricing_dir: Option<&Path>) -> Result<(Scenario, PriceBook), Failure> {
    let name = file.display().to_string();
    let text = std::fs::read_to_string(file)
        .map_err(|e| BadInput(format!("error: {name}: cannot read the scenario: {e}\n")))?;
    let scenario = scenario::load_str(&text).map_err(|e| BadInput(e.in_file(&name).to_string()))?;
    let book = match pricing_dir {
        Some(dir) => pricing::load_dir(dir),
        None => PriceBook::bundled(),
    }
    .map_err(|e| BadInput(format!("error: {e}\n")))?;
    book.covers(&scenario.region)
        .map_err(|e| BadInput(format!("error: {name}: {e}\n")))?;
    Ok((scenario, book))
}

fn findings_text(findings: &[Finding], file: &str) -> String {
    if findings.is_empty() {
        return format!("{file}: no findings\n");
    }
    let mut out = String::new();
    for f in findings {
        let sev = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let at = match f.loc {
            Some(l) => format!("{file}:{}:{}", l.line, l.column),
            None => file.to_string(),
        };
        out.push_str(&format!(
            "{sev}[{}]: {at}: layer `{}`: {}",
            f.code, f.resource, f.message
        ));
        if let Some(c) = f.monthly_cost_usd {
            out.push_str(&format!(
                " (about {}/month at steady state)",
                report::format::money(c)
            ));
        }
        out.push('\n');
    }
    out.push_str("run `lakecost explain CODE` for what a finding means and how to fix it\n");
    out
}
