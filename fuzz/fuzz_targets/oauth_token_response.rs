//! Any token-endpoint answer (status and body): the success parser
//! (`oauth::parse_token_response`) and the failure renderer (`oauth::token_endpoint_error`).
//!
//! Input: two bytes of status (big-endian), then the body.
//!
//! Checked, besides no panic and no call over 1 s:
//! * accepted answers are JSON objects with a string `access_token`, read as is, with
//!   `token_type` `bearer`; `raw_data` is the body with that `token_type`; `Debug` shows no
//!   token;
//! * refused answers are `invalid_response`, quote no token of the body and at most 800
//!   characters of it (a refused token type);
//! * failures are never retryable, have no `status_code`, follow the §11.4 table for 429
//!   and 5xx, and render the body in at most 800 characters plus `...(truncated)`;
//! * no message shows the token URL's userinfo or query string.

#![no_main]

use connector_sdk::error::ErrorCode;
use connector_sdk::oauth::{parse_token_response, token_endpoint_error};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// The token URL, with secrets where a URL may carry them.
const URL: &str = "https://client:PASSW0RD@auth.example.com/oauth/token?client_secret=Q5ECRET#F";
/// The same URL as messages show it.
const SHOWN: &str = "https://auth.example.com/oauth/token";
const URL_SECRETS: [&str; 2] = ["PASSW0RD", "Q5ECRET"];
/// Longest rendered body: 800 characters and the cut marker.
const MAX_RENDERED: usize = 800 + "...(truncated)".len();

fuzz_target!(|data: &[u8]| {
    let Some((status, body)) = data.split_first_chunk::<2>() else {
        return;
    };
    let status = u16::from_be_bytes(*status);
    let url_secret_in_body = URL_SECRETS
        .iter()
        .any(|s| body.windows(s.len()).any(|w| w == s.as_bytes()));
    success(status, body, url_secret_in_body);
    failure(status, body, url_secret_in_body);
});

fn success(status: u16, body: &[u8], url_secret_in_body: bool) {
    let json: Option<Value> = serde_json::from_slice(body).ok();
    match parse_token_response(status, URL, body) {
        Ok((credentials, raw)) => {
            let Some(Value::Object(mut object)) = json else {
                panic!("accepted a body that is not a JSON object");
            };
            assert_eq!(
                object.get("access_token").and_then(Value::as_str),
                Some(credentials.access_token.expose())
            );
            assert_eq!(credentials.token_type, "bearer");
            object.insert("token_type".to_owned(), "bearer".into());
            assert_eq!(raw, Value::Object(object));
            let debug = format!("{:?}", credentials.access_token);
            assert_eq!(debug, "Secret(***)");
        }
        Err(error) => {
            assert_eq!(error.code, ErrorCode::InvalidResponse, "{error:?}");
            assert_no_url_secret(&error.message, url_secret_in_body);
            // The fixed words of the longest refusal fit in 200 characters.
            let length = error.message.chars().count();
            assert!(
                length <= 200 + MAX_RENDERED,
                "a refusal of {length} characters"
            );
            // The message may quote the token type, lower-cased (it says which one is
            // refused), never a token.
            let quoted = json
                .as_ref()
                .and_then(|v| v.get("token_type"))
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_lowercase();
            for name in ["access_token", "refresh_token"] {
                let token = json
                    .as_ref()
                    .and_then(|v| v.get(name))
                    .and_then(Value::as_str);
                if let Some(token) =
                    token.filter(|t| t.len() >= 8 && !quoted.contains(&t.to_lowercase()))
                {
                    assert!(
                        !error.message.contains(token),
                        "{name} in the message: {}",
                        error.message
                    );
                }
            }
        }
    }
}

fn failure(status: u16, body: &[u8], url_secret_in_body: bool) {
    let error = token_endpoint_error(status, URL, body);
    let metadata = error.metadata();
    assert!(!metadata.retryable, "{error:?}");
    assert_eq!(error.status_code, None);
    if status == 429 {
        assert_eq!(error.code, ErrorCode::RateLimit);
    } else if status >= 500 {
        assert_eq!(error.code, ErrorCode::BadGateway);
    }
    let prefix = format!("[{status}][{SHOWN}] OAuth request failed: ");
    let rendered = error
        .message
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("unexpected message: {}", error.message));
    let length = rendered.chars().count();
    assert!(
        length <= MAX_RENDERED,
        "a rendered body of {length} characters"
    );
    assert_no_url_secret(&error.message, url_secret_in_body);
}

fn assert_no_url_secret(message: &str, url_secret_in_body: bool) {
    if !url_secret_in_body {
        for secret in URL_SECRETS {
            assert!(!message.contains(secret), "URL secret in: {message}");
        }
    }
}
