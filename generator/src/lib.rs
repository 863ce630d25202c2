//! connector-new: generates a Lumos connector crate built on connector-sdk.
//!
//! The pipeline is named after what flows through it:
//! [`cli`] (arguments) → [`answers`] (validated, typed values) → [`plan`] (files, SDK path,
//! workspace edit) → [`render`] (Tera, into memory) → [`write`] (atomic) → [`report`].
//! The questions, their defaults and the file ignores come from templates/cargo-generate.toml
//! ([`template_config`]); the `AuthKind` and `Capability` enums are generated from it
//! ([`vocabulary`]).

pub mod answers;
pub mod cli;
pub mod condition;
pub mod literals;
pub mod name;
pub mod paths;
pub mod plan;
pub mod prompt;
pub mod refusal;
pub mod render;
pub mod report;
pub mod sdk;
pub mod subset;
pub mod template_config;
pub mod templates;
pub mod tera_filters;
pub mod vars;
pub mod vocabulary;
pub mod workspace;
pub mod write;

use anyhow::Context as _;

use crate::cli::{Cli, Command};
use crate::template_config::TemplateConfig;

/// Runs one invocation; errors are for the caller to print with [`report::error`].
pub fn run(cli: &Cli) -> anyhow::Result<()> {
    if let Some(Command::Completions { shell }) = cli.command {
        report::completions(shell);
        return Ok(());
    }
    if cli.list {
        return printed(report::list(cli.json));
    }
    let config = TemplateConfig::embedded()?;
    let answers = answers::resolve(cli, &config, prompt::asker(cli.yes).as_mut())?;
    let cwd = std::env::current_dir().context("cannot read the current directory")?;
    let plan = plan::build(&answers, &config, cli.output.as_deref(), &cwd, cli.force)?;
    if !cli.dry_run {
        write::write(&plan)?;
    }
    printed(report::outcome(&plan, &cwd, !cli.dry_run, cli.json))
}

/// A reader that stopped reading (`connector-new --list | head`) is not an error.
fn printed(result: std::io::Result<()>) -> anyhow::Result<()> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other.context("cannot print the result")?),
    }
}
