//! `dev http-server` of a generated connector: refused with a `help:` line as built by default,
//! then built with `--features dev` and called over HTTP (`GET /openapi.json`, a `POST`), and
//! stopped with Ctrl-C (SIGINT).

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use connector_new_e2e::support::{cargo, e2e_target_dir, ChildGuard};
use serde_json::Value;

/// An envelope without credentials: the connector answers an error envelope, without the
/// network, the same through the CLI and over HTTP.
const ENVELOPE: &str = r#"{"request": {}}"#;

pub(crate) fn check(workspace: &Path, name: &str) {
    let package = format!("{name}-connector");
    let binary = e2e_target_dir().join("debug").join(&package);

    let refused = Command::new(&binary)
        .args(["dev", "http-server"])
        .output()
        .expect("the connector runs");
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("\nhelp: ") && stderr.contains("--features dev"),
        "the default build says how to get the server:\n{stderr}"
    );

    cargo(workspace, &["build", "-p", &package, "--features", "dev"]);
    let cli = |args: &[&str]| -> String {
        let output = Command::new(&binary).args(args).output().expect("runs");
        assert!(output.status.success(), "{args:?}");
        String::from_utf8(output.stdout).expect("UTF-8")
    };
    let mut child = Command::new(&binary)
        .args(["dev", "http-server", "--port", "0"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the server starts");
    let pipe = child.stderr.take().expect("piped");
    let mut server = ChildGuard::new(child);
    let (lines, received) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines().map_while(Result::ok) {
            let _ = lines.send(line);
        }
    });
    let address = loop {
        let line = received
            .recv_timeout(Duration::from_secs(30))
            .expect("the server prints where it listens");
        if let Some((_, rest)) = line.split_once("listening on http://") {
            break rest
                .split_whitespace()
                .next()
                .expect("an address")
                .to_owned();
        }
    };

    let (status, document) = http(&address, "GET", "/openapi.json", "");
    assert_eq!(status, 200, "{document}");
    let served: Value = serde_json::from_str(&document).expect("JSON");
    let app_info: Value =
        serde_json::from_str(&cli(&["app_info", "--json", ENVELOPE])).expect("JSON");
    assert_eq!(served, app_info["response"]["app_schema"]);

    let (status, answer) = http(&address, "POST", "/validate_credentials", ENVELOPE);
    assert_eq!(status, 200, "{answer}");
    assert!(answer.contains("\"is_error\":true"), "{answer}");
    assert_eq!(answer, cli(&["validate_credentials", "--json", ENVELOPE]));

    let killed = Command::new("kill")
        .args(["-INT", &server.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    let exited = loop {
        if let Some(status) = server.try_wait() {
            break status;
        }
        assert!(Instant::now() < deadline, "still serving 20 s after SIGINT");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(exited.code(), Some(0), "Ctrl-C stops the server cleanly");
}

/// One HTTP/1.1 request on its own connection: the status and the body.
fn http(address: &str, method: &str, path: &str, body: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("a timeout");
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    )
    .expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("an answer");
    let (head, body) = answer.split_once("\r\n\r\n").expect("a head and a body");
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .expect("a status line");
    (status, body.to_owned())
}
