//! Secret sweep: no secret leaves a generated connector except towards the upstream.
//!
//! Ten connectors (the REST and SCIM flavours × the five auth kinds), each with every
//! capability its flavour supports (core and catalogue) and a secret setting added the way an
//! author would (`Option<Secret>` marked `x-secret`), are generated into one scratch workspace
//! and built in one cargo invocation (shared `target/e2e`). Every credential field that is
//! secret, the secret setting, and the secrets of the OAuth flow requests (client secret,
//! refresh token, authorization code, PKCE verifier) carry a fresh random marker.
//!
//! Every capability each binary registers (`info`) then runs through the binary against a fake
//! upstream on 127.0.0.1: once answered properly, and once per fault (every status of the
//! mapping table, HTML, invalid and truncated JSON, 429/503 with `Retry-After`, a reset, a
//! refused port, a token endpoint's OAuth error), with the SDK's logging at `TRACE`
//! (`LUMOS_LOG_LEVEL`, plus `RUST_LOG` and `RUST_BACKTRACE` in case anything reads them).
//! Half the runs write their document with `--result-file-path` (gzip), the other half print it.
//!
//! Each run must exit 0 with one JSON document and no panic; and no marker, nor any
//! `Authorization` header value the upstream received (a signed JWT, a Basic header), may
//! appear in stdout, stderr or the result file: neither plain, nor base64 (standard and
//! URL-safe, padded or not, at any alignment inside a longer base64 text), nor URL-encoded.
//! The detector itself is checked on text that does contain the secrets.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stdout,
    reason = "a test: failed steps stop it loudly, and it prints its figures"
)]

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use connector_new::vocabulary::{ApiKind, Capability};
use connector_new_e2e::support::leaks::{marker, Needles};
use connector_new_e2e::support::upstream::{Received, RefusedPort, Reply, Upstream};
use connector_new_e2e::support::ScratchWorkspace;
use serde_json::{json, Value};

/// The generated connectors: (api, auth).
const MATRIX: &[(&str, &str)] = &[
    ("rest", "oauth"),
    ("rest", "oauth-client-credentials"),
    ("rest", "basic"),
    ("rest", "token"),
    ("rest", "jwt"),
    ("scim", "oauth"),
    ("scim", "oauth-client-credentials"),
    ("scim", "basic"),
    ("scim", "token"),
    ("scim", "jwt"),
];

/// The statuses of the protocol's mapping table (README §5.5.1).
const STATUSES: [u16; 19] = [
    400, 401, 403, 404, 405, 406, 408, 409, 410, 413, 415, 418, 422, 429, 500, 501, 502, 503, 504,
];

/// Capabilities that succeed whatever the upstream answers: they never call it
/// (`get_authorization_url`, `app_info`, `validate_credential_config` without a hook), or
/// report its failures inside their answer (`probe_integration`).
const ALWAYS_ANSWER: &[&str] = &[
    "get_authorization_url",
    "app_info",
    "validate_credential_config",
    "probe_integration",
];

/// What SCIM connectors answer without the upstream: the app itself is the one resource.
const SCIM_LOCAL: &[&str] = &["list_resources"];

/// The secrets of one run.
#[derive(Clone)]
struct Secrets {
    values: BTreeMap<&'static str, String>,
}

impl Secrets {
    fn new() -> Self {
        let labels = [
            "access_token",
            "client_secret",
            "password",
            "token",
            "jwt_secret",
            "setting",
            "flow_client_secret",
            "refresh_token",
            "code",
            "code_verifier",
        ];
        Self {
            values: labels.iter().map(|l| (*l, marker(l))).collect(),
        }
    }

    fn get(&self, label: &str) -> &str {
        &self.values[label]
    }
}

/// A generated, built connector.
struct Connector {
    name: String,
    api: &'static str,
    auth: &'static str,
    binary: PathBuf,
    credential_id: String,
    capabilities: Vec<String>,
}

impl Connector {
    /// The credential payload, keyed by its protocol type.
    fn credential(&self, secrets: &Secrets) -> Value {
        let (key, payload) = match self.auth {
            "oauth" => (
                "oauth",
                json!({"access_token": secrets.get("access_token")}),
            ),
            "oauth-client-credentials" => (
                "oauth_client_credentials",
                json!({"access_token": secrets.get("access_token"), "client_id": "sweep-client",
                       "client_secret": secrets.get("client_secret"), "scopes": ["users:read"]}),
            ),
            "basic" => (
                "basic",
                json!({"username": "sweep-admin", "password": secrets.get("password")}),
            ),
            "token" => ("token", json!({"token": secrets.get("token")})),
            "jwt" => (
                "jwt",
                json!({
                    "headers": {"alg": "HS256", "jku": "", "jwk": "", "typ": "JWT", "kid": "",
                                "x5u": "", "x5c": "", "x5t": "", "x5t#S256": "", "cty": "",
                                "crit": []},
                    "claims": {"iss": "lumos", "sub": "connector", "aud": "api", "jti": "1",
                               "act": "", "client_id": "sweep-client", "may_act": "",
                               "exp": 4_102_444_800_i64, "nbf": 0, "iat": 0,
                               "scope": ["users:read"]},
                    "secret": secrets.get("jwt_secret"),
                }),
            ),
            other => panic!("unknown auth kind {other}"),
        };
        json!([{"id": self.credential_id, key: payload}])
    }

    /// The capability's request payload; `None` for the OAuth flow capabilities' envelopes,
    /// which carry no credential (protocol §11.4).
    fn request(&self, capability: &str, secrets: &Secrets) -> (Value, bool) {
        let entitlement_type = if self.api == "scim" {
            "GROUP_MEMBER"
        } else {
            "ROLE"
        };
        let assignment = json!({
            "account_integration_specific_id": "u1",
            "resource_integration_specific_id": "",
            "resource_type": "",
            "entitlement_type": entitlement_type,
            "entitlement_integration_specific_id": "g1",
        });
        let code = percent_encoding::utf8_percent_encode(
            secrets.get("code"),
            percent_encoding::NON_ALPHANUMERIC,
        );
        let flow = |request: Value| (request, false);
        let with_credential = |request: Value| (request, true);
        match capability {
            "validate_credentials"
            | "list_accounts"
            | "list_resources"
            | "list_entitlements"
            | "find_entitlement_associations"
            | "list_custom_attributes_schema"
            | "app_info"
            | "probe_integration" => with_credential(json!({})),
            "validate_credential_config" => {
                with_credential(json!({"credential": self.credential(secrets)[0]}))
            }
            "get_last_activity" => with_credential(json!({"account_ids": ["u1", "u2"]})),
            "create_account" => with_credential(json!({
                "email": "new@example.test",
                "given_name": "New",
                "family_name": "Person",
                "entitlements": [{"integration_specific_id": "g1",
                                  "entitlement_type": entitlement_type}],
            })),
            "delete_account"
            | "activate_account"
            | "deactivate_account"
            | "get_account"
            | "get_account_entitlement_associations" => {
                with_credential(json!({"account_id": "u1"}))
            }
            "update_account" => with_credential(json!({"id": "u1", "given_name": "Ada"})),
            "assign_entitlement" | "unassign_entitlement" => with_credential(assignment),
            "list_updated_accounts" => with_credential(json!({"since": "2024-01-01T00:00:00Z"})),
            "get_authorization_url" => flow(json!({
                "client_id": "sweep-client",
                "scopes": [],
                "redirect_uri": "https://lumos.example.test/cb",
                "state": "st",
            })),
            "handle_authorization_callback" => flow(json!({
                "client_id": "sweep-client",
                "client_secret": secrets.get("flow_client_secret"),
                "redirect_uri_with_code": format!("https://lumos.example.test/cb?code={code}&state=st"),
                "state": "st",
                "code_verifier": secrets.get("code_verifier"),
            })),
            "refresh_access_token" => flow(json!({
                "client_id": "sweep-client",
                "client_secret": secrets.get("flow_client_secret"),
                "refresh_token": secrets.get("refresh_token"),
            })),
            "handle_client_credentials_request" => flow(json!({
                "client_id": "sweep-client",
                "client_secret": secrets.get("flow_client_secret"),
                "scopes": [],
            })),
            other => panic!("{}: no request payload for {other}; add one", self.name),
        }
    }

    fn envelope(&self, capability: &str, base_url: &str, secrets: &Secrets) -> Value {
        let (request, credential) = self.request(capability, secrets);
        let mut envelope = json!({
            "request": request,
            "settings": {
                "base_url": base_url,
                "authorization_url": format!("{base_url}/oauth/authorize"),
                "token_url": format!("{base_url}/oauth/token"),
                "webhook_secret": secrets.get("setting"),
            },
        });
        if credential {
            envelope["credentials"] = self.credential(secrets);
        }
        envelope
    }
}

/// An upstream answering like the generated connectors' APIs expect: one JSON object that
/// satisfies every shape they parse (a REST page, a SCIM list response, a user, a group, a
/// token answer, a last activity, a change feed).
fn proper_answer(request: &Received) -> Reply {
    // SCIM discovery: a server without custom schemas.
    if request.path().ends_with("/Schemas") || request.path().ends_with("/ResourceTypes") {
        return Reply::json(200, r#"{"Resources": []}"#);
    }
    let rest_item = json!({
        "id": "u1", "name": "n1", "email": "a@example.test", "given_name": "A",
        "family_name": "B", "username": "u1", "status": "active", "user_id": "u1",
        "role_id": "g1", "type": "string", "applies_to": "account", "attributes": {},
    });
    let scim_item = json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "id": "u1", "userName": "u1", "displayName": "g1", "active": true,
        "name": {"givenName": "A", "familyName": "B"},
        "emails": [{"value": "a@example.test", "primary": true}],
        "members": [{"value": "u1", "type": "User"}],
    });
    let body = json!({
        "tenant_id": "t1",
        "items": [rest_item],
        "has_more": true,
        "cursor": "c2",
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
        "Resources": [scim_item],
        "totalResults": 5,
        "itemsPerPage": 1,
        "startIndex": 1,
        "id": "u1",
        "userName": "u1",
        "displayName": "g1",
        "active": true,
        "name": {"givenName": "A", "familyName": "B"},
        "emails": [{"value": "a@example.test", "primary": true}],
        "members": [{"value": "u1", "type": "User"}],
        "event_type": "login",
        "happened_at": "2024-05-01T12:00:00Z",
        "access_token": "issued-access-token",
        "refresh_token": "issued-refresh-token",
        "token_type": "Bearer",
        "expires_in": 3600,
    });
    Reply::json(200, body.to_string())
}

/// One way the upstream behaves: an upstream to start, or a refused port.
enum Fault {
    Answer(Reply),
    /// Status `STATUSES[index]`; see [`runs_fault`].
    Status(usize, Reply),
    /// A token endpoint's error, for the capabilities that call it.
    TokenError(Reply),
    Proper,
    Refused,
}

impl Fault {
    fn reply(&self) -> Option<&Reply> {
        match self {
            Fault::Answer(reply) | Fault::Status(_, reply) | Fault::TokenError(reply) => {
                Some(reply)
            }
            Fault::Proper | Fault::Refused => None,
        }
    }
}

/// Capabilities that call the OAuth token endpoint.
const TOKEN_EXCHANGES: &[&str] = &[
    "handle_authorization_callback",
    "refresh_access_token",
    "handle_client_credentials_request",
];

/// Whether capability number `capability` of connector number `connector` runs against
/// `fault`. Every fault runs for every capability, except: the statuses, which share one
/// error path and would multiply the runs by 19, run for every fourth capability in turn
/// (each status still reaches every connector and, across the connectors, every
/// capability); and the token endpoint's errors, only for the capabilities that call it.
fn runs_fault(connector: usize, capability: usize, name: &str, fault: &Fault) -> bool {
    match fault {
        Fault::Status(status, _) => (connector + capability + status) % 4 == 0,
        Fault::TokenError(_) => TOKEN_EXCHANGES.contains(&name),
        _ => true,
    }
}

fn faults() -> Vec<(String, Fault)> {
    let mut faults = vec![("proper answers".to_owned(), Fault::Proper)];
    for (index, status) in STATUSES.into_iter().enumerate() {
        // A long Retry-After makes the client return at once instead of retrying.
        let headers = match status {
            429 | 503 => vec!["Retry-After: 3600".to_owned()],
            _ => Vec::new(),
        };
        let mut headers = headers;
        headers.push("Content-Type: application/json".to_owned());
        faults.push((
            format!("status {status}"),
            Fault::Status(
                index,
                Reply::Answer(
                    status,
                    headers,
                    br#"{"error": "nope", "message": "it failed"}"#.to_vec(),
                ),
            ),
        ));
    }
    let reply = |status: u16, headers: &[&str], body: &str| {
        Reply::Answer(
            status,
            headers.iter().map(|h| (*h).to_owned()).collect(),
            body.as_bytes().to_vec(),
        )
    };
    let answer =
        |status: u16, headers: &[&str], body: &str| Fault::Answer(reply(status, headers, body));
    faults.extend([
        (
            "HTML 503".to_owned(),
            answer(503, &["Content-Type: text/html", "Retry-After: 3600"], "<html>down</html>"),
        ),
        (
            "HTML 200".to_owned(),
            answer(200, &["Content-Type: text/html"], "<!doctype html><p>login</p>"),
        ),
        (
            "invalid JSON 200".to_owned(),
            answer(200, &["Content-Type: application/json"], "{not json"),
        ),
        (
            "truncated JSON 200".to_owned(),
            answer(200, &["Content-Type: application/json"], r#"{"items": [{"id": "#),
        ),
        (
            "429 Retry-After 0 (retried at once)".to_owned(),
            answer(429, &["Retry-After: 0"], ""),
        ),
        (
            "503 Retry-After past HTTP-date (retried at once)".to_owned(),
            answer(503, &["Retry-After: Wed, 21 Oct 2015 07:28:00 GMT"], ""),
        ),
        (
            "OAuth error invalid_grant".to_owned(),
            Fault::TokenError(reply(
                400,
                &["Content-Type: application/json"],
                r#"{"error": "invalid_grant", "error_description": "The refresh token is invalid"}"#,
            )),
        ),
        (
            "OAuth error invalid_client on a 401".to_owned(),
            Fault::TokenError(reply(
                401,
                &["Content-Type: application/json", "WWW-Authenticate: Basic"],
                r#"{"error": "invalid_client"}"#,
            )),
        ),
        ("reset".to_owned(), Fault::Answer(Reply::Reset)),
        ("refused port".to_owned(), Fault::Refused),
    ]);
    faults
}

/// What a run must answer.
#[derive(Clone, Copy)]
enum Expect {
    Success,
    Error,
    Either,
}

/// One connector run to make.
struct Job<'a> {
    connector: &'a Connector,
    capability: String,
    fault: String,
    envelope: String,
    expect: Expect,
}

/// Replaces, anywhere in `value`, each string that is one of the secrets with `change(it)`.
fn change_secrets(value: &mut Value, secrets: &Secrets, change: &dyn Fn(&str) -> Value) {
    match value {
        Value::String(text) if secrets.values.values().any(|s| s == text) => {
            *value = change(text);
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| change_secrets(item, secrets, change)),
        Value::Object(members) => members
            .values_mut()
            .for_each(|member| change_secrets(member, secrets, change)),
        _ => {}
    }
}

/// Bad input carrying the secrets: (name, envelope text, what the run must answer).
fn input_faults(
    envelope: Value,
    secrets: &Secrets,
    base_url: &str,
) -> Vec<(&'static str, String, Expect)> {
    let changed = |what: &str, change: &dyn Fn(&str) -> Value| {
        let mut envelope = envelope.clone();
        change_secrets(&mut envelope[what], secrets, change);
        envelope.to_string()
    };
    let mut unknown_id = envelope.clone();
    unknown_id["credentials"][0]["id"] = json!("not-declared");
    let mut in_url = envelope.clone();
    let setting = secrets.get("setting");
    let rest = base_url.trim_start_matches("http://");
    in_url["settings"]["base_url"] = json!(format!("http://sweep:{setting}@{rest}/?key={setting}"));
    let text = envelope.to_string();
    let secret = secrets
        .values
        .values()
        .filter_map(|s| text.find(s.as_str()).map(|at| at + s.len()))
        .min()
        .expect("the envelope carries a secret");
    vec![
        (
            "secrets with a line break (an illegal header)",
            changed("credentials", &|s| json!(format!("{s}\n"))),
            Expect::Either,
        ),
        (
            "secrets of the wrong type",
            changed("credentials", &|s| json!([s])),
            Expect::Error,
        ),
        (
            "secret setting of the wrong type",
            changed("settings", &|s| json!({ "value": s })),
            Expect::Error,
        ),
        (
            "unknown credential id",
            unknown_id.to_string(),
            Expect::Error,
        ),
        (
            "envelope cut after a secret",
            text[..secret + 3].to_owned(),
            Expect::Error,
        ),
        (
            "secret setting in the base URL's password and query",
            in_url.to_string(),
            Expect::Either,
        ),
    ]
}

/// One run's outputs.
struct Run {
    what: String,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    result_file: Option<Vec<u8>>,
}

impl Run {
    /// The texts searched for secrets.
    fn outputs(&self) -> [(&'static str, &[u8]); 3] {
        [
            ("stdout", &self.stdout),
            ("stderr", &self.stderr),
            (
                "result file",
                self.result_file.as_deref().unwrap_or_default(),
            ),
        ]
    }

    /// The one JSON document the run produced.
    fn document(&self) -> Value {
        let text = self.result_file.as_deref().unwrap_or(&self.stdout);
        let text = std::str::from_utf8(text).expect("UTF-8 output");
        let mut documents = serde_json::Deserializer::from_str(text).into_iter::<Value>();
        let document = documents
            .next()
            .unwrap_or_else(|| panic!("{}: no document", self.what))
            .unwrap_or_else(|e| panic!("{}: {e}: {text:.300}", self.what));
        assert!(documents.next().is_none(), "{}: two documents", self.what);
        document
    }
}

/// Adds a secret setting to the generated settings struct, as an author would.
fn add_secret_setting(crate_dir: &Path) {
    let path = crate_dir.join("src/settings.rs");
    let text = std::fs::read_to_string(&path).unwrap();
    let field = "\n    /// Signs the app's webhooks; secret.\n    #[serde(default)]\n    \
                 #[schemars(title = \"Webhook secret\", transform = connector_sdk::schema::secret)]\n    \
                 pub webhook_secret: Option<connector_sdk::secret::Secret>,\n}\n";
    let end = text.find("\n}\n").expect("the settings struct ends");
    let text = format!("{}{}{}", &text[..end], field, &text[end + 3..]);
    std::fs::write(&path, text).unwrap();
}

/// The value of `pub const CREDENTIAL_ID: &str = "...";` in the generated integration.
fn credential_id(crate_dir: &Path) -> String {
    let text = std::fs::read_to_string(crate_dir.join("src/integration.rs")).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("pub const CREDENTIAL_ID"))
        .expect("CREDENTIAL_ID");
    line.split('"').nth(1).unwrap().to_owned()
}

/// The capabilities `info` lists, and checks that `info` carries the secret setting's marks.
fn capabilities(binary: &Path) -> Vec<String> {
    let output = Command::new(binary).arg("info").output().unwrap();
    assert!(output.status.success(), "{} info failed", binary.display());
    let info: Value = serde_json::from_slice(&output.stdout).unwrap();
    let info = &info["response"];
    let text = info.to_string();
    assert!(
        text.contains("\"x-secret\":true") && text.contains("webhook_secret"),
        "the secret setting is declared secret: {text:.2000}"
    );
    info["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_owned())
        .collect()
}

/// Every capability the API kind supports: core and catalogue.
fn capability_flag(api: &str) -> String {
    let api = ApiKind::ALL
        .into_iter()
        .find(|a| a.as_str() == api)
        .unwrap();
    let names: Vec<String> = Capability::ALL
        .into_iter()
        .filter(|c| api.supports(*c))
        .map(|c| c.to_string())
        .collect();
    format!("--capabilities={}", names.join(","))
}

fn run_one(
    binary: &Path,
    capability: &str,
    envelope: &str,
    result: Option<&Path>,
    what: String,
) -> Run {
    let mut command = Command::new(binary);
    command
        .args([capability, "--json", envelope])
        .env("LUMOS_LOG_LEVEL", "TRACE")
        .env("RUST_LOG", "trace")
        .env("RUST_BACKTRACE", "1");
    if let Some(path) = result {
        command.arg("--result-file-path").arg(path);
    }
    let output = command.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{what}: exit status; stderr: {stderr:.2000}"
    );
    assert!(
        !stderr.contains("panicked"),
        "{what}: panicked: {stderr:.2000}"
    );
    let result_file = result.map(|path| {
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap())
            .read_to_end(&mut text)
            .unwrap();
        std::fs::remove_file(path).unwrap();
        text
    });
    if result.is_some() {
        assert!(
            output.stdout.is_empty(),
            "{what}: stdout with --result-file-path"
        );
    }
    Run {
        what,
        stdout: output.stdout,
        stderr: output.stderr,
        result_file,
    }
}

#[test]
fn the_detector_finds_every_form_of_a_secret() {
    let secret = marker("check");
    let mut needles = Needles::new();
    needles.add("check", &secret);
    use base64::Engine;
    let engines = [
        base64::engine::general_purpose::STANDARD,
        base64::engine::general_purpose::URL_SAFE_NO_PAD,
    ];
    for prefix in ["", "a", "ab", "abc"] {
        for engine in &engines {
            let text = engine.encode(format!("{prefix}{{\"k\": \"{secret}\"}}"));
            assert!(
                !needles.find_in(text.as_bytes()).is_empty(),
                "{prefix:?}: {text}"
            );
        }
    }
    let encoded: String = form_urlencoded::byte_serialize(secret.as_bytes()).collect();
    assert!(!needles
        .find_in(format!("x?a={encoded}&b").as_bytes())
        .is_empty());
    assert!(needles.find_in(b"nothing secret here").is_empty());
}

#[test]
fn no_secret_reaches_any_output_of_a_generated_connector() {
    let started = Instant::now();
    let scratch = ScratchWorkspace::new();
    let mut names = Vec::new();
    for (api, auth) in MATRIX {
        let short = if *auth == "oauth-client-credentials" {
            "cc"
        } else {
            auth
        };
        let name = format!("sweep-{api}-{short}");
        scratch.generate(
            &name,
            &["--api", api, "--auth", auth, &capability_flag(api)],
        );
        add_secret_setting(&scratch.path().join(&name));
        names.push(name);
    }
    let generated = started.elapsed();
    let name_refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let binaries = scratch.build_connectors(&name_refs);
    let built = started.elapsed();
    let connectors: Vec<Connector> = MATRIX
        .iter()
        .zip(names.iter().zip(binaries))
        .map(|((api, auth), (name, binary))| Connector {
            name: name.clone(),
            api,
            auth,
            capabilities: capabilities(&binary),
            credential_id: credential_id(&scratch.path().join(name)),
            binary,
        })
        .collect();

    let secrets = Secrets::new();
    let mut needles = Needles::new();
    for (label, value) in &secrets.values {
        needles.add(label, value);
    }
    needles.add_basic(
        "basic user:password",
        "sweep-admin",
        secrets.get("password"),
    );

    // One upstream per fault, shared by every connector and capability.
    let refused = RefusedPort::new();
    let faults = faults();
    let upstreams: Vec<Option<Upstream>> = faults
        .iter()
        .map(|(_, fault)| match fault {
            Fault::Proper => Some(Upstream::start(Arc::new(proper_answer))),
            Fault::Refused => None,
            other => other.reply().cloned().map(Upstream::fixed),
        })
        .collect();
    let urls: Vec<String> = upstreams
        .iter()
        .map(|u| {
            u.as_ref()
                .map_or_else(|| format!("http://{}", refused.addr()), Upstream::url)
        })
        .collect();

    let proper_url = &urls[0];
    let mut jobs: Vec<Job> = Vec::new();
    for (c, connector) in connectors.iter().enumerate() {
        for (k, capability) in connector.capabilities.iter().enumerate() {
            for ((name, fault), url) in faults.iter().zip(&urls) {
                if !runs_fault(c, k, capability, fault) {
                    continue;
                }
                let expect = if matches!(fault, Fault::Proper) {
                    Expect::Success
                } else if name.ends_with(" 200")
                    || ALWAYS_ANSWER.contains(&capability.as_str())
                    || (connector.api == "scim" && SCIM_LOCAL.contains(&capability.as_str()))
                {
                    // A write may ignore a 2xx body it cannot parse.
                    Expect::Either
                } else {
                    Expect::Error
                };
                jobs.push(Job {
                    connector,
                    capability: capability.clone(),
                    fault: name.clone(),
                    envelope: connector.envelope(capability, url, &secrets).to_string(),
                    expect,
                });
            }
        }
        for capability in ["validate_credentials", "list_accounts"] {
            let envelope = connector.envelope(capability, proper_url, &secrets);
            for (name, envelope, expect) in input_faults(envelope, &secrets, proper_url) {
                jobs.push(Job {
                    connector,
                    capability: capability.to_owned(),
                    fault: name.to_owned(),
                    envelope,
                    expect,
                });
            }
        }
    }
    // Every status reaches every connector.
    for connector in &connectors {
        for status in STATUSES {
            let name = format!("status {status}");
            assert!(
                jobs.iter()
                    .any(|job| job.connector.name == connector.name && job.fault == name),
                "{} never gets {name}",
                connector.name
            );
        }
    }
    let results_dir = tempfile::tempdir().unwrap();
    let next = AtomicUsize::new(0);
    let runs = Mutex::new(Vec::with_capacity(jobs.len()));
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get() * 2);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::SeqCst);
                let Some(job) = jobs.get(index) else {
                    break;
                };
                let result = results_dir.path().join(format!("{index}.gz"));
                let what = format!("{} {} / {}", job.connector.name, job.capability, job.fault);
                let run = run_one(
                    &job.connector.binary,
                    &job.capability,
                    &job.envelope,
                    (index % 2 == 1).then_some(result.as_path()),
                    what,
                );
                let document = run.document();
                let is_error = document["is_error"] == true;
                match job.expect {
                    Expect::Success => assert!(!is_error, "{}: {document}", run.what),
                    Expect::Error => {
                        assert!(is_error, "{}: succeeded: {document:.500}", run.what);
                    }
                    Expect::Either => {}
                }
                runs.lock().unwrap().push(run);
            });
        }
    });
    let runs = runs.into_inner().unwrap();
    let ran = started.elapsed();

    // What went over the wire as credentials is secret too.
    for upstream in upstreams.iter().flatten() {
        for authorization in upstream.authorizations() {
            needles.add("Authorization header", &authorization);
            if let Some((_, credential)) = authorization.split_once(' ') {
                needles.add("Authorization credential", credential);
            }
        }
    }
    let leaks = Mutex::new(Vec::new());
    let chunk = runs.len().div_ceil(workers);
    std::thread::scope(|scope| {
        for part in runs.chunks(chunk.max(1)) {
            let (needles, leaks) = (&needles, &leaks);
            scope.spawn(move || {
                for run in part {
                    for (output, text) in run.outputs() {
                        for needle in needles.find_in(text) {
                            leaks.lock().unwrap().push(format!(
                                "{}: {} ({}) in {output}: {:.400}",
                                run.what,
                                needle.secret,
                                needle.form,
                                String::from_utf8_lossy(text)
                            ));
                        }
                    }
                }
            });
        }
    });
    let leaks = leaks.into_inner().unwrap();
    // The control: what the token endpoint issued is in the token exchanges' answers, so the
    // search does see the documents, files included.
    let mut issued = Needles::new();
    issued.add("issued", "issued-access-token");
    for output in ["stdout", "result file"] {
        assert!(
            runs.iter().any(|run| run
                .outputs()
                .iter()
                .any(|(name, text)| *name == output && !issued.find_in(text).is_empty())),
            "no issued token found in any {output}: the search sees nothing"
        );
    }
    assert!(
        leaks.is_empty(),
        "{} leaks, the first ones:\n{}",
        leaks.len(),
        leaks[..leaks.len().min(20)].join("\n")
    );
    let bytes: usize = runs
        .iter()
        .flat_map(|r| r.outputs().map(|(_, t)| t.len()))
        .sum();
    println!(
        "secret sweep: {} connectors, {} capability runs ({} faults + proper answers), {} needles, \
         {bytes} bytes of output searched; generated in {generated:.1?}, built by {built:.1?}, \
         ran by {ran:.1?}, checked by {:.1?}",
        connectors.len(),
        runs.len(),
        faults.len() - 1,
        needles.all().len(),
        started.elapsed()
    );
}
