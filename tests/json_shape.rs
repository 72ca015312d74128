//! The shape of the public JSON contract (README, "JSON output", version
//! 1): every key of the `check` and `show` documents with the JSON types
//! its values take, gathered from runs that give every kind of key (the
//! sample data against a portal list and an earlier report, a folder with
//! every finding code, one innovation shown), pinned in
//! tests/expected/json-shape.txt. Renaming, removing or retyping a key
//! fails here; a key added on purpose is added to that file (the test
//! prints the lines it found).

mod common;

use common::{AS_OF, bimtek};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// Keys whose object is a map from data to values (its keys are codes),
/// shown as `{}`.
const MAPS: &[&str] = &["check.pemda[].left_out_by"];

type Shape = BTreeMap<String, BTreeSet<&'static str>>;

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Adds the path and type of `v` and of everything in it to `shape`.
fn walk(path: &str, v: &Value, shape: &mut Shape) {
    shape.entry(path.to_string()).or_default().insert(kind(v));
    match v {
        Value::Array(items) => {
            for item in items {
                walk(&format!("{path}[]"), item, shape);
            }
        }
        Value::Object(map) if MAPS.contains(&path) => {
            for item in map.values() {
                walk(&format!("{path}{{}}"), item, shape);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                walk(&format!("{path}.{key}"), item, shape);
            }
        }
        _ => {}
    }
}

/// The JSON document bimtek prints for `args`.
fn document(args: &[&str]) -> Value {
    let out = bimtek(args);
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("a JSON document")
}

#[test]
fn the_json_contract_keeps_its_keys_and_types_issue_32() {
    let dir = tempfile::tempdir().unwrap();
    let earlier = dir.path().join("earlier.json");
    let baseline = "sample-portal/unduhan-portal-2026.xls";
    // An earlier run of one agency and another list: innovations added
    // and removed since.
    let before = bimtek(&[
        "check",
        "sample-data/Dinas Kesehatan",
        "tests/fixtures/roster",
        "--format",
        "json",
        "--as-of",
        "2026-06-01",
    ]);
    std::fs::write(&earlier, &before.stdout).unwrap();
    let earlier = earlier.to_str().unwrap();
    let mut shape = Shape::new();
    for args in [
        &[
            "sample-data",
            "--baseline",
            baseline,
            "--since",
            earlier,
            "--spd",
            "40",
        ][..],
        &["tests/fixtures/codes"][..],
        &["tests/fixtures/codes/L001", "--template", "labinov"][..],
    ] {
        let mut all = vec!["check", "--format", "json", "--as-of", AS_OF];
        all.extend_from_slice(args);
        walk("check", &document(&all), &mut shape);
    }
    let show = document(&[
        "show",
        "SIPANDU",
        "sample-data",
        "--baseline",
        baseline,
        "--format",
        "json",
        "--as-of",
        AS_OF,
    ]);
    walk("show", &show, &mut shape);
    let found: String = shape
        .iter()
        .map(|(path, kinds)| {
            let kinds: Vec<&str> = kinds.iter().copied().collect();
            format!("{path}: {}\n", kinds.join("|"))
        })
        .collect();
    let expected = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expected/json-shape.txt"),
    )
    .unwrap();
    assert!(
        found == expected,
        "the JSON contract's shape changed; found:\n{found}"
    );
}
