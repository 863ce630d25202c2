//! The protocol's `ConnectorErrorCode` and the metadata each code implies.

use serde::{Deserialize, Serialize};

/// Who is at fault for an error, as reported in `error_metadata.fault`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fault {
    /// The caller sent something wrong.
    Caller,
    /// The connector itself failed.
    Connector,
    /// The upstream application failed or refused.
    Upstream,
    /// The network or platform between connector and upstream failed.
    Infrastructure,
    /// Not classified.
    Unknown,
}

/// Broad class of an error, as reported in `error_metadata.category`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Credentials are missing, wrong or expired.
    Authentication,
    /// Credentials are valid but lack permission.
    Authorization,
    /// Likely to go away on retry.
    Transient,
    /// The request itself is wrong.
    Client,
    /// A bug or unsupported path inside the connector.
    Internal,
}

macro_rules! error_codes {
    ($( $variant:ident = $wire:literal, $fault:ident, $category:ident, $retryable:literal, $throttled:literal, $refreshable:literal; )*) => {
        /// One of the protocol's 22 error codes (`ConnectorErrorCode`).
        ///
        /// Fault, category and the retry flags are a pure function of the code (see
        /// [`ErrorCode::metadata`]); a raise site may override the flags.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        pub enum ErrorCode {
            $(
                #[doc = concat!("`", $wire, "`")]
                #[serde(rename = $wire)]
                $variant,
            )*
        }

        impl ErrorCode {
            /// Every code, in the order of the protocol's table.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),*];

            /// The code as it appears on the wire.
            pub fn as_str(self) -> &'static str {
                match self { $(ErrorCode::$variant => $wire,)* }
            }

            /// The default metadata for this code.
            pub fn metadata(self) -> CodeMetadata {
                match self {
                    $(ErrorCode::$variant => CodeMetadata {
                        fault: Fault::$fault,
                        category: Category::$category,
                        retryable: $retryable,
                        throttled: $throttled,
                        refreshable: $refreshable,
                    },)*
                }
            }

            fn from_current(s: &str) -> Option<Self> {
                match s { $($wire => Some(ErrorCode::$variant),)* _ => None }
            }
        }
    };
}

error_codes! {
    BadRequest = "bad_request", Caller, Client, false, false, false;
    InvalidValue = "invalid_value", Caller, Client, false, false, false;
    UnknownValue = "unknown_value", Caller, Client, false, false, false;
    NotFound = "not_found", Caller, Client, false, false, false;
    Conflict = "conflict", Caller, Client, false, false, false;
    InvalidPageToken = "invalid_page_token", Caller, Client, false, false, false;
    IntegrationMissingParameter = "integration_missing_parameter", Caller, Client, false, false, false;
    UnsupportedOperation = "unsupported_operation", Connector, Internal, false, false, false;
    Unauthorized = "unauthorized", Upstream, Authentication, false, false, true;
    AuthenticationExpired = "authentication_expired", Upstream, Authentication, false, false, true;
    CredsRevoked = "creds_revoked", Upstream, Authentication, false, false, true;
    PermissionDenied = "permission_denied", Upstream, Authorization, false, false, false;
    RateLimit = "rate_limit", Upstream, Transient, true, true, false;
    BudgetExhausted = "budget_exhausted", Upstream, Transient, true, true, false;
    BadGateway = "bad_gateway", Upstream, Transient, true, false, false;
    ServiceError = "service_error", Upstream, Transient, true, false, false;
    RequestTimeout = "request_timeout", Upstream, Transient, true, false, false;
    ConnectionTimeout = "connection_timeout", Infrastructure, Transient, true, false, false;
    ConnectionRejected = "connection_rejected", Infrastructure, Transient, true, false, false;
    ConnectionClosed = "connection_closed", Infrastructure, Transient, true, false, false;
    InternalError = "internal_error", Connector, Internal, true, false, false;
    InvalidResponse = "invalid_response", Connector, Internal, false, false, false;
}

impl ErrorCode {
    /// Parses a code given as input, accepting the deprecated `ErrorCode` names and
    /// normalizing them as the protocol requires (`api_error` -> `invalid_response`, ...).
    pub fn parse(s: &str) -> Option<Self> {
        Self::from_current(s).or(match s {
            "unexpected_error" => Some(ErrorCode::InternalError),
            "not_implemented" => Some(ErrorCode::UnsupportedOperation),
            "client_call_error" | "api_error" => Some(ErrorCode::InvalidResponse),
            "unauthenticated" => Some(ErrorCode::Unauthorized),
            _ => None,
        })
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Fault, category and flags implied by an [`ErrorCode`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeMetadata {
    /// Who is at fault.
    pub fault: Fault,
    /// Broad class.
    pub category: Category,
    /// Whether the host may retry the same call.
    pub retryable: bool,
    /// Whether the failure is a throttling signal.
    pub throttled: bool,
    /// Whether refreshing the credential may help.
    pub refreshable: bool,
}
