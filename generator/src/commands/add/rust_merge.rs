//! Merging what the templates add to a Rust file into the author's version of it.
//!
//! `old` and `new` are the file as the templates render it before and after the addition;
//! `ours` is the author's. The three are parsed with syn and compared item by item, each item
//! known by its kind and name (`fn list_accounts`, `impl Client`, a `use` by its whole path),
//! never by its position or formatting:
//! - an item only `new` has is inserted after the item that precedes it in `new` (found in
//!   `ours` by name), else before the one that follows it, else at the end;
//! - an item both have but the templates changed is replaced when the author left it as
//!   rendered; otherwise what grew is grown in the author's version: the items of an `impl`,
//!   the calls of a method chain, the elements of an array or `vec!`, the fields of a struct.
//!   That last merge is first tried on `old`: unless it gives exactly `new`, the item is
//!   refused rather than guessed;
//! - a `use` only `old` has (the templates replaced it) is removed if the author kept it.
//!
//! The inserted text is the templates' own, so it is rustfmt-clean where the author's file is.

use std::ops::Range;

use proc_macro2::Span;
use quote::ToTokens;
use syn::spanned::Spanned;

use super::sequences::{self, Sequence};
use super::source::Source;

/// A change that cannot be placed in the author's file, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unplaced(pub String);

/// One edit of a file's text: `range` becomes `text`.
#[derive(Debug, Clone)]
struct Edit {
    range: Range<usize>,
    text: String,
}

/// `ours` with what the templates added between `old` and `new`.
pub fn merge(old: &str, new: &str, ours: &str) -> Result<String, Unplaced> {
    let parse = |text: &str, whose: &str| {
        syn::parse_file(text).map_err(|e| {
            let at = e.span().start();
            Unplaced(format!(
                "{whose} does not parse as Rust (line {}, column {}: {e})",
                at.line,
                at.column + 1
            ))
        })
    };
    let (old_file, new_file) = (parse(old, "the template")?, parse(new, "the template")?);
    let ours_file = parse(ours, "your version")?;
    let sources = Sources {
        old: Source::new(old),
        new: Source::new(new),
        ours: Source::new(ours),
    };
    let mut edits = Vec::new();
    merge_list(
        &sources,
        &entries(&old_file.items),
        &entries(&new_file.items),
        &entries(&ours_file.items),
        ours.len(),
        &mut edits,
    )?;
    let merged = apply(ours, edits)?;
    if let Err(e) = syn::parse_file(&merged) {
        return Err(Unplaced(format!(
            "the merged file would not parse ({e}); this is a bug in connector-new"
        )));
    }
    Ok(merged)
}

struct Sources<'a> {
    old: Source<'a>,
    new: Source<'a>,
    ours: Source<'a>,
}

/// A top-level item or an item of an `impl` block.
#[derive(Clone)]
enum Member {
    Item(Box<syn::Item>),
    ImplItem(Box<syn::ImplItem>),
}

/// An item known by its kind and name.
struct Entry {
    key: String,
    tokens: String,
    span: Span,
    member: Member,
}

impl Entry {
    fn describe(&self) -> String {
        format!("`{}`", self.key)
    }

    fn is_use(&self) -> bool {
        matches!(&self.member, Member::Item(item) if matches!(**item, syn::Item::Use(_)))
    }

    fn children(&self) -> Option<(Vec<Entry>, Span)> {
        let Member::Item(item) = &self.member else {
            return None;
        };
        match &**item {
            syn::Item::Impl(block) => Some((
                block
                    .items
                    .iter()
                    .map(|i| Entry::impl_item(i.clone()))
                    .collect(),
                block.brace_token.span.close(),
            )),
            syn::Item::Mod(module) => module
                .content
                .as_ref()
                .map(|(brace, items)| (entries(items), brace.span.close())),
            _ => None,
        }
    }

    fn sequences(&self, source: &Source<'_>) -> Vec<Sequence> {
        match &self.member {
            Member::Item(item) => sequences::of_item(source, item),
            Member::ImplItem(item) => sequences::of_impl_item(source, item),
        }
    }

    fn impl_item(item: syn::ImplItem) -> Self {
        let tokens = item.to_token_stream().to_string();
        let key = match &item {
            syn::ImplItem::Fn(f) => format!("fn {}", f.sig.ident),
            syn::ImplItem::Const(c) => format!("const {}", c.ident),
            syn::ImplItem::Type(t) => format!("type {}", t.ident),
            _ => tokens.clone(),
        };
        Self {
            key,
            tokens,
            span: item.span(),
            member: Member::ImplItem(Box::new(item)),
        }
    }
}

fn entries(items: &[syn::Item]) -> Vec<Entry> {
    items
        .iter()
        .map(|item| {
            let tokens = item.to_token_stream().to_string();
            let named = |kind: &str, ident: &syn::Ident| format!("{kind} {ident}");
            let key = match item {
                syn::Item::Fn(f) => named("fn", &f.sig.ident),
                syn::Item::Const(c) => named("const", &c.ident),
                syn::Item::Static(s) => named("static", &s.ident),
                syn::Item::Struct(s) => named("struct", &s.ident),
                syn::Item::Enum(e) => named("enum", &e.ident),
                syn::Item::Union(u) => named("union", &u.ident),
                syn::Item::Type(t) => named("type", &t.ident),
                syn::Item::Trait(t) => named("trait", &t.ident),
                syn::Item::Mod(m) => named("mod", &m.ident),
                syn::Item::Impl(block) => {
                    let mut key = String::from("impl ");
                    if let Some((_, path, _)) = &block.trait_ {
                        key.push_str(&path.to_token_stream().to_string());
                        key.push_str(" for ");
                    }
                    key.push_str(&block.self_ty.to_token_stream().to_string());
                    key
                }
                syn::Item::Use(u) => format!("use {}", u.tree.to_token_stream()),
                _ => tokens.clone(),
            };
            Entry {
                key,
                tokens,
                span: item.span(),
                member: Member::Item(Box::new(item.clone())),
            }
        })
        .collect()
}

fn find<'e>(list: &'e [Entry], key: &str) -> Option<&'e Entry> {
    list.iter().find(|e| e.key == key)
}

/// Merges one list of items (a file's, an `impl`'s or a module's); `append_at` is where an
/// item goes when nothing around it is found.
fn merge_list(
    sources: &Sources<'_>,
    old: &[Entry],
    new: &[Entry],
    ours: &[Entry],
    append_at: usize,
    edits: &mut Vec<Edit>,
) -> Result<(), Unplaced> {
    let (new_src, ours_src) = (&sources.new, &sources.ours);
    for (j, n) in new.iter().enumerate() {
        let lines = new_src.item_lines(new_src.range(n.span));
        let text = &new_src.text[lines.clone()];
        match find(old, &n.key) {
            Some(o) if o.tokens == n.tokens => {}
            Some(o) => {
                let Some(u) = find(ours, &n.key) else {
                    return Err(Unplaced(format!(
                        "{} is not there any more, and the templates change it",
                        n.describe()
                    )));
                };
                if u.tokens == n.tokens {
                    continue;
                }
                if u.tokens == o.tokens {
                    edits.push(Edit {
                        range: ours_src.item_lines(ours_src.range(u.span)),
                        text: text.to_owned(),
                    });
                    continue;
                }
                merge_changed(sources, o, n, u, edits)?;
            }
            None => {
                if find(ours, &n.key).is_some() {
                    if n.is_use() {
                        continue;
                    }
                    return Err(Unplaced(format!(
                        "it already has {}, which the templates would add",
                        n.describe()
                    )));
                }
                let blank_before = new_src.blank_line_before(lines.start);
                let preceding = new[..j].iter().rev().find_map(|p| find(ours, &p.key));
                let following = new[j + 1..].iter().find_map(|f| find(ours, &f.key));
                let edit = if let Some(p) = preceding {
                    let end = ours_src.range(p.span).end;
                    let at = ours_src.line_end(end.saturating_sub(1));
                    let gap = if blank_before { "\n" } else { "" };
                    Edit {
                        range: at..at,
                        text: format!("{gap}{text}"),
                    }
                } else if let Some(f) = following {
                    let at = ours_src.item_lines(ours_src.range(f.span)).start;
                    let gap = if new_src.text[lines.end..].starts_with('\n') {
                        "\n"
                    } else {
                        ""
                    };
                    Edit {
                        range: at..at,
                        text: format!("{text}{gap}"),
                    }
                } else {
                    let at = append_at;
                    let before = &ours_src.text[..at];
                    let gap = if before.is_empty() || before.ends_with("\n\n") || !blank_before {
                        ""
                    } else {
                        "\n"
                    };
                    Edit {
                        range: at..at,
                        text: format!("{gap}{text}"),
                    }
                };
                edits.push(edit);
            }
        }
    }
    // A `use` the templates replaced (by a wider one) goes where the author left it as is.
    for o in old.iter().filter(|o| o.is_use()) {
        if find(new, &o.key).is_none() {
            if let Some(u) = find(ours, &o.key) {
                edits.push(Edit {
                    range: ours_src.item_lines(ours_src.range(u.span)),
                    text: String::new(),
                });
            }
        }
    }
    Ok(())
}

/// Merges an item the templates changed and the author changed too.
fn merge_changed(
    sources: &Sources<'_>,
    o: &Entry,
    n: &Entry,
    u: &Entry,
    edits: &mut Vec<Edit>,
) -> Result<(), Unplaced> {
    if let (Some((old_items, _)), Some((new_items, _)), Some((our_items, close))) =
        (o.children(), n.children(), u.children())
    {
        let append_at = sources.ours.line_start(sources.ours.offset(close.start()));
        return merge_list(
            sources, &old_items, &new_items, &our_items, append_at, edits,
        );
    }
    let refuse = || {
        Unplaced(format!(
            "the templates change {} in a way that cannot be merged into your version of it",
            n.describe()
        ))
    };
    let old_seqs = o.sequences(&sources.old);
    let new_seqs = n.sequences(&sources.new);
    // Tried on the templates' own version first: the same edits must turn `old` into `new`.
    let old_range = sources.old.item_lines(sources.old.range(o.span));
    let trial = grow(&sources.new, &old_seqs, &new_seqs, &sources.old, &old_seqs)?;
    let shifted = trial
        .into_iter()
        .map(|e| Edit {
            range: e.range.start - old_range.start..e.range.end - old_range.start,
            text: e.text,
        })
        .collect();
    let tried = apply(&sources.old.text[old_range], shifted).map_err(|_| refuse())?;
    let same = match &n.member {
        Member::Item(_) => syn::parse_str::<syn::Item>(&tried).map(|i| i.to_token_stream()),
        Member::ImplItem(_) => syn::parse_str::<syn::ImplItem>(&tried).map(|i| i.to_token_stream()),
    }
    .is_ok_and(|tokens| tokens.to_string() == n.tokens);
    if !same {
        return Err(refuse());
    }
    let our_seqs = u.sequences(&sources.ours);
    edits.extend(grow(
        &sources.new,
        &old_seqs,
        &new_seqs,
        &sources.ours,
        &our_seqs,
    )?);
    Ok(())
}

/// The edits that add to `target`'s lists the elements `new`'s lists have and `old`'s lack.
fn grow(
    new_src: &Source<'_>,
    old: &[Sequence],
    new: &[Sequence],
    target_src: &Source<'_>,
    target: &[Sequence],
) -> Result<Vec<Edit>, Unplaced> {
    let mut edits = Vec::new();
    for n in new {
        let o = old.iter().find(|s| s.key == n.key);
        for (j, element) in n.elements.iter().enumerate() {
            let known = |seq: Option<&Sequence>| {
                seq.is_some_and(|s| s.elements.iter().any(|e| e.tokens == element.tokens))
            };
            if known(o) {
                continue;
            }
            let Some(t) = target.iter().find(|s| s.key == n.key) else {
                return Err(Unplaced(format!(
                    "cannot find the list `{}` grows ({})",
                    element_text(new_src, element),
                    n.key
                )));
            };
            if known(Some(t)) {
                continue;
            }
            edits.push(place(new_src, n, j, target_src, t)?);
        }
    }
    Ok(edits)
}

fn element_text<'a>(source: &'a Source<'_>, element: &sequences::Element) -> &'a str {
    &source.text[element.range.clone()]
}

/// Where and how element `j` of `n` goes into `t`.
fn place(
    new_src: &Source<'_>,
    n: &Sequence,
    j: usize,
    target_src: &Source<'_>,
    t: &Sequence,
) -> Result<Edit, Unplaced> {
    let element = &n.elements[j];
    let inline = element_text(new_src, element);
    // The element's own lines in `new` (with its comma), when it has lines of its own there.
    let end = if n.commas {
        new_src
            .after_comma(element.range.end)
            .unwrap_or(element.range.end)
    } else {
        element.range.end
    };
    let own_lines = (new_src.starts_line(element.range.start) && new_src.ends_line(end))
        .then(|| &new_src.text[new_src.line_start(element.range.start)..new_src.line_end(end)]);
    let in_target = |e: &sequences::Element| {
        t.elements
            .iter()
            .find(|x| x.tokens == e.tokens)
            .map(|x| x.range.clone())
    };
    let preceding = n.elements[..j].iter().rev().find_map(in_target);
    let following = n.elements[j + 1..].iter().find_map(in_target);
    let after = |end: usize| -> Edit {
        let comma = if t.commas {
            target_src.after_comma(end)
        } else {
            None
        };
        let end_with_comma = comma.unwrap_or(end);
        match own_lines {
            Some(lines)
                if target_src.ends_line(end_with_comma) && (comma.is_some() || !t.commas) =>
            {
                let at = target_src.line_end(end_with_comma);
                Edit {
                    range: at..at,
                    text: lines.to_owned(),
                }
            }
            _ if !t.commas => Edit {
                range: end..end,
                text: inline.to_owned(),
            },
            _ => match comma {
                Some(at) => Edit {
                    range: at..at,
                    text: format!(" {inline},"),
                },
                None => Edit {
                    range: end..end,
                    text: format!(", {inline}"),
                },
            },
        }
    };
    if let Some(p) = preceding {
        return Ok(after(p.end));
    }
    if let Some(f) = following {
        return Ok(match own_lines {
            Some(lines) if target_src.starts_line(f.start) => {
                let at = target_src.line_start(f.start);
                Edit {
                    range: at..at,
                    text: lines.to_owned(),
                }
            }
            _ => Edit {
                range: f.start..f.start,
                text: if t.commas {
                    format!("{inline}, ")
                } else {
                    inline.to_owned()
                },
            },
        });
    }
    if !t.commas {
        return Ok(after(t.head_end));
    }
    Err(Unplaced(format!(
        "cannot tell where `{inline}` goes: none of its neighbours in the templates is in your version ({})",
        n.key
    )))
}

/// Applies non-overlapping edits; edits at the same place keep their order.
fn apply(text: &str, mut edits: Vec<Edit>) -> Result<String, Unplaced> {
    edits.sort_by_key(|e| e.range.start);
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for edit in edits {
        if edit.range.start < done {
            return Err(Unplaced(
                "two changes of the templates touch the same lines".to_owned(),
            ));
        }
        out.push_str(&text[done..edit.range.start]);
        out.push_str(&edit.text);
        done = edit.range.end;
    }
    out.push_str(&text[done..]);
    Ok(out)
}

#[cfg(test)]
mod tests;
