//! Payloads of the OAuth capabilities (protocol §11.4) and their typed capability constants,
//! with which a connector registers its own handler in place of the runtime's.
//!
//! Secrets (client secret, code, code verifier, refresh and access tokens) are [`Secret`]s, so
//! no `Debug` output shows them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::capability::StandardCapability;
use crate::secret::Secret;

/// `get_authorization_url` request.
#[derive(Debug, Clone, Deserialize)]
pub struct GetAuthorizationUrl {
    /// The credential whose OAuth declaration applies (the only one when absent).
    #[serde(default)]
    pub credential_id: Option<String>,
    /// The OAuth client id.
    pub client_id: String,
    /// Scopes to request; empty: the connector's declared scopes.
    pub scopes: Vec<String>,
    /// Where the authorization server sends the user back.
    pub redirect_uri: String,
    /// Anti-CSRF state, passed through.
    pub state: String,
    /// Extra form data; accepted and unused, as in the reference.
    #[serde(default)]
    pub form_data: Option<BTreeMap<String, String>>,
}

/// `get_authorization_url` response.
#[derive(Debug, Clone, Serialize)]
pub struct AuthorizationUrl {
    /// The URL to send the user to.
    pub authorization_url: String,
    /// The PKCE verifier to send back with the callback; `None` without PKCE.
    pub code_verifier: Option<Secret>,
}

/// `handle_authorization_callback` request.
#[derive(Debug, Clone, Deserialize)]
pub struct HandleAuthorizationCallback {
    /// The credential whose OAuth declaration applies (the only one when absent).
    #[serde(default)]
    pub credential_id: Option<String>,
    /// The OAuth client id.
    pub client_id: String,
    /// The OAuth client secret.
    pub client_secret: Secret,
    /// The redirect URI with the authorization code in its query.
    pub redirect_uri_with_code: Secret,
    /// The state sent to the authorization server (not echoed: the answer's state comes
    /// from the token endpoint).
    #[serde(default)]
    pub state: Option<String>,
    /// The PKCE verifier `get_authorization_url` returned.
    #[serde(default)]
    pub code_verifier: Option<Secret>,
}

/// `refresh_access_token` request.
#[derive(Debug, Clone, Deserialize)]
pub struct RefreshAccessToken {
    /// The credential whose OAuth declaration applies (the only one when absent).
    #[serde(default)]
    pub credential_id: Option<String>,
    /// The OAuth client id.
    pub client_id: String,
    /// The OAuth client secret.
    pub client_secret: Secret,
    /// The refresh token.
    pub refresh_token: Secret,
    /// Unused, as in the reference.
    #[serde(default)]
    pub state: Option<String>,
}

/// `handle_client_credentials_request` request.
#[derive(Debug, Clone, Deserialize)]
pub struct HandleClientCredentials {
    /// The credential whose OAuth declaration applies (the only one when absent).
    #[serde(default)]
    pub credential_id: Option<String>,
    /// The OAuth client id.
    pub client_id: String,
    /// The OAuth client secret.
    pub client_secret: Secret,
    /// Scopes to request; empty: the connector's declared scopes.
    pub scopes: Vec<String>,
}

/// The tokens every token-endpoint capability answers (`OauthCredentials`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OAuthCredentials {
    /// The access token.
    pub access_token: Secret,
    /// The refresh token, when the endpoint issued one.
    pub refresh_token: Option<Secret>,
    /// The token type, lower-case (`bearer`).
    pub token_type: String,
    /// The state the token endpoint returned, if any.
    pub state: Option<String>,
}

/// Step 1 of the code flow: the URL to send the user to.
pub const GET_AUTHORIZATION_URL: StandardCapability<GetAuthorizationUrl, AuthorizationUrl> =
    StandardCapability::new("get_authorization_url");
/// Step 2 of the code flow: exchange the code for tokens.
pub const HANDLE_AUTHORIZATION_CALLBACK: StandardCapability<
    HandleAuthorizationCallback,
    OAuthCredentials,
> = StandardCapability::new("handle_authorization_callback");
/// Exchange a refresh token for a new access token.
pub const REFRESH_ACCESS_TOKEN: StandardCapability<RefreshAccessToken, OAuthCredentials> =
    StandardCapability::new("refresh_access_token");
/// The client-credentials grant.
pub const HANDLE_CLIENT_CREDENTIALS_REQUEST: StandardCapability<
    HandleClientCredentials,
    OAuthCredentials,
> = StandardCapability::new("handle_client_credentials_request");
