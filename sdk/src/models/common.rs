//! Enums and declarations shared by several payloads.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Enum representing the possible statuses of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum AccountStatus {
    /// Can sign in.
    Active,
    /// Not active, for example never activated.
    Inactive,
    /// Temporarily blocked.
    Suspended,
    /// Removed from access but still known.
    Deprovisioned,
    /// Invited, not yet active.
    Pending,
    /// Deleted.
    Deleted,
}

/// Enum representing the types of accounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AccountType {
    /// A machine or service identity.
    Service,
    /// A human user.
    User,
}

/// Catalogue category of an app (`AppCategory`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)]
pub enum AppCategory {
    HrAndLearning,
    OfficeAndLegal,
    SalesAndSupport,
    CommerceAndMarketplaces,
    ItAndSecurity,
    Communication,
    DesignAndCreativity,
    Other,
    MarketingAndAnalytics,
    Developers,
    AccountingAndFinance,
    Collaboration,
    ContentAndSocialMedia,
    Internal,
    EarlyAccess,
}

/// A resource type the connector declares (`ResourceType`), listed in `info`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceType {
    /// Stable id used in payloads (`resource_type`).
    pub type_id: String,
    /// Label shown to people.
    pub type_label: String,
}

impl ResourceType {
    /// A resource type with an id and a label.
    pub fn new(type_id: impl Into<String>, type_label: impl Into<String>) -> Self {
        Self {
            type_id: type_id.into(),
            type_label: type_label.into(),
        }
    }
}

/// An entitlement type the connector declares (`EntitlementType`), listed in `info`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntitlementType {
    /// Stable id used in payloads (`entitlement_type`).
    pub type_id: String,
    /// Label shown to people.
    pub type_label: String,
    /// The resource type it belongs to; `""` is the global resource.
    pub resource_type_id: String,
    /// Least number of entitlements of this type an account holds.
    pub min: u32,
    /// Most number of entitlements of this type an account may hold.
    pub max: Option<u32>,
    /// Extra requirements, as `{name: {min?, max?}}`.
    pub requirements: Option<serde_json::Map<String, serde_json::Value>>,
}

impl EntitlementType {
    /// An entitlement type on a resource type (`""` for the global resource), `min` 0, no `max`.
    pub fn new(
        type_id: impl Into<String>,
        type_label: impl Into<String>,
        resource_type_id: impl Into<String>,
    ) -> Self {
        Self {
            type_id: type_id.into(),
            type_label: type_label.into(),
            resource_type_id: resource_type_id.into(),
            min: 0,
            max: None,
            requirements: None,
        }
    }
}
