//! The integration registry: registration mistakes fail at build time with a clear error,
//! and a handler that fails or panics never takes the process down.

// The helpers outside #[test] functions unwrap and panic too, as tests may (clippy.toml).
#![allow(clippy::panic)]

use std::collections::BTreeMap;

use connector_sdk::prelude::*;
use connector_sdk::testing::{call, Envelope};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::json;

async fn validate(
    _: Request<ValidateCredentials>,
) -> ConnectorResult<Response<ValidatedCredentials>> {
    Ok(Response::new(ValidatedCredentials {
        valid: true,
        unique_tenant_id: "t".into(),
    }))
}

async fn panics(_: Request<ListAccounts>) -> ConnectorResult<Response<Vec<FoundAccountData>>> {
    panic!("boom in the handler")
}

#[derive(Deserialize, JsonSchema)]
struct Ping {}

#[derive(Serialize, JsonSchema)]
struct Pong {
    pong: bool,
}

async fn ping(_: Request<Ping>) -> ConnectorResult<Response<Pong>> {
    Ok(Response::new(Pong { pong: true }))
}

/// Serializes to a map with non-string keys, which JSON cannot represent.
#[derive(Serialize, JsonSchema)]
struct Unserializable {
    map: BTreeMap<(u8, u8), bool>,
}

async fn bad_output(_: Request<Ping>) -> ConnectorResult<Response<Unserializable>> {
    Ok(Response::new(Unserializable {
        map: BTreeMap::from([((1, 2), true)]),
    }))
}

#[derive(Deserialize, JsonSchema)]
struct CreateWithoutBase {
    #[allow(dead_code)]
    email: String,
}

async fn create(_: Request<CreateWithoutBase>) -> ConnectorResult<Response<CreatedAccount>> {
    Err(ConnectorError::new(ErrorKind::UnsupportedOperation))
}

fn builder() -> connector_sdk::integration::IntegrationBuilder<NoSettings> {
    Integration::builder("demo", "1.0.0").auth(AuthDeclaration::Single(CredentialKind::Token))
}

#[test]
fn registering_a_capability_twice_fails() {
    let error = builder()
        .capability(VALIDATE_CREDENTIALS, validate)
        .capability(VALIDATE_CREDENTIALS, validate)
        .build()
        .unwrap_err();
    assert_eq!(
        error,
        RegistryError::Duplicate("validate_credentials".into())
    );
    assert!(error.to_string().contains("registered twice"));
}

#[test]
fn a_custom_capability_may_not_use_a_standard_name() {
    let error = builder()
        .custom_capability("list_accounts", ping)
        .build()
        .unwrap_err();
    assert_eq!(
        error,
        RegistryError::CustomNameIsStandard("list_accounts".into())
    );
    let error = builder()
        .custom_capability("Ping-Me", ping)
        .build()
        .unwrap_err();
    assert_eq!(error, RegistryError::InvalidCustomName("Ping-Me".into()));
}

#[test]
fn app_ids_and_credential_ids_are_checked() {
    let error = Integration::<NoSettings>::builder("My App", "1")
        .build()
        .unwrap_err();
    assert_eq!(error, RegistryError::InvalidAppId("My App".into()));
    let duplicate = AuthDeclaration::multi(vec![
        CredentialDeclaration::new("a", CredentialKind::Token, ""),
        CredentialDeclaration::new("a", CredentialKind::Basic, ""),
    ]);
    let error = Integration::<NoSettings>::builder("demo", "1")
        .auth(duplicate)
        .build()
        .unwrap_err();
    assert_eq!(error, RegistryError::DuplicateCredentialId("a".into()));
}

#[test]
fn an_extended_payload_must_keep_the_base_fields() {
    let error = builder()
        .extended_capability(CREATE_ACCOUNT, create)
        .build()
        .unwrap_err();
    assert_eq!(
        error,
        RegistryError::ExtensionDropsBaseField {
            capability: "create_account".into(),
            field: "entitlements".into()
        }
    );
}

#[test]
fn info_is_derived_from_the_registry() {
    let integration = builder()
        .capability(VALIDATE_CREDENTIALS, validate)
        .custom_capability("ping", ping)
        .describe("ping", Some("Ping"), Some("Checks the connector answers"))
        .build()
        .unwrap();
    let info = integration.info().unwrap();
    // With the two every connector gets (protocol §11).
    assert_eq!(
        info["capabilities"],
        json!([
            "app_info",
            "ping",
            "probe_integration",
            "validate_credentials"
        ])
    );
    assert_eq!(info["capability_schema"]["ping"]["display_name"], "Ping");
    assert_eq!(
        info["capability_schema"]["ping"]["argument"]["title"],
        "Ping"
    );
    assert_eq!(info["authentication_schema"]["x-credential-type"], "token");
    assert_eq!(info["credentials_schema"], json!([]));
}

#[tokio::test]
async fn a_panicking_handler_becomes_an_internal_error_envelope() {
    let integration = builder().capability(LIST_ACCOUNTS, panics).build().unwrap();
    let envelope = Envelope::new().auth("token", json!({"token": "t"}));
    let output = call(&integration, "list_accounts", &envelope).await;
    let error = output.error("internal_error");
    assert_eq!(error["message"], "boom in the handler");
    assert_eq!(error["raised_in"], "registry:panics");
    assert_eq!(error["error_metadata"]["retryable"], true);
}

#[tokio::test]
async fn an_unserializable_response_is_invalid_response() {
    let integration = builder()
        .custom_capability("bad_output", bad_output)
        .build()
        .unwrap();
    let envelope = Envelope::new().auth("token", json!({"token": "t"}));
    let output = call(&integration, "bad_output", &envelope).await;
    let error = output.error("invalid_response");
    assert_eq!(
        error["message"],
        "Unxpected response from executed capability."
    );
    assert_eq!(error["raised_in"], json!(null));
}

#[tokio::test]
async fn an_unknown_capability_is_unsupported() {
    let integration = builder()
        .capability(VALIDATE_CREDENTIALS, validate)
        .build()
        .unwrap();
    let output = call(&integration, "list_accounts", &Envelope::new()).await;
    let error = output.error("unsupported_operation");
    assert_eq!(
        error["message"],
        "Capability 'list_accounts' is not implemented."
    );
}

#[tokio::test]
async fn bad_json_and_secrets_in_bad_envelopes_never_crash_or_leak() {
    let integration = builder()
        .capability(VALIDATE_CREDENTIALS, validate)
        .build()
        .unwrap();
    for envelope in [
        "",
        "{",
        "null",
        "[]",
        r#"{"request": []}"#,
        r#"{"request": {}, "auth": {"token": {"token": 12345678}}}"#,
        r#"{"request": {}, "auth": {"token": {"token": "s3cret-value"}}, "page": {"size": "s3cret-value"}}"#,
    ] {
        let output = integration.call("validate_credentials", envelope).await;
        let value: serde_json::Value = serde_json::from_str(&output).expect("always JSON");
        assert_eq!(
            value["error"]["error_code"], "bad_request",
            "{envelope}: {output}"
        );
        assert!(
            !output.contains("s3cret") && !output.contains("12345678"),
            "{output}"
        );
    }
}

#[test]
fn spliced_info_text_equals_serializing_the_info_value() {
    let integration = builder()
        .capability(VALIDATE_CREDENTIALS, validate)
        .capability(LIST_ACCOUNTS, panics)
        .custom_capability("ping", ping)
        .describe("list_accounts", Some("Users"), None)
        .build()
        .unwrap();
    let envelope = json!({
        "execution_summary": null,
        "page": null,
        "rate_limit": null,
        "raw_data": null,
        "response": integration.info().unwrap(),
    });
    assert_eq!(
        integration.info_json().unwrap(),
        connector_sdk::schema::to_info_json(&envelope)
    );
}
