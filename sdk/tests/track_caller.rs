//! A failed assertion of `connector_sdk::testing` is reported at the test's line, not inside
//! the SDK: every assertion helper is `#[track_caller]`. One test in its own binary, since it
//! swaps the process-wide panic hook.

// The helper outside the #[test] function fails the test by panicking, as tests may.
#![allow(clippy::expect_used)]

use std::panic::{self, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

use connector_sdk::testing::Output;
use serde_json::json;

/// Where the panic of `run` was reported: (file, line).
fn panic_location(run: impl FnOnce()) -> (String, u32) {
    let seen = Arc::new(Mutex::new(None));
    let hook_seen = Arc::clone(&seen);
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        let location = info.location().map(|l| (l.file().to_owned(), l.line()));
        *hook_seen.lock().unwrap_or_else(|e| e.into_inner()) = location;
    }));
    let result = panic::catch_unwind(AssertUnwindSafe(run));
    panic::set_hook(previous);
    assert!(result.is_err(), "the assertion did not fail");
    let location = seen.lock().unwrap_or_else(|e| e.into_inner()).take();
    location.expect("the panic hook saw a location")
}

#[test]
fn failed_assertions_point_at_the_test() {
    let error = Output(json!({"is_error": true, "error": {"error_code": "not_found"}}));
    let success = Output(json!({"response": []}));

    let (file, line) = panic_location(|| {
        error.response();
    });
    assert_eq!((file.as_str(), line), (file!(), line!() - 2));

    let (file, line) = panic_location(|| {
        success.error("not_found");
    });
    assert_eq!((file.as_str(), line), (file!(), line!() - 2));

    let (file, line) = panic_location(|| {
        error.error("unauthorized");
    });
    assert_eq!((file.as_str(), line), (file!(), line!() - 2));

    let (file, line) = panic_location(|| {
        Output::parse("not json");
    });
    assert_eq!((file.as_str(), line), (file!(), line!() - 2));
}
