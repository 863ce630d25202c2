//! The template set, embedded from /templates at build time (shared with cargo-generate).

use std::path::Path;

use anyhow::{anyhow, Context as _};
use include_dir::{include_dir, Dir, DirEntry};

/// The templates directory, as it was when this binary was built.
static TEMPLATES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../templates");

/// The template set's configuration file: read, never copied into a generated crate.
pub(crate) const CONFIG_FILE: &str = "cargo-generate.toml";

/// The text of templates/cargo-generate.toml.
pub(crate) fn config_text() -> anyhow::Result<&'static str> {
    let file = TEMPLATES
        .get_file(CONFIG_FILE)
        .ok_or_else(|| anyhow!("the embedded templates have no {CONFIG_FILE}"))?;
    file.contents_utf8()
        .with_context(|| format!("the embedded {CONFIG_FILE} is not UTF-8"))
}

/// Every template file except the configuration, as (path relative to templates/, text),
/// sorted by path.
pub fn files() -> anyhow::Result<Vec<(&'static Path, &'static str)>> {
    let mut files = Vec::new();
    collect(&TEMPLATES, &mut files)?;
    files.retain(|(path, _)| *path != Path::new(CONFIG_FILE));
    files.sort_by_key(|(path, _)| *path);
    Ok(files)
}

fn collect(
    dir: &'static Dir<'static>,
    out: &mut Vec<(&'static Path, &'static str)>,
) -> anyhow::Result<()> {
    for entry in dir.entries() {
        match entry {
            DirEntry::Dir(sub) => collect(sub, out)?,
            DirEntry::File(file) => {
                let text = file
                    .contents_utf8()
                    .with_context(|| format!("template {} is not UTF-8", file.path().display()))?;
                out.push((file.path(), text));
            }
        }
    }
    Ok(())
}
