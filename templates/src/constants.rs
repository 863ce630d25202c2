{% if api == "scim" %}//! Identity and paging limits of {{crate_name | title_case}}. The SCIM endpoints (`/Users`,
//! `/Groups`) are the standard ones, relative to the `base_url` setting
//! (`connector_sdk::scim::USERS` and `GROUPS`).
{% else %}//! Identity and API endpoints of {{crate_name | title_case}}. Endpoints are relative to the
//! `base_url` setting.
//!
//! Adapt: the generated code assumes a conventional REST API (
{%- if pagination == "offset" %}`GET /users?limit=&offset=`
//! answering `{"items": [...], "has_more": bool}`
{%- endif %}
{%- if pagination == "page" %}`GET /users?page=&per_page=`
//! answering `{"items": [...], "total": n}`
{%- endif %}
{%- if pagination == "cursor" %}`GET /users?limit=&cursor=`
//! answering `{"items": [...], "next_cursor": "..."}`
{%- endif %}); point these at the real endpoints.
{% endif %}
/// The app id Lumos knows this connector by. It lives here, not in `integration.rs`, because
/// the HTTP client sends it too (in the `User-Agent`).
pub const APP_ID: &str = "{{crate_name | kebab_case}}";
{%- if auth == "oauth" %}

/// The OAuth authorization endpoint: where Lumos sends the admin to grant access.
///
/// Adapt: the app's endpoint. The `authorization_url` setting overrides it (see
/// `integration.rs`); for an app whose OAuth server is per tenant, derive the URL from a
/// setting there instead, e.g. `format!("{}/oauth/authorize", settings.base_url)`.
pub const AUTHORIZATION_URL: &str = "https://auth.example.com/oauth/authorize";
{%- endif %}
{%- if auth == "oauth" or auth == "oauth-client-credentials" %}

/// The OAuth token endpoint: where codes, refresh tokens and client credentials are exchanged
/// for access tokens.
///
/// Adapt: the app's endpoint. The `token_url` setting overrides it (see `integration.rs`);
/// for an app whose OAuth server is per tenant, derive the URL from a setting there instead,
/// e.g. `format!("{}/oauth/token", settings.base_url)`.
pub const TOKEN_URL: &str = "https://auth.example.com/oauth/token";
{%- endif %}
{%- if api == "scim" %}

/// Users or groups per page (SCIM `count`) when neither the caller nor the settings say.
pub const DEFAULT_PAGE_SIZE: u64 = 100;

/// The most users or groups one request may ask for.
///
/// Adapt: the server's documented maximum, if lower (servers that cap `count` silently are
/// paged correctly anyway).
pub const MAX_PAGE_SIZE: u64 = 500;
{%- else %}

/// Who am I: used by `validate_credentials`; answers `{"tenant_id": "..."}`.
pub const ME: &str = "/me";
{%- if list_accounts or create_account or get_last_activity or delete_account or activate_account or deactivate_account or assign_entitlement or unassign_entitlement or get_account or update_account or get_account_entitlement_associations %}

/// Users (accounts).
pub const USERS: &str = "/users";
{%- endif %}
{%- if list_resources %}

/// Teams (resources).
pub const TEAMS: &str = "/teams";
{%- endif %}
{%- if list_entitlements %}

/// Roles and memberships (entitlements).
pub const ROLES: &str = "/roles";
{%- endif %}
{%- if find_entitlement_associations %}

/// Who holds which role.
pub const ROLE_ASSIGNMENTS: &str = "/role-assignments";
{%- endif %}
{%- if list_custom_attributes_schema %}

/// The custom attributes the tenant defined.
pub const CUSTOM_ATTRIBUTES: &str = "/custom-attributes";
{%- endif %}
{%- if list_updated_accounts %}

/// The users changed since a cursor or a time.
pub const USER_CHANGES: &str = "/users/changes";
{%- endif %}
{%- endif %}
