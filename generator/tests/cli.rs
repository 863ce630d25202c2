//! CLI transcripts: help, list, completions, a success, --dry-run, --json, and every refusal,
//! each compared whole (stdout, stderr and exit code) with a reviewed file under
//! `tests/snapshots/cli/`; on every refusal the disk is checked untouched. After a deliberate
//! change of user-visible text: `SNAPSHOTS=overwrite cargo test -p connector-new --test cli`,
//! then review `git diff generator/tests/snapshots`.

mod support;

use std::fs;

use support::{files, sizes, tree, Session};

#[test]
fn help() {
    let mut session = Session::new();
    session.run_ok(&["--help"]);
    session.assert_transcript("snapshots/cli/help.txt");
}

#[test]
fn list_prints_one_line_per_value_with_its_description() {
    let mut session = Session::new();
    session.run_ok(&["--list"]);
    session.run_ok(&["--list", "--json"]);
    session.assert_transcript("snapshots/cli/list.txt");
}

#[test]
fn completions_are_generated() {
    let mut session = Session::new();
    session.run_ok(&["completions", "bash"]);
    session.assert_transcript("snapshots/cli/completions_bash.txt");
}

#[test]
fn success_writes_the_crate_and_prints_next_steps() {
    let mut session = Session::new();
    let ran = session.run_ok(&[
        "my-app",
        "--auth",
        "token",
        "--capabilities",
        "list_accounts,assign_entitlement",
    ]);
    session.assert_transcript("snapshots/cli/success.txt");
    // The sizes the snapshot redacts are those of the written files.
    assert_eq!(ran.listed_files(), sizes(&session.root().join("my-app")));
    // The only thing next to the crate is the crate: no staging directory left behind.
    assert_eq!(fs::read_dir(session.root()).unwrap().count(), 1);
}

#[test]
fn dry_run_prints_the_plan_and_writes_nothing() {
    let mut session = Session::new();
    let planned = session.run_ok(&["myapp", "-y", "--dry-run"]);
    assert!(tree(session.root()).is_empty(), "the dry run wrote files");
    let created = session.run_ok(&["myapp", "-y"]);
    session.assert_transcript("snapshots/cli/dry_run.txt");
    // The plan lists exactly the files a real run writes, with their sizes.
    let written = sizes(&session.root().join("myapp"));
    assert_eq!(planned.listed_files(), written);
    assert_eq!(created.listed_files(), written);
}

#[test]
fn json_reports_the_plan_the_result_and_the_error() {
    let mut session = Session::new();
    let planned = session.run_ok(&["myapp", "-y", "--auth", "jwt", "--json", "--dry-run"]);
    assert!(tree(session.root()).is_empty(), "the dry run wrote files");
    let created = session.run_ok(&["myapp", "-y", "--auth", "jwt", "--json"]);
    // Errors are JSON too, and still printed once on stderr.
    let failed = session.run(&["myapp", "-y", "--json"]);
    assert_eq!(failed.code(), Some(1));
    session.assert_transcript("snapshots/cli/json.txt");

    let listed = |value: &serde_json::Value| -> Vec<(String, usize)> {
        value["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let path = f["path"].as_str().unwrap().to_owned();
                (path, usize::try_from(f["bytes"].as_u64().unwrap()).unwrap())
            })
            .collect()
    };
    let written = sizes(&session.root().join("myapp"));
    assert_eq!(listed(&planned.json()), written);
    assert_eq!(listed(&created.json()), written);
}

#[test]
fn values_files_and_defines_feed_the_templates() {
    let mut session = Session::new();
    fs::write(
        session.root().join("v.toml"),
        "[values]\nauth = \"basic\"\ncreate_account = true\nlist_accounts = false\n",
    )
    .unwrap();
    let args = ["myapp", "-y", "--values-file", "v.toml"];
    session.run_ok(&[&args[..], &["-d", "delete_account=true", "--dry-run"]].concat());
    session.assert_transcript("snapshots/cli/values_file.txt");
}

#[test]
fn generation_is_deterministic() {
    let mut session = Session::new();
    for out in ["a", "b"] {
        let args = ["same", "--all-capabilities", "--auth", "basic", "--output"];
        session.run_ok(&[&args[..], &[out]].concat());
    }
    let root = session.root();
    assert_eq!(files(&root.join("a")), files(&root.join("b")));
}

#[test]
fn force_writes_into_a_non_empty_directory_keeping_other_files() {
    let mut session = Session::new();
    let crate_dir = session.root().join("myapp");
    fs::create_dir_all(crate_dir.join("src")).unwrap();
    fs::write(crate_dir.join("NOTES.txt"), "mine").unwrap();
    fs::write(crate_dir.join("src/lib.rs"), "old").unwrap();
    session.run_ok(&["myapp", "-y", "--force"]);
    let after = files(&crate_dir);
    assert_eq!(after["NOTES.txt"], "mine");
    assert_ne!(after["src/lib.rs"], "old");
    assert!(after.contains_key("Cargo.toml"));
    let entries = fs::read_dir(session.root()).unwrap().count();
    assert_eq!(entries, 1, "staging directory left behind");
}

#[test]
fn an_empty_existing_directory_is_used_without_force() {
    let mut session = Session::new();
    fs::create_dir(session.root().join("myapp")).unwrap();
    session.run_ok(&["myapp", "-y"]);
    assert!(session.root().join("myapp/Cargo.toml").is_file());
}

#[test]
fn refuses_bad_names() {
    let mut session = Session::new();
    let too_long = "a".repeat(31);
    for name in [
        "", "1app", "my app", "fn", "test", "a/b", "..", "My_App", &too_long,
    ] {
        session.refuses(&[name, "-y"]);
    }
    session.assert_transcript("snapshots/cli/refuses_bad_names.txt");
}

#[test]
fn scim_generates_what_it_can_express_and_refuses_the_rest() {
    let mut session = Session::new();
    let planned = session.run_ok(&[
        "acme",
        "--api",
        "scim",
        "--auth",
        "basic",
        "--all-capabilities",
        "--dry-run",
    ]);
    assert!(tree(session.root()).is_empty(), "the dry run wrote files");
    session.refuses(&[
        "acme",
        "-y",
        "--api",
        "scim",
        "--capabilities",
        "list_accounts,get_last_activity",
    ]);
    session.refuses(&[
        "acme",
        "-y",
        "-d",
        "api=scim",
        "-d",
        "get_last_activity=true",
    ]);
    session.refuses(&["acme", "-y", "--api", "graphql"]);
    let created = session.run_ok(&[
        "acme",
        "--api",
        "scim",
        "--auth",
        "basic",
        "--all-capabilities",
    ]);
    session.assert_transcript("snapshots/cli/scim.txt");
    let written = sizes(&session.root().join("acme"));
    assert_eq!(planned.listed_files(), written);
    assert_eq!(created.listed_files(), written);
}

#[test]
fn refuses_unknown_auth_capabilities_and_values() {
    let mut session = Session::new();
    session.refuses(&["myapp", "--auth", "saml", "-y"]);
    session.refuses(&["myapp", "-y", "-d", "auth=saml"]);
    session.refuses(&["myapp", "-y", "--capabilities", "list_accounts,list_groups"]);
    session.refuses(&["myapp", "-y", "-d", "colour=blue"]);
    session.refuses(&["myapp", "-y", "-d", "list_accounts=maybe"]);
    session.refuses(&["myapp", "-y", "-d", "validate_credentials=false"]);
    session.refuses(&["myapp", "-y", "-d", "auth"]);
    session.assert_transcript("snapshots/cli/refuses_unknown_values.txt");
}

#[test]
fn refuses_an_output_that_is_a_file_or_a_non_empty_directory() {
    let mut session = Session::new();
    fs::write(session.root().join("taken"), "x").unwrap();
    session.refuses(&["myapp", "-y", "--output", "taken"]);
    session.refuses(&["myapp", "-y", "--output", "taken/inside"]);
    fs::create_dir(session.root().join("myapp")).unwrap();
    fs::write(session.root().join("myapp/keep.txt"), "x").unwrap();
    session.refuses(&["myapp", "-y"]);
    // With --force, a directory where the crate needs a file, and the other way round.
    fs::create_dir(session.root().join("myapp/Cargo.toml")).unwrap();
    session.refuses(&["myapp", "-y", "--force"]);
    fs::remove_dir(session.root().join("myapp/Cargo.toml")).unwrap();
    fs::write(session.root().join("myapp/src"), "x").unwrap();
    session.refuses(&["myapp", "-y", "--force"]);
    session.assert_transcript("snapshots/cli/refuses_bad_outputs.txt");
}

#[test]
fn refuses_a_missing_sdk() {
    let mut session = Session::new();
    session.refuses(&["myapp", "-y", "--sdk-path", "../no-sdk-here"]);
    fs::create_dir(session.root().join("other")).unwrap();
    fs::write(
        session.root().join("other/Cargo.toml"),
        "[package]\nname = \"other\"\n",
    )
    .unwrap();
    session.refuses(&["myapp", "-y", "--sdk-path", "../other"]);
    session.refuses(&["myapp", "-y", "--sdk-path", ""]);
    session.refuses(&["myapp", "-y", "--sdk-path", "../s\"dk"]);
    session.assert_transcript("snapshots/cli/refuses_a_missing_sdk.txt");
}

#[test]
fn refuses_missing_answers_without_a_terminal_naming_the_flag() {
    let mut session = Session::new();
    session.refuses(&["myapp"]);
    session.refuses(&["myapp", "--auth", "basic"]);
    session.refuses(&["--auth", "basic", "--all-capabilities"]);
    session.assert_transcript("snapshots/cli/refuses_missing_answers.txt");
}

#[test]
fn refuses_bad_values_files() {
    let mut session = Session::new();
    session.refuses(&["myapp", "-y", "--values-file", "v.toml"]);
    for text in [
        "# empty\n",
        "[values\n",
        "[values]\nauth = \"basic\"\n[other]\n",
        "[values]\nlist_accounts = 1\n",
        "[values]\nauth = true\n",
    ] {
        fs::write(session.root().join("v.toml"), text).unwrap();
        session.refuses(&["myapp", "-y", "--values-file", "v.toml"]);
    }
    session.assert_transcript("snapshots/cli/refuses_bad_values_files.txt");
}

/// Root may write anywhere a permission bit forbids, so use a filesystem nobody can create
/// directories in.
#[cfg(target_os = "linux")]
#[test]
fn refuses_an_unwritable_parent() {
    let mut session = Session::new();
    session.refuses(&["myapp", "-y", "--output", "/proc/connector-new-test/myapp"]);
    assert!(!std::path::Path::new("/proc/connector-new-test").exists());
    session.assert_transcript("snapshots/cli/refuses_an_unwritable_parent.txt");
}

#[test]
fn usage_errors_exit_with_clap_code() {
    let mut session = Session::new();
    let unknown = session.run(&["myapp", "--frobnicate"]);
    let conflict = session.run(&[
        "myapp",
        "--capabilities",
        "list_accounts",
        "--all-capabilities",
    ]);
    assert_eq!((unknown.code(), conflict.code()), (Some(2), Some(2)));
    assert!(tree(session.root()).is_empty());
    session.assert_transcript("snapshots/cli/usage_errors.txt");
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    let dir = tempfile::TempDir::new().unwrap();
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
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.is_empty(), "{stderr}");
}
