//! OAuth tier: OAuth connectors proved against a real authorization server that nobody on this
//! project wrote, oidc-provider (OpenID Certified), installed from npm at a pinned version and
//! run on loopback (see `connector_new_e2e::support::oauth_server`).
//!
//! * `generated_oauth_connectors_work_against_a_real_authorization_server` generates an
//!   `--auth oauth` and an `--auth oauth-client-credentials` connector, builds them, and runs
//!   every OAuth capability through their binaries as the platform does: authorization URL
//!   (PKCE), login and consent, code exchange, the token at the server's userinfo endpoint and
//!   API, refresh, the token endpoint's errors, and the client-credentials grant.
//! * `the_server_completes_both_flows_with_a_plain_http_client` checks the harness and the
//!   server's configuration with a plain HTTP client, so a failure of the connector test
//!   can be told apart from a broken server setup.
//!
//! When Node.js or npm is missing, or the server cannot be installed or started, these tests
//! fail and say so; they never skip.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers outside #[test] functions: a failed step stops the test loudly"
)]

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use connector_new_e2e::support::oauth_server::OAuthServer;
use connector_new_e2e::support::ScratchWorkspace;
use reqwest::{Method, Url};
use serde_json::{json, Value};

/// The clients registered in tests/servers/oauth/server.mjs.
const CODE_CLIENT_ID: &str = "code-flow-client";
const CODE_CLIENT_SECRET: &str = "code-flow-client-secret-0123456789";
const CC_CLIENT_ID: &str = "client-credentials-client";
const CC_CLIENT_SECRET: &str = "client-credentials-client-secret-0123456789";
/// Registered for the code client; never fetched (the code is read from the redirect).
const REDIRECT_URI: &str = "https://connector.example.test/oauth/callback";

/// A PKCE pair for the plain client: the challenge is BASE64URL(SHA-256(verifier)), RFC 7636.
const PLAIN_VERIFIER: &str = "plain-http-client-pkce-verifier-0123456789abcdef";
const PLAIN_CHALLENGE: &str = "xPE72U64vYenkD1SRARvXx3gw3BDAyf-DeNapn4GcQo";

/// The members that carry secrets; shown as `<redacted>` in failure messages.
const SECRET_KEYS: &[&str] = &[
    "access_token",
    "refresh_token",
    "id_token",
    "client_secret",
    "code_verifier",
];

/// One HTTP answer, as the browser saw it (redirects are not followed).
struct Answer {
    status: u16,
    location: Option<Url>,
    body: String,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|error| panic!("HTTP {} body is not JSON ({error})", self.status))
    }
}

/// An HTTP client that keeps cookies and never follows redirects, so the test sees each hop
/// of the authorization flow and stops at the redirect URI instead of fetching it.
struct Browser {
    runtime: tokio::runtime::Runtime,
    client: reqwest::Client,
    /// Cookie name -> value. Every hop goes to one loopback host, so paths and domains do not
    /// need tracking: sending all cookies everywhere is what a browser would do here.
    cookies: BTreeMap<String, String>,
}

impl Browser {
    fn new() -> Self {
        Self {
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap(),
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            cookies: BTreeMap::new(),
        }
    }

    fn send(
        &mut self,
        method: Method,
        url: &Url,
        form: Option<&[(&str, &str)]>,
        bearer: Option<&str>,
    ) -> Answer {
        let mut request = self.client.request(method.clone(), url.clone());
        if !self.cookies.is_empty() {
            let header = self
                .cookies
                .iter()
                .map(|(name, value)| format!("{name}={value}"))
                .collect::<Vec<_>>()
                .join("; ");
            request = request.header(reqwest::header::COOKIE, header);
        }
        if let Some(form) = form {
            request = request.form(form);
        }
        if let Some(token) = bearer {
            request = request.bearer_auth(token);
        }
        let response = self
            .runtime
            .block_on(request.send())
            .unwrap_or_else(|error| panic!("{method} {url} failed: {error}"));
        for cookie in response.headers().get_all(reqwest::header::SET_COOKIE) {
            let cookie = cookie.to_str().unwrap_or_default();
            let Some((name, rest)) = cookie.split_once('=') else {
                continue;
            };
            let value = rest.split(';').next().unwrap_or_default();
            let lower = cookie.to_ascii_lowercase();
            // oidc-provider clears a cookie by setting it empty and expired.
            if value.is_empty() || lower.contains("expires=thu, 01 jan 1970") {
                self.cookies.remove(name.trim());
            } else {
                self.cookies
                    .insert(name.trim().to_owned(), value.to_owned());
            }
        }
        let status = response.status().as_u16();
        let location = response
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|value| value.to_str().ok())
            .map(|value| url.join(value).unwrap());
        let body = self.runtime.block_on(response.text()).unwrap_or_default();
        Answer {
            status,
            location,
            body,
        }
    }

    fn get(&mut self, url: &Url) -> Answer {
        self.send(Method::GET, url, None, None)
    }

    fn post_form(&mut self, url: &Url, form: &[(&str, &str)]) -> Answer {
        self.send(Method::POST, url, Some(form), None)
    }

    fn get_with_token(&mut self, url: &Url, token: &str) -> Answer {
        self.send(Method::GET, url, None, Some(token))
    }

    /// Opens `authorization_url` and completes oidc-provider's login and consent pages as a
    /// user would (any login is accepted there), following the interaction redirects until
    /// one points at `redirect_uri`; returns that redirect, which carries the code.
    fn log_in_and_consent(&mut self, authorization_url: &str, redirect_uri: &str) -> Url {
        let mut url = Url::parse(authorization_url).unwrap();
        let mut form: Option<Vec<(String, String)>> = None;
        let mut pages = Vec::new();
        for _ in 0..12 {
            let answer = match &form {
                Some(fields) => {
                    let fields: Vec<(&str, &str)> = fields
                        .iter()
                        .map(|(name, value)| (name.as_str(), value.as_str()))
                        .collect();
                    self.post_form(&url, &fields)
                }
                None => self.get(&url),
            };
            pages.push(format!("{} {}", answer.status, url.path()));
            match (answer.status, answer.location) {
                (300..=399, Some(location)) => {
                    if location.as_str().starts_with(redirect_uri) {
                        return location;
                    }
                    url = location;
                    form = None;
                }
                (200, _) => {
                    let (action, fields) = interaction_form(&answer.body).unwrap_or_else(|| {
                        panic!(
                            "no login or consent form at {url} (after {pages:?}):\n{}",
                            answer.body
                        )
                    });
                    url = url.join(&action).unwrap();
                    form = Some(fields);
                }
                (status, _) => panic!(
                    "the authorization flow stopped with HTTP {status} at {url} (after \
                     {pages:?}):\n{}",
                    answer.body
                ),
            }
        }
        panic!("the authorization flow did not reach the redirect URI: {pages:?}");
    }
}

/// The login or consent form of an oidc-provider interaction page: its action and the fields
/// a user would submit (hidden inputs as they are; a login name and a password typed in).
fn interaction_form(html: &str) -> Option<(String, Vec<(String, String)>)> {
    let start = html.find("<form")?;
    let end = start + html[start..].find("</form>")?;
    let form = &html[start..end];
    let action = attribute(&form[..form.find('>')?], "action")?;
    let mut fields = Vec::new();
    for input in form.split("<input").skip(1) {
        let tag = &input[..input.find('>')?];
        let Some(name) = attribute(tag, "name") else {
            continue;
        };
        let value = match (attribute(tag, "type").as_deref(), name.as_str()) {
            (Some("hidden"), _) => attribute(tag, "value").unwrap_or_default(),
            (_, "login") => "alice".to_owned(),
            (Some("password"), _) => "any-password".to_owned(),
            _ => attribute(tag, "value").unwrap_or_default(),
        };
        fields.push((name, value));
    }
    Some((action.replace("&amp;", "&"), fields))
}

/// The value of `name="..."` in an HTML tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let marker = format!(" {name}=\"");
    let start = tag.find(&marker)? + marker.len();
    let end = start + tag[start..].find('"')?;
    Some(tag[start..end].to_owned())
}

/// The query parameter `name` of `url`.
fn query(url: &Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

/// `value` with every secret member replaced, for failure messages.
fn redacted(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, member)| {
                    let member = if SECRET_KEYS.contains(&key.as_str()) && !member.is_null() {
                        json!("<redacted>")
                    } else {
                        redacted(member)
                    };
                    (key.clone(), member)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(redacted).collect()),
        other => other.clone(),
    }
}

/// The string member `key` of a JSON object, or a failure naming what was there instead.
fn string_member(value: &Value, key: &str) -> String {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("no string `{key}` in {}", redacted(value)))
        .to_owned()
}

/// The endpoints of the server, from its discovery document.
struct Endpoints {
    authorization: Url,
    token: Url,
    userinfo: Url,
    /// The protected API route of server.mjs.
    api_me: Url,
}

fn endpoints(browser: &mut Browser, server: &OAuthServer) -> Endpoints {
    let discovery = browser
        .get(
            &Url::parse(&format!(
                "{}/.well-known/openid-configuration",
                server.issuer()
            ))
            .unwrap(),
        )
        .json();
    let endpoint = |key: &str| Url::parse(&string_member(&discovery, key)).unwrap();
    let api_base = format!("{}/api", server.issuer());
    Endpoints {
        authorization: endpoint("authorization_endpoint"),
        token: endpoint("token_endpoint"),
        userinfo: endpoint("userinfo_endpoint"),
        api_me: Url::parse(&format!("{api_base}/me")).unwrap(),
    }
}

#[test]
fn the_server_completes_both_flows_with_a_plain_http_client() {
    let server = OAuthServer::start();
    let mut browser = Browser::new();
    let endpoints = endpoints(&mut browser, &server);

    // Authorization code with PKCE: the user logs in and consents.
    let mut authorization_url = endpoints.authorization.clone();
    authorization_url
        .query_pairs_mut()
        .append_pair("client_id", CODE_CLIENT_ID)
        .append_pair("response_type", "code")
        .append_pair("scope", "openid profile")
        .append_pair("redirect_uri", REDIRECT_URI)
        .append_pair("state", "plain-state")
        .append_pair("code_challenge", PLAIN_CHALLENGE)
        .append_pair("code_challenge_method", "S256");
    let redirect = browser.log_in_and_consent(authorization_url.as_str(), REDIRECT_URI);
    assert_eq!(query(&redirect, "state").as_deref(), Some("plain-state"));
    assert_eq!(query(&redirect, "iss").as_deref(), Some(server.issuer()));
    let code = query(&redirect, "code").expect("the redirect carries a code");

    // A wrong verifier is refused: PKCE is really enforced (and checked before the code is
    // consumed, so the right verifier still works next).
    let exchange = |verifier: &'static str| {
        [
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", REDIRECT_URI),
            ("code_verifier", verifier),
            ("client_id", CODE_CLIENT_ID),
            ("client_secret", CODE_CLIENT_SECRET),
        ]
    };
    let answer = browser.post_form(
        &endpoints.token,
        &exchange("a-wrong-verifier-a-wrong-verifier-a-wrong-verifier"),
    );
    assert_eq!(answer.status, 400, "{}", answer.body);
    assert_eq!(answer.json()["error"], "invalid_grant");

    let answer = browser.post_form(&endpoints.token, &exchange(PLAIN_VERIFIER));
    assert_eq!(answer.status, 200, "{}", redacted(&answer.json()));
    let tokens = answer.json();
    assert_eq!(tokens["token_type"], "Bearer");
    let access_token = string_member(&tokens, "access_token");
    let refresh_token = string_member(&tokens, "refresh_token");

    let userinfo = browser.get_with_token(&endpoints.userinfo, &access_token);
    assert_eq!(userinfo.status, 200, "{}", userinfo.body);
    assert_eq!(userinfo.json()["sub"], "alice");
    let me = browser.get_with_token(&endpoints.api_me, &access_token);
    assert_eq!(me.status, 200, "{}", me.body);
    assert_eq!(me.json()["client_id"], CODE_CLIENT_ID);
    let me = browser.get_with_token(&endpoints.api_me, "not-a-token");
    assert_eq!(me.status, 401, "{}", me.body);

    // Refresh: a new working access token, and the refresh token rotates.
    let answer = browser.post_form(
        &endpoints.token,
        &[
            ("grant_type", "refresh_token"),
            ("refresh_token", &refresh_token),
            ("client_id", CODE_CLIENT_ID),
            ("client_secret", CODE_CLIENT_SECRET),
        ],
    );
    assert_eq!(answer.status, 200, "{}", redacted(&answer.json()));
    let refreshed = answer.json();
    let new_access_token = string_member(&refreshed, "access_token");
    assert_ne!(new_access_token, access_token);
    assert_ne!(string_member(&refreshed, "refresh_token"), refresh_token);
    let userinfo = browser.get_with_token(&endpoints.userinfo, &new_access_token);
    assert_eq!(userinfo.status, 200, "{}", userinfo.body);

    // A used code is refused.
    let answer = browser.post_form(&endpoints.token, &exchange(PLAIN_VERIFIER));
    assert_eq!(answer.status, 400, "{}", answer.body);
    assert_eq!(answer.json()["error"], "invalid_grant");

    // Client credentials.
    let answer = browser.post_form(
        &endpoints.token,
        &[
            ("grant_type", "client_credentials"),
            ("scope", "users:read"),
            ("client_id", CC_CLIENT_ID),
            ("client_secret", CC_CLIENT_SECRET),
        ],
    );
    assert_eq!(answer.status, 200, "{}", redacted(&answer.json()));
    let token = string_member(&answer.json(), "access_token");
    let me = browser.get_with_token(&endpoints.api_me, &token);
    assert_eq!(me.status, 200, "{}", me.body);
    assert_eq!(me.json()["client_id"], CC_CLIENT_ID);
    assert_eq!(me.json()["scope"], "users:read");
}

/// Runs `<binary> <capability> --json '<envelope>'` as the platform does and returns the one
/// JSON document it prints; the exit code must be 0 (errors are envelopes, protocol §2.4).
fn run_connector(binary: &Path, capability: &str, envelope: &Value) -> Value {
    let output = Command::new(binary)
        .args([capability, "--json", &envelope.to_string()])
        .output()
        .unwrap_or_else(|error| panic!("{} does not run: {error}", binary.display()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{capability} exited with {}; stderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(&stdout).unwrap_or_else(|error| {
        panic!(
            "{capability} printed no JSON document ({error}), {} bytes",
            stdout.len()
        )
    })
}

/// The `response` of a successful capability output.
fn success(capability: &str, output: &Value) -> Value {
    assert!(
        output.get("is_error").is_none() && !output["response"].is_null(),
        "{capability} failed: {}",
        redacted(output)
    );
    output["response"].clone()
}

/// Asserts that a capability output is the error `error_code`, with the flags of the §11.4
/// table (token endpoint errors are never retryable, nor refreshable).
fn assert_token_error(capability: &str, output: &Value, error_code: &str) {
    let error = &output["error"];
    assert_eq!(
        (output["is_error"].as_bool(), error["error_code"].as_str()),
        (Some(true), Some(error_code)),
        "{capability}: {}",
        redacted(output)
    );
    assert_eq!(
        error["error_metadata"]["retryable"],
        false,
        "{}",
        redacted(output)
    );
    assert_eq!(
        error["error_metadata"]["refreshable"],
        false,
        "{}",
        redacted(output)
    );
    assert_eq!(error["status_code"], Value::Null, "{}", redacted(output));
}

/// The settings of a generated connector for this server: its API is the protected route of
/// server.mjs, and its OAuth endpoints (optional settings; the template's defaults are
/// placeholders) are the server's, as discovered. The client-credentials connector has no
/// authorization URL.
fn connector_settings(server: &OAuthServer, endpoints: &Endpoints, code_flow: bool) -> Value {
    let mut settings = json!({
        "base_url": format!("{}/api", server.issuer()),
        "token_url": endpoints.token.as_str(),
    });
    if code_flow {
        settings["authorization_url"] = json!(endpoints.authorization.as_str());
    }
    settings
}

/// The OAuth capabilities: the authorization-code flow's three, then the client-credentials
/// flow's two (`refresh_access_token` belongs to both).
const GRANT_CAPABILITIES: [&str; 4] = [
    "get_authorization_url",
    "handle_authorization_callback",
    "refresh_access_token",
    "handle_client_credentials_request",
];

/// The id of the connector's one credential, from its `info`, which must list the flow's
/// capabilities `flow` and no other OAuth capability.
fn oauth_credential_id(binary: &Path, flow: &[&str]) -> String {
    let output = Command::new(binary).arg("info").output().unwrap();
    assert!(output.status.success(), "{} info failed", binary.display());
    let info: Value = serde_json::from_slice(&output.stdout).unwrap();
    let capabilities = &info["response"]["capabilities"];
    for capability in GRANT_CAPABILITIES {
        assert_eq!(
            capabilities
                .as_array()
                .is_some_and(|names| names.contains(&json!(capability))),
            flow.contains(&capability),
            "{capability} in {capabilities}"
        );
    }
    string_member(&info["response"]["credentials_schema"][0], "id")
}

/// The app names of the two generated connectors.
const CODE_APP: &str = "oauth-flow-app";
const CC_APP: &str = "oauth-cc-app";

#[test]
fn generated_oauth_connectors_work_against_a_real_authorization_server() {
    let started = Instant::now();
    let server = OAuthServer::start();
    let server_ready = started.elapsed();

    let workspace = ScratchWorkspace::new();
    workspace.generate(
        CODE_APP,
        &["--auth", "oauth", "--capabilities=validate_credentials"],
    );
    workspace.generate(
        CC_APP,
        &[
            "--auth",
            "oauth-client-credentials",
            "--capabilities=validate_credentials",
        ],
    );
    let binaries = workspace.build_connectors(&[CODE_APP, CC_APP]);
    let (code_app, cc_app) = (&binaries[0], &binaries[1]);
    let built = started.elapsed();

    let mut browser = Browser::new();
    let endpoints = endpoints(&mut browser, &server);
    let settings = connector_settings(&server, &endpoints, true);
    let cc_settings = connector_settings(&server, &endpoints, false);
    let code_credential = oauth_credential_id(code_app, &GRANT_CAPABILITIES[..3]);
    let cc_credential = oauth_credential_id(cc_app, &GRANT_CAPABILITIES[2..]);
    let token_url = endpoints.token.as_str();

    // 1. get_authorization_url: a PKCE S256 URL of this server's authorization endpoint.
    let output = run_connector(
        code_app,
        "get_authorization_url",
        &json!({
            "request": {
                "credential_id": code_credential,
                "client_id": CODE_CLIENT_ID,
                "scopes": ["openid", "profile"],
                "redirect_uri": REDIRECT_URI,
                "state": "connector-state",
            },
            "settings": settings,
        }),
    );
    let response = success("get_authorization_url", &output);
    let authorization_url = string_member(&response, "authorization_url");
    let code_verifier = string_member(&response, "code_verifier");
    let parsed = Url::parse(&authorization_url).unwrap();
    let mut endpoint = parsed.clone();
    endpoint.set_query(None);
    assert_eq!(
        endpoint, endpoints.authorization,
        "the authorization URL points at the server's authorization endpoint"
    );
    assert_eq!(
        query(&parsed, "code_challenge_method").as_deref(),
        Some("S256")
    );
    assert_eq!(query(&parsed, "scope").as_deref(), Some("openid profile"));

    // 2. The user logs in and consents; the server redirects with a code.
    let redirect = browser.log_in_and_consent(&authorization_url, REDIRECT_URI);
    assert_eq!(
        query(&redirect, "state").as_deref(),
        Some("connector-state")
    );
    assert!(
        query(&redirect, "code").is_some(),
        "the redirect carries a code"
    );

    // 3. handle_authorization_callback exchanges the code (with the PKCE verifier).
    let callback = |redirect_uri_with_code: &str, client_secret: &str| {
        json!({
            "request": {
                "credential_id": code_credential,
                "client_id": CODE_CLIENT_ID,
                "client_secret": client_secret,
                "redirect_uri_with_code": redirect_uri_with_code,
                "state": "connector-state",
                "code_verifier": code_verifier,
            },
            "settings": settings,
        })
    };
    let output = run_connector(
        code_app,
        "handle_authorization_callback",
        &callback(redirect.as_str(), CODE_CLIENT_SECRET),
    );
    let tokens = success("handle_authorization_callback", &output);
    assert_eq!(tokens["token_type"], "bearer", "{}", redacted(&tokens));
    let access_token = string_member(&tokens, "access_token");
    let refresh_token = string_member(&tokens, "refresh_token");

    // 4. The access token works: at the server's userinfo endpoint, and through the
    //    connector's own validate_credentials against the server's protected API.
    let userinfo = browser.get_with_token(&endpoints.userinfo, &access_token);
    assert_eq!(userinfo.status, 200, "{}", userinfo.body);
    assert_eq!(userinfo.json()["sub"], "alice");
    let validate = |binary: &Path, credential: Value, settings: &Value| {
        run_connector(
            binary,
            "validate_credentials",
            &json!({ "request": {}, "credentials": [credential], "settings": settings }),
        )
    };
    let output = validate(
        code_app,
        json!({ "id": code_credential, "oauth": { "access_token": access_token } }),
        &settings,
    );
    let validated = success("validate_credentials", &output);
    assert_eq!(validated["valid"], true);
    assert_eq!(validated["unique_tenant_id"], server.issuer());

    // 5. refresh_access_token: a new access token that works, and a rotated refresh token.
    let refresh = |refresh_token: &str| {
        json!({
            "request": {
                "credential_id": code_credential,
                "client_id": CODE_CLIENT_ID,
                "client_secret": CODE_CLIENT_SECRET,
                "refresh_token": refresh_token,
            },
            "settings": settings,
        })
    };
    let output = run_connector(code_app, "refresh_access_token", &refresh(&refresh_token));
    let refreshed = success("refresh_access_token", &output);
    let new_access_token = string_member(&refreshed, "access_token");
    assert_ne!(new_access_token, access_token, "a new access token");
    assert_ne!(string_member(&refreshed, "refresh_token"), refresh_token);
    let userinfo = browser.get_with_token(&endpoints.userinfo, &new_access_token);
    assert_eq!(userinfo.status, 200, "{}", userinfo.body);

    // 6. Token endpoint errors, with the codes of the §11.4 table and no secret in the message.
    let expect_error = |binary: &Path, capability: &str, envelope: &Value, code: &str, status| {
        let output = run_connector(binary, capability, envelope);
        assert_token_error(capability, &output, code);
        let message = output["error"]["message"].as_str().unwrap_or_default();
        assert!(
            message.starts_with(&format!("[{status}][{token_url}] OAuth request failed: ")),
            "{capability}: {message}"
        );
        for secret in [CODE_CLIENT_SECRET, CC_CLIENT_SECRET, &code_verifier] {
            assert!(!message.contains(secret), "{capability} echoes a secret");
        }
    };
    // The code was used: invalid_grant.
    expect_error(
        code_app,
        "handle_authorization_callback",
        &callback(redirect.as_str(), CODE_CLIENT_SECRET),
        "authentication_expired",
        400,
    );
    // A code the server never issued: invalid_grant.
    let mut wrong_code = redirect.clone();
    wrong_code
        .query_pairs_mut()
        .clear()
        .append_pair("code", "a-code-this-server-never-issued")
        .append_pair("state", "connector-state");
    expect_error(
        code_app,
        "handle_authorization_callback",
        &callback(wrong_code.as_str(), CODE_CLIENT_SECRET),
        "authentication_expired",
        400,
    );
    // A wrong client secret: invalid_client, HTTP 401.
    expect_error(
        code_app,
        "handle_authorization_callback",
        &callback(redirect.as_str(), "a-wrong-client-secret"),
        "unauthorized",
        401,
    );
    // The refresh token was rotated away: invalid_grant.
    expect_error(
        code_app,
        "refresh_access_token",
        &refresh(&refresh_token),
        "authentication_expired",
        400,
    );
    let code_flow_done = started.elapsed();

    // 7. Client credentials: a token for the requested scope that the API accepts.
    let client_credentials = |client_secret: &str| {
        json!({
            "request": {
                "credential_id": cc_credential,
                "client_id": CC_CLIENT_ID,
                "client_secret": client_secret,
                "scopes": ["users:read"],
            },
            "settings": cc_settings,
        })
    };
    let output = run_connector(
        cc_app,
        "handle_client_credentials_request",
        &client_credentials(CC_CLIENT_SECRET),
    );
    let tokens = success("handle_client_credentials_request", &output);
    assert_eq!(tokens["token_type"], "bearer", "{}", redacted(&tokens));
    let cc_token = string_member(&tokens, "access_token");
    let me = browser.get_with_token(&endpoints.api_me, &cc_token);
    assert_eq!(me.status, 200, "{}", me.body);
    assert_eq!(me.json()["client_id"], CC_CLIENT_ID);
    assert_eq!(me.json()["scope"], "users:read");
    let output = validate(
        cc_app,
        json!({
            "id": cc_credential,
            "oauth_client_credentials": {
                "access_token": cc_token,
                "client_id": CC_CLIENT_ID,
                "client_secret": CC_CLIENT_SECRET,
                "scopes": ["users:read"],
            },
        }),
        &cc_settings,
    );
    let validated = success("validate_credentials", &output);
    assert_eq!(validated["unique_tenant_id"], server.issuer());
    expect_error(
        cc_app,
        "handle_client_credentials_request",
        &client_credentials("a-wrong-client-secret"),
        "unauthorized",
        401,
    );

    let done = started.elapsed();
    println!(
        "OAuth tier: server ready {server_ready:.1?}, connectors generated and built {:.1?}, \
         code flow {:.1?}, client credentials {:.1?}, total {done:.1?}",
        built - server_ready,
        code_flow_done - built,
        done - code_flow_done,
    );
}
