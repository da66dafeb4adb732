//! Loading a scenario: YAML text → [`RawScenario`] → checked [`Scenario`], or one
//! [`ScenarioError`] that says where (line, column, field), what was expected, and
//! what was probably meant.

use super::check::{ScenarioError, check_name, closest, loc, loc_of};
use super::compute;
use super::layers::{check_from_layers, check_layer, check_layer_source};
use super::raw::RawScenario;
use super::streams;
use super::warehouse;
use super::{Ingest, Layer, Loc, Scenario};
use crate::units::{Bytes, Fraction};
use serde_saphyr::Spanned;

/// Longest horizon lakecost simulates: 50 years of months.
const MAX_MONTHS: u32 = 600;

/// The most a lake may ingest a day, at the end of its horizon: 1 EB (1,048,576 TB),
/// beyond any lake on record, and far inside what the models compute finitely.
const MAX_INGEST_PER_DAY: Bytes = Bytes(1024.0 * crate::units::PIB);

/// Reads a suggestion out of serde's "unknown field `x`, expected one of `a`, `b`" and
/// our own "unknown storage class `x`, expected one of A, B" messages.
fn suggestion_from_message(msg: &str) -> Option<String> {
    let start = msg.find('`')? + 1;
    let word = &msg[start..start + msg[start..].find('`')?];
    let list = msg.split("expected ").nth(1)?;
    let list = list.strip_prefix("one of ").unwrap_or(list);
    let candidates: Vec<&str> = list
        .split(',')
        .map(|c| c.trim().trim_matches('`').trim())
        .filter(|c| !c.is_empty())
        .collect();
    closest(word, candidates)
}

/// Strips saphyr's "error: line 4 column 5: " prefix: we print the position ourselves.
fn bare_message(err: &serde_saphyr::Error) -> String {
    let text = err.without_snippet().to_string();
    let text = text.lines().next().unwrap_or_default().to_string();
    let text = text.strip_prefix("error: ").unwrap_or(&text).to_string();
    let text = match text.split_once(": ") {
        Some((head, rest)) if head.starts_with("line ") => rest.to_string(),
        _ => text,
    };
    // Some messages repeat the position at the end: " at line 8, column 7".
    let text = match text.rfind(" at line ") {
        Some(i) if text[i..].contains(", column ") => text[..i].to_string(),
        _ => text,
    };
    in_our_words(text)
}

/// The YAML library's messages that name its own internals, said for a user.
fn in_our_words(text: String) -> String {
    if let Some(rest) = text.strip_prefix("duplicate mapping key") {
        let key = rest
            .strip_prefix(": ")
            .and_then(|r| r.split(", set DuplicateKeyPolicy").next())
            .map(|k| format!(" `{k}`"))
            .unwrap_or_default();
        return format!("the key{key} appears twice in one mapping; keep one of them");
    }
    if text.starts_with("budget breached") {
        return "the file is larger or more deeply nested than a scenario can be (too many nodes, aliases or levels); lakecost stopped reading it".into();
    }
    if text == "IO error" {
        return "the file could not be read".into();
    }
    if text.starts_with("data did not match any variant of untagged enum") {
        return "expected a single value here — a number or a quantity such as `0.2`, `20%`, `1 TB`, `2 h` — not a list or a map".into();
    }
    if text.starts_with("tabs disallowed") {
        return "tabs are not allowed for indentation in YAML: indent with spaces".into();
    }
    if let Some(key) = text
        .strip_prefix("missing field `")
        .and_then(|r| r.strip_suffix('`'))
    {
        return format!("the required key `{key}` is missing here");
    }
    text
}

/// Parses and checks a scenario, with its uncertain inputs when it has any (see
/// [`super::uncertain`]). The text is the whole file.
pub fn load_str(text: &str) -> Result<Scenario, ScenarioError> {
    super::uncertain::load(text)
}

/// Parses and checks a scenario whose keys all hold values.
pub(super) fn load_plain(text: &str) -> Result<Scenario, ScenarioError> {
    load_plain_with(text, None)
}

/// [`load_plain`] with the file's positioned tree when the caller has parsed it
/// already (a YAML parse is most of a start-up's time).
pub(super) fn load_plain_with(
    text: &str,
    tree: Option<&Spanned<super::tree::Node>>,
) -> Result<Scenario, ScenarioError> {
    // Bounds first, on the positioned tree; a file that is not YAML is the typed
    // parse's to report.
    let parsed;
    let tree = match tree {
        Some(t) => Some(t),
        None => {
            parsed = serde_saphyr::from_str::<Spanned<super::tree::Node>>(text).ok();
            parsed.as_ref()
        }
    };
    if let Some(tree) = tree {
        super::bounds::check(tree).map_err(|e| with_source(e, text))?;
    }
    // A file that parses needs no path tracking (which doubles the parse's cost); one
    // that does not is parsed again with it, for the message's field.
    // The tree, when there is one, is read into the types without parsing again.
    let mut path = String::new();
    let replayed = tree.and_then(|t| super::replay::replay::<RawScenario>(t, text));
    let parsed = replayed
        .map_or_else(|| serde_saphyr::from_str::<RawScenario>(text), Ok)
        .or_else(|_| {
            serde_saphyr::with_deserializer_from_str(text, |de| {
                serde_path_to_error::deserialize::<_, RawScenario>(de).map_err(|e| {
                    path = e.path().to_string();
                    e.into_inner()
                })
            })
        });
    let raw = match parsed {
        Ok(raw) => raw,
        Err(e) => {
            let mut message = bare_message(&e);
            let field = field_of(&path, &message);
            // serde reports a missing top-level key at the end of the mapping; say
            // plainly that it is the scenario's own key.
            let top_level_missing = field.is_empty() && message.starts_with("the required key");
            if top_level_missing {
                message = message.replace(
                    "is missing here",
                    "is missing at the top level of the scenario",
                );
                let err = ScenarioError::at(Some(Loc { line: 1, column: 1 }), field, &message);
                return Err(with_source(err, text));
            }
            let err = ScenarioError::at(e.location().as_ref().and_then(loc_of), field, &message)
                .suggest(suggestion_from_message(&message));
            return Err(with_source(err, text));
        }
    };
    check(raw).map_err(|e| with_source(e, text))
}

/// serde_path_to_error names `Spanned` fields `.value`; users never wrote that.
fn clean_path(path: &str) -> String {
    let p = path.replace(".value", "");
    // serde_path_to_error writes `?` for a map key it did not reach (a duplicated one).
    let p = p.strip_suffix(".?").unwrap_or(&p).to_string();
    if p == "." || p == "?" {
        String::new()
    } else {
        p
    }
}

/// The field a message is about: `path`, with the key a "the key `k` appears twice"
/// message names when the path stops short of it.
fn field_of(path: &str, message: &str) -> String {
    let field = clean_path(path);
    let twice = message
        .strip_prefix("the key `")
        .and_then(|rest| rest.split_once('`'))
        .filter(|(_, after)| after.starts_with(" appears twice"))
        .map(|(key, _)| key);
    match twice {
        Some(key) if path.ends_with('?') && field.is_empty() => key.to_string(),
        Some(key) if path.ends_with('?') => format!("{field}.{key}"),
        _ => field,
    }
}

pub(super) fn with_source(mut err: ScenarioError, text: &str) -> ScenarioError {
    if let Some(l) = err.loc {
        err.source_line = text
            .lines()
            .nth(l.line.saturating_sub(1) as usize)
            .map(str::to_string);
    }
    err
}

fn check(raw: RawScenario) -> Result<Scenario, ScenarioError> {
    let bindings = super::binding::bindings(&raw)?;
    if raw.version.value != 1 {
        return Err(ScenarioError::at(
            loc(&raw.version),
            "version",
            format!(
                "this lakecost reads scenario format version 1, found {}",
                raw.version.value
            ),
        ));
    }
    check_name(&raw.name, "name")?;
    let region = super::check::region_code("region", &raw.region)?;
    let months = match &raw.months {
        None => 12,
        Some(m) if (1..=MAX_MONTHS).contains(&m.value) => m.value,
        Some(m) => {
            return Err(ScenarioError::at(
                loc(m),
                "months",
                format!(
                    "expected a horizon from 1 to {MAX_MONTHS} months, found {}",
                    m.value
                ),
            ));
        }
    };
    let start = match &raw.start {
        None => None,
        Some(t) => Some(
            crate::units::Period::parse(&t.value)
                .filter(|p| t.value.len() == 7 && p.year >= 1970)
                .ok_or_else(|| {
                    ScenarioError::at(
                        loc(t),
                        "start",
                        format!(
                            "expected the calendar month of the horizon's month 1 as YYYY-MM (e.g. 2027-01), found `{}`",
                            crate::text::one_line(&t.value)
                        ),
                    )
                })?,
        ),
    };
    let has_ingest = raw.ingest.is_some();
    let ingest = match raw.ingest {
        Some(i) => {
            let growth = i
                .growth_per_month
                .as_ref()
                .map_or(Fraction::ZERO, |g| g.value);
            // The daily ingest the growth leads to by the last month: bounded, so that
            // every figure of the bill stays finite. The error names the first month
            // past the bound.
            let in_month = |m: u32| i.per_day.value.0 * (1.0 + growth.value()).powi(m as i32 - 1);
            if let Some(m) = (1..=months).find(|m| {
                let v = in_month(*m);
                v.is_nan() || v > MAX_INGEST_PER_DAY.0
            }) {
                let (at, field) = match &i.growth_per_month {
                    Some(g) if growth.value() > 0.0 && m > 1 => (loc(g), "ingest.growth_per_month"),
                    _ => (loc(&i.per_day), "ingest.per_day"),
                };
                return Err(ScenarioError::at(
                    at,
                    field,
                    format!(
                        "in month {m} ingest would be {} a day, past the {MAX_INGEST_PER_DAY} a day lakecost plans for: lower the growth, the horizon or the volume",
                        Bytes(in_month(m))
                    ),
                ));
            }
            Ingest {
                per_day: i.per_day.value,
                growth_per_month: growth,
            }
        }
        None => Ingest {
            per_day: Bytes::ZERO,
            growth_per_month: Fraction::ZERO,
        },
    };
    let raw_layers = raw.s3.map(|s| s.layers).unwrap_or_default();
    let mut layers: Vec<Layer> = Vec::with_capacity(raw_layers.len());
    for (i, l) in raw_layers.into_iter().enumerate() {
        let layer = check_layer(i, l)?;
        if layers.iter().any(|o| o.name == layer.name) {
            return Err(ScenarioError::at(
                layer.loc,
                format!("s3.layers[{i}].name"),
                format!("layer name `{}` is used twice", layer.name),
            ));
        }
        layers.push(layer);
    }
    let kinesis = match raw.kinesis {
        Some(k) => streams::check_kinesis(k.streams)?,
        None => Vec::new(),
    };
    let firehose = match raw.firehose {
        Some(f) => streams::check_firehose(f.streams, &kinesis, &layers)?,
        None => Vec::new(),
    };
    let dynamodb = super::dynamodb::check(&raw.dynamodb, &layers)?;
    let network = super::network::check(&raw.network, &region, &layers)?;
    for (i, l) in layers.iter().enumerate() {
        check_layer_source(i, l, &firehose, &dynamodb)?;
        if let Some(r) = l.replication.as_ref().filter(|r| r.to == region) {
            return Err(ScenarioError::at(
                r.loc,
                format!("s3.layers[{i}].replicate_to"),
                format!(
                    "`{region}` is the scenario's own region: `replicate_to` prices cross-region replication (same-region replication is not modelled)"
                ),
            ));
        }
        if l.share_of_ingest.value() > 0.0 && !has_ingest {
            return Err(ScenarioError::at(
                l.loc,
                format!("s3.layers[{i}].share_of_ingest"),
                "`share_of_ingest` is a share of `ingest.per_day`, which this scenario does not give: add `ingest: { per_day: … }`, or describe the layer's writes with `from_layer` (a ratio of another layer's writes), a Firehose stream's `deliver_to`, or `existing` data",
            ));
        }
    }
    check_from_layers(&layers)?;
    let glue = match &raw.glue {
        Some(g) => compute::check_glue(g, &layers)?,
        None => super::Glue::default(),
    };
    let emr = match &raw.emr {
        Some(e) => compute::check_emr(&e.clusters, &e.serverless)?,
        None => super::Emr::default(),
    };
    check_alternatives(&glue, &emr)?;
    let workloads = compute::check_workloads(&raw.workloads)?;
    let redshift = match &raw.redshift {
        Some(r) => {
            let (clusters, serverless) = warehouse::check_redshift(r, &layers)?;
            super::Redshift {
                clusters,
                serverless,
            }
        }
        None => super::Redshift::default(),
    };
    let athena = match &raw.athena {
        Some(a) => warehouse::check_athena(a, &layers)?,
        None => Vec::new(),
    };
    let lambda = match &raw.lambda {
        Some(l) => warehouse::check_lambda(l, &layers)?,
        None => Vec::new(),
    };
    let stepfunctions = match &raw.stepfunctions {
        Some(s) => warehouse::check_stepfunctions(s)?,
        None => Vec::new(),
    };
    let cloudwatch = super::cloudwatch::check(&raw.cloudwatch, &glue.jobs, &lambda)?;
    Ok(Scenario {
        name: raw.name.value,
        region,
        months,
        start,
        ingest,
        s3: super::S3 { layers },
        kinesis: super::Kinesis { streams: kinesis },
        firehose: super::Firehose { streams: firehose },
        glue,
        emr,
        workloads,
        redshift,
        athena: super::Athena { workgroups: athena },
        lambda: super::Lambda { functions: lambda },
        stepfunctions: super::StepFunctions {
            state_machines: stepfunctions,
        },
        dynamodb,
        network,
        cloudwatch,
        uncertainty: None,
        bindings,
    })
}

/// `alternative_of` names another Glue job, EMR cluster or EMR Serverless application
/// of the scenario that is itself billed (not an alternative).
fn check_alternatives(glue: &super::Glue, emr: &super::Emr) -> Result<(), ScenarioError> {
    let items: Vec<(String, &str, Option<&String>, Option<Loc>)> = glue
        .jobs
        .iter()
        .enumerate()
        .map(|(i, j)| {
            (
                format!("glue.jobs[{i}]"),
                j.name.as_str(),
                j.alternative_of.as_ref(),
                j.loc,
            )
        })
        .chain(emr.clusters.iter().enumerate().map(|(i, c)| {
            (
                format!("emr.clusters[{i}]"),
                c.name.as_str(),
                c.alternative_of.as_ref(),
                c.loc,
            )
        }))
        .chain(emr.serverless.iter().enumerate().map(|(i, a)| {
            (
                format!("emr.serverless[{i}]"),
                a.name.as_str(),
                a.alternative_of.as_ref(),
                a.loc,
            )
        }))
        .collect();
    for (path, name, alt, at) in &items {
        let Some(alt) = alt else { continue };
        let field = format!("{path}.alternative_of");
        match items.iter().find(|(_, n, _, _)| n == alt) {
            None => {
                return Err(ScenarioError::at(
                    *at,
                    field,
                    format!(
                        "no Glue job, EMR cluster or EMR Serverless application is named `{alt}`"
                    ),
                )
                .suggest(closest(alt, items.iter().map(|(_, n, _, _)| *n))));
            }
            Some((_, n, _, _)) if n == name => {
                return Err(ScenarioError::at(
                    *at,
                    field,
                    "an engine cannot be its own alternative",
                ));
            }
            Some((_, _, Some(_), _)) => {
                return Err(ScenarioError::at(
                    *at,
                    field,
                    format!("`{alt}` is itself an alternative: name the engine that is billed"),
                ));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "version: 1\nname: t\nregion: us-east-1\n";

    #[test]
    fn yaml_errors_point_at_the_real_place_in_the_users_words() {
        let e =
            load_str("version: 1\nname: x\nregion: us-east-1\ns3:\n  layers:\n\t- { name: a }\n")
                .unwrap_err();
        assert!(e.message.contains("tabs are not allowed"), "{}", e.message);
        assert_eq!(e.loc.unwrap().line, 6);
        let e = load_str("version: 1\nregion: us-east-1\ningest:\n  per_day: 1 TB\n").unwrap_err();
        assert!(
            e.message.contains("`name` is missing at the top level"),
            "{}",
            e.message
        );
        assert_eq!(e.loc.unwrap().line, 1);
        let e = load_str("version: 1\nname: x\nregion: us-east-1\ningest: { per_day: 1 TB, growth_per_month: [1, 2] }\n").unwrap_err();
        assert!(!e.message.contains("untagged"), "{}", e.message);
    }

    #[test]
    fn minimal_scenario_takes_documented_defaults() {
        let s = load_str(MINIMAL).unwrap();
        assert_eq!(s.months, 12);
        assert_eq!(s.ingest.per_day, Bytes::ZERO);
        assert!(s.s3.layers.is_empty());
    }

    #[test]
    fn misspelled_key_points_at_it_and_suggests() {
        let text = format!(
            "{MINIMAL}s3:\n  layers:\n    - name: bronze\n      share_of_ingest: 1\n      objct_size: 1 MB\n"
        );
        let e = load_str(&text).unwrap_err();
        assert_eq!(e.loc, Some(Loc { line: 8, column: 7 }));
        assert_eq!(e.field, "s3.layers[0].objct_size");
        assert_eq!(e.suggestion.as_deref(), Some("object_size"));
        assert!(e.to_string().contains("did you mean `object_size`"));
    }

    #[test]
    fn unknown_region_suggests_the_nearest() {
        let e = load_str("version: 1\nname: t\nregion: us-east1\n").unwrap_err();
        assert_eq!(e.field, "region");
        assert_eq!(e.loc, Some(Loc { line: 3, column: 9 }));
        assert_eq!(e.suggestion.as_deref(), Some("us-east-1"));
    }

    #[test]
    fn negative_size_and_unknown_class_are_errors_at_the_value() {
        let text = format!("{MINIMAL}ingest:\n  per_day: -1 TB\n");
        let e = load_str(&text).unwrap_err();
        assert_eq!(
            e.loc,
            Some(Loc {
                line: 5,
                column: 12
            })
        );
        assert!(e.message.contains("negative"), "{}", e.message);
        let text = format!(
            "{MINIMAL}s3:\n  layers:\n    - {{ name: a, share_of_ingest: 1, object_size: 1 MB, storage_class: GLACER }}\n"
        );
        let e = load_str(&text).unwrap_err();
        assert_eq!(e.suggestion.as_deref(), Some("GLACIER"));
    }

    #[test]
    fn malformed_yaml_is_an_error_with_a_position() {
        let e = load_str("version: 1\nname: [\n").unwrap_err();
        assert!(e.loc.is_some());
    }

    #[test]
    fn overlapping_access_ranges_are_rejected() {
        let text = format!(
            "{MINIMAL}s3:\n  layers:\n    - name: a\n      share_of_ingest: 1\n      object_size: 1 MB\n      access:\n        - {{ age_days: 0-10, reads_per_month: 1 }}\n        - {{ age_days: 5-20, reads_per_month: 1 }}\n"
        );
        let e = load_str(&text).unwrap_err();
        assert!(e.message.contains("overlaps"));
        assert_eq!(e.loc.unwrap().line, 11);
    }
}
