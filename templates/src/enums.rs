//! Resource and entitlement types of {{crate_name | title_case}}: how its concepts map to Lumos.

/// Resource types: containers such as teams or projects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum {{crate_name | pascal_case}}ResourceType {
    /// A team.
    Team,
}

/// Entitlement types: permissions within a resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum {{crate_name | pascal_case}}EntitlementType {
    /// Membership of a team.
    TeamMember,
}
