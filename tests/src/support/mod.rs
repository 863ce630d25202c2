//! Test support: a scratch workspace that generated connectors are written to and built in,
//! and a guard that stops a child process when it goes out of scope.
//!
//! Every helper panics with the failing step's output: they only run inside tests, where a
//! failed setup step must stop the test and say what went wrong.
#![allow(
    clippy::panic,
    clippy::expect_used,
    reason = "test helpers: a failed step stops the test with its output"
)]

pub mod leaks;
pub mod measure;
pub mod oauth_server;
pub mod scim_server;
pub mod upstream;

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::Mutex;

use clap::Parser as _;
use connector_new::cli::Cli;

/// The repository root (the workspace this crate belongs to).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .canonicalize()
        .expect("the repository root exists")
}

/// The target directory generated connectors build in, shared by every test and kept between
/// runs so their dependencies build once.
pub fn e2e_target_dir() -> PathBuf {
    repo_root().join("target/e2e")
}

/// A temporary Cargo workspace that connector-new registers generated crates in; removed on
/// drop. It uses the repository's `Cargo.lock`, so the crates build with the same dependency
/// versions as the repository and reuse what `target/e2e` already holds.
pub struct ScratchWorkspace {
    dir: tempfile::TempDir,
}

impl ScratchWorkspace {
    /// Creates the workspace (an empty `members` list and a copy of the repository's lock file).
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temp dir");
        std::fs::write(
            dir.path().join("Cargo.toml"),
            "[workspace]\nresolver = \"2\"\nmembers = []\n",
        )
        .expect("workspace manifest written");
        std::fs::copy(
            repo_root().join("Cargo.lock"),
            dir.path().join("Cargo.lock"),
        )
        .expect("Cargo.lock copied");
        Self { dir }
    }

    /// The workspace directory.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Generates a connector with connector-new, as `connector-new <name> <args...> --yes`
    /// would, into `<workspace>/<name>`.
    pub fn generate(&self, name: &str, args: &[&str]) {
        let output = self.path().join(name);
        let output = output.to_str().expect("UTF-8 temp path");
        let mut argv = vec!["connector-new", name];
        argv.extend_from_slice(args);
        argv.extend_from_slice(&["--yes", "--output", output]);
        let cli = Cli::try_parse_from(&argv)
            .unwrap_or_else(|error| panic!("connector-new {argv:?} does not parse: {error}"));
        if let Err(error) = connector_new::run(&cli) {
            panic!("connector-new {argv:?} failed: {error:#}");
        }
    }

    /// Runs cargo in the workspace with the shared target dir and returns its output; panics
    /// with that output when cargo fails.
    pub fn cargo(&self, args: &[&str]) -> String {
        cargo(self.path(), args)
    }

    /// Builds the generated connectors `names` (debug) and returns the path of each one's
    /// binary, `<target/e2e>/debug/<name>-connector`.
    pub fn build_connectors(&self, names: &[&str]) -> Vec<PathBuf> {
        let packages: Vec<String> = names
            .iter()
            .map(|name| format!("{name}-connector"))
            .collect();
        let mut args = vec!["build"];
        for package in &packages {
            args.extend_from_slice(&["-p", package]);
        }
        self.cargo(&args);
        packages
            .iter()
            .map(|package| {
                let binary = e2e_target_dir().join("debug").join(package);
                assert!(binary.is_file(), "{} was not built", binary.display());
                binary
            })
            .collect()
    }
}

impl Default for ScratchWorkspace {
    fn default() -> Self {
        Self::new()
    }
}

/// Builds the connector-new binary into the shared target dir (`target/e2e`) and returns its
/// path, for tests that run it as an author would.
pub fn connector_new_binary() -> PathBuf {
    cargo(
        &repo_root(),
        &[
            "build",
            "-q",
            "-p",
            "connector-new",
            "--bin",
            "connector-new",
        ],
    );
    e2e_target_dir().join("debug/connector-new")
}

/// The environment of every cargo that builds generated crates: the shared target dir, no
/// debug info, and no incremental caches (each crate builds once per test run, and those
/// caches grew the shared dir by tens of gigabytes, enough to fill CI's disk).
pub fn build_env() -> [(&'static str, String); 4] {
    [
        ("CARGO_TARGET_DIR", e2e_target_dir().display().to_string()),
        ("CARGO_PROFILE_DEV_DEBUG", "false".to_owned()),
        ("CARGO_INCREMENTAL", "0".to_owned()),
        ("CARGO_TERM_COLOR", "never".to_owned()),
    ]
}

/// A command for `program` with `build_env()` and without the outer `cargo test`'s CARGO_*
/// variables (manifest path, package name...), which would point an inner cargo at this
/// repository instead of the scratch workspace.
pub fn build_command(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut command = Command::new(program);
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy().into_owned();
        if key.starts_with("CARGO_") && key != "CARGO_HOME" {
            command.env_remove(&key);
        }
    }
    command.envs(build_env());
    command
}

/// Runs cargo in `dir` with `build_env()`; panics with its output on failure.
pub fn cargo(dir: &Path, args: &[&str]) -> String {
    let output = build_command(env!("CARGO"))
        .args(args)
        .current_dir(dir)
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

/// Owns a child process and kills it when dropped, also when the test panics, so no server
/// outlives its test.
pub struct ChildGuard {
    child: Child,
}

impl ChildGuard {
    /// Takes ownership of `child`.
    pub fn new(child: Child) -> Self {
        Self { child }
    }

    /// The child's process id.
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// Whether the child has exited, and how.
    pub fn try_wait(&mut self) -> Option<std::process::ExitStatus> {
        self.child.try_wait().ok().flatten()
    }
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        // Errors mean the child already exited; there is nothing left to stop.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Appends one line of a server's output to its log (a poisoned lock still holds the lines
/// written so far, which is what a failure message needs).
pub(crate) fn append(log: &Mutex<String>, line: &str) {
    let mut log = log.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    log.push_str(line);
    log.push('\n');
}

/// A copy of a server's log so far.
pub(crate) fn snapshot(log: &Mutex<String>) -> String {
    log.lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .clone()
}

/// FNV-1a over the parts (each followed by a separator): a cache key for an installed test
/// server that is stable across Rust versions, unlike `DefaultHasher`.
pub(crate) fn fnv1a64(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in parts.iter().flat_map(|part| part.iter().chain([&0xff])) {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}
