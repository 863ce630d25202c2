//! The fake upstream API the vectors were recorded against (vectors/README.md, "Fake upstream
//! API"), as a small HTTP/1.1 server on `127.0.0.1:0`.
//!
//! It runs on its own thread and runtime so that both in-process calls and child processes can
//! reach it, and it records every request line so a test can check which calls a connector
//! made. Every answer closes the connection (`Connection: close`): keep-alive is not needed and
//! this keeps the parser trivial.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::refused_port::RefusedPort;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The only bearer token the fake API accepts.
const GOOD_TOKEN: &str = "good-token";
/// Largest request head or body the server reads; the connectors under test send far less.
const MAX_REQUEST: usize = 1 << 20;

/// A running fake upstream; dropping it stops the server thread.
pub struct FakeUpstream {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
}

impl FakeUpstream {
    /// Starts a server on a free port.
    pub fn start() -> Self {
        let std_listener =
            std::net::TcpListener::bind("127.0.0.1:0").expect("bind the fake upstream");
        std_listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let addr = std_listener.local_addr().expect("fake upstream address");
        let log = Arc::new(Mutex::new(Vec::new()));
        let thread_log = Arc::clone(&log);
        let stop = Arc::new(AtomicBool::new(false));
        let thread_stop = Arc::clone(&stop);
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("fake upstream runtime");
            runtime.block_on(async move {
                let listener = TcpListener::from_std(std_listener).expect("tokio listener");
                loop {
                    let Ok((stream, _)) = listener.accept().await else {
                        continue;
                    };
                    // Drop wakes the loop with a connection; pending answers are dropped too.
                    if thread_stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let log = Arc::clone(&thread_log);
                    tokio::spawn(async move { serve(stream, log).await });
                }
            });
        });
        Self { addr, log, stop }
    }

    /// `127.0.0.1:<port>`.
    pub fn host_port(&self) -> String {
        self.addr.to_string()
    }

    /// The request lines seen so far, as `METHOD /path?query`.
    pub fn requests(&self) -> Vec<String> {
        self.log.lock().expect("request log").clone()
    }
}

impl Drop for FakeUpstream {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = std::net::TcpStream::connect(self.addr);
    }
}

/// A `127.0.0.1:<port>` on which nothing listens (the connection-refused case). The port stays
/// reserved for the whole test process, so no parallel test can bind it and answer.
pub fn closed_port() -> String {
    static PORT: std::sync::OnceLock<RefusedPort> = std::sync::OnceLock::new();
    PORT.get_or_init(RefusedPort::new).addr().to_string()
}

/// One parsed request.
struct Request {
    method: String,
    path: String,
    query: Vec<(String, String)>,
    authorization: Option<String>,
    body: Vec<u8>,
}

/// What to send back.
enum Answer {
    Respond {
        status: u16,
        content_type: &'static str,
        extra_header: Option<(&'static str, &'static str)>,
        body: Vec<u8>,
    },
    /// Close the socket without a byte (`err-close`).
    Close,
    /// Answer after a delay (`err-slow`).
    Delayed(Duration, Box<Answer>),
}

fn json_answer(status: u16, value: Value) -> Answer {
    Answer::Respond {
        status,
        content_type: "application/json",
        extra_header: None,
        body: value.to_string().into_bytes(),
    }
}

fn text_answer(status: u16, content_type: &'static str, text: &str) -> Answer {
    Answer::Respond {
        status,
        content_type,
        extra_header: None,
        body: text.as_bytes().to_vec(),
    }
}

async fn serve(mut stream: TcpStream, log: Arc<Mutex<Vec<String>>>) {
    let Some(request) = read_request(&mut stream).await else {
        return;
    };
    let mut line = format!("{} {}", request.method, request.path);
    if !request.query.is_empty() {
        let pairs: Vec<String> = request
            .query
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        line.push('?');
        line.push_str(&pairs.join("&"));
    }
    log.lock().expect("request log").push(line);
    let mut answer = route(&request);
    loop {
        match answer {
            Answer::Delayed(delay, inner) => {
                tokio::time::sleep(delay).await;
                answer = *inner;
            }
            Answer::Close => return,
            Answer::Respond {
                status,
                content_type,
                extra_header,
                body,
            } => {
                let _ =
                    write_response(&mut stream, status, content_type, extra_header, &body).await;
                return;
            }
        }
    }
}

async fn read_request(stream: &mut TcpStream) -> Option<Request> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = find(&buffer, b"\r\n\r\n") {
            break end;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 || buffer.len() > MAX_REQUEST {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_owned();
    let target = first.next()?.to_owned();
    let mut content_length = 0usize;
    let mut authorization = None;
    for header in lines {
        let Some((name, value)) = header.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => content_length = value.parse().ok()?,
            "authorization" => authorization = Some(value.to_owned()),
            _ => {}
        }
    }
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < content_length.min(MAX_REQUEST) {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path.to_owned(), parse_pairs(query)),
        None => (target, Vec::new()),
    };
    Some(Request {
        method,
        path,
        query,
        authorization,
        body,
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// `a=1&b=x%20y` (form or query) into pairs; enough decoding for the values used here.
fn parse_pairs(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(byte) => {
                        out.push(byte);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn write_response(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    extra_header: Option<(&str, &str)>,
    body: &[u8],
) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    if status != 204 {
        head.push_str(&format!("Content-Type: {content_type}\r\n"));
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    if let Some((name, value)) = extra_header {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("Connection: close\r\n\r\n");
    stream.write_all(head.as_bytes()).await?;
    if status != 204 {
        stream.write_all(body).await?;
    }
    stream.flush().await?;
    stream.shutdown().await
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        418 => "I'm a teapot",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Unknown",
    }
}

/// The five users; u3 is suspended.
fn users() -> Vec<Value> {
    (1..=5)
        .map(|n| {
            json!({
                "id": format!("u{n}"),
                "email": format!("user{n}@example.com"),
                "first": format!("F{n}"),
                "last": format!("L{n}"),
                "status": if n == 3 { "suspended" } else { "active" },
            })
        })
        .collect()
}

fn route(request: &Request) -> Answer {
    let segments: Vec<&str> = request.path.split('/').filter(|s| !s.is_empty()).collect();
    let method = request.method.as_str();
    if method == "POST" && segments == ["oauth", "token"] {
        return oauth_token(&request.body);
    }
    let public = segments.first() == Some(&"public");
    if !public && request.authorization.as_deref() != Some(&format!("Bearer {GOOD_TOKEN}")) {
        return json_answer(
            401,
            json!({"error": "invalid_token", "error_description": "The access token is invalid"}),
        );
    }
    if let Some(answer) = segments.iter().find_map(|s| error_segment(s)) {
        return answer;
    }
    let query = |name: &str| {
        request
            .query
            .iter()
            .find(|(k, _)| k == name)
            .and_then(|(_, v)| v.parse::<usize>().ok())
    };
    match (method, segments.as_slice()) {
        ("GET", ["public"]) => json_answer(200, json!({"ok": true})),
        ("GET", ["me"]) => json_answer(200, json!({"tenant": "tenant-42", "name": "Acme Corp"})),
        ("GET", ["users"]) => {
            let all = users();
            let offset = query("offset").unwrap_or(0).min(all.len());
            let limit = query("limit").unwrap_or(all.len());
            let end = offset.saturating_add(limit).min(all.len());
            json_answer(
                200,
                json!({"users": all[offset..end].to_vec(), "has_more": end < all.len()}),
            )
        }
        ("GET", ["groups"]) => json_answer(
            200,
            json!({"groups": [
                {"id": "g1", "name": "Engineering"},
                {"id": "g2", "name": "Sales"},
            ]}),
        ),
        ("GET", ["roles"]) => json_answer(
            200,
            json!({"roles": [
                {"id": "admin", "name": "Administrator", "type": "ROLE", "group_id": null},
                {"id": "member", "name": "Member of Engineering", "type": "GROUP_MEMBER", "group_id": "g1"},
            ]}),
        ),
        ("GET", ["memberships"]) => json_answer(
            200,
            json!({"memberships": [
                {"user_id": "u1", "role_id": "admin", "group_id": null},
                {"user_id": "u2", "role_id": "member", "group_id": "g1"},
            ]}),
        ),
        ("GET", ["users", id, "last-login"]) => {
            let last_login = if *id == "u2" {
                Value::Null
            } else {
                json!("2024-05-01T12:00:00Z")
            };
            json_answer(200, json!({"last_login": last_login}))
        }
        ("POST", ["users"]) => {
            let sent: Value = serde_json::from_slice(&request.body).unwrap_or(Value::Null);
            json_answer(
                201,
                json!({
                    "id": "u6",
                    "email": sent.get("email").cloned().unwrap_or(Value::Null),
                    "first": sent.get("first").cloned().unwrap_or(Value::Null),
                    "last": sent.get("last").cloned().unwrap_or(Value::Null),
                    "status": "active",
                }),
            )
        }
        ("POST", ["users", id, action @ ("activate" | "deactivate")]) => {
            let status = if *action == "activate" {
                "active"
            } else {
                "suspended"
            };
            json_answer(200, json!({"id": id, "status": status}))
        }
        ("PUT" | "DELETE", ["users", _, "roles", _]) | ("DELETE", ["users", _]) => {
            Answer::Respond {
                status: 204,
                content_type: "application/json",
                extra_header: None,
                body: Vec::new(),
            }
        }
        _ => json_answer(404, json!({"error": "no such route"})),
    }
}

/// The `err-*` path segments that make the fake API fail on purpose.
fn error_segment(segment: &str) -> Option<Answer> {
    let answer = match segment {
        "err-503-html" => text_answer(
            503,
            "text/html",
            "<html><body><h1>Service Unavailable</h1></body></html>",
        ),
        "err-500-text" => text_answer(
            500,
            "text/plain",
            "Internal failure:\n  database   unavailable",
        ),
        "err-500-long" => text_answer(
            500,
            "text/plain",
            &format!("Internal failure   detail\n{}", "x".repeat(900)),
        ),
        "err-500-empty" => text_answer(500, "text/plain", ""),
        "err-429-retry" => Answer::Respond {
            status: 429,
            content_type: "application/json",
            extra_header: Some(("Retry-After", "30")),
            body: json!({"error": "rate_limited", "message": "slow down"})
                .to_string()
                .into_bytes(),
        },
        "err-slow" => Answer::Delayed(
            Duration::from_secs(4),
            Box::new(json_answer(
                200,
                json!({"id": "err-slow", "status": "suspended"}),
            )),
        ),
        "err-close" => Answer::Close,
        "err-badjson" => text_answer(200, "application/json", "{not json"),
        other => {
            let status: u16 = other.strip_prefix("err-")?.parse().ok()?;
            json_answer(
                status,
                json!({"error": format!("upstream said {status}"), "code": status}),
            )
        }
    };
    Some(answer)
}

/// `POST /oauth/token` (form): client secret `good-secret`, code `good-code`.
fn oauth_token(body: &[u8]) -> Answer {
    let form = parse_pairs(&String::from_utf8_lossy(body));
    let field = |name: &str| {
        form.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    if field("client_secret") != Some("good-secret") {
        return json_answer(
            401,
            json!({"error": "invalid_client", "error_description": "Client authentication failed"}),
        );
    }
    match field("grant_type") {
        Some("authorization_code") if field("code") == Some("good-code") => json_answer(
            200,
            json!({"access_token": GOOD_TOKEN, "refresh_token": "rt-1", "token_type": "Bearer", "expires_in": 3600}),
        ),
        Some("authorization_code") => json_answer(
            400,
            json!({"error": "invalid_grant", "error_description": "Code expired"}),
        ),
        Some("refresh_token") => json_answer(
            200,
            json!({"access_token": GOOD_TOKEN, "token_type": "bearer", "expires_in": 3600}),
        ),
        _ => json_answer(400, json!({"error": "unsupported_grant_type"})),
    }
}
