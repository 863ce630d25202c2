//! Filter expressions (RFC 7644 §3.4.2.2) with safely quoted values.
//!
//! A comparison value is a JSON string literal, so a `"` or `\` in an id would otherwise end
//! the literal early and change the filter's meaning. Attribute names are written as given:
//! they come from the connector's code, never from a request.

/// `value` as a filter string literal: quoted, with `"`, `\` and control characters escaped
/// as JSON does (non-ASCII text is kept as is).
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `attribute eq "value"`, for example `eq("userName", "bjensen")`.
pub fn eq(attribute: &str, value: &str) -> String {
    format!("{attribute} eq {}", quote(value))
}

/// The PATCH path selecting one member of a group: `members[value eq "id"]`.
pub fn member_path(member_id: &str) -> String {
    format!("members[{}]", eq("value", member_id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_like_a_json_string() {
        for value in ["plain", "x\"y", "a\\b", "a/b", "Zoë 雪", "tab\tnl\n\u{1}"] {
            let quoted = quote(value);
            let back: String = serde_json::from_str(&quoted).unwrap();
            assert_eq!(back, value);
        }
        assert_eq!(quote("x\"y\\z"), r#""x\"y\\z""#);
        assert_eq!(quote("Zoë"), "\"Zoë\"");
    }

    #[test]
    fn builds_comparisons_and_member_paths() {
        assert_eq!(eq("userName", "a\"b"), r#"userName eq "a\"b""#);
        assert_eq!(member_path("2819c223"), r#"members[value eq "2819c223"]"#);
        assert_eq!(member_path("x\"]y"), r#"members[value eq "x\"]y"]"#);
    }
}
