//! Base URL validation and joining request paths to it.

use reqwest::Url;

use crate::error::{ConnectorError, ConnectorResult, ErrorKind};

/// Parses and checks a base URL taken from the setting `setting`. Errors are `invalid_value`
/// (`InvalidConfigurationError`) naming the setting; they never repeat the value, which may
/// carry credentials.
pub(crate) fn parse_base_url(setting: &str, value: &str) -> ConnectorResult<Url> {
    let invalid = |problem: String| {
        ConnectorError::with_kind(
            ErrorKind::InvalidConfiguration,
            format!("The setting '{setting}' {problem}"),
        )
    };
    let url = Url::parse(value.trim())
        .map_err(|e| invalid(format!("is not a valid absolute URL ({e}).")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(invalid(
            "must be an http or https URL with a host.".to_owned(),
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid(
            "must not contain a query string or fragment.".to_owned(),
        ));
    }
    Ok(url)
}

/// The URL for `path`: an absolute `http(s)://` URL as it is, anything else appended to the
/// base URL's path (like httpx's `base_url`: `https://h/api` + `/users` = `https://h/api/users`).
pub(crate) fn resolve(base: Option<&Url>, path: &str) -> ConnectorResult<Url> {
    let is_absolute = ["http://", "https://"].iter().any(|scheme| {
        path.get(..scheme.len())
            .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
    });
    let joined;
    let target = if is_absolute {
        path
    } else {
        let base = base.ok_or_else(|| {
            ConnectorError::with_kind(
                ErrorKind::Internal,
                "The HTTP client has no base URL, so request paths must be absolute URLs.",
            )
        })?;
        joined = format!(
            "{}/{}",
            base.as_str().trim_end_matches('/'),
            path.trim_start_matches('/')
        );
        &joined
    };
    let url = Url::parse(target).map_err(|e| {
        ConnectorError::with_kind(
            ErrorKind::InvalidValue,
            format!("Invalid request URL ({e})."),
        )
    })?;
    if url.host_str().is_none() {
        return Err(ConnectorError::with_kind(
            ErrorKind::InvalidValue,
            "Invalid request URL (no host).",
        ));
    }
    Ok(url)
}

/// Percent-encodes `value` for use as one path segment, so that an id such as `a/b?c` stays
/// one segment: everything except `A-Z a-z 0-9 - . _ ~` is encoded.
pub fn path_segment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    #[test]
    fn paths_are_appended_to_the_base_path() {
        let base = parse_base_url("base_url", "https://h.example/api/").unwrap();
        let join = |p| resolve(Some(&base), p).unwrap().to_string();
        assert_eq!(join("/users"), "https://h.example/api/users");
        assert_eq!(join("users?limit=2"), "https://h.example/api/users?limit=2");
        assert_eq!(join("HTTP://other.example/x"), "http://other.example/x");
        let root = parse_base_url("base_url", "http://127.0.0.1:1").unwrap();
        assert_eq!(
            resolve(Some(&root), "/me").unwrap().as_str(),
            "http://127.0.0.1:1/me"
        );
        assert!(resolve(None, "/me").is_err());
    }

    #[test]
    fn bad_base_urls_name_the_setting_not_the_value() {
        for value in [
            "not a url",
            "ftp://h/",
            "https://h/?key=s3cret",
            "mailto:s3cret@x",
        ] {
            let err = parse_base_url("tenant_url", value).unwrap_err();
            assert_eq!(err.code, ErrorCode::InvalidValue);
            assert_eq!(err.raised_by.as_deref(), Some("InvalidConfigurationError"));
            assert!(err.message.contains("'tenant_url'"), "{}", err.message);
            assert!(!err.message.contains("s3cret"));
        }
    }

    #[test]
    fn segments_are_encoded() {
        assert_eq!(path_segment("a/b?c d~é"), "a%2Fb%3Fc%20d~%C3%A9");
    }
}
