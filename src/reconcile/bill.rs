//! What AWS billed, as `reconcile` needs it: the rows of a CUR 2.0 or FOCUS 1.2 export
//! summed by billing period, kind of charge and meter (service code, usage type,
//! operation, resource, region). A bill of millions of rows becomes a few thousand
//! sums, so a 1 GB export is read in bounded memory.
//!
//! The columns read, and what each dialect calls them, are in [`Col`]; the AWS table
//! dictionaries they follow are cited in docs/reconcile.md.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// The two shapes of bill AWS Data Exports write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Dialect {
    /// Cost and Usage Report 2.0 (`line_item_*`, `bill_*`, `product_*` columns).
    #[serde(rename = "CUR 2.0")]
    Cur2,
    /// FOCUS 1.2 with AWS's `x_` columns.
    #[serde(rename = "FOCUS 1.2")]
    Focus,
}

impl Dialect {
    /// Which dialect a header is, from a column only it has.
    pub fn of_header<'a>(names: impl IntoIterator<Item = &'a str>) -> Option<Dialect> {
        let names: Vec<&str> = names.into_iter().collect();
        if names.contains(&"line_item_usage_type") {
            Some(Dialect::Cur2)
        } else if names.contains(&"ChargeCategory") || names.contains(&"BilledCost") {
            Some(Dialect::Focus)
        } else {
            None
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Dialect::Cur2 => "CUR 2.0",
            Dialect::Focus => "FOCUS 1.2",
        }
    }
}

/// A column `reconcile` reads. Every other column of the export is skipped unread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Col {
    ServiceCode,
    UsageType,
    Operation,
    /// The kind of charge: usage, credit, tax, fee…
    Kind,
    Quantity,
    /// The cost of a usage row: unblended (CUR), effective (FOCUS).
    Cost,
    Resource,
    /// The billing period's start.
    Period,
    Region,
    Currency,
    Unit,
    /// CUR: a reserved usage row's amortised cost.
    ReservationCost,
    /// CUR: a Savings Plan covered row's effective cost.
    SavingsPlanCost,
}

impl Col {
    pub const ALL: [Col; 13] = [
        Col::ServiceCode,
        Col::UsageType,
        Col::Operation,
        Col::Kind,
        Col::Quantity,
        Col::Cost,
        Col::Resource,
        Col::Period,
        Col::Region,
        Col::Currency,
        Col::Unit,
        Col::ReservationCost,
        Col::SavingsPlanCost,
    ];

    /// The column's name in a dialect, and whether a bill without it is refused.
    pub fn name(self, d: Dialect) -> (&'static str, bool) {
        use Dialect::*;
        match (self, d) {
            (Col::ServiceCode, Cur2) => ("line_item_product_code", true),
            (Col::ServiceCode, Focus) => ("x_ServiceCode", true),
            (Col::UsageType, Cur2) => ("line_item_usage_type", true),
            (Col::UsageType, Focus) => ("x_UsageType", true),
            (Col::Operation, Cur2) => ("line_item_operation", true),
            (Col::Operation, Focus) => ("x_Operation", true),
            (Col::Kind, Cur2) => ("line_item_line_item_type", true),
            (Col::Kind, Focus) => ("ChargeCategory", true),
            (Col::Quantity, Cur2) => ("line_item_usage_amount", true),
            (Col::Quantity, Focus) => ("PricingQuantity", true),
            (Col::Cost, Cur2) => ("line_item_unblended_cost", true),
            (Col::Cost, Focus) => ("EffectiveCost", true),
            (Col::Resource, Cur2) => ("line_item_resource_id", true),
            (Col::Resource, Focus) => ("ResourceId", true),
            (Col::Period, Cur2) => ("bill_billing_period_start_date", true),
            (Col::Period, Focus) => ("BillingPeriodStart", true),
            (Col::Region, Cur2) => ("product_region_code", true),
            (Col::Region, Focus) => ("RegionId", true),
            (Col::Currency, Cur2) => ("line_item_currency_code", true),
            (Col::Currency, Focus) => ("BillingCurrency", true),
            (Col::Unit, Cur2) => ("pricing_unit", false),
            (Col::Unit, Focus) => ("PricingUnit", false),
            (Col::ReservationCost, Cur2) => ("reservation_effective_cost", false),
            (Col::SavingsPlanCost, Cur2) => ("savings_plan_savings_plan_effective_cost", false),
            (Col::ReservationCost | Col::SavingsPlanCost, Focus) => ("", false),
        }
    }

    /// Where each column read is in a header (`None`: optional and absent), or the
    /// first required column it lacks.
    pub fn find(d: Dialect, header: &[&str]) -> Result<[Option<usize>; 13], &'static str> {
        let mut at = [None; 13];
        for (i, c) in Col::ALL.iter().enumerate() {
            let (name, required) = c.name(d);
            if name.is_empty() {
                continue;
            }
            at[i] = header.iter().position(|h| *h == name);
            if at[i].is_none() && required {
                return Err(name);
            }
        }
        Ok(at)
    }
}

/// One field of a row as a reader found it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Field<'a> {
    /// Text as the file holds it: checked to be UTF-8 only where it is kept.
    Text(&'a [u8]),
    Number(f64),
    /// A timestamp, in seconds since 1970 (UTC).
    Time(i64),
    Null,
}

pub use crate::units::Period;

/// What kind of charge a row is, from `line_item_line_item_type` (CUR) or
/// `ChargeCategory` (FOCUS).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Usage at its cost: on demand, reserved (amortised) or Savings Plan covered
    /// (effective).
    Usage,
    Credit,
    Tax,
    /// Anything else (fees, refunds, discounts, commitments bought), by its name.
    Other(String),
}

/// A meter of the bill: what was used, where, by which resource.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct Meter {
    pub service_code: String,
    pub usage_type: String,
    pub operation: String,
    pub resource_id: String,
    pub region: String,
    pub unit: String,
}

/// A sum of rows.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Amount {
    pub quantity: f64,
    pub usd: f64,
}

/// One billing period of a bill.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Charges {
    /// Usage by meter, in a stable order (of the meters' fields as bytes).
    pub usage: Vec<(Meter, Amount)>,
    pub credits_usd: f64,
    pub tax_usd: f64,
    /// Every other kind of charge, by its name in the bill.
    pub other: BTreeMap<String, f64>,
}

/// `--tag KEY=VALUE` filters: a row is the lake's when it carries every one of them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tags(pub Vec<(String, String)>);

impl Tags {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The export's column of a row's tags: CUR 2.0's `resource_tags` (a map of the
    /// cost allocation tags), FOCUS's `Tags`.
    pub fn column(d: Dialect) -> &'static str {
        match d {
            Dialect::Cur2 => "resource_tags",
            Dialect::Focus => "Tags",
        }
    }

    /// Whether a row with these tags (key, value) is kept.
    pub fn keep(&self, pairs: &[(&[u8], Option<&[u8]>)]) -> bool {
        self.0.iter().all(|(k, v)| {
            pairs
                .iter()
                .any(|(pk, pv)| *pk == k.as_bytes() && *pv == Some(v.as_bytes()))
        })
    }

    /// [`Tags::keep`] of tags written as a JSON object (CSV exports, FOCUS `Tags`);
    /// an empty cell is a row without tags.
    pub fn keep_json(&self, text: &[u8]) -> bool {
        let object: serde_json::Map<String, serde_json::Value> = if text.is_empty() {
            serde_json::Map::new()
        } else {
            serde_json::from_slice(text).unwrap_or_default()
        };
        self.0
            .iter()
            .all(|(k, v)| object.get(k).and_then(|x| x.as_str()) == Some(v.as_str()))
    }
}

/// A bill: its dialect and its periods.
#[derive(Clone, Debug, PartialEq)]
pub struct Bill {
    pub dialect: Dialect,
    pub periods: BTreeMap<Period, Charges>,
    /// Rows read, in every file.
    pub rows: u64,
    /// Rows left out for lacking a `--tag`.
    pub untagged_rows: u64,
    /// The files read, as given.
    pub files: Vec<String>,
}

/// Why a bill cannot be read: the file, the row where there is one, and what is wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct BillError(pub String);

impl fmt::Display for BillError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BillError {}

/// The most distinct meters a bill may hold: a lake's account has hundreds; an
/// organisation's bill of millions of resources belongs filtered to the lake.
pub const MAX_METERS: usize = 2_000_000;

/// Sums rows into a [`Bill`]: readers hand it each row's fields in [`Col::ALL`] order.
pub struct Summer {
    bill: Bill,
    /// Usage sums by period and a key of the meter's fields (each its length and its
    /// bytes), so a row already seen costs a look-up and no allocation.
    sums: HashMap<(Period, Vec<u8>), Amount>,
    key: Vec<u8>,
}

/// The columns a meter is made of, in [`Meter`]'s order.
const METER: [Col; 6] = [
    Col::ServiceCode,
    Col::UsageType,
    Col::Operation,
    Col::Resource,
    Col::Region,
    Col::Unit,
];

impl Summer {
    pub fn new(dialect: Dialect) -> Summer {
        Summer {
            bill: Bill {
                dialect,
                periods: BTreeMap::new(),
                rows: 0,
                untagged_rows: 0,
                files: Vec::new(),
            },
            sums: HashMap::new(),
            key: Vec::new(),
        }
    }

    pub fn dialect(&self) -> Dialect {
        self.bill.dialect
    }

    /// A file begins; its rows follow.
    pub fn file(&mut self, name: &str) {
        self.bill.files.push(name.to_string());
    }

    /// Adds one row. `row` is the 1-based row number in `file` for messages.
    pub fn add(&mut self, f: &[Field; 13], file: &str, row: u64) -> Result<(), BillError> {
        let d = self.bill.dialect;
        let at = |c: Col| (c.name(d).0, file, row);
        let text = |c: Col| -> Result<&[u8], BillError> {
            match f[c as usize] {
                Field::Text(t) => Ok(t),
                Field::Null => Ok(b""),
                _ => Err(wrong(at(c), "text")),
            }
        };
        let number = |c: Col| -> Result<f64, BillError> {
            let v = match f[c as usize] {
                Field::Number(v) => v,
                Field::Null => 0.0,
                Field::Text(b"") => 0.0,
                Field::Text(t) => std::str::from_utf8(t)
                    .ok()
                    .and_then(|t| t.trim().parse().ok())
                    .ok_or_else(|| wrong(at(c), "a number"))?,
                Field::Time(_) => return Err(wrong(at(c), "a number")),
            };
            if v.is_finite() {
                Ok(v)
            } else {
                Err(wrong(at(c), "a finite number"))
            }
        };
        let currency = text(Col::Currency)?;
        if !currency.is_empty() && currency != b"USD" {
            let (name, file, row) = at(Col::Currency);
            return Err(BillError(format!(
                "{file}: row {row}: column `{name}` is `{}`: lakecost prices in USD and compares only bills in USD",
                crate::text::one_line(&String::from_utf8_lossy(currency))
            )));
        }
        let period = match f[Col::Period as usize] {
            Field::Time(s) => Period::of_seconds(s),
            Field::Text(t) => std::str::from_utf8(t)
                .ok()
                .and_then(|t| Period::parse(t.trim())),
            _ => None,
        }
        .ok_or_else(|| wrong(at(Col::Period), "a date or timestamp (YYYY-MM-DD…)"))?;
        let kind = kind(d, text(Col::Kind)?);
        self.bill.rows += 1;
        let charges = self.bill.periods.entry(period).or_default();
        let cost = number(Col::Cost)?;
        match kind {
            Kind::Usage => {}
            Kind::Credit => {
                charges.credits_usd += cost;
                return Ok(());
            }
            Kind::Tax => {
                charges.tax_usd += cost;
                return Ok(());
            }
            Kind::Other(name) => {
                *charges.other.entry(name).or_default() += cost;
                return Ok(());
            }
        }
        // A reserved or Savings Plan covered row is usage at its effective cost; the
        // fees that pay for the commitment are other charges.
        let usd = match (d, text(Col::Kind)?) {
            (Dialect::Cur2, b"DiscountedUsage") => number(Col::ReservationCost)?,
            (Dialect::Cur2, b"SavingsPlanCoveredUsage") => number(Col::SavingsPlanCost)?,
            _ => cost,
        };
        let quantity = number(Col::Quantity)?;
        self.key.clear();
        for c in METER {
            let t = text(c)?;
            self.key
                .extend_from_slice(&u32::try_from(t.len()).unwrap_or(u32::MAX).to_le_bytes());
            self.key.extend_from_slice(t);
        }
        // The look-up borrows the key; only a meter not seen before is copied.
        let probe = (period, std::mem::take(&mut self.key));
        match self.sums.get_mut(&probe) {
            Some(a) => {
                a.quantity += quantity;
                a.usd += usd;
                self.key = probe.1;
            }
            None => {
                if self.sums.len() >= MAX_METERS {
                    return Err(too_many(file));
                }
                self.key = probe.1.clone();
                self.sums.insert(probe, Amount { quantity, usd });
            }
        }
        Ok(())
    }

    /// A row left out for lacking a `--tag`.
    pub fn skip(&mut self) {
        self.bill.untagged_rows += 1;
    }

    /// Adds the sums of `other` (a part of the same file, read apart).
    pub fn merge(&mut self, other: Summer, file: &str) -> Result<(), BillError> {
        self.bill.rows += other.bill.rows;
        self.bill.untagged_rows += other.bill.untagged_rows;
        for (period, c) in other.bill.periods {
            let mine = self.bill.periods.entry(period).or_default();
            mine.credits_usd += c.credits_usd;
            mine.tax_usd += c.tax_usd;
            for (kind, usd) in c.other {
                *mine.other.entry(kind).or_default() += usd;
            }
        }
        for (key, a) in other.sums {
            match self.sums.get_mut(&key) {
                Some(mine) => {
                    mine.quantity += a.quantity;
                    mine.usd += a.usd;
                }
                None => {
                    if self.sums.len() >= MAX_METERS {
                        return Err(too_many(file));
                    }
                    self.sums.insert(key, a);
                }
            }
        }
        Ok(())
    }

    pub fn finish(mut self) -> Bill {
        // Sorted by their byte keys, one comparison each, so that sums come out in the
        // same order whatever the hash map's.
        let mut sums: Vec<_> = self.sums.into_iter().collect();
        sums.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for ((period, key), amount) in sums {
            // Each field is its length (4 bytes) and its bytes.
            let mut rest = &key[..];
            let mut next = || {
                let (len, tail) = rest.split_at(4.min(rest.len()));
                let len = u32::from_le_bytes(len.try_into().unwrap_or([0; 4])) as usize;
                let (field, tail) = tail.split_at(len.min(tail.len()));
                rest = tail;
                crate::text::one_line(&String::from_utf8_lossy(field))
            };
            let meter = Meter {
                service_code: next(),
                usage_type: next(),
                operation: next(),
                resource_id: next(),
                region: next(),
                unit: next(),
            };
            self.bill
                .periods
                .entry(period)
                .or_default()
                .usage
                .push((meter, amount));
        }
        self.bill
    }
}

fn too_many(file: &str) -> BillError {
    BillError(format!(
        "{file}: more than {MAX_METERS} distinct meters and resources: filter the export to the lake's account or tags"
    ))
}

fn wrong((name, file, row): (&str, &str, u64), expected: &str) -> BillError {
    BillError(format!(
        "{file}: row {row}: column `{name}` holds something other than {expected}"
    ))
}

/// The kind of a charge from its type in the bill. CUR 2.0's
/// `line_item_line_item_type` and FOCUS's `ChargeCategory` (AWS table dictionaries).
fn kind(d: Dialect, t: &[u8]) -> Kind {
    match (d, t) {
        (Dialect::Cur2, b"Usage" | b"DiscountedUsage" | b"SavingsPlanCoveredUsage")
        | (Dialect::Focus, b"Usage") => Kind::Usage,
        (_, b"Credit") => Kind::Credit,
        (_, b"Tax") => Kind::Tax,
        (_, other) => Kind::Other(crate::text::one_line(&String::from_utf8_lossy(other))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row<'a>(kind: &'a str, qty: f64, cost: f64, period: &'a str) -> [Field<'a>; 13] {
        let mut f = [Field::Null; 13];
        f[Col::ServiceCode as usize] = Field::Text(b"AmazonS3");
        f[Col::UsageType as usize] = Field::Text(b"TimedStorage-ByteHrs");
        f[Col::Operation as usize] = Field::Text(b"StandardStorage");
        f[Col::Kind as usize] = Field::Text(kind.as_bytes());
        f[Col::Quantity as usize] = Field::Number(qty);
        f[Col::Cost as usize] = Field::Number(cost);
        f[Col::Resource as usize] = Field::Text(b"lake-bronze");
        f[Col::Period as usize] = Field::Text(period.as_bytes());
        f[Col::Region as usize] = Field::Text(b"us-east-1");
        f[Col::Currency as usize] = Field::Text(b"USD");
        f
    }

    #[test]
    fn rows_of_a_meter_are_summed_and_charges_kept_apart() {
        let mut s = Summer::new(Dialect::Cur2);
        let p = "2026-11-01T00:00:00Z";
        s.add(&row("Usage", 10.0, 0.25, p), "f", 1).unwrap();
        s.add(&row("Usage", 5.0, 0.125, p), "f", 2).unwrap();
        s.add(&row("Tax", 0.0, 0.05, p), "f", 3).unwrap();
        s.add(&row("Credit", 0.0, -1.0, p), "f", 4).unwrap();
        s.add(&row("RIFee", 0.0, 7.0, p), "f", 5).unwrap();
        let b = s.finish();
        assert_eq!(b.rows, 5);
        let c = &b.periods[&Period::parse("2026-11").unwrap()];
        let a = &c.usage[0].1;
        assert_eq!((a.quantity, a.usd), (15.0, 0.375));
        assert_eq!((c.tax_usd, c.credits_usd), (0.05, -1.0));
        assert_eq!(c.other["RIFee"], 7.0);
    }

    #[test]
    fn another_currency_and_a_bad_number_name_their_column_and_row() {
        let mut s = Summer::new(Dialect::Cur2);
        let mut r = row("Usage", 1.0, 1.0, "2026-11-01");
        r[Col::Currency as usize] = Field::Text(b"EUR");
        let e = s.add(&r, "bill.csv", 7).unwrap_err().0;
        assert!(
            e.contains("row 7") && e.contains("line_item_currency_code"),
            "{e}"
        );
        let mut r = row("Usage", 1.0, 1.0, "2026-11-01");
        r[Col::Quantity as usize] = Field::Text(b"lots");
        let e = s.add(&r, "bill.csv", 8).unwrap_err().0;
        assert!(e.contains("line_item_usage_amount"), "{e}");
        let r = row("Usage", 1.0, 1.0, "November");
        let e = s.add(&r, "bill.csv", 9).unwrap_err().0;
        assert!(e.contains("bill_billing_period_start_date"), "{e}");
    }

    #[test]
    fn a_row_is_kept_when_it_carries_every_tag() {
        let t = Tags(vec![("user_team".into(), "lake".into())]);
        assert!(t.keep(&[(b"user_team", Some(b"lake")), (b"x", None)]));
        assert!(!t.keep(&[(b"user_team", Some(b"web"))]));
        assert!(!t.keep(&[]));
        assert!(t.keep_json(br#"{"user_team":"lake","env":"prod"}"#));
        assert!(!t.keep_json(br#"{"user_team":null}"#));
        assert!(!t.keep_json(b""));
        assert!(!t.keep_json(b"not json"));
        assert!(Tags::default().keep(&[]));
    }

    #[test]
    fn periods_know_their_hours() {
        // 720 hours in November, 744 in October (the issue's example), 696 in a leap
        // February.
        assert_eq!(Period::parse("2026-11").unwrap().hours(), 720.0);
        assert_eq!(
            Period::parse("2026-10-01T00:00:00Z").unwrap().hours(),
            744.0
        );
        assert_eq!(Period::parse("2028-02").unwrap().hours(), 696.0);
        let jan = Period::parse("2026-01").unwrap();
        assert_eq!(jan.plus(13).to_string(), "2027-02");
        assert_eq!(jan.months_to(jan.plus(13)), 13);
        assert_eq!(
            Period::of_seconds(1_793_491_200),
            Period::parse("2026-11-01")
        );
    }

    #[test]
    fn the_dialect_is_told_by_its_columns() {
        assert_eq!(
            Dialect::of_header(["line_item_usage_type", "x"]),
            Some(Dialect::Cur2)
        );
        assert_eq!(
            Dialect::of_header(["BilledCost", "ChargeCategory"]),
            Some(Dialect::Focus)
        );
        assert_eq!(Dialect::of_header(["a", "b"]), None);
        let e = Col::find(Dialect::Focus, &["BilledCost"]).unwrap_err();
        assert_eq!(e, "x_ServiceCode");
    }
}
