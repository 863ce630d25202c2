//! A real OAuth 2.0 / OpenID Connect server for the OAuth tier: oidc-provider from npm, at the
//! version pinned in `tests/servers/oauth/package-lock.json`, configured by
//! `tests/servers/oauth/server.mjs` (its clients and routes are documented there).
//!
//! [`OAuthServer::start`] installs it with `npm ci` into `target/test-servers/oauth-<hash>`
//! (the hash covers the three files, so an unchanged install is reused across runs), starts it
//! on 127.0.0.1 on a free port, waits until its discovery document answers, and kills it on
//! drop. Any failure panics with what failed and how to fix it: the tier never skips.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::{append, fnv1a64, repo_root, snapshot, ChildGuard};

/// The files that define the server, relative to the repository root.
const SOURCE_DIR: &str = "tests/servers/oauth";
const FILES: [&str; 3] = ["package.json", "package-lock.json", "server.mjs"];

/// How long the server may take to print its address, and then to answer.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// One npm install at a time in this process (tests of one binary run in parallel).
static INSTALL: Mutex<()> = Mutex::new(());

/// A running oidc-provider; killed on drop.
pub struct OAuthServer {
    issuer: String,
    log: Arc<Mutex<String>>,
    // Declared last: dropped (killed) after the rest.
    _guard: ChildGuard,
}

impl OAuthServer {
    /// Installs (when not cached) and starts the server; panics with a diagnosis on failure.
    pub fn start() -> Self {
        let node_version = node_version();
        let dir = install();
        let mut child = Command::new("node")
            .arg("server.mjs")
            .current_dir(&dir)
            // The server exits when its stdin closes: a backstop should this process die
            // without running destructors.
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|error| {
                panic!("could not start the OAuth test server (`node server.mjs`): {error}")
            });
        let log = Arc::new(Mutex::new(String::new()));
        let (issuer_tx, issuer_rx) = mpsc::channel();
        let stdout = child.stdout.take().expect("piped stdout");
        let stderr = child.stderr.take().expect("piped stderr");
        let mut guard = ChildGuard::new(child);
        {
            let log = Arc::clone(&log);
            std::thread::spawn(move || {
                for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                    match line.strip_prefix("issuer: ") {
                        Some(issuer) => {
                            let _ = issuer_tx.send(issuer.to_owned());
                        }
                        None => append(&log, &line),
                    }
                }
            });
        }
        {
            let log = Arc::clone(&log);
            std::thread::spawn(move || {
                for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                    append(&log, &line);
                }
            });
        }

        let issuer = match issuer_rx.recv_timeout(START_TIMEOUT) {
            Ok(issuer) => issuer,
            Err(_) => {
                let state = match guard.try_wait() {
                    Some(status) => format!("exited ({status})"),
                    None => format!("printed no address within {START_TIMEOUT:?}"),
                };
                panic!(
                    "the OAuth test server (oidc-provider, {SOURCE_DIR}/server.mjs, \
                     started with Node.js {node_version}) {state}. Its output:\n{}\n\
                     Fix: run `node server.mjs` in {} to see the error; oidc-provider 9 \
                     needs Node.js 20 or later.",
                    snapshot(&log),
                    dir.display()
                );
            }
        };
        let server = Self {
            issuer,
            log,
            _guard: guard,
        };
        server.wait_until_healthy();
        server
    }

    /// The issuer URL, `http://127.0.0.1:<port>`; every endpoint is below it.
    pub fn issuer(&self) -> &str {
        &self.issuer
    }

    /// What the server printed so far (warnings, errors), for failure messages. It never
    /// contains tokens or client secrets.
    pub fn log(&self) -> String {
        snapshot(&self.log)
    }

    /// Waits until the discovery document answers 200 and names this issuer.
    fn wait_until_healthy(&self) {
        let deadline = Instant::now() + START_TIMEOUT;
        let mut last = String::new();
        while Instant::now() < deadline {
            match get(&self.issuer, "/.well-known/openid-configuration") {
                Ok((200, body)) if body.contains(&format!("\"issuer\":\"{}\"", self.issuer)) => {
                    return;
                }
                Ok((status, body)) => last = format!("HTTP {status}: {body}"),
                Err(error) => last = error.to_string(),
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!(
            "the OAuth test server at {} did not serve its discovery document within \
             {START_TIMEOUT:?} (last answer: {last}). Its output:\n{}",
            self.issuer,
            self.log()
        );
    }
}

/// `node --version`, or a panic saying Node.js is needed.
fn node_version() -> String {
    match Command::new("node").arg("--version").output() {
        Ok(output) if output.status.success() => {
            String::from_utf8_lossy(&output.stdout).trim().to_owned()
        }
        Ok(output) => panic!(
            "`node --version` failed ({}): {}. The OAuth tier runs a real authorization server \
             on Node.js: install Node.js 20 or later with npm.",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(error) => panic!(
            "Node.js was not found (`node --version`: {error}). The OAuth tier runs a real \
             authorization server on Node.js: install Node.js 20 or later with npm."
        ),
    }
}

/// Installs the server with `npm ci` unless an install of the same files exists; returns the
/// install directory.
fn install() -> PathBuf {
    let _lock = INSTALL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let source = repo_root().join(SOURCE_DIR);
    let contents: Vec<Vec<u8>> = FILES
        .iter()
        .map(|file| {
            std::fs::read(source.join(file))
                .unwrap_or_else(|error| panic!("{SOURCE_DIR}/{file} is readable: {error}"))
        })
        .collect();
    let parts: Vec<&[u8]> = contents.iter().map(Vec::as_slice).collect();
    let key = fnv1a64(&parts);
    let parent = repo_root().join("target/test-servers");
    let dir = parent.join(format!("oauth-{key:016x}"));
    // The marker is written last, so an interrupted install is not mistaken for a complete one.
    if dir.join(".installed").is_file() {
        return dir;
    }

    // Installed beside the final directory and renamed into place, so another test process
    // never sees a half-done install.
    let staging = parent.join(format!(".oauth-{key:016x}.{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging).expect("the install directory is created");
    for (file, content) in FILES.iter().zip(&contents) {
        std::fs::write(staging.join(file), content).expect("server files copied");
    }
    if let Err(failure) = npm_ci(&staging) {
        let _ = std::fs::remove_dir_all(&staging);
        panic!("{failure}");
    }
    std::fs::write(staging.join(".installed"), "").expect("install marker written");
    if std::fs::rename(&staging, &dir).is_err() {
        // Another process finished the same install first; use it.
        let _ = std::fs::remove_dir_all(&staging);
        assert!(
            dir.join(".installed").is_file(),
            "could not move the OAuth test server install into {}",
            dir.display()
        );
    }
    dir
}

/// Runs `npm ci` in `dir`; the error says what failed and how to fix it.
fn npm_ci(dir: &Path) -> Result<(), String> {
    let output = Command::new("npm")
        .args([
            "ci",
            "--no-audit",
            "--no-fund",
            "--ignore-scripts",
            "--loglevel=error",
        ])
        .current_dir(dir)
        .env("npm_config_update_notifier", "false")
        .output()
        .map_err(|error| {
            format!(
                "npm was not found (`npm ci`: {error}). The OAuth tier installs its \
                 authorization server (oidc-provider) from the npm registry: install Node.js \
                 20 or later with npm."
            )
        })?;
    if output.status.success() {
        return Ok(());
    }
    Err(format!(
        "installing the OAuth test server failed: `npm ci` for {SOURCE_DIR} exited with \
         {}:\n{}{}\nFix: the npm registry must be reachable (or the packages of \
         {SOURCE_DIR}/package-lock.json present in npm's cache); to change the server's version, \
         edit {SOURCE_DIR}/package.json and run `npm install --package-lock-only` there.",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    ))
}

/// A bare HTTP/1.0 GET on loopback: enough for a health check without an HTTP client here.
fn get(base: &str, path: &str) -> std::io::Result<(u16, String)> {
    let authority = base.strip_prefix("http://").unwrap_or(base);
    let mut stream = TcpStream::connect(authority)?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: {authority}\r\nAccept: application/json\r\n\r\n"
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    let body = response
        .split_once("\r\n\r\n")
        .map_or("", |(_, body)| body)
        .to_owned();
    Ok((status, body))
}
