//! Any upstream error answer (status, content type, body) rendered into a message by
//! `error::render::http_error_message` (protocol §5.7), which reads the body as Python's
//! `json.loads` would and renders it as Python's `str()`.
//!
//! Input: two bytes of status (big-endian), one byte choosing the content type, then the body.
//!
//! Checked, besides no panic and no call over 1 s: the message is never empty and trimmed;
//! it starts with `[status][url] ` when the body is not empty, and what follows is at most
//! 800 characters plus `...(truncated)`; the URL's userinfo, query string and fragment never
//! show.

#![no_main]

use connector_sdk::error::render::http_error_message;
use libfuzzer_sys::fuzz_target;

const URL: &str = "https://user:PASSW0RD@api.example.com/v1/users?api_key=Q5ECRET#FRAGM3NT";
const SHOWN: &str = "https://api.example.com/v1/users";
const URL_SECRETS: [&str; 3] = ["PASSW0RD", "Q5ECRET", "FRAGM3NT"];
const CONTENT_TYPES: [Option<&str>; 4] = [
    None,
    Some("application/json"),
    Some("text/html; charset=utf-8"),
    Some("text/plain"),
];
/// Longest body text in a message: 800 characters and the cut marker.
const MAX_BODY_TEXT: usize = 800 + "...(truncated)".len();

fuzz_target!(|data: &[u8]| {
    let Some(([high, low, kind], body)) = data.split_first_chunk::<3>() else {
        return;
    };
    let status = u16::from_be_bytes([*high, *low]);
    let content_type = CONTENT_TYPES[usize::from(*kind) % CONTENT_TYPES.len()];
    let message = http_error_message(status, URL, content_type, body);
    assert!(!message.is_empty());
    assert_eq!(message.trim(), message, "not trimmed");
    let prefix = format!("[{status}][{SHOWN}] ");
    if let Some(text) = message.strip_prefix(&prefix) {
        let length = text.chars().count();
        assert!(length <= MAX_BODY_TEXT, "body text of {length} characters");
    } else {
        // An empty body has the HTTP client's wording; a body that renders to nothing
        // leaves the prefix alone, trimmed.
        assert!(
            body.is_empty() || message == prefix.trim_end(),
            "a body rendered without its prefix: {message:?}"
        );
    }
    let secret_in_body = URL_SECRETS
        .iter()
        .any(|s| body.windows(s.len()).any(|w| w == s.as_bytes()));
    if !secret_in_body {
        for secret in URL_SECRETS {
            assert!(!message.contains(secret), "URL secret in: {message}");
        }
    }
});
