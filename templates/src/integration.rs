//! Registration of the {{crate_name | title_case}} connector: which capability names run which functions.

use crate::capabilities_read;
{%- if create_account or delete_account or activate_account or deactivate_account or assign_entitlement or unassign_entitlement %}
use crate::capabilities_write;
{%- endif %}
use crate::client::{{crate_name | pascal_case}}Client;
use crate::constants;

/// A capability implementation (placeholder signature until the connector-sdk API is settled).
pub type Handler = fn(&{{crate_name | pascal_case}}Client) -> String;

/// The implementation registered for `capability`, if this connector has one.
pub fn handler(capability: &str) -> Option<Handler> {
    match capability {
{%- if validate_credentials %}
        "validate_credentials" => Some(capabilities_read::validate_credentials),
{%- endif %}
{%- if list_accounts %}
        "list_accounts" => Some(capabilities_read::list_accounts),
{%- endif %}
{%- if list_resources %}
        "list_resources" => Some(capabilities_read::list_resources),
{%- endif %}
{%- if list_entitlements %}
        "list_entitlements" => Some(capabilities_read::list_entitlements),
{%- endif %}
{%- if find_entitlement_associations %}
        "find_entitlement_associations" => Some(capabilities_read::find_entitlement_associations),
{%- endif %}
{%- if get_last_activity %}
        "get_last_activity" => Some(capabilities_read::get_last_activity),
{%- endif %}
{%- if create_account %}
        "create_account" => Some(capabilities_write::create_account),
{%- endif %}
{%- if delete_account %}
        "delete_account" => Some(capabilities_write::delete_account),
{%- endif %}
{%- if activate_account %}
        "activate_account" => Some(capabilities_write::activate_account),
{%- endif %}
{%- if deactivate_account %}
        "deactivate_account" => Some(capabilities_write::deactivate_account),
{%- endif %}
{%- if assign_entitlement %}
        "assign_entitlement" => Some(capabilities_write::assign_entitlement),
{%- endif %}
{%- if unassign_entitlement %}
        "unassign_entitlement" => Some(capabilities_write::unassign_entitlement),
{%- endif %}
        _ => None,
    }
}

/// Runs `capability` for the `{{crate_name | kebab_case}}` app and returns the process exit code.
pub fn run(capability: &str) -> i32 {
    let client = {{crate_name | pascal_case}}Client::new("https://api.example.com", constants::APP_ID);
    match handler(capability) {
        Some(handler) => {
            {% raw %}println!("{}", handler(&client));{% endraw %}
            0
        }
        None => 2,
    }
}
