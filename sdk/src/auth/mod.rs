//! Credentials: the protocol's credential models, how a connector declares what it accepts,
//! and the request checks of the protocol (§3.3).

mod check;
mod credential;
mod declaration;
mod jwt;
#[cfg(feature = "jwt")]
mod jwt_sign;

pub(crate) use check::check_request_auth;
pub use credential::{
    AuthCredential, BasicCredential, EmptyCredential, JwtClaims, JwtCredential, JwtHeaders,
    KeyPairCredential, OAuth1Credential, OAuthClientCredential, OAuthCredential,
    ServiceAccountCredential, TokenCredential,
};
pub use declaration::{AuthDeclaration, CredentialDeclaration, CredentialKind};
pub use jwt::sign_jwt_hs256;
#[cfg(feature = "jwt")]
pub use jwt_sign::{sign_jwt, sign_jwt_at, JWT_ALGORITHMS, JWT_LIFETIME};
