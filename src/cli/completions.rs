//! `lakecost completions SHELL`: a completion script from the command's own definition.

use super::*;

#[derive(clap::Args)]
pub struct Args {
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

pub fn run(args: Args) -> Result<ExitCode, Failure> {
    let Args { shell } = args;
    let mut script = Vec::new();
    let mut command = <Cli as clap::CommandFactory>::command();
    clap_complete::generate(shell, &mut command, "lakecost", &mut script);
    stdout(&String::from_utf8_lossy(&script))
}
