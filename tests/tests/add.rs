//! `connector-new add` end to end, through the binary: a connector generated with three
//! capabilities, a capability body and a test edited by hand, then two core and two catalogue
//! capabilities, a resource type, an entitlement type and the error handler added. The hand
//! edits must be intact, and the crate must pass `cargo fmt --check`, `cargo clippy
//! --all-targets -- -D warnings` and its own tests. Every refusal must leave the crate byte
//! for byte as it was (checked by hashing the tree).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "the helpers of a test fail it by panicking, like the test functions themselves"
)]

use std::collections::hash_map::DefaultHasher;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use connector_new_e2e::support::{connector_new_binary, ScratchWorkspace};

fn run(binary: &Path, dir: &Path, args: &[&str]) -> Output {
    Command::new(binary)
        .args(args)
        .current_dir(dir)
        .output()
        .expect("connector-new runs")
}

fn run_ok(binary: &Path, dir: &Path, args: &[&str]) -> String {
    let output = run(binary, dir, args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "connector-new {args:?} failed:\n{stderr}"
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A hash of every file under `dir` (path and bytes), `target/` left out.
fn tree_hash(dir: &Path) -> u64 {
    fn walk(dir: &Path, root: &Path, files: &mut Vec<(PathBuf, Vec<u8>)>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if !path.ends_with("target") {
                    walk(&path, root, files);
                }
            } else {
                let relative = path.strip_prefix(root).unwrap().to_path_buf();
                files.push((relative, fs::read(&path).unwrap()));
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, dir, &mut files);
    files.sort();
    let mut hasher = DefaultHasher::new();
    files.hash(&mut hasher);
    hasher.finish()
}

/// Replaces `from` by `to` in the crate's file `path`, which must contain it.
fn edit(dir: &Path, path: &str, from: &str, to: &str) {
    let file = dir.join(path);
    let text = fs::read_to_string(&file).unwrap();
    assert!(
        text.contains(from),
        "{path} has no `{from}`: adapt the test"
    );
    fs::write(&file, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn add_grows_an_edited_connector_that_still_builds_lints_and_passes() {
    let binary = connector_new_binary();
    let workspace = ScratchWorkspace::new();
    let root = workspace.path();
    run_ok(
        &binary,
        root,
        &[
            "myapp",
            "--auth",
            "token",
            "--capabilities",
            "list_accounts,list_entitlements,deactivate_account",
            "--yes",
        ],
    );
    let dir = root.join("myapp");

    // The author's edits: a capability body (a renamed local, a comment) and a test.
    edit(
        &dir,
        "src/capabilities_read.rs",
        "let accounts = page",
        "// Mine.\n    let found = page",
    );
    edit(
        &dir,
        "src/capabilities_read.rs",
        "Ok(Response::new(accounts)",
        "Ok(Response::new(found)",
    );
    edit(
        &dir,
        "tests/read.rs",
        "assert_eq!(pages, 3);",
        "assert_eq!(pages, 3, \"three pages of two\");",
    );

    // Refusals leave every byte as it was.
    let before = tree_hash(&dir);
    let refusals: &[&[&str]] = &[
        &["add", "capability", "list_accounts"],
        &["add", "capability", "get_acount"],
        &["add", "capability", "create_account", "get_account", "nope"],
        &["add", "resource-type", "TEAM", "--label", "Team"],
        &[
            "add",
            "entitlement-type",
            "X",
            "--label",
            "X",
            "--resource-type",
            "NOPE",
        ],
    ];
    for args in refusals {
        let output = run(&binary, &dir.join("src"), args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("error: ") && stderr.contains("\nhelp: "),
            "{stderr}"
        );
        assert_eq!(tree_hash(&dir), before, "{args:?} changed the crate");
    }
    let output = run(
        &binary,
        root,
        &["add", "capability", "get_account", "--path", "."],
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(tree_hash(&dir), before);

    run_ok(
        &binary,
        &dir,
        &[
            "add",
            "capability",
            "create_account",
            "find_entitlement_associations",
            "get_account",
            "list_custom_attributes_schema",
        ],
    );
    run_ok(
        &binary,
        &dir,
        &["add", "resource-type", "PROJECT", "--label", "Project"],
    );
    run_ok(
        &binary,
        &dir,
        &[
            "add",
            "entitlement-type",
            "PROJECT_MEMBER",
            "--label",
            "Project member",
            "--resource-type",
            "PROJECT",
        ],
    );
    run_ok(&binary, root, &["add", "error-handler", "--path", "myapp"]);

    let read = fs::read_to_string(dir.join("src/capabilities_read.rs")).unwrap();
    assert!(read.contains("// Mine.\n    let found = page"), "{read}");
    assert!(read.contains("Ok(Response::new(found)"));
    let tests = fs::read_to_string(dir.join("tests/read.rs")).unwrap();
    assert!(tests.contains("assert_eq!(pages, 3, \"three pages of two\");"));

    workspace.cargo(&["fmt", "--check", "-p", "myapp-connector"]);
    workspace.cargo(&[
        "clippy",
        "-p",
        "myapp-connector",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]);
    let tested = workspace.cargo(&["test", "-p", "myapp-connector"]);
    for test in [
        "get_account",
        "list_custom_attributes_schema",
        "find_entitlement_associations",
        "create_account",
        "a_seat_limit_is_a_conflict_with_the_apps_code",
    ] {
        assert!(tested.contains(test), "no test of {test} ran:\n{tested}");
    }
}
