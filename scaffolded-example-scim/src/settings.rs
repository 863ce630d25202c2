//! Settings: the non-secret configuration an admin enters when connecting Scim Example.
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

/// Settings of the Scim Example connector.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct ScimExampleSettings {
    /// The tenant's SCIM 2.0 base URL, under which `/Users` and `/Groups` live, e.g.
    /// `https://example.com/scim/v2`.
    #[schemars(title = "SCIM base URL", extend("x-semantic" = "tenant-id"))]
    pub base_url: String,

    /// How many users or groups to ask the server for per page (SCIM `count`) when the caller
    /// does not say. Servers may answer fewer; paging follows what they send.
    #[serde(default)]
    #[schemars(title = "Page size")]
    pub page_size: Option<u64>,

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
}
