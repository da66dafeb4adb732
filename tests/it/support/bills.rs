//! Bill exports written by the tests (and the reconcile benchmark): CUR 2.0 and FOCUS
//! 1.2 rows as Parquet (Snappy, as Data Exports write it), CSV and gzip CSV, with the
//! column names and types of AWS's table dictionaries and a few columns `reconcile`
//! must skip.
#![allow(dead_code)]

use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// One bill row, as the tests state it.
#[derive(Clone, Debug)]
pub struct Charge {
    pub service_code: &'static str,
    pub usage_type: &'static str,
    pub operation: &'static str,
    /// CUR `line_item_line_item_type` (FOCUS `ChargeCategory` is derived from it).
    pub kind: &'static str,
    pub quantity: f64,
    pub cost: f64,
    pub resource: Option<String>,
    pub region: &'static str,
    pub unit: &'static str,
    /// The billing period, `YYYY-MM`.
    pub period: &'static str,
    /// Cost allocation tags (CUR 2.0 `resource_tags`, FOCUS `Tags`).
    pub tags: Vec<(&'static str, &'static str)>,
}

impl Charge {
    pub fn usage(
        service_code: &'static str,
        usage_type: &'static str,
        operation: &'static str,
        quantity: f64,
        cost: f64,
        resource: Option<&str>,
        unit: &'static str,
    ) -> Charge {
        Charge {
            service_code,
            usage_type,
            operation,
            kind: "Usage",
            quantity,
            cost,
            resource: resource.map(str::to_string),
            region: "us-east-1",
            unit,
            period: "2026-11",
            tags: Vec::new(),
        }
    }

    pub fn of_kind(kind: &'static str, cost: f64) -> Charge {
        Charge {
            kind,
            quantity: 0.0,
            ..Charge::usage("AmazonS3", "", "", 0.0, cost, None, "")
        }
    }

    /// The tags as a JSON object.
    fn tags_json(&self) -> String {
        let m: serde_json::Map<String, serde_json::Value> = self
            .tags
            .iter()
            .map(|(k, v)| (k.to_string(), serde_json::Value::from(*v)))
            .collect();
        serde_json::Value::Object(m).to_string()
    }

    fn focus_category(&self) -> &'static str {
        match self.kind {
            "Usage" | "DiscountedUsage" | "SavingsPlanCoveredUsage" => "Usage",
            "Credit" => "Credit",
            "Tax" => "Tax",
            _ => "Purchase",
        }
    }
}

/// Seconds since 1970 of a period's first midnight.
fn period_seconds(p: &str) -> i64 {
    lakecost::pricing::dates::days_from_civil(&format!("{p}-01")).unwrap() * 86_400
}

#[derive(Clone, Copy, PartialEq)]
pub enum Dialect {
    Cur2,
    Focus,
}

/// The columns written, in order: name, and how each row fills it.
fn columns(d: Dialect) -> Vec<(&'static str, Col)> {
    use Col::*;
    match d {
        Dialect::Cur2 => vec![
            ("identity_line_item_id", Text(|_| Some("li-1".into()))),
            ("bill_billing_period_start_date", Time),
            (
                "line_item_product_code",
                Text(|c| Some(c.service_code.into())),
            ),
            ("line_item_usage_type", Text(|c| Some(c.usage_type.into()))),
            ("line_item_operation", Text(|c| Some(c.operation.into()))),
            ("line_item_line_item_type", Text(|c| Some(c.kind.into()))),
            ("line_item_usage_amount", Number(|c| c.quantity)),
            ("line_item_unblended_cost", Number(|c| c.cost)),
            ("line_item_resource_id", Text(|c| c.resource.clone())),
            ("line_item_currency_code", Text(|_| Some("USD".into()))),
            ("product_region_code", Text(|c| Some(c.region.into()))),
            ("pricing_unit", Text(|c| Some(c.unit.into()))),
            ("resource_tags", TagMap),
        ],
        Dialect::Focus => vec![
            ("BilledCost", Number(|c| c.cost)),
            ("BillingPeriodStart", Time),
            ("ChargeCategory", Text(|c| Some(c.focus_category().into()))),
            ("x_ServiceCode", Text(|c| Some(c.service_code.into()))),
            ("x_UsageType", Text(|c| Some(c.usage_type.into()))),
            ("x_Operation", Text(|c| Some(c.operation.into()))),
            ("PricingQuantity", Number(|c| c.quantity)),
            ("EffectiveCost", Number(|c| c.cost)),
            ("ResourceId", Text(|c| c.resource.clone())),
            ("BillingCurrency", Text(|_| Some("USD".into()))),
            ("RegionId", Text(|c| Some(c.region.into()))),
            ("PricingUnit", Text(|c| Some(c.unit.into()))),
            ("Tags", Text(|c| Some(c.tags_json()))),
        ],
    }
}

#[derive(Clone, Copy)]
enum Col {
    Text(fn(&Charge) -> Option<String>),
    Number(fn(&Charge) -> f64),
    /// The billing period's start, a timestamp.
    Time,
    /// The tags: a Parquet map, a JSON object in CSV.
    TagMap,
}

/// Writes `rows` as Parquet, `per_group` rows to a row group.
pub fn parquet(path: &Path, d: Dialect, rows: &[Charge], per_group: usize) {
    parquet_groups(
        path,
        d,
        rows.chunks(per_group.max(1)).map(<[Charge]>::to_vec),
        0,
    );
}

/// Writes each group of rows as a row group, with `filler` more text columns of
/// distinct values (a wide export's columns that `reconcile` must skip unread).
pub fn parquet_groups(
    path: &Path,
    d: Dialect,
    groups: impl IntoIterator<Item = Vec<Charge>>,
    filler: usize,
) {
    let cols = columns(d);
    let mut fields: Vec<String> = cols
        .iter()
        .map(|(name, c)| match c {
            Col::Text(_) => format!("OPTIONAL BYTE_ARRAY {name} (STRING);"),
            Col::Number(_) => format!("OPTIONAL DOUBLE {name};"),
            Col::Time => format!("OPTIONAL INT64 {name} (TIMESTAMP(MILLIS,true));"),
            Col::TagMap => format!(
                "OPTIONAL GROUP {name} (MAP) {{ REPEATED GROUP key_value {{ REQUIRED BYTE_ARRAY key (STRING); OPTIONAL BYTE_ARRAY value (STRING); }} }}"
            ),
        })
        .collect();
    for i in 0..filler {
        fields.push(format!("OPTIONAL BYTE_ARRAY x_filler_{i} (STRING);"));
    }
    let schema = parquet::schema::parser::parse_message_type(&format!(
        "message bill {{ {} }}",
        fields.join(" ")
    ))
    .unwrap();
    let props = WriterProperties::builder()
        .set_compression(parquet::basic::Compression::SNAPPY)
        .build();
    let file = std::fs::File::create(path).unwrap();
    let mut w = SerializedFileWriter::new(file, Arc::new(schema), Arc::new(props)).unwrap();
    let mut first_row = 0usize;
    for group in groups {
        let mut g = w.next_row_group().unwrap();
        for (_, c) in &cols {
            if let Col::TagMap = c {
                // Two leaf columns, key and value: one level entry per tag, or one
                // for a row of none (an empty map: definition level 1).
                for leaf in 0..2 {
                    let (mut vals, mut defs, mut reps) = (Vec::new(), Vec::new(), Vec::new());
                    for r in &group {
                        if r.tags.is_empty() {
                            defs.push(1);
                            reps.push(0);
                        }
                        for (i, (k, v)) in r.tags.iter().enumerate() {
                            vals.push(ByteArray::from(if leaf == 0 { *k } else { *v }));
                            defs.push(2 + leaf as i16);
                            reps.push(i16::from(i > 0));
                        }
                    }
                    let mut col = g.next_column().unwrap().unwrap();
                    col.typed::<ByteArrayType>()
                        .write_batch(&vals, Some(&defs), Some(&reps))
                        .unwrap();
                    col.close().unwrap();
                }
                continue;
            }
            let mut col = g.next_column().unwrap().unwrap();
            match c {
                Col::Text(f) => {
                    let vals: Vec<Option<String>> = group.iter().map(f).collect();
                    let defs: Vec<i16> = vals.iter().map(|v| i16::from(v.is_some())).collect();
                    let bytes: Vec<ByteArray> = vals
                        .iter()
                        .flatten()
                        .map(|s| ByteArray::from(s.as_str()))
                        .collect();
                    col.typed::<ByteArrayType>()
                        .write_batch(&bytes, Some(&defs), None)
                        .unwrap();
                }
                Col::Number(f) => {
                    let vals: Vec<f64> = group.iter().map(f).collect();
                    col.typed::<DoubleType>()
                        .write_batch(&vals, Some(&vec![1; vals.len()]), None)
                        .unwrap();
                }
                Col::TagMap => unreachable!("written above"),
                Col::Time => {
                    let vals: Vec<i64> = group
                        .iter()
                        .map(|c| period_seconds(c.period) * 1000)
                        .collect();
                    col.typed::<Int64Type>()
                        .write_batch(&vals, Some(&vec![1; vals.len()]), None)
                        .unwrap();
                }
            }
            col.close().unwrap();
        }
        for i in 0..filler {
            let mut col = g.next_column().unwrap().unwrap();
            let bytes: Vec<ByteArray> = (0..group.len())
                .map(|r| {
                    let n = (first_row + r) as u64;
                    ByteArray::from(
                        format!("{:016x}-{i}", n.wrapping_mul(0x9e37_79b9_7f4a_7c15)).as_str(),
                    )
                })
                .collect();
            col.typed::<ByteArrayType>()
                .write_batch(&bytes, Some(&vec![1; bytes.len()]), None)
                .unwrap();
            col.close().unwrap();
        }
        first_row += group.len();
        g.close().unwrap();
    }
    w.close().unwrap();
}

/// The rows as CSV text, timestamps as `YYYY-MM-DDT00:00:00Z`.
pub fn csv_text(d: Dialect, rows: &[Charge]) -> String {
    let cols = columns(d);
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(cols.iter().map(|(n, _)| *n)).unwrap();
    for r in rows {
        w.write_record(cols.iter().map(|(_, c)| match c {
            Col::Text(f) => f(r).unwrap_or_default(),
            Col::Number(f) => f(r).to_string(),
            Col::Time => format!("{}-01T00:00:00Z", r.period),
            Col::TagMap => r.tags_json(),
        }))
        .unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// The rows as gzip CSV.
pub fn csv_gz(path: &Path, d: Dialect, rows: &[Charge]) {
    let file = std::fs::File::create(path).unwrap();
    let mut z = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
    z.write_all(csv_text(d, rows).as_bytes()).unwrap();
    z.finish().unwrap();
}
