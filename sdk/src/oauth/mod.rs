//! OAuth 2.0 for connectors (protocol §11.4), behind the `oauth` feature.
//!
//! Declare OAuth on the connector's OAuth credential with
//! [`CredentialDeclaration::oauth`](crate::auth::CredentialDeclaration::oauth) and an
//! [`OAuthConfig`]. The runtime then registers the flow's capabilities
//! (`get_authorization_url`, `handle_authorization_callback`, `refresh_access_token` for the
//! authorization-code flow; `handle_client_credentials_request` and `refresh_access_token` for
//! client credentials), lists them in `info`, and runs them without credentials in the
//! envelope. A connector whose app does not speak standard OAuth registers any of them itself
//! with the typed constants of this module ([`GET_AUTHORIZATION_URL`], ...): its handler wins.

mod authorize;
mod config;
mod errors;
mod models;
mod pkce;
mod register;
mod token_request;
mod token_response;
mod url_source;

pub use authorize::{authorization_url, code_and_redirect_uri};
pub use config::{ClientAuth, OAuthConfig, OAuthFlow, TokenEncoding, TokenMethod, TokenRequest};
pub use errors::token_endpoint_error;
pub use models::{
    AuthorizationUrl, GetAuthorizationUrl, HandleAuthorizationCallback, HandleClientCredentials,
    OAuthCredentials, RefreshAccessToken, GET_AUTHORIZATION_URL, HANDLE_AUTHORIZATION_CALLBACK,
    HANDLE_CLIENT_CREDENTIALS_REQUEST, REFRESH_ACCESS_TOKEN,
};
pub use pkce::{code_challenge_s256, code_verifier};
pub(crate) use register::{app_oauth_scopes, register};
pub use token_request::{request_token, Client, Grant};
pub use token_response::parse_token_response;
pub use url_source::{OAuthUrl, SettingsUrl};
