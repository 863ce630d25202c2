//! Each report into a buffer, compared whole. The CLI snapshots (tests/snapshots/cli/) show the
//! same reports for real plans; these pin the parts the fixtures there do not vary.

use std::path::PathBuf;

use super::*;
use crate::answers::Answers;
use crate::name::ConnectorName;
use crate::refusal::Refusal;
use crate::sdk::SdkPath;

/// A plan for `/w/apps/myapp` in the workspace `/w`, with two small files.
fn plan(registration: Registration) -> Plan {
    Plan {
        answers: Answers {
            name: ConnectorName::new("my-app").unwrap(),
            api: ApiKind::Rest,
            auth: AuthKind::Basic,
            pagination: PaginationKind::Offset,
            capabilities: vec![Capability::ValidateCredentials, Capability::ListAccounts],
            sdk_path: None,
        },
        crate_dir: PathBuf::from("/w/apps/myapp"),
        crate_dir_exists: false,
        sdk_path: SdkPath::new("../../sdk").unwrap(),
        sdk_source: SdkSource::Workspace,
        workspace: Some(WorkspaceEdit {
            manifest: PathBuf::from("/w/Cargo.toml"),
            registration,
            new_text: None,
        }),
        files: [
            (PathBuf::from("Cargo.toml"), "x".repeat(1234)),
            (PathBuf::from("src/lib.rs"), "y".repeat(5)),
        ]
        .into(),
    }
}

fn text(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> String {
    let mut out = Vec::new();
    write(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

const CALL: &str = r#"cargo run -q -- validate_credentials --json '{"credentials":[{"id":"my_app_basic","basic":{"username":"<username>","password":"<password>"}}],"settings":{"base_url":"https://api.example.com"},"request":{}}'"#;

#[test]
fn a_dry_run_shows_the_plan_and_the_edit_it_would_make() {
    let plan = plan(Registration::Add("apps/myapp".into()));
    let shown = text(|out| outcome(out, &plan, Path::new("/w"), false, false));
    assert_eq!(
        shown,
        "Dry run: would create my-app-connector in apps/myapp (2 files, nothing written)\n\
         api: rest; auth: basic; pagination: offset; capabilities: validate_credentials, list_accounts\n  \
         Cargo.toml    1234 bytes\n  \
         src/lib.rs       5 bytes\n\
         connector-sdk: ../../sdk (the workspace's member)\n\
         Would add \"apps/myapp\" to [workspace] members in Cargo.toml\n"
    );
}

#[test]
fn a_result_ends_with_the_next_steps() {
    let plan = plan(Registration::CoveredByGlob("apps/*".into()));
    let shown = text(|out| outcome(out, &plan, Path::new("/w/apps"), true, false));
    let expected = format!(
        "Created my-app-connector in myapp (2 files)\n\
         api: rest; auth: basic; pagination: offset; capabilities: validate_credentials, list_accounts\n  \
         Cargo.toml    1234 bytes\n  \
         src/lib.rs       5 bytes\n\
         connector-sdk: ../../sdk (the workspace's member)\n\
         Already a workspace member through \"apps/*\" in /w/Cargo.toml\n\
         \n\
         Next steps:\n  \
         cd myapp\n  \
         cargo test\n  \
         {CALL}\n"
    );
    assert_eq!(shown, expected);
}

#[test]
fn every_registration_is_said() {
    let said = |registration: Registration| {
        let plan = plan(registration);
        let mut edit = Vec::new();
        let Some(ws) = &plan.workspace else {
            unreachable!("the plan has a workspace")
        };
        workspace(&mut edit, ws, Path::new("/w"), true).unwrap();
        String::from_utf8(edit).unwrap()
    };
    assert_eq!(
        said(Registration::Add("apps/myapp".into())),
        "Added \"apps/myapp\" to [workspace] members in Cargo.toml\n"
    );
    assert_eq!(
        said(Registration::AlreadyMember),
        "Already a member of the workspace in Cargo.toml\n"
    );
    assert_eq!(
        said(Registration::Excluded("apps".into())),
        "warning: not registered: \"apps\" is in [workspace] exclude of Cargo.toml; the crate \
         builds on its own (own Cargo.lock and target/)\n"
    );
}

#[test]
fn the_json_outcome_is_the_typed_contract() {
    let plan = plan(Registration::Excluded("apps".into()));
    let shown = text(|out| outcome(out, &plan, Path::new("/w"), true, true));
    let call = serde_json::to_string("cd apps/myapp").unwrap();
    let expected = format!(
        r#"{{
  "status": "created",
  "name": "my-app",
  "package": "my-app-connector",
  "crate_dir": "/w/apps/myapp",
  "api": "rest",
  "auth": "basic",
  "pagination": "offset",
  "capabilities": [
    "validate_credentials",
    "list_accounts"
  ],
  "sdk_path": "../../sdk",
  "sdk_source": "workspace",
  "files": [
    {{
      "path": "Cargo.toml",
      "bytes": 1234
    }},
    {{
      "path": "src/lib.rs",
      "bytes": 5
    }}
  ],
  "workspace": {{
    "manifest": "/w/Cargo.toml",
    "action": "excluded",
    "entry": "apps"
  }},
  "next_steps": [
    {call},
    "cargo test",
    {}
  ]
}}
"#,
        serde_json::to_string(CALL).unwrap()
    );
    assert_eq!(shown, expected);

    let mut dry = plan;
    dry.workspace = None;
    dry.sdk_source = SdkSource::Given;
    let shown: serde_json::Value =
        serde_json::from_str(&text(|out| outcome(out, &dry, Path::new("/"), false, true))).unwrap();
    assert_eq!(shown["status"], "dry-run");
    assert_eq!(shown["sdk_source"], "given");
    assert_eq!(shown["workspace"], serde_json::Value::Null);
}

#[test]
fn list_has_one_line_or_entry_per_value() {
    let lines = text(|out| list(out, false));
    assert_eq!(
        lines.lines().count(),
        ApiKind::ALL.len()
            + AuthKind::ALL.len()
            + PaginationKind::ALL.len()
            + Capability::ALL.len()
    );
    // Kind, name and description, the descriptions in one column.
    let first = lines.lines().next().unwrap();
    assert!(first.starts_with("api         rest "), "{first}");
    assert!(first.ends_with(&format!(" {}", ApiKind::Rest.description())));
    let column = first.find(ApiKind::Rest.description()).unwrap();
    for line in lines.lines() {
        assert_eq!(line.as_bytes()[column - 1], b' ', "{line}");
        assert_ne!(line.as_bytes()[column], b' ', "{line}");
    }
    assert!(lines.contains(&format!(
        "\nauth        oauth{}{}\n",
        " ".repeat(column - "auth        oauth".len()),
        AuthKind::Oauth.description()
    )));
    let json = text(|out| list(out, true));
    assert!(
        json.ends_with("}]}\n") && json.lines().count() == 1,
        "{json}"
    );
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["capabilities"][1]["name"], "list_accounts");
    assert_eq!(value["auth"][4]["description"], AuthKind::Jwt.description());
}

#[test]
fn errors_are_printed_once_with_their_help() {
    let refused = anyhow::Error::from(Refusal::new("bad input", "do this"));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    error(&mut out, &mut err, &refused, false).unwrap();
    assert!(out.is_empty());
    assert_eq!(err, b"error: bad input\nhelp: do this\n");

    let other = anyhow::anyhow!("disk full").context("writing src/lib.rs");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    error(&mut out, &mut err, &other, true).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        format!(
            "{{\n  \"status\": \"error\",\n  \"error\": \"writing src/lib.rs: disk full\",\n  \
             \"help\": \"{DEFAULT_HELP}\"\n}}\n"
        )
    );
    assert_eq!(
        String::from_utf8(err).unwrap(),
        format!("error: writing src/lib.rs: disk full\nhelp: {DEFAULT_HELP}\n")
    );
}

/// A writer that always fails.
struct Closed;

impl Write for Closed {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::ErrorKind::BrokenPipe.into())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn write_failures_are_returned_not_swallowed() {
    let plan = plan(Registration::AlreadyMember);
    for as_json in [false, true] {
        let failed = outcome(&mut Closed, &plan, Path::new("/w"), true, as_json);
        assert_eq!(failed.unwrap_err().kind(), io::ErrorKind::BrokenPipe);
        assert!(list(&mut Closed, as_json).is_err());
    }
    assert!(completions(&mut Closed, clap_complete::Shell::Bash).is_err());
    // The error still reaches stderr when stdout is closed.
    let mut err = Vec::new();
    let failed = error(&mut Closed, &mut err, &anyhow::anyhow!("x"), true);
    assert!(failed.is_err());
    assert!(err.starts_with(b"error: x\n"));
}
