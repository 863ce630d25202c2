//! Sending a token request (protocol §11.4): the grant's parameters, the client's
//! authentication, and the connector's choice of method and encoding.

use serde_json::{Map, Value};
use url::Url;

use super::config::{ClientAuth, OAuthConfig, TokenEncoding, TokenMethod};
use super::errors::{is_error_answer, token_endpoint_error};
use super::models::OAuthCredentials;
use super::token_response::parse_token_response;
use crate::error::render::display_url;
use crate::error::{ConnectorError, ErrorKind};
use crate::http::DEFAULT_CONNECT_TIMEOUT;
use crate::secret::Secret;

/// What is being exchanged for tokens.
pub enum Grant<'a> {
    /// `grant_type=authorization_code`.
    AuthorizationCode {
        /// The code from the redirect.
        code: &'a str,
        /// The redirect URI without its query.
        redirect_uri: &'a str,
        /// The PKCE verifier, if the flow used one.
        code_verifier: Option<&'a Secret>,
    },
    /// `grant_type=refresh_token`.
    RefreshToken {
        /// The refresh token.
        refresh_token: &'a Secret,
    },
    /// `grant_type=client_credentials`.
    ClientCredentials {
        /// Space-separated scopes; left out when empty.
        scope: String,
    },
}

/// The OAuth client.
pub struct Client<'a> {
    /// The client id.
    pub id: &'a str,
    /// The client secret.
    pub secret: &'a Secret,
}

/// The request parameters in the reference's order: the grant's, then the client's when it
/// authenticates in the body.
fn parameters<'a>(
    grant: &'a Grant<'a>,
    client: &'a Client<'a>,
    auth: ClientAuth,
) -> Vec<(&'static str, &'a str)> {
    let mut params = Vec::with_capacity(6);
    match grant {
        Grant::AuthorizationCode {
            code,
            redirect_uri,
            code_verifier,
        } => {
            params.push(("grant_type", "authorization_code"));
            params.push(("code", *code));
            params.push(("redirect_uri", *redirect_uri));
            if let Some(verifier) = code_verifier.filter(|v| !v.is_empty()) {
                params.push(("code_verifier", verifier.expose()));
            }
        }
        Grant::RefreshToken { refresh_token } => {
            params.push(("grant_type", "refresh_token"));
            params.push(("refresh_token", refresh_token.expose()));
        }
        Grant::ClientCredentials { scope } => {
            params.push(("grant_type", "client_credentials"));
            if !scope.is_empty() {
                params.push(("scope", scope.as_str()));
            }
        }
    }
    if auth == ClientAuth::Body {
        params.push(("client_id", client.id));
        params.push(("client_secret", client.secret.expose()));
    }
    params
}

/// Sends the token request to `token_url` and reads the answer.
///
/// Redirects are not followed (an OAuth endpoint that redirects is misconfigured, and a
/// followed `POST` would turn into a `GET` without the parameters): a 3xx answer goes through
/// the error table like any other failure.
///
/// # Errors
///
/// The §11.4 error table for failing statuses ([`token_endpoint_error`]), `invalid_response`
/// for an unusable success body, a transport error when the endpoint cannot be reached, and
/// `invalid_value` (configuration) for a token URL that does not parse.
pub async fn request_token(
    config: &OAuthConfig,
    token_url: &str,
    grant: &Grant<'_>,
    client: &Client<'_>,
) -> Result<(OAuthCredentials, Value), ConnectorError> {
    let params = parameters(grant, client, config.client_auth);
    let mut url = Url::parse(token_url).map_err(|_| {
        ConnectorError::with_kind(
            ErrorKind::InvalidConfiguration,
            format!(
                "The OAuth token URL '{}' is not a valid URL",
                display_url(token_url)
            ),
        )
    })?;
    let http = reqwest::Client::builder()
        .timeout(config.token_timeout)
        // Connecting is bounded by the shorter of the two; the total by the timeout.
        .connect_timeout(DEFAULT_CONNECT_TIMEOUT.min(config.token_timeout))
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("connector-sdk/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| ConnectorError::from_transport(&e.without_url()))?;
    let method = match config.token_request.method {
        TokenMethod::Post => reqwest::Method::POST,
        TokenMethod::Get => reqwest::Method::GET,
    };
    let mut request = match config.token_request.encoding {
        TokenEncoding::Query => {
            url.query_pairs_mut().extend_pairs(&params);
            http.request(method, url)
        }
        // Form encoding with `+` for spaces, as the reference's HTTP client sends it.
        TokenEncoding::Form => http
            .request(method, url)
            .header(
                reqwest::header::CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            )
            .body(
                url::form_urlencoded::Serializer::new(String::new())
                    .extend_pairs(&params)
                    .finish(),
            ),
        TokenEncoding::Json => {
            let body: Map<String, Value> = params
                .iter()
                .map(|(k, v)| ((*k).to_owned(), Value::String((*v).to_owned())))
                .collect();
            http.request(method, url).json(&body)
        }
    };
    request = request.header(reqwest::header::ACCEPT, "application/json");
    if config.client_auth == ClientAuth::Basic {
        request = request.basic_auth(client.id, Some(client.secret.expose()));
    }
    tracing::debug!(url = %display_url(token_url), "OAuth token request");
    // `without_url`: with query encoding the URL carries the client secret.
    let response = request
        .send()
        .await
        .map_err(|e| ConnectorError::from_transport(&e.without_url()))?;
    let status = response.status().as_u16();
    let body = response
        .bytes()
        .await
        .map_err(|e| ConnectorError::from_transport(&e.without_url()))?;
    tracing::debug!(status, "OAuth token response");
    if status >= 300 || is_error_answer(&body) {
        return Err(token_endpoint_error(status, token_url, &body));
    }
    parse_token_response(status, token_url, &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameter_order_follows_the_reference() {
        let secret = Secret::new("s");
        let verifier = Secret::new("v");
        let client = Client {
            id: "cid",
            secret: &secret,
        };
        let grant = Grant::AuthorizationCode {
            code: "c",
            redirect_uri: "https://example.com/cb",
            code_verifier: Some(&verifier),
        };
        let names: Vec<&str> = parameters(&grant, &client, ClientAuth::Body)
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(
            names,
            [
                "grant_type",
                "code",
                "redirect_uri",
                "code_verifier",
                "client_id",
                "client_secret"
            ]
        );
        let basic = parameters(&grant, &client, ClientAuth::Basic);
        assert!(basic.iter().all(|(k, _)| !k.starts_with("client_")));
    }
}
