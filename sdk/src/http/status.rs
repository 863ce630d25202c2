//! Upstream HTTP status failures -> [`ConnectorError`] (protocol §5.3 step 5 and §5.5.1).

use crate::error::render::http_error_message;
use crate::error::{ConnectorError, ErrorCode};

/// The `raised_by` of an upstream HTTP status failure (the reference's exception name).
pub const HTTP_STATUS_ERROR: &str = "HTTPStatusError";

/// The protocol error code for an upstream HTTP status (table §5.5.1). Statuses outside the
/// table (410, 418, 3xx, ...) are `invalid_response`.
pub fn status_error_code(status: u16) -> ErrorCode {
    match status {
        400 | 413 | 415 | 422 => ErrorCode::BadRequest,
        401 => ErrorCode::Unauthorized,
        403 => ErrorCode::PermissionDenied,
        404 => ErrorCode::NotFound,
        405 | 406 | 501 => ErrorCode::UnsupportedOperation,
        408 => ErrorCode::RequestTimeout,
        409 => ErrorCode::Conflict,
        429 => ErrorCode::RateLimit,
        500 | 502 | 504 => ErrorCode::BadGateway,
        503 => ErrorCode::ServiceError,
        _ => ErrorCode::InvalidResponse,
    }
}

/// An upstream answer with a failing HTTP status, as the error constructors read it.
///
/// No `Debug`: the URL may still carry a query string and the body is upstream text.
#[derive(Clone, Copy)]
pub struct HttpStatusFailure<'a> {
    /// The HTTP status.
    pub status: u16,
    /// The request URL; the message shows it without userinfo, query string and fragment.
    pub url: &'a str,
    /// The `content-type` header, if any.
    pub content_type: Option<&'a str>,
    /// The response body.
    pub body: &'a [u8],
    /// Seconds from a `Retry-After` header (see [`crate::http::parse_retry_after`]).
    pub retry_after: Option<u64>,
}

impl ConnectorError {
    /// The error for an upstream answer with a failing HTTP status, with the code mapped
    /// through [`status_error_code`], `status_code` set, `raised_by` `HTTPStatusError` and the
    /// message built by [`http_error_message`] (the URL loses its query string).
    ///
    /// `retry_after` becomes `retry_after_seconds` on 429 and 503. The reference ignores the
    /// header (quirk Q5); hosts use the value to schedule the retry.
    pub fn from_http_status(failure: HttpStatusFailure<'_>) -> ConnectorError {
        let HttpStatusFailure {
            status,
            url,
            content_type,
            body,
            retry_after,
        } = failure;
        let error = ConnectorError::runtime(
            status_error_code(status),
            http_error_message(status, url, content_type, body),
        )
        .with_status_code(status)
        .with_raised_by(HTTP_STATUS_ERROR);
        match retry_after {
            Some(seconds) if status == 429 || status == 503 => {
                error.with_retry_after_seconds(seconds)
            }
            _ => error,
        }
    }

    /// Like [`ConnectorError::from_http_status`] for connectors that turn the status mapping
    /// off (quirk Q12, vector `error_upstream_404_without_http_handler`): the code stays
    /// `internal_error`, while `status_code`, the message and `retry_after_seconds` are kept.
    pub fn from_http_status_unmapped(failure: HttpStatusFailure<'_>) -> ConnectorError {
        Self::from_http_status(failure).with_code(ErrorCode::InternalError)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unlisted_statuses_are_invalid_response() {
        for status in [302, 410, 418, 599] {
            assert_eq!(status_error_code(status), ErrorCode::InvalidResponse);
        }
    }

    fn failure(status: u16, body: &[u8], retry_after: Option<u64>) -> HttpStatusFailure<'_> {
        HttpStatusFailure {
            status,
            url: "http://h/",
            content_type: None,
            body,
            retry_after,
        }
    }

    #[test]
    fn retry_after_only_on_429_and_503() {
        let on = |status| ConnectorError::from_http_status(failure(status, b"", Some(7)));
        assert_eq!(on(429).retry_after_seconds, Some(7));
        assert_eq!(on(503).retry_after_seconds, Some(7));
        assert_eq!(on(500).retry_after_seconds, None);
        let unmapped = ConnectorError::from_http_status_unmapped(failure(404, b"x", None));
        assert_eq!(unmapped.code, ErrorCode::InternalError);
        assert_eq!(unmapped.status_code, Some(404));
        assert_eq!(unmapped.message, "[404][http://h/] x");
    }
}
