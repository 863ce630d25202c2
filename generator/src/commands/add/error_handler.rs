//! `add error-handler`: the "improve error handling" step. An app-specific mapping from the
//! API's error bodies to protocol error codes (`src/errors.rs`), installed where the SDK's
//! HTTP client calls it (`.error_mapper(...)` on the client's builder in `src/client.rs`), and
//! its test against the mock API (`tests/errors.rs`). REST and SCIM flavours.

use std::path::PathBuf;

use crate::refusal::Refusal;
use crate::render::Files;
use crate::subset;

use super::super::target::GeneratedCrate;
use super::edit::Addition;

const MODULE: &str = include_str!("fragments/errors.rs.liquid");
const TEST: &str = include_str!("fragments/errors_test.rs.liquid");

const ERRORS: &str = "src/errors.rs";
const LIB: &str = "src/lib.rs";
const CLIENT: &str = "src/client.rs";
const BUILD: &str = ".build()?;";

/// The addition of the error handler to `krate`.
pub fn addition(krate: &GeneratedCrate) -> anyhow::Result<Addition> {
    let errors = PathBuf::from(ERRORS);
    if krate.dir.join(&errors).exists() {
        return Err(Refusal::new(
            format!("{} already has {ERRORS}", krate.dir.display()),
            format!("extend map_error in {ERRORS}; move the file away to add the generated one"),
        )
        .into());
    }
    let vars = krate.answers.vars();
    let rendered = krate.answers.render()?;
    let template = |path: &str| -> anyhow::Result<String> {
        rendered
            .get(&PathBuf::from(path))
            .cloned()
            .ok_or_else(|| anyhow::anyhow!("the templates have no {path}"))
    };
    // The fragments are in the templates' subset, so that they render as the templates do.
    let fragment = |name: &str, source: &str| {
        subset::render(source, &vars)
            .map_err(|e| anyhow::anyhow!("the fragment {name} does not render: {e}"))
    };
    let (lib, client) = (template(LIB)?, template(CLIENT)?);
    let new_lib = insert_after_line(&lib, "pub mod enums;", "pub mod errors;")?;
    let new_client = insert_before_line(&client, BUILD, ".error_mapper(crate::errors::map_error)")?;
    let old = Files::from([(PathBuf::from(LIB), lib), (PathBuf::from(CLIENT), client)]);
    let new = Files::from([
        (PathBuf::from(LIB), new_lib),
        (PathBuf::from(CLIENT), new_client),
        (errors, fragment("errors.rs", MODULE)?),
        (
            PathBuf::from("tests/errors.rs"),
            fragment("errors_test.rs", TEST)?,
        ),
    ]);
    Ok(Addition {
        kind: "error handler",
        names: vec!["map_error".to_owned()],
        old,
        new,
        answers: None,
    })
}

/// `text` with the line `line` after its (first) line that reads `after`.
fn insert_after_line(text: &str, after: &str, line: &str) -> anyhow::Result<String> {
    let start = text
        .find(&format!("\n{after}\n"))
        .ok_or_else(|| anyhow::anyhow!("the templates have no line `{after}`"))?;
    let at = start + after.len() + 2;
    Ok(format!("{}{line}\n{}", &text[..at], &text[at..]))
}

/// `text` with the line `line`, indented as the line that reads `before` (trimmed), before it.
fn insert_before_line(text: &str, before: &str, line: &str) -> anyhow::Result<String> {
    let mut offset = 0;
    for current in text.split_inclusive('\n') {
        if current.trim() == before {
            let indent = &current[..current.len() - current.trim_start().len()];
            return Ok(format!(
                "{}{indent}{line}\n{}",
                &text[..offset],
                &text[offset..]
            ));
        }
        offset += current.len();
    }
    anyhow::bail!("the templates have no line `{before}`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserts_lines_where_the_templates_have_their_neighbours() {
        let lib = "pub mod client;\npub mod enums;\npub mod integration;\n";
        assert_eq!(
            insert_after_line(lib, "pub mod enums;", "pub mod errors;").unwrap(),
            "pub mod client;\npub mod enums;\npub mod errors;\npub mod integration;\n"
        );
        let chain = "    let http = b()\n        .auth(auth)\n        .build()?;\n";
        assert_eq!(
            insert_before_line(chain, BUILD, ".error_mapper(f)").unwrap(),
            "    let http = b()\n        .auth(auth)\n        .error_mapper(f)\n        .build()?;\n"
        );
        assert!(insert_before_line("x\n", BUILD, "y").is_err());
    }
}
