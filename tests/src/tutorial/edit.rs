//! Edits of Rust files item by item: replace, add or remove named items (functions, types,
//! constants, methods of an `impl`), found by parsing the file with syn. An item spans from
//! its first attribute or doc comment to its last token, whole lines.

use std::ops::Range;

use syn::spanned::Spanned as _;

/// Where an item sits in a file: its name (`Name` or `Type::method`) and its lines (0-based,
/// end exclusive).
#[derive(Debug)]
struct Located {
    name: String,
    lines: Range<usize>,
}

/// Each inherent `impl`'s type name and the 0-based line of its closing brace.
type Impls = Vec<(String, usize)>;

/// The named items of `source`: top-level items, and the methods of inherent `impl`s as
/// `Type::method`; plus, for each `impl Type`, the line of its closing brace.
fn locate(source: &str) -> Result<(Vec<Located>, Impls), String> {
    let file = syn::parse_file(source).map_err(|error| {
        let at = error.span().start();
        format!(
            "does not parse as Rust ({error} at {}:{})",
            at.line, at.column
        )
    })?;
    let mut items = Vec::new();
    let mut impls = Vec::new();
    for item in &file.items {
        if let syn::Item::Impl(block) = item {
            if block.trait_.is_some() {
                continue;
            }
            let Some(ty) = type_name(&block.self_ty) else {
                continue;
            };
            for inner in &block.items {
                if let syn::ImplItem::Fn(method) = inner {
                    items.push(Located {
                        name: format!("{ty}::{}", method.sig.ident),
                        lines: lines(method.span()),
                    });
                }
            }
            impls.push((ty, block.span().end().line - 1));
            continue;
        }
        let name = match item {
            // A `use` is named by its text, e.g. `use common::first_page;`.
            syn::Item::Use(_) => {
                let range = lines(item.span());
                let text: Vec<&str> = source.lines().collect();
                Some(
                    text[range]
                        .iter()
                        .map(|l| l.trim())
                        .collect::<Vec<_>>()
                        .join(" "),
                )
            }
            other => item_name(other),
        };
        if let Some(name) = name {
            items.push(Located {
                name,
                lines: lines(item.span()),
            });
        }
    }
    Ok((items, impls))
}

fn lines(span: proc_macro2::Span) -> Range<usize> {
    span.start().line - 1..span.end().line
}

fn type_name(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

fn item_name(item: &syn::Item) -> Option<String> {
    let ident = match item {
        syn::Item::Fn(item) => &item.sig.ident,
        syn::Item::Struct(item) => &item.ident,
        syn::Item::Enum(item) => &item.ident,
        syn::Item::Const(item) => &item.ident,
        syn::Item::Static(item) => &item.ident,
        syn::Item::Type(item) => &item.ident,
        syn::Item::Trait(item) => &item.ident,
        syn::Item::Mod(item) => &item.ident,
        syn::Item::Macro(item) => item.ident.as_ref()?,
        _ => return None,
    };
    Some(ident.to_string())
}

/// An item of the tutorial's block: its name, text (whole lines) and line in the block.
struct Piece {
    /// `None` for a `use` item.
    name: Option<String>,
    text: String,
    line: usize,
}

/// The items of a block, each with its own text; methods of `impl Type { }` one by one.
fn pieces(block: &str) -> Result<Vec<Piece>, String> {
    let source: Vec<&str> = block.lines().collect();
    let text = |range: Range<usize>| -> String {
        source[range]
            .iter()
            .map(|line| format!("{line}\n"))
            .collect()
    };
    let file = syn::parse_file(block).map_err(|error| {
        let at = error.span().start();
        format!(
            "the block does not parse as Rust ({error} at its line {})",
            at.line
        )
    })?;
    let mut found = Vec::new();
    for item in &file.items {
        match item {
            syn::Item::Impl(block) if block.trait_.is_none() => {
                let ty = type_name(&block.self_ty).ok_or("an impl of an unnamed type")?;
                for inner in &block.items {
                    let syn::ImplItem::Fn(method) = inner else {
                        return Err(format!("impl {ty}: only methods can be edited"));
                    };
                    let range = lines(method.span());
                    found.push(Piece {
                        name: Some(format!("{ty}::{}", method.sig.ident)),
                        line: range.start + 1,
                        text: text(range),
                    });
                }
            }
            syn::Item::Use(_) => {
                let range = lines(item.span());
                found.push(Piece {
                    name: None,
                    line: range.start + 1,
                    text: text(range),
                });
            }
            other => {
                let range = lines(other.span());
                let name = item_name(other).ok_or_else(|| {
                    format!(
                        "the item at its line {} has no name to find it by",
                        range.start + 1
                    )
                })?;
                found.push(Piece {
                    name: Some(name),
                    line: range.start + 1,
                    text: text(range),
                });
            }
        }
    }
    Ok(found)
}

/// A failed edit: the line within the block it concerns (1-based), and what went wrong.
pub type Failure = (usize, String);

/// Replaces each item of `block` in `source` by name. Every item must exist.
pub fn replace(source: &str, block: &str) -> Result<String, Failure> {
    let mut out = source.to_owned();
    for piece in pieces(block).map_err(|e| (1, e))? {
        let Some(name) = piece.name else {
            return Err((
                piece.line,
                "a `use` cannot be replaced; add it instead".into(),
            ));
        };
        let (items, _) = locate(&out).map_err(|e| (piece.line, e))?;
        let Some(target) = items.iter().find(|item| item.name == name) else {
            return Err((piece.line, format!("there is no `{name}` to replace")));
        };
        out = splice(&out, target.lines.clone(), &piece.text);
    }
    Ok(out)
}

/// Adds the items of `block` to `source`. None may exist already.
pub fn add(source: &str, block: &str) -> Result<String, Failure> {
    let mut out = source.to_owned();
    for piece in pieces(block).map_err(|e| (1, e))? {
        let (items, impls) = locate(&out).map_err(|e| (piece.line, e))?;
        let line_count = out.lines().count();
        let (at, text) = match &piece.name {
            None => {
                let file = syn::parse_file(&out).map_err(|e| (piece.line, e.to_string()))?;
                let last_use = file
                    .items
                    .iter()
                    .filter(|item| matches!(item, syn::Item::Use(_)))
                    .map(|item| item.span().end().line)
                    .max()
                    .ok_or((piece.line, "the file has no `use` to add after".to_owned()))?;
                (last_use, piece.text.clone())
            }
            Some(name) if items.iter().any(|item| &item.name == name) => {
                return Err((piece.line, format!("`{name}` exists already; replace it")));
            }
            Some(name) => match name.split_once("::") {
                Some((ty, _)) => {
                    let Some((_, close)) = impls.iter().find(|(t, _)| t == ty) else {
                        return Err((piece.line, format!("there is no `impl {ty}` to add to")));
                    };
                    (*close, format!("\n{}", piece.text))
                }
                None => (line_count, format!("\n{}", piece.text)),
            },
        };
        out = splice(&out, at..at, &text);
    }
    Ok(out)
}

/// Removes the items named in `block`, one per line (`Name`, `Type::method`, or a whole
/// `use ...;` line).
pub fn remove(source: &str, block: &str) -> Result<String, Failure> {
    let mut out = source.to_owned();
    for (index, name) in block.lines().enumerate() {
        let name = name.trim();
        if name.is_empty() {
            continue;
        }
        let (items, _) = locate(&out).map_err(|e| (index + 1, e))?;
        let Some(target) = items.iter().find(|item| item.name == name) else {
            return Err((index + 1, format!("there is no `{name}` to remove")));
        };
        // The blank line before the item goes with it.
        let mut lines = target.lines.clone();
        let all: Vec<&str> = out.lines().collect();
        if lines.start > 0 && all[lines.start - 1].trim().is_empty() {
            lines.start -= 1;
        }
        out = splice(&out, lines, "");
    }
    Ok(out)
}

/// `source` with its lines `lines` replaced by `text` (whole lines, each ending in `\n`).
fn splice(source: &str, lines: Range<usize>, text: &str) -> String {
    let all: Vec<&str> = source.lines().collect();
    let mut out = String::with_capacity(source.len() + text.len());
    for line in &all[..lines.start.min(all.len())] {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(text);
    for line in &all[lines.end.min(all.len())..] {
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "use a::b;\n\n/// Doc.\npub fn one() -> u8 {\n    1\n}\n\nstruct S;\n\nimpl S {\n    /// M.\n    fn m(&self) {}\n}\n";

    #[test]
    fn replace_swaps_items_and_methods_with_their_docs() {
        let block = "/// New doc.\npub fn one() -> u8 {\n    2\n}\n\nimpl S {\n    fn m(&self) {\n        one();\n    }\n}\n";
        let out = replace(FILE, block).unwrap();
        assert_eq!(
            out,
            "use a::b;\n\n/// New doc.\npub fn one() -> u8 {\n    2\n}\n\nstruct S;\n\nimpl S {\n    fn m(&self) {\n        one();\n    }\n}\n"
        );
        assert_eq!(
            replace(FILE, "\nfn two() {}\n").unwrap_err(),
            (2, "there is no `two` to replace".to_owned())
        );
    }

    #[test]
    fn add_places_uses_methods_and_items() {
        let block = "use c::d;\n\nimpl S {\n    fn n(&self) {}\n}\n\nconst K: u8 = 1;\n";
        let out = add(FILE, block).unwrap();
        assert_eq!(
            out,
            "use a::b;\nuse c::d;\n\n/// Doc.\npub fn one() -> u8 {\n    1\n}\n\nstruct S;\n\nimpl S {\n    /// M.\n    fn m(&self) {}\n\n    fn n(&self) {}\n}\n\nconst K: u8 = 1;\n"
        );
        assert_eq!(
            add(FILE, "struct S;\n").unwrap_err(),
            (1, "`S` exists already; replace it".to_owned())
        );
    }

    #[test]
    fn remove_deletes_named_items_and_the_blank_line_before() {
        let out = remove(FILE, "one\nS::m\nuse a::b;\n").unwrap();
        assert_eq!(out, "\nstruct S;\n\nimpl S {\n}\n");
        assert_eq!(
            remove(FILE, "one\ngone\n").unwrap_err(),
            (2, "there is no `gone` to remove".to_owned())
        );
    }
}
