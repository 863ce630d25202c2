//! Transport failures (no usable HTTP answer) -> [`ConnectorError`] (protocol §5.6).
//!
//! Classification walks the error's source chain (reqwest's connect/timeout markers, `io`
//! error kinds, header and JSON errors) rather than matching message text; the two text
//! checks the protocol names (`illegal header`, DNS wording) are only a fallback. Messages are
//! fixed texts, so they never carry URLs, query strings or secrets.

use std::error::Error as StdError;
use std::io;

use crate::error::render::display_url;
use crate::error::{ConnectorError, ErrorCode};

/// Message for a connection that could not be established (refused, DNS, connect timeout).
pub const CONNECT_FAILED_MESSAGE: &str = "Failed to connect to the API. Please verify the URL or try at a later time due to a potential temporary network issue.";
/// Message for an upstream that accepted the connection but did not answer in time.
pub const READ_TIMEOUT_MESSAGE: &str = "The upstream API did not respond in time.";
/// Message for a connection closed or broken before a complete answer.
pub const CONNECTION_CLOSED_MESSAGE: &str = "The upstream API closed the connection unexpectedly.";
/// Message for a request that could not be built because a header is invalid.
pub const ILLEGAL_HEADER_MESSAGE: &str =
    "Illegal header constructed for API request. Please check the app configuration and try again.";
/// Prefix of the message for an upstream body that is not valid JSON.
pub const JSON_DECODE_PREFIX: &str = "Failed to parse JSON response: ";

/// What kind of transport failure an error chain describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Failure {
    IllegalHeader,
    ConnectFailed,
    ConnectTimeout,
    ReadTimeout,
    /// Peer closed or reset the connection (an `io` error in the chain).
    ReadError,
    /// Peer closed without a complete response, or broke the protocol.
    ProtocolError,
    TooManyRedirects,
    Other,
}

impl ConnectorError {
    /// The error for a failed `reqwest` call (§5.6):
    ///
    /// | failure | code | `raised_by` |
    /// |---|---|---|
    /// | refused, unreachable, DNS failure | `connection_timeout` | `ConnectError` |
    /// | connect timeout | `connection_timeout` | `ConnectTimeout` |
    /// | timeout after connecting | `request_timeout` | `ReadTimeout` |
    /// | reset / closed / protocol violation | `connection_closed` | `ReadError` / `RemoteProtocolError` |
    /// | invalid header | `bad_request` | `InvalidHeader` |
    /// | body is not JSON (from `Response::json`) | `invalid_response` | `JSONDecodeError` |
    /// | anything else | `internal_error` | `RequestError` / `TooManyRedirects` |
    ///
    /// `status_code` stays empty: there was no usable HTTP answer.
    pub fn from_transport(err: &reqwest::Error) -> ConnectorError {
        if let Some(json) = chain(err).find_map(|e| e.downcast_ref::<serde_json::Error>()) {
            return Self::from_json_error(json);
        }
        let (code, message, raised_by) = match classify(err) {
            Failure::IllegalHeader => return Self::illegal_header(),
            Failure::ConnectFailed => (
                ErrorCode::ConnectionTimeout,
                CONNECT_FAILED_MESSAGE.to_owned(),
                "ConnectError",
            ),
            Failure::ConnectTimeout => (
                ErrorCode::ConnectionTimeout,
                CONNECT_FAILED_MESSAGE.to_owned(),
                "ConnectTimeout",
            ),
            Failure::ReadTimeout => (
                ErrorCode::RequestTimeout,
                READ_TIMEOUT_MESSAGE.to_owned(),
                "ReadTimeout",
            ),
            Failure::ReadError => (
                ErrorCode::ConnectionClosed,
                CONNECTION_CLOSED_MESSAGE.to_owned(),
                "ReadError",
            ),
            Failure::ProtocolError => (
                ErrorCode::ConnectionClosed,
                CONNECTION_CLOSED_MESSAGE.to_owned(),
                "RemoteProtocolError",
            ),
            Failure::TooManyRedirects => (
                ErrorCode::InternalError,
                sanitized_text(err),
                "TooManyRedirects",
            ),
            Failure::Other => (
                ErrorCode::InternalError,
                sanitized_text(err),
                "RequestError",
            ),
        };
        ConnectorError::runtime(code, message).with_raised_by(raised_by)
    }

    /// The error for an upstream body that cannot be used as JSON: `invalid_response` with
    /// `Failed to parse JSON response: <decoder message>` (`JSONDecodeError`) for malformed
    /// JSON, or `Unexpected JSON response: <message>` (`ValidationError`) for well-formed JSON
    /// of the wrong shape.
    pub fn from_json_error(err: &serde_json::Error) -> ConnectorError {
        let (message, raised_by) = match err.classify() {
            serde_json::error::Category::Data => (
                format!("Unexpected JSON response: {err}"),
                "ValidationError",
            ),
            _ => (format!("{JSON_DECODE_PREFIX}{err}"), "JSONDecodeError"),
        };
        ConnectorError::runtime(ErrorCode::InvalidResponse, message).with_raised_by(raised_by)
    }

    /// `bad_request` for a request whose headers cannot be sent (for example a token with a
    /// line break), with the protocol's fixed message.
    pub fn illegal_header() -> ConnectorError {
        ConnectorError::runtime(ErrorCode::BadRequest, ILLEGAL_HEADER_MESSAGE)
            .with_raised_by("InvalidHeader")
    }
}

impl From<reqwest::Error> for ConnectorError {
    /// Same as [`ConnectorError::from_transport`], so connector code can use `?` on its own
    /// `reqwest` calls.
    fn from(err: reqwest::Error) -> Self {
        ConnectorError::from_transport(&err)
    }
}

/// The error and all its sources.
fn chain<'a>(err: &'a reqwest::Error) -> impl Iterator<Item = &'a (dyn StdError + 'static)> {
    std::iter::successors(
        Some(err as &(dyn StdError + 'static)),
        |e: &&'a (dyn StdError + 'static)| (*e).source(),
    )
}

fn classify(err: &reqwest::Error) -> Failure {
    let timed_out = err.is_timeout();
    if err.is_connect() {
        return if timed_out {
            Failure::ConnectTimeout
        } else {
            Failure::ConnectFailed
        };
    }
    if timed_out {
        return Failure::ReadTimeout;
    }
    // `http::Error` (what reqwest's builder wraps) hides the typed header error from the
    // source chain, so the http crate's fixed texts for them are checked as well.
    let is_header_error = chain(err).any(|e| {
        e.is::<reqwest::header::InvalidHeaderValue>()
            || e.is::<reqwest::header::InvalidHeaderName>()
    });
    let text = chain_text(err).to_lowercase();
    let header_texts = [
        "illegal header",
        "failed to parse header value",
        "invalid http header name",
    ];
    if is_header_error || header_texts.iter().any(|t| text.contains(t)) {
        return Failure::IllegalHeader;
    }
    if text.contains("name or service not known") || text.contains("nodename nor servname provided")
    {
        return Failure::ConnectFailed;
    }
    if err.is_redirect() {
        return Failure::TooManyRedirects;
    }
    if err.is_request() || err.is_body() || err.is_decode() {
        // Everything that fails after the connection is up: hyper's "connection closed before
        // message completed" and parse errors, or an io error from the socket.
        let io_kind = chain(err).find_map(|e| e.downcast_ref::<io::Error>().map(io::Error::kind));
        return match io_kind {
            Some(
                io::ErrorKind::ConnectionReset
                | io::ErrorKind::ConnectionAborted
                | io::ErrorKind::BrokenPipe
                | io::ErrorKind::UnexpectedEof,
            ) => Failure::ReadError,
            _ => Failure::ProtocolError,
        };
    }
    Failure::Other
}

/// Every message in the chain, joined by `: `.
fn chain_text(err: &reqwest::Error) -> String {
    chain(err)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(": ")
}

/// The chain's text with the request URL reduced to its display form, for `internal_error`
/// messages (reqwest writes `... for url (<full url>)`).
fn sanitized_text(err: &reqwest::Error) -> String {
    let text = chain_text(err);
    match err.url() {
        Some(url) => text.replace(url.as_str(), &display_url(url.as_str())),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_syntax_and_shape_errors_differ() {
        let syntax = serde_json::from_str::<serde_json::Value>("{not json").unwrap_err();
        let err = ConnectorError::from_json_error(&syntax);
        assert_eq!(err.code, ErrorCode::InvalidResponse);
        assert!(err.message.starts_with(JSON_DECODE_PREFIX));
        assert_eq!(err.raised_by.as_deref(), Some("JSONDecodeError"));

        let shape = serde_json::from_str::<Vec<u8>>("{}").unwrap_err();
        let err = ConnectorError::from_json_error(&shape);
        assert_eq!(err.code, ErrorCode::InvalidResponse);
        assert!(err.message.starts_with("Unexpected JSON response: "));
    }

    #[test]
    fn builder_header_errors_are_illegal_header() {
        let err = reqwest::Client::new()
            .get("http://127.0.0.1:9/")
            .header("x-token", "bad\nvalue")
            .build()
            .unwrap_err();
        assert_eq!(ConnectorError::from(err), ConnectorError::illegal_header());
    }

    #[test]
    fn other_errors_are_internal_with_their_text() {
        let bad_url = reqwest::Client::new().get("not a url").build().unwrap_err();
        let converted = ConnectorError::from_transport(&bad_url);
        assert_eq!(converted.code, ErrorCode::InternalError);
        assert_eq!(converted.raised_by.as_deref(), Some("RequestError"));
        assert!(
            converted.message.starts_with("builder error"),
            "{}",
            converted.message
        );
    }
}
