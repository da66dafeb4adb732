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
    #[arg(
        long,
        value_name = "PATH",
        required_unless_present = "athena",
        conflicts_with = "athena"
    )]
    actuals: Option<PathBuf>,
    /// The bill as an Athena table of CUR 2.0 or FOCUS 1.2 (DATABASE.TABLE, or TABLE
    /// with --database): reconciled from one aggregating query (needs --period).
    #[arg(long, value_name = "TABLE")]
    athena: Option<String>,
    /// Only the bill's rows that carry this tag (repeatable: every one), as the export
    /// names it: `--tag user_team=lake` (CUR 2.0 `resource_tags`, FOCUS `Tags`).
    #[arg(long = "tag", value_name = "KEY=VALUE")]
    tags: Vec<String>,
    /// With --athena: the table's database.
    #[arg(long, value_name = "NAME")]
    database: Option<String>,
    /// With --athena: the workgroup the query runs in (else the primary workgroup).
    #[arg(long, value_name = "NAME")]
    workgroup: Option<String>,
    /// With --athena: where Athena writes the query's results (s3://…), where the
    /// workgroup sets no location.
    #[arg(long, value_name = "S3_URI")]
    output_location: Option<String>,
    /// With --athena: the table's region (else the scenario's).
    #[arg(long)]
    region: Option<String>,
    /// With --athena: the AWS profile (else AWS_PROFILE, else the default chain).
    #[arg(long)]
    profile: Option<String>,
    /// With --athena: print the query (and what Athena charges to run it), and stop.
    #[arg(long)]
    print_sql: bool,
    #[command(flatten)]
    connect: ConnectArgs,
    /// The estimate month the billing period is (1 = the horizon's first).
    #[arg(long, value_name = "N", conflicts_with = "start", value_parser = clap::value_parser!(u32).range(1..))]
    month: Option<u32>,
    /// The calendar month of the estimate's month 1, YYYY-MM (else the scenario's
    /// `start:`): the billing period then says which estimate month it is.
    #[arg(long, value_name = "YYYY-MM")]
    start: Option<String>,
    /// The billing period to reconcile, YYYY-MM, when the bill holds several.
    #[arg(long, value_name = "YYYY-MM")]
    period: Option<String>,
    #[command(flatten)]
    output: OutputArgs,
    /// Write a copy of the scenario with the quantities the bill shows, where one key
    /// alone makes one (docs/reconcile.md), each change listed at its top.
    #[arg(long, value_name = "FILE")]
    write: Option<PathBuf>,
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
        athena,
        tags,
        database,
        workgroup,
        output_location,
        region,
        profile,
        print_sql,
        connect,
        month,
        start,
        period: asked,
        output,
        write,
        pricing,
        allow_missing,
    } = args;
    let pricing = pricing.map(|p| p.display().to_string());
    let (scenario, _, estimate, text) = super::estimate::estimated(
        &file,
        pricing.as_deref(),
        &ApiArgs::offline(),
        &[],
        allow_missing,
    )?;
    // Which estimate month the bill is, asked before the bill is read.
    let which = match (month, start, scenario.start) {
        (Some(m), _, _) => Ok(m),
        (None, Some(s), _) => Err(month_arg("--start", &s)?),
        (None, None, Some(s)) => Err(s),
        (None, None, None) => {
            return Err(BadInput(
                "error: say which estimate month the bill is: --month N, or --start YYYY-MM (the calendar month of the estimate's month 1), or `start:` in the scenario\n".into(),
            )
            .into());
        }
    };
    let tags = tag_args(&tags)?;
    let (bill, period, query) = match (&actuals, athena) {
        (Some(path), _) => {
            let name = path.display().to_string();
            let bill = lakecost::reconcile::read::read_bill(path, &tags)
                .map_err(|e| BadInput(format!("error: {e}\n")))?;
            let period = period(&bill, asked.as_deref(), &name)?;
            (bill, period, None)
        }
        (None, table) => {
            let Some(asked) = asked else {
                return Err(BadInput(
                    "error: --athena: say which billing period to query: --period YYYY-MM\n".into(),
                )
                .into());
            };
            let period = month_arg("--period", &asked)?;
            let target = athena_target(
                table.as_deref().unwrap_or_default(),
                database,
                workgroup,
                output_location,
            )?;
            let region = region.unwrap_or_else(|| scenario.region.clone());
            let conn = connect.connection(profile);
            match from_athena(&target, &region, &conn, period, &tags, print_sql)? {
                Some((bill, query)) => (bill, period, Some(query)),
                None => return Ok(ExitCode::SUCCESS),
            }
        }
    };
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
    let empty = Default::default();
    let mut r = lakecost::reconcile::reconcile(lakecost::reconcile::Input {
        scenario: &file.display().to_string(),
        lines: &bill_month.lines,
        bindings: &scenario.bindings,
        estimate_month: bill_month.month,
        period,
        // A query for a period with no rows is a bill of nothing.
        charges: bill.periods.get(&period).unwrap_or(&empty),
        source: lakecost::reconcile::BillSource::of(&bill, &tags, query),
    });
    let written = match write.as_ref().map(|_| &text) {
        Some(text) => {
            let (changes, notes) = lakecost::reconcile::write::changes(&r, &scenario);
            let w = lakecost::reconcile::write::written(text, &changes, &r)
                .map_err(|e| BadInput(format!("error: --write: {e}\n")))?;
            r.changes = changes;
            r.notes = notes;
            Some(w)
        }
        None => None,
    };
    let rendered = match output.format {
        Format::Table => report::reconcile::render_table(&r, output.table_width()),
        Format::Json => report::reconcile::render_json(&r),
        Format::Csv => report::reconcile::render_csv(&r),
        Format::Focus => return Err(focus_only()),
        Format::Markdown => report::reconcile::render_markdown(&r),
    };
    let mut inputs = vec![file.as_path()];
    inputs.extend(actuals.as_deref());
    let extra = write.as_deref().zip(written.as_deref().map(str::as_bytes));
    emit_with(&rendered, output.out.as_deref(), None, extra, &inputs)
}

/// `--tag KEY=VALUE`s, checked: keys and values in the characters AWS allows in tags
/// (letters, digits, spaces and `_ . : / = + - @`), which also keeps them literal in
/// an Athena query.
fn tag_args(tags: &[String]) -> Result<lakecost::reconcile::bill::Tags, Failure> {
    let allowed = |s: &str| {
        s.chars()
            .all(|c| c.is_alphanumeric() || " _.:/=+-@".contains(c))
    };
    let mut out = Vec::new();
    for t in tags {
        match t.split_once('=') {
            Some((k, v))
                if (1..=128).contains(&k.chars().count())
                    && v.chars().count() <= 256
                    && allowed(k)
                    && allowed(v) =>
            {
                out.push((k.to_string(), v.to_string()));
            }
            _ => {
                return Err(BadInput(format!(
                    "error: --tag: expected KEY=VALUE, the key 1 to 128 and the value up to 256 letters, digits, spaces and `_ . : / = + - @` (AWS's tag characters), found `{}`\n",
                    lakecost::text::for_terminal(t)
                ))
                .into());
            }
        }
    }
    Ok(lakecost::reconcile::bill::Tags(out))
}

/// `--athena DATABASE.TABLE` (or TABLE with `--database`), checked.
fn athena_target(
    table: &str,
    database: Option<String>,
    workgroup: Option<String>,
    output_location: Option<String>,
) -> Result<lakecost::reconcile::athena::Target, Failure> {
    use lakecost::reconcile::athena::{Target, identifier_ok};
    let (database, table) = match (table.split_once('.'), database) {
        (Some((d, t)), None) => (d.to_string(), t.to_string()),
        (None, Some(d)) => (d, table.to_string()),
        (Some(_), Some(_)) => {
            return Err(BadInput(
                "error: --athena names DATABASE.TABLE and --database names the database too: give one\n".into(),
            )
            .into());
        }
        (None, None) => {
            return Err(BadInput(
                "error: --athena: name the table's database: --athena DATABASE.TABLE, or --database\n".into(),
            )
            .into());
        }
    };
    for (what, name) in [("database", &database), ("table", &table)] {
        if !identifier_ok(name) {
            return Err(BadInput(format!(
                "error: --athena: the {what} name `{}` is not a Glue name (letters, digits, `_` and `-`, up to 255)\n",
                lakecost::text::for_terminal(name)
            ))
            .into());
        }
    }
    if let Some(o) = &output_location
        && !o.starts_with("s3://")
    {
        return Err(BadInput(format!(
            "error: --output-location: expected an S3 URI (s3://bucket/prefix/), found `{}`\n",
            lakecost::text::for_terminal(o)
        ))
        .into());
    }
    Ok(Target {
        database,
        table,
        workgroup,
        output_location,
    })
}

/// The bill from Athena: the table's columns, the query (printed, with its price, on
/// standard error; or on standard output and nothing run with `--print-sql`), then
/// its rows.
fn from_athena(
    target: &lakecost::reconcile::athena::Target,
    region: &str,
    conn: &lakecost::aws::Connection,
    period: Period,
    tags: &lakecost::reconcile::bill::Tags,
    print_sql: bool,
) -> Result<Option<(Bill, lakecost::reconcile::QueryInfo)>, Failure> {
    use lakecost::reconcile::athena::{Athena, query};
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Other(e.into()))?;
    // Athena's price per TB scanned in the region, from the bundled snapshot.
    let per_tb = PriceBook::bundled_for(&[region])
        .ok()
        .and_then(|b| b.get(region, "athena.sql.scanned").ok().map(|p| p.rate()));
    let price = match per_tb {
        Some(usd) => format!("${usd:.2} per TB scanned in {region}"),
        None => format!("at its price per TB scanned in {region} (not in the bundled snapshot)"),
    };
    runtime.block_on(async {
        let athena = Athena::new(conn, region).await.map_err(|why| {
            BadInput(format!(
                "error: no AWS credentials for Athena ({why}). Provide them the standard ways: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile (--profile or AWS_PROFILE), SSO (aws sso login), or an instance or container role. The caller needs athena:GetTableMetadata, athena:StartQueryExecution, athena:GetQueryExecution, athena:GetQueryResults, and read access to the table's data and the results location.\n"
            ))
        })?;
        let failed = |e: String| Failure::Other(anyhow::anyhow!("Athena: {e}"));
        let columns = athena.columns(target).await.map_err(failed)?;
        let q = query(target, &columns, period, tags).map_err(|e| BadInput(format!("error: --athena: {e}\n")))?;
        let note = format!(
            "Athena bills {price}, rounded up to the megabyte, at least 10 MB a query; this query reads {} columns of {}.{} for {period} only",
            q.columns,
            target.database,
            target.table
        );
        if print_sql {
            stdout(&format!("{}\n-- {note}\n", q.sql))?;
            return Ok(None);
        }
        eprintln!("note: {note}");
        let (bill, scan) = athena.run(target, &q).await.map_err(failed)?;
        let cost = per_tb.map(|usd| {
            let mb = (scan.data_scanned_bytes as f64 / 1_048_576.0).ceil().max(10.0);
            mb / 1_048_576.0 * usd
        });
        Ok(Some((
            bill,
            lakecost::reconcile::QueryInfo {
                engine: "athena",
                sql: q.sql,
                query_execution_id: scan.query_execution_id,
                data_scanned_bytes: scan.data_scanned_bytes,
                cost_usd: cost,
            },
        )))
    })
}
