{% if api == "scim" %}//! Lumos connector for {{crate_name | title_case}}, a SCIM 2.0 app.
//!
//! It works as generated against a SCIM server: `connector_sdk::scim` does the requests,
//! paging, error bodies and id encoding, and these files keep the mapping. What to check for
//! a real app (each file says more, at its `Adapt:` markers):
//! 1. `settings.rs`: the base URL, and the settings for what servers differ in;
//! 2. `enums.rs`: groups as membership entitlements on the app (the global resource);
//! 3. `client.rs`: how the credential is sent;
//! 4. `capabilities_read.rs`: how a SCIM user becomes an account;
{%- if create_account or delete_account or activate_account or deactivate_account or assign_entitlement or unassign_entitlement or update_account %}
//! 5. `capabilities_write.rs`: what a new user is created with;
{%- endif %}
//! 6. `integration.rs`: the description and credential help text.

{%- if create_account or delete_account or activate_account or deactivate_account or assign_entitlement or unassign_entitlement or update_account %}

pub mod capabilities_read;
pub mod capabilities_write;
{%- else %}

pub mod capabilities_read;
{%- endif %}
pub mod client;
pub mod constants;
pub mod enums;
pub mod integration;
pub mod settings;
{% else %}//! Lumos connector for {{crate_name | title_case}}.
//!
//! Implementation order (each file says what to fill in):
//! 1. `settings.rs`: what configuration the connector needs;
//! 2. `enums.rs`: the app's resource and entitlement types;
//! 3. `constants.rs`: API endpoints;
//! 4. `client.rs`: the HTTP client and its authentication;
//! 5. `capabilities_read.rs`: `validate_credentials` first (the minimum viable connector),
//!    then the read capabilities;
{%- if create_account or delete_account or activate_account or deactivate_account or assign_entitlement or unassign_entitlement or update_account %}
//! 6. `capabilities_write.rs`: the write capabilities;
{%- endif %}
//! 7. `integration.rs`: register what you implemented.

{%- if create_account or delete_account or activate_account or deactivate_account or assign_entitlement or unassign_entitlement or update_account %}

pub mod capabilities_read;
pub mod capabilities_write;
{%- else %}

pub mod capabilities_read;
{%- endif %}
pub mod client;
pub mod constants;
pub mod enums;
pub mod integration;
{%- if list_accounts or list_resources or list_entitlements or find_entitlement_associations or list_custom_attributes_schema or get_account_entitlement_associations %}
pub mod pagination;
{%- endif %}
pub mod settings;
{% endif %}