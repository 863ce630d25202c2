//! `ConnectorName`: the app id given as NAME, validated like a Cargo package name.

use std::fmt;

use heck::{ToKebabCase, ToSnakeCase};

use crate::refusal::Refusal;

/// Rust keywords (strict, reserved and edition-dependent), as cargo refuses them.
const KEYWORDS: &[&str] = &[
    "Self", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Names cargo refuses or warns about: the standard library crates, cargo's own artifact
/// directories and Windows device names.
const RESERVED: &[&str] = &[
    "alloc",
    "core",
    "proc_macro",
    "std",
    "test",
    "build",
    "deps",
    "examples",
    "incremental",
    "con",
    "prn",
    "aux",
    "nul",
    "com1",
    "com2",
    "com3",
    "com4",
    "com5",
    "com6",
    "com7",
    "com8",
    "com9",
    "lpt1",
    "lpt2",
    "lpt3",
    "lpt4",
    "lpt5",
    "lpt6",
    "lpt7",
    "lpt8",
    "lpt9",
];

/// A valid app id (`myapp`, `my-app`): kebab-case, and a valid Cargo package name.
///
/// The generated crate is `<name>-connector`; templates see it as `crate_name`
/// ([`ConnectorName::crate_name`]), the snake_case form cargo-generate derives from `--name`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ConnectorName(String);

/// The longest app name whose generated code is still rustfmt-clean as rendered.
pub const MAX_LEN: usize = 30;

impl ConnectorName {
    /// Validates `raw`, or says what is wrong with it and how to fix it.
    pub fn new(raw: &str) -> Result<Self, Refusal> {
        if raw.is_empty() {
            return Err(Refusal::new(
                "the app name is empty",
                "pass the app id as NAME, for example `connector-new myapp`",
            ));
        }
        if raw == "." || raw == ".." || raw.contains(['/', '\\']) {
            return Err(Refusal::new(
                format!("the app name `{raw}` is a path, not a name"),
                "NAME is the app id (for example `myapp`); choose the directory with --output DIR",
            ));
        }
        if let Some(bad) = raw
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
        {
            return Err(Refusal::new(
                format!("invalid character `{bad}` in app name `{raw}`"),
                format!(
                    "use lowercase ASCII letters, digits and `-`, for example `{}`",
                    suggestion(raw)
                ),
            ));
        }
        if raw.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(Refusal::new(
                format!("the app name `{raw}` starts with a digit"),
                format!(
                    "Cargo package names cannot start with a digit; try `app-{}`",
                    suggestion(raw)
                ),
            ));
        }
        if raw.len() > MAX_LEN {
            return Err(Refusal::new(
                format!("the app name `{raw}` is {} characters long", raw.len()),
                format!(
                    "use at most {MAX_LEN}: it becomes type names such as `<Name>Settings`, and \
                     longer ones make generated lines wrap differently under rustfmt"
                ),
            ));
        }
        let snake = raw.to_snake_case();
        if KEYWORDS.contains(&raw) || KEYWORDS.contains(&snake.as_str()) {
            return Err(Refusal::new(
                format!("the app name `{raw}` is a Rust keyword"),
                format!("choose another name, for example `{raw}-app`"),
            ));
        }
        if RESERVED.contains(&snake.as_str()) {
            return Err(Refusal::new(
                format!("the app name `{raw}` is reserved by Rust or Cargo"),
                format!("choose another name, for example `{raw}-app`"),
            ));
        }
        let kebab = raw.to_kebab_case();
        if kebab != raw {
            return Err(Refusal::new(
                format!("the app name `{raw}` is not kebab-case"),
                format!("app ids are lowercase words joined by `-`: try `{kebab}`"),
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    /// The app id, as given (kebab-case).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The template variable `crate_name`: snake_case, as cargo-generate derives it.
    pub fn crate_name(&self) -> String {
        self.0.to_snake_case()
    }

    /// The generated package name, `<name>-connector`.
    pub fn package_name(&self) -> String {
        format!("{}-connector", self.0)
    }
}

impl fmt::Display for ConnectorName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A kebab-case spelling of `raw` built from its valid characters, for help lines.
fn suggestion(raw: &str) -> String {
    let kept: String = raw
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let kebab = kept.to_kebab_case();
    if kebab.is_empty() {
        "myapp".to_owned()
    } else {
        kebab
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(raw: &str) -> Refusal {
        match ConnectorName::new(raw) {
            Ok(name) => panic!("`{raw}` was accepted as {name:?}"),
            Err(refusal) => refusal,
        }
    }

    #[test]
    fn names_longer_than_the_limit_are_refused() {
        assert!(ConnectorName::new(&"a".repeat(MAX_LEN)).is_ok());
        let r = ConnectorName::new(&"a".repeat(MAX_LEN + 1)).unwrap_err();
        assert!(r.help().contains("at most 30"), "{r:?}");
    }

    #[test]
    fn accepts_kebab_case_ids() {
        for raw in ["myapp", "my-app", "app2", "a", "okta-v2"] {
            let name = ConnectorName::new(raw).unwrap();
            assert_eq!(name.as_str(), raw);
        }
    }

    #[test]
    fn derives_crate_and_package_names() {
        let name = ConnectorName::new("my-app").unwrap();
        assert_eq!(name.crate_name(), "my_app");
        assert_eq!(name.package_name(), "my-app-connector");
    }

    #[test]
    fn refuses_empty() {
        assert!(refused("").message().contains("empty"));
    }

    #[test]
    fn refuses_leading_digit_with_a_fix() {
        let r = refused("1app");
        assert!(r.message().contains("starts with a digit"), "{r:?}");
        assert!(r.help().contains("app-1app"), "{r:?}");
    }

    #[test]
    fn refuses_invalid_characters_with_a_kebab_suggestion() {
        let r = refused("my app");
        assert!(r.message().contains("invalid character ` `"), "{r:?}");
        assert!(r.help().contains("`my-app`"), "{r:?}");
        assert!(refused("café").message().contains('é'));
    }

    #[test]
    fn refuses_keywords_and_reserved_names() {
        for raw in ["fn", "self", "async", "type"] {
            assert!(refused(raw).message().contains("keyword"), "{raw}");
        }
        for raw in ["test", "core", "std", "alloc", "con", "deps"] {
            assert!(refused(raw).message().contains("reserved"), "{raw}");
        }
    }

    #[test]
    fn refuses_paths() {
        for raw in ["a/b", "..", ".", "a\\b", "../x"] {
            let r = refused(raw);
            assert!(r.message().contains("is a path"), "{raw}: {r:?}");
            assert!(r.help().contains("--output"), "{raw}: {r:?}");
        }
    }

    #[test]
    fn refuses_non_kebab_spellings_with_the_kebab_form() {
        for (raw, fix) in [
            ("my_app", "my-app"),
            ("MyApp", "my-app"),
            ("my--app", "my-app"),
        ] {
            let r = refused(raw);
            assert!(r.message().contains("not kebab-case"), "{raw}: {r:?}");
            assert!(r.help().contains(&format!("`{fix}`")), "{raw}: {r:?}");
        }
    }
}
