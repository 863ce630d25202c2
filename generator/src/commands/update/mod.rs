//! `connector-new update`: brings a generated crate to the current templates by a three-way
//! merge ([`merge`]) of the pristine base, the working tree and the templates' output for the
//! recorded answers.
//!
//! Everything is read and checked before the first write: the crate and its answers, the base,
//! leftover conflict markers, every target path. The merged files and the new base (the
//! templates' output, so that the next update starts from it) are then written in one atomic
//! [`apply::write`]. Conflicts are written with their markers, listed, and make the command
//! fail; `--dry-run` shows the same as a diff and writes nothing.
//!
//! A crate without a base is refused, unless `--adopt` supplies one ([`adopt`]).

pub mod adopt;
pub mod merge;
mod report;

use std::io::Write;
use std::path::{Path, PathBuf};

use super::apply::{self, Changes};
use super::args::CrateArgs;
use super::markers;
use super::pristine;
use super::target::GeneratedCrate;
use crate::refusal::Refusal;
use crate::write::{Filesystem, Writer};

use self::merge::FileMerge;

/// `update`'s flags: those of every crate command, and `--adopt`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct UpdateArgs {
    /// `--path`, `--dry-run`, `--json`.
    #[command(flatten)]
    pub args: CrateArgs,

    /// For a crate generated before connector-new kept a pristine base: adopt one, then
    /// update. DIR: a copy of the crate generated with the same answers by the templates it
    /// came from (the templates' changes since are merged); without DIR: the current
    /// templates (every present difference then counts as yours).
    #[arg(long, value_name = "DIR", num_args = 0..=1, require_equals = true)]
    pub adopt: Option<Option<PathBuf>>,
}

/// Runs `update`, printing to `out`.
pub fn run(update: &UpdateArgs, cwd: &Path, out: &mut dyn Write) -> anyhow::Result<()> {
    run_with(update, cwd, out, &Filesystem)
}

/// [`run`], with the files' contents written through `writer` (the fault tests pass a disk
/// that fills up).
pub fn run_with(
    update: &UpdateArgs,
    cwd: &Path,
    out: &mut dyn Write,
    writer: &dyn Writer,
) -> anyhow::Result<()> {
    let args = &update.args;
    let krate = GeneratedCrate::locate(args.path.as_deref(), cwd)?;
    if !args.dry_run {
        // Finish (or drop) a write an interrupt cut short, before reading the tree.
        apply::recover(&krate.dir)?;
    }
    let theirs = krate.answers.render()?;
    let (base, adopted) = match &update.adopt {
        None if !adopt::has_base(&krate) => return Err(adopt::no_base(&krate).into()),
        None => (krate.read_base()?, None),
        Some(_) if adopt::has_base(&krate) => return Err(adopt::already_based(&krate).into()),
        Some(from) => {
            let (base, source) = adopt::base(&krate, from.as_deref(), cwd, &theirs)?;
            (base, Some(source))
        }
    };
    let paths: Vec<&PathBuf> = base.keys().chain(theirs.keys()).collect();
    let ours = krate.read_working(paths)?;
    markers::check(&ours)?;
    let adoption = adopted.map(|source| adopt::Adoption::new(source, &ours, &theirs));

    let merges = merge::merge(&base, &ours, &theirs);
    let mut changes: Changes = merges
        .iter()
        .filter(|m| m.writes())
        .map(|m| (m.path.clone(), m.after.clone()))
        .collect();
    let new_base = pristine::encode(&theirs)?;
    let old_base = krate.read_working([&PathBuf::from(pristine::PATH)])?;
    if old_base.values().next() != Some(&new_base) {
        changes.insert(PathBuf::from(pristine::PATH), Some(new_base));
    }
    apply::check(&krate.dir, &changes)?;

    if !args.dry_run && !changes.is_empty() {
        apply::write_with(writer, &krate.dir, &changes)?;
    }
    let conflicts: Vec<&FileMerge> = merges.iter().filter(|m| m.action.is_conflict()).collect();
    report::print(out, &krate, args, adoption.as_ref(), &merges)?;
    if conflicts.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = conflicts
        .iter()
        .map(|m| m.path.display().to_string())
        .collect();
    let message = format!(
        "{} {} in {} file{}: {}",
        if args.dry_run {
            "the update would leave"
        } else {
            "the update left"
        },
        "conflicts",
        list.len(),
        if list.len() == 1 { "" } else { "s" },
        list.join(", ")
    );
    if args.json {
        return Err(super::AlreadyReported(message).into());
    }
    Err(Refusal::new(
        message,
        "edit each file listed: keep what you want between <<<<<<< and >>>>>>> and delete the markers (a file deleted on one side has none: restore or delete it); `connector-new diff` shows what the templates have",
    )
    .into())
}
