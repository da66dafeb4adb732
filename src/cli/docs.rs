//! `lakecost man` and `lakecost schema`: the documentation the binary carries.

use super::*;

pub fn man() -> Result<ExitCode, Failure> {
    let mut page = Vec::new();
    clap_mangen::Man::new(<Cli as clap::CommandFactory>::command())
        .render(&mut page)
        .map_err(|e| Failure::Other(e.into()))?;
    stdout(&String::from_utf8_lossy(&page))
}

pub fn schema() -> Result<ExitCode, Failure> {
    let schema = lakecost::scenario::schema::json_schema();
    let mut text = serde_json::to_string_pretty(&schema).map_err(|e| Failure::Other(e.into()))?;
    text.push('\n');
    stdout(&text)
}
