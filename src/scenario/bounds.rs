//! Upper bounds for every numeric key: far beyond any real lake, or AWS's own limit
//! where AWS has one, so that a typo (`1000000` for `100`) or a hostile file is an
//! error with its position instead of an hour of work or a number past `f64`.
//!
//! The bounds are those of the key table ([`super::keys`]), checked on the positioned
//! YAML tree before the file is read into its types (docs/scenario-format.md lists
//! them). Keys whose range a section already checks (`months`, Kinesis and Firehose
//! record sizes, Kinesis retention, Firehose buffers, Lambda limits), or whose
//! relation to another key matters (a share of at most 100 %, a cluster's active hours
//! within its hours), are marked so in the table and keep those checks in their
//! loaders.

use super::check::{ScenarioError, loc};
use super::keys::{self, Kind, Limit};
use super::tree::Node;
use crate::units::Bytes;
use serde_saphyr::Spanned;

const DAY: f64 = 86_400.0;

/// A bound written the way the key is: `5 TB`, `7 days`, `1000%`, `1e9`.
pub fn shown(kind: Kind, m: f64) -> String {
    match kind {
        Kind::Number | Kind::Whole if m >= 1e6 => format!("{m:e}"),
        Kind::Number | Kind::Whole => format!("{m}"),
        Kind::Size => Bytes(m).to_string(),
        Kind::Time if m >= DAY => format!("{} days", m / DAY),
        Kind::Time => format!("{} h", m / 3600.0),
        Kind::Share => format!("{}%", m * 100.0),
    }
}

/// Checks every numeric key of a parsed file against its bound.
pub(super) fn check(root: &Spanned<Node>) -> Result<(), ScenarioError> {
    walk(root, &mut String::new(), &mut String::new())
}

fn walk(node: &Spanned<Node>, shape: &mut String, path: &mut String) -> Result<(), ScenarioError> {
    match &node.value {
        Node::Scalar(text, _) => {
            let Some((kind, max, why)) = keys::find(shape).and_then(|k| match k.limit {
                Limit::Max(max, why) => Some((k.kind, max, why)),
                Limit::Checked(_) => None,
            }) else {
                return Ok(());
            };
            if let Some(v) = kind.read(text)
                && (v.is_nan() || v > max)
            {
                return Err(ScenarioError::at(
                    loc(node),
                    path.clone(),
                    format!(
                        "expected at most {} ({why}), found {text}",
                        shown(kind, max)
                    ),
                ));
            }
            Ok(())
        }
        Node::Map(entries) => {
            for (k, v) in entries {
                let (s, p) = (shape.len(), path.len());
                for out in [&mut *shape, &mut *path] {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(&k.value);
                }
                walk(v, shape, path)?;
                shape.truncate(s);
                path.truncate(p);
            }
            Ok(())
        }
        Node::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                let (s, p) = (shape.len(), path.len());
                shape.push_str("[]");
                path.push_str(&format!("[{i}]"));
                walk(item, shape, path)?;
                shape.truncate(s);
                path.truncate(p);
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::TIB;

    #[test]
    fn bounds_are_written_the_way_their_keys_are() {
        assert_eq!(shown(Kind::Size, 5.0 * TIB), "5 TB");
        assert_eq!(shown(Kind::Time, 7.0 * DAY), "7 days");
        assert_eq!(shown(Kind::Share, 10.0), "1000%");
        assert_eq!(shown(Kind::Number, 1e9), "1e9");
    }

    #[test]
    fn the_format_documents_every_bound() {
        let doc = include_str!("../../docs/scenario-format.md");
        for k in keys::KEYS {
            if let Limit::Max(..) = k.limit {
                assert!(
                    doc.contains(&format!("| `{}` |", k.path)),
                    "{} is not in docs/scenario-format.md",
                    k.path
                );
            }
        }
    }
}
