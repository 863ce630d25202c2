//! What `add` prints: the files it changed (or, with `--dry-run`, the diff it would apply),
//! as text or `--json`.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use super::super::args::CrateArgs;
use super::super::pristine;
use super::super::target::GeneratedCrate;
use super::super::unified;
use super::edit::{Addition, Outcome};

#[derive(Serialize)]
struct File {
    path: String,
    /// `created` or `modified`.
    status: &'static str,
}

#[derive(Serialize)]
struct Report<'a> {
    crate_dir: String,
    dry_run: bool,
    kind: &'a str,
    added: &'a [String],
    files: Vec<File>,
    /// The unified diff of the working tree (with `--dry-run`).
    #[serde(skip_serializing_if = "Option::is_none")]
    diff: Option<String>,
}

/// Prints the outcome of `addition` to `out`.
pub fn print(
    out: &mut dyn Write,
    krate: &GeneratedCrate,
    args: &CrateArgs,
    addition: &Addition,
    outcome: &Outcome,
) -> anyhow::Result<()> {
    let files: Vec<File> = outcome
        .files
        .iter()
        .map(|(path, before, _)| File {
            path: slash(path),
            status: if before.is_some() {
                "modified"
            } else {
                "created"
            },
        })
        .collect();
    let diff = args.dry_run.then(|| {
        outcome
            .files
            .iter()
            .map(|(path, before, after)| unified::diff(path, before.as_deref(), Some(after)))
            .collect::<String>()
    });
    let names = addition.names.join(", ");
    let kind = match (addition.names.len(), addition.kind.strip_suffix('y')) {
        (1, _) => addition.kind.to_owned(),
        (_, Some(stem)) => format!("{stem}ies"),
        (_, None) => format!("{}s", addition.kind),
    };
    if args.json {
        let report = Report {
            crate_dir: krate.dir.display().to_string(),
            dry_run: args.dry_run,
            kind: addition.kind,
            added: &addition.names,
            files,
            diff,
        };
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
        return Ok(());
    }
    if let Some(diff) = diff {
        out.write_all(diff.as_bytes())?;
        writeln!(
            out,
            "Dry run: would add {kind} {names} to {} ({} file{}, and the pristine base {}); nothing written.",
            krate.dir.display(),
            files.len(),
            if files.len() == 1 { "" } else { "s" },
            pristine::PATH,
        )?;
        return Ok(());
    }
    writeln!(out, "Added {kind} {names} to {}:", krate.dir.display())?;
    for file in &files {
        writeln!(out, "  {:<9} {}", file.status, file.path)?;
    }
    writeln!(
        out,
        "Next: `cargo test` there; grep for `Adapt:` in what was added."
    )?;
    Ok(())
}

fn slash(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
