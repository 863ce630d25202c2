//! Payloads of the read capabilities.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{AccountStatus, AccountType};

/// Request payload of `validate_credentials`: no fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ValidateCredentials {}

/// Response of `validate_credentials`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ValidatedCredentials {
    /// Whether the credentials work. Failures are error envelopes, so this is normally true.
    pub valid: bool,
    /// A stable identifier of the upstream tenant.
    pub unique_tenant_id: String,
}

/// Request payload of `list_accounts`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ListAccounts {
    /// Names of the custom attributes to fill in.
    #[serde(default)]
    pub custom_attributes: Option<Vec<String>>,
}

/// One account (`FoundAccountData`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FoundAccountData {
    /// The account's id in the upstream.
    pub integration_specific_id: String,
    /// Global graph id; `account:<id>` when absent.
    #[serde(default)]
    pub resource_id: Option<String>,
    /// Email address.
    #[serde(default)]
    pub email: Option<String>,
    /// First name.
    #[serde(default)]
    pub given_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub family_name: Option<String>,
    /// Login name.
    #[serde(default)]
    pub username: Option<String>,
    /// Status in the upstream.
    #[serde(default)]
    pub user_status: Option<AccountStatus>,
    /// Any extra upstream data worth keeping.
    #[serde(default)]
    pub extra_data: Option<Map<String, Value>>,
    /// Custom attribute values, by name.
    #[serde(default)]
    pub custom_attributes: Option<BTreeMap<String, String>>,
    /// Human or service account.
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

/// Request payload of `list_resources`: no fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ListResources {}

/// One resource (`FoundResourceData`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FoundResourceData {
    /// The resource's id in the upstream.
    pub integration_specific_id: String,
    /// Label shown to people.
    pub label: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// A declared resource type id.
    pub resource_type: String,
    /// Extra string data.
    #[serde(default)]
    pub extra_data: Option<BTreeMap<String, String>>,
}

/// Request payload of `list_entitlements`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ListEntitlements {
    /// Names of the custom attributes to fill in.
    #[serde(default)]
    pub custom_attributes: Option<Vec<String>>,
}

/// One entitlement (`FoundEntitlementData`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FoundEntitlementData {
    /// A declared entitlement type id.
    pub entitlement_type: String,
    /// Any extra upstream data.
    #[serde(default)]
    pub extra_data: Option<Map<String, Value>>,
    /// The entitlement's id in the upstream.
    pub integration_specific_id: String,
    /// The resource it belongs to; `""` is the global resource.
    pub integration_specific_resource_id: String,
    /// Whether Lumos may assign it.
    #[serde(default)]
    pub is_assignable: Option<bool>,
    /// Label shown to people.
    pub label: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// Custom attribute values, by name.
    #[serde(default)]
    pub custom_attributes: Option<BTreeMap<String, String>>,
}

/// Request payload of `find_entitlement_associations`: no fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FindEntitlementAssociations {}

/// One account -> entitlement association (`FoundEntitlementAssociation`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct FoundEntitlementAssociation {
    /// The account's id.
    pub account_id: String,
    /// The entitlement's id.
    pub integration_specific_entitlement_id: String,
    /// The entitlement's resource id; `""` is the global resource.
    pub integration_specific_resource_id: String,
}

/// Request payload of `get_last_activity`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct GetLastActivity {
    /// Accounts to look up.
    pub account_ids: Vec<String>,
}

/// Last activity of one account (`LastActivityData`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct LastActivityData {
    /// The account's id.
    pub account_id: String,
    /// What happened, for example `login`.
    pub event_type: String,
    /// When, as an ISO-8601 timestamp.
    pub happened_at: String,
}
