//! The two texts of the same calls: the generated README's examples (`templates/README.md`)
//! and the next steps connector-new prints after generating. For every API and auth kind the
//! README's envelope, with its `CREDENTIAL` filled in from the next steps, is the next steps'
//! envelope, its credential placeholder has the same fields, and both name the same commands;
//! then, for a built REST token connector, the README's commands and the next steps' command
//! are run as printed (their base URL pointed at a local stub of the API) and answer the same.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "the helpers of a test fail it by panicking, like the test functions themselves"
)]

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;
use std::sync::mpsc;

use connector_new::vocabulary::{ApiKind, AuthKind};
use connector_new_e2e::support::{build_command, connector_new_binary, ScratchWorkspace};
use connector_new_e2e::tutorial::blocks;
use serde_json::Value;

/// The calls of one generated crate, as its README and connector-new's report give them.
struct Texts {
    next_steps: Vec<String>,
    readme: String,
}

fn generate(binary: &Path, workspace: &Path, name: &str, api: &str, auth: &str) -> Texts {
    let output = Command::new(binary)
        .args([name, "--api", api, "--auth", auth, "--yes", "--json"])
        .current_dir(workspace)
        .output()
        .expect("connector-new runs");
    assert!(
        output.status.success(),
        "connector-new {name} --api {api} --auth {auth} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).expect("--json prints JSON");
    let next_steps = report["next_steps"]
        .as_array()
        .expect("next_steps")
        .iter()
        .map(|step| step.as_str().expect("a command").to_owned())
        .collect();
    let readme = std::fs::read_to_string(workspace.join(name).join("README.md")).expect("README");
    Texts { next_steps, readme }
}

/// The README's shell lines, from its `sh` blocks.
fn readme_commands(readme: &str) -> Vec<String> {
    blocks(readme)
        .expect("the README's fences close")
        .iter()
        .filter(|block| block.language() == "sh")
        .flat_map(|block| block.body.lines().map(str::to_owned).collect::<Vec<_>>())
        .collect()
}

/// `ENVELOPE='...'` of the README, and its `CREDENTIAL` placeholder (`{...}` read as `{}`).
fn readme_envelope(readme: &str) -> (String, Value) {
    let line = readme_commands(readme)
        .into_iter()
        .find(|line| line.starts_with("ENVELOPE='"))
        .expect("the README defines ENVELOPE");
    let envelope = line
        .strip_prefix("ENVELOPE='")
        .and_then(|rest| rest.strip_suffix('\''))
        .expect("ENVELOPE='...'")
        .to_owned();
    let credential = readme
        .lines()
        .find_map(|line| line.strip_prefix("with `CREDENTIAL` = `"))
        .and_then(|rest| rest.split('`').next())
        .expect("the README says what CREDENTIAL is");
    let credential = serde_json::from_str(&credential.replace("{...}", "{}"))
        .unwrap_or_else(|e| panic!("CREDENTIAL `{credential}` is not JSON: {e}"));
    (envelope, credential)
}

/// The next steps' call: its command without the envelope, and the envelope.
fn next_step_call(steps: &[String]) -> (String, Value) {
    let call = steps
        .iter()
        .find(|step| step.contains(" --json '"))
        .expect("a next step calls the connector");
    let (command, json) = call.split_once(" --json '").expect("--json '...'");
    let json = json.strip_suffix('\'').expect("the envelope is quoted");
    (
        command.to_owned(),
        serde_json::from_str(json).expect("JSON"),
    )
}

fn keys(value: &Value) -> Vec<String> {
    value
        .as_object()
        .map(|object| object.keys().cloned().collect())
        .unwrap_or_default()
}

#[test]
fn the_readme_and_the_next_steps_give_the_same_calls() {
    let binary = connector_new_binary();
    let scratch = ScratchWorkspace::new();
    for api in ApiKind::ALL {
        for auth in AuthKind::ALL {
            let name = format!("{}-{}", api.as_str(), auth.as_str());
            let texts = generate(&binary, scratch.path(), &name, api.as_str(), auth.as_str());
            let commands = readme_commands(&texts.readme);
            assert_eq!(texts.next_steps[0], format!("cd {name}"), "{name}");
            for step in &texts.next_steps[1..] {
                let (command, _) = step.split_once(" --json").unwrap_or((step, ""));
                assert!(
                    commands.iter().any(|line| line.starts_with(command)),
                    "{name}: the next step `{command}` is not among the README's commands: \
                     {commands:#?}"
                );
            }
            let (command, envelope) = next_step_call(&texts.next_steps);
            assert!(
                commands.contains(&format!("{command} --json \"$ENVELOPE\"")),
                "{name}: the README does not run `{command}` with $ENVELOPE"
            );
            let (readme_envelope, placeholder) = readme_envelope(&texts.readme);
            let credential = &envelope["credentials"][0];
            let key = auth.credential_key();
            assert_eq!(
                keys(&placeholder),
                keys(&credential[key]),
                "{name}: the README's CREDENTIAL and the next steps' credential differ in fields"
            );
            let filled = readme_envelope.replace("CREDENTIAL", &credential[key].to_string());
            let filled: Value = serde_json::from_str(&filled)
                .unwrap_or_else(|e| panic!("{name}: the README's envelope is not JSON: {e}"));
            assert_eq!(filled, envelope, "{name}: README envelope vs next steps");
        }
    }
}

/// A stand-in for the API the generated REST connector calls: every request is answered
/// `{"tenant_id": "t-1"}`; the `Authorization` header of each is sent on the channel.
fn stub_api() -> (String, mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
    let address = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming().map_while(Result::ok) {
            let mut reader = BufReader::new(&stream);
            let mut authorization = String::new();
            let mut line = String::new();
            while reader.read_line(&mut line).unwrap_or(0) > 0 && line != "\r\n" {
                if let Some((name, value)) = line.split_once(':') {
                    if name.eq_ignore_ascii_case("authorization") {
                        authorization = value.trim().to_owned();
                    }
                }
                line.clear();
            }
            let _ = tx.send(authorization);
            let body = r#"{"tenant_id":"t-1"}"#;
            let mut stream = reader.into_inner();
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
                 Connection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.read(&mut [0; 1]);
        }
    });
    (address, rx)
}

#[test]
fn the_readme_and_the_next_steps_calls_run_the_same_against_a_built_connector() {
    let binary = connector_new_binary();
    let scratch = ScratchWorkspace::new();
    let texts = generate(&binary, scratch.path(), "tiedapp", "rest", "token");
    let crate_dir = scratch.path().join("tiedapp");
    scratch.build_connectors(&["tiedapp"]);
    let (api, authorizations) = stub_api();
    let (_, envelope) = next_step_call(&texts.next_steps);
    let token = envelope["credentials"][0]["token"].to_string();
    let base_url = envelope["settings"]["base_url"]
        .as_str()
        .unwrap()
        .to_owned();

    // Each text run as printed in a shell in the crate, only the base URL pointed at the stub.
    let run = |script: String| -> String {
        let output = build_command("bash")
            .args(["-ec", &script.replace(&base_url, &api)])
            .current_dir(&crate_dir)
            .output()
            .expect("bash runs");
        assert!(
            output.status.success(),
            "`{script}` failed:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let from_next_steps = run(texts.next_steps[2].clone());
    let commands = readme_commands(&texts.readme);
    let envelope_line = commands
        .iter()
        .find(|line| line.starts_with("ENVELOPE='"))
        .unwrap()
        .replace("CREDENTIAL", &token);
    let call = commands
        .iter()
        .find(|line| line.contains("--json \"$ENVELOPE\""))
        .unwrap();
    let from_readme = run(format!("{envelope_line}\n{call}"));
    assert_eq!(from_readme, from_next_steps);
    let answer: Value = serde_json::from_str(&from_readme).expect("the connector prints JSON");
    assert_eq!(
        answer["response"],
        serde_json::json!({"valid": true, "unique_tenant_id": "t-1"}),
        "{from_readme}"
    );
    let expected = format!(
        "Bearer {}",
        envelope["credentials"][0]["token"]["token"]
            .as_str()
            .unwrap()
    );
    for _ in 0..2 {
        assert_eq!(authorizations.recv().unwrap(), expected);
    }
    // The README's other example commands run too.
    let info = commands
        .iter()
        .find(|line| line.starts_with("cargo run -q -- info"))
        .expect("the README runs info");
    let info: Value = serde_json::from_str(&run(info.clone())).expect("info prints JSON");
    assert_eq!(info["response"]["app_id"], "tiedapp");
}
