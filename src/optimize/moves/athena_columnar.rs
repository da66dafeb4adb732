//! LC-OPT-008: a text, JSON or CSV table Athena scans, queried as a Parquet copy.

use super::super::{Kind, Proposal, Search, saves};
use crate::model::Service;
use crate::scenario::edit::{Edit, item_path};
use crate::scenario::{Scan, TableFormat};

/// A text, JSON or CSV table Athena scans, rewritten as Parquet at the same
/// compression: queries then read only their columns. Parquet usually compresses
/// better than the row format, so the saving is a floor.
pub(super) fn propose(search: &Search) -> Vec<Proposal> {
    let mut out = Vec::new();
    for (i, w) in search.s.athena.workgroups.iter().enumerate() {
        let Scan::Derived { format, .. } = w.scan else {
            continue;
        };
        if format.is_columnar() {
            continue;
        }
        let mut s = search.s.clone();
        if let Scan::Derived { format, .. } = &mut s.athena.workgroups[i].scan {
            *format = TableFormat::Parquet;
        }
        let (Some(base), Some(after)) = (search.cost(search.s), search.cost(&s)) else {
            continue;
        };
        if saves(base, after) {
            out.push(Proposal {
                candidate: s,
                service: Service::Athena,
                resource: w.name.clone(),
                title: format!("query a Parquet copy of the table (format: parquet, was {})", format.name()),
                kind: Kind::DataLayout,
                trade_off: "a data-layout change: the table is rewritten as Parquet (a conversion job, not priced here); priced at the same compression, which Parquet usually beats".into(),
                edits: vec![Edit::Set {
                    path: item_path("athena", "workgroups", &w.name, &["format"]),
                    value: "parquet".into(),
                }],
            });
        }
    }
    out
}
