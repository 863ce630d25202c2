//! Everything connector-new prints: the plan or the result (text, or the `--json` documents of
//! [`json`]), the next steps, `--list`, completions and errors. Each function writes to the
//! writer it is given: the binary passes stdout and stderr, the tests pass buffers. Nothing
//! else in the generator prints.

mod json;
mod next_steps;

use std::io::{self, Write};
use std::path::Path;

use clap::CommandFactory;

use crate::cli::Cli;
use crate::paths;
use crate::plan::{Plan, SdkSource, WorkspaceEdit};
use crate::refusal;
use crate::render::Files;
use crate::vocabulary::{ApiKind, AuthKind, Capability, PaginationKind};
use crate::workspace::Registration;

/// The help line of an error that is not a [`refusal::Refusal`].
const DEFAULT_HELP: &str = "nothing was left half-written; fix the cause above and run again";

/// A completion script for `shell`.
pub(crate) fn completions(out: &mut dyn Write, shell: clap_complete::Shell) -> io::Result<()> {
    // clap_complete panics when a write fails: generate into memory, then write like the rest.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "connector-new", &mut script);
    out.write_all(&script)
}

/// `--list`: API kinds, auth kinds, paginations and capabilities, one per line, with a description.
pub(crate) fn list(out: &mut dyn Write, as_json: bool) -> io::Result<()> {
    if as_json {
        return json::write_compact(out, &json::List::new());
    }
    // One column for every name, as wide as the longest.
    let names = ApiKind::ALL.iter().map(|a| a.as_str());
    let names = names.chain(AuthKind::ALL.iter().map(|a| a.as_str()));
    let names = names.chain(PaginationKind::ALL.iter().map(|p| p.as_str()));
    let names = names.chain(Capability::ALL.iter().map(|c| c.as_str()));
    let width = names.map(str::len).max().unwrap_or(0);
    for api in ApiKind::ALL {
        writeln!(
            out,
            "api         {:<width$} {}",
            api.as_str(),
            api.description()
        )?;
    }
    for auth in AuthKind::ALL {
        writeln!(
            out,
            "auth        {:<width$} {}",
            auth.as_str(),
            auth.description()
        )?;
    }
    for pagination in PaginationKind::ALL {
        writeln!(
            out,
            "pagination  {:<width$} {}",
            pagination.as_str(),
            pagination.description()
        )?;
    }
    for capability in Capability::ALL {
        writeln!(
            out,
            "capability  {:<width$} {}",
            capability.as_str(),
            capability.description()
        )?;
    }
    Ok(())
}

/// After `--dry-run` (`written` false) or a successful write: what the crate is, its files,
/// its SDK, the workspace edit, and (once written) the next steps.
pub(crate) fn outcome(
    out: &mut dyn Write,
    plan: &Plan,
    cwd: &Path,
    written: bool,
    as_json: bool,
) -> io::Result<()> {
    let steps = next_steps::next_steps(plan, cwd)?;
    if as_json {
        return json::write_pretty(out, &json::Outcome::new(plan, written, &steps));
    }
    summary(out, plan, cwd, written)?;
    file_table(out, &plan.files)?;
    sdk(out, plan)?;
    if let Some(edit) = &plan.workspace {
        workspace(out, edit, cwd, written)?;
    }
    if written {
        writeln!(out, "\nNext steps:")?;
        for step in &steps {
            writeln!(out, "  {step}")?;
        }
    }
    Ok(())
}

/// An error, once: `error: ...` and `help: ...` on `err`, and with `--json` the same as a JSON
/// document on `out`. Both are attempted even if the first write fails.
pub(crate) fn error(
    out: &mut dyn Write,
    err: &mut dyn Write,
    error: &anyhow::Error,
    as_json: bool,
) -> io::Result<()> {
    let help = refusal::help_of(error).unwrap_or(DEFAULT_HELP);
    let message = format!("{error:#}");
    let printed_json = if as_json {
        json::write_pretty(out, &json::Failure::new(&message, help))
    } else {
        Ok(())
    };
    let printed_text = writeln!(err, "error: {message}\nhelp: {help}");
    printed_json.and(printed_text)
}

/// What is (or would be) created where, and from which answers.
fn summary(out: &mut dyn Write, plan: &Plan, cwd: &Path, written: bool) -> io::Result<()> {
    let (verb, note) = if written {
        ("Created", "")
    } else {
        ("Dry run: would create", ", nothing written")
    };
    writeln!(
        out,
        "{verb} {} in {} ({} files{note})",
        plan.answers.name.package_name(),
        shown(&plan.crate_dir, cwd),
        plan.files.len(),
    )?;
    let capabilities: Vec<&str> = plan
        .answers
        .capabilities
        .iter()
        .map(|c| c.as_str())
        .collect();
    // The pagination is an answer of REST connectors only.
    let pagination = if plan.answers.api.asks_pagination() {
        format!("pagination: {}; ", plan.answers.pagination)
    } else {
        String::new()
    };
    writeln!(
        out,
        "api: {}; auth: {}; {pagination}capabilities: {}",
        plan.answers.api,
        plan.answers.auth,
        capabilities.join(", ")
    )
}

/// Every file with its size, aligned.
fn file_table(out: &mut dyn Write, files: &Files) -> io::Result<()> {
    let width = files.keys().map(|p| p.as_os_str().len()).max().unwrap_or(0);
    for (path, text) in files {
        writeln!(
            out,
            "  {:<width$}  {:>6} bytes",
            paths::slash(path),
            text.len()
        )?;
    }
    Ok(())
}

/// The SDK path and where it came from.
fn sdk(out: &mut dyn Write, plan: &Plan) -> io::Result<()> {
    let source = match plan.sdk_source {
        SdkSource::Given => "as given",
        SdkSource::Workspace => "the workspace's member",
        SdkSource::Builtin => "the SDK connector-new was built from",
    };
    writeln!(out, "connector-sdk: {} ({source})", plan.sdk_path)
}

/// What registering the crate in the surrounding workspace did (or would do).
fn workspace(
    out: &mut dyn Write,
    edit: &WorkspaceEdit,
    cwd: &Path,
    written: bool,
) -> io::Result<()> {
    let manifest = shown(&edit.manifest, cwd);
    match &edit.registration {
        Registration::Add(member) => {
            let verb = if written { "Added" } else { "Would add" };
            writeln!(
                out,
                "{verb} \"{member}\" to [workspace] members in {manifest}"
            )
        }
        Registration::AlreadyMember => {
            writeln!(out, "Already a member of the workspace in {manifest}")
        }
        Registration::CoveredByGlob(glob) => writeln!(
            out,
            "Already a workspace member through \"{glob}\" in {manifest}"
        ),
        Registration::Excluded(entry) => writeln!(
            out,
            "warning: not registered: \"{entry}\" is in [workspace] exclude of {manifest}; \
             the crate builds on its own (own Cargo.lock and target/)"
        ),
    }
}

/// `path` relative to `cwd` when it is below it, else absolute.
fn shown(path: &Path, cwd: &Path) -> String {
    // Plan paths are canonical; a cwd that cannot be canonicalized is compared as it is.
    let cwd = cwd.canonicalize().unwrap_or_else(|_| cwd.to_path_buf());
    match path.strip_prefix(&cwd) {
        Ok(relative) if !relative.as_os_str().is_empty() => paths::slash(relative),
        _ => path.display().to_string(),
    }
}

#[cfg(test)]
mod tests;
