//! Payloads of the core read capabilities.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{AccountStatus, AccountType};

/// Parameters for validating credentials.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ValidateCredentials {}

/// Result of credential validation containing validity and tenant information
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ValidatedCredentials {
    /// Indicates whether the provided credentials are valid and active.  - true: Credentials are valid and can be used for API operations - false: Credentials are invalid, expired, or revoked
    pub valid: bool,
    /// The unique identifier for the customer's tenant/organization in the integrated application. This ID is used to scope operations and resources to the correct tenant.  The format varies by connector: - AWS: Account ID - GitHub: Organization name - PagerDuty: Subdomain - Azure: Tenant ID - Google Workspace: Domain name  This ID should be stable and not change for the lifetime of the tenant.
    pub unique_tenant_id: String,
}

/// Request parameters for listing accounts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListAccounts {
    /// Optional array of custom attribute names to include in the account data. Each string in this array represents a specific custom attribute to retrieve.
    #[serde(default)]
    pub custom_attributes: Option<Vec<String>>,
}

/// A representation of a user within a connector. The fields provided here are the most commonly occurring across all connectors. For a complete list of fields specific to your connector, please refer to the [info endpoint](#tag/Describe/operation/info).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-unique-hash" = ["integration_specific_id"]))]
pub struct FoundAccountData {
    /// Integration specific identifier that uniquely identifies an account.
    #[schemars(extend("x-semantic" = "account-id"))]
    pub integration_specific_id: String,
    /// Globally-unique resource id - the account's identity as a node in the synthesized graph. Optional for back-compat; when absent Lumos falls back to the `account:<id>` convention.
    #[serde(default)]
    #[schemars(extend("x-semantic" = "resource-id"))]
    pub resource_id: Option<String>,
    /// The email address associated with the account.
    #[serde(default)]
    pub email: Option<String>,
    /// The given name (first name) of the account holder.
    #[serde(default)]
    pub given_name: Option<String>,
    /// The family name (last name) of the account holder.
    #[serde(default)]
    pub family_name: Option<String>,
    /// The username associated with the account.
    #[serde(default)]
    pub username: Option<String>,
    /// The current status of the account.
    #[serde(default)]
    pub user_status: Option<AccountStatus>,
    /// Additional data specific to the connector that doesn't fit into the standard fields.
    #[serde(default)]
    pub extra_data: Option<Map<String, Value>>,
    /// Custom attributes associated with the account. See the list_custom_attributes_schema capability.
    #[serde(default)]
    pub custom_attributes: Option<BTreeMap<String, String>>,
    /// The type of the account (e.g., service account or user account).
    #[serde(default)]
    pub account_type: Option<AccountType>,
}

impl FoundAccountData {
    /// An account with only its id set.
    pub fn new(integration_specific_id: impl Into<String>) -> Self {
        Self {
            integration_specific_id: integration_specific_id.into(),
            ..Self::default()
        }
    }
}

/// Request parameters for listing resources.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListResources {}

/// Resource data describing a resource within the connector.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-unique-hash" = ["integration_specific_id"]))]
pub struct FoundResourceData {
    /// The unique ID within this application of a resource.  May only be unique within the tenant and the resource type.  There will always be a global "account" (i.e. tenant) resource for things like tenant-wide roles.
    pub integration_specific_id: String,
    /// A human-readable label for the resource.
    pub label: String,
    /// An optional human-readable description of the resource.
    #[serde(default)]
    pub description: Option<String>,
    /// Should match a previously declared resource type from this connector.
    #[schemars(extend("x-resource-type" = true))]
    pub resource_type: String,
    /// Additional data specific to the resource that doesn't fit into the standard fields.
    #[serde(default)]
    pub extra_data: Option<BTreeMap<String, String>>,
}

/// Request parameters for listing entitlements.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListEntitlements {
    /// Optional array of custom attribute names to include in the entitlement data. Each string in this array represents a specific custom attribute to retrieve. You can get these attributes from `list_custom_attributes_schema`
    #[serde(default)]
    pub custom_attributes: Option<Vec<String>>,
}

/// An entitlement representing an authorization or permission that can be granted to users within the connector.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-unique-hash" = ["integration_specific_id", "integration_specific_resource_id"]))]
pub struct FoundEntitlementData {
    /// Should match a previously declared entitlement type from this connector.
    #[schemars(extend("x-entitlement-type" = true))]
    pub entitlement_type: String,
    /// Additional data specific to the entitlement that doesn't fit into the standard fields.
    #[serde(default)]
    pub extra_data: Option<Map<String, Value>>,
    /// The unique ID within this application of an entitlement.  May only be unique within the tenant and the entitlement type.
    pub integration_specific_id: String,
    /// The unique ID within this application of the resource this entitlement is for.  See `FoundResourceData.integration_specific_resource_id`
    pub integration_specific_resource_id: String,
    /// Indicates whether this entitlement can be assigned to users.
    #[serde(default)]
    pub is_assignable: Option<bool>,
    /// A human-readable label for the entitlement.
    pub label: String,
    /// An optional human-readable description of the entitlement.
    #[serde(default)]
    pub description: Option<String>,
    /// Custom attributes associated with the entitlement. See the list_custom_attributes_schema capability.
    #[serde(default)]
    pub custom_attributes: Option<BTreeMap<String, String>>,
}

/// Request parameters for finding entitlement associations. Currently accepts empty input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct FindEntitlementAssociations {}

/// A link between a user account and their granted entitlement.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-unique-hash" = ["account_id", "integration_specific_entitlement_id", "integration_specific_resource_id"]))]
pub struct FoundEntitlementAssociation {
    /// The ID of the account that has been granted the entitlement.
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: String,
    /// The ID of the entitlement that has been granted.
    pub integration_specific_entitlement_id: String,
    /// The ID of the resource to which the entitlement applies.
    pub integration_specific_resource_id: String,
}

/// Request parameters for retrieving last activity data
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct GetLastActivity {
    /// List of account identifiers to fetch activity data for
    pub account_ids: Vec<String>,
}

/// Last known activity data for a user account.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LastActivityData {
    /// The ID of the account.
    pub account_id: String,
    /// The type of activity event.
    pub event_type: String,
    /// The timestamp when the activity occurred.
    pub happened_at: String,
}
