//! End to end: `connector-new update` on connectors of an older template revision that their
//! authors edited, then the updated crates are checked as an author would: `cargo fmt --check`,
//! `cargo clippy --all-targets -- -D warnings` and `cargo test`, in a scratch workspace sharing
//! `target/e2e`.
//!
//! - `merged-app`: the author's changes (a line in a file the templates changed, a constant
//!   and a test of their own, a deleted README) and the templates' (a file added, one deleted,
//!   one changed) are all in the result, which builds and passes, the author's test included.
//!   Its base is deleted first, as in a crate generated before connector-new kept one: `update`
//!   refuses it untouched, then `update --adopt=DIR` adopts a pristine copy of the older
//!   revision (generated elsewhere) as the base and merges in the same run.
//! - `conflict-app`: the author changed the line the templates changed: the update fails
//!   naming the file, which holds both sides between markers; resolved by keeping the author's
//!   side, the crate builds and passes, and the next update has nothing to do.
//!
//! The older revision is the fixture shared with connector-new's CLI tests.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "the helpers of a test fail it by panicking, like the test functions themselves"
)]

#[path = "../../generator/tests/older_revision/mod.rs"]
mod older_revision;

use std::fs;
use std::path::Path;

use clap::Parser as _;
use connector_new::cli::Cli;
use connector_new::commands::pristine;
use connector_new_e2e::support::{cargo, ScratchWorkspace};
use older_revision::{Older, LEGACY, OLD_FIRST_LINE, OLD_LAST_LINE};

const AUTHOR_LINE: &str = "// Reviewed by the author.\n";
const AUTHOR_CONSTANT: &str =
    "\n/// The page size the author settled on.\npub const AUTHOR_PAGE_SIZE: u32 = 50;\n";

/// Runs `connector-new <args>` as the binary does (same parser, same `run`).
fn connector_new(args: &[&str]) -> Result<(), String> {
    let mut argv = vec!["connector-new"];
    argv.extend_from_slice(args);
    connector_new::run(&Cli::try_parse_from(&argv).unwrap()).map_err(|e| e.to_string())
}

/// The author's edits, none on a line the older templates and the current ones differ in.
fn edit_by_hand(dir: &Path, package: &str) {
    let lib = fs::read_to_string(dir.join("src/lib.rs")).unwrap();
    fs::write(dir.join("src/lib.rs"), format!("{AUTHOR_LINE}{lib}")).unwrap();
    let constants = fs::read_to_string(dir.join("src/constants.rs")).unwrap();
    fs::write(
        dir.join("src/constants.rs"),
        format!("{constants}{AUTHOR_CONSTANT}"),
    )
    .unwrap();
    let krate = package.replace('-', "_");
    fs::write(
        dir.join("tests/author.rs"),
        format!(
            "//! The author's own test.\n\n#[test]\nfn the_authors_constant_is_there() {{\n    assert_eq!({krate}::constants::AUTHOR_PAGE_SIZE, 50);\n}}\n"
        ),
    )
    .unwrap();
    fs::remove_file(dir.join("README.md")).unwrap();
}

/// fmt, clippy and the crate's tests, as CI would run them; the author's test must have run.
fn check_builds_and_passes(workspace: &ScratchWorkspace, package: &str) {
    workspace.cargo(&["fmt", "-p", package, "--check"]);
    workspace.cargo(&[
        "clippy",
        "-p",
        package,
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]);
    let tested = workspace.cargo(&["test", "-p", package]);
    assert!(
        tested.contains("test the_authors_constant_is_there ... ok"),
        "{tested}"
    );
}

#[test]
fn updated_connectors_keep_both_sides_and_build() {
    let workspace = ScratchWorkspace::new();
    let args = ["--auth", "oauth", "--all-capabilities"];
    workspace.generate("merged-app", &args);
    workspace.generate("conflict-app", &args);

    // Without conflict, on a crate without a base.
    let merged = workspace.path().join("merged-app");
    Older::default().apply(&merged);
    edit_by_hand(&merged, "merged-app-connector");
    fs::remove_file(merged.join(pristine::PATH)).unwrap();
    let path = merged.to_str().unwrap();
    let before = tree_hash(&merged);
    let refused = connector_new(&["update", "--path", path]).unwrap_err();
    assert!(refused.contains("has no pristine base"), "{refused}");
    assert_eq!(tree_hash(&merged), before, "a refusal touched the crate");
    // The copy the older revision generates for the same answers, elsewhere, without a base.
    let elsewhere = ScratchWorkspace::new();
    elsewhere.generate("merged-app", &args);
    let copy = elsewhere.path().join("merged-app");
    Older::default().apply(&copy);
    fs::remove_file(copy.join(pristine::PATH)).unwrap();
    let adopt = format!("--adopt={}", copy.display());
    connector_new(&["update", "--path", path, &adopt]).unwrap();
    assert!(merged.join(pristine::PATH).is_file());
    let lib = fs::read_to_string(merged.join("src/lib.rs")).unwrap();
    assert!(
        lib.starts_with(AUTHOR_LINE) && !lib.contains(OLD_LAST_LINE),
        "{lib}"
    );
    assert!(merged.join("src/main.rs").is_file());
    assert!(!merged.join(LEGACY).exists());
    assert!(!merged.join("README.md").exists());
    assert!(fs::read_to_string(merged.join("src/constants.rs"))
        .unwrap()
        .ends_with(AUTHOR_CONSTANT));
    check_builds_and_passes(&workspace, "merged-app-connector");

    // With a conflict on the first line of src/lib.rs.
    let conflicted = workspace.path().join("conflict-app");
    Older {
        first_line_changed: true,
    }
    .apply(&conflicted);
    edit_by_hand(&conflicted, "conflict-app-connector");
    let lib_path = conflicted.join("src/lib.rs");
    let lib = fs::read_to_string(&lib_path).unwrap();
    let authors_first = "//! The author's first line.\n";
    fs::write(&lib_path, lib.replacen(OLD_FIRST_LINE, authors_first, 1)).unwrap();
    let path = conflicted.to_str().unwrap();
    let error = connector_new(&["update", "--path", path]).unwrap_err();
    assert_eq!(error, "the update left conflicts in 1 file: src/lib.rs");
    let lib = fs::read_to_string(&lib_path).unwrap();
    let ours_start = lib.find("<<<<<<< ours\n").expect("markers");
    assert!(lib[ours_start..].contains(authors_first), "{lib}");
    // The other changes of both sides were made.
    assert!(conflicted.join("src/main.rs").is_file());
    assert!(!lib.contains(OLD_LAST_LINE), "{lib}");

    // The author keeps their side, and refuses the base's and the templates'.
    let resolved = keep_ours(&lib);
    assert!(
        resolved.starts_with(&format!("{AUTHOR_LINE}{authors_first}")),
        "{resolved}"
    );
    fs::write(&lib_path, resolved).unwrap();
    connector_new(&["update", "--path", path]).unwrap();
    cargo(&conflicted, &["fmt", "--check"]);
    check_builds_and_passes(&workspace, "conflict-app-connector");
}

/// A hash of every path and byte under `dir`, as the add tier hashes a crate (nothing of
/// this crate is built before the check, so there is no `target/` to leave out).
fn tree_hash(dir: &Path) -> u64 {
    fn walk(dir: &Path, files: &mut Vec<(std::path::PathBuf, Vec<u8>)>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, files);
            } else {
                files.push((path.clone(), fs::read(&path).unwrap()));
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, &mut files);
    files.sort();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    std::hash::Hash::hash(&files, &mut hasher);
    std::hash::Hasher::finish(&hasher)
}

/// `text` with every conflict resolved to its `ours` side.
fn keep_ours(text: &str) -> String {
    let mut out = String::new();
    let mut keeping = true;
    for line in text.split_inclusive('\n') {
        if line.starts_with("<<<<<<< ") {
            keeping = true;
        } else if line.starts_with("||||||| ") || line.starts_with("=======") {
            keeping = false;
        } else if line.starts_with(">>>>>>> ") {
            keeping = true;
        } else if keeping {
            out.push_str(line);
        }
    }
    out
}
