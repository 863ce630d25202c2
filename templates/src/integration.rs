//! The connector's declaration: identity, authentication, settings, declared types and the
//! registered capabilities. `info` is derived from it.
//!
//! Register a capability here once it is implemented; registering the same one twice, or a
//! custom capability under a standard name, fails at start-up with a clear error.

use connector_sdk::prelude::*;

use crate::capabilities_read as read;
{%- if create_account or delete_account or activate_account or deactivate_account or assign_entitlement or unassign_entitlement %}
use crate::capabilities_write as write;
{%- endif %}
use crate::constants::APP_ID;
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
        )]))
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
{%- if get_last_activity %}
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
        .build()
}
