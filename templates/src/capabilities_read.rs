//! Read capabilities of the {{crate_name | title_case}} connector: validate_credentials and the list operations.

use crate::client::{{crate_name | pascal_case}}Client;
use crate::constants;
{%- if validate_credentials %}

/// validate_credentials: checks that the credentials reach the API.
pub fn validate_credentials(client: &{{crate_name | pascal_case}}Client) -> String {
    {% raw %}format!("{}{}", client.base_url(), constants::ME_ENDPOINT){% endraw %}
}
{%- endif %}
{%- if list_accounts %}

/// list_accounts: lists user accounts, one page at a time.
pub fn list_accounts(client: &{{crate_name | pascal_case}}Client) -> String {
    {% raw %}format!("{}{}", client.base_url(), constants::USERS_ENDPOINT){% endraw %}
}
{%- endif %}
{%- if list_resources %}

/// list_resources: lists resources such as teams or projects.
pub fn list_resources(client: &{{crate_name | pascal_case}}Client) -> String {
    {% raw %}format!("list_resources {}", client.base_url()){% endraw %}
}
{%- endif %}
{%- if list_entitlements %}

/// list_entitlements: lists entitlements of each resource.
pub fn list_entitlements(client: &{{crate_name | pascal_case}}Client) -> String {
    {% raw %}format!("list_entitlements {}", client.base_url()){% endraw %}
}
{%- endif %}
{%- if find_entitlement_associations %}

/// find_entitlement_associations: finds which accounts hold which entitlements.
pub fn find_entitlement_associations(client: &{{crate_name | pascal_case}}Client) -> String {
    {% raw %}format!("find_entitlement_associations {}", client.base_url()){% endraw %}
}
{%- endif %}
{%- if get_last_activity %}

/// get_last_activity: reports when accounts were last active.
pub fn get_last_activity(client: &{{crate_name | pascal_case}}Client) -> String {
    {% raw %}format!("get_last_activity {}", client.base_url()){% endraw %}
}
{%- endif %}
