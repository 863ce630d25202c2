//! Upstream faults through a connector binary, per capability class.
//!
//! The `core-demo` binary (feature `demo`) runs `list_accounts` (a list capability),
//! `create_account` (a write capability) and `refresh_access_token` (the OAuth token exchange)
//! against a fake upstream on 127.0.0.1 that misbehaves in one way per case: every status of
//! the protocol's status table (README §5.5.1, and §11.4 for the token endpoint), HTML, a
//! 20 MB body, invalid and truncated JSON, 429/503 with `Retry-After` (seconds and HTTP-date),
//! a body cut mid-stream, a reset, a server that never answers, a refused port, a TLS
//! handshake against plain TCP, and a redirect loop.
//!
//! Every run must exit 0 with exactly one JSON document on stdout, carry the protocol's code,
//! a non-empty message without secrets or the query string, and finish within the time the
//! retry policy promises (`core-demo` does not retry and waits 2 s for a silent upstream; the
//! token exchange does not retry either; 20 MB bodies get a looser bound). Run:
//! `cargo test -p connector-sdk --test faults`.

// Helpers outside #[test] functions unwrap and panic too, as tests may (clippy.toml).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/refused_port.rs"]
mod refused_port;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use refused_port::RefusedPort;
use serde_json::{json, Value};

/// The example built as a binary.
const BINARY: &str = env!("CARGO_BIN_EXE_core-demo");
/// Appears in every credential of the envelopes; must never appear in any output.
const SECRET: &str = "s3cr3t-Zq9";
/// Generous bound for a run that fails fast (no retry, no wait).
const FAST: Duration = Duration::from_secs(10);
/// Bound for a 20 MB body: read, parsed and rendered whole before the message is cut, in a
/// debug build on a shared 2-core machine (about 11 s measured under load).
const LARGE: Duration = Duration::from_secs(40);
/// Bound for a silent upstream: `core-demo`'s 2 s read timeout plus process start-up.
const DEADLINE: Duration = Duration::from_secs(12);

/// What the fake upstream does with each connection, after reading the request head.
#[derive(Clone)]
enum Behaviour {
    /// A complete answer: status, extra header lines, body.
    Answer(u16, Vec<String>, Vec<u8>),
    /// Announces `Content-Length: 1000`, sends 10 bytes and closes.
    CutBody,
    /// Resets the connection (linger 0) without answering.
    Reset,
    /// Keeps the connection open without answering.
    Silent,
    /// Answers a TLS ClientHello with plain HTTP text, then closes.
    PlainText,
}

/// A fake upstream on 127.0.0.1 applying one behaviour to every connection.
struct Upstream {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
}

impl Upstream {
    fn start(behaviour: Behaviour) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let behaviour = behaviour.clone();
                let stopped = stopped.clone();
                std::thread::spawn(move || serve(stream, &behaviour, &stopped));
            }
        });
        Self { addr, stop }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for Upstream {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
    }
}

/// Reads until the end of the request head (or a TLS record, or EOF).
fn read_head(stream: &mut TcpStream) -> Vec<u8> {
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    loop {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return head,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
        // A TLS ClientHello starts with the handshake record type 0x16.
        if head.first() == Some(&0x16) || head.windows(4).any(|w| w == b"\r\n\r\n") {
            return head;
        }
    }
}

fn serve(mut stream: TcpStream, behaviour: &Behaviour, stop: &AtomicBool) {
    let _ = read_head(&mut stream);
    match behaviour {
        Behaviour::Answer(status, headers, body) => {
            let mut head = format!(
                "HTTP/1.1 {status} Fault\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for line in headers {
                head.push_str(line);
                head.push_str("\r\n");
            }
            head.push_str("\r\n");
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body);
        }
        Behaviour::CutBody => {
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"users\": [",
            );
            let _ = stream.flush();
        }
        Behaviour::Reset => {
            let linger = libc::linger {
                l_onoff: 1,
                l_linger: 0,
            };
            // SAFETY: setsockopt on the stream's own descriptor with a correctly sized value.
            unsafe {
                libc::setsockopt(
                    stream.as_raw_fd(),
                    libc::SOL_SOCKET,
                    libc::SO_LINGER,
                    std::ptr::addr_of!(linger).cast(),
                    std::mem::size_of::<libc::linger>() as libc::socklen_t,
                );
            }
        }
        Behaviour::Silent => {
            while !stop.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        Behaviour::PlainText => {
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        }
    }
    drop(stream);
}

/// One capability class: how to build its envelope for an upstream URL.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Class {
    List,
    Write,
    OAuth,
}

impl Class {
    fn capability(self) -> &'static str {
        match self {
            Class::List => "list_accounts",
            Class::Write => "create_account",
            Class::OAuth => "refresh_access_token",
        }
    }

    fn envelope(self, base_url: &str) -> String {
        let token =
            json!([{"id": "core_demo_token", "token": {"token": format!("good-{SECRET}")}}]);
        let settings = json!({"base_url": base_url});
        let envelope = match self {
            Class::List => json!({"credentials": token, "request": {}, "settings": settings}),
            Class::Write => json!({
                "credentials": token,
                "request": {"email": "new@example.com", "given_name": "Zoë", "family_name": "New",
                            "entitlements": []},
                "settings": settings,
            }),
            Class::OAuth => json!({
                "request": {"credential_id": "core_demo_oauth", "client_id": "cid",
                            "client_secret": SECRET, "refresh_token": format!("rt-{SECRET}")},
                "settings": settings,
            }),
        };
        envelope.to_string()
    }

    /// The protocol's code for an upstream answering `status` (§5.5.1; §11.4 for the token
    /// endpoint, whose non-JSON bodies carry no `error` member).
    fn status_code(self, status: u16) -> &'static str {
        if self == Class::OAuth {
            return match status {
                429 => "rate_limit",
                500.. => "bad_gateway",
                403 => "permission_denied",
                _ => "unauthorized",
            };
        }
        match status {
            400 | 413 | 415 | 422 => "bad_request",
            401 => "unauthorized",
            403 => "permission_denied",
            404 => "not_found",
            405 | 406 | 501 => "unsupported_operation",
            408 => "request_timeout",
            409 => "conflict",
            429 => "rate_limit",
            500 | 502 | 504 => "bad_gateway",
            503 => "service_error",
            _ => "invalid_response",
        }
    }
}

/// Runs the class's capability against `base_url`; checks the invariants every fault shares
/// and returns the error object.
fn run(class: Class, base_url: &str, case: &str, bound: Duration) -> Value {
    let started = Instant::now();
    let output = assert_cmd::Command::new(BINARY)
        .args([class.capability(), "--json", &class.envelope(base_url)])
        .env_remove("LUMOS_LOG_LEVEL")
        .timeout(Duration::from_secs(60))
        .output()
        .expect("run core-demo");
    let elapsed = started.elapsed();
    let what = format!("{class:?} / {case}");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 stdout");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{what}: exit code; stderr: {stderr}"
    );
    assert!(elapsed < bound, "{what}: took {elapsed:?}, bound {bound:?}");
    assert!(
        stdout.ends_with('\n') && stdout.matches('\n').count() == 1,
        "{what}: one line on stdout: {stdout:.300}"
    );
    let mut documents = serde_json::Deserializer::from_str(&stdout).into_iter::<Value>();
    let document = documents
        .next()
        .unwrap_or_else(|| panic!("{what}: no document"))
        .unwrap_or_else(|e| panic!("{what}: {e}: {stdout:.300}"));
    assert!(documents.next().is_none(), "{what}: more than one document");
    assert_eq!(document["is_error"], true, "{what}: {stdout:.300}");
    for text in [&stdout[..], &stderr[..]] {
        assert!(!text.contains(SECRET), "{what}: secret leaked: {text:.500}");
        assert!(
            !text.contains("offset="),
            "{what}: query string leaked: {text:.500}"
        );
    }
    let error = document["error"].clone();
    let message = error["message"].as_str().unwrap_or_default();
    assert!(!message.trim().is_empty(), "{what}: empty message");
    // 800 characters of body text at most, plus the status, URL and prefixes.
    assert!(
        message.len() < 1200,
        "{what}: message of {} bytes",
        message.len()
    );
    error
}

fn expect(class: Class, base_url: &str, case: &str, bound: Duration, code: &str) -> Value {
    let error = run(class, base_url, case, bound);
    assert_eq!(error["error_code"], code, "{class:?} / {case}: {error}");
    error
}

fn answer(status: u16, headers: &[&str], body: impl Into<Vec<u8>>) -> Behaviour {
    Behaviour::Answer(
        status,
        headers.iter().map(|h| (*h).to_owned()).collect(),
        body.into(),
    )
}

const STATUSES: [u16; 19] = [
    400, 401, 403, 404, 405, 406, 408, 409, 410, 413, 415, 418, 422, 429, 500, 501, 502, 503, 504,
];

fn every_status(class: Class) {
    for status in STATUSES {
        let upstream = Upstream::start(answer(
            status,
            &["Content-Type: application/json"],
            r#"{"error": "nope"}"#,
        ));
        let error = expect(
            class,
            &upstream.url(),
            &status.to_string(),
            FAST,
            class.status_code(status),
        );
        if class != Class::OAuth {
            assert_eq!(error["status_code"], status, "{class:?} / {status}");
        }
    }
}

/// The answer faults: malformed or unusual bodies and headers.
fn answer_faults(class: Class) {
    // A 2xx body that is not the JSON the capability parses (§5.6; the token endpoint's
    // error table of §11.4 covers error statuses only).
    let invalid = "invalid_response";
    let cases: Vec<(&str, Behaviour, &str)> = vec![
        (
            "HTML 503",
            answer(
                503,
                &["Content-Type: text/html"],
                "<html><body>down</body></html>",
            ),
            class.status_code(503),
        ),
        (
            "HTML 200",
            answer(
                200,
                &["Content-Type: text/html"],
                "<!doctype html><p>login</p>",
            ),
            invalid,
        ),
        (
            "20 MB body on a 500",
            answer(500, &["Content-Type: text/plain"], vec![b'x'; 20 << 20]),
            class.status_code(500),
        ),
        (
            "20 MB JSON body on a 500",
            answer(
                500,
                &["Content-Type: application/json"],
                format!(r#"{{"error": "{}"}}"#, "x".repeat(20 << 20)),
            ),
            class.status_code(500),
        ),
        (
            "invalid JSON 200",
            answer(200, &["Content-Type: application/json"], "{not json"),
            invalid,
        ),
        (
            "truncated JSON 200",
            answer(
                200,
                &["Content-Type: application/json"],
                r#"{"users": [{"id": "#,
            ),
            invalid,
        ),
        (
            "429 Retry-After seconds",
            answer(429, &["Retry-After: 7"], ""),
            "rate_limit",
        ),
        (
            "429 Retry-After HTTP-date",
            answer(429, &["Retry-After: Wed, 21 Oct 2015 07:28:00 GMT"], ""),
            "rate_limit",
        ),
        (
            "503 Retry-After seconds",
            answer(503, &["Retry-After: 7"], ""),
            class.status_code(503),
        ),
        (
            "503 Retry-After HTTP-date",
            answer(503, &["Retry-After: Wed, 21 Oct 2015 07:28:00 GMT"], ""),
            class.status_code(503),
        ),
        (
            "redirect loop",
            answer(302, &["Location: /oauth/token"], ""),
            class.status_code(302),
        ),
    ];
    for (case, behaviour, code) in cases {
        let upstream = Upstream::start(behaviour);
        let bound = if case.starts_with("20 MB") {
            LARGE
        } else {
            FAST
        };
        expect(class, &upstream.url(), case, bound, code);
    }
}

/// The transport faults: the connection breaks, stalls or never comes up.
fn transport_faults(class: Class) {
    let cases: Vec<(&str, Behaviour, &str)> = vec![
        (
            "body cut mid-stream",
            Behaviour::CutBody,
            "connection_closed",
        ),
        ("reset", Behaviour::Reset, "connection_closed"),
    ];
    for (case, behaviour, code) in cases {
        let upstream = Upstream::start(behaviour);
        expect(class, &upstream.url(), case, FAST, code);
    }
    let refused = RefusedPort::new();
    expect(
        class,
        &format!("http://{}", refused.addr()),
        "refused port",
        FAST,
        "connection_timeout",
    );
    let plain = Upstream::start(Behaviour::PlainText);
    let https = format!("https://{}", plain.addr);
    expect(
        class,
        &https,
        "TLS against plain TCP",
        FAST,
        "connection_timeout",
    );
}

/// A silent upstream: `core-demo`'s 2 s read timeout is the deadline.
fn silent(class: Class) {
    let upstream = Upstream::start(Behaviour::Silent);
    let started = Instant::now();
    expect(
        class,
        &upstream.url(),
        "never answers",
        DEADLINE,
        "request_timeout",
    );
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "{class:?}: answered before the 2 s deadline"
    );
}

#[test]
fn list_capability_every_status() {
    every_status(Class::List);
}

#[test]
fn list_capability_answer_faults() {
    answer_faults(Class::List);
}

#[test]
fn list_capability_transport_faults() {
    transport_faults(Class::List);
    silent(Class::List);
}

#[test]
fn write_capability_every_status() {
    every_status(Class::Write);
}

#[test]
fn write_capability_answer_faults() {
    answer_faults(Class::Write);
}

#[test]
fn write_capability_transport_faults() {
    transport_faults(Class::Write);
    silent(Class::Write);
}

#[test]
fn oauth_token_exchange_every_status() {
    every_status(Class::OAuth);
}

#[test]
fn oauth_token_exchange_answer_faults() {
    answer_faults(Class::OAuth);
}

#[test]
fn oauth_token_exchange_transport_faults() {
    transport_faults(Class::OAuth);
}
