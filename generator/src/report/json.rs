//! The `--json` contract: every document connector-new prints on stdout with `--json`, as
//! types. Field order is output order; names and values are the contract, so a change here is a
//! change for every script that reads the output (the CLI snapshots show each document whole).

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::paths;
use crate::plan::{self, Plan};
use crate::vocabulary::{ApiKind, AuthKind, Capability, PaginationKind};
use crate::workspace::Registration;

/// `--list --json`: every API kind, auth kind and capability, with its description.
#[derive(Debug, Serialize)]
pub(super) struct List {
    api: Vec<Described>,
    auth: Vec<Described>,
    pagination: Vec<Described>,
    capabilities: Vec<Described>,
}

/// One value of `--list`.
#[derive(Debug, Serialize)]
struct Described {
    /// As written in flags, defines and values files.
    name: &'static str,
    description: &'static str,
}

/// After `--dry-run` (the plan) or a successful write (the result).
#[derive(Debug, Serialize)]
pub(super) struct Outcome<'a> {
    status: Status,
    /// The app id (NAME).
    name: &'a str,
    /// The generated package, `<name>-connector`.
    package: String,
    /// Absolute.
    crate_dir: &'a Path,
    api: &'static str,
    auth: &'static str,
    /// `null` for API kinds that page by their own protocol (SCIM).
    pagination: Option<&'static str>,
    /// In protocol order; always has `validate_credentials`.
    capabilities: Vec<&'static str>,
    /// As written into the `connector-sdk` path dependency.
    sdk_path: &'a str,
    sdk_source: SdkSource,
    /// Every file, sorted by path.
    files: Vec<File>,
    /// `null` outside a Cargo workspace.
    workspace: Option<Workspace<'a>>,
    /// Shell commands: go to the crate, test it, call it once.
    next_steps: &'a [String],
}

/// Any error, with `--json` (it is also printed on stderr).
#[derive(Debug, Serialize)]
pub(super) struct Failure<'a> {
    status: Status,
    /// The error and its causes, `: `-separated.
    error: &'a str,
    /// What to do about it.
    help: &'a str,
}

/// What happened.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "kebab-case")]
enum Status {
    /// The crate was written.
    Created,
    /// `--dry-run`: nothing was written.
    DryRun,
    /// Nothing was written, or (said in `error`) the crate was but the workspace was not updated.
    Error,
}

/// Where the SDK path came from.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "lowercase")]
enum SdkSource {
    /// `--sdk-path`, `--define` or a values file.
    Given,
    /// The surrounding workspace's connector-sdk member.
    Workspace,
    /// The SDK this generator was built from.
    Builtin,
}

/// One generated file.
#[derive(Debug, Serialize)]
struct File {
    /// Relative to `crate_dir`, `/`-separated.
    path: String,
    bytes: usize,
}

/// The surrounding workspace and what registering the crate takes.
#[derive(Debug, Serialize)]
struct Workspace<'a> {
    /// The root manifest, absolute.
    manifest: &'a Path,
    action: Action,
    /// The member added, or the glob or exclude entry that decided; empty for
    /// `already-member`.
    entry: &'a str,
}

/// What registering the crate in the workspace takes.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "kebab-case")]
enum Action {
    /// `entry` is appended to `[workspace] members`.
    Add,
    /// `members` already lists the crate.
    AlreadyMember,
    /// The `members` glob `entry` covers the crate.
    CoveredByGlob,
    /// The `exclude` entry `entry` covers the crate: not registered.
    Excluded,
}

impl List {
    /// Every API kind, auth kind, pagination and capability, in the order of templates/cargo-generate.toml.
    pub(super) fn new() -> Self {
        Self {
            api: ApiKind::ALL
                .iter()
                .map(|a| Described {
                    name: a.as_str(),
                    description: a.description(),
                })
                .collect(),
            auth: AuthKind::ALL
                .iter()
                .map(|a| Described {
                    name: a.as_str(),
                    description: a.description(),
                })
                .collect(),
            pagination: PaginationKind::ALL
                .iter()
                .map(|p| Described {
                    name: p.as_str(),
                    description: p.description(),
                })
                .collect(),
            capabilities: Capability::ALL
                .iter()
                .map(|c| Described {
                    name: c.as_str(),
                    description: c.description(),
                })
                .collect(),
        }
    }
}

impl<'a> Outcome<'a> {
    /// The plan, `written` or not, and the next steps.
    pub(super) fn new(plan: &'a Plan, written: bool, next_steps: &'a [String]) -> Self {
        let answers = &plan.answers;
        Self {
            status: if written {
                Status::Created
            } else {
                Status::DryRun
            },
            name: answers.name.as_str(),
            package: answers.name.package_name(),
            crate_dir: &plan.crate_dir,
            api: answers.api.as_str(),
            auth: answers.auth.as_str(),
            pagination: answers
                .api
                .asks_pagination()
                .then(|| answers.pagination.as_str()),
            capabilities: answers.capabilities.iter().map(|c| c.as_str()).collect(),
            sdk_path: plan.sdk_path.as_str(),
            sdk_source: match plan.sdk_source {
                plan::SdkSource::Given => SdkSource::Given,
                plan::SdkSource::Workspace => SdkSource::Workspace,
                plan::SdkSource::Builtin => SdkSource::Builtin,
            },
            files: plan
                .files
                .iter()
                .map(|(path, text)| File {
                    path: paths::slash(path),
                    bytes: text.len(),
                })
                .collect(),
            workspace: plan.workspace.as_ref().map(|edit| {
                let (action, entry) = match &edit.registration {
                    Registration::Add(member) => (Action::Add, member.as_str()),
                    Registration::AlreadyMember => (Action::AlreadyMember, ""),
                    Registration::CoveredByGlob(glob) => (Action::CoveredByGlob, glob.as_str()),
                    Registration::Excluded(entry) => (Action::Excluded, entry.as_str()),
                };
                Workspace {
                    manifest: &edit.manifest,
                    action,
                    entry,
                }
            }),
            next_steps,
        }
    }
}

impl<'a> Failure<'a> {
    /// An error message and its help.
    pub(super) fn new(error: &'a str, help: &'a str) -> Self {
        Self {
            status: Status::Error,
            error,
            help,
        }
    }
}

/// Writes `document` on one line.
pub(super) fn write_compact(out: &mut dyn Write, document: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, document)?;
    writeln!(out)
}

/// Writes `document` indented by two spaces.
pub(super) fn write_pretty(out: &mut dyn Write, document: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, document)?;
    writeln!(out)
}
