//! The rate-limited HTTP client through `Integration::call` against a wiremock upstream:
//! it waits instead of exceeding its limits, follows the caller's `rate_limit` request info
//! (protocol §3.5) and reports its state in the envelope's `rate_limit` member (§4.3).
//!
//! The waits here are real but short (windows of one second, or resets a second or two
//! away); the bounds only prove that a wait happened (or did not). Exact waiting is covered with an injected clock in the
//! limiter's unit tests.

// The helpers outside #[test] functions unwrap and panic too, as tests may (clippy.toml).
#![allow(clippy::unwrap_used, clippy::panic)]

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use connector_sdk::http::{
    HttpClient, RateLimitConfig, RateLimitHeaders, ResetFormat, RetryPolicy,
};
use connector_sdk::models::RateLimitOverrideMode;
use connector_sdk::prelude::*;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CONFIG_ID: &str = "rl-test";

/// What the test connector's client does, chosen per call through the settings.
#[derive(Debug, Deserialize, JsonSchema)]
struct TestSettings {
    base_url: String,
    /// Requests per window.
    limit: u32,
    /// The window in seconds.
    #[serde(default = "one")]
    window: u64,
    /// Requests each call makes.
    calls: u32,
    /// Follow `X-RateLimit-*` headers (reset in seconds from now).
    #[serde(default)]
    headers: bool,
    /// The connector fixes mode `enforce`, above the caller's.
    #[serde(default)]
    fixed_enforce: bool,
    /// Retries of 429 answers.
    #[serde(default)]
    retries: u32,
}

fn one() -> u64 {
    1
}

#[derive(Deserialize, JsonSchema)]
struct Sync {}

#[derive(Serialize, JsonSchema)]
struct Synced {
    calls: u32,
}

async fn get_items(settings: &TestSettings) -> ConnectorResult<u32> {
    let mut limits = RateLimitConfig::new(
        CONFIG_ID,
        settings.limit,
        Duration::from_secs(settings.window),
    );
    if settings.headers {
        limits = limits.headers(RateLimitHeaders::new(
            "x-ratelimit-limit",
            "x-ratelimit-remaining",
            "x-ratelimit-reset",
            ResetFormat::SecondsFromNow,
        ));
    }
    if settings.fixed_enforce {
        limits = limits.mode(RateLimitOverrideMode::Enforce);
    }
    let client = HttpClient::builder()
        .base_url(&settings.base_url)
        .retry(RetryPolicy {
            max_retries: settings.retries,
            max_wait: Duration::from_secs(30),
            backoff: Duration::from_millis(10),
        })
        .rate_limit(limits)
        .build()?;
    for _ in 0..settings.calls {
        let _: Value = client.get_json("/items", &[]).await?;
    }
    Ok(settings.calls)
}

async fn list_resources(
    request: Request<ListResources, TestSettings>,
) -> ConnectorResult<Response<Vec<FoundResourceData>>> {
    get_items(&request.settings).await?;
    Ok(Response::new(Vec::new()))
}

/// A custom capability: level `write`, so `retry_only` by default.
async fn sync(request: Request<Sync, TestSettings>) -> ConnectorResult<Response<Synced>> {
    let calls = get_items(&request.settings).await?;
    Ok(Response::new(Synced { calls }))
}

fn integration() -> Integration<TestSettings> {
    Integration::builder(CONFIG_ID, "1.0.0")
        .capability(LIST_RESOURCES, list_resources)
        .custom_capability("sync_items", sync)
        .build()
        .unwrap()
}

async fn upstream(answer: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/items"))
        .respond_with(answer)
        .mount(&server)
        .await;
    server
}

fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({}))
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// Calls `capability` with these settings (merged over limit 100, one call) and `rate_limit`.
async fn call(
    capability: &str,
    server: &MockServer,
    settings: Value,
    rate_limit: Value,
) -> (Value, Duration) {
    let mut all = json!({"base_url": server.uri(), "limit": 100, "calls": 1});
    all.as_object_mut()
        .unwrap()
        .extend(settings.as_object().unwrap().clone());
    let envelope = json!({"request": {}, "settings": all, "rate_limit": rate_limit});
    let started = Instant::now();
    let out = integration().call(capability, &envelope.to_string()).await;
    (serde_json::from_str(&out).unwrap(), started.elapsed())
}

async fn requests_seen(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

fn state(out: &Value) -> &Value {
    let state = &out["rate_limit"]["current_state"][CONFIG_ID];
    assert!(state.is_object(), "no state reported: {out}");
    state
}

fn error_code(out: &Value) -> &str {
    out["error"]["error_code"].as_str().unwrap_or_default()
}

#[tokio::test]
async fn the_envelope_reports_the_counter_state() {
    let server = upstream(ok()).await;
    let before = unix_now();
    let (out, _) = call("list_resources", &server, json!({"calls": 3}), Value::Null).await;
    let state = state(&out);
    assert_eq!(state["remaining"], 97);
    assert_eq!(state["limit"], 100);
    assert_eq!(state["window_seconds"], 1);
    assert_eq!(state["current_delay"], 0);
    assert_eq!(state["source"], "sdk_counter");
    let reset = state["reset"].as_i64().unwrap();
    assert!(
        (before..=unix_now() + 1).contains(&reset),
        "reset {reset} is a second after the first send"
    );
    // Member order as in vector success_list_resources_rate_limit_state.
    let keys: Vec<&String> = state.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "remaining",
            "limit",
            "reset",
            "window_seconds",
            "current_delay",
            "source"
        ]
    );
}

#[tokio::test]
async fn a_client_waits_instead_of_exceeding_its_window() {
    let server = upstream(ok()).await;
    let (out, elapsed) = call(
        "list_resources",
        &server,
        json!({"limit": 2, "calls": 3}),
        Value::Null,
    )
    .await;
    assert_eq!(requests_seen(&server).await, 3);
    assert!(
        elapsed >= Duration::from_millis(900),
        "the third request waits for the window: {elapsed:?}"
    );
    assert_eq!(state(&out)["current_delay"], 1);
}

#[tokio::test]
async fn last_known_state_seeds_the_window() {
    let server = upstream(ok()).await;
    let reset = unix_now() + 30;
    let seed = json!({"last_known_state": {CONFIG_ID: {
        "remaining": 10, "limit": 100, "reset": reset, "window_seconds": 60,
        "current_delay": 0, "source": "sdk_counter"
    }}});
    let (out, _) = call("list_resources", &server, json!({"window": 60}), seed).await;
    let state = state(&out);
    assert_eq!(state["remaining"], 9, "90 used before, one now");
    assert_eq!(state["reset"], reset);
    // A state under another config id is not ours.
    let other = json!({"last_known_state": {"other": {"remaining": 0, "limit": 100}}});
    let (out, _) = call("list_resources", &server, json!({}), other).await;
    assert_eq!(
        out["rate_limit"]["current_state"][CONFIG_ID]["remaining"],
        99
    );
}

fn exhausted_until(reset: i64) -> Value {
    json!({CONFIG_ID: {"remaining": 0, "limit": 100, "reset": reset, "source": "sdk_counter"}})
}

#[tokio::test]
async fn a_wait_past_the_deadline_is_budget_exhausted_without_a_request() {
    let server = upstream(ok()).await;
    let reset = unix_now() + 60;
    let info = json!({"last_known_state": exhausted_until(reset), "max_execution_time": 30});
    let (out, elapsed) = call("list_resources", &server, json!({"window": 60}), info).await;
    assert_eq!(error_code(&out), "budget_exhausted", "{out}");
    assert_eq!(requests_seen(&server).await, 0);
    assert!(
        elapsed < Duration::from_secs(10),
        "failed early: {elapsed:?}"
    );
    let error = &out["error"];
    assert_eq!(error["raised_by"], "BudgetExhaustedError");
    let retry_after = error["error_metadata"]["retry_after_seconds"]
        .as_i64()
        .unwrap();
    assert!((58..=61).contains(&retry_after), "{retry_after}");
    let message = error["message"].as_str().unwrap();
    assert!(
        message.starts_with("Rate limit sleep of ")
            && message.ends_with("s would exceed caller deadline"),
        "{message}"
    );
    // With the budget for it, the same call would wait; the default budget is 1800 s.
    let info = json!({"last_known_state": exhausted_until(unix_now() + 2)});
    let (out, elapsed) = call("list_resources", &server, json!({"window": 60}), info).await;
    assert_eq!(state(&out)["remaining"], 99, "{out}");
    assert!(elapsed >= Duration::from_millis(900), "waited: {elapsed:?}");
}

#[tokio::test]
async fn a_budget_within_the_buffer_is_already_spent() {
    let server = upstream(ok()).await;
    let (out, _) = call(
        "list_resources",
        &server,
        json!({}),
        json!({"max_execution_time": 10}),
    )
    .await;
    assert_eq!(error_code(&out), "budget_exhausted", "{out}");
    assert_eq!(out["error"]["message"], "Execution deadline exceeded");
    assert_eq!(out["error"]["error_metadata"]["retry_after_seconds"], 0);
    assert_eq!(requests_seen(&server).await, 0);
}

#[tokio::test]
async fn a_retry_wait_past_the_deadline_is_budget_exhausted() {
    let server = upstream(ResponseTemplate::new(429).insert_header("retry-after", "5")).await;
    let (out, elapsed) = call(
        "list_resources",
        &server,
        json!({"retries": 2}),
        json!({"max_execution_time": 12}),
    )
    .await;
    assert_eq!(error_code(&out), "budget_exhausted", "{out}");
    assert_eq!(out["error"]["error_metadata"]["retry_after_seconds"], 5);
    assert_eq!(requests_seen(&server).await, 1);
    assert!(
        elapsed < Duration::from_secs(5),
        "did not wait: {elapsed:?}"
    );
}

#[tokio::test]
async fn caller_modes() {
    let server = upstream(ok()).await;
    let exhausted = |mode: &str| {
        json!({
            "last_known_state": exhausted_until(unix_now() + 60),
            "caller_override_mode": mode,
            "max_execution_time": 30,
        })
    };
    // bypass: no limiter, so no wait and no state.
    let (out, _) = call(
        "list_resources",
        &server,
        json!({"window": 60}),
        exhausted("bypass"),
    )
    .await;
    assert_eq!(out["rate_limit"], Value::Null, "{out}");
    assert!(out["response"].is_array());
    // retry_only: counts, never waits for the window.
    let (out, _) = call(
        "list_resources",
        &server,
        json!({}),
        exhausted("retry_only"),
    )
    .await;
    assert_eq!(state(&out)["remaining"], 0, "{out}");
    // enforce (the default of a read): the same seed would wait past the deadline.
    let (out, _) = call(
        "list_resources",
        &server,
        json!({"window": 60}),
        exhausted("enforce"),
    )
    .await;
    assert_eq!(error_code(&out), "budget_exhausted", "{out}");
    // The connector's fixed mode outranks the caller's.
    let (out, _) = call(
        "list_resources",
        &server,
        json!({"fixed_enforce": true, "window": 60}),
        exhausted("bypass"),
    )
    .await;
    assert_eq!(error_code(&out), "budget_exhausted", "{out}");
    assert_eq!(requests_seen(&server).await, 2);
}

#[tokio::test]
async fn enforce_no_retry_hands_a_429_back_at_once() {
    let server = upstream(ResponseTemplate::new(429).insert_header("retry-after", "1")).await;
    let info = json!({"caller_override_mode": "enforce_no_retry"});
    let (out, _) = call("list_resources", &server, json!({"retries": 2}), info).await;
    assert_eq!(error_code(&out), "rate_limit", "{out}");
    assert_eq!(out["error"]["error_metadata"]["retry_after_seconds"], 1);
    assert_eq!(requests_seen(&server).await, 1);
    // Without it the client retries as its policy says.
    let server = upstream(ResponseTemplate::new(429).insert_header("retry-after", "0")).await;
    let (out, _) = call(
        "list_resources",
        &server,
        json!({"retries": 2}),
        Value::Null,
    )
    .await;
    assert_eq!(error_code(&out), "rate_limit", "{out}");
    assert_eq!(requests_seen(&server).await, 3);
}

#[tokio::test]
async fn writes_default_to_retry_only_and_custom_envelopes_report_too() {
    let server = upstream(ok()).await;
    let info =
        json!({"last_known_state": exhausted_until(unix_now() + 60), "max_execution_time": 30});
    let (out, _) = call("sync_items", &server, json!({"window": 60}), info).await;
    assert_eq!(out["response"]["calls"], 1, "{out}");
    assert_eq!(state(&out)["remaining"], 0);
    assert_eq!(requests_seen(&server).await, 1);
}

#[tokio::test]
async fn api_headers_drive_the_wait_and_the_state() {
    let answer = ok()
        .insert_header("x-ratelimit-limit", "5000")
        .insert_header("x-ratelimit-remaining", "0")
        .insert_header("x-ratelimit-reset", "1");
    let server = upstream(answer).await;
    let before = unix_now();
    let (out, elapsed) = call(
        "list_resources",
        &server,
        json!({"calls": 2, "headers": true}),
        Value::Null,
    )
    .await;
    assert!(
        elapsed >= Duration::from_millis(900),
        "the second request waits for the API's reset: {elapsed:?}"
    );
    let state = state(&out);
    assert_eq!(state["source"], "api_headers");
    assert_eq!(state["limit"], 5000);
    assert_eq!(state["remaining"], 0);
    let reset = state["reset"].as_i64().unwrap();
    assert!((before + 1..=unix_now() + 1).contains(&reset), "{reset}");
}

#[tokio::test]
async fn a_client_without_limits_reports_nothing() {
    let server = upstream(ok()).await;
    let client = HttpClient::builder()
        .base_url(server.uri())
        .build()
        .unwrap();
    let _: Value = client.get_json("/items", &[]).await.unwrap();
    assert_eq!(client.rate_limit_state(), None);
    // Outside a capability call a limited client keeps its state for the connector to read.
    let client = HttpClient::builder()
        .base_url(server.uri())
        .rate_limit(RateLimitConfig::new("x", 5, Duration::from_secs(60)))
        .build()
        .unwrap();
    let _: Value = client.get_json("/items", &[]).await.unwrap();
    let (id, state) = client.rate_limit_state().unwrap();
    assert_eq!(
        (id.as_str(), state.remaining, state.limit),
        ("x", Some(4), Some(5))
    );
}
