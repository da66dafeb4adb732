//! The `lakecost` command: parses arguments, calls the library, maps errors to exit
//! codes (0 fine, 1 warnings under `--strict` or a failure to write, 2 bad input).

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run(cli::Cli::parse()) {
        Ok(code) => code,
        Err(cli::Failure::BadInput(msg)) => {
            eprint!("{}", lakecost::text::for_terminal(&msg));
            ExitCode::from(2)
        }
        Err(cli::Failure::Other(e)) => {
            eprintln!("error: {}", lakecost::text::for_terminal(&format!("{e:#}")));
            ExitCode::from(1)
        }
    }
}
