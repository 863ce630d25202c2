//! The `info` serialization (protocol §9.1): Python's `json.dumps(value, sort_keys=True)`.

use serde_json::Value;

use crate::python::{dumps, Style};

/// Serializes `value` the way the reference prints `info`: keys sorted at every level,
/// `", "` and `": "` separators on one line, every non-ASCII character escaped as `\uXXXX`
/// (surrogate pairs above U+FFFF), floats formatted like Python's `repr`, nulls kept.
///
/// No trailing newline is added; the runner prints one.
pub fn to_info_json(value: &Value) -> String {
    dumps(value, &INFO_STYLE)
}

/// The layout of `info`.
pub(crate) const INFO_STYLE: Style = Style {
    item_separator: ", ",
    key_separator: ": ",
    drop_null_members: false,
};

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
