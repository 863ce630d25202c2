//! Settings: the non-secret configuration an admin enters when connecting {{crate_name | title_case}}.
//!
//! Every field shows up in the connection form (via `info`) with its doc comment as help
//! text, and arrives validated in `request.settings` before any capability runs. Secrets do
//! NOT belong here: they travel in the credential (see `client.rs`).
//!
//! Adapt: add a documented field per setting the API needs; give it `#[serde(default)]` and
//! an `Option` if it is optional. Mark the fields that identify the tenant with `x-semantic: tenant-id`
//! (Lumos locks them once the connection exists).

use schemars::JsonSchema;
use serde::Deserialize;

/// Settings of the {{crate_name | title_case}} connector.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct {{crate_name | pascal_case}}Settings {
{%- if api == "scim" %}
    /// The tenant's SCIM 2.0 base URL, under which `/Users` and `/Groups` live, e.g.
    /// `https://example.com/scim/v2`.
    #[schemars(title = "SCIM base URL", extend("x-semantic" = "tenant-id"))]
    pub base_url: String,
{%- if list_accounts or list_entitlements or find_entitlement_associations or list_updated_accounts %}

    /// How many users or groups to ask the server for per page (SCIM `count`) when the caller
    /// does not say. Servers may answer fewer; paging follows what they send.
    #[serde(default)]
    #[schemars(title = "Page size")]
    pub page_size: Option<u64>,
{%- endif %}

    /// List groups without their members (`excludedAttributes=members`) and read the members
    /// group by group. Turn on for servers that time out, or cut member lists short, when
    /// every group of a page carries all its members.
    #[serde(default)]
    #[schemars(title = "Exclude members from group lists")]
    pub exclude_group_members: bool,

    /// Read a group's members with `GET /Users?filter=groups.value eq "<group>"`, paged by the
    /// server, instead of from the group itself: cheaper for groups with many thousands of
    /// members, but only for servers that support this filter (nested groups are not listed).
    #[serde(default)]
    #[schemars(title = "Find members with a user filter")]
    pub members_by_user_filter: bool,
{%- else %}
    /// Base URL of the {{crate_name | title_case}} API, e.g. `https://api.example.com/v1`.
    #[schemars(title = "Base URL", extend("x-semantic" = "tenant-id"))]
    pub base_url: String,
{%- if list_accounts or list_resources or list_entitlements or find_entitlement_associations or list_custom_attributes_schema or get_account_entitlement_associations %}

    /// How many items to ask the API for per page when the caller does not say.
    #[serde(default)]
    #[schemars(title = "Page size")]
    pub page_size: Option<u64>,
{%- endif %}
{%- endif %}
{%- if auth == "oauth" %}

    /// OAuth authorization endpoint, when it is not the app's usual one: an OAuth server of
    /// the tenant's own, or a local one for testing.
    #[serde(default)]
    #[schemars(title = "OAuth authorization URL")]
    pub authorization_url: Option<String>,
{%- endif %}
{%- if auth == "oauth" or auth == "oauth-client-credentials" %}

    /// OAuth token endpoint, when it is not the app's usual one: an OAuth server of the
    /// tenant's own, or a local one for testing. The OAuth client secret is sent there.
    #[serde(default)]
    #[schemars(title = "OAuth token URL")]
    pub token_url: Option<String>,
{%- endif %}
}
