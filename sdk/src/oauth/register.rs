//! Registering the OAuth capabilities of the declared flows (protocol §11.4), unless the
//! connector registered its own handler under the same name.

use std::any::TypeId;
use std::collections::BTreeMap;
use std::future::Future;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use super::authorize::{authorization_url, code_and_redirect_uri, missing_url};
use super::config::OAuthConfig;
use super::models::{
    GetAuthorizationUrl, HandleAuthorizationCallback, HandleClientCredentials, OAuthCredentials,
    RefreshAccessToken,
};
use super::token_request::{request_token, Client, Grant};
use crate::auth::AuthDeclaration;
use crate::error::{ConnectorError, ConnectorResult, ErrorKind};
use crate::integration::{typed_parser, Registered, RegistryError, Shape};
use crate::request::{Request, Response};
use crate::settings::Settings;

/// The declared OAuth configurations by credential id.
type Declared = Arc<Vec<(String, OAuthConfig)>>;

/// Adds the capabilities of every declared OAuth flow that `capabilities` lacks: the
/// credentials' and the app-level one (`(app id, config)`, legacy connectors).
///
/// # Errors
///
/// [`RegistryError::OAuthSettingsType`] when a URL is computed from settings of another type
/// than the connector's.
pub(crate) fn register<S: Settings>(
    capabilities: &mut BTreeMap<String, Registered<S>>,
    auth: &AuthDeclaration,
    app_oauth: Option<(&str, &OAuthConfig)>,
) -> Result<(), RegistryError> {
    let credentials = match auth {
        AuthDeclaration::Multi { credentials, .. } => credentials.as_slice(),
        _ => &[],
    };
    let declared: Vec<(String, OAuthConfig)> = credentials
        .iter()
        .filter_map(|c| c.oauth.as_ref().map(|o| (c.id.clone(), o.clone())))
        .chain(app_oauth.map(|(id, o)| (id.to_owned(), o.clone())))
        .collect();
    if declared.is_empty() {
        return Ok(());
    }
    for (id, config) in &declared {
        let urls = config.authorization_url.iter().chain([&config.token_url]);
        for (type_id, type_name) in urls.filter_map(|u| u.settings_type()) {
            if type_id != TypeId::of::<S>() {
                return Err(RegistryError::OAuthSettingsType {
                    credential: id.clone(),
                    settings: type_name.to_owned(),
                });
            }
        }
    }
    let names: Vec<&'static str> = declared
        .iter()
        .flat_map(|(_, c)| c.capabilities())
        .collect();
    let declared: Declared = Arc::new(declared);
    for name in names {
        if capabilities.contains_key(name) {
            continue;
        }
        let registered = match name {
            "get_authorization_url" => get_authorization_url(&declared),
            "handle_authorization_callback" => handle_authorization_callback(&declared),
            "refresh_access_token" => refresh_access_token(&declared),
            _ => handle_client_credentials_request(&declared),
        };
        capabilities.insert(name.to_owned(), registered);
    }
    Ok(())
}

/// `info.oauth_scopes` of app-level OAuth: `{capability: scopes}` as declared with
/// [`OAuthConfig::capability_scope`], `None` without app-level OAuth or scopes (as the
/// reference, which fills it only from app-level settings).
pub(crate) fn app_oauth_scopes(app_oauth: Option<&OAuthConfig>) -> Option<Map<String, Value>> {
    let scopes: Map<String, Value> = app_oauth?
        .capability_scopes()
        .iter()
        .map(|(capability, scopes)| (capability.clone(), Value::String(scopes.clone())))
        .collect();
    (!scopes.is_empty()).then_some(scopes)
}

/// The declaration `credential_id` names; without one, the only declaration.
fn select<'a>(
    declared: &'a [(String, OAuthConfig)],
    credential_id: Option<&str>,
) -> Result<&'a OAuthConfig, ConnectorError> {
    let found = match credential_id {
        Some(id) => declared.iter().find(|(declared_id, _)| declared_id == id),
        None if declared.len() == 1 => declared.first(),
        None => None,
    };
    found.map(|(_, config)| config).ok_or_else(|| {
        let message = match credential_id {
            Some(id) => format!("OAuth settings for credential ID: {id} were not provided!"),
            None => "Several credentials declare OAuth: name one in credential_id".to_owned(),
        };
        ConnectorError::with_kind(ErrorKind::MissingParameter, message)
    })
}

/// A runtime-registered capability: standard shape, no credentials in its envelope.
fn registered<S, P, R, F, Fut>(name: &str, handler: F) -> Registered<S>
where
    S: Settings,
    P: DeserializeOwned + Send + 'static,
    R: Serialize + Send + 'static,
    F: Fn(Request<P, S>) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ConnectorResult<Response<R>>> + Send + 'static,
{
    Registered {
        parse: typed_parser(handler),
        shape: Shape::Standard,
        authenticated: false,
        raised_in: format!("connector_sdk.oauth:{name}"),
        display_name: None,
        description: None,
    }
}

/// The response with the token endpoint's JSON as `raw_data` when asked.
fn token_response<P, S>(
    request: &Request<P, S>,
    (credentials, raw): (OAuthCredentials, Value),
) -> Response<OAuthCredentials> {
    Response::new(credentials).with_raw_data_if(request, raw)
}

fn get_authorization_url<S: Settings>(declared: &Declared) -> Registered<S> {
    let declared = Arc::clone(declared);
    registered(
        "get_authorization_url",
        move |request: Request<GetAuthorizationUrl, S>| {
            let declared = Arc::clone(&declared);
            async move {
                let config = select(&declared, request.request.credential_id.as_deref())?;
                let endpoint = config
                    .authorization_url
                    .as_ref()
                    .ok_or_else(missing_url)?
                    .resolve(&request.settings)?;
                Ok(Response::new(authorization_url(
                    config,
                    &endpoint,
                    &request.request,
                )?))
            }
        },
    )
}

fn handle_authorization_callback<S: Settings>(declared: &Declared) -> Registered<S> {
    let declared = Arc::clone(declared);
    registered(
        "handle_authorization_callback",
        move |request: Request<HandleAuthorizationCallback, S>| {
            let declared = Arc::clone(&declared);
            async move {
                let args = &request.request;
                let config = select(&declared, args.credential_id.as_deref())?;
                let token_url = config.token_url.resolve(&request.settings)?;
                let (code, redirect_uri) =
                    code_and_redirect_uri(args.redirect_uri_with_code.expose())?;
                let grant = Grant::AuthorizationCode {
                    code: &code,
                    redirect_uri: &redirect_uri,
                    code_verifier: args.code_verifier.as_ref(),
                };
                let client = Client {
                    id: &args.client_id,
                    secret: &args.client_secret,
                };
                let tokens = request_token(config, &token_url, &grant, &client).await?;
                Ok(token_response(&request, tokens))
            }
        },
    )
}

fn refresh_access_token<S: Settings>(declared: &Declared) -> Registered<S> {
    let declared = Arc::clone(declared);
    registered(
        "refresh_access_token",
        move |request: Request<RefreshAccessToken, S>| {
            let declared = Arc::clone(&declared);
            async move {
                let args = &request.request;
                let config = select(&declared, args.credential_id.as_deref())?;
                let token_url = config.token_url.resolve(&request.settings)?;
                let grant = Grant::RefreshToken {
                    refresh_token: &args.refresh_token,
                };
                let client = Client {
                    id: &args.client_id,
                    secret: &args.client_secret,
                };
                let tokens = request_token(config, &token_url, &grant, &client).await?;
                Ok(token_response(&request, tokens))
            }
        },
    )
}

fn handle_client_credentials_request<S: Settings>(declared: &Declared) -> Registered<S> {
    let declared = Arc::clone(declared);
    registered(
        "handle_client_credentials_request",
        move |request: Request<HandleClientCredentials, S>| {
            let declared = Arc::clone(&declared);
            async move {
                let args = &request.request;
                let config = select(&declared, args.credential_id.as_deref())?;
                let token_url = config.token_url.resolve(&request.settings)?;
                let scope = if args.scopes.is_empty() {
                    config.default_scope()
                } else {
                    args.scopes.join(" ")
                };
                let grant = Grant::ClientCredentials { scope };
                let client = Client {
                    id: &args.client_id,
                    secret: &args.client_secret,
                };
                let tokens = request_token(config, &token_url, &grant, &client).await?;
                Ok(token_response(&request, tokens))
            }
        },
    )
}
