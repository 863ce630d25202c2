//! Signing a `jwt` credential with the algorithm its header names (feature `jwt`), through
//! `jsonwebtoken` (crypto by `ring`).

use std::str::FromStr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, EncodingKey};

use super::jwt::{claim_members, header_members, signing_input};
use super::JwtCredential;
use crate::error::{ConnectorError, ConnectorResult, ErrorKind};
use crate::secret::Secret;

/// How long a token from [`sign_jwt`] is valid (`exp - iat`), as in the reference SDK.
pub const JWT_LIFETIME: Duration = Duration::from_secs(20 * 60);

/// The algorithms [`sign_jwt`] signs with, as a credential's `headers.alg` names them.
pub const JWT_ALGORITHMS: [&str; 12] = [
    "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
    "ES384", "EdDSA",
];

/// Signs the credential into a compact JWT with the algorithm of `headers.alg` (HS256 when
/// empty), issued now and valid for [`JWT_LIFETIME`]: the credential's `iat` and `exp` are
/// replaced, because a stored credential's timestamps go stale. See [`sign_jwt_at`].
///
/// # Errors
///
/// See [`sign_jwt_at`].
pub fn sign_jwt(credential: &JwtCredential) -> ConnectorResult<Secret> {
    sign_jwt_at(credential, SystemTime::now())
}

/// [`sign_jwt`] with the issue time given: `iat` is `issued_at`, `exp` is `issued_at` plus
/// [`JWT_LIFETIME`]. Other claims and header members come from the credential (empty ones
/// left out, `scope` space-separated).
///
/// `secret` is the key: the shared secret for `HS*`; a PEM private key for the others, RSA
/// (PKCS#1 or PKCS#8) for `RS*` and `PS*` (2048 bits or more), PKCS#8 EC on P-256 or P-384 for
/// `ES256` and `ES384`, PKCS#8 Ed25519 for `EdDSA`.
///
/// # Errors
///
/// `invalid_value` naming the algorithm when the algorithm is not one of [`JWT_ALGORITHMS`]
/// or the secret is not a usable key for it. The message never contains the secret.
pub fn sign_jwt_at(credential: &JwtCredential, issued_at: SystemTime) -> ConnectorResult<Secret> {
    let name = match credential.headers.alg.as_str() {
        "" => "HS256",
        name => name,
    };
    let algorithm = algorithm(name)?;
    let key = encoding_key(algorithm, name, credential.secret.expose().as_bytes())?;
    let iat = issued_at
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    let mut claims = claim_members(&credential.claims);
    claims.insert("iat".into(), iat.into());
    claims.insert("exp".into(), (iat + JWT_LIFETIME.as_secs()).into());
    let input = signing_input(header_members(&credential.headers, name), claims);
    // ring only fails here when the key does not fit the algorithm (an ES384 key for ES256).
    let signature = jsonwebtoken::crypto::sign(input.as_bytes(), &key, algorithm)
        .map_err(|_| unusable_key(name))?;
    Ok(Secret::new(format!("{input}.{signature}")))
}

/// The algorithm a credential names; only [`JWT_ALGORITHMS`], spelled exactly.
fn algorithm(name: &str) -> ConnectorResult<Algorithm> {
    if !JWT_ALGORITHMS.contains(&name) {
        return Err(ConnectorError::with_kind(
            ErrorKind::InvalidValue,
            format!(
                "JWT algorithm '{name}' is not supported; use one of {}",
                JWT_ALGORITHMS.join(", ")
            ),
        ));
    }
    Algorithm::from_str(name).map_err(|_| unusable_key(name))
}

fn encoding_key(algorithm: Algorithm, name: &str, secret: &[u8]) -> ConnectorResult<EncodingKey> {
    use Algorithm::*;
    let key = match algorithm {
        HS256 | HS384 | HS512 => {
            if secret.is_empty() {
                return Err(unusable_key(name));
            }
            Ok(EncodingKey::from_secret(secret))
        }
        RS256 | RS384 | RS512 | PS256 | PS384 | PS512 => EncodingKey::from_rsa_pem(secret),
        ES256 | ES384 => EncodingKey::from_ec_pem(secret),
        EdDSA => EncodingKey::from_ed_pem(secret),
    };
    key.map_err(|_| unusable_key(name))
}

/// The key error: names the algorithm and the expected key, never the key itself.
fn unusable_key(name: &str) -> ConnectorError {
    let expected = match name.get(..2) {
        Some("HS") => "a non-empty shared secret",
        Some("RS" | "PS") => "a PEM RSA private key of 2048 bits or more (PKCS#1 or PKCS#8)",
        Some("ES") => "a PEM PKCS#8 EC private key on the curve of the algorithm",
        _ => "a PEM PKCS#8 Ed25519 private key",
    };
    ConnectorError::with_kind(
        ErrorKind::InvalidValue,
        format!("The JWT secret is not a usable {name} key: expected {expected}"),
    )
}
