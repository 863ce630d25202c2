//! Type-erased capability handlers: parse the payload first (envelope validation), run later
//! (after the authentication and settings checks).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::Value;

use crate::auth::{AuthCredential, AuthDeclaration};
use crate::error::ConnectorError;
use crate::models::{ExecutionSummary, Page, RateLimitRequestInfo};

pub(crate) type BoxFuture<T> = Pin<Box<dyn Future<Output = T> + Send>>;

/// Everything a handler needs besides its payload, known after the checks.
pub(crate) struct Context<S> {
    pub settings: S,
    pub page: Page,
    pub include_raw_data: bool,
    pub rate_limit: Option<RateLimitRequestInfo>,
    pub credentials: Vec<AuthCredential>,
    /// The connector's declaration, for the auto-registered credential checks.
    pub auth: AuthDeclaration,
}

/// A handler's result with its payload already serialized, as JSON text rather than a
/// `Value` tree: a large list's tree is several times its text (a 92 MB answer held as a
/// `Value` was most of its process's peak memory).
pub(crate) struct Outcome {
    pub response: Box<RawValue>,
    pub raw_data: Option<Value>,
    pub page: Option<Page>,
    pub execution_summary: Option<ExecutionSummary>,
}

impl Outcome {
    /// The outcome of an auto-registered capability: its response alone.
    pub fn response_only(response: &impl Serialize) -> Result<Self, ConnectorError> {
        Ok(Self {
            response: serde_json::value::to_raw_value(response)
                .map_err(|e| ConnectorError::internal(e.to_string()))?,
            raw_data: None,
            page: None,
            execution_summary: None,
        })
    }
}

pub(crate) type Continuation<S> =
    Box<dyn FnOnce(Context<S>) -> BoxFuture<Result<Outcome, ConnectorError>> + Send>;

/// Parses the payload and returns the call to make once the checks passed.
pub(crate) type Parser<S> =
    Arc<dyn Fn(Value) -> Result<Continuation<S>, ConnectorError> + Send + Sync>;

/// How a capability's envelope and `info` entry look.
#[derive(Clone, Debug)]
pub(crate) enum Shape {
    /// A standard capability with the protocol's payloads.
    Standard,
    /// A standard capability whose payload the connector extended (custom envelope rules).
    Extended { argument: Value },
    /// A connector-defined capability.
    Custom { argument: Value, output: Value },
}

/// One registered capability.
pub(crate) struct Registered<S> {
    pub parse: Parser<S>,
    pub shape: Shape,
    /// Whether the envelope carries `auth`/`credentials` (false for `validate_credential_config`).
    pub authenticated: bool,
    /// `<module>:<function>` of the handler, reported as `raised_in`.
    pub raised_in: String,
    pub display_name: Option<String>,
    pub description: Option<String>,
}

/// `my_connector::capabilities_read::list_accounts` -> `my_connector.capabilities_read:list_accounts`.
pub(crate) fn raised_in_of<F>(capability: &str) -> String {
    let path = std::any::type_name::<F>();
    if path.contains("{{closure}}") || !path.contains("::") {
        return format!(
            "{}:{capability}",
            path.split("::").next().unwrap_or("connector")
        );
    }
    match path.rsplit_once("::") {
        Some((module, function)) => format!("{}:{function}", module.replace("::", ".")),
        None => format!("connector:{capability}"),
    }
}
