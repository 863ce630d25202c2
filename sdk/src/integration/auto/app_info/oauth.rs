//! What an OAuth credential adds to the document: its `x-oauth-settings` entry, its
//! `oauth2` security scheme, and per operation the scopes the security requirement names.
//!
//! URLs computed from settings are `""` unless the `app_info` envelope has valid settings.

use std::any::Any;

use serde_json::{json, Map, Value};

use crate::oauth::{OAuthConfig, OAuthFlow, OAuthUrl};

/// `oauth_type` of `x-oauth-settings`.
fn oauth_type(config: &OAuthConfig) -> &'static str {
    match config.flow() {
        OAuthFlow::AuthorizationCode { .. } => "CODE_FLOW",
        OAuthFlow::ClientCredentials => "CLIENT_CREDENTIALS",
    }
}

fn url(url: Option<&OAuthUrl>, settings: Option<&dyn Any>) -> String {
    match (url, settings) {
        (Some(OAuthUrl::Fixed(url)), _) => url.clone(),
        (Some(url), Some(settings)) => url.resolve(settings).unwrap_or_default(),
        _ => String::new(),
    }
}

/// `{scope: "Required for <capabilities>"}`, scopes in first-seen order.
fn scope_descriptions(config: &OAuthConfig) -> Map<String, Value> {
    let mut grouped: Vec<(&str, Vec<&str>)> = Vec::new();
    for (capability, scope) in config.capability_scopes() {
        if scope.is_empty() {
            continue;
        }
        match grouped.iter_mut().find(|(s, _)| s == scope) {
            Some((_, capabilities)) => capabilities.push(capability),
            None => grouped.push((scope, vec![capability])),
        }
    }
    grouped
        .into_iter()
        .map(|(scope, capabilities)| {
            let text = format!("Required for {}", capabilities.join(", "));
            (scope.to_owned(), json!(text))
        })
        .collect()
}

/// The credential's `x-oauth-settings` entry.
pub(super) fn settings(config: &OAuthConfig, settings: Option<&dyn Any>) -> Value {
    // The flow's capabilities, each `false` where the credential opts out of it.
    let all: &[&str] = match config.flow() {
        OAuthFlow::AuthorizationCode { .. } => &[
            "get_authorization_url",
            "handle_authorization_callback",
            "refresh_access_token",
        ],
        OAuthFlow::ClientCredentials => {
            &["handle_client_credentials_request", "refresh_access_token"]
        }
    };
    let enabled = config.capabilities();
    let capabilities: Map<String, Value> = all
        .iter()
        .map(|name| ((*name).to_owned(), json!(enabled.contains(name))))
        .collect();
    json!({
        "oauth_type": oauth_type(config),
        "token_url": url(Some(config.token_url()), settings),
        "authorization_url": url(config.authorization_url(), settings),
        "capabilities": capabilities,
        "scopes": scope_descriptions(config),
        "pkce_enabled": matches!(config.flow(), OAuthFlow::AuthorizationCode { pkce: true }),
    })
}

/// The credential's `oauth2` security scheme.
pub(super) fn security_scheme(config: &OAuthConfig, settings: Option<&dyn Any>) -> Value {
    let scopes = scope_descriptions(config);
    let token_url = url(Some(config.token_url()), settings);
    let flows = match config.flow() {
        OAuthFlow::AuthorizationCode { .. } => json!({"authorizationCode": {
            "authorizationUrl": url(config.authorization_url(), settings),
            "tokenUrl": token_url,
            "scopes": scopes,
        }}),
        OAuthFlow::ClientCredentials => json!({"clientCredentials": {
            "tokenUrl": token_url,
            "scopes": scopes,
        }}),
    };
    json!({"type": "oauth2", "flows": flows})
}

/// The scopes `capability` needs from the credential, as a security requirement's list:
/// `Some([])` when the credential declares no per-capability scopes, `None` when it
/// declares some but none for `capability` (the operation then does not name it).
pub(super) fn required_scopes(config: &OAuthConfig, capability: &str) -> Option<Vec<String>> {
    let scopes = config.capability_scopes();
    if scopes.is_empty() {
        return Some(Vec::new());
    }
    scopes
        .iter()
        .find(|(name, _)| name == capability)
        .filter(|(_, scope)| !scope.is_empty())
        .map(|(_, scope)| scope.split_whitespace().map(str::to_owned).collect())
}
