//! Edits to a scenario's text that keep everything else as written: comments, key
//! order, flow or block style. `lakecost optimize` describes each change it proposes
//! as edits, shows them as a diff and writes them with `--write`; the edited text is
//! then loaded and priced again, so what is shown is what was priced.
//!
//! New values are written in flow style on one line (`lifecycle: [{ after_days: 30,
//! to: STANDARD_IA }]`), which fits in a block or a flow mapping alike.

use super::tree::{Node, end_of, offset};
use serde_saphyr::Spanned;

/// A step of a path into the scenario: a mapping key, the list element with that
/// `name:`, or a list element by position (for lists without names).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Named(String),
    Index(usize),
}

/// The path to `keys` under the element `name` of the list `section.list`:
/// `item_path("s3", "layers", "bronze", &["lifecycle"])` is `s3.layers[bronze].lifecycle`.
pub fn item_path(section: &str, list: &str, name: &str, keys: &[&str]) -> Vec<Step> {
    let mut p = vec![
        Step::Key(section.into()),
        Step::Key(list.into()),
        Step::Named(name.into()),
    ];
    p.extend(keys.iter().map(|k| Step::Key((*k).into())));
    p
}

/// `["s3", "layers", "bronze"]`-like paths, written `s3.layers[bronze]`.
pub fn path_text(path: &[Step]) -> String {
    let mut out = String::new();
    for s in path {
        match s {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Step::Named(n) => out.push_str(&format!("[{n}]")),
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// A path as written (`s3.layers[bronze].expire_after_days`, `s3.layers[0].object_size`):
/// keys joined by `.`, each optionally followed by one list element, by name or by
/// position. The one parser of paths: `--set`, `sweep --vary` and the key table read
/// them so.
pub fn parse_path(path: &str) -> Result<Vec<Step>, String> {
    let bad =
        || format!("`{path}` is not a key path such as `s3.layers[bronze].expire_after_days`");
    let mut out = Vec::new();
    for seg in path.split('.') {
        match seg.split_once('[') {
            None if !seg.is_empty() => out.push(Step::Key(seg.to_string())),
            Some((k, rest)) if !k.is_empty() && rest.len() > 1 && rest.ends_with(']') => {
                let element = &rest[..rest.len() - 1];
                out.push(Step::Key(k.to_string()));
                out.push(match element.parse::<usize>() {
                    Ok(i) => Step::Index(i),
                    Err(_) => Step::Named(element.to_string()),
                });
            }
            _ => return Err(bad()),
        }
    }
    Ok(out)
}

/// One change to the text.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Sets the key at the end of `path` to `value` (YAML text), adding it to its
    /// mapping when absent.
    Set { path: Vec<Step>, value: String },
    /// Removes the key or the named list element at the end of `path`.
    Remove { path: Vec<Step> },
    /// Adds `item` (YAML text) to the list at `path`, creating the key when absent.
    Append { path: Vec<Step>, item: String },
}

/// Why an edit could not be made: the path is not in the text.
#[derive(Clone, Debug, PartialEq)]
pub struct EditError(pub String);

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EditError {}

/// The text with every edit made, in order.
pub fn apply(text: &str, edits: &[Edit]) -> Result<String, EditError> {
    let mut out = text.to_string();
    for e in edits {
        out = apply_one(&out, e)?;
    }
    Ok(out)
}

fn apply_one(text: &str, edit: &Edit) -> Result<String, EditError> {
    let root = serde_saphyr::from_str::<Spanned<Node>>(text)
        .map_err(|e| EditError(format!("the scenario is not YAML: {e}")))?;
    let (path, last) = match edit {
        Edit::Set { path, .. } | Edit::Remove { path } | Edit::Append { path, .. } => {
            let (last, parent) = path
                .split_last()
                .ok_or_else(|| EditError("an edit needs a path".into()))?;
            (parent, last)
        }
    };
    let parent = find(&root, path)?;
    let splice =
        |start: usize, end: usize, with: &str| format!("{}{with}{}", &text[..start], &text[end..]);
    match (edit, last) {
        (Edit::Set { value, .. }, Step::Key(key)) => match entry(parent, key) {
            Some((k, v)) => {
                let colon = offset(k) + text[offset(k)..].find(':').unwrap_or(0);
                // A block list stays a block list: the file's layout is kept.
                let replacement = match &v.value {
                    Node::Seq(items) if !items.is_empty() && !is_flow(text, v) => {
                        block_items(text, &items[0], value)
                    }
                    _ => None,
                }
                .unwrap_or_else(|| format!(" {value}"));
                Ok(splice(colon + 1, end_of(v, text), &replacement))
            }
            None => Ok(insert_entry(text, parent, key, value)),
        },
        (Edit::Append { item, .. }, Step::Key(key)) => match entry(parent, key) {
            Some((_, v)) => match &v.value {
                Node::Seq(items) if !items.is_empty() => Ok(append_item(text, v, items, item)),
                _ => apply_one(
                    text,
                    &Edit::Set {
                        path: with_key(path, key),
                        value: format!("[{item}]"),
                    },
                ),
            },
            None => Ok(insert_entry(text, parent, key, &format!("[{item}]"))),
        },
        (Edit::Remove { .. }, Step::Named(name)) => {
            let Node::Seq(items) = &parent.value else {
                return Err(EditError(format!("{} is not a list", path_text(path))));
            };
            let i = items
                .iter()
                .position(|it| name_of(it) == Some(name))
                .ok_or_else(|| EditError(format!("no `{name}` in {}", path_text(path))))?;
            if items.len() == 1 {
                let (key, under) = path
                    .split_last()
                    .ok_or_else(|| EditError("a list needs a key".into()))?;
                let Step::Key(key) = key else {
                    return Err(EditError("a list needs a key".into()));
                };
                return apply_one(
                    text,
                    &Edit::Set {
                        path: with_key(under, key),
                        value: "[]".into(),
                    },
                );
            }
            let (start, end) = if is_flow(text, parent) {
                // The item and the comma that follows it (or precedes the last one).
                let (s, e) = (offset(&items[i]), end_of(&items[i], text));
                if i + 1 < items.len() {
                    (s, offset(&items[i + 1]))
                } else {
                    (end_of(&items[i - 1], text), e)
                }
            } else {
                let dash = text[..offset(&items[i])].rfind('-').unwrap_or(0);
                let line = line_start(text, dash);
                (line, line_end(text, end_of(&items[i], text)) + 1)
            };
            Ok(splice(start, end.min(text.len()), ""))
        }
        (Edit::Remove { .. }, Step::Key(key)) => {
            let (k, v) = entry(parent, key)
                .ok_or_else(|| EditError(format!("no `{key}` in {}", path_text(path))))?;
            if is_flow(text, parent) {
                let Node::Map(entries) = &parent.value else {
                    unreachable!("entry() found a key");
                };
                let i = entries
                    .iter()
                    .position(|(x, _)| x.value == *key)
                    .unwrap_or(0);
                let (s, e) = if i + 1 < entries.len() {
                    (offset(k), offset(&entries[i + 1].0))
                } else if i > 0 {
                    (end_of(&entries[i - 1].1, text), end_of(v, text))
                } else {
                    (offset(k), end_of(v, text))
                };
                Ok(splice(s, e, ""))
            } else {
                let line = line_start(text, offset(k));
                Ok(splice(line, line_end(text, end_of(v, text)) + 1, ""))
            }
        }
        (_, step) => Err(EditError(format!(
            "cannot edit {} at {}",
            path_text(path),
            path_text(std::slice::from_ref(step))
        ))),
    }
}

fn with_key(path: &[Step], key: &str) -> Vec<Step> {
    let mut p = path.to_vec();
    p.push(Step::Key(key.to_string()));
    p
}

fn find<'a>(root: &'a Spanned<Node>, path: &[Step]) -> Result<&'a Spanned<Node>, EditError> {
    let mut at = root;
    for (i, step) in path.iter().enumerate() {
        let here = || path_text(&path[..=i]);
        at = match (step, &at.value) {
            (Step::Key(k), Node::Map(_)) => entry(at, k)
                .map(|(_, v)| v)
                .ok_or_else(|| EditError(format!("no {} in the scenario", here())))?,
            (Step::Named(n), Node::Seq(items)) => items
                .iter()
                .find(|it| name_of(it) == Some(n))
                .ok_or_else(|| EditError(format!("no {} in the scenario", here())))?,
            (Step::Index(i), Node::Seq(items)) => items
                .get(*i)
                .ok_or_else(|| EditError(format!("no {} in the scenario", here())))?,
            _ => return Err(EditError(format!("{} has another shape", here()))),
        };
    }
    Ok(at)
}

fn entry<'a>(
    map: &'a Spanned<Node>,
    key: &str,
) -> Option<(&'a Spanned<String>, &'a Spanned<Node>)> {
    match &map.value {
        Node::Map(entries) => entries
            .iter()
            .find(|(k, _)| k.value == key)
            .map(|(k, v)| (k, v)),
        _ => None,
    }
}

fn name_of(item: &Spanned<Node>) -> Option<&String> {
    match &item.value {
        Node::Map(e) => e
            .iter()
            .find(|(k, _)| k.value == "name")
            .and_then(|(_, v)| match &v.value {
                Node::Scalar(s, _) => Some(s),
                _ => None,
            }),
        _ => None,
    }
}

fn is_flow(text: &str, node: &Spanned<Node>) -> bool {
    matches!(text.as_bytes().get(offset(node)), Some(b'{' | b'['))
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// The position of the newline ending the line that holds `at` (or the text's end).
fn line_end(text: &str, at: usize) -> usize {
    text[at..].find('\n').map_or(text.len(), |i| at + i)
}

/// Adds `key: value` to a mapping: before the closing brace of a flow mapping, or on
/// a line of its own after the mapping's last entry, indented like its first key.
fn insert_entry(text: &str, map: &Spanned<Node>, key: &str, value: &str) -> String {
    let Node::Map(entries) = &map.value else {
        return text.to_string();
    };
    let Some((first, _)) = entries.first() else {
        return text.to_string();
    };
    let last_end = entries
        .iter()
        .map(|(k, v)| end_of(v, text).max(offset(k)))
        .max()
        .unwrap_or(0);
    if is_flow(text, map) {
        let at = last_end;
        return format!("{}, {key}: {value}{}", &text[..at], &text[at..]);
    }
    let indent = offset(first) - line_start(text, offset(first));
    let at = line_end(text, last_end);
    format!(
        "{}\n{}{key}: {value}{}",
        &text[..at],
        " ".repeat(indent),
        &text[at..]
    )
}

/// Adds an item after a list's last one, in the list's style.
/// `value`, a flow list, written as the block list whose first item is `first` is
/// written: one `- item` a line at that item's indentation. `None` when `value` is not
/// a non-empty list.
fn block_items(text: &str, first: &Spanned<Node>, value: &str) -> Option<String> {
    let parsed = serde_saphyr::from_str::<Spanned<Node>>(value).ok()?;
    let Node::Seq(items) = &parsed.value else {
        return None;
    };
    if items.is_empty() {
        return None;
    }
    let dash = text[..offset(first)].rfind('-')?;
    let indent = " ".repeat(dash - line_start(text, dash));
    Some(
        items
            .iter()
            .map(|i| format!("\n{indent}- {}", &value[offset(i)..end_of(i, value)]))
            .collect(),
    )
}

fn append_item(text: &str, list: &Spanned<Node>, items: &[Spanned<Node>], item: &str) -> String {
    let last = items.last().map_or(offset(list), |i| end_of(i, text));
    if is_flow(text, list) {
        return format!("{}, {item}{}", &text[..last], &text[last..]);
    }
    let first = offset(&items[0]);
    let dash = text[..first].rfind('-').unwrap_or(first);
    let indent = dash - line_start(text, dash);
    let at = line_end(text, last);
    format!(
        "{}\n{}- {item}{}",
        &text[..at],
        " ".repeat(indent),
        &text[at..]
    )
}

/// A string as a YAML scalar: plain when it reads back as the same string, else
/// double-quoted with escapes.
pub fn scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))
        && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
        );
    if plain {
        return s.to_string();
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Step {
        Step::Key(k.into())
    }
    fn named(n: &str) -> Step {
        Step::Named(n.into())
    }

    const TEXT: &str = "\
# a lake
s3:
  layers:
    - name: bronze   # raw
      storage_class: STANDARD
      lifecycle:
        - { after_days: 30, to: STANDARD_IA }
        - { after_days: 90, to: GLACIER }
      expire_after_days: 730
    - name: gold
      expire_after_days: 730
glue:
  jobs:
    - { name: a, workers: 10 }
    - { name: b, workers: 5 }
";

    #[test]
    fn replaces_a_block_list_keeping_comments_and_order() {
        let out = apply(
            TEXT,
            &[Edit::Set {
                path: vec![key("s3"), key("layers"), named("bronze"), key("lifecycle")],
                value: "[{ after_days: 1, to: DEEP_ARCHIVE }]".into(),
            }],
        )
        .unwrap();
        // The block list stays a block list at its indentation (docs promise the file's
        // layout is kept).
        assert!(
            out.contains(
                "      lifecycle:\n        - { after_days: 1, to: DEEP_ARCHIVE }\n      expire_after_days: 730\n    - name: gold"
            ),
            "{out}"
        );
        assert!(out.contains("# raw"));
        let two = apply(
            TEXT,
            &[Edit::Set {
                path: vec![key("s3"), key("layers"), named("bronze"), key("lifecycle")],
                value: "[{ after_days: 1, to: GLACIER_IR }, { after_days: 90, to: DEEP_ARCHIVE }]"
                    .into(),
            }],
        )
        .unwrap();
        assert!(two.contains(
            "      lifecycle:\n        - { after_days: 1, to: GLACIER_IR }\n        - { after_days: 90, to: DEEP_ARCHIVE }\n      expire_after_days"
        ));
    }

    #[test]
    fn adds_a_key_to_a_block_and_to_a_flow_mapping() {
        let out = apply(
            TEXT,
            &[
                Edit::Set {
                    path: vec![
                        key("s3"),
                        key("layers"),
                        named("gold"),
                        key("storage_class"),
                    ],
                    value: "INTELLIGENT_TIERING".into(),
                },
                Edit::Set {
                    path: vec![key("glue"), key("jobs"), named("a"), key("execution_class")],
                    value: "flex".into(),
                },
            ],
        )
        .unwrap();
        assert!(out.contains(
            "    - name: gold\n      expire_after_days: 730\n      storage_class: INTELLIGENT_TIERING\n"
        ));
        assert!(out.contains("- { name: a, workers: 10, execution_class: flex }"));
    }

    #[test]
    fn removes_and_appends_list_items() {
        let out = apply(
            TEXT,
            &[
                Edit::Remove {
                    path: vec![key("glue"), key("jobs"), named("a")],
                },
                Edit::Append {
                    path: vec![key("glue"), key("jobs")],
                    item: "{ name: c, workers: 2 }".into(),
                },
                Edit::Append {
                    path: vec![key("glue"), key("crawlers")],
                    item: "{ name: d }".into(),
                },
            ],
        )
        .unwrap();
        assert!(out.ends_with(
            "glue:\n  jobs:\n    - { name: b, workers: 5 }\n    - { name: c, workers: 2 }\n  crawlers: [{ name: d }]\n"
        ), "{out}");
        let out = apply(
            &out,
            &[
                Edit::Remove {
                    path: vec![key("glue"), key("jobs"), named("b")],
                },
                Edit::Remove {
                    path: vec![key("glue"), key("jobs"), named("c")],
                },
            ],
        )
        .unwrap();
        assert!(
            out.ends_with("glue:\n  jobs: []\n  crawlers: [{ name: d }]\n"),
            "{out}"
        );
    }

    #[test]
    fn a_missing_path_is_an_error() {
        let e = apply(
            TEXT,
            &[Edit::Set {
                path: vec![key("s3"), key("layers"), named("silver"), key("x")],
                value: "1".into(),
            }],
        )
        .unwrap_err();
        assert_eq!(e.0, "no s3.layers[silver] in the scenario");
    }

    #[test]
    fn names_are_quoted_when_plain_would_change_them() {
        assert_eq!(scalar("bronze-to-silver"), "bronze-to-silver");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(scalar("a: b"), "\"a: b\"");
        assert_eq!(scalar("=1\u{1b}"), "\"=1\\u001b\"");
    }
}
