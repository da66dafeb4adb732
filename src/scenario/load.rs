//! Loading a scenario: YAML text → [`RawScenario`] → checked [`Scenario`], or one
//! [`ScenarioError`] that says where (line, column, field), what was expected, and
//! what was probably meant.

use super::check::{MAX_DAYS, ScenarioError, check_days, check_name, closest, loc, loc_of};
use super::compute;
use super::raw::{RawAccess, RawExisting, RawLayer, RawScenario};
use super::region::KNOWN_REGIONS;
use super::streams;
use super::warehouse;
use super::{
    Access, AccessKind, Existing, FirehoseStream, Ingest, Layer, Loc, Located, RestoreTier,
    Scenario, StorageClass, Transition,
};
use crate::units::{Bytes, Fraction};
use serde_saphyr::Spanned;

/// Longest horizon lakecost simulates: 50 years of months.
const MAX_MONTHS: u32 = 600;

/// The most a lake may ingest a day, at the end of its horizon: 1 EB (1,048,576 TB),
/// beyond any lake on record, and far inside what the models compute finitely.
const MAX_INGEST_PER_DAY: Bytes = Bytes(1024.0 * 1024.0 * 1024.0 * 1024.0 * 1024.0 * 1024.0);

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
    // Bounds first, on the positioned tree; a file that is not YAML is the typed
    // parse's to report.
    if let Ok(tree) = serde_saphyr::from_str::<Spanned<super::tree::Node>>(text) {
        super::bounds::check(&tree).map_err(|e| with_source(e, text))?;
    }
    let mut path = String::new();
    let parsed = serde_saphyr::with_deserializer_from_str(text, |de| {
        serde_path_to_error::deserialize::<_, RawScenario>(de).map_err(|e| {
            path = e.path().to_string();
            e.into_inner()
        })
    });
    let raw = match parsed {
        Ok(raw) => raw,
        Err(e) => {
            let mut message = bare_message(&e);
            let field = clean_path(&path);
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
    if p == "." { String::new() } else { p }
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
    let region = raw.region.value.trim().to_string();
    if !KNOWN_REGIONS.contains(&region.as_str()) {
        return Err(ScenarioError::at(
            loc(&raw.region),
            "region",
            format!("unknown AWS region `{region}`, expected a region code such as us-east-1"),
        )
        .suggest(closest(&region, KNOWN_REGIONS.iter().copied())));
    }
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
    let has_ingest = raw.ingest.is_some();
    let ingest = match raw.ingest {
        Some(i) => {
            let growth = i
                .growth_per_month
                .as_ref()
                .map_or(Fraction::ZERO, |g| g.value);
            // The daily ingest the growth leads to by the last month: bounded, so that
            // every figure of the bill stays finite.
            let last = i.per_day.value.0 * (1.0 + growth.value()).powi(months as i32 - 1);
            if last.is_nan() || last > MAX_INGEST_PER_DAY.0 {
                let (at, field) = match &i.growth_per_month {
                    Some(g) if growth.value() > 0.0 => (loc(g), "ingest.growth_per_month"),
                    _ => (loc(&i.per_day), "ingest.per_day"),
                };
                return Err(ScenarioError::at(
                    at,
                    field,
                    format!(
                        "by month {months} ingest would be {} a day; lakecost plans lakes up to {MAX_INGEST_PER_DAY} a day: lower the growth, the horizon or the volume",
                        if last < MAX_INGEST_PER_DAY.0 * 1e6 {
                            Bytes(last).to_string()
                        } else {
                            format!("more than a million times {MAX_INGEST_PER_DAY}")
                        },
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
    for (i, l) in layers.iter().enumerate() {
        check_layer_source(i, l, &firehose)?;
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
        Some(g) => compute::check_glue(g)?,
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
        Some(a) => warehouse::check_athena(a)?,
        None => Vec::new(),
    };
    let lambda = match &raw.lambda {
        Some(l) => warehouse::check_lambda(l)?,
        None => Vec::new(),
    };
    let stepfunctions = match &raw.stepfunctions {
        Some(s) => warehouse::check_stepfunctions(s)?,
        None => Vec::new(),
    };
    Ok(Scenario {
        name: raw.name.value,
        region,
        months,
        ingest,
        layers,
        kinesis,
        firehose,
        glue,
        emr,
        workloads,
        redshift,
        athena,
        lambda,
        stepfunctions,
        uncertainty: None,
        bindings,
    })
}

/// A layer gets its bytes from ingest, from a Firehose stream, or from existing data,
/// and its object size from exactly one place.
fn check_layer_source(
    i: usize,
    l: &Layer,
    firehose: &[FirehoseStream],
) -> Result<(), ScenarioError> {
    let field = |k: &str| format!("s3.layers[{i}].{k}");
    let fed_by = firehose
        .iter()
        .find(|f| f.deliver_to.as_ref().is_some_and(|d| d.value == l.name));
    match fed_by {
        Some(f) if l.share_of_ingest.value() > 0.0 => Err(ScenarioError::at(
            l.loc,
            field("share_of_ingest"),
            format!(
                "the layer is written by Firehose stream `{}` (deliver_to): remove `share_of_ingest`, or the bytes would be counted twice",
                f.name
            ),
        )),
        Some(f) if l.object_size.0 > 0.0 => Err(ScenarioError::at(
            l.loc,
            field("object_size"),
            format!(
                "the layer is written by Firehose stream `{}`: its object size follows from the stream's buffer hints, remove `object_size`",
                f.name
            ),
        )),
        Some(f) if l.from_layer.is_some() => Err(ScenarioError::at(
            l.loc,
            field("from_layer"),
            format!(
                "the layer is written by Firehose stream `{}` (deliver_to): remove `from_layer`, or the bytes would be counted twice",
                f.name
            ),
        )),
        None if l.share_of_ingest.value() == 0.0
            && l.existing.is_none()
            && l.from_layer.is_none() =>
        {
            Err(ScenarioError::at(
                l.loc,
                field("share_of_ingest"),
                "the layer holds no data: give `share_of_ingest` (bytes written per byte ingested), `from_layer`, `existing`, or a Firehose stream that delivers to it",
            ))
        }
        _ => Ok(()),
    }
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

/// `from_layer` names a layer of the scenario other than itself, and the chain of
/// sources ends somewhere (no cycle).
fn check_from_layers(layers: &[Layer]) -> Result<(), ScenarioError> {
    for (i, l) in layers.iter().enumerate() {
        let Some(f) = &l.from_layer else { continue };
        let field = format!("s3.layers[{i}].from_layer.name");
        if !layers.iter().any(|o| o.name == f.name) {
            return Err(
                ScenarioError::at(l.loc, field, format!("no layer is named `{}`", f.name))
                    .suggest(closest(&f.name, layers.iter().map(|o| o.name.as_str()))),
            );
        }
        let mut seen = vec![l.name.as_str()];
        let mut next = Some(f.name.as_str());
        while let Some(name) = next {
            if seen.contains(&name) {
                return Err(ScenarioError::at(
                    l.loc,
                    field,
                    format!(
                        "layers derive their writes from each other in a circle ({} → {name}): one of them needs its own source",
                        seen.join(" → ")
                    ),
                ));
            }
            seen.push(name);
            next = layers
                .iter()
                .find(|o| o.name == name)
                .and_then(|o| o.from_layer.as_ref())
                .map(|f| f.name.as_str());
        }
    }
    Ok(())
}

fn check_layer(i: usize, l: RawLayer) -> Result<Layer, ScenarioError> {
    let field = |k: &str| format!("s3.layers[{i}].{k}");
    check_name(&l.name, &field("name"))?;
    let share = l
        .share_of_ingest
        .as_ref()
        .map_or(Fraction::ZERO, |s| s.value);
    let from_layer = l.from_layer.as_ref().map(|f| super::FromLayer {
        name: f.value.name.trim().to_string(),
        ratio: f.value.ratio,
    });
    if let (Some(f), Some(_)) = (&l.from_layer, &l.share_of_ingest) {
        return Err(ScenarioError::at(
            loc(f),
            field("from_layer"),
            "a layer's writes come from `share_of_ingest` or from `from_layer`, not both",
        ));
    }
    let object_size = match &l.object_size {
        Some(s) if s.value.0 >= 1.0 => s.value,
        Some(s) => {
            return Err(ScenarioError::at(
                loc(s),
                field("object_size"),
                "an object holds at least 1 byte",
            ));
        }
        None if share.value() > 0.0 || from_layer.is_some() => {
            return Err(ScenarioError::at(
                loc(&l.name),
                field("object_size"),
                "a layer that receives writes needs `object_size` (average object size, e.g. `128 MB`): it sets request, transition and per-object charges",
            ));
        }
        None => Bytes::ZERO,
    };
    for (j, t) in l.lifecycle.iter().enumerate() {
        let f = field(&format!("lifecycle[{j}].after_days"));
        check_days(t.after_days.value, loc(&t.after_days), &f)?;
    }
    if let Some(e) = &l.expire_after_days {
        check_days(e.value, loc(e), &field("expire_after_days"))?;
    }
    let lifecycle = l
        .lifecycle
        .iter()
        .map(|t| Transition {
            after_days: t.after_days.value,
            to: t.to.value,
            loc: loc(&t.after_days),
        })
        .collect();
    let existing = match &l.existing {
        Some(e) => Some(check_existing(&field("existing"), &e.value, loc(e))?),
        None => None,
    };
    let mut access: Vec<Access> = Vec::with_capacity(l.access.len());
    for (j, a) in l.access.iter().enumerate() {
        let rule = check_access(&field(&format!("access[{j}]")), a)?;
        if let Some(other) = access.iter().find(|o| overlaps(o, &rule)) {
            return Err(ScenarioError::at(
                rule.loc,
                field(&format!("access[{j}].age_days")),
                format!(
                    "age range overlaps the range starting at day {}: each age is described once",
                    other.from_day
                ),
            ));
        }
        access.push(rule);
    }
    Ok(Layer {
        name: l.name.value.clone(),
        loc: loc(&l.name),
        share_of_ingest: share,
        object_size,
        delivered_per_day: None,
        from_layer: from_layer.clone(),
        storage_class: l
            .storage_class
            .as_ref()
            .map_or(StorageClass::Standard, |s| s.value),
        lifecycle,
        expire_after_days: l.expire_after_days.as_ref().map(|e| Located {
            value: e.value,
            loc: loc(e),
        }),
        existing,
        access,
        recreatable: l.recreatable.unwrap_or(false),
    })
}

fn check_existing(
    field: &str,
    e: &RawExisting,
    at: Option<Loc>,
) -> Result<Existing, ScenarioError> {
    if e.object_size.0 < 1.0 {
        return Err(ScenarioError::at(
            at,
            format!("{field}.object_size"),
            "an object holds at least 1 byte",
        ));
    }
    check_days(e.age_days, at, &format!("{field}.age_days"))?;
    let class_since_days = e.class_since_days.unwrap_or(e.age_days);
    if class_since_days > e.age_days {
        return Err(ScenarioError::at(
            at,
            format!("{field}.class_since_days"),
            format!(
                "data {} days old cannot have been in its class for {class_since_days} days",
                e.age_days
            ),
        ));
    }
    Ok(Existing {
        size: e.size,
        object_size: e.object_size,
        storage_class: e.storage_class,
        age_days: e.age_days,
        class_since_days,
        loc: at,
    })
}

fn overlaps(a: &Access, b: &Access) -> bool {
    let (a0, a1) = a.day_interval();
    let (b0, b1) = b.day_interval();
    a0 < b1 && b0 < a1
}

/// `0-7`, `8-90`, `91-` or a single day `30`; both ends inclusive.
fn parse_age_range(text: &str) -> Option<(u32, Option<u32>)> {
    let t = text.trim();
    match t.split_once('-') {
        None => {
            let d = t.parse().ok()?;
            Some((d, Some(d)))
        }
        Some((a, "")) => Some((a.trim().parse().ok()?, None)),
        Some((a, b)) => {
            let (a, b): (u32, u32) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
            (a <= b).then_some((a, Some(b)))
        }
    }
}

fn check_access(field: &str, a: &RawAccess) -> Result<Access, ScenarioError> {
    let at = loc(&a.age_days);
    let (from_day, to_day) = parse_age_range(&a.age_days.value).ok_or_else(|| {
        ScenarioError::at(
            at,
            format!("{field}.age_days"),
            format!(
                "expected an age range in days such as `0-7`, `8-90` or `91-` (and older), found `{}`",
                a.age_days.value
            ),
        )
    })?;
    for d in std::iter::once(from_day).chain(to_day) {
        check_days(d, at, &format!("{field}.age_days"))?;
    }
    let kind = match (&a.reads_per_month, &a.restores_per_month) {
        (Some(r), None) => {
            if !(r.value.is_finite() && r.value >= 0.0) {
                return Err(ScenarioError::at(
                    loc(r),
                    format!("{field}.reads_per_month"),
                    format!("expected a number of reads ≥ 0, found {}", r.value),
                ));
            }
            if a.restore_tier.is_some() || a.restore_days.is_some() || a.restore_within.is_some() {
                return Err(ScenarioError::at(
                    at,
                    format!("{field}.restore_tier"),
                    "`restore_tier`, `restore_days` and `restore_within` go with `restores_per_month`",
                ));
            }
            AccessKind::Reads { per_month: r.value }
        }
        (None, Some(r)) => {
            if r.value.value() > 1.0 {
                return Err(ScenarioError::at(
                    loc(r),
                    format!("{field}.restores_per_month"),
                    format!(
                        "expected the share of archived objects restored each month (0% to 100%), found {}",
                        r.value.value()
                    ),
                ));
            }
            let keep_days = a.restore_days.unwrap_or(1);
            check_days(keep_days, at, &format!("{field}.restore_days"))?;
            if keep_days == 0 {
                return Err(ScenarioError::at(
                    at,
                    format!("{field}.restore_days"),
                    "a restored copy is kept at least 1 day",
                ));
            }
            AccessKind::Restores {
                per_month: r.value,
                // S3's RestoreObject uses the Standard tier when none is given.
                tier: a.restore_tier.unwrap_or(RestoreTier::Standard),
                keep_days,
                within: match &a.restore_within {
                    Some(w) if w.value.seconds() > 0.0 && w.value.days() <= f64::from(MAX_DAYS) => {
                        Some(w.value)
                    }
                    Some(w) => {
                        return Err(ScenarioError::at(
                            loc(w),
                            format!("{field}.restore_within"),
                            format!(
                                "expected a time more than 0 and at most {MAX_DAYS} days, found {} h",
                                w.value.hours()
                            ),
                        ));
                    }
                    None => None,
                },
            }
        }
        _ => {
            return Err(ScenarioError::at(
                at,
                field.to_string(),
                "give exactly one of `reads_per_month` or `restores_per_month`",
            ));
        }
    };
    Ok(Access {
        from_day,
        to_day,
        kind,
        loc: at,
    })
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
        assert!(s.layers.is_empty());
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
    fn age_ranges() {
        assert_eq!(parse_age_range("0-7"), Some((0, Some(7))));
        assert_eq!(parse_age_range("91-"), Some((91, None)));
        assert_eq!(parse_age_range("30"), Some((30, Some(30))));
        assert_eq!(parse_age_range("9-3"), None);
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
