//! Payloads of the non-human identity capabilities: `list_credentials`, `list_non_human_accounts`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::AccountStatus;

/// Request parameters for listing credentials.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListCredentials {
    /// Optional array of custom attribute names to include in the credential data. Each string in this array represents a specific custom attribute to retrieve.
    #[serde(default)]
    pub custom_attributes: Option<Vec<String>>,
}

/// A credential used by a non-human identity to authenticate to a system (e.g. an access key, OAuth grant, certificate, or OIDC trust policy).  Credentials carry identifiers and metadata only - never the secret value. Relationships are expressed as fields; Lumos synthesizes the resource node and its relationships from them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-unique-hash" = ["resource_id"]))]
pub struct Credential {
    /// Globally-unique resource id - the credential's identity as a node in the synthesized graph.
    #[schemars(extend("x-semantic" = "resource-id"))]
    pub resource_id: String,
    /// The app's own id for the credential (e.g. an access-key id) - NOT the secret value.
    #[schemars(extend("x-semantic" = "credential-id"))]
    pub external_id: String,
    /// A human-readable label for the credential.
    pub label: String,
    /// The normalized class of the credential (maps 1:1 to the RFC-37 credential type). Known values: `unspecified`, `api_key`, `oauth_grant`, `certificate`, `oidc_trust_policy`.
    pub credential_type: String,
    /// The lifecycle status of the credential.
    #[serde(default)]
    pub status: Option<CredentialStatus>,
    /// IMPERSONATES a human account: the account this credential grants access to. Lumos synthesizes the corresponding resource relationship from this field.
    #[serde(default)]
    #[schemars(extend("x-semantic" = "account-id"))]
    pub grants_access_to_account_id: Option<String>,
    /// IMPERSONATES a non-human account: the non-human account this credential grants access to.  At most one grants_access_to_* is set; both unset means the credential is standalone. Scopes/roles/permissions are AccessGraphEntitlementAssignment rows keyed by resource_id (this is why Credential has no `scopes` field).
    #[serde(default)]
    #[schemars(extend("x-semantic" = "non-human-account-id"))]
    pub grants_access_to_non_human_account_id: Option<String>,
    /// When the credential was created in the source system.
    #[serde(default)]
    pub created_at: Option<String>,
    /// When the credential was last updated in the source system.
    #[serde(default)]
    pub updated_at: Option<String>,
    /// When the credential was last used.
    #[serde(default)]
    pub last_used_at: Option<String>,
    /// When the credential expires.
    #[serde(default)]
    pub expires_at: Option<String>,
    /// When the credential was last rotated.
    #[serde(default)]
    pub last_rotated_at: Option<String>,
    /// ISO 8601 timestamp of the credential's last observed activity, when the listing endpoint returns it. Lets connectors report activity inline and avoid a separate get_credential_last_activity call.
    #[serde(default)]
    pub last_activity: Option<String>,
    /// Custom attributes associated with the credential. Values are typed per the attribute's declared attribute_type in the list_custom_attributes_schema capability (e.g. a boolean attribute carries a JSON boolean, not "true"/"false" text).
    #[serde(default)]
    pub custom_attributes: Option<Map<String, Value>>,
    /// Additional data specific to the connector that doesn't fit into the standard fields.
    #[serde(default)]
    pub extra_data: Option<Map<String, Value>>,
}

/// The lifecycle status of a credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum CredentialStatus {
    /// `active`
    #[serde(rename = "active")]
    Active,
    /// `inactive`
    #[serde(rename = "inactive")]
    Inactive,
    /// `stale`
    #[serde(rename = "stale")]
    Stale,
    /// `expired`
    #[serde(rename = "expired")]
    Expired,
    /// `revoked`
    #[serde(rename = "revoked")]
    Revoked,
}

/// Request parameters for listing non-human accounts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListNonHumanAccounts {
    /// Optional array of custom attribute names to include in the non-human account data. Each string in this array represents a specific custom attribute to retrieve.
    #[serde(default)]
    pub custom_attributes: Option<Vec<String>>,
}

/// A non-human account: the (workload, identity) pair for a non-human principal such as an IAM role, a GitHub App installation, or a service principal.  A non-human account carries its own globally-unique `resource_id`; Lumos synthesizes its resource node and relationships. It is never re-emitted as an AccessGraphResource. Its grants are ordinary AccessGraphEntitlementAssignment rows keyed by its `resource_id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-unique-hash" = ["resource_id"]))]
pub struct NonHumanAccount {
    /// Globally-unique resource id - the account's identity as a node in the synthesized graph.
    #[schemars(extend("x-semantic" = "resource-id"))]
    pub resource_id: String,
    /// Integration specific identifier that uniquely identifies the non-human account.
    #[schemars(extend("x-semantic" = "non-human-account-id"))]
    pub id: String,
    /// A human-readable label for the non-human account: the name of the account/role/principal itself. Do not combine it with the workload name - that belongs in `workload_name`.
    pub label: String,
    /// Name of the workload the principal is bound to (e.g. an ECS service or a Lambda function).  A workload is the thing that runs. A container the principal merely belongs to - a workspace, a project, an app registration - is not a workload, and naming one here would repeat the same value across every principal inside it.  Some principals are their own workload - an IAM user, a service principal, a service account. They have no separate thing that runs, so mirror the account: set this to the same value as `label`.
    pub workload_name: String,
    /// Integration-specific identifier of the workload the principal is bound to (e.g. its ARN).  When the principal is its own workload, set this to the same value as `id`. `workload_id == id` is how a consumer tells the two cases apart.
    pub workload_id: String,
    /// Source-specific account kind (e.g. "github_app_installation", "iam_role") - connector-only data.
    pub r#type: String,
    /// The current status of the account.
    pub status: AccountStatus,
    /// When the account was created in the source system.
    #[serde(default)]
    pub created_at: Option<String>,
    /// When the account was last updated in the source system.
    #[serde(default)]
    pub updated_at: Option<String>,
    /// ISO 8601 timestamp of the account's last authentication/login, when the listing endpoint returns it. Lets connectors report activity inline and avoid a separate get_non_human_account_last_activity call.
    #[serde(default)]
    pub last_login: Option<String>,
    /// ISO 8601 timestamp of the account's last observed activity, when the listing endpoint returns it.
    #[serde(default)]
    pub last_activity: Option<String>,
    /// Custom attributes associated with the non-human account. Values are typed per the attribute's declared attribute_type in the list_custom_attributes_schema capability (e.g. a boolean attribute carries a JSON boolean, not "true"/"false" text).
    #[serde(default)]
    pub custom_attributes: Option<Map<String, Value>>,
    /// Additional data specific to the connector that doesn't fit into the standard fields. For the MVP this also carries the app-specific signals Lumos uses to match non-human accounts into non-human identities.
    #[serde(default)]
    pub extra_data: Option<Map<String, Value>>,
}
