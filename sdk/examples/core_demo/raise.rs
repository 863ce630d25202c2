//! The custom capability `raise_error`: one error per `kind`, as the recorded
//! `error_connector_*` runs raised them.

use connector_sdk::error::{ConnectorError, ConnectorResult, ErrorCode, ErrorKind};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize, Serializer};

/// Payload of `raise_error`.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct RaiseError {
    /// Which error to raise: `none`, `typed:<ErrorType>` (for example `typed:NotFoundError`),
    /// `echo:<text>`, or one of the named cases in [`error_for`].
    pub kind: String,
}

/// Answer of `raise_error` when it does not fail (`kind: none`).
#[derive(Debug, Serialize, JsonSchema)]
pub struct RaiseErrorResult {
    /// Always false: every other kind fails.
    pub raised: bool,
    /// Set only for `non_model_return`: a value that cannot be serialized, the Rust
    /// counterpart of a handler returning something that is not a response model.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(skip)]
    pub not_a_model: Option<NotAModel>,
}

/// A value whose serialization always fails.
#[derive(Debug)]
pub struct NotAModel;

impl Serialize for NotAModel {
    fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("not a response model"))
    }
}

/// The outcome for `kind`: `raised: false` for `none`, otherwise the error it names.
pub fn error_for(kind: &str) -> ConnectorResult<RaiseErrorResult> {
    if let Some(type_name) = kind.strip_prefix("typed:") {
        let kind = ErrorKind::ALL
            .iter()
            .find(|k| k.type_name() == type_name)
            .ok_or_else(|| unknown_kind(kind))?;
        return Err(ConnectorError::new(*kind));
    }
    if let Some(name) = kind.strip_prefix("echo:") {
        return Err(ConnectorError::with_kind(
            ErrorKind::NotFound,
            format!("User '{name}' was not found."),
        ));
    }
    let error = match kind {
        "none" => {
            return Ok(RaiseErrorResult {
                raised: false,
                not_a_model: None,
            })
        }
        "non_model_return" => {
            return Ok(RaiseErrorResult {
                raised: false,
                not_a_model: Some(NotAModel),
            })
        }
        // A generic error given a code by name: the deprecated names are accepted as input.
        "app_error_code_hint" => {
            ConnectorError::with_kind(ErrorKind::Connector, "Tenant is frozen")
                .with_code(parse_code("bad_request")?)
                .with_app_error_code("core_demo.tenant_frozen")
                .with_hint("Unfreeze the tenant first.")
        }
        "deprecated_code" => ConnectorError::with_kind(ErrorKind::Connector, "Legacy failure")
            .with_code(parse_code("api_error")?),
        "flag_override" => {
            ConnectorError::with_kind(ErrorKind::Authorization, "Missing scope users:write")
                .with_retryable(true)
        }
        "invalid_configuration" => {
            ConnectorError::with_kind(ErrorKind::InvalidConfiguration, "base_url must use https")
        }
        "invalid_page_token" => ConnectorError::new(ErrorKind::InvalidPageToken),
        "not_found_default" => ConnectorError::new(ErrorKind::NotFound),
        "not_found_message" => {
            ConnectorError::with_kind(ErrorKind::NotFound, "User 'missing' was not found.")
        }
        "rate_limit_retry_after" => {
            ConnectorError::with_kind(ErrorKind::RateLimit, "Upstream quota exhausted")
                .with_retry_after_seconds(30)
        }
        // Untyped failures. The reference connector raised Python's KeyError, ValueError and
        // a bare NotImplementedError; their class names are reported as `raised_by`.
        "key_error" => ConnectorError::internal("'missing_key'").with_raised_by("KeyError"),
        "value_error" => ConnectorError::internal("boom").with_raised_by("ValueError"),
        // An empty message is reported as `<raised_by>: (no message)`.
        "not_implemented" => ConnectorError::internal("").with_raised_by("NotImplementedError"),
        _ => return Err(unknown_kind(kind)),
    };
    Err(error)
}

fn parse_code(name: &str) -> ConnectorResult<ErrorCode> {
    ErrorCode::parse(name)
        .ok_or_else(|| ConnectorError::internal(format!("unknown error code '{name}'")))
}

fn unknown_kind(kind: &str) -> ConnectorError {
    ConnectorError::with_kind(
        ErrorKind::InvalidValue,
        format!("Unknown error kind '{kind}'."),
    )
}
