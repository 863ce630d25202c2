//! `connector-new add ...`: grows a generated crate after day one, without losing the
//! author's code.
//!
//! One module per kind of addition ([`capability`], [`resource_type`], [`entitlement_type`],
//! [`error_handler`]); each says what the templates' version of the touched files is before
//! and after the addition, and [`edit`] applies that difference to the working tree (and, for
//! what the templates produce again from the recorded answers, to the pristine base), merging
//! into the author's files item by item ([`rust_merge`]) or line by line ([`text_merge`]). It
//! checks everything, then writes it all in one atomic step (the contract is in [`super`]).

pub mod capability;
pub mod edit;
pub mod entitlement_type;
pub mod error_handler;
pub mod resource_type;

mod files;
mod report;
mod rust_merge;
mod sequences;
mod source;
mod text_merge;
mod type_id;

use std::io::Write;
use std::path::Path;

use super::args::CrateArgs;

/// What to add.
#[derive(Debug, clap::Subcommand)]
pub enum AddCommand {
    /// Add capabilities: each one's implementation, registration, tests and README row, and
    /// the recorded answers. `connector-new --list` names them.
    Capability {
        /// Capability names (e.g. `get_account create_account`).
        #[arg(required = true, value_name = "NAME")]
        names: Vec<String>,
        /// The crate and how to report.
        #[command(flatten)]
        args: CrateArgs,
    },
    /// Declare a resource type in src/enums.rs (a constant and its entry in resource_types()).
    ResourceType {
        /// The type's id, SHOUTY_SNAKE_CASE (e.g. `PROJECT`); also the constant's name.
        #[arg(value_name = "ID")]
        id: String,
        /// The label Lumos shows.
        #[arg(long, value_name = "TEXT")]
        label: String,
        /// The crate and how to report.
        #[command(flatten)]
        args: CrateArgs,
    },
    /// Declare an entitlement type in src/enums.rs (a constant and its entry in
    /// entitlement_types()).
    EntitlementType {
        /// The type's id, SHOUTY_SNAKE_CASE (e.g. `PROJECT_MEMBER`); also the constant's name.
        #[arg(value_name = "ID")]
        id: String,
        /// The label Lumos shows.
        #[arg(long, value_name = "TEXT")]
        label: String,
        /// The resource type it is granted on [default: the global resource].
        #[arg(long, value_name = "ID")]
        resource_type: Option<String>,
        /// The crate and how to report.
        #[command(flatten)]
        args: CrateArgs,
    },
    /// Improve error handling: map the API's error bodies to protocol error codes in
    /// src/errors.rs, which the HTTP client calls; with its test against the mock API.
    ErrorHandler {
        /// The crate and how to report.
        #[command(flatten)]
        args: CrateArgs,
    },
}

impl AddCommand {
    /// The flags shared with the other crate commands.
    pub fn args(&self) -> &CrateArgs {
        match self {
            Self::Capability { args, .. }
            | Self::ResourceType { args, .. }
            | Self::EntitlementType { args, .. }
            | Self::ErrorHandler { args } => args,
        }
    }
}

/// Runs `add`, printing to `out`.
pub fn run(command: &AddCommand, cwd: &Path, out: &mut dyn Write) -> anyhow::Result<()> {
    let args = command.args();
    let krate = super::GeneratedCrate::locate(args.path.as_deref(), cwd)?;
    let addition = match command {
        AddCommand::Capability { names, .. } => capability::addition(&krate, names)?,
        AddCommand::ResourceType { id, label, .. } => resource_type::addition(&krate, id, label)?,
        AddCommand::EntitlementType {
            id,
            label,
            resource_type,
            ..
        } => entitlement_type::addition(&krate, id, label, resource_type.as_deref())?,
        AddCommand::ErrorHandler { .. } => error_handler::addition(&krate)?,
    };
    let outcome = edit::apply(&krate, &addition, args.dry_run)?;
    report::print(out, &krate, args, &addition, &outcome)
}
