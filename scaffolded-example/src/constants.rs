//! API endpoints of Example, relative to the `base_url` setting.
//!
//! The generated code assumes a conventional REST API: `GET /users?limit=&offset=` answering
//! `{"items": [...], "has_more": bool}`. Point these at the real endpoints.

/// Who am I: used by `validate_credentials`; answers `{"tenant_id": "..."}`.
pub const ME: &str = "/me";

/// Users (accounts).
pub const USERS: &str = "/users";

/// Teams (resources).
pub const TEAMS: &str = "/teams";

/// Roles and memberships (entitlements).
pub const ROLES: &str = "/roles";

/// Who holds which role.
pub const ROLE_ASSIGNMENTS: &str = "/role-assignments";
