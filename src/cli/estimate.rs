//! `lakecost estimate`: estimate capacity and cost month by month and at steady state.

use super::*;

#[derive(clap::Args)]
pub struct Args {
    /// The scenario file (YAML, see docs/scenario-format.md).
    file: PathBuf,
    #[command(flatten)]
    report: ReportArgs,
    #[command(flatten)]
    sampling: SamplingArgs,
    /// With `--format focus`: the calendar month of the horizon's month 1, YYYY-MM
    /// (FOCUS rows are dated), else the scenario's `start:`.
    #[arg(long, value_name = "YYYY-MM")]
    start: Option<String>,
}

pub fn run(args: Args) -> Result<ExitCode, Failure> {
    let Args {
        file,
        report: opts,
        sampling,
        start,
    } = args;
    let ReportArgs { set, api, .. } = &opts;
    let (out, pricing) = (opts.output.out.as_deref(), opts.pricing.as_deref());
    let name = file.display().to_string();
    let (scenario, report) =
        estimate_file(&file, pricing, api, set, Some(sampling), opts.allow_missing)?;
    let charts = opts
        .charts
        .draw(|f| report::chart::estimate_charts(&report, f))?;
    let text = match opts.output.format {
        Format::Table => {
            report::table::render_for_file(&report, Some(&name), opts.output.table_width())
        }
        Format::Json => report::json::render(&report),
        Format::Csv => report::csv::render(&report),
        Format::Markdown => report::markdown::render(&report, &chart_links(charts.as_ref(), out)),
        Format::Focus => {
            let start = match (start, scenario.start) {
                (Some(s), _) => super::reconcile::month_arg("--start", &s)?,
                (None, Some(s)) => s,
                (None, None) => {
                    return Err(BadInput(
                        "error: --format focus: say when the horizon starts: --start YYYY-MM, or `start:` in the scenario (FOCUS rows are dated)\n".into(),
                    )
                    .into());
                }
            };
            let rows = report::focus::rows(&report, &scenario.bindings, start);
            if let Some(path) = out.filter(|p| p.extension().is_some_and(|e| e == "parquet")) {
                let bytes = report::focus::render_parquet(&rows)
                    .map_err(|e| Failure::Other(anyhow::anyhow!("writing Parquet: {e}")))?;
                return emit_with("", None, charts, Some((path, &bytes)), &[&file]);
            }
            report::focus::render_csv(&rows)
        }
    };
    emit(&text, out, charts, &[&file])
}

/// Loads, checks and estimates one scenario file into its report (with the scenario it
/// is of); with `sampling`, an uncertain scenario's percentiles join it (without, its
/// medians are priced).
pub(super) fn estimate_file(
    file: &Path,
    pricing: Option<&str>,
    api: &ApiArgs,
    set: &[Override],
    sampling: Option<SamplingArgs>,
    allow_missing: bool,
) -> Result<(Scenario, Report), Failure> {
    let (scenario, book, e, _) = estimated(file, pricing, api, set, allow_missing)?;
    let name = file.display().to_string();
    let failed = |e: EstimateError| estimate_failed(e, &name);
    let mut report = Report::new(&scenario, &book, &e);
    report.pricing.snapshot_age_days = snapshot_age(&book);
    if let Some(n) = sampling.as_ref().and_then(|s| s.samples)
        && scenario.uncertainty.is_none()
    {
        eprintln!(
            "note: {name}: --samples {n} has nothing to sample: the scenario states no range (docs/uncertainty.md)"
        );
    }
    if let (Some(u), Some(sampling)) = (&scenario.uncertainty, sampling) {
        let options = sampling.options();
        let bar = Progress::new(options.samples.unwrap_or(u.samples));
        let run = lakecost::uncertainty::run(&scenario, u, &book, options, &|| bar.tick());
        bar.finish();
        report.uncertainty = Some(run.map_err(failed)?);
    }
    Ok((scenario, report))
}

/// A scenario file loaded, checked and estimated: the scenario, its prices (with
/// stand-ins for missing ones under `--allow-missing`), the estimate, and the text as
/// read (once: standard input cannot be read again).
pub(super) fn estimated(
    file: &Path,
    pricing: Option<&str>,
    api: &ApiArgs,
    set: &[Override],
    allow_missing: bool,
) -> Result<(Scenario, PriceBook, model::Estimate, String), Failure> {
    let (scenario, book, text) = load_with_text(file, pricing, api, set)?;
    let name = file.display().to_string();
    let failed = |e: EstimateError| estimate_failed(e, &name);
    // With --allow-missing, what the book lacks is stood in for and listed, not fatal.
    let book = if allow_missing {
        model::fill_gaps(&scenario, &book).map_err(failed)?.0
    } else {
        book
    };
    let e = model::estimate(&scenario, &book).map_err(failed)?;
    Ok((scenario, book, e, text))
}

/// An estimate that could not be made, as the failure the CLI reports (exit 2).
fn estimate_failed(e: EstimateError, name: &str) -> Failure {
    match e {
        EstimateError::Rejected(findings) => BadInput(findings_text(&findings, name)).into(),
        e => BadInput(format!("error: {name}: {e}\n")).into(),
    }
}

/// A progress bar on standard error for sampling runs that take over a second; silent
/// when standard error is not a terminal.
struct Progress {
    bar: indicatif::ProgressBar,
    started: std::time::Instant,
    shown: std::sync::atomic::AtomicBool,
}

impl Progress {
    fn new(total: usize) -> Progress {
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(total as u64),
            indicatif::ProgressDrawTarget::hidden(),
        );
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "sampling {bar:40} {pos}/{len} samples, {eta} left",
            )
            .expect("a fixed template"),
        );
        Progress {
            bar,
            started: std::time::Instant::now(),
            shown: std::sync::atomic::AtomicBool::new(false),
        }
    }

    fn tick(&self) {
        use std::io::IsTerminal;
        use std::sync::atomic::Ordering;
        self.bar.inc(1);
        if self.started.elapsed().as_secs_f64() > 1.0
            && std::io::stderr().is_terminal()
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
