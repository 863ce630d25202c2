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

use serde_json::{Map, Value};

use crate::python::{dumps, Style};
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
    let style = Style {
        item_separator: ",",
        key_separator: ":",
        drop_null_members: true,
    };
    match payload {
        Value::Object(map) if !unique_fields.is_empty() => {
            let kept: Map<String, Value> = map
                .iter()
                .filter(|(key, _)| unique_fields.contains(&key.as_str()))
                .map(|(key, value)| (key.clone(), value.clone()))
                .collect();
            dumps(&Value::Object(kept), &style)
        }
        _ => dumps(payload, &style),
    }
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
