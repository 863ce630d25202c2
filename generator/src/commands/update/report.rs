//! What `update` prints: one line per file it changes or reports, then (with `--dry-run`) the
//! diff it would write; or the same as one JSON document.

use std::io::Write;

use serde::Serialize;

use super::merge::{Action, FileMerge};
use crate::commands::args::CrateArgs;
use crate::commands::target::GeneratedCrate;
use crate::commands::unified;

#[derive(Debug, Serialize)]
struct JsonFile {
    path: String,
    action: &'static str,
}

#[derive(Debug, Serialize)]
struct JsonReport {
    crate_dir: String,
    dry_run: bool,
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
    merges: &[FileMerge],
) -> anyhow::Result<()> {
    let diff: String = merges
        .iter()
        .map(|m| unified::diff(&m.path, m.before.as_deref(), m.after.as_deref()))
        .collect();
    let slash = |m: &FileMerge| m.path.to_string_lossy().replace('\\', "/");
    if args.json {
        let report = JsonReport {
            crate_dir: krate.dir.display().to_string(),
            dry_run: args.dry_run,
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
