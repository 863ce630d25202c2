//! Python's `json.dumps(value, sort_keys=True, ensure_ascii=True)`, which the protocol uses
//! for `info` (with `", "`/`": "` separators) and for request fingerprints (with `","`/`":"`).

use serde_json::{Number, Value};

use super::float::python_float_repr;

/// How [`dumps`] lays out the text.
pub(crate) struct Style {
    /// Between array items and object members.
    pub item_separator: &'static str,
    /// Between a key and its value.
    pub key_separator: &'static str,
    /// Whether object members whose value is null are left out (fingerprints).
    pub drop_null_members: bool,
}

/// Keys sorted at every level, every non-ASCII character escaped as `\uXXXX` (surrogate
/// pairs above U+FFFF), floats as Python's `repr`.
pub(crate) fn dumps(value: &Value, style: &Style) -> String {
    let mut out = String::new();
    write_value(value, style, &mut out);
    out
}

pub(crate) fn write_value(value: &Value, style: &Style, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(number) => write_number(number, out),
        Value::String(text) => write_string(text, out),
        Value::Array(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push_str(style.item_separator);
                }
                write_value(item, style, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            // Byte order of UTF-8 keys equals Python's code-point order.
            let mut entries: Vec<(&String, &Value)> = map
                .iter()
                .filter(|(_, item)| !(style.drop_null_members && item.is_null()))
                .collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (index, (key, item)) in entries.into_iter().enumerate() {
                if index > 0 {
                    out.push_str(style.item_separator);
                }
                write_string(key, out);
                out.push_str(style.key_separator);
                write_value(item, style, out);
            }
            out.push('}');
        }
    }
}

fn write_number(number: &Number, out: &mut String) {
    if let Some(float) = number.as_f64().filter(|_| number.is_f64()) {
        out.push_str(&python_float_repr(float));
    } else {
        out.push_str(&number.to_string());
    }
}

/// A JSON string as Python's `json.dumps(ensure_ascii=True)` writes it: only printable
/// ASCII (space to `~`) stays literal.
pub(crate) fn write_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0C}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
}
