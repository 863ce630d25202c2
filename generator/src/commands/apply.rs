//! Writing a set of changed files into an existing crate, atomically for the crate.
//!
//! Every new text is first written into a staging directory inside `.connector-new/` (same
//! filesystem, so each move is a rename), then a journal naming every move is written: that
//! is the commit point. Only then are the files renamed into place and the deletions made.
//! An interrupt before the journal exists leaves the crate as it was (the staging directory is
//! removed by the next run); an interrupt after it is finished by the next run's [`recover`],
//! so the crate never stays half-updated.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::refusal::Refusal;
use crate::write::{is_full, Filesystem, Writer};

/// What to do to each file, by path relative to the crate: write this text, or delete it.
pub type Changes = BTreeMap<PathBuf, Option<String>>;

const STAGING_PREFIX: &str = "staging-";
const JOURNAL: &str = "journal";

/// Checks that every change can be made (paths inside the crate, no directory where a file
/// goes, no file where a directory goes), before anything is written.
pub fn check(crate_dir: &Path, changes: &Changes) -> anyhow::Result<()> {
    for relative in changes.keys() {
        if relative.as_os_str().is_empty()
            || !relative
                .components()
                .all(|c| matches!(c, Component::Normal(_)))
        {
            return Err(Refusal::new(
                format!("{} is not a path inside the crate", relative.display()),
                "this is a bug in connector-new: please report it",
            )
            .into());
        }
        let target = crate_dir.join(relative);
        if target.is_dir() {
            return Err(Refusal::new(
                format!(
                    "{} is a directory, where the crate needs a file",
                    target.display()
                ),
                "move it away, then run this again",
            )
            .into());
        }
        if let Some(file) = target
            .ancestors()
            .skip(1)
            .take_while(|a| a.starts_with(crate_dir) && *a != crate_dir)
            .find(|a| a.is_file())
        {
            return Err(Refusal::new(
                format!(
                    "{} is a file, where the crate needs a directory",
                    file.display()
                ),
                "move it away, then run this again",
            )
            .into());
        }
    }
    Ok(())
}

/// Makes `changes` in `crate_dir`: all of them, or (if interrupted before the commit point)
/// none. Files that exist keep their permissions.
pub fn write(crate_dir: &Path, changes: &Changes) -> anyhow::Result<()> {
    write_with(&Filesystem, crate_dir, changes)
}

/// [`write`], with every file's contents written through `writer` (the fault tests pass a
/// disk that fills up). Contents are only written before the commit point, into the staging
/// directory; past it there are only renames and deletions, which need no space.
pub fn write_with(writer: &dyn Writer, crate_dir: &Path, changes: &Changes) -> anyhow::Result<()> {
    check(crate_dir, changes)?;
    recover(crate_dir)?;
    let state = crate_dir.join(".connector-new");
    fs::create_dir_all(&state).map_err(|e| cannot("create", &state, &e))?;
    let staging = Staging::create(&state)?;

    let mut journal = String::new();
    for (n, (relative, text)) in changes.iter().enumerate() {
        let slashed = relative.to_string_lossy().replace('\\', "/");
        match text {
            Some(text) => {
                let staged = staging.path.join(n.to_string());
                writer
                    .write(&staged, text.as_bytes())
                    .map_err(|e| cannot("write", &staged, &e))?;
                if let Ok(meta) = fs::metadata(crate_dir.join(relative)) {
                    fs::set_permissions(&staged, meta.permissions())
                        .map_err(|e| cannot("write", &staged, &e))?;
                }
                journal.push_str(&format!("write {n} {slashed}\n"));
            }
            None => journal.push_str(&format!("delete {slashed}\n")),
        }
    }
    // The commit point: written whole under another name, then renamed.
    let partial = staging.path.join("journal.partial");
    writer
        .write(&partial, journal.as_bytes())
        .map_err(|e| cannot("write", &partial, &e))?;
    fs::rename(&partial, staging.path.join(JOURNAL))
        .map_err(|e| cannot("write", &staging.path, &e))?;
    roll_forward(crate_dir, &staging.path)?;
    drop(staging);
    Ok(())
}

/// Finishes a write an interrupt cut short after its commit point, and removes the staging
/// directories of writes cut short before it (those of processes still running are left to
/// them). Run before reading a crate one is about to
/// change.
pub fn recover(crate_dir: &Path) -> anyhow::Result<()> {
    let state = crate_dir.join(".connector-new");
    let Ok(entries) = fs::read_dir(&state) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_string_lossy()
            .strip_prefix(STAGING_PREFIX)
            .map(str::to_owned)
        else {
            continue;
        };
        // Another live run's write is its own to finish; a leftover with this run's own pid (a
        // pid reused since) or an unreadable one is not.
        if let Ok(pid) = pid.parse::<u32>() {
            if pid != std::process::id() && !crate::write::process_is_gone(pid) {
                continue;
            }
        }
        let dir = entry.path();
        if dir.join(JOURNAL).is_file() {
            roll_forward(crate_dir, &dir)?;
        }
        fs::remove_dir_all(&dir).map_err(|e| cannot("remove", &dir, &e))?;
    }
    Ok(())
}

/// Makes the moves and deletions of a committed journal; each step can be run again.
fn roll_forward(crate_dir: &Path, staging: &Path) -> anyhow::Result<()> {
    let journal_path = staging.join(JOURNAL);
    let journal =
        fs::read_to_string(&journal_path).map_err(|e| cannot("read", &journal_path, &e))?;
    for line in journal.lines() {
        let (staged, relative) = match line.split_once(' ') {
            Some(("write", rest)) => match rest.split_once(' ') {
                Some((n, relative)) => (Some(staging.join(n)), relative),
                None => continue,
            },
            Some(("delete", relative)) => (None, relative),
            _ => continue,
        };
        let target = crate_dir.join(relative);
        match staged {
            // Already moved by an earlier, interrupted run: nothing left to do for this one.
            Some(staged) if !staged.exists() => {}
            Some(staged) => {
                if let Some(dir) = target.parent() {
                    fs::create_dir_all(dir).map_err(|e| cannot("create", dir, &e))?;
                }
                fs::rename(&staged, &target).map_err(|e| cannot("write", &target, &e))?;
            }
            None => match fs::remove_file(&target) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => {
                    return Err(cannot("delete", &target, &e).into())
                }
                _ => {}
            },
        }
    }
    Ok(())
}

/// A staging directory, removed on drop (after its files were moved, or after an error).
struct Staging {
    path: PathBuf,
}

impl Staging {
    fn create(state: &Path) -> anyhow::Result<Self> {
        let path = state.join(format!("{STAGING_PREFIX}{}", std::process::id()));
        // A leftover of a run with the same process id was cut short before its commit point
        // (recover() removed any other): it holds nothing of value.
        let _ = fs::remove_dir_all(&path);
        fs::create_dir(&path).map_err(|e| cannot("create", &path, &e))?;
        Ok(Self { path })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // Moved away, or cleaning up after an error: nothing to report either way.
        let _ = fs::remove_dir_all(&self.path);
    }
}

fn cannot(what: &str, path: &Path, error: &io::Error) -> Refusal {
    Refusal::new(
        format!("cannot {what} {}: {error}", path.display()),
        if is_full(error) {
            "free some space on that disk, then run this again; the crate was left as it was"
        } else {
            "check the permissions of the crate directory; files not yet moved into place were left as they were"
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_deletes_and_leaves_no_staging() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("old.rs"), "old").unwrap();
        fs::write(dir.path().join("keep.rs"), "keep").unwrap();
        let changes = Changes::from([
            (PathBuf::from("src/new.rs"), Some("new".to_owned())),
            (PathBuf::from("old.rs"), None),
            (PathBuf::from("keep.rs"), Some("kept".to_owned())),
        ]);
        write(dir.path(), &changes).unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("src/new.rs")).unwrap(),
            "new"
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("keep.rs")).unwrap(),
            "kept"
        );
        assert!(!dir.path().join("old.rs").exists());
        let state: Vec<_> = fs::read_dir(dir.path().join(".connector-new"))
            .unwrap()
            .collect();
        assert!(state.is_empty(), "{state:?}");
    }

    #[test]
    fn a_committed_journal_is_finished_and_an_uncommitted_one_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let committed = dir
            .path()
            .join(format!(".connector-new/staging-{}", dead_pid()));
        fs::create_dir_all(&committed).unwrap();
        fs::write(committed.join("0"), "done").unwrap();
        fs::write(committed.join(JOURNAL), "write 0 a.rs\ndelete b.rs\n").unwrap();
        fs::write(dir.path().join("b.rs"), "gone").unwrap();
        let uncommitted = dir
            .path()
            .join(format!(".connector-new/staging-{}", dead_pid()));
        fs::create_dir_all(&uncommitted).unwrap();
        fs::write(uncommitted.join("0"), "never").unwrap();

        recover(dir.path()).unwrap();
        assert_eq!(fs::read_to_string(dir.path().join("a.rs")).unwrap(), "done");
        assert!(!dir.path().join("b.rs").exists());
        assert!(!committed.exists() && !uncommitted.exists());
    }

    /// The pid of a process that has exited and been reaped.
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true").spawn().unwrap();
        child.wait().unwrap();
        child.id()
    }

    #[test]
    fn a_live_runs_staging_is_left_to_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut live = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        let staging = dir
            .path()
            .join(format!(".connector-new/staging-{}", live.id()));
        fs::create_dir_all(&staging).unwrap();
        fs::write(staging.join("0"), "in progress").unwrap();
        recover(dir.path()).unwrap();
        let kept = staging.join("0").is_file();
        live.kill().unwrap();
        live.wait().unwrap();
        assert!(kept);
        recover(dir.path()).unwrap();
        assert!(!staging.exists());
    }

    #[test]
    fn check_refuses_before_writing() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("src")).unwrap();
        fs::write(dir.path().join("file"), "").unwrap();
        for bad in ["src", "file/x.rs", "../x.rs"] {
            let changes = Changes::from([(PathBuf::from(bad), Some(String::new()))]);
            assert!(write(dir.path(), &changes).is_err(), "{bad}");
        }
        assert!(!dir.path().join(".connector-new").exists());
    }
}
