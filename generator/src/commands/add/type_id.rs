//! What resource and entitlement types share: the id's rules, and declaring one in
//! `src/enums.rs` (a constant, and an entry of the function that lists the declared types).

use std::path::PathBuf;

use crate::refusal::Refusal;
use crate::render::Files;

use super::super::target::GeneratedCrate;

/// Where the types are declared.
pub const ENUMS: &str = "src/enums.rs";

/// Refuses an id that cannot be a constant's name and a stable identifier.
pub fn check(id: &str, kind: &str) -> Result<(), Refusal> {
    let shouty = id.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && id
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    if shouty {
        return Ok(());
    }
    let suggestion = heck::ToShoutySnakeCase::to_shouty_snake_case(id);
    Err(Refusal::new(
        format!("the {kind} id `{id}` is not SHOUTY_SNAKE_CASE"),
        if suggestion.is_empty() || suggestion.starts_with(|c: char| c.is_ascii_digit()) {
            "use capital letters, digits and `_`, starting with a letter (e.g. `PROJECT`)"
                .to_owned()
        } else {
            format!("use `{suggestion}`: it is also the constant's name in {ENUMS}")
        },
    ))
}

/// Refuses an empty label, or one that would need escaping in the generated string.
pub fn check_label(label: &str) -> Result<(), Refusal> {
    if label.trim().is_empty() || label.contains(['"', '\\', '\n']) {
        return Err(Refusal::new(
            format!("the label {label:?} is empty or has a quote, backslash or line break"),
            "give the name Lumos shows, e.g. --label \"Project\"",
        ));
    }
    Ok(())
}

/// The constants `src/enums.rs` declares in the author's version.
pub fn declared(krate: &GeneratedCrate) -> anyhow::Result<Vec<String>> {
    let path = PathBuf::from(ENUMS);
    let working = krate.read_working([&path])?;
    let Some(text) = working.get(&path) else {
        return Err(Refusal::new(
            format!("{} has no {ENUMS}", krate.dir.display()),
            format!("restore {ENUMS} (e.g. from version control)"),
        )
        .into());
    };
    let file = syn::parse_file(text).map_err(|e| {
        Refusal::new(
            format!("{ENUMS} does not parse as Rust: {e}"),
            format!("fix {ENUMS} first (`cargo check` shows where)"),
        )
    })?;
    Ok(file
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Const(c) => Some(c.ident.to_string()),
            _ => None,
        })
        .collect())
}

/// The templates' `src/enums.rs` for the crate's answers, and the same with `constant`
/// inserted after the last constant and `entry` appended to the list that `function` returns.
/// `Vec::new()` there (no type declared) becomes `vec![entry]`.
pub fn declare(
    krate: &GeneratedCrate,
    constant: &str,
    function: &str,
    entry: &str,
) -> anyhow::Result<(Files, Files)> {
    let path = PathBuf::from(ENUMS);
    let rendered = krate.answers.render()?;
    let Some(old) = rendered.get(&path) else {
        anyhow::bail!("the templates have no {ENUMS}");
    };
    let mut new = old.clone();
    let last_const = new
        .match_indices("\npub const ")
        .last()
        .map(|(i, _)| i + 1)
        .and_then(|start| new[start..].find('\n').map(|end| start + end + 1));
    let at = match last_const {
        Some(at) => at,
        None => new.find("\n///").map_or(new.len(), |i| i + 1),
    };
    new.insert_str(at, &format!("\n{constant}\n"));
    let signature = format!("pub fn {function}() -> ");
    let start = new
        .find(&signature)
        .ok_or_else(|| anyhow::anyhow!("the templates' {ENUMS} has no `{signature}`"))?;
    let body_end = new[start..]
        .find("\n}\n")
        .map(|i| start + i)
        .ok_or_else(|| anyhow::anyhow!("the templates' {function} has no end"))?;
    let body = &new[start..body_end];
    let grown = if let Some(i) = body.find("Vec::new()") {
        format!(
            "{}vec![{entry}]{}",
            &body[..i],
            &body[i + "Vec::new()".len()..]
        )
    } else if body.contains("vec![\n") {
        let close = body
            .rfind("\n    ]")
            .ok_or_else(|| anyhow::anyhow!("unexpected {function}"))?;
        format!("{}\n        {entry},{}", &body[..close], &body[close..])
    } else {
        let close = body
            .rfind(']')
            .ok_or_else(|| anyhow::anyhow!("unexpected {function}"))?;
        let open = body
            .find("vec![")
            .ok_or_else(|| anyhow::anyhow!("unexpected {function}"))?
            + 5;
        format!(
            "{}\n        {},\n        {entry},\n    {}",
            &body[..open],
            &body[open..close],
            &body[close..]
        )
    };
    new.replace_range(start..body_end, &grown);
    Ok((
        Files::from([(path.clone(), old.clone())]),
        Files::from([(path, new)]),
    ))
}
