//! A real SCIM 2.0 server for the SCIM tier: scim2-server from PyPI, at the version pinned (with
//! its dependencies and their hashes) in `tests/servers/scim/requirements.txt`, run through
//! `tests/servers/scim/serve.py`.
//!
//! [`ScimServer::start`] installs it into a python3.11 venv in
//! `target/test-servers/scim-<hash>` (the hash covers the requirements and the Python version,
//! so an unchanged install is reused across runs), starts it on 127.0.0.1 on a free port with a
//! bearer token, waits until it answers, and kills it on drop. Any failure panics with what
//! failed and how to fix it: the tier never skips.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::{append, fnv1a64, repo_root, snapshot, ChildGuard};

/// The files that define the server, relative to the repository root.
const SOURCE_DIR: &str = "tests/servers/scim";
const REQUIREMENTS: &str = "requirements.txt";
const WRAPPER: &str = "serve.py";

/// The interpreter the server runs on (scim2-server needs Python 3.11 or later).
const PYTHON: &str = "python3.11";

/// How long the server may take to print its address, and then to answer.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// How often a start is tried: the free port can be taken by someone else before the server
/// binds it.
const START_ATTEMPTS: usize = 3;

/// One install at a time in this process (tests of one binary run in parallel).
static INSTALL: Mutex<()> = Mutex::new(());

/// A running scim2-server; killed on drop.
pub struct ScimServer {
    base_url: String,
    log: Arc<Mutex<String>>,
    // Declared last: dropped (killed) after the rest.
    _guard: ChildGuard,
}

impl ScimServer {
    /// Installs (when not cached) and starts the server, which accepts only `bearer_token`;
    /// panics with a diagnosis on failure.
    pub fn start(bearer_token: &str) -> Self {
        let python_version = python_version();
        let venv = install(&python_version);
        let mut failures = Vec::new();
        for _ in 0..START_ATTEMPTS {
            match Self::try_start(&venv, bearer_token) {
                Ok(server) => {
                    server.wait_until_healthy(bearer_token);
                    return server;
                }
                Err(failure) => failures.push(failure),
            }
        }
        panic!(
            "the SCIM test server (scim2-server, {SOURCE_DIR}/{WRAPPER}, on {python_version}) \
             did not start in {START_ATTEMPTS} attempts:\n{}\nFix: run `{} {} --port 8080` \
             with SCIM_TEST_BEARER_TOKEN set to see the error.",
            failures.join("\n---\n"),
            python_in(&venv).display(),
            repo_root().join(SOURCE_DIR).join(WRAPPER).display(),
        );
    }

    /// One start on a free port; the error carries the server's output.
    fn try_start(venv: &Path, bearer_token: &str) -> Result<Self, String> {
        let port = free_port();
        let mut child = Command::new(python_in(venv))
            .arg(repo_root().join(SOURCE_DIR).join(WRAPPER))
            .args(["--hostname", "127.0.0.1", "--port", &port.to_string()])
            .env("SCIM_TEST_BEARER_TOKEN", bearer_token)
            .env("PYTHONUNBUFFERED", "1")
            // serve.py exits when its stdin closes: a backstop should this process die
            // without running destructors.
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|error| format!("`{PYTHON} {WRAPPER}` does not run: {error}"))?;
        let log = Arc::new(Mutex::new(String::new()));
        let (address_tx, address_rx) = mpsc::channel();
        let stdout = child.stdout.take().ok_or("no piped stdout")?;
        let stderr = child.stderr.take().ok_or("no piped stderr")?;
        let mut guard = ChildGuard::new(child);
        {
            let log = Arc::clone(&log);
            std::thread::spawn(move || {
                for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                    match line.strip_prefix("Serving SCIM on ") {
                        Some(url) => {
                            let _ = address_tx.send(url.trim().to_owned());
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
        match address_rx.recv_timeout(START_TIMEOUT) {
            Ok(base_url) => Ok(Self {
                base_url,
                log,
                _guard: guard,
            }),
            Err(_) => {
                let state = match guard.try_wait() {
                    Some(status) => format!("exited ({status})"),
                    None => format!("printed no address within {START_TIMEOUT:?}"),
                };
                // Give the output readers a moment to collect the last lines.
                std::thread::sleep(Duration::from_millis(200));
                Err(format!(
                    "on port {port} it {state}. Its output:\n{}",
                    snapshot(&log)
                ))
            }
        }
    }

    /// The SCIM base URL, `http://127.0.0.1:<port>/v2`; `Users`, `Groups` and `Bulk` are below it.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// What the server printed so far (its request log and errors), for failure messages. It
    /// never contains the bearer token.
    pub fn log(&self) -> String {
        snapshot(&self.log)
    }

    /// Waits until `ServiceProviderConfig` answers 200 with the bearer token.
    fn wait_until_healthy(&self, bearer_token: &str) {
        let deadline = Instant::now() + START_TIMEOUT;
        let mut last = String::new();
        while Instant::now() < deadline {
            match get(&self.base_url, "/ServiceProviderConfig", bearer_token) {
                Ok((200, body)) if body.contains("ServiceProviderConfig") => return,
                Ok((status, body)) => last = format!("HTTP {status}: {body}"),
                Err(error) => last = error.to_string(),
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!(
            "the SCIM test server at {} did not serve its ServiceProviderConfig within \
             {START_TIMEOUT:?} (last answer: {last}). Its output:\n{}",
            self.base_url,
            self.log()
        );
    }
}

/// A port that was free a moment ago on 127.0.0.1 (scim2-server takes a port number and would
/// announce port 0 as 0, so the port is chosen here).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .unwrap_or_else(|error| panic!("no free port on 127.0.0.1: {error}"))
}

/// `python3.11 --version`, or a panic saying Python 3.11 is needed.
fn python_version() -> String {
    let help = "The SCIM tier runs a real SCIM server (scim2-server) on Python: install \
                python3.11 with its venv module (Debian: `apt-get install python3.11 \
                python3.11-venv`).";
    match Command::new(PYTHON).arg("--version").output() {
        Ok(output) if output.status.success() => {
            String::from_utf8_lossy(&output.stdout).trim().to_owned()
        }
        Ok(output) => panic!(
            "`{PYTHON} --version` failed ({}): {}. {help}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ),
        Err(error) => panic!("{PYTHON} was not found (`{PYTHON} --version`: {error}). {help}"),
    }
}

/// The venv's interpreter.
fn python_in(venv: &Path) -> PathBuf {
    venv.join("bin").join("python")
}

/// Installs the server into a venv unless an install of the same requirements on the same
/// Python exists; returns the venv directory.
fn install(python_version: &str) -> PathBuf {
    let _lock = INSTALL
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let requirements = repo_root().join(SOURCE_DIR).join(REQUIREMENTS);
    let content = std::fs::read(&requirements)
        .unwrap_or_else(|error| panic!("{SOURCE_DIR}/{REQUIREMENTS} is readable: {error}"));
    let key = fnv1a64(&[&content, python_version.as_bytes()]);
    let parent = repo_root().join("target/test-servers");
    let dir = parent.join(format!("scim-{key:016x}"));
    // The marker is written last, so an interrupted install is not mistaken for a complete one.
    if dir.join(".installed").is_file() {
        return dir;
    }

    // Installed beside the final directory and renamed into place, so another test process
    // never sees a half-done install. The venv is only used through its `bin/python`, which
    // finds its packages relative to itself, so the move does not break it.
    let staging = parent.join(format!(".scim-{key:016x}.{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&parent).expect("the install directory's parent is created");
    if let Err(failure) = create_venv(&staging, &requirements) {
        let _ = std::fs::remove_dir_all(&staging);
        panic!("{failure}");
    }
    std::fs::write(staging.join(".installed"), "").expect("install marker written");
    if std::fs::rename(&staging, &dir).is_err() {
        // Another process finished the same install first; use it.
        let _ = std::fs::remove_dir_all(&staging);
        assert!(
            dir.join(".installed").is_file(),
            "could not move the SCIM test server install into {}",
            dir.display()
        );
    }
    dir
}

/// `python3.11 -m venv <dir>`, then pip installs exactly the pinned, hashed wheels.
fn create_venv(dir: &Path, requirements: &Path) -> Result<(), String> {
    run_step(
        Command::new(PYTHON).args(["-m", "venv"]).arg(dir),
        &format!("`{PYTHON} -m venv`"),
        "install Python's venv module (Debian: `apt-get install python3.11-venv`).",
    )?;
    run_step(
        Command::new(python_in(dir))
            .args([
                "-m",
                "pip",
                "install",
                "--require-hashes",
                "--no-deps",
                "--only-binary=:all:",
                "--disable-pip-version-check",
                "--no-input",
                "--quiet",
                "-r",
            ])
            .arg(requirements),
        &format!("`pip install -r {SOURCE_DIR}/{REQUIREMENTS}`"),
        &format!(
            "PyPI must be reachable (or the wheels in pip's cache). A hash mismatch means \
             {SOURCE_DIR}/{REQUIREMENTS} does not match PyPI's files: see its header for how to \
             pin another version."
        ),
    )
}

/// Runs one install step; the error names the step, its output and the fix.
fn run_step(command: &mut Command, step: &str, fix: &str) -> Result<(), String> {
    let output = command.output().map_err(|error| {
        format!("installing the SCIM test server: {step} does not run ({error}); {fix}")
    })?;
    if output.status.success() {
        return Ok(());
    }
    Err(format!(
        "installing the SCIM test server failed: {step} exited with {}:\n{}{}\nFix: {fix}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    ))
}

/// A bare HTTP/1.0 GET with a bearer token on loopback: enough for a health check without an
/// HTTP client here.
fn get(base_url: &str, path: &str, bearer_token: &str) -> std::io::Result<(u16, String)> {
    let rest = base_url.strip_prefix("http://").unwrap_or(base_url);
    let (authority, prefix) = rest.split_once('/').map_or((rest, ""), |(a, p)| (a, p));
    let mut stream = TcpStream::connect(authority)?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    write!(
        stream,
        "GET /{prefix}{path} HTTP/1.0\r\nHost: {authority}\r\nAccept: application/scim+json\r\n\
         Authorization: Bearer {bearer_token}\r\n\r\n"
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
