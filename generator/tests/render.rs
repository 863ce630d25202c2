//! Fast tier: render every auth kind x {validate_credentials only, the default read set, all
//! 12} in memory, and check what a generated crate must be: the final file list, Rust that
//! parses (syn) and is rustfmt-clean as rendered, TOML that parses, no template syntax left,
//! the conditional files present exactly when a write capability is selected, every variable
//! used, and the same bytes every time.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "the helpers of a test fail it by panicking, like the test functions themselves"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use connector_new::render::{render, Files};
use connector_new::template_config::TemplateConfig;
use connector_new::vars::{VarValue, Vars};
use connector_new::vocabulary::{ApiKind, AuthKind, Capability, PaginationKind};

/// The generated crate's file list: the interface the real templates must keep (less
/// `src/pagination.rs` without a list capability that pages).
const ALWAYS: &[&str] = &[
    ".gitignore",
    "Cargo.toml",
    "README.md",
    "src/capabilities_read.rs",
    "src/client.rs",
    "src/constants.rs",
    "src/enums.rs",
    "src/integration.rs",
    "src/lib.rs",
    "src/main.rs",
    "src/pagination.rs",
    "src/settings.rs",
    "tests/common/mod.rs",
    "tests/read.rs",
];
/// The capabilities that page through `src/pagination.rs` (REST).
const PAGED: &[Capability] = &[
    Capability::ListAccounts,
    Capability::ListResources,
    Capability::ListEntitlements,
    Capability::FindEntitlementAssociations,
    Capability::ListCustomAttributesSchema,
    Capability::GetAccountEntitlementAssociations,
];
/// Present only when a write capability is selected.
const WRITE_ONLY: &[&str] = &["src/capabilities_write.rs", "tests/write.rs"];
const WRITE: &[Capability] = &[
    Capability::CreateAccount,
    Capability::DeleteAccount,
    Capability::ActivateAccount,
    Capability::DeactivateAccount,
    Capability::AssignEntitlement,
    Capability::UnassignEntitlement,
];

fn config() -> TemplateConfig {
    TemplateConfig::embedded().unwrap()
}

/// validate_credentials only; the template's default set (the read set); all 12.
fn capability_sets(config: &TemplateConfig) -> Vec<Vec<Capability>> {
    let defaults: Vec<Capability> = Capability::ALL
        .into_iter()
        .filter(|c| config.capability_default(*c) == Some(true))
        .collect();
    vec![
        vec![Capability::ValidateCredentials],
        defaults,
        Capability::ALL.to_vec(),
    ]
}

fn render_for(auth: AuthKind, capabilities: &[Capability]) -> Files {
    render_api(ApiKind::Rest, auth, capabilities)
}

fn render_api(api: ApiKind, auth: AuthKind, capabilities: &[Capability]) -> Files {
    render(
        &config(),
        &Vars::new("my_app", api, auth, capabilities, "../sdk"),
    )
    .unwrap()
}

/// Every API kind x auth kind x capability set (without what the API kind cannot express).
fn matrix() -> Vec<(ApiKind, AuthKind, Vec<Capability>, Files)> {
    let config = config();
    let mut out = Vec::new();
    for api in ApiKind::ALL {
        for auth in AuthKind::ALL {
            for set in capability_sets(&config) {
                let set: Vec<Capability> = set.into_iter().filter(|c| api.supports(*c)).collect();
                let files = render_api(api, auth, &set);
                out.push((api, auth, set, files));
            }
        }
    }
    out
}

/// The REST connector with each pagination but the default (independent of the auth kind),
/// for every capability set.
fn other_paginations() -> Vec<(ApiKind, AuthKind, Vec<Capability>, Files)> {
    let config = config();
    let mut out = Vec::new();
    for pagination in PaginationKind::ALL.into_iter().skip(1) {
        for set in capability_sets(&config) {
            let vars = Vars::new("my_app", ApiKind::Rest, AuthKind::Oauth, &set, "../sdk")
                .with_pagination(pagination);
            let files = render(&config, &vars).unwrap();
            out.push((ApiKind::Rest, AuthKind::Oauth, set, files));
        }
    }
    out
}

fn paths(files: &Files) -> BTreeSet<String> {
    files
        .keys()
        .map(|p| p.to_string_lossy().into_owned())
        .collect()
}

#[test]
fn the_file_list_follows_the_write_capabilities() {
    for (api, auth, set, files) in matrix() {
        let has_write = set.iter().any(|c| WRITE.contains(c));
        let mut expected: BTreeSet<String> = ALWAYS.iter().map(|s| s.to_string()).collect();
        // The SDK's SCIM module keeps the paging state; a REST connector keeps its own for
        // the list capabilities that page.
        let pages = set.iter().any(|c| PAGED.contains(c));
        if api == ApiKind::Scim || !pages {
            expected.remove("src/pagination.rs");
        }
        if has_write {
            expected.extend(WRITE_ONLY.iter().map(|s| s.to_string()));
        }
        if matches!(auth, AuthKind::Oauth | AuthKind::OauthClientCredentials) {
            expected.insert("tests/oauth.rs".to_owned());
        }
        assert_eq!(paths(&files), expected, "{api} {auth} {set:?}");
    }
    // Any single write capability brings the write files.
    for capability in WRITE {
        let files = render_for(
            AuthKind::Oauth,
            &[Capability::ValidateCredentials, *capability],
        );
        for path in WRITE_ONLY {
            assert!(
                files.contains_key(Path::new(path)),
                "{capability} lacks {path}"
            );
        }
    }
}

#[test]
fn every_rust_file_parses_and_every_toml_file_parses() {
    for (api, auth, set, files) in matrix().into_iter().chain(other_paginations()) {
        for (path, text) in &files {
            let what = format!(
                "{} ({api}, {auth}, {} capabilities)",
                path.display(),
                set.len()
            );
            match path.extension().and_then(|e| e.to_str()) {
                Some("rs") => {
                    if let Err(e) = syn::parse_file(text) {
                        panic!("{what} does not parse: {e}\n{text}");
                    }
                }
                Some("toml") => {
                    if let Err(e) = text.parse::<toml::Table>() {
                        panic!("{what} is not TOML: {e}\n{text}");
                    }
                }
                _ => {}
            }
            for leftover in ["{{", "{%", "{#", "%}"] {
                assert!(
                    !text.contains(leftover),
                    "{what} contains {leftover}:\n{text}"
                );
            }
        }
    }
}

#[test]
fn every_rust_file_is_rustfmt_clean_as_rendered() {
    let mut checked = BTreeSet::new();
    for (_, auth, _, files) in matrix().into_iter().chain(other_paginations()) {
        for (path, text) in files
            .iter()
            .filter(|(p, _)| p.extension().is_some_and(|e| e == "rs"))
        {
            if !checked.insert(text.clone()) {
                continue;
            }
            let formatted = rustfmt(text);
            assert!(
                formatted == *text,
                "{} ({auth}) is not rustfmt-clean:\n{}",
                path.display(),
                diff(text, &formatted)
            );
        }
    }
    assert!(
        checked.len() > ALWAYS.len(),
        "checked {} distinct files",
        checked.len()
    );
}

/// Names become type names (`<Name>Settings`): the longest allowed name must not change how
/// rustfmt lays out the generated code.
#[test]
fn the_longest_allowed_name_is_still_rustfmt_clean() {
    let name = "a".repeat(connector_new::MAX_NAME_LEN);
    for (api, auth) in ApiKind::ALL
        .into_iter()
        .flat_map(|api| AuthKind::ALL.map(|auth| (api, auth)))
    {
        let all: Vec<Capability> = Capability::ALL
            .into_iter()
            .filter(|c| api.supports(*c))
            .collect();
        let vars = Vars::new(&name, api, auth, &all, "../sdk");
        let files = render(&config(), &vars).unwrap();
        for (path, text) in files
            .iter()
            .filter(|(p, _)| p.extension().is_some_and(|e| e == "rs"))
        {
            let formatted = rustfmt(text);
            assert!(
                formatted == *text,
                "{} ({api}, {auth}, name of {} characters) is not rustfmt-clean:\n{}",
                path.display(),
                name.len(),
                diff(text, &formatted)
            );
        }
    }
}

#[test]
fn every_rust_file_starts_with_a_comment_saying_what_it_is_for() {
    let files = render_for(AuthKind::Oauth, &Capability::ALL);
    for (path, text) in files
        .iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "rs"))
    {
        let first = text.lines().next().unwrap_or_default();
        let ok = (first.starts_with("//! ") || first.starts_with("// ")) && first.len() > 20;
        assert!(ok, "{}: first line {first:?}", path.display());
    }
}

#[test]
fn the_manifest_records_the_answers_and_the_generator_version() {
    for (api, auth, set, files) in matrix() {
        let manifest: toml::Table = files[Path::new("Cargo.toml")].parse().unwrap();
        let meta = &manifest["package"]["metadata"]["connector-new"];
        // The template carries the version as a literal (cargo-generate must produce the same
        // bytes); this keeps it equal to the generator's own version.
        assert_eq!(
            meta["template-version"].as_str(),
            Some(env!("CARGO_PKG_VERSION"))
        );
        assert_eq!(meta["api"].as_str(), Some(api.as_str()));
        assert_eq!(meta["auth"].as_str(), Some(auth.as_str()));
        let recorded: Vec<&str> = meta["capabilities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let expected: Vec<&str> = set.iter().map(|c| c.as_str()).collect();
        assert_eq!(recorded, expected);
        assert_eq!(
            manifest["package"]["name"].as_str(),
            Some("my-app-connector")
        );
        assert_eq!(
            manifest["dependencies"]["connector-sdk"]["path"].as_str(),
            Some("../sdk")
        );
    }
}

#[test]
fn only_the_selected_capabilities_are_registered() {
    for (api, auth, set, files) in matrix() {
        // Whatever the registration looks like, an unselected capability is not named in it
        // (no commented-out registrations), and a selected one is, in some case.
        let integration = files[Path::new("src/integration.rs")].to_lowercase();
        for capability in Capability::ALL {
            let named = contains_word(&integration, capability.as_str());
            assert_eq!(
                named,
                set.contains(&capability),
                "{api} {auth} {capability}"
            );
        }
    }
}

/// Whether `word` occurs in `text` not as part of a longer identifier.
fn contains_word(text: &str, word: &str) -> bool {
    let is_ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

#[test]
fn every_variable_changes_the_output() {
    let config = config();
    let base = Vars::new(
        "my_app",
        ApiKind::Rest,
        AuthKind::Oauth,
        &[Capability::ValidateCredentials],
        "../sdk",
    );
    let render_vars = |vars: &Vars| render(&config, vars).unwrap();
    let reference = render_vars(&base);
    let names: Vec<String> = base.iter().map(|(name, _)| name.to_owned()).collect();
    for name in names {
        let mut changed = base.clone();
        let value = match base.get(&name).unwrap() {
            VarValue::Bool(b) => VarValue::Bool(!b),
            VarValue::Str(_) if name == "auth" => VarValue::Str("basic".into()),
            VarValue::Str(_) if name == "api" => VarValue::Str("scim".into()),
            VarValue::Str(_) if name == "pagination" => VarValue::Str("cursor".into()),
            VarValue::Str(s) => VarValue::Str(format!("{s}_x")),
        };
        changed.insert(&name, value);
        assert_ne!(
            render_vars(&changed),
            reference,
            "the templates ignore `{name}`"
        );
    }
    // Every auth kind renders differently from every other.
    let by_auth: BTreeMap<String, Files> = AuthKind::ALL
        .iter()
        .map(|a| {
            (
                a.to_string(),
                render_for(*a, &[Capability::ValidateCredentials]),
            )
        })
        .collect();
    let distinct: BTreeSet<&Files> = by_auth.values().collect();
    assert_eq!(distinct.len(), AuthKind::ALL.len());
}

#[test]
fn the_scim_connector_ignores_the_pagination_answer() {
    let config = config();
    let all: Vec<Capability> = Capability::ALL
        .into_iter()
        .filter(|c| ApiKind::Scim.supports(*c))
        .collect();
    let base = Vars::new("my_app", ApiKind::Scim, AuthKind::Token, &all, "../sdk");
    let reference = render(&config, &base).unwrap();
    for pagination in PaginationKind::ALL {
        let vars = base.clone().with_pagination(pagination);
        assert_eq!(render(&config, &vars).unwrap(), reference, "{pagination}");
    }
}

#[test]
fn rendering_is_deterministic() {
    for (api, auth, set, files) in matrix() {
        assert_eq!(render_api(api, auth, &set), files, "{api} {auth} {set:?}");
    }
}

fn rustfmt(text: &str) -> String {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2021", "--emit", "stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rustfmt is needed for this test: `rustup component add rustfmt`");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "rustfmt failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn diff(a: &str, b: &str) -> String {
    let mut out = String::new();
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            out.push_str(&format!("line {}:\n- {x}\n+ {y}\n", i + 1));
        }
    }
    if a.lines().count() != b.lines().count() {
        out.push_str(&format!(
            "({} lines vs {} formatted)\n",
            a.lines().count(),
            b.lines().count()
        ));
    }
    out
}
