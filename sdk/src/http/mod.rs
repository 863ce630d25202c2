//! HTTP client base for connectors.
//!
//! [`HttpClient`] wraps a `reqwest::Client` with a base URL, [`Auth`], timeouts, a
//! [`RetryPolicy`] for throttled answers and optional [`RateLimitConfig`] limits (waiting
//! instead of exceeding them, reported in the envelope's `rate_limit`), and turns every
//! upstream failure into the protocol's [`ConnectorError`](crate::error::ConnectorError):
//! failing statuses through [`status_error_code`] (§5.5.1) with the message of
//! [`http_error_message`](crate::error::render::http_error_message) (§5.7), transport
//! failures through [`ConnectorError::from_transport`](crate::error::ConnectorError::from_transport)
//! (§5.6). Messages and logs never contain query strings, userinfo or credentials. An app's
//! own [error mapper](HttpClientBuilder::error_mapper) sees failing answers first.

mod auth;
mod client;
mod error_hook;
mod paths;
mod rate_limit;
mod request;
mod response;
mod retry;
mod status;
mod transport;

pub use auth::{Auth, AuthHook};
pub use client::{HttpClient, HttpClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
pub use error_hook::{ErrorMapper, UpstreamFailure};
pub use paths::path_segment;
pub(crate) use rate_limit::CallScope;
pub use rate_limit::{
    RateLimitConfig, RateLimitHeaders, ResetFormat, DEADLINE_BUFFER, DEFAULT_MAX_EXECUTION_TIME,
};
pub use request::RequestOptions;
pub use response::HttpResponse;
pub use retry::{parse_retry_after, retry_after_seconds, RetryPolicy};
pub use status::{status_error_code, HttpStatusFailure, HTTP_STATUS_ERROR};
pub use transport::{
    CONNECTION_CLOSED_MESSAGE, CONNECT_FAILED_MESSAGE, ILLEGAL_HEADER_MESSAGE, JSON_DECODE_PREFIX,
    READ_TIMEOUT_MESSAGE,
};

pub use reqwest::header::HeaderMap;
pub use reqwest::{Method, StatusCode, Url};
