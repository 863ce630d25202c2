//! What `update` prints: one line per file it changes or reports, then (with `--dry-run`) the
//! diff it would write; or the same as one JSON document.

use std::io::Write;

use serde::Serialize;

use super::adopt::{Adoption, Source};
use super::merge::{Action, FileMerge};
use crate::commands::args::CrateArgs;
use crate::commands::target::GeneratedCrate;
use crate::commands::unified;

#[derive(Debug, Serialize)]
struct JsonFile {
    path: String,
    action: &'static str,
}

/// `adopted` with `--adopt`: where the base came from.
#[derive(Debug, Serialize)]
struct JsonAdopted {
    /// `current-templates` or `copy`.
    base: &'static str,
    /// The copy's directory, for `copy`.
    copy: Option<String>,
    /// The files that count as the author's changes from now on (for `current-templates`).
    yours: Vec<String>,
}

#[derive(Debug, Serialize)]
struct JsonReport {
    crate_dir: String,
    dry_run: bool,
    /// `null` unless `--adopt` recorded (or would record) a base.
    adopted: Option<JsonAdopted>,
    files: Vec<JsonFile>,
    conflicts: Vec<String>,
    /// The diff of the working tree the update writes (or would write).
    diff: String,
}

/// Prints the outcome of an update (already written, unless `--dry-run`).
pub fn print(
    out: &mut dyn Write,
    krate: &GeneratedCrate,
    args: &CrateArgs,
    adoption: Option<&Adoption>,
    merges: &[FileMerge],
) -> anyhow::Result<()> {
    let diff: String = merges
        .iter()
        .map(|m| unified::diff(&m.path, m.before.as_deref(), m.after.as_deref()))
        .collect();
    let slash = |m: &FileMerge| slashed(&m.path);
    if args.json {
        let report = JsonReport {
            crate_dir: krate.dir.display().to_string(),
            dry_run: args.dry_run,
            adopted: adoption.map(|a| JsonAdopted {
                base: match a.source {
                    Source::CurrentTemplates => "current-templates",
                    Source::Copy(_) => "copy",
                },
                copy: match &a.source {
                    Source::Copy(dir) => Some(dir.display().to_string()),
                    Source::CurrentTemplates => None,
                },
                yours: a.yours.iter().map(|p| slashed(p)).collect(),
            }),
            files: merges
                .iter()
                .map(|m| JsonFile {
                    path: slash(m),
                    action: m.action.as_str(),
                })
                .collect(),
            conflicts: merges
                .iter()
                .filter(|m| m.action.is_conflict())
                .map(slash)
                .collect(),
            diff,
        };
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
        return Ok(());
    }

    let package = krate.answers.name.package_name();
    if let Some(adoption) = adoption {
        print_adoption(out, krate, args, adoption)?;
        if merges.is_empty() && adoption.source == Source::CurrentTemplates {
            return Ok(());
        }
    }
    if merges.is_empty() {
        writeln!(out, "{package} is up to date with the templates")?;
        return Ok(());
    }
    let verb = if args.dry_run {
        "Would update"
    } else {
        "Updated"
    };
    writeln!(
        out,
        "{verb} {package} ({}) to the current templates:",
        krate.dir.display()
    )?;
    for m in merges {
        writeln!(
            out,
            "{:>10} {}{}",
            m.action.word(),
            slash(m),
            note(&m.action)
        )?;
    }
    if args.dry_run {
        writeln!(out)?;
        out.write_all(diff.as_bytes())?;
    }
    Ok(())
}

/// The adoption's lines: where the base came from, and what that assumes.
fn print_adoption(
    out: &mut dyn Write,
    krate: &GeneratedCrate,
    args: &CrateArgs,
    adoption: &Adoption,
) -> anyhow::Result<()> {
    let verb = if args.dry_run {
        "Would adopt"
    } else {
        "Adopted"
    };
    let package = krate.answers.name.package_name();
    let dir = krate.dir.display();
    match &adoption.source {
        Source::Copy(copy) => {
            writeln!(
                out,
                "{verb} a pristine base for {package} ({dir}): the files of {}",
                copy.display()
            )?;
        }
        Source::CurrentTemplates => {
            writeln!(
                out,
                "{verb} a pristine base for {package} ({dir}): the current templates' output"
            )?;
            let yours = &adoption.yours;
            if yours.is_empty() {
                writeln!(
                    out,
                    "The crate is exactly what the current templates generate."
                )?;
            } else {
                let list: Vec<String> = yours.iter().map(|p| slashed(p)).collect();
                let (files, differ) = if yours.len() == 1 {
                    ("file differs", "counts as your change")
                } else {
                    ("files differ", "count as your changes")
                };
                writeln!(
                    out,
                    "{} {files} from them and {differ} from now on (`connector-new diff` shows how): {}",
                    yours.len(),
                    list.join(", ")
                )?;
            }
        }
    }
    Ok(())
}

/// A relative path with `/` separators.
fn slashed(path: &std::path::Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// What the author should know about a file, beyond its action.
fn note(action: &Action) -> &'static str {
    match action {
        Action::Merged => " (your changes and the templates')",
        Action::Conflict => " (both changed the same lines: see the <<<<<<< markers)",
        Action::ConflictDeletedByYou => {
            " (you deleted it and the templates changed it: it stays deleted)"
        }
        Action::ConflictDeletedUpstream => {
            " (the templates deleted it and you changed it: your version stays)"
        }
        Action::Updated | Action::Added | Action::Deleted => "",
    }
}
