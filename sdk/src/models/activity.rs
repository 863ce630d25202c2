//! Payloads of the activity capabilities: `list_activity_records`, `get_data_recency`, `get_credential_last_activity`, `get_non_human_account_last_activity`.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Request payload for listing activity records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListActivityRecords {
    /// Date to look back from (ISO 8601 format)
    pub since_date: String,
    /// Actors.
    #[schemars(description = "")]
    pub actors: Vec<ActivityRecordActor>,
}

/// A single record of an activity that occurred within the system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-unique-hash" = ["id"]))]
pub struct ActivityRecord {
    /// Unique ID for the activity record
    pub id: String,
    /// Activity type.
    #[schemars(description = "")]
    pub activity_type: ActivityRecordActivityType,
    /// Timestamp when the activity occurred (ISO 8601 format)
    pub timestamp: String,
    /// Entity that performed the action
    pub actor: ActivityRecordActor,
    /// Targets affected by this activity
    pub targets: Vec<ActivityRecordTarget>,
    /// Optional metadata (e.g., IP address, location, user agent)
    #[serde(default)]
    pub metadata: Option<BTreeMap<String, String>>,
}

// The reference serializes this union as its generated wrapper object, which is therefore
// the wire form; see `new`.
/// Type of activity performed (e.g., "AssumeRole", "AccessFeature"). For a given activity, prefer a standard ActivityType if one applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ActivityRecordActivityType {
    /// Unused by the reference (always null on the wire).
    #[serde(default)]
    #[schemars(description = "")]
    pub anyof_schema_1_validator: Option<ActivityType>,
    /// Unused by the reference (always null on the wire).
    #[serde(default)]
    #[schemars(description = "")]
    pub anyof_schema_2_validator: Option<String>,
    /// The activity type: an [`ActivityType`] value or any other string.
    #[serde(default)]
    #[schemars(description = "", schema_with = "any_value")]
    pub actual_instance: Value,
    /// The union's member names, `["ActivityType", "str"]`.
    #[serde(default = "activity_type_members")]
    #[schemars(description = "", extend("uniqueItems" = true))]
    pub any_of_schemas: Vec<String>,
}

impl ActivityRecordActivityType {
    /// The activity type `value`, a standard one (`ACCOUNT_LOGIN`) or the app's own. Its wire
    /// form is the reference's wrapper object: `{"anyof_schema_1_validator": null,
    /// "anyof_schema_2_validator": null, "actual_instance": "ACCOUNT_LOGIN", "any_of_schemas":
    /// ["ActivityType", "str"]}`.
    pub fn new(value: impl Into<String>) -> Self {
        Self {
            anyof_schema_1_validator: None,
            anyof_schema_2_validator: None,
            actual_instance: Value::String(value.into()),
            any_of_schemas: activity_type_members(),
        }
    }
}

fn activity_type_members() -> Vec<String> {
    vec!["ActivityType".to_owned(), "str".to_owned()]
}

/// `data`: date-time strings or null, by capability name.
fn recency_map(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "object",
        "additionalProperties": {"anyOf": [{"type": "string", "format": "date-time"}, {"type": "null"}]},
    })
}

/// pydantic's `Any`: no constraint at all.
fn any_value(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({})
}

/// Enum representing standard activity types
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum ActivityType {
    /// `ACCOUNT_LOGIN`
    #[serde(rename = "ACCOUNT_LOGIN")]
    AccountLogin,
}

/// Represents the entity that initiated an activity.  Currently only supports accounts (e.g., users or service accounts), but designed to be extended with other types in the future.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ActivityRecordActor {
    /// Account ID of the actor
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: String,
}

/// Represents the entity affected by an activity.  Currently only supports entitlement targets, but structured for easy future extension.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ActivityRecordTarget {
    /// Account ID of the target
    #[serde(default)]
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: Option<String>,
    /// Entitlement that was affected by the activity
    #[serde(default)]
    pub entitlement: Option<ActivityRecordEntitlement>,
}

/// Entitlement affected by the activity. This could represent a role, permission, feature, etc.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ActivityRecordEntitlement {
    /// Unique ID of the entitlement (e.g., ARN, internal ID)
    #[schemars(extend("x-semantic" = "entitlement-id"))]
    pub id: String,
    /// Type of the entitlement (e.g., "Role", "Permission", "Feature")
    pub r#type: String,
    /// Optional ID of the associated resource (e.g., AWS account ID)
    #[serde(default)]
    #[schemars(extend("x-semantic" = "resource-id"))]
    pub resource_id: Option<String>,
    /// Optional type of the associated resource (e.g., "AWSAccount", "Application")
    #[serde(default)]
    pub resource_type: Option<String>,
}

/// Request parameters for getting data recency information.  This is a simple request model as the capability doesn't require any specific parameters - it returns recency information for all standard capabilities that the connector supports.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct GetDataRecency {}

/// Response model containing data recency information for standard capabilities.  This model maps each standard capability to an optional datetime indicating when the data for that capability was last updated or refreshed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct DataRecency {
    /// Map of standard capability names to their data recency timestamps.  Each entry in this map represents a standard capability and its associated data recency information:  - **Key**: The name of a standard capability (e.g., "list_accounts", "list_entitlements") - **Value**: Datetime indicating when the data for this capability was last updated (may be null if recency information is not available)  ## Capability Coverage  The map should include entries for all standard capabilities that the connector supports and for which it can provide meaningful recency information.  ## Data Freshness Interpretation  - **non-null timestamp**: Data is current as of the specified time - **null value**: Connector cannot determine due to an unexpected error - **missing key**: If the a StandardCapabilityName doesn't have a key in the map, then the connector doesn't support surfacing data recency for that capability.  ## Common Use Cases  - **list_accounts**: When the account data was last synchronized - **list_entitlements**: When permission/role data was last updated - **list_updated_accounts**: When the change tracking data was last refreshed
    #[schemars(schema_with = "recency_map")]
    pub data: BTreeMap<String, Option<String>>,
}

/// Request parameters for retrieving credential last-activity data. Intentionally has no id filter - the connector bulk-fetches and paginates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct GetCredentialLastActivity {}

/// Last known activity for a single credential.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CredentialLastActivity {
    /// The id of the credential this activity belongs to.
    #[schemars(extend("x-semantic" = "credential-id"))]
    pub credential_id: String,
    /// The type of activity event (last_login / last_activity).
    pub event_type: ActivityEventType,
    /// ISO 8601 timestamp when the activity occurred.
    pub happened_at: String,
}

/// Request parameters for retrieving non-human account last-activity data. Intentionally has no id filter - the connector bulk-fetches and paginates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct GetNonHumanAccountLastActivity {}

/// Last known activity for a single non-human account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct NonHumanAccountLastActivity {
    /// The id of the non-human account this activity belongs to.
    #[schemars(extend("x-semantic" = "non-human-account-id"))]
    pub non_human_account_id: String,
    /// The type of activity event (last_login / last_activity).
    pub event_type: ActivityEventType,
    /// ISO 8601 timestamp when the activity occurred.
    pub happened_at: String,
}

/// Enum representing types of activity events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum ActivityEventType {
    /// `last_login`
    #[serde(rename = "last_login")]
    LastLogin,
    /// `last_activity`
    #[serde(rename = "last_activity")]
    LastActivity,
}
