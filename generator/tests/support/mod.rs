//! What the CLI and workspace tests share: running the binary in a scratch directory, comparing
//! its whole output with a reviewed snapshot file, and reading a directory tree back.
//!
//! Snapshots are compared with snapbox, the library cargo's own test suite uses for the same
//! job: whole stdout/stderr against files, redactions for what differs between runs (`[ROOT]`),
//! `in/` and `out/` directory fixtures, and one switch to refresh them all
//! (`SNAPSHOTS=overwrite`). trycmd (built on snapbox) would hold the commands in files too, but
//! these tests also check the disk (untouched after every refusal, the listing against the
//! written files, `cargo metadata` on the result), which trycmd's cases cannot express; insta
//! would need its own review tool (`cargo insta`) and has no directory fixtures.
//!
//! A snapshot file is a transcript: for each run, the command, its exit code, then its stdout
//! and stderr, whole. Redacted: `[ROOT]` (the scratch directory), `[SDK]` (the connector-sdk
//! checkout this generator was built from) and `[SIZE]` (file sizes, which change with every
//! template edit; the tests compare them with the written files instead).

#![allow(
    dead_code,
    reason = "each test target uses the helpers it needs, not all of them"
)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers fail the test by panicking, like the tests themselves"
)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use snapbox::{Assert, Data, Redactions};
use tempfile::TempDir;

/// The variable that makes snapbox rewrite the snapshot files (`SNAPSHOTS=overwrite`).
const ACTION_ENV: &str = "SNAPSHOTS";

/// A scratch directory to run connector-new in, and the transcript of the runs so far.
pub struct Session {
    /// Removed on drop.
    _temp: TempDir,
    /// Its canonical path, as the generator reports paths.
    root: PathBuf,
    transcript: String,
}

/// One finished run.
pub struct Ran {
    output: Output,
}

impl Session {
    /// An empty scratch directory.
    pub fn new() -> Self {
        let temp = TempDir::new().unwrap();
        let root = temp.path().canonicalize().unwrap();
        Self {
            _temp: temp,
            root,
            transcript: String::new(),
        }
    }

    /// A scratch directory holding a copy of `fixture` (a directory under `tests/`).
    pub fn from_fixture(fixture: &str) -> Self {
        let session = Self::new();
        copy_tree(&tests_dir().join(fixture), session.root());
        session
    }

    /// The scratch directory.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Runs connector-new in the scratch directory and records the run in the transcript.
    pub fn run(&mut self, args: &[&str]) -> Ran {
        self.run_in("", args)
    }

    /// Runs connector-new in `dir` (relative to the scratch directory), recorded.
    pub fn run_in(&mut self, dir: &str, args: &[&str]) -> Ran {
        let output = Command::new(env!("CARGO_BIN_EXE_connector-new"))
            .args(args)
            .current_dir(self.root().join(dir))
            // Never a terminal: nothing is ever asked.
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let ran = Ran { output };
        self.record(dir, args, &ran);
        ran
    }

    /// Like [`Session::run`], and the run must succeed.
    pub fn run_ok(&mut self, args: &[&str]) -> Ran {
        self.run_in_ok("", args)
    }

    /// Like [`Session::run_in`], and the run must succeed.
    pub fn run_in_ok(&mut self, dir: &str, args: &[&str]) -> Ran {
        let ran = self.run_in(dir, args);
        assert!(
            ran.output.status.success(),
            "connector-new {args:?} failed:\n{}",
            ran.stderr()
        );
        ran
    }

    /// Runs connector-new, which must refuse: exit code 1, nothing on stdout, `error: ...` once
    /// then `help: ...` on stderr, and the scratch directory exactly as it was.
    pub fn refuses(&mut self, args: &[&str]) -> Ran {
        let before = tree(self.root());
        let ran = self.run(args);
        let stderr = ran.stderr();
        assert_eq!(
            ran.code(),
            Some(1),
            "{args:?}: exit code; stderr:\n{stderr}"
        );
        assert!(
            ran.stdout().is_empty(),
            "{args:?}: stdout:\n{}",
            ran.stdout()
        );
        assert!(stderr.starts_with("error: "), "{args:?}: stderr:\n{stderr}");
        assert_eq!(stderr.matches("error: ").count(), 1, "{args:?}: {stderr}");
        assert!(
            stderr.contains("\nhelp: "),
            "{args:?}: no help line:\n{stderr}"
        );
        assert_eq!(tree(self.root()), before, "{args:?} touched the disk");
        ran
    }

    /// Compares the transcript of every recorded run with the file `snapshot` (under
    /// `tests/`), whole.
    #[track_caller]
    pub fn assert_transcript(&self, snapshot: &str) {
        let expected = Data::read_from(&tests_dir().join(snapshot), None);
        Assert::new()
            .action_env(ACTION_ENV)
            // Backslashes are text here (JSON escapes), not Windows path separators.
            .normalize_paths(false)
            .redact_with(self.redactions())
            .eq(self.transcript.as_str(), expected);
    }

    /// Compares the files of the scratch directory with those of `expected` (a directory under
    /// `tests/`): every file there must be here with the same text; others are not compared.
    #[track_caller]
    pub fn assert_tree_has(&self, expected: &str) {
        Assert::new()
            .action_env(ACTION_ENV)
            .subset_eq(tests_dir().join(expected), self.root());
    }

    fn record(&mut self, dir: &str, args: &[&str], ran: &Ran) {
        let out = &mut self.transcript;
        if !out.is_empty() {
            out.push('\n');
        }
        if !dir.is_empty() {
            writeln!(out, "$ cd {dir}").unwrap();
        }
        let words: Vec<String> = args.iter().map(|a| quoted(a)).collect();
        writeln!(out, "$ connector-new {}", words.join(" ")).unwrap();
        match ran.code() {
            Some(code) => writeln!(out, "exit: {code}").unwrap(),
            None => out.push_str("exit: killed by a signal\n"),
        }
        for (name, text) in [("stdout", ran.stdout()), ("stderr", ran.stderr())] {
            if text.is_empty() {
                continue;
            }
            writeln!(out, "--- {name}").unwrap();
            out.push_str(text);
            if !text.ends_with('\n') {
                writeln!(out, "\n--- (no newline at the end of {name})").unwrap();
            }
        }
    }

    fn redactions(&self) -> Redactions {
        let mut redactions = Redactions::new();
        redactions.insert("[ROOT]", self.root.clone()).unwrap();
        redactions
            .insert("[ROOT]", self._temp.path().to_owned())
            .unwrap();
        redactions.insert("[SDK]", builtin_sdk()).unwrap();
        // The listing right-aligns sizes in six columns, as wide as the placeholder.
        for pattern in [
            r"(?<redacted>[ \d]{5}\d) bytes",
            r#""bytes": (?<redacted>\d+)"#,
        ] {
            redactions
                .insert("[SIZE]", regex::Regex::new(pattern).unwrap())
                .unwrap();
        }
        redactions
    }
}

impl Ran {
    /// The exit code.
    pub fn code(&self) -> Option<i32> {
        self.output.status.code()
    }

    /// Stdout, as text.
    pub fn stdout(&self) -> &str {
        std::str::from_utf8(&self.output.stdout).unwrap()
    }

    /// Stderr, as text.
    pub fn stderr(&self) -> &str {
        std::str::from_utf8(&self.output.stderr).unwrap()
    }

    /// Stdout, parsed as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(self.stdout())
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout()))
    }

    /// The (path, size) pairs of a human-readable file listing (`  path   123 bytes`).
    pub fn listed_files(&self) -> Vec<(String, usize)> {
        self.stdout()
            .lines()
            .filter_map(|line| {
                let words: Vec<&str> = line.split_whitespace().collect();
                match words[..] {
                    [path, size, "bytes"] => Some((path.to_owned(), size.parse().unwrap())),
                    _ => None,
                }
            })
            .collect()
    }
}

/// `generator/tests`.
pub fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// The canonical directory of the connector-sdk checkout this generator was built from.
pub fn builtin_sdk() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../sdk")
        .canonicalize()
        .unwrap()
}

/// Every file under `dir` (relative path → bytes), and every directory (→ None).
pub fn tree(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Option<Vec<u8>>>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        let relative = path.strip_prefix(root).unwrap().to_path_buf();
        if path.is_dir() {
            out.insert(relative, None);
            walk(root, &path, out);
        } else {
            out.insert(relative, Some(fs::read(&path).unwrap()));
        }
    }
}

/// Only the files under `dir`, as text, by `/`-separated relative path.
pub fn files(dir: &Path) -> BTreeMap<String, String> {
    tree(dir)
        .into_iter()
        .filter_map(|(path, bytes)| {
            bytes.map(|b| {
                (
                    path.to_string_lossy().replace('\\', "/"),
                    String::from_utf8(b).unwrap(),
                )
            })
        })
        .collect()
}

/// The (path, size) pairs of the files under `dir`, as a listing shows them.
pub fn sizes(dir: &Path) -> Vec<(String, usize)> {
    files(dir)
        .into_iter()
        .map(|(path, text)| (path, text.len()))
        .collect()
}

fn copy_tree(from: &Path, to: &Path) {
    for (relative, bytes) in tree(from) {
        let target = to.join(relative);
        match bytes {
            None => fs::create_dir_all(&target).unwrap(),
            Some(bytes) => fs::write(&target, bytes).unwrap(),
        }
    }
}

/// `arg` as a shell would need it written.
fn quoted(arg: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./=,:@%+".contains(c);
    if !arg.is_empty() && arg.chars().all(plain) {
        arg.to_owned()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}
