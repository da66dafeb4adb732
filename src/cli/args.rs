//! Argument groups several commands share: how to reach AWS, report formats and
//! outputs, charts, sampling.

use super::*;

/// How to reach an AWS API (the Price List API, CloudWatch, Athena).
#[derive(clap::Args)]
pub(crate) struct ConnectArgs {
    /// The API's endpoint (also AWS_ENDPOINT_URL, or AWS_ENDPOINT_URL_PRICING,
    /// AWS_ENDPOINT_URL_CLOUDWATCH or AWS_ENDPOINT_URL_ATHENA for one service).
    #[arg(long, value_name = "URL")]
    pub(crate) endpoint_url: Option<String>,
    /// Seconds allowed for each request attempt (0.1 to 600).
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS", value_parser = bounded(0.1, 600.0))]
    pub(crate) timeout: f64,
    /// Attempts per request, retries of throttling and server errors included (1 to 10).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_ATTEMPTS)))]
    pub(crate) max_attempts: u32,
}

impl ConnectArgs {
    pub(crate) fn connection(&self, profile: Option<String>) -> lakecost::aws::Connection {
        lakecost::aws::Connection {
            endpoint_url: self.endpoint_url.clone(),
            profile,
            max_attempts: self.max_attempts,
            initial_backoff: std::time::Duration::from_millis(500),
            timeout: std::time::Duration::from_secs_f64(self.timeout),
        }
    }
}

/// How to reach the Price List API.
#[derive(clap::Args)]
pub(crate) struct ApiArgs {
    #[command(flatten)]
    pub(crate) connect: ConnectArgs,
    /// Hours live prices are kept in the cache (`--pricing live`; 0 to 8760).
    #[arg(long, default_value_t = 24.0, value_name = "HOURS", value_parser = bounded(0.0, 8760.0))]
    pub(crate) cache_ttl: f64,
    /// Pages read for one Price List query before giving up (1 to 10000).
    #[arg(long, default_value_t = FetchLimits::default().pages_per_query as u32, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub(crate) max_pages: u32,
    /// MiB of price items read in one run before giving up (1 to 4096).
    #[arg(long, default_value_t = (FetchLimits::default().bytes >> 20) as u32, value_parser = clap::value_parser!(u32).range(1..=4096))]
    pub(crate) max_mb: u32,
    /// Print each Price List request (never credentials or headers). Repeat for more.
    #[arg(short, long, action = clap::ArgAction::Count)]
    pub(crate) verbose: u8,
}

/// A clap parser for a finite number within `min..=max`: `inf`, `1e300` and `NaN`
/// are refused with the range in the message.
pub(crate) fn bounded(min: f64, max: f64) -> impl Fn(&str) -> Result<f64, String> + Clone {
    move |s| match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && (min..=max).contains(&v) => Ok(v),
        _ => Err(format!("expected a number from {min} to {max}")),
    }
}

impl ApiArgs {
    /// For commands that never reach the API.
    pub(crate) fn offline() -> ApiArgs {
        ApiArgs {
            connect: ConnectArgs {
                endpoint_url: None,
                timeout: 30.0,
                max_attempts: 5,
            },
            cache_ttl: 24.0,
            max_pages: FetchLimits::default().pages_per_query as u32,
            max_mb: (FetchLimits::default().bytes >> 20) as u32,
            verbose: 0,
        }
    }

    pub(crate) fn config(&self) -> LiveConfig {
        let c = self.connect.connection(None);
        LiveConfig {
            endpoint_url: c.endpoint_url,
            max_attempts: c.max_attempts,
            initial_backoff: c.initial_backoff,
            timeout: c.timeout,
            limits: FetchLimits {
                pages_per_query: self.max_pages as usize,
                bytes: (self.max_mb as usize) << 20,
            },
        }
    }

    /// Reports a fetch to standard error when verbose, and notices always.
    pub(crate) fn on_event(&self) -> impl Fn(Event) + '_ {
        move |e| match e {
            Event::Fetched {
                service_code,
                region,
                usage_type,
                items,
                pages,
            } if self.verbose > 0 => eprintln!(
                "GetProducts {service_code} {region} {usage_type}: {items} item(s), {pages} page(s)"
            ),
            Event::Fetched { .. } => {}
            Event::Notice(n) => eprintln!("notice: {}", lakecost::text::for_terminal(&n)),
        }
    }
}

/// How any command's report is rendered and where it goes: every command offers the
/// same formats and `--width`.
#[derive(clap::Args)]
pub(crate) struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub(crate) format: Format,
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(long)]
    pub(crate) out: Option<PathBuf>,
    /// Columns the table may use (40 to 1000); default: the terminal's width, or 100
    /// when the report does not go to a terminal.
    #[arg(long, value_parser = clap::value_parser!(u16).range(40..=1000))]
    pub(crate) width: Option<u16>,
}

impl OutputArgs {
    /// The table's width for this run's output.
    pub(crate) fn table_width(&self) -> u16 {
        table_width(self.width, self.out.is_some())
    }
}

/// How a report is priced, rendered and written.
#[derive(clap::Args)]
pub(crate) struct ReportArgs {
    #[command(flatten)]
    pub(crate) output: OutputArgs,
    /// Read prices from this snapshot directory instead of the bundled one, or
    /// `live` to fetch them from the AWS Price List API.
    #[arg(long, value_name = "DIR|live")]
    pub(crate) pricing: Option<String>,
    /// Override a scenario key for this run (repeatable), e.g.
    /// `--set ingest.per_day="2 TB"` or `--set s3.layers[bronze].expire_after_days=365`.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub(crate) set: Vec<Override>,
    /// Price what the snapshot can and list lines at prices it lacks under NOT INCLUDED
    /// (the totals are then incomplete and say so) instead of stopping.
    #[arg(long)]
    pub(crate) allow_missing: bool,
    #[command(flatten)]
    pub(crate) charts: ChartArgs,
    #[command(flatten)]
    pub(crate) api: ApiArgs,
}

/// The table's width: `--width`, else the terminal's when the report goes to one, else
/// the default.
pub(crate) fn table_width(asked: Option<u16>, to_file: bool) -> u16 {
    use std::io::IsTerminal;
    if let Some(w) = asked {
        return w;
    }
    if !to_file && std::io::stdout().is_terminal() {
        let mut ws = libc::winsize {
            ws_row: 0,
            ws_col: 0,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: TIOCGWINSZ fills the winsize it is given for a terminal descriptor,
        // and standard output is one.
        let ok = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut ws) } == 0;
        if ok && ws.ws_col >= 40 {
            return ws.ws_col;
        }
    }
    report::table::DEFAULT_WIDTH
}

/// How a scenario with uncertain inputs is sampled (docs/uncertainty.md).
#[derive(clap::Args, Clone, Copy)]
pub(crate) struct SamplingArgs {
    /// Samples to draw (2 to 100,000), overriding the scenario's `uncertainty.samples`.
    #[arg(long, value_parser = clap::value_parser!(u32).range(2..=100_000))]
    pub(crate) samples: Option<u32>,
    /// Random seed, overriding the scenario's `uncertainty.seed`: the same seed gives
    /// the same numbers on every machine.
    #[arg(long)]
    pub(crate) seed: Option<u64>,
    /// What the tornado ranks inputs by: the steady-state month or the horizon total.
    #[arg(long, value_enum, default_value_t = MetricArg::Steady)]
    pub(crate) metric: MetricArg,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum MetricArg {
    Steady,
    Horizon,
}

impl MetricArg {
    pub(crate) fn metric(self) -> lakecost::model::Metric {
        match self {
            MetricArg::Steady => lakecost::model::Metric::Steady,
            MetricArg::Horizon => lakecost::model::Metric::Horizon,
        }
    }
}

impl SamplingArgs {
    pub(crate) fn options(self) -> lakecost::uncertainty::Options {
        lakecost::uncertainty::Options {
            samples: self.samples.map(|n| n as usize),
            seed: self.seed,
            metric: self.metric.metric(),
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Format {
    Table,
    Json,
    Csv,
    Markdown,
    /// FOCUS 1.2 forecast rows (`estimate` only, with --start): CSV, or Parquet with
    /// `--out FILE.parquet`.
    Focus,
}

/// `--format focus` given to a command that has no forecast to write.
pub(crate) fn focus_only() -> Failure {
    BadInput(
        "error: --format focus: only `lakecost estimate` writes FOCUS (a forecast of the scenario's months)\n"
            .into(),
    )
    .into()
}

/// The outputs of a command that proposes a changed scenario (`optimize`,
/// `calibrate`): its report, and the changed scenario itself.
#[derive(clap::Args)]
pub(crate) struct ScenarioOutput {
    #[command(flatten)]
    pub(crate) output: OutputArgs,
    /// Write the changed scenario to FILE (atomically; never over the input); the
    /// report lists every change.
    #[arg(long, value_name = "FILE")]
    pub(crate) write: Option<PathBuf>,
    #[arg(long, value_name = "DIR")]
    pub(crate) pricing: Option<PathBuf>,
    /// Price what the snapshot can; lines at prices it lacks are left out of every
    /// total, and no change that needs such a price is proposed.
    #[arg(long)]
    pub(crate) allow_missing: bool,
}

impl ScenarioOutput {
    /// The scenario, checked, with its prices, and its text as written.
    pub(crate) fn read(&self, file: &Path) -> Result<(Scenario, PriceBook, String), Failure> {
        let pricing = self.pricing.as_ref().map(|p| p.display().to_string());
        let (scenario, book, text) =
            load_with_text(file, pricing.as_deref(), &ApiArgs::offline(), &[])?;
        let book = if self.allow_missing {
            model::fill_gaps(&scenario, &book)
                .map_err(|e| BadInput(format!("error: {}: {e}\n", file.display())))?
                .0
        } else {
            book
        };
        Ok((scenario, book, text))
    }

    /// The report, and with `--write` the changed scenario, written together.
    pub(crate) fn emit(
        &self,
        file: &Path,
        report: &str,
        scenario: &str,
    ) -> Result<ExitCode, Failure> {
        let written = self.write.as_deref().map(|w| (w, scenario.as_bytes()));
        emit_with(report, self.output.out.as_deref(), None, written, &[file])
    }
}

#[derive(clap::Args)]
pub(crate) struct ChartArgs {
    /// Write charts into this directory.
    #[arg(long, value_name = "DIR")]
    pub(crate) chart: Option<PathBuf>,
    /// Chart file format.
    #[arg(long, value_enum, default_value_t = ChartKind::Svg)]
    pub(crate) chart_format: ChartKind,
}

impl ChartArgs {
    /// The charts `draw` makes, with the directory they go to, when `--chart` asks.
    pub(crate) fn draw(
        &self,
        draw: impl FnOnce(ChartFormat) -> Result<Vec<Chart>, report::chart::ChartError>,
    ) -> Result<Option<(&Path, Vec<Chart>)>, Failure> {
        match &self.chart {
            Some(dir) => Ok(Some((
                dir.as_path(),
                draw(self.chart_format.into()).context("drawing charts")?,
            ))),
            None => Ok(None),
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum ChartKind {
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
