//! Identity and API endpoints of Example. Endpoints are relative to the
//! `base_url` setting.
//!
//! Adapt: the generated code assumes a conventional REST API (`GET /users?limit=&offset=`
//! answering `{"items": [...], "has_more": bool}`); point these at the real endpoints.

/// The app id Lumos knows this connector by. It lives here, not in `integration.rs`, because
/// the HTTP client sends it too (in the `User-Agent`).
pub const APP_ID: &str = "example";

/// The OAuth authorization endpoint: where Lumos sends the admin to grant access.
///
/// Adapt: the app's endpoint. The `authorization_url` setting overrides it (see
/// `integration.rs`); for an app whose OAuth server is per tenant, derive the URL from a
/// setting there instead, e.g. `format!("{}/oauth/authorize", settings.base_url)`.
pub const AUTHORIZATION_URL: &str = "https://auth.example.com/oauth/authorize";

/// The OAuth token endpoint: where codes, refresh tokens and client credentials are exchanged
/// for access tokens.
///
/// Adapt: the app's endpoint. The `token_url` setting overrides it (see `integration.rs`);
/// for an app whose OAuth server is per tenant, derive the URL from a setting there instead,
/// e.g. `format!("{}/oauth/token", settings.base_url)`.
pub const TOKEN_URL: &str = "https://auth.example.com/oauth/token";

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
