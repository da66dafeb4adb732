//! The command line: the `lakecost` commands, one file each (its arguments and its
//! `run`), and what they share — argument groups, loading a scenario with its prices,
//! writing outputs atomically, and the failures that become exit codes.

mod args;
mod calibrate;
mod compare;
mod completions;
mod diff;
mod docs;
mod estimate;
mod explain;
mod init;
mod load;
mod optimize;
mod output;
mod prices;
mod reconcile;
mod sweep;
mod validate;

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

use args::*;
use load::*;
pub use output::Failure;
use output::*;

/// Cost and capacity planner for AWS data lakes.
#[derive(Parser)]
#[command(name = "lakecost", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Estimate capacity and cost month by month and at steady state.
    Estimate(estimate::Args),
    /// Compare Glue, EMR on EC2 and EMR Serverless for the scenario's workloads, and
    /// Redshift clusters with Serverless workgroups over the same data.
    Compare(compare::Args),
    /// Propose cheaper designs for the same workload (lifecycle, Flex, spot, Graviton,
    /// pause schedules, capacity modes), each priced again whole, with the YAML edit.
    Optimize(optimize::Args),
    /// Compare the scenario with what CloudWatch measured for the AWS resources its
    /// `aws:` maps name, and write a calibrated copy.
    Calibrate(calibrate::Args),
    /// An estimate month beside what AWS billed for it (a CUR 2.0 or FOCUS 1.2 export):
    /// per line the quantity and rate effects, and the billed usage the scenario does
    /// not describe.
    Reconcile(reconcile::Args),
    /// What a change to a scenario does to the bill: BASE.yaml against NEW.yaml.
    Diff(diff::Args),
    /// Price a grid of one or two inputs: the steady-state and horizon cost at each value,
    /// e.g. `--vary ingest.per_day="0.5 TB..4 TB:8"`.
    Sweep(sweep::Args),
    /// Check a scenario: print findings only.
    Validate(validate::Args),
    /// Explain a finding code, e.g. `lakecost explain LC-S3-001`.
    Explain(explain::Args),
    /// Write a starter scenario, annotated key by key, to edit and estimate.
    Init(init::Args),
    /// Print a shell completion script, e.g. `lakecost completions bash >
    /// ~/.local/share/bash-completion/completions/lakecost` (bash, zsh, fish,
    /// powershell, elvish).
    Completions(completions::Args),
    /// Print the manual page (roff), e.g. `lakecost man > ~/.local/share/man/man1/lakecost.1`.
    Man,
    /// Print the JSON Schema of the scenario format, for editors: save it and start a
    /// scenario with `# yaml-language-server: $schema=lakecost.schema.json`.
    Schema,
    /// Price snapshots: refresh from the AWS Price List API, show, diff.
    Pricing(prices::Args),
}

pub fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Estimate(args) => estimate::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Optimize(args) => optimize::run(args),
        Command::Calibrate(args) => calibrate::run(args),
        Command::Reconcile(args) => reconcile::run(args),
        Command::Diff(args) => diff::run(args),
        Command::Sweep(args) => sweep::run(args),
        Command::Validate(args) => validate::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Init(args) => init::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man => docs::man(),
        Command::Schema => docs::schema(),
        Command::Pricing(args) => prices::run(args),
    }
}
