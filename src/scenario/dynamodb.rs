//! The `dynamodb` section: tables described by their traffic, items and storage, the
//! way the DynamoDB pricing page bills them (request or capacity units, table class,
//! storage, indexes, streams, backups, exports to S3).

use super::check::{ScenarioError, closest, loc, non_negative, unique};
use super::{Layer, Loc, Located};
use crate::units::{Bytes, Fraction, KIB};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// How a table's throughput is bought.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CapacityMode {
    /// Pay per request unit.
    OnDemand,
    /// Pay per capacity unit-hour, sized on the traffic at a target utilisation.
    Provisioned,
    /// Price both, bill the cheaper and say where they cross.
    Compare,
}

impl CapacityMode {
    pub fn name(self) -> &'static str {
        match self {
            CapacityMode::OnDemand => "on_demand",
            CapacityMode::Provisioned => "provisioned",
            CapacityMode::Compare => "compare",
        }
    }
}

/// The table class: Standard-IA stores for less and serves for more.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TableClass {
    Standard,
    StandardIa,
}

impl TableClass {
    pub fn name(self) -> &'static str {
        match self {
            TableClass::Standard => "standard",
            TableClass::StandardIa => "standard_ia",
        }
    }
}

/// What a read costs: an eventually consistent read of up to 4 KB is half a read unit,
/// a strongly consistent one a whole unit, a transactional one two.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Consistency {
    Eventual,
    Strong,
    Transactional,
}

/// A DynamoDB table, described by its average traffic.
#[derive(Clone, Debug, PartialEq)]
pub struct DynamoTable {
    pub name: String,
    pub loc: Option<Loc>,
    pub capacity: CapacityMode,
    pub class: TableClass,
    /// Average reads and writes a second over the month.
    pub reads_per_second: f64,
    pub writes_per_second: f64,
    pub item_size: Bytes,
    pub reads: Consistency,
    pub transactional_writes: bool,
    /// Table data, with DynamoDB's 100 bytes of overhead per item.
    pub storage: Bytes,
    /// Provisioned mode: consumed capacity over provisioned capacity, as written
    /// ([`DynamoTable::target`] gives the default).
    pub target_utilisation: Option<Fraction>,
    pub indexes: Vec<GlobalIndex>,
    /// GetRecords calls a second by consumers other than Lambda triggers (those are
    /// free).
    pub stream_reads_per_second: f64,
    pub point_in_time_recovery: bool,
    /// On-demand backups kept at any time, each a full copy of the table.
    pub backups_retained: f64,
    pub export: Option<Export>,
    /// Share the account's free tier (25 GB of Standard storage, 25 RCU and 25 WCU).
    pub free_tier: bool,
}

impl DynamoTable {
    /// An on-demand Standard table of `reads` and `writes` a second, 1 KB items and
    /// `storage`, with none of the options: the start of a table built in code.
    pub fn new(name: &str, reads: f64, writes: f64, storage: Bytes) -> DynamoTable {
        DynamoTable {
            name: name.into(),
            loc: None,
            capacity: CapacityMode::OnDemand,
            class: TableClass::Standard,
            reads_per_second: reads,
            writes_per_second: writes,
            item_size: Bytes(KIB),
            reads: Consistency::Eventual,
            transactional_writes: false,
            storage,
            target_utilisation: None,
            indexes: Vec::new(),
            stream_reads_per_second: 0.0,
            point_in_time_recovery: false,
            backups_retained: 0.0,
            export: None,
            free_tier: false,
        }
    }
}

impl DynamoTable {
    /// The target utilisation provisioned capacity is sized at: as written, or auto
    /// scaling's default.
    pub fn target(&self) -> f64 {
        self.target_utilisation
            .map_or(DEFAULT_TARGET_UTILISATION, Fraction::value)
    }
}

/// A global secondary index: every table write is written to it too (its projection),
/// and it is read and stored on its own.
#[derive(Clone, Debug, PartialEq)]
pub struct GlobalIndex {
    pub name: String,
    pub projected_item_size: Bytes,
    pub storage: Bytes,
    pub reads_per_second: f64,
}

/// Exports of the table to S3 (both need point-in-time recovery).
#[derive(Clone, Debug, PartialEq)]
pub struct Export {
    pub full_per_month: f64,
    pub incremental_per_day: f64,
    /// The S3 layer the exports land in: its writes are the exported bytes.
    pub feeds_layer: Option<Located<String>>,
}

/// DynamoDB auto scaling's default target utilisation (70 %), used for a provisioned
/// table that does not give one.
pub const DEFAULT_TARGET_UTILISATION: f64 = 0.7;
/// Target utilisation auto scaling accepts: 20 % to 90 %.
const TARGET_UTILISATION: (f64, f64) = (0.2, 0.9);
/// The largest item DynamoDB stores: 400 KB.
const MAX_ITEM_KIB: f64 = 400.0;
/// Global secondary indexes a table may have (the default quota).
const MAX_INDEXES: usize = 20;

// The keys as written.

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDynamoDb {
    pub tables: Vec<RawTable>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTable {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    pub capacity_mode: CapacityMode,
    pub table_class: Option<TableClass>,
    #[schemars(with = "f64")]
    pub reads_per_second: Spanned<f64>,
    #[schemars(with = "f64")]
    pub writes_per_second: Spanned<f64>,
    #[schemars(with = "Bytes")]
    pub item_size: Spanned<Bytes>,
    pub read_consistency: Option<Consistency>,
    pub transactional_writes: Option<bool>,
    #[schemars(with = "Bytes")]
    pub storage: Spanned<Bytes>,
    #[schemars(with = "Option<Fraction>")]
    pub target_utilisation: Option<Spanned<Fraction>>,
    #[serde(default)]
    pub global_secondary_indexes: Vec<RawIndex>,
    #[schemars(with = "Option<f64>")]
    pub stream_reads_per_second: Option<Spanned<f64>>,
    pub point_in_time_recovery: Option<bool>,
    #[schemars(with = "Option<f64>")]
    pub backups_retained: Option<Spanned<f64>>,
    pub export: Option<RawExport>,
    pub free_tier: Option<bool>,
    #[schemars(with = "Option<std::collections::BTreeMap<String, String>>")]
    pub aws: Option<Spanned<super::raw::RawBinding>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawIndex {
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    #[schemars(with = "Bytes")]
    pub projected_item_size: Spanned<Bytes>,
    #[schemars(with = "Bytes")]
    pub storage: Spanned<Bytes>,
    #[schemars(with = "Option<f64>")]
    pub reads_per_second: Option<Spanned<f64>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawExport {
    #[schemars(with = "Option<f64>")]
    pub full_per_month: Option<Spanned<f64>>,
    #[schemars(with = "Option<f64>")]
    pub incremental_per_day: Option<Spanned<f64>>,
    #[schemars(with = "Option<String>")]
    pub feeds_layer: Option<Spanned<String>>,
}

// Checking them.

fn item_size(field: String, size: &Spanned<Bytes>) -> Result<Bytes, ScenarioError> {
    let kib = size.value.0 / KIB;
    if size.value.0 > 0.0 && kib <= MAX_ITEM_KIB {
        Ok(size.value)
    } else {
        Err(ScenarioError::at(
            loc(size),
            field,
            format!(
                "a DynamoDB item holds more than 0 bytes and at most 400 KB, found {}",
                size.value
            ),
        ))
    }
}

fn optional(field: String, v: &Option<Spanned<f64>>, what: &str) -> Result<f64, ScenarioError> {
    v.as_ref().map_or(Ok(0.0), |v| non_negative(field, v, what))
}

fn index(t: usize, i: usize, x: &RawIndex) -> Result<GlobalIndex, ScenarioError> {
    let field = |k: &str| format!("dynamodb.tables[{t}].global_secondary_indexes[{i}].{k}");
    Ok(GlobalIndex {
        name: x.name.value.clone(),
        projected_item_size: item_size(field("projected_item_size"), &x.projected_item_size)?,
        storage: x.storage.value,
        reads_per_second: optional(
            field("reads_per_second"),
            &x.reads_per_second,
            "reads a second",
        )?,
    })
}

fn export(
    t: usize,
    e: &RawExport,
    pitr: bool,
    at: Option<Loc>,
    layers: &[Layer],
) -> Result<Export, ScenarioError> {
    let field = |k: &str| format!("dynamodb.tables[{t}].export.{k}");
    if !pitr {
        return Err(ScenarioError::at(
            at,
            format!("dynamodb.tables[{t}].point_in_time_recovery"),
            "an export to S3 reads the table's point-in-time recovery backups: set `point_in_time_recovery: true` (and pay for it)",
        ));
    }
    let feeds_layer = match &e.feeds_layer {
        Some(n) if !layers.iter().any(|l| l.name == n.value) => {
            return Err(ScenarioError::at(
                loc(n),
                field("feeds_layer"),
                format!("no S3 layer named `{}` in `s3.layers`", n.value),
            )
            .suggest(closest(&n.value, layers.iter().map(|l| l.name.as_str()))));
        }
        Some(n) => Some(Located {
            value: n.value.clone(),
            loc: loc(n),
        }),
        None => None,
    };
    Ok(Export {
        full_per_month: optional(
            field("full_per_month"),
            &e.full_per_month,
            "exports a month",
        )?,
        incremental_per_day: optional(
            field("incremental_per_day"),
            &e.incremental_per_day,
            "exports a day",
        )?,
        feeds_layer,
    })
}

fn table(i: usize, t: &RawTable, layers: &[Layer]) -> Result<DynamoTable, ScenarioError> {
    let field = |k: &str| format!("dynamodb.tables[{i}].{k}");
    let target = match &t.target_utilisation {
        Some(u) if t.capacity_mode == CapacityMode::OnDemand => {
            return Err(ScenarioError::at(
                loc(u),
                field("target_utilisation"),
                "an on-demand table has no provisioned capacity to utilise: remove `target_utilisation`, or use `capacity_mode: provisioned` or `compare`",
            ));
        }
        Some(u) if (TARGET_UTILISATION.0..=TARGET_UTILISATION.1).contains(&u.value.value()) => {
            Some(u.value)
        }
        Some(u) => {
            return Err(ScenarioError::at(
                loc(u),
                field("target_utilisation"),
                format!(
                    "DynamoDB auto scaling targets 20% to 90% utilisation, found {}%",
                    u.value.value() * 100.0
                ),
            ));
        }
        None => None,
    };
    if t.global_secondary_indexes.len() > MAX_INDEXES {
        return Err(ScenarioError::at(
            loc(&t.name),
            field("global_secondary_indexes"),
            format!(
                "a table has at most {MAX_INDEXES} global secondary indexes, found {}",
                t.global_secondary_indexes.len()
            ),
        ));
    }
    let mut seen = Vec::new();
    let mut indexes = Vec::new();
    for (j, x) in t.global_secondary_indexes.iter().enumerate() {
        unique(
            &mut seen,
            &x.name,
            field(&format!("global_secondary_indexes[{j}].name")),
        )?;
        indexes.push(index(i, j, x)?);
    }
    let pitr = t.point_in_time_recovery.unwrap_or(false);
    Ok(DynamoTable {
        name: t.name.value.clone(),
        loc: loc(&t.name),
        capacity: t.capacity_mode,
        class: t.table_class.unwrap_or(TableClass::Standard),
        reads_per_second: non_negative(
            field("reads_per_second"),
            &t.reads_per_second,
            "reads a second",
        )?,
        writes_per_second: non_negative(
            field("writes_per_second"),
            &t.writes_per_second,
            "writes a second",
        )?,
        item_size: item_size(field("item_size"), &t.item_size)?,
        reads: t.read_consistency.unwrap_or(Consistency::Eventual),
        transactional_writes: t.transactional_writes.unwrap_or(false),
        storage: t.storage.value,
        target_utilisation: target,
        indexes,
        stream_reads_per_second: optional(
            field("stream_reads_per_second"),
            &t.stream_reads_per_second,
            "reads a second",
        )?,
        point_in_time_recovery: pitr,
        backups_retained: optional(field("backups_retained"), &t.backups_retained, "backups")?,
        export: t
            .export
            .as_ref()
            .map(|e| export(i, e, pitr, loc(&t.name), layers))
            .transpose()?,
        free_tier: t.free_tier.unwrap_or(false),
    })
}

pub(super) fn check(d: &Option<RawDynamoDb>, layers: &[Layer]) -> Result<DynamoDb, ScenarioError> {
    let Some(d) = d else {
        return Ok(DynamoDb::default());
    };
    let mut seen = Vec::new();
    let mut tables = Vec::new();
    for (i, t) in d.tables.iter().enumerate() {
        unique(&mut seen, &t.name, format!("dynamodb.tables[{i}].name"))?;
        tables.push(table(i, t, layers)?);
    }
    Ok(DynamoDb { tables })
}

/// The `dynamodb` section.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DynamoDb {
    pub tables: Vec<DynamoTable>,
}

impl DynamoDb {
    /// The table whose export feeds layer `layer`, if one does.
    pub fn feeding(&self, layer: &str) -> Option<&DynamoTable> {
        self.tables.iter().find(|t| {
            t.export
                .as_ref()
                .and_then(|e| e.feeds_layer.as_ref())
                .is_some_and(|l| l.value == layer)
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::scenario::load_str;

    const HEAD: &str = "version: 1\nname: t\nregion: us-east-1\ns3:\n  layers:\n    - { name: exports, object_size: 64 MB }\ndynamodb:\n  tables:\n";

    fn load(table: &str) -> Result<crate::scenario::Scenario, crate::scenario::ScenarioError> {
        load_str(&format!(
            "{HEAD}    - {{ name: t, capacity_mode: on_demand, reads_per_second: 10, writes_per_second: 1, item_size: 1 KB, storage: 1 GB{table} }}\n"
        ))
    }

    #[test]
    fn a_table_loads_with_its_defaults_and_feeds_its_layer() {
        let s = load(
            ", point_in_time_recovery: true, export: { full_per_month: 1, feeds_layer: exports }",
        )
        .unwrap();
        let t = &s.dynamodb.tables[0];
        assert_eq!(t.class, super::TableClass::Standard);
        assert_eq!(t.reads, super::Consistency::Eventual);
        assert_eq!(t.target(), super::DEFAULT_TARGET_UTILISATION);
        assert_eq!(s.dynamodb.feeding("exports").unwrap().name, "t");
    }

    #[test]
    fn bad_tables_are_errors_at_the_key() {
        let e = load(", export: { full_per_month: 1 }").unwrap_err();
        assert_eq!(e.field, "dynamodb.tables[0].point_in_time_recovery");
        let e =
            load(", point_in_time_recovery: true, export: { feeds_layer: exprots }").unwrap_err();
        assert_eq!(e.field, "dynamodb.tables[0].export.feeds_layer");
        assert_eq!(e.suggestion.as_deref(), Some("exports"));
        let e = load(", target_utilisation: 50%").unwrap_err();
        assert_eq!(e.field, "dynamodb.tables[0].target_utilisation");
        let e = load_str(&format!("{HEAD}    - {{ name: t, capacity_mode: on_demand, reads_per_second: 1, writes_per_second: 1, item_size: 401 KB, storage: 1 GB }}\n")).unwrap_err();
        assert_eq!(e.field, "dynamodb.tables[0].item_size");
        assert!(e.message.contains("400 KB"), "{}", e.message);
        let e = load_str(&format!("{HEAD}    - {{ name: t, capacity_mode: provisioned, reads_per_second: 1, writes_per_second: 1, item_size: 1 KB, storage: 1 GB, target_utilisation: 95% }}\n")).unwrap_err();
        assert!(e.message.contains("20% to 90%"), "{}", e.message);
        let e = load_str(&format!("{HEAD}    - {{ name: t, capacity_mode: on_demnd, reads_per_second: 1, writes_per_second: 1, item_size: 1 KB, storage: 1 GB }}\n")).unwrap_err();
        assert_eq!(e.suggestion.as_deref(), Some("on_demand"), "{e:?}");
    }

    #[test]
    fn a_layer_fed_by_an_export_takes_no_other_source() {
        let text = format!("{HEAD}    - {{ name: t, capacity_mode: on_demand, reads_per_second: 1, writes_per_second: 1, item_size: 1 KB, storage: 1 GB, point_in_time_recovery: true, export: {{ full_per_month: 1, feeds_layer: exports }} }}\n")
            .replace("{ name: exports, object_size: 64 MB }", "{ name: exports, object_size: 64 MB, share_of_ingest: 100% }")
            .replace("region: us-east-1\n", "region: us-east-1\ningest: { per_day: 1 TB }\n");
        let e = load_str(&text).unwrap_err();
        assert_eq!(e.field, "s3.layers[0].share_of_ingest");
        assert!(e.message.contains("DynamoDB table `t`"), "{}", e.message);
    }
}
