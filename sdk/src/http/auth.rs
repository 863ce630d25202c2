//! How [`crate::http::HttpClient`] authenticates its requests.

use std::fmt;
use std::sync::Arc;

use reqwest::header::{HeaderName, HeaderValue, AUTHORIZATION};
use reqwest::RequestBuilder;

use crate::error::{ConnectorError, ConnectorResult};
use crate::secret::Secret;

/// A hook that adapts each request, for schemes the other variants do not cover (signed
/// requests, several headers...). It runs again for every retry.
pub type AuthHook = Arc<dyn Fn(RequestBuilder) -> RequestBuilder + Send + Sync>;

/// Credentials sent with every request. `Debug` never shows secret values.
#[derive(Clone, Default)]
pub enum Auth {
    /// No authentication.
    #[default]
    None,
    /// `Authorization: Bearer <token>`.
    Bearer(Secret),
    /// HTTP Basic authentication.
    Basic {
        /// The user name (not secret; it may appear in `Debug` output).
        username: String,
        /// The password.
        password: Secret,
    },
    /// A token in a custom header, for example `X-Api-Key: <token>`.
    Header {
        /// The header name.
        name: String,
        /// The header value.
        value: Secret,
    },
    /// A token in the query string, for example `?api_key=<token>`. Messages and logs never
    /// show query strings, so the token stays out of them; prefer a header when the API
    /// allows it (proxies and upstream access logs do record query strings).
    Query {
        /// The query parameter name.
        name: String,
        /// The token.
        value: Secret,
    },
    /// A custom hook applied to every request.
    Custom(AuthHook),
}

impl Auth {
    /// `Authorization: Bearer <token>`.
    pub fn bearer(token: impl Into<Secret>) -> Self {
        Self::Bearer(token.into())
    }

    /// HTTP Basic authentication.
    pub fn basic(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        Self::Basic {
            username: username.into(),
            password: password.into(),
        }
    }

    /// A token in the header `name`.
    pub fn header(name: impl Into<String>, value: impl Into<Secret>) -> Self {
        Self::Header {
            name: name.into(),
            value: value.into(),
        }
    }

    /// A custom hook applied to every request.
    pub fn custom(hook: impl Fn(RequestBuilder) -> RequestBuilder + Send + Sync + 'static) -> Self {
        Self::Custom(Arc::new(hook))
    }

    /// Adds the credentials to a request. Secret header values are marked sensitive, so
    /// reqwest and hyper never print them. A value that cannot be a header (line breaks, ...)
    /// is the protocol's illegal-header `bad_request`.
    pub(crate) fn apply(&self, request: RequestBuilder) -> ConnectorResult<RequestBuilder> {
        Ok(match self {
            Auth::None => request,
            Auth::Bearer(token) => {
                let value = sensitive_value(&format!("Bearer {}", token.expose()))?;
                request.header(AUTHORIZATION, value)
            }
            Auth::Basic { username, password } => {
                request.basic_auth(username, Some(password.expose()))
            }
            Auth::Header { name, value } => {
                let name = HeaderName::from_bytes(name.as_bytes())
                    .map_err(|_| ConnectorError::illegal_header())?;
                request.header(name, sensitive_value(value.expose())?)
            }
            Auth::Query { name, value } => request.query(&[(name.as_str(), value.expose())]),
            Auth::Custom(hook) => hook(request),
        })
    }
}

fn sensitive_value(value: &str) -> ConnectorResult<HeaderValue> {
    let mut value = HeaderValue::from_str(value).map_err(|_| ConnectorError::illegal_header())?;
    value.set_sensitive(true);
    Ok(value)
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::None => f.write_str("None"),
            Auth::Bearer(_) => f.write_str("Bearer(***)"),
            Auth::Basic { username, .. } => f
                .debug_struct("Basic")
                .field("username", username)
                .field("password", &"***")
                .finish(),
            Auth::Header { name, .. } => f
                .debug_struct("Header")
                .field("name", name)
                .field("value", &"***")
                .finish(),
            Auth::Query { name, .. } => f
                .debug_struct("Query")
                .field("name", name)
                .field("value", &"***")
                .finish(),
            Auth::Custom(_) => f.write_str("Custom(<hook>)"),
        }
    }
}
