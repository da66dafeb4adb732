//! `lakecost compare`: engines for the same workload, and warehouses over the same data.

use super::*;

#[derive(clap::Args)]
pub struct Args {
    /// The scenario file.
    file: PathBuf,
    #[command(flatten)]
    report: ReportArgs,
}

pub fn run(args: Args) -> Result<ExitCode, Failure> {
    let Args { file, report: opts } = args;
    let ReportArgs { set, api, .. } = &opts;
    let (out, pricing) = (opts.output.out.as_deref(), opts.pricing.as_deref());
    let (scenario, book) = load(&file, pricing, api, set)?;
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
    let findings =
        model::check(&scenario, &book).map_err(|e| BadInput(format!("error: {name}: {e}\n")))?;
    if findings.iter().any(|f| f.severity == Severity::Error) {
        return Err(BadInput(findings_text(&findings, &name)).into());
    }
    let failed = |e: lakecost::pricing::PricingError| BadInput(format!("error: {name}: {e}\n"));
    let compared = model::compare::compare(&scenario, &book).map_err(failed)?;
    let stored = model::layer_storage_at_end(&scenario);
    let warehouses =
        model::compare::compare_warehouses(&scenario, &book, &stored).map_err(failed)?;
    let mut report = report::compare::CompareReport::new(&scenario, &book, compared, warehouses);
    report.pricing.snapshot_age_days = snapshot_age(&book);
    let charts = opts
        .charts
        .draw(|f| report::chart::compare_charts(&report, f))?;
    let text = match opts.output.format {
        Format::Table => report::compare::render_table(&report, opts.output.table_width()),
        Format::Json => report::compare::render_json(&report),
        Format::Csv => report::compare::render_csv(&report),
        Format::Focus => return Err(focus_only()),
        Format::Markdown => {
            report::compare::render_markdown(&report, &chart_links(charts.as_ref(), out))
        }
    };
    emit(&text, out, charts, &[&file])
}
