//! Python's `str()` and `repr()` of parsed JSON values: `{'error': 'x', 'ok': True}`.

use super::float::python_float_repr;
use super::value::{PyStr, PyValue};

/// Renders a JSON value exactly like Python's `str()` of the parsed value.
///
/// A top-level string is returned as-is (no quotes). Objects, arrays and nested strings use
/// Python literal notation: `{'key': [1, 2.0, None, True]}`, strings single-quoted unless they
/// contain `'` and no `"`, with `\\`, `\n`, `\r`, `\t` escaped and non-printable characters as
/// `\xNN` / `\uNNNN` / `\UNNNNNNNN`. Floats follow Python's `repr` (`1.0`, `1e+16`, `1.5e-07`).
pub fn python_repr(value: &serde_json::Value) -> String {
    python_str(&PyValue::from_json(value))
}

/// Python's `str()` of the value.
pub(crate) fn python_str(value: &PyValue) -> String {
    match value {
        PyValue::Str(s) => s.to_lossy_string(),
        other => {
            let mut out = String::new();
            write_repr(other, &mut out);
            out
        }
    }
}

/// Python's `repr()` of the value.
fn write_repr(value: &PyValue, out: &mut String) {
    match value {
        PyValue::None => out.push_str("None"),
        PyValue::Bool(true) => out.push_str("True"),
        PyValue::Bool(false) => out.push_str("False"),
        PyValue::Int(digits) => out.push_str(digits),
        PyValue::Float(f) => out.push_str(&python_float_repr(*f)),
        PyValue::Str(s) => write_str_repr(s, out),
        PyValue::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_repr(item, out);
            }
            out.push(']');
        }
        PyValue::Dict(entries) => {
            out.push('{');
            for (i, (key, item)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_str_repr(key, out);
                out.push_str(": ");
                write_repr(item, out);
            }
            out.push('}');
        }
    }
}

/// Python's `repr()` of a string.
fn write_str_repr(s: &PyStr, out: &mut String) {
    let has_single = s.0.contains(&u32::from('\''));
    let has_double = s.0.contains(&u32::from('"'));
    let quote = if has_single && !has_double { '"' } else { '\'' };
    out.push(quote);
    for &cp in &s.0 {
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

#[cfg(test)]
mod tests {
    //! Expected strings are what CPython 3 prints for `str()` of the same value, checked with
    //! a local interpreter.
    use super::python_repr;
    use serde_json::json;

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
}
