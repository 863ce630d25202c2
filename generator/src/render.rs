//! Renders the template set into memory: relative path → file text.

use std::collections::BTreeMap;
use std::error::Error as _;
use std::path::PathBuf;

use anyhow::{anyhow, Context as _};
use tera::Tera;

use crate::literals;
use crate::template_config::TemplateConfig;
use crate::templates;
use crate::tera_filters;
use crate::vars::{VarValue, Vars};

/// The generated crate, before anything touches the disk. Sorted, so output is deterministic.
pub type Files = BTreeMap<PathBuf, String>;

/// Renders every template that `config` does not ignore for `vars`.
pub fn render(config: &TemplateConfig, vars: &Vars) -> anyhow::Result<Files> {
    let mut tera = Tera::default();
    // Nothing here is HTML: never escape.
    tera.autoescape_on(Vec::new());
    tera_filters::register(&mut tera);
    let context = vars.to_tera_context();
    // A variable holding a marker character would be expanded like a literal run.
    let split_ok = !vars.iter().any(|(_, value)| match value {
        VarValue::Str(s) => s.chars().any(literals::is_marker),
        VarValue::Bool(_) => false,
    });

    let mut files = Files::new();
    for (path, source) in templates::files()? {
        if config.is_ignored(path, vars)? {
            continue;
        }
        let text = if config.is_verbatim(path) {
            source.to_owned()
        } else {
            render_one(
                &mut tera,
                &path.to_string_lossy(),
                source,
                &context,
                split_ok,
                vars,
            )?
        };
        files.insert(output_path(path), text);
    }
    Ok(files)
}

/// Where a template lands in the generated crate: cargo-generate strips a `.liquid` suffix
/// (so that `Cargo.toml.liquid` is not mistaken for a broken manifest in this repository),
/// and so does connector-new.
pub fn output_path(template: &std::path::Path) -> PathBuf {
    match template.to_str().and_then(|t| t.strip_suffix(".liquid")) {
        Some(stripped) => PathBuf::from(stripped),
        None => template.to_path_buf(),
    }
}

/// Renders one template, Tera parsing only its tags (see [`literals`]); on any error the
/// original text goes through Tera instead, so that messages point into the real template.
fn render_one(
    tera: &mut Tera,
    name: &str,
    source: &str,
    context: &tera::Context,
    split_ok: bool,
    vars: &Vars,
) -> anyhow::Result<String> {
    // The common subset renders directly; Tera handles (and reports on) anything else.
    if let Some(text) = crate::subset::render(source, vars) {
        return Ok(text);
    }
    if let Some(split) = literals::split(source).filter(|_| split_ok) {
        if tera.add_raw_template(name, &split.template).is_ok() {
            if let Ok(text) = tera.render(name, context) {
                return Ok(split.expand(&text));
            }
        }
    }
    tera.add_raw_template(name, source)
        .map_err(|e| describe(&e))
        .with_context(|| format!("template {name} does not parse"))?;
    tera.render(name, context)
        .map_err(|e| describe(&e))
        .with_context(|| format!("rendering template {name}"))
}

/// Tera keeps the useful part of a message in its source chain: flatten it into one error.
fn describe(error: &tera::Error) -> anyhow::Error {
    let mut message = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    anyhow!(message)
}
