//! The templates render to the same bytes with Liquid (the engine cargo-generate uses, with
//! case filters defined the way cargo-generate defines them, and the same conditional ignores)
//! as with connector-new's Tera, for every auth kind and several capability subsets. A template
//! construct that only one engine understands, or that they render differently, fails here.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "the helpers of a test fail it by panicking, like the test functions themselves"
)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use connector_new::render::render;
use connector_new::template_config::TemplateConfig;
use connector_new::templates;
use connector_new::vars::{VarValue, Vars};
use connector_new::vocabulary::{ApiKind, AuthKind, Capability, PaginationKind};
use heck::{
    ToKebabCase, ToLowerCamelCase, ToShoutyKebabCase, ToShoutySnakeCase, ToSnakeCase, ToTitleCase,
    ToUpperCamelCase,
};
use liquid_core::{Filter, ParseFilter, Runtime, ValueView};
use liquid_derive::FilterReflection;

/// One case filter as cargo-generate registers it: a string in, heck's conversion out.
macro_rules! case_filter {
    ($name:literal, $parser:ident, $filter:ident, $convert:expr) => {
        #[derive(Clone, ParseFilter, FilterReflection)]
        #[filter(name = $name, description = "case conversion", parsed($filter))]
        struct $parser;

        #[derive(Debug, Default, liquid_derive::Display_filter)]
        #[name = $name]
        struct $filter;

        impl Filter for $filter {
            fn evaluate(
                &self,
                input: &dyn ValueView,
                _runtime: &dyn Runtime,
            ) -> liquid_core::Result<liquid_core::Value> {
                let input = input
                    .as_scalar()
                    .ok_or_else(|| liquid_core::Error::with_msg("String expected"))?;
                let convert: fn(&str) -> String = $convert;
                Ok(liquid_core::Value::scalar(convert(&input.into_string())))
            }
        }
    };
}

case_filter!("kebab_case", KebabParser, Kebab, |s| s.to_kebab_case());
case_filter!("lower_camel_case", LowerCamelParser, LowerCamel, |s| s
    .to_lower_camel_case());
case_filter!("pascal_case", PascalParser, Pascal, |s| s
    .to_upper_camel_case());
case_filter!("shouty_kebab_case", ShoutyKebabParser, ShoutyKebab, |s| s
    .to_shouty_kebab_case());
case_filter!("shouty_snake_case", ShoutySnakeParser, ShoutySnake, |s| s
    .to_shouty_snake_case());
case_filter!("snake_case", SnakeParser, Snake, |s| s.to_snake_case());
case_filter!("title_case", TitleParser, Title, |s| s.to_title_case());
case_filter!("upper_camel_case", UpperCamelParser, UpperCamel, |s| s
    .to_upper_camel_case());

fn liquid_parser() -> liquid::Parser {
    liquid::ParserBuilder::with_stdlib()
        .filter(KebabParser)
        .filter(LowerCamelParser)
        .filter(PascalParser)
        .filter(ShoutyKebabParser)
        .filter(ShoutySnakeParser)
        .filter(SnakeParser)
        .filter(TitleParser)
        .filter(UpperCamelParser)
        .build()
        .unwrap()
}

/// The templates parsed once by Liquid (path, template; None for verbatim files).
struct LiquidTemplates(Vec<(PathBuf, &'static str, Option<liquid::Template>)>);

impl LiquidTemplates {
    fn parse(config: &TemplateConfig) -> Self {
        let parser = liquid_parser();
        let parsed = templates::files()
            .unwrap()
            .into_iter()
            .map(|(path, source)| {
                let template = (!config.is_verbatim(path)).then(|| {
                    parser
                        .parse(source)
                        .unwrap_or_else(|e| panic!("Liquid cannot parse {}: {e}", path.display()))
                });
                (path.to_path_buf(), source, template)
            })
            .collect();
        Self(parsed)
    }

    /// The crate as cargo-generate would write it: every template not ignored, rendered by
    /// Liquid (strictly: an unknown variable is an error here, where cargo-generate would
    /// print "").
    fn render(&self, config: &TemplateConfig, vars: &Vars) -> BTreeMap<PathBuf, String> {
        let mut globals = liquid::Object::new();
        for (name, value) in vars.iter() {
            let value = match value {
                VarValue::Bool(b) => liquid_core::Value::scalar(*b),
                VarValue::Str(s) => liquid_core::Value::scalar(s.clone()),
            };
            globals.insert(name.to_owned().into(), value);
        }
        let mut out = BTreeMap::new();
        for (path, source, template) in &self.0 {
            if config.is_ignored(path, vars).unwrap() {
                continue;
            }
            let text = match template {
                None => (*source).to_owned(),
                Some(t) => t
                    .render(&globals)
                    .unwrap_or_else(|e| panic!("Liquid cannot render {}: {e}", path.display())),
            };
            // cargo-generate strips a `.liquid` suffix from file names.
            let name = path.to_string_lossy();
            let output = name.strip_suffix(".liquid").unwrap_or(&name);
            out.insert(PathBuf::from(output), text);
        }
        out
    }
}

/// (api, auth, capabilities, crate_name) cases: each API kind and auth kind with the usual
/// sets, and each capability alone for each API kind (auth and capability blocks are
/// independent, so one auth kind suffices). A capability an API kind cannot express is left
/// out, as connector-new does.
fn cases(config: &TemplateConfig) -> Vec<(ApiKind, AuthKind, Vec<Capability>, &'static str)> {
    let vc = Capability::ValidateCredentials;
    let defaults: Vec<Capability> = Capability::ALL
        .into_iter()
        .filter(|c| config.capability_default(*c) == Some(true))
        .collect();
    let every_other: Vec<Capability> = Capability::ALL.iter().copied().step_by(2).collect();
    let mut cases = Vec::new();
    for api in ApiKind::ALL {
        let supported = |set: &[Capability]| -> Vec<Capability> {
            set.iter().copied().filter(|c| api.supports(*c)).collect()
        };
        for auth in AuthKind::ALL {
            cases.push((api, auth, vec![vc], "my_app"));
            cases.push((api, auth, supported(&defaults), "my_app"));
            cases.push((api, auth, supported(&every_other), "my_app"));
            cases.push((api, auth, supported(&Capability::ALL), "acme"));
        }
        for capability in Capability::ALL.iter().skip(1) {
            if api.supports(*capability) {
                cases.push((api, AuthKind::Oauth, vec![vc, *capability], "my_app"));
            }
        }
    }
    cases
}

#[test]
fn liquid_and_tera_write_the_same_bytes() {
    let config = TemplateConfig::embedded().unwrap();
    let liquid_templates = LiquidTemplates::parse(&config);
    let mut compared = 0;
    let cases = cases(&config)
        .into_iter()
        .flat_map(|(api, auth, subset, crate_name)| {
            // Each pagination for the REST connector; SCIM pages its own way.
            let paginations = if api.asks_pagination() {
                PaginationKind::ALL.to_vec()
            } else {
                vec![PaginationKind::Offset]
            };
            paginations
                .into_iter()
                .map(move |p| (api, auth, subset.clone(), crate_name, p))
        });
    for (api, auth, subset, crate_name, pagination) in cases {
        let vars = Vars::new(crate_name, api, auth, &subset, "../sdk").with_pagination(pagination);
        let subset = (pagination, subset);
        let tera = render(&config, &vars).unwrap();
        let liquid = liquid_templates.render(&config, &vars);
        assert_eq!(
            tera.keys().collect::<Vec<_>>(),
            liquid.keys().collect::<Vec<_>>(),
            "file lists differ for {api} {auth} {subset:?}"
        );
        for (path, text) in &tera {
            let other = &liquid[path];
            if text != other {
                let line = text.lines().zip(other.lines()).position(|(a, b)| a != b);
                panic!(
                    "{} differs for {api} {auth} {subset:?} at line {}:\nTera:   {:?}\nLiquid: {:?}",
                    path.display(),
                    line.map_or(0, |l| l + 1),
                    line.and_then(|l| text.lines().nth(l)),
                    line.and_then(|l| other.lines().nth(l)),
                );
            }
            compared += 1;
        }
    }
    assert!(compared > 100, "compared {compared} files");
}

#[test]
fn the_parity_check_catches_engine_specific_constructs() {
    // Sanity of the harness: constructs outside the common subset do differ or fail.
    let parser = liquid_parser();
    let mut globals = liquid::Object::new();
    globals.insert("auth".into(), liquid_core::Value::scalar("basic"));
    let liquid = |s: &str| parser.parse(s).and_then(|t| t.render(&globals)).ok();
    let tera = |s: &str| {
        let mut context = tera::Context::new();
        context.insert("auth", "basic");
        tera::Tera::one_off(s, &context, false).ok()
    };
    for construct in [
        "{% if auth == \"jwt\" %}a{% elif auth == \"basic\" %}b{% endif %}",
        "{% if auth == \"jwt\" %}a{% elsif auth == \"basic\" %}b{% endif %}",
        "{# comment #}x",
        "{{ auth | upcase }}",
        "{{ auth | upper }}",
    ] {
        assert_ne!(liquid(construct), tera(construct), "{construct}");
    }
}
