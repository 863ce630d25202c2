//! Wire conformance: every recorded run of the demo connectors `core-demo`, `tiny-demo` and
//! `mini-demo` (`shared/protocol/vectors/`) replayed against their Rust re-implementations (the
//! `core_demo`, `tiny_demo` and `mini_demo` examples) and a fake upstream.
//!
//! * Envelope runs (`success_*`, `error_*`) go through the real binary and in-process through
//!   `Integration::call`; stdout is compared with the README's normalizations.
//! * CLI runs (`cli_*`) go through the binary: exit code, stdout, `--json-file`,
//!   `--result-file-path`, `info`.
//! * Every run either matches or is listed in `KNOWN_DEVIATIONS` (conformance/deviations.rs),
//!   whose check asserts what this runtime outputs instead.
//! * Success, error and `info` documents are validated against `openapi.yaml`.
//!
//! The binaries are the examples built as the `[[bin]]` targets `core-demo`, `tiny-demo` and
//! `mini-demo` (feature `demo`, which this package's tests enable). Run
//! `cargo test -p connector-sdk --test conformance -- --nocapture` for the per-run report.

// Replay support outside #[test] functions: a broken vector or replay must stop the test
// loudly, and the per-run report goes to stderr.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::print_stderr
)]

#[path = "../examples/core_demo/api.rs"]
mod api;
#[path = "conformance/deviations.rs"]
mod deviations;
#[path = "../examples/core_demo/integration.rs"]
mod integration;
#[path = "../examples/mini_demo.rs"]
#[allow(dead_code)] // the example's own `main`
mod mini_demo;
#[path = "conformance/normalize.rs"]
mod normalize;
#[path = "conformance/openapi.rs"]
mod openapi;
#[path = "../examples/core_demo/raise.rs"]
mod raise;
#[path = "support/refused_port.rs"]
mod refused_port;
#[path = "conformance/replay.rs"]
mod replay;
#[path = "conformance/report.rs"]
mod report;
#[path = "../examples/core_demo/settings.rs"]
mod settings;
#[path = "../examples/tiny_demo.rs"]
#[allow(dead_code)] // the example's own `main`
mod tiny_demo;
#[path = "conformance/upstream.rs"]
mod upstream;
#[path = "conformance/vectors.rs"]
mod vectors;

use std::collections::BTreeMap;

use connector_sdk::integration::Integration;
use connector_sdk::settings::Settings;
use report::Report;
use serde_json::{json, Value};
use vectors::Vector;

/// The connector `core_demo` re-implements.
const CORE_DEMO: &str = "core-demo";
/// The connector `tiny_demo` re-implements.
const TINY_DEMO: &str = "tiny-demo";
/// The connector `mini_demo` re-implements.
const MINI_DEMO: &str = "mini-demo";
/// Custom capabilities of the demo connectors: openapi.yaml has no schema for their output.
const CUSTOM_CAPABILITIES: &[&str] = &["raise_error", "ping_server", "fetch_url"];

/// The envelope runs (`success_*`, `error_*`) recorded with `connector`.
fn envelope_runs(connector: &str) -> Vec<Vector> {
    vectors::runs_of(connector)
        .into_iter()
        .filter(|v| !v.is_cli())
        .collect()
}

/// The CLI runs (`cli_*`) recorded with `connector`.
fn cli_runs(connector: &str) -> Vec<Vector> {
    vectors::runs_of(connector)
        .into_iter()
        .filter(Vector::is_cli)
        .collect()
}

/// Replays `runs` through `binary` and fails on any run that neither matches nor is a
/// known deviation.
fn replay_through_binary(title: &'static str, binary: &str, runs: Vec<Vector>) {
    let mut report = Report::new(title);
    for vector in runs {
        let outcome = replay::through_binary(binary, &vector);
        let entry = if vector.is_cli() {
            report::judge_cli(&outcome)
        } else {
            report::judge(&outcome)
        };
        report.record(entry);
    }
    report.finish();
}

/// Replays envelope `runs` in-process.
fn replay_in_process<S: Settings>(
    title: &'static str,
    integration: &Integration<S>,
    runs: Vec<Vector>,
) {
    let mut report = Report::new(title);
    for vector in runs {
        report.record(report::judge(&replay::in_process(integration, &vector)));
    }
    report.finish();
}

#[test]
fn core_demo_envelope_runs_through_the_binary() {
    let runs = envelope_runs(CORE_DEMO);
    assert_eq!(runs.len(), 120, "96 files plus 24 typed-default runs");
    replay_through_binary("core-demo binary, envelope runs", replay::CORE_DEMO, runs);
}

#[test]
fn core_demo_envelope_runs_in_process() {
    let integration = integration::integration().expect("core-demo builds");
    let runs = envelope_runs(CORE_DEMO);
    replay_in_process(
        "core-demo Integration::call, envelope runs",
        &integration,
        runs,
    );
}

#[test]
fn core_demo_cli_runs_through_the_binary() {
    let runs = cli_runs(CORE_DEMO);
    assert_eq!(runs.len(), 10, "the core-demo CLI runs");
    replay_through_binary("core-demo binary, CLI runs", replay::CORE_DEMO, runs);
}

#[test]
fn tiny_demo_runs_through_the_binary() {
    let runs = vectors::runs_of(TINY_DEMO);
    assert_eq!(runs.len(), 6, "the tiny-demo runs");
    replay_through_binary("tiny-demo binary, all runs", replay::TINY_DEMO, runs);
}

#[test]
fn tiny_demo_envelope_runs_in_process() {
    let integration = tiny_demo::integration().expect("tiny-demo builds");
    let runs = envelope_runs(TINY_DEMO);
    replay_in_process(
        "tiny-demo Integration::call, envelope runs",
        &integration,
        runs,
    );
}

#[test]
fn mini_demo_runs_through_the_binary() {
    let runs = vectors::runs_of(MINI_DEMO);
    assert_eq!(runs.len(), 5, "the mini-demo runs");
    replay_through_binary("mini-demo binary, all runs", replay::MINI_DEMO, runs);
}

#[test]
fn mini_demo_envelope_runs_in_process() {
    let integration = mini_demo::integration().expect("mini-demo builds");
    let runs = envelope_runs(MINI_DEMO);
    assert_eq!(runs.len(), 4, "the mini-demo envelope runs");
    replay_in_process(
        "mini-demo Integration::call, envelope runs",
        &integration,
        runs,
    );
}

#[test]
fn documents_match_the_openapi_schemas() {
    let schemas = openapi::Schemas::load();
    let core_demo = integration::integration().expect("core-demo builds");
    let tiny_demo = tiny_demo::integration().expect("tiny-demo builds");
    let mini_demo = mini_demo::integration().expect("mini-demo builds");
    let mut validated: BTreeMap<String, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    let mut check = |schema: String, document: &Value, what: &str| {
        for error in schemas.errors(&schema, document) {
            problems.push(format!("{what} against {schema}: {error}"));
        }
        *validated.entry(schema).or_default() += 1;
    };
    let core_runs = envelope_runs(CORE_DEMO);
    let tiny_runs = envelope_runs(TINY_DEMO);
    let mini_runs = envelope_runs(MINI_DEMO);
    let outcomes = core_runs
        .iter()
        .map(|v| replay::in_process(&core_demo, v))
        .chain(tiny_runs.iter().map(|v| replay::in_process(&tiny_demo, v)))
        .chain(mini_runs.iter().map(|v| replay::in_process(&mini_demo, v)));
    for outcome in outcomes {
        let vector = &outcome.vector;
        let document: Value = serde_json::from_str(&outcome.stdout).expect("JSON output");
        let capability = vector.capability().expect("capability");
        if document.get("is_error").is_some() {
            check("ErrorResponse".to_owned(), &document, &vector.case);
        } else if !CUSTOM_CAPABILITIES.contains(&capability) {
            check(
                openapi::response_schema_name(capability),
                &document,
                &vector.case,
            );
        }
    }
    for (name, info) in [
        ("core-demo", core_demo.info_json()),
        ("tiny-demo", tiny_demo.info_json()),
        ("mini-demo", mini_demo.info_json()),
    ] {
        let info: Value = serde_json::from_str(&info.expect("info")).expect("JSON");
        check("InfoResponse".to_owned(), &info, name);
    }
    assert!(
        problems.is_empty(),
        "documents that do not match openapi.yaml:\n{}",
        problems.join("\n")
    );

    eprintln!("validated against openapi.yaml: {validated:?}");
    for capability in connector_sdk::capability::CORE {
        let schema = openapi::response_schema_name(capability);
        assert!(
            validated.contains_key(&schema),
            "no {capability} success document was validated"
        );
    }
    assert!(validated["ErrorResponse"] > 50, "error envelopes validated");
    // The auto-registered capabilities' answers too.
    for schema in [
        "ValidateCredentialConfigResponse",
        "AppInfoResponse",
        "ProbeIntegrationResponse",
    ] {
        assert!(validated.contains_key(schema), "no {schema} validated");
    }
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
const OTHER_CONNECTORS: &[(&str, &str)] = &[(
    "demo-connector",
    "the Python scaffold's info; the Rust scaffold is the generator's business",
)];

/// Data vectors (no CLI run) and the test file of this package that replays each.
const DATA_VECTORS: &[(&str, &str)] = &[
    ("info-credential-schemas", "schemas.rs"),
    ("info_settings_schema_extensions", "schemas.rs"),
    ("page-tokens", "page_tokens.rs"),
    ("request-fingerprints", "fingerprints.rs"),
];

#[test]
fn every_vector_file_is_replayed_or_skipped_for_a_reason() {
    let (mut replayed, mut skipped) = (BTreeMap::<&str, usize>::new(), Vec::new());
    for (name, file) in vectors::all_files() {
        match file.get("connector").and_then(Value::as_str) {
            Some(CORE_DEMO) => *replayed.entry(CORE_DEMO).or_default() += 1,
            Some(TINY_DEMO) => *replayed.entry(TINY_DEMO).or_default() += 1,
            Some(MINI_DEMO) => *replayed.entry(MINI_DEMO).or_default() += 1,
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
        "vector files replayed here: {replayed:?}; {} skipped:\n  {}",
        skipped.len(),
        skipped.join("\n  ")
    );
    // One file (error_connector_typed_defaults) holds 24 runs.
    assert_eq!(replayed[CORE_DEMO], vectors::runs_of(CORE_DEMO).len() - 23);
    assert_eq!(replayed[TINY_DEMO], vectors::runs_of(TINY_DEMO).len());
    assert_eq!(replayed[MINI_DEMO], vectors::runs_of(MINI_DEMO).len());
}

#[test]
fn known_deviations_name_recorded_runs() {
    let cases: Vec<String> = vectors::runs_of(CORE_DEMO)
        .into_iter()
        .chain(vectors::runs_of(TINY_DEMO))
        .chain(vectors::runs_of(MINI_DEMO))
        .map(|v| v.case)
        .collect();
    for (i, deviation) in deviations::KNOWN_DEVIATIONS.iter().enumerate() {
        assert!(
            cases.contains(&deviation.case.to_owned()),
            "{}: no such core-demo, tiny-demo or mini-demo run",
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
