//! Puts a plan on disk atomically: every file is first written into a temporary directory next
//! to the target, then renamed into place, so an error or an interrupt never leaves a
//! half-written crate. The workspace manifest is replaced the same way, after the crate exists.
//!
//! File contents go through a [`Writer`]: the [`Filesystem`] in every run of connector-new.
//! It is the one seam of the write stage (here and in `commands::apply`), so that the fault
//! tests can pass a disk that fills up after any number of bytes and check, at every such
//! point, what a full disk leaves behind; the code under test is the code that ships.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::plan::Plan;
use crate::refusal::Refusal;

/// Writes the contents of one file, as `std::fs::write` does.
pub trait Writer {
    /// Creates or truncates `path` and writes `contents` to it.
    fn write(&self, path: &Path, contents: &[u8]) -> io::Result<()>;
}

/// The real filesystem.
#[derive(Debug, Clone, Copy, Default)]
pub struct Filesystem;

impl Writer for Filesystem {
    fn write(&self, path: &Path, contents: &[u8]) -> io::Result<()> {
        fs::write(path, contents)
    }
}

/// Writes the crate, then the workspace edit.
pub(crate) fn write(plan: &Plan, writer: &dyn Writer) -> anyhow::Result<()> {
    let parent = plan.crate_dir.parent().unwrap_or(&plan.crate_dir);
    let existing = crate::paths::existing_ancestor(parent).map(Path::to_path_buf);
    let result = write_crate(plan, parent, writer);
    if result.is_err() && !plan.crate_dir.exists() {
        // A refusal leaves the disk as it was: the directories created on the way go too
        // (`remove_dir` only removes empty ones).
        for dir in parent.ancestors() {
            if Some(dir) == existing.as_deref() {
                break;
            }
            // Below the nearest existing ancestor, every directory is one this run created.
            let _ = fs::remove_dir(dir);
        }
    }
    result
}

fn write_crate(plan: &Plan, parent: &Path, writer: &dyn Writer) -> anyhow::Result<()> {
    fs::create_dir_all(parent).map_err(|e| cannot("create", parent, &e))?;
    // A run killed mid-write could not clean up after itself: its leftovers go now.
    remove_leftovers(parent);
    if let Some(edit) = &plan.workspace {
        if let Some(dir) = edit.manifest.parent() {
            remove_leftovers(dir);
        }
    }
    let staging = Staging::create(parent, &plan.answers.name.package_name())?;
    for (relative, text) in &plan.files {
        let path = staging.path.join(relative);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| cannot("create", dir, &e))?;
        }
        writer
            .write(&path, text.as_bytes())
            .map_err(|e| cannot("write", &path, &e))?;
    }

    // An existing empty directory is replaced whole, like a missing one (`remove_dir` only
    // removes an empty directory), so an interrupt never leaves it half-filled.
    if plan.crate_dir_exists && fs::remove_dir(&plan.crate_dir).is_err() {
        // An existing directory (empty, or --force) keeps its other files: move ours in one by one.
        for relative in plan.files.keys() {
            let from = staging.path.join(relative);
            let to = plan.crate_dir.join(relative);
            if let Some(dir) = to.parent() {
                fs::create_dir_all(dir).map_err(|e| cannot("create", dir, &e))?;
            }
            fs::rename(&from, &to).map_err(|e| cannot("move a file into", &to, &e))?;
        }
    } else {
        fs::rename(&staging.path, &plan.crate_dir)
            .map_err(|e| cannot("create", &plan.crate_dir, &e))?;
    }
    drop(staging);

    if let Some(edit) = &plan.workspace {
        if let Some(text) = &edit.new_text {
            replace_file(&edit.manifest, text, writer).map_err(|e| {
                Refusal::new(
                    format!(
                        "the crate was created, but {} could not be updated: {e}",
                        edit.manifest.display()
                    ),
                    if is_full(&e) {
                        "free some space on that disk, then add the crate to [workspace] members by hand"
                    } else {
                        "add the crate to [workspace] members by hand"
                    },
                )
            })?;
        }
    }
    Ok(())
}

/// Removes from `dir` the temporary files of runs whose process has exited: the staging
/// directories (`.<package>.connector-new-<pid>-<n>`) and workspace manifest copies
/// (`Cargo.toml.connector-new-<pid>`) a killed run leaves behind. A live run's are kept. Best
/// effort: what cannot be removed stays, and the run goes on.
fn remove_leftovers(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(leftover_pid) else {
            continue;
        };
        if !process_is_gone(pid) {
            continue;
        }
        let path = entry.path();
        // Not followed: a symlink with our name is removed, never what it points to.
        let _ = match entry.file_type() {
            Ok(t) if t.is_dir() => fs::remove_dir_all(&path),
            Ok(_) => fs::remove_file(&path),
            Err(e) => Err(e),
        };
    }
}

/// The process id in the name of a temporary file this module creates, if it is one.
fn leftover_pid(name: &str) -> Option<u32> {
    if let Some(pid) = name.strip_prefix("Cargo.toml.connector-new-") {
        return pid.parse().ok();
    }
    let (package, suffix) = name.strip_prefix('.')?.rsplit_once(".connector-new-")?;
    let (pid, n) = suffix.split_once('-')?;
    if package.is_empty() || n.parse::<u32>().is_err() {
        return None;
    }
    pid.parse().ok()
}

/// Whether process `pid` is known to have exited, so that the temporary files named after it
/// are leftovers. When that cannot be told it counts as alive: a leftover kept is better than a
/// live run's files removed. A reused pid also counts as alive (its leftovers wait a while).
pub(crate) fn process_is_gone(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        if pid <= 0 {
            return false;
        }
        // SAFETY: signal 0 sends nothing; it only asks whether `pid` exists.
        let alive = unsafe { libc::kill(pid, 0) } == 0;
        !alive && io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        false
    }
}

/// A temporary directory removed on drop unless it was renamed away.
struct Staging {
    path: PathBuf,
}

impl Staging {
    /// Creates `.<package>.connector-new-<pid>-<n>` in `parent` (same filesystem as the target,
    /// so the final rename is atomic); created with the default permissions, like any new dir.
    fn create(parent: &Path, package: &str) -> anyhow::Result<Self> {
        let pid = std::process::id();
        for n in 0..100u32 {
            let path = parent.join(format!(".{package}.connector-new-{pid}-{n}"));
            match fs::create_dir(&path) {
                Ok(()) => return Ok(Self { path }),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(cannot("create a directory in", parent, &e).into()),
            }
        }
        Err(Refusal::new(
            format!(
                "cannot create a temporary directory in {}",
                parent.display()
            ),
            "remove stale `.*.connector-new-*` directories there and retry",
        )
        .into())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // Already renamed into place, or cleaning up after an error: either way nothing to report.
        let _ = fs::remove_dir_all(&self.path);
    }
}

/// Replaces a file through a sibling temporary file, keeping its permissions.
fn replace_file(path: &Path, text: &str, writer: &dyn Writer) -> io::Result<()> {
    let temp = path.with_extension(format!("toml.connector-new-{}", std::process::id()));
    let result = writer
        .write(&temp, text.as_bytes())
        .and_then(|()| fs::set_permissions(&temp, fs::metadata(path)?.permissions()))
        .and_then(|()| fs::rename(&temp, path));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

fn cannot(what: &str, path: &Path, error: &io::Error) -> Refusal {
    Refusal::new(
        format!("cannot {what} {}: {error}", path.display()),
        if is_full(error) {
            "free some space on that disk (or choose an --output on another), then run this again; nothing was left half-written"
        } else {
            "choose an --output directory you can write to; nothing was left half-written"
        },
    )
}

/// Whether `error` says the disk (or the user's quota) is full.
pub(crate) fn is_full(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognizes_only_its_own_temporary_names() {
        assert_eq!(
            leftover_pid(".myapp-connector.connector-new-4242-0"),
            Some(4242)
        );
        assert_eq!(leftover_pid("Cargo.toml.connector-new-17"), Some(17));
        for other in [
            "myapp-connector",
            ".connector-new-1-0",
            ".x.connector-new-1",
            ".x.connector-new-a-0",
            ".x.connector-new-1-b",
            "Cargo.toml",
            "Cargo.toml.connector-new-",
        ] {
            assert_eq!(leftover_pid(other), None, "{other}");
        }
    }

    #[test]
    fn a_live_process_is_not_gone_and_an_exited_one_is() {
        assert!(!process_is_gone(std::process::id()));
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let pid = child.id();
        child.wait().unwrap();
        // Reaped: unless the pid was reused in the meantime, it is gone.
        if process_is_gone(pid) {
            let dir = tempfile::tempdir().unwrap();
            let stale = dir.path().join(format!(".a.connector-new-{pid}-0"));
            let live = dir
                .path()
                .join(format!(".a.connector-new-{}-0", std::process::id()));
            fs::create_dir_all(stale.join("src")).unwrap();
            fs::create_dir(&live).unwrap();
            fs::write(
                dir.path().join(format!("Cargo.toml.connector-new-{pid}")),
                "",
            )
            .unwrap();
            remove_leftovers(dir.path());
            let left: Vec<_> = fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            assert_eq!(left, vec![live]);
        }
    }
}
