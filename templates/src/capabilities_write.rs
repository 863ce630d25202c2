//! Write capabilities of the {{crate_name | title_case}} connector: account lifecycle and entitlement changes.

use crate::client::{{crate_name | pascal_case}}Client;
{%- if create_account %}

/// create_account: creates a user account.
pub fn create_account(client: &{{crate_name | pascal_case}}Client) -> String {
    {% raw %}format!("create_account {}", client.base_url()){% endraw %}
}
{%- endif %}
{%- if delete_account %}

/// delete_account: deletes a user account.
pub fn delete_account(client: &{{crate_name | pascal_case}}Client) -> String {
    {% raw %}format!("delete_account {}", client.base_url()){% endraw %}
}
{%- endif %}
{%- if activate_account %}

/// activate_account: re-activates a suspended user account.
pub fn activate_account(client: &{{crate_name | pascal_case}}Client) -> String {
    {% raw %}format!("activate_account {}", client.base_url()){% endraw %}
}
{%- endif %}
{%- if deactivate_account %}

/// deactivate_account: suspends a user account.
pub fn deactivate_account(client: &{{crate_name | pascal_case}}Client) -> String {
    {% raw %}format!("deactivate_account {}", client.base_url()){% endraw %}
}
{%- endif %}
{%- if assign_entitlement %}

/// assign_entitlement: grants an entitlement to an account.
pub fn assign_entitlement(client: &{{crate_name | pascal_case}}Client) -> String {
    {% raw %}format!("assign_entitlement {}", client.base_url()){% endraw %}
}
{%- endif %}
{%- if unassign_entitlement %}

/// unassign_entitlement: revokes an entitlement from an account.
pub fn unassign_entitlement(client: &{{crate_name | pascal_case}}Client) -> String {
    {% raw %}format!("unassign_entitlement {}", client.base_url()){% endraw %}
}
{%- endif %}
