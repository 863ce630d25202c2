//! Token-endpoint failures (protocol §11.4): a fixed table of codes and flags, none
//! retryable, because a retried authorization step only fails again (codes are single-use).

use serde_json::Value;

use crate::error::render::{display_url, python_repr, truncate};
use crate::error::{ConnectorError, ErrorKind};

/// The error for a token-endpoint answer with status `status` (300 or more).
///
/// The message is `[<status>][<token url>] OAuth request failed: <body>`, where `<body>` is
/// the JSON body in Python notation (as the reference renders it) or else the raw text, either
/// cut at 800 characters plus `...(truncated)` (the reference keeps it whole), and the URL is
/// shown without query string or userinfo. `status_code` stays null.
pub fn token_endpoint_error(status: u16, token_url: &str, body: &[u8]) -> ConnectorError {
    let parsed: Option<Value> = serde_json::from_slice(body).ok();
    let oauth_error = parsed
        .as_ref()
        .and_then(|v| v.get("error"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    let rendered = match &parsed {
        Some(value) => truncate(python_repr(value)),
        None => truncate(String::from_utf8_lossy(body).into_owned()),
    };
    let message = format!(
        "[{status}][{}] OAuth request failed: {rendered}",
        display_url(token_url)
    );
    let error = if status == 429 {
        ConnectorError::with_kind(ErrorKind::RateLimit, message).with_throttled(false)
    } else if status >= 500 {
        ConnectorError::with_kind(ErrorKind::Upstream, message)
    } else if status == 403 || matches!(oauth_error, "access_denied" | "unauthorized_client") {
        ConnectorError::with_kind(ErrorKind::Authorization, message)
    } else if oauth_error == "invalid_grant" {
        ConnectorError::with_kind(ErrorKind::AuthenticationExpired, message).with_refreshable(false)
    } else {
        ConnectorError::with_kind(ErrorKind::Authentication, message).with_refreshable(false)
    };
    error.with_retryable(false)
}

/// Whether a success answer is an RFC 6749 error object nonetheless (`{"error": ...}` and no
/// `access_token`), as some providers send with status 200: it then goes through the table.
pub(crate) fn is_error_answer(body: &[u8]) -> bool {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(object)) => {
            object.get("error").is_some_and(Value::is_string)
                && !object.contains_key("access_token")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    const URL: &str = "http://127.0.0.1:1/oauth/token?x=secret";

    /// (status, body) -> (code, retryable, throttled, refreshable), per the §11.4 table.
    #[test]
    fn every_row_of_the_table() {
        let rows: &[(u16, &str, ErrorCode, bool, bool, bool)] = &[
            (429, "{}", ErrorCode::RateLimit, false, false, false),
            (500, "{}", ErrorCode::BadGateway, false, false, false),
            (503, "down", ErrorCode::BadGateway, false, false, false),
            (403, "{}", ErrorCode::PermissionDenied, false, false, false),
            (
                400,
                r#"{"error":"access_denied"}"#,
                ErrorCode::PermissionDenied,
                false,
                false,
                false,
            ),
            (
                400,
                r#"{"error":"unauthorized_client"}"#,
                ErrorCode::PermissionDenied,
                false,
                false,
                false,
            ),
            (
                400,
                r#"{"error":"invalid_grant"}"#,
                ErrorCode::AuthenticationExpired,
                false,
                false,
                false,
            ),
            (
                400,
                r#"{"error":"invalid_client"}"#,
                ErrorCode::Unauthorized,
                false,
                false,
                false,
            ),
            (
                400,
                r#"{"error":"invalid_request"}"#,
                ErrorCode::Unauthorized,
                false,
                false,
                false,
            ),
            (401, "", ErrorCode::Unauthorized, false, false, false),
            (302, "", ErrorCode::Unauthorized, false, false, false),
        ];
        for &(status, body, code, retryable, throttled, refreshable) in rows {
            let error = token_endpoint_error(status, URL, body.as_bytes());
            let metadata = error.metadata();
            let row = format!("{status} {body}");
            assert_eq!(error.code, code, "{row}");
            assert_eq!(metadata.retryable, retryable, "{row}");
            assert_eq!(metadata.throttled, throttled, "{row}");
            assert_eq!(metadata.refreshable, refreshable, "{row}");
            assert_eq!(error.status_code, None, "{row}");
            assert!(
                !error.message.contains("secret"),
                "{row}: {}",
                error.message
            );
        }
    }

    #[test]
    fn an_error_object_with_status_200_is_an_error_answer() {
        assert!(is_error_answer(br#"{"error":"bad_verification_code"}"#));
        assert!(!is_error_answer(br#"{"access_token":"at","error":"x"}"#));
        assert!(!is_error_answer(br#"{"access_token":"at"}"#));
        assert!(!is_error_answer(b"error=x"));
        let error = token_endpoint_error(200, URL, br#"{"error":"invalid_grant"}"#);
        assert_eq!(error.code, ErrorCode::AuthenticationExpired);
    }

    #[test]
    fn message_renders_json_in_python_notation_or_raw_text() {
        let json = token_endpoint_error(
            400,
            URL,
            br#"{"error": "invalid_grant", "error_description": "Code expired"}"#,
        );
        assert_eq!(
            json.message,
            "[400][http://127.0.0.1:1/oauth/token] OAuth request failed: \
             {'error': 'invalid_grant', 'error_description': 'Code expired'}"
        );
        let text = token_endpoint_error(502, URL, b"Bad gateway");
        assert_eq!(
            text.message,
            "[502][http://127.0.0.1:1/oauth/token] OAuth request failed: Bad gateway"
        );
    }

    #[test]
    fn long_bodies_are_cut_at_800_characters() {
        let prefix = "[500][http://127.0.0.1:1/oauth/token] OAuth request failed: ";
        let text = token_endpoint_error(500, URL, "é".repeat(5000).as_bytes());
        assert_eq!(
            text.message,
            format!("{prefix}{}...(truncated)", "é".repeat(800))
        );
        let body = format!(r#"{{"error": "{}"}}"#, "x".repeat(5000));
        let json = token_endpoint_error(500, URL, body.as_bytes());
        let rendered = format!("{{'error': '{}", "x".repeat(789));
        assert_eq!(json.message, format!("{prefix}{rendered}...(truncated)"));
    }
}
