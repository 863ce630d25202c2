//! A direct renderer for the Liquid/Tera common subset the templates are written in.
//!
//! Why: even with literal text kept out of it ([`crate::literals`]), Tera's pest parser spent
//! about 19 of a scaffold's 23 million instructions parsing the ~230 tags of the template set
//! (bench/, docs/benchmarks.md). The subset is small: `{{ var | filter }}`, `{% if %}` /
//! `{% else %}` / `{% endif %}` over `var`, `var == "text"`, `var != "text"`, `var == false`
//! joined by `and` or by `or`, `{% raw %}`, and whitespace control. This module renders
//! exactly that and returns `None` for anything else, in which case [`crate::render`] uses
//! Tera. Tera stays the engine of record: `tests/subset_parity.rs` renders every template for
//! every answer set both ways and requires the same bytes.

use crate::tera_filters::FILTERS;
use crate::vars::{VarValue, Vars};

/// Renders `source` with `vars`, or `None` when it uses something outside the subset (or an
/// unknown variable or filter, which Tera reports properly).
pub fn render(source: &str, vars: &Vars) -> Option<String> {
    let tokens = tokenize(source)?;
    let mut position = 0;
    let nodes = parse(&tokens, &mut position, false)?;
    if position != tokens.len() {
        return None;
    }
    let mut out = String::with_capacity(source.len());
    emit(&nodes, vars, &mut out)?;
    Some(out)
}

#[derive(Debug)]
enum Token<'a> {
    Text(&'a str),
    /// `{{ ... }}` contents, trimmed.
    Output(&'a str),
    /// `{% ... %}` contents, trimmed.
    Statement(&'a str),
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
fn tokenize(source: &str) -> Option<Vec<Token<'_>>> {
    let mut tokens = Vec::new();
    let mut rest = source;
    let mut trim_next = false;
    loop {
        let Some(start) = next_tag(rest) else {
            push_text(&mut tokens, rest, trim_next, false);
            return Some(tokens);
        };
        if rest[start..].starts_with("{#") {
            return None; // comments are outside the subset
        }
        let is_output = rest[start..].starts_with("{{");
        let close = if is_output { "}}" } else { "%}" };
        let end = start + rest[start..].find(close)?;
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
                return None;
            }
            let close_at = rest.find("{% endraw %}")?;
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
fn parse<'a>(tokens: &[Token<'a>], position: &mut usize, in_if: bool) -> Option<Vec<Node<'a>>> {
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
                    if !matches!(tokens.get(*position), Some(Token::Statement("endif"))) {
                        return None;
                    }
                    nodes.push(Node::If {
                        condition: condition.trim(),
                        then,
                        otherwise,
                    });
                } else if in_if && (*statement == "else" || *statement == "endif") {
                    return Some(nodes);
                } else {
                    return None;
                }
            }
        }
        *position += 1;
    }
    (!in_if).then_some(nodes)
}

fn emit(nodes: &[Node<'_>], vars: &Vars, out: &mut String) -> Option<()> {
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
    Some(())
}

/// `var | filter | filter`.
fn output(expression: &str, vars: &Vars) -> Option<String> {
    let mut parts = expression.split('|').map(str::trim);
    let mut value = match vars.get(parts.next()?)? {
        VarValue::Str(text) => text.clone(),
        VarValue::Bool(flag) => flag.to_string(),
    };
    for filter in parts {
        let (_, convert) = FILTERS.iter().find(|(name, _)| *name == filter)?;
        value = convert(&value);
    }
    Some(value)
}

/// Terms joined only by `and` or only by `or`; mixing is outside the subset.
fn evaluate(condition: &str, vars: &Vars) -> Option<bool> {
    let words = words(condition)?;
    let mut terms = words.split(|w| *w == "and" || *w == "or");
    let connectives: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| *w == "and" || *w == "or")
        .collect();
    if connectives.windows(2).any(|pair| pair[0] != pair[1]) {
        return None;
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
    Some(result)
}

/// `var`, or `var == literal`, or `var != literal`.
fn term_value(term: &[&str], vars: &Vars) -> Option<bool> {
    let value = vars.get(term.first()?)?;
    match term {
        [_] => Some(match value {
            VarValue::Bool(flag) => *flag,
            VarValue::Str(text) => !text.is_empty(),
        }),
        [_, operator, literal] => {
            let equal = match (value, *literal) {
                (VarValue::Bool(flag), "true") => *flag,
                (VarValue::Bool(flag), "false") => !*flag,
                (VarValue::Str(text), quoted) => {
                    let inner = quoted.strip_prefix('"')?.strip_suffix('"')?;
                    if inner.contains(['\\', '"']) {
                        return None;
                    }
                    text == inner
                }
                _ => return None,
            };
            match *operator {
                "==" => Some(equal),
                "!=" => Some(!equal),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Splits on whitespace, keeping quoted strings whole.
fn words(condition: &str) -> Option<Vec<&str>> {
    let mut words = Vec::new();
    let mut rest = condition.trim_start();
    while !rest.is_empty() {
        let end = if let Some(quoted) = rest.strip_prefix('"') {
            1 + quoted.find('"')? + 1
        } else {
            rest.find(char::is_whitespace).unwrap_or(rest.len())
        };
        words.push(&rest[..end]);
        rest = rest[end..].trim_start();
    }
    Some(words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::{AuthKind, Capability};

    fn vars() -> Vars {
        Vars::new(
            "my_app",
            AuthKind::Token,
            &[Capability::ValidateCredentials, Capability::ListAccounts],
            "../sdk",
        )
    }

    fn tera(source: &str) -> String {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(Vec::new());
        crate::tera_filters::register(&mut tera);
        tera.render_str(source, &vars().to_tera_context()).unwrap()
    }

    #[test]
    fn renders_the_subset_like_tera() {
        for source in [
            "a {{ crate_name | pascal_case }}\n{%- if auth == \"token\" and list_accounts %} yes{% else %} no{% endif -%}\n b {% raw %}{x}{% endraw %}",
            "{% if create_account or list_accounts %}\n  w\n{%- endif %}\n{{- auth -}}\n!",
            "{% if auth != \"jwt\" %}{% if get_last_activity == false %}nested{% endif %}{% endif %}",
            "{{ list_accounts }} {{crate_name|kebab_case}}",
        ] {
            assert_eq!(render(source, &vars()), Some(tera(source)), "{source}");
        }
    }

    #[test]
    fn leaves_everything_else_to_tera() {
        for source in [
            "{% if a and b or c %}x{% endif %}",
            "{% elif x %}",
            "{# comment #}",
            "{{ undefined }}",
            "{{ crate_name | replace(from=\"a\", to=\"b\") }}",
            "{% for x in list %}{% endfor %}",
            "{% if list_accounts %}unclosed",
        ] {
            assert_eq!(render(source, &vars()), None, "{source}");
        }
    }
}
