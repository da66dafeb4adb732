//! `reconcile --write`: a copy of the scenario with the quantities the bill shows,
//! where one scenario key alone makes one billed quantity — the way `calibrate
//! --write` writes what CloudWatch shows. Each change is made as a text edit (the rest
//! of the file as written), listed in a header comment, and the result must load.
//!
//! The mappings, each exact in the model:
//! - a Lambda function's `invocations_per_day` (given as a number, not `input:`, and
//!   without the free tier, whose share of the bill's requests the bill does not tell
//!   apart) = billed requests ÷ the period's days;
//! - an Athena workgroup's `scanned_per_query` (given as a size, not derived from a
//!   table) = billed TB × 1,024 ÷ (`queries_per_day` × the period's days), in GB.
//!
//! Only a resource whose reconciled line is its own is changed: bound with `aws:`, or
//! alone on its meter (unbound resources of one meter share a line).
//!
//! Other keys make their quantities with others (a job's DPU-hours are workers ×
//! duration × runs; storage is ingest through the lifecycle), so the bill cannot say
//! which of them is off; they are left as written.

use super::{Line, Reconciliation};
use crate::model::Service;
use crate::scenario::Scan;
use crate::scenario::Scenario;
use crate::scenario::edit::{self, Edit, item_path};
use crate::text::significant;
use serde::Serialize;

/// One key set to what the bill shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub resource: String,
    pub key: &'static str,
    pub assumed: f64,
    pub billed: f64,
    pub unit: &'static str,
    #[serde(skip)]
    pub edit: Edit,
}

/// The reconciled line of one resource's meter, when the line is that resource's
/// alone and the bill charged it.
fn line_of<'a>(
    r: &'a Reconciliation,
    service: Service,
    usage_type: &str,
    resource: &str,
) -> Option<&'a Line> {
    r.lines.iter().find(|l| {
        l.service == service
            && l.usage_type == usage_type
            && l.resource == resource
            && l.actual_quantity > 0.0
    })
}

/// The changes the bill supports, and why others were not made.
pub fn changes(r: &Reconciliation, s: &Scenario) -> (Vec<Change>, Vec<String>) {
    let days = r.period.hours / 24.0;
    let mut out = Vec::new();
    let mut notes = Vec::new();
    for f in &s.lambda.functions {
        if f.input.is_some() {
            continue;
        }
        if f.free_tier {
            notes.push(format!(
                "{}: `invocations_per_day` not written: the bill's requests include the free tier's, which it does not tell apart",
                f.name
            ));
            continue;
        }
        let Some(l) = line_of(r, Service::Lambda, "Request", &f.name) else {
            continue;
        };
        let billed = l.actual_quantity / days;
        out.push(Change {
            resource: f.name.clone(),
            key: "invocations_per_day",
            assumed: f.invocations_per_day,
            billed,
            unit: "invocations a day",
            edit: Edit::Set {
                path: item_path("lambda", "functions", &f.name, &["invocations_per_day"]),
                value: significant(billed, 6),
            },
        });
    }
    for w in &s.athena.workgroups {
        let (Scan::PerQuery(assumed), None) = (&w.scan, &w.table) else {
            continue;
        };
        let Some(l) = line_of(r, Service::Athena, "DataScannedInTB", &w.name) else {
            continue;
        };
        if w.queries_per_day <= 0.0 {
            continue;
        }
        let billed = l.actual_quantity * 1024.0 / (w.queries_per_day * days);
        out.push(Change {
            resource: w.name.clone(),
            key: "scanned_per_query",
            assumed: assumed.gib(),
            billed,
            unit: "GB",
            edit: Edit::Set {
                path: item_path("athena", "workgroups", &w.name, &["scanned_per_query"]),
                value: format!("{} GB", significant(billed, 6)),
            },
        });
    }
    (out, notes)
}

/// The scenario text with the changes made and listed in a header comment; an error
/// when the edited text would not load (then nothing is written).
pub fn written(text: &str, changes: &[Change], r: &Reconciliation) -> Result<String, String> {
    let edits: Vec<Edit> = changes.iter().map(|c| c.edit.clone()).collect();
    let edited = edit::apply(text, &edits).map_err(|e| e.to_string())?;
    crate::scenario::load_str(&edited)
        .map_err(|e| format!("the scenario with the bill's quantities would not load: {e}"))?;
    let mut head = format!(
        "# Quantities from the bill of {} to {} (`lakecost reconcile --write`, estimate month {}):\n",
        r.period.start, r.period.end, r.estimate_month
    );
    if changes.is_empty() {
        head.push_str("# - none: no key of this scenario alone makes a billed quantity\n");
    }
    for c in changes {
        head.push_str(&format!(
            "# - {} `{}`: {} → {} {}\n",
            crate::text::one_line(&c.resource),
            c.key,
            significant(c.assumed, 4),
            significant(c.billed, 4),
            c.unit
        ));
    }
    Ok(format!("{head}{edited}"))
}
