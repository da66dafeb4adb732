//! CSV: one row per month and line item, then the steady-state month's lines with
//! `month` = `steady_state`.

use super::{MonthReport, Report};

const HEADER: [&str; 13] = [
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
];

pub fn render(r: &Report) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(HEADER)
        .expect("writing CSV to memory cannot fail");
    let mut write = |label: &str, m: &MonthReport| -> csv::Result<()> {
        for l in &m.lines {
            w.write_record([
                label,
                l.service.name(),
                &l.resource,
                &l.component,
                &l.quantity.to_string(),
                &l.unit,
                &l.unit_price_usd.to_string(),
                &l.cost_usd.value().to_string(),
                &l.price_key,
                &l.usage_type,
                &l.sku,
                &l.effective_date,
                &format!("{:?}", l.confidence),
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
    String::from_utf8(w.into_inner().expect("in-memory writer")).expect("CSV of UTF-8 fields")
}
