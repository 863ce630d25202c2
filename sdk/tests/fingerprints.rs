//! Request fingerprints against `vectors/request-fingerprints.json` and the recorded write
//! capability runs.

// The helpers outside #[test] functions unwrap and panic too, as tests may (clippy.toml).
#![allow(clippy::panic)]

use std::path::{Path, PathBuf};

use connector_sdk::fingerprint::{canonical_json, request_fingerprint};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

const VECTORS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/protocol/vectors");

fn read_vector(file: &str) -> Value {
    let path = Path::new(VECTORS_DIR).join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}. The protocol folder must be checked out at ../shared next to \
             the workspace (see docs/CONTRIBUTING-HELPERS.md).",
            path.display()
        )
    });
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What the vector states only in prose (its `note`): the payload model behind each case.
/// The reference's `create_account` model defaults `entitlements` to `[]`, and the
/// `create_account_x_unique` model marks only `email` as `x-unique`.
fn model_inputs(case_name: &str, payload: &Value) -> (Value, Vec<&'static str>) {
    let mut payload = payload.clone();
    if case_name.starts_with("create_account") {
        if let Value::Object(map) = &mut payload {
            map.entry("entitlements")
                .or_insert_with(|| Value::Array(Vec::new()));
        }
    }
    let unique = if case_name == "create_account_x_unique" {
        vec!["email"]
    } else {
        vec![]
    };
    (payload, unique)
}

#[test]
fn every_fingerprint_case() {
    let vectors = read_vector("request-fingerprints.json");
    let cases = vectors["cases"].as_array().expect("`cases` list");
    assert!(!cases.is_empty(), "no fingerprint cases");
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().expect("case name");
        let expected_fp = case["fingerprint"].as_str().expect("fingerprint");
        let (payload, unique) = model_inputs(name, &case["payload"]);
        // The vector's own canonical text hashes to its fingerprint (checks the algorithm).
        if let Some(expected_json) = case["canonical_json"].as_str() {
            assert_eq!(
                sha256_hex(expected_json),
                expected_fp,
                "{name}: vector is inconsistent"
            );
            let actual = canonical_json(&payload, &unique);
            if actual != expected_json {
                failures.push(format!("{name}: canonical {actual} != {expected_json}"));
            }
        }
        let actual_fp = request_fingerprint(&payload, &unique);
        if actual_fp != expected_fp {
            failures.push(format!("{name}: fingerprint {actual_fp} != {expected_fp}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn key_order_of_the_payload_does_not_matter() {
    let vectors = read_vector("request-fingerprints.json");
    for case in vectors["cases"].as_array().expect("`cases` list") {
        let Value::Object(map) = &case["payload"] else {
            continue;
        };
        let reversed: Map<String, Value> = map
            .iter()
            .rev()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        assert_eq!(
            canonical_json(&Value::Object(reversed), &[]),
            canonical_json(&case["payload"], &[]),
            "{}",
            case["name"]
        );
    }
}

/// Every recorded run whose output carries a fingerprint: hashing its request payload gives
/// the same fingerprint.
#[test]
fn fingerprints_of_recorded_runs() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(VECTORS_DIR)
        .unwrap_or_else(|e| panic!("cannot list {VECTORS_DIR}: {e}"))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let mut checked = 0;
    for path in files {
        let file = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let vector = read_vector(&file);
        let Some(stdout) = vector["stdout"].as_str() else {
            continue;
        };
        let Ok(output) = serde_json::from_str::<Value>(stdout) else {
            continue;
        };
        let Some(expected) = output["execution_summary"]["request_fingerprint"].as_str() else {
            continue;
        };
        let payload = &vector["request"]["request"];
        assert_eq!(request_fingerprint(payload, &[]), expected, "{file}");
        checked += 1;
    }
    assert!(checked > 0, "no recorded run carries a request_fingerprint");
}
