//! `lakecost calibrate`: the scenario beside what CloudWatch measured for its bound resources.

use super::*;

#[derive(clap::Args)]
pub struct Args {
    /// The scenario file (YAML, see docs/scenario-format.md).
    file: PathBuf,
    /// Days of CloudWatch data to read, ending at --end (1 to 455).
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=455))]
    days: u32,
    /// The window's last day, YYYY-MM-DD (to its midnight UTC); default: now.
    #[arg(long, value_name = "DATE")]
    end: Option<String>,
    /// Region of the resources; default: the scenario's.
    #[arg(long)]
    region: Option<String>,
    /// AWS profile (else AWS_PROFILE, else the default credential chain).
    #[arg(long)]
    profile: Option<String>,
    #[command(flatten)]
    connect: ConnectArgs,
    /// Use only free calls (ListMetrics, GetMetricStatistics), at coarser resolution.
    #[arg(long)]
    free: bool,
    #[command(flatten)]
    output: ScenarioOutput,
}

pub fn run(args: Args) -> Result<ExitCode, Failure> {
    let Args {
        file,
        days,
        end,
        region,
        profile,
        connect,
        free,
        output,
    } = args;
    // Refused before any AWS call is made.
    if matches!(output.output.format, Format::Focus) {
        return Err(focus_only());
    }
    let (scenario, book, text) = output.read(&file)?;
    let name = file.display().to_string();
    if scenario.bindings.is_empty() {
        return Err(BadInput(format!(
            "error: {name}: no resource is bound to AWS: add `aws:` maps (e.g. `aws: {{ bucket: my-bucket }}` on a layer; docs/calibration.md)\n"
        ))
        .into());
    }
    let end = match end.as_deref() {
        None => lakecost::pricing::dates::now_secs() as i64,
        Some(d) => match lakecost::pricing::dates::parse_day(d) {
            Some(days) => (days + 1) * 86_400,
            None => {
                return Err(BadInput(format!(
                    "error: --end: expected a day of the calendar as YYYY-MM-DD (1970 or later), found `{}`\n",
                    lakecost::text::for_terminal(d)
                ))
                .into());
            }
        },
    };
    let window = lakecost::calibrate::Window { end, days };
    let conn = connect.connection(profile);
    let region = region.unwrap_or_else(|| scenario.region.clone());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Other(e.into()))?;
    let (queries, fetched) = runtime.block_on(async {
        use lakecost::calibrate::{cloudwatch, metrics};
        let cw = cloudwatch::CloudWatch::new(&conn, &region).await.map_err(|why| {
            BadInput(format!(
                "error: no AWS credentials for CloudWatch ({why}). Provide them the standard ways: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, a profile (--profile or AWS_PROFILE), SSO (aws sso login), or an instance or container role. The caller needs cloudwatch:GetMetricData and cloudwatch:ListMetrics.\n"
            ))
        })?;
        let mut types = std::collections::BTreeMap::new();
        let mut problems = Vec::new();
        for b in scenario.bindings.iter().filter(|b| b.kind == lakecost::scenario::Bound::Bucket) {
            match cw.storage_types(&b.id).await {
                Ok(t) => {
                    types.insert(b.id.clone(), t);
                }
                Err(why) => problems.push(lakecost::calibrate::Problem {
                    resource: b.resource.clone(),
                    what: "ListMetrics AWS/S3".into(),
                    why,
                }),
            }
        }
        let all: Vec<String> = metrics::STORAGE_TYPES.iter().map(|(t, _)| t.to_string()).collect();
        let mut queries = metrics::queries(&scenario.bindings, days, &|bucket| {
            types.get(bucket).cloned().unwrap_or_else(|| all.clone())
        });
        if free {
            for q in &mut queries {
                q.period = cloudwatch::free_period(q.period, days);
            }
        }
        let who = |q: &metrics::Query| scenario.bindings[q.binding].resource.clone();
        let mut fetched = cw.fetch(&queries, window, free, &who).await;
        fetched.problems.splice(0..0, problems);
        Ok::<_, Failure>((queries, fetched))
    })?;
    let c = lakecost::calibrate::calibrate(&text, &scenario, &book, &queries, &fetched, window);
    let rendered = match output.output.format {
        Format::Table => report::calibration::render_table(&c, output.output.table_width()),
        Format::Json => report::calibration::render_json(&c),
        Format::Csv => report::calibration::render_csv(&c),
        Format::Focus => return Err(focus_only()),
        Format::Markdown => report::calibration::render_markdown(&c),
    };
    let code = output.emit(&file, &rendered, &c.written)?;
    // A partial answer is reported, and is not success.
    Ok(if c.problems.is_empty() {
        code
    } else {
        ExitCode::from(1)
    })
}
