//! HTTP client base for connectors.
//!
//! Upstream failures become the protocol's
//! [`ConnectorError`](crate::error::ConnectorError): failing statuses through
//! [`status_error_code`] (§5.5.1) with the message of
//! [`http_error_message`](crate::error::render::http_error_message) (§5.7), transport
//! failures through [`ConnectorError::from_transport`](crate::error::ConnectorError::from_transport)
//! (§5.6).

mod retry;
mod status;
mod transport;

pub use retry::{parse_retry_after, retry_after_seconds, RetryPolicy};
pub use status::{status_error_code, HTTP_STATUS_ERROR};
pub use transport::{
    CONNECTION_CLOSED_MESSAGE, CONNECT_FAILED_MESSAGE, ILLEGAL_HEADER_MESSAGE, JSON_DECODE_PREFIX,
    READ_TIMEOUT_MESSAGE,
};
