//! Message texts for upstream HTTP failures (protocol §5.7).
//!
//! The reference runtime is written in Python and renders upstream JSON error bodies with
//! Python's `str()`, so hosts and tests see `{'error': 'x', 'ok': True}` rather than JSON.
//! This module reproduces that rendering exactly. To keep integers of any size and the
//! special floats Python's `json` module accepts (`NaN`, `Infinity`), response bodies are read
//! with a small parser that follows Python's `json.loads` instead of going through
//! `serde_json::Value`.

use std::collections::HashMap;

use crate::python::python_float_repr;

/// Text appended when a text body is cut.
const TRUNCATED_SUFFIX: &str = "...(truncated)";
/// Number of characters of a text body kept in a message.
const TRUNCATE_AT: usize = 800;
/// Fixed text for HTML error pages (they are noise in a message).
const HTML_MESSAGE: &str = "Upstream HTML error response.";
/// Deepest JSON nesting the body parser accepts; deeper bodies are treated as text.
const MAX_DEPTH: usize = 512;

/// Renders a JSON value exactly like Python's `str()` of the parsed value.
///
/// A top-level string is returned as-is (no quotes). Objects, arrays and nested strings use
/// Python literal notation: `{'key': [1, 2.0, None, True]}`, strings single-quoted unless they
/// contain `'` and no `"`, with `\\`, `\n`, `\r`, `\t` escaped and non-printable characters as
/// `\xNN` / `\uNNNN` / `\UNNNNNNNN`. Floats follow Python's `repr` (`1.0`, `1e+16`, `1.5e-07`).
pub fn python_repr(value: &serde_json::Value) -> String {
    PyValue::from_json(value).to_python_str()
}

/// The message for an upstream HTTP failure (protocol §5.7), for example
/// `[404][https://api.example.com/users/7] {'error': 'not found'}`.
///
/// `<url>` is always `url` without userinfo, query string and fragment, so secrets carried in
/// the URL never reach the message. Rules, in order:
/// 1. the body is truthy JSON: its Python rendering ([`python_repr`]);
/// 2. the body is HTML (by `content_type` or its first tag): `Upstream HTML error response.`;
///    other text: whitespace runs collapsed to one space, cut at 800 characters plus
///    `...(truncated)`;
/// 3. the body is empty: `Server error '500 Internal Server Error' for url '<url>'` (or
///    `Client error ...`) followed by the reference's MDN pointer line.
///
/// The result is trimmed and never empty.
pub fn http_error_message(
    status: u16,
    url: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> String {
    let url = display_url(url);
    let message = match body_text(content_type, body) {
        Some(text) => format!("[{status}][{url}] {text}"),
        None => empty_body_message(status, &url),
    };
    let trimmed = python_trim(&message);
    if trimmed.is_empty() {
        "HTTPStatusError: (no message)".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// `url` without userinfo, query string and fragment: the form of a URL that may appear in
/// messages and logs.
pub fn display_url(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(mut parsed) => {
            // Both fail only for URLs that cannot carry userinfo; nothing to strip then.
            let _ = parsed.set_username("");
            let _ = parsed.set_password(None);
            parsed.set_query(None);
            parsed.set_fragment(None);
            parsed.to_string()
        }
        Err(_) => {
            let end = url.find(['?', '#']).unwrap_or(url.len());
            let url = &url[..end];
            match url.split_once("://") {
                Some((scheme, rest)) => {
                    let authority_end = rest.find('/').unwrap_or(rest.len());
                    match rest[..authority_end].rfind('@') {
                        Some(at) => format!("{scheme}://{}", &rest[at + 1..]),
                        None => url.to_owned(),
                    }
                }
                None => url.to_owned(),
            }
        }
    }
}

/// The text after `[status][url] `, or `None` for an empty body.
fn body_text(content_type: Option<&str>, body: &[u8]) -> Option<String> {
    if let Some(value) = parse_python_json(body) {
        if value.is_truthy() {
            return Some(value.to_python_str());
        }
    }
    if body.is_empty() {
        return None;
    }
    let text = String::from_utf8_lossy(body);
    if is_html(content_type, &text) {
        return Some(HTML_MESSAGE.to_owned());
    }
    Some(collapse_and_truncate(&text))
}

fn is_html(content_type: Option<&str>, text: &str) -> bool {
    if content_type.is_some_and(|ct| ct.to_ascii_lowercase().contains("text/html")) {
        return true;
    }
    let start: String = text
        .trim_start_matches(is_python_space)
        .chars()
        .take(9)
        .flat_map(char::to_lowercase)
        .collect();
    start.starts_with("<!doctype") || start.starts_with("<html")
}

fn collapse_and_truncate(text: &str) -> String {
    let collapsed = text
        .split(is_python_space)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    match collapsed.char_indices().nth(TRUNCATE_AT) {
        Some((cut, _)) => format!("{}{TRUNCATED_SUFFIX}", &collapsed[..cut]),
        None => collapsed,
    }
}

/// The HTTP client's own text for an error response without a body (the reference's httpx
/// wording), with the URL already stripped of its query string.
fn empty_body_message(status: u16, url: &str) -> String {
    let kind = match status / 100 {
        1 => "Informational response",
        2 => "Success response",
        3 => "Redirect response",
        4 => "Client error",
        5 => "Server error",
        _ => "Invalid status code",
    };
    let reason = reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("");
    format!(
        "{kind} '{status} {reason}' for url '{url}'\n\
         For more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/{status}"
    )
}

/// Python's `str.isspace`: Unicode White_Space plus the ASCII separators `\x1c`-`\x1f`.
fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Python's `str.strip()`.
fn python_trim(s: &str) -> &str {
    s.trim_matches(is_python_space)
}

/// A string as Python holds it: code points, where lone surrogates are allowed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct PyStr(Vec<u32>);

impl PyStr {
    fn from_str(s: &str) -> Self {
        Self(s.chars().map(u32::from).collect())
    }

    /// The text with lone surrogates replaced, as it can appear in UTF-8 output.
    fn to_lossy_string(&self) -> String {
        self.0
            .iter()
            .map(|&cp| char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect()
    }

    /// Python's `repr()` of the string.
    fn write_repr(&self, out: &mut String) {
        let has_single = self.0.contains(&u32::from('\''));
        let has_double = self.0.contains(&u32::from('"'));
        let quote = if has_single && !has_double { '"' } else { '\'' };
        out.push(quote);
        for &cp in &self.0 {
            match char::from_u32(cp) {
                Some(c) if c == quote || c == '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                Some('\t') => out.push_str("\\t"),
                Some('\n') => out.push_str("\\n"),
                Some('\r') => out.push_str("\\r"),
                Some(c) if cp < 0x20 || cp == 0x7f => push_hex_escape(out, 'x', 2, u32::from(c)),
                Some(c) if cp < 0x7f || is_python_printable(cp) => out.push(c),
                _ if cp <= 0xff => push_hex_escape(out, 'x', 2, cp),
                _ if cp <= 0xffff => push_hex_escape(out, 'u', 4, cp),
                _ => push_hex_escape(out, 'U', 8, cp),
            }
        }
        out.push(quote);
    }
}

fn push_hex_escape(out: &mut String, letter: char, width: usize, cp: u32) {
    out.push('\\');
    out.push(letter);
    out.push_str(&format!("{cp:0width$x}"));
}

/// Python's `str.isprintable()` for one non-ASCII code point: everything except the general
/// categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs.
fn is_python_printable(cp: u32) -> bool {
    use icu_properties::props::GeneralCategory as Gc;
    let category = icu_properties::CodePointMapData::<Gc>::new().get32(cp);
    !matches!(
        category,
        Gc::Control
            | Gc::Format
            | Gc::Surrogate
            | Gc::PrivateUse
            | Gc::Unassigned
            | Gc::LineSeparator
            | Gc::ParagraphSeparator
            | Gc::SpaceSeparator
    )
}

/// A value as Python's `json.loads` returns it.
#[derive(Debug, Clone, PartialEq)]
enum PyValue {
    None,
    Bool(bool),
    /// An integer of any size, as its canonical decimal text.
    Int(String),
    Float(f64),
    Str(PyStr),
    List(Vec<PyValue>),
    /// Key order is first insertion; a repeated key keeps its place and takes the last value.
    Dict(Vec<(PyStr, PyValue)>),
}

impl PyValue {
    fn from_json(value: &serde_json::Value) -> Self {
        use serde_json::Value;
        match value {
            Value::Null => Self::None,
            Value::Bool(b) => Self::Bool(*b),
            Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
                (Some(i), _, _) => Self::Int(i.to_string()),
                (None, Some(u), _) => Self::Int(u.to_string()),
                (None, None, Some(f)) => Self::Float(f),
                // Only reachable with serde_json's arbitrary precision: keep the digits.
                (None, None, None) => Self::Int(n.to_string()),
            },
            Value::String(s) => Self::Str(PyStr::from_str(s)),
            Value::Array(items) => Self::List(items.iter().map(Self::from_json).collect()),
            Value::Object(map) => Self::Dict(
                map.iter()
                    .map(|(k, v)| (PyStr::from_str(k), Self::from_json(v)))
                    .collect(),
            ),
        }
    }

    /// Python's `bool()` of the value.
    fn is_truthy(&self) -> bool {
        match self {
            Self::None => false,
            Self::Bool(b) => *b,
            Self::Int(digits) => digits != "0",
            Self::Float(f) => *f != 0.0,
            Self::Str(s) => !s.0.is_empty(),
            Self::List(items) => !items.is_empty(),
            Self::Dict(entries) => !entries.is_empty(),
        }
    }

    /// Python's `str()` of the value.
    fn to_python_str(&self) -> String {
        match self {
            Self::Str(s) => s.to_lossy_string(),
            other => {
                let mut out = String::new();
                other.write_repr(&mut out);
                out
            }
        }
    }

    /// Python's `repr()` of the value.
    fn write_repr(&self, out: &mut String) {
        match self {
            Self::None => out.push_str("None"),
            Self::Bool(true) => out.push_str("True"),
            Self::Bool(false) => out.push_str("False"),
            Self::Int(digits) => out.push_str(digits),
            Self::Float(f) => out.push_str(&python_float_repr(*f)),
            Self::Str(s) => s.write_repr(out),
            Self::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.write_repr(out);
                }
                out.push(']');
            }
            Self::Dict(entries) => {
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    key.write_repr(out);
                    out.push_str(": ");
                    value.write_repr(out);
                }
                out.push('}');
            }
        }
    }
}

/// Parses a response body the way Python's `json.loads(bytes)` does for UTF-8 input
/// (an initial BOM is skipped); `None` when Python would raise.
fn parse_python_json(body: &[u8]) -> Option<PyValue> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let text = std::str::from_utf8(body).ok()?;
    let mut parser = JsonParser {
        text,
        pos: 0,
        depth: 0,
    };
    parser.skip_whitespace();
    let value = parser.value()?;
    parser.skip_whitespace();
    (parser.pos == text.len()).then_some(value)
}

/// A recursive-descent parser with the acceptance rules of CPython's C JSON scanner.
struct JsonParser<'a> {
    text: &'a str,
    pos: usize,
    depth: usize,
}

impl JsonParser<'_> {
    fn bytes(&self) -> &[u8] {
        self.text.as_bytes()
    }

    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat_literal(&mut self, literal: &str) -> bool {
        if self.text[self.pos..].starts_with(literal) {
            self.pos += literal.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Option<PyValue> {
        match self.peek()? {
            b'"' => self.string().map(PyValue::Str),
            b'{' => self.nested(Self::object),
            b'[' => self.nested(Self::array),
            b'n' if self.eat_literal("null") => Some(PyValue::None),
            b't' if self.eat_literal("true") => Some(PyValue::Bool(true)),
            b'f' if self.eat_literal("false") => Some(PyValue::Bool(false)),
            b'N' if self.eat_literal("NaN") => Some(PyValue::Float(f64::NAN)),
            b'I' if self.eat_literal("Infinity") => Some(PyValue::Float(f64::INFINITY)),
            b'-' if self.eat_literal("-Infinity") => Some(PyValue::Float(f64::NEG_INFINITY)),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn nested(&mut self, parse: fn(&mut Self) -> Option<PyValue>) -> Option<PyValue> {
        if self.depth >= MAX_DEPTH {
            return None;
        }
        self.depth += 1;
        let value = parse(self);
        self.depth -= 1;
        value
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Option<PyValue> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek()? {
            b'0' => self.pos += 1,
            b'1'..=b'9' => {
                self.digits();
            }
            _ => return None,
        }
        let mut is_float = false;
        if self.peek() == Some(b'.') && matches!(self.bytes().get(self.pos + 1), Some(b'0'..=b'9'))
        {
            self.pos += 1;
            self.digits();
            is_float = true;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            // An exponent without digits is not part of the number (then "extra data" fails).
            let before_exponent = self.pos;
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() > 0 {
                is_float = true;
            } else {
                self.pos = before_exponent;
            }
        }
        let lexeme = &self.text[start..self.pos];
        if is_float {
            lexeme.parse().ok().map(PyValue::Float)
        } else if lexeme == "-0" {
            Some(PyValue::Int("0".to_owned()))
        } else {
            Some(PyValue::Int(lexeme.to_owned()))
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let hex = self.text.get(self.pos..self.pos + 4)?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.pos += 4;
        u32::from_str_radix(hex, 16).ok()
    }

    fn string(&mut self) -> Option<PyStr> {
        self.pos += 1; // opening quote
        let mut out = Vec::new();
        loop {
            let c = self.text[self.pos..].chars().next()?;
            self.pos += c.len_utf8();
            match c {
                '"' => return Some(PyStr(out)),
                '\\' => out.push(self.escape()?),
                c if u32::from(c) < 0x20 => return None,
                c => out.push(u32::from(c)),
            }
        }
    }

    fn escape(&mut self) -> Option<u32> {
        let c = self.peek()?;
        self.pos += 1;
        let simple = match c {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => return self.unicode_escape(),
            _ => return None,
        };
        Some(u32::from(simple))
    }

    fn unicode_escape(&mut self) -> Option<u32> {
        let high = self.hex4()?;
        if !(0xd800..=0xdbff).contains(&high) || !self.text[self.pos..].starts_with("\\u") {
            return Some(high);
        }
        let before_low = self.pos;
        self.pos += 2;
        let low = self.hex4()?;
        if (0xdc00..=0xdfff).contains(&low) {
            Some(0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00))
        } else {
            // Not a pair: keep the lone high surrogate and read the next escape on its own.
            self.pos = before_low;
            Some(high)
        }
    }

    fn array(&mut self) -> Option<PyValue> {
        self.pos += 1;
        self.skip_whitespace();
        let mut items = Vec::new();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Some(PyValue::List(items));
        }
        loop {
            items.push(self.value()?);
            self.skip_whitespace();
            match self.peek()? {
                b',' => {
                    self.pos += 1;
                    self.skip_whitespace();
                }
                b']' => {
                    self.pos += 1;
                    return Some(PyValue::List(items));
                }
                _ => return None,
            }
        }
    }

    fn object(&mut self) -> Option<PyValue> {
        self.pos += 1;
        self.skip_whitespace();
        let mut entries: Vec<(PyStr, PyValue)> = Vec::new();
        let mut index: HashMap<PyStr, usize> = HashMap::new();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Some(PyValue::Dict(entries));
        }
        loop {
            if self.peek()? != b'"' {
                return None;
            }
            let key = self.string()?;
            self.skip_whitespace();
            if self.peek()? != b':' {
                return None;
            }
            self.pos += 1;
            self.skip_whitespace();
            let value = self.value()?;
            match index.get(&key) {
                Some(&at) => entries[at].1 = value,
                None => {
                    index.insert(key.clone(), entries.len());
                    entries.push((key, value));
                }
            }
            self.skip_whitespace();
            match self.peek()? {
                b',' => {
                    self.pos += 1;
                    self.skip_whitespace();
                }
                b'}' => {
                    self.pos += 1;
                    return Some(PyValue::Dict(entries));
                }
                _ => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! Expected strings are what CPython 3 prints for the same input
    //! (`str(json.loads(body))`), checked with a local interpreter.
    use super::*;
    use serde_json::json;

    fn body_repr(body: &str) -> Option<String> {
        parse_python_json(body.as_bytes()).map(|v| v.to_python_str())
    }

    #[test]
    fn objects_and_scalars_use_python_literals() {
        let value = json!({"error": "x", "ok": true, "n": null, "list": [1, false, "a"]});
        assert_eq!(
            python_repr(&value),
            "{'error': 'x', 'ok': True, 'n': None, 'list': [1, False, 'a']}"
        );
        assert_eq!(python_repr(&json!("top level")), "top level");
        assert_eq!(python_repr(&json!(false)), "False");
        assert_eq!(python_repr(&json!(u64::MAX)), "18446744073709551615");
    }

    #[test]
    fn string_quotes_and_escapes() {
        assert_eq!(python_repr(&json!(["it's"])), r#"["it's"]"#);
        assert_eq!(python_repr(&json!(["it's \"q\""])), r#"['it\'s "q"']"#);
        assert_eq!(python_repr(&json!(["a\\b\n\r\t"])), r"['a\\b\n\r\t']");
        assert_eq!(python_repr(&json!(["\u{1}\u{7f}"])), r"['\x01\x7f']");
        assert_eq!(
            python_repr(&json!([
                "é€😀",
                "\u{a0}\u{ad}\u{200b}\u{2028}\u{e000}\u{10ffff}"
            ])),
            r"['é€😀', '\xa0\xad\u200b\u2028\ue000\U0010ffff']"
        );
    }

    #[test]
    fn floats_follow_python_repr() {
        let cases = [
            (1.0, "1.0"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (1.5e-7, "1.5e-07"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (123.456, "123.456"),
            (-0.0, "-0.0"),
            (1e100, "1e+100"),
            (-2.5e-300, "-2.5e-300"),
            (0.1, "0.1"),
            (12345678901234567.0, "1.2345678901234568e+16"),
        ];
        for (value, expected) in cases {
            assert_eq!(python_float_repr(value), expected, "{value:e}");
        }
    }

    #[test]
    fn body_parser_matches_python_json_loads() {
        assert_eq!(
            body_repr("[123456789012345678901234567890, -0, 1E2, 1e400, NaN, -Infinity]")
                .as_deref(),
            Some("[123456789012345678901234567890, 0, 100.0, inf, nan, -inf]")
        );
        assert_eq!(
            body_repr(r#"{"a": 1, "b": 2, "a": 3}"#).as_deref(),
            Some("{'a': 3, 'b': 2}")
        );
        assert_eq!(
            body_repr(r#"["\ud83d\ude00", "\ud800x", "\u00e9\/"]"#).as_deref(),
            Some(r"['😀', '\ud800x', 'é/']")
        );
        assert_eq!(body_repr("\u{feff} \"plain\"\n").as_deref(), Some("plain"));
        for invalid in [
            "{not json",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            "\"tab\there\"",
            "'single'",
            "",
            "1 2",
            "[\"\\x\"]",
        ] {
            assert_eq!(body_repr(invalid), None, "{invalid:?}");
        }
    }

    #[test]
    fn falsy_json_bodies_are_rendered_as_text() {
        for body in ["{}", "[]", "\"\"", "0", "0.0", "false", "null"] {
            let message = http_error_message(404, "http://h/x", None, body.as_bytes());
            assert_eq!(message, format!("[404][http://h/x] {body}"));
        }
    }

    #[test]
    fn html_detection_by_type_or_first_tag() {
        let html = "Upstream HTML error response.";
        let by_type = http_error_message(503, "http://h/", Some("Text/HTML; charset=utf-8"), b"x");
        assert!(by_type.ends_with(html));
        let by_tag = http_error_message(503, "http://h/", None, b"\n  <!DOCTYPE html><p>");
        assert!(by_tag.ends_with(html));
        let text = http_error_message(503, "http://h/", Some("text/plain"), b"see <html>");
        assert!(text.ends_with("see <html>"));
    }

    #[test]
    fn urls_lose_userinfo_query_and_fragment() {
        assert_eq!(
            display_url("https://user:pw@api.example.com:8443/a/b?token=s3cret#frag"),
            "https://api.example.com:8443/a/b"
        );
        assert_eq!(display_url("not a url?key=s3cret"), "not a url");
        assert_eq!(display_url("x://user:pw@host/p?q"), "x://host/p");
    }

    #[test]
    fn empty_body_uses_client_wording_without_query() {
        let message = http_error_message(404, "http://h/users?api_key=s3cret", None, b"");
        assert!(message.starts_with("Client error '404 Not Found' for url 'http://h/users'\n"));
        assert!(!message.contains("s3cret"));
    }
}
