//! `--set KEY=VALUE`: a what-if on a scenario without editing its file. The key is a
//! path through the scenario (`ingest.per_day`, `s3.layers[bronze].expire_after_days`,
//! `s3.layers[0].object_size`), the value is written as in the file (`2 TB`, `365`,
//! `30%`). The overridden scenario is validated like any file: an unknown key or a bad
//! value is an error that names the override.

use super::Scenario;
use super::check::ScenarioError;
use super::edit::{Step, parse_path};
use super::load::load_str;
use serde_json::Value;

/// One `KEY=VALUE`.
#[derive(Clone, Debug, PartialEq)]
pub struct Override {
    pub path: String,
    pub value: String,
}

impl std::str::FromStr for Override {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.split_once('=') {
            Some((k, v)) if !k.trim().is_empty() => Ok(Override {
                path: k.trim().to_string(),
                value: v.trim().to_string(),
            }),
            _ => Err(format!(
                "expected KEY=VALUE, e.g. `ingest.per_day=2 TB`, found `{s}`"
            )),
        }
    }
}

impl std::fmt::Display for Override {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}={}", self.path, self.value)
    }
}

fn set(root: &mut Value, path: &str, value: Value) -> Result<(), String> {
    let steps = parse_path(path)?;
    let mut cur = root;
    let mut value = Some(value);
    for (i, step) in steps.iter().enumerate() {
        let last = i + 1 == steps.len();
        cur = match step {
            Step::Key(key) => {
                let map = cur
                    .as_object_mut()
                    .ok_or_else(|| format!("`{path}`: `{key}` is not inside a mapping"))?;
                if last {
                    map.insert(key.clone(), value.take().unwrap_or_default());
                    return Ok(());
                }
                map.entry(key.clone())
                    .or_insert_with(|| Value::Object(Default::default()))
            }
            Step::Index(_) | Step::Named(_) => {
                let key = match &steps[i - 1] {
                    Step::Key(k) => k.as_str(),
                    _ => "",
                };
                let list = cur
                    .as_array_mut()
                    .ok_or_else(|| format!("`{path}`: `{key}` is not a list"))?;
                let names: Vec<String> = list
                    .iter()
                    .filter_map(|e| e.get("name").and_then(Value::as_str).map(str::to_string))
                    .collect();
                let (found, sel) = match step {
                    Step::Index(n) => (list.get_mut(*n), n.to_string()),
                    Step::Named(name) => (
                        list.iter_mut()
                            .find(|e| e.get("name").and_then(Value::as_str) == Some(name.as_str())),
                        name.clone(),
                    ),
                    Step::Key(k) => return Err(format!("`{path}`: `{k}` is not a list element")),
                };
                let item = found.ok_or_else(|| {
                    // A name close to one in the list is most likely that one.
                    let hint = super::closest(&sel, names.iter().map(String::as_str))
                        .or_else(|| {
                            names
                                .iter()
                                .find(|n| n.starts_with(sel.as_str()) || n.contains(sel.as_str()))
                                .cloned()
                        })
                        .map(|n| format!(" (did you mean `{key}[{n}]`?)"))
                        .unwrap_or_default();
                    format!("`{path}`: `{key}` has no element `{sel}`{hint}")
                })?;
                if last {
                    *item = value.take().unwrap_or_default();
                    return Ok(());
                }
                item
            }
        };
    }
    Ok(())
}

/// The scenario text with the overrides applied, as YAML.
pub fn apply_text(text: &str, overrides: &[Override]) -> Result<String, String> {
    let mut doc: Value =
        serde_saphyr::from_str(text).map_err(|e| format!("the scenario cannot be read: {e}"))?;
    for o in overrides {
        let value: Value = serde_saphyr::from_str(&o.value)
            .map_err(|_| format!("`--set {o}`: the value is not a YAML value"))?;
        set(&mut doc, &o.path, value).map_err(|e| format!("`--set {o}`: {e}"))?;
    }
    // The overrides are valid: apply them to the text in place, so that every line the
    // overrides do not touch keeps its position and findings point into the file as
    // written. Should an in-place edit not apply, the rewritten document serves.
    let edits: Result<Vec<super::edit::Edit>, String> = overrides
        .iter()
        .map(|o| {
            Ok(super::edit::Edit::Set {
                path: parse_path(&o.path)?,
                value: o.value.clone(),
            })
        })
        .collect();
    if let Ok(edited) = edits.and_then(|e| super::edit::apply(text, &e).map_err(|e| e.0)) {
        return Ok(edited);
    }
    // JSON is YAML: the rewritten document is written in its flow form.
    serde_json::to_string_pretty(&doc)
        .map_err(|e| format!("cannot write the overridden scenario: {e}"))
}

/// Loads a scenario with overrides: the file as written is checked first, so that its
/// own errors point into it; then the overridden text, whose errors name the overrides.
pub fn load_with(text: &str, overrides: &[Override]) -> Result<Scenario, ScenarioError> {
    let plain = load_str(text)?;
    if overrides.is_empty() {
        return Ok(plain);
    }
    let list = overrides
        .iter()
        .map(|o| format!("`{o}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let changed = apply_text(text, overrides).map_err(ScenarioError::plain)?;
    load_str(&changed).map_err(|mut e| {
        e.message = format!("{} (after --set {list})", e.message);
        e.loc = None;
        e.source_line = None;
        e
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "version: 1\nname: t\nregion: us-east-1\ningest: { per_day: 1 TB }\ns3:\n  layers:\n    - { name: bronze, share_of_ingest: 100%, object_size: 64 MB, expire_after_days: 30 }\n";

    fn o(s: &str) -> Override {
        s.parse().unwrap()
    }

    #[test]
    fn keys_by_path_list_elements_by_name_or_index() {
        let s = load_with(
            BASE,
            &[
                o("ingest.per_day=2 TB"),
                o("s3.layers[bronze].expire_after_days=365"),
            ],
        )
        .unwrap();
        assert_eq!(s.ingest.per_day.0, 2.0 * 1024f64.powi(4));
        assert_eq!(s.s3.layers[0].expire_after_days.unwrap().value, 365);
        let s = load_with(BASE, &[o("s3.layers[0].object_size=128 MB")]).unwrap();
        assert_eq!(s.s3.layers[0].object_size.0, 128.0 * 1024.0 * 1024.0);
    }

    #[test]
    fn a_bad_override_is_an_error_that_names_it() {
        let e = load_with(BASE, &[o("ingest.per_dya=2 TB")]).unwrap_err();
        assert!(
            e.message.contains("--set `ingest.per_dya=2 TB`"),
            "{}",
            e.message
        );
        assert_eq!(e.suggestion.as_deref(), Some("per_day"));
        let e = load_with(BASE, &[o("s3.layers[silver].object_size=1 MB")]).unwrap_err();
        assert!(e.message.contains("no element `silver`"), "{}", e.message);
        assert!("novalue".parse::<Override>().is_err());
    }
}
