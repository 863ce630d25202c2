//! `Debug` of the SDK's credential-carrying types shows no secret: every credential payload
//! of every kind (as deserialized from an envelope), the HTTP client's `Auth` and the client
//! and builder holding it, and the OAuth flow's requests and answers. Both `{:?}` and `{:#?}`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers outside #[test] functions: a failed step stops the test loudly"
)]

use connector_sdk::auth::AuthCredential;
use connector_sdk::http::{Auth, HttpClient};
use connector_sdk::oauth::{
    HandleAuthorizationCallback, HandleClientCredentials, OAuthCredentials, RefreshAccessToken,
};
use connector_sdk::secret::Secret;
use serde_json::json;

/// Recognisable secrets; the test fails if `Debug` shows any of them.
const SECRETS: &[&str] = &[
    "dbg-access-token-Qz1",
    "dbg-client-secret-Qz2",
    "dbg-consumer-secret-Qz3",
    "dbg-token-secret-Qz4",
    "dbg-password-Qz5",
    "dbg-api-token-Qz6",
    "dbg-jwt-secret-Qz7",
    "dbg-private-key-id-Qz8",
    "dbg-private-key-Qz9",
    "dbg-code-Qz10",
    "dbg-verifier-Qz11",
    "dbg-refresh-Qz12",
];

fn assert_hidden(what: &str, debug: &str) {
    for secret in SECRETS {
        assert!(!debug.contains(secret), "{what}: {secret} in {debug}");
    }
}

fn check<T: std::fmt::Debug>(what: &str, value: &T) {
    assert_hidden(what, &format!("{value:?}"));
    assert_hidden(what, &format!("{value:#?}"));
}

#[test]
fn every_credential_kind_hides_its_secrets() {
    let credential: AuthCredential = serde_json::from_value(json!({
        "id": "all_kinds",
        "oauth": {"access_token": SECRETS[0]},
        "oauth_client_credentials": {"access_token": SECRETS[0], "client_id": "cid",
            "client_secret": SECRETS[1], "scopes": ["a"]},
        "oauth1": {"consumer_key": "ck", "consumer_secret": SECRETS[2], "token_id": "tid",
            "token_secret": SECRETS[3]},
        "basic": {"username": "admin", "password": SECRETS[4]},
        "token": {"token": SECRETS[5]},
        "jwt": {
            "headers": {"alg": "HS256", "jku": "", "jwk": "", "typ": "JWT", "kid": "", "x5u": "",
                "x5c": "", "x5t": "", "x5t#S256": "", "cty": "", "crit": []},
            "claims": {"iss": "i", "sub": "s", "aud": "a", "jti": "1", "act": "", "client_id": "c",
                "may_act": "", "exp": 0, "nbf": 0, "iat": 0, "scope": []},
            "secret": SECRETS[6]
        },
        "service_account": {"key": {"private_key_id": SECRETS[7], "private_key": SECRETS[8]},
            "impersonation_email": "a@example.test", "tenant_id": "t", "scopes": []},
        "key_pair": {"key_identifier": "kid", "private_key": SECRETS[8]},
        "empty": {}
    }))
    .expect("every kind deserializes");
    // The payloads really hold the secrets: the check below is not vacuous.
    assert_eq!(
        credential.token.as_ref().unwrap().token.expose(),
        SECRETS[5]
    );
    check("AuthCredential", &credential);
    check("Vec<AuthCredential>", &vec![credential.clone(), credential]);
}

#[test]
fn the_http_client_and_its_auth_hide_their_secrets() {
    let auths = [
        Auth::bearer(SECRETS[0]),
        Auth::basic("admin", SECRETS[4]),
        Auth::Header {
            name: "X-Api-Key".to_owned(),
            value: Secret::new(SECRETS[5]),
        },
        Auth::Query {
            name: "api_key".to_owned(),
            value: Secret::new(SECRETS[5]),
        },
    ];
    for auth in auths {
        check("Auth", &auth);
        let builder = HttpClient::builder()
            .base_url("https://api.example.test")
            .auth(auth);
        check("HttpClientBuilder", &builder);
        check("HttpClient", &builder.build().expect("the client builds"));
    }
}

#[test]
fn the_oauth_flow_payloads_hide_their_secrets() {
    let callback: HandleAuthorizationCallback = serde_json::from_value(json!({
        "client_id": "cid",
        "client_secret": SECRETS[1],
        "redirect_uri_with_code": format!("https://example.test/cb?code={}", SECRETS[9]),
        "state": "st",
        "code_verifier": SECRETS[10],
    }))
    .unwrap();
    check("HandleAuthorizationCallback", &callback);
    let refresh: RefreshAccessToken = serde_json::from_value(json!({
        "client_id": "cid", "client_secret": SECRETS[1], "refresh_token": SECRETS[11],
    }))
    .unwrap();
    check("RefreshAccessToken", &refresh);
    let client_credentials: HandleClientCredentials = serde_json::from_value(json!({
        "client_id": "cid", "client_secret": SECRETS[1], "scopes": [],
    }))
    .unwrap();
    check("HandleClientCredentials", &client_credentials);
    let issued = OAuthCredentials {
        access_token: Secret::new(SECRETS[0]),
        refresh_token: Some(Secret::new(SECRETS[11])),
        token_type: "bearer".to_owned(),
        state: None,
    };
    check("OAuthCredentials", &issued);
}
