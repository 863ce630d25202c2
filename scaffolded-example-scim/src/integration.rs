//! The connector's declaration: identity, authentication, settings, declared types and the
//! registered capabilities. `info` is derived from it.
//!
//! Register a capability here once it is implemented; registering the same one twice, or a
//! custom capability under a standard name, fails at start-up with a clear error.

use connector_sdk::prelude::*;

use crate::capabilities_read as read;
use crate::capabilities_write as write;
use crate::constants::APP_ID;
use crate::enums;
use crate::settings::ScimExampleSettings;

/// The id of the credential the connector accepts. It is stored with every connection:
/// renaming it breaks existing connections.
pub const CREDENTIAL_ID: &str = "scim_example_token";

/// Builds the integration.
///
/// Adapt: the credential's help text, the description (logo, vendor domain, categories), and
/// the capability list as you implement them.
pub fn integration() -> Result<Integration<ScimExampleSettings>, RegistryError> {
    Integration::builder(APP_ID, env!("CARGO_PKG_VERSION"))
        .auth(AuthDeclaration::multi(vec![CredentialDeclaration::new(
            CREDENTIAL_ID,
            CredentialKind::Token,
            "Describe here, in Markdown, how an admin obtains this credential in Scim Example.",
        )]))
        .description(DescriptionData {
            user_friendly_name: "Scim Example".to_owned(),
            description: Some("Connector for Scim Example.".to_owned()),
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
        .extended_capability(CREATE_ACCOUNT, write::create_account)
        .capability(DELETE_ACCOUNT, write::delete_account)
        .capability(ACTIVATE_ACCOUNT, write::activate_account)
        .capability(DEACTIVATE_ACCOUNT, write::deactivate_account)
        .capability(ASSIGN_ENTITLEMENT, write::assign_entitlement)
        .capability(UNASSIGN_ENTITLEMENT, write::unassign_entitlement)
        .build()
}
