//! Per-request options for [`crate::http::HttpClient::send`].

use std::time::Duration;

use reqwest::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use reqwest::RequestBuilder;
use serde::Serialize;

use super::Auth;
use crate::error::{ConnectorError, ConnectorResult};
use crate::secret::Secret;

/// A request body, kept so that a retry can send it again.
#[derive(Clone)]
enum Body {
    /// Serialized JSON.
    Json(Vec<u8>),
    /// `application/x-www-form-urlencoded` fields.
    Form(Vec<(String, String)>),
    /// Raw bytes with their content type.
    Raw {
        content_type: String,
        bytes: Vec<u8>,
    },
}

impl std::fmt::Debug for Body {
    /// Sizes only: bodies carry passwords and client secrets (form fields of token requests).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Body::Json(bytes) => write!(f, "Json({} bytes)", bytes.len()),
            Body::Form(fields) => write!(f, "Form({} fields)", fields.len()),
            Body::Raw {
                content_type,
                bytes,
            } => write!(f, "Raw({content_type}, {} bytes)", bytes.len()),
        }
    }
}

/// Which credentials a request uses.
#[derive(Debug, Clone, Default)]
enum AuthChoice {
    /// The client's [`Auth`].
    #[default]
    Client,
    /// Other credentials for this request.
    Override(Auth),
}

/// Query, headers, body and behaviour of one request, built with chained calls:
///
/// ```
/// # use connector_sdk::http::RequestOptions;
/// let options = RequestOptions::new()
///     .query("limit", 50)
///     .header("x-request-source", "connector")
///     .json(&serde_json::json!({"active": false}));
/// ```
#[derive(Debug, Clone, Default)]
pub struct RequestOptions {
    query: Vec<(String, String)>,
    headers: Vec<(String, HeaderText)>,
    /// A body that failed to serialize is reported when the request is sent.
    body: Option<Result<Body, ConnectorError>>,
    auth: AuthChoice,
    allow_error_status: bool,
    timeout: Option<Duration>,
}

/// A header value, possibly secret.
#[derive(Debug, Clone)]
enum HeaderText {
    Plain(String),
    Secret(Secret),
}

impl RequestOptions {
    /// No query, headers or body; the client's credentials; failing statuses are errors.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a query parameter.
    pub fn query(mut self, name: impl Into<String>, value: impl ToString) -> Self {
        self.query.push((name.into(), value.to_string()));
        self
    }

    /// Adds query parameters.
    pub fn query_pairs(mut self, pairs: &[(&str, String)]) -> Self {
        self.query
            .extend(pairs.iter().map(|(k, v)| ((*k).to_owned(), v.clone())));
        self
    }

    /// Adds a header. An invalid name or value fails the request with the protocol's
    /// illegal-header `bad_request`.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers
            .push((name.into(), HeaderText::Plain(value.into())));
        self
    }

    /// Adds a header whose value is secret: it is marked sensitive and never printed.
    pub fn secret_header(mut self, name: impl Into<String>, value: Secret) -> Self {
        self.headers.push((name.into(), HeaderText::Secret(value)));
        self
    }

    /// Sends `body` as JSON (`content-type: application/json`).
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        self.body = Some(serde_json::to_vec(body).map(Body::Json).map_err(|e| {
            ConnectorError::internal(format!("Failed to serialize the request body: {e}"))
        }));
        self
    }

    /// Sends form fields (`application/x-www-form-urlencoded`).
    pub fn form(mut self, fields: &[(&str, &str)]) -> Self {
        let fields = fields
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        self.body = Some(Ok(Body::Form(fields)));
        self
    }

    /// Sends raw bytes with the given content type.
    pub fn body(mut self, content_type: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        self.body = Some(Ok(Body::Raw {
            content_type: content_type.into(),
            bytes: bytes.into(),
        }));
        self
    }

    /// Uses other credentials for this request ([`Auth::None`] for public endpoints).
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = AuthChoice::Override(auth);
        self
    }

    /// Returns answers with a failing status as a response instead of an error, for
    /// connectors that handle some statuses themselves (for example 404 as "absent").
    /// Throttled answers are still retried first.
    pub fn allow_error_status(mut self) -> Self {
        self.allow_error_status = true;
        self
    }

    /// Overrides the client's total timeout for this request.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    pub(crate) fn allows_error_status(&self) -> bool {
        self.allow_error_status
    }

    /// Adds everything to `request`, credentials last so that they win over plain headers.
    pub(crate) fn apply(
        &self,
        mut request: RequestBuilder,
        client_auth: &Auth,
    ) -> ConnectorResult<RequestBuilder> {
        if !self.query.is_empty() {
            request = request.query(&self.query);
        }
        for (name, value) in &self.headers {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| ConnectorError::illegal_header())?;
            let value = match value {
                HeaderText::Plain(text) => HeaderValue::from_str(text),
                HeaderText::Secret(secret) => {
                    HeaderValue::from_str(secret.expose()).map(|mut v| {
                        v.set_sensitive(true);
                        v
                    })
                }
            }
            .map_err(|_| ConnectorError::illegal_header())?;
            request = request.header(name, value);
        }
        match &self.body {
            None => {}
            Some(Err(error)) => return Err(error.clone()),
            Some(Ok(Body::Json(bytes))) => {
                request = request
                    .header(CONTENT_TYPE, "application/json")
                    .body(bytes.clone());
            }
            Some(Ok(Body::Form(fields))) => request = request.form(fields),
            Some(Ok(Body::Raw {
                content_type,
                bytes,
            })) => {
                let content_type = HeaderValue::from_str(content_type)
                    .map_err(|_| ConnectorError::illegal_header())?;
                request = request
                    .header(CONTENT_TYPE, content_type)
                    .body(bytes.clone());
            }
        }
        if let Some(timeout) = self.timeout {
            request = request.timeout(timeout);
        }
        match &self.auth {
            AuthChoice::Client => client_auth.apply(request),
            AuthChoice::Override(auth) => auth.apply(request),
        }
    }
}
