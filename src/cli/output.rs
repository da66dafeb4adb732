//! How a run ends: outputs written atomically (staged, then renamed together), standard
//! output that a closed pipe or a full disk cannot turn into a panic, findings as
//! text, and the failures that become exit codes.

use super::*;

/// Bad input: exit 2 with a message already formatted for the user.
pub(crate) struct BadInput(pub(crate) String);

pub enum Failure {
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

/// Days since the prices' date, for the report header.
pub(crate) fn snapshot_age(book: &PriceBook) -> Option<i64> {
    pricing::dates::days_between(&book.provenance.snapshot_date, &pricing::dates::today())
}

/// Chart paths as a Markdown document will link them: relative to the folder of the
/// document (`--out`), or of the current directory when it is printed.
pub(crate) fn chart_links(charts: Option<&(&Path, Vec<Chart>)>, out: Option<&Path>) -> Vec<String> {
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
pub(crate) fn emit(
    text: &str,
    out: Option<&Path>,
    charts: Option<(&Path, Vec<Chart>)>,
    inputs: &[&Path],
) -> Result<ExitCode, Failure> {
    emit_with(text, out, charts, None, inputs)
}

/// [`emit`], with one more file written in the same commit (`optimize --write`).
pub(crate) fn emit_with(
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
pub(crate) fn stdout(text: &str) -> Result<ExitCode, Failure> {
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

/// Findings of a scenario run with `--set`, those the file as written does not raise
/// naming the overrides that caused them.
pub(crate) fn naming_overrides(
    findings: Vec<Finding>,
    as_written: &[Finding],
    set: &[Override],
) -> Vec<Finding> {
    if set.is_empty() {
        return findings;
    }
    let list = set
        .iter()
        .map(|o| format!("--set {o}"))
        .collect::<Vec<_>>()
        .join(", ");
    findings
        .into_iter()
        .map(|mut f| {
            if !as_written
                .iter()
                .any(|w| w.code == f.code && w.resource == f.resource)
            {
                f.message = format!("{} (with {list})", f.message);
            }
            f
        })
        .collect()
}

pub(crate) fn findings_text(findings: &[Finding], file: &str) -> String {
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
