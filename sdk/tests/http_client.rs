//! `connector_sdk::http` against real sockets: every `error_upstream_*` and `error_network_*`
//! vector of ../shared/protocol is replayed against a wiremock server that behaves like the
//! reference's fake upstream API (vectors/README.md, "Fake upstream API"), and the resulting
//! `ConnectorError` is compared with the error envelope recorded in the vector's `stdout`.

// The helpers outside #[test] functions unwrap and panic too, as tests may (clippy.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/refused_port.rs"]
mod refused_port;

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use connector_sdk::error::{ConnectorError, ErrorCode};
use connector_sdk::http::{
    Auth, HttpClient, HttpClientBuilder, Method, RequestOptions, RetryPolicy,
};
use serde_json::{json, Value};
use tokio::io::AsyncReadExt;
use wiremock::matchers::{any, basic_auth, bearer_token, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

use refused_port::RefusedPort;

const VECTORS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/protocol/vectors");
/// Where the reference's fake upstream listened; messages in the vectors embed it.
const VECTOR_UPSTREAM: &str = "127.0.0.1:18777";
/// The port that had no listener in the reference runs.
const VECTOR_REFUSED: &str = "127.0.0.1:18778";
/// A secret used by the redaction tests; it must never show up in text we produce.
const SECRET: &str = "s3cret-Value-42";

// ---------------------------------------------------------------------------------------
// Vectors
// ---------------------------------------------------------------------------------------

struct Vector {
    name: String,
    /// `stdout` parsed: the expected error envelope.
    expected: Value,
    argv0: String,
    /// The parsed request envelope.
    request: Value,
    /// The vector's summary of what the fake upstream did.
    upstream: String,
}

fn vectors_dir() -> PathBuf {
    let dir = PathBuf::from(VECTORS_DIR);
    assert!(
        dir.is_dir(),
        "protocol vectors not found at {} (the shared protocol folder must sit next to the workspace)",
        dir.display()
    );
    dir
}

/// The names of the vectors starting with `prefix`, sorted; at least `at_least` of them, so a
/// replay loop cannot pass by finding nothing.
fn vector_names(prefix: &str, at_least: usize) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(vectors_dir())
        .expect("read vectors dir")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| name.starts_with(prefix) && name.ends_with(".json"))
        .map(|name| name.trim_end_matches(".json").to_owned())
        .collect();
    names.sort();
    assert!(
        names.len() >= at_least,
        "expected the {prefix}* vectors, found {names:?}"
    );
    names
}

fn load(name: &str) -> Vector {
    let file = vectors_dir().join(format!("{name}.json"));
    let text = std::fs::read_to_string(&file)
        .unwrap_or_else(|e| panic!("cannot read vector {}: {e}", file.display()));
    let vector: Value = serde_json::from_str(&text).expect("vector is JSON");
    let stdout = vector["stdout"].as_str().expect("vector has stdout");
    Vector {
        name: name.to_owned(),
        expected: serde_json::from_str(stdout).expect("stdout is JSON"),
        argv0: vector["argv"][0].as_str().expect("argv[0]").to_owned(),
        request: vector["request"].clone(),
        upstream: vector["upstream"].as_str().unwrap_or_default().to_owned(),
    }
}

impl Vector {
    fn error(&self) -> &Value {
        &self.expected["error"]
    }

    /// The upstream request the capability makes (the demo connectors' behaviour).
    fn upstream_request(&self) -> (Method, String) {
        let payload = &self.request["request"];
        let (method, path) = match self.argv0.as_str() {
            "validate_credentials" => (Method::GET, "/me".to_owned()),
            "deactivate_account" => {
                let id = payload["account_id"].as_str().expect("account_id");
                (Method::POST, format!("/users/{id}/deactivate"))
            }
            "fetch_url" => (
                Method::GET,
                payload["url"].as_str().expect("url").to_owned(),
            ),
            other => panic!("{}: no upstream mapping for capability {other}", self.name),
        };
        // Cross-check with the vector's own summary where it names the request.
        if let Some((summary_method, rest)) = self.upstream.split_once(' ') {
            let known = ["GET", "POST", "PUT", "PATCH", "DELETE"];
            if known.contains(&summary_method) {
                let summary_path = rest.split(' ').next().unwrap_or_default();
                assert_eq!(summary_method, method.as_str(), "{}", self.name);
                assert!(
                    path.ends_with(summary_path),
                    "{}: {path} vs {summary_path}",
                    self.name
                );
            }
        }
        (method, path)
    }

    /// The bearer token of the envelope's token credential, if any.
    fn token(&self) -> Option<String> {
        self.request["credentials"][0]["token"]["token"]
            .as_str()
            .map(str::to_owned)
    }

    fn base_url(&self) -> Option<String> {
        self.request["settings"]["base_url"]
            .as_str()
            .map(str::to_owned)
    }

    /// The `Retry-After` value the fake upstream sent, read from the vector's summary.
    fn retry_after_header(&self) -> Option<u64> {
        let (_, rest) = self.upstream.split_once("Retry-After: ")?;
        rest.split(' ').next()?.parse().ok()
    }
}

/// Compares `actual` with the vector's error: code, status, message (with the fake
/// upstream's address replaced by `upstream_addr`), raised_by, app_error_code and every
/// metadata member. `known` lists members where we differ on purpose (checked by the caller).
fn compare(
    vector: &Vector,
    actual: &ConnectorError,
    upstream_addr: &str,
    known: &[&str],
) -> Vec<String> {
    let expected = vector.error();
    let metadata = actual.metadata();
    let actual_members = [
        ("error_code", json!(actual.code.as_str())),
        ("status_code", json!(actual.status_code)),
        ("message", json!(actual.message)),
        ("raised_by", json!(actual.raised_by)),
        ("app_error_code", json!(actual.app_error_code)),
        ("fault", serde_json::to_value(metadata.fault).unwrap()),
        ("category", serde_json::to_value(metadata.category).unwrap()),
        ("hint", json!(actual.hint)),
        ("retryable", json!(metadata.retryable)),
        ("throttled", json!(metadata.throttled)),
        ("refreshable", json!(metadata.refreshable)),
        ("retry_after_seconds", json!(actual.retry_after_seconds)),
    ];
    let mut problems = Vec::new();
    for (member, actual_value) in actual_members {
        if known.contains(&member) {
            continue;
        }
        let mut expected_value = match expected.get(member) {
            Some(value) => value.clone(),
            None => expected["error_metadata"][member].clone(),
        };
        if member == "message" {
            let text = expected_value.as_str().unwrap_or_default();
            expected_value = json!(text.replace(VECTOR_UPSTREAM, upstream_addr));
        }
        if expected_value != actual_value {
            problems.push(format!(
                "{}: {member}: expected {expected_value}, got {actual_value}",
                vector.name
            ));
        }
    }
    problems
}

/// Fails listing every mismatch [`compare`] found; each names its vector.
fn assert_no_mismatches(problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{} mismatches:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

// ---------------------------------------------------------------------------------------
// Fake upstream
// ---------------------------------------------------------------------------------------

/// The reference's fake upstream API (vectors/README.md): only `Bearer good-token` is
/// accepted outside `/public`, and a path segment `err-...` selects a failure.
struct FakeUpstream {
    /// How long `err-slow` waits before answering (the reference: 4 s against a 2 s timeout;
    /// scaled down here together with the client's timeout).
    slow_delay: Duration,
}

impl Respond for FakeUpstream {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let path = request.url.path();
        let authorized = request
            .headers
            .get("authorization")
            .is_some_and(|v| v.as_bytes() == b"Bearer good-token");
        if !authorized && !path.starts_with("/public") {
            return ResponseTemplate::new(401).set_body_json(
                json!({"error": "invalid_token", "error_description": "The access token is invalid"}),
            );
        }
        let Some(failure) = path.split('/').find(|segment| segment.starts_with("err-")) else {
            return match path {
                "/me" => ResponseTemplate::new(200)
                    .set_body_json(json!({"tenant": "tenant-42", "name": "Acme Corp"})),
                _ => ResponseTemplate::new(200).set_body_json(json!({"ok": true})),
            };
        };
        match failure {
            "err-503-html" => ResponseTemplate::new(503).set_body_raw(
                "<html><body><h1>Service Unavailable</h1></body></html>",
                "text/html",
            ),
            "err-500-text" => ResponseTemplate::new(500)
                .set_body_raw("Internal failure:\n  database   unavailable", "text/plain"),
            "err-500-long" => ResponseTemplate::new(500).set_body_raw(
                format!("Internal failure   detail\n{}", "x".repeat(900)),
                "text/plain",
            ),
            "err-500-empty" => ResponseTemplate::new(500),
            "err-429-retry" => ResponseTemplate::new(429)
                .insert_header("Retry-After", "30")
                .set_body_json(json!({"error": "rate_limited", "message": "slow down"})),
            "err-slow" => ResponseTemplate::new(200)
                .set_body_json(json!({}))
                .set_delay(self.slow_delay),
            "err-badjson" => {
                ResponseTemplate::new(200).set_body_raw("{not json", "application/json")
            }
            other => {
                let status: u16 = other
                    .trim_start_matches("err-")
                    .parse()
                    .unwrap_or_else(|_| panic!("fake upstream: unknown failure {other}"));
                ResponseTemplate::new(status).set_body_json(
                    json!({"error": format!("upstream said {status}"), "code": status}),
                )
            }
        }
    }
}

async fn fake_upstream() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(FakeUpstream {
            slow_delay: Duration::from_secs(3),
        })
        .mount(&server)
        .await;
    server
}

/// A client for `server` with the default settings.
fn client_for(server: &MockServer) -> HttpClient {
    HttpClient::builder()
        .base_url(server.uri())
        .build()
        .expect("client for the mock server")
}

/// A client configured like the vector's connector, pointed at `upstream_addr`.
fn vector_client(vector: &Vector, replace: &str, upstream_addr: &str) -> HttpClientBuilder {
    let mut builder = HttpClient::builder()
        .app("core-demo", "0.1.0")
        .retry(RetryPolicy::none());
    if let Some(base_url) = vector.base_url() {
        builder = builder.base_url(base_url.replace(replace, upstream_addr));
    }
    if let Some(token) = vector.token() {
        builder = builder.auth(Auth::bearer(token));
    }
    if vector.argv0 == "fetch_url" {
        // mini-demo GETs the URL with a plain client and no HTTP status handler.
        builder = builder.map_http_status(false);
    }
    builder
}

/// Runs the vector's upstream request; for a 2xx answer the body is parsed as JSON, as the
/// demo connectors do.
async fn run(client: &HttpClient, vector: &Vector, upstream_addr: &str) -> ConnectorError {
    let (method, path) = vector.upstream_request();
    let path = path.replace(VECTOR_UPSTREAM, upstream_addr);
    match client.send(method, &path, RequestOptions::new()).await {
        Ok(response) => response
            .json_value()
            .expect_err(&format!("{}: expected a failure", vector.name)),
        Err(error) => error,
    }
}

// ---------------------------------------------------------------------------------------
// Vector replays
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn every_upstream_error_vector_matches() {
    let names = vector_names("error_upstream_", 25);
    let server = fake_upstream().await;
    let addr = server.address().to_string();
    let mut problems = Vec::new();
    for name in &names {
        let vector = load(name);
        let mut known = Vec::new();
        let mut builder = vector_client(&vector, VECTOR_UPSTREAM, &addr);
        match name.as_str() {
            "error_upstream_429_retry_after_header" => {
                // Deliberate difference (quirk Q5): we read `Retry-After`. With the default
                // retry policy the 30 s asked for exceed the 10 s cap, so the client returns at
                // once with retry_after_seconds = 30 where the reference reports null.
                builder = builder.retry(RetryPolicy::default());
                known.push("retry_after_seconds");
            }
            "error_upstream_invalid_json_200" => {
                // The decoder's own text differs (Python's json vs serde_json); the vectors'
                // normalization 3 masks it. The fixed prefix is compared below.
                known.push("message");
            }
            _ => {}
        }
        let client = builder.build().expect("client");
        let started = Instant::now();
        let error = run(&client, &vector, &addr).await;
        problems.extend(compare(&vector, &error, &addr, &known));

        match name.as_str() {
            "error_upstream_429_retry_after_header" => {
                assert_eq!(
                    vector.error()["error_metadata"]["retry_after_seconds"],
                    Value::Null
                );
                assert_eq!(error.retry_after_seconds, vector.retry_after_header());
                assert!(error.retry_after_seconds.is_some());
                assert!(
                    started.elapsed() < Duration::from_secs(5),
                    "must not wait past the cap"
                );
            }
            "error_upstream_invalid_json_200" => {
                let expected = vector.error()["message"].as_str().unwrap();
                let prefix = &expected[..expected.find(": ").unwrap() + 2];
                assert!(error.message.starts_with(prefix), "{}", error.message);
                assert!(error.message.len() > prefix.len(), "decoder text missing");
            }
            _ => {}
        }
    }
    assert_no_mismatches(&problems);
}

/// A server that reads one request and closes the connection without answering.
async fn closing_server() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            // Read the request head first, so the close is an orderly FIN (the client sees
            // "connection closed before message completed"), not a reset.
            let mut seen = Vec::new();
            let mut buf = [0u8; 1024];
            while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                match socket.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => seen.extend_from_slice(&buf[..n]),
                }
            }
            drop(socket);
        }
    });
    addr
}

/// Replays one `error_network_*` vector: the reference's failure set up locally, the
/// vector's client pointed at it. Returns the mismatches, each naming the vector.
async fn replay_network_vector(vector: &Vector) -> Vec<String> {
    let name = vector.name.as_str();
    // Keeps the fake upstream alive until the request is done.
    let mut _server = None;
    let mut _refused = None;
    let (replace, addr, timeout) = match name {
        "error_network_connection_refused" => {
            // A port reserved until the request is done, on which nothing listens.
            let port = RefusedPort::new();
            let addr = port.addr().to_string();
            _refused = Some(port);
            (VECTOR_REFUSED, addr, None)
        }
        // The vector's own base URL: the `.invalid` TLD never resolves (RFC 6761).
        "error_network_dns_failure" => (VECTOR_UPSTREAM, VECTOR_UPSTREAM.to_owned(), None),
        "error_network_read_timeout" => {
            let server = fake_upstream().await;
            let addr = server.address().to_string();
            _server = Some(server);
            // The reference: answer after 4 s, client timeout 2 s. Here: 3 s against 300 ms.
            (VECTOR_UPSTREAM, addr, Some(Duration::from_millis(300)))
        }
        "error_network_connection_closed" => {
            (VECTOR_UPSTREAM, closing_server().await.to_string(), None)
        }
        _ => return vec![format!("{name}: no replay; add one here")],
    };
    let mut builder = vector_client(vector, replace, &addr);
    if let Some(timeout) = timeout {
        builder = builder.timeout(timeout);
    }
    let client = builder
        .build()
        .unwrap_or_else(|e| panic!("{name}: client: {e}"));
    let started = Instant::now();
    let error = run(&client, vector, &addr).await;
    let mut problems = compare(vector, &error, &addr, &[]);
    let elapsed = started.elapsed();
    if timeout.is_some() && elapsed >= Duration::from_secs(2) {
        problems.push(format!(
            "{name}: took {elapsed:?}, the timeout did not fire"
        ));
    }
    problems
}

#[tokio::test]
async fn every_network_vector_matches() {
    let mut problems = Vec::new();
    for name in &vector_names("error_network_", 4) {
        problems.extend(replay_network_vector(&load(name)).await);
    }
    assert_no_mismatches(&problems);
}

#[tokio::test]
async fn accept_and_drop_is_connection_closed_too() {
    // Dropping without reading may reach the client as a reset instead of a FIN: the code
    // and message are the same, only raised_by may say ReadError.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            drop(socket);
        }
    });
    let vector = load("error_network_connection_closed");
    let client = HttpClient::builder().build().unwrap();
    let error = client
        .send(
            Method::POST,
            &format!("http://{addr}/x"),
            RequestOptions::new(),
        )
        .await
        .unwrap_err();
    let problems = compare(&vector, &error, "", &["raised_by"]);
    assert_no_mismatches(&problems);
    assert!(matches!(
        error.raised_by.as_deref(),
        Some("RemoteProtocolError" | "ReadError")
    ));
}

// ---------------------------------------------------------------------------------------
// Deliberate differences and client behaviour
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn empty_body_message_drops_the_query_string() {
    // Quirk Q9: the reference's empty-body text embeds the full URL, query included. Ours is
    // the same text with the query removed, so a request with a query string yields exactly
    // the vector's message (whose request had none).
    let vector = load("error_upstream_500_empty_body");
    let server = fake_upstream().await;
    let addr = server.address().to_string();
    let client = vector_client(&vector, VECTOR_UPSTREAM, &addr)
        .auth(Auth::Query {
            name: "api_key".into(),
            value: SECRET.into(),
        })
        .header("authorization", "Bearer good-token")
        .build()
        .unwrap();
    let (method, path) = vector.upstream_request();
    let error = client
        .send(method, &format!("{path}?page=2"), RequestOptions::new())
        .await
        .unwrap_err();
    let problems = compare(&vector, &error, &addr, &[]);
    assert_no_mismatches(&problems);
    assert!(!error.message.contains(SECRET) && !error.message.contains("page=2"));
    let received = server.received_requests().await.unwrap();
    let query = received
        .last()
        .unwrap()
        .url
        .query()
        .unwrap_or_default()
        .to_owned();
    assert!(
        query.contains("page=2") && query.contains(SECRET),
        "query auth must be sent: {query}"
    );
}

#[tokio::test]
async fn throttled_answer_is_retried_after_retry_after() {
    let server = MockServer::start().await;
    Mock::given(path("/flaky"))
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path("/flaky"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
        .mount(&server)
        .await;
    let client = client_for(&server);
    let started = Instant::now();
    let body: Value = client.get_json("/flaky", &[]).await.unwrap();
    let elapsed = started.elapsed();
    assert_eq!(body, json!({"ok": true}));
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
    assert!(
        elapsed >= Duration::from_secs(1),
        "Retry-After not honoured: {elapsed:?}"
    );
    assert!(
        elapsed < Duration::from_secs(5),
        "waited too long: {elapsed:?}"
    );
}

#[tokio::test]
async fn retry_after_beyond_the_cap_returns_at_once() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("Retry-After", "3600")
                .set_body_json(json!({"error": "slow down"})),
        )
        .mount(&server)
        .await;
    let client = client_for(&server);
    let started = Instant::now();
    let error = client.get_json::<Value>("/x", &[]).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(error.code, ErrorCode::RateLimit);
    assert_eq!(error.status_code, Some(429));
    assert_eq!(error.retry_after_seconds, Some(3600));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn retries_are_bounded() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let policy = RetryPolicy {
        max_retries: 2,
        max_wait: Duration::from_millis(50),
        backoff: Duration::from_millis(10),
    };
    let client = HttpClient::builder()
        .base_url(server.uri())
        .retry(policy)
        .build()
        .unwrap();
    let error = client.delete("/x").await.unwrap_err();
    assert_eq!(error.code, ErrorCode::ServiceError);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

/// A server answering 200 only when `matcher` matches, else 401.
async fn guarded(matcher: impl wiremock::Match + 'static) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(matcher)
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"error": "denied"})))
        .mount(&server)
        .await;
    server
}

async fn authorized(server: &MockServer, auth: Auth) -> Result<Value, ConnectorError> {
    let client = HttpClient::builder()
        .base_url(server.uri())
        .auth(auth)
        .build()
        .unwrap();
    client.get_json("/me", &[]).await
}

#[tokio::test]
async fn auth_variants_are_sent() {
    let server = guarded(bearer_token(SECRET)).await;
    authorized(&server, Auth::bearer(SECRET)).await.unwrap();
    let wrong = authorized(&server, Auth::bearer("other"))
        .await
        .unwrap_err();
    assert_eq!(wrong.code, ErrorCode::Unauthorized);

    let server = guarded(basic_auth("alice", SECRET)).await;
    authorized(&server, Auth::basic("alice", SECRET))
        .await
        .unwrap();

    let server = guarded(header("x-api-key", SECRET)).await;
    authorized(&server, Auth::header("X-Api-Key", SECRET))
        .await
        .unwrap();

    let server = guarded(query_param("api_key", SECRET)).await;
    let query = Auth::Query {
        name: "api_key".into(),
        value: SECRET.into(),
    };
    authorized(&server, query).await.unwrap();

    let server = guarded(header("x-signed", "yes")).await;
    authorized(&server, Auth::custom(|r| r.header("x-signed", "yes")))
        .await
        .unwrap();
}

#[tokio::test]
async fn request_options_and_user_agent() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/api/users/a%2Fb"))
        .and(query_param("dry", "true"))
        .and(header("user-agent", "core-demo/1.2.3 connector-sdk"))
        .and(header("x-default", "d"))
        .and(header("x-extra", "e"))
        .and(header("content-type", "application/json"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = HttpClient::builder()
        .app("core-demo", "1.2.3")
        .base_url(format!("{}/api/", server.uri()))
        .header("x-default", "d")
        .build()
        .unwrap();
    let path = format!("users/{}", connector_sdk::http::path_segment("a/b"));
    let options = RequestOptions::new()
        .query("dry", true)
        .header("x-extra", "e")
        .json(&json!({"active": false}));
    let response = client.send(Method::PATCH, &path, options).await.unwrap();
    assert_eq!(response.status().as_u16(), 204);
    let (): () = response.json().unwrap();
    assert_eq!(response.json_value().unwrap(), Value::Null);
    let received = server.received_requests().await.unwrap();
    assert_eq!(received[0].body, br#"{"active":false}"#);
}

#[tokio::test]
async fn every_write_helper_takes_a_204_without_a_body() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = client_for(&server);
    let body = json!({"active": false});
    let (): () = client.post_json("/users", &body).await.unwrap();
    let (): () = client.put_json("/users/u1", &body).await.unwrap();
    let (): () = client.patch_json("/users/u1", &body).await.unwrap();
    let nothing: Value = client.patch_json("/users/u1", &body).await.unwrap();
    assert_eq!(nothing, Value::Null);
    let maybe: Option<Value> = client.post_json("/users", &body).await.unwrap();
    assert_eq!(maybe, None);
    client.delete("/users/u1").await.unwrap();
    // Only a type that cannot be null refuses the empty answer.
    let err = client
        .patch_json::<_, Vec<String>>("/users/u1", &body)
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidResponse);
    let methods: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.method.to_string())
        .collect();
    assert_eq!(
        methods,
        ["POST", "PUT", "PATCH", "PATCH", "POST", "DELETE", "PATCH"]
    );
}

#[tokio::test]
async fn typed_json_helpers() {
    #[derive(serde::Deserialize, PartialEq, Debug)]
    struct Created {
        id: String,
    }
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/users"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": "u6"})))
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 7})))
        .mount(&server)
        .await;
    let client = client_for(&server);
    let created: Created = client
        .post_json("/users", &json!({"email": "a@b"}))
        .await
        .unwrap();
    assert_eq!(created, Created { id: "u6".into() });
    let wrong_shape = client
        .put_json::<_, Created>("/users/u6", &json!({}))
        .await
        .unwrap_err();
    assert_eq!(wrong_shape.code, ErrorCode::InvalidResponse);
    assert!(wrong_shape
        .message
        .starts_with("Unexpected JSON response: "));
}

#[tokio::test]
async fn allow_error_status_returns_the_answer() {
    let server = fake_upstream().await;
    let client = HttpClient::builder()
        .base_url(server.uri())
        .auth(Auth::bearer("good-token"))
        .build()
        .unwrap();
    let response = client
        .send(
            Method::GET,
            "/users/err-404",
            RequestOptions::new().allow_error_status(),
        )
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 404);
    let error = response.error();
    assert_eq!(error.code, ErrorCode::NotFound);
    assert_eq!(error.status_code, Some(404));
    assert!(response.error_for_status().is_err());
}

#[tokio::test]
async fn redirects_are_not_followed_by_default() {
    let server = MockServer::start().await;
    Mock::given(path("/old"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "/new"))
        .mount(&server)
        .await;
    Mock::given(path("/new"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!(1)))
        .mount(&server)
        .await;
    let client = client_for(&server);
    let error = client.get_json::<Value>("/old", &[]).await.unwrap_err();
    assert_eq!(
        (error.code, error.status_code),
        (ErrorCode::InvalidResponse, Some(302))
    );
    let following = HttpClient::builder()
        .base_url(server.uri())
        .follow_redirects(true)
        .build()
        .unwrap();
    assert_eq!(
        following.get_json::<Value>("/old", &[]).await.unwrap(),
        json!(1)
    );
}

#[test]
fn bad_base_url_is_invalid_configuration() {
    let error = HttpClient::builder()
        .base_url_from_setting("tenant_url", format!("ftp://user:{SECRET}@host/"))
        .build()
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidValue);
    assert_eq!(
        error.raised_by.as_deref(),
        Some("InvalidConfigurationError")
    );
    assert!(error.message.contains("tenant_url"));
    assert!(error.hint.is_some());
    assert!(!error.message.contains(SECRET));
}

#[tokio::test]
async fn illegal_header_is_bad_request() {
    let client = HttpClient::builder()
        .base_url("http://127.0.0.1:9")
        .auth(Auth::bearer(format!("{SECRET}\nInjected: 1")))
        .build()
        .unwrap();
    let error = client.get_json::<Value>("/me", &[]).await.unwrap_err();
    assert_eq!(error, ConnectorError::illegal_header());
    assert_eq!(error.code, ErrorCode::BadRequest);
    let error = HttpClient::builder()
        .header("x-key", "a\r\nb")
        .build()
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::BadRequest);
}

#[test]
fn futures_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    let client = HttpClient::builder().build().unwrap();
    assert_send(&client.get_json::<Value>("http://h/", &[]));
    assert_send(&client.send(Method::GET, "http://h/", RequestOptions::new()));
    assert_send(&client.post_json::<_, Value>("http://h/", &json!({})));
}

// ---------------------------------------------------------------------------------------
// Secrets
// ---------------------------------------------------------------------------------------

/// A `tracing` writer that keeps everything in memory.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn secrets_never_appear_in_messages_logs_or_debug() {
    let logs = Captured::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start().await;
    Mock::given(path("/echo"))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({"error": "no"})))
        .mount(&server)
        .await;
    Mock::given(path("/empty"))
        .respond_with(ResponseTemplate::new(500))
        .mount(&server)
        .await;
    // Reserved for the whole test: a port freed by dropping a listener can be taken by a
    // parallel test, and the "refused" request would then be answered.
    let refused_port = RefusedPort::new();
    let refused = refused_port.addr();
    let closed = closing_server().await;
    let auths = [
        Auth::bearer(SECRET),
        Auth::basic("alice", SECRET),
        Auth::header("x-api-key", SECRET),
        Auth::Query {
            name: "api_key".into(),
            value: SECRET.into(),
        },
    ];
    let mut texts = Vec::new();
    for auth in auths {
        texts.push(format!("{auth:?}"));
        let builder = HttpClient::builder()
            .base_url(format!("http://alice:{SECRET}@{}", server.address()))
            .header("x-tenant-key", SECRET)
            .auth(auth)
            .retry(RetryPolicy::none());
        texts.push(format!("{builder:?}"));
        let client = builder.build().unwrap();
        texts.push(format!("{client:?}"));
        let targets = [
            format!("/echo?token={SECRET}"),
            format!("/empty?token={SECRET}"),
            format!("http://{refused}/x?token={SECRET}"),
            format!("http://{closed}/x?token={SECRET}"),
            format!("http://no-such-host.invalid/x?token={SECRET}"),
        ];
        for target in targets {
            let error = client
                .send(Method::GET, &target, RequestOptions::new())
                .await
                .unwrap_err();
            texts.push(error.message.clone());
            texts.push(format!("{error:?}"));
            texts.push(error.to_string());
        }
        let response = client
            .send(
                Method::GET,
                "/echo",
                RequestOptions::new().allow_error_status(),
            )
            .await
            .unwrap();
        texts.push(format!("{response:?}"));
    }
    let options = RequestOptions::new()
        .secret_header("x-sig", SECRET.into())
        .form(&[("client_secret", SECRET)]);
    texts.push(format!("{options:?}"));

    let log = String::from_utf8(logs.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.contains("status=403"),
        "one debug line per response expected:\n{log}"
    );
    assert!(
        log.contains(&format!("http://{}/echo", server.address())),
        "{log}"
    );
    assert!(
        !log.contains("token="),
        "query strings must not be logged:\n{log}"
    );
    texts.push(log);
    for text in &texts {
        assert!(!text.contains(SECRET), "secret leaked in: {text}");
    }
}
