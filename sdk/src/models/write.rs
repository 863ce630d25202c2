//! Payloads of the write capabilities.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::AccountStatus;

/// One entitlement to grant on account creation (`CreateAccountEntitlement`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CreateAccountEntitlement {
    /// The entitlement's id.
    pub integration_specific_id: String,
    /// The entitlement's resource id (`""` or absent: the global resource).
    #[serde(default)]
    pub integration_specific_resource_id: Option<String>,
    /// A declared entitlement type id.
    pub entitlement_type: String,
}

/// Request payload of `create_account` (`CreatableAccount`). Connectors usually extend it
/// with their own fields (email, names): see `IntegrationBuilder::extended_capability`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CreatableAccount {
    /// Entitlements to grant once the account exists.
    #[serde(default)]
    pub entitlements: Vec<CreateAccountEntitlement>,
}

/// Response of `create_account`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CreatedAccount {
    /// The new account's id.
    pub id: Option<String>,
    /// Its status.
    pub status: AccountStatus,
    /// Whether it was created.
    pub created: bool,
}

macro_rules! account_action {
    ($req:ident, $resp:ident, $flag:ident, $what:literal) => {
        #[doc = concat!("Request payload of `", $what, "`.")]
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
        pub struct $req {
            /// The account's id in the upstream.
            pub account_id: String,
        }

        #[doc = concat!("Response of `", $what, "`.")]
        #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
        pub struct $resp {
            /// The account's status afterwards.
            pub status: AccountStatus,
            /// Whether the action happened.
            pub $flag: bool,
        }
    };
}

account_action!(DeleteAccount, DeletedAccount, deleted, "delete_account");
account_action!(
    ActivateAccount,
    ActivatedAccount,
    activated,
    "activate_account"
);
account_action!(
    DeactivateAccount,
    DeactivatedAccount,
    deactivated,
    "deactivate_account"
);

/// Request payload of `assign_entitlement`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AssignEntitlement {
    /// The account's id.
    pub account_integration_specific_id: String,
    /// The resource's id (`""` for the global resource).
    pub resource_integration_specific_id: String,
    /// A declared resource type id.
    pub resource_type: String,
    /// A declared entitlement type id.
    pub entitlement_type: String,
    /// The entitlement's id.
    pub entitlement_integration_specific_id: String,
}

/// Response of `assign_entitlement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AssignedEntitlement {
    /// Whether the entitlement is now assigned.
    pub assigned: bool,
}

/// Request payload of `unassign_entitlement` (member order differs from assign, as in the
/// protocol).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct UnassignEntitlement {
    /// The account's id.
    pub account_integration_specific_id: String,
    /// A declared resource type id.
    pub resource_type: String,
    /// The resource's id (`""` for the global resource).
    pub resource_integration_specific_id: String,
    /// A declared entitlement type id.
    pub entitlement_type: String,
    /// The entitlement's id.
    pub entitlement_integration_specific_id: String,
}

/// Response of `unassign_entitlement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct UnassignedEntitlement {
    /// Whether the entitlement is now unassigned.
    pub unassigned: bool,
}
