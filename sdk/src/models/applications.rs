//! Payloads of the application capabilities (apps managed by an identity provider or SSO connector): `list_applications`, `get_application`, their accounts, entitlements, resources, associations and activity, and the application assignment capabilities.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{AccountStatus, ActivityRecordActivityType, ActivityRecordActor, ActivityRecordTarget};

/// Request parameters for listing accounts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListApplications {}

/// Request parameters for getting a specific application.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct GetApplication {
    /// The ID of the application to retrieve
    #[schemars(extend("x-semantic" = "application-instance-id"))]
    pub application_instance_id: String,
}

/// Model containing information about an application
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-unique-hash" = ["id"]))]
pub struct Application {
    /// Integration specific identifier that uniquely identifies an application instance or tenant. Example: lumos.slack.com or lumostester.slack.com
    #[schemars(extend("x-semantic" = "application-instance-id"))]
    pub id: String,
    /// The name or identifier of the application. ex: slack.com
    pub name: String,
    /// The user friendly label for the application ex: Slack
    #[serde(default)]
    pub display_name: Option<String>,
    /// The description of a application
    #[serde(default)]
    pub description: Option<String>,
    /// The current status of an application within an integration
    pub status: ApplicationStatus,
    /// A URL that can be resolved to the logo of an application
    #[serde(default)]
    pub logo: Option<String>,
    /// The sign on mode of an application
    pub sign_on_mode: SignOnMode,
    /// The login URL for an application
    #[serde(default)]
    pub sso_login_url: Option<String>,
    /// The assignment modes for an application
    pub assignment_modes: Vec<AssignmentMode>,
}

/// Enum representing the possible statuses of an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum ApplicationStatus {
    /// `ACTIVE`
    #[serde(rename = "ACTIVE")]
    Active,
    /// `INACTIVE`
    #[serde(rename = "INACTIVE")]
    Inactive,
}

/// Enum representing the different assignment modes for an application. Indicates if this application can be directly assigned to an account and/or entitlements can be assigned in the application
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum AssignmentMode {
    /// `ACCOUNT`
    #[serde(rename = "ACCOUNT")]
    Account,
    /// `ENTITLEMENT`
    #[serde(rename = "ENTITLEMENT")]
    Entitlement,
}

/// Enum representing different sign on modes for an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum SignOnMode {
    /// `SAML`
    #[serde(rename = "SAML")]
    Saml,
    /// `OIDC`
    #[serde(rename = "OIDC")]
    Oidc,
    /// `BOOKMARK`
    #[serde(rename = "BOOKMARK")]
    Bookmark,
    /// `UNKNOWN`
    #[serde(rename = "UNKNOWN")]
    Unknown,
}

/// Request parameters for listing application accounts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListApplicationsAccounts {}

/// Request parameters for retrieving a single account's application assignemnt
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct GetApplicationAccount {
    /// The unique id of the application to fetch the application assignment for.
    #[schemars(extend("x-semantic" = "application-instance-id"))]
    pub application_instance_id: String,
    /// The unique id of the account to fetch application assignemnt for.
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: String,
}

/// Model containing information about an application an account has access to
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-unique-hash" = ["account_id", "application_instance_id"]))]
pub struct ApplicationAccount {
    /// Account id.
    #[schemars(description = "")]
    pub account_id: String,
    /// Application instance id.
    #[schemars(description = "")]
    pub application_instance_id: String,
    /// Indicates the status of the account in the application
    pub status: AccountStatus,
}

/// Request parameters for listing application entitlements.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListApplicationsEntitlements {
    /// Optional array of custom attribute names to include in the entitlement data. Each string in this array represents a specific custom attribute to retrieve. You can get these attributes from `list_custom_attributes_schema`
    #[serde(default)]
    pub custom_attributes: Option<Vec<String>>,
}

/// An entitlement representing an authorization or permission that can be granted to users within the connector.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-unique-hash" = ["integration_specific_id", "integration_specific_resource_id", "application_instance_id"]))]
pub struct ApplicationEntitlementData {
    /// Application instance id.
    #[schemars(description = "")]
    pub application_instance_id: String,
    /// Should match a previously declared entitlement type from this connector.
    pub entitlement_type: String,
    /// Additional data specific to the entitlement that doesn't fit into the standard fields.
    #[serde(default)]
    pub extra_data: Option<BTreeMap<String, Map<String, Value>>>,
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

/// Request parameters for listing resources.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListApplicationsResources {}

/// Resource data describing a resource within the connector.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-unique-hash" = ["integration_specific_id", "application_instance_id"]))]
pub struct ApplicationResourceData {
    /// Application instance id.
    #[schemars(description = "")]
    pub application_instance_id: String,
    /// The unique ID within this application of a resource.  May only be unique within the tenant and the resource type.  There will always be a global "account" (i.e. tenant) resource for things like tenant-wide roles.
    pub integration_specific_id: String,
    /// A human-readable label for the resource.
    pub label: String,
    /// An optional human-readable description of the resource.
    #[serde(default)]
    pub description: Option<String>,
    /// Should match a previously declared resource type from this connector.
    pub resource_type: String,
    /// Additional data specific to the resource that doesn't fit into the standard fields.
    #[serde(default)]
    pub extra_data: Option<BTreeMap<String, String>>,
}

/// - Request parameters for finding entitlement associations. - Currently accepts empty input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListApplicationsEntitlementAssociations {}

/// - A link between a user account and their granted entitlement.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-unique-hash" = ["account_id", "integration_specific_entitlement_id", "integration_specific_resource_id", "application_instance_id"]))]
pub struct ApplicationEntitlementAssociation {
    /// Application instance id.
    #[schemars(description = "")]
    pub application_instance_id: String,
    /// The ID of the account that has been granted the entitlement.
    pub account_id: String,
    /// The ID of the entitlement that has been granted.
    pub integration_specific_entitlement_id: String,
    /// The ID of the resource to which the entitlement applies.
    pub integration_specific_resource_id: String,
}

/// Request payload for listing activity records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListApplicationsActivityRecords {
    /// Date to look back from (ISO 8601 format)
    pub since_date: String,
    /// Actors.
    #[schemars(description = "")]
    pub actors: Vec<ActivityRecordActor>,
}

/// A single record of an activity that occurred within the system.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-unique-hash" = ["id"]))]
pub struct ApplicationActivityRecord {
    /// Application instance id.
    #[schemars(description = "")]
    pub application_instance_id: String,
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

/// Base request payload to assign an application to an account. Each connector can extend this class to add connector-specific fields.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "write"))]
pub struct AssignApplication {
    /// The id of the application to create the account in
    #[schemars(extend("x-semantic" = "application-instance-id"))]
    pub application_instance_id: String,
    /// The integration specific id of the account to assign the application to
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: String,
}

/// Details about the assigned application
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AssignedApplication {
    /// Indicates if an account is assigned to an application via the integration. This does not reflect if the account has actually been created in the application.
    pub assigned: bool,
    /// Indicates if an account has been created in the application via the integration This does not indicate if the integration account has been assigned via the integration
    pub provisioned: bool,
}

/// Request parameters for unassigning an application
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "write"))]
pub struct UnassignApplication {
    /// The id of the application to create the account in
    #[schemars(extend("x-semantic" = "application-instance-id"))]
    pub application_instance_id: String,
    /// The integration specific id of the account to assign the application to
    #[schemars(extend("x-semantic" = "account-id"))]
    pub account_id: String,
}

/// Details about the deactivated account
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct UnassignedApplication {
    /// Indicates if an account's assignment to the application via the integration has been removed. This does not indicate if the account was removed in the application.
    pub unassigned: bool,
    /// Indicates if the account in the application was removed. This does not indicate if the assignment via the integration was removed.
    pub deprovisioned: bool,
    /// Indicates the account status after the unassignemnt operation.
    pub status: AccountStatus,
}

/// Request payload for assigning an entitlement
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "write"))]
pub struct AssignApplicationEntitlement {
    /// The identifier of the application to unassign the entitlement in
    #[schemars(extend("x-semantic" = "application-instance-id"))]
    pub application_instance_id: String,
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

/// Details about the application entitlement assignment result
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AssignedApplicationEntitlement {
    /// This should only ever be true. If the assignment can't happen we expect an error.
    pub assigned: bool,
}

/// Parameters required to unassign an entitlement from a user account
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "write"))]
pub struct UnassignApplicationEntitlement {
    /// The identifier of the application to assign the entitlement in
    #[schemars(extend("x-semantic" = "application-instance-id"))]
    pub application_instance_id: String,
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
pub struct UnassignedApplicationEntitlement {
    /// Indicates whether the entitlement was successfully unassigned
    pub unassigned: bool,
}
