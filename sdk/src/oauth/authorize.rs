//! The code flow's two URLs: the authorization URL `get_authorization_url` builds (no network
//! call), and the redirect whose query carries the code, which the callback reads.

use super::config::{OAuthConfig, OAuthFlow};
use super::models::{AuthorizationUrl, GetAuthorizationUrl};
use super::pkce;
use crate::error::{ConnectorError, ErrorKind};

/// `<authorization_url>?client_id=…&response_type=code&scope=…&redirect_uri=…&state=…`, plus
/// `&code_challenge=…&code_challenge_method=S256` with PKCE (whose verifier is returned).
///
/// Parameters are in the reference's order, form-encoded with `+` for spaces (built here
/// with `url`'s form serializer: OAuth client crates order them differently). `scope` is the
/// request's scopes joined with spaces, or the declared ones when the request has none
/// ([`OAuthConfig::default_scope`]).
///
/// # Errors
///
/// `integration_missing_parameter` when the declaration has no authorization URL (a
/// client-credentials declaration), and `internal_error` when no randomness is available
/// for the PKCE verifier.
pub fn authorization_url(
    config: &OAuthConfig,
    endpoint: &str,
    request: &GetAuthorizationUrl,
) -> Result<AuthorizationUrl, ConnectorError> {
    let scope = if request.scopes.is_empty() {
        config.default_scope()
    } else {
        request.scopes.join(" ")
    };
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query
        .append_pair("client_id", &request.client_id)
        .append_pair("response_type", "code")
        .append_pair("scope", &scope)
        .append_pair("redirect_uri", &request.redirect_uri)
        .append_pair("state", &request.state);
    let code_verifier = match config.flow {
        OAuthFlow::AuthorizationCode { pkce: true } => {
            let verifier = pkce::code_verifier()?;
            query
                .append_pair("code_challenge", &pkce::code_challenge_s256(&verifier))
                .append_pair("code_challenge_method", "S256");
            Some(verifier)
        }
        _ => None,
    };
    // An endpoint that already has a query keeps it (the reference would add a second `?`).
    let separator = if endpoint.contains('?') { '&' } else { '?' };
    Ok(AuthorizationUrl {
        authorization_url: format!("{endpoint}{separator}{}", query.finish()),
        code_verifier,
    })
}

/// The message when a declaration lacks the URL a capability needs (the reference's text).
pub(crate) fn missing_url() -> ConnectorError {
    ConnectorError::with_kind(
        ErrorKind::MissingParameter,
        "Required URL was not provided for the OAuth flow.",
    )
}

/// The authorization code and the redirect URI it came back to: `redirect_uri_with_code`
/// without query and fragment, and the query's first `code`.
///
/// # Errors
///
/// `bad_request` when the query has no `code` (the message names the authorization server's
/// `error` parameter when there is one, never the URI itself).
pub fn code_and_redirect_uri(
    redirect_uri_with_code: &str,
) -> Result<(String, String), ConnectorError> {
    let (before_fragment, _) = redirect_uri_with_code
        .split_once('#')
        .unwrap_or((redirect_uri_with_code, ""));
    let (redirect_uri, query) = before_fragment
        .split_once('?')
        .unwrap_or((before_fragment, ""));
    let mut pairs = url::form_urlencoded::parse(query.as_bytes());
    let code = pairs
        .clone()
        .find(|(name, _)| name == "code")
        .map(|(_, value)| value.into_owned());
    match code {
        Some(code) => Ok((code, redirect_uri.to_owned())),
        None => {
            let mut message = "The redirect URI carries no authorization code".to_owned();
            if let Some((_, error)) = pairs.find(|(name, _)| name == "error") {
                message.push_str(&format!(
                    " (the authorization server answered error={error})"
                ));
            }
            Err(ConnectorError::with_kind(ErrorKind::Client, message))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(scopes: &[&str]) -> GetAuthorizationUrl {
        GetAuthorizationUrl {
            credential_id: None,
            client_id: "cid".to_owned(),
            scopes: scopes.iter().map(|s| (*s).to_owned()).collect(),
            redirect_uri: "https://example.com/cb".to_owned(),
            state: "st 1".to_owned(),
            form_data: None,
        }
    }

    #[test]
    fn declared_scopes_keep_first_seen_order() {
        let config = OAuthConfig::authorization_code(
            "https://a.example/authorize",
            "https://a.example/token",
        )
        .scopes(["openid", "zeta"])
        .capability_scope("list_accounts", "users:read alpha")
        .capability_scope("list_resources", "zeta users:read beta");
        let url = authorization_url(&config, "https://a.example/authorize", &request(&[])).unwrap();
        assert_eq!(
            url.authorization_url,
            "https://a.example/authorize?client_id=cid&response_type=code\
             &scope=openid+zeta+users%3Aread+alpha+beta\
             &redirect_uri=https%3A%2F%2Fexample.com%2Fcb&state=st+1"
        );
        assert_eq!(url.code_verifier, None);
    }

    #[test]
    fn code_and_redirect_uri_split_the_callback() {
        let (code, uri) =
            code_and_redirect_uri("https://example.com/cb?code=good-code&state=st123").unwrap();
        assert_eq!(
            (code.as_str(), uri.as_str()),
            ("good-code", "https://example.com/cb")
        );
        let error =
            code_and_redirect_uri("https://example.com/cb?error=access_denied").unwrap_err();
        assert!(
            error.message.ends_with("error=access_denied)"),
            "{}",
            error.message
        );
    }
}
