//! `connector-new add`: what it prints (whole transcript against a snapshot), that it keeps
//! the author's edits, records the answers and the pristine base, and that every refusal
//! leaves the disk exactly as it was. Building and testing the result is the e2e tier's job
//! (`tests/tests/add.rs`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "tests fail by panicking"
)]

mod support;

use std::fs;

use connector_new::commands::pristine;
use support::{tree, Session};

const GENERATE: &[&str] = &[
    "myapp",
    "-y",
    "--auth",
    "token",
    "--capabilities",
    "list_accounts,list_entitlements,assign_entitlement",
];

/// A generated crate with an edited capability body and an edited test.
fn edited_crate() -> Session {
    let mut session = Session::new();
    session.run_ok(GENERATE);
    let read = session.root().join("myapp/src/capabilities_read.rs");
    let mut text = fs::read_to_string(&read).unwrap();
    for (from, to) in [
        ("let accounts = page", "let found = page"),
        ("Ok(Response::new(accounts)", "Ok(Response::new(found)"),
        (
            "/// Lists user accounts, one page per call",
            "/// Lists user accounts (edited by the author), one page per call",
        ),
    ] {
        assert!(
            text.contains(from),
            "the template changed: adapt the edit of `{from}`"
        );
        text = text.replacen(from, to, 1);
    }
    let edited = text;
    fs::write(&read, edited).unwrap();
    let tests = session.root().join("myapp/tests/read.rs");
    let text = fs::read_to_string(&tests).unwrap();
    fs::write(
        &tests,
        format!("{text}\n// The author's note at the end.\n"),
    )
    .unwrap();
    session
}

#[test]
fn add_merges_into_edited_files_and_records_the_answers() {
    let mut session = edited_crate();
    let before = fs::read_to_string(session.root().join("myapp/src/capabilities_read.rs")).unwrap();
    session.run_in_ok(
        "myapp/src",
        &[
            "add",
            "capability",
            "create_account",
            "find_entitlement_associations",
            "get_account",
            "list_custom_attributes_schema",
        ],
    );
    let resource = [
        "add",
        "resource-type",
        "PROJECT",
        "--label",
        "Project",
        "--path",
        "myapp",
    ];
    session.run_ok(&[&resource[..], &["--dry-run"]].concat());
    session.run_ok(&resource);
    session.run_ok(&[
        "add",
        "entitlement-type",
        "PROJECT_MEMBER",
        "--label",
        "Project member",
        "--resource-type",
        "PROJECT",
        "--path",
        "myapp",
        "--json",
    ]);
    session.run_ok(&["add", "error-handler", "--path", "myapp"]);
    session.assert_transcript("snapshots/cli/add.txt");

    let dir = session.root().join("myapp");
    let read = fs::read_to_string(dir.join("src/capabilities_read.rs")).unwrap();
    assert!(read.contains("let found = page") && read.contains("(edited by the author)"));
    for added in [
        "pub async fn find_entitlement_associations(",
        "pub async fn get_account(",
        "pub async fn list_custom_attributes_schema(",
    ] {
        assert!(read.contains(added), "{added}");
    }
    assert!(read.len() > before.len());
    let tests = fs::read_to_string(dir.join("tests/read.rs")).unwrap();
    assert!(
        tests.ends_with("// The author's note at the end.\n"),
        "{tests}"
    );
    let integration = fs::read_to_string(dir.join("src/integration.rs")).unwrap();
    assert!(integration.contains(".extended_capability(CREATE_ACCOUNT, write::create_account)"));
    let enums = fs::read_to_string(dir.join("src/enums.rs")).unwrap();
    assert!(
        enums.contains("pub const PROJECT: &str = \"PROJECT\";"),
        "{enums}"
    );
    assert!(enums.contains("EntitlementType::new(PROJECT_MEMBER, \"Project member\", PROJECT)"));
    let manifest = fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("\"create_account\"")
            && manifest.contains("\"find_entitlement_associations\"")
    );

    // Against the templates, the crate differs by the author's edits and by what the
    // templates do not produce (the types, the error handler); the capabilities are theirs.
    let diff = session.run_ok(&["diff", "--path", "myapp"]);
    let changed: Vec<&str> = diff
        .stdout()
        .lines()
        .filter(|l| l.starts_with("--- a/"))
        .collect();
    assert_eq!(
        changed,
        [
            "--- a/src/capabilities_read.rs",
            "--- a/src/client.rs",
            "--- a/src/enums.rs",
            "--- a/src/lib.rs",
            "--- a/tests/read.rs"
        ],
        "{}",
        diff.stdout()
    );

    // `update` keeps all of it: the capabilities are in its base, the rest is the author's.
    let files = support::files(&dir);
    session.run_ok(&["update", "--path", "myapp"]);
    assert_eq!(support::files(&dir), files, "update changed the crate");
}

#[test]
fn dry_run_shows_the_diff_and_writes_nothing() {
    let mut session = edited_crate();
    let before = tree(session.root());
    let args = [
        "add",
        "capability",
        "create_account",
        "--path",
        "myapp",
        "--dry-run",
    ];
    let dry = session.run_ok(&args);
    assert!(dry.stdout().contains("+++ b/src/capabilities_write.rs\n"));
    assert!(dry.stdout().contains("\n+pub async fn create_account(\n"));
    assert!(dry
        .stdout()
        .contains("+        .extended_capability(CREATE_ACCOUNT, write::create_account)\n"));
    let json = session.run_ok(&[&args[..], &["--json"]].concat()).json();
    assert_eq!(json["dry_run"], true);
    assert_eq!(json["added"], serde_json::json!(["create_account"]));
    assert!(json["diff"]
        .as_str()
        .unwrap()
        .contains("+++ b/src/capabilities_write.rs"));
    assert_eq!(tree(session.root()), before, "the dry run wrote files");
}

#[test]
fn every_refusal_leaves_the_crate_untouched() {
    let mut session = edited_crate();
    let refusals: &[&[&str]] = &[
        &["add", "capability", "list_accounts", "--path", "myapp"],
        &["add", "capability", "get_acount", "--path", "myapp"],
        &["add", "capability", "create_account", "--path", "other"],
        &[
            "add",
            "resource-type",
            "project",
            "--label",
            "Project",
            "--path",
            "myapp",
        ],
        &[
            "add",
            "resource-type",
            "TEAM",
            "--label",
            "Team",
            "--path",
            "myapp",
        ],
        &[
            "add",
            "entitlement-type",
            "X",
            "--label",
            "X",
            "--resource-type",
            "NOPE",
            "--path",
            "myapp",
        ],
        &[
            "add",
            "resource-type",
            "P",
            "--label",
            "a \"quoted\" label",
            "--path",
            "myapp",
        ],
    ];
    fs::create_dir(session.root().join("other")).unwrap();
    fs::write(
        session.root().join("other/Cargo.toml"),
        "[package]\nname = \"other\"\n",
    )
    .unwrap();
    for args in refusals {
        session.refuses(args);
    }
    // An item the author already wrote under the name the addition needs.
    let read = session.root().join("myapp/src/capabilities_read.rs");
    let mut text = fs::read_to_string(&read).unwrap();
    text.push_str("\n/// Mine.\npub async fn find_entitlement_associations() {}\n");
    fs::write(&read, text).unwrap();
    let before = tree(session.root());
    session.refuses(&[
        "add",
        "capability",
        "find_entitlement_associations",
        "--path",
        "myapp",
    ]);
    assert_eq!(tree(session.root()), before);
    session.run_ok(&["add", "error-handler", "--path", "myapp"]);
    session.refuses(&["add", "error-handler", "--path", "myapp"]);
    session.assert_transcript("snapshots/cli/add_refusals.txt");
}

#[test]
fn a_crate_of_other_templates_is_refused_until_updated() {
    let mut session = Session::new();
    session.run_ok(GENERATE);
    let base_path = session.root().join("myapp/.connector-new/base");
    let mut base = pristine::decode(&fs::read_to_string(&base_path).unwrap()).unwrap();
    base.insert(
        "src/lib.rs".into(),
        "//! As older templates wrote it.\n".into(),
    );
    fs::write(&base_path, pristine::encode(&base).unwrap()).unwrap();

    let refused = session.refuses(&["add", "capability", "get_account", "--path", "myapp"]);
    assert!(
        refused.stderr().contains("differs in src/lib.rs"),
        "{}",
        refused.stderr()
    );
    assert!(refused.stderr().contains("`connector-new update` first"));
    // A declared type does not depend on the templates' version.
    session.run_ok(&[
        "add",
        "resource-type",
        "PROJECT",
        "--label",
        "Project",
        "--path",
        "myapp",
    ]);
}

/// Adding capabilities to an untouched crate gives, byte for byte, the crate generated with
/// them from the start: the pristine base included.
#[test]
fn adding_to_an_untouched_crate_equals_generating_with_it() {
    let cases: &[(&[&str], &str, &[&str])] = &[
        (
            &["--auth", "oauth"],
            "list_accounts",
            &[
                "get_account",
                "update_account",
                "list_custom_attributes_schema",
                "get_account_entitlement_associations",
                "list_updated_accounts",
                "create_account",
            ],
        ),
        (
            &["--auth", "token"],
            "list_entitlements,deactivate_account",
            &[
                "find_entitlement_associations",
                "assign_entitlement",
                "get_account",
            ],
        ),
        // No list before: the `page_size` setting and its README row come with the first.
        (&["--auth", "jwt"], "create_account", &["list_resources"]),
        (
            &["--api", "scim", "--auth", "token"],
            "create_account",
            &["list_entitlements"],
        ),
        // list_entitlements then fills the groups' custom attributes.
        (
            &["--api", "scim", "--auth", "token"],
            "list_entitlements",
            &["list_custom_attributes_schema"],
        ),
        (
            &["--api", "scim", "--auth", "basic"],
            "list_accounts",
            &[
                "get_account",
                "update_account",
                "list_custom_attributes_schema",
                "get_account_entitlement_associations",
                "list_updated_accounts",
                "create_account",
            ],
        ),
    ];
    for (flags, before, added) in cases {
        let mut session = Session::new();
        let generate = |session: &mut Session, dir: &str, capabilities: &str| {
            let output = format!("{dir}/myapp");
            let mut args = vec![
                "myapp",
                "-y",
                "--output",
                &output,
                "--capabilities",
                capabilities,
            ];
            args.extend_from_slice(flags);
            session.run_ok(&args);
        };
        generate(&mut session, "grown", before);
        let mut args = vec!["add", "capability"];
        args.extend_from_slice(added);
        args.extend_from_slice(&["--path", "grown/myapp"]);
        session.run_ok(&args);
        let all = format!("{before},{}", added.join(","));
        generate(&mut session, "fresh", &all);
        assert_eq!(
            support::files(&session.root().join("grown/myapp")),
            support::files(&session.root().join("fresh/myapp")),
            "{flags:?}: {before} + {added:?}"
        );
    }
}

/// A setting the connector never reads is noise in the admin's form: `page_size` is there
/// only when a capability lists.
#[test]
fn only_crates_that_list_have_a_page_size_setting() {
    for api in ["rest", "scim"] {
        for (capabilities, expected) in [
            ("create_account,get_account", false),
            ("create_account,list_accounts", true),
        ] {
            let mut session = Session::new();
            session.run_ok(&["myapp", "-y", "--api", api, "--capabilities", capabilities]);
            for file in ["src/settings.rs", "README.md"] {
                let text = fs::read_to_string(session.root().join("myapp").join(file)).unwrap();
                assert_eq!(
                    text.contains("page_size"),
                    expected,
                    "{api} {capabilities}: {file}"
                );
            }
        }
    }
}

/// SCIM has every catalogue capability but `get_last_activity` (RFC 7643 has no activity
/// data): adding it to a SCIM crate is refused with the reason, and the crate is untouched.
#[test]
fn a_scim_crate_refuses_only_what_scim_cannot_express() {
    let mut session = Session::new();
    session.run_ok(&[
        "myapp",
        "-y",
        "--output",
        "myapp",
        "--api",
        "scim",
        "--auth",
        "token",
        "--capabilities",
        "list_accounts",
    ]);
    let refused = session.refuses(&[
        "add",
        "capability",
        "update_account",
        "get_last_activity",
        "--path",
        "myapp",
    ]);
    assert!(
        refused
            .stderr()
            .contains("cannot implement get_last_activity: SCIM has no activity data"),
        "{}",
        refused.stderr()
    );
}
