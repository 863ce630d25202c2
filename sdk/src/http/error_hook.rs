//! App-specific error handling: a connector's mapping from the upstream API's error answers
//! to protocol errors, which [`HttpClient`](super::HttpClient) consults before its default
//! status mapping (§5.5.1).
//!
//! Many APIs say more in their error bodies than in their statuses: a `403` may mean "no
//! permission" or "no seat left", a `400` "bad input" or "this tenant is frozen". See
//! [`HttpClientBuilder::error_mapper`](super::HttpClientBuilder::error_mapper).

use std::borrow::Cow;
use std::fmt;
use std::sync::{Arc, OnceLock};

use reqwest::header::HeaderMap;
use reqwest::Url;
use serde_json::Value;

use super::status::HTTP_STATUS_ERROR;
use super::Auth;
use crate::error::render::display_url;
use crate::error::ConnectorError;
use crate::secret::Secret;

/// A failing upstream answer, as an error mapper
/// ([`HttpClientBuilder::error_mapper`](super::HttpClientBuilder::error_mapper)) sees it:
/// status, headers, body as bytes, text and JSON, the URL's path, and the default error.
///
/// It offers no way to the request's query string, userinfo or credentials, so that a
/// mapper's message cannot carry them by accident; [`UpstreamFailure::url`] is the URL without
/// them. The runtime completes the mapper's error with what the default error knows and the
/// mapper left empty (`status_code`, `raised_by` `HTTPStatusError`, `retry_after_seconds`),
/// and cuts the request's query string and the client's credentials out of its message,
/// should a body echo them. No `Debug`: the body and headers are upstream data.
///
/// Only answers with a failing status reach the mapper, and only the last one after the
/// client's retries of `429`/`503`; transport failures and malformed success bodies keep
/// their own errors (§5.6).
///
/// Many APIs say more in their error bodies than in their statuses; here a `403` with
/// `{"error": {"type": "seat_limit"}}` means "no seat left", not "no permission":
///
/// ```
/// use connector_sdk::error::{ConnectorError, ErrorCode};
/// use connector_sdk::http::{HttpClient, UpstreamFailure};
///
/// fn acme_errors(failure: &UpstreamFailure<'_>) -> Option<ConnectorError> {
///     let error = failure.json()?.get("error")?;
///     match error.get("type")?.as_str()? {
///         "seat_limit" => Some(
///             ConnectorError::runtime(ErrorCode::Conflict, "No seat left in the Acme plan")
///                 .with_app_error_code("acme.seat_limit"),
///         ),
///         _ => None, // the default mapping of the status
///     }
/// }
///
/// # fn main() -> Result<(), ConnectorError> {
/// let client = HttpClient::builder()
///     .base_url("https://api.acme.example")
///     .error_mapper(acme_errors)
///     .build()?;
/// # let _ = client; Ok(()) }
/// ```
pub struct UpstreamFailure<'a> {
    status: u16,
    headers: &'a HeaderMap,
    url: &'a Url,
    body: &'a [u8],
    json: OnceLock<Option<Value>>,
    default: &'a ConnectorError,
}

impl<'a> UpstreamFailure<'a> {
    pub(crate) fn new(
        status: u16,
        headers: &'a HeaderMap,
        url: &'a Url,
        body: &'a [u8],
        default: &'a ConnectorError,
    ) -> Self {
        Self {
            status,
            headers,
            url,
            body,
            json: OnceLock::new(),
            default,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        self.headers
    }

    /// The value of response header `name` (case-insensitive), if present and text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }

    /// The request URL without userinfo, query string and fragment.
    pub fn url(&self) -> String {
        display_url(self.url.as_str())
    }

    /// The request URL's path, e.g. `/v2/users/42`, to tell endpoints apart.
    pub fn path(&self) -> &str {
        self.url.path()
    }

    /// The raw body.
    pub fn body(&self) -> &[u8] {
        self.body
    }

    /// The body as text (invalid UTF-8 replaced by `U+FFFD`).
    pub fn text(&self) -> Cow<'a, str> {
        String::from_utf8_lossy(self.body)
    }

    /// The body parsed as JSON, parsed on first use; `None` when it is empty or not JSON
    /// (HTML error pages, plain text).
    pub fn json(&self) -> Option<&Value> {
        self.json
            .get_or_init(|| serde_json::from_slice(self.body).ok())
            .as_ref()
    }

    /// The error the client reports when the mapper returns `None`: the status mapping as
    /// configured (see [`ConnectorError::from_http_status`]). A mapper may adjust a copy of it,
    /// for example to add an `app_error_code` and keep the rest.
    pub fn default_error(&self) -> &ConnectorError {
        self.default
    }
}

/// Secrets shorter than this are not searched for in messages.
const MIN_REDACTED_LEN: usize = 4;

type MapFn = dyn Fn(&UpstreamFailure<'_>) -> Option<ConnectorError> + Send + Sync;

/// A connector's error mapper, set with
/// [`HttpClientBuilder::error_mapper`](super::HttpClientBuilder::error_mapper). Cloning is
/// cheap.
#[derive(Clone)]
pub struct ErrorMapper {
    map: Arc<MapFn>,
    /// The client's credentials, kept out of the mapper's messages.
    secrets: Arc<[Secret]>,
}

impl ErrorMapper {
    /// Wraps a mapping function.
    pub fn new(
        map: impl Fn(&UpstreamFailure<'_>) -> Option<ConnectorError> + Send + Sync + 'static,
    ) -> Self {
        Self {
            map: Arc::new(map),
            secrets: Arc::new([]),
        }
    }

    /// The same mapper, removing the secret values of `auth` from its messages.
    pub(crate) fn redacting(mut self, auth: &Auth) -> Self {
        let secret = match auth {
            Auth::Bearer(token) => Some(token),
            Auth::Basic { password, .. } => Some(password),
            Auth::Header { value, .. } | Auth::Query { value, .. } => Some(value),
            Auth::None | Auth::Custom(_) => None,
        };
        self.secrets = secret.cloned().into_iter().collect();
        self
    }

    /// The error for `failure`: the mapper's, completed with what the default error knows
    /// (`status_code`, `raised_by` `HTTPStatusError`, `retry_after_seconds`) where the mapper
    /// left them empty, and with the request URL's query string and the client's secrets
    /// removed from its message; the default error when the mapper returns `None`.
    pub(crate) fn map(&self, failure: &UpstreamFailure<'_>) -> ConnectorError {
        let Some(mut error) = (self.map)(failure) else {
            return failure.default.clone();
        };
        let default = failure.default;
        error.status_code = error.status_code.or(default.status_code);
        error.retry_after_seconds = error.retry_after_seconds.or(default.retry_after_seconds);
        if error.raised_by.is_none() {
            error.raised_by = Some(HTTP_STATUS_ERROR.to_owned());
        }
        error.message = without_query(&error.message, failure.url);
        for secret in self.secrets.iter() {
            // Very short values would blank out ordinary words; tokens are longer.
            if secret.expose().len() >= MIN_REDACTED_LEN {
                error.message = error.message.replace(secret.expose(), "***");
            }
        }
        if error.message.trim().is_empty() {
            error.message.clone_from(&default.message);
        }
        error
    }
}

impl fmt::Debug for ErrorMapper {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ErrorMapper")
    }
}

/// `message` without the request URL's query string: the whole URL becomes its display form,
/// and the query string (or fragment) anywhere else is cut out. A mapper only sees the URL
/// without them, but a body may echo the request.
fn without_query(message: &str, url: &Url) -> String {
    let mut message = message.replace(url.as_str(), &display_url(url.as_str()));
    for part in [url.query(), url.fragment()].into_iter().flatten() {
        if !part.is_empty() {
            message = message.replace(part, "");
        }
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    fn url() -> Url {
        Url::parse("https://u:p@api.example/v1/users?api_key=s3cr3t-value&x=1#frag").unwrap()
    }

    #[test]
    fn the_failure_shows_no_query_or_userinfo() {
        let url = url();
        let headers = HeaderMap::new();
        let default = ConnectorError::runtime(ErrorCode::NotFound, "d");
        let failure = UpstreamFailure::new(404, &headers, &url, b"<html>", &default);
        assert_eq!(failure.url(), "https://api.example/v1/users");
        assert_eq!(failure.path(), "/v1/users");
        assert_eq!(failure.json(), None);
        assert_eq!(failure.text(), "<html>");
    }

    #[test]
    fn messages_lose_the_query_string() {
        let url = url();
        let echoed = format!("failed: {url} (api_key=s3cr3t-value&x=1)");
        let cleaned = without_query(&echoed, &url);
        assert_eq!(cleaned, "failed: https://api.example/v1/users ()");
        assert!(!cleaned.contains("s3cr3t"));
    }

    #[test]
    fn messages_lose_the_client_secrets() {
        let url = url();
        let headers = HeaderMap::new();
        let default = ConnectorError::runtime(ErrorCode::Unauthorized, "d");
        let failure = UpstreamFailure::new(401, &headers, &url, b"", &default);
        let echo = |_: &UpstreamFailure<'_>| {
            Some(ConnectorError::runtime(
                ErrorCode::CredsRevoked,
                "token tok-123456 revoked; password pw-98765 expired",
            ))
        };
        for (auth, secret) in [
            (Auth::bearer("tok-123456"), "tok-123456"),
            (Auth::basic("ada", "pw-98765"), "pw-98765"),
            (Auth::header("X-Key", "tok-123456"), "tok-123456"),
        ] {
            let error = ErrorMapper::new(echo).redacting(&auth).map(&failure);
            assert!(!error.message.contains(secret), "{}", error.message);
            assert!(error.message.contains("***"), "{}", error.message);
        }
        let unredacted = ErrorMapper::new(echo).map(&failure);
        assert!(unredacted.message.contains("tok-123456"));
    }

    #[test]
    fn the_mapper_error_is_completed_from_the_default() {
        let url = url();
        let headers = HeaderMap::new();
        let default = ConnectorError::runtime(ErrorCode::RateLimit, "default")
            .with_status_code(429)
            .with_retry_after_seconds(3);
        let failure = UpstreamFailure::new(429, &headers, &url, b"{}", &default);
        let mapper = ErrorMapper::new(|_| Some(ConnectorError::runtime(ErrorCode::Conflict, " ")));
        let error = mapper.map(&failure);
        assert_eq!(error.code, ErrorCode::Conflict);
        assert_eq!(error.status_code, Some(429));
        assert_eq!(error.retry_after_seconds, Some(3));
        assert_eq!(error.raised_by.as_deref(), Some(HTTP_STATUS_ERROR));
        assert_eq!(error.message, "default", "an empty message falls back");
    }
}
