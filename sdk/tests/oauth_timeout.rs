//! `OAuthConfig::token_timeout`: a token endpoint that accepts the connection and never
//! answers fails the token exchange with the protocol's `request_timeout` once the configured
//! timeout has passed, for each capability that calls the token endpoint; the default stays
//! the SDK's 30 s.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers outside #[test] functions: a failed step stops the test loudly"
)]

use std::io::Read;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use connector_sdk::auth::{AuthDeclaration, CredentialDeclaration, CredentialKind};
use connector_sdk::http::{DEFAULT_TIMEOUT, READ_TIMEOUT_MESSAGE};
use connector_sdk::integration::Integration;
use connector_sdk::oauth::{OAuthConfig, OAuthUrl};
use connector_sdk::request::{Request, Response};
use connector_sdk::{capability::VALIDATE_CREDENTIALS, error::ConnectorResult, models::*};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::{json, Value};

const CLIENT_SECRET: &str = "timeout-client-secret-7Qx";
const REFRESH_TOKEN: &str = "timeout-refresh-token-7Qx";

/// Where the token endpoint is.
#[derive(Debug, Deserialize, JsonSchema)]
struct TestSettings {
    /// Root URL of the authorization server.
    server: String,
}

async fn validate_credentials(
    _: Request<ValidateCredentials, TestSettings>,
) -> ConnectorResult<Response<ValidatedCredentials>> {
    Ok(Response::new(ValidatedCredentials {
        valid: true,
        unique_tenant_id: "t".to_owned(),
    }))
}

fn connector(config: OAuthConfig, kind: CredentialKind) -> Integration<TestSettings> {
    Integration::builder("oauth-timeout-test", "0.1.0")
        .auth(AuthDeclaration::multi(vec![CredentialDeclaration::new(
            "app_oauth",
            kind,
            "OAuth.",
        )
        .oauth(config)]))
        .capability(VALIDATE_CREDENTIALS, validate_credentials)
        .build()
        .expect("the connector builds")
}

fn token_url() -> OAuthUrl {
    OAuthUrl::from_settings(|s: &TestSettings| format!("{}/token", s.server))
}

/// How long the silent endpoint holds a connection before closing it without an answer. Far
/// longer than the configured timeout, far shorter than the 30 s default: a timeout that was
/// not applied shows as `connection_closed` instead of `request_timeout`.
const HOLD: Duration = Duration::from_secs(3);

/// A token endpoint that accepts connections, reads the request and never answers; each
/// connection is closed after [`HOLD`] (or when the guard is dropped).
struct SilentEndpoint {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
}

impl SilentEndpoint {
    fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(mut stream) = stream else { continue };
                let stopped = stopped.clone();
                std::thread::spawn(move || {
                    let mut buf = [0u8; 4096];
                    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
                    let _ = stream.read(&mut buf);
                    let held = Instant::now();
                    while held.elapsed() < HOLD && !stopped.load(Ordering::SeqCst) {
                        std::thread::sleep(Duration::from_millis(20));
                    }
                });
            }
        });
        Self { addr, stop }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for SilentEndpoint {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
    }
}

/// Runs `capability` against a silent endpoint: its error must carry `request_timeout` with the
/// read-timeout message, and no secret.
async fn timed_out(connector: &Integration<TestSettings>, capability: &str, request: Value) {
    let endpoint = SilentEndpoint::start();
    let envelope = json!({"request": request, "settings": {"server": endpoint.url()}});
    let output = connector.call(capability, &envelope.to_string()).await;
    let document: Value = serde_json::from_str(&output).expect("one JSON document");
    assert_eq!(document["is_error"], true, "{capability}: {output}");
    assert_eq!(
        document["error"]["error_code"], "request_timeout",
        "{capability}: {output}"
    );
    assert_eq!(
        document["error"]["message"], READ_TIMEOUT_MESSAGE,
        "{capability}: {output}"
    );
    for secret in [CLIENT_SECRET, REFRESH_TOKEN] {
        assert!(
            !output.contains(secret),
            "{capability}: {secret} in {output}"
        );
    }
}

#[test]
fn the_default_token_timeout_is_the_sdk_default() {
    let config = OAuthConfig::client_credentials("https://auth.example.com/token");
    assert_eq!(config.token_request_timeout(), DEFAULT_TIMEOUT);
    let shorter = config.token_timeout(Duration::from_millis(300));
    assert_eq!(shorter.token_request_timeout(), Duration::from_millis(300));
}

#[tokio::test]
async fn a_silent_token_endpoint_times_out_for_the_authorization_code_flow() {
    let config = OAuthConfig::authorization_code("https://auth.example.com/authorize", token_url())
        .token_timeout(Duration::from_millis(300));
    let connector = connector(config, CredentialKind::Oauth);
    let refresh = json!({"client_id": "cid", "client_secret": CLIENT_SECRET,
        "refresh_token": REFRESH_TOKEN});
    timed_out(&connector, "refresh_access_token", refresh).await;
    let callback = json!({
        "client_id": "cid",
        "client_secret": CLIENT_SECRET,
        "redirect_uri_with_code": "https://example.com/cb?code=c0de&state=st",
        "state": "st",
    });
    timed_out(&connector, "handle_authorization_callback", callback).await;
}

#[tokio::test]
async fn a_silent_token_endpoint_times_out_for_the_client_credentials_flow() {
    let config =
        OAuthConfig::client_credentials(token_url()).token_timeout(Duration::from_millis(300));
    let connector = connector(config, CredentialKind::OauthClientCredentials);
    let request = json!({"client_id": "cid", "client_secret": CLIENT_SECRET, "scopes": []});
    timed_out(&connector, "handle_client_credentials_request", request).await;
}
