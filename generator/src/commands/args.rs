//! The flags of the commands that work on an existing crate.

use std::path::PathBuf;

/// `--path`, `--dry-run`, `--json`: flattened into each such subcommand.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct CrateArgs {
    /// The generated crate's directory [default: the crate containing the current directory].
    #[arg(long, value_name = "DIR")]
    pub path: Option<PathBuf>,

    /// Show what would change, as a unified diff; write nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Print the result (or the error) as JSON on stdout.
    #[arg(long)]
    pub json: bool,
}
