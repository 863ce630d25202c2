//! Credential payloads as they travel in `auth` or `credentials[]`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::CredentialKind;
use crate::secret::Secret;

/// OAuth 2.0 access token (`oauth`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OAuthCredential {
    /// The access token, sent as `Authorization: Bearer`.
    pub access_token: Secret,
}

/// OAuth 2.0 client-credentials grant (`oauth_client_credentials`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OAuthClientCredential {
    /// The access token obtained by the host.
    pub access_token: Secret,
    /// The OAuth client id.
    pub client_id: String,
    /// The OAuth client secret.
    pub client_secret: Secret,
    /// Granted scopes.
    pub scopes: Vec<String>,
}

/// OAuth 1.0 credentials (`oauth1`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct OAuth1Credential {
    pub consumer_key: String,
    pub consumer_secret: Secret,
    pub token_id: String,
    pub token_secret: Secret,
}

/// Username and password (`basic`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BasicCredential {
    /// The user name.
    pub username: String,
    /// The password.
    pub password: Secret,
}

/// An API token or key (`token`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenCredential {
    /// The token.
    pub token: Secret,
}

/// JWT header fields (`JWTHeaders`); all required by the protocol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct JwtHeaders {
    pub alg: String,
    pub jku: String,
    pub jwk: String,
    pub typ: String,
    pub kid: String,
    pub x5u: String,
    pub x5c: String,
    pub x5t: String,
    #[serde(rename = "x5t#S256")]
    pub x5t_s256: String,
    pub cty: String,
    pub crit: Vec<String>,
}

/// JWT claims (`JWTClaims`); all required by the protocol.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct JwtClaims {
    pub iss: String,
    pub sub: String,
    pub aud: String,
    pub jti: String,
    pub act: String,
    pub client_id: String,
    pub may_act: String,
    pub exp: i64,
    pub nbf: i64,
    pub iat: i64,
    pub scope: Vec<String>,
}

/// A JWT to sign (`jwt`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JwtCredential {
    /// JWT headers.
    pub headers: JwtHeaders,
    /// JWT claims.
    pub claims: JwtClaims,
    /// The signing secret.
    pub secret: Secret,
}

/// A cloud service account (`service_account`), kept as data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct ServiceAccountCredential {
    #[serde(default)]
    pub service_type: Option<String>,
    /// The key document; secret as a whole.
    pub key: SecretJson,
    pub impersonation_email: String,
    pub tenant_id: String,
    pub scopes: Vec<String>,
}

/// A key pair (`key_pair`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyPairCredential {
    /// The key's identifier.
    pub key_identifier: String,
    /// The PEM private key.
    pub private_key: Secret,
}

/// The host authenticates itself (`empty`); multi-auth only.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmptyCredential {}

/// A JSON object that is secret as a whole (a service-account key).
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SecretJson(pub Map<String, Value>);

impl std::fmt::Debug for SecretJson {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretJson(***)")
    }
}

/// One credential as sent by the host: an optional `id` and one payload keyed by its type.
/// Unknown keys are ignored.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct AuthCredential {
    /// The declared credential id (multi-auth only).
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub oauth: Option<OAuthCredential>,
    #[serde(default)]
    pub oauth_client_credentials: Option<OAuthClientCredential>,
    #[serde(default)]
    pub oauth1: Option<OAuth1Credential>,
    #[serde(default)]
    pub basic: Option<BasicCredential>,
    #[serde(default)]
    pub token: Option<TokenCredential>,
    #[serde(default)]
    pub jwt: Option<JwtCredential>,
    #[serde(default)]
    pub service_account: Option<ServiceAccountCredential>,
    #[serde(default)]
    pub key_pair: Option<KeyPairCredential>,
    #[serde(default)]
    pub empty: Option<EmptyCredential>,
}

impl AuthCredential {
    /// Whether this credential carries a payload of the given type.
    pub fn has(&self, kind: CredentialKind) -> bool {
        match kind {
            CredentialKind::Oauth => self.oauth.is_some(),
            CredentialKind::OauthClientCredentials => self.oauth_client_credentials.is_some(),
            CredentialKind::Oauth1 => self.oauth1.is_some(),
            CredentialKind::Basic => self.basic.is_some(),
            CredentialKind::Token => self.token.is_some(),
            CredentialKind::Jwt => self.jwt.is_some(),
            CredentialKind::ServiceAccount => self.service_account.is_some(),
            CredentialKind::KeyPair => self.key_pair.is_some(),
            CredentialKind::Empty => true,
        }
    }
}
