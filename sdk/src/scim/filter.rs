//! Filter expressions (RFC 7644 §3.4.2.2) with safely quoted values.
//!
//! A comparison value is a JSON string literal, so a `"` or `\` in an id would otherwise end
//! the literal early and change the filter's meaning. Attribute names are written as given:
//! they come from the connector's code, never from a request.

/// `value` as a filter string literal: a JSON string, so `"`, `\` and control characters are
/// escaped as JSON does (non-ASCII text is kept as is).
pub fn quote(value: &str) -> String {
    serde_json::Value::from(value).to_string()
}

/// `attribute eq "value"`, for example `eq("userName", "bjensen")`.
pub fn eq(attribute: &str, value: &str) -> String {
    format!("{attribute} eq {}", quote(value))
}

/// `attribute gt "value"`, for example `gt("meta.lastModified", "2024-01-15T10:30:00Z")`.
pub fn gt(attribute: &str, value: &str) -> String {
    format!("{attribute} gt {}", quote(value))
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
        assert_eq!(
            gt("meta.lastModified", "2024-01-15T10:30:00Z"),
            r#"meta.lastModified gt "2024-01-15T10:30:00Z""#
        );
        assert_eq!(member_path("2819c223"), r#"members[value eq "2819c223"]"#);
        assert_eq!(member_path("x\"]y"), r#"members[value eq "x\"]y"]"#);
    }
}
