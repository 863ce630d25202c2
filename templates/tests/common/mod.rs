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
{%- if api == "scim" %}

/// Where the SCIM API sits on the mock server: `/Users` is `{SCIM}/Users`.
pub const SCIM: &str = "/scim/v2";

/// An envelope for the mock server: credential and settings filled in.
///
/// Adapt: fill in every required setting you add to `settings.rs`.
pub fn envelope(server: &MockServer) -> Envelope {
    Envelope::new()
        .credential(CREDENTIAL_ID, "{{auth | snake_case}}", credential())
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
{%- else %}

/// An envelope for the mock server: credential and settings filled in.
///
/// Adapt: fill in every required setting you add to `settings.rs`.
pub fn envelope(server: &MockServer) -> Envelope {
    Envelope::new()
        .credential(CREDENTIAL_ID, "{{auth | snake_case}}", credential())
        .settings(json!({"base_url": server.uri()}))
}

/// Matches the request for the first page of a list:
{%- if pagination == "offset" %} `offset=0`.
pub fn first_page() -> impl wiremock::Match {
    wiremock::matchers::query_param("offset", "0")
}
{%- endif %}
{%- if pagination == "page" %} `page=1`.
pub fn first_page() -> impl wiremock::Match {
    wiremock::matchers::query_param("page", "1")
}
{%- endif %}
{%- if pagination == "cursor" %} no `cursor`.
pub fn first_page() -> impl wiremock::Match {
    wiremock::matchers::query_param_is_missing("cursor")
}
{%- endif %}

/// A list answer holding `items` and saying that nothing follows them.
pub fn only_page(items: Value) -> ResponseTemplate {
{%- if pagination == "offset" %}
    ResponseTemplate::new(200).set_body_json(json!({"items": items, "has_more": false}))
{%- endif %}
{%- if pagination == "page" %}
    let total = items.as_array().map_or(0, Vec::len);
    ResponseTemplate::new(200).set_body_json(json!({"items": items, "total": total}))
{%- endif %}
{%- if pagination == "cursor" %}
    ResponseTemplate::new(200).set_body_json(json!({"items": items, "next_cursor": null}))
{%- endif %}
}
{%- endif %}

/// Calls a capability in-process, as the platform would through the binary.
pub async fn call(capability: &str, envelope: &Envelope) -> Output {
    let integration = integration().expect("the integration is declared correctly");
    connector_sdk::testing::call(&integration, capability, envelope).await
}
