//! `connector-new diff` and `update` through the binary: on an untouched crate, on a crate of
//! an older template revision ([`older_revision`]) edited by hand (merged without conflict, and
//! with one), `--dry-run` and `--json`, and every refusal, which must leave the disk
//! byte-identical. Outputs that hold no template text are compared whole with snapshots under
//! `tests/snapshots/update/`; the rest is checked against the files themselves, so that a
//! template edit does not churn these tests.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "the helpers of a test fail it by panicking, like the test functions themselves"
)]

mod older_revision;
mod support;

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use connector_new::commands::pristine;
use older_revision::{replace_first_line, Older, LEGACY, OLD_FIRST_LINE, OLD_LAST_LINE};
use support::{tree, Session};

const AUTHOR_LINE: &str = "// Reviewed by the author.\n";
const AUTHOR_NOTES: &str = "Notes the author keeps next to the code.\n";

/// A session with `myapp` generated (token auth, the default capabilities), out of the
/// transcript: its listing changes with every template edit, and the CLI tests cover it.
fn generated() -> Session {
    let session = Session::new();
    let ran = unrecorded(&session, "", &["myapp", "--auth", "token", "-y"]);
    assert!(
        ran.status.success(),
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    session
}

/// Runs connector-new in `dir` under the session's root without recording the run: for
/// outputs that quote template text (diffs), checked against the files instead of a snapshot.
fn unrecorded(session: &Session, dir: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_connector-new"))
        .args(args)
        .current_dir(session.root().join(dir))
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// Stdout of a successful unrecorded run.
fn stdout_of(session: &Session, args: &[&str]) -> String {
    let ran = unrecorded(session, "", args);
    assert!(
        ran.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&ran.stderr)
    );
    String::from_utf8(ran.stdout).unwrap()
}

fn json_of(session: &Session, args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&stdout_of(session, args)).unwrap()
}

fn read(session: &Session, path: &str) -> String {
    fs::read_to_string(session.root().join("myapp").join(path)).unwrap()
}

fn exists(session: &Session, path: &str) -> bool {
    session.root().join("myapp").join(path).exists()
}

/// The author's edits, none of them on a line the templates changed: a line at the top of
/// src/lib.rs, README.md deleted, a file of their own.
fn edit_by_hand(dir: &Path) {
    let lib = dir.join("src/lib.rs");
    let text = fs::read_to_string(&lib).unwrap();
    fs::write(&lib, format!("{AUTHOR_LINE}{text}")).unwrap();
    fs::remove_file(dir.join("README.md")).unwrap();
    fs::write(dir.join("NOTES.md"), AUTHOR_NOTES).unwrap();
}

#[test]
fn diff_and_update_on_an_untouched_crate_do_nothing() {
    let mut session = generated();
    let before = tree(session.root());
    let diff = session.run_in_ok("myapp", &["diff"]);
    assert_eq!(diff.stdout(), "");
    assert_eq!(diff.stderr(), "");
    // From a subdirectory of the crate, as cargo finds its manifest.
    let diff = session.run_in_ok("myapp/src", &["diff"]);
    assert_eq!(diff.stdout(), "");
    let update = session.run_ok(&["update", "--path", "myapp"]);
    assert_eq!(
        update.stdout(),
        "myapp-connector is up to date with the templates\n"
    );
    assert_eq!(tree(session.root()), before);
}

#[test]
fn diff_shows_the_templates_changes_against_the_working_tree() {
    let session = generated();
    Older::default().apply(&session.root().join("myapp"));
    let before = tree(session.root());
    let text = &stdout_of(&session, &["diff", "--path", "myapp"]);
    assert!(
        text.contains("--- /dev/null\n+++ b/src/main.rs\n"),
        "{text}"
    );
    assert!(
        text.contains("--- a/src/lib.rs\n+++ b/src/lib.rs\n"),
        "{text}"
    );
    assert!(text.contains(&format!("-{OLD_LAST_LINE}")), "{text}");
    assert!(
        text.contains(&format!("--- a/{LEGACY}\n+++ /dev/null\n")),
        "{text}"
    );
    let json = json_of(&session, &["diff", "--path", "myapp", "--json"]);
    let files: Vec<(String, String)> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().into(),
                f["status"].as_str().unwrap().into(),
            )
        })
        .collect();
    let expected = [
        ("src/legacy.rs", "deleted"),
        ("src/lib.rs", "modified"),
        ("src/main.rs", "added"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(p, s)| ((*p).into(), (*s).into()))
        .collect();
    assert_eq!(files, expected);
    assert_eq!(json["diff"].as_str().unwrap(), text);
    assert_eq!(tree(session.root()), before, "diff wrote to the disk");
}

#[test]
fn update_merges_the_templates_changes_with_the_authors() {
    let mut session = generated();
    let dir = session.root().join("myapp");
    Older::default().apply(&dir);
    edit_by_hand(&dir);

    let before = tree(session.root());
    let dry = stdout_of(&session, &["update", "--path", "myapp", "--dry-run"]);
    assert_eq!(tree(session.root()), before, "--dry-run wrote to the disk");
    assert!(dry.starts_with("Would update myapp-connector"), "{dry}");
    assert!(dry.contains("+++ b/src/main.rs"), "{dry}");
    assert!(dry.contains(&format!("-{OLD_LAST_LINE}")), "{dry}");
    let planned = json_of(
        &session,
        &["update", "--path", "myapp", "--dry-run", "--json"],
    );
    assert_eq!(planned["dry_run"], true);
    assert_eq!(
        tree(session.root()),
        before,
        "--dry-run --json wrote to the disk"
    );

    session.run_ok(&["update", "--path", "myapp"]);
    session.assert_transcript("snapshots/update/merged.txt");

    // Both sides' changes are there.
    let lib = read(&session, "src/lib.rs");
    assert!(lib.starts_with(AUTHOR_LINE), "{lib}");
    assert!(!lib.contains(OLD_LAST_LINE), "{lib}");
    assert!(exists(&session, "src/main.rs"), "added upstream");
    assert!(
        !exists(&session, LEGACY),
        "deleted upstream, unchanged by the author"
    );
    assert!(
        !exists(&session, "README.md"),
        "deleted by the author: stays deleted"
    );
    assert_eq!(read(&session, "NOTES.md"), AUTHOR_NOTES);
    // The new base is the current templates' output: exactly what a fresh generation writes.
    let fresh = generated();
    let fresh_base = fs::read_to_string(fresh.root().join("myapp").join(pristine::PATH)).unwrap();
    assert_eq!(read(&session, pristine::PATH), fresh_base);
    // The planned result was the result.
    let actions: Vec<&str> = planned["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["deleted", "merged", "added"]);

    // No staging left, and a second update has nothing to do.
    let state: Vec<_> = fs::read_dir(dir.join(".connector-new")).unwrap().collect();
    assert_eq!(state.len(), 1, "{state:?}");
    let again = session.run_ok(&["update", "--path", "myapp"]);
    assert_eq!(
        again.stdout(),
        "myapp-connector is up to date with the templates\n"
    );
}

#[test]
fn update_marks_a_conflict_fails_listing_it_and_loses_nothing() {
    let mut session = generated();
    let dir = session.root().join("myapp");
    Older {
        first_line_changed: true,
    }
    .apply(&dir);
    edit_by_hand(&dir);
    // The author changes the first line of src/lib.rs, which the templates changed too.
    let lib = read(&session, "src/lib.rs");
    let template_first_line = lib.lines().nth(1).unwrap().to_owned();
    assert_eq!(format!("{template_first_line}\n"), OLD_FIRST_LINE);
    fs::write(
        dir.join("src/lib.rs"),
        lib.replacen(OLD_FIRST_LINE, "//! The author's first line.\n", 1),
    )
    .unwrap();

    let ran = session.run(&["update", "--path", "myapp"]);
    assert_eq!(ran.code(), Some(1));
    session.assert_transcript("snapshots/update/conflict.txt");

    let lib = read(&session, "src/lib.rs");
    assert!(lib.contains("<<<<<<< ours\n"), "{lib}");
    assert!(
        lib.contains("//! The author's first line.\n"),
        "the author's line: {lib}"
    );
    assert!(lib.contains(OLD_FIRST_LINE), "the base's line: {lib}");
    assert!(lib.contains(">>>>>>> theirs\n"), "{lib}");
    // The author's line next to the conflict is inside it, on their side: not lost either.
    assert!(
        lib.starts_with(&format!("<<<<<<< ours\n{AUTHOR_LINE}")),
        "{lib}"
    );
    // The rest of the update happened.
    assert!(exists(&session, "src/main.rs"));
    assert!(!exists(&session, LEGACY));
    assert_eq!(read(&session, "NOTES.md"), AUTHOR_NOTES);

    // While the markers are there, update refuses.
    session.refuses(&["update", "--path", "myapp"]);
    // Once resolved, the next update has nothing to do.
    let resolved: String = lib
        .lines()
        .filter(|l| !l.starts_with("<<<<<<<") && !l.starts_with(">>>>>>>"))
        .filter(|l| !l.starts_with("|||||||") && !l.starts_with("======="))
        .filter(|l| format!("{l}\n") != OLD_FIRST_LINE)
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(dir.join("src/lib.rs"), resolved).unwrap();
    let again = session.run_ok(&["update", "--path", "myapp"]);
    assert_eq!(
        again.stdout(),
        "myapp-connector is up to date with the templates\n"
    );
}

#[test]
fn update_with_json_reports_conflicts_once() {
    let mut session = generated();
    let dir = session.root().join("myapp");
    Older {
        first_line_changed: true,
    }
    .apply(&dir);
    replace_first_line(&dir.join("src/lib.rs"), "//! Mine.\n");
    let ran = session.run(&["update", "--path", "myapp", "--json"]);
    assert_eq!(ran.code(), Some(1));
    assert_eq!(ran.stderr(), "");
    let json = ran.json();
    assert_eq!(json["conflicts"], serde_json::json!(["src/lib.rs"]));
    assert_eq!(json["dry_run"], false);
}

#[test]
fn every_refusal_names_the_problem_and_leaves_the_disk_untouched() {
    let mut session = generated();
    let dir = session.root().join("myapp");
    let manifest = read(&session, "Cargo.toml");
    let base = read(&session, pristine::PATH);

    // Not a crate at all, and a crate connector-new did not generate.
    fs::create_dir(session.root().join("empty")).unwrap();
    session.refuses(&["diff", "--path", "empty"]);
    fs::create_dir(session.root().join("other")).unwrap();
    fs::write(
        session.root().join("other/Cargo.toml"),
        "[package]\nname = \"other\"\nversion = \"0.1.0\"\n",
    )
    .unwrap();
    session.refuses(&["update", "--path", "other"]);

    // Recorded answers that do not read back.
    fs::write(
        dir.join("Cargo.toml"),
        manifest.replace("auth = \"token\"", "auth = \"saml\""),
    )
    .unwrap();
    session.refuses(&["update", "--path", "myapp"]);
    session.refuses(&["diff", "--path", "myapp"]);
    fs::write(dir.join("Cargo.toml"), &manifest).unwrap();

    // A missing or damaged base.
    fs::remove_file(dir.join(pristine::PATH)).unwrap();
    session.refuses(&["update", "--path", "myapp"]);
    fs::write(dir.join(pristine::PATH), "# damaged\nnot base64\n").unwrap();
    session.refuses(&["update", "--path", "myapp", "--dry-run"]);
    fs::write(dir.join(pristine::PATH), &base).unwrap();

    // Markers of an unfinished update, in a source file and in Cargo.toml.
    let lib = read(&session, "src/lib.rs");
    fs::write(
        dir.join("src/lib.rs"),
        format!("<<<<<<< ours\n{lib}>>>>>>> theirs\n"),
    )
    .unwrap();
    session.refuses(&["update", "--path", "myapp"]);
    fs::write(dir.join("src/lib.rs"), &lib).unwrap();
    fs::write(dir.join("Cargo.toml"), format!("<<<<<<< ours\n{manifest}")).unwrap();
    session.refuses(&["update", "--path", "myapp"]);
    fs::write(dir.join("Cargo.toml"), &manifest).unwrap();

    // A directory where the templates need a file.
    Older::default().apply(&dir);
    fs::create_dir(dir.join("src/main.rs")).unwrap();
    session.refuses(&["update", "--path", "myapp"]);

    session.assert_transcript("snapshots/update/refusals.txt");
}

#[test]
fn with_json_a_refusal_is_json_on_stdout_too() {
    let session = generated();
    let before = tree(session.root());
    let ran = unrecorded(&session, "", &["update", "--path", "nowhere", "--json"]);
    assert_eq!(ran.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&ran.stdout).unwrap();
    let text = json.to_string();
    assert!(text.contains("nowhere has no Cargo.toml"), "{text}");
    assert!(text.contains("--path"), "the help is there: {text}");
    assert_eq!(tree(session.root()), before);
}

/// A crate of the older revision, edited by hand, whose base is gone: as a crate generated
/// before connector-new kept one.
fn without_a_base() -> Session {
    let session = generated();
    let dir = session.root().join("myapp");
    Older::default().apply(&dir);
    edit_by_hand(&dir);
    fs::remove_file(dir.join(pristine::PATH)).unwrap();
    session
}

/// The base a fresh generation writes: the current templates' output.
fn fresh_base() -> String {
    let fresh = generated();
    fs::read_to_string(fresh.root().join("myapp").join(pristine::PATH)).unwrap()
}

#[test]
fn adopting_the_current_templates_as_the_base_keeps_every_difference_as_the_authors() {
    let mut session = without_a_base();
    let dir = session.root().join("myapp");
    // Without a base, update refuses, naming the way out.
    let refused = session.refuses(&["update", "--path", "myapp"]);
    assert!(
        refused.stderr().contains("update --adopt"),
        "{}",
        refused.stderr()
    );

    let before = tree(session.root());
    let dry = stdout_of(
        &session,
        &["update", "--path", "myapp", "--adopt", "--dry-run"],
    );
    assert!(dry.starts_with("Would adopt a pristine base"), "{dry}");
    let planned = json_of(
        &session,
        &[
            "update",
            "--path",
            "myapp",
            "--adopt",
            "--dry-run",
            "--json",
        ],
    );
    assert_eq!(tree(session.root()), before, "--dry-run wrote to the disk");
    assert_eq!(planned["adopted"]["base"], "current-templates");
    // What differs from the current templates: the author's edits, and what the older
    // templates lacked (src/main.rs). src/legacy.rs is no template file of theirs: the
    // author's own from now on.
    assert_eq!(
        planned["adopted"]["yours"],
        serde_json::json!(["README.md", "src/lib.rs", "src/main.rs"])
    );
    assert_eq!(planned["files"], serde_json::json!([]));

    session.run_ok(&["update", "--path", "myapp", "--adopt"]);
    // Only the base was written, and it is what a fresh generation writes.
    let mut after = tree(session.root());
    let base = after
        .remove(&Path::new("myapp").join(pristine::PATH))
        .unwrap();
    assert_eq!(after, before, "adopting wrote more than the base");
    assert_eq!(String::from_utf8(base.unwrap()).unwrap(), fresh_base());
    assert!(read(&session, "src/lib.rs").contains(OLD_LAST_LINE));
    assert!(exists(&session, LEGACY) && !exists(&session, "src/main.rs"));

    // From now on update works, and the differences stay the author's.
    session.run_ok(&["update", "--path", "myapp"]);
    session.refuses(&["update", "--path", "myapp", "--adopt"]);
    assert!(read(&session, "src/lib.rs").starts_with(AUTHOR_LINE));
    assert_eq!(read(&session, "NOTES.md"), AUTHOR_NOTES);
    assert!(dir.join(LEGACY).is_file());
    session.assert_transcript("snapshots/update/adopted.txt");
}

#[test]
fn adopting_a_pristine_copy_of_the_older_revision_merges_both_sides() {
    let mut session = without_a_base();
    // The copy: the same answers generated elsewhere by the older revision, which wrote no base.
    let elsewhere = generated();
    let copy = elsewhere.root().join("myapp");
    Older::default().apply(&copy);
    fs::remove_file(copy.join(pristine::PATH)).unwrap();
    let copy_arg = format!("--adopt={}", copy.display());

    // Refused: a copy that is not there, the crate itself, a copy of other answers.
    session.refuses(&["update", "--path", "myapp", "--adopt=nowhere"]);
    session.refuses(&["update", "--path", "myapp", "--adopt=myapp"]);
    fs::create_dir(session.root().join("other")).unwrap();
    fs::write(
        session.root().join("other/Cargo.toml"),
        read(&session, "Cargo.toml").replace("auth = \"token\"", "auth = \"basic\""),
    )
    .unwrap();
    session.refuses(&["update", "--path", "myapp", "--adopt=other"]);
    session.assert_transcript("snapshots/update/adopt-refusals.txt");

    let before = tree(session.root());
    let planned = json_of(
        &session,
        &[
            "update",
            "--path",
            "myapp",
            &copy_arg,
            "--dry-run",
            "--json",
        ],
    );
    assert_eq!(tree(session.root()), before, "--dry-run wrote to the disk");
    assert_eq!(planned["adopted"]["base"], "copy");
    assert_eq!(planned["adopted"]["copy"], copy.display().to_string());
    let actions: Vec<&str> = planned["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["deleted", "merged", "added"]);

    let done = stdout_of(&session, &["update", "--path", "myapp", &copy_arg]);
    assert!(
        done.starts_with(&format!(
            "Adopted a pristine base for myapp-connector ({}): the files of {}\nUpdated myapp-connector",
            session.root().join("myapp").display(),
            copy.display()
        )),
        "{done}"
    );
    // Both sides' changes, as if the crate had kept its base from the start.
    let lib = read(&session, "src/lib.rs");
    assert!(lib.starts_with(AUTHOR_LINE), "{lib}");
    assert!(!lib.contains(OLD_LAST_LINE), "{lib}");
    assert!(exists(&session, "src/main.rs"), "added upstream");
    assert!(!exists(&session, LEGACY), "deleted upstream");
    assert!(!exists(&session, "README.md"), "deleted by the author");
    assert_eq!(read(&session, "NOTES.md"), AUTHOR_NOTES);
    assert_eq!(read(&session, pristine::PATH), fresh_base());
    let again = stdout_of(&session, &["update", "--path", "myapp"]);
    assert_eq!(again, "myapp-connector is up to date with the templates\n");
}
