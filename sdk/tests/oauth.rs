//! The OAuth capabilities (protocol §11.4) against a wiremock token endpoint: request styles,
//! client authentication, PKCE, scopes, the token-endpoint error table, unusable answers,
//! overrides, `info`, and that no secret reaches a rendered envelope.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers outside #[test] functions: a failed step stops the test loudly"
)]

#[path = "support/refused_port.rs"]
mod refused_port;

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use connector_sdk::auth::{AuthDeclaration, CredentialDeclaration, CredentialKind};
use connector_sdk::integration::{Integration, RegistryError};
use connector_sdk::oauth::{
    AuthorizationUrl, ClientAuth, GetAuthorizationUrl, OAuthConfig, OAuthUrl, TokenRequest,
    GET_AUTHORIZATION_URL,
};
use connector_sdk::request::{Request, Response};
use connector_sdk::{capability::VALIDATE_CREDENTIALS, error::ConnectorResult, models::*};
use refused_port::RefusedPort;
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use wiremock::matchers::{body_json, body_string, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Every secret the tests send or receive; none may appear in an error envelope.
const CLIENT_SECRET: &str = "s3cret value";
const CODE: &str = "c0de-secret";
const REFRESH_TOKEN: &str = "rt-secret";
const ACCESS_TOKEN: &str = "at-secret";
const SECRETS: &[&str] = &["s3cret", CODE, REFRESH_TOKEN, ACCESS_TOKEN];
const CREDENTIAL_ID: &str = "app_oauth";

/// Where the test's authorization server is: the token URL is computed from it.
#[derive(Debug, Deserialize, JsonSchema)]
struct TestSettings {
    /// Root URL of the authorization server.
    server: String,
}

fn token_url() -> OAuthUrl {
    OAuthUrl::from_settings(|s: &TestSettings| format!("{}/token", s.server))
}

fn code_flow() -> OAuthConfig {
    OAuthConfig::authorization_code("https://auth.example.com/authorize", token_url())
}

async fn validate_credentials(
    _: Request<ValidateCredentials, TestSettings>,
) -> ConnectorResult<Response<ValidatedCredentials>> {
    Ok(Response::new(ValidatedCredentials {
        valid: true,
        unique_tenant_id: "t".to_owned(),
    }))
}

fn builder(config: OAuthConfig) -> connector_sdk::integration::IntegrationBuilder<TestSettings> {
    Integration::builder("oauth-test", "0.1.0")
        .auth(AuthDeclaration::multi(vec![CredentialDeclaration::new(
            CREDENTIAL_ID,
            CredentialKind::Oauth,
            "OAuth.",
        )
        .oauth(config)]))
        .capability(VALIDATE_CREDENTIALS, validate_credentials)
}

fn connector(config: OAuthConfig) -> Integration<TestSettings> {
    builder(config).build().expect("the connector builds")
}

fn envelope(server: &MockServer, request: Value) -> String {
    json!({"request": request, "settings": {"server": server.uri()}}).to_string()
}

fn callback_request() -> Value {
    json!({
        "credential_id": CREDENTIAL_ID,
        "client_id": "cid",
        "client_secret": CLIENT_SECRET,
        "redirect_uri_with_code": format!("https://example.com/cb?code={CODE}&state=st"),
        "state": "from-request",
    })
}

fn refresh_request() -> Value {
    json!({"client_id": "cid", "client_secret": CLIENT_SECRET, "refresh_token": REFRESH_TOKEN})
}

async fn call(connector: &Integration<TestSettings>, capability: &str, envelope: &str) -> Value {
    let output = connector.call(capability, envelope).await;
    for secret in SECRETS {
        if output.contains("\"is_error\":true") {
            assert!(!output.contains(secret), "{secret} in {output}");
        }
    }
    serde_json::from_str(&output).expect("JSON output")
}

fn tokens() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "access_token": ACCESS_TOKEN, "refresh_token": "rt-2", "token_type": "Bearer",
        "expires_in": 3600, "state": "from-server"
    }))
}

/// The answer for [`tokens`], as the capability reports it.
fn expected_tokens() -> Value {
    json!({"response": {"access_token": ACCESS_TOKEN, "refresh_token": "rt-2",
        "token_type": "bearer", "state": "from-server"},
        "raw_data": null, "page": null, "rate_limit": null, "execution_summary": null})
}

/// The form body of the code exchange with the client in the body (`+` for spaces).
const CALLBACK_FORM: &str = "grant_type=authorization_code&code=c0de-secret\
    &redirect_uri=https%3A%2F%2Fexample.com%2Fcb&client_id=cid&client_secret=s3cret+value";

#[tokio::test]
async fn code_exchange_posts_a_form_by_default_and_takes_state_from_the_server() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string(CALLBACK_FORM))
        .respond_with(tokens())
        .expect(1)
        .mount(&server)
        .await;
    let out = call(
        &connector(code_flow()),
        "handle_authorization_callback",
        &envelope(&server, callback_request()),
    )
    .await;
    assert_eq!(out, expected_tokens());
}

#[tokio::test]
async fn query_style_sends_the_parameters_in_the_url() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(query_param("grant_type", "refresh_token"))
        .and(query_param("refresh_token", REFRESH_TOKEN))
        .and(query_param("client_id", "cid"))
        .and(query_param("client_secret", CLIENT_SECRET))
        .and(body_string(""))
        .respond_with(tokens())
        .expect(1)
        .mount(&server)
        .await;
    let connector = connector(code_flow().token_request(TokenRequest::QUERY));
    let out = call(
        &connector,
        "refresh_access_token",
        &envelope(&server, refresh_request()),
    )
    .await;
    assert_eq!(out, expected_tokens());
}

#[tokio::test]
async fn json_style_posts_a_json_object() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({"grant_type": "refresh_token",
            "refresh_token": REFRESH_TOKEN, "client_id": "cid", "client_secret": CLIENT_SECRET})))
        .respond_with(tokens())
        .expect(1)
        .mount(&server)
        .await;
    let connector = connector(code_flow().token_request(TokenRequest::JSON));
    let out = call(
        &connector,
        "refresh_access_token",
        &envelope(&server, refresh_request()),
    )
    .await;
    assert_eq!(out, expected_tokens());
}

#[tokio::test]
async fn get_style_sends_a_get_with_a_query() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/token"))
        .and(query_param("grant_type", "refresh_token"))
        .and(query_param("refresh_token", REFRESH_TOKEN))
        .and(query_param("client_secret", CLIENT_SECRET))
        .respond_with(tokens())
        .expect(1)
        .mount(&server)
        .await;
    let connector = connector(code_flow().token_request(TokenRequest::GET));
    let out = call(
        &connector,
        "refresh_access_token",
        &envelope(&server, refresh_request()),
    )
    .await;
    assert_eq!(out, expected_tokens());
}

#[tokio::test]
async fn basic_client_auth_moves_the_client_to_the_authorization_header() {
    let server = MockServer::start().await;
    let basic = format!("Basic {}", STANDARD.encode(format!("cid:{CLIENT_SECRET}")));
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(header("authorization", basic.as_str()))
        .and(body_string(
            "grant_type=authorization_code&code=c0de-secret\
             &redirect_uri=https%3A%2F%2Fexample.com%2Fcb",
        ))
        .respond_with(tokens())
        .expect(1)
        .mount(&server)
        .await;
    let connector = connector(code_flow().client_auth(ClientAuth::Basic));
    let out = call(
        &connector,
        "handle_authorization_callback",
        &envelope(&server, callback_request()),
    )
    .await;
    assert_eq!(out, expected_tokens());
}

#[tokio::test]
async fn raw_data_is_the_token_json_with_token_type_lower_cased() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(tokens())
        .mount(&server)
        .await;
    let text = json!({"request": refresh_request(), "settings": {"server": server.uri()},
        "include_raw_data": true})
    .to_string();
    let out = call(&connector(code_flow()), "refresh_access_token", &text).await;
    assert_eq!(
        serde_json::to_string(&out["raw_data"]).unwrap(),
        r#"{"access_token":"at-secret","refresh_token":"rt-2","token_type":"bearer","expires_in":3600,"state":"from-server"}"#
    );
}

fn query_of(url: &str) -> Vec<(String, String)> {
    let (_, query) = url.split_once('?').expect("a query");
    url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect()
}

#[tokio::test]
async fn pkce_challenge_is_the_s256_of_the_returned_verifier_and_the_verifier_is_sent_back() {
    let connector = connector(code_flow().pkce());
    let request = json!({"client_id": "cid", "scopes": ["a"], "redirect_uri": "https://example.com/cb",
        "state": "st"});
    let text = json!({"request": request, "settings": {"server": "http://unused"}}).to_string();
    let out = call(&connector, "get_authorization_url", &text).await;
    let url = out["response"]["authorization_url"].as_str().unwrap();
    let verifier = out["response"]["code_verifier"].as_str().unwrap();
    assert_eq!(verifier.len(), 43, "base64url of 32 bytes");
    let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
    let query = query_of(url);
    assert_eq!(
        query.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
        [
            "client_id",
            "response_type",
            "scope",
            "redirect_uri",
            "state",
            "code_challenge",
            "code_challenge_method"
        ]
    );
    assert_eq!(query[5].1, challenge);
    assert_eq!(query[6].1, "S256");
    let again = call(&connector, "get_authorization_url", &text).await;
    assert_ne!(
        again["response"]["code_verifier"], verifier,
        "a fresh verifier per call"
    );

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_string(format!(
            "grant_type=authorization_code&code=c0de-secret\
             &redirect_uri=https%3A%2F%2Fexample.com%2Fcb&code_verifier={verifier}\
             &client_id=cid&client_secret=s3cret+value"
        )))
        .respond_with(tokens())
        .expect(1)
        .mount(&server)
        .await;
    let mut callback = callback_request();
    callback["code_verifier"] = json!(verifier);
    let out = call(
        &connector,
        "handle_authorization_callback",
        &envelope(&server, callback),
    )
    .await;
    assert_eq!(out, expected_tokens());
}

#[tokio::test]
async fn scopes_keep_first_seen_order() {
    let config = code_flow()
        .scopes(["openid", "zeta"])
        .capability_scope("list_accounts", "users:read alpha")
        .capability_scope("list_resources", "zeta users:read beta")
        .capability_scope("list_entitlements", "gamma");
    let connector = connector(config);
    let scope_for = |scopes: Value| {
        let connector = &connector;
        async move {
            let request = json!({"client_id": "cid", "scopes": scopes,
                "redirect_uri": "https://example.com/cb", "state": "st"});
            let text = json!({"request": request, "settings": {"server": "http://x"}}).to_string();
            let out = call(connector, "get_authorization_url", &text).await;
            assert_eq!(out["response"]["code_verifier"], Value::Null);
            let url = out["response"]["authorization_url"].as_str().unwrap();
            assert!(url.starts_with(
                "https://auth.example.com/authorize?client_id=cid&response_type=code&scope="
            ));
            query_of(url)
                .into_iter()
                .find(|(k, _)| k == "scope")
                .unwrap()
                .1
        }
    };
    // Run it several times: the reference's set gave a different order from run to run.
    for _ in 0..5 {
        assert_eq!(
            scope_for(json!([])).await,
            "openid zeta users:read alpha beta gamma"
        );
    }
    assert_eq!(scope_for(json!(["z", "a", "m"])).await, "z a m");
}

/// (status, body, error_code, raised_by, retryable, throttled, refreshable): §11.4.
const ERROR_TABLE: &[(u16, &str, &str, &str, bool, bool, bool)] = &[
    (
        429,
        r#"{"error":"slow_down"}"#,
        "rate_limit",
        "RateLimitError",
        false,
        false,
        false,
    ),
    (
        500,
        r#"{"error":"server_error"}"#,
        "bad_gateway",
        "UpstreamError",
        false,
        false,
        false,
    ),
    (
        503,
        "maintenance",
        "bad_gateway",
        "UpstreamError",
        false,
        false,
        false,
    ),
    (
        403,
        r#"{"error":"forbidden"}"#,
        "permission_denied",
        "AuthorizationError",
        false,
        false,
        false,
    ),
    (
        400,
        r#"{"error":"access_denied"}"#,
        "permission_denied",
        "AuthorizationError",
        false,
        false,
        false,
    ),
    (
        400,
        r#"{"error":"unauthorized_client"}"#,
        "permission_denied",
        "AuthorizationError",
        false,
        false,
        false,
    ),
    (
        400,
        r#"{"error":"invalid_grant","error_description":"Code expired"}"#,
        "authentication_expired",
        "AuthenticationExpiredError",
        false,
        false,
        false,
    ),
    (
        400,
        r#"{"error":"invalid_client"}"#,
        "unauthorized",
        "AuthenticationError",
        false,
        false,
        false,
    ),
    (
        400,
        r#"{"error":"invalid_request"}"#,
        "unauthorized",
        "AuthenticationError",
        false,
        false,
        false,
    ),
    (
        401,
        "",
        "unauthorized",
        "AuthenticationError",
        false,
        false,
        false,
    ),
    (
        302,
        "",
        "unauthorized",
        "AuthenticationError",
        false,
        false,
        false,
    ),
];

#[tokio::test]
async fn every_row_of_the_token_endpoint_error_table() {
    let connector = connector(code_flow());
    for &(status, body, code, raised_by, retryable, throttled, refreshable) in ERROR_TABLE {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(status).set_body_string(body))
            .expect(1)
            .mount(&server)
            .await;
        let out = call(
            &connector,
            "refresh_access_token",
            &envelope(&server, refresh_request()),
        )
        .await;
        let row = format!("{status} {body}");
        let error = &out["error"];
        assert_eq!(out["is_error"], true, "{row}");
        assert_eq!(error["error_code"], code, "{row}");
        assert_eq!(error["raised_by"], raised_by, "{row}");
        assert_eq!(error["status_code"], Value::Null, "{row}");
        assert_eq!(
            error["raised_in"], "connector_sdk.oauth:refresh_access_token",
            "{row}"
        );
        let metadata = &error["error_metadata"];
        assert_eq!(metadata["retryable"], retryable, "{row}");
        assert_eq!(metadata["throttled"], throttled, "{row}");
        assert_eq!(metadata["refreshable"], refreshable, "{row}");
        let rendered = match serde_json::from_str::<Value>(body) {
            Ok(Value::Object(map)) => {
                let members: Vec<String> = map
                    .iter()
                    .map(|(k, v)| format!("'{k}': '{}'", v.as_str().unwrap()))
                    .collect();
                format!("{{{}}}", members.join(", "))
            }
            _ => body.to_owned(),
        };
        assert_eq!(
            error["message"],
            // Messages are trimmed on the wire (an empty body leaves no trailing space).
            format!(
                "[{status}][{}/token] OAuth request failed: {rendered}",
                server.uri()
            )
            .trim_end(),
            "{row}"
        );
    }
}

#[tokio::test]
async fn unusable_token_answers_are_invalid_response_envelopes_without_the_body() {
    let connector = connector(code_flow());
    let answers = [
        ResponseTemplate::new(200)
            .set_body_string(format!("access_token={ACCESS_TOKEN}&token_type=bearer")),
        ResponseTemplate::new(200).set_body_json(json!({"refresh_token": REFRESH_TOKEN})),
        ResponseTemplate::new(200).set_body_string(""),
    ];
    for (i, answer) in answers.into_iter().enumerate() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(answer)
            .mount(&server)
            .await;
        let out = call(
            &connector,
            "refresh_access_token",
            &envelope(&server, refresh_request()),
        )
        .await;
        assert_eq!(out["is_error"], true, "answer {i}");
        assert_eq!(out["error"]["error_code"], "invalid_response", "answer {i}");
        let message = out["error"]["message"].as_str().unwrap();
        let prefix = format!("[200][{}/token] OAuth token response ", server.uri());
        assert!(message.starts_with(&prefix), "answer {i}: {message}");
    }
}

#[tokio::test]
async fn an_unreachable_token_endpoint_is_a_transport_error_without_secrets() {
    // Query encoding puts the client secret in the URL; the error must not show it.
    let connector = connector(code_flow().token_request(TokenRequest::QUERY));
    // Reserved for the whole test, so no parallel test can take it and answer.
    let refused = RefusedPort::new();
    let closed = refused.addr();
    let text =
        json!({"request": refresh_request(), "settings": {"server": format!("http://{closed}")}})
            .to_string();
    let out = call(&connector, "refresh_access_token", &text).await;
    assert_eq!(out["is_error"], true);
    assert_eq!(out["error"]["error_code"], "connection_timeout");
}

#[tokio::test]
async fn a_redirect_without_code_is_a_bad_request() {
    let connector = connector(code_flow());
    let mut request = callback_request();
    request["redirect_uri_with_code"] = json!("https://example.com/cb?error=access_denied");
    let text = json!({"request": request, "settings": {"server": "http://x"}}).to_string();
    let out = call(&connector, "handle_authorization_callback", &text).await;
    assert_eq!(out["error"]["error_code"], "bad_request");
    assert_eq!(
        out["error"]["message"],
        "The redirect URI carries no authorization code (the authorization server answered error=access_denied)"
    );
}

#[tokio::test]
async fn client_credentials_flow_sends_the_declared_scopes() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_string(
            "grant_type=client_credentials&scope=read+write&client_id=cid&client_secret=s3cret+value",
        ))
        .respond_with(tokens())
        .expect(1)
        .mount(&server)
        .await;
    let connector = connector(
        OAuthConfig::client_credentials(token_url())
            .capability_scope("list_accounts", "read")
            .capability_scope("assign_entitlement", "read write"),
    );
    let names: Vec<&str> = connector.capability_names().collect();
    assert!(names.contains(&"handle_client_credentials_request"));
    assert!(names.contains(&"refresh_access_token"));
    assert!(!names.contains(&"get_authorization_url"));
    assert!(!names.contains(&"handle_authorization_callback"));
    let request = json!({"client_id": "cid", "client_secret": CLIENT_SECRET, "scopes": []});
    let out = call(
        &connector,
        "handle_client_credentials_request",
        &envelope(&server, request),
    )
    .await;
    assert_eq!(out, expected_tokens());
}

#[tokio::test]
async fn envelopes_carry_no_credentials_but_settings_are_validated() {
    let connector = connector(code_flow());
    let request =
        json!({"client_id": "cid", "scopes": [], "redirect_uri": "https://e.x/cb", "state": "s"});
    // A credential sent anyway is ignored (protocol §3.1).
    let with_auth = json!({"request": request, "settings": {"server": "http://x"},
        "credentials": [{"id": "other", "token": {"token": "t"}}]})
    .to_string();
    let out = call(&connector, "get_authorization_url", &with_auth).await;
    assert!(out["response"]["authorization_url"].is_string(), "{out}");
    let without_settings = json!({"request": request}).to_string();
    let out = call(&connector, "get_authorization_url", &without_settings).await;
    assert_eq!(
        out["error"]["message"],
        "No settings passed on request: oauth-test requires TestSettings"
    );
}

#[tokio::test]
async fn unknown_credential_id_is_a_missing_parameter() {
    let connector = connector(code_flow());
    let request = json!({"credential_id": "nope", "client_id": "cid", "scopes": [],
        "redirect_uri": "https://e.x/cb", "state": "s"});
    let text = json!({"request": request, "settings": {"server": "http://x"}}).to_string();
    let out = call(&connector, "get_authorization_url", &text).await;
    assert_eq!(out["error"]["error_code"], "integration_missing_parameter");
    assert_eq!(
        out["error"]["message"],
        "OAuth settings for credential ID: nope were not provided!"
    );
}

async fn custom_authorization_url(
    request: Request<GetAuthorizationUrl, TestSettings>,
) -> ConnectorResult<Response<AuthorizationUrl>> {
    Ok(Response::new(AuthorizationUrl {
        authorization_url: format!(
            "{}/custom?state={}",
            request.settings.server, request.request.state
        ),
        code_verifier: None,
    }))
}

#[tokio::test]
async fn an_explicit_registration_wins_over_the_runtime_one() {
    let connector = builder(code_flow())
        .capability(GET_AUTHORIZATION_URL, custom_authorization_url)
        .build()
        .unwrap();
    let request =
        json!({"client_id": "cid", "scopes": [], "redirect_uri": "https://e.x/cb", "state": "s1"});
    let text = json!({"request": request, "settings": {"server": "http://x"}}).to_string();
    let out = call(&connector, "get_authorization_url", &text).await;
    assert_eq!(
        out["response"],
        json!({"authorization_url": "http://x/custom?state=s1", "code_verifier": null})
    );
    // The other capabilities of the flow are still the runtime's.
    let names: Vec<&str> = connector.capability_names().collect();
    assert!(names.contains(&"handle_authorization_callback"));
}

#[test]
fn info_lists_the_flow_capabilities_with_the_standard_schemas() {
    let connector = connector(code_flow());
    let info: Value = serde_json::from_str(&connector.info_json().unwrap()).unwrap();
    let response = &info["response"];
    let capabilities = response["capabilities"].as_array().unwrap();
    for name in [
        "get_authorization_url",
        "handle_authorization_callback",
        "refresh_access_token",
    ] {
        assert!(capabilities.contains(&json!(name)), "{name} listed");
        let entry = &response["capability_schema"][name];
        assert_eq!(
            entry["argument"]["x-capability-category"], "authorization",
            "{name}"
        );
        assert_eq!(
            info,
            serde_json::from_str::<Value>(&connector.info_json().unwrap()).unwrap(),
            "info is stable"
        );
    }
    assert!(!capabilities.contains(&json!("handle_client_credentials_request")));
    // info_json splices the stored text; info() builds the same document.
    assert_eq!(response, &connector.info().unwrap());
}

#[test]
fn a_url_computed_from_another_settings_type_is_refused_at_build_time() {
    #[derive(Deserialize, JsonSchema)]
    struct Other {
        #[allow(dead_code)]
        base: String,
    }
    let config = OAuthConfig::authorization_code(
        "https://a.example/authorize",
        OAuthUrl::from_settings(|s: &Other| s.base.clone()),
    );
    match builder(config).build() {
        Err(RegistryError::OAuthSettingsType { credential, .. }) => {
            assert_eq!(credential, CREDENTIAL_ID)
        }
        other => panic!("expected OAuthSettingsType, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn a_capability_left_out_is_not_registered_unless_another_credential_has_it() {
    let alone = connector(code_flow().without_capability("refresh_access_token"));
    let names: Vec<&str> = alone.capability_names().collect();
    assert!(!names.contains(&"refresh_access_token"));
    assert!(names.contains(&"handle_authorization_callback"));

    let both = Integration::<TestSettings>::builder("oauth-test", "0.1.0")
        .auth(AuthDeclaration::multi(vec![
            CredentialDeclaration::new("code", CredentialKind::Oauth, "Code flow.")
                .oauth(code_flow().without_capability("refresh_access_token")),
            CredentialDeclaration::new(
                "machine",
                CredentialKind::OauthClientCredentials,
                "Client credentials.",
            )
            .oauth(OAuthConfig::client_credentials(token_url())),
        ]))
        .capability(VALIDATE_CREDENTIALS, validate_credentials)
        .build()
        .unwrap();
    let names: Vec<&str> = both.capability_names().collect();
    for name in [
        "get_authorization_url",
        "handle_authorization_callback",
        "handle_client_credentials_request",
        "refresh_access_token",
    ] {
        assert!(names.contains(&name), "{name}");
    }
}

#[tokio::test]
async fn several_oauth_credentials_need_a_credential_id() {
    let connector = Integration::<TestSettings>::builder("oauth-test", "0.1.0")
        .auth(AuthDeclaration::multi(vec![
            CredentialDeclaration::new("a", CredentialKind::Oauth, "A.").oauth(code_flow()),
            CredentialDeclaration::new("b", CredentialKind::Oauth, "B.").oauth(
                OAuthConfig::authorization_code("https://b.example/authorize", token_url()),
            ),
        ]))
        .capability(VALIDATE_CREDENTIALS, validate_credentials)
        .build()
        .unwrap();
    let url_of = |credential_id: Value| {
        let connector = &connector;
        async move {
            let request = json!({"credential_id": credential_id, "client_id": "cid", "scopes": [],
                "redirect_uri": "https://e.x/cb", "state": "s"});
            let text = json!({"request": request, "settings": {"server": "http://x"}}).to_string();
            call(connector, "get_authorization_url", &text).await
        }
    };
    let b = url_of(json!("b")).await;
    assert!(b["response"]["authorization_url"]
        .as_str()
        .unwrap()
        .starts_with("https://b.example/authorize?"));
    let none = url_of(Value::Null).await;
    assert_eq!(none["error"]["error_code"], "integration_missing_parameter");
}

#[tokio::test]
async fn an_error_object_answered_with_200_goes_through_the_error_table() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"error": "invalid_grant", "error_description": "The code has expired"}),
        ))
        .mount(&server)
        .await;
    let out = call(
        &connector(code_flow()),
        "handle_authorization_callback",
        &envelope(&server, callback_request()),
    )
    .await;
    assert_eq!(out["error"]["error_code"], "authentication_expired");
    assert_eq!(
        out["error"]["message"],
        format!(
            "[200][{}/token] OAuth request failed: \
             {{'error': 'invalid_grant', 'error_description': 'The code has expired'}}",
            server.uri()
        )
    );
}

#[test]
fn info_entries_equal_the_reference_scaffold_info() {
    const SCAFFOLD_INFO: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/protocol/info-examples/lumos-info-scaffold-example.json"
    );
    let recorded: Value =
        serde_json::from_str(&std::fs::read_to_string(SCAFFOLD_INFO).unwrap()).unwrap();
    let ours: Value = serde_json::from_str(&connector(code_flow()).info_json().unwrap()).unwrap();
    for name in [
        "get_authorization_url",
        "handle_authorization_callback",
        "refresh_access_token",
    ] {
        assert_eq!(
            ours["response"]["capability_schema"][name],
            recorded["response"]["capability_schema"][name],
            "{name}"
        );
    }
    // Credential-level OAuth does not fill the legacy app-level `oauth_scopes`.
    assert_eq!(recorded["response"]["oauth_scopes"], Value::Null);
    assert_eq!(ours["response"]["oauth_scopes"], Value::Null);
}

#[tokio::test]
async fn a_legacy_connector_declares_app_level_oauth() {
    let connector = Integration::<TestSettings>::builder("oauth-test", "0.1.0")
        .auth(AuthDeclaration::Single(CredentialKind::Oauth))
        .oauth(
            code_flow()
                .capability_scope("list_accounts", "users:read")
                .capability_scope("assign_entitlement", "roles:write users:read"),
        )
        .capability(VALIDATE_CREDENTIALS, validate_credentials)
        .build()
        .unwrap();
    let request =
        json!({"client_id": "cid", "scopes": [], "redirect_uri": "https://e.x/cb", "state": "s"});
    let text = json!({"request": request, "settings": {"server": "http://x"}}).to_string();
    let out = call(&connector, "get_authorization_url", &text).await;
    assert_eq!(
        out["response"]["authorization_url"],
        "https://auth.example.com/authorize?client_id=cid&response_type=code\
         &scope=users%3Aread+roles%3Awrite&redirect_uri=https%3A%2F%2Fe.x%2Fcb&state=s"
    );
    let info: Value = serde_json::from_str(&connector.info_json().unwrap()).unwrap();
    assert_eq!(
        info["response"]["oauth_scopes"],
        json!({"assign_entitlement": "roles:write users:read", "list_accounts": "users:read"})
    );
    let names: Vec<&str> = connector.capability_names().collect();
    assert!(names.contains(&"refresh_access_token"));
}
