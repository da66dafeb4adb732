//! The optimiser's moves: one file per family of moves, each with a stable code
//! (`LC-OPT-…`, documented in `docs/optimize.md` and shown by `lakecost explain`) that
//! `optimize --only` and `--skip` select by. A family searches the typed scenario by
//! the fast evaluation path and proposes its best design as edits to the text, with
//! the candidate it priced; the plan proves each proposal by pricing the edited text
//! whole and drops one whose proof differs from its search.

mod athena_columnar;
mod dynamodb_capacity;
mod emr_groups;
mod emr_right_size;
mod emr_spot;
mod engine_swap;
mod glue_flex;
mod graviton;
mod kinesis_capacity;
mod kms_bucket_key;
mod log_class;
mod redshift_idle;
mod s3_gateway_endpoint;
mod s3_lifecycle;

use super::{Proposal, Search};

/// One family of moves.
pub struct Move {
    pub code: &'static str,
    /// What it changes, in a few words (`lakecost optimize --help`, the docs).
    pub summary: &'static str,
    pub(crate) propose: fn(&Search) -> Vec<Proposal>,
}

/// Every family, in the order the searches run.
pub const MOVES: &[Move] = &[
    Move {
        code: "LC-OPT-001",
        summary: "S3 storage class and lifecycle transitions of a layer",
        propose: s3_lifecycle::propose,
    },
    Move {
        code: "LC-OPT-002",
        summary: "Glue Flex for a job whose deadline leaves room",
        propose: glue_flex::propose,
    },
    Move {
        code: "LC-OPT-003",
        summary: "EMR task nodes on spot",
        propose: emr_spot::propose,
    },
    Move {
        code: "LC-OPT-004",
        summary: "EMR nodes right-sized to the memory the work needs per vCPU",
        propose: emr_right_size::propose,
    },
    Move {
        code: "LC-OPT-005",
        summary: "Arm (Graviton) for EMR, EMR Serverless and Lambda",
        propose: graviton::propose,
    },
    Move {
        code: "LC-OPT-006",
        summary: "the cheaper engine the scenario already describes for the same work",
        propose: engine_swap::propose,
    },
    Move {
        code: "LC-OPT-007",
        summary: "a Redshift cluster idle part of the day paused, or on Serverless",
        propose: redshift_idle::propose,
    },
    Move {
        code: "LC-OPT-008",
        summary: "a row-format table Athena scans queried as Parquet",
        propose: athena_columnar::propose,
    },
    Move {
        code: "LC-OPT-009",
        summary: "a Kinesis stream's capacity mode and producer aggregation",
        propose: kinesis_capacity::propose,
    },
    Move {
        code: "LC-OPT-010",
        summary: "a DynamoDB table's capacity mode and table class",
        propose: dynamodb_capacity::propose,
    },
    Move {
        code: "LC-OPT-011",
        summary: "an S3 Bucket Key for a layer encrypted with SSE-KMS",
        propose: kms_bucket_key::propose,
    },
    Move {
        code: "LC-OPT-012",
        summary: "an S3 gateway endpoint for S3 traffic crossing NAT gateways",
        propose: s3_gateway_endpoint::propose,
    },
    Move {
        code: "LC-OPT-013",
        summary: "the Infrequent Access class for a CloudWatch Logs group",
        propose: log_class::propose,
    },
];

/// `docs/optimize.md`, whose `## LC-OPT-…` sections explain the moves.
const DOC: &str = include_str!("../../../docs/optimize.md");

/// The section of `docs/optimize.md` that explains the move `code`, if there is one.
pub fn explain(code: &str) -> Option<String> {
    let m = find(code)?;
    crate::text::doc_section(DOC, m.code)
}

/// The family of `code` (any case).
pub fn find(code: &str) -> Option<&'static Move> {
    MOVES
        .iter()
        .find(|m| m.code.eq_ignore_ascii_case(code.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_ordered_and_documented() {
        for (i, m) in MOVES.iter().enumerate() {
            assert_eq!(m.code, format!("LC-OPT-{:03}", i + 1));
            assert!(
                DOC.contains(&format!("| {} | {} |", m.code, m.summary)),
                "{} is not in the table of docs/optimize.md",
                m.code
            );
            let section = explain(m.code).unwrap();
            assert!(
                section.starts_with(&format!("## {}\n", m.code)),
                "{section}"
            );
            assert!(!section.contains("\n## "), "{section}");
        }
        assert_eq!(find("lc-opt-002").map(|m| m.code), Some("LC-OPT-002"));
    }
}
