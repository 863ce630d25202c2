{% if api == "scim" %}//! Resource and entitlement types: how {{crate_name | title_case}}'s SCIM groups map onto Lumos.
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
{% else %}//! Resource and entitlement types: how {{crate_name | title_case}}'s access model maps onto Lumos.
//!
//! A *resource* is something access is granted on (a team, a project); the global resource
//! (type and id `""`) stands for the app as a whole. An *entitlement* is a grantable
//! permission (a role, a membership) on one resource.
//!
//! Adapt: rename and extend these to match the app. The ids are stable identifiers stored by
//! Lumos: do not change them once live.

use connector_sdk::models::{EntitlementType, ResourceType};

/// Resource type id of a team.
pub const TEAM: &str = "TEAM";

/// Entitlement type id of an app-wide role (on the global resource).
pub const ROLE: &str = "ROLE";

/// Entitlement type id of a team membership.
pub const TEAM_MEMBER: &str = "TEAM_MEMBER";

/// The resource types `info` declares.
pub fn resource_types() -> Vec<ResourceType> {
    vec![ResourceType::new(TEAM, "Team")]
}

/// The entitlement types `info` declares.
pub fn entitlement_types() -> Vec<EntitlementType> {
    vec![
        EntitlementType::new(ROLE, "Role", ""),
        EntitlementType::new(TEAM_MEMBER, "Team membership", TEAM),
    ]
}
{% endif %}