//! A fully read upstream answer.

use std::fmt;

use reqwest::header::{HeaderMap, CONTENT_TYPE};
use reqwest::{StatusCode, Url};
use serde::de::DeserializeOwned;

use super::error_hook::{ErrorMapper, UpstreamFailure};
use super::retry::retry_after_seconds;
use super::status::HttpStatusFailure;
use crate::error::render::display_url;
use crate::error::{ConnectorError, ConnectorResult};

/// An upstream answer whose body has been read completely (so that failures while reading
/// are classified like any other transport failure).
///
/// `Debug` shows the status, the URL without query and the body size, never header values
/// or the body.
#[derive(Clone)]
pub struct HttpResponse {
    status: StatusCode,
    headers: HeaderMap,
    url: Url,
    body: Vec<u8>,
    map_http_status: bool,
    error_mapper: Option<ErrorMapper>,
}

impl HttpResponse {
    pub(crate) fn new(
        status: StatusCode,
        headers: HeaderMap,
        url: Url,
        body: Vec<u8>,
        map_http_status: bool,
        error_mapper: Option<ErrorMapper>,
    ) -> Self {
        Self {
            status,
            headers,
            url,
            body,
            map_http_status,
            error_mapper,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The `content-type` header, if it is text.
    pub fn content_type(&self) -> Option<&str> {
        self.headers.get(CONTENT_TYPE)?.to_str().ok()
    }

    /// The raw body.
    pub fn bytes(&self) -> &[u8] {
        &self.body
    }

    /// The body as text (invalid UTF-8 replaced by `U+FFFD`).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body parsed as `T`. An empty body is read as JSON `null`, so `()` and `Option<_>`
    /// accept `204 No Content`.
    ///
    /// # Errors
    ///
    /// Malformed JSON or the wrong shape is `invalid_response` (see
    /// [`ConnectorError::from_json_error`]).
    pub fn json<T: DeserializeOwned>(&self) -> ConnectorResult<T> {
        let parsed = if self.body.is_empty() {
            serde_json::from_value(serde_json::Value::Null)
        } else {
            serde_json::from_slice(&self.body)
        };
        parsed.map_err(|e| ConnectorError::from_json_error(&e))
    }

    /// The body as a JSON value (`null` when empty).
    ///
    /// # Errors
    ///
    /// Malformed JSON is `invalid_response`, as for [`HttpResponse::json`].
    pub fn json_value(&self) -> ConnectorResult<serde_json::Value> {
        self.json()
    }

    /// The `Retry-After` header in seconds, if present and valid.
    pub fn retry_after_seconds(&self) -> Option<u64> {
        retry_after_seconds(&self.headers)
    }

    /// The error this answer stands for: the status mapped as the client is configured
    /// (see [`ConnectorError::from_http_status`]), or the client's
    /// [error mapper](crate::http::HttpClientBuilder::error_mapper)'s. Use it after
    /// [`crate::http::RequestOptions::allow_error_status`] for statuses you do not handle.
    pub fn error(&self) -> ConnectorError {
        let build = if self.map_http_status {
            ConnectorError::from_http_status
        } else {
            ConnectorError::from_http_status_unmapped
        };
        let default = build(HttpStatusFailure {
            status: self.status.as_u16(),
            url: self.url.as_str(),
            content_type: self.content_type(),
            body: &self.body,
            retry_after: self.retry_after_seconds(),
        });
        match &self.error_mapper {
            Some(mapper) => mapper.map(&UpstreamFailure::new(
                self.status.as_u16(),
                &self.headers,
                &self.url,
                &self.body,
                &default,
            )),
            None => default,
        }
    }

    /// `self` for a success status (2xx).
    ///
    /// # Errors
    ///
    /// Any other status is [`HttpResponse::error`].
    pub fn error_for_status(self) -> ConnectorResult<Self> {
        if self.status.is_success() {
            Ok(self)
        } else {
            Err(self.error())
        }
    }
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status.as_u16())
            .field("url", &display_url(self.url.as_str()))
            .field("headers", &self.headers.keys().collect::<Vec<_>>())
            .field("body_len", &self.body.len())
            .finish()
    }
}
