//! Python's `json.loads` for response bodies: integers of any size, `NaN` and `Infinity`,
//! lone surrogates and repeated keys are read as CPython reads them, which
//! `serde_json::Value` cannot represent.

use std::collections::HashMap;

use super::value::{PyStr, PyValue};

/// Deepest JSON nesting the parser accepts; deeper bodies are treated as not JSON.
const MAX_DEPTH: usize = 512;

/// Parses a response body the way Python's `json.loads(bytes)` does for UTF-8 input
/// (an initial BOM is skipped); `None` when Python would raise.
pub(crate) fn loads(body: &[u8]) -> Option<PyValue> {
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

    /// Consumes the opening bracket and reports whether `close` follows at once (an empty
    /// container, then consumed too).
    fn open(&mut self, close: u8) -> bool {
        self.pos += 1;
        self.skip_whitespace();
        let empty = self.peek() == Some(close);
        if empty {
            self.pos += 1;
        }
        empty
    }

    /// After an item: `Some(true)` when a `,` announces another one, `Some(false)` when
    /// `close` ends the container, `None` for anything else.
    fn next_item(&mut self, close: u8) -> Option<bool> {
        self.skip_whitespace();
        let more = match self.peek()? {
            b',' => true,
            c if c == close => false,
            _ => return None,
        };
        self.pos += 1;
        if more {
            self.skip_whitespace();
        }
        Some(more)
    }

    fn array(&mut self) -> Option<PyValue> {
        let mut items = Vec::new();
        if !self.open(b']') {
            loop {
                items.push(self.value()?);
                if !self.next_item(b']')? {
                    break;
                }
            }
        }
        Some(PyValue::List(items))
    }

    fn object(&mut self) -> Option<PyValue> {
        let mut entries: Vec<(PyStr, PyValue)> = Vec::new();
        let mut index: HashMap<PyStr, usize> = HashMap::new();
        if !self.open(b'}') {
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
                if !self.next_item(b'}')? {
                    break;
                }
            }
        }
        Some(PyValue::Dict(entries))
    }
}

#[cfg(test)]
mod tests {
    //! Expected strings are what CPython 3 prints for `str(json.loads(body))`, checked with a
    //! local interpreter.
    use super::loads;
    use crate::python::repr::python_str;

    fn body_repr(body: &str) -> Option<String> {
        loads(body.as_bytes()).map(|v| python_str(&v))
    }

    #[test]
    fn matches_python_json_loads() {
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
        assert_eq!(body_repr(" [ ] ").as_deref(), Some("[]"));
        assert_eq!(body_repr("{ }").as_deref(), Some("{}"));
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
}
