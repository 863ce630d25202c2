//! Workspace registration through the CLI: a temporary workspace with a fake connector-sdk
//! member, members globs, comments that must survive, `exclude`, and no SDK at all.

mod support;

use std::fs;
use std::path::Path;

use serde_json::Value;
use support::{connector_new, snapshot};
use tempfile::TempDir;

/// A workspace root with `manifest` and a minimal package called connector-sdk in `sdk/`.
fn workspace_with_sdk(manifest: &str) -> TempDir {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("Cargo.toml"), manifest).unwrap();
    fake_package(&dir.path().join("sdk"), "connector-sdk");
    dir
}

fn fake_package(dir: &Path, name: &str) {
    fs::create_dir_all(dir.join("src")).unwrap();
    fs::write(
        dir.join("Cargo.toml"),
        format!("[package]\nname = \"{name}\"\nversion = \"0.1.0\"\n"),
    )
    .unwrap();
    fs::write(dir.join("src/lib.rs"), "").unwrap();
}

fn run(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["-y", "--json"];
    all.extend(args);
    let output = connector_new(dir).args(&all).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The workspace root cargo itself sees for the crate in `crate_dir` (manifests only, offline).
fn cargo_workspace_root(crate_dir: &Path) -> String {
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
    let metadata: Value = serde_json::from_slice(&output.stdout).unwrap();
    metadata["workspace_root"].as_str().unwrap().to_owned()
}

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
    let manifest = "# The project's workspace.\n[workspace]\nresolver = \"2\"\nmembers = [\n    \"sdk\", # the runtime\n]\n\n[workspace.package]\nedition = \"2021\" # keep\n";
    let dir = workspace_with_sdk(manifest);
    let result = run(dir.path(), &["myapp"]);
    assert_eq!(result["workspace"]["action"], "add");
    assert_eq!(result["sdk_source"], "workspace");
    assert_eq!(sdk_dependency(&dir.path().join("myapp")), "../sdk");
    let root = dir.path().canonicalize().unwrap();
    assert_eq!(
        cargo_workspace_root(&dir.path().join("myapp")),
        root.to_str().unwrap()
    );
    let after = fs::read_to_string(dir.path().join("Cargo.toml")).unwrap();
    assert_eq!(
        after,
        "# The project's workspace.\n[workspace]\nresolver = \"2\"\nmembers = [\n    \"sdk\", # the runtime\n    \"myapp\",\n]\n\n[workspace.package]\nedition = \"2021\" # keep\n"
    );
}

#[test]
fn a_nested_output_gets_a_relative_sdk_path_and_its_own_member_entry() {
    let dir = workspace_with_sdk("[workspace]\nmembers = [\"sdk\"]\n");
    run(dir.path(), &["myapp", "--output", "connectors/myapp"]);
    assert_eq!(
        sdk_dependency(&dir.path().join("connectors/myapp")),
        "../../sdk"
    );
    let after = fs::read_to_string(dir.path().join("Cargo.toml")).unwrap();
    assert_eq!(
        after,
        "[workspace]\nmembers = [\"sdk\", \"connectors/myapp\"]\n"
    );
}

#[test]
fn finds_the_sdk_through_a_glob_and_does_not_add_a_covered_member() {
    let manifest = "[workspace]\nmembers = [\"crates/*\", \"apps/*\"]\n";
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("Cargo.toml"), manifest).unwrap();
    fake_package(&dir.path().join("crates/other"), "other");
    fake_package(&dir.path().join("crates/runtime"), "connector-sdk");
    fs::create_dir(dir.path().join("apps")).unwrap();
    let result = run(&dir.path().join("apps"), &["myapp"]);
    assert_eq!(result["workspace"]["action"], "covered-by-glob");
    assert_eq!(result["workspace"]["entry"], "apps/*");
    assert_eq!(
        sdk_dependency(&dir.path().join("apps/myapp")),
        "../../crates/runtime"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("Cargo.toml")).unwrap(),
        manifest
    );
    let root = dir.path().canonicalize().unwrap();
    assert_eq!(
        cargo_workspace_root(&dir.path().join("apps/myapp")),
        root.to_str().unwrap()
    );
}

#[test]
fn an_excluded_path_is_not_registered_and_says_so() {
    let manifest = "[workspace]\nmembers = [\"sdk\"]\nexclude = [\"vendor\"]\n";
    let dir = workspace_with_sdk(manifest);
    let output = connector_new(dir.path())
        .args(["myapp", "-y", "--output", "vendor/myapp"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("warning: not registered: \"vendor\" is in [workspace] exclude"),
        "{text}"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("Cargo.toml")).unwrap(),
        manifest
    );
    assert_eq!(
        sdk_dependency(&dir.path().join("vendor/myapp")),
        "../../sdk"
    );
    // cargo builds it on its own.
    let crate_dir = dir.path().join("vendor/myapp").canonicalize().unwrap();
    assert_eq!(
        cargo_workspace_root(&crate_dir),
        crate_dir.to_str().unwrap()
    );
}

#[test]
fn a_workspace_without_the_sdk_still_registers_and_uses_the_builtin_sdk() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("Cargo.toml"),
        "[workspace]\nmembers = [\"other\"]\n",
    )
    .unwrap();
    fake_package(&dir.path().join("other"), "other");
    let result = run(dir.path(), &["myapp"]);
    assert_eq!(result["sdk_source"], "builtin");
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../sdk")
        .canonicalize()
        .unwrap();
    assert_eq!(
        sdk_dependency(&dir.path().join("myapp")),
        builtin.to_str().unwrap()
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("Cargo.toml")).unwrap(),
        "[workspace]\nmembers = [\"other\", \"myapp\"]\n"
    );
}

#[test]
fn an_explicit_sdk_path_is_kept_and_checked() {
    let dir = workspace_with_sdk("[workspace]\nmembers = [\"sdk\"]\n");
    fake_package(&dir.path().join("vendored/sdk"), "connector-sdk");
    let result = run(dir.path(), &["myapp", "--sdk-path", "../vendored/sdk"]);
    assert_eq!(result["sdk_source"], "given");
    assert_eq!(sdk_dependency(&dir.path().join("myapp")), "../vendored/sdk");
}

#[test]
fn dry_run_shows_the_workspace_edit_and_changes_nothing() {
    let dir = workspace_with_sdk("[workspace]\nmembers = [\"sdk\"]\n");
    let before = snapshot(dir.path());
    let output = connector_new(dir.path())
        .args(["myapp", "-y", "--dry-run"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("Would add \"myapp\" to [workspace] members in Cargo.toml"),
        "{text}"
    );
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn an_already_listed_member_is_not_added_twice() {
    let manifest = "[workspace]\nmembers = [\"sdk\", \"./myapp\"]\n";
    let dir = workspace_with_sdk(manifest);
    let result = run(dir.path(), &["myapp"]);
    assert_eq!(result["workspace"]["action"], "already-member");
    assert_eq!(
        fs::read_to_string(dir.path().join("Cargo.toml")).unwrap(),
        manifest
    );
}
