//! An estimate as a FOCUS 1.2 forecast (`estimate --format focus`): one row per month
//! and line item (a volume tier is a line of its own), in FOCUS's columns with AWS's
//! Price List identity in `x_` columns, as CSV or Parquet. FinOps tools load FOCUS;
//! `x_RecordType = Forecast` tells these rows from a bill's.
//!
//! Which FOCUS column holds what, and why, is in docs/focus.md.

use super::Report;
use crate::model::{LineItem, Service};
use crate::reconcile::bill::Period;
use crate::scenario::Binding;

/// A cell of the forecast.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    /// A timestamp at a month's first midnight (UTC).
    Month(Period),
    Null,
}

/// The columns, in order, and whether each holds numbers (else text or timestamps).
pub const COLUMNS: [&str; 42] = [
    "BilledCost",
    "BillingAccountId",
    "BillingAccountName",
    "BillingCurrency",
    "BillingPeriodEnd",
    "BillingPeriodStart",
    "ChargeCategory",
    "ChargeClass",
    "ChargeDescription",
    "ChargeFrequency",
    "ChargePeriodEnd",
    "ChargePeriodStart",
    "ConsumedQuantity",
    "ConsumedUnit",
    "ContractedCost",
    "ContractedUnitPrice",
    "EffectiveCost",
    "InvoiceIssuerName",
    "ListCost",
    "ListUnitPrice",
    "PricingCategory",
    "PricingQuantity",
    "PricingUnit",
    "ProviderName",
    "PublisherName",
    "RegionId",
    "RegionName",
    "ResourceId",
    "ResourceName",
    "ResourceType",
    "ServiceCategory",
    "ServiceName",
    "ServiceSubcategory",
    "SkuId",
    "SkuPriceId",
    "SkuMeter",
    "x_RecordType",
    "x_ScenarioName",
    "x_EstimateMonth",
    "x_PriceKey",
    "x_UsageType",
    "x_Operation",
];

/// Further columns after [`COLUMNS`]: `InvoiceId` (null: a forecast belongs to no
/// invoice) and two extension columns.
pub const MORE: [&str; 3] = ["InvoiceId", "x_ServiceCode", "x_Confidence"];

/// The account a forecast is billed to: unknown before the bill, and FOCUS wants one.
const ACCOUNT: &str = "forecast";

/// FOCUS's ServiceName, ServiceCategory and ServiceSubcategory for a price: by its
/// Price List service code (AWS's service names), and for EC2 by what the price is
/// (instances, EBS volumes, NAT gateways). Categories are FOCUS 1.2's allowed values.
fn service(service_code: &str, key: &str) -> (&'static str, &'static str, &'static str) {
    match service_code {
        "AmazonS3" => ("Amazon Simple Storage Service", "Storage", "Object Storage"),
        "AWSGlue" => ("AWS Glue", "Analytics", "Data Processing"),
        "ElasticMapReduce" => ("Amazon EMR", "Analytics", "Data Processing"),
        "AmazonEC2" if key.starts_with("ebs.") => {
            ("Amazon Elastic Compute Cloud", "Storage", "Block Storage")
        }
        "AmazonEC2" if key.starts_with("vpc.") => (
            "Amazon Elastic Compute Cloud",
            "Networking",
            "Network Connectivity",
        ),
        "AmazonEC2" => (
            "Amazon Elastic Compute Cloud",
            "Compute",
            "Virtual Machines",
        ),
        "AmazonRedshift" => ("Amazon Redshift", "Databases", "Data Warehouses"),
        "AmazonAthena" => ("Amazon Athena", "Analytics", "Analytics Platforms"),
        "AmazonKinesis" => ("Amazon Kinesis", "Analytics", "Streaming Analytics"),
        "AmazonKinesisFirehose" => ("Amazon Data Firehose", "Analytics", "Streaming Analytics"),
        "AWSLambda" => ("AWS Lambda", "Compute", "Serverless Compute"),
        "AmazonStates" => (
            "AWS Step Functions",
            "Integration",
            "Workflow Orchestration",
        ),
        "AmazonDynamoDB" => ("Amazon DynamoDB", "Databases", "NoSQL Databases"),
        "awskms" => (
            "AWS Key Management Service",
            "Security",
            "Secret Management",
        ),
        "AmazonVPC" => (
            "Amazon Virtual Private Cloud",
            "Networking",
            "Network Connectivity",
        ),
        "AWSDataTransfer" => ("AWS Data Transfer", "Networking", "Network Connectivity"),
        "AmazonCloudWatch" => (
            "Amazon CloudWatch",
            "Management and Governance",
            "Observability",
        ),
        _ => ("Other", "Other", "Other"),
    }
}

/// What kind of resource a service's lines are billed to.
fn resource_type(s: Service) -> &'static str {
    match s {
        Service::S3 => "S3 layer",
        Service::Kinesis => "Kinesis data stream",
        Service::Firehose => "Firehose stream",
        Service::Glue => "Glue job",
        Service::Emr => "EMR workload",
        Service::Redshift => "Redshift warehouse",
        Service::Athena => "Athena workgroup",
        Service::Lambda => "Lambda function",
        Service::Stepfunctions => "State machine",
        Service::Dynamodb => "DynamoDB table",
        Service::Kms => "KMS key",
        Service::Network => "VPC",
        Service::Cloudwatch => "CloudWatch",
    }
}

/// FOCUS's unit format for the Price List's units it names (FOCUS 1.2 "Unit Format");
/// other units are kept as the Price List writes them.
fn unit(u: &str) -> &str {
    match u {
        "GB-Mo" => "GB-Months",
        "Hrs" => "Hours",
        "DPU-Hour" => "DPU-Hours",
        "RPU-Hr" => "RPU-Hours",
        "Terabytes" => "TB",
        "Lambda-GB-Second" => "GB-Seconds",
        "seconds" => "Seconds",
        "ShardHour" => "Shard-Hours",
        other => other,
    }
}

/// The forecast's rows: each month of the horizon from `start`, each priced line.
/// Lines at prices the snapshot lacks (`--allow-missing`) have no price and are left
/// out.
pub fn rows(r: &Report, bindings: &[Binding], start: Period) -> Vec<Vec<Value>> {
    let text = |s: &str| Value::Text(s.to_string());
    let mut out = Vec::new();
    for m in &r.months {
        let from = start.plus(m.month - 1);
        let to = from.plus(1);
        for l in m.lines.iter().filter(|l| !l.price.not_included) {
            let p = &l.price;
            let (name, category, subcategory) = service(&p.service_code, &p.key);
            let (list_unit, pricing) = list_price(l);
            let ids = crate::reconcile::bound_ids(bindings, l);
            let resource_id = if ids.is_empty() {
                format!("lakecost:{}/{}", l.service.name(), l.resource)
            } else {
                ids.join(",")
            };
            let sku = if p.sku.is_empty() {
                format!("lakecost:{}", p.key)
            } else {
                p.sku.clone()
            };
            let cost = l.cost_usd.value();
            let mut row = vec![
                Value::Number(cost),
                text(ACCOUNT),
                text(&r.scenario.name),
                text("USD"),
                Value::Month(to),
                Value::Month(from),
                text("Usage"),
                Value::Null,
                Value::Text(ascii(&format!("{} {}", l.resource, l.component))),
                text("Usage-Based"),
                Value::Month(to),
                Value::Month(from),
                Value::Number(l.quantity),
                text(unit(&p.unit)),
                Value::Number(cost),
                Value::Number(l.unit_price_usd),
                Value::Number(cost),
                text("AWS"),
                Value::Number(l.quantity * list_unit),
                Value::Number(list_unit),
                text(pricing),
                Value::Number(l.quantity),
                text(unit(&p.unit)),
                text("AWS"),
                text("AWS"),
                text(&p.region),
                crate::regions::REGIONS
                    .iter()
                    .find(|x| x.code == p.region)
                    .map_or(Value::Text(p.region.clone()), |x| text(x.location)),
                Value::Text(resource_id),
                text(&l.resource),
                text(resource_type(l.service)),
                text(category),
                text(name),
                text(subcategory),
                Value::Text(sku.clone()),
                Value::Text(sku),
                text(if p.usage_type.is_empty() {
                    &p.key
                } else {
                    &p.usage_type
                }),
                text("Forecast"),
                text(&r.scenario.name),
                Value::Number(f64::from(m.month)),
                text(&p.key),
                text(&p.usage_type),
                text(&p.operation),
            ];
            row.push(Value::Null);
            row.push(text(&p.service_code));
            row.push(text(&format!("{:?}", l.confidence)));
            out.push(row);
        }
    }
    out
}

/// Text in ASCII, as FOCUS's string handling asks of descriptions: the typographic
/// signs lakecost's line names use become their ASCII forms, anything else `?`.
fn ascii(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            c if c.is_ascii() => c.to_string(),
            '×' => "x".into(),
            '–' | '—' | '−' => "-".into(),
            '…' => "...".into(),
            '≤' => "<=".into(),
            '≥' => ">=".into(),
            _ => "?".into(),
        })
        .collect()
}

/// The list unit price of a line, and its FOCUS pricing category: a line at one of
/// its price's tier rates is at list ("Standard"); a line at another rate (spot) is at
/// a rate the provider sets ("Dynamic"), against the first tier's list rate.
fn list_price(l: &LineItem) -> (f64, &'static str) {
    if l.price.tiers.iter().any(|t| t.usd == l.unit_price_usd) {
        (l.unit_price_usd, "Standard")
    } else {
        (l.price.rate(), "Dynamic")
    }
}

/// The forecast as CSV: numbers unrounded, timestamps `YYYY-MM-DDT00:00:00Z`, text
/// neutralised for spreadsheets, nulls empty.
pub fn render_csv(rows: &[Vec<Value>]) -> String {
    use super::sink::{self, Cell, Column, Section};
    let mut s = Section::new(
        "focus",
        COLUMNS
            .iter()
            .chain(MORE.iter())
            .map(|c| Column::left(c, c))
            .collect(),
    );
    for r in rows {
        s.rows.push(
            r.iter()
                .map(|v| match v {
                    Value::Text(t) => Cell::text(t),
                    Value::Number(n) => Cell::figure(n.to_string(), *n),
                    Value::Month(p) => Cell::text(format!("{}T00:00:00Z", p.first_day())),
                    Value::Null => Cell::maybe("", None),
                })
                .collect(),
        );
    }
    sink::csv_of(&s)
}

/// The forecast as Parquet (Snappy): text as strings, numbers as doubles, timestamps
/// as UTC milliseconds.
pub fn render_parquet(rows: &[Vec<Value>]) -> Result<Vec<u8>, String> {
    use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::SerializedFileWriter;
    let names: Vec<&str> = COLUMNS.iter().chain(MORE.iter()).copied().collect();
    // A column's type is its first non-null value's.
    let kind = |i: usize| {
        rows.iter()
            .map(|r| &r[i])
            .find(|v| !matches!(v, Value::Null))
            .map_or(0, |v| match v {
                Value::Number(_) => 1,
                Value::Month(_) => 2,
                _ => 0,
            })
    };
    let fields: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| match kind(i) {
            1 => format!("OPTIONAL DOUBLE {n};"),
            2 => format!("OPTIONAL INT64 {n} (TIMESTAMP(MILLIS,true));"),
            _ => format!("OPTIONAL BYTE_ARRAY {n} (STRING);"),
        })
        .collect();
    let e = |e: parquet::errors::ParquetError| e.to_string();
    let schema = parquet::schema::parser::parse_message_type(&format!(
        "message focus {{ {} }}",
        fields.join(" ")
    ))
    .map_err(e)?;
    let props = WriterProperties::builder()
        .set_compression(parquet::basic::Compression::SNAPPY)
        .build();
    let mut w = SerializedFileWriter::new(Vec::new(), schema.into(), props.into()).map_err(e)?;
    let mut g = w.next_row_group().map_err(e)?;
    for i in 0..names.len() {
        let mut col = g
            .next_column()
            .map_err(e)?
            .ok_or("fewer columns than the schema")?;
        let defs: Vec<i16> = rows
            .iter()
            .map(|r| i16::from(!matches!(r[i], Value::Null)))
            .collect();
        match kind(i) {
            1 => {
                let v: Vec<f64> = rows
                    .iter()
                    .filter_map(|r| match r[i] {
                        Value::Number(n) => Some(n),
                        _ => None,
                    })
                    .collect();
                col.typed::<DoubleType>()
                    .write_batch(&v, Some(&defs), None)
                    .map_err(e)?;
            }
            2 => {
                let v: Vec<i64> = rows
                    .iter()
                    .filter_map(|r| match r[i] {
                        Value::Month(p) => crate::pricing::dates::days_from_civil(&p.first_day())
                            .map(|d| d * 86_400_000),
                        _ => None,
                    })
                    .collect();
                col.typed::<Int64Type>()
                    .write_batch(&v, Some(&defs), None)
                    .map_err(e)?;
            }
            _ => {
                let v: Vec<ByteArray> = rows
                    .iter()
                    .filter_map(|r| match &r[i] {
                        Value::Text(t) => Some(ByteArray::from(t.as_str())),
                        _ => None,
                    })
                    .collect();
                col.typed::<ByteArrayType>()
                    .write_batch(&v, Some(&defs), None)
                    .map_err(e)?;
            }
        }
        col.close().map_err(e)?;
    }
    g.close().map_err(e)?;
    w.into_inner().map_err(e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pricing::PriceBook;

    #[test]
    fn descriptions_are_ascii() {
        assert_eq!(
            ascii("2 NAT gateways × 730 h – ≤ 5…é"),
            "2 NAT gateways x 730 h - <= 5...?"
        );
    }

    #[test]
    fn a_line_off_its_tiers_is_dynamic_against_the_on_demand_list_rate() {
        let book = PriceBook::bundled_for(&["us-east-1"]).unwrap();
        let ec2 = book.get("us-east-1", "ec2.instance.m5.xlarge").unwrap();
        let on_demand = LineItem::priced(Service::Emr, "c", "od", 10.0, ec2, ec2.tiers[0]);
        assert_eq!(list_price(&on_demand), (0.192, "Standard"));
        // Spot at 66 % off (EC2 Spot pricing): billed $0.06528 an hour, listed $0.192.
        let spot = LineItem::priced(
            Service::Emr,
            "c",
            "spot",
            10.0,
            ec2,
            crate::pricing::Tier {
                usd: 0.192 * 0.34,
                ..ec2.tiers[0]
            },
        );
        assert_eq!(list_price(&spot), (0.192, "Dynamic"));
    }
}
