//! `lakecost init`: write a starter scenario, annotated key by key, to edit and estimate.

use super::*;

#[derive(clap::Args)]
pub struct Args {
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
}

pub fn run(args: Args) -> Result<ExitCode, Failure> {
    let Args {
        file,
        template,
        region,
        force,
    } = args;
    if !force && std::fs::symlink_metadata(&file).is_ok() {
        return Err(BadInput(format!(
            "error: {} already exists; lakecost init replaces a file only with --force: name another, e.g. `lakecost init my-lake.yaml`\n",
            file.display()
        ))
        .into());
    }
    // The region is spliced into the template's text: only a known region code may be
    // (a newline would write sections of its own).
    if let Some(r) = &region
        && lakecost::regions::region(r).is_none()
    {
        let codes = lakecost::regions::REGIONS.iter().map(|x| x.code);
        let hint = scenario::did_you_mean(r, codes);
        return Err(BadInput(format!(
            "error: --region `{}` is not an AWS region code lakecost knows{hint}\n",
            lakecost::text::one_line(r)
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
    let book = PriceBook::bundled_for(&scenario.regions())
        .map_err(|e| BadInput(format!("error: {e}\n")))?;
    model::estimate(&scenario, &book).map_err(|e| {
        BadInput(format!(
            "error: the template cannot be priced in {}: {e}; choose another --region or template\n",
            scenario.region
        ))
    })?;
    if force {
        lakecost::files::check_output(&file, &[]).map_err(|e| BadInput(format!("error: {e}\n")))?;
    }
    lakecost::files::write_atomic(&file, text.as_bytes())
        .map_err(|e| BadInput(format!("error: {e}\n")))?;
    stdout(&format!(
        "wrote {}: edit it, then `lakecost estimate {}`\n",
        file.display(),
        file.display()
    ))
}

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
            Template::Lake => include_str!("../../scenarios/starter.yaml"),
            Template::Streaming => include_str!("../../scenarios/streaming-10k-eps.yaml"),
            Template::GlueVsEmr => include_str!("../../scenarios/glue-vs-emr.yaml"),
            Template::Minimal => include_str!("../../scenarios/minimal.yaml"),
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
