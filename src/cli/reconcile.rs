//! `lakecost reconcile`: an estimate month beside what AWS billed (a CUR 2.0 or FOCUS
//! 1.2 export), with the gap explained.

use super::*;
use lakecost::reconcile::bill::{Bill, Period};

#[derive(clap::Args)]
pub struct Args {
    /// The scenario file (YAML, see docs/scenario-format.md).
    file: PathBuf,
    /// The bill: a CUR 2.0 or FOCUS 1.2 export file (Parquet, CSV or gzip CSV), or a
    /// Data Exports directory of them.
    #[arg(long, value_name = "PATH")]
    actuals: PathBuf,
    /// The estimate month the billing period is (1 = the horizon's first).
    #[arg(long, value_name = "N", conflicts_with = "start", value_parser = clap::value_parser!(u32).range(1..))]
    month: Option<u32>,
    /// The calendar month of the estimate's month 1, YYYY-MM: the billing period then
    /// says which estimate month it is.
    #[arg(long, value_name = "YYYY-MM")]
    start: Option<String>,
    /// The billing period to reconcile, YYYY-MM, when the bill holds several.
    #[arg(long, value_name = "YYYY-MM")]
    period: Option<String>,
    #[command(flatten)]
    output: OutputArgs,
    #[arg(long, value_name = "DIR")]
    pricing: Option<PathBuf>,
    /// Price what the snapshot can; lines at prices it lacks are left out.
    #[arg(long)]
    allow_missing: bool,
}

pub(super) fn month_arg(flag: &str, text: &str) -> Result<Period, Failure> {
    Period::parse(text)
        .filter(|_| text.len() == 7)
        .ok_or_else(|| {
            BadInput(format!(
                "error: {flag}: expected a month as YYYY-MM, found `{}`\n",
                lakecost::text::for_terminal(text)
            ))
            .into()
        })
}

/// The billing period to reconcile: `--period`, or the bill's only one.
fn period(bill: &Bill, asked: Option<&str>, name: &str) -> Result<Period, Failure> {
    let held = || {
        bill.periods
            .keys()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match asked {
        Some(p) => {
            let p = month_arg("--period", p)?;
            if bill.periods.contains_key(&p) {
                Ok(p)
            } else {
                Err(BadInput(format!(
                    "error: --period {p}: the bill {name} holds no rows of that period; it holds {}\n",
                    held()
                ))
                .into())
            }
        }
        None => match bill.periods.len() {
            0 => Err(BadInput(format!("error: the bill {name} holds no rows\n")).into()),
            1 => Ok(*bill.periods.keys().next().expect("one period")),
            _ => Err(BadInput(format!(
                "error: the bill {name} holds several billing periods ({}): choose one with --period YYYY-MM\n",
                held()
            ))
            .into()),
        },
    }
}

pub fn run(args: Args) -> Result<ExitCode, Failure> {
    let Args {
        file,
        actuals,
        month,
        start,
        period: asked,
        output,
        pricing,
        allow_missing,
    } = args;
    let pricing = pricing.map(|p| p.display().to_string());
    let (scenario, _, estimate) = super::estimate::estimated(
        &file,
        pricing.as_deref(),
        &ApiArgs::offline(),
        &[],
        allow_missing,
    )?;
    // Which estimate month the bill is, asked before the bill is read.
    let which = match (month, start) {
        (Some(m), _) => Ok(m),
        (None, Some(s)) => Err(month_arg("--start", &s)?),
        (None, None) => {
            return Err(BadInput(
                "error: say which estimate month the bill is: --month N, or --start YYYY-MM (the calendar month of the estimate's month 1)\n".into(),
            )
            .into());
        }
    };
    let bill_name = actuals.display().to_string();
    let bill = lakecost::reconcile::read::read_bill(&actuals)
        .map_err(|e| BadInput(format!("error: {e}\n")))?;
    let period = period(&bill, asked.as_deref(), &bill_name)?;
    let horizon = estimate.months.len();
    let estimate_month = match which {
        Ok(m) => i64::from(m),
        Err(start) => start.months_to(period) + 1,
    };
    let Some(bill_month) = usize::try_from(estimate_month)
        .ok()
        .filter(|m| (1..=horizon).contains(m))
        .map(|m| &estimate.months[m - 1])
    else {
        return Err(BadInput(format!(
            "error: the billing period {period} is estimate month {estimate_month}, which is not in the estimate of {} (months 1 to {horizon})\n",
            file.display()
        ))
        .into());
    };
    let r = lakecost::reconcile::reconcile(lakecost::reconcile::Input {
        scenario: &file.display().to_string(),
        lines: &bill_month.lines,
        bindings: &scenario.bindings,
        estimate_month: bill_month.month,
        period,
        charges: &bill.periods[&period],
        source: lakecost::reconcile::BillSource {
            dialect: bill.dialect,
            files: bill.files.clone(),
            rows: bill.rows,
        },
    });
    let text = match output.format {
        Format::Table => report::reconcile::render_table(&r, output.table_width()),
        Format::Json => report::reconcile::render_json(&r),
        Format::Csv => report::reconcile::render_csv(&r),
        Format::Focus => return Err(focus_only()),
        Format::Markdown => report::reconcile::render_markdown(&r),
    };
    emit(&text, output.out.as_deref(), None, &[&file, &actuals])
}
