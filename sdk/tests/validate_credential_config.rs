//! The connector's validation hook of `validate_credential_config` (protocol §11.3): it runs
//! only for its credential id and only after the base checks pass; its errors are appended;
//! `valid: false` without errors gets the runtime's message; an error is the capability's
//! error envelope. The recorded runs are the conformance test's.

// Test support outside #[test] functions: a failing expectation should stop the test loudly.
#![allow(clippy::expect_used, clippy::panic)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use connector_sdk::auth::{AuthDeclaration, CredentialDeclaration, CredentialKind};
use connector_sdk::error::{ConnectorError, ErrorKind};
use connector_sdk::integration::{Integration, ValidatedCredentialConfig};
use connector_sdk::settings::NoSettings;
use serde_json::{json, Value};

/// A multi-auth connector whose `token` hook answers `verdict` and counts its calls.
fn connector(
    verdict: fn(&str) -> Result<ValidatedCredentialConfig, ConnectorError>,
) -> (Integration<NoSettings>, Arc<AtomicUsize>) {
    let calls = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&calls);
    let integration = Integration::builder("hook-test", "1.0.0")
        .auth(AuthDeclaration::multi(vec![
            CredentialDeclaration::new("token", CredentialKind::Token, "A token."),
            CredentialDeclaration::new("basic", CredentialKind::Basic, "A login.").optional(),
        ]))
        .credential_validator("token", move |request| {
            counter.fetch_add(1, Ordering::SeqCst);
            let token = request
                .token()
                .map(|t| t.token.expose().to_owned())
                .unwrap_or_default();
            async move { verdict(&token) }
        })
        .build()
        .expect("builds");
    (integration, calls)
}

fn validate(integration: &Integration<NoSettings>, credential: Value) -> Value {
    let envelope = json!({"request": {"credential": credential}}).to_string();
    serde_json::from_str(&integration.call_blocking("validate_credential_config", &envelope))
        .expect("JSON")
}

#[test]
fn the_hook_sees_its_credential_and_its_errors_are_reported() {
    let (integration, calls) = connector(|token| {
        Ok(if token == "good" {
            ValidatedCredentialConfig::valid()
        } else {
            ValidatedCredentialConfig::invalid(["unknown token", "expired"])
        })
    });
    let valid = validate(
        &integration,
        json!({"id": "token", "token": {"token": "good"}}),
    );
    assert_eq!(
        valid["response"],
        json!({"valid": true, "validation_errors": []})
    );
    let invalid = validate(
        &integration,
        json!({"id": "token", "token": {"token": "bad"}}),
    );
    assert_eq!(
        invalid["response"],
        json!({"valid": false, "validation_errors": ["unknown token", "expired"]})
    );
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[test]
fn invalid_without_errors_gets_the_runtimes_message() {
    let (integration, _) = connector(|_| {
        Ok(ValidatedCredentialConfig {
            valid: false,
            validation_errors: Vec::new(),
        })
    });
    let answer = validate(
        &integration,
        json!({"id": "token", "token": {"token": "x"}}),
    );
    assert_eq!(
        answer["response"],
        json!({"valid": false,
            "validation_errors": ["Credential is invalid, unexpected error occurred"]})
    );
}

#[test]
fn errors_without_invalid_still_make_the_credential_invalid() {
    let (integration, _) = connector(|_| {
        Ok(ValidatedCredentialConfig {
            valid: true,
            validation_errors: vec!["scope missing".to_owned()],
        })
    });
    let answer = validate(
        &integration,
        json!({"id": "token", "token": {"token": "x"}}),
    );
    assert_eq!(
        answer["response"],
        json!({"valid": false, "validation_errors": ["scope missing"]})
    );
}

#[test]
fn the_hook_runs_only_after_the_base_checks_and_only_for_its_id() {
    let (integration, calls) = connector(|_| Ok(ValidatedCredentialConfig::invalid(["hook"])));
    let padded = validate(
        &integration,
        json!({"id": "token", "token": {"token": " x "}}),
    );
    assert_eq!(
        padded["response"]["validation_errors"],
        json!(["Credential has extra whitespace, please remove it before submitting it again"])
    );
    let other = validate(
        &integration,
        json!({"id": "basic", "basic": {"username": "u", "password": "p"}}),
    );
    assert_eq!(
        other["response"],
        json!({"valid": true, "validation_errors": []})
    );
    let unknown = validate(&integration, json!({"id": "nope", "token": {"token": "x"}}));
    assert_eq!(unknown["error"]["error_code"], "invalid_value");
    assert_eq!(calls.load(Ordering::SeqCst), 0, "the hook never ran");
}

#[test]
fn a_failing_hook_answers_an_error_envelope_without_the_secret() {
    let (integration, _) = connector(|_| {
        Err(ConnectorError::with_kind(
            ErrorKind::Authentication,
            "the upstream rejected the token",
        ))
    });
    let envelope =
        json!({"request": {"credential": {"id": "token", "token": {"token": "s3cr3t"}}}});
    let text = integration.call_blocking("validate_credential_config", &envelope.to_string());
    let answer: Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(answer["error"]["error_code"], "unauthorized", "{answer}");
    assert_eq!(
        answer["error"]["message"],
        "the upstream rejected the token"
    );
    assert!(
        !text.contains("s3cr3t"),
        "the error leaks the token: {text}"
    );
}
