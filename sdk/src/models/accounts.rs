//! Payloads of the account capabilities beyond the core ones: `get_account`, `update_account`, `get_account_entitlement_associations`, `list_updated_accounts`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::FoundAccountData;

/// Request parameters for retrieving a single account.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct GetAccount {
    /// Integration-specific identifier that uniquely identifies the user account.
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: String,
    /// Optional array of custom attribute identifiers whose values should be returned in the response.  If omitted, no custom attributes will be included.
    #[serde(default)]
    pub custom_attributes: Option<Vec<String>>,
}

/// Request payload for updating a user account
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "write"))]
pub struct UpdateableAccount {
    /// The value previously supplied by the integration as this account's Unique ID.
    #[schemars(extend("x-semantic" = "account-id"))]
    pub id: String,
}

/// Request parameters for finding entitlement associations for an account.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct GetAccountEntitlementAssociations {
    /// The ID of the account to find entitlement associations for
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: String,
}

/// Request parameters for listing updated accounts with delta query support.  This model extends the Delta model to provide both traditional date-based filtering and efficient cursor-based incremental synchronization.  ## Parameter Priority  When both `cursor` and `since` are provided: - The `cursor` takes precedence for delta-based synchronization - The `since` is ignored in favor of the cursor's timestamp  ## Best Practices  - Use `cursor` for ongoing synchronization to minimize data transfer - Use `since` for initial syncs or when resuming after a long gap - Include only necessary `custom_attributes` to optimize response size - Store the returned `cursor` persistently for reliable sync state  ## Error Scenarios  - **Invalid Cursor**: May return an error or fall back to full data fetch - **Expired Cursor**: Connector may return all data since the cursor's timestamp - **Unsupported Attributes**: Custom attributes not available in the connector may be ignored or cause errors depending on the connector implementation
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListUpdatedAccounts {
    /// Only include accounts updated since this specific date and time.  This parameter defines the cutoff point for account updates. Only accounts that have been modified since this timestamp will be included in the response.  ## Format Requirements  Must be a valid ISO 8601 datetime string with timezone information: - **UTC**: "2024-01-15T10:30:00Z" - **With Offset**: "2024-01-15T10:30:00+05:00" - **With Timezone**: "2024-01-15T10:30:00-08:00"  ## Connector Limitations  Each connector may have different limitations on how far back in time they can reliably track updates: - Some connectors may limit to 30 days - Others may support up to 1 year - Enterprise connectors might support longer periods  ## Usage Guidelines  - Use for initial synchronization or when resuming after a long gap - Consider the connector's data retention policies when setting this value - For ongoing syncs, prefer using `cursor` instead
    #[serde(default)]
    #[schemars(extend("format" = "date-time"))]
    pub since: Option<String>,
    /// Cursor token for delta synchronization.  This token represents a point in time and should be included in subsequent requests to receive only the changes that occurred since that point.  - **First request**: Omit this parameter to get all available data - **Subsequent requests**: Include the `cursor` from the previous response  The cursor is typically a base64-encoded string containing timestamp and other metadata needed for the delta synchronization.
    #[serde(default)]
    pub cursor: Option<String>,
    /// Optional array of custom attribute names to include in account data.  This parameter allows you to specify which additional account attributes should be included in the response beyond the standard account information.  ## Attribute Availability  Available attributes vary by connector and may include: - **User Profile**: department, title, manager, location - **Organizational**: cost_center, employee_id, hire_date - **Custom Fields**: custom_1, custom_2, custom_role - **System-Specific**: salesforce_user_type, okta_group_membership  ## Performance Considerations  - Requesting many custom attributes may increase response time - Some attributes may require additional API calls by the connector - Unsupported attributes are typically ignored rather than causing errors  ## Best Practices  - Only request attributes you actually need - Test with small attribute lists first - Consider the connector's rate limits when requesting many attributes - Cache attribute availability information when possible
    #[serde(default)]
    pub custom_attributes: Option<Vec<String>>,
}

/// Response model containing updated accounts with delta synchronization support.  This model extends the Delta model to include cursor information for efficient incremental synchronization.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct UpdatedAccounts {
    /// Array of account data for accounts that have been updated.  Each account in this array represents an account that has been modified since the specified `since` or since the `cursor` timestamp.  ## Account Data Structure  Each account includes: - Standard account information (id, name, email, status, etc.) - Requested custom attributes (if specified) - Account metadata (creation date, last modified, etc.)  ## Empty Responses  An empty array indicates: - No accounts were updated in the specified time period - The cursor is up to date (no new changes) - The connector successfully processed the request  ## Response Size  Response size varies based on: - Number of updated accounts - Number of requested custom attributes - Connector-specific data richness
    pub accounts: Vec<FoundAccountData>,
    /// Cursor token for delta synchronization.  This token represents a point in time and should be included in subsequent requests to receive only the changes that occurred since that point.  - **First request**: Omit this parameter to get all available data - **Subsequent requests**: Include the `cursor` from the previous response  The cursor is typically a base64-encoded string containing timestamp and other metadata needed for the delta synchronization.
    #[serde(default)]
    pub cursor: Option<String>,
}
