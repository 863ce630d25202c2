//! The direct renderer: the Liquid/Tera common subset the templates are written in, rendered
//! without a template engine.
//!
//! Why: Tera's pest parser walks a template one character at a time, at about a thousand
//! instructions per byte; parsing was 96% of a full scaffold's run time (bench/,
//! docs/benchmarks.md). The subset is small: `{{ var | filter }}`, `{% if %}` / `{% else %}` /
//! `{% endif %}` over `var`, `var == "text"`, `var != "text"`, `var == false` joined by `and`
//! or by `or`, `{% raw %}`, and whitespace control. This module renders exactly that and says
//! what it met outside it ([`Unsupported`]), in which case [`crate::render`] hands the template
//! to Tera. Tera stays the engine of record: the parity test below renders every template for
//! every answer set both ways, requires the same bytes, and fails on any template the direct
//! renderer leaves to Tera, naming what it could not render.

use std::fmt;

use crate::tera_filters::FILTERS;
use crate::vars::{VarValue, Vars};

/// What took a template outside the subset (or an unknown variable or filter, which Tera
/// reports properly).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unsupported(String);

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

type Result<T> = std::result::Result<T, Unsupported>;

fn unsupported<T>(what: impl Into<String>) -> Result<T> {
    Err(Unsupported(what.into()))
}

/// Renders `source` with `vars`, or says what in it is outside the subset.
pub(crate) fn render(source: &str, vars: &Vars) -> Result<String> {
    let tokens = tokenize(source)?;
    let mut position = 0;
    let nodes = parse(&tokens, &mut position, false)?;
    let mut out = String::with_capacity(source.len());
    emit(&nodes, vars, &mut out)?;
    Ok(out)
}

#[derive(Debug)]
enum Token<'a> {
    Text(&'a str),
    /// `{{ ... }}` contents, trimmed.
    Output(&'a str),
    /// `{% ... %}` contents, trimmed.
    Statement(&'a str),
}

impl fmt::Display for Token<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Token::Text(_) => f.write_str("text"),
            Token::Output(inner) => write!(f, "`{{{{ {inner} }}}}`"),
            Token::Statement(inner) => write!(f, "`{{% {inner} %}}`"),
        }
    }
}

#[derive(Debug)]
enum Node<'a> {
    Text(&'a str),
    Output(&'a str),
    If {
        condition: &'a str,
        then: Vec<Node<'a>>,
        otherwise: Vec<Node<'a>>,
    },
}

/// Splits into text and tags, applying whitespace control to the neighbouring text.
fn tokenize(source: &str) -> Result<Vec<Token<'_>>> {
    let mut tokens = Vec::new();
    let mut rest = source;
    let mut trim_next = false;
    loop {
        let Some(start) = next_tag(rest) else {
            push_text(&mut tokens, rest, trim_next, false);
            return Ok(tokens);
        };
        if rest[start..].starts_with("{#") {
            return unsupported("a `{# comment #}`");
        }
        let is_output = rest[start..].starts_with("{{");
        let (open, close) = if is_output {
            ("{{", "}}")
        } else {
            ("{%", "%}")
        };
        let Some(length) = rest[start..].find(close) else {
            return unsupported(format!("a `{open}` never closed by `{close}`"));
        };
        let end = start + length;
        let inner = &rest[start + 2..end];
        let trim_before = inner.starts_with('-');
        let trim_after = inner.len() > 1 && inner.ends_with('-');
        let inner = if trim_before { &inner[1..] } else { inner };
        let inner = if trim_after {
            &inner[..inner.len() - 1]
        } else {
            inner
        };
        let inner = inner.trim();
        push_text(&mut tokens, &rest[..start], trim_next, trim_before);
        rest = &rest[end + 2..];
        trim_next = trim_after;
        if is_output {
            tokens.push(Token::Output(inner));
        } else if inner == "raw" {
            // Raw content is literal; dashes on raw tags are left to Tera.
            if trim_after {
                return unsupported("whitespace control on `{% raw %}`");
            }
            let Some(close_at) = rest.find("{% endraw %}") else {
                return unsupported("a `{% raw %}` without `{% endraw %}`");
            };
            tokens.push(Token::Text(&rest[..close_at]));
            rest = &rest[close_at + "{% endraw %}".len()..];
        } else {
            tokens.push(Token::Statement(inner));
        }
    }
}

/// Where the next `{{`, `{%` or `{#` starts: one pass over the text, not one per opener.
fn next_tag(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(offset) = text[from..].find('{') {
        let at = from + offset;
        if matches!(bytes.get(at + 1), Some(b'{' | b'%' | b'#')) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

fn push_text<'a>(tokens: &mut Vec<Token<'a>>, text: &'a str, trim_start: bool, trim_end: bool) {
    let text = if trim_start { text.trim_start() } else { text };
    let text = if trim_end { text.trim_end() } else { text };
    if !text.is_empty() {
        tokens.push(Token::Text(text));
    }
}

/// Builds the tree; `in_if` says whether `else`/`endif` may end this block.
fn parse<'a>(tokens: &[Token<'a>], position: &mut usize, in_if: bool) -> Result<Vec<Node<'a>>> {
    let mut nodes = Vec::new();
    while let Some(token) = tokens.get(*position) {
        match token {
            Token::Text(text) => nodes.push(Node::Text(text)),
            Token::Output(expression) => nodes.push(Node::Output(expression)),
            Token::Statement(statement) => {
                if let Some(condition) = statement.strip_prefix("if ") {
                    *position += 1;
                    let then = parse(tokens, position, true)?;
                    let mut otherwise = Vec::new();
                    if matches!(tokens.get(*position), Some(Token::Statement("else"))) {
                        *position += 1;
                        otherwise = parse(tokens, position, true)?;
                    }
                    match tokens.get(*position) {
                        Some(Token::Statement("endif")) => {}
                        Some(other) => return unsupported(format!("{other} after an `else`")),
                        None => return unsupported("an `{% if %}` without `{% endif %}`"),
                    }
                    nodes.push(Node::If {
                        condition: condition.trim(),
                        then,
                        otherwise,
                    });
                } else if in_if && (*statement == "else" || *statement == "endif") {
                    return Ok(nodes);
                } else {
                    return unsupported(format!("the tag {token}"));
                }
            }
        }
        *position += 1;
    }
    if in_if {
        return unsupported("an `{% if %}` without `{% endif %}`");
    }
    Ok(nodes)
}

fn emit(nodes: &[Node<'_>], vars: &Vars, out: &mut String) -> Result<()> {
    for node in nodes {
        match node {
            Node::Text(text) => out.push_str(text),
            Node::Output(expression) => out.push_str(&output(expression, vars)?),
            Node::If {
                condition,
                then,
                otherwise,
            } => {
                let branch = if evaluate(condition, vars)? {
                    then
                } else {
                    otherwise
                };
                emit(branch, vars, out)?;
            }
        }
    }
    Ok(())
}

/// `var | filter | filter`.
fn output(expression: &str, vars: &Vars) -> Result<String> {
    let mut parts = expression.split('|').map(str::trim);
    let name = parts.next().unwrap_or_default();
    let mut value = match variable(name, vars)? {
        VarValue::Str(text) => text.clone(),
        VarValue::Bool(flag) => flag.to_string(),
    };
    for filter in parts {
        let Some((_, convert)) = FILTERS.iter().find(|(name, _)| *name == filter) else {
            return unsupported(format!("the filter `{filter}`"));
        };
        value = convert(&value);
    }
    Ok(value)
}

fn variable<'v>(name: &str, vars: &'v Vars) -> Result<&'v VarValue> {
    match vars.get(name) {
        Some(value) => Ok(value),
        None => unsupported(format!("the unknown variable `{name}`")),
    }
}

/// Terms joined only by `and` or only by `or`; mixing is outside the subset.
fn evaluate(condition: &str, vars: &Vars) -> Result<bool> {
    let words = words(condition)?;
    let mut terms = words.split(|w| *w == "and" || *w == "or");
    let connectives: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| *w == "and" || *w == "or")
        .collect();
    if connectives.windows(2).any(|pair| pair[0] != pair[1]) {
        return unsupported(format!("`and` mixed with `or` in `{condition}`"));
    }
    let all = connectives.first() != Some(&"or");
    let mut result = all;
    for term in &mut terms {
        let value = term_value(term, vars)?;
        result = if all {
            result && value
        } else {
            result || value
        };
    }
    Ok(result)
}

/// `var`, or `var == literal`, or `var != literal`.
fn term_value(term: &[&str], vars: &Vars) -> Result<bool> {
    let outside = || unsupported(format!("the condition `{}`", term.join(" ")));
    let Some(name) = term.first() else {
        return outside();
    };
    let value = variable(name, vars)?;
    match term {
        [_] => Ok(match value {
            VarValue::Bool(flag) => *flag,
            VarValue::Str(text) => !text.is_empty(),
        }),
        [_, operator, literal] => {
            let equal = match (value, *literal) {
                (VarValue::Bool(flag), "true") => *flag,
                (VarValue::Bool(flag), "false") => !*flag,
                (VarValue::Str(text), quoted) => {
                    let inner = quoted.strip_prefix('"').and_then(|q| q.strip_suffix('"'));
                    match inner {
                        Some(inner) if !inner.contains(['\\', '"']) => text == inner,
                        _ => return outside(),
                    }
                }
                _ => return outside(),
            };
            match *operator {
                "==" => Ok(equal),
                "!=" => Ok(!equal),
                _ => outside(),
            }
        }
        _ => outside(),
    }
}

/// Splits on whitespace, keeping quoted strings whole.
fn words(condition: &str) -> Result<Vec<&str>> {
    let mut words = Vec::new();
    let mut rest = condition.trim_start();
    while !rest.is_empty() {
        let end = if let Some(quoted) = rest.strip_prefix('"') {
            match quoted.find('"') {
                Some(close) => 1 + close + 1,
                None => return unsupported(format!("an unclosed string in `{condition}`")),
            }
        } else {
            rest.find(char::is_whitespace).unwrap_or(rest.len())
        };
        words.push(&rest[..end]);
        rest = rest[end..].trim_start();
    }
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::render as render_all;
    use crate::template_config::TemplateConfig;
    use crate::templates;
    use crate::vocabulary::{ApiKind, AuthKind, Capability};

    fn vars() -> Vars {
        Vars::new(
            "my_app",
            ApiKind::Rest,
            AuthKind::Token,
            &[Capability::ValidateCredentials, Capability::ListAccounts],
            "../sdk",
        )
    }

    fn tera() -> tera::Tera {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(Vec::new());
        crate::tera_filters::register(&mut tera);
        tera
    }

    #[test]
    fn renders_the_subset_like_tera() {
        for source in [
            "a {{ crate_name | pascal_case }}\n{%- if auth == \"token\" and list_accounts %} yes{% else %} no{% endif -%}\n b {% raw %}{x}{% endraw %}",
            "{% if create_account or list_accounts %}\n  w\n{%- endif %}\n{{- auth -}}\n!",
            "{% if auth != \"jwt\" %}{% if get_last_activity == false %}nested{% endif %}{% endif %}",
            "{{ list_accounts }} {{crate_name|kebab_case}}",
        ] {
            let by_tera = tera().render_str(source, &vars().to_tera_context()).unwrap();
            assert_eq!(render(source, &vars()), Ok(by_tera), "{source}");
        }
    }

    #[test]
    fn says_what_it_leaves_to_tera() {
        for (source, why) in [
            (
                "{% if a and b or c %}x{% endif %}",
                "`and` mixed with `or` in `a and b or c`",
            ),
            ("{% if a %}x{% endif %}", "the unknown variable `a`"),
            ("{% elif x %}", "the tag `{% elif x %}`"),
            ("{% else %}", "the tag `{% else %}`"),
            ("{# comment #}", "a `{# comment #}`"),
            ("{{ undefined }}", "the unknown variable `undefined`"),
            (
                "{{ crate_name | replace(from=\"a\", to=\"b\") }}",
                "the filter `replace(from=\"a\", to=\"b\")`",
            ),
            (
                "{% for x in list %}{% endfor %}",
                "the tag `{% for x in list %}`",
            ),
            (
                "{% if list_accounts %}unclosed",
                "an `{% if %}` without `{% endif %}`",
            ),
            (
                "{% if auth > \"a\" %}{% endif %}",
                "the condition `auth > \"a\"`",
            ),
            ("a {{ b", "a `{{` never closed by `}}`"),
            ("{% raw %} x", "a `{% raw %}` without `{% endraw %}`"),
        ] {
            assert_eq!(
                render(source, &vars()),
                Err(Unsupported(why.into())),
                "{source}"
            );
        }
    }

    fn capability_sets() -> Vec<Vec<Capability>> {
        let all = Capability::ALL.to_vec();
        let mut sets = vec![vec![Capability::ValidateCredentials], all.clone()];
        // Each capability alone (with validate_credentials), and all but each one.
        for capability in &all[1..] {
            sets.push(vec![Capability::ValidateCredentials, *capability]);
            sets.push(all.iter().copied().filter(|c| c != capability).collect());
        }
        sets
    }

    /// The direct renderer gives exactly Tera's bytes for every template, every auth kind and a
    /// spread of capability sets, and renders every template itself: one it left to Tera would
    /// silently stop being fast, so that fails here with the reason.
    #[test]
    fn the_direct_renderer_matches_tera_on_every_template() {
        let config = TemplateConfig::embedded().unwrap();
        // Each template is parsed by Tera once, not once per render: parsing dominated the
        // run time (about two minutes in a debug build) while the renders are what is compared.
        let mut tera = tera();
        for (path, source) in templates::files().unwrap() {
            if !config.is_verbatim(path) {
                tera.add_raw_template(&path.to_string_lossy(), source)
                    .unwrap();
            }
        }
        let mut compared = 0;
        for (api, auth) in ApiKind::ALL
            .into_iter()
            .flat_map(|api| AuthKind::ALL.map(|auth| (api, auth)))
        {
            for capabilities in capability_sets() {
                let capabilities: Vec<Capability> = capabilities
                    .into_iter()
                    .filter(|c| api.supports(*c))
                    .collect();
                let vars = Vars::new("my_app", api, auth, &capabilities, "../sdk");
                let context = vars.to_tera_context();
                for (path, source) in templates::files().unwrap() {
                    if config.is_verbatim(path) || config.is_ignored(path, &vars).unwrap() {
                        continue;
                    }
                    let direct = render(source, &vars).unwrap_or_else(|why| {
                        panic!("{} is outside the direct subset: {why}", path.display())
                    });
                    let by_tera = tera.render(&path.to_string_lossy(), &context).unwrap();
                    assert_eq!(
                        direct,
                        by_tera,
                        "{} for {api:?} {auth:?} {capabilities:?}",
                        path.display()
                    );
                    compared += 1;
                }
                // And the whole pipeline still renders.
                render_all(&config, &vars).unwrap();
            }
        }
        assert!(compared > 1000, "compared {compared} renders");
    }
}
