//! The caller's execution budget: a wait that would pass its deadline fails early with
//! `budget_exhausted` instead of being cut off by the caller's timeout (protocol §3.5).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use tokio::time::Instant;

use crate::error::{ConnectorError, ConnectorResult, ErrorKind};

/// Fails when waiting `wait` from `now` would reach `deadline`.
pub(crate) fn check_wait(
    deadline: Option<Instant>,
    now: Instant,
    wait: Duration,
) -> ConnectorResult<()> {
    match deadline {
        Some(deadline) if now + wait >= deadline => Err(wait_too_long(wait)),
        _ => Ok(()),
    }
}

/// Fails when `deadline` has passed.
pub(crate) fn check_expired(deadline: Option<Instant>, now: Instant) -> ConnectorResult<()> {
    match deadline {
        Some(deadline) if now >= deadline => Err(ConnectorError::with_kind(
            ErrorKind::BudgetExhausted,
            "Execution deadline exceeded",
        )
        .with_retry_after_seconds(0)),
        _ => Ok(()),
    }
}

/// `budget_exhausted` for a wait of `wait`, retryable after it (whole seconds, rounded up).
pub(crate) fn wait_too_long(wait: Duration) -> ConnectorError {
    let retry_after = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    ConnectorError::with_kind(
        ErrorKind::BudgetExhausted,
        format!(
            "Rate limit sleep of {:.0}s would exceed caller deadline",
            wait.as_secs_f64()
        ),
    )
    .with_retry_after_seconds(retry_after)
}

/// Wall-clock now in unix seconds, for the reported `reset`.
pub(crate) fn unix_now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |since| since.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn waits_that_reach_the_deadline_fail_with_the_wait_rounded_up() {
        let now = Instant::now();
        let deadline = Some(now + Duration::from_secs(10));
        assert!(check_wait(deadline, now, Duration::from_millis(9_999)).is_ok());
        assert!(check_wait(None, now, Duration::from_secs(1_000_000)).is_ok());
        let error = check_wait(deadline, now, Duration::from_millis(12_400)).unwrap_err();
        assert_eq!(error.code, ErrorCode::BudgetExhausted);
        assert_eq!(error.retry_after_seconds, Some(13));
        assert_eq!(
            error.message,
            "Rate limit sleep of 12s would exceed caller deadline"
        );
        assert_eq!(error.raised_by.as_deref(), Some("BudgetExhaustedError"));
    }

    #[test]
    fn a_passed_deadline_fails_at_once() {
        let now = Instant::now();
        assert!(check_expired(Some(now + Duration::from_secs(1)), now).is_ok());
        let error = check_expired(Some(now), now).unwrap_err();
        assert_eq!(error.code, ErrorCode::BudgetExhausted);
        assert_eq!(error.message, "Execution deadline exceeded");
        assert_eq!(error.retry_after_seconds, Some(0));
    }
}
