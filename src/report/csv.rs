//! CSV: one row per month and line item, then the steady-state month's lines with
//! `month` = `steady_state`, then any line left out for want of a price with `month` =
//! `not_included` and empty price and cost. Every row carries the provenance of its prices (source and
//! snapshot date), so a row pasted elsewhere still says where its numbers came from.
//!
//! Text cells that come from the scenario (resource names) are neutralised for
//! spreadsheets: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
//! is prefixed with `'`, as OWASP's CSV-injection guidance recommends, so that no
//! spreadsheet runs it as a formula.

use super::{MonthReport, Report};

const HEADER: [&str; 15] = [
    "month",
    "service",
    "resource",
    "component",
    "quantity",
    "unit",
    "unit_price_usd",
    "cost_usd",
    "price_key",
    "usage_type",
    "sku",
    "effective_date",
    "confidence",
    "prices_source",
    "prices_date",
];

/// A text cell a spreadsheet will not evaluate.
pub fn spreadsheet_cell(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}").into(),
        _ => text.into(),
    }
}

pub fn render(r: &Report) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(HEADER)
        .expect("writing CSV to memory cannot fail");
    let mut write = |label: &str, m: &MonthReport| -> csv::Result<()> {
        for l in &m.lines {
            w.write_record([
                label,
                l.service.name(),
                &spreadsheet_cell(&l.resource),
                &spreadsheet_cell(&l.component),
                &l.quantity.to_string(),
                &l.price.unit,
                &l.unit_price_usd.to_string(),
                &l.cost_usd.value().to_string(),
                &l.price.key,
                &l.price.usage_type,
                &l.price.sku,
                &l.price.effective_date,
                &format!("{:?}", l.confidence),
                &spreadsheet_cell(&r.pricing.source),
                &r.pricing.snapshot_date,
            ])?;
        }
        Ok(())
    };
    let result = (|| -> csv::Result<()> {
        for m in &r.months {
            write(&m.month.to_string(), m)?;
        }
        if let Some(s) = &r.steady_state {
            write("steady_state", s)?;
        }
        Ok(())
    })();
    result.expect("writing CSV to memory cannot fail");
    // Lines at prices the snapshot lacks: their quantities, and no price or cost.
    let result = (|| -> csv::Result<()> {
        for n in &r.not_included {
            w.write_record([
                "not_included",
                n.service.name(),
                &spreadsheet_cell(&n.resource),
                &spreadsheet_cell(&n.component),
                &n.quantity.to_string(),
                &n.unit,
                "",
                "",
                &n.price_key,
                &n.usage_type,
                "",
                "",
                "",
                &spreadsheet_cell(&r.pricing.source),
                &r.pricing.snapshot_date,
            ])?;
        }
        Ok(())
    })();
    result.expect("writing CSV to memory cannot fail");
    String::from_utf8(w.into_inner().expect("in-memory writer")).expect("CSV of UTF-8 fields")
}

#[cfg(test)]
mod tests {
    use super::spreadsheet_cell;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(
            spreadsheet_cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(spreadsheet_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_cell("-1+1"), "'-1+1");
        assert_eq!(spreadsheet_cell("bronze"), "bronze");
    }
}
