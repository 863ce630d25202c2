//! Identity and paging limits of Scim Example. The SCIM endpoints (`/Users`,
//! `/Groups`) are the standard ones, relative to the `base_url` setting
//! (`connector_sdk::scim::USERS` and `GROUPS`).

/// The app id Lumos knows this connector by. It lives here, not in `integration.rs`, because
/// the HTTP client sends it too (in the `User-Agent`).
pub const APP_ID: &str = "scim-example";

/// Users or groups per page (SCIM `count`) when neither the caller nor the settings say.
pub const DEFAULT_PAGE_SIZE: u64 = 100;

/// The most users or groups one request may ask for.
///
/// Adapt: the server's documented maximum, if lower (servers that cap `count` silently are
/// paged correctly anyway).
pub const MAX_PAGE_SIZE: u64 = 500;
