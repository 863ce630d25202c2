//! The interactive path: the built binary on a pseudo-terminal, answered key by key as a person
//! would, its output replayed through a terminal emulator to see what stays on screen.
#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    reason = "the helpers of a test fail it by panicking, like the test functions themselves"
)]

use std::path::Path;
use std::process::Command;

use connector_new::template_config::{PlaceholderKind, TemplateConfig};
use connector_new::vocabulary::{ApiKind, AuthKind, Capability};
use rexpect::process::WaitStatus;
use rexpect::session::{spawn_command, PtySession};

/// A window large enough that nothing scrolls off and no line wraps, so the final screen holds
/// the whole session.
const ROWS: u16 = 80;
const COLS: u16 = 250;

const DOWN: &str = "\x1b[B";
const ENTER: &str = "\r";
const SPACE: &str = " ";

/// A session and everything it printed so far.
struct Pty {
    session: PtySession,
    output: String,
}

impl Pty {
    /// Runs connector-new with `args` in `dir` on a fresh pseudo-terminal.
    fn spawn(dir: &Path, args: &[&str]) -> Self {
        let mut command = Command::new("sh");
        // The window size is set before the binary starts, so the prompts and the emulator agree.
        command
            .arg("-c")
            .arg(format!(
                "stty rows {ROWS} cols {COLS} && exec \"$0\" \"$@\""
            ))
            .arg(env!("CARGO_BIN_EXE_connector-new"))
            .args(args)
            .current_dir(dir)
            .env("TERM", "xterm");
        // Only a safety net against a hung prompt, never a measure of speed.
        let session = spawn_command(command, Some(120_000)).unwrap();
        Pty {
            session,
            output: String::new(),
        }
    }

    /// Waits for `text` in the output.
    fn expect(&mut self, text: &str) {
        let before = self
            .session
            .exp_string(text)
            .unwrap_or_else(|e| panic!("waiting for {text:?}: {e}\nso far:\n{}", self.output));
        self.output.push_str(&before);
        self.output.push_str(text);
    }

    fn send(&mut self, keys: &str) {
        self.session.send(keys).unwrap();
        self.session.flush().unwrap();
    }

    /// Waits for the end: the exit code, the final screen (one string per row) and whether the
    /// cursor is left hidden.
    fn finish(mut self) -> (i32, Vec<String>, bool) {
        let rest = self.session.exp_eof().unwrap();
        self.output.push_str(&rest);
        let code = match self.session.process().wait().unwrap() {
            WaitStatus::Exited(_, code) => code,
            other => panic!("connector-new did not exit normally: {other:?}"),
        };
        let size = |n| std::num::NonZeroU16::new(n).unwrap();
        let mut parser = vt100::Parser::new(size(ROWS), size(COLS), 0);
        parser.process(self.output.as_bytes());
        let rows = parser
            .screen()
            .rows(0, COLS)
            .map(|row| row.trim_end().to_owned());
        (code, rows.collect(), parser.screen().hide_cursor())
    }
}

/// A question as the prompt shows it (dialoguer adds its own `:`) and its default choice.
fn question(config: &TemplateConfig, name: &str) -> (String, String) {
    let placeholder = config
        .placeholders()
        .iter()
        .find(|p| p.name == name)
        .unwrap();
    let PlaceholderKind::String {
        default: Some(default),
        ..
    } = &placeholder.kind
    else {
        panic!("{name} has no default choice");
    };
    (
        placeholder.prompt.trim_end_matches('?').to_owned(),
        default.clone(),
    )
}

/// Arrow-down presses from `from` to `to` in a list of `len` items (the list wraps around).
fn downs(from: usize, to: usize, len: usize) -> String {
    DOWN.repeat((to + len - from) % len)
}

#[test]
fn answered_prompts_stay_on_screen_and_make_the_crate() {
    let config = TemplateConfig::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(dir.path(), &["myapp"]);

    // Not the defaults, so the crate can only have them from the keys pressed here.
    let api = ApiKind::Scim;
    let auth = AuthKind::Token;
    let wanted = [
        Capability::ListAccounts,
        Capability::CreateAccount,
        Capability::AssignEntitlement,
    ];

    let (api_question, default) = question(&config, "api");
    assert_ne!(default, api.as_str());
    pty.expect(&format!("{api_question}:"));
    let from = ApiKind::ALL
        .iter()
        .position(|a| a.as_str() == default)
        .unwrap();
    let to = ApiKind::ALL.iter().position(|a| *a == api).unwrap();
    pty.send(&(downs(from, to, ApiKind::ALL.len()) + ENTER));

    let (auth_question, default) = question(&config, "auth");
    assert_ne!(default, auth.as_str());
    pty.expect(&format!("{auth_question}:"));
    let from = AuthKind::ALL
        .iter()
        .position(|a| a.as_str() == default)
        .unwrap();
    let to = AuthKind::ALL.iter().position(|a| *a == auth).unwrap();
    pty.send(&(downs(from, to, AuthKind::ALL.len()) + ENTER));

    // The items are the capabilities the API kind supports, validate_credentials aside, each
    // checked as the template's default says: toggle those that differ from what is wanted.
    pty.expect("Capabilities (");
    let items: Vec<Capability> = Capability::ALL
        .into_iter()
        .filter(|c| *c != Capability::ValidateCredentials && api.supports(*c))
        .collect();
    let mut keys = String::new();
    for item in &items {
        let checked = config.capability_default(*item).unwrap_or(false);
        if checked != wanted.contains(item) {
            keys.push_str(SPACE);
        }
        keys.push_str(DOWN);
    }
    pty.send(&(keys + ENTER));

    let (code, screen, cursor_hidden) = pty.finish();
    let shown = screen.join("\n");
    assert_eq!(code, 0, "screen:\n{shown}");
    assert!(!cursor_hidden);

    // Each answered prompt is on screen with its answer, in the order asked.
    let names: Vec<&str> = wanted.iter().map(|c| c.as_str()).collect();
    let reports = [
        format!("{api_question}: {api}"),
        format!("{auth_question}: {}", auth.as_str()),
        format!("Capabilities: {}", names.join(", ")),
    ];
    let mut rows = screen.iter();
    for report in &reports {
        assert!(
            rows.any(|row| row == report),
            "{report:?} is not on screen, after the previous answers:\n{shown}"
        );
    }
    assert!(shown.contains("Created myapp-connector"), "{shown}");

    // The crate records the same answers.
    let manifest = std::fs::read_to_string(dir.path().join("myapp/Cargo.toml")).unwrap();
    let manifest: toml::Table = manifest.parse().unwrap();
    let recorded = &manifest["package"]["metadata"]["connector-new"];
    assert_eq!(recorded["api"].as_str(), Some(api.as_str()));
    assert_eq!(recorded["auth"].as_str(), Some(auth.as_str()));
    let capabilities: Vec<&str> = recorded["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    let mut expected = vec![Capability::ValidateCredentials.as_str()];
    expected.extend(&names);
    assert_eq!(capabilities, expected);
}

#[test]
fn ctrl_c_at_a_prompt_writes_nothing_and_says_so() {
    let config = TemplateConfig::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut pty = Pty::spawn(dir.path(), &["myapp", "--api", "rest"]);

    pty.expect(&format!("{}:", question(&config, "auth").0));
    pty.send("\x03");

    let (code, screen, cursor_hidden) = pty.finish();
    let shown = screen.join("\n");
    assert_eq!(code, 130, "screen:\n{shown}");
    assert!(!cursor_hidden, "the cursor is left hidden");
    assert!(
        screen
            .iter()
            .any(|row| row == "error: interrupted at a prompt; nothing was written"),
        "{shown}"
    );
    assert!(
        screen.iter().any(|row| row.starts_with("help: ")),
        "{shown}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
