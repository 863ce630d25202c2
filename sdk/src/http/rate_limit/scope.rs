//! The rate-limit side of one capability call: the caller's `rate_limit` request info going
//! in, the clients' states coming out (protocol §3.5, §4.3).
//!
//! The runtime runs each call inside a [`CallScope`] (a task-local, like the reference's
//! context variables). A rate-limited [`HttpClient`](crate::http::HttpClient) built inside it
//! takes the caller's mode, deadline and last known state, and publishes its state to it for
//! the envelope's `rate_limit` member.

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

use super::config::RateLimitConfig;
use crate::capability::{level, Level};
use crate::models::{
    RateLimitOverrideMode, RateLimitRequestInfo, RateLimitResponseInfo, RateLimitSnapshot,
};

/// The caller's deadline when it gives none (`max_execution_time`), as in the reference.
pub const DEFAULT_MAX_EXECUTION_TIME: Duration = Duration::from_secs(1800);
/// Kept free before the caller's deadline, for the answer to reach it.
pub const DEADLINE_BUFFER: Duration = Duration::from_secs(10);

tokio::task_local! {
    static SCOPE: Arc<CallScope>;
}

/// One capability call's rate-limit context.
#[derive(Debug)]
pub(crate) struct CallScope {
    level: Level,
    request: Mutex<RequestSide>,
    states: Mutex<BTreeMap<String, RateLimitSnapshot>>,
}

/// What the caller's `rate_limit` request info says; known once the envelope is read.
#[derive(Debug, Default)]
struct RequestSide {
    caller_mode: Option<RateLimitOverrideMode>,
    last_known_state: BTreeMap<String, RateLimitSnapshot>,
    deadline: Option<Instant>,
}

impl CallScope {
    /// The scope of a call to `capability`; [`CallScope::set_request`] adds the caller's info.
    pub(crate) fn new(capability: &str) -> Arc<Self> {
        Arc::new(Self {
            level: level(capability),
            request: Mutex::new(RequestSide::default()),
            states: Mutex::new(BTreeMap::new()),
        })
    }

    /// Takes the envelope's `rate_limit` member; the deadline runs from now.
    pub(crate) fn set_request(&self, info: Option<&RateLimitRequestInfo>) {
        let max = info
            .and_then(|info| info.max_execution_time)
            .map_or(DEFAULT_MAX_EXECUTION_TIME, |seconds| {
                Duration::from_secs(seconds.max(0).unsigned_abs())
            });
        let now = Instant::now();
        // A budget shorter than the buffer is already spent.
        let deadline = match max.checked_sub(DEADLINE_BUFFER) {
            Some(left) => now + left,
            None => now,
        };
        *self.request.lock().unwrap_or_else(PoisonError::into_inner) = RequestSide {
            caller_mode: info.and_then(|info| info.caller_override_mode),
            last_known_state: info
                .and_then(|info| info.last_known_state.clone())
                .unwrap_or_default(),
            deadline: Some(deadline),
        };
    }

    /// Runs `future` inside this scope.
    pub(crate) async fn run<F: Future>(self: Arc<Self>, future: F) -> F::Output {
        SCOPE.scope(self, future).await
    }

    /// `future` inside the current scope, if any: for a task spawned by the runtime, which
    /// does not inherit task-locals.
    pub(crate) fn carry<F: Future>(future: F) -> impl Future<Output = F::Output> {
        // Taken now, in the calling task; the returned future runs in the new one.
        let scope = Self::current();
        async move {
            match scope {
                Some(scope) => scope.run(future).await,
                None => future.await,
            }
        }
    }

    /// The scope of the running call, if any.
    pub(crate) fn current() -> Option<Arc<Self>> {
        SCOPE.try_with(Arc::clone).ok()
    }

    /// The effective mode of a client with `config` (reference order): the connector's mode,
    /// else the caller's, else `enforce` for reads and `retry_only` for the rest.
    pub(crate) fn mode_for(
        scope: Option<&Self>,
        config: &RateLimitConfig,
    ) -> RateLimitOverrideMode {
        config
            .mode
            .or_else(|| scope.and_then(|scope| scope.request().caller_mode))
            .unwrap_or(match scope.map(|scope| scope.level) {
                Some(Level::Write) => RateLimitOverrideMode::RetryOnly,
                _ => RateLimitOverrideMode::Enforce,
            })
    }

    /// The caller's deadline, less [`DEADLINE_BUFFER`].
    pub(crate) fn deadline(&self) -> Option<Instant> {
        self.request().deadline
    }

    /// The state the caller passed back for `config_id`.
    pub(crate) fn last_known_state(&self, config_id: &str) -> Option<RateLimitSnapshot> {
        self.request().last_known_state.get(config_id).cloned()
    }

    fn request(&self) -> std::sync::MutexGuard<'_, RequestSide> {
        self.request.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Records a client's latest state.
    pub(crate) fn publish(&self, config_id: &str, state: RateLimitSnapshot) {
        self.states
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(config_id.to_owned(), state);
    }

    /// The envelope's `rate_limit` member: `None` when no rate-limited client ran.
    pub(crate) fn response_info(&self) -> Option<RateLimitResponseInfo> {
        let states = self.states.lock().unwrap_or_else(PoisonError::into_inner);
        (!states.is_empty()).then(|| RateLimitResponseInfo {
            current_state: Some(states.clone()),
        })
    }
}
