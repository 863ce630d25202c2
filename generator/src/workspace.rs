//! The Cargo workspace around the new crate: finding it, its SDK member, and registering the
//! crate in `[workspace] members` with toml_edit (formatting and comments kept).

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use glob::{MatchOptions, Pattern};
use toml_edit::{Array, DocumentMut, Item, TableLike, Value};

use crate::paths;
use crate::refusal::Refusal;

/// A workspace root manifest.
#[derive(Debug, Clone)]
pub struct Workspace {
    root: PathBuf,
    manifest: PathBuf,
    doc: DocumentMut,
    members: Vec<String>,
    exclude: Vec<String>,
}

/// What registering a crate directory in a workspace takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Registration {
    /// `members` already lists the path.
    AlreadyMember,
    /// A `members` glob already covers the path.
    CoveredByGlob(String),
    /// `exclude` lists the path (or a parent): it is deliberately not a member; left alone.
    Excluded(String),
    /// The path must be appended to `members`, spelled like this.
    Add(String),
}

/// Globs match the way cargo expands them: component by component.
const MATCH: MatchOptions = MatchOptions {
    case_sensitive: true,
    require_literal_separator: true,
    require_literal_leading_dot: false,
};

/// The strings of the array `key` of a `[workspace]` table (`members`, `exclude`).
fn string_list(workspace: &dyn TableLike, key: &str) -> Vec<String> {
    workspace
        .get(key)
        .and_then(Item::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The nearest workspace root at or above `dir` (which must be absolute), like cargo's search.
pub fn find(dir: &Path) -> anyhow::Result<Option<Workspace>> {
    for ancestor in dir.ancestors() {
        let manifest = ancestor.join("Cargo.toml");
        if !manifest.is_file() {
            continue;
        }
        let text = fs::read_to_string(&manifest)
            .with_context(|| format!("cannot read {}", manifest.display()))?;
        let doc: DocumentMut = text.parse().map_err(|e| {
            Refusal::new(
                format!("{} is not valid TOML: {e}", manifest.display()),
                "fix that manifest: cargo reads it too when building the new crate",
            )
        })?;
        let Some(workspace) = doc.get("workspace").and_then(Item::as_table_like) else {
            continue;
        };
        let members = string_list(workspace, "members");
        let exclude = string_list(workspace, "exclude");
        return Ok(Some(Workspace {
            root: ancestor.to_path_buf(),
            manifest,
            doc,
            members,
            exclude,
        }));
    }
    Ok(None)
}

/// The `[package] name` in `dir/Cargo.toml`, if there is one.
pub fn package_name(dir: &Path) -> Option<String> {
    let text = fs::read_to_string(dir.join("Cargo.toml")).ok()?;
    let doc: toml::Table = text.parse().ok()?;
    doc.get("package")?.get("name")?.as_str().map(str::to_owned)
}

impl Workspace {
    /// The root manifest.
    pub fn manifest(&self) -> &Path {
        &self.manifest
    }

    /// The directory of the member whose package is called `package`, expanding globs.
    pub fn member_named(&self, package: &str) -> anyhow::Result<Option<PathBuf>> {
        for entry in &self.members {
            let dirs: Vec<PathBuf> = if is_glob(entry) {
                let pattern = self.root.join(entry);
                glob::glob_with(&pattern.to_string_lossy(), MATCH)
                    .with_context(|| {
                        format!(
                            "invalid members glob `{entry}` in {}",
                            self.manifest.display()
                        )
                    })?
                    .filter_map(Result::ok)
                    .collect()
            } else {
                vec![self.root.join(entry)]
            };
            for dir in dirs {
                let dir = paths::normalize(&dir);
                if self.excluded_by(&dir).is_none()
                    && package_name(&dir).as_deref() == Some(package)
                {
                    return Ok(Some(dir));
                }
            }
        }
        Ok(None)
    }

    /// What it takes to make `crate_dir` (absolute, normalized, under the root) a member.
    pub fn registration(&self, crate_dir: &Path) -> Registration {
        if let Some(entry) = self.excluded_by(crate_dir) {
            return Registration::Excluded(entry);
        }
        let relative = paths::slash(&paths::relative(&self.root, crate_dir));
        for entry in &self.members {
            let normalized = paths::slash(&paths::normalize(Path::new(entry)));
            if is_glob(entry) {
                let covered = Pattern::new(&normalized)
                    .map(|p| p.matches_with(&relative, MATCH))
                    .unwrap_or(false);
                if covered {
                    return Registration::CoveredByGlob(entry.clone());
                }
            } else if normalized == relative {
                return Registration::AlreadyMember;
            }
        }
        Registration::Add(relative)
    }

    /// The manifest text with `member` appended to `[workspace] members`, everything else kept.
    pub fn with_member(&self, member: &str) -> anyhow::Result<String> {
        let mut doc = self.doc.clone();
        let workspace = doc
            .get_mut("workspace")
            .and_then(Item::as_table_like_mut)
            .context("the [workspace] table disappeared")?;
        match workspace.get_mut("members") {
            Some(item) => {
                let array = item.as_array_mut().with_context(|| {
                    format!(
                        "[workspace] members in {} is not an array",
                        self.manifest.display()
                    )
                })?;
                push_like_the_others(array, member);
            }
            None => {
                let mut array = Array::new();
                array.push(member);
                workspace.insert("members", Item::Value(Value::Array(array)));
            }
        }
        Ok(doc.to_string())
    }

    /// The `exclude` entry that covers `dir`, if any (cargo excludes whole subtrees).
    fn excluded_by(&self, dir: &Path) -> Option<String> {
        self.exclude
            .iter()
            .find(|entry| dir.starts_with(paths::normalize(&self.root.join(entry))))
            .cloned()
    }
}

/// Appends `member` with the same layout as the existing items: one per line stays one per
/// line (same indentation), inline stays inline.
fn push_like_the_others(array: &mut Array, member: &str) {
    let last_prefix = array
        .iter()
        .last()
        .and_then(|v| v.decor().prefix())
        .and_then(|p| p.as_str())
        .map(str::to_owned);
    match last_prefix {
        Some(prefix) if prefix.contains('\n') => {
            // A comment after the last item (`"x", # note`) sits in the array's trailing
            // text: keep it after that item by moving it in front of the new one.
            let trailing = array.trailing().as_str().unwrap_or("").to_owned();
            let comment = trailing.trim_end();
            let prefix = format!("{comment}{prefix}");
            array.set_trailing(&trailing[comment.len()..]);
            let mut value = Value::from(member);
            value.decor_mut().set_prefix(prefix);
            value.decor_mut().set_suffix("");
            array.push_formatted(value);
            // A multi-line array reads best with a trailing comma before the closing bracket.
            array.set_trailing_comma(true);
        }
        _ => array.push(member),
    }
}

fn is_glob(entry: &str) -> bool {
    entry.contains(['*', '?', '['])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace(text: &str) -> Workspace {
        let doc: DocumentMut = text.parse().unwrap();
        let ws = doc["workspace"].as_table_like().unwrap();
        let members = string_list(ws, "members");
        let exclude = string_list(ws, "exclude");
        Workspace {
            root: PathBuf::from("/w"),
            manifest: PathBuf::from("/w/Cargo.toml"),
            members,
            exclude,
            doc,
        }
    }

    #[test]
    fn registration_respects_members_globs_and_exclude() {
        let ws = workspace(
            "[workspace]\nmembers = [\"sdk\", \"apps/*\", \"./tools/x\"]\nexclude = [\"vendor\"]\n",
        );
        let at = |p: &str| ws.registration(Path::new(p));
        assert_eq!(
            at("/w/apps/myapp"),
            Registration::CoveredByGlob("apps/*".into())
        );
        assert_eq!(
            at("/w/apps/deep/myapp"),
            Registration::Add("apps/deep/myapp".into())
        );
        assert_eq!(at("/w/tools/x"), Registration::AlreadyMember);
        assert_eq!(
            at("/w/vendor/myapp"),
            Registration::Excluded("vendor".into())
        );
        assert_eq!(at("/w/myapp"), Registration::Add("myapp".into()));
    }

    #[test]
    fn appends_inline_arrays_inline() {
        let ws = workspace("[workspace]\nmembers = [\"sdk\", \"generator\"] # keep me\n");
        assert_eq!(
            ws.with_member("myapp").unwrap(),
            "[workspace]\nmembers = [\"sdk\", \"generator\", \"myapp\"] # keep me\n"
        );
    }

    #[test]
    fn appends_multi_line_arrays_one_per_line_keeping_comments() {
        let text = "# root\n[workspace]\nmembers = [\n    # the runtime\n    \"sdk\",\n    \"generator\", # cli\n]\n\n[profile.release]\nlto = true\n";
        let ws = workspace(text);
        assert_eq!(
            ws.with_member("myapp").unwrap(),
            "# root\n[workspace]\nmembers = [\n    # the runtime\n    \"sdk\",\n    \"generator\", # cli\n    \"myapp\",\n]\n\n[profile.release]\nlto = true\n"
        );
    }

    #[test]
    fn creates_members_when_missing() {
        let ws = workspace("[workspace]\nresolver = \"2\"\n");
        assert_eq!(
            ws.with_member("myapp").unwrap(),
            "[workspace]\nresolver = \"2\"\nmembers = [\"myapp\"]\n"
        );
    }
}
