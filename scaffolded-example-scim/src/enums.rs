//! Resource and entitlement types: how Scim Example's SCIM groups map onto Lumos.
//!
//! A SCIM app grants access through group memberships: each `/Groups` entry is an
//! entitlement of type [`GROUP_MEMBER`] on the global resource (type and id `""`), which
//! stands for the app as a whole. No other resource type is declared.
//!
//! Adapt: if the app's groups are really roles or licences, say so in the label; the ids are
//! stable identifiers stored by Lumos: do not change them once live.

use connector_sdk::models::{EntitlementType, ResourceType};

/// Entitlement type id of a group membership.
pub const GROUP_MEMBER: &str = "GROUP_MEMBER";

/// The resource types `info` declares: none besides the implicit global resource.
pub fn resource_types() -> Vec<ResourceType> {
    Vec::new()
}

/// The entitlement types `info` declares.
pub fn entitlement_types() -> Vec<EntitlementType> {
    vec![EntitlementType::new(GROUP_MEMBER, "Group membership", "")]
}
