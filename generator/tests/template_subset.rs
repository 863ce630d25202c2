//! The templates stay in the Liquid/Tera common subset, so cargo-generate (Liquid) renders
//! them like connector-new (Tera): `{{ var | filter }}` with zero-argument case filters,
//! `{% if %}` / `{% else %}` / `{% endif %}` on `var == "literal"`, `var != ...`, bare bool
//! variables, joined by `and` or by `or` (never both: the engines group them differently),
//! `{% for %}`, `{% raw %}`, and `-` whitespace control. Anything else fails here, naming the
//! file and the tag.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "the helpers of a test fail it by panicking, like the test functions themselves"
)]

use std::collections::BTreeSet;

use connector_new::template_config::{PlaceholderKind, TemplateConfig};
use connector_new::templates;
use connector_new::tera_filters::FILTERS;

struct Vocabulary {
    strings: BTreeSet<String>,
    bools: BTreeSet<String>,
    filters: BTreeSet<&'static str>,
}

fn vocabulary() -> Vocabulary {
    let config = TemplateConfig::embedded().unwrap();
    let mut strings: BTreeSet<String> = ["crate_name".to_owned()].into();
    let mut bools = BTreeSet::new();
    for p in config.placeholders() {
        match p.kind {
            PlaceholderKind::Bool { .. } => bools.insert(p.name.clone()),
            PlaceholderKind::String { .. } => strings.insert(p.name.clone()),
        };
    }
    Vocabulary {
        strings,
        bools,
        filters: FILTERS.iter().map(|(n, _)| *n).collect(),
    }
}

/// The tags of a template outside `{% raw %}` blocks: (`{{` or `{%`, inner text).
fn tags(source: &str) -> Result<Vec<(&'static str, String)>, String> {
    let mut out = Vec::new();
    let mut rest = source;
    let mut in_raw = false;
    while let Some(start) = rest.find('{') {
        let after = &rest[start..];
        let (open, close) = if after.starts_with("{{") {
            ("{{", "}}")
        } else if after.starts_with("{%") {
            ("{%", "%}")
        } else if after.starts_with("{#") && !in_raw {
            return Err("`{#` comment (Tera only; Liquid prints it)".into());
        } else {
            rest = &after[1..];
            continue;
        };
        let end = after
            .find(close)
            .ok_or_else(|| format!("unclosed {open}"))?;
        let inner = after[2..end].trim_matches('-').trim().to_owned();
        rest = &after[end + 2..];
        if in_raw {
            if open == "{%" && inner == "endraw" {
                in_raw = false;
            }
            continue;
        }
        if open == "{%" && inner == "raw" {
            in_raw = true;
            continue;
        }
        out.push((open, inner));
    }
    if in_raw {
        return Err("unclosed {% raw %}".into());
    }
    Ok(out)
}

fn check_output(inner: &str, v: &Vocabulary) -> Result<(), String> {
    let mut parts = inner.split('|').map(str::trim);
    let variable = parts.next().unwrap_or_default();
    if !v.strings.contains(variable) && !v.bools.contains(variable) {
        return Err(format!("`{variable}` is not a template variable"));
    }
    for filter in parts {
        if !v.filters.contains(filter) {
            return Err(format!(
                "filter `{filter}` is not a zero-argument case filter"
            ));
        }
    }
    Ok(())
}

fn check_condition(condition: &str, v: &Vocabulary) -> Result<(), String> {
    let words: Vec<&str> = condition.split_whitespace().collect();
    if words.contains(&"and") && words.contains(&"or") {
        return Err(
            "`and` mixed with `or` (Liquid and Tera group them differently): nest ifs".into(),
        );
    }
    for clause in condition.split(" and ").flat_map(|c| c.split(" or ")) {
        let parts: Vec<&str> = clause.split_whitespace().collect();
        match parts.as_slice() {
            [bool_var] if v.bools.contains(*bool_var) => {}
            [var, "==" | "!=", literal] => {
                let is_string =
                    literal.len() >= 2 && literal.starts_with('"') && literal.ends_with('"');
                let ok = (v.strings.contains(*var) && is_string)
                    || (v.bools.contains(*var) && (*literal == "true" || *literal == "false"));
                if !ok {
                    return Err(format!("`{clause}` compares `{var}` with `{literal}`"));
                }
            }
            _ => {
                return Err(format!(
                    "`{clause}`: only `var == literal`, `var != literal` or a bool variable \
                     (no `not`, `in`, `contains`, parentheses or arrays)"
                ))
            }
        }
    }
    Ok(())
}

fn check_statement(inner: &str, v: &Vocabulary) -> Result<(), String> {
    let (keyword, rest) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
    match keyword {
        "if" => check_condition(rest.trim(), v),
        "else" | "endif" | "endfor" if rest.trim().is_empty() => Ok(()),
        "for" => {
            let parts: Vec<&str> = rest.split_whitespace().collect();
            match parts.as_slice() {
                [_, "in", list] if !list.contains('.') => Ok(()),
                _ => Err(format!("`for {rest}`: only `for x in list`")),
            }
        }
        other => Err(format!("`{other}` is not in the Liquid/Tera common subset")),
    }
}

fn check_template(source: &str, v: &Vocabulary) -> Result<(), String> {
    for forbidden in ["project-name", "forloop", "loop."] {
        if source.contains(forbidden) {
            return Err(format!("uses `{forbidden}`"));
        }
    }
    let mut depth = 0i32;
    for (open, inner) in tags(source)? {
        let result = if open == "{{" {
            check_output(&inner, v)
        } else {
            check_statement(&inner, v)
        };
        result.map_err(|e| format!("{open} {inner}: {e}"))?;
        if open == "{%" {
            let keyword = inner.split_whitespace().next().unwrap_or_default();
            depth += match keyword {
                "if" | "for" => 1,
                "endif" | "endfor" => -1,
                _ => 0,
            };
            if depth < 0 {
                return Err("unbalanced end tag".into());
            }
        }
    }
    if depth != 0 {
        return Err("unclosed if/for".into());
    }
    Ok(())
}

#[test]
fn every_template_is_in_the_common_subset() {
    let v = vocabulary();
    let files = templates::files().unwrap();
    assert!(files.len() > 10);
    for (path, source) in files {
        if let Err(e) = check_template(source, &v) {
            panic!("{}: {e}", path.display());
        }
    }
}

#[test]
fn the_checker_refuses_what_the_engines_disagree_on() {
    let v = vocabulary();
    for bad in [
        "{% if auth == \"basic\" %}a{% elif auth == \"jwt\" %}b{% endif %}",
        "{% if auth == \"basic\" %}a{% elsif auth == \"jwt\" %}b{% endif %}",
        "{% if not list_accounts %}a{% endif %}",
        "{% if \"x\" in auth %}a{% endif %}",
        "{% if auth contains \"o\" %}a{% endif %}",
        "{% if list_accounts and create_account or delete_account %}a{% endif %}",
        "{% if (list_accounts) %}a{% endif %}",
        "{% if auth %}a{% endif %}",
        "{{ crate_name | replace(from=\"a\", to=\"b\") }}",
        "{{ crate_name | upcase }}",
        "{{ project-name }}",
        "{{ app_name }}",
        "{# note #}",
        "{% set x = 1 %}",
        "{% if list_accounts %}a",
        "{% for c in caps %}{{ loop.index }}{% endfor %}",
        "{% raw %}a",
    ] {
        assert!(check_template(bad, &v).is_err(), "accepted: {bad}");
    }
    for good in [
        "{% if auth == \"basic\" %}a{% else %}{% if auth != \"jwt\" %}b{% endif %}{% endif %}",
        "{%- if list_accounts or create_account %}\nx\n{%- endif %}",
        "{% if list_accounts == false and create_account %}x{% endif %}",
        "{{crate_name | kebab_case}}-{{ crate_name|pascal_case|snake_case }}",
        "{% raw %}format!(\"{}\", {{x}}){% endraw %}",
        "fn a() { b(); }",
    ] {
        assert_eq!(check_template(good, &v), Ok(()), "{good}");
    }
}
