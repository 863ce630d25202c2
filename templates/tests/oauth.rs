//! The OAuth flow against a local authorization server (wiremock on 127.0.0.1). Lumos runs
//! these capabilities with no credential in the envelope, to obtain the access token that the
//! other capabilities receive; the `authorization_url` and `token_url` settings point the flow
//! at the mock server.
//!
//! Adapt: the expected token requests, if you change how `integration.rs` sends them
//! (`TokenRequest`, `ClientAuth`).

// A failing test should say where, loudly: tests (and their `common` helpers) may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::call;
{%- if auth == "oauth" %}
use connector_sdk::oauth::code_challenge_s256;
use connector_sdk::secret::Secret;
{%- endif %}
use connector_sdk::testing::{Envelope, Output};
use serde_json::{json, Value};
use wiremock::matchers::{body_string, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use {{crate_name}}_connector::integration::{integration, SCOPES};

const CLIENT_ID: &str = "test-client";
const CLIENT_SECRET: &str = "test-client-secret";
const REFRESH_TOKEN: &str = "test-refresh-token";
{%- if auth == "oauth" %}
const REDIRECT_URI: &str = "https://lumos.example.com/oauth/callback";
const CODE: &str = "test-code";
{%- endif %}

/// An envelope for an OAuth capability: no credential, the OAuth endpoints on the mock server.
fn oauth_envelope(server: &MockServer, request: Value) -> Envelope {
    let root = server.uri();
    Envelope::new()
        .settings(json!({
            "base_url": root,
{%- if auth == "oauth" %}
            "authorization_url": format!("{root}/auth"),
{%- endif %}
            "token_url": format!("{root}/token")
        }))
        .request(request)
}

/// `application/x-www-form-urlencoded`, as token requests and the authorization URL's query
/// are encoded (space as `+`).
fn form(pairs: &[(&str, &str)]) -> String {
    let encoded: Vec<String> = pairs
        .iter()
        .map(|(name, value)| format!("{}={}", encode(name), encode(value)))
        .collect();
    encoded.join("&")
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                (b as char).to_string()
            }
            b' ' => "+".to_owned(),
            _ => {% raw %}format!("%{b:02X}"){% endraw %},
        })
        .collect()
}

/// The scope string asked for when a request names none: every scope of `SCOPES`, once, in
/// declaration order.
fn declared_scope() -> String {
    let mut scopes: Vec<&str> = Vec::new();
    for scope in SCOPES.iter().flat_map(|(_, s)| s.split_whitespace()) {
        if !scopes.contains(&scope) {
            scopes.push(scope);
        }
    }
    scopes.join(" ")
}

/// Expects exactly one form-encoded `POST /token` with this body and answers it with tokens.
async fn expect_token_request(server: &MockServer, body: String) {
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string(body))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "new-access-token",
            "refresh_token": "new-refresh-token",
            "token_type": "Bearer",
            "expires_in": 3600
        })))
        .expect(1)
        .mount(server)
        .await;
}

/// The tokens of `expect_token_request`'s answer as the capability returns them: the token
/// type lower-cased, no `state` since the endpoint sent none (protocol §11.4).
fn issued_tokens() -> Value {
    json!({
        "access_token": "new-access-token",
        "refresh_token": "new-refresh-token",
        "token_type": "bearer",
        "state": null
    })
}

/// Asserts that no secret of the request reached the output (an error envelope's message);
/// a failure is reported at the caller's line.
#[track_caller]
fn assert_no_secret(output: &Output) {
    let text = output.0.to_string();
    for secret in [CLIENT_SECRET, REFRESH_TOKEN] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
}

#[test]
fn info_lists_the_oauth_capabilities() {
    let integration = integration().expect("the integration is declared correctly");
    let names: Vec<&str> = integration.capability_names().collect();
{%- if auth == "oauth" %}
    for name in [
        "get_authorization_url",
        "handle_authorization_callback",
        "refresh_access_token",
    ] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
{%- endif %}
{%- if auth == "oauth-client-credentials" %}
    for name in ["handle_client_credentials_request", "refresh_access_token"] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    assert!(!names.contains(&"get_authorization_url"));
{%- endif %}
}
{%- if auth == "oauth" %}

/// The authorization URL `get_authorization_url` should build on the mock server, for this
/// scope string and the PKCE verifier it returned.
fn expected_authorization_url(server: &MockServer, scope: &str, verifier: &str) -> String {
    let challenge = code_challenge_s256(&Secret::new(verifier));
    let query = form(&[
        ("client_id", CLIENT_ID),
        ("response_type", "code"),
        ("scope", scope),
        ("redirect_uri", REDIRECT_URI),
        ("state", "test-state"),
        ("code_challenge", &challenge),
        ("code_challenge_method", "S256"),
    ]);
    format!("{}/auth?{query}", server.uri())
}

/// Calls `get_authorization_url` for these request scopes and checks the URL it returns.
async fn check_authorization_url(requested: &[&str], scope: &str) {
    let server = MockServer::start().await;
    let request = json!({
        "client_id": CLIENT_ID,
        "scopes": requested,
        "redirect_uri": REDIRECT_URI,
        "state": "test-state"
    });

    let output = call("get_authorization_url", &oauth_envelope(&server, request)).await;

    let response = output.response();
    let verifier = response["code_verifier"]
        .as_str()
        .expect("PKCE returns the code verifier");
    // RFC 7636: 43 to 128 characters.
    assert!((43..=128).contains(&verifier.len()), "{verifier}");
    assert_eq!(
        response["authorization_url"],
        expected_authorization_url(&server, scope, verifier)
    );
    // The URL is built locally: the authorization server is only visited by the browser.
    let requests = server.received_requests().await.unwrap_or_default();
    assert!(requests.is_empty());
}

#[tokio::test]
async fn authorization_url_asks_for_the_declared_scopes_with_pkce() {
    check_authorization_url(&[], &declared_scope()).await;
}

#[tokio::test]
async fn authorization_url_asks_for_the_scopes_the_request_names() {
    check_authorization_url(&["users:read", "admin"], "users:read admin").await;
}

#[tokio::test]
async fn callback_exchanges_the_code_for_tokens() {
    let server = MockServer::start().await;
    let body = form(&[
        ("grant_type", "authorization_code"),
        ("code", CODE),
        ("redirect_uri", REDIRECT_URI),
        ("code_verifier", "test-verifier"),
        ("client_id", CLIENT_ID),
        ("client_secret", CLIENT_SECRET),
    ]);
    expect_token_request(&server, body).await;
    let redirect = format!("{REDIRECT_URI}?code={CODE}&state=test-state");
    let request = json!({
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "redirect_uri_with_code": redirect,
        "state": "test-state",
        "code_verifier": "test-verifier"
    });

    let output = call(
        "handle_authorization_callback",
        &oauth_envelope(&server, request),
    )
    .await;

    assert_eq!(output.response(), &issued_tokens());
}
{%- endif %}
{%- if auth == "oauth-client-credentials" %}

#[tokio::test]
async fn client_credentials_ask_for_the_declared_scopes() {
    let server = MockServer::start().await;
    let body = form(&[
        ("grant_type", "client_credentials"),
        ("scope", &declared_scope()),
        ("client_id", CLIENT_ID),
        ("client_secret", CLIENT_SECRET),
    ]);
    expect_token_request(&server, body).await;
    let request = json!({"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "scopes": []});

    let output = call(
        "handle_client_credentials_request",
        &oauth_envelope(&server, request),
    )
    .await;

    assert_eq!(output.response(), &issued_tokens());
}
{%- endif %}

/// A `refresh_access_token` request for the mock server.
fn refresh_request() -> Value {
    json!({
        "client_id": CLIENT_ID,
        "client_secret": CLIENT_SECRET,
        "refresh_token": REFRESH_TOKEN
    })
}

#[tokio::test]
async fn refresh_exchanges_the_refresh_token() {
    let server = MockServer::start().await;
    let body = form(&[
        ("grant_type", "refresh_token"),
        ("refresh_token", REFRESH_TOKEN),
        ("client_id", CLIENT_ID),
        ("client_secret", CLIENT_SECRET),
    ]);
    expect_token_request(&server, body).await;

    let output = call(
        "refresh_access_token",
        &oauth_envelope(&server, refresh_request()),
    )
    .await;

    assert_eq!(output.response(), &issued_tokens());
}

/// Calls `refresh_access_token` against a token endpoint that fails with this answer.
async fn refresh_failing_with(answer: ResponseTemplate) -> Output {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(answer)
        .expect(1)
        .mount(&server)
        .await;
    call(
        "refresh_access_token",
        &oauth_envelope(&server, refresh_request()),
    )
    .await
}

#[tokio::test]
async fn a_revoked_grant_is_authentication_expired() {
    let body = json!({"error": "invalid_grant", "error_description": "Token revoked"});
    let output = refresh_failing_with(ResponseTemplate::new(400).set_body_json(body)).await;

    let error = output.error("authentication_expired");
    // Refreshing again cannot help: the admin must authorize the connector again.
    assert_eq!(error["error_metadata"]["refreshable"], false);
    assert_eq!(error["error_metadata"]["retryable"], false);
    assert_no_secret(&output);
}

#[tokio::test]
async fn a_token_endpoint_outage_is_bad_gateway() {
    let output = refresh_failing_with(ResponseTemplate::new(503).set_body_string("down")).await;

    let error = output.error("bad_gateway");
    assert_eq!(error["error_metadata"]["retryable"], false);
    assert_no_secret(&output);
}
