//! The plan: what to write where, the SDK path, and the workspace edit. Everything is checked
//! here, before `write` touches the disk.

use std::fs;
use std::path::{Path, PathBuf};

use crate::answers::Answers;
use crate::paths;
use crate::refusal::Refusal;
use crate::render::{self, Files};
use crate::sdk::{self, SdkPath, SDK_PACKAGE};
use crate::template_config::TemplateConfig;
use crate::vars::Vars;
use crate::workspace::{self, Registration};

/// Where the SDK path came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SdkSource {
    /// --sdk-path, --define or a values file.
    Given,
    /// The connector-sdk member of the surrounding workspace (relative path).
    Workspace,
    /// The SDK this generator was built from (absolute path).
    Builtin,
}

/// The edit to the surrounding workspace's root manifest.
#[derive(Debug, Clone)]
pub struct WorkspaceEdit {
    /// The root manifest.
    pub manifest: PathBuf,
    /// What registering the crate takes.
    pub registration: Registration,
    /// The new manifest text, when `registration` is [`Registration::Add`].
    pub new_text: Option<String>,
}

/// Everything `write` and `report` need.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The validated answers.
    pub answers: Answers,
    /// The crate directory (absolute).
    pub crate_dir: PathBuf,
    /// Whether the crate directory exists already (empty, or non-empty with --force).
    pub crate_dir_exists: bool,
    /// The `sdk_path` template value.
    pub sdk_path: SdkPath,
    /// Where it came from.
    pub sdk_source: SdkSource,
    /// The surrounding workspace's edit, if the crate is inside one.
    pub workspace: Option<WorkspaceEdit>,
    /// The rendered files, relative to `crate_dir`.
    pub files: Files,
}

/// Builds and checks the plan. `output` defaults to `./<NAME>`; relative paths are taken
/// from `cwd`.
pub fn build(
    answers: &Answers,
    config: &TemplateConfig,
    output: Option<&Path>,
    cwd: &Path,
    force: bool,
) -> anyhow::Result<Plan> {
    let output = output.map_or_else(|| PathBuf::from(answers.name.as_str()), Path::to_path_buf);
    let crate_dir = paths::absolute(&output, cwd)?;
    let crate_dir_exists = check_output(&crate_dir, force)?;

    let parent = crate_dir.parent().unwrap_or(&crate_dir);
    let workspace = workspace::find(parent)?;
    if let Some(ws) = &workspace {
        // Two members with one package name break every cargo command in the workspace.
        let package = answers.name.package_name();
        if let Some(other) = ws.member_named(&package)? {
            if other != crate_dir {
                return Err(Refusal::new(
                    format!(
                        "the workspace {} already has a package named `{package}`, in {}",
                        ws.manifest().display(),
                        other.display()
                    ),
                    "choose another app name, or remove that member first",
                )
                .into());
            }
        }
    }

    let (sdk_path, sdk_source) = match &answers.sdk_path {
        Some(given) => {
            sdk::check_dir(&given.resolve(&crate_dir))?;
            (given.clone(), SdkSource::Given)
        }
        None => match workspace
            .as_ref()
            .map(|w| w.member_named(SDK_PACKAGE))
            .transpose()?
            .flatten()
        {
            Some(member) => (
                SdkPath::new(&paths::slash(&paths::relative(&crate_dir, &member)))?,
                SdkSource::Workspace,
            ),
            None => (
                SdkPath::new(&paths::slash(&sdk::builtin_dir()?))?,
                SdkSource::Builtin,
            ),
        },
    };

    let vars = Vars::new(
        &answers.name.crate_name(),
        answers.api,
        answers.auth,
        &answers.capabilities,
        sdk_path.as_str(),
    )
    .with_pagination(answers.pagination);
    // The pristine base goes with every generated crate: `update` merges against it.
    let files = crate::commands::pristine::with_base(render::render(config, &vars)?)?;
    if crate_dir_exists {
        check_overwrites(&crate_dir, &files)?;
    }

    let workspace = match workspace {
        Some(ws) => {
            let registration = ws.registration(&crate_dir);
            let new_text = match &registration {
                Registration::Add(member) => Some(ws.with_member(member)?),
                _ => None,
            };
            Some(WorkspaceEdit {
                manifest: ws.manifest().to_path_buf(),
                registration,
                new_text,
            })
        }
        None => None,
    };

    Ok(Plan {
        answers: answers.clone(),
        crate_dir,
        crate_dir_exists,
        sdk_path,
        sdk_source,
        workspace,
        files,
    })
}

/// Refuses a file, or a non-empty directory without --force; says whether the directory exists.
fn check_output(crate_dir: &Path, force: bool) -> anyhow::Result<bool> {
    let choose = "choose another directory with --output DIR";
    if crate_dir.is_file() {
        return Err(Refusal::new(
            format!("the output path {} is a file", crate_dir.display()),
            choose,
        )
        .into());
    }
    if crate_dir.is_dir() {
        let mut entries = fs::read_dir(crate_dir).map_err(|e| {
            Refusal::new(
                format!(
                    "cannot read the output directory {}: {e}",
                    crate_dir.display()
                ),
                choose,
            )
        })?;
        if entries.next().is_some() && !force {
            return Err(Refusal::new(
                format!("the output directory {} exists and is not empty", crate_dir.display()),
                format!("{choose}, or pass --force to write into it (files with the same names are replaced)"),
            )
            .into());
        }
        return Ok(true);
    }
    match paths::existing_ancestor(crate_dir) {
        Some(ancestor) if !ancestor.is_dir() => Err(Refusal::new(
            format!(
                "cannot create {}: {} is a file",
                crate_dir.display(),
                ancestor.display()
            ),
            choose,
        )
        .into()),
        _ => Ok(false),
    }
}

/// With --force, refuses when a planned file would replace a directory or needs a directory
/// where a file is.
fn check_overwrites(crate_dir: &Path, files: &Files) -> anyhow::Result<()> {
    for path in files.keys() {
        let target = crate_dir.join(path);
        if target.is_dir() {
            return Err(Refusal::new(
                format!(
                    "{} is a directory, where the crate needs a file",
                    target.display()
                ),
                "remove it, or choose another --output",
            )
            .into());
        }
        for ancestor in target
            .ancestors()
            .skip(1)
            .take_while(|a| a.starts_with(crate_dir))
        {
            if ancestor.is_file() {
                return Err(Refusal::new(
                    format!(
                        "{} is a file, where the crate needs a directory",
                        ancestor.display()
                    ),
                    "remove it, or choose another --output",
                )
                .into());
            }
        }
    }
    Ok(())
}
