//! The `info` serialization (protocol §9.1): Python's `json.dumps(value, sort_keys=True)`.

use serde_json::{Number, Value};

use super::python_float::python_float_repr;

/// Serializes `value` the way the reference prints `info`: keys sorted at every level,
/// `", "` and `": "` separators on one line, every non-ASCII character escaped as `\uXXXX`
/// (surrogate pairs above U+FFFF), floats formatted like Python's `repr`, nulls kept.
///
/// No trailing newline is added; the runner prints one.
pub fn to_info_json(value: &Value) -> String {
    let mut out = String::new();
    write_value(value, &mut out);
    out
}

fn write_value(value: &Value, out: &mut String) {
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
                    out.push_str(", ");
                }
                write_value(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            // Byte order of UTF-8 keys equals Python's code-point order.
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (index, (key, item)) in entries.into_iter().enumerate() {
                if index > 0 {
                    out.push_str(", ");
                }
                write_string(key, out);
                out.push_str(": ");
                write_value(item, out);
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
fn write_string(text: &str, out: &mut String) {
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

#[cfg(test)]
mod tests {
    use super::to_info_json;
    use serde_json::json;

    // Expected strings are CPython's `json.dumps(value, sort_keys=True)` output.
    #[test]
    fn escapes_like_python_ensure_ascii() {
        let value = json!("\u{7f}\u{1f}\u{e9}\u{1F600}\t\"\\/\u{8}\u{c}\r\n");
        assert_eq!(
            to_info_json(&value),
            r#""\u007f\u001f\u00e9\ud83d\ude00\t\"\\/\b\f\r\n""#
        );
    }

    #[test]
    fn sorts_keys_and_uses_python_separators() {
        let value = json!({"b": [1, 2.0, null], "a": {"y": true, "x": {}}, "c": []});
        assert_eq!(
            to_info_json(&value),
            r#"{"a": {"x": {}, "y": true}, "b": [1, 2.0, null], "c": []}"#
        );
    }
}
