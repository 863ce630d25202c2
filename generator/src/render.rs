//! Renders the template set into memory: relative path → file text.
//!
//! One engine path: the direct renderer ([`crate::subset`]) renders the Liquid/Tera common
//! subset the templates are written in; a template outside it goes to Tera, the engine of
//! record, which renders it or reports an error that points into the template.

use std::collections::BTreeMap;
use std::error::Error as _;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context as _};
use tera::Tera;

use crate::subset;
use crate::template_config::TemplateConfig;
use crate::templates;
use crate::tera_filters;
use crate::vars::Vars;

/// The generated crate, before anything touches the disk. Sorted, so output is deterministic.
pub type Files = BTreeMap<PathBuf, String>;

/// Renders every template that `config` does not ignore for `vars`.
pub fn render(config: &TemplateConfig, vars: &Vars) -> anyhow::Result<Files> {
    let mut files = Files::new();
    for (path, source) in templates::files()? {
        if config.is_ignored(path, vars)? {
            continue;
        }
        let text = if config.is_verbatim(path) {
            source.to_owned()
        } else {
            render_one(&path.to_string_lossy(), source, vars)?
        };
        files.insert(output_path(path), text);
    }
    Ok(files)
}

/// Where a template lands in the generated crate: cargo-generate strips a `.liquid` suffix
/// (so that `Cargo.toml.liquid` is not mistaken for a broken manifest in this repository),
/// and so does connector-new.
fn output_path(template: &Path) -> PathBuf {
    match template.to_str().and_then(|t| t.strip_suffix(".liquid")) {
        Some(stripped) => PathBuf::from(stripped),
        None => template.to_path_buf(),
    }
}

/// Renders one template: directly when it is in the common subset, else with Tera.
fn render_one(name: &str, source: &str, vars: &Vars) -> anyhow::Result<String> {
    match subset::render(source, vars) {
        Ok(text) => Ok(text),
        // What took the template outside the subset is not an error: Tera decides whether the
        // template renders, and its error (if any) is the one that points into the template.
        // The subset's parity test fails, with this reason, on any template that gets here.
        Err(_outside_the_subset) => render_with_tera(name, source, vars),
    }
}

/// Renders one template with Tera (no escaping: nothing here is HTML).
fn render_with_tera(name: &str, source: &str, vars: &Vars) -> anyhow::Result<String> {
    let mut tera = Tera::default();
    tera.autoescape_on(Vec::new());
    tera_filters::register(&mut tera);
    tera.add_raw_template(name, source)
        .map_err(|e| describe(&e))
        .with_context(|| format!("template {name} does not parse"))?;
    tera.render(name, &vars.to_tera_context())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::{ApiKind, AuthKind, Capability};

    fn vars() -> Vars {
        Vars::new(
            "my_app",
            ApiKind::Rest,
            AuthKind::Basic,
            &[Capability::ListAccounts],
            "../sdk",
        )
    }

    #[test]
    fn strips_the_liquid_suffix_only() {
        assert_eq!(
            output_path(Path::new("Cargo.toml.liquid")),
            Path::new("Cargo.toml")
        );
        assert_eq!(
            output_path(Path::new("src/lib.rs")),
            Path::new("src/lib.rs")
        );
    }

    #[test]
    fn tera_renders_what_the_subset_leaves_to_it() {
        let source = "{# a comment #}{{ crate_name | replace(from=\"_\", to=\"-\") }}";
        assert!(subset::render(source, &vars()).is_err());
        assert_eq!(render_one("t", source, &vars()).unwrap(), "my-app");
    }

    #[test]
    fn tera_reports_what_nobody_can_render_naming_the_template() {
        let error = render_one("src/x.rs", "{{ nope }}", &vars()).unwrap_err();
        let message = format!("{error:#}");
        assert!(
            message.starts_with("rendering template src/x.rs: "),
            "{message}"
        );
        assert!(message.contains("nope"), "{message}");
        let error = render_one("src/y.rs", "{% if %}", &vars()).unwrap_err();
        let message = format!("{error:#}");
        assert!(
            message.starts_with("template src/y.rs does not parse: "),
            "{message}"
        );
    }
}
