//! Applying an addition to a crate: the same edit to the working tree and to the pristine
//! base, every check before the first write, one atomic write.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::refusal::Refusal;
use crate::render::Files;

use super::super::apply::{self, Changes};
use super::super::recorded::RecordedAnswers;
use super::super::target::GeneratedCrate;
use super::super::{markers, pristine};
use super::files;

/// What an addition changes, as the templates' version of the files it touches before and
/// after it, and the answers to record (when they change).
#[derive(Debug)]
pub struct Addition {
    /// What is added, for the report: `capability`, `resource type`...
    pub kind: &'static str,
    /// The names added.
    pub names: Vec<String>,
    /// The templates' version of the files before the addition.
    pub old: Files,
    /// ... and after it. A file only here is created.
    pub new: Files,
    /// The answers after the addition, when the templates produce it from them (a
    /// capability). Then the pristine base takes the addition too, so that `update` does not
    /// take it for the author's code. Otherwise (a declared type, the error handler) the
    /// templates cannot produce it again: the base is left as it is, and `update` keeps the
    /// addition as the author's code instead of removing it.
    pub answers: Option<RecordedAnswers>,
}

/// What applying an addition did (or, with `--dry-run`, would do).
#[derive(Debug)]
pub struct Outcome {
    /// Each file of the working tree that changes: path, text before (`None`: created), after.
    pub files: Vec<(PathBuf, Option<String>, String)>,
}

const MANIFEST: &str = "Cargo.toml";

/// Applies `addition` to `krate` (writes nothing with `dry_run`).
pub fn apply(
    krate: &GeneratedCrate,
    addition: &Addition,
    dry_run: bool,
) -> anyhow::Result<Outcome> {
    if !dry_run {
        // Finish (or drop) a write an interrupt cut short, before reading the tree.
        apply::recover(&krate.dir)?;
    }
    let base = krate.read_base()?;
    if addition.answers.is_some() {
        same_templates(krate, &base, &addition.old)?;
    }
    let paths: BTreeSet<&PathBuf> = addition.old.keys().chain(addition.new.keys()).collect();
    let manifest = PathBuf::from(MANIFEST);
    let working = krate.read_working(paths.iter().copied().chain([&manifest]))?;
    markers::check(&working)?;

    let mut changes = Changes::new();
    let mut new_base = base.clone();
    for path in &paths {
        if path.as_path() == Path::new(MANIFEST) {
            continue;
        }
        let old = addition.old.get(*path).map(String::as_str);
        let new = addition.new.get(*path).map(String::as_str);
        let shown = path.display().to_string();
        if let Some(text) = files::apply(
            path,
            &shown,
            old,
            new,
            working.get(*path).map(String::as_str),
        )? {
            changes.insert((*path).clone(), Some(text));
        }
        if addition.answers.is_none() {
            continue;
        }
        let whose = format!("the pristine base of {shown}");
        if let Some(text) =
            files::apply(path, &whose, old, new, base.get(*path).map(String::as_str))?
        {
            new_base.insert((*path).clone(), text);
        }
    }
    if let Some(answers) = &addition.answers {
        let old = addition.old.get(&manifest);
        let new = addition.new.get(&manifest);
        let manifest_of = |text: Option<&String>| -> anyhow::Result<Option<String>> {
            match (text, old, new) {
                (Some(text), Some(old), Some(new)) if text == old => Ok(Some(new.clone())),
                (Some(text), _, _) => Ok(Some(answers.write_into(text)?)),
                (None, _, _) => Ok(None),
            }
        };
        if let Some(text) = manifest_of(working.get(&manifest))? {
            if working.get(&manifest) != Some(&text) {
                changes.insert(manifest.clone(), Some(text));
            }
        }
        if let Some(text) = manifest_of(base.get(&manifest))? {
            new_base.insert(manifest.clone(), text);
        }
    }
    if new_base != base {
        changes.insert(
            PathBuf::from(pristine::PATH),
            Some(pristine::encode(&new_base)?),
        );
    }
    apply::check(&krate.dir, &changes)?;
    if !dry_run && !changes.is_empty() {
        apply::write(&krate.dir, &changes)?;
    }
    let files = changes
        .into_iter()
        .filter(|(path, _)| path.as_path() != Path::new(pristine::PATH))
        .filter_map(|(path, text)| {
            let text = text?;
            let before = working.get(&path).cloned();
            Some((path, before, text))
        })
        .collect();
    Ok(Outcome { files })
}

/// Refuses a crate whose pristine base is not what these templates render for its answers:
/// it was generated (or last updated) by other templates, and what they add may rely on
/// template changes the crate has not had (a helper the added code calls).
fn same_templates(krate: &GeneratedCrate, base: &Files, rendered: &Files) -> anyhow::Result<()> {
    let differing: Vec<String> = rendered
        .keys()
        .chain(base.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .filter(|path| base.get(*path) != rendered.get(*path))
        .map(|path| path.display().to_string())
        .collect();
    if differing.is_empty() {
        return Ok(());
    }
    Err(Refusal::new(
        format!(
            "{} was generated by other templates than this connector-new's (its pristine base differs in {})",
            krate.dir.display(),
            differing.join(", ")
        ),
        "run `connector-new update` first to take the template changes, then add",
    )
    .into())
}
