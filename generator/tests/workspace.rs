//! Workspace registration through the CLI, one fixture folder per case, as in cargo's own test
//! suite: `fixtures/workspace/<case>/in/` is copied to a scratch directory, connector-new runs
//! there, its transcript must equal `<case>/transcript.txt`, and every file of `<case>/out/`
//! must then be in the scratch directory with that text (the root manifest: formatting and
//! comments kept, the member added or not). Cargo itself then confirms the layout
//! (`cargo metadata`). Refresh with `SNAPSHOTS=overwrite cargo test -p connector-new --test
//! workspace`, then review the diff.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "the helpers of a test fail it by panicking, like the test functions themselves"
)]

mod support;

use std::fs;
use std::path::Path;

use support::{builtin_sdk, tests_dir, tree, Session};

/// One fixture case, run: its scratch directory, a copy of `in/`.
struct Case {
    session: Session,
}

impl Case {
    /// Runs connector-new with `args` in `dir` (below the copy of `in/`; created if missing,
    /// since git cannot hold an empty directory), which must succeed, then checks the
    /// transcript and the files against the fixture.
    fn run(name: &str, dir: &str, args: &[&str]) -> Self {
        let mut session = Session::from_fixture(&format!("fixtures/workspace/{name}/in"));
        fs::create_dir_all(session.root().join(dir)).unwrap();
        session.run_in_ok(dir, args);
        Self::checked(name, session)
    }

    /// Like [`Case::run`], and connector-new must refuse, touching nothing.
    fn refused(name: &str, args: &[&str]) -> Self {
        let mut session = Session::from_fixture(&format!("fixtures/workspace/{name}/in"));
        session.refuses(args);
        Self::checked(name, session)
    }

    fn checked(name: &str, session: Session) -> Self {
        let dir = format!("fixtures/workspace/{name}");
        session.assert_transcript(&format!("{dir}/transcript.txt"));
        session.assert_tree_has(&format!("{dir}/out"));
        Self { session }
    }

    fn path(&self, relative: &str) -> std::path::PathBuf {
        self.session.root().join(relative)
    }
}

/// The workspace root cargo itself sees for the crate in `crate_dir` (manifests only, offline).
fn cargo_workspace_root(crate_dir: &Path) -> std::path::PathBuf {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = std::process::Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--offline",
        ])
        .current_dir(crate_dir)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "cargo refuses the layout: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    metadata["workspace_root"].as_str().unwrap().into()
}

/// The `connector-sdk` path dependency written into the generated crate in `crate_dir`.
fn sdk_dependency(crate_dir: &Path) -> String {
    let manifest: toml::Table = fs::read_to_string(crate_dir.join("Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    manifest["dependencies"]["connector-sdk"]["path"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn registers_the_crate_keeping_formatting_and_comments() {
    let case = Case::run("registers_keeping_comments", "", &["myapp", "-y", "--json"]);
    assert_eq!(sdk_dependency(&case.path("myapp")), "../sdk");
    assert_eq!(cargo_workspace_root(&case.path("myapp")), case.path(""));
}

#[test]
fn a_nested_output_gets_a_relative_sdk_path_and_its_own_member_entry() {
    let args = ["myapp", "-y", "--json", "--output", "connectors/myapp"];
    let case = Case::run("nested_output", "", &args);
    assert_eq!(sdk_dependency(&case.path("connectors/myapp")), "../../sdk");
}

#[test]
fn finds_the_sdk_through_a_glob_and_does_not_add_a_covered_member() {
    let case = Case::run("sdk_through_a_glob", "apps", &["myapp", "-y", "--json"]);
    let crate_dir = case.path("apps/myapp");
    assert_eq!(sdk_dependency(&crate_dir), "../../crates/runtime");
    assert_eq!(cargo_workspace_root(&crate_dir), case.path(""));
}

#[test]
fn an_excluded_path_is_not_registered_and_says_so() {
    let args = ["myapp", "-y", "--output", "vendor/myapp"];
    let case = Case::run("excluded", "", &args);
    let crate_dir = case.path("vendor/myapp");
    assert_eq!(sdk_dependency(&crate_dir), "../../sdk");
    // cargo builds it on its own.
    assert_eq!(cargo_workspace_root(&crate_dir), crate_dir);
}

#[test]
fn a_workspace_without_the_sdk_still_registers_and_uses_the_builtin_sdk() {
    let case = Case::run("without_the_sdk", "", &["myapp", "-y", "--json"]);
    let builtin = builtin_sdk();
    let builtin = builtin.to_str().unwrap();
    assert_eq!(sdk_dependency(&case.path("myapp")), builtin);
}

#[test]
fn an_explicit_sdk_path_is_kept_and_checked() {
    let args = ["myapp", "-y", "--json", "--sdk-path", "../vendored/sdk"];
    let case = Case::run("explicit_sdk_path", "", &args);
    assert_eq!(sdk_dependency(&case.path("myapp")), "../vendored/sdk");
}

#[test]
fn dry_run_shows_the_workspace_edit_and_changes_nothing() {
    let case = Case::run("dry_run", "", &["myapp", "-y", "--dry-run"]);
    let fixture = tree(&tests_dir().join("fixtures/workspace/dry_run/in"));
    assert_eq!(tree(case.session.root()), fixture);
}

#[test]
fn an_already_listed_member_is_not_added_twice() {
    Case::run("already_a_member", "", &["myapp", "-y", "--json"]);
}

#[test]
fn refuses_a_workspace_manifest_that_is_not_toml() {
    Case::refused("invalid_manifest", &["myapp", "-y"]);
}
