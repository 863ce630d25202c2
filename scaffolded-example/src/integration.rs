//! The connector's declaration: identity, authentication, settings, declared types and the
//! registered capabilities. `info` is derived from it.
//!
//! Register a capability here once it is implemented; registering the same one twice, or a
//! custom capability under a standard name, fails at start-up with a clear error.

use connector_sdk::oauth::{OAuthConfig, OAuthUrl};
use connector_sdk::prelude::*;

use crate::capabilities_read as read;
use crate::capabilities_write as write;
use crate::constants::{self, APP_ID};
use crate::enums;
use crate::settings::ExampleSettings;

/// The id of the credential the connector accepts. It is stored with every connection:
/// renaming it breaks existing connections.
pub const CREDENTIAL_ID: &str = "example_oauth";

/// Builds the integration.
///
/// Adapt: the credential's help text, the description (logo, vendor domain, categories), and
/// the capability list as you implement them.
pub fn integration() -> Result<Integration<ExampleSettings>, RegistryError> {
    Integration::builder(APP_ID, env!("CARGO_PKG_VERSION"))
        .auth(AuthDeclaration::multi(vec![CredentialDeclaration::new(
            CREDENTIAL_ID,
            CredentialKind::Oauth,
            "Describe here, in Markdown, how an admin obtains this credential in Example.",
        )
        .oauth(oauth())]))
        .description(DescriptionData {
            user_friendly_name: "Example".to_owned(),
            description: Some("Connector for Example.".to_owned()),
            logo_url: None,
            app_vendor_domain: None,
            categories: Some(vec![AppCategory::Other]),
        })
        .resource_types(enums::resource_types())
        .entitlement_types(enums::entitlement_types())
        .capability(VALIDATE_CREDENTIALS, read::validate_credentials)
        .capability(LIST_ACCOUNTS, read::list_accounts)
        .capability(LIST_RESOURCES, read::list_resources)
        .capability(LIST_ENTITLEMENTS, read::list_entitlements)
        .capability(
            FIND_ENTITLEMENT_ASSOCIATIONS,
            read::find_entitlement_associations,
        )
        .capability(GET_LAST_ACTIVITY, read::get_last_activity)
        .extended_capability(CREATE_ACCOUNT, write::create_account)
        .capability(DELETE_ACCOUNT, write::delete_account)
        .capability(ACTIVATE_ACCOUNT, write::activate_account)
        .capability(DEACTIVATE_ACCOUNT, write::deactivate_account)
        .capability(ASSIGN_ENTITLEMENT, write::assign_entitlement)
        .capability(UNASSIGN_ENTITLEMENT, write::unassign_entitlement)
        .build()
}

/// The OAuth scopes each capability needs, as `(capability, space-separated scopes)`. When a
/// request names no scopes, the flow asks for all of these, each once, in this order.
pub const SCOPES: &[(&str, &str)] = &[
    // Adapt: the app's scope names.
    (VALIDATE_CREDENTIALS.name(), "users:read"),
    (LIST_ACCOUNTS.name(), "users:read"),
    (LIST_RESOURCES.name(), "teams:read"),
    (LIST_ENTITLEMENTS.name(), "roles:read"),
    (FIND_ENTITLEMENT_ASSOCIATIONS.name(), "roles:read"),
    (GET_LAST_ACTIVITY.name(), "activity:read"),
    (CREATE_ACCOUNT.name(), "users:write roles:write"),
    (DELETE_ACCOUNT.name(), "users:write"),
    (ACTIVATE_ACCOUNT.name(), "users:write"),
    (DEACTIVATE_ACCOUNT.name(), "users:write"),
    (ASSIGN_ENTITLEMENT.name(), "roles:write"),
    (UNASSIGN_ENTITLEMENT.name(), "roles:write"),
];

/// The OAuth declaration: the authorization-code flow with PKCE, the endpoints of
/// `constants.rs` (unless the settings override them), and the scopes of [`SCOPES`]. The SDK
/// then runs `get_authorization_url`, `handle_authorization_callback` and
/// `refresh_access_token`.
///
/// Adapt: if the token endpoint wants a JSON body or the client in HTTP Basic, add
/// `.token_request(TokenRequest::JSON)` or `.client_auth(ClientAuth::Basic)`
/// (`connector_sdk::oauth`); drop `.pkce()` if the app rejects it.
pub fn oauth() -> OAuthConfig {
    let config = OAuthConfig::authorization_code(
        OAuthUrl::from_settings(authorization_url),
        OAuthUrl::from_settings(token_url),
    )
    .pkce();
    SCOPES.iter().fold(config, |config, (capability, scopes)| {
        config.capability_scope(capability, scopes)
    })
}

/// The `authorization_url` setting when set, else [`constants::AUTHORIZATION_URL`].
fn authorization_url(settings: &ExampleSettings) -> String {
    settings
        .authorization_url
        .clone()
        .unwrap_or_else(|| constants::AUTHORIZATION_URL.to_owned())
}

/// The `token_url` setting when set, else [`constants::TOKEN_URL`].
fn token_url(settings: &ExampleSettings) -> String {
    settings
        .token_url
        .clone()
        .unwrap_or_else(|| constants::TOKEN_URL.to_owned())
}
