//! connector-new: generates a Lumos connector crate built on connector-sdk.
//!
//! The pipeline is named after what flows through it: `cli` (arguments) → `answers`
//! (validated, typed values) → `plan` (files, SDK path, workspace edit) → [`render`] (into
//! memory) → `write` (atomic) → `report` (text or `--json`). The questions, their defaults and
//! the file ignores come from templates/cargo-generate.toml ([`template_config`]); the
//! [`vocabulary`] enums are generated from it.
//!
//! Public are only what the integration tests and the end-to-end crate use: the command line
//! and [`run`], and rendering (templates, variables, filters) to check what is generated; for
//! the fault tests, the write stage's one seam ([`write::Writer`], [`generate_with`]) and the
//! [`refusal::Refusal`] an error carries its `help:` in.
//!
//! Generating a crate, `completions` and `--list` are functions here, over the same stages.
//! The commands that work on a crate generated earlier (`diff`, `update`, `add`) live in
//! [`commands`], one module each, with this file dispatching to them.

pub mod cli;
pub mod commands;
pub mod render;
pub mod template_config;
pub mod templates;
pub mod tera_filters;
pub mod vars;
pub mod vocabulary;

mod answers;
mod condition;
mod name;
mod paths;
mod plan;
mod prompt;
pub mod refusal;
mod report;
mod sdk;
mod subset;
mod workspace;
pub mod write;

use std::io;

use anyhow::Context as _;

use crate::cli::{Cli, Command};
use crate::template_config::TemplateConfig;

pub use crate::name::MAX_LEN as MAX_NAME_LEN;

/// Runs one invocation; errors are for the caller to print with [`print_error`].
pub fn run(cli: &Cli) -> anyhow::Result<()> {
    match cli.command {
        Some(Command::Completions { shell }) => {
            printed(report::completions(&mut io::stdout().lock(), shell))
        }
        Some(Command::Add(ref add)) => in_crate(|cwd, out| commands::add::run(add, cwd, out)),
        Some(Command::Diff(ref args)) => in_crate(|cwd, out| commands::diff::run(args, cwd, out)),
        Some(Command::Update(ref args)) => {
            in_crate(|cwd, out| commands::update::run(args, cwd, out))
        }
        Some(Command::Package(ref args)) => {
            in_crate(|cwd, out| commands::package::run(args, cwd, out))
        }
        None if cli.list => printed(report::list(&mut io::stdout().lock(), cli.json)),
        None => generate(cli),
    }
}

/// Prints an error once: `error: ...` and `help: ...` on stderr, and with `--json` the same as
/// JSON on stdout.
pub fn print_error(error: &anyhow::Error, as_json: bool) -> io::Result<()> {
    if error.is::<commands::AlreadyReported>() {
        return Ok(());
    }
    report::error(
        &mut io::stdout().lock(),
        &mut io::stderr().lock(),
        error,
        as_json,
    )
}

/// Generates a crate: answers, plan, write (unless `--dry-run`), report.
fn generate(cli: &Cli) -> anyhow::Result<()> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    generate_with(cli, &cwd, &mut io::stdout().lock(), &write::Filesystem)
}

/// Generation from `cwd`, reporting to `out`, the files' contents written through `writer`:
/// [`run`] passes the process's own and the [`write::Filesystem`]; the fault tests, a disk
/// that fills up.
pub fn generate_with(
    cli: &Cli,
    cwd: &std::path::Path,
    out: &mut dyn io::Write,
    writer: &dyn write::Writer,
) -> anyhow::Result<()> {
    let config = TemplateConfig::embedded()?;
    let answers = answers::resolve(cli, &config, prompt::asker(cli.yes).as_mut())?;
    let plan = plan::build(&answers, &config, cli.output.as_deref(), cwd, cli.force)?;
    if !cli.dry_run {
        write::write(&plan, writer)?;
    }
    let written = !cli.dry_run;
    printed(report::outcome(out, &plan, cwd, written, cli.json))
}

/// Runs a command on an existing crate: what it prints is buffered and printed even when it
/// then fails (`update` lists its conflicts, then exits with a failure).
fn in_crate(
    command: impl FnOnce(&std::path::Path, &mut dyn io::Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let mut out = Vec::new();
    let result = command(&cwd, &mut out);
    printed(io::Write::write_all(&mut io::stdout().lock(), &out))?;
    result
}

/// A reader that stopped reading (`connector-new --list | head`) is not an error.
fn printed(result: io::Result<()>) -> anyhow::Result<()> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other.context("cannot print the result")?),
    }
}
