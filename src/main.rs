//! The `lakecost` command: parses arguments, calls the library, maps errors to exit
//! codes (0 fine, 1 warnings under `--strict` or a failure to write, 2 bad input).

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use lakecost::model::{self, EstimateError, Finding, Severity};
use lakecost::pricing::live::client::{FetchLimits, LiveConfig, MAX_ATTEMPTS};
use lakecost::pricing::live::refresh::Event;
use lakecost::pricing::{self, PriceBook};
use lakecost::report::chart::{Chart, ChartFormat};
use lakecost::report::{self, Report};
use lakecost::scenario::overrides::Override;
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
        #[command(flatten)]
        report: ReportArgs,
        #[command(flatten)]
        sampling: SamplingArgs,
    },
    /// Compare Glue, EMR on EC2 and EMR Serverless for the scenario's workloads, and
    /// Redshift clusters with Serverless workgroups over the same data.
    Compare {
        /// The scenario file.
        file: PathBuf,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Propose cheaper designs for the same workload (lifecycle, Flex, spot, Graviton,
    /// pause schedules, capacity modes), each priced again whole, with the YAML edit.
    Optimize {
        file: PathBuf,
        /// Which figure to lower: the steady-state monthly bill, or the horizon total.
        #[arg(long, value_enum, default_value_t = MetricArg::Steady)]
        objective: MetricArg,
        /// List and apply at most N changes (the largest savings).
        #[arg(long, value_name = "N")]
        max_changes: Option<usize>,
        #[command(flatten)]
        output: ScenarioOutput,
    },
    /// Compare the scenario with what CloudWatch measured for the AWS resources its
    /// `aws:` maps name, and write a calibrated copy.
    Calibrate {
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
        /// Override a key of NEW for the comparison (repeatable): `lakecost diff s.yaml
        /// s.yaml --set ingest.per_day="2 TB"` asks what doubling ingest does.
        #[arg(long = "set", value_name = "KEY=VALUE")]
        set: Vec<Override>,
    },
    /// Price a grid of one or two inputs: the steady-state and horizon cost at each value,
    /// e.g. `--vary ingest.per_day="0.5 TB..4 TB:8"`.
    Sweep {
        file: PathBuf,
        /// KEY=FROM..TO[:STEPS|*FACTOR] (one or two).
        #[arg(long, required = true, value_name = "KEY=FROM..TO[:STEPS|*FACTOR]")]
        vary: Vec<lakecost::sweep::Vary>,
        #[arg(long, value_enum, default_value_t = SweepFormat::Table)]
        format: SweepFormat,
        /// Write the result to this file (atomically) instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
        #[arg(long = "set", value_name = "KEY=VALUE")]
        set: Vec<Override>,
        #[arg(long, value_name = "DIR")]
        pricing: Option<PathBuf>,
        #[command(flatten)]
        charts: ChartArgs,
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
    Explain {
        /// The code, e.g. LC-S3-006.
        #[arg(required_unless_present = "list")]
        code: Option<String>,
        /// Every finding code with its one-line meaning.
        #[arg(long, conflicts_with = "code")]
        list: bool,
    },
    /// Write a starter scenario, annotated key by key, to edit and estimate.
    Init {
        /// Where to write it.
        #[arg(default_value = "scenario.yaml")]
        file: PathBuf,
        /// Which lake to start from.
        #[arg(long, value_enum, default_value_t = Template::Lake)]
        template: Template,
        /// The AWS region to price it in (the template's own by default).
        #[arg(long)]
        region: Option<String>,
        /// Replace FILE when it exists (by default an existing file is never replaced).
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script, e.g. `lakecost completions bash >
    /// ~/.local/share/bash-completion/completions/lakecost` (bash, zsh, fish,
    /// powershell, elvish).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `lakecost man > ~/.local/share/man/man1/lakecost.1`.
    Man,
    /// Print the JSON Schema of the scenario format, for editors: save it and start a
    /// scenario with `# yaml-language-server: $schema=lakecost.schema.json`.
    Schema,
    /// Price snapshots: refresh from the AWS Price List API, show, diff.
    Pricing {
        #[command(subcommand)]
        command: PricingCommand,
    },
}

#[derive(Subcommand)]
enum PricingCommand {
    /// Fetch prices from the AWS Price List API into a snapshot directory.
    Refresh {
        /// Regions to fetch (repeatable); default: every region of the snapshot.
        #[arg(long = "region", value_name = "REGION")]
        regions: Vec<String>,
        /// Services to fetch, comma-separated (s3,kinesis,firehose,glue,emr,redshift,
        /// athena,lambda,stepfunctions); default: all.
        #[arg(long, value_delimiter = ',')]
        services: Vec<String>,
        /// The snapshot directory to write (`pricing-data` regenerates the bundled one).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Write what was found even if prices are missing (to a new directory only).
        #[arg(long)]
        allow_partial: bool,
        /// Write prices that moved by more than 10x against the snapshot being
        /// replaced (each is listed); without it such a refresh is refused.
        #[arg(long)]
        allow_outliers: bool,
        /// The snapshot being replaced (its prices are compared, and carried over where
        /// not fetched); default: `--out` if it is a snapshot, else the bundled one.
        #[arg(long, value_name = "DIR")]
        from: Option<PathBuf>,
        /// Where prices come from: the Price List API (needs credentials) or AWS's
        /// public price files; default: the API when credentials are present.
        #[arg(long, value_enum)]
        source: Option<SourceKind>,
        #[command(flatten)]
        offers: OffersArgs,
        #[command(flatten)]
        api: ApiArgs,
    },
    /// Show prices of a snapshot.
    Show {
        /// A price key, e.g. s3.storage.STANDARD.
        key: Option<String>,
        #[arg(long)]
        region: Option<String>,
        /// A service (s3, kinesis, …) or Price List service code (AmazonS3, …).
        #[arg(long)]
        service: Option<String>,
        /// A region × service table of what the snapshot holds and how it was sourced.
        #[arg(long, conflicts_with_all = ["key", "region", "service"])]
        coverage: bool,
        #[arg(long, value_name = "DIR")]
        pricing: Option<PathBuf>,
    },
    /// What changed between two snapshot directories (`bundled` for the bundled one).
    Diff { old: String, new: String },
}

#[derive(Clone, Copy, ValueEnum)]
enum SourceKind {
    /// The AWS Price List Query API (GetProducts).
    Api,
    /// AWS's public price files (bulk offer files).
    Offers,
}

/// Where AWS's public price files are.
#[derive(clap::Args, Default)]
struct OffersArgs {
    /// Base URL of the offer files (a mirror of AWS's pricing host).
    #[arg(long, value_name = "URL", conflicts_with = "offers_dir")]
    offers_url: Option<String>,
    /// A directory holding offer files already downloaded, in the host's layout
    /// (`offers/v1.0/aws/{ServiceCode}/current/{region}/index.json`).
    #[arg(long, value_name = "DIR")]
    offers_dir: Option<PathBuf>,
    /// Read the `.csv` form instead of the JSON one.
    #[arg(long)]
    offers_csv: bool,
}

impl OffersArgs {
    fn given(&self) -> bool {
        self.offers_url.is_some() || self.offers_dir.is_some()
    }

    /// The files to read: from the URL or directory given, else AWS's host.
    fn source_or_aws(&self, cfg: &LiveConfig) -> pricing::live::offers::OfferSource {
        use pricing::live::offers::{AWS_OFFERS_URL, OfferFormat, OfferLocation, OfferSource};
        OfferSource {
            location: match (&self.offers_dir, &self.offers_url) {
                (Some(d), _) => OfferLocation::Dir(d.clone()),
                (None, Some(u)) => OfferLocation::Url(u.clone()),
                (None, None) => OfferLocation::Url(AWS_OFFERS_URL.into()),
            },
            format: if self.offers_csv {
                OfferFormat::Csv
            } else {
                OfferFormat::Json
            },
            max_attempts: cfg.max_attempts,
            timeout: cfg.timeout,
        }
    }

    fn source(
        self_: &Option<OffersArgs>,
        cfg: &LiveConfig,
    ) -> Option<pricing::live::offers::OfferSource> {
        self_.as_ref().map(|o| o.source_or_aws(cfg))
    }
}

/// How to reach an AWS API (the Price List API, CloudWatch).
#[derive(clap::Args)]
struct ConnectArgs {
    /// The API's endpoint (also AWS_ENDPOINT_URL, or AWS_ENDPOINT_URL_PRICING and
    /// AWS_ENDPOINT_URL_CLOUDWATCH for one service).
    #[arg(long, value_name = "URL")]
    endpoint_url: Option<String>,
    /// Seconds allowed for each request attempt (0.1 to 600).
    #[arg(long, default_value_t = 30.0, value_name = "SECONDS", value_parser = bounded(0.1, 600.0))]
    timeout: f64,
    /// Attempts per request, retries of throttling and server errors included (1 to 10).
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_ATTEMPTS)))]
    max_attempts: u32,
}

impl ConnectArgs {
    fn connection(&self, profile: Option<String>) -> lakecost::aws::Connection {
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
struct ApiArgs {
    #[command(flatten)]
    connect: ConnectArgs,
    /// Hours live prices are kept in the cache (`--pricing live`; 0 to 8760).
    #[arg(long, default_value_t = 24.0, value_name = "HOURS", value_parser = bounded(0.0, 8760.0))]
    cache_ttl: f64,
    /// Pages read for one Price List query before giving up (1 to 10000).
    #[arg(long, default_value_t = FetchLimits::default().pages_per_query as u32, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    max_pages: u32,
    /// MiB of price items read in one run before giving up (1 to 4096).
    #[arg(long, default_value_t = (FetchLimits::default().bytes >> 20) as u32, value_parser = clap::value_parser!(u32).range(1..=4096))]
    max_mb: u32,
    /// Print each Price List request (never credentials or headers). Repeat for more.
    #[arg(short, long, action = clap::ArgAction::Count)]
    verbose: u8,
}

/// A clap parser for a finite number within `min..=max`: `inf`, `1e300` and `NaN`
/// are refused with the range in the message.
fn bounded(min: f64, max: f64) -> impl Fn(&str) -> Result<f64, String> + Clone {
    move |s| match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && (min..=max).contains(&v) => Ok(v),
        _ => Err(format!("expected a number from {min} to {max}")),
    }
}

impl ApiArgs {
    /// For commands that never reach the API.
    fn offline() -> ApiArgs {
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

    fn config(&self) -> LiveConfig {
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
    fn on_event(&self) -> impl Fn(Event) + '_ {
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

/// How a report is priced, rendered and written.
#[derive(clap::Args)]
struct ReportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Read prices from this snapshot directory instead of the bundled one, or
    /// `live` to fetch them from the AWS Price List API.
    #[arg(long, value_name = "DIR|live")]
    pricing: Option<String>,
    /// Override a scenario key for this run (repeatable), e.g.
    /// `--set ingest.per_day="2 TB"` or `--set s3.layers[bronze].expire_after_days=365`.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    set: Vec<Override>,
    /// Columns the table may use (40 to 1000); default: the terminal's width, or 100
    /// when the report does not go to a terminal.
    #[arg(long, value_parser = clap::value_parser!(u16).range(40..=1000))]
    width: Option<u16>,
    #[command(flatten)]
    charts: ChartArgs,
    #[command(flatten)]
    api: ApiArgs,
}

/// The table's width: `--width`, else the terminal's when the report goes to one, else
/// the default.
fn table_width(asked: Option<u16>, to_file: bool) -> u16 {
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
struct SamplingArgs {
    /// Samples to draw (2 to 100,000), overriding the scenario's `uncertainty.samples`.
    #[arg(long, value_parser = clap::value_parser!(u32).range(2..=100_000))]
    samples: Option<u32>,
    /// Random seed, overriding the scenario's `uncertainty.seed`: the same seed gives
    /// the same numbers on every machine.
    #[arg(long)]
    seed: Option<u64>,
    /// What the tornado ranks inputs by: the steady-state month or the horizon total.
    #[arg(long, value_enum, default_value_t = MetricArg::Steady)]
    metric: MetricArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum MetricArg {
    Steady,
    Horizon,
}

impl MetricArg {
    fn metric(self) -> lakecost::model::Metric {
        match self {
            MetricArg::Steady => lakecost::model::Metric::Steady,
            MetricArg::Horizon => lakecost::model::Metric::Horizon,
        }
    }
}

impl SamplingArgs {
    fn options(self) -> lakecost::uncertainty::Options {
        lakecost::uncertainty::Options {
            samples: self.samples.map(|n| n as usize),
            seed: self.seed,
            metric: self.metric.metric(),
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Table,
    Json,
    Csv,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum SweepFormat {
    Table,
    Json,
    Csv,
}

/// The outputs of a command that proposes a changed scenario (`optimize`,
/// `calibrate`): its report, and the changed scenario itself.
#[derive(clap::Args)]
struct ScenarioOutput {
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    format: DiffFormat,
    /// Write the changed scenario to FILE (atomically; never over the input); the
    /// report lists every change.
    #[arg(long, value_name = "FILE")]
    write: Option<PathBuf>,
    /// Write the report to this file (atomically) instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    #[arg(long, value_name = "DIR")]
    pricing: Option<PathBuf>,
}

impl ScenarioOutput {
    /// The scenario, checked, with its prices, and its text as written.
    fn read(&self, file: &Path) -> Result<(Scenario, PriceBook, String), Failure> {
        let pricing = self.pricing.as_ref().map(|p| p.display().to_string());
        let (scenario, book) = load(file, pricing.as_deref(), &ApiArgs::offline(), &[])?;
        let text = lakecost::files::read_text(file, lakecost::files::SCENARIO_LIMIT, "scenario")
            .map_err(|e| BadInput(format!("error: {e}\n")))?;
        Ok((scenario, book, text))
    }

    /// The report, and with `--write` the changed scenario, written together.
    fn emit(&self, file: &Path, report: &str, scenario: &str) -> Result<ExitCode, Failure> {
        let written = self.write.as_deref().map(|w| (w, scenario.as_bytes()));
        emit_with(report, self.out.as_deref(), None, written, &[file])
    }
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

impl ChartArgs {
    /// The charts `draw` makes, with the directory they go to, when `--chart` asks.
    fn draw(
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

/// The scenario `lakecost init` writes (scenarios/starter.yaml, which the tests
/// validate and estimate like every bundled scenario).
/// The starter scenarios `lakecost init` writes: the bundled scenarios themselves, so
/// that the tests that estimate them also check what `init` writes.
#[derive(Clone, Copy, ValueEnum)]
enum Template {
    /// An annotated medallion lake: layers, lifecycle, a Glue job, Athena.
    Lake,
    /// A Kinesis stream and Firehose delivery into S3 (scenarios/streaming-10k-eps.yaml).
    Streaming,
    /// One workload compared on Glue, EMR and EMR Serverless (scenarios/glue-vs-emr.yaml).
    GlueVsEmr,
    /// One layer and nothing else.
    Minimal,
}

impl Template {
    fn text(self) -> &'static str {
        match self {
            Template::Lake => include_str!("../scenarios/starter.yaml"),
            Template::Streaming => include_str!("../scenarios/streaming-10k-eps.yaml"),
            Template::GlueVsEmr => include_str!("../scenarios/glue-vs-emr.yaml"),
            Template::Minimal => include_str!("../scenarios/minimal.yaml"),
        }
    }
}

/// A template with its `region:` set, keeping the rest of the line (its comment).
fn with_region(text: &str, region: &str) -> String {
    text.lines()
        .map(|l| match l.strip_prefix("region:") {
            Some(rest) => {
                let comment = rest.find('#').map_or("", |i| &rest[i..]);
                let pad = if comment.is_empty() { "" } else { "          " };
                format!("region: {region}{pad}{comment}")
            }
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure::BadInput(msg)) => {
            eprint!("{}", lakecost::text::for_terminal(&msg));
            ExitCode::from(2)
        }
        Err(Failure::Other(e)) => {
            eprintln!("error: {}", lakecost::text::for_terminal(&format!("{e:#}")));
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
            report:
                ReportArgs {
                    format,
                    out,
                    pricing,
                    set,
                    width,
                    charts,
                    api,
                },
            sampling,
        } => {
            let name = file.display().to_string();
            let report = estimate_file(&file, pricing.as_deref(), &api, &set, Some(sampling))?;
            let charts = charts.draw(|f| report::chart::estimate_charts(&report, f))?;
            let text = match format {
                Format::Table => report::table::render_for_file(
                    &report,
                    Some(&name),
                    table_width(width, out.is_some()),
                ),
                Format::Json => report::json::render(&report),
                Format::Csv => report::csv::render(&report),
                Format::Markdown => {
                    report::markdown::render(&report, &chart_links(charts.as_ref(), out.as_deref()))
                }
            };
            emit(&text, out.as_deref(), charts, &[&file])
        }
        Command::Compare {
            file,
            report:
                ReportArgs {
                    format,
                    out,
                    pricing,
                    set,
                    width,
                    charts,
                    api,
                },
        } => {
            let (scenario, book) = load(&file, pricing.as_deref(), &api, &set)?;
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
            let mut report =
                report::compare::CompareReport::new(&scenario, &book, compared, warehouses);
            report.pricing.snapshot_age_days = snapshot_age(&book);
            let charts = charts.draw(|f| report::chart::compare_charts(&report, f))?;
            let text = match format {
                Format::Table => {
                    report::compare::render_table(&report, table_width(width, out.is_some()))
                }
                Format::Json => report::compare::render_json(&report),
                Format::Csv => report::compare::render_csv(&report),
                Format::Markdown => report::compare::render_markdown(
                    &report,
                    &chart_links(charts.as_ref(), out.as_deref()),
                ),
            };
            emit(&text, out.as_deref(), charts, &[&file])
        }
        Command::Diff {
            base,
            new,
            format,
            out,
            pricing,
            set,
        } => {
            let pricing = pricing.map(|p| p.display().to_string());
            let api = ApiArgs::offline();
            let diff = report::diff::Diff::new(
                &estimate_file(&base, pricing.as_deref(), &api, &[], None)?,
                &estimate_file(&new, pricing.as_deref(), &api, &set, None)?,
            );
            let text = match format {
                DiffFormat::Table => report::diff::render_table(&diff),
                DiffFormat::Json => report::diff::render_json(&diff),
                DiffFormat::Markdown => report::diff::render_markdown(&diff),
            };
            emit(&text, out.as_deref(), None, &[&base, &new])
        }
        Command::Optimize {
            file,
            objective,
            max_changes,
            output,
        } => {
            let (scenario, book, text) = output.read(&file)?;
            let name = file.display().to_string();
            let options = lakecost::optimize::Options {
                metric: objective.metric(),
                max_changes,
            };
            let plan =
                lakecost::optimize::optimize(&text, &book, options).map_err(|e| match e {
                    lakecost::optimize::OptimizeError::Estimate(EstimateError::Rejected(found)) => {
                        BadInput(findings_text(&found, &name))
                    }
                    e => BadInput(format!("error: {name}: {e}\n")),
                })?;
            let provenance = report::PricingInfo::new(&book, &scenario.region, 0.0).provenance();
            let rendered = match output.format {
                DiffFormat::Table => report::optimize::render_table(&plan, &provenance),
                DiffFormat::Json => report::optimize::render_json(&plan, &provenance),
                DiffFormat::Markdown => report::optimize::render_markdown(&plan, &provenance),
            };
            output.emit(&file, &rendered, &plan.written)
        }
        Command::Calibrate {
            file,
            days,
            end,
            region,
            profile,
            connect,
            free,
            output,
        } => {
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
                Some(d) => match lakecost::pricing::dates::days_from_civil(d) {
                    Some(days) => (days + 1) * 86_400,
                    None => {
                        return Err(BadInput(format!(
                            "error: --end: expected a date YYYY-MM-DD, found `{d}`\n"
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
            let c =
                lakecost::calibrate::calibrate(&text, &scenario, &book, &queries, &fetched, window);
            let rendered = match output.format {
                DiffFormat::Table => report::calibration::render_table(&c),
                DiffFormat::Json => report::calibration::render_json(&c),
                DiffFormat::Markdown => report::calibration::render_markdown(&c),
            };
            let code = output.emit(&file, &rendered, &c.written)?;
            // A partial answer is reported, and is not success.
            Ok(if c.problems.is_empty() {
                code
            } else {
                ExitCode::from(1)
            })
        }
        Command::Sweep {
            file,
            vary,
            format,
            out,
            set,
            pricing,
            charts,
        } => {
            if vary.len() > 2 {
                return Err(BadInput("error: sweep varies one or two keys\n".into()).into());
            }
            let pricing = pricing.map(|p| p.display().to_string());
            // Loading the file as written checks it, and gives its region's prices.
            let (_, book) = load(&file, pricing.as_deref(), &ApiArgs::offline(), &set)?;
            let text =
                lakecost::files::read_text(&file, lakecost::files::SCENARIO_LIMIT, "scenario")
                    .map_err(|e| BadInput(format!("error: {e}\n")))?;
            let name = file.display().to_string();
            let swept = lakecost::sweep::run(&text, &vary, &book, &set).map_err(|e| match e {
                lakecost::sweep::SweepError::Scenario(m) => BadInput(m),
                lakecost::sweep::SweepError::Estimate(m) => {
                    BadInput(format!("error: {name}: {m}\n"))
                }
            })?;
            let text = match format {
                SweepFormat::Table => report::sweep::render_table(&swept),
                SweepFormat::Json => report::sweep::render_json(&swept),
                SweepFormat::Csv => report::sweep::render_csv(&swept),
            };
            let charts = charts.draw(|f| report::chart::sweep_charts(&swept, f))?;
            emit(&text, out.as_deref(), charts, &[&file])
        }
        Command::Validate {
            file,
            strict,
            pricing,
        } => {
            let pricing = pricing.map(|p| p.display().to_string());
            let (scenario, book) = load(&file, pricing.as_deref(), &ApiArgs::offline(), &[])?;
            let name = file.display().to_string();
            let findings = model::check(&scenario, &book)
                .map_err(|e| BadInput(format!("error: {name}: {e}\n")))?;
            let errors = findings.iter().any(|f| f.severity == Severity::Error);
            stdout(&findings_text(&findings, &name))?;
            Ok(if errors {
                ExitCode::from(2)
            } else if strict && !findings.is_empty() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Pricing { command } => pricing_command(command),
        Command::Init {
            file,
            template,
            region,
            force,
        } => {
            if !force && std::fs::symlink_metadata(&file).is_ok() {
                return Err(BadInput(format!(
                    "error: {} already exists; lakecost init replaces a file only with --force: name another, e.g. `lakecost init my-lake.yaml`\n",
                    file.display()
                ))
                .into());
            }
            let text = match &region {
                Some(r) => with_region(template.text(), r),
                None => template.text().to_string(),
            };
            // What init writes estimates as written: a region whose prices the snapshot
            // lacks for this template is refused, naming the missing price.
            let scenario = scenario::load_str(&text).map_err(|e| BadInput(format!("{e}\n")))?;
            let book = PriceBook::bundled_for(&scenario.region)
                .map_err(|e| BadInput(format!("error: {e}\n")))?;
            model::estimate(&scenario, &book).map_err(|e| {
                BadInput(format!(
                    "error: the template cannot be priced in {}: {e}; choose another --region or template\n",
                    scenario.region
                ))
            })?;
            if force {
                lakecost::files::check_output(&file, &[])
                    .map_err(|e| BadInput(format!("error: {e}\n")))?;
            }
            lakecost::files::write_atomic(&file, text.as_bytes())
                .map_err(|e| BadInput(format!("error: {e}\n")))?;
            stdout(&format!(
                "wrote {}: edit it, then `lakecost estimate {}`\n",
                file.display(),
                file.display()
            ))
        }
        Command::Schema => {
            let schema = lakecost::scenario::schema::json_schema();
            let mut text =
                serde_json::to_string_pretty(&schema).map_err(|e| Failure::Other(e.into()))?;
            text.push('\n');
            stdout(&text)
        }
        Command::Man => {
            let mut page = Vec::new();
            clap_mangen::Man::new(<Cli as clap::CommandFactory>::command())
                .render(&mut page)
                .map_err(|e| Failure::Other(e.into()))?;
            stdout(&String::from_utf8_lossy(&page))
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "lakecost", &mut script);
            stdout(&String::from_utf8_lossy(&script))
        }
        Command::Explain { list: true, .. } => {
            let mut out = String::new();
            for (code, summary) in lakecost::model::finding_codes() {
                out.push_str(&format!("{code:<12} {summary}\n"));
            }
            stdout(&out)
        }
        Command::Explain { code, .. } => {
            let code = code.unwrap_or_default();
            match lakecost::model::explain(&code) {
                Some(text) => stdout(&format!("{text}\n")),
                None => Err(BadInput(format!(
                    "error: unknown finding code `{code}`; `lakecost explain --list` lists them\n"
                ))
                .into()),
            }
        }
    }
}

/// Loads, checks and estimates one scenario file into its report; with `sampling`,
/// an uncertain scenario's percentiles join it (without, its medians are priced).
fn estimate_file(
    file: &Path,
    pricing: Option<&str>,
    api: &ApiArgs,
    set: &[Override],
    sampling: Option<SamplingArgs>,
) -> Result<Report, Failure> {
    let (scenario, book) = load(file, pricing, api, set)?;
    let name = file.display().to_string();
    let failed = |e: EstimateError| -> Failure {
        match e {
            EstimateError::Rejected(findings) => BadInput(findings_text(&findings, &name)).into(),
            e => BadInput(format!("error: {name}: {e}\n")).into(),
        }
    };
    let e = model::estimate(&scenario, &book).map_err(failed)?;
    let mut report = Report::new(&scenario, &book, &e);
    report.pricing.snapshot_age_days = snapshot_age(&book);
    if let (Some(u), Some(sampling)) = (&scenario.uncertainty, sampling) {
        let options = sampling.options();
        let bar = Progress::new(options.samples.unwrap_or(u.samples));
        let run = lakecost::uncertainty::run(&scenario, u, &book, options, &|| bar.tick());
        bar.finish();
        report.uncertainty = Some(run.map_err(failed)?);
    }
    Ok(report)
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

/// Days since the prices' date, for the report header.
fn snapshot_age(book: &PriceBook) -> Option<i64> {
    pricing::dates::days_between(&book.provenance.snapshot_date, &pricing::dates::today())
}

/// Chart paths as a Markdown document will link them: relative to the folder of the
/// document (`--out`), or of the current directory when it is printed.
fn chart_links(charts: Option<&(&Path, Vec<Chart>)>, out: Option<&Path>) -> Vec<String> {
    let Some((dir, charts)) = charts else {
        return Vec::new();
    };
    let doc_dir = out.map_or(Path::new("."), lakecost::files::parent_dir);
    let base = report::markdown::relative_dir(doc_dir, dir);
    charts
        .iter()
        .map(|c| base.join(&c.file_name).display().to_string())
        .collect()
}

/// Writes a run's outputs: the report (to `out`, or standard output) and its charts.
/// Every target is checked before anything is written; files are staged beside their
/// targets and renamed into place together, so a failing run leaves nothing behind.
fn emit(
    text: &str,
    out: Option<&Path>,
    charts: Option<(&Path, Vec<Chart>)>,
    inputs: &[&Path],
) -> Result<ExitCode, Failure> {
    emit_with(text, out, charts, None, inputs)
}

/// [`emit`], with one more file written in the same commit (`optimize --write`).
fn emit_with(
    text: &str,
    out: Option<&Path>,
    charts: Option<(&Path, Vec<Chart>)>,
    extra: Option<(&Path, &[u8])>,
    inputs: &[&Path],
) -> Result<ExitCode, Failure> {
    let refused = |e: lakecost::files::FileError| BadInput(format!("error: {e}\n"));
    if let Some(path) = out {
        lakecost::files::check_output(path, inputs).map_err(refused)?;
    }
    let chart_paths: Vec<(PathBuf, Vec<u8>)> = match charts {
        Some((dir, charts)) => {
            lakecost::files::check_output_dir(dir).map_err(refused)?;
            charts
                .into_iter()
                .map(|c| (dir.join(&c.file_name), c.bytes))
                .collect()
        }
        None => Vec::new(),
    };
    for (path, _) in &chart_paths {
        lakecost::files::check_output(path, inputs).map_err(refused)?;
    }
    if let Some((path, _)) = extra {
        lakecost::files::check_output(path, inputs).map_err(refused)?;
    }
    let mut staged = lakecost::files::Staged::new();
    if let Some((first, _)) = chart_paths.first() {
        staged
            .make_dir(lakecost::files::parent_dir(first))
            .map_err(anyhow::Error::from)?;
    }
    for (path, bytes) in &chart_paths {
        staged.add(path, bytes).map_err(anyhow::Error::from)?;
    }
    if let Some((path, bytes)) = extra {
        staged.add(path, bytes).map_err(anyhow::Error::from)?;
    }
    if let Some(path) = out {
        staged
            .add(path, text.as_bytes())
            .map_err(anyhow::Error::from)?;
    }
    staged.commit().map_err(anyhow::Error::from)?;
    if out.is_none() {
        return stdout(text);
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints to standard output. A reader that went away (`| head`) ends the run quietly,
/// as Unix tools do; any other failure (a full disk) is one line and exit 1.
fn stdout(text: &str) -> Result<ExitCode, Failure> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let text = lakecost::text::for_terminal(text);
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(Failure::Other(anyhow::anyhow!(
            "cannot write to standard output: {}",
            lakecost::files::io_reason(&e)
        ))),
    }
}

fn load(
    file: &Path,
    pricing: Option<&str>,
    api: &ApiArgs,
    set: &[Override],
) -> Result<(Scenario, PriceBook), Failure> {
    let (name, text) = if file == Path::new("-") {
        let text = lakecost::files::read_stdin(lakecost::files::SCENARIO_LIMIT, "scenario")
            .map_err(|e| BadInput(format!("error: {e}\n")))?;
        ("<stdin>".to_string(), text)
    } else {
        let text = lakecost::files::read_text(file, lakecost::files::SCENARIO_LIMIT, "scenario")
            .map_err(|e| BadInput(format!("error: {e}\n")))?;
        (file.display().to_string(), text)
    };
    let mut scenario = scenario::overrides::load_with(&text, set)
        .map_err(|e| BadInput(e.in_file(&name).to_string()))?;
    if !set.is_empty() {
        // The report header names the overrides.
        scenario.name = format!(
            "{} (with {})",
            scenario.name,
            set.iter()
                .map(|o| o.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let book = match pricing {
        Some("live") | None => PriceBook::bundled_for(&scenario.region),
        Some(dir) => pricing::load_dir(Path::new(dir)),
    }
    .map_err(|e| BadInput(format!("error: {e}\n")))?;
    book.covers(&scenario.region)
        .map_err(|e| BadInput(format!("error: {name}: {e}\n")))?;
    if pricing == Some("live") {
        return Ok((scenario.clone(), live_book(&scenario, book, api)));
    }
    Ok((scenario, book))
}

/// The prices a scenario needs: those its estimate uses with the bundled prices, and
/// every processing and warehouse price of the region for `compare`.
fn needed_keys(scenario: &Scenario, book: &PriceBook) -> Vec<String> {
    let mut keys: Vec<String> = match model::estimate(scenario, book) {
        Ok(e) => e
            .months
            .iter()
            .chain(e.steady_state.iter())
            .flat_map(|m| m.lines.iter().map(|l| l.price.key.clone()))
            .collect(),
        Err(_) => Vec::new(),
    };
    // `compare` prices alternatives the estimate does not: every processing price for
    // workloads, every Redshift price for clusters paired with Serverless.
    let mut compare: Vec<&str> = Vec::new();
    if !scenario.workloads.is_empty() {
        compare.extend(["glue.", "emr.", "emr_serverless.", "ec2.", "ebs."]);
    }
    if !scenario.redshift.clusters.is_empty() {
        compare.push("redshift.");
    }
    keys.extend(
        book.prices()
            .into_iter()
            .filter(|p| p.region == scenario.region && compare.iter().any(|c| p.key.starts_with(c)))
            .map(|p| p.key.clone()),
    );
    keys.sort();
    keys.dedup();
    keys
}

/// Live prices for the scenario, or the bundled snapshot with a prominent warning.
fn live_book(scenario: &Scenario, bundled: PriceBook, api: &ApiArgs) -> PriceBook {
    let keys = needed_keys(scenario, &bundled);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build();
    let fetched = match runtime {
        Ok(rt) => rt.block_on(pricing::live::price_live(
            &bundled,
            &scenario.region,
            &keys,
            &api.config(),
            pricing::live::cache_dir().as_deref(),
            std::time::Duration::from_secs_f64(api.cache_ttl * 3600.0),
            &api.on_event(),
        )),
        Err(e) => Err(pricing::live::client::LiveError::Api {
            service_code: String::new(),
            message: format!("cannot start the async runtime: {e}"),
        }),
    };
    match fetched {
        Ok(book) => book,
        Err(e) => {
            eprintln!(
                "warning: live pricing is unavailable: {}",
                lakecost::text::for_terminal(&e.to_string())
            );
            eprintln!(
                "warning: FALLING BACK to the bundled price snapshot dated {}; these prices may be out of date",
                bundled.provenance.snapshot_date
            );
            let mut book = bundled;
            book.provenance.source = "bundled-snapshot (live pricing unavailable)".into();
            book
        }
    }
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
            "{sev}[{}]: {at}: `{}`: {}",
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

fn pricing_command(command: PricingCommand) -> Result<ExitCode, Failure> {
    match command {
        PricingCommand::Refresh {
            regions,
            services,
            out,
            allow_partial,
            allow_outliers,
            from,
            source,
            offers,
            api,
        } => {
            // An API endpoint given by flag or environment means the API.
            let api_endpoint = api.connect.endpoint_url.is_some()
                || ["AWS_ENDPOINT_URL_PRICING", "AWS_ENDPOINT_URL"]
                    .iter()
                    .any(|v| std::env::var_os(v).is_some_and(|u| !u.is_empty()));
            let source = source.or(api_endpoint.then_some(SourceKind::Api));
            let offers = match source {
                Some(SourceKind::Api) if offers.given() => {
                    return Err(BadInput(
                        "error: --offers-url and --offers-dir go with --source offers, not --source api\n"
                            .into(),
                    )
                    .into());
                }
                Some(SourceKind::Offers) => Some(offers),
                _ if offers.given() => Some(offers),
                _ => None,
            };
            let request = pricing::live::RefreshRequest {
                regions,
                services,
                out: out.clone(),
                allow_partial,
                allow_outliers,
                instance_types: model::instances::INSTANCE_TYPES
                    .iter()
                    .map(|t| t.name.to_string())
                    .collect(),
            };
            // Before anything else, and before any request: is `out` ours to replace?
            pricing::live::check_request(&request)
                .map_err(|e| BadInput(format!("error: {e}\n")))?;
            let spec_dir = from.or_else(|| out.join("manifest.json").exists().then(|| out.clone()));
            let spec = match &spec_dir {
                Some(dir) => pricing::load_dir(dir),
                None => PriceBook::bundled(),
            }
            .map_err(|e| BadInput(format!("error: {e}\n")))?;
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .context("starting the async runtime")?;
            let progress = indicatif::ProgressBar::new_spinner();
            let verbose = api.on_event();
            let on_event = |e: Event| {
                if let Event::Fetched {
                    service_code,
                    region,
                    ..
                } = &e
                {
                    progress.set_message(format!("{service_code} {region}"));
                    progress.tick();
                }
                verbose(e);
            };
            let config = api.config();
            let public_files = OffersArgs::source(&offers, &config);
            let summary = runtime.block_on(async {
                use pricing::live::{PriceSource, RefreshError, client::LiveError};
                let client = match (&public_files, source) {
                    (Some(_), _) => None,
                    (None, Some(SourceKind::Api)) => Some(
                        pricing::live::client::PriceListClient::new(&config)
                            .await
                            .map_err(RefreshError::Live)?,
                    ),
                    // No choice made: the API when credentials are there, else the
                    // public files.
                    (None, _) => match pricing::live::client::PriceListClient::new(&config).await {
                        Ok(c) => Some(c),
                        Err(LiveError::NoCredentials(_)) => None,
                        Err(e) => return Err(RefreshError::Live(e)),
                    },
                };
                let public =
                    public_files.unwrap_or_else(|| OffersArgs::default().source_or_aws(&config));
                let source = match &client {
                    Some(c) => PriceSource::Api(c),
                    None => PriceSource::Offers(&public),
                };
                eprintln!("reading prices from {}", source.describe());
                pricing::live::refresh(&source, &spec, &request, &config.limits, &on_event).await
            });
            progress.finish_and_clear();
            let summary = summary.map_err(|e| match e {
                pricing::live::RefreshError::Io(m) => Failure::Other(anyhow::anyhow!(m)),
                other => BadInput(format!("error: {other}\n")).into(),
            })?;
            let mut text = format!(
                "wrote {}: {} prices from {} request(s); {} carried over (not served by the Query API); {} missing; {} not offered; {} malformed item(s) skipped\n",
                out.display(),
                summary.prices,
                summary.requests,
                summary.carried.len(),
                summary.missing.len(),
                summary.not_offered.len(),
                summary.malformed
            );
            for (region, key) in &summary.missing {
                text.push_str(&format!("  missing: {region} {key}\n"));
            }
            for o in &summary.outliers {
                text.push_str(&format!(
                    "  outlier (written with --allow-outliers): {} {}: {} -> {}\n",
                    o.region, o.key, o.old_usd, o.new_usd
                ));
            }
            stdout(&text)
        }
        PricingCommand::Show {
            key,
            region,
            service,
            coverage,
            pricing,
        } => {
            let book = match &pricing {
                Some(dir) => pricing::load_dir(dir),
                None => PriceBook::bundled(),
            }
            .map_err(|e| BadInput(format!("error: {e}\n")))?;
            if coverage {
                return stdout(&report::prices::coverage(&book));
            }
            let shown =
                report::prices::show(&book, key.as_deref(), region.as_deref(), service.as_deref());
            stdout(&shown)
        }
        PricingCommand::Diff { old, new } => {
            let open = |p: &str| match p {
                "bundled" => PriceBook::bundled(),
                dir => pricing::load_dir(Path::new(dir)),
            };
            let old = open(&old).map_err(|e| BadInput(format!("error: {e}\n")))?;
            let new = open(&new).map_err(|e| BadInput(format!("error: {e}\n")))?;
            stdout(&report::prices::diff(&old, &new))
        }
    }
}
