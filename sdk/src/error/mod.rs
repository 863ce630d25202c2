//! Errors a capability can return, classified by protocol error code.
//!
//! A handler returns `Result<_, ConnectorError>`. Build one from a typed kind
//! ([`ConnectorError::new`] with an [`ErrorKind`]) or from an upstream failure (the HTTP client
//! does that for you). The runtime turns it into the protocol's error envelope.

mod code;
mod kind;
pub mod render;

pub use code::{Category, CodeMetadata, ErrorCode, Fault};
pub use kind::ErrorKind;

/// A classified connector failure: what the protocol's error envelope reports.
///
/// `Display` shows the code and message only; a message never contains secrets as long as the
/// code that built it did not put them there (the SDK strips query strings from URLs).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{code}: {message}")]
pub struct ConnectorError {
    /// The protocol error code.
    pub code: ErrorCode,
    /// Human-readable text; never empty on the wire.
    pub message: String,
    /// The upstream HTTP status when the failure came from an HTTP response.
    pub status_code: Option<u16>,
    /// A connector-defined code, for example `myapp.tenant_frozen`.
    pub app_error_code: Option<String>,
    /// A hint for the person fixing the problem.
    pub hint: Option<String>,
    /// Overrides the code's default `retryable` flag.
    pub retryable: Option<bool>,
    /// Overrides the code's default `throttled` flag.
    pub throttled: Option<bool>,
    /// Overrides the code's default `refreshable` flag.
    pub refreshable: Option<bool>,
    /// How long the host should wait before retrying.
    pub retry_after_seconds: Option<u64>,
    /// The failure's type name, reported as `raised_by` (`NotFoundError`, `HTTPStatusError`...).
    pub raised_by: Option<String>,
}

impl ConnectorError {
    /// An error of a typed kind with its default code, message and hint.
    pub fn new(kind: ErrorKind) -> Self {
        Self {
            hint: kind.default_hint().map(str::to_owned),
            raised_by: Some(kind.type_name().to_owned()),
            ..Self::runtime(kind.code(), kind.default_message())
        }
    }

    /// An error with an explicit code and message, raised by the runtime itself
    /// (`raised_by` stays empty), for example envelope validation failures.
    pub fn runtime(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            status_code: None,
            app_error_code: None,
            hint: None,
            retryable: None,
            throttled: None,
            refreshable: None,
            retry_after_seconds: None,
            raised_by: None,
        }
    }

    /// Shorthand for `ConnectorError::new(kind).with_message(message)`.
    pub fn with_kind(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self::new(kind).with_message(message)
    }

    /// Replaces the message.
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// Overrides the error code, keeping the rest.
    pub fn with_code(mut self, code: ErrorCode) -> Self {
        self.code = code;
        self
    }

    /// Sets a connector-defined error code.
    pub fn with_app_error_code(mut self, app_error_code: impl Into<String>) -> Self {
        self.app_error_code = Some(app_error_code.into());
        self
    }

    /// Sets the hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Overrides the `retryable` flag.
    pub fn with_retryable(mut self, retryable: bool) -> Self {
        self.retryable = Some(retryable);
        self
    }

    /// Overrides the `throttled` flag.
    pub fn with_throttled(mut self, throttled: bool) -> Self {
        self.throttled = Some(throttled);
        self
    }

    /// Overrides the `refreshable` flag.
    pub fn with_refreshable(mut self, refreshable: bool) -> Self {
        self.refreshable = Some(refreshable);
        self
    }

    /// Tells the host when to retry.
    pub fn with_retry_after_seconds(mut self, seconds: u64) -> Self {
        self.retry_after_seconds = Some(seconds);
        self
    }

    /// Sets the upstream HTTP status.
    pub fn with_status_code(mut self, status: u16) -> Self {
        self.status_code = Some(status);
        self
    }

    /// Sets the type name reported as `raised_by`.
    pub fn with_raised_by(mut self, raised_by: impl Into<String>) -> Self {
        self.raised_by = Some(raised_by.into());
        self
    }

    /// The metadata reported on the wire: the code's defaults with this error's overrides.
    pub fn metadata(&self) -> CodeMetadata {
        let mut metadata = self.code.metadata();
        if let Some(retryable) = self.retryable {
            metadata.retryable = retryable;
        }
        if let Some(throttled) = self.throttled {
            metadata.throttled = throttled;
        }
        if let Some(refreshable) = self.refreshable {
            metadata.refreshable = refreshable;
        }
        metadata
    }

    /// An `internal_error` for an untyped failure, keeping its text as the message.
    pub fn internal(message: impl Into<String>) -> Self {
        Self::runtime(ErrorCode::InternalError, message)
    }

    /// A `bad_request` raised by the runtime's request checks (no `raised_by`).
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::runtime(ErrorCode::BadRequest, message)
    }
}

impl From<ErrorKind> for ConnectorError {
    fn from(kind: ErrorKind) -> Self {
        Self::new(kind)
    }
}

/// Result of a capability handler.
pub type ConnectorResult<T> = Result<T, ConnectorError>;
