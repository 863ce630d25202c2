//! The limiter of one rate-limited client: a sliding-window log of its sends plus the API's
//! own headers, on an injected clock (`now` is always a parameter) so tests can drive it.

use std::collections::VecDeque;
use std::time::Duration;

use reqwest::header::HeaderMap;
use tokio::time::Instant;

use super::config::{RateLimitConfig, ResetFormat};
use crate::models::{RateLimitOverrideMode, RateLimitSnapshot};

/// Reset values past this are unix seconds under [`ResetFormat::Auto`] (September 2001).
const UNIX_THRESHOLD: f64 = 1e9;

/// What the API's headers last said.
#[derive(Debug, Clone, Copy)]
struct ApiState {
    limit: u64,
    remaining: u64,
    reset_at: Option<Instant>,
}

/// Rate-limit state of one client (shared by its clones).
#[derive(Debug)]
pub(crate) struct Limiter {
    config: RateLimitConfig,
    mode: RateLimitOverrideMode,
    /// Send times (past and reserved), oldest first; only those inside the window are kept.
    sent: VecDeque<Instant>,
    api: Option<ApiState>,
    current_delay: Duration,
    /// One instant with its unix time, to convert between the two clocks.
    anchor: (Instant, f64),
}

impl Limiter {
    /// A fresh limiter; `unix_now` is the wall-clock time of `now` in seconds.
    pub(crate) fn new(
        config: RateLimitConfig,
        mode: RateLimitOverrideMode,
        now: Instant,
        unix_now: f64,
    ) -> Self {
        Self {
            config,
            mode,
            sent: VecDeque::new(),
            api: None,
            current_delay: Duration::ZERO,
            anchor: (now, unix_now),
        }
    }

    pub(crate) fn config(&self) -> &RateLimitConfig {
        &self.config
    }

    /// Whether throttled answers (429, 503) are retried; `enforce_no_retry` hands them back.
    pub(crate) fn retries(&self) -> bool {
        self.mode != RateLimitOverrideMode::EnforceNoRetry
    }

    /// Takes over a snapshot of a previous call (`last_known_state`): the requests it had used
    /// in a window that has not reset yet, the API's state, the delay. The declared limits stay:
    /// a caller cannot raise them.
    pub(crate) fn seed(&mut self, state: &RateLimitSnapshot, now: Instant) {
        let reset_at = state.reset.map(|reset| self.instant_of_unix(reset as f64));
        let running = reset_at.is_some_and(|reset_at| reset_at > now);
        if let Some(delay) = state.current_delay.filter(|d| *d > 0) {
            if running || reset_at.is_none() {
                self.current_delay = Duration::from_secs(delay.unsigned_abs());
            }
        }
        let (Some(limit), Some(remaining)) = (state.limit, state.remaining) else {
            return;
        };
        let (limit, remaining) = (limit.max(0) as u64, remaining.max(0) as u64);
        if state.source.as_deref() == Some("api_headers") && self.config.headers.is_some() {
            if running {
                self.api = Some(ApiState {
                    limit,
                    remaining,
                    reset_at,
                });
            }
            return;
        }
        let used = limit
            .saturating_sub(remaining)
            .min(u64::from(self.config.requests_per_window));
        // Used slots of a running window expire at its reset (at the latest one window from
        // now, the declared window); without a reset they count as sent now.
        let at = match reset_at {
            Some(reset_at) if running => reset_at
                .checked_sub(self.config.window)
                .map_or(now, |at| at.min(now)),
            Some(_) => return,
            None => now,
        };
        self.sent.extend(std::iter::repeat_n(at, used as usize));
    }

    /// Reserves the next send: how long to wait first (nothing in `retry_only` mode), counted
    /// as sent at the end of the wait. `Err(wait)`, with nothing reserved, when the send would
    /// not start before `deadline`.
    pub(crate) fn reserve(
        &mut self,
        now: Instant,
        deadline: Option<Instant>,
    ) -> Result<Duration, Duration> {
        self.prune(now);
        let mut at = now;
        if self.mode != RateLimitOverrideMode::RetryOnly {
            let limit = self.config.requests_per_window as usize;
            if self.sent.len() >= limit {
                at = at.max(self.sent[self.sent.len() - limit] + self.config.window);
            }
            if let Some(api) = self.api.filter(|api| api.remaining == 0) {
                at = at.max(api.reset_at.unwrap_or(now));
            }
        }
        // Sends stay in order, so the window check above holds for concurrent callers too.
        at = at.max(self.sent.back().copied().unwrap_or(at));
        let wait = at - now;
        if deadline.is_some_and(|deadline| at >= deadline) {
            return Err(wait);
        }
        self.sent.push_back(at);
        if let Some(api) = &mut self.api {
            if api.reset_at.is_some_and(|reset_at| reset_at <= at) {
                // The API's window has reset; its next answer tells the new state.
                api.remaining = api.limit;
                api.reset_at = None;
            }
            api.remaining = api.remaining.saturating_sub(1);
        }
        if !wait.is_zero() {
            self.current_delay = wait;
        }
        Ok(wait)
    }

    /// Reads the API's headers of an answer, when configured and present.
    pub(crate) fn observe(&mut self, headers: &HeaderMap, now: Instant, unix_now: f64) {
        let Some(names) = &self.config.headers else {
            return;
        };
        let number = |name: &str| {
            let text = headers.get(name)?.to_str().ok()?.trim();
            let end = text
                .find(|c: char| !c.is_ascii_digit() && c != '.')
                .unwrap_or(text.len());
            text[..end].parse::<f64>().ok().filter(|v| v.is_finite())
        };
        let (Some(limit), Some(remaining)) = (number(&names.limit), number(&names.remaining))
        else {
            return;
        };
        let reset_at = number(&names.reset).map(|reset| {
            let from_now = match names.reset_format {
                ResetFormat::UnixSeconds => reset - unix_now,
                ResetFormat::SecondsFromNow => reset,
                ResetFormat::Auto if reset > UNIX_THRESHOLD => reset - unix_now,
                ResetFormat::Auto => reset,
            };
            now + Duration::from_secs_f64(from_now.clamp(0.0, 1e9))
        });
        self.api = Some(ApiState {
            limit: limit as u64,
            remaining: remaining as u64,
            reset_at,
        });
    }

    /// A throttled answer made the client wait `wait` before retrying.
    pub(crate) fn throttled(&mut self, wait: Duration) {
        self.current_delay = wait;
    }

    /// An answer came without the client having to wait: the pressure is gone.
    pub(crate) fn relaxed(&mut self) {
        self.current_delay = Duration::ZERO;
    }

    /// The state to report (`RateLimitStateSnapshot`).
    pub(crate) fn snapshot(&mut self, now: Instant) -> RateLimitSnapshot {
        self.prune(now);
        let window_seconds = Some(self.config.window.as_secs() as i64);
        let current_delay = Some(self.current_delay.as_secs_f64().round() as i64);
        if let Some(api) = self.api {
            return RateLimitSnapshot {
                remaining: Some(api.remaining as i64),
                limit: Some(api.limit as i64),
                reset: api.reset_at.map(|at| self.unix_of(at)),
                window_seconds,
                current_delay,
                source: Some("api_headers".to_owned()),
            };
        }
        let limit = u64::from(self.config.requests_per_window);
        RateLimitSnapshot {
            remaining: Some(limit.saturating_sub(self.sent.len() as u64) as i64),
            limit: Some(limit as i64),
            reset: self
                .sent
                .front()
                .map(|oldest| self.unix_of(*oldest + self.config.window)),
            window_seconds,
            current_delay,
            source: Some("sdk_counter".to_owned()),
        }
    }

    fn prune(&mut self, now: Instant) {
        while self
            .sent
            .front()
            .is_some_and(|sent| *sent + self.config.window <= now)
        {
            self.sent.pop_front();
        }
    }

    /// Whole unix seconds of `at`, rounded down.
    fn unix_of(&self, at: Instant) -> i64 {
        let (anchor, unix) = self.anchor;
        let seconds = if at >= anchor {
            unix + (at - anchor).as_secs_f64()
        } else {
            unix - (anchor - at).as_secs_f64()
        };
        // The epsilon keeps a whole second that went through the float conversions whole.
        (seconds + 1e-6).floor() as i64
    }

    fn instant_of_unix(&self, unix_seconds: f64) -> Instant {
        let (anchor, unix) = self.anchor;
        let offset = unix_seconds - unix;
        if offset >= 0.0 {
            anchor + Duration::from_secs_f64(offset.min(1e9))
        } else {
            anchor
                .checked_sub(Duration::from_secs_f64((-offset).min(1e9)))
                .unwrap_or(anchor)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::RateLimitHeaders;

    const UNIX: f64 = 1_795_821_062.25;

    fn limiter(limit: u32, mode: RateLimitOverrideMode) -> (Limiter, Instant) {
        let now = Instant::now();
        let config = RateLimitConfig::new("app", limit, Duration::from_secs(60));
        (Limiter::new(config, mode, now, UNIX), now)
    }

    #[test]
    fn a_full_window_waits_for_its_oldest_send() {
        let (mut limiter, t0) = limiter(2, RateLimitOverrideMode::Enforce);
        assert_eq!(limiter.reserve(t0, None), Ok(Duration::ZERO));
        let t1 = t0 + Duration::from_secs(10);
        assert_eq!(limiter.reserve(t1, None), Ok(Duration::ZERO));
        let t2 = t0 + Duration::from_secs(20);
        assert_eq!(limiter.reserve(t2, None), Ok(Duration::from_secs(40)));
        // The third send is reserved at t0 + 60: the next one waits for the second's expiry.
        assert_eq!(limiter.reserve(t2, None), Ok(Duration::from_secs(50)));
        let state = limiter.snapshot(t2);
        assert_eq!(state.remaining, Some(0));
        assert_eq!(state.current_delay, Some(50));
    }

    #[test]
    fn retry_only_counts_without_waiting() {
        let (mut limiter, t0) = limiter(1, RateLimitOverrideMode::RetryOnly);
        assert_eq!(limiter.reserve(t0, None), Ok(Duration::ZERO));
        assert_eq!(limiter.reserve(t0, None), Ok(Duration::ZERO));
        assert_eq!(limiter.snapshot(t0).remaining, Some(0));
    }

    #[test]
    fn a_wait_past_the_deadline_reserves_nothing() {
        let (mut limiter, t0) = limiter(1, RateLimitOverrideMode::Enforce);
        limiter.reserve(t0, None).unwrap();
        let deadline = Some(t0 + Duration::from_secs(30));
        assert_eq!(limiter.reserve(t0, deadline), Err(Duration::from_secs(60)));
        assert_eq!(limiter.snapshot(t0).remaining, Some(0));
        assert_eq!(
            limiter.reserve(t0, Some(t0 + Duration::from_secs(61))),
            Ok(Duration::from_secs(60))
        );
    }

    #[test]
    fn the_snapshot_is_the_vectors_shape() {
        let (mut limiter, t0) = limiter(100, RateLimitOverrideMode::Enforce);
        limiter.reserve(t0, None).unwrap();
        let state = limiter.snapshot(t0 + Duration::from_millis(5));
        assert_eq!(
            state,
            RateLimitSnapshot {
                remaining: Some(99),
                limit: Some(100),
                reset: Some((UNIX + 60.0).floor() as i64),
                window_seconds: Some(60),
                current_delay: Some(0),
                source: Some("sdk_counter".to_owned()),
            }
        );
        // A minute later the window is empty again and there is no reset to report.
        let later = limiter.snapshot(t0 + Duration::from_secs(60));
        assert_eq!((later.remaining, later.reset), (Some(100), None));
    }

    #[test]
    fn a_seeded_running_window_keeps_its_used_slots_until_reset() {
        let (mut limiter, t0) = limiter(3, RateLimitOverrideMode::Enforce);
        let reset = UNIX as i64 + 30;
        limiter.seed(
            &RateLimitSnapshot {
                remaining: Some(1),
                limit: Some(3),
                reset: Some(reset),
                window_seconds: Some(60),
                current_delay: Some(0),
                source: Some("sdk_counter".to_owned()),
            },
            t0,
        );
        assert_eq!(limiter.reserve(t0, None), Ok(Duration::ZERO));
        let wait = limiter.reserve(t0, None).unwrap();
        let expected = reset as f64 - UNIX;
        assert!((wait.as_secs_f64() - expected).abs() < 0.01, "{wait:?}");
    }

    #[test]
    fn a_seeded_window_that_has_reset_is_empty() {
        let (mut limiter, t0) = limiter(1, RateLimitOverrideMode::Enforce);
        limiter.seed(
            &RateLimitSnapshot {
                remaining: Some(0),
                limit: Some(1),
                reset: Some(UNIX as i64 - 5),
                current_delay: Some(9),
                ..RateLimitSnapshot::default()
            },
            t0,
        );
        assert_eq!(limiter.reserve(t0, None), Ok(Duration::ZERO));
        assert_eq!(limiter.snapshot(t0).current_delay, Some(0));
    }

    #[test]
    fn api_headers_with_nothing_remaining_wait_for_their_reset() {
        let now = Instant::now();
        let config = RateLimitConfig::new("app", 1000, Duration::from_secs(60))
            .headers(RateLimitHeaders::x_ratelimit());
        let mut limiter = Limiter::new(config, RateLimitOverrideMode::Enforce, now, UNIX);
        let mut headers = HeaderMap::new();
        headers.insert("x-ratelimit-limit", "5000".parse().unwrap());
        headers.insert("x-ratelimit-remaining", "0".parse().unwrap());
        headers.insert(
            "x-ratelimit-reset",
            format!("{}", UNIX as i64 + 20).parse().unwrap(),
        );
        limiter.observe(&headers, now, UNIX);
        let state = limiter.snapshot(now);
        assert_eq!(state.source.as_deref(), Some("api_headers"));
        assert_eq!(
            (state.remaining, state.limit, state.reset),
            (Some(0), Some(5000), Some(UNIX as i64 + 20))
        );
        let wait = limiter.reserve(now, None).unwrap();
        assert!((wait.as_secs_f64() - 19.75).abs() < 0.01, "{wait:?}");
        // Sent at the reset: the API's new window has one request used.
        assert_eq!(limiter.snapshot(now + wait).remaining, Some(4999));
    }

    #[test]
    fn reset_formats() {
        let now = Instant::now();
        for (format, value, expected) in [
            (ResetFormat::SecondsFromNow, "30", 30.0),
            (ResetFormat::Auto, "30", 30.0),
            (ResetFormat::Auto, "1795821122", 1_795_821_122.0 - UNIX),
            (
                ResetFormat::UnixSeconds,
                "1795821122",
                1_795_821_122.0 - UNIX,
            ),
        ] {
            let names = RateLimitHeaders::new("l", "r", "t", format);
            let config = RateLimitConfig::new("app", 10, Duration::from_secs(60)).headers(names);
            let mut limiter = Limiter::new(config, RateLimitOverrideMode::Enforce, now, UNIX);
            let mut headers = HeaderMap::new();
            headers.insert("l", "10".parse().unwrap());
            headers.insert("r", "0".parse().unwrap());
            headers.insert("t", value.parse().unwrap());
            limiter.observe(&headers, now, UNIX);
            let wait = limiter.reserve(now, None).unwrap();
            assert!(
                (wait.as_secs_f64() - expected).abs() < 0.01,
                "{value}: {wait:?}"
            );
        }
    }
}
