//! PKCE (RFC 7636) with the S256 method: a random verifier and its challenge.
//!
//! Written with `sha2`, `base64` and `getrandom` (all already built for `reqwest`/`rustls`)
//! rather than a whole OAuth client crate: the verifier must have the reference's form
//! (base64url of 32 random bytes, no padding: 43 characters) and nothing else is needed.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sha2::{Digest, Sha256};

use crate::error::ConnectorError;
use crate::secret::Secret;

/// Random bytes behind a verifier (RFC 7636 recommends 32).
const VERIFIER_BYTES: usize = 32;

/// A fresh code verifier: base64url (no padding) of 32 random bytes.
///
/// # Errors
///
/// `internal_error` when the operating system has no randomness to give.
pub fn code_verifier() -> Result<Secret, ConnectorError> {
    let mut bytes = [0u8; VERIFIER_BYTES];
    getrandom::getrandom(&mut bytes).map_err(|e| {
        ConnectorError::internal(format!("no randomness for the PKCE verifier: {e}"))
    })?;
    Ok(Secret::new(URL_SAFE_NO_PAD.encode(bytes)))
}

/// The S256 challenge of `verifier`: base64url (no padding) of its SHA-256.
pub fn code_challenge_s256(verifier: &Secret) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.expose().as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn challenge_matches_rfc_7636_appendix_b() {
        let verifier = Secret::new("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        assert_eq!(
            code_challenge_s256(&verifier),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn verifiers_are_43_url_safe_characters_and_differ() {
        let a = code_verifier().unwrap();
        let b = code_verifier().unwrap();
        assert_eq!(a.expose().len(), 43);
        assert!(a
            .expose()
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
        assert_ne!(a, b);
    }
}
