//! CLI transcripts: help, list, completions, a success, --dry-run, --json, and every refusal
//! with the disk checked untouched.

mod support;

use std::fs;

use connector_new::vocabulary::{AuthKind, Capability};
use serde_json::Value;
use support::{assert_refusal, connector_new, files, snapshot};
use tempfile::TempDir;

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn help_documents_every_flag_and_the_precedence() {
    let dir = TempDir::new().unwrap();
    let output = connector_new(dir.path()).arg("--help").output().unwrap();
    assert!(output.status.success());
    let help = stdout(&output);
    for flag in [
        "--auth",
        "--capabilities",
        "--all-capabilities",
        "--output",
        "--sdk-path",
        "--define",
        "--values-file",
        "--yes",
        "--force",
        "--dry-run",
        "--json",
        "--list",
        "completions",
    ] {
        assert!(help.contains(flag), "{flag} missing from:\n{help}");
    }
    for auth in AuthKind::ALL {
        assert!(help.contains(auth.description()), "{auth}");
    }
    assert!(help.contains("strongest first"), "{help}");
}

#[test]
fn list_prints_one_line_per_value_with_its_description() {
    let dir = TempDir::new().unwrap();
    let output = connector_new(dir.path()).arg("--list").output().unwrap();
    assert!(output.status.success());
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.len(),
        AuthKind::ALL.len() + Capability::ALL.len(),
        "{text}"
    );
    for (line, auth) in lines.iter().zip(AuthKind::ALL) {
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(words[..2], ["auth", auth.as_str()], "{line}");
        assert!(line.ends_with(auth.description()), "{line}");
    }
    for (line, capability) in lines[AuthKind::ALL.len()..].iter().zip(Capability::ALL) {
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(words[..2], ["capability", capability.as_str()], "{line}");
        assert!(line.ends_with(capability.description()), "{line}");
    }
    let json = connector_new(dir.path())
        .args(["--list", "--json"])
        .output()
        .unwrap();
    let value: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        value["capabilities"].as_array().unwrap().len(),
        Capability::ALL.len()
    );
}

#[test]
fn completions_are_generated() {
    let dir = TempDir::new().unwrap();
    let output = connector_new(dir.path())
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let script = stdout(&output);
    assert!(script.contains("connector-new") && script.contains("--all-capabilities"));
    // The enum values are offered as completions.
    assert!(script.contains("oauth-client-credentials"), "{script}");
}

#[test]
fn success_writes_the_crate_and_prints_next_steps() {
    let dir = TempDir::new().unwrap();
    let output = connector_new(dir.path())
        .args([
            "my-app",
            "--auth",
            "token",
            "--capabilities",
            "list_accounts,assign_entitlement",
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = stdout(&output);
    let written = files(&dir.path().join("my-app"));
    for (path, content) in &written {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(path.as_str()));
        let line = line.unwrap_or_else(|| panic!("{path} not listed in:\n{text}"));
        assert!(line.contains(&format!("{} bytes", content.len())), "{line}");
    }
    assert!(written.contains_key("src/capabilities_write.rs"));
    assert!(
        text.contains("Next steps:\n  cd my-app\n  cargo test\n"),
        "{text}"
    );
    let call = text.lines().last().unwrap();
    assert!(call.contains("validate_credentials --json '"), "{call}");
    let envelope: Value = serde_json::from_str(call.split('\'').nth(1).unwrap()).unwrap();
    assert_eq!(
        envelope["credentials"][0]["id"], "my_app_token",
        "{envelope}"
    );
    assert!(
        envelope["credentials"][0]["token"]["token"].is_string(),
        "{envelope}"
    );
    // The only thing next to the crate is the crate: no staging directory left behind.
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn dry_run_prints_the_plan_and_writes_nothing() {
    let dir = TempDir::new().unwrap();
    let output = connector_new(dir.path())
        .args(["myapp", "-y", "--dry-run"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        snapshot(dir.path()).is_empty(),
        "dry run wrote {:?}",
        snapshot(dir.path())
    );
    let text = stdout(&output);
    assert!(text.contains("nothing written"), "{text}");

    // The plan lists exactly the files a real run writes, with their sizes.
    let real = connector_new(dir.path())
        .args(["myapp", "-y"])
        .output()
        .unwrap();
    assert!(real.status.success());
    for (path, content) in files(&dir.path().join("myapp")) {
        let line = text
            .lines()
            .find(|l| l.split_whitespace().next() == Some(path.as_str()));
        let line = line.unwrap_or_else(|| panic!("{path} not in plan:\n{text}"));
        assert!(line.contains(&format!("{} bytes", content.len())), "{line}");
    }
}

#[test]
fn json_reports_the_plan_and_the_result() {
    let dir = TempDir::new().unwrap();
    let planned = connector_new(dir.path())
        .args(["myapp", "-y", "--auth", "jwt", "--json", "--dry-run"])
        .output()
        .unwrap();
    assert!(planned.status.success());
    assert!(snapshot(dir.path()).is_empty());
    let plan: Value = serde_json::from_slice(&planned.stdout).unwrap();
    assert_eq!(plan["status"], "dry-run");

    let created = connector_new(dir.path())
        .args(["myapp", "-y", "--auth", "jwt", "--json"])
        .output()
        .unwrap();
    assert!(created.status.success());
    let result: Value = serde_json::from_slice(&created.stdout).unwrap();
    assert_eq!(result["status"], "created");
    assert_eq!(result["auth"], "jwt");
    assert_eq!(result["package"], "myapp-connector");
    assert_eq!(result["files"], plan["files"]);
    let on_disk = files(&dir.path().join("myapp"));
    let listed: Vec<(String, u64)> = result["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                f["bytes"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected: Vec<(String, u64)> = on_disk
        .iter()
        .map(|(p, c)| (p.clone(), c.len() as u64))
        .collect();
    assert_eq!(listed, expected);
    let steps = result["next_steps"].as_array().unwrap();
    let call = steps.last().unwrap().as_str().unwrap();
    let envelope: Value = serde_json::from_str(call.split('\'').nth(1).unwrap()).unwrap();
    assert!(
        envelope["credentials"][0]["jwt"]["claims"].is_object(),
        "{envelope}"
    );

    // Errors are JSON too, and still printed once on stderr.
    let failed = connector_new(dir.path())
        .args(["myapp", "-y", "--json"])
        .output()
        .unwrap();
    assert_eq!(failed.status.code(), Some(1));
    let error: Value = serde_json::from_slice(&failed.stdout).unwrap();
    assert_eq!(error["status"], "error");
    assert!(
        error["help"].as_str().unwrap().contains("--force"),
        "{error}"
    );
}

#[test]
fn generation_is_deterministic() {
    let dir = TempDir::new().unwrap();
    for out in ["a", "b"] {
        let output = connector_new(dir.path())
            .args([
                "same",
                "--all-capabilities",
                "--auth",
                "basic",
                "--output",
                out,
            ])
            .output()
            .unwrap();
        assert!(output.status.success());
    }
    assert_eq!(files(&dir.path().join("a")), files(&dir.path().join("b")));
}

#[test]
fn force_writes_into_a_non_empty_directory_keeping_other_files() {
    let dir = TempDir::new().unwrap();
    let crate_dir = dir.path().join("myapp");
    fs::create_dir_all(crate_dir.join("src")).unwrap();
    fs::write(crate_dir.join("NOTES.txt"), "mine").unwrap();
    fs::write(crate_dir.join("src/lib.rs"), "old").unwrap();
    let output = connector_new(dir.path())
        .args(["myapp", "-y", "--force"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let after = files(&crate_dir);
    assert_eq!(after["NOTES.txt"], "mine");
    assert_ne!(after["src/lib.rs"], "old");
    assert!(after.contains_key("Cargo.toml"));
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "staging directory left behind"
    );
}

#[test]
fn an_empty_existing_directory_is_used_without_force() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("myapp")).unwrap();
    let output = connector_new(dir.path())
        .args(["myapp", "-y"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(dir.path().join("myapp/Cargo.toml").is_file());
}

/// Runs connector-new with `args` in a directory holding `setup`'s files, and checks that it
/// refuses with `needle` in the message and leaves the directory exactly as it was.
fn refuses(args: &[&str], needle: &str, setup: fn(&std::path::Path)) {
    let dir = TempDir::new().unwrap();
    setup(dir.path());
    let before = snapshot(dir.path());
    let output = connector_new(dir.path()).args(args).output().unwrap();
    assert_refusal(&output, needle);
    assert_eq!(snapshot(dir.path()), before, "{args:?} touched the disk");
}

fn nothing(_: &std::path::Path) {}

#[test]
fn refuses_bad_names() {
    for (name, needle) in [
        ("", "the app name is empty"),
        ("1app", "starts with a digit"),
        ("my app", "invalid character ` `"),
        ("fn", "is a Rust keyword"),
        ("test", "reserved"),
        ("a/b", "is a path"),
        ("..", "is a path"),
        ("My_App", "not kebab-case"),
    ] {
        refuses(&[name, "-y"], needle, nothing);
    }
}

#[test]
fn refuses_unknown_auth_and_capabilities() {
    refuses(
        &["myapp", "--auth", "saml", "-y"],
        "unknown auth kind `saml` (from --auth)",
        nothing,
    );
    refuses(
        &["myapp", "-y", "-d", "auth=saml"],
        "unknown auth kind `saml` (from --define)",
        nothing,
    );
    refuses(
        &["myapp", "-y", "--capabilities", "list_accounts,list_groups"],
        "unknown capability `list_groups`",
        nothing,
    );
    refuses(
        &["myapp", "-y", "-d", "colour=blue"],
        "unknown template value `colour`",
        nothing,
    );
}

#[test]
fn unknown_values_are_listed_in_the_help_line() {
    let dir = TempDir::new().unwrap();
    let output = connector_new(dir.path())
        .args(["myapp", "-y", "--capabilities", "nope"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let help = stderr.lines().find(|l| l.starts_with("help: ")).unwrap();
    for capability in Capability::ALL {
        assert!(help.contains(capability.as_str()), "{help}");
    }
}

#[test]
fn refuses_an_output_that_is_a_file() {
    refuses(&["myapp", "-y", "--output", "taken"], "is a file", |dir| {
        fs::write(dir.join("taken"), "x").unwrap()
    });
    refuses(
        &["myapp", "-y", "--output", "taken/inside"],
        "is a file",
        |dir| fs::write(dir.join("taken"), "x").unwrap(),
    );
}

#[test]
fn refuses_a_non_empty_directory_without_force() {
    refuses(&["myapp", "-y"], "exists and is not empty", |dir| {
        fs::create_dir(dir.join("myapp")).unwrap();
        fs::write(dir.join("myapp/keep.txt"), "x").unwrap();
    });
}

#[test]
fn refuses_a_missing_sdk() {
    refuses(
        &["myapp", "-y", "--sdk-path", "../no-sdk-here"],
        "no connector-sdk crate at",
        nothing,
    );
    refuses(
        &["myapp", "-y", "--sdk-path", "../other"],
        "not connector-sdk",
        |dir| {
            fs::create_dir(dir.join("other")).unwrap();
            fs::write(
                dir.join("other/Cargo.toml"),
                "[package]\nname = \"other\"\n",
            )
            .unwrap();
        },
    );
}

#[test]
fn refuses_missing_answers_without_a_terminal_naming_the_flag() {
    refuses(&["myapp"], "no --auth given", nothing);
    refuses(
        &["myapp", "--auth", "basic"],
        "no --capabilities given",
        nothing,
    );
    refuses(
        &["--auth", "basic", "--all-capabilities"],
        "no app name given",
        nothing,
    );
}

#[test]
fn refuses_bad_values_files() {
    refuses(
        &["myapp", "-y", "--values-file", "v.toml"],
        "cannot read values file",
        nothing,
    );
    refuses(
        &["myapp", "-y", "--values-file", "v.toml"],
        "no [values] table",
        |dir| fs::write(dir.join("v.toml"), "# empty\n").unwrap(),
    );
}

#[test]
fn usage_errors_exit_with_clap_code() {
    let dir = TempDir::new().unwrap();
    let output = connector_new(dir.path())
        .args(["myapp", "--frobnicate"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = connector_new(dir.path())
        .args([
            "myapp",
            "--capabilities",
            "list_accounts",
            "--all-capabilities",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(snapshot(dir.path()).is_empty());
}

#[test]
fn values_files_and_defines_feed_the_templates() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("v.toml"),
        "[values]\nauth = \"basic\"\ncreate_account = true\nlist_accounts = false\n",
    )
    .unwrap();
    let output = connector_new(dir.path())
        .args([
            "myapp",
            "-y",
            "--values-file",
            "v.toml",
            "-d",
            "delete_account=true",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let result: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(result["auth"], "basic");
    let capabilities: Vec<&str> = result["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(capabilities.contains(&"create_account") && capabilities.contains(&"delete_account"));
    assert!(!capabilities.contains(&"list_accounts"));
}

/// Root may write anywhere a permission bit forbids, so use a filesystem nobody can create
/// directories in.
#[cfg(target_os = "linux")]
#[test]
fn refuses_an_unwritable_parent() {
    let dir = TempDir::new().unwrap();
    let output = connector_new(dir.path())
        .args(["myapp", "-y", "--output", "/proc/connector-new-test/myapp"])
        .output()
        .unwrap();
    assert_refusal(&output, "cannot create");
    assert!(!std::path::Path::new("/proc/connector-new-test").exists());
    assert!(snapshot(dir.path()).is_empty());
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    let dir = TempDir::new().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_connector-new"))
        .args(["--list"])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Close the pipe without reading: writes fail with EPIPE.
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
