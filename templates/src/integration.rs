//! The connector's declaration: identity, authentication, settings, declared types and the
//! registered capabilities. `info` is derived from it.
//!
//! Register a capability here once it is implemented; registering the same one twice, or a
//! custom capability under a standard name, fails at start-up with a clear error.
{%- if auth == "oauth" or auth == "oauth-client-credentials" %}

use connector_sdk::oauth::{OAuthConfig, OAuthUrl};
use connector_sdk::prelude::*;
{%- else %}

use connector_sdk::prelude::*;
{%- endif %}

use crate::capabilities_read as read;
{%- if create_account or delete_account or activate_account or deactivate_account or assign_entitlement or unassign_entitlement or update_account %}
use crate::capabilities_write as write;
{%- endif %}
{%- if auth == "oauth" or auth == "oauth-client-credentials" %}
use crate::constants::{self, APP_ID};
{%- else %}
use crate::constants::APP_ID;
{%- endif %}
use crate::enums;
use crate::settings::{{crate_name | pascal_case}}Settings;

/// The id of the credential the connector accepts. It is stored with every connection:
/// renaming it breaks existing connections.
pub const CREDENTIAL_ID: &str = "{{crate_name}}_{{auth | snake_case}}";

/// Builds the integration.
///
/// Adapt: the credential's help text, the description (logo, vendor domain, categories), and
/// the capability list as you implement them.
pub fn integration() -> Result<Integration<{{crate_name | pascal_case}}Settings>, RegistryError> {
    Integration::builder(APP_ID, env!("CARGO_PKG_VERSION"))
        .auth(AuthDeclaration::multi(vec![CredentialDeclaration::new(
            CREDENTIAL_ID,
            CredentialKind::{{auth | pascal_case}},
            "Describe here, in Markdown, how an admin obtains this credential in {{crate_name | title_case}}.",
{%- if auth == "oauth" or auth == "oauth-client-credentials" %}
        )
        .oauth(oauth())]))
{%- else %}
        )]))
{%- endif %}
        .description(DescriptionData {
            user_friendly_name: "{{crate_name | title_case}}".to_owned(),
            description: Some("Connector for {{crate_name | title_case}}.".to_owned()),
            logo_url: None,
            app_vendor_domain: None,
            categories: Some(vec![AppCategory::Other]),
        })
        .resource_types(enums::resource_types())
        .entitlement_types(enums::entitlement_types())
        .capability(VALIDATE_CREDENTIALS, read::validate_credentials)
{%- if list_accounts %}
        .capability(LIST_ACCOUNTS, read::list_accounts)
{%- endif %}
{%- if list_resources %}
        .capability(LIST_RESOURCES, read::list_resources)
{%- endif %}
{%- if list_entitlements %}
        .capability(LIST_ENTITLEMENTS, read::list_entitlements)
{%- endif %}
{%- if find_entitlement_associations %}
        .capability(
            FIND_ENTITLEMENT_ASSOCIATIONS,
            read::find_entitlement_associations,
        )
{%- endif %}
{%- if get_last_activity and api != "scim" %}
        .capability(GET_LAST_ACTIVITY, read::get_last_activity)
{%- endif %}
{%- if create_account %}
        .extended_capability(CREATE_ACCOUNT, write::create_account)
{%- endif %}
{%- if delete_account %}
        .capability(DELETE_ACCOUNT, write::delete_account)
{%- endif %}
{%- if activate_account %}
        .capability(ACTIVATE_ACCOUNT, write::activate_account)
{%- endif %}
{%- if deactivate_account %}
        .capability(DEACTIVATE_ACCOUNT, write::deactivate_account)
{%- endif %}
{%- if assign_entitlement %}
        .capability(ASSIGN_ENTITLEMENT, write::assign_entitlement)
{%- endif %}
{%- if unassign_entitlement %}
        .capability(UNASSIGN_ENTITLEMENT, write::unassign_entitlement)
{%- endif %}
{%- if get_account %}
        .capability(GET_ACCOUNT, read::get_account)
{%- endif %}
{%- if update_account %}
        .extended_capability(UPDATE_ACCOUNT, write::update_account)
{%- endif %}
{%- if list_custom_attributes_schema %}
        .capability(
            LIST_CUSTOM_ATTRIBUTES_SCHEMA,
            read::list_custom_attributes_schema,
        )
{%- endif %}
{%- if get_account_entitlement_associations %}
        .capability(
            GET_ACCOUNT_ENTITLEMENT_ASSOCIATIONS,
            read::get_account_entitlement_associations,
        )
{%- endif %}
{%- if list_updated_accounts %}
        .capability(LIST_UPDATED_ACCOUNTS, read::list_updated_accounts)
{%- endif %}
        .build()
}
{%- if auth == "oauth" or auth == "oauth-client-credentials" %}

/// The OAuth scopes each capability needs, as `(capability, space-separated scopes)`. When a
/// request names no scopes, the flow asks for all of these, each once, in this order.
pub const SCOPES: &[(&str, &str)] = &[
    // Adapt: the app's scope names.
    (VALIDATE_CREDENTIALS.name(), "users:read"),
{%- if list_accounts %}
    (LIST_ACCOUNTS.name(), "users:read"),
{%- endif %}
{%- if list_resources %}
    (LIST_RESOURCES.name(), "teams:read"),
{%- endif %}
{%- if list_entitlements %}
    (LIST_ENTITLEMENTS.name(), "roles:read"),
{%- endif %}
{%- if find_entitlement_associations %}
    (FIND_ENTITLEMENT_ASSOCIATIONS.name(), "roles:read"),
{%- endif %}
{%- if get_last_activity and api != "scim" %}
    (GET_LAST_ACTIVITY.name(), "activity:read"),
{%- endif %}
{%- if create_account %}
    (CREATE_ACCOUNT.name(), "users:write roles:write"),
{%- endif %}
{%- if delete_account %}
    (DELETE_ACCOUNT.name(), "users:write"),
{%- endif %}
{%- if activate_account %}
    (ACTIVATE_ACCOUNT.name(), "users:write"),
{%- endif %}
{%- if deactivate_account %}
    (DEACTIVATE_ACCOUNT.name(), "users:write"),
{%- endif %}
{%- if assign_entitlement %}
    (ASSIGN_ENTITLEMENT.name(), "roles:write"),
{%- endif %}
{%- if unassign_entitlement %}
    (UNASSIGN_ENTITLEMENT.name(), "roles:write"),
{%- endif %}
{%- if get_account %}
    (GET_ACCOUNT.name(), "users:read"),
{%- endif %}
{%- if update_account %}
    (UPDATE_ACCOUNT.name(), "users:write"),
{%- endif %}
{%- if list_custom_attributes_schema %}
    (LIST_CUSTOM_ATTRIBUTES_SCHEMA.name(), "users:read"),
{%- endif %}
{%- if get_account_entitlement_associations %}
    (GET_ACCOUNT_ENTITLEMENT_ASSOCIATIONS.name(), "roles:read"),
{%- endif %}
{%- if list_updated_accounts %}
    (LIST_UPDATED_ACCOUNTS.name(), "users:read"),
{%- endif %}
];
{%- endif %}
{%- if auth == "oauth" %}

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
fn authorization_url(settings: &{{crate_name | pascal_case}}Settings) -> String {
    settings
        .authorization_url
        .clone()
        .unwrap_or_else(|| constants::AUTHORIZATION_URL.to_owned())
}
{%- endif %}
{%- if auth == "oauth-client-credentials" %}

/// The OAuth declaration: the client-credentials flow, the token endpoint of `constants.rs`
/// (unless the settings override it), and the scopes of [`SCOPES`]. The SDK then runs
/// `handle_client_credentials_request` and `refresh_access_token`.
///
/// Adapt: if the token endpoint wants a JSON body or the client in HTTP Basic, add
/// `.token_request(TokenRequest::JSON)` or `.client_auth(ClientAuth::Basic)`
/// (`connector_sdk::oauth`).
pub fn oauth() -> OAuthConfig {
    let config = OAuthConfig::client_credentials(OAuthUrl::from_settings(token_url));
    SCOPES.iter().fold(config, |config, (capability, scopes)| {
        config.capability_scope(capability, scopes)
    })
}
{%- endif %}
{%- if auth == "oauth" or auth == "oauth-client-credentials" %}

/// The `token_url` setting when set, else [`constants::TOKEN_URL`].
fn token_url(settings: &{{crate_name | pascal_case}}Settings) -> String {
    settings
        .token_url
        .clone()
        .unwrap_or_else(|| constants::TOKEN_URL.to_owned())
}
{%- endif %}
