//! Everything connector-new prints: the plan or result (human or `--json`), the next steps,
//! `--list`, completions and errors. The only module that writes to stdout or stderr.

use std::io::{self, Write};
use std::path::Path;

use clap::CommandFactory;
use serde_json::{json, Value};

use crate::cli::Cli;
use crate::plan::{Plan, SdkSource};
use crate::refusal;
use crate::vocabulary::{AuthKind, Capability};
use crate::workspace::Registration;

/// Prints a completion script.
pub fn completions(shell: clap_complete::Shell) {
    clap_complete::generate(
        shell,
        &mut Cli::command(),
        "connector-new",
        &mut io::stdout(),
    );
}

/// `--list`: auth kinds and capabilities, one per line, with a description.
pub fn list(as_json: bool) -> io::Result<()> {
    let mut out = io::stdout().lock();
    if as_json {
        let auth: Vec<Value> = AuthKind::ALL
            .iter()
            .map(|a| json!({"name": a.as_str(), "description": a.description()}))
            .collect();
        let capabilities: Vec<Value> = Capability::ALL
            .iter()
            .map(|c| json!({"name": c.as_str(), "description": c.description()}))
            .collect();
        return writeln!(
            out,
            "{}",
            json!({"auth": auth, "capabilities": capabilities})
        );
    }
    for auth in AuthKind::ALL {
        writeln!(
            out,
            "auth        {:<30} {}",
            auth.as_str(),
            auth.description()
        )?;
    }
    for capability in Capability::ALL {
        writeln!(
            out,
            "capability  {:<30} {}",
            capability.as_str(),
            capability.description()
        )?;
    }
    Ok(())
}

/// After `--dry-run` (`written` false) or a successful write.
pub fn outcome(plan: &Plan, cwd: &Path, written: bool, as_json: bool) -> io::Result<()> {
    let mut out = io::stdout().lock();
    let steps = next_steps(plan, cwd);
    if as_json {
        let files: Vec<Value> = plan
            .files
            .iter()
            .map(|(path, text)| json!({"path": crate::paths::slash(path), "bytes": text.len()}))
            .collect();
        let workspace = plan.workspace.as_ref().map(|edit| {
            let (action, detail) = match &edit.registration {
                Registration::Add(member) => ("add", member.clone()),
                Registration::AlreadyMember => ("already-member", String::new()),
                Registration::CoveredByGlob(glob) => ("covered-by-glob", glob.clone()),
                Registration::Excluded(entry) => ("excluded", entry.clone()),
            };
            json!({"manifest": edit.manifest, "action": action, "entry": detail})
        });
        let value = json!({
            "status": if written { "created" } else { "dry-run" },
            "name": plan.answers.name.as_str(),
            "package": plan.answers.name.package_name(),
            "crate_dir": plan.crate_dir,
            "auth": plan.answers.auth.as_str(),
            "capabilities": plan.answers.capabilities.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
            "sdk_path": plan.sdk_path.as_str(),
            "sdk_source": match plan.sdk_source {
                SdkSource::Given => "given",
                SdkSource::Workspace => "workspace",
                SdkSource::Builtin => "builtin",
            },
            "files": files,
            "workspace": workspace,
            "next_steps": steps,
        });
        return writeln!(out, "{value:#}");
    }

    let verb = if written {
        "Created"
    } else {
        "Dry run: would create"
    };
    writeln!(
        out,
        "{verb} {} in {} ({} files{})",
        plan.answers.name.package_name(),
        shown(&plan.crate_dir, cwd),
        plan.files.len(),
        if written { "" } else { ", nothing written" }
    )?;
    let capabilities: Vec<&str> = plan
        .answers
        .capabilities
        .iter()
        .map(|c| c.as_str())
        .collect();
    writeln!(
        out,
        "auth: {}; capabilities: {}",
        plan.answers.auth,
        capabilities.join(", ")
    )?;
    let width = plan
        .files
        .keys()
        .map(|p| p.as_os_str().len())
        .max()
        .unwrap_or(0);
    for (path, text) in &plan.files {
        writeln!(
            out,
            "  {:<width$}  {:>6} bytes",
            crate::paths::slash(path),
            text.len()
        )?;
    }
    writeln!(
        out,
        "connector-sdk: {} ({})",
        plan.sdk_path,
        match plan.sdk_source {
            SdkSource::Given => "as given",
            SdkSource::Workspace => "the workspace's member",
            SdkSource::Builtin => "the SDK connector-new was built from",
        }
    )?;
    if let Some(edit) = &plan.workspace {
        let manifest = shown(&edit.manifest, cwd);
        match &edit.registration {
            Registration::Add(member) if written => writeln!(
                out,
                "Added \"{member}\" to [workspace] members in {manifest}"
            )?,
            Registration::Add(member) => writeln!(
                out,
                "Would add \"{member}\" to [workspace] members in {manifest}"
            )?,
            Registration::AlreadyMember => {
                writeln!(out, "Already a member of the workspace in {manifest}")?
            }
            Registration::CoveredByGlob(glob) => writeln!(
                out,
                "Already a workspace member through \"{glob}\" in {manifest}"
            )?,
            Registration::Excluded(entry) => writeln!(
                out,
                "warning: not registered: \"{entry}\" is in [workspace] exclude of {manifest}; \
                 the crate builds on its own (own Cargo.lock and target/)"
            )?,
        }
    }
    if written {
        writeln!(out, "\nNext steps:")?;
        for step in &steps {
            writeln!(out, "  {step}")?;
        }
    }
    Ok(())
}

/// Prints an error once: `error: ...` and `help: ...` on stderr (and a JSON object on stdout
/// with `--json`).
pub fn error(error: &anyhow::Error, as_json: bool) {
    let help = refusal::help_of(error)
        .unwrap_or("nothing was left half-written; fix the cause above and run again")
        .to_owned();
    let message = format!("{error:#}");
    if as_json {
        let value = json!({"status": "error", "error": message, "help": help});
        let _ = writeln!(io::stdout().lock(), "{value:#}");
    }
    let _ = writeln!(io::stderr().lock(), "error: {message}\nhelp: {help}");
}

/// cd, test, and one `validate_credentials` call with an envelope for the chosen auth.
fn next_steps(plan: &Plan, cwd: &Path) -> Vec<String> {
    // The templates declare one credential (multi-auth), with this id: keep the two in step.
    let key = plan.answers.auth.credential_key();
    let credential_id = format!("{}_{key}", plan.answers.name.crate_name());
    let envelope = json!({
        "credentials": [{"id": credential_id, key: example_credential(plan.answers.auth)}],
        "settings": {"base_url": "https://api.example.com"},
        "request": {},
    });
    vec![
        format!("cd {}", shown(&plan.crate_dir, cwd)),
        "cargo test".to_owned(),
        format!("cargo run -q -- validate_credentials --json '{envelope}'"),
    ]
}

/// A credential payload of the protocol's shape for `auth` (placeholder values).
fn example_credential(auth: AuthKind) -> Value {
    match auth {
        AuthKind::Oauth => json!({"access_token": "<access-token>"}),
        AuthKind::OauthClientCredentials => json!({
            "access_token": "<access-token>",
            "client_id": "<client-id>",
            "client_secret": "<client-secret>",
            "scopes": [],
        }),
        AuthKind::Basic => json!({"username": "<username>", "password": "<password>"}),
        AuthKind::Token => json!({"token": "<api-token>"}),
        AuthKind::Jwt => {
            let headers: serde_json::Map<String, Value> = [
                "alg", "jku", "jwk", "typ", "kid", "x5u", "x5c", "x5t", "x5t#S256", "cty",
            ]
            .iter()
            .map(|k| ((*k).to_owned(), json!("")))
            .chain([("crit".to_owned(), json!([]))])
            .collect();
            let claims: serde_json::Map<String, Value> =
                ["iss", "sub", "aud", "jti", "act", "client_id", "may_act"]
                    .iter()
                    .map(|k| ((*k).to_owned(), json!("")))
                    .chain(
                        ["exp", "nbf", "iat"]
                            .iter()
                            .map(|k| ((*k).to_owned(), json!(0))),
                    )
                    .chain([("scope".to_owned(), json!([]))])
                    .collect();
            json!({"headers": headers, "claims": claims, "secret": "<signing-secret>"})
        }
    }
}

/// `path` relative to `cwd` when it is below it, else absolute.
fn shown(path: &Path, cwd: &Path) -> String {
    let cwd = cwd.canonicalize().unwrap_or_else(|_| cwd.to_path_buf());
    match path.strip_prefix(&cwd) {
        Ok(relative) if !relative.as_os_str().is_empty() => crate::paths::slash(relative),
        _ => path.display().to_string(),
    }
}
