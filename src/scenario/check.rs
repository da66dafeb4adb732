//! What every section's loader checks the same way: the error that says where and
//! what was meant, positions, counts, day counts, names and unique names. The section
//! loaders and the file's loader all use it; it uses none of them.

use super::Loc;
use serde_saphyr::{Location, Spanned};
use std::fmt;

/// A scenario that cannot be used, with the place and a way to fix it. Boxed: errors
/// are rare and the happy path should not carry their size.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioError(Box<ErrorDetail>);

/// What a [`ScenarioError`] says; read through the error (`err.field`, `err.loc`…).
#[derive(Debug, Clone, PartialEq)]
pub struct ErrorDetail {
    /// The file, once the caller knows it (see [`ScenarioError::in_file`]).
    pub file: Option<String>,
    pub loc: Option<Loc>,
    /// Dotted path of the offending key, e.g. `s3.layers[0].object_size`.
    pub field: String,
    pub message: String,
    pub suggestion: Option<String>,
    /// The source line the error points at, for display.
    pub source_line: Option<String>,
}

impl std::ops::Deref for ScenarioError {
    type Target = ErrorDetail;
    fn deref(&self) -> &ErrorDetail {
        &self.0
    }
}

impl std::ops::DerefMut for ScenarioError {
    fn deref_mut(&mut self) -> &mut ErrorDetail {
        &mut self.0
    }
}

impl ScenarioError {
    pub(super) fn at(
        loc: Option<Loc>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        ScenarioError(Box::new(ErrorDetail {
            file: None,
            loc,
            field: field.into(),
            message: message.into(),
            suggestion: None,
            source_line: None,
        }))
    }

    /// An error with no position or field: about the scenario as a whole.
    pub(super) fn plain(message: impl Into<String>) -> Self {
        ScenarioError::at(None, "", message)
    }

    pub(super) fn suggest(mut self, s: Option<String>) -> Self {
        self.suggestion = s;
        self
    }

    /// Names the file the scenario came from, for messages.
    pub fn in_file(mut self, file: &str) -> Self {
        self.file = Some(file.to_string());
        self
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.as_deref().unwrap_or("<scenario>");
        match self.loc {
            Some(l) => write!(f, "error: {file}:{}:{}", l.line, l.column)?,
            None => write!(f, "error: {file}")?,
        }
        // The message and the source line may quote the file, which is not ours.
        let message = crate::text::one_line(&self.message);
        if self.field.is_empty() || self.field == "?" {
            writeln!(f, ": {message}")?;
        } else {
            writeln!(f, ": `{}`: {message}", crate::text::one_line(&self.field))?;
        }
        if let (Some(l), Some(src)) = (self.loc, &self.source_line) {
            let src = crate::text::one_line(src);
            let num = l.line.to_string();
            writeln!(f, " {num} | {src}")?;
            let pad = " ".repeat(num.len());
            let caret = " ".repeat(l.column.saturating_sub(1) as usize);
            writeln!(f, " {pad} | {caret}^")?;
        }
        if let Some(s) = &self.suggestion {
            writeln!(f, "  help: did you mean `{}`?", crate::text::one_line(s))?;
        }
        Ok(())
    }
}

impl std::error::Error for ScenarioError {}

pub(super) fn loc_of(l: &Location) -> Option<Loc> {
    (l.line() > 0).then(|| Loc {
        line: l.line(),
        column: l.column(),
    })
}

pub(super) fn loc<T>(s: &Spanned<T>) -> Option<Loc> {
    loc_of(&s.referenced)
}

/// A region code AWS has (`us-east-1`), trimmed, or an error at `field` with the
/// closest code.
pub(super) fn region_code(field: &str, v: &Spanned<String>) -> Result<String, ScenarioError> {
    let code = v.value.trim();
    if crate::regions::region(code).is_some() {
        return Ok(code.to_string());
    }
    Err(ScenarioError::at(
        loc(v),
        field,
        format!("unknown AWS region `{code}`, expected a region code such as us-east-1"),
    )
    .suggest(closest(
        code,
        crate::regions::REGIONS.iter().map(|r| r.code),
    )))
}

/// A count or rate that cannot be negative.
pub(super) fn non_negative(
    field: String,
    v: &Spanned<f64>,
    what: &str,
) -> Result<f64, ScenarioError> {
    if v.value.is_finite() && v.value >= 0.0 {
        Ok(v.value)
    } else {
        Err(ScenarioError::at(
            loc(v),
            field,
            format!("expected {what} ≥ 0, found {}", v.value),
        ))
    }
}

/// The most days any day-valued key may hold (lifecycle and expiry days, the age of
/// existing data, access ranges, restored copies): 100 years, beyond any retention
/// policy, and a bound on the work an estimate does.
pub(super) const MAX_DAYS: u32 = 36_500;

/// `days` within [`MAX_DAYS`], or an error at `at` naming `field`.
pub(super) fn check_days(days: u32, at: Option<Loc>, field: &str) -> Result<(), ScenarioError> {
    if days > MAX_DAYS {
        return Err(ScenarioError::at(
            at,
            field,
            format!("expected at most {MAX_DAYS} days (100 years), found {days}"),
        ));
    }
    Ok(())
}

/// The longest name a scenario may give: names label the lines of every report.
const MAX_NAME_CHARS: usize = 128;

/// A name reports can print: not empty, at most [`MAX_NAME_CHARS`] characters, and no
/// control or bidirectional-formatting characters (which could repaint a terminal or
/// reorder what a reviewer reads). Names come from other people's pull requests.
pub(super) fn check_name(name: &Spanned<String>, field: &str) -> Result<(), ScenarioError> {
    let n = &name.value;
    let bad = n.chars().find(|c| crate::text::is_hidden(*c));
    let problem = if n.trim().is_empty() {
        Some("a name cannot be empty".to_string())
    } else if n.chars().count() > MAX_NAME_CHARS {
        Some(format!(
            "a name may have at most {MAX_NAME_CHARS} characters, this one has {}",
            n.chars().count()
        ))
    } else {
        bad.map(|c| {
            format!(
                "a name cannot hold control or text-direction characters, found U+{:04X}",
                c as u32
            )
        })
    };
    match problem {
        Some(p) => Err(ScenarioError::at(loc(name), field, p)),
        None => Ok(()),
    }
}

/// Names within a section are valid and unique: `seen` holds those read so far.
pub(super) fn unique<'a>(
    seen: &mut Vec<&'a str>,
    name: &'a Spanned<String>,
    field: String,
) -> Result<(), ScenarioError> {
    check_name(name, &field)?;
    if seen.contains(&name.value.as_str()) {
        return Err(ScenarioError::at(
            loc(name),
            field,
            format!("name `{}` is used twice", name.value),
        ));
    }
    seen.push(&name.value);
    Ok(())
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
/// " (did you mean `x`?)" with the [`closest`] candidate, or nothing: the hint every
/// message about an unknown name ends with.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(word, candidates)
        .map(|n| format!(" (did you mean `{n}`?)"))
        .unwrap_or_default()
}

pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    // Case is compared last: `glacier` is `GLACIER` misspelt, whatever the score of the
    // letters as written. Ties go to the first candidate, which lists put in their most
    // common order.
    let lower = word.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = if c.eq_ignore_ascii_case(word) {
            2.0
        } else {
            strsim::jaro_winkler(&lower, &c.to_lowercase())
        };
        if score > 0.8 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c.to_string())
}
