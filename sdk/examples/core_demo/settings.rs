//! Settings of `core-demo`: where the tenant's API lives and how many items a page holds.

use connector_sdk::schema::{AnnotatedField, SemanticType};
use schemars::JsonSchema;
use serde::Deserialize;

/// Page size used when the caller sends none.
const DEFAULT_PAGE_SIZE: u64 = 2;

/// Settings of the Core Demo connector.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct CoreDemoSettings {
    /// Root URL of the tenant's API, for example `https://acme.example.com/api`.
    #[schemars(title = "Base URL")]
    #[schemars(transform = AnnotatedField::new().semantic(SemanticType::TenantId))]
    pub base_url: String,
    /// Number of items fetched per upstream call when the request gives no page size.
    #[serde(default = "default_page_size")]
    #[schemars(range(min = 1))]
    pub page_size: u64,
}

fn default_page_size() -> u64 {
    DEFAULT_PAGE_SIZE
}
