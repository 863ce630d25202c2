//! Wire conformance: every recorded `core-demo` run (`shared/protocol/vectors/`) replayed
//! against the Rust `core_demo` example and a fake upstream.
//!
//! * Envelope runs (`success_*`, `error_*`) go through the real binary and in-process through
//!   `Integration::call`; stdout is compared with the README's normalizations.
//! * CLI runs (`cli_*`) go through the binary: exit code, stdout, `--json-file`,
//!   `--result-file-path`.
//! * Every run either matches or is listed in `KNOWN_DEVIATIONS` (conformance/deviations.rs),
//!   whose check asserts what this runtime outputs instead.
//! * Success, error and `info` documents are validated against `openapi.yaml`.
//!
//! The binary is the example built as the `[[bin]]` target `core-demo` (feature `demo`, which
//! this package's tests enable). Run `cargo test -p connector-sdk --test conformance --
//! --nocapture` to see the per-run report.

#[path = "../examples/core_demo/api.rs"]
mod api;
#[path = "conformance/deviations.rs"]
mod deviations;
#[path = "../examples/core_demo/integration.rs"]
mod integration;
#[path = "conformance/normalize.rs"]
mod normalize;
#[path = "conformance/openapi.rs"]
mod openapi;
#[path = "../examples/core_demo/raise.rs"]
mod raise;
#[path = "conformance/replay.rs"]
mod replay;
#[path = "conformance/report.rs"]
mod report;
#[path = "../examples/core_demo/settings.rs"]
mod settings;
#[path = "conformance/upstream.rs"]
mod upstream;
#[path = "conformance/vectors.rs"]
mod vectors;

use std::collections::BTreeMap;

use report::Report;
use serde_json::{json, Value};
use vectors::Vector;

/// The connector the Rust demo re-implements.
const CONNECTOR: &str = "core-demo";

fn envelope_runs() -> Vec<Vector> {
    let runs: Vec<Vector> = vectors::runs_of(CONNECTOR)
        .into_iter()
        .filter(|v| !v.is_cli())
        .collect();
    assert!(
        runs.len() > 90,
        "expected the core-demo envelope runs, found {}",
        runs.len()
    );
    runs
}

#[test]
fn envelope_runs_through_the_binary() {
    let mut report = Report::new("core-demo binary, envelope runs");
    for vector in envelope_runs() {
        let outcome = replay::through_binary(&vector);
        report.record(report::judge(&outcome));
    }
    report.finish();
}

#[test]
fn envelope_runs_in_process() {
    let integration = integration::integration().expect("core-demo builds");
    let mut report = Report::new("Integration::call, envelope runs");
    for vector in envelope_runs() {
        let outcome = replay::in_process(&integration, &vector);
        report.record(report::judge(&outcome));
    }
    report.finish();
}

#[test]
fn cli_runs_through_the_binary() {
    let runs: Vec<Vector> = vectors::runs_of(CONNECTOR)
        .into_iter()
        .filter(Vector::is_cli)
        .collect();
    assert_eq!(runs.len(), 10, "the core-demo CLI runs");
    let mut report = Report::new("core-demo binary, CLI runs");
    for vector in runs {
        let outcome = replay::through_binary(&vector);
        report.record(report::judge_cli(&outcome));
    }
    report.finish();
}

#[test]
fn documents_match_the_openapi_schemas() {
    let schemas = openapi::Schemas::load();
    let integration = integration::integration().expect("core-demo builds");
    let mut validated: BTreeMap<String, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut check = |schema: String, document: &Value, what: &str| {
        for error in schemas.errors(&schema, document) {
            problems.push(format!("{what} against {schema}: {error}"));
        }
        *validated.entry(schema).or_default() += 1;
    };
    for vector in envelope_runs() {
        let outcome = replay::in_process(&integration, &vector);
        let document: Value = serde_json::from_str(&outcome.stdout).expect("JSON output");
        let capability = vector.capability().expect("capability");
        if document.get("is_error").is_some() {
            check("ErrorResponse".to_owned(), &document, &vector.case);
        } else if capability != "raise_error" {
            // raise_error is connector-defined: openapi.yaml has no schema for it.
            check(
                openapi::response_schema_name(capability),
                &document,
                &vector.case,
            );
        }
    }
    let info: Value = serde_json::from_str(&integration.info_json().expect("info")).expect("JSON");
    check("InfoResponse".to_owned(), &info, "info");
    assert!(
        problems.is_empty(),
        "documents that do not match openapi.yaml:\n{}",
        problems.join("\n")
    );

    eprintln!("validated against openapi.yaml: {validated:?}");
    for capability in connector_sdk::capability::TYPED {
        let schema = openapi::response_schema_name(capability);
        assert!(
            validated.contains_key(&schema),
            "no {capability} success document was validated"
        );
    }
    assert!(validated["ErrorResponse"] > 50, "error envelopes validated");
    assert!(validated.contains_key("ValidateCredentialConfigResponse"));
}

#[test]
fn the_openapi_validation_rejects_wrong_documents() {
    let schemas = openapi::Schemas::load();
    let error = json!({"is_error": true, "error": {"message": "m", "status_code": null,
        "app_error_code": null, "error_code": "no_such_code", "app_id": "a", "raised_by": null,
        "raised_in": null, "error_metadata": {"fault": "caller", "category": "client", "hint": null,
        "retryable": false, "throttled": false, "refreshable": false, "retry_after_seconds": null}},
        "raw_data": null, "page": null});
    assert!(
        !schemas.errors("ErrorResponse", &error).is_empty(),
        "unknown error_code"
    );
    let accounts = json!({"response": [{"integration_specific_id": "u1", "user_status": "ASLEEP"}],
        "raw_data": null, "page": null, "rate_limit": null, "execution_summary": null});
    assert!(
        !schemas.errors("ListAccountsResponse", &accounts).is_empty(),
        "unknown status"
    );
    let missing = json!({"response": {"valid": true}, "raw_data": null, "page": null,
        "rate_limit": null, "execution_summary": null});
    assert!(
        !schemas
            .errors("ValidateCredentialsResponse", &missing)
            .is_empty(),
        "missing tenant"
    );
    let mut fixed = missing.clone();
    fixed["response"]["unique_tenant_id"] = json!("t");
    assert_eq!(
        schemas.errors("ValidateCredentialsResponse", &fixed),
        Vec::<String>::new()
    );
}

/// Recorded with connectors this test does not rebuild (vectors/README.md, "Demo connectors
/// used"): their runs are skipped, with the reason.
const OTHER_CONNECTORS: &[(&str, &str)] = &[
    ("tiny-demo", "single-auth connector with app_info; not rebuilt in Rust (its info must match info-examples/ byte for byte)"),
    ("mini-demo", "connector without HTTP status handler and with non-ASCII catalogue; not rebuilt in Rust"),
    ("demo-connector", "the Python scaffold's info; the Rust scaffold is the generator's business"),
];

/// Data vectors (no CLI run) and the test file of this package that replays each.
const DATA_VECTORS: &[(&str, &str)] = &[
    ("info-credential-schemas", "schemas.rs"),
    ("info_settings_schema_extensions", "schemas.rs"),
    ("page-tokens", "page_tokens.rs"),
    ("request-fingerprints", "fingerprints.rs"),
];

#[test]
fn every_vector_file_is_replayed_or_skipped_for_a_reason() {
    let (mut replayed, mut skipped) = (0, Vec::new());
    for (name, file) in vectors::all_files() {
        match file.get("connector").and_then(Value::as_str) {
            Some(CONNECTOR) => replayed += 1,
            Some(other) => {
                let (_, reason) = OTHER_CONNECTORS
                    .iter()
                    .find(|(connector, _)| *connector == other)
                    .unwrap_or_else(|| panic!("{name}: unknown connector {other}"));
                skipped.push(format!("{name}: {other}, {reason}"));
            }
            None => {
                let (_, test) = DATA_VECTORS
                    .iter()
                    .find(|(vector, _)| *vector == name)
                    .unwrap_or_else(|| panic!("{name}: a data vector no test replays"));
                let path = format!("{}/tests/{test}", env!("CARGO_MANIFEST_DIR"));
                let source = std::fs::read_to_string(&path).expect("read the replaying test");
                assert!(source.contains(&name), "{test} does not read {name}");
                skipped.push(format!("{name}: data vector, replayed by tests/{test}"));
            }
        }
    }
    eprintln!(
        "{replayed} core-demo vector files replayed here; {} skipped:\n  {}",
        skipped.len(),
        skipped.join("\n  ")
    );
    assert_eq!(
        replayed,
        vectors::runs_of(CONNECTOR).len() - 23,
        "typed defaults: 24 runs in 1 file"
    );
}

#[test]
fn known_deviations_name_recorded_core_demo_runs() {
    let cases: Vec<String> = vectors::runs_of(CONNECTOR)
        .into_iter()
        .map(|v| v.case)
        .collect();
    for (i, deviation) in deviations::KNOWN_DEVIATIONS.iter().enumerate() {
        assert!(
            cases.contains(&deviation.case.to_owned()),
            "{}: no such core-demo run",
            deviation.case
        );
        assert!(
            deviations::KNOWN_DEVIATIONS[..i]
                .iter()
                .all(|d| d.case != deviation.case),
            "{} is listed twice",
            deviation.case
        );
    }
}
