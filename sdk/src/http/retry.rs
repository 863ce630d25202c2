//! Retrying throttled upstream answers (429, 503) and reading `Retry-After`.

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};

/// How [`crate::http::HttpClient`] retries upstream answers `429 Too Many Requests` and
/// `503 Service Unavailable`. Other failures are returned at once; the host decides about
/// retrying them from the error's flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 2).
    pub max_retries: u32,
    /// Longest wait before one retry (default 10 s). When `Retry-After` asks for more, the
    /// client does not wait: it returns the error with `retry_after_seconds` set, so the host
    /// retries later.
    pub max_wait: Duration,
    /// Wait before the first retry when the answer has no `Retry-After`; doubled for each
    /// further retry and capped at `max_wait` (default 1 s).
    pub backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 2,
            max_wait: Duration::from_secs(10),
            backoff: Duration::from_secs(1),
        }
    }
}

impl RetryPolicy {
    /// No retries: every failing answer is returned at once.
    pub fn none() -> Self {
        Self {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// Whether `status` is retried at all.
    pub fn retries_status(status: u16) -> bool {
        status == 429 || status == 503
    }

    /// How long to wait before retry number `retry` (0-based), or `None` to give up now.
    /// `retry_after` is the answer's `Retry-After` in seconds.
    pub fn wait_before(&self, retry: u32, retry_after: Option<u64>) -> Option<Duration> {
        if retry >= self.max_retries {
            return None;
        }
        match retry_after {
            Some(seconds) => {
                let wait = Duration::from_secs(seconds);
                (wait <= self.max_wait).then_some(wait)
            }
            None => {
                let factor = 2u32.checked_pow(retry).unwrap_or(u32::MAX);
                Some(self.backoff.saturating_mul(factor).min(self.max_wait))
            }
        }
    }
}

/// Seconds to wait according to a `Retry-After` value: delay-seconds (`120`) or an HTTP-date
/// (`Wed, 21 Oct 2015 07:28:00 GMT`, rounded up; a past date is 0). `None` when unparseable.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<u64> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return value.parse().ok();
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(match at.duration_since(now) {
        Ok(wait) => wait.as_secs() + u64::from(wait.subsec_nanos() > 0),
        Err(_) => 0,
    })
}

/// The `Retry-After` of a response's headers, in seconds from now.
pub fn retry_after_seconds(headers: &HeaderMap) -> Option<u64> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?;
    parse_retry_after(value, SystemTime::now())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
        assert_eq!(parse_retry_after(" 120 ", now), Some(120));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(30)
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(0)
        );
        assert_eq!(parse_retry_after("-5", now), None);
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn waits_are_bounded() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.wait_before(0, Some(3)), Some(Duration::from_secs(3)));
        assert_eq!(policy.wait_before(0, Some(11)), None);
        assert_eq!(policy.wait_before(1, None), Some(Duration::from_secs(2)));
        assert_eq!(policy.wait_before(2, Some(0)), None);
        assert_eq!(RetryPolicy::none().wait_before(0, Some(0)), None);
    }
}
