//! Serializing the success and error envelopes: compact, members in the protocol's order,
//! `null` members kept, non-ASCII raw.

use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::Value;

use super::handler::Outcome;
use crate::error::{Category, ConnectorError, ErrorCode, Fault};
use crate::models::{ExecutionSummary, Page, RateLimitResponseInfo};

/// The message for a handler result that cannot be serialized: the reference's text, typo
/// included (quirk Q8, vector `error_connector_non_model_return`).
pub(crate) const UNEXPECTED_RESPONSE: &str = "Unxpected response from executed capability.";

#[derive(Serialize)]
struct StandardEnvelope<'a> {
    response: &'a RawValue,
    raw_data: &'a Option<Value>,
    page: &'a Option<Page>,
    rate_limit: Option<&'a RateLimitResponseInfo>,
    execution_summary: &'a Option<ExecutionSummary>,
}

#[derive(Serialize)]
struct CustomEnvelope<'a> {
    page: &'a Option<Page>,
    raw_data: &'a Option<Value>,
    execution_summary: &'a Option<ExecutionSummary>,
    rate_limit: Option<&'a RateLimitResponseInfo>,
    response: &'a RawValue,
}

#[derive(Serialize)]
struct ErrorEnvelope<'a> {
    is_error: bool,
    error: ErrorBody<'a>,
    raw_data: Option<Value>,
    page: Option<Page>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    message: String,
    status_code: Option<u16>,
    app_error_code: Option<&'a str>,
    error_code: ErrorCode,
    app_id: &'a str,
    raised_by: Option<&'a str>,
    raised_in: Option<&'a str>,
    error_metadata: ErrorMetadata<'a>,
}

#[derive(Serialize)]
struct ErrorMetadata<'a> {
    fault: Fault,
    category: Category,
    hint: Option<&'a str>,
    retryable: bool,
    throttled: bool,
    refreshable: bool,
    retry_after_seconds: Option<u64>,
}

/// The success envelope; custom capabilities use the custom member order.
/// `rate_limit` is the state of the call's rate-limited clients, if any ran.
pub(crate) fn success(
    outcome: &Outcome,
    custom_order: bool,
    rate_limit: Option<&RateLimitResponseInfo>,
) -> String {
    let result = if custom_order {
        serde_json::to_string(&CustomEnvelope {
            page: &outcome.page,
            raw_data: &outcome.raw_data,
            execution_summary: &outcome.execution_summary,
            rate_limit,
            response: &outcome.response,
        })
    } else {
        serde_json::to_string(&StandardEnvelope {
            response: &outcome.response,
            raw_data: &outcome.raw_data,
            page: &outcome.page,
            rate_limit,
            execution_summary: &outcome.execution_summary,
        })
    };
    // Serializing `Value`s and plain structs cannot fail; fall back to an error envelope anyway.
    result.unwrap_or_else(|_| {
        failure(
            &ConnectorError::runtime(ErrorCode::InvalidResponse, UNEXPECTED_RESPONSE),
            "",
            None,
        )
    })
}

/// The error envelope. `raised_in` is set for failures inside a handler.
pub(crate) fn failure(error: &ConnectorError, app_id: &str, raised_in: Option<&str>) -> String {
    let metadata = error.metadata();
    let mut message = error.message.trim().to_owned();
    if message.is_empty() {
        message = format!(
            "{}: (no message)",
            error.raised_by.as_deref().unwrap_or("ConnectorError")
        );
    }
    let envelope = ErrorEnvelope {
        is_error: true,
        error: ErrorBody {
            message,
            status_code: error.status_code,
            app_error_code: error.app_error_code.as_deref(),
            error_code: error.code,
            app_id,
            raised_by: error.raised_by.as_deref(),
            raised_in,
            error_metadata: ErrorMetadata {
                fault: metadata.fault,
                category: metadata.category,
                hint: error.hint.as_deref(),
                retryable: metadata.retryable,
                throttled: metadata.throttled,
                refreshable: metadata.refreshable,
                retry_after_seconds: error.retry_after_seconds,
            },
        },
        raw_data: None,
        page: None,
    };
    serde_json::to_string(&envelope).unwrap_or_else(|_| {
        String::from(r#"{"is_error":true,"error":{"message":"error envelope could not be serialized","status_code":null,"app_error_code":null,"error_code":"internal_error","app_id":"","raised_by":null,"raised_in":null,"error_metadata":{"fault":"connector","category":"internal","hint":null,"retryable":true,"throttled":false,"refreshable":false,"retry_after_seconds":null}},"raw_data":null,"page":null}"#)
    })
}
