//! Payloads of the core write capabilities.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::AccountStatus;

/// Required entitlement configuration for assigning permissions during account creation
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CreateAccountEntitlement {
    /// The unique identifier for the resource in the third-party system that the entitlement will be assigned to. For global resources (e.g. global roles), this should be an empty string or leave blank. For scoped resources (e.g. workspace-specific roles), this should be the resource ID (e.g. workspace ID).
    #[serde(default)]
    pub integration_specific_resource_id: Option<String>,
    /// Should match an entitlement type returned by this connector's info response
    #[schemars(extend("x-entitlement-type" = true))]
    pub entitlement_type: String,
    /// The unique identifier for the specific required entitlement in the third-party system
    pub integration_specific_id: String,
}

/// Base request payload to create a new user account. Each connector can extend this class to add connector-specific fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "write"))]
pub struct CreatableAccount {
    /// List of _required_ entitlements that must be set when an account is created. This list is all entitlement types with a min > 0
    #[serde(default)]
    pub entitlements: Vec<CreateAccountEntitlement>,
}

/// Details about the created account
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CreatedAccount {
    /// The ID of the created account
    #[serde(default)]
    #[schemars(extend("x-semantic" = "account-id"))]
    pub id: Option<String>,
    /// The current status of the created account
    pub status: AccountStatus,
    /// Legacy flag indicating successful account creation
    pub created: bool,
}

/// Request parameters for deleting an account
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "write"))]
pub struct DeleteAccount {
    /// The unique identifier of the account to delete in the integration system
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: String,
}

/// Details about the deleted account
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DeletedAccount {
    /// The current status of the account after deletion
    pub status: AccountStatus,
    /// Legacy flag indicating successful account deletion
    pub deleted: bool,
}

/// Request payload for activating an account
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "write"))]
pub struct ActivateAccount {
    /// The unique identifier for the account in the third-party system that should be activated
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: String,
}

/// Details about the activated account
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ActivatedAccount {
    /// The current status of the account after the activation attempt
    pub status: AccountStatus,
    /// Whether the account was successfully activated
    pub activated: bool,
}

/// Request parameters for deactivating an account
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "write"))]
pub struct DeactivateAccount {
    /// The unique identifier of the account to deactivate in the integration system
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: String,
}

/// Details about the deactivated account
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DeactivatedAccount {
    /// The current status of the account after deactivation
    pub status: AccountStatus,
    /// Legacy flag indicating successful account deactivation
    pub deactivated: bool,
}

/// Request payload for assigning an entitlement
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "write"))]
pub struct AssignEntitlement {
    /// The unique identifier for the account in the third-party system
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_integration_specific_id: String,
    /// The unique identifier for the resource in the third-party system that the entitlement will be assigned to
    pub resource_integration_specific_id: String,
    /// The type of resource being assigned the entitlement (e.g. "user", "team", "project")
    #[schemars(extend("x-resource-type" = true))]
    pub resource_type: String,
    /// The type of entitlement being assigned (e.g. "license", "permission", "quota")
    #[schemars(extend("x-entitlement-type" = true))]
    pub entitlement_type: String,
    /// The unique identifier for the specific entitlement in the third-party system
    pub entitlement_integration_specific_id: String,
}

/// Details about the entitlement assignment result
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AssignedEntitlement {
    /// This should only ever be true. If the assignment can't happen we expect an error.
    pub assigned: bool,
}

/// Parameters required to unassign an entitlement from a user account
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "write"))]
pub struct UnassignEntitlement {
    /// The integration-specific identifier for the user account
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_integration_specific_id: String,
    /// Should match a previously declared resource type from this connector
    #[schemars(extend("x-resource-type" = true))]
    pub resource_type: String,
    /// The integration-specific identifier for the resource
    pub resource_integration_specific_id: String,
    /// Should match a previously declared entitlement type from this connector
    #[schemars(extend("x-entitlement-type" = true))]
    pub entitlement_type: String,
    /// The integration-specific identifier for the entitlement
    pub entitlement_integration_specific_id: String,
}

/// Result of the unassign entitlement operation
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct UnassignedEntitlement {
    /// Indicates whether the entitlement was successfully unassigned
    pub unassigned: bool,
}
