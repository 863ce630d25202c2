//! Message texts for upstream HTTP failures (protocol §5.7).
//!
//! The reference runtime is written in Python and renders upstream JSON error bodies with
//! Python's `str()`, so hosts and tests see `{'error': 'x', 'ok': True}` rather than JSON.
//! The rules here pick what the message says; reading the body as Python's `json.loads` and
//! rendering it as Python's `str()` are the job of the crate's `python` module.

use crate::python::{is_python_space, loads, python_str, python_strip};

// Part of this module's public API; the rendering itself belongs to the Python text forms.
pub use crate::python::python_repr;

/// Text appended when a text body is cut.
const TRUNCATED_SUFFIX: &str = "...(truncated)";
/// Number of characters of a text body kept in a message.
const TRUNCATE_AT: usize = 800;
/// Fixed text for HTML error pages (they are noise in a message).
const HTML_MESSAGE: &str = "Upstream HTML error response.";

/// The message for an upstream HTTP failure (protocol §5.7), for example
/// `[404][https://api.example.com/users/7] {'error': 'not found'}`.
///
/// `<url>` is always `url` without userinfo, query string and fragment, so secrets carried in
/// the URL never reach the message. Rules, in order:
/// 1. the body is truthy JSON: its Python rendering ([`python_repr`]), cut at 800 characters
///    plus `...(truncated)` (a deviation from the reference, which keeps it whole);
/// 2. the body is HTML (by `content_type` or its first tag): `Upstream HTML error response.`;
///    other text: whitespace runs collapsed to one space, cut at 800 characters plus
///    `...(truncated)`;
/// 3. the body is empty: `Server error '500 Internal Server Error' for url '<url>'` (or
///    `Client error ...`) followed by the reference's MDN pointer line.
///
/// The result is trimmed and never empty.
pub fn http_error_message(
    status: u16,
    url: &str,
    content_type: Option<&str>,
    body: &[u8],
) -> String {
    let url = display_url(url);
    let message = match body_text(content_type, body) {
        Some(text) => format!("[{status}][{url}] {text}"),
        None => empty_body_message(status, &url),
    };
    let trimmed = python_strip(&message);
    if trimmed.is_empty() {
        "HTTPStatusError: (no message)".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// `url` without userinfo, query string and fragment: the form of a URL that may appear in
/// messages and logs.
pub fn display_url(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(mut parsed) => {
            // Both fail only for URLs that cannot carry userinfo; nothing to strip then.
            let _ = parsed.set_username("");
            let _ = parsed.set_password(None);
            parsed.set_query(None);
            parsed.set_fragment(None);
            parsed.to_string()
        }
        Err(_) => {
            let end = url.find(['?', '#']).unwrap_or(url.len());
            let url = &url[..end];
            match url.split_once("://") {
                Some((scheme, rest)) => {
                    let authority_end = rest.find('/').unwrap_or(rest.len());
                    match rest[..authority_end].rfind('@') {
                        Some(at) => format!("{scheme}://{}", &rest[at + 1..]),
                        None => url.to_owned(),
                    }
                }
                None => url.to_owned(),
            }
        }
    }
}

/// The text after `[status][url] `, or `None` for an empty body.
fn body_text(content_type: Option<&str>, body: &[u8]) -> Option<String> {
    if let Some(value) = loads(body) {
        if value.is_truthy() {
            // Cut like text bodies: a megabyte error document must not make a megabyte
            // message (the reference would keep it whole).
            return Some(truncate(python_str(&value)));
        }
    }
    if body.is_empty() {
        return None;
    }
    let text = String::from_utf8_lossy(body);
    if is_html(content_type, &text) {
        return Some(HTML_MESSAGE.to_owned());
    }
    Some(collapse_and_truncate(&text))
}

fn is_html(content_type: Option<&str>, text: &str) -> bool {
    if content_type.is_some_and(|ct| ct.to_ascii_lowercase().contains("text/html")) {
        return true;
    }
    let start: String = text
        .trim_start_matches(is_python_space)
        .chars()
        .take(9)
        .flat_map(char::to_lowercase)
        .collect();
    start.starts_with("<!doctype") || start.starts_with("<html")
}

fn collapse_and_truncate(text: &str) -> String {
    let collapsed = text
        .split(is_python_space)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    truncate(collapsed)
}

/// `text` cut at 800 characters plus `...(truncated)`, as body texts are in messages.
pub(crate) fn truncate(text: String) -> String {
    match text.char_indices().nth(TRUNCATE_AT) {
        Some((cut, _)) => format!("{}{TRUNCATED_SUFFIX}", &text[..cut]),
        None => text,
    }
}

/// The HTTP client's own text for an error response without a body (the reference's httpx
/// wording), with the URL already stripped of its query string.
fn empty_body_message(status: u16, url: &str) -> String {
    let kind = match status / 100 {
        1 => "Informational response",
        2 => "Success response",
        3 => "Redirect response",
        4 => "Client error",
        5 => "Server error",
        _ => "Invalid status code",
    };
    let reason = reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("");
    format!(
        "{kind} '{status} {reason}' for url '{url}'\n\
         For more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/{status}"
    )
}

#[cfg(test)]
mod tests {
    //! Expected texts are what the reference runtime (CPython 3) produces for the same body.
    use super::*;

    #[test]
    fn long_json_renderings_are_cut_at_800_characters() {
        let body = format!(r#"{{"detail": "{}"}}"#, "y".repeat(5000));
        let message = http_error_message(500, "http://h/x?k=v", None, body.as_bytes());
        let rendered = format!("{{'detail': '{}", "y".repeat(788));
        assert_eq!(
            message,
            format!("[500][http://h/x] {rendered}...(truncated)")
        );
        // Short renderings are whole, as the reference writes them.
        let short = http_error_message(500, "http://h/x", None, br#"{"a": 1}"#);
        assert_eq!(short, "[500][http://h/x] {'a': 1}");
    }

    #[test]
    fn falsy_json_bodies_are_rendered_as_text() {
        for body in ["{}", "[]", "\"\"", "0", "0.0", "false", "null"] {
            let message = http_error_message(404, "http://h/x", None, body.as_bytes());
            assert_eq!(message, format!("[404][http://h/x] {body}"));
        }
    }

    #[test]
    fn html_detection_by_type_or_first_tag() {
        let html = "Upstream HTML error response.";
        let by_type = http_error_message(503, "http://h/", Some("Text/HTML; charset=utf-8"), b"x");
        assert!(by_type.ends_with(html));
        let by_tag = http_error_message(503, "http://h/", None, b"\n  <!DOCTYPE html><p>");
        assert!(by_tag.ends_with(html));
        let text = http_error_message(503, "http://h/", Some("text/plain"), b"see <html>");
        assert!(text.ends_with("see <html>"));
    }

    #[test]
    fn urls_lose_userinfo_query_and_fragment() {
        assert_eq!(
            display_url("https://user:pw@api.example.com:8443/a/b?token=s3cret#frag"),
            "https://api.example.com:8443/a/b"
        );
        assert_eq!(display_url("not a url?key=s3cret"), "not a url");
        assert_eq!(display_url("x://user:pw@host/p?q"), "x://host/p");
    }

    #[test]
    fn empty_body_uses_client_wording_without_query() {
        let message = http_error_message(404, "http://h/users?api_key=s3cret", None, b"");
        assert!(message.starts_with("Client error '404 Not Found' for url 'http://h/users'\n"));
        assert!(!message.contains("s3cret"));
    }
}
