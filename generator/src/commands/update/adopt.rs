//! `update --adopt`: a pristine base for a crate generated before connector-new kept one.
//!
//! Without a base, `update` cannot tell the author's changes from the templates', so it
//! refuses. Adopting supplies the base once, from one of two sources, each with its assumption
//! stated to the author:
//!
//! - `--adopt=DIR`: DIR holds this crate as the template revision it came from generated it,
//!   with the same answers (for example generated again into a scratch directory by the
//!   connector-new of that `template-version`). Its files are the base, as copier regenerates
//!   the template revision its answers file records. The update then merges the templates'
//!   changes since that revision, as if the crate had kept its base from the start.
//! - `--adopt`: the current templates' output is the base. Nothing is merged now, and every
//!   present difference between the crate and the current templates counts as the author's
//!   from now on (template changes since the crate's revision included: `connector-new diff`
//!   shows them); later updates merge later template changes.
//!
//! Either way the base is written in the same atomic write as the update, so an interrupted
//! adoption leaves no base (and the crate as it was).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::commands::pristine;
use crate::commands::recorded::RecordedAnswers;
use crate::commands::target::GeneratedCrate;
use crate::refusal::Refusal;
use crate::render::Files;

/// Where an adopted base came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The current templates' output for the recorded answers.
    CurrentTemplates,
    /// A pristine copy of the crate as its template revision generated it.
    Copy(PathBuf),
}

/// What adopting did: where the base came from, and (from the current templates) which files
/// now count as the author's changes.
#[derive(Debug, Clone)]
pub struct Adoption {
    /// Where the base came from.
    pub source: Source,
    /// With [`Source::CurrentTemplates`]: the template files the working tree differs in
    /// (changed or deleted), which update will treat as the author's from now on.
    pub yours: Vec<PathBuf>,
}

impl Adoption {
    /// The adoption of a base from `source`, given the working tree and the templates' output.
    pub fn new(source: Source, ours: &Files, theirs: &Files) -> Self {
        let yours = match source {
            Source::CurrentTemplates => theirs
                .iter()
                .filter(|(path, text)| ours.get(path.as_path()) != Some(*text))
                .map(|(path, _)| path.clone())
                .collect(),
            Source::Copy(_) => Vec::new(),
        };
        Self { source, yours }
    }
}

/// Top-level entries of a pristine copy that are not generated files: build output, version
/// control, connector-new's own state, the lock file a build writes.
const NOT_GENERATED: [&str; 4] = ["target", ".git", ".connector-new", "Cargo.lock"];

/// Whether the crate has a base file (damaged or not: `read_base` tells).
pub fn has_base(krate: &GeneratedCrate) -> bool {
    fs::symlink_metadata(krate.dir.join(pristine::PATH)).is_ok()
}

/// The refusal of `update` on a crate without a base, naming both ways out.
pub fn no_base(krate: &GeneratedCrate) -> Refusal {
    Refusal::new(
        format!(
            "{} has no pristine base ({}): it was generated before connector-new kept one, so your changes cannot be told from the templates'",
            krate.dir.display(),
            pristine::PATH
        ),
        format!(
            "adopt a base: `connector-new update --adopt=DIR`, DIR a copy of this crate generated with the same answers by the templates it came from (template-version {}), merges the templates' changes since; `connector-new update --adopt` takes the current templates as the base, so every present difference (`connector-new diff`) stays yours",
            krate.answers.template_version
        ),
    )
}

/// The refusal of `--adopt` on a crate that has a base.
pub fn already_based(krate: &GeneratedCrate) -> Refusal {
    Refusal::new(
        format!(
            "{} already has a pristine base ({}): adopting another would forget which changes are yours",
            krate.dir.display(),
            pristine::PATH
        ),
        format!(
            "run `connector-new update` without --adopt (to adopt a base anyway, delete {} first)",
            pristine::PATH
        ),
    )
}

/// The base to adopt: `theirs` itself, or the generated files of the copy at `from`
/// (relative to `cwd`), which must record the crate's answers and template version.
pub fn base(
    krate: &GeneratedCrate,
    from: Option<&Path>,
    cwd: &Path,
    theirs: &Files,
) -> anyhow::Result<(Files, Source)> {
    let Some(from) = from else {
        return Ok((theirs.clone(), Source::CurrentTemplates));
    };
    let dir = cwd.join(from);
    let manifest_path = dir.join("Cargo.toml");
    let manifest = fs::read_to_string(&manifest_path).map_err(|e| {
        Refusal::new(
            format!("cannot read {}: {e}", manifest_path.display()),
            "pass to --adopt= the directory of a copy of this crate generated by the templates it came from",
        )
    })?;
    let same_dir = fs::canonicalize(&dir).ok() == fs::canonicalize(&krate.dir).ok();
    if same_dir {
        return Err(Refusal::new(
            format!("{} is the crate itself, not a pristine copy of it", dir.display()),
            "generate a copy into another directory with the crate's answers and the templates it came from; taking the crate as its own base would count your changes as the templates'",
        )
        .into());
    }
    let copy = RecordedAnswers::read(&manifest, &manifest_path)?;
    if let Some(what) = differs(&krate.answers, &copy) {
        return Err(Refusal::new(
            format!(
                "{} was not generated like {}: {what}",
                dir.display(),
                krate.dir.display()
            ),
            "generate the copy with the crate's recorded answers ([package.metadata.connector-new] of its Cargo.toml) and the templates of its template-version",
        )
        .into());
    }
    let mut files = Files::new();
    read_tree(&dir, Path::new(""), &mut files)?;
    Ok((files, Source::Copy(dir)))
}

/// What differs between the crate's answers and the copy's, if anything (the SDK path may:
/// a copy generated elsewhere reaches the SDK by another relative path).
fn differs(krate: &RecordedAnswers, copy: &RecordedAnswers) -> Option<String> {
    let pairs = [
        (
            "the app name",
            krate.name.as_str().to_owned(),
            copy.name.as_str().to_owned(),
        ),
        ("api", krate.api.to_string(), copy.api.to_string()),
        (
            "auth",
            krate.auth.as_str().to_owned(),
            copy.auth.as_str().to_owned(),
        ),
        (
            "capabilities",
            names(&krate.capabilities),
            names(&copy.capabilities),
        ),
        (
            "template-version",
            krate.template_version.clone(),
            copy.template_version.clone(),
        ),
    ];
    pairs
        .into_iter()
        .find(|(_, ours, theirs)| ours != theirs)
        .map(|(what, ours, theirs)| format!("{what} is {theirs} there, {ours} here"))
}

fn names(capabilities: &[crate::vocabulary::Capability]) -> String {
    let names: Vec<&str> = capabilities.iter().map(|c| c.as_str()).collect();
    names.join(", ")
}

/// Every regular file under `root/relative` as text, less [`NOT_GENERATED`] at the top.
fn read_tree(root: &Path, relative: &Path, files: &mut Files) -> anyhow::Result<()> {
    let dir = root.join(relative);
    let unreadable = |path: &Path, e: io::Error| {
        Refusal::new(
            format!("cannot read {}: {e}", path.display()),
            "the pristine copy must be a readable tree of UTF-8 text files, as connector-new generates",
        )
    };
    let entries = fs::read_dir(&dir).map_err(|e| unreadable(&dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| unreadable(&dir, e))?;
        let name = entry.file_name();
        if relative.as_os_str().is_empty() && NOT_GENERATED.iter().any(|n| name.as_os_str() == *n) {
            continue;
        }
        let path = relative.join(&name);
        let kind = entry
            .file_type()
            .map_err(|e| unreadable(&entry.path(), e))?;
        if kind.is_dir() {
            read_tree(root, &path, files)?;
        } else if kind.is_file() {
            let text =
                fs::read_to_string(entry.path()).map_err(|e| unreadable(&entry.path(), e))?;
            files.insert(path, text);
        }
        // Symlinks are nobody's generated file: not followed.
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_is_read_without_build_output_or_state() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for (path, text) in [
            ("Cargo.toml", "[package]\n"),
            ("src/lib.rs", "//! lib\n"),
            ("target/debug/x", "built"),
            (".connector-new/base", "# base"),
            ("Cargo.lock", "# lock"),
            ("tests/target/kept.rs", "// a test dir named target, deeper"),
        ] {
            let path = root.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        let mut files = Files::new();
        read_tree(root, Path::new(""), &mut files).unwrap();
        let paths: Vec<&str> = files.keys().map(|p| p.to_str().unwrap()).collect();
        assert_eq!(paths, ["Cargo.toml", "src/lib.rs", "tests/target/kept.rs"]);
    }
}
