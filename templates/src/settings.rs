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
    /// Base URL of the {{crate_name | title_case}} API, e.g. `https://api.example.com/v1`.
    #[schemars(title = "Base URL", extend("x-semantic" = "tenant-id"))]
    pub base_url: String,

    /// How many items to ask the API for per page when the caller does not say.
    #[serde(default)]
    #[schemars(title = "Page size")]
    pub page_size: Option<u64>,
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
