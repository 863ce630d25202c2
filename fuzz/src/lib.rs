//! What the fuzz targets share: an upstream that refuses at once, the rewrite that sends every
//! envelope there, and the check of the one JSON document a connector answers.
//!
//! A failed check panics: libFuzzer reports the panic as a crash and saves the input.

pub mod core_demo;

use std::borrow::Cow;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::OnceLock;

use connector_sdk::error::ErrorCode;
use serde_json::Value;
use socket2::{Domain, Socket, Type};

/// The longest caller budget (`rate_limit.max_execution_time`, seconds) an envelope keeps.
/// The SDK keeps 10 s of it free, so 10 leaves none: a rate-limit wait the envelope's
/// `last_known_state` asks for fails at once with `budget_exhausted` instead of sleeping
/// past libFuzzer's 1 s timeout. Waits are the protocol's behaviour, not hangs.
pub const MAX_EXECUTION_TIME: i64 = 10;

/// `http://127.0.0.1:<port>` of a socket that is bound but never listens: connections get a
/// reset at once, and no other socket can take the port while the process lives. Every
/// proxy variable points there too, so a URL the rewrite misses still never leaves the
/// machine nor waits.
pub fn refused_url() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        let socket = Socket::new(Domain::IPV4, Type::STREAM, None).expect("socket");
        let any_port = SocketAddr::from((Ipv4Addr::LOCALHOST, 0));
        socket.bind(&any_port.into()).expect("bind 127.0.0.1:0");
        let addr = socket
            .local_addr()
            .expect("local_addr")
            .as_socket()
            .expect("an IPv4 address");
        // Kept open (never listening) for the life of the process.
        std::mem::forget(socket);
        let url = format!("http://{addr}");
        for name in [
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "ALL_PROXY",
            "http_proxy",
            "https_proxy",
            "all_proxy",
        ] {
            std::env::set_var(name, &url);
        }
        std::env::remove_var("NO_PROXY");
        std::env::remove_var("no_proxy");
        url
    })
}

/// The envelope with every `settings` member whose name contains `url` (a base URL, a token
/// or authorization endpoint) pointed at [`refused_url`], and `rate_limit.max_execution_time`
/// capped at [`MAX_EXECUTION_TIME`]. Anything else, invalid JSON included, is passed on
/// byte for byte.
pub fn confine(envelope: &str) -> Cow<'_, str> {
    let refused = refused_url();
    let Ok(Value::Object(mut root)) = serde_json::from_str::<Value>(envelope) else {
        return Cow::Borrowed(envelope);
    };
    let mut changed = false;
    if let Some(Value::Object(settings)) = root.get_mut("settings") {
        for (name, value) in settings.iter_mut() {
            let is_url = name.to_ascii_lowercase().contains("url");
            if is_url && value.is_string() && value.as_str() != Some(refused) {
                *value = Value::String(refused.to_owned());
                changed = true;
            }
        }
    }
    if let Some(Value::Object(rate_limit)) = root.get_mut("rate_limit") {
        let too_long = match rate_limit.get("max_execution_time") {
            None | Some(Value::Null) => true,
            // Other values fail the envelope's validation and never reach a wait.
            Some(value) => value.as_i64().is_some_and(|s| s > MAX_EXECUTION_TIME),
        };
        if too_long {
            rate_limit.insert("max_execution_time".to_owned(), MAX_EXECUTION_TIME.into());
            changed = true;
        }
    }
    if changed {
        Cow::Owned(Value::Object(root).to_string())
    } else {
        Cow::Borrowed(envelope)
    }
}

/// Checks what a capability call answered: exactly one JSON document (nothing after it), an
/// object, and either a success (`response` present) or an error envelope with a known
/// `error_code` and a non-empty message. Returns the document.
pub fn one_document(output: &str) -> Value {
    let document: Value = match serde_json::from_str(output) {
        Ok(document) => document,
        Err(error) => panic!("not exactly one JSON document ({error}): {output:?}"),
    };
    let Value::Object(object) = &document else {
        panic!("the document is not an object: {output}");
    };
    if object.get("is_error") == Some(&Value::Bool(true)) {
        let error = object
            .get("error")
            .and_then(Value::as_object)
            .unwrap_or_else(|| panic!("an error envelope without `error`: {output}"));
        let code = error.get("error_code").and_then(Value::as_str);
        assert!(
            code.and_then(ErrorCode::parse).is_some(),
            "unknown error_code {code:?}: {output}"
        );
        let message = error.get("message").and_then(Value::as_str).unwrap_or("");
        assert!(!message.trim().is_empty(), "an empty message: {output}");
    } else {
        assert!(
            object.contains_key("response"),
            "neither a response nor an error: {output}"
        );
    }
    document
}

/// The `error_code` of an error envelope, `None` for a success.
pub fn error_code(document: &Value) -> Option<&str> {
    if document.get("is_error") == Some(&Value::Bool(true)) {
        document
            .pointer("/error/error_code")
            .and_then(Value::as_str)
    } else {
        None
    }
}
