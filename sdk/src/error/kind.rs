//! The typed error taxonomy connector authors pick from, with the protocol's defaults.

use super::ErrorCode;

const RETRY: &str = "Please retry the request.";

macro_rules! kinds {
    ($( $(#[$doc:meta])* $variant:ident => $type_name:literal, $code:ident, $message:literal, $hint:expr; )*) => {
        /// A classification of a connector failure. Each kind has a default code, message
        /// and hint, and a type name reported as `raised_by`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorKind {
            $( $(#[$doc])* $variant, )*
        }

        impl ErrorKind {
            /// Every kind.
            pub const ALL: &'static [ErrorKind] = &[$(ErrorKind::$variant),*];

            /// The default error code.
            pub fn code(self) -> ErrorCode {
                match self { $(ErrorKind::$variant => ErrorCode::$code,)* }
            }

            /// The default message.
            pub fn default_message(self) -> &'static str {
                match self { $(ErrorKind::$variant => $message,)* }
            }

            /// The default hint, if any.
            pub fn default_hint(self) -> Option<&'static str> {
                match self { $(ErrorKind::$variant => $hint,)* }
            }

            /// The type name reported as `raised_by` (the reference's class names).
            pub fn type_name(self) -> &'static str {
                match self { $(ErrorKind::$variant => $type_name,)* }
            }
        }
    };
}

kinds! {
    /// A generic connector failure (`internal_error`).
    Connector => "ConnectorError", InternalError, "An unexpected error occurred", None;
    /// Credentials rejected (`unauthorized`).
    Authentication => "AuthenticationError", Unauthorized, "Authentication failed", Some("Please contact support if the problem persists.");
    /// Credentials expired (`authentication_expired`).
    AuthenticationExpired => "AuthenticationExpiredError", AuthenticationExpired, "Authentication has expired", None;
    /// Credentials revoked (`creds_revoked`).
    CredentialsRevoked => "CredentialsRevokedError", CredsRevoked, "Credentials have been revoked", Some("Visit the end system and verify that the credentials have not been revoked.");
    /// Missing permission (`permission_denied`).
    Authorization => "AuthorizationError", PermissionDenied, "Permission denied", Some("Visit the end system and verify that the account has the required scope.");
    /// A passing upstream failure (`service_error`).
    Transient => "TransientError", ServiceError, "A transient error occurred", Some(RETRY);
    /// Throttled by the upstream (`rate_limit`).
    RateLimit => "RateLimitError", RateLimit, "Rate limit exceeded", Some(RETRY);
    /// A rate-limit wait would pass the caller's deadline (`budget_exhausted`).
    BudgetExhausted => "BudgetExhaustedError", BudgetExhausted, "Rate limit wait would exceed caller deadline", Some(RETRY);
    /// The upstream failed unexpectedly (`bad_gateway`).
    Upstream => "UpstreamError", BadGateway, "The upstream service returned an unexpected error", Some(RETRY);
    /// Could not connect (`connection_timeout`).
    Network => "NetworkError", ConnectionTimeout, "Failed to connect to the upstream service", Some(RETRY);
    /// The upstream refused the connection (`connection_rejected`).
    ConnectionRejected => "ConnectionRejectedError", ConnectionRejected, "The upstream service refused the connection", Some(RETRY);
    /// The upstream closed the connection (`connection_closed`).
    ConnectionClosed => "ConnectionClosedError", ConnectionClosed, "The upstream service closed the connection unexpectedly", Some(RETRY);
    /// The upstream did not answer in time (`request_timeout`).
    RequestTimeout => "RequestTimeoutError", RequestTimeout, "The upstream service did not respond in time", Some(RETRY);
    /// The request contains invalid input (`bad_request`).
    Client => "ClientError", BadRequest, "The request contains invalid input", None;
    /// Something does not exist (`not_found`).
    NotFound => "NotFoundError", NotFound, "The requested resource was not found.", None;
    /// A field value is invalid (`invalid_value`).
    InvalidValue => "InvalidValueError", InvalidValue, "One or more field values are invalid.", None;
    /// A settings value is invalid (`invalid_value` with a settings hint).
    InvalidConfiguration => "InvalidConfigurationError", InvalidValue, "The integration configuration contains an invalid value.", Some("Review the integration settings and correct the indicated field.");
    /// A value is not recognised (`unknown_value`).
    UnknownValue => "UnknownValueError", UnknownValue, "An unrecognised value was provided.", None;
    /// A page token cannot be used (`invalid_page_token`).
    InvalidPageToken => "InvalidPageTokenError", InvalidPageToken, "The pagination token is invalid or has expired.", None;
    /// A required parameter or setting is absent (`integration_missing_parameter`).
    MissingParameter => "MissingParameterError", IntegrationMissingParameter, "A required integration parameter is missing. Please check the integration configuration.", None;
    /// The operation conflicts with current state (`conflict`).
    Conflict => "ConflictError", Conflict, "The operation conflicts with the current resource state.", None;
    /// An internal bug (`internal_error`).
    Internal => "InternalError", InternalError, "An internal connector error occurred", None;
    /// The upstream answer is unusable (`invalid_response`).
    InvalidResponse => "InvalidResponseError", InvalidResponse, "The upstream API returned an unexpected or unreadable response.", None;
    /// The operation is not supported (`unsupported_operation`).
    UnsupportedOperation => "UnsupportedOperationError", UnsupportedOperation, "This operation is not supported by the connector", None;
}
