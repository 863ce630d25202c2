//! SCIM error answers (RFC 7644 §3.12) -> the protocol's errors.
//!
//! The code comes from the SDK's HTTP status mapping (protocol §5.5.1: 401 `unauthorized`,
//! 403 `permission_denied`, 404 `not_found`, 409 `conflict`...), with one exception:
//! `scimType: uniqueness` (a create or update reusing a unique value such as `userName`) is
//! `invalid_value`, because the caller must change a value rather than retry or resolve a
//! state conflict. The message is the server's `detail`, which says what went wrong far
//! better than the raw body; `app_error_code` is `scim.<scimType>`.

use serde::{Deserialize, Serialize};

use super::{lenient, urn};
use crate::error::render::display_url;
use crate::error::{ConnectorError, ErrorCode};
use crate::http::HttpResponse;

/// The `scimType` of a create or update that reuses a unique value.
pub const UNIQUENESS: &str = "uniqueness";

/// Attributes whose names a uniqueness `detail` may contain, in the spelling to report.
const UNIQUE_ATTRIBUTES: &[&str] = &["userName", "externalId", "displayName", "emails"];

/// An Error body. `status` is a string in RFC 7644 but a number on some servers; both read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScimErrorBody {
    /// [`urn::ERROR`].
    #[serde(default, deserialize_with = "lenient::vec_or_null")]
    pub schemas: Vec<String>,
    /// The HTTP status, as the server repeats it.
    #[serde(
        default,
        deserialize_with = "lenient::string_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub status: Option<String>,
    /// The error's kind (`uniqueness`, `invalidFilter`, `mutability`...).
    #[serde(
        default,
        deserialize_with = "lenient::string_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub scim_type: Option<String>,
    /// What went wrong, for people.
    #[serde(
        default,
        deserialize_with = "lenient::string_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub detail: Option<String>,
}

impl ScimErrorBody {
    /// The body as a SCIM error: `None` unless it is a JSON object that names the Error schema
    /// or carries `scimType` or `detail`.
    pub fn parse(body: &[u8]) -> Option<Self> {
        let parsed: Self = serde_json::from_slice(body).ok()?;
        let is_error = parsed.schemas.iter().any(|s| s == urn::ERROR)
            || parsed.scim_type.is_some()
            || parsed.detail.is_some();
        is_error.then_some(parsed)
    }
}

/// The error for a failing SCIM answer to a request for `url`: the SDK's HTTP status error
/// (code, `status_code`, `retry_after_seconds`...) with the SCIM `detail` as the message and
/// `uniqueness` as `invalid_value`. A body that is no SCIM error leaves the SDK's error as is.
///
/// The message shows `url` without query string or userinfo.
pub fn error_from_response(response: &HttpResponse, url: &str) -> ConnectorError {
    let error = response.error();
    let Some(body) = ScimErrorBody::parse(response.bytes()) else {
        return error;
    };
    let prefix = format!("[{}][{}]", response.status().as_u16(), display_url(url));
    let detail = body.detail.as_deref().map(str::trim).unwrap_or_default();
    let scim_type = body.scim_type.as_deref().map(str::trim).unwrap_or_default();
    let error = if scim_type.is_empty() {
        error
    } else {
        error.with_app_error_code(format!("scim.{scim_type}"))
    };
    if scim_type.eq_ignore_ascii_case(UNIQUENESS) {
        return uniqueness(error, &prefix, detail);
    }
    let text = match (scim_type.is_empty(), detail.is_empty()) {
        (true, true) => return error,
        (true, false) => detail.to_owned(),
        (false, true) => scim_type.to_owned(),
        (false, false) => format!("{scim_type}: {detail}"),
    };
    error.with_message(format!("{prefix} {text}"))
}

/// `invalid_value`, naming the attribute when the detail does.
fn uniqueness(error: ConnectorError, prefix: &str, detail: &str) -> ConnectorError {
    let error = error.with_code(ErrorCode::InvalidValue);
    let detail = if detail.is_empty() {
        "a value that must be unique is already in use"
    } else {
        detail
    };
    match named_attribute(detail) {
        Some(attribute) => error
            .with_message(format!(
                "{prefix} The value of '{attribute}' is already in use: {detail}"
            ))
            .with_hint(format!("Choose another value for '{attribute}'.")),
        None => error.with_message(format!("{prefix} uniqueness: {detail}")),
    }
}

/// The first unique attribute named in `detail` (as a word, in any case; `email` counts as
/// `emails`).
fn named_attribute(detail: &str) -> Option<&'static str> {
    detail
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .find_map(|word| {
            UNIQUE_ATTRIBUTES.iter().copied().find(|attribute| {
                word.eq_ignore_ascii_case(attribute)
                    || (*attribute == "emails" && word.eq_ignore_ascii_case("email"))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_string_and_number_status() {
        let body = br#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":409,"scimType":"uniqueness","detail":"d"}"#;
        let parsed = ScimErrorBody::parse(body).unwrap();
        assert_eq!(parsed.status.as_deref(), Some("409"));
        let body = br#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:Error"],"status":"404"}"#;
        assert_eq!(
            ScimErrorBody::parse(body).unwrap().status.as_deref(),
            Some("404")
        );
    }

    #[test]
    fn other_bodies_are_not_scim_errors() {
        for body in [&b"{}"[..], b"[]", b"not json", b"", br#"{"error":"x"}"#] {
            assert!(ScimErrorBody::parse(body).is_none());
        }
    }

    #[test]
    fn finds_the_attribute_in_the_detail() {
        assert_eq!(
            named_attribute("User with userName 'bjensen' already exists"),
            Some("userName")
        );
        assert_eq!(named_attribute("USERNAME taken"), Some("userName"));
        assert_eq!(named_attribute("email already used"), Some("emails"));
        assert_eq!(named_attribute("One or more values are in use"), None);
        assert_eq!(named_attribute("usernames"), None);
    }
}
