//! Rate limiting of the HTTP client (protocol §3.5, §4.3): the limits a connector declares
//! ([`RateLimitConfig`]), the limiter that waits instead of exceeding them, and the call scope
//! that carries the caller's `rate_limit` request info in and the clients' states out.

mod budget;
mod config;
mod limiter;
mod scope;

pub(crate) use budget::{check_expired, check_wait, unix_now, wait_too_long};
pub use config::{RateLimitConfig, RateLimitHeaders, ResetFormat};
pub(crate) use limiter::Limiter;
pub(crate) use scope::CallScope;
pub use scope::{DEADLINE_BUFFER, DEFAULT_MAX_EXECUTION_TIME};
