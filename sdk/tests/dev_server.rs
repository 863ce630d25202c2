//! `dev http-server` (feature `dev-server`) through real HTTP: the `core-demo` example started as
//! a process on a free loopback port, called with reqwest and raw TCP, and compared with what
//! the same binary's CLI prints and with the recorded vectors.

// The helpers outside #[test] functions unwrap and panic too, as tests may (clippy.toml).
#![allow(clippy::expect_used, clippy::panic)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use connector_sdk::dev::BODY_LIMIT;
use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The example built as a binary.
const BINARY: &str = env!("CARGO_BIN_EXE_core-demo");
/// The vectors folder, relative to the workspace root.
const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/protocol/vectors");
/// Where the recordings' upstream listened.
const RECORDED_UPSTREAM: &str = "http://127.0.0.1:18777";
const LISTENING: &str = "listening on http://";

/// A running `core-demo dev http-server`; killed when dropped.
struct Server {
    child: Child,
    /// `host:port` it printed.
    address: String,
    /// stderr lines before the listening line.
    before: Vec<String>,
    stderr: Receiver<String>,
}

impl Server {
    fn start(extra: &[&str]) -> Self {
        let mut child = Command::new(BINARY)
            .args(["dev", "http-server", "--port", "0"])
            .args(extra)
            .env_remove("LUMOS_LOG_LEVEL")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start core-demo dev http-server");
        let (sender, stderr) = channel();
        let pipe = child.stderr.take().expect("stderr is piped");
        std::thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        // Dropping `server` on a panic below kills the child.
        let mut server = Self {
            child,
            address: String::new(),
            before: Vec::new(),
            stderr,
        };
        loop {
            let line = server
                .stderr
                .recv_timeout(Duration::from_secs(30))
                .unwrap_or_else(|_| {
                    panic!("no '{LISTENING}' line on stderr; saw {:?}", server.before)
                });
            if let Some((_, rest)) = line.split_once(LISTENING) {
                rest.split_whitespace()
                    .next()
                    .expect("an address")
                    .clone_into(&mut server.address);
                return server;
            }
            server.before.push(line);
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    /// Sends SIGINT (Ctrl-C) and returns the exit code and the rest of stderr.
    fn interrupt(mut self) -> (Option<i32>, String) {
        let pid = i32::try_from(self.child.id()).expect("a pid");
        // SAFETY: kill(2) on the child this test started.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGINT) }, 0, "kill -INT");
        let deadline = Instant::now() + Duration::from_secs(20);
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                break status;
            }
            assert!(Instant::now() < deadline, "still running 20 s after SIGINT");
            std::thread::sleep(Duration::from_millis(20));
        };
        let rest: Vec<String> = self.stderr.try_iter().collect();
        (status.code(), rest.join("\n"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn vector(name: &str) -> Value {
    let path = Path::new(VECTORS).join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).expect("vector is JSON")
}

/// What `core-demo <capability> --json <envelope>` prints.
fn cli(capability: &str, envelope: &str) -> String {
    let output = Command::new(BINARY)
        .args([capability, "--json", envelope])
        .env_remove("LUMOS_LOG_LEVEL")
        .output()
        .expect("run core-demo");
    assert_eq!(output.status.code(), Some(0), "{capability} exits 0");
    String::from_utf8(output.stdout).expect("UTF-8 stdout")
}

async fn post(server: &Server, capability: &str, body: impl Into<reqwest::Body>) -> (u16, String) {
    let response = reqwest::Client::new()
        .post(server.url(&format!("/{capability}")))
        .body(body)
        .send()
        .await
        .expect("POST");
    let status = response.status().as_u16();
    (status, response.text().await.expect("a text body"))
}

async fn request(method: reqwest::Method, url: &str) -> (u16, Option<String>, String) {
    let response = reqwest::Client::new()
        .request(method, url)
        .send()
        .await
        .expect("a response");
    let status = response.status().as_u16();
    let allow = response
        .headers()
        .get("allow")
        .map(|value| value.to_str().expect("ASCII").to_owned());
    (status, allow, response.text().await.expect("a text body"))
}

#[tokio::test]
async fn post_answers_exactly_what_the_cli_prints_with_status_200() {
    let upstream = MockServer::start().await;
    let users = vector("success_list_accounts_raw_data_single_page")["response"]["raw_data"]
        ["users"]
        .clone();
    Mock::given(method("GET"))
        .and(path("/users"))
        .and(query_param("offset", "0"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"users": users.as_array().expect("users")[..2], "has_more": true}),
        ))
        .mount(&upstream)
        .await;
    let server = Server::start(&[]);
    let envelope = json!({
        "credentials": [{"id": "core_demo_token", "token": {"token": "good-token"}}],
        "request": {},
        "settings": {"base_url": upstream.uri(), "page_size": 2},
    })
    .to_string();
    let recorded = vector("success_list_accounts_page1")["stdout"]
        .as_str()
        .expect("recorded stdout")
        .replace(RECORDED_UPSTREAM, &upstream.uri());
    let (status, body) = post(&server, "list_accounts", envelope.clone()).await;
    assert_eq!(status, 200);
    assert_eq!(body, recorded, "the recorded CLI output");
    assert_eq!(
        body,
        cli("list_accounts", &envelope),
        "the CLI's output now"
    );

    // Error envelopes are answered with 200 too, byte for byte as the CLI prints them.
    for (capability, envelope) in [
        ("list_accounts", "{\"request\": "),
        ("list_accounts", "[1]"),
        ("list_accounts", r#"{"request": {}}"#),
        (
            "validate_credentials",
            r#"{"request": {}, "credentials": []}"#,
        ),
        ("raise_error", r#"{"request": {"kind": "nope"}}"#),
    ] {
        let (status, body) = post(&server, capability, envelope).await;
        assert_eq!(status, 200, "{capability} {envelope}");
        assert!(body.contains("\"is_error\":true"), "{body}");
        assert_eq!(body, cli(capability, envelope), "{capability} {envelope}");
    }
}

#[tokio::test]
async fn openapi_json_is_app_infos_document() {
    let server = Server::start(&[]);
    let (status, _, body) = request(reqwest::Method::GET, &server.url("/openapi.json")).await;
    assert_eq!(status, 200);
    let served: Value = serde_json::from_str(&body).expect("JSON");
    let app_info: Value =
        serde_json::from_str(&cli("app_info", r#"{"request": {}}"#)).expect("app_info is JSON");
    assert_eq!(served, app_info["response"]["app_schema"]);
    assert_eq!(served["openapi"], "3.0.0");
}

#[tokio::test]
async fn index_lists_every_capability_with_a_curl_line() {
    let server = Server::start(&[]);
    let (status, _, index) = request(reqwest::Method::GET, &server.url("/")).await;
    assert_eq!(status, 200);
    let output = Command::new(BINARY).arg("info").output().expect("info");
    let info: Value = serde_json::from_slice(&output.stdout).expect("info is JSON");
    let capabilities = info["response"]["capabilities"]
        .as_array()
        .expect("capabilities");
    assert!(capabilities.len() > 10);
    for capability in capabilities {
        let name = capability.as_str().expect("a name");
        let curl = format!("curl -sS {} ", server.url(&format!("/{name}")));
        let line = index
            .lines()
            .find(|line| line.trim_start().starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("no line for {name}:\n{index}"));
        assert!(line.contains(&curl), "{line}");
    }
    assert!(index.contains("/openapi.json"), "{index}");
}

#[tokio::test]
async fn unknown_paths_are_404_and_other_methods_405() {
    let server = Server::start(&[]);
    let (status, ..) = request(reqwest::Method::POST, &server.url("/no_such_capability")).await;
    assert_eq!(status, 404);
    let (status, ..) = request(reqwest::Method::GET, &server.url("/list_accounts/x")).await;
    assert_eq!(status, 404);
    for (method, path, allow) in [
        (reqwest::Method::GET, "/list_accounts", "POST"),
        (reqwest::Method::PUT, "/app_info", "POST"),
        (reqwest::Method::POST, "/openapi.json", "GET"),
        (reqwest::Method::DELETE, "/", "GET"),
    ] {
        let (status, allowed, body) = request(method.clone(), &server.url(path)).await;
        assert_eq!(status, 405, "{method} {path}");
        assert_eq!(allowed.as_deref(), Some(allow), "{method} {path}");
        assert!(body.contains("Method Not Allowed"), "{body}");
    }
}

#[tokio::test]
async fn bodies_up_to_1_mb_are_served_and_larger_ones_get_413() {
    let server = Server::start(&[]);
    // Valid JSON of exactly the limit: the envelope padded with spaces.
    let envelope = r#"{"request": {}}"#;
    let at_limit = format!("{envelope}{}", " ".repeat(BODY_LIMIT - envelope.len()));
    let (status, body) = post(&server, "app_info", at_limit).await;
    assert_eq!(status, 200);
    assert_eq!(body, cli("app_info", envelope));

    let over = " ".repeat(BODY_LIMIT + 1);
    let (status, body) = post(&server, "app_info", over).await;
    assert_eq!(status, 413);
    assert!(body.contains("1048576 bytes"), "{body}");
    assert!(body.contains("--json-file"), "{body}");

    // Without a Content-Length (chunked), the limit applies while reading.
    let mut stream = TcpStream::connect(&server.address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    let head = "POST /app_info HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n";
    let chunk = format!(
        "{:x}\r\n{}\r\n0\r\n\r\n",
        BODY_LIMIT + 1,
        " ".repeat(BODY_LIMIT + 1)
    );
    stream.write_all(head.as_bytes()).expect("write the head");
    // The server may answer and close before the whole body is sent.
    let _ = stream.write_all(chunk.as_bytes());
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 413 "), "{answer}");
}

#[tokio::test]
async fn ctrl_c_lets_the_call_in_flight_finish_and_exits_0() {
    let upstream = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/users"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"users": [], "has_more": false}))
                .set_delay(Duration::from_millis(1500)),
        )
        .mount(&upstream)
        .await;
    let server = Server::start(&[]);
    let envelope = json!({
        "credentials": [{"id": "core_demo_token", "token": {"token": "good-token"}}],
        "request": {},
        "settings": {"base_url": upstream.uri()},
    })
    .to_string();
    let url = server.url("/list_accounts");
    let call = tokio::spawn(async move {
        let response = reqwest::Client::new()
            .post(url)
            .body(envelope)
            .send()
            .await
            .expect("the call in flight is answered");
        (
            response.status().as_u16(),
            response.text().await.expect("body"),
        )
    });
    // The call reaches the upstream before the signal.
    let deadline = Instant::now() + Duration::from_secs(20);
    while upstream
        .received_requests()
        .await
        .unwrap_or_default()
        .is_empty()
    {
        assert!(
            Instant::now() < deadline,
            "the call never reached the upstream"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let address = server.address.clone();
    let (code, stderr) = tokio::task::spawn_blocking(move || server.interrupt())
        .await
        .expect("join");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("stopped"), "{stderr}");
    let (status, body) = call.await.expect("join");
    assert_eq!(status, 200);
    assert!(body.starts_with("{\"response\":[]"), "{body}");
    assert!(
        TcpStream::connect(&address).is_err(),
        "nothing listens after the exit"
    );
}

#[test]
fn listening_beyond_loopback_warns_that_envelopes_carry_credentials() {
    let exposed = Server::start(&["--host", "0.0.0.0"]);
    assert!(
        exposed.address.starts_with("0.0.0.0:"),
        "{}",
        exposed.address
    );
    let warning = exposed.before.join("\n");
    assert!(warning.starts_with("warning: "), "{warning}");
    assert!(warning.contains("credentials"), "{warning}");
    let (code, _) = exposed.interrupt();
    assert_eq!(code, Some(0));

    let loopback = Server::start(&[]);
    assert!(
        loopback.address.starts_with("127.0.0.1:"),
        "{}",
        loopback.address
    );
    assert_eq!(loopback.before, Vec::<String>::new());
}

#[test]
fn a_taken_port_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("address").port().to_string();
    let output = Command::new(BINARY)
        .args(["dev", "http-server", "--port", &port])
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with(&format!("error: cannot listen on 127.0.0.1:{port}: ")),
        "{stderr}"
    );
    assert!(stderr.contains("\nhelp: "), "{stderr}");
}
