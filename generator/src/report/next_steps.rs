//! The next steps after generating: go to the crate, test it, and call `validate_credentials`
//! once with a request envelope of the protocol's shape for the chosen auth kind.

use std::path::Path;

use serde::ser::SerializeMap as _;
use serde::{Serialize, Serializer};

use super::shown;
use crate::plan::Plan;
use crate::vocabulary::{ApiKind, AuthKind};

/// The commands, in order.
pub(super) fn next_steps(plan: &Plan, cwd: &Path) -> serde_json::Result<Vec<String>> {
    let answers = &plan.answers;
    // The templates declare one credential (multi-auth), with this id: keep the two in step.
    let key = answers.auth.credential_key();
    let envelope = Envelope {
        credentials: [Credential {
            id: format!("{}_{key}", answers.name.crate_name()),
            key,
            example: Example::of(answers.auth),
        }],
        settings: Settings {
            base_url: match answers.api {
                ApiKind::Rest => "https://api.example.com",
                // The SCIM base URL, under which /Users and /Groups live.
                ApiKind::Scim => "https://example.com/scim/v2",
            },
        },
        request: Request {},
    };
    Ok(vec![
        format!("cd {}", shown(&plan.crate_dir, cwd)),
        "cargo test".to_owned(),
        format!(
            "cargo run -q -- validate_credentials --json '{}'",
            serde_json::to_string(&envelope)?
        ),
    ])
}

/// A request envelope for `validate_credentials`.
#[derive(Debug, Serialize)]
struct Envelope {
    credentials: [Credential; 1],
    settings: Settings,
    request: Request,
}

/// The generated connector's settings: only the base URL is required.
#[derive(Debug, Serialize)]
struct Settings {
    base_url: &'static str,
}

/// `validate_credentials` takes no request fields.
#[derive(Debug, Serialize)]
struct Request {}

/// `{"id": ..., "<key>": {...}}`: the payload sits under the auth kind's credential key.
#[derive(Debug)]
struct Credential {
    id: String,
    key: &'static str,
    example: Example,
}

impl Serialize for Credential {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("id", &self.id)?;
        map.serialize_entry(self.key, &self.example)?;
        map.end()
    }
}

/// A credential payload of the protocol's shape, with placeholder values.
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum Example {
    Oauth {
        access_token: &'static str,
    },
    OauthClientCredentials {
        access_token: &'static str,
        client_id: &'static str,
        client_secret: &'static str,
        scopes: [&'static str; 0],
    },
    Basic {
        username: &'static str,
        password: &'static str,
    },
    Token {
        token: &'static str,
    },
    Jwt {
        headers: Box<JwtHeaders>,
        claims: Box<JwtClaims>,
        secret: &'static str,
    },
}

/// Every JOSE header the protocol's JWT credential has, empty.
#[derive(Debug, Default, Serialize)]
struct JwtHeaders {
    alg: &'static str,
    jku: &'static str,
    jwk: &'static str,
    typ: &'static str,
    kid: &'static str,
    x5u: &'static str,
    x5c: &'static str,
    x5t: &'static str,
    #[serde(rename = "x5t#S256")]
    x5t_s256: &'static str,
    cty: &'static str,
    crit: [&'static str; 0],
}

/// Every claim the protocol's JWT credential has, empty or zero.
#[derive(Debug, Default, Serialize)]
struct JwtClaims {
    iss: &'static str,
    sub: &'static str,
    aud: &'static str,
    jti: &'static str,
    act: &'static str,
    client_id: &'static str,
    may_act: &'static str,
    exp: u64,
    nbf: u64,
    iat: u64,
    scope: [&'static str; 0],
}

impl Example {
    fn of(auth: AuthKind) -> Self {
        match auth {
            AuthKind::Oauth => Self::Oauth {
                access_token: "<access-token>",
            },
            AuthKind::OauthClientCredentials => Self::OauthClientCredentials {
                access_token: "<access-token>",
                client_id: "<client-id>",
                client_secret: "<client-secret>",
                scopes: [],
            },
            AuthKind::Basic => Self::Basic {
                username: "<username>",
                password: "<password>",
            },
            AuthKind::Token => Self::Token {
                token: "<api-token>",
            },
            AuthKind::Jwt => Self::Jwt {
                headers: Box::default(),
                claims: Box::default(),
                secret: "<signing-secret>",
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(auth: AuthKind) -> String {
        serde_json::to_string(&Example::of(auth)).unwrap()
    }

    #[test]
    fn examples_have_the_protocol_shapes() {
        assert_eq!(
            json(AuthKind::Oauth),
            r#"{"access_token":"<access-token>"}"#
        );
        assert_eq!(
            json(AuthKind::OauthClientCredentials),
            r#"{"access_token":"<access-token>","client_id":"<client-id>","client_secret":"<client-secret>","scopes":[]}"#
        );
        assert_eq!(
            json(AuthKind::Basic),
            r#"{"username":"<username>","password":"<password>"}"#
        );
        assert_eq!(json(AuthKind::Token), r#"{"token":"<api-token>"}"#);
        assert_eq!(
            json(AuthKind::Jwt),
            concat!(
                r#"{"headers":{"alg":"","jku":"","jwk":"","typ":"","kid":"","x5u":"","x5c":"","#,
                r#""x5t":"","x5t#S256":"","cty":"","crit":[]},"claims":{"iss":"","sub":"","#,
                r#""aud":"","jti":"","act":"","client_id":"","may_act":"","exp":0,"nbf":0,"#,
                r#""iat":0,"scope":[]},"secret":"<signing-secret>"}"#
            )
        );
    }

    #[test]
    fn the_credential_sits_under_its_key() {
        let credential = Credential {
            id: "my_app_basic".into(),
            key: AuthKind::Basic.credential_key(),
            example: Example::of(AuthKind::Basic),
        };
        assert_eq!(
            serde_json::to_string(&credential).unwrap(),
            r#"{"id":"my_app_basic","basic":{"username":"<username>","password":"<password>"}}"#
        );
    }
}
