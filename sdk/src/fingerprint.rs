//! Request fingerprints (SHA-256 of canonical JSON).
//!
//! A write capability's `execution_summary.request_fingerprint` identifies the request so the
//! host can recognise a retry (protocol README §4.3). The canonical JSON is what the
//! reference's `json.dumps(payload, sort_keys=True, separators=(",", ":"))` prints for the
//! payload without its null members, so fingerprints match across runtimes.
//!
//! ```
//! use connector_sdk::fingerprint::{canonical_json, request_fingerprint};
//! use serde_json::json;
//!
//! let payload = json!({"given_name": "Zoë", "email": "new@example.com", "manager": null});
//! assert_eq!(
//!     canonical_json(&payload, &[]),
//!     r#"{"email":"new@example.com","given_name":"Zo\u00eb"}"#
//! );
//! // Only the fields marked `x-unique` count when the payload model marks any.
//! assert_eq!(
//!     request_fingerprint(&payload, &["email"]),
//!     request_fingerprint(&json!({"email": "new@example.com"}), &[]),
//! );
//! ```

use std::fmt::Write as _;

use serde_json::{Map, Number, Value};
use sha2::{Digest, Sha256};

/// Lowercase hex SHA-256 of [`canonical_json`]`(payload, unique_fields)`.
///
/// `payload` is the envelope's `request` member after defaults are filled in (serialize the
/// typed payload, do not hash the raw input). `unique_fields` lists the top-level fields
/// marked `x-unique`; empty means all fields.
pub fn request_fingerprint(payload: &Value, unique_fields: &[&str]) -> String {
    let digest = Sha256::digest(canonical_json(payload, unique_fields).as_bytes());
    let mut out = String::with_capacity(64);
    for byte in digest {
        // Writing to a String cannot fail.
        let _ = write!(out, "{byte:02x}");
    }
    out
}

/// The canonical JSON text that [`request_fingerprint`] hashes.
///
/// Object members whose value is null are removed at every depth (nulls inside arrays stay),
/// the top-level object keeps only `unique_fields` when that list is not empty, keys are
/// sorted, there is no whitespace, every non-ASCII character is escaped as `\uXXXX`
/// (surrogate pairs above U+FFFF), and floats are written as Python writes them (`1.0`,
/// `1e+16`, `1e-05`).
pub fn canonical_json(payload: &Value, unique_fields: &[&str]) -> String {
    let mut out = String::new();
    match payload {
        Value::Object(map) if !unique_fields.is_empty() => {
            let kept = map
                .iter()
                .filter(|(key, _)| unique_fields.contains(&key.as_str()))
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect();
            write_object(&kept, &mut out);
        }
        _ => write_value(payload, &mut out),
    }
    out
}

fn write_value(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(n, out),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => write_object(map, out),
    }
}

fn write_object(map: &Map<String, Value>, out: &mut String) {
    // Byte order of UTF-8 keys equals code-point order, which is Python's `sort_keys` order.
    let mut members: Vec<(&String, &Value)> =
        map.iter().filter(|(_, value)| !value.is_null()).collect();
    members.sort_by(|a, b| a.0.cmp(b.0));
    out.push('{');
    for (i, (key, value)) in members.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(key, out);
        out.push(':');
        write_value(value, out);
    }
    out.push('}');
}

fn write_number(n: &Number, out: &mut String) {
    match (n.as_u64(), n.as_i64(), n.as_f64()) {
        (Some(u), _, _) => {
            let _ = write!(out, "{u}");
        }
        (None, Some(i), _) => {
            let _ = write!(out, "{i}");
        }
        (None, None, Some(f)) => write_python_float(f, out),
        // Only reachable with serde_json's arbitrary_precision, where the text is exact.
        (None, None, None) => out.push_str(&n.to_string()),
    }
}

/// Python's `float.__repr__` (used by `json.dumps`): the shortest digits that round-trip,
/// in positional form when the decimal exponent is in -4..16, else `<digits>e<sign><2+ digits>`.
/// Rust's `{}` and `{:e}` give the same shortest digits, only laid out differently.
fn write_python_float(f: f64, out: &mut String) {
    let scientific = format!("{f:e}");
    let (mantissa, exponent) = scientific
        .split_once('e')
        .and_then(|(m, e)| Some((m, e.parse::<i32>().ok()?)))
        .unwrap_or((scientific.as_str(), 0));
    if (-4..16).contains(&exponent) {
        let positional = format!("{f}");
        out.push_str(&positional);
        if !positional.contains('.') {
            out.push_str(".0");
        }
    } else {
        let sign = if exponent < 0 { '-' } else { '+' };
        let _ = write!(out, "{mantissa}e{sign}{:02}", exponent.unsigned_abs());
    }
}

/// A JSON string as Python's `json.dumps(..., ensure_ascii=True)` writes it.
fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            // Control characters, DEL and everything non-ASCII, as UTF-16 code units.
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn canon(value: Value) -> String {
        canonical_json(&value, &[])
    }

    /// Expected texts are what CPython 3 `json.dumps(v, sort_keys=True,
    /// separators=(",", ":"))` prints for the same value.
    #[test]
    fn floats_like_python_repr() {
        let cases = [
            (1.0, "1.0"),
            (-0.0, "-0.0"),
            (0.1, "0.1"),
            (1.5, "1.5"),
            (0.0001, "0.0001"),
            (0.00001, "1e-05"),
            (0.000123, "0.000123"),
            (1.23e-7, "1.23e-07"),
            (1e15, "1000000000000000.0"),
            (1234567890123456.0, "1234567890123456.0"),
            (1e16, "1e+16"),
            (1.5e16, "1.5e+16"),
            (1e100, "1e+100"),
            (-2.5e-300, "-2.5e-300"),
            (f64::MAX, "1.7976931348623157e+308"),
            (5e-324, "5e-324"),
            (123.456, "123.456"),
        ];
        for (f, expected) in cases {
            assert_eq!(canon(json!(f)), expected, "{f:e}");
        }
    }

    #[test]
    fn integers_stay_integers() {
        assert_eq!(
            canon(json!([0, -1, u64::MAX, i64::MIN])),
            "[0,-1,18446744073709551615,-9223372036854775808]"
        );
    }

    #[test]
    fn strings_like_python_ensure_ascii() {
        assert_eq!(
            canon(json!("a\"b\\c/\n\r\t\u{8}\u{c}\u{1}\u{7f}é€😀")),
            r#""a\"b\\c/\n\r\t\b\f\u0001\u007f\u00e9\u20ac\ud83d\ude00""#
        );
    }

    #[test]
    fn nulls_removed_at_every_depth_but_kept_in_arrays() {
        assert_eq!(
            canon(json!({"b": null, "a": {"y": null, "x": [null, {"z": null}]}})),
            r#"{"a":{"x":[null,{}]}}"#
        );
    }

    #[test]
    fn keys_sorted_by_code_point() {
        assert_eq!(
            canon(json!({"b": 1, "B": 2, "é": 3, "a": {"d": 4, "c": 5}})),
            r#"{"B":2,"a":{"c":5,"d":4},"b":1,"\u00e9":3}"#
        );
    }

    #[test]
    fn unique_fields_restrict_the_top_level_only() {
        let payload = json!({"email": "e", "name": "n", "nested": {"email": "x", "other": 1}});
        assert_eq!(canonical_json(&payload, &["email"]), r#"{"email":"e"}"#);
        assert_eq!(
            canonical_json(&payload, &["nested", "absent"]),
            r#"{"nested":{"email":"x","other":1}}"#
        );
    }

    #[test]
    fn fingerprint_is_sha256_hex_of_the_canonical_text() {
        let fp = request_fingerprint(&json!({"gone": null}), &[]);
        assert_eq!(fp.len(), 64);
        assert!(fp
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_eq!(fp, request_fingerprint(&json!({}), &[]));
        assert_ne!(fp, request_fingerprint(&json!({"a": 1}), &[]));
    }
}
