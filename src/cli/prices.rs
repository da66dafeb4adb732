//! `lakecost pricing`: price snapshots — refresh from AWS, show, diff.

use super::*;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: PricingCommand,
}

pub fn run(args: Args) -> Result<ExitCode, Failure> {
    pricing_command(args.command)
}

#[derive(Subcommand)]
enum PricingCommand {
    /// Fetch prices into a snapshot directory: from the AWS Price List API with
    /// credentials, else from AWS's public price files (offer files), saying which.
    Refresh {
        /// Regions to fetch (repeatable); default: every region of the snapshot.
        #[arg(long = "region", value_name = "REGION")]
        regions: Vec<String>,
        /// Services to fetch, comma-separated; default: all.
        #[arg(long, value_delimiter = ',', value_parser = service_names())]
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
        /// Columns the table may use (40 to 1000); default: the terminal's width, or 100
        /// when the output is not a terminal.
        #[arg(long, value_parser = clap::value_parser!(u16).range(40..=1000))]
        width: Option<u16>,
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

/// The registry's service names, which `--services` accepts (and lists in `--help`).
fn service_names() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(model::Service::ALL.iter().map(|s| s.name()))
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
            // The parser took only the registry's names.
            let key_prefixes = services
                .iter()
                .filter_map(|s| model::Service::named(s))
                .flat_map(model::Service::key_prefixes)
                .collect();
            let request = pricing::live::RefreshRequest {
                regions,
                key_prefixes,
                catalogue: model::services::catalogue(),
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
            width,
        } => {
            let book = match &pricing {
                Some(dir) => pricing::load_dir(dir),
                None => PriceBook::bundled(),
            }
            .map_err(|e| BadInput(format!("error: {e}\n")))?;
            if coverage {
                return stdout(&report::prices::coverage(&book));
            }
            // A key the book has nowhere is a mistake to name, not an empty table.
            if let Some(k) = &key {
                let prices = book.prices();
                if !prices.iter().any(|p| &p.key == k) {
                    let hint =
                        lakecost::scenario::did_you_mean(k, prices.iter().map(|p| p.key.as_str()));
                    return Err(BadInput(format!(
                        "error: the price snapshot has no price key `{}`{hint}; `lakecost pricing show` lists them\n",
                        lakecost::text::one_line(k)
                    ))
                    .into());
                }
            }
            let shown = report::prices::show(
                &book,
                key.as_deref(),
                region.as_deref(),
                service.as_deref(),
                super::args::table_width(width, false),
            );
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
