//! `sign_jwt` (feature `jwt`): every algorithm signs a token that verifies with the matching
//! public key (fixtures in tests/fixtures/jwt, made once with OpenSSL), and bad algorithms or
//! keys are `invalid_value` errors that name the algorithm and never show the key.
#![cfg(feature = "jwt")]
// The helpers outside #[test] functions unwrap and panic too, as tests may (clippy.toml).
#![allow(clippy::unwrap_used, clippy::panic)]

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use connector_sdk::auth::{
    sign_jwt, sign_jwt_at, sign_jwt_hs256, JwtCredential, JWT_ALGORITHMS, JWT_LIFETIME,
};
use connector_sdk::error::ErrorCode;
use jsonwebtoken::{decode, decode_header, Algorithm, DecodingKey, Validation};
use serde_json::{json, Value};

const HMAC_SECRET: &str = "a shared secret of some length";
const RSA_PRIVATE: &str = include_str!("fixtures/jwt/rsa-private.pem");
const RSA_PRIVATE_PKCS1: &str = include_str!("fixtures/jwt/rsa-private-pkcs1.pem");
const RSA_PUBLIC: &str = include_str!("fixtures/jwt/rsa-public.pem");
const EC256_PRIVATE: &str = include_str!("fixtures/jwt/ec256-private.pem");
const EC256_PUBLIC: &str = include_str!("fixtures/jwt/ec256-public.pem");
const EC384_PRIVATE: &str = include_str!("fixtures/jwt/ec384-private.pem");
const EC384_PUBLIC: &str = include_str!("fixtures/jwt/ec384-public.pem");
const ED25519_PRIVATE: &str = include_str!("fixtures/jwt/ed25519-private.pem");
const ED25519_PUBLIC: &str = include_str!("fixtures/jwt/ed25519-public.pem");

fn credential(alg: &str, secret: &str) -> JwtCredential {
    serde_json::from_value(json!({
        "headers": {
            "alg": alg, "jku": "", "jwk": "", "typ": "JWT", "kid": "key-1", "x5u": "",
            "x5c": "", "x5t": "", "x5t#S256": "", "cty": "", "crit": []
        },
        "claims": {
            "iss": "lumos", "sub": "connector", "aud": "api", "jti": "1", "act": "",
            "client_id": "test-client", "may_act": "", "exp": 0, "nbf": 0, "iat": 0,
            "scope": ["users:read", "groups:read"]
        },
        "secret": secret
    }))
    .unwrap()
}

/// The private key to sign with and the public key that verifies, per algorithm.
fn keys(alg: &str) -> (&'static str, DecodingKey) {
    match &alg[..2] {
        "HS" => (
            HMAC_SECRET,
            DecodingKey::from_secret(HMAC_SECRET.as_bytes()),
        ),
        "RS" | "PS" => (
            RSA_PRIVATE,
            DecodingKey::from_rsa_pem(RSA_PUBLIC.as_bytes()).unwrap(),
        ),
        "ES" if alg == "ES256" => (
            EC256_PRIVATE,
            DecodingKey::from_ec_pem(EC256_PUBLIC.as_bytes()).unwrap(),
        ),
        "ES" => (
            EC384_PRIVATE,
            DecodingKey::from_ec_pem(EC384_PUBLIC.as_bytes()).unwrap(),
        ),
        _ => (
            ED25519_PRIVATE,
            DecodingKey::from_ed_pem(ED25519_PUBLIC.as_bytes()).unwrap(),
        ),
    }
}

fn validation(alg: &str) -> Validation {
    let mut validation = Validation::new(alg.parse::<Algorithm>().unwrap());
    validation.set_audience(&["api"]);
    validation.set_issuer(&["lumos"]);
    validation
}

#[test]
fn every_algorithm_signs_a_token_that_verifies_with_the_public_key() {
    assert_eq!(JWT_ALGORITHMS.len(), 12);
    for alg in JWT_ALGORITHMS {
        let (private, public) = keys(alg);
        let token = sign_jwt(&credential(alg, private)).unwrap();
        let header = decode_header(token.expose()).unwrap();
        assert_eq!(format!("{:?}", header.alg), alg, "header alg");
        assert_eq!(header.kid.as_deref(), Some("key-1"));
        assert_eq!(header.typ.as_deref(), Some("JWT"));
        let claims = decode::<Value>(token.expose(), &public, &validation(alg))
            .unwrap_or_else(|e| panic!("{alg} does not verify: {e}"))
            .claims;
        assert_eq!(claims["sub"], "connector", "{alg}");
        assert_eq!(claims["client_id"], "test-client", "{alg}");
        assert_eq!(claims["scope"], "users:read groups:read", "{alg}");
        assert_eq!(claims.get("act"), None, "empty claims are left out");
        let iat = claims["iat"].as_u64().unwrap();
        assert_eq!(claims["exp"].as_u64(), Some(iat + JWT_LIFETIME.as_secs()));
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
        assert!(iat.abs_diff(now.as_secs()) < 60, "issued now");
    }
}

#[test]
fn a_token_does_not_verify_with_another_key_or_algorithm() {
    let token = sign_jwt(&credential("RS256", RSA_PRIVATE)).unwrap();
    let (_, ec_public) = keys("ES256");
    assert!(decode::<Value>(token.expose(), &ec_public, &validation("ES256")).is_err());
    let (_, rsa_public) = keys("PS256");
    assert!(decode::<Value>(token.expose(), &rsa_public, &validation("PS256")).is_err());
    let mut tampered = token.expose().to_owned();
    tampered.insert(tampered.find('.').unwrap() + 2, 'x');
    assert!(decode::<Value>(&tampered, &rsa_public, &validation("RS256")).is_err());
}

#[test]
fn a_pkcs1_rsa_key_signs_too() {
    let token = sign_jwt(&credential("RS512", RSA_PRIVATE_PKCS1)).unwrap();
    let (_, public) = keys("RS512");
    decode::<Value>(token.expose(), &public, &validation("RS512")).unwrap();
}

#[test]
fn an_empty_algorithm_is_hs256() {
    let token = sign_jwt(&credential("", HMAC_SECRET)).unwrap();
    let (_, public) = keys("HS256");
    decode::<Value>(token.expose(), &public, &validation("HS256")).unwrap();
}

#[test]
fn hs256_through_the_crate_equals_the_dependency_free_signer() {
    let issued_at = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    // Non-zero timestamps keep the claims' member order the same in both tokens.
    let mut stored = credential("HS256", HMAC_SECRET);
    stored.claims.iat = 1;
    stored.claims.exp = 2;
    let mut expected = stored.clone();
    expected.claims.iat = 1_700_000_000;
    expected.claims.exp = 1_700_000_000 + 1_200;
    assert_eq!(
        sign_jwt_at(&stored, issued_at).unwrap(),
        sign_jwt_hs256(&expected).unwrap()
    );
}

/// The error is `invalid_value` naming `alg`; neither its message nor its `Debug` shows the key.
fn assert_refused(alg: &str, secret: &str, expected_part: &str) {
    let error = sign_jwt(&credential(alg, secret)).unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidValue, "{alg}");
    assert!(
        error.message.contains(&format!("'{alg}'")) || error.message.contains(&format!(" {alg} ")),
        "names the algorithm: {}",
        error.message
    );
    assert!(
        error.message.contains(expected_part),
        "{}: {expected_part}",
        error.message
    );
    let shown = format!("{error:?} {error}");
    for line in secret.lines().filter(|l| l.len() > 8) {
        assert!(!shown.contains(line), "the key leaks: {shown}");
    }
    assert!(!shown.contains("BEGIN"), "the key leaks: {shown}");
}

#[test]
fn unknown_algorithms_are_invalid_values_naming_them() {
    for alg in ["none", "ES512", "hs256", "RS1", "HS256 "] {
        assert_refused(alg, HMAC_SECRET, "is not supported");
    }
}

#[test]
fn unusable_keys_are_invalid_values_without_the_key() {
    assert_refused("HS384", "", "shared secret");
    assert_refused(
        "RS256",
        "not a key at all, just some secret text",
        "RSA private key",
    );
    assert_refused("PS384", EC256_PRIVATE, "RSA private key");
    assert_refused("ES256", RSA_PRIVATE, "EC private key");
    // Parses as an EC key; ring refuses it at signing time for the other curve.
    assert_refused("ES256", EC384_PRIVATE, "EC private key");
    assert_refused("ES384", EC256_PRIVATE, "EC private key");
    assert_refused("EdDSA", RSA_PRIVATE, "Ed25519 private key");
    assert_refused("EdDSA", "-----BEGIN PRIVATE KEY-----\nbroken\n", "Ed25519");
}
