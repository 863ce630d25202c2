//! The compact JWT of a `jwt` credential: its header and claims, and HS256 signing without
//! further dependencies (the `jwt` feature signs with every algorithm, in `jwt_sign`).

use hmac::{Hmac, Mac};
use serde_json::{Map, Value};
use sha2::Sha256;

use super::{JwtClaims, JwtCredential, JwtHeaders};
use crate::error::{ConnectorError, ConnectorResult, ErrorKind};
use crate::secret::Secret;

/// Signs the credential's header and claims with its secret (HS256). Empty header and claim
/// fields are left out, as are zero timestamps. Other algorithms are refused with
/// `invalid_value`, naming the algorithm; `sign_jwt` (feature `jwt`) signs with every
/// algorithm.
///
/// # Errors
///
/// `invalid_value` for an algorithm other than HS256.
pub fn sign_jwt_hs256(credential: &JwtCredential) -> ConnectorResult<Secret> {
    let headers = &credential.headers;
    if !headers.alg.is_empty() && !headers.alg.eq_ignore_ascii_case("HS256") {
        return Err(ConnectorError::with_kind(
            ErrorKind::InvalidValue,
            format!(
                "JWT algorithm '{}' is not supported; use HS256",
                headers.alg
            ),
        ));
    }
    let signing_input = signing_input(
        header_members(headers, "HS256"),
        claim_members(&credential.claims),
    );
    let mut mac =
        Hmac::<Sha256>::new_from_slice(credential.secret.expose().as_bytes()).map_err(|_| {
            ConnectorError::with_kind(
                ErrorKind::InvalidValue,
                "The JWT secret cannot be used as an HMAC key",
            )
        })?;
    mac.update(signing_input.as_bytes());
    let signature = base64url(&mac.finalize().into_bytes());
    Ok(Secret::new(format!("{signing_input}.{signature}")))
}

/// The JOSE header: `alg`, `typ` (default `JWT`) and the credential's other non-empty members.
/// `jwk` is sent only when it holds a JSON object and `x5c` as a one-certificate chain, the
/// shapes RFC 7515 gives them.
pub(crate) fn header_members(headers: &JwtHeaders, alg: &str) -> Map<String, Value> {
    let mut header = Map::new();
    header.insert("alg".into(), alg.into());
    header.insert(
        "typ".into(),
        if headers.typ.is_empty() {
            "JWT"
        } else {
            &headers.typ
        }
        .into(),
    );
    for (key, value) in [
        ("kid", &headers.kid),
        ("cty", &headers.cty),
        ("jku", &headers.jku),
        ("x5u", &headers.x5u),
        ("x5t", &headers.x5t),
        ("x5t#S256", &headers.x5t_s256),
    ] {
        if !value.is_empty() {
            header.insert(key.into(), value.as_str().into());
        }
    }
    if let Ok(jwk @ Value::Object(_)) = serde_json::from_str::<Value>(&headers.jwk) {
        header.insert("jwk".into(), jwk);
    }
    if !headers.x5c.is_empty() {
        header.insert("x5c".into(), vec![headers.x5c.clone()].into());
    }
    if !headers.crit.is_empty() {
        header.insert("crit".into(), headers.crit.clone().into());
    }
    header
}

/// The claims: non-empty strings, non-zero timestamps, `scope` space-separated (RFC 8693).
pub(crate) fn claim_members(claims: &JwtClaims) -> Map<String, Value> {
    let mut payload = Map::new();
    for (key, value) in [
        ("iss", &claims.iss),
        ("sub", &claims.sub),
        ("aud", &claims.aud),
        ("jti", &claims.jti),
        ("act", &claims.act),
        ("client_id", &claims.client_id),
        ("may_act", &claims.may_act),
    ] {
        if !value.is_empty() {
            payload.insert(key.into(), value.as_str().into());
        }
    }
    for (key, value) in [
        ("exp", claims.exp),
        ("nbf", claims.nbf),
        ("iat", claims.iat),
    ] {
        if value != 0 {
            payload.insert(key.into(), value.into());
        }
    }
    if !claims.scope.is_empty() {
        payload.insert("scope".into(), claims.scope.join(" ").into());
    }
    payload
}

/// `base64url(header).base64url(claims)`, the text a JWS signature covers.
pub(crate) fn signing_input(header: Map<String, Value>, claims: Map<String, Value>) -> String {
    format!(
        "{}.{}",
        base64url(Value::Object(header).to_string().as_bytes()),
        base64url(Value::Object(claims).to_string().as_bytes())
    )
}

/// Base64url without padding (RFC 7515).
fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let digits = chunk.len() + 1;
        for i in 0..digits {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_matches_rfc_4648_examples() {
        assert_eq!(base64url(b""), "");
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(b"foob"), "Zm9vYg");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn hs256_signature_matches_a_known_token() {
        // HMAC-SHA256 of "a.b" with key "k", checked with Python's hmac module.
        let mut mac = Hmac::<Sha256>::new_from_slice(b"k").unwrap();
        mac.update(b"a.b");
        assert_eq!(
            base64url(&mac.finalize().into_bytes()),
            "j-64Xf4O5ZEXP-qQsHKDtNnvAIHe3v1wxoNRgirN2JQ"
        );
    }
}
