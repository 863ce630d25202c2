//! templates/cargo-generate.toml, read the way cargo-generate reads it.
//!
//! connector-new takes its prompts, choices, defaults and file ignores from this file. It
//! accepts the part of cargo-generate's format the templates use and refuses the rest (hooks,
//! regex validation, conditional placeholders...) by name, instead of ignoring it.

use std::path::Path;

use anyhow::{bail, Context as _};
use glob::{MatchOptions, Pattern};
use serde::Deserialize;

use crate::condition::Condition;
use crate::templates;
use crate::vars::Vars;
use crate::vocabulary::{ApiKind, AuthKind, Capability};

/// The parsed configuration.
#[derive(Debug, Clone)]
pub struct TemplateConfig {
    placeholders: Vec<Placeholder>,
    ignore: Vec<Pattern>,
    exclude: Vec<Pattern>,
    conditionals: Vec<Conditional>,
}

/// One question (`[placeholders.<name>]`), in file order.
#[derive(Debug, Clone, PartialEq)]
pub struct Placeholder {
    /// The variable name.
    pub name: String,
    /// The question cargo-generate asks.
    pub prompt: String,
    /// Its type and default.
    pub kind: PlaceholderKind,
}

/// What a placeholder holds.
#[derive(Debug, Clone, PartialEq)]
pub enum PlaceholderKind {
    /// `type = "bool"`.
    Bool {
        /// `default`, false if absent.
        default: bool,
    },
    /// `type = "string"`.
    String {
        /// `choices`, if the answer must be one of them.
        choices: Option<Vec<String>>,
        /// `default`, if any.
        default: Option<String>,
    },
}

/// `[conditional.'<expr>'] ignore = [...]`.
#[derive(Debug, Clone)]
struct Conditional {
    source: String,
    condition: Condition,
    ignore: Vec<Pattern>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    template: Option<RawTemplate>,
    placeholders: toml::Table,
    #[serde(default)]
    conditional: toml::Table,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTemplate {
    /// Checked by cargo-generate only.
    #[allow(dead_code)]
    cargo_generate_version: Option<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlaceholder {
    #[serde(rename = "type")]
    kind: String,
    prompt: String,
    choices: Option<Vec<String>>,
    default: Option<toml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConditional {
    ignore: Vec<String>,
}

/// Globs match like cargo-generate's: relative paths, `*` never crossing a `/`.
const MATCH: MatchOptions = MatchOptions {
    case_sensitive: true,
    require_literal_separator: true,
    require_literal_leading_dot: false,
};

impl TemplateConfig {
    /// The embedded templates' configuration.
    pub fn embedded() -> anyhow::Result<Self> {
        Self::parse(templates::config_text()?).with_context(|| {
            format!(
                "the embedded templates/{} is invalid",
                templates::CONFIG_FILE
            )
        })
    }

    /// Parses and checks a configuration text.
    pub(crate) fn parse(text: &str) -> anyhow::Result<Self> {
        let raw: RawConfig = toml::from_str(text)?;
        let template = raw.template.unwrap_or(RawTemplate {
            cargo_generate_version: None,
            ignore: Vec::new(),
            exclude: Vec::new(),
        });
        let mut placeholders = Vec::new();
        for (name, value) in raw.placeholders {
            let p: RawPlaceholder = value
                .try_into()
                .with_context(|| format!("[placeholders.{name}]"))?;
            let kind = match (p.kind.as_str(), p.default) {
                ("bool", None) if p.choices.is_none() => PlaceholderKind::Bool { default: false },
                ("bool", Some(toml::Value::Boolean(default))) if p.choices.is_none() => {
                    PlaceholderKind::Bool { default }
                }
                ("string", None) => PlaceholderKind::String {
                    choices: p.choices,
                    default: None,
                },
                ("string", Some(toml::Value::String(default))) => {
                    if let Some(choices) = &p.choices {
                        if !choices.contains(&default) {
                            bail!("[placeholders.{name}]: default `{default}` is not one of its choices");
                        }
                    }
                    PlaceholderKind::String {
                        choices: p.choices,
                        default: Some(default),
                    }
                }
                (kind, default) => bail!(
                    "[placeholders.{name}]: unsupported type `{kind}` with default {default:?} \
                     (connector-new supports bool and string placeholders)"
                ),
            };
            placeholders.push(Placeholder {
                name,
                prompt: p.prompt,
                kind,
            });
        }
        let mut conditionals = Vec::new();
        for (source, value) in raw.conditional {
            let c: RawConditional = value.try_into().with_context(|| {
                format!("[conditional.'{source}'] (only `ignore` is supported)")
            })?;
            let condition = Condition::parse(&source)?;
            conditionals.push(Conditional {
                source,
                condition,
                ignore: patterns(&c.ignore)?,
            });
        }
        let config = Self {
            placeholders,
            ignore: patterns(&template.ignore)?,
            exclude: patterns(&template.exclude)?,
            conditionals,
        };
        config.check()?;
        Ok(config)
    }

    /// Refuses a file that does not fit the enums, or conditions on unknown variables.
    fn check(&self) -> anyhow::Result<()> {
        let api = self.placeholder("api")?;
        let expected: Vec<String> = ApiKind::ALL.iter().map(|a| a.as_str().to_owned()).collect();
        match &api.kind {
            PlaceholderKind::String { choices: Some(choices), default: Some(_) } if *choices == expected => {}
            other => bail!("[placeholders.api] must be a string with choices {expected:?} and a default, found {other:?}"),
        }
        let auth = self.placeholder("auth")?;
        let expected: Vec<String> = AuthKind::ALL
            .iter()
            .map(|a| a.as_str().to_owned())
            .collect();
        match &auth.kind {
            PlaceholderKind::String { choices: Some(choices), default: Some(_) } if *choices == expected => {}
            other => bail!("[placeholders.auth] must be a string with choices {expected:?} and a default, found {other:?}"),
        }
        let bools: Vec<&str> = self
            .placeholders
            .iter()
            .filter(|p| matches!(p.kind, PlaceholderKind::Bool { .. }))
            .map(|p| p.name.as_str())
            .collect();
        let capabilities: Vec<&str> = Capability::ALL.iter().map(|c| c.as_str()).collect();
        if bools != capabilities {
            bail!("the bool placeholders {bools:?} are not the capabilities {capabilities:?}");
        }
        if self.capability_default(Capability::ValidateCredentials) != Some(true) {
            // cargo-generate --silent must produce what connector-new forces.
            bail!("[placeholders.validate_credentials] must default to true");
        }
        match &self.placeholder("sdk_path")?.kind {
            PlaceholderKind::String {
                choices: None,
                default: Some(_),
            } => {}
            other => bail!(
                "[placeholders.sdk_path] must be a free string with a default, found {other:?}"
            ),
        }
        for conditional in &self.conditionals {
            for variable in conditional.condition.variables() {
                if variable != "crate_name" && self.placeholder(variable).is_err() {
                    bail!(
                        "[conditional.'{}'] reads unknown variable `{variable}`",
                        conditional.source
                    );
                }
            }
        }
        Ok(())
    }

    /// Every placeholder, in file order.
    pub fn placeholders(&self) -> &[Placeholder] {
        &self.placeholders
    }

    /// The placeholder called `name`.
    pub(crate) fn placeholder(&self, name: &str) -> anyhow::Result<&Placeholder> {
        self.placeholders
            .iter()
            .find(|p| p.name == name)
            .with_context(|| format!("cargo-generate.toml has no [placeholders.{name}]"))
    }

    /// The default answer for a capability, if the file has its placeholder.
    pub fn capability_default(&self, capability: Capability) -> Option<bool> {
        self.placeholders.iter().find_map(|p| match p.kind {
            PlaceholderKind::Bool { default } if p.name == capability.as_str() => Some(default),
            _ => None,
        })
    }

    /// The default of a string placeholder.
    pub(crate) fn string_default(&self, name: &str) -> Option<&str> {
        self.placeholders.iter().find_map(|p| match &p.kind {
            PlaceholderKind::String { default, .. } if p.name == name => default.as_deref(),
            _ => None,
        })
    }

    /// Whether a template file is left out of the crate for these variables
    /// (`[template] ignore` or a true `[conditional]`).
    pub fn is_ignored(&self, path: &Path, vars: &Vars) -> anyhow::Result<bool> {
        if matches_any(&self.ignore, path) {
            return Ok(true);
        }
        for conditional in &self.conditionals {
            if matches_any(&conditional.ignore, path)
                && conditional
                    .condition
                    .eval(vars)
                    .with_context(|| format!("evaluating [conditional.'{}']", conditional.source))?
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Whether a file is copied verbatim instead of rendered (`[template] exclude`).
    pub fn is_verbatim(&self, path: &Path) -> bool {
        matches_any(&self.exclude, path)
    }
}

fn patterns(globs: &[String]) -> anyhow::Result<Vec<Pattern>> {
    globs
        .iter()
        .map(|g| Pattern::new(g).with_context(|| format!("invalid glob `{g}`")))
        .collect()
}

fn matches_any(patterns: &[Pattern], path: &Path) -> bool {
    patterns.iter().any(|p| p.matches_path_with(path, MATCH))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_file_parses_and_fits_the_enums() {
        let config = TemplateConfig::embedded().unwrap();
        assert_eq!(
            config.capability_default(Capability::ValidateCredentials),
            Some(true)
        );
        assert!(config.string_default("auth").is_some());
        assert!(config.string_default("sdk_path").is_some());
    }

    #[test]
    fn refuses_unsupported_cargo_generate_features_by_name() {
        let base = templates::config_text().unwrap();
        for (extra, needle) in [
            ("[hooks]\npre = [\"x.rhai\"]\n", "hooks"),
            ("[template]\ninclude = [\"x\"]\n", "include"),
        ] {
            let text = if extra.starts_with("[template]") {
                base.replace("[template]", extra.trim_end())
            } else {
                format!("{base}\n{extra}")
            };
            let err = format!("{:#}", TemplateConfig::parse(&text).unwrap_err());
            assert!(err.contains(needle), "{err}");
        }
    }

    #[test]
    fn refuses_conditions_outside_the_subset_and_unknown_variables() {
        let base = templates::config_text().unwrap();
        let bad = format!("{base}\n[conditional.'!create_account']\nignore = [\"x\"]\n");
        assert!(
            format!("{:#}", TemplateConfig::parse(&bad).unwrap_err()).contains("unsupported `!`")
        );
        let unknown = format!("{base}\n[conditional.'nope == true']\nignore = [\"x\"]\n");
        assert!(format!("{:#}", TemplateConfig::parse(&unknown).unwrap_err()).contains("`nope`"));
    }

    #[test]
    fn refuses_a_file_that_does_not_fit_the_enums() {
        let base = templates::config_text().unwrap();
        let extra = format!("{base}\n[placeholders.frobnicate]\ntype = \"bool\"\nprompt = \"?\"\n");
        let err = format!("{:#}", TemplateConfig::parse(&extra).unwrap_err());
        assert!(err.contains("frobnicate"), "{err}");
        let off = base.replacen("default = true", "default = false", 1);
        let err = format!("{:#}", TemplateConfig::parse(&off).unwrap_err());
        assert!(err.contains("validate_credentials"), "{err}");
    }

    #[test]
    fn conditional_ignores_follow_the_variables() {
        let config = TemplateConfig::embedded().unwrap();
        let write = Path::new("src/capabilities_write.rs");
        let read_only = Vars::new(
            "x",
            ApiKind::Rest,
            AuthKind::Oauth,
            &[Capability::ValidateCredentials],
            "../sdk",
        );
        let with_write = Vars::new(
            "x",
            ApiKind::Rest,
            AuthKind::Oauth,
            &[
                Capability::ValidateCredentials,
                Capability::UnassignEntitlement,
            ],
            "../sdk",
        );
        assert!(config.is_ignored(write, &read_only).unwrap());
        assert!(!config.is_ignored(write, &with_write).unwrap());
        assert!(!config
            .is_ignored(Path::new("src/lib.rs"), &read_only)
            .unwrap());
    }
}
