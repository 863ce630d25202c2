//! Helpers shared by the CLI tests: running the binary, and snapshots of a directory tree.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The connector-new binary, run in `dir`, with an empty stdin (so never on a terminal).
pub fn connector_new(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_connector-new"));
    cmd.current_dir(dir).write_stdin("");
    cmd
}

/// Every file under `dir` (relative path → bytes), and every directory (→ None).
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
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

/// Only the files of a snapshot, as text.
pub fn files(dir: &Path) -> BTreeMap<String, String> {
    snapshot(dir)
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

/// Asserts the output is a refusal printed once: `error: ...` then `help: ...`, exit code 1.
pub fn assert_refusal(output: &std::process::Output, needle: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(1),
        "exit code; stderr:\n{stderr}"
    );
    assert!(stderr.starts_with("error: "), "stderr:\n{stderr}");
    assert_eq!(
        stderr.matches("error: ").count(),
        1,
        "printed once; stderr:\n{stderr}"
    );
    assert!(
        stderr.contains("\nhelp: "),
        "no help line; stderr:\n{stderr}"
    );
    assert!(
        stderr.contains(needle),
        "expected {needle:?} in stderr:\n{stderr}"
    );
    assert!(
        output.stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&output.stdout)
    );
}
