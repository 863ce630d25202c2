//! Payloads of the access graph capabilities: `find_resource_graph`, `find_entitlement_graph`, `find_entitlement_assignments`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{CustomAttribute, CustomAttributeParameter};

/// Request parameters for finding the resource graph.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct FindResourceGraph {
    /// Optional array of custom attribute names and types to include in the resource data (type must be `CustomAttributeCustomizedType.resource`).
    #[serde(default)]
    pub custom_attributes: Option<Vec<CustomAttributeParameter>>,
}

/// ResourceGraph
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ResourceGraph {
    /// Resources.
    #[schemars(description = "")]
    pub resources: Vec<AccessGraphResource>,
    /// Resource relationships.
    #[schemars(description = "")]
    pub resource_relationships: Vec<AccessGraphResourceRelationship>,
    /// Custom attributes.
    #[schemars(description = "")]
    pub custom_attributes: Vec<CustomAttribute>,
}

/// Resource data describing a resource within the connector. This can be used to model records, directories, groups, and any other entity in a software system.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-unique-hash" = ["id", "resource_type"]))]
pub struct AccessGraphResource {
    /// The unique ID within this application of a resource.  Must be unique for the entire tenant, not just for the type
    #[schemars(extend("x-semantic" = "resource-id"))]
    pub id: String,
    /// Should match a previously declared resource type from this connector.
    #[schemars(extend("x-semantic" = "resource-type"))]
    pub resource_type: String,
    /// If this resource is also an account, this reference should be returned to match the account from the find_accounts capability
    #[serde(default)]
    pub reference: Option<Reference>,
    /// A human-readable label for the resource.
    pub label: String,
    /// An optional human-readable description of the resource.
    #[serde(default)]
    pub description: Option<String>,
    /// Access ends here - this resource is a leaf (RFC-37 governance: terminal).
    #[serde(default)]
    pub is_terminal: Option<bool>,
    /// This resource holds a secret; graph traversal continues through it (RFC-37 governance: credential-bearing). Credential-bearing wins for traversal.
    #[serde(default)]
    pub is_credential_bearing: Option<bool>,
    /// Credentials held by this credential-bearing resource (RFC-37 vault lineage). A credential-bearing resource can hold several secrets.
    #[serde(default)]
    #[schemars(extend("x-semantic" = "credential-id"))]
    pub linked_credential_ids: Option<Vec<String>>,
}

/// An edge representing a relationship between two resources in the resource hierarchy. This can be used to represent grouped records, nested directories, etc.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AccessGraphResourceRelationship {
    /// From id.
    #[schemars(description = "")]
    pub from_id: String,
    /// To ids.
    #[schemars(description = "")]
    pub to_ids: Vec<String>,
    /// The name of the relationship
    pub label: String,
}

/// A reference to another entity in the system. Used to link resources to other first-class objects like accounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Reference {
    /// The primary id of the record being referenced.
    pub id: String,
    /// The type of the model being referenced.
    pub r#type: ReferenceType,
}

/// Enum representing the types of references that can be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum ReferenceType {
    /// `account`
    #[serde(rename = "account")]
    Account,
}

/// Request parameters for finding the entitlement graph.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct FindEntitlementGraph {
    /// Optional array of custom attribute names and types to include in the entitlement data (type must be `CustomAttributeCustomizedType.entitlement`).
    #[serde(default)]
    pub custom_attributes: Option<Vec<CustomAttributeParameter>>,
}

/// EntitlementGraph
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EntitlementGraph {
    /// Nodes.
    #[schemars(description = "")]
    pub nodes: Vec<AccessGraphEntitlement>,
    /// Entitlement implications.
    #[schemars(description = "")]
    pub entitlement_implications: Vec<AccessGraphImpliedAccess>,
    /// Custom attributes.
    #[schemars(description = "")]
    pub custom_attributes: Vec<CustomAttribute>,
    /// Entitlement rules discovered at runtime for this tenant. Use this when the set of "exists for every resource of type X" entitlements depends on tenant configuration (e.g. customer-defined roles) and cannot be declared statically. For rules that are identical across all tenants, declare them statically via `Integration.access_graph_entitlement_rules` instead.
    #[serde(default)]
    pub access_graph_entitlement_rules: Vec<AccessGraphEntitlementRule>,
    /// Implied-access rules discovered at runtime for this tenant. Use this when propagation rules depend on tenant configuration. For rules that are identical across all tenants, declare them statically via `Integration.implied_access_rules` instead.
    #[serde(default)]
    pub access_graph_implied_access_rules: Vec<AccessGraphImpliedAccessRule>,
}

/// An entitlement that can be granted to users within the connector.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-unique-hash" = ["id", "resource_id"]))]
pub struct AccessGraphEntitlement {
    /// The unique ID of the entitlement within this application.  Must be unique for the entire tenant, not just for the type
    #[schemars(extend("x-semantic" = "entitlement-id"))]
    pub id: String,
    /// Should match a previously declared entitlement type from this connector.
    #[schemars(extend("x-semantic" = "entitlement-type"))]
    pub entitlement_type: String,
    /// The unique ID within this application of the resource this entitlement is for.  See `Resource.id`
    #[schemars(extend("x-semantic" = "resource-id"))]
    pub resource_id: String,
    /// Indicates whether this entitlement can be assigned to users.
    #[serde(default)]
    pub is_assignable: Option<bool>,
    /// Indicates if an entitlement denies access to a resource. This takes precedence over any entitlement granting access ex: an entitlement denying access to an S3 bucket in AWS
    pub denies_access: bool,
    /// A human-readable label for the entitlement.
    pub label: String,
    /// An optional human-readable description of the entitlement.
    #[serde(default)]
    pub description: Option<String>,
}

/// A model representing the unique identifiers of an entitlement
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AccessGraphEntitlementIdentifier {
    /// Entitlement id.
    #[schemars(description = "")]
    pub entitlement_id: String,
    /// Resource id.
    #[schemars(description = "")]
    pub resource_id: String,
}

/// A rule declaring an entitlement that automatically exists for every resource of a given type. Allows connectors to omit individual entitlement nodes from the graph when they are uniform across all resources of a type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AccessGraphEntitlementRule {
    /// Entitlement type.
    #[schemars(description = "")]
    pub entitlement_type: String,
    /// Entitlement id.
    #[schemars(description = "")]
    pub entitlement_id: String,
    /// Resource type.
    #[schemars(description = "")]
    pub resource_type: String,
    /// Is assignable.
    #[serde(default)]
    #[schemars(description = "")]
    pub is_assignable: Option<bool>,
    /// Denies access.
    #[schemars(description = "")]
    pub denies_access: bool,
    /// Label.
    #[schemars(description = "")]
    pub label: String,
    /// Description.
    #[serde(default)]
    #[schemars(description = "")]
    pub description: Option<String>,
}

/// An edge representing implied access from one entitlement to one or more other entitlements. This edge should exist when having a given entitlement would grant other entitlements to an entity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AccessGraphImpliedAccess {
    /// The source entitlement whose assignment implies other entitlements.
    pub from_entitlement: AccessGraphEntitlementIdentifier,
    /// The target entitlements that are implied when the source entitlement is granted.
    pub to_entitlements: Vec<AccessGraphEntitlementIdentifier>,
}

/// A rule declaring how entitlement access propagates, either within a single resource (when relationship_label is omitted) or across related resources (when relationship_label is set).  Examples: - Same-resource hierarchy: org-admin -> org-manager on the same tenant - Cross-resource propagation: role/org-member on tenant -> store_role/viewer on contained stores
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AccessGraphImpliedAccessRule {
    /// From entitlement type.
    #[schemars(description = "")]
    pub from_entitlement_type: String,
    /// From entitlement id.
    #[schemars(description = "")]
    pub from_entitlement_id: String,
    /// From resource type.
    #[schemars(description = "")]
    pub from_resource_type: String,
    /// When set, the to_entitlement is implied on all resources related to the from_resource via this relationship label (cross-resource propagation). When omitted, the to_entitlement is implied within the same resource (same-resource hierarchy).
    #[serde(default)]
    pub relationship_label: Option<String>,
    /// To entitlement type.
    #[schemars(description = "")]
    pub to_entitlement_type: String,
    /// To entitlement id.
    #[schemars(description = "")]
    pub to_entitlement_id: String,
    /// To resource type.
    #[schemars(description = "")]
    pub to_resource_type: String,
}

/// Request parameters for finding entitlement assignments.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct FindEntitlementAssignments {}

/// An assignment of an entitlement to a resource. Models an actor being granted an entitlement.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-unique-hash" = ["resource_id", "entitlement_id", "entitlement_resource_id"]))]
pub struct AccessGraphEntitlementAssignment {
    /// The ID of the resource that has been granted the entitlement.
    #[schemars(extend("x-semantic" = "resource-id"))]
    pub resource_id: String,
    /// The ID of the entitlement that has been granted.
    #[schemars(extend("x-semantic" = "entitlement-id"))]
    pub entitlement_id: String,
    /// The ID of the resource to which the entitlement applies.
    #[schemars(extend("x-semantic" = "resource-id"))]
    pub entitlement_resource_id: String,
}
