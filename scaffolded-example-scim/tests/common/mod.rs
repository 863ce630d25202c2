//! Shared test setup: a local mock of the Scim Example API (wiremock on
//! 127.0.0.1) and request envelopes carrying a test credential.

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use connector_sdk::testing::{Envelope, Output};
use serde_json::{json, Value};
use wiremock::matchers::{header_regex, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use scim_example_connector::integration::{integration, CREDENTIAL_ID};

/// Starts a mock API server on a free local port.
pub async fn mock_api() -> MockServer {
    MockServer::start().await
}

/// The test credential, as the platform would send it.
pub fn credential() -> Value {
    json!({"token": "test-token"})
}

/// Matches requests that carry the test credential.
pub fn authenticated() -> wiremock::matchers::HeaderRegexMatcher {
    header_regex("authorization", "^Bearer test-token$")
}

/// Expects exactly one authenticated `verb route` call and answers it with `answer`.
pub async fn expect_call(server: &MockServer, verb: &str, route: &str, answer: ResponseTemplate) {
    expected_call(verb, route, None, answer).mount(server).await;
}

/// Expects exactly one authenticated `verb route` call whose JSON body equals `body` (key
/// order and whitespace aside) and answers it with `answer`. A call with another body is
/// left unanswered (404), and the test fails naming the expectation.
pub async fn expect_call_with_body(
    server: &MockServer,
    verb: &str,
    route: &str,
    body: Value,
    answer: ResponseTemplate,
) {
    expected_call(verb, route, Some(body), answer)
        .mount(server)
        .await;
}

/// One authenticated `verb route` call, with this JSON body if given, answered with `answer`.
fn expected_call(verb: &str, route: &str, body: Option<Value>, answer: ResponseTemplate) -> Mock {
    let call = Mock::given(method(verb))
        .and(path(route))
        .and(authenticated());
    let call = match body {
        Some(body) => call.and(wiremock::matchers::body_json(body)),
        None => call,
    };
    call.respond_with(answer).expect(1)
}

/// Where the SCIM API sits on the mock server: `/Users` is `{SCIM}/Users`.
pub const SCIM: &str = "/scim/v2";

/// An envelope for the mock server: credential and settings filled in.
///
/// Adapt: fill in every required setting you add to `settings.rs`.
pub fn envelope(server: &MockServer) -> Envelope {
    Envelope::new()
        .credential(CREDENTIAL_ID, "token", credential())
        .settings(json!({"base_url": format!("{}{SCIM}", server.uri())}))
}

/// A SCIM answer: `body` as `application/scim+json`.
pub fn scim_json(status: u16, body: &Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(
        serde_json::to_vec(body).expect("JSON serializes"),
        "application/scim+json",
    )
}

/// A SCIM error answer (RFC 7644 §3.12), `status` as a string as in the RFC.
pub fn scim_error(status: u16, scim_type: Option<&str>, detail: &str) -> ResponseTemplate {
    let mut body = json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
        "status": status.to_string(),
        "detail": detail
    });
    if let Some(scim_type) = scim_type {
        body["scimType"] = json!(scim_type);
    }
    scim_json(status, &body)
}

/// A SCIM list answer (RFC 7644 §3.4.2) of `resources`, starting at `start_index`, out of
/// `total`.
pub fn list_response(resources: Vec<Value>, start_index: usize, total: usize) -> ResponseTemplate {
    scim_json(
        200,
        &json!({
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
            "totalResults": total,
            "startIndex": start_index,
            "itemsPerPage": resources.len(),
            "Resources": resources
        }),
    )
}

/// Calls a capability in-process, as the platform would through the binary.
pub async fn call(capability: &str, envelope: &Envelope) -> Output {
    let integration = integration().expect("the integration is declared correctly");
    connector_sdk::testing::call(&integration, capability, envelope).await
}
