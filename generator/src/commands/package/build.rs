//! Building the binary with cargo, and reading what it declares.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::Context as _;
use serde_json::Value;

use super::PackageArgs;
use crate::refusal::Refusal;

/// What `cargo build` produced.
pub(super) struct Built {
    /// The connector binary.
    pub(super) binary: PathBuf,
    /// cargo's target directory for the crate (the default output directory).
    pub(super) target_directory: PathBuf,
}

/// The connector's `app_id` and `version`.
pub(super) struct Identity {
    pub(super) app_id: String,
    pub(super) version: String,
}

/// The cargo that runs this (as a cargo subcommand or test), else the one on `PATH`.
fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo")))
}

/// Refuses a target whose standard library is not installed, before a long build fails.
pub(super) fn check_target(dir: &Path, target: &str) -> anyhow::Result<()> {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| OsString::from("rustc"));
    let output = Command::new(rustc)
        .args(["--print", "sysroot"])
        .current_dir(dir)
        .output()
        .context("cannot run rustc to find the installed targets")?;
    let sysroot = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
    if sysroot
        .join("lib/rustlib")
        .join(target)
        .join("lib")
        .is_dir()
    {
        return Ok(());
    }
    Err(Refusal::new(
        format!(
            "the Rust standard library for target '{target}' is not installed (no {})",
            sysroot.join("lib/rustlib").join(target).display()
        ),
        format!(
            "install it with `rustup target add {target}` (the linker for it too, when it is \
             another architecture), or leave out --target to build for this machine"
        ),
    )
    .into())
}

/// `cargo build --profile <profile> [--target T]` of the crate's binary, cargo's diagnostics
/// on stderr as usual.
pub(super) fn release(dir: &Path, package: &str, args: &PackageArgs) -> anyhow::Result<Built> {
    let mut command = cargo();
    command
        .args(["build", "--profile", &args.profile, "--package", package])
        .args(["--bin", package, "--message-format=json-render-diagnostics"])
        .current_dir(dir)
        .stdin(Stdio::null())
        .stderr(Stdio::inherit());
    if let Some(target) = &args.target {
        command.args(["--target", target]);
    }
    let output = command.output().context("cannot run cargo")?;
    if !output.status.success() {
        return Err(Refusal::new(
            format!("cargo build of {package} failed (its errors are above)"),
            "fix what cargo reports; `cargo build --release` in the crate shows the same",
        )
        .into());
    }
    let binary = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|message| message["reason"] == "compiler-artifact")
        .filter_map(|message| message["executable"].as_str().map(PathBuf::from))
        .next_back()
        .ok_or_else(|| anyhow::anyhow!("cargo built no executable for {package}"))?;
    Ok(Built {
        binary,
        target_directory: target_directory(dir)?,
    })
}

fn target_directory(dir: &Path) -> anyhow::Result<PathBuf> {
    let output = cargo()
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .current_dir(dir)
        .stderr(Stdio::inherit())
        .output()
        .context("cannot run cargo metadata")?;
    let metadata: Value =
        serde_json::from_slice(&output.stdout).context("cargo metadata printed no JSON")?;
    metadata["target_directory"]
        .as_str()
        .map(PathBuf::from)
        .context("cargo metadata names no target directory")
}

/// From the binary's `info`; from the manifest when the binary cannot run here.
pub(super) fn identity(binary: &Path, manifest: &str, package: &str) -> anyhow::Result<Identity> {
    match Command::new(binary)
        .arg("info")
        .stderr(Stdio::inherit())
        .output()
    {
        Ok(output) if output.status.success() => {
            let info: Value = serde_json::from_slice(&output.stdout)
                .with_context(|| format!("{} info printed no JSON", binary.display()))?;
            let field = |name: &str| {
                info["response"][name]
                    .as_str()
                    .map(str::to_owned)
                    .with_context(|| format!("{} info has no response.{name}", binary.display()))
            };
            Ok(Identity {
                app_id: field("app_id")?,
                version: field("version")?,
            })
        }
        Ok(output) => Err(anyhow::anyhow!(
            "{} info failed ({})",
            binary.display(),
            output.status
        )),
        // Built for another architecture: what the templates declare.
        Err(_) => {
            let manifest: toml::Table = toml::from_str(manifest).context("Cargo.toml")?;
            let version = manifest
                .get("package")
                .and_then(|package| package.get("version"))
                .and_then(toml::Value::as_str)
                .context("Cargo.toml has no [package] version")?;
            Ok(Identity {
                app_id: package
                    .strip_suffix("-connector")
                    .unwrap_or(package)
                    .to_owned(),
                version: version.to_owned(),
            })
        }
    }
}
