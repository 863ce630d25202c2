//! The command line (clap derive). Values stay raw strings here: they are validated in
//! `answers`, by the same validators as --define, values files and prompts, so every bad value
//! gets the same message and `help:` line whichever way it came in.

use std::ffi::OsStr;
use std::marker::PhantomData;
use std::path::PathBuf;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};

use crate::commands::args::CrateArgs;
use crate::vocabulary::{ApiKind, AuthKind, Capability, PaginationKind};

const AFTER_HELP: &str = "\
Where answers come from, strongest first:
  1. flags: --api, --auth, --pagination, --capabilities / --all-capabilities, --sdk-path
  2. --define KEY=VALUE (repeatable)
  3. --values-file FILE ([values] table, as for cargo-generate)
  4. a prompt, on a terminal and without --yes; the template's default with --yes
Without a terminal and without --yes, a missing answer is an error (except --api: rest, and
--pagination: offset). --pagination shapes --api rest connectors only (SCIM pages by
startIndex). validate_credentials is always generated.";

/// Generate a working, tested Lumos connector crate built on connector-sdk.
#[derive(Debug, Parser)]
#[command(name = "connector-new", version, after_help = AFTER_HELP, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// Subcommands (only `completions`).
    #[command(subcommand)]
    pub command: Option<Command>,

    /// The app id, kebab-case (e.g. `myapp`); the crate is `<NAME>-connector`.
    pub name: Option<String>,

    /// What kind of API the app has [default: rest].
    #[arg(long, value_name = "API", value_parser = Advertised::<ApiKind>::new())]
    pub api: Option<String>,

    /// How the connector authenticates to the app's API.
    #[arg(long, value_name = "AUTH", value_parser = Advertised::<AuthKind>::new())]
    pub auth: Option<String>,

    /// How the API's lists page (REST only) [default: offset].
    #[arg(long, value_name = "PAGINATION", value_parser = Advertised::<PaginationKind>::new())]
    pub pagination: Option<String>,

    /// Capabilities to implement, comma-separated (validate_credentials is always included).
    #[arg(
        long,
        value_name = "LIST",
        value_delimiter = ',',
        conflicts_with = "all_capabilities",
        value_parser = Advertised::<Capability>::new()
    )]
    pub capabilities: Option<Vec<String>>,

    /// Implement every core capability the API kind supports (all 12 for rest, 11 for scim).
    #[arg(long)]
    pub all_capabilities: bool,

    /// The crate directory to create [default: ./<NAME>].
    #[arg(long, value_name = "DIR")]
    pub output: Option<PathBuf>,

    /// Path to connector-sdk, as written into the dependency (relative to the new crate)
    /// [default: the workspace's connector-sdk member, else the SDK this tool was built from].
    #[arg(long, value_name = "PATH")]
    pub sdk_path: Option<String>,

    /// Set a template value, as with cargo-generate (e.g. `auth=basic`, `list_accounts=true`).
    #[arg(long = "define", short = 'd', value_name = "KEY=VALUE")]
    pub defines: Vec<String>,

    /// Read template values from a TOML file with a [values] table, as with cargo-generate.
    #[arg(long, value_name = "FILE")]
    pub values_file: Option<PathBuf>,

    /// Never prompt: anything not given takes the template's default.
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Write into a non-empty directory (files with the same names are replaced).
    #[arg(long)]
    pub force: bool,

    /// Print every file that would be written, and the workspace edit; write nothing.
    #[arg(long)]
    pub dry_run: bool,

    /// Print the plan or result (or the error) as JSON on stdout.
    #[arg(long)]
    pub json: bool,

    /// List the API kinds, auth kinds, paginations and capabilities, one per line, and exit.
    #[arg(long)]
    pub list: bool,
}

impl Cli {
    /// Whether results and errors go out as JSON (`--json`, on the command or its subcommand).
    pub fn json_output(&self) -> bool {
        match &self.command {
            Some(Command::Diff(args)) => args.json,
            Some(Command::Update(update)) => update.args.json,
            Some(Command::Add(add)) => add.args().json,
            _ => self.json,
        }
    }
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add to a generated crate after day one: capabilities, resource and entitlement types.
    /// Your code is kept: the additions are merged into your files item by item.
    #[command(subcommand)]
    Add(crate::commands::add::AddCommand),
    /// Show, as a unified diff, what the current templates would change in a generated crate
    /// (regenerated from the answers recorded in its Cargo.toml); nothing on an untouched one.
    Diff(CrateArgs),
    /// Bring a generated crate to the current templates: a three-way merge that keeps your
    /// changes; conflicting lines get conflict markers and the command fails listing them.
    Update(crate::commands::update::UpdateArgs),
    /// Build a generated connector's release binary and write `<app_id>-<version>.tar.gz`
    /// (the binary as `main`, and `metadata.toml`) for the on-premise agent; prints its path.
    Package(crate::commands::package::PackageArgs),
    /// Print a completion script for a shell.
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
}

/// A value parser that shows an enum's values (in help and completions) but accepts any
/// string, leaving validation to `answers`.
#[derive(Debug)]
pub(crate) struct Advertised<E>(PhantomData<fn() -> E>);

impl<E> Advertised<E> {
    /// The parser.
    pub(crate) fn new() -> Self {
        Self(PhantomData)
    }
}

impl<E> Default for Advertised<E> {
    fn default() -> Self {
        Self::new()
    }
}

impl<E> Clone for Advertised<E> {
    fn clone(&self) -> Self {
        Self::new()
    }
}

impl<E: ValueEnum + 'static> TypedValueParser for Advertised<E> {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            E::value_variants()
                .iter()
                .filter_map(ValueEnum::to_possible_value),
        ))
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn help_lists_the_enum_values() {
        let auth = Cli::command()
            .get_arguments()
            .find(|a| a.get_id() == "auth")
            .map(|a| a.get_possible_values())
            .unwrap();
        let names: Vec<&str> = auth.iter().map(PossibleValue::get_name).collect();
        let expected: Vec<&str> = AuthKind::ALL.iter().map(|a| a.as_str()).collect();
        assert_eq!(names, expected);
    }

    #[test]
    fn unknown_values_reach_the_validator() {
        let cli = Cli::try_parse_from(["connector-new", "x", "--auth", "saml"]).unwrap();
        assert_eq!(cli.auth.as_deref(), Some("saml"));
    }
}
