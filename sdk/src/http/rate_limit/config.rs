//! What a connector declares about an API's rate limits.

use std::time::Duration;

use crate::models::RateLimitOverrideMode;

/// An API's rate limit, given to [`HttpClientBuilder::rate_limit`](crate::http::HttpClientBuilder::rate_limit).
///
/// The client counts its requests in a sliding window and waits instead of sending more than
/// `requests_per_window` in any `window`; with [`RateLimitConfig::headers`] it also follows the
/// API's own rate-limit headers. Its state is reported in the envelope's `rate_limit` member
/// under `config_id` (protocol §4.3) and comes back in the next call's `last_known_state`.
///
/// ```
/// use std::time::Duration;
/// use connector_sdk::http::{RateLimitConfig, RateLimitHeaders};
/// // 100 requests a minute, and whatever the API's X-RateLimit-* headers say.
/// let limits = RateLimitConfig::new("my-app", 100, Duration::from_secs(60))
///     .headers(RateLimitHeaders::x_ratelimit());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimitConfig {
    pub(crate) config_id: String,
    pub(crate) requests_per_window: u32,
    pub(crate) window: Duration,
    pub(crate) headers: Option<RateLimitHeaders>,
    pub(crate) mode: Option<RateLimitOverrideMode>,
}

impl RateLimitConfig {
    /// At most `requests_per_window` requests in any `window`, reported under `config_id`
    /// (usually the app id; one id per limit when an API has several). A zero limit or window
    /// is read as 1.
    pub fn new(config_id: impl Into<String>, requests_per_window: u32, window: Duration) -> Self {
        Self {
            config_id: config_id.into(),
            requests_per_window: requests_per_window.max(1),
            window: window.max(Duration::from_secs(1)),
            headers: None,
            mode: None,
        }
    }

    /// Also follow the API's rate-limit headers: when they say nothing remains, the next
    /// request waits for their reset, and the reported state is theirs (`api_headers`).
    pub fn headers(mut self, headers: RateLimitHeaders) -> Self {
        self.headers = Some(headers);
        self
    }

    /// Fixes the mode for this API, above the caller's `caller_override_mode`. Without it the
    /// caller's mode applies, else `enforce` for read capabilities and `retry_only` for the
    /// others (the reference's default).
    pub fn mode(mut self, mode: RateLimitOverrideMode) -> Self {
        self.mode = Some(mode);
        self
    }

    /// The id the state is reported under.
    pub fn config_id(&self) -> &str {
        &self.config_id
    }
}

/// Which response headers carry an API's rate-limit state, and how its reset reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimitHeaders {
    pub(crate) limit: String,
    pub(crate) remaining: String,
    pub(crate) reset: String,
    pub(crate) reset_format: ResetFormat,
}

/// How a reset header reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResetFormat {
    /// Unix time in seconds (GitHub's `X-RateLimit-Reset`).
    UnixSeconds,
    /// Seconds from now (the IETF draft's `RateLimit-Reset`).
    SecondsFromNow,
    /// Unix seconds when the value is past 10⁹ (2001), seconds from now otherwise.
    Auto,
}

impl RateLimitHeaders {
    /// Custom header names (matched case-insensitively).
    pub fn new(
        limit: impl Into<String>,
        remaining: impl Into<String>,
        reset: impl Into<String>,
        reset_format: ResetFormat,
    ) -> Self {
        Self {
            limit: limit.into(),
            remaining: remaining.into(),
            reset: reset.into(),
            reset_format,
        }
    }

    /// `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset` (reset read with
    /// [`ResetFormat::Auto`]).
    pub fn x_ratelimit() -> Self {
        Self::new(
            "x-ratelimit-limit",
            "x-ratelimit-remaining",
            "x-ratelimit-reset",
            ResetFormat::Auto,
        )
    }

    /// `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (reset in seconds from now).
    pub fn ietf_draft() -> Self {
        Self::new(
            "ratelimit-limit",
            "ratelimit-remaining",
            "ratelimit-reset",
            ResetFormat::SecondsFromNow,
        )
    }
}
