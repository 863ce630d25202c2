//! The lists inside one item that `add` grows: method chains (the capability registrations of
//! `integration()`), arrays (`SCOPES`), `vec![...]` (the declared types) and the named fields
//! of a struct. Found with syn wherever they sit in the item, so the author's formatting and
//! the code around them do not matter.

use std::ops::Range;

use quote::ToTokens;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::Visit;

use super::source::Source;

/// One list: its elements in order, and where an element goes when none is left to follow.
#[derive(Debug)]
pub struct Sequence {
    /// What kind of list and which one of that kind in the item (`chain:build:0`, `array:1`).
    pub key: String,
    /// The elements.
    pub elements: Vec<Element>,
    /// Whether elements are separated by commas (all but chains).
    pub commas: bool,
    /// Just after what precedes the first element (a chain's head, an opening bracket).
    pub head_end: usize,
}

/// One element: its tokens (for matching, formatting ignored) and its byte range.
#[derive(Debug)]
pub struct Element {
    /// Normalized tokens.
    pub tokens: String,
    /// Byte range in the file.
    pub range: Range<usize>,
}

/// The lists of an item, in the order they appear.
pub fn of_item(source: &Source<'_>, item: &syn::Item) -> Vec<Sequence> {
    let mut finder = Finder {
        source,
        found: Vec::new(),
    };
    finder.visit_item(item);
    finder.found
}

/// The lists of an item of an `impl` block, in the order they appear.
pub fn of_impl_item(source: &Source<'_>, item: &syn::ImplItem) -> Vec<Sequence> {
    let mut finder = Finder {
        source,
        found: Vec::new(),
    };
    finder.visit_impl_item(item);
    finder.found
}

/// Collects the lists while visiting an item.
pub struct Finder<'s, 'a> {
    source: &'s Source<'a>,
    found: Vec<Sequence>,
}

impl Finder<'_, '_> {
    fn key(&self, kind: &str) -> String {
        let n = self
            .found
            .iter()
            .filter(|s| s.key.starts_with(&format!("{kind}:")))
            .count();
        format!("{kind}:{n}")
    }

    fn element(&self, node: &impl ToTokens) -> Element {
        Element {
            tokens: node.to_token_stream().to_string(),
            range: self.source.range(node.span()),
        }
    }
}

impl<'ast> Visit<'ast> for Finder<'_, '_> {
    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        let mut calls = vec![call];
        let mut head = &*call.receiver;
        while let syn::Expr::MethodCall(inner) = head {
            calls.push(inner);
            head = &*inner.receiver;
        }
        calls.reverse();
        let elements = calls
            .iter()
            .map(|c| {
                let mut tokens = c.method.to_string();
                if let Some(turbofish) = &c.turbofish {
                    tokens.push_str(&turbofish.to_token_stream().to_string());
                }
                tokens.push_str(&format!("({})", c.args.to_token_stream()));
                Element {
                    tokens,
                    range: self.source.offset(c.dot_token.span.start())
                        ..self.source.offset(c.paren_token.span.close().end()),
                }
            })
            .collect();
        let key = self.key(&format!("chain:{}", call.method));
        self.found.push(Sequence {
            key,
            elements,
            commas: false,
            head_end: self.source.range(head.span()).end,
        });
        self.visit_expr(head);
        for c in calls {
            for arg in &c.args {
                self.visit_expr(arg);
            }
        }
    }

    fn visit_expr_array(&mut self, array: &'ast syn::ExprArray) {
        let sequence = Sequence {
            key: self.key("array"),
            elements: array.elems.iter().map(|e| self.element(e)).collect(),
            commas: true,
            head_end: self.source.offset(array.bracket_token.span.open().end()),
        };
        self.found.push(sequence);
        syn::visit::visit_expr_array(self, array);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        if !mac.path.is_ident("vec") {
            return;
        }
        let parser = Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated;
        let Ok(elements) = syn::parse::Parser::parse2(parser, mac.tokens.clone()) else {
            return;
        };
        let open = match &mac.delimiter {
            syn::MacroDelimiter::Bracket(b) => b.span.open(),
            syn::MacroDelimiter::Paren(p) => p.span.open(),
            syn::MacroDelimiter::Brace(b) => b.span.open(),
        };
        let sequence = Sequence {
            key: self.key("vec"),
            elements: elements.iter().map(|e| self.element(e)).collect(),
            commas: true,
            head_end: self.source.offset(open.end()),
        };
        self.found.push(sequence);
        for element in &elements {
            self.visit_expr(element);
        }
    }

    fn visit_fields_named(&mut self, fields: &'ast syn::FieldsNamed) {
        let sequence = Sequence {
            key: self.key("fields"),
            elements: fields.named.iter().map(|f| self.element(f)).collect(),
            commas: true,
            head_end: self.source.offset(fields.brace_token.span.open().end()),
        };
        self.found.push(sequence);
        syn::visit::visit_fields_named(self, fields);
    }
}
