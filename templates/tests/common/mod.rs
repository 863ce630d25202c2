//! Shared test setup: a local mock of the {{crate_name | title_case}} API (wiremock on
//! 127.0.0.1) and request envelopes carrying a test credential.

// Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use connector_sdk::testing::{Envelope, Output};
use serde_json::{json, Value};
use wiremock::matchers::{header_regex, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use {{crate_name}}_connector::integration::{integration, CREDENTIAL_ID};

/// Starts a mock API server on a free local port.
pub async fn mock_api() -> MockServer {
    MockServer::start().await
}

/// The test credential, as the platform would send it.
pub fn credential() -> Value {
{%- if auth == "oauth" %}
    json!({"access_token": "test-token"})
{%- endif %}
{%- if auth == "oauth-client-credentials" %}
    json!({
        "access_token": "test-token",
        "client_id": "test-client",
        "client_secret": "test-secret",
        "scopes": ["users:read"]
    })
{%- endif %}
{%- if auth == "basic" %}
    json!({"username": "admin", "password": "secret"})
{%- endif %}
{%- if auth == "token" %}
    json!({"token": "test-token"})
{%- endif %}
{%- if auth == "jwt" %}
    json!({
        "headers": {
            "alg": "HS256", "jku": "", "jwk": "", "typ": "JWT", "kid": "", "x5u": "",
            "x5c": "", "x5t": "", "x5t#S256": "", "cty": "", "crit": []
        },
        "claims": {
            "iss": "lumos", "sub": "connector", "aud": "api", "jti": "1", "act": "",
            "client_id": "test-client", "may_act": "", "exp": 4102444800_i64, "nbf": 0,
            "iat": 0, "scope": ["users:read"]
        },
        "secret": "test-secret"
    })
{%- endif %}
}

/// Matches requests that carry the test credential.
pub fn authenticated() -> wiremock::matchers::HeaderRegexMatcher {
{%- if auth == "basic" %}
    // base64("admin:secret")
    header_regex("authorization", "^Basic YWRtaW46c2VjcmV0$")
{%- endif %}
{%- if auth == "jwt" %}
    header_regex("authorization", r"^Bearer eyJ[\w-]+\.[\w-]+\.[\w-]+$")
{%- endif %}
{%- if auth != "basic" and auth != "jwt" %}
    header_regex("authorization", "^Bearer test-token$")
{%- endif %}
}

/// Expects exactly one authenticated `verb route` call and answers it with `answer`.
pub async fn expect_call(server: &MockServer, verb: &str, route: &str, answer: ResponseTemplate) {
    Mock::given(method(verb))
        .and(path(route))
        .and(authenticated())
        .respond_with(answer)
        .expect(1)
        .mount(server)
        .await;
}

/// An envelope for the mock server: credential and settings filled in.
///
/// Adapt: fill in every required setting you add to `settings.rs`.
pub fn envelope(server: &MockServer) -> Envelope {
    Envelope::new()
        .credential(CREDENTIAL_ID, "{{auth | snake_case}}", credential())
        .settings(json!({"base_url": server.uri()}))
}

/// Calls a capability in-process, as the platform would through the binary.
pub async fn call(capability: &str, envelope: &Envelope) -> Output {
    let integration = integration().expect("the integration is declared correctly");
    connector_sdk::testing::call(&integration, capability, envelope).await
}
