//! The `s3.layers` section: each layer's keys as written (serde shapes), their checks
//! (sources of bytes, lifecycle days, existing data, access ranges), and the typed
//! layer the S3 model prices.

use super::check::{MAX_DAYS, ScenarioError, check_days, check_name, closest, loc};
use super::raw::RawBinding;
use super::streams::FirehoseStream;
use super::{Loc, Located, RestoreTier, StorageClass};
use crate::units::{Bytes, Duration, Fraction};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// One S3 layer (bronze, silver, gold…): where objects are written and how they age.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    pub name: String,
    pub loc: Option<Loc>,
    /// Bytes written to this layer per byte ingested.
    pub share_of_ingest: Fraction,
    /// Average size of the objects written; drives request counts and per-object charges.
    pub object_size: Bytes,
    /// Bytes written per day by a delivery stream (Firehose `deliver_to`), in place of
    /// `share_of_ingest`; set by the Firehose model, not by the scenario file.
    pub delivered_per_day: Option<Bytes>,
    /// Writes derived from another layer's writes (`from_layer`): silver at 25 % of
    /// bronze, whether bronze is fed by ingest or by a Firehose stream.
    pub from_layer: Option<FromLayer>,
    pub storage_class: StorageClass,
    pub lifecycle: Vec<Transition>,
    pub expire_after_days: Option<Located<u32>>,
    pub existing: Option<Existing>,
    pub access: Vec<Access>,
    /// The layer's data can be rebuilt from another layer, so losing an Availability
    /// Zone's copy is acceptable: ONEZONE_IA is an option for it.
    pub recreatable: bool,
    pub encryption: super::encryption::Encryption,
    /// Live replication of the layer's new objects to a bucket in another region
    /// (`replicate_to`), priced there (`docs/model-s3.md`, "Cross-region replication").
    pub replication: Option<Replication>,
}

/// Where a layer's objects are replicated, and in which class they are stored there.
#[derive(Clone, Debug, PartialEq)]
pub struct Replication {
    /// The destination region's code.
    pub to: String,
    /// The replicas' storage class (`replica_class`); `None` keeps the source's class
    /// and lifecycle, as S3 does unless the replication rule names a class.
    pub class: Option<StorageClass>,
    pub loc: Option<Loc>,
}

/// A layer's writes as a ratio of another layer's.
#[derive(Clone, Debug, PartialEq)]
pub struct FromLayer {
    pub name: String,
    pub ratio: Fraction,
}

impl Layer {
    /// A layer that receives `share` of the ingest in objects of `object_size`, written
    /// to STANDARD, with no lifecycle, expiration, existing data or reads: the start of
    /// a layer built in code.
    pub fn new(name: &str, share: Fraction, object_size: Bytes) -> Layer {
        Layer {
            name: name.to_string(),
            loc: None,
            share_of_ingest: share,
            object_size,
            delivered_per_day: None,
            from_layer: None,
            storage_class: StorageClass::Standard,
            lifecycle: Vec::new(),
            expire_after_days: None,
            existing: None,
            access: Vec::new(),
            recreatable: false,
            encryption: super::Encryption::SseS3,
            replication: None,
        }
    }

    /// Bytes written to the layer per day in a month whose ingest is `per_day`.
    pub fn daily_writes(&self, per_day: Bytes) -> Bytes {
        self.delivered_per_day
            .unwrap_or(per_day * self.share_of_ingest.value())
    }

    /// Sets the lifecycle transitions as `(after_days, to)` pairs.
    pub fn with_lifecycle(mut self, rules: &[(u32, StorageClass)]) -> Layer {
        self.lifecycle = rules
            .iter()
            .map(|&(after_days, to)| Transition {
                after_days,
                to,
                loc: None,
            })
            .collect();
        self
    }

    /// Sets `expire_after_days`.
    pub fn expiring_after(mut self, days: u32) -> Layer {
        self.expire_after_days = Some(Located::new(days));
        self
    }
}

/// A lifecycle transition: objects move to `to` once they are `after_days` old.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Transition {
    pub after_days: u32,
    pub to: StorageClass,
    pub loc: Option<Loc>,
}

/// Data already stored when month 1 starts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Existing {
    pub size: Bytes,
    pub object_size: Bytes,
    pub storage_class: StorageClass,
    /// Age of the existing objects at the start of month 1.
    pub age_days: u32,
    /// Days they have been in `storage_class` at the start of month 1 (at most
    /// `age_days`): what remains of the class's minimum storage duration is billed if
    /// they leave it early.
    pub class_since_days: u32,
    pub loc: Option<Loc>,
}

/// How objects of a given age are used.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Access {
    /// First age day (inclusive) the rule covers; day 0 is the day of writing.
    pub from_day: u32,
    /// Last age day (inclusive), or `None` for "and older".
    pub to_day: Option<u32>,
    pub kind: AccessKind,
    pub loc: Option<Loc>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AccessKind {
    /// Each object in the age range is read this many times a month (GET).
    Reads { per_month: f64 },
    /// This share of the archived objects in the age range is restored each month.
    Restores {
        per_month: Fraction,
        tier: RestoreTier,
        /// Days the restored copy is kept (billed at the STANDARD rate).
        keep_days: u32,
        /// How soon a restored object must be readable, when the scenario says: the
        /// archive class and tier must restore within it (`LC-S3-014`).
        within: Option<crate::units::Duration>,
    },
}

impl Access {
    /// The age interval in days, `[from, to)`, with `to = ∞` for open ranges.
    pub fn day_interval(&self) -> (f64, f64) {
        (
            f64::from(self.from_day),
            self.to_day.map_or(f64::INFINITY, |d| f64::from(d) + 1.0),
        )
    }
}

// The keys as written.

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawS3 {
    pub layers: Vec<RawLayer>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawLayer {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[schemars(with = "Option<Fraction>")]
    pub share_of_ingest: Option<Spanned<Fraction>>,
    #[schemars(with = "Option<RawFromLayer>")]
    pub from_layer: Option<Spanned<RawFromLayer>>,
    #[schemars(with = "Option<Bytes>")]
    pub object_size: Option<Spanned<Bytes>>,
    #[schemars(with = "Option<StorageClass>")]
    pub storage_class: Option<Spanned<StorageClass>>,
    #[serde(default)]
    pub lifecycle: Vec<RawTransition>,
    #[schemars(with = "Option<u32>")]
    pub expire_after_days: Option<Spanned<u32>>,
    #[schemars(with = "Option<RawExisting>")]
    pub existing: Option<Spanned<RawExisting>>,
    #[serde(default)]
    pub access: Vec<RawAccess>,
    pub recreatable: Option<bool>,
    #[schemars(with = "Option<super::encryption::RawEncryption>")]
    pub encryption: Option<Spanned<super::encryption::RawEncryption>>,
    #[schemars(with = "Option<String>")]
    pub replicate_to: Option<Spanned<String>>,
    #[schemars(with = "Option<StorageClass>")]
    pub replica_class: Option<Spanned<StorageClass>>,
    #[schemars(with = "Option<std::collections::BTreeMap<String, String>>")]
    pub aws: Option<Spanned<RawBinding>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFromLayer {
    pub name: String,
    pub ratio: Fraction,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTransition {
    #[schemars(with = "u32")]
    pub after_days: Spanned<u32>,
    #[schemars(with = "StorageClass")]
    pub to: Spanned<StorageClass>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawExisting {
    pub size: Bytes,
    pub object_size: Bytes,
    pub storage_class: StorageClass,
    #[serde(default)]
    pub age_days: u32,
    pub class_since_days: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAccess {
    #[schemars(with = "String")]
    pub age_days: Spanned<String>,
    #[schemars(with = "Option<f64>")]
    pub reads_per_month: Option<Spanned<f64>>,
    #[schemars(with = "Option<Fraction>")]
    pub restores_per_month: Option<Spanned<Fraction>>,
    pub restore_tier: Option<RestoreTier>,
    pub restore_days: Option<u32>,
    #[schemars(with = "Option<Duration>")]
    pub restore_within: Option<Spanned<Duration>>,
}

// Checking them.

/// A layer gets its bytes from ingest, from a Firehose stream, from a DynamoDB table's
/// exports, or from existing data, and its object size from exactly one place.
pub(super) fn check_layer_source(
    i: usize,
    l: &Layer,
    firehose: &[FirehoseStream],
    dynamodb: &super::DynamoDb,
) -> Result<(), ScenarioError> {
    let field = |k: &str| format!("s3.layers[{i}].{k}");
    let stream = firehose
        .iter()
        .find(|f| f.deliver_to.as_ref().is_some_and(|d| d.value == l.name));
    let writer = match (stream, dynamodb.feeding(&l.name)) {
        (Some(f), Some(t)) => {
            return Err(ScenarioError::at(
                t.export
                    .as_ref()
                    .and_then(|e| e.feeds_layer.as_ref())
                    .and_then(|n| n.loc),
                field("name"),
                format!(
                    "the layer is written by Firehose stream `{}` and by DynamoDB table `{}`'s exports: give each its own layer",
                    f.name, t.name
                ),
            ));
        }
        (Some(f), None) => Some(format!("Firehose stream `{}` (deliver_to)", f.name)),
        (None, Some(t)) => Some(format!("DynamoDB table `{}` (export.feeds_layer)", t.name)),
        (None, None) => None,
    };
    let twice = |key: &str, who: &str| {
        Err(ScenarioError::at(
            l.loc,
            field(key),
            format!(
                "the layer is written by {who}: remove `{key}`, or the bytes would be counted twice"
            ),
        ))
    };
    match writer {
        Some(who) if l.share_of_ingest.value() > 0.0 => twice("share_of_ingest", &who),
        Some(who) if l.from_layer.is_some() => twice("from_layer", &who),
        Some(_) if stream.is_some() && l.object_size.0 > 0.0 => Err(ScenarioError::at(
            l.loc,
            field("object_size"),
            format!(
                "the layer is written by Firehose stream `{}`: its object size follows from the stream's buffer hints, remove `object_size`",
                stream.map_or("", |f| f.name.as_str())
            ),
        )),
        Some(who) if stream.is_none() && l.object_size.0 <= 0.0 => Err(ScenarioError::at(
            l.loc,
            field("object_size"),
            format!(
                "the layer is written by {who}: give `object_size`, the size of the export's data files"
            ),
        )),
        None if l.share_of_ingest.value() == 0.0
            && l.existing.is_none()
            && l.from_layer.is_none() =>
        {
            Err(ScenarioError::at(
                l.loc,
                field("share_of_ingest"),
                "the layer holds no data: give `share_of_ingest` (bytes written per byte ingested), `from_layer`, `existing`, a Firehose stream that delivers to it, or a DynamoDB table that exports to it",
            ))
        }
        _ => Ok(()),
    }
}

/// `from_layer` names a layer of the scenario other than itself, and the chain of
/// sources ends somewhere (no cycle).
pub(super) fn check_from_layers(layers: &[Layer]) -> Result<(), ScenarioError> {
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

pub(super) fn check_layer(i: usize, l: RawLayer) -> Result<Layer, ScenarioError> {
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
        encryption: super::encryption::check(&field("encryption"), &l.encryption)?,
        replication: check_replication(&field, &l)?,
    })
}

/// `replicate_to` names a known region; `replica_class` needs it. The scenario's own
/// region is refused by the loader, which knows it.
fn check_replication(
    field: &dyn Fn(&str) -> String,
    l: &RawLayer,
) -> Result<Option<Replication>, ScenarioError> {
    let Some(to) = &l.replicate_to else {
        if let Some(c) = &l.replica_class {
            return Err(ScenarioError::at(
                loc(c),
                field("replica_class"),
                "`replica_class` is the class of a layer's replicas: it needs `replicate_to: REGION`",
            ));
        }
        return Ok(None);
    };
    let code = super::check::region_code(&field("replicate_to"), to)?;
    Ok(Some(Replication {
        to: code,
        class: l.replica_class.as_ref().map(|c| c.value),
        loc: loc(to),
    }))
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

    #[test]
    fn age_ranges() {
        assert_eq!(parse_age_range("0-7"), Some((0, Some(7))));
        assert_eq!(parse_age_range("91-"), Some((91, None)));
        assert_eq!(parse_age_range("30"), Some((30, Some(30))));
        assert_eq!(parse_age_range("9-3"), None);
    }
}
