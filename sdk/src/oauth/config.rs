//! How a connector declares OAuth on its OAuth credential (protocol §11.4): endpoints, flow,
//! scopes, how the token request is sent and the client authenticated, and how long the token
//! endpoint may take to answer.

use std::time::Duration;

use super::url_source::OAuthUrl;
use crate::http::DEFAULT_TIMEOUT;

/// The OAuth grant the connector's credential uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OAuthFlow {
    /// Authorization-code flow: `get_authorization_url`, `handle_authorization_callback`,
    /// `refresh_access_token`.
    AuthorizationCode {
        /// Adds a PKCE S256 challenge to the authorization URL and returns the verifier.
        pkce: bool,
    },
    /// Client-credentials flow: `handle_client_credentials_request`, `refresh_access_token`.
    ClientCredentials,
}

/// The HTTP method of token requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TokenMethod {
    /// `POST` (the default).
    #[default]
    Post,
    /// `GET`.
    Get,
}

/// Where the token request's parameters go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TokenEncoding {
    /// An `application/x-www-form-urlencoded` body (the default, as RFC 6749 says).
    #[default]
    Form,
    /// The URL's query string.
    Query,
    /// A JSON object body.
    Json,
}

/// How token requests are sent; [`TokenRequest::FORM`] by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TokenRequest {
    /// The HTTP method.
    pub method: TokenMethod,
    /// Where the parameters go.
    pub encoding: TokenEncoding,
}

impl TokenRequest {
    /// `POST` with a form body (the default).
    pub const FORM: Self = Self {
        method: TokenMethod::Post,
        encoding: TokenEncoding::Form,
    };
    /// `POST` with the parameters in the query string.
    pub const QUERY: Self = Self {
        method: TokenMethod::Post,
        encoding: TokenEncoding::Query,
    };
    /// `POST` with a JSON body.
    pub const JSON: Self = Self {
        method: TokenMethod::Post,
        encoding: TokenEncoding::Json,
    };
    /// `GET` with the parameters in the query string.
    pub const GET: Self = Self {
        method: TokenMethod::Get,
        encoding: TokenEncoding::Query,
    };
}

/// How the client authenticates at the token endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClientAuth {
    /// `client_id` and `client_secret` among the request parameters (the default).
    #[default]
    Body,
    /// HTTP Basic with the client id and secret (`client_secret_basic`).
    Basic,
}

/// The OAuth declaration of a credential. Attach it with
/// [`CredentialDeclaration::oauth`](crate::auth::CredentialDeclaration::oauth); the runtime
/// then registers the flow's capabilities (protocol §11.4) unless the connector registers
/// them itself.
///
/// ```
/// use connector_sdk::oauth::{OAuthConfig, OAuthUrl, TokenRequest};
/// # #[derive(serde::Deserialize, schemars::JsonSchema)] struct MySettings { base_url: String }
/// let config = OAuthConfig::authorization_code(
///     "https://auth.example.com/oauth/authorize",
///     OAuthUrl::from_settings(|s: &MySettings| format!("{}/oauth/token", s.base_url)),
/// )
/// .pkce()
/// .scopes(["openid"])
/// .capability_scope("list_accounts", "users:read")
/// .token_request(TokenRequest::JSON)
/// .token_timeout(std::time::Duration::from_secs(10));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthConfig {
    pub(crate) flow: OAuthFlow,
    pub(crate) authorization_url: Option<OAuthUrl>,
    pub(crate) token_url: OAuthUrl,
    pub(crate) default_scopes: Vec<String>,
    pub(crate) capability_scopes: Vec<(String, String)>,
    pub(crate) token_request: TokenRequest,
    pub(crate) client_auth: ClientAuth,
    pub(crate) disabled: Vec<String>,
    pub(crate) token_timeout: Duration,
}

impl OAuthConfig {
    /// The authorization-code flow, without PKCE (add it with [`OAuthConfig::pkce`]).
    pub fn authorization_code(
        authorization_url: impl Into<OAuthUrl>,
        token_url: impl Into<OAuthUrl>,
    ) -> Self {
        Self::with_flow(
            OAuthFlow::AuthorizationCode { pkce: false },
            Some(authorization_url.into()),
            token_url.into(),
        )
    }

    /// The client-credentials flow (no authorization URL).
    pub fn client_credentials(token_url: impl Into<OAuthUrl>) -> Self {
        Self::with_flow(OAuthFlow::ClientCredentials, None, token_url.into())
    }

    fn with_flow(
        flow: OAuthFlow,
        authorization_url: Option<OAuthUrl>,
        token_url: OAuthUrl,
    ) -> Self {
        Self {
            flow,
            authorization_url,
            token_url,
            default_scopes: Vec::new(),
            capability_scopes: Vec::new(),
            token_request: TokenRequest::FORM,
            client_auth: ClientAuth::Body,
            disabled: Vec::new(),
            token_timeout: DEFAULT_TIMEOUT,
        }
    }

    /// Uses PKCE with the S256 method (authorization-code flow only; ignored otherwise).
    pub fn pkce(mut self) -> Self {
        if let OAuthFlow::AuthorizationCode { pkce } = &mut self.flow {
            *pkce = true;
        }
        self
    }

    /// The scopes requested whatever the connector's capabilities, first in the default
    /// scope string.
    pub fn scopes<I, T>(mut self, scopes: I) -> Self
    where
        I: IntoIterator<Item = T>,
        T: Into<String>,
    {
        self.default_scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// The scopes `capability` needs, space-separated (`"users:read groups:read"`). Added to
    /// the default scope string after [`OAuthConfig::scopes`], in declaration order.
    pub fn capability_scope(mut self, capability: &str, scopes: &str) -> Self {
        self.capability_scopes
            .push((capability.to_owned(), scopes.to_owned()));
        self
    }

    /// How token requests are sent ([`TokenRequest::FORM`] by default).
    pub fn token_request(mut self, token_request: TokenRequest) -> Self {
        self.token_request = token_request;
        self
    }

    /// How the client authenticates ([`ClientAuth::Body`] by default).
    pub fn client_auth(mut self, client_auth: ClientAuth) -> Self {
        self.client_auth = client_auth;
        self
    }

    /// How long a token request may take, from connecting to the last byte of the answer
    /// ([`DEFAULT_TIMEOUT`], 30 s, by default). A token endpoint that has not answered by then
    /// fails the capability with `request_timeout` (`connection_timeout` if it could not even
    /// be reached). The token exchange is not retried, so this bounds the whole capability.
    pub fn token_timeout(mut self, timeout: Duration) -> Self {
        self.token_timeout = timeout;
        self
    }

    /// Leaves `capability` out of the flow's capabilities, for an app without it (for
    /// example `refresh_access_token` when tokens never expire). Another credential whose
    /// flow has it still registers it.
    pub fn without_capability(mut self, capability: &str) -> Self {
        self.disabled.push(capability.to_owned());
        self
    }

    /// How long a token request may take ([`OAuthConfig::token_timeout`]).
    pub fn token_request_timeout(&self) -> Duration {
        self.token_timeout
    }

    /// The flow.
    pub fn flow(&self) -> OAuthFlow {
        self.flow
    }

    /// The authorization endpoint (`None` for the client-credentials flow).
    pub fn authorization_url(&self) -> Option<&OAuthUrl> {
        self.authorization_url.as_ref()
    }

    /// The token endpoint.
    pub fn token_url(&self) -> &OAuthUrl {
        &self.token_url
    }

    /// The scopes declared with [`OAuthConfig::scopes`].
    pub fn default_scopes(&self) -> &[String] {
        &self.default_scopes
    }

    /// The per-capability scopes, `(capability, space-separated scopes)`, in declaration
    /// order (what `app_info` describes per capability).
    pub fn capability_scopes(&self) -> &[(String, String)] {
        &self.capability_scopes
    }

    /// The scope string used when a request names no scopes: the default scopes, then each
    /// capability's, split on whitespace, without duplicates, in first-seen order (the
    /// reference used a set, so its order varied from run to run: quirk Q16 fixed).
    pub fn default_scope(&self) -> String {
        let mut seen: Vec<&str> = Vec::new();
        let declared = self
            .default_scopes
            .iter()
            .map(String::as_str)
            .chain(self.capability_scopes.iter().map(|(_, s)| s.as_str()));
        for scope in declared.flat_map(str::split_whitespace) {
            if !seen.contains(&scope) {
                seen.push(scope);
            }
        }
        seen.join(" ")
    }

    /// The capabilities this declaration registers: its flow's (protocol §11.4) less the
    /// ones left out with [`OAuthConfig::without_capability`].
    pub fn capabilities(&self) -> Vec<&'static str> {
        let all: &[&'static str] = match self.flow {
            OAuthFlow::AuthorizationCode { .. } => &[
                "get_authorization_url",
                "handle_authorization_callback",
                "refresh_access_token",
            ],
            OAuthFlow::ClientCredentials => {
                &["handle_client_credentials_request", "refresh_access_token"]
            }
        };
        all.iter()
            .copied()
            .filter(|name| !self.disabled.iter().any(|d| d == name))
            .collect()
    }
}
