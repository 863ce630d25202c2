//! Puts a plan on disk atomically: every file is first written into a temporary directory next
//! to the target, then renamed into place, so an error or an interrupt never leaves a
//! half-written crate. The workspace manifest is replaced the same way, after the crate exists.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::plan::Plan;
use crate::refusal::Refusal;

/// Writes the crate, then the workspace edit.
pub fn write(plan: &Plan) -> anyhow::Result<()> {
    let parent = plan.crate_dir.parent().unwrap_or(&plan.crate_dir);
    fs::create_dir_all(parent).map_err(|e| cannot("create", parent, &e))?;
    let staging = Staging::create(parent, &plan.answers.name.package_name())?;
    for (relative, text) in &plan.files {
        let path = staging.path.join(relative);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| cannot("create", dir, &e))?;
        }
        fs::write(&path, text).map_err(|e| cannot("write", &path, &e))?;
    }

    if plan.crate_dir_exists {
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
            replace_file(&edit.manifest, text).map_err(|e| {
                Refusal::new(
                    format!(
                        "the crate was created, but {} could not be updated: {e}",
                        edit.manifest.display()
                    ),
                    "add the crate to [workspace] members by hand",
                )
            })?;
        }
    }
    Ok(())
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
fn replace_file(path: &Path, text: &str) -> io::Result<()> {
    let temp = path.with_extension(format!("toml.connector-new-{}", std::process::id()));
    let result = fs::write(&temp, text)
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
        "choose an --output directory you can write to; nothing was left half-written",
    )
}
