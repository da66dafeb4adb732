//! `lakecost schema`: the JSON Schema of the format accepts every bundled scenario
//! (and every `init` template), and refuses what the loader refuses by name.

use serde_json::Value;

fn schema() -> Value {
    let o = crate::support::run::lakecost(&["schema"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        crate::support::run::text(&o)
    );
    serde_json::from_slice(&o.stdout).unwrap()
}

fn yaml(text: &str) -> Value {
    serde_saphyr::from_str::<Value>(text).unwrap()
}

#[test]
fn every_bundled_scenario_validates_against_the_schema() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let mut n = 0;
    for entry in std::fs::read_dir("scenarios").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("yaml") {
            continue;
        }
        let doc = yaml(&std::fs::read_to_string(&path).unwrap());
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        n += 1;
    }
    assert!(n >= 7);
}

#[test]
fn the_schema_refuses_a_misspelt_key_and_a_wrong_class() {
    let validator = jsonschema::validator_for(&schema()).unwrap();
    let text = std::fs::read_to_string("scenarios/1tb-day.yaml").unwrap();
    for (from, to) in [
        ("object_size: 128 MB", "object_sise: 128 MB"),
        ("storage_class: STANDARD\n", "storage_class: STANDART\n"),
        ("per_day: 1 TB", "per_day: 1 TB/day"),
    ] {
        let doc = yaml(&text.replacen(from, to, 1));
        assert!(!validator.is_valid(&doc), "{to}");
    }
}

#[test]
fn aws_maps_take_their_resources_keys_and_no_other() {
    let schema = schema();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let text = std::fs::read_to_string("scenarios/1tb-day.yaml").unwrap();
    let bronze = "aws: { bucket: medallion-bronze }";
    assert!(text.contains(bronze));
    for (to, valid) in [
        ("aws: { bucket: medallion-bronze, prefix: raw/ }", true),
        ("aws: { bukcet: medallion-bronze }", false),
        ("aws: { stream: medallion-bronze }", false),
        ("aws: { bucket: medallion-bronze, namespace: x }", false),
    ] {
        let doc = yaml(&text.replacen(bronze, to, 1));
        assert_eq!(validator.is_valid(&doc), valid, "{to}");
    }
    // Every `aws:` map of the format is described by its resource's keys: none is
    // left as a free map of strings.
    let mut found = 0;
    let mut stack = vec![&schema];
    while let Some(v) = stack.pop() {
        if let Some(aws) = v.get("properties").and_then(|p| p.get("aws")) {
            found += 1;
            assert_eq!(aws["additionalProperties"], false, "{aws}");
        }
        match v {
            Value::Object(m) => stack.extend(m.values()),
            Value::Array(a) => stack.extend(a.iter()),
            _ => {}
        }
    }
    assert_eq!(found, lakecost::scenario::binding_sites());
}
