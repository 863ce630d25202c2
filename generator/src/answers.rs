//! The answers: every value the templates need, validated and typed before any I/O.
//!
//! Values arrive through three channels, layered strongest first: flags (`--api`, `--auth`,
//! `--pagination`, `--capabilities`/`--all-capabilities`, `--sdk-path`), then `--define KEY=VALUE`, then
//! `--values-file`. What is still missing is asked through an [`Asker`]: a terminal prompt, the
//! template's defaults (`--yes`), or an error naming the flag (no terminal). The questions, their
//! choices and defaults come from templates/cargo-generate.toml.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use crate::cli::Cli;
use crate::name::ConnectorName;
use crate::refusal::Refusal;
use crate::sdk::SdkPath;
use crate::template_config::TemplateConfig;
use crate::vocabulary::{ApiKind, AuthKind, Capability, PaginationKind};

/// Everything the user chose, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answers {
    /// The app id (NAME).
    pub name: ConnectorName,
    /// The kind of API (the connector's flavour).
    pub api: ApiKind,
    /// The auth kind.
    pub auth: AuthKind,
    /// How the REST connector's lists page; the template's default for `api` kinds that page
    /// by their own protocol (SCIM), which do not read it.
    pub pagination: PaginationKind,
    /// The selected capabilities, in protocol order; always has `validate_credentials`, and
    /// only capabilities `api` supports.
    pub capabilities: Vec<Capability>,
    /// The SDK path, if given; else `plan` computes it from the workspace.
    pub sdk_path: Option<SdkPath>,
}

/// Where a value came from, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A command-line flag.
    Flag(&'static str),
    /// `--define`.
    Define,
    /// `--values-file`.
    ValuesFile(PathBuf),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag(flag) => write!(f, "from {flag}"),
            Source::Define => f.write_str("from --define"),
            Source::ValuesFile(path) => write!(f, "from --values-file {}", path.display()),
        }
    }
}

/// A raw value as given: defines are strings, values files may hold TOML booleans.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Raw {
    Str(String),
    Bool(bool),
}

/// Asks for what no channel gave.
pub trait Asker {
    /// The app id.
    fn name(&mut self) -> anyhow::Result<ConnectorName>;
    /// The API kind: `question` is the placeholder's prompt, `default` its default.
    fn api(&mut self, question: &str, default: ApiKind) -> anyhow::Result<ApiKind>;
    /// The auth kind: `question` is the placeholder's prompt, `default` its default.
    fn auth(&mut self, question: &str, default: AuthKind) -> anyhow::Result<AuthKind>;
    /// How the lists page: `question` is the placeholder's prompt, `default` its default.
    fn pagination(
        &mut self,
        question: &str,
        default: PaginationKind,
    ) -> anyhow::Result<PaginationKind>;
    /// Which of `open` (capability, default answer) to implement; `partly_answered` when
    /// some capabilities were answered already (through --define or a values file).
    fn capabilities(
        &mut self,
        open: &[(Capability, bool)],
        partly_answered: bool,
    ) -> anyhow::Result<Vec<Capability>>;
}

/// `--yes`: take every default; only the name, which has none, is an error.
#[derive(Debug, Default)]
pub struct Defaults;

impl Asker for Defaults {
    fn name(&mut self) -> anyhow::Result<ConnectorName> {
        Err(Refusal::new(
            "no app name given",
            "pass the app id as NAME, for example `connector-new myapp --yes`",
        )
        .into())
    }

    fn api(&mut self, _question: &str, default: ApiKind) -> anyhow::Result<ApiKind> {
        Ok(default)
    }

    fn auth(&mut self, _question: &str, default: AuthKind) -> anyhow::Result<AuthKind> {
        Ok(default)
    }

    fn pagination(
        &mut self,
        _question: &str,
        default: PaginationKind,
    ) -> anyhow::Result<PaginationKind> {
        Ok(default)
    }

    fn capabilities(
        &mut self,
        open: &[(Capability, bool)],
        _partly_answered: bool,
    ) -> anyhow::Result<Vec<Capability>> {
        Ok(open.iter().filter(|(_, on)| *on).map(|(c, _)| *c).collect())
    }
}

/// No terminal and no `--yes`: every missing answer is an error naming its flag.
#[derive(Debug, Default)]
pub struct NoTerminal;

impl Asker for NoTerminal {
    fn name(&mut self) -> anyhow::Result<ConnectorName> {
        Err(Refusal::new(
            "no app name given, and no terminal to ask on",
            "pass the app id as NAME, for example `connector-new myapp`",
        )
        .into())
    }

    /// The API kind is the one answer taken from the template without a terminal: its
    /// default (`rest`) is what connector-new generated before the question existed, so
    /// scripts that never heard of `--api` keep generating what they did.
    fn api(&mut self, _question: &str, default: ApiKind) -> anyhow::Result<ApiKind> {
        Ok(default)
    }

    /// Like the API kind, the pagination is taken from the template without a terminal: its
    /// default (`offset`) is what connector-new generated before the question existed.
    fn pagination(
        &mut self,
        _question: &str,
        default: PaginationKind,
    ) -> anyhow::Result<PaginationKind> {
        Ok(default)
    }

    fn auth(&mut self, _question: &str, default: AuthKind) -> anyhow::Result<AuthKind> {
        let all: Vec<&str> = AuthKind::ALL.iter().map(|a| a.as_str()).collect();
        Err(Refusal::new(
            "no --auth given, and no terminal to ask on",
            format!(
                "pass --auth <{}> (or --define auth=...), or --yes to take the default `{default}`",
                all.join("|")
            ),
        )
        .into())
    }

    fn capabilities(
        &mut self,
        open: &[(Capability, bool)],
        partly_answered: bool,
    ) -> anyhow::Result<Vec<Capability>> {
        let missing: Vec<&str> = open.iter().map(|(c, _)| c.as_str()).collect();
        let defaults: Vec<&str> = open
            .iter()
            .filter(|(_, on)| *on)
            .map(|(c, _)| c.as_str())
            .collect();
        // Name the open ones only when some were answered through --define or a values file.
        let open_list = if partly_answered {
            format!(" (unanswered: {})", missing.join(", "))
        } else {
            String::new()
        };
        Err(Refusal::new(
            format!("no --capabilities given{open_list}, and no terminal to ask on"),
            format!(
                "pass --capabilities LIST or --all-capabilities, or --yes to take the defaults \
                 (validate_credentials, {})",
                defaults.join(", ")
            ),
        )
        .into())
    }
}

/// Resolves the answers from the command line, the channels and `asker`.
pub fn resolve(
    cli: &Cli,
    config: &TemplateConfig,
    asker: &mut dyn Asker,
) -> anyhow::Result<Answers> {
    let given = layer(cli, config)?;

    let name = match &cli.name {
        Some(raw) => ConnectorName::new(raw)?,
        None => asker.name()?,
    };

    let api = match given.get("api") {
        Some((raw, source)) => {
            ApiKind::parse(&string("api", raw, source)?).map_err(|r| sourced(r, source))?
        }
        None => {
            let default = config
                .string_default("api")
                .map(ApiKind::parse)
                .transpose()?;
            let default = default.unwrap_or(ApiKind::ALL[0]);
            asker.api(&config.placeholder("api")?.prompt, default)?
        }
    };

    let auth = match given.get("auth") {
        Some((raw, source)) => {
            AuthKind::parse(&string("auth", raw, source)?).map_err(|r| sourced(r, source))?
        }
        None => {
            let default = config
                .string_default("auth")
                .map(AuthKind::parse)
                .transpose()?;
            let default = default.unwrap_or(AuthKind::ALL[0]);
            asker.auth(&config.placeholder("auth")?.prompt, default)?
        }
    };

    let default_pagination = config
        .string_default("pagination")
        .map(PaginationKind::parse)
        .transpose()?
        .unwrap_or(PaginationKind::ALL[0]);
    let pagination = match given.get("pagination") {
        Some((_, source)) if !api.asks_pagination() => {
            return Err(Refusal::new(
                format!(
                    "pagination cannot be chosen for --api {api}: {} ({source})",
                    api.own_pagination()
                ),
                "drop the pagination value: it shapes --api rest connectors only",
            )
            .into());
        }
        Some((raw, source)) => PaginationKind::parse(&string("pagination", raw, source)?)
            .map_err(|r| sourced(r, source))?,
        None if !api.asks_pagination() => default_pagination,
        None => asker.pagination(
            &config.placeholder("pagination")?.prompt,
            default_pagination,
        )?,
    };

    let mut selected = Vec::new();
    let mut open = Vec::new();
    let mut answered = false;
    for capability in Capability::ALL {
        let key = capability.as_str();
        if !api.supports(capability) {
            // Neither asked nor generated; refused when asked for by name.
            match given.get(key) {
                Some((_, Source::Flag("--all-capabilities"))) | None => {}
                Some((raw, source)) => {
                    if boolean(key, raw, source)? {
                        return Err(Refusal::new(
                            format!(
                                "{key} cannot be generated for --api {api}: {} ({source})",
                                api.why_not(capability)
                            ),
                            format!(
                                "drop {key}, or use --api rest to write it against the app's own API"
                            ),
                        )
                        .into());
                    }
                }
            }
            continue;
        }
        match given.get(key) {
            Some((raw, source)) => {
                answered |= capability != Capability::ValidateCredentials;
                let on = boolean(key, raw, source)?;
                if capability == Capability::ValidateCredentials && !on {
                    return Err(Refusal::new(
                        format!("validate_credentials cannot be turned off ({source})"),
                        "every connector implements validate_credentials; drop that value",
                    )
                    .into());
                }
                if on {
                    selected.push(capability);
                }
            }
            // Always generated, so never asked.
            None if capability == Capability::ValidateCredentials => selected.push(capability),
            None => open.push((
                capability,
                config.capability_default(capability).unwrap_or(false),
            )),
        }
    }
    if !open.is_empty() {
        selected.extend(asker.capabilities(&open, answered)?);
    }
    selected.sort();
    selected.dedup();

    let sdk_path = match given.get("sdk_path") {
        Some((raw, source)) => {
            Some(SdkPath::new(&string("sdk_path", raw, source)?).map_err(|r| sourced(r, source))?)
        }
        None => None,
    };

    Ok(Answers {
        name,
        api,
        auth,
        pagination,
        capabilities: selected,
        sdk_path,
    })
}

/// The given values, each with its source: values file, overridden by defines, by flags.
fn layer(cli: &Cli, config: &TemplateConfig) -> anyhow::Result<BTreeMap<String, (Raw, Source)>> {
    let mut given = BTreeMap::new();
    if let Some(path) = &cli.values_file {
        for (key, raw) in read_values_file(path)? {
            given.insert(key, (raw, Source::ValuesFile(path.clone())));
        }
    }
    for define in &cli.defines {
        let Some((key, value)) = define.split_once('=') else {
            return Err(Refusal::new(
                format!("--define `{define}` is not KEY=VALUE"),
                "for example --define auth=basic or --define list_accounts=true",
            )
            .into());
        };
        given.insert(
            key.trim().to_owned(),
            (Raw::Str(value.to_owned()), Source::Define),
        );
    }
    if let Some(api) = &cli.api {
        given.insert("api".into(), (Raw::Str(api.clone()), Source::Flag("--api")));
    }
    if let Some(auth) = &cli.auth {
        given.insert(
            "auth".into(),
            (Raw::Str(auth.clone()), Source::Flag("--auth")),
        );
    }
    if let Some(pagination) = &cli.pagination {
        given.insert(
            "pagination".into(),
            (Raw::Str(pagination.clone()), Source::Flag("--pagination")),
        );
    }
    if let Some(path) = &cli.sdk_path {
        given.insert(
            "sdk_path".into(),
            (Raw::Str(path.clone()), Source::Flag("--sdk-path")),
        );
    }
    if let Some(list) = &cli.capabilities {
        let mut listed = Vec::new();
        for item in list.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
            listed.push(
                Capability::parse(item).map_err(|r| sourced(r, &Source::Flag("--capabilities")))?,
            );
        }
        for capability in Capability::ALL {
            // validate_credentials is always on, listed or not.
            let on = listed.contains(&capability) || capability == Capability::ValidateCredentials;
            given.insert(
                capability.as_str().into(),
                (Raw::Bool(on), Source::Flag("--capabilities")),
            );
        }
    }
    if cli.all_capabilities {
        for capability in Capability::ALL {
            let answer = (
                Raw::Bool(capability.is_core()),
                Source::Flag("--all-capabilities"),
            );
            if capability.is_core() {
                given.insert(capability.as_str().into(), answer);
            } else {
                // The catalogue is not "all": off, unless a define or values file says on.
                given.entry(capability.as_str().into()).or_insert(answer);
            }
        }
    }
    for (key, (_, source)) in &given {
        if config.placeholder(key).is_err() {
            let known: Vec<&str> = config
                .placeholders()
                .iter()
                .map(|p| p.name.as_str())
                .collect();
            return Err(Refusal::new(
                format!("unknown template value `{key}` ({source})"),
                format!(
                    "known values: {}; the crate name comes from NAME",
                    known.join(", ")
                ),
            )
            .into());
        }
    }
    Ok(given)
}

/// The `[values]` table of a cargo-generate values file.
fn read_values_file(path: &Path) -> anyhow::Result<Vec<(String, Raw)>> {
    let text = fs::read_to_string(path).map_err(|e| {
        Refusal::new(
            format!("cannot read values file {}: {e}", path.display()),
            "check the --values-file path",
        )
    })?;
    let help =
        "a values file is TOML with a [values] table, e.g. `[values]` then `auth = \"basic\"`";
    let doc: toml::Table = text.parse().map_err(|e| {
        Refusal::new(
            format!("values file {} is not valid TOML: {e}", path.display()),
            help,
        )
    })?;
    if let Some(other) = doc.keys().find(|k| *k != "values") {
        return Err(Refusal::new(
            format!(
                "values file {} has an unexpected top-level key `{other}`",
                path.display()
            ),
            help,
        )
        .into());
    }
    let Some(values) = doc.get("values").and_then(toml::Value::as_table) else {
        return Err(Refusal::new(
            format!("values file {} has no [values] table", path.display()),
            help,
        )
        .into());
    };
    values
        .iter()
        .map(|(key, value)| match value {
            toml::Value::String(s) => Ok((key.clone(), Raw::Str(s.clone()))),
            toml::Value::Boolean(b) => Ok((key.clone(), Raw::Bool(*b))),
            other => Err(Refusal::new(
                format!(
                    "values file {}: `{key}` is a {}, expected a string or a boolean",
                    path.display(),
                    other.type_str()
                ),
                help,
            )
            .into()),
        })
        .collect()
}

fn string(key: &str, raw: &Raw, source: &Source) -> Result<String, Refusal> {
    match raw {
        Raw::Str(s) => Ok(s.clone()),
        Raw::Bool(b) => Err(Refusal::new(
            format!("`{key}` must be a string, got {b} ({source})"),
            format!("quote the value: {key} = \"...\""),
        )),
    }
}

fn boolean(key: &str, raw: &Raw, source: &Source) -> Result<bool, Refusal> {
    match raw {
        Raw::Bool(b) => Ok(*b),
        Raw::Str(s) if s == "true" => Ok(true),
        Raw::Str(s) if s == "false" => Ok(false),
        Raw::Str(s) => Err(Refusal::new(
            format!("`{key}` must be true or false, got `{s}` ({source})"),
            format!("for example --define {key}=true"),
        )),
    }
}

/// Adds the source to a validator's refusal.
fn sourced(refusal: Refusal, source: &Source) -> Refusal {
    Refusal::new(format!("{} ({source})", refusal.message()), refusal.help())
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    /// Answers questions from a script and records which were asked.
    #[derive(Default)]
    struct Scripted {
        asked: Vec<String>,
    }

    impl Asker for Scripted {
        fn name(&mut self) -> anyhow::Result<ConnectorName> {
            self.asked.push("name".into());
            Ok(ConnectorName::new("asked")?)
        }
        fn api(&mut self, question: &str, _default: ApiKind) -> anyhow::Result<ApiKind> {
            self.asked.push(format!("api: {question}"));
            Ok(ApiKind::Rest)
        }
        fn auth(&mut self, question: &str, _default: AuthKind) -> anyhow::Result<AuthKind> {
            self.asked.push(format!("auth: {question}"));
            Ok(AuthKind::Jwt)
        }
        fn pagination(
            &mut self,
            question: &str,
            _default: PaginationKind,
        ) -> anyhow::Result<PaginationKind> {
            self.asked.push(format!("pagination: {question}"));
            Ok(PaginationKind::Cursor)
        }
        fn capabilities(
            &mut self,
            open: &[(Capability, bool)],
            _partly_answered: bool,
        ) -> anyhow::Result<Vec<Capability>> {
            self.asked.push(format!("capabilities: {}", open.len()));
            Ok(vec![Capability::CreateAccount])
        }
    }

    fn resolve_with(args: &[&str], asker: &mut dyn Asker) -> anyhow::Result<Answers> {
        let mut argv = vec!["connector-new"];
        argv.extend(args);
        let cli = Cli::try_parse_from(argv)?;
        resolve(&cli, &TemplateConfig::embedded()?, asker)
    }

    fn refusal(result: anyhow::Result<Answers>) -> Refusal {
        let err = result.unwrap_err();
        err.chain()
            .find_map(|c| c.downcast_ref::<Refusal>())
            .cloned()
            .unwrap_or_else(|| panic!("not a refusal: {err:#}"))
    }

    fn values_file(text: &str) -> tempfile::NamedTempFile {
        let file = tempfile::NamedTempFile::new().unwrap();
        fs::write(file.path(), text).unwrap();
        file
    }

    #[test]
    fn flags_answer_everything_and_nothing_is_asked() {
        let mut asker = Scripted::default();
        let a = resolve_with(
            &[
                "app",
                "--api",
                "rest",
                "--auth",
                "basic",
                "--pagination",
                "page",
                "--capabilities",
                "list_accounts",
            ],
            &mut asker,
        )
        .unwrap();
        assert_eq!(a.api, ApiKind::Rest);
        assert_eq!(a.auth, AuthKind::Basic);
        assert_eq!(a.pagination, PaginationKind::Page);
        assert_eq!(
            a.capabilities,
            [Capability::ValidateCredentials, Capability::ListAccounts]
        );
        assert!(asker.asked.is_empty(), "{:?}", asker.asked);
    }

    #[test]
    fn only_missing_answers_are_asked_with_the_template_prompt() {
        let mut asker = Scripted::default();
        let a = resolve_with(&["--define", "list_accounts=true"], &mut asker).unwrap();
        assert_eq!(a.name.as_str(), "asked");
        assert_eq!(a.auth, AuthKind::Jwt);
        let config = TemplateConfig::embedded().unwrap();
        let prompt = |name: &str| config.placeholder(name).unwrap().prompt.clone();
        // 12 core and 5 catalogue capabilities, minus validate_credentials (forced) and
        // list_accounts (defined).
        assert_eq!(
            asker.asked,
            [
                "name".to_owned(),
                format!("api: {}", prompt("api")),
                format!("auth: {}", prompt("auth")),
                format!("pagination: {}", prompt("pagination")),
                "capabilities: 15".into()
            ]
        );
        assert_eq!(a.pagination, PaginationKind::Cursor);
        assert_eq!(
            a.capabilities,
            [
                Capability::ValidateCredentials,
                Capability::ListAccounts,
                Capability::CreateAccount
            ]
        );
    }

    #[test]
    fn yes_takes_the_template_defaults() {
        let config = TemplateConfig::embedded().unwrap();
        let a = resolve_with(&["app", "--yes"], &mut Defaults).unwrap();
        let expected_auth = AuthKind::parse(config.string_default("auth").unwrap()).unwrap();
        assert_eq!(a.auth, expected_auth);
        let expected: Vec<Capability> = Capability::ALL
            .into_iter()
            .filter(|c| config.capability_default(*c) == Some(true))
            .collect();
        assert_eq!(a.capabilities, expected);
        assert!(a.sdk_path.is_none());
        assert_eq!(a.pagination, PaginationKind::Offset);
    }

    #[test]
    fn pagination_comes_from_every_channel_and_only_for_rest() {
        let file = values_file("[values]\npagination = \"page\"\n");
        let path = file.path().to_str().unwrap();
        let a = resolve_with(&["app", "-y", "--values-file", path], &mut Defaults).unwrap();
        assert_eq!(a.pagination, PaginationKind::Page);
        let a = resolve_with(
            &[
                "app",
                "-y",
                "--values-file",
                path,
                "-d",
                "pagination=cursor",
            ],
            &mut Defaults,
        )
        .unwrap();
        assert_eq!(a.pagination, PaginationKind::Cursor);
        let a = resolve_with(
            &[
                "app",
                "-y",
                "-d",
                "pagination=cursor",
                "--pagination",
                "offset",
            ],
            &mut Defaults,
        )
        .unwrap();
        assert_eq!(a.pagination, PaginationKind::Offset);
        // Without a terminal, the template's default, as before the question existed.
        let a = resolve_with(
            &["app", "--auth", "jwt", "--capabilities", ""],
            &mut NoTerminal,
        )
        .unwrap();
        assert_eq!(a.pagination, PaginationKind::Offset);
        let r = refusal(resolve_with(
            &["app", "-y", "--pagination", "link-header"],
            &mut Defaults,
        ));
        assert_eq!(
            r.message(),
            "unknown pagination `link-header` (from --pagination)"
        );
        assert!(r.help().contains("offset, page, cursor"), "{r:?}");

        // SCIM pages by startIndex/count: never asked, and refused whatever the value.
        let mut asker = Scripted::default();
        let a = resolve_with(
            &[
                "app",
                "--api",
                "scim",
                "--auth",
                "token",
                "--capabilities",
                "",
            ],
            &mut asker,
        )
        .unwrap();
        assert!(asker.asked.is_empty(), "{:?}", asker.asked);
        assert_eq!(a.pagination, PaginationKind::Offset);
        for args in [
            vec!["app", "-y", "--api", "scim", "--pagination", "cursor"],
            vec!["app", "-y", "-d", "api=scim", "-d", "pagination=offset"],
        ] {
            let r = refusal(resolve_with(&args, &mut Defaults));
            assert!(
                r.message()
                    .starts_with("pagination cannot be chosen for --api scim: SCIM pages"),
                "{args:?}: {r:?}"
            );
            assert!(r.help().contains("rest"), "{r:?}");
        }
    }

    #[test]
    fn flags_override_defines_override_values_files() {
        let file = values_file(
            "[values]\nauth = \"token\"\nsdk_path = \"../from-file\"\ncreate_account = true\n",
        );
        let path = file.path().to_str().unwrap();
        let a = resolve_with(&["app", "-y", "--values-file", path], &mut Defaults).unwrap();
        assert_eq!(a.auth, AuthKind::Token);
        assert_eq!(a.sdk_path.unwrap().as_str(), "../from-file");
        assert!(a.capabilities.contains(&Capability::CreateAccount));

        let a = resolve_with(
            &["app", "-y", "--values-file", path, "-d", "auth=basic"],
            &mut Defaults,
        )
        .unwrap();
        assert_eq!(a.auth, AuthKind::Basic);

        let a = resolve_with(
            &[
                "app",
                "-y",
                "--values-file",
                path,
                "-d",
                "auth=basic",
                "--auth",
                "jwt",
                "--capabilities",
                "",
            ],
            &mut Defaults,
        )
        .unwrap();
        assert_eq!(a.auth, AuthKind::Jwt);
        assert_eq!(a.capabilities, [Capability::ValidateCredentials]);
    }

    #[test]
    fn all_capabilities_selects_all_twelve() {
        let a = resolve_with(
            &["app", "--all-capabilities", "--auth", "oauth"],
            &mut NoTerminal,
        )
        .unwrap();
        let core: Vec<Capability> = Capability::ALL
            .into_iter()
            .filter(|c| c.is_core())
            .collect();
        assert_eq!(a.capabilities, core);
    }

    #[test]
    fn scim_takes_every_capability_it_can_express_and_refuses_the_others() {
        let a = resolve_with(
            &[
                "app",
                "--api",
                "scim",
                "--auth",
                "token",
                "--all-capabilities",
            ],
            &mut NoTerminal,
        )
        .unwrap();
        assert_eq!(a.api, ApiKind::Scim);
        let expected: Vec<Capability> = Capability::ALL
            .into_iter()
            .filter(|c| c.is_core() && *c != Capability::GetLastActivity)
            .collect();
        assert_eq!(a.capabilities, expected);

        let file = values_file("[values]\napi = \"scim\"\nget_last_activity = true\n");
        for args in [
            vec![
                "app",
                "-y",
                "--api",
                "scim",
                "--capabilities",
                "get_last_activity",
            ],
            vec![
                "app",
                "-y",
                "-d",
                "api=scim",
                "-d",
                "get_last_activity=true",
            ],
            vec!["app", "-y", "--values-file", file.path().to_str().unwrap()],
        ] {
            let r = refusal(resolve_with(&args, &mut Defaults));
            assert!(
                r.message()
                    .starts_with("get_last_activity cannot be generated for --api scim: SCIM has no activity data"),
                "{args:?}: {r:?}"
            );
            assert!(r.help().contains("--api rest"), "{r:?}");
        }
        // Turned off explicitly, or by default, it is simply not generated.
        let a = resolve_with(
            &[
                "app",
                "-y",
                "-d",
                "api=scim",
                "-d",
                "get_last_activity=false",
            ],
            &mut Defaults,
        )
        .unwrap();
        assert!(!a.capabilities.contains(&Capability::GetLastActivity));
        // Without a terminal, the API kind is the template's default.
        let a = resolve_with(
            &["app", "--auth", "jwt", "--capabilities", ""],
            &mut NoTerminal,
        )
        .unwrap();
        assert_eq!(a.api, ApiKind::Rest);
        let r = refusal(resolve_with(
            &["app", "-y", "--api", "graphql"],
            &mut Defaults,
        ));
        assert_eq!(r.message(), "unknown api kind `graphql` (from --api)");
    }

    #[test]
    fn one_validator_for_every_channel() {
        let file = values_file("[values]\nauth = \"saml\"\n");
        for args in [
            vec!["app", "-y", "--auth", "saml"],
            vec!["app", "-y", "-d", "auth=saml"],
            vec!["app", "-y", "--values-file", file.path().to_str().unwrap()],
        ] {
            let r = refusal(resolve_with(&args, &mut Defaults));
            assert!(
                r.message().starts_with("unknown auth kind `saml` (from "),
                "{r:?}"
            );
            assert!(r.help().contains("oauth-client-credentials"), "{r:?}");
        }
    }

    #[test]
    fn refusals_name_the_problem() {
        let cases: &[(&[&str], &str)] = &[
            (
                &["app", "-y", "--capabilities", "list_accounts,frobnicate"],
                "unknown capability `frobnicate`",
            ),
            (
                &["app", "-y", "-d", "nope=1"],
                "unknown template value `nope`",
            ),
            (&["app", "-y", "-d", "auth"], "is not KEY=VALUE"),
            (
                &["app", "-y", "-d", "list_accounts=yes"],
                "must be true or false",
            ),
            (
                &["app", "-y", "-d", "validate_credentials=false"],
                "cannot be turned off",
            ),
            (&["app", "-y", "--sdk-path", "a\"b"], "SDK path"),
            (&["-y"], "no app name given"),
            (&["fn", "-y"], "keyword"),
        ];
        for (args, needle) in cases {
            let r = refusal(resolve_with(args, &mut Defaults));
            assert!(r.message().contains(needle), "{args:?}: {r:?}");
            assert!(!r.help().is_empty(), "{args:?}");
        }
    }

    #[test]
    fn without_a_terminal_missing_answers_name_their_flag() {
        let r = refusal(resolve_with(&["app"], &mut NoTerminal));
        assert!(r.message().contains("--auth"), "{r:?}");
        assert!(r.help().contains("--yes"), "{r:?}");
        let r = refusal(resolve_with(&["app", "--auth", "jwt"], &mut NoTerminal));
        assert!(r.message().contains("--capabilities"), "{r:?}");
        let r = refusal(resolve_with(
            &["--auth", "jwt", "--all-capabilities"],
            &mut NoTerminal,
        ));
        assert!(r.help().contains("NAME"), "{r:?}");
    }

    #[test]
    fn values_files_must_look_like_cargo_generates() {
        for (text, needle) in [
            ("auth = \"basic\"\n", "unexpected top-level key `auth`"),
            ("[values]\nauth = 3\n", "expected a string or a boolean"),
            ("[values\n", "not valid TOML"),
        ] {
            let file = values_file(text);
            let r = refusal(resolve_with(
                &["app", "-y", "--values-file", file.path().to_str().unwrap()],
                &mut Defaults,
            ));
            assert!(r.message().contains(needle), "{text}: {r:?}");
        }
    }
}
