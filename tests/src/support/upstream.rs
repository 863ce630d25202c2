//! A fake upstream API on 127.0.0.1: plain HTTP/1.1 over std sockets, one thread per
//! connection, every answer closes its connection. A handler decides, per request, what to
//! answer: a status, headers and body, or a reset. It records the `Authorization` headers it
//! received, so tests know the exact credentials that went over the wire (a signed JWT, a
//! Basic header).

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// One request as the upstream received it (the body is read and dropped).
#[derive(Debug, Clone)]
pub struct Received {
    /// `GET`, `POST`...
    pub method: String,
    /// The request target: path and query.
    pub target: String,
    /// Header lines, names lower-cased.
    pub headers: Vec<(String, String)>,
}

impl Received {
    /// The path without the query.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or_default()
    }

    /// The first value of query parameter `name` (not percent-decoded).
    pub fn query(&self, name: &str) -> Option<&str> {
        let (_, query) = self.target.split_once('?')?;
        query
            .split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value)
    }
}

/// What the upstream does with one request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A complete answer: status, extra header lines (`Name: value`), body.
    Answer(u16, Vec<String>, Vec<u8>),
    /// Resets the connection (linger 0) without answering.
    Reset,
}

impl Reply {
    /// A JSON answer.
    pub fn json(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Self::Answer(
            status,
            vec!["Content-Type: application/json".to_owned()],
            body.into(),
        )
    }
}

/// Decides the reply to each request.
pub type Handler = Arc<dyn Fn(&Received) -> Reply + Send + Sync>;

/// The running upstream; stops accepting when dropped.
pub struct Upstream {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    authorizations: Arc<Mutex<BTreeSet<String>>>,
}

impl Upstream {
    /// Starts an upstream that answers every request with `handler`.
    pub fn start(handler: Handler) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("the listener's address");
        let stop = Arc::new(AtomicBool::new(false));
        let authorizations = Arc::new(Mutex::new(BTreeSet::new()));
        let stopped = stop.clone();
        let seen = authorizations.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let handler = handler.clone();
                let seen = seen.clone();
                std::thread::spawn(move || serve(stream, &handler, &seen));
            }
        });
        Self {
            addr,
            stop,
            authorizations,
        }
    }

    /// Starts an upstream that gives every request the same reply.
    pub fn fixed(reply: Reply) -> Self {
        Self::start(Arc::new(move |_: &Received| reply.clone()))
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every distinct `Authorization` header value received so far.
    pub fn authorizations(&self) -> BTreeSet<String> {
        self.authorizations
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }
}

impl Drop for Upstream {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so that it sees the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

/// Reads one request (head and `Content-Length` body) or `None` if the peer went away.
fn read_request(stream: &TcpStream) -> Option<Received> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let target = parts.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    let length: u64 = headers
        .iter()
        .find(|(name, _)| name == "content-length")
        .and_then(|(_, value)| value.parse().ok())
        .unwrap_or(0);
    // Read the whole body: closing a socket with unread input would reset the connection.
    std::io::copy(&mut reader.take(length), &mut std::io::sink()).ok()?;
    Some(Received {
        method,
        target,
        headers,
    })
}

fn serve(mut stream: TcpStream, handler: &Handler, seen: &Mutex<BTreeSet<String>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let Some(request) = read_request(&stream) else {
        return;
    };
    if let Some((_, value)) = request.headers.iter().find(|(n, _)| n == "authorization") {
        seen.lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(value.clone());
    }
    match handler(&request) {
        Reply::Answer(status, headers, body) => {
            let mut head = format!(
                "HTTP/1.1 {status} Fake\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for line in headers {
                head.push_str(&line);
                head.push_str("\r\n");
            }
            head.push_str("\r\n");
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
            let _ = stream.flush();
        }
        Reply::Reset => reset(&stream),
    }
}

/// Sets linger 0, so that closing the socket sends a reset instead of a FIN.
fn reset(stream: &TcpStream) {
    let linger = libc::linger {
        l_onoff: 1,
        l_linger: 0,
    };
    // SAFETY: setsockopt on the stream's own open descriptor with a correctly sized value.
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

// The loopback port that refuses connections is the SDK tests' guard, shared rather than
// copied.
#[path = "../../../sdk/tests/support/refused_port.rs"]
mod refused_port;
pub use refused_port::RefusedPort;

impl Default for RefusedPort {
    fn default() -> Self {
        Self::new()
    }
}
