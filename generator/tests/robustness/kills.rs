//! The process killed at random points: of a generation (200 kills), of an `add` (100 kills)
//! and of an `update` (100 kills). After each kill: no partial crate at the target path, the
//! workspace manifest as it was or fully updated; for `add` and `update`, the crate as it was
//! or (once its journal is committed) completed by the next run's recovery. The next run
//! removes what killed runs left behind.

use std::fs;
use std::path::Path;
use std::process::{Child, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use super::common::{bin, dead_pid, leftovers, restore, run, tree, workspace, Rng, MANIFEST};
use crate::older_revision::Older;

const GENERATE_KILLS: u32 = 200;
const ADD_KILLS: u32 = 100;
const UPDATE_KILLS: u32 = 100;
const SEED: u64 = 0x1234_5678_9abc_def1;

/// Spawns `args` in `dir`, output discarded.
fn spawn(dir: &Path, args: &[&str]) -> Child {
    bin()
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// How long one uninterrupted run takes here, in microseconds: kills are spread over it.
/// Only where the kills land depends on it, never a verdict.
fn span_micros(dir: &Path, args: &[&str], undo: impl Fn()) -> u64 {
    let start = Instant::now();
    assert!(run(dir, args).status.success());
    let span = start.elapsed();
    undo();
    u64::try_from(span.as_micros()).unwrap().max(1_000) * 5 / 4
}

/// Kills `child` (if it has not finished) and reaps it; whether the kill landed.
fn kill(mut child: Child) -> bool {
    let landed = child.try_wait().unwrap().is_none();
    let _ = child.kill();
    let status = child.wait().unwrap();
    landed && !status.success()
}

#[test]
fn killed_generations_leave_no_partial_crate_and_the_next_run_cleans_up() {
    let args = ["myapp", "-y", "--auth", "token"];
    let (_reference_dir, reference) = workspace();
    assert!(run(&reference, &args).status.success());
    let complete_crate = tree(&reference.join("myapp"));
    let updated_manifest = fs::read_to_string(reference.join("Cargo.toml")).unwrap();
    assert_ne!(updated_manifest, MANIFEST);

    let (_scratch, root) = workspace();
    let reset = || {
        let _ = fs::remove_dir_all(root.join("myapp"));
        fs::write(root.join("Cargo.toml"), MANIFEST).unwrap();
    };
    let span = span_micros(&root, &args, reset);

    let mut rng = Rng(SEED);
    let (mut landed, mut crates_complete, mut manifests_updated) = (0, 0, 0);
    let (mut left_behind, mut most_at_once) = (0, 0);
    for _ in 0..GENERATE_KILLS {
        let before: Vec<String> = leftovers(&root);
        let child = spawn(&root, &args);
        let pid = child.id().to_string();
        sleep(Duration::from_micros(rng.below(span)));
        landed += u32::from(kill(child));

        let now = leftovers(&root);
        left_behind += now.iter().filter(|n| n.contains(&pid)).count();
        most_at_once = most_at_once.max(now.len());
        // Whatever an earlier killed run left is gone once a later run reached its write.
        assert!(now.len() <= before.len() + 1, "{before:?} -> {now:?}");

        let manifest = fs::read_to_string(root.join("Cargo.toml")).unwrap();
        assert!(
            manifest == MANIFEST || manifest == updated_manifest,
            "a half-updated workspace manifest:\n{manifest}"
        );
        if root.join("myapp").exists() {
            assert_eq!(tree(&root.join("myapp")), complete_crate, "a partial crate");
            crates_complete += 1;
        } else {
            assert_eq!(manifest, MANIFEST, "a member without its crate");
        }
        if manifest == updated_manifest {
            manifests_updated += 1;
        }
        reset();
    }

    // One more run, to completion: it removes every leftover of the killed runs.
    let stale_before_last_run = leftovers(&root).len();
    assert!(run(&root, &args).status.success());
    let after = leftovers(&root);
    eprintln!(
        "generate: {GENERATE_KILLS} runs killed at random in 0..{span}us (seed {SEED:#x}), \
         {landed} before exiting; crate complete after {crates_complete}, absent otherwise \
         (never partial); manifest updated after {manifests_updated}, untouched otherwise; \
         temporary files left by killed runs: {left_behind} in all, at most {most_at_once} at \
         once, {stale_before_last_run} before the last run, {} after it",
        after.len()
    );
    assert_eq!(after, Vec::<String>::new());
}

#[test]
fn only_dead_runs_leftovers_are_removed() {
    let (_scratch, root) = workspace();
    let dead = dead_pid();
    let mut live = std::process::Command::new("sleep")
        .arg("60")
        .spawn()
        .unwrap();
    let stale = root.join(format!(".myapp-connector.connector-new-{dead}-0"));
    let running = root.join(format!(".other-connector.connector-new-{}-0", live.id()));
    fs::create_dir_all(stale.join("src")).unwrap();
    fs::write(stale.join("src/lib.rs"), "half").unwrap();
    fs::create_dir_all(running.join("src")).unwrap();
    fs::write(
        root.join(format!("Cargo.toml.connector-new-{dead}")),
        "half",
    )
    .unwrap();
    let output = run(&root, &["myapp", "-y"]);
    let remaining = leftovers(&root);
    live.kill().unwrap();
    live.wait().unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        remaining,
        vec![running.file_name().unwrap().to_string_lossy().into_owned()]
    );
}

#[test]
fn killed_adds_leave_the_crate_as_it_was_or_completed_by_the_next_run() {
    let (_scratch, root) = workspace();
    assert!(run(&root, &["myapp", "-y", "--auth", "token"])
        .status
        .success());
    let krate = root.join("myapp");
    let original = tree(&krate);
    let args = ["add", "capability", "create_account"];
    let reset = || restore(&krate, &original);
    let span = span_micros(&krate, &args, || {});
    let added = tree(&krate);
    assert_ne!(added, original);
    reset();

    let mut rng = Rng(SEED ^ 0xadd);
    let (mut landed, mut as_was, mut completed, mut rolled_forward) = (0, 0, 0, 0);
    for _ in 0..ADD_KILLS {
        let child = spawn(&krate, &args);
        sleep(Duration::from_micros(rng.below(span)));
        landed += u32::from(kill(child));
        let journaled = fs::read_dir(krate.join(".connector-new"))
            .unwrap()
            .flatten()
            .any(|e| e.path().join("journal").is_file());
        // What the next `add` or `update` does first.
        connector_new::commands::apply::recover(&krate).unwrap();
        let now = tree(&krate);
        if now == original {
            as_was += 1;
        } else {
            assert_eq!(
                now, added,
                "a half-applied add (journal committed: {journaled})"
            );
            completed += 1;
            rolled_forward += u32::from(journaled);
        }
        reset();
    }
    eprintln!(
        "add: {ADD_KILLS} runs killed at random in 0..{span}us, {landed} before exiting; crate \
         as it was after {as_was}, completed after {completed} ({rolled_forward} of them by the \
         next run's recovery from a committed journal); never half-applied"
    );
}

/// Whether a killed run left a committed journal behind (it wrote past its commit point).
fn journal_committed(krate: &Path) -> bool {
    fs::read_dir(krate.join(".connector-new"))
        .unwrap()
        .flatten()
        .any(|e| e.path().join("journal").is_file())
}

#[test]
fn killed_updates_leave_the_crate_as_it_was_or_completed_by_the_next_run() {
    let (_scratch, root) = workspace();
    assert!(run(&root, &["myapp", "-y", "--auth", "token"])
        .status
        .success());
    let krate = root.join("myapp");
    // An older revision edited by hand: the update writes a merged file, adds one, deletes
    // one and replaces the base, so its journal has writes and deletions.
    Older::default().apply(&krate);
    let lib = krate.join("src/lib.rs");
    let text = fs::read_to_string(&lib).unwrap();
    fs::write(&lib, format!("// The author's.\n{text}")).unwrap();
    let original = tree(&krate);
    let args = ["update"];

    // Everything but the write takes about as long as a --dry-run: the journaled write is
    // the end of the run, after that. Half the kills are spread over the whole run, half over
    // that end, so that some land past the commit point.
    let reading = span_micros(&krate, &["update", "--dry-run"], || {}) * 4 / 5;
    let span = span_micros(&krate, &args, || {});
    let updated = tree(&krate);
    assert_ne!(updated, original);
    restore(&krate, &original);
    let tail_start = (reading * 9 / 10).min(span - 1);
    let tail_end = (span * 4 / 5).max(tail_start + 1);

    let mut rng = Rng(SEED ^ 0x0bda7e);
    let (mut landed, mut as_was, mut completed, mut rolled_forward) = (0, 0, 0, 0);
    for n in 0..UPDATE_KILLS {
        let delay = if n % 2 == 0 {
            rng.below(span)
        } else {
            tail_start + rng.below(tail_end - tail_start)
        };
        let child = spawn(&krate, &args);
        sleep(Duration::from_micros(delay));
        landed += u32::from(kill(child));
        let journaled = journal_committed(&krate);
        // What the next `update` (or `add`) does first.
        connector_new::commands::apply::recover(&krate).unwrap();
        let now = tree(&krate);
        if now == original {
            assert!(!journaled, "a committed journal was dropped");
            as_was += 1;
        } else {
            assert_eq!(
                now, updated,
                "a half-applied update (journal committed: {journaled})"
            );
            completed += 1;
            rolled_forward += u32::from(journaled);
        }
        // The next run itself, from either state, ends with the update done.
        assert!(run(&krate, &args).status.success());
        assert_eq!(tree(&krate), updated);
        restore(&krate, &original);
    }
    eprintln!(
        "update: {UPDATE_KILLS} runs killed at random (half in 0..{span}us, half in \
         {tail_start}..{tail_end}us, the write's end of the run), {landed} before exiting; crate as it was \
         after {as_was}, completed after {completed} ({rolled_forward} of them by the next \
         run's recovery from a committed journal); never half-applied; the next update \
         completed it every time"
    );
}
