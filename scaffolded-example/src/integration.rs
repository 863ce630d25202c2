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
        )]))
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
