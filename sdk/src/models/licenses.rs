//! Payloads of the offboarding capabilities: `downgrade_license`, `release_resources`, `transfer_data`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Request payload for downgrading the license of a user
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "write"))]
pub struct DowngradeLicense {
    /// The unique identifier for the account in the third-party system that should be downgraded
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: String,
}

/// Details about the released resources
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DowngradedLicense {
    /// Whether the license was successfully downgraded
    pub success: bool,
    /// A message providing additional information about the downgrade status, optional, but if the status was not successful, this should contain details about the failure.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Request payload for releasing resources
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "write"))]
pub struct ReleaseResources {
    /// The unique identifier for the account in the third-party system that should be released
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: String,
}

/// Details about the released resources
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ReleaseResourcesStatus {
    /// Whether the resources were successfully released
    pub success: bool,
    /// A message providing additional information about the release status, optional, but if the status was not successful, this should contain details about the failure.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Request payload for transferring data between accounts
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "write"))]
pub struct TransferData {
    /// The unique identifier for the account in the third-party system that should be transferred
    #[schemars(extend("x-semantic" = "account-id"))]
    pub source_account_id: String,
    /// The unique identifier for the account in the third-party system that should be transferred to
    #[schemars(extend("x-semantic" = "auxiliary-account-id"))]
    pub target_account_id: String,
}

/// Details about the transfer
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TransferDataStatus {
    /// Whether the data was successfully transferred
    pub success: bool,
    /// A message providing additional information about the transfer status, optional, but if the status was not successful, this should contain details about the failure.
    #[serde(default)]
    pub reason: Option<String>,
}
