//! Slow tier: generate connectors for every auth kind with all 12 capabilities, the SCIM
//! connector (all 11 it supports) with token, basic and OAuth auth, plus the minimal set, into
//! one scratch workspace; then `cargo fmt --check`, `cargo clippy
//! --all-targets -- -D warnings` and `cargo test` them, and run each built binary's `info`.
//!
//! Generated crates share one target directory (`target/e2e`, kept between runs), so the
//! dependencies build once. Debug info is off to save build time.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "the helpers of a test fail it by panicking, like the test functions themselves"
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use clap::Parser;
use connector_new::cli::Cli;
use connector_new::vocabulary::{ApiKind, Capability};
use serde_json::Value;

/// (app name, api, auth, capabilities flag): every auth kind with all 12, the SCIM connector
/// with all it supports for three auth kinds, and the minimal set.
const CRATES: &[(&str, &str, &str, &str)] = &[
    ("oauth-app", "rest", "oauth", "--all-capabilities"),
    (
        "client-creds-app",
        "rest",
        "oauth-client-credentials",
        "--all-capabilities",
    ),
    ("basic-app", "rest", "basic", "--all-capabilities"),
    ("token-app", "rest", "token", "--all-capabilities"),
    ("jwt-app", "rest", "jwt", "--all-capabilities"),
    ("scim-token-app", "scim", "token", "--all-capabilities"),
    ("scim-basic-app", "scim", "basic", "--all-capabilities"),
    ("scim-oauth-app", "scim", "oauth", "--all-capabilities"),
    (
        "minimal-app",
        "rest",
        "token",
        "--capabilities=validate_credentials",
    ),
];

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("the repository root exists")
}

/// Runs cargo in `dir` with the shared target dir; panics with its output on failure.
fn cargo(dir: &Path, args: &[&str]) -> String {
    let mut command = Command::new(env!("CARGO"));
    // The outer `cargo test` exports CARGO_* variables (manifest path, package name...) that
    // would point the inner cargo at this repository instead of the scratch workspace.
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy().into_owned();
        if key.starts_with("CARGO_") && key != "CARGO_HOME" {
            command.env_remove(&key);
        }
    }
    let output = command
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", repo_root().join("target/e2e"))
        .env("CARGO_PROFILE_DEV_DEBUG", "false")
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .expect("cargo runs");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success(),
        "cargo {args:?} failed in {}:\n{text}",
        dir.display()
    );
    text
}

fn generate(workspace: &Path, name: &str, api: &str, auth: &str, capabilities: &str) {
    let output = workspace.join(name);
    let output = output.to_str().expect("UTF-8 temp path");
    let cli = Cli::try_parse_from([
        "connector-new",
        name,
        "--api",
        api,
        "--auth",
        auth,
        capabilities,
        "--yes",
        "--output",
        output,
    ])
    .expect("the arguments parse");
    connector_new::run(&cli).expect("generation succeeds");
}

#[test]
fn generated_connectors_are_clean_and_pass_their_tests() {
    let scratch = tempfile::tempdir().expect("a temp dir");
    let workspace = scratch.path();
    // An enclosing workspace: connector-new registers each crate in it.
    std::fs::write(
        workspace.join("Cargo.toml"),
        "[workspace]\nresolver = \"2\"\nmembers = []\n",
    )
    .expect("workspace manifest written");
    // Same dependency versions as the repository, so the shared target dir is reused.
    std::fs::copy(repo_root().join("Cargo.lock"), workspace.join("Cargo.lock"))
        .expect("Cargo.lock copied");

    for (name, api, auth, capabilities) in CRATES {
        generate(workspace, name, api, auth, capabilities);
    }
    // The SDK's `scim` feature is built only for SCIM connectors.
    for (name, api, ..) in CRATES {
        let manifest = std::fs::read_to_string(workspace.join(name).join("Cargo.toml"))
            .expect("the crate's manifest");
        let scim = manifest
            .lines()
            .any(|line| line.starts_with("connector-sdk = ") && line.contains("\"scim\""));
        assert_eq!(scim, *api == "scim", "{name}:\n{manifest}");
    }
    let manifest = std::fs::read_to_string(workspace.join("Cargo.toml")).expect("manifest");
    for (name, ..) in CRATES {
        assert!(
            manifest.contains(&format!("\"{name}\"")),
            "{name} is registered:\n{manifest}"
        );
    }

    // `-p` per generated crate: `--all` would also check the SDK (a path dependency), which is
    // not what this tier is about.
    let packages: Vec<String> = CRATES
        .iter()
        .map(|(name, ..)| format!("{name}-connector"))
        .collect();
    let mut fmt = vec!["fmt", "--check"];
    for package in &packages {
        fmt.extend(["-p", package.as_str()]);
    }
    cargo(workspace, &fmt);
    cargo(
        workspace,
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ],
    );
    let tests = cargo(workspace, &["test", "--workspace"]);
    let passed: usize = tests
        .lines()
        .filter_map(|line| line.strip_prefix("test result: ok. "))
        .filter_map(|rest| rest.split(' ').next()?.parse::<usize>().ok())
        .sum();
    assert!(
        passed >= CRATES.len() * 4,
        "expected the generated tests to run, saw {passed}:\n{tests}"
    );

    // What the SDK registers by itself (validate_credential_config, ...) is what the minimal
    // connector lists beyond validate_credentials; every connector lists that plus the
    // capabilities it was generated with.
    let standard: BTreeSet<String> = Capability::ALL.iter().map(|c| c.to_string()).collect();
    let mut automatic = registered("minimal-app");
    assert!(
        automatic.remove("validate_credentials"),
        "minimal-app registers validate_credentials: {automatic:?}"
    );
    assert!(
        automatic.is_disjoint(&standard),
        "the SDK registers no standard capability by itself: {automatic:?}"
    );
    for (name, api, auth, capabilities) in CRATES {
        let mut expected = automatic.clone();
        if capabilities.starts_with("--all") {
            // Every core capability the API kind can express (SCIM has no activity data).
            let api = ApiKind::ALL
                .into_iter()
                .find(|a| a.as_str() == *api)
                .expect("a known API kind");
            expected.extend(
                Capability::ALL
                    .into_iter()
                    .filter(|c| c.is_core() && api.supports(*c))
                    .map(|c| c.to_string()),
            );
        } else {
            expected.insert("validate_credentials".to_owned());
        }
        // The OAuth declaration makes the SDK run the flow's capabilities (protocol §11.4).
        let flow: &[&str] = match *auth {
            "oauth" => &[
                "get_authorization_url",
                "handle_authorization_callback",
                "refresh_access_token",
            ],
            "oauth-client-credentials" => {
                &["handle_client_credentials_request", "refresh_access_token"]
            }
            _ => &[],
        };
        expected.extend(flow.iter().map(|c| (*c).to_owned()));
        assert_eq!(registered(name), expected, "{name}");
    }
}

/// The capabilities a built connector's `info` lists.
fn registered(name: &str) -> BTreeSet<String> {
    let binary = repo_root().join(format!("target/e2e/debug/{name}-connector"));
    let output = Command::new(&binary)
        .arg("info")
        .output()
        .expect("the connector runs");
    assert!(output.status.success(), "{name} info failed");
    let info: Value = serde_json::from_slice(&output.stdout).expect("info is JSON");
    info["response"]["capabilities"]
        .as_array()
        .expect("a capability list")
        .iter()
        .map(|c| c.as_str().expect("capability names are strings").to_owned())
        .collect()
}
