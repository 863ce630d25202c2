//! Shared test setup: a local mock of the Example API (wiremock on
//! 127.0.0.1) and request envelopes carrying a test credential.

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use connector_sdk::testing::{Envelope, Output};
use serde_json::{json, Value};
use wiremock::matchers::{header_regex, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use example_connector::integration::{integration, CREDENTIAL_ID};

/// Starts a mock API server on a free local port.
pub async fn mock_api() -> MockServer {
    MockServer::start().await
}

/// The test credential, as the platform would send it.
pub fn credential() -> Value {
    json!({"access_token": "test-token"})
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

/// An envelope for the mock server: credential and settings filled in.
///
/// Adapt: fill in every required setting you add to `settings.rs`.
pub fn envelope(server: &MockServer) -> Envelope {
    Envelope::new()
        .credential(CREDENTIAL_ID, "oauth", credential())
        .settings(json!({"base_url": server.uri()}))
}

/// Matches the request for the first page of a list: `offset=0`.
pub fn first_page() -> impl wiremock::Match {
    wiremock::matchers::query_param("offset", "0")
}

/// A list answer holding `items` and saying that nothing follows them.
pub fn only_page(items: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"items": items, "has_more": false}))
}

/// Calls a capability in-process, as the platform would through the binary.
pub async fn call(capability: &str, envelope: &Envelope) -> Output {
    let integration = integration().expect("the integration is declared correctly");
    connector_sdk::testing::call(&integration, capability, envelope).await
}
