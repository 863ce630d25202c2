//! API endpoints and other constants of the {{crate_name | title_case}} API.

/// The app id registered with Lumos.
pub const APP_ID: &str = "{{crate_name | kebab_case}}";

/// The endpoint validate_credentials calls to check the credentials.
pub const ME_ENDPOINT: &str = "/me";

/// The endpoint listing users.
pub const USERS_ENDPOINT: &str = "/users";
