//! Reading a successful token-endpoint answer into [`OAuthCredentials`] (protocol §11.4).

use serde_json::{Map, Value};

use super::models::OAuthCredentials;
use crate::error::render::{display_url, truncate};
use crate::error::{ConnectorError, ErrorKind};
use crate::secret::Secret;

/// The only token type the protocol's `OauthCredentials` allows.
const BEARER: &str = "bearer";

/// The credentials in `body` and the JSON object itself with `token_type` lower-cased (or
/// set to `bearer` when absent), which is what `raw_data` shows.
///
/// Every member comes from the token endpoint's JSON; nothing is echoed from the request.
///
/// # Errors
///
/// `invalid_response` when the body is not a JSON object, has no string `access_token`,
/// a member of the wrong type, or a token type other than bearer. Messages never quote the
/// body: a malformed success answer may still carry tokens.
pub fn parse_token_response(
    status: u16,
    token_url: &str,
    body: &[u8],
) -> Result<(OAuthCredentials, Value), ConnectorError> {
    let invalid = |what: &str| {
        ConnectorError::with_kind(
            ErrorKind::InvalidResponse,
            format!(
                "[{status}][{}] OAuth token response {what}",
                display_url(token_url)
            ),
        )
    };
    let mut object: Map<String, Value> = match serde_json::from_slice(body) {
        Ok(Value::Object(object)) => object,
        _ => return Err(invalid("is not a JSON object")),
    };
    let token_type = match object.get("token_type") {
        None | Some(Value::Null) => BEARER.to_owned(),
        Some(Value::String(token_type)) => token_type.to_lowercase(),
        Some(_) => return Err(invalid("has a token_type that is not a string")),
    };
    if token_type != BEARER {
        // Cut as error bodies are: the server chooses its length.
        return Err(invalid(&format!(
            "has token_type '{}'; only bearer tokens are supported",
            truncate(token_type)
        )));
    }
    object.insert("token_type".to_owned(), Value::String(token_type.clone()));
    let access_token = match object.get("access_token") {
        Some(Value::String(token)) => Secret::new(token.as_str()),
        Some(_) => return Err(invalid("has an access_token that is not a string")),
        None => return Err(invalid("has no access_token")),
    };
    let optional = |name: &str| match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(value)) => Ok(Some(value.clone())),
        Some(_) => Err(invalid(&format!("has a {name} that is not a string"))),
    };
    let credentials = OAuthCredentials {
        access_token,
        refresh_token: optional("refresh_token")?.map(Secret::new),
        token_type,
        state: optional("state")?,
    };
    Ok((credentials, Value::Object(object)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;

    const URL: &str = "http://127.0.0.1:1/oauth/token";

    #[test]
    fn token_type_is_lower_cased_in_both_outputs() {
        let body = br#"{"access_token":"at","refresh_token":"rt","token_type":"Bearer","expires_in":3600}"#;
        let (credentials, raw) = parse_token_response(200, URL, body).unwrap();
        assert_eq!(credentials.token_type, "bearer");
        assert_eq!(credentials.refresh_token, Some(Secret::new("rt")));
        assert_eq!(
            serde_json::to_string(&raw).unwrap(),
            r#"{"access_token":"at","refresh_token":"rt","token_type":"bearer","expires_in":3600}"#
        );
    }

    #[test]
    fn absent_token_type_is_bearer_and_state_comes_from_the_body() {
        let (credentials, raw) =
            parse_token_response(200, URL, br#"{"access_token":"at","state":"s9"}"#).unwrap();
        assert_eq!(credentials.token_type, "bearer");
        assert_eq!(credentials.state.as_deref(), Some("s9"));
        assert_eq!(raw["token_type"], "bearer");
    }

    #[test]
    fn unusable_bodies_are_invalid_responses_that_do_not_quote_them() {
        for body in [
            &b"access_token=at-secret&token_type=bearer"[..],
            br#"{"refresh_token":"rt-secret"}"#,
            br#"{"access_token":7}"#,
            br#"["at-secret"]"#,
            br#"{"access_token":"at-secret","token_type":"mac"}"#,
        ] {
            let error = parse_token_response(200, URL, body).unwrap_err();
            assert_eq!(error.code, ErrorCode::InvalidResponse);
            assert!(!error.message.contains("secret"), "{}", error.message);
        }
    }

    #[test]
    fn a_refused_token_type_is_quoted_at_most_800_characters_long() {
        let body = format!(
            r#"{{"access_token":"at","token_type":"{}"}}"#,
            "m".repeat(5000)
        );
        let error = parse_token_response(200, URL, body.as_bytes()).unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidResponse);
        let quoted = format!("'{}...(truncated)'", "m".repeat(800));
        assert!(error.message.contains(&quoted), "{}", error.message);
        assert!(error.message.len() < 1000, "{}", error.message.len());
    }
}
