//! Slow tier: generate connectors for every auth kind with all 12 capabilities (two of them
//! paging by page number and by cursor instead of offset), the SCIM
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
use std::process::Command;

use connector_new::vocabulary::{ApiKind, Capability};
use connector_new_e2e::support::{cargo, e2e_target_dir, ScratchWorkspace};
use serde_json::Value;

#[path = "generated_crates/dev_server.rs"]
mod dev_server;

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

/// The REST connectors that page otherwise than by offset (the default of the others).
const PAGINATION: &[(&str, &str)] = &[("basic-app", "page"), ("jwt-app", "cursor")];

#[test]
fn generated_connectors_are_clean_and_pass_their_tests() {
    // An enclosing workspace (connector-new registers each crate in it) with the repository's
    // lock file, so the shared target dir is reused.
    let scratch = ScratchWorkspace::new();
    let workspace = scratch.path();
    for (name, api, auth, capabilities) in CRATES {
        let mut args = vec!["--api", *api, "--auth", *auth, *capabilities];
        if let Some((_, pagination)) = PAGINATION.iter().find(|(n, _)| n == name) {
            args.extend(["--pagination", *pagination]);
        }
        scratch.generate(name, &args);
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

    // Last: it rebuilds minimal-app with the `dev` feature.
    dev_server::check(workspace, "minimal-app");
}

/// The capabilities a built connector's `info` lists.
fn registered(name: &str) -> BTreeSet<String> {
    let binary = e2e_target_dir().join(format!("debug/{name}-connector"));
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
