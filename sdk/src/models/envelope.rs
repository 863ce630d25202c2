//! Members of the request and response envelopes other than the payload.

use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::auth::AuthCredential;

/// A capability call's envelope as the runtime reads it; `request` is required, every other
/// member may be missing or `null` (serde reads a missing `Option` member as `None`). `A` and
/// `C` are how `auth` and `credentials` are read: see [`Envelope`] and
/// [`UnauthenticatedEnvelope`].
#[derive(Deserialize)]
pub(crate) struct CallEnvelope<A, C> {
    pub(crate) request: Value,
    pub(crate) auth: Option<A>,
    pub(crate) credentials: Option<C>,
    pub(crate) settings: Option<Value>,
    pub(crate) page: Option<Page>,
    pub(crate) include_raw_data: Option<bool>,
    pub(crate) rate_limit: Option<RateLimitRequestInfo>,
}

/// The envelope of capabilities that carry credentials.
pub(crate) type Envelope = CallEnvelope<AuthCredential, Vec<AuthCredential>>;

/// The envelope of capabilities that carry no credentials (`validate_credential_config`):
/// `auth` and `credentials` are accepted whatever they hold and dropped, like unknown members.
pub(crate) type UnauthenticatedEnvelope = CallEnvelope<IgnoredAny, IgnoredAny>;

impl UnauthenticatedEnvelope {
    /// The same members as an [`Envelope`] without credentials.
    pub(crate) fn without_credentials(self) -> Envelope {
        Envelope {
            request: self.request,
            auth: None,
            credentials: None,
            settings: self.settings,
            page: self.page,
            include_raw_data: self.include_raw_data,
            rate_limit: self.rate_limit,
        }
    }
}

/// Pagination input and output (`Page`). In a response, `page: null` is the only end-of-data
/// signal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    /// Opaque token from the previous response.
    pub token: Option<String>,
    /// Number of items wanted.
    pub size: Option<u64>,
}

/// Caller's rate-limit mode override.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum RateLimitOverrideMode {
    Enforce,
    RetryOnly,
    Bypass,
    EnforceNoRetry,
}

/// One rate-limit state snapshot (`RateLimitStateSnapshot`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct RateLimitSnapshot {
    pub remaining: Option<i64>,
    pub limit: Option<i64>,
    pub reset: Option<i64>,
    pub window_seconds: Option<i64>,
    pub current_delay: Option<i64>,
    pub source: Option<String>,
}

/// Rate-limit continuity sent by the caller (`RateLimitRequestInfo`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateLimitRequestInfo {
    /// How often the caller already retried this operation.
    pub caller_retry_attempt: Option<i64>,
    /// `rate_limit.current_state` from the previous page's response.
    pub last_known_state: Option<std::collections::BTreeMap<String, RateLimitSnapshot>>,
    /// Overrides the connector's rate-limit mode.
    pub caller_override_mode: Option<RateLimitOverrideMode>,
    /// Caller deadline in seconds.
    pub max_execution_time: Option<i64>,
}

/// Rate-limit state returned to the caller (`RateLimitResponseInfo`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateLimitResponseInfo {
    /// Snapshot per rate-limit config id.
    pub current_state: Option<std::collections::BTreeMap<String, RateLimitSnapshot>>,
}

/// What a write capability actually changed (`execution_summary.effect`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Effect {
    /// Something was created.
    Created,
    /// Something was updated.
    Updated,
    /// Something was deleted.
    Deleted,
    /// Nothing changed.
    Noop {
        /// Why nothing changed, for example `state_already_matches`.
        reason: String,
    },
}

/// Summary of a write capability's execution (`ExecutionSummary`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExecutionSummary {
    /// What changed.
    pub effect: Effect,
    /// SHA-256 of the canonical request payload (see [`crate::fingerprint`]).
    pub request_fingerprint: String,
    /// Whether retrying with the same fingerprint is safe.
    pub is_idempotent: bool,
    /// Human text.
    pub description: Option<String>,
    /// Non-fatal errors, as error objects.
    pub caught_errors: Option<Vec<Value>>,
}
