//! Recognisable secrets and the forms they could leak in: the value itself, its base64
//! (standard and URL-safe alphabets, with and without padding, at any alignment inside a
//! longer base64 text) and its URL-encoded forms.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use base64::Engine;

/// A fresh marker: `prefix`, then characters that URL encoding changes (`+`, `/`, `=`, `.`
/// kept; `+`, `/` and `=` become `%2B`, `%2F`, `%3D`), then 16 random hex digits, so that no
/// output can contain it by chance and every encoded form differs from the plain one.
pub fn marker(prefix: &str) -> String {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write(prefix.as_bytes());
    format!("{prefix}+Sw/e=ep.{:016x}", hasher.finish())
}

/// One searched form of one secret.
#[derive(Debug, Clone)]
pub struct Needle {
    /// Which secret (its label).
    pub secret: String,
    /// Which form: `plain`, `base64 standard, offset 1`, `percent-encoded`...
    pub form: String,
    /// The text searched for.
    pub text: String,
}

/// Every form of a set of secrets.
#[derive(Debug, Clone, Default)]
pub struct Needles {
    needles: Vec<Needle>,
    /// Searches for all of them at once; built on first use after the last `add`.
    matcher: OnceLock<AhoCorasick>,
}

impl Needles {
    /// No needles yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `value` (labelled `label`) in every form.
    pub fn add(&mut self, label: &str, value: &str) {
        self.matcher = OnceLock::new();
        let mut push = |form: String, text: String| {
            if !text.is_empty() && !self.needles.iter().any(|n| n.text == text) {
                self.needles.push(Needle {
                    secret: label.to_owned(),
                    form,
                    text,
                });
            }
        };
        push("plain".to_owned(), value.to_owned());
        let bytes = value.as_bytes();
        for (name, engine) in [
            ("standard", &STANDARD),
            ("standard unpadded", &STANDARD_NO_PAD),
            ("URL-safe", &URL_SAFE),
            ("URL-safe unpadded", &URL_SAFE_NO_PAD),
        ] {
            push(format!("base64 {name}"), engine.encode(bytes));
        }
        // Inside a longer base64 text the secret starts at any offset modulo 3: the
        // characters that encode whole 3-byte groups of the secret alone are then fixed.
        for skip in 0..3 {
            let rest = &bytes[skip.min(bytes.len())..];
            let whole = &rest[..rest.len() / 3 * 3];
            for (name, engine) in [
                ("standard", &STANDARD_NO_PAD),
                ("URL-safe", &URL_SAFE_NO_PAD),
            ] {
                push(
                    format!("base64 {name} inside a longer text (offset {skip})"),
                    engine.encode(whole),
                );
            }
        }
        let percent =
            percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC)
                .to_string();
        push("percent-encoded".to_owned(), percent.clone());
        push(
            "percent-encoded, lower-case hex".to_owned(),
            lower_case_escapes(&percent),
        );
        push(
            "form-urlencoded".to_owned(),
            form_urlencoded::byte_serialize(bytes).collect(),
        );
    }

    /// Adds the base64 of `user:password` (an HTTP Basic credential) in every form.
    pub fn add_basic(&mut self, label: &str, user: &str, password: &str) {
        self.add(label, &format!("{user}:{password}"));
    }

    /// Every needle.
    pub fn all(&self) -> &[Needle] {
        &self.needles
    }

    /// The needles found in `text`, each once.
    pub fn find_in(&self, text: &[u8]) -> Vec<&Needle> {
        let matcher = self.matcher.get_or_init(|| {
            AhoCorasick::new(self.needles.iter().map(|n| n.text.as_bytes()))
                .expect("the needles make an automaton")
        });
        let mut found: Vec<usize> = matcher
            .find_overlapping_iter(text)
            .map(|m| m.pattern().as_usize())
            .collect();
        found.sort_unstable();
        found.dedup();
        found.into_iter().map(|i| &self.needles[i]).collect()
    }
}

/// `%2b` instead of `%2B`: some encoders write lower-case hex digits.
fn lower_case_escapes(encoded: &str) -> String {
    let mut out = String::with_capacity(encoded.len());
    let mut hex_left = 0;
    for c in encoded.chars() {
        if c == '%' {
            hex_left = 2;
            out.push(c);
        } else if hex_left > 0 {
            hex_left -= 1;
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}
