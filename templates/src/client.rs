{% if api == "scim" %}//! The SCIM client for the {{crate_name | title_case}} API: the request's credential and settings
//! turned into a `connector_sdk::scim::ScimClient`.
//!
//! The SDK does the plumbing: the SCIM requests and media type, `startIndex`/`count` paging,
//! ids percent-encoded into paths and quoted in filters, timeouts, bounded retries of 429/503,
//! `200` with a body and `204` without one both as success, and SCIM error bodies turned into
//! the protocol's error codes with the server's `detail` as message (401 -> `unauthorized`,
//! 404 -> `not_found`, 409 `uniqueness` -> `invalid_value`...).

use connector_sdk::error::ConnectorResult;
use connector_sdk::http::{Auth, HttpClient};
use connector_sdk::request::Request;
use connector_sdk::scim::{MembersVia, ScimClient};

use crate::constants;
use crate::settings::{{crate_name | pascal_case}}Settings as Settings;

/// A SCIM client for one capability call, authenticated with the request's credential and set
/// up by the settings.
pub fn scim_client<P>(request: &Request<P, Settings>) -> ConnectorResult<ScimClient> {
{%- if auth == "oauth" %}
    // OAuth 2.0: Lumos runs the authorization flow and sends the access token.
    let auth = Auth::Bearer(request.oauth()?.access_token.clone());
{%- endif %}
{%- if auth == "oauth-client-credentials" %}
    // OAuth 2.0 client credentials: Lumos obtains the access token with the client id and
    // secret and sends it along.
    let auth = Auth::Bearer(request.oauth_client_credentials()?.access_token.clone());
{%- endif %}
{%- if auth == "basic" %}
    // HTTP Basic authentication with the admin's username and password.
    let credential = request.basic()?;
    let auth = Auth::Basic {
        username: credential.username.clone(),
        password: credential.password.clone(),
    };
{%- endif %}
{%- if auth == "token" %}
    // A SCIM token, sent as a bearer token. Adapt: if the app wants another header (for
    // example `X-Api-Key`), use `Auth::Header { name, value }` instead.
    let auth = Auth::Bearer(request.token()?.token.clone());
{%- endif %}
{%- if auth == "jwt" %}
    // A JWT signed with the algorithm its header names (HS*, RS*, PS*, ES256/384, EdDSA) and
    // the credential's secret or PEM key, sent as a bearer token.
    let auth = Auth::Bearer(connector_sdk::auth::sign_jwt(request.jwt()?)?);
{%- endif %}
    let settings = &request.settings;
    let http = HttpClient::builder()
        // A bad URL is reported as an `invalid_value` error naming this setting.
        .base_url_from_setting("base_url", &settings.base_url)
        .app(constants::APP_ID, env!("CARGO_PKG_VERSION"))
        .auth(auth)
        .build()?;
    let members_via = if settings.members_by_user_filter {
        MembersVia::UserFilter
    } else {
        MembersVia::GroupResource
    };
    Ok(ScimClient::new(http)
        .exclude_members_from_group_lists(settings.exclude_group_members)
        .members_via(members_via))
}
{% else %}//! HTTP client for the {{crate_name | title_case}} API: authentication, base URL and one
//! method per endpoint the capabilities use.
//!
//! `connector_sdk::http::HttpClient` does the plumbing: timeouts, bounded retries of 429/503
//! (honoring `Retry-After`), and turning every upstream failure into the protocol's error
//! codes (401 -> `unauthorized`, 404 -> `not_found`, refused connection ->
//! `connection_timeout`, bad JSON -> `invalid_response`...). Its write helpers (`post_json`,
//! `put_json`, `patch_json`, `delete`) take a `204 No Content` without a body as success: it
//! reads as JSON `null`, which `Value`, `()` and `Option<_>` accept. Ids go into paths through
//! `connector_sdk::http::path_segment`, which keeps them one segment (`a/b` -> `a%2Fb`).
//!
//! Adapt: the paths, query parameters and `Api*` shapes below, to the real API.

use connector_sdk::error::{ConnectorError, ConnectorResult, ErrorKind};
use connector_sdk::http::{Auth, HttpClient};
use connector_sdk::request::Request;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::constants;
use crate::settings::{{crate_name | pascal_case}}Settings as Settings;

/// Client for one capability call, authenticated with the request's credential.
#[derive(Debug, Clone)]
pub struct {{crate_name | pascal_case}}Client {
    http: HttpClient,
}
{%- if list_accounts or list_resources or list_entitlements or find_entitlement_associations or list_custom_attributes_schema or get_account_entitlement_associations %}
{%- if pagination == "offset" %}

/// One page of a list endpoint: `{"items": [...], "has_more": bool}`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ApiPage<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// Whether another page follows.
    #[serde(default)]
    pub has_more: bool,
}
{%- endif %}
{%- if pagination == "page" %}

/// One page of a list endpoint: `{"items": [...], "total": n}`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ApiPage<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// How many items the whole list holds. Required: without it the walk cannot tell where
    /// the list ends, so an answer without it is an `invalid_response`.
    pub total: u64,
}
{%- endif %}
{%- if pagination == "cursor" %}

/// One page of a list endpoint: `{"items": [...], "next_cursor": "..." | null}`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ApiPage<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// The cursor of the next page; null (or absent, or empty) on the last one.
    #[serde(default)]
    pub next_cursor: Option<String>,
}
{%- endif %}
{%- endif %}

/// The API's answer to `GET /me`.
///
/// Adapt: an API without such an endpoint needs none of this; `validate_credentials` says
/// what to do instead.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ApiMe {
    /// Identifies the customer's tenant; becomes `unique_tenant_id`.
    pub tenant_id: String,
}
{%- if list_accounts or get_account or list_updated_accounts or create_account or update_account %}

/// A user as the API returns it.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ApiUser {
    /// The user's id.
    pub id: String,
    /// Email address.
    #[serde(default)]
    pub email: Option<String>,
    /// First name.
    #[serde(default)]
    pub given_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub family_name: Option<String>,
    /// Login name.
    #[serde(default)]
    pub username: Option<String>,
    /// `active`, `suspended`, `deleted`...
    #[serde(default)]
    pub status: Option<String>,
    /// The tenant's custom attributes, by name (`list_custom_attributes_schema` lists them).
    #[serde(default)]
    pub attributes: serde_json::Map<String, Value>,
}
{%- endif %}
{%- if list_resources %}

/// A team as the API returns it.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ApiTeam {
    /// The team's id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
}
{%- endif %}
{%- if list_entitlements %}

/// A role as the API returns it: app-wide when `team_id` is absent, else a team membership.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ApiRole {
    /// The role's id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
    /// The team this role belongs to, if any.
    #[serde(default)]
    pub team_id: Option<String>,
    /// The tenant's custom attributes, by name (`list_custom_attributes_schema` lists them).
    #[serde(default)]
    pub attributes: serde_json::Map<String, Value>,
}
{%- endif %}
{%- if find_entitlement_associations or get_account_entitlement_associations %}

/// Who holds which role.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ApiRoleAssignment {
    /// The user's id.
    pub user_id: String,
    /// The role's id.
    pub role_id: String,
    /// The team of the role, if any.
    #[serde(default)]
    pub team_id: Option<String>,
}
{%- endif %}
{%- if get_last_activity %}

/// The API's answer to `GET /users/{id}/last-activity`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ApiLastActivity {
    /// What happened, e.g. `login`; `null` when the user was never active.
    #[serde(default)]
    pub event_type: Option<String>,
    /// When, as an ISO-8601 timestamp.
    #[serde(default)]
    pub happened_at: Option<String>,
}
{%- endif %}
{%- if list_custom_attributes_schema %}

/// A custom attribute the tenant defined, as `GET /custom-attributes` lists them.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ApiAttribute {
    /// Its name: the key in the `attributes` of users and roles.
    pub name: String,
    /// `string`, `boolean`, `integer`, `datetime` or `user`.
    #[serde(rename = "type", default)]
    pub kind: String,
    /// `account`, `entitlement` or `resource`: what carries it.
    #[serde(default)]
    pub applies_to: String,
    /// Description.
    #[serde(default)]
    pub description: Option<String>,
}
{%- endif %}
{%- if list_updated_accounts %}

/// A change feed's answer: what changed, and the cursor to ask from next time.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ApiChanges<T> {
    /// What changed since the cursor (or time) asked from.
    pub items: Vec<T>,
    /// Where the next call resumes; `null` when the API has none to give.
    #[serde(default)]
    pub cursor: Option<String>,
}
{%- endif %}

/// Decodes an upstream JSON value into the expected shape, or `invalid_response`. It reads
/// the value in place: callers keep it for `raw_data` without a copy of the page.
pub fn decode<T: DeserializeOwned>(value: &Value) -> ConnectorResult<T> {
    T::deserialize(value).map_err(|error| {
        ConnectorError::with_kind(
            ErrorKind::InvalidResponse,
            {% raw %}format!("Unexpected response shape from the API: {error}"){% endraw %},
        )
    })
}

impl {{crate_name | pascal_case}}Client {
    /// Builds a client from the request's settings and credential.
    pub fn new<P>(request: &Request<P, Settings>) -> ConnectorResult<Self> {
{%- if auth == "oauth" %}
        // OAuth 2.0: Lumos runs the authorization flow and sends the access token.
        let auth = Auth::Bearer(request.oauth()?.access_token.clone());
{%- endif %}
{%- if auth == "oauth-client-credentials" %}
        // OAuth 2.0 client credentials: Lumos obtains the access token with the client id
        // and secret and sends it along.
        let auth = Auth::Bearer(request.oauth_client_credentials()?.access_token.clone());
{%- endif %}
{%- if auth == "basic" %}
        // HTTP Basic authentication with the admin's username and password.
        let credential = request.basic()?;
        let auth = Auth::Basic {
            username: credential.username.clone(),
            password: credential.password.clone(),
        };
{%- endif %}
{%- if auth == "token" %}
        // An API token, sent as a bearer token. Adapt: if the API wants another header (for
        // example `X-Api-Key`), use `Auth::Header { name, value }` instead.
        let auth = Auth::Bearer(request.token()?.token.clone());
{%- endif %}
{%- if auth == "jwt" %}
        // A JWT signed with the algorithm its header names (HS*, RS*, PS*, ES256/384, EdDSA)
        // and the credential's secret or PEM key, sent as a bearer token.
        let auth = Auth::Bearer(connector_sdk::auth::sign_jwt(request.jwt()?)?);
{%- endif %}
        let http = HttpClient::builder()
            // A bad URL is reported as an `invalid_value` error naming this setting.
            .base_url_from_setting("base_url", &request.settings.base_url)
            .app(constants::APP_ID, env!("CARGO_PKG_VERSION"))
            .auth(auth)
            .build()?;
        Ok(Self { http })
    }

    /// `GET /me`: proves the credential works and names the tenant.
    pub async fn me(&self) -> ConnectorResult<Value> {
        self.http.get_json(constants::ME, &[]).await
    }
{%- if list_accounts or list_resources or list_entitlements or find_entitlement_associations or list_custom_attributes_schema or get_account_entitlement_associations %}
{%- if pagination == "offset" %}

    /// `GET <endpoint>?limit=&offset=`: one page of a list endpoint, as raw JSON.
    pub async fn list_page(
        &self,
        endpoint: &str,
        offset: u64,
        limit: u64,
    ) -> ConnectorResult<Value> {
        let query = [("limit", limit.to_string()), ("offset", offset.to_string())];
        self.http.get_json(endpoint, &query).await
    }
{%- endif %}
{%- if pagination == "page" %}

    /// `GET <endpoint>?page=&per_page=`: one page of a list endpoint, as raw JSON.
    pub async fn list_page(
        &self,
        endpoint: &str,
        page: u64,
        per_page: u64,
    ) -> ConnectorResult<Value> {
        let query = [
            ("page", page.to_string()),
            ("per_page", per_page.to_string()),
        ];
        self.http.get_json(endpoint, &query).await
    }
{%- endif %}
{%- if pagination == "cursor" %}

    /// `GET <endpoint>?limit=&cursor=`: one page of a list endpoint, as raw JSON; the first
    /// page is asked for without a cursor.
    pub async fn list_page(
        &self,
        endpoint: &str,
        cursor: Option<&str>,
        limit: u64,
    ) -> ConnectorResult<Value> {
        let mut query = vec![("limit", limit.to_string())];
        if let Some(cursor) = cursor {
            query.push(("cursor", cursor.to_owned()));
        }
        self.http.get_json(endpoint, &query).await
    }
{%- endif %}
{%- endif %}
{%- if get_last_activity %}

    /// `GET /users/{id}/last-activity`.
    pub async fn last_activity(&self, user_id: &str) -> ConnectorResult<ApiLastActivity> {
        let path = user_path(user_id, "last-activity");
        decode(&self.http.get_json(&path, &[]).await?)
    }
{%- endif %}
{%- if get_account %}

    /// `GET /users/{id}`: one user, as raw JSON.
    pub async fn user(&self, user_id: &str) -> ConnectorResult<Value> {
        self.http.get_json(&user_path(user_id, ""), &[]).await
    }
{%- endif %}
{%- if list_updated_accounts %}

    /// `GET /users/changes?cursor=` (else `?since=`, else from the start): the users changed
    /// since then and the next cursor, as raw JSON.
    pub async fn user_changes(
        &self,
        cursor: Option<&str>,
        since: Option<&str>,
    ) -> ConnectorResult<Value> {
        let query: Vec<(&str, String)> = match (cursor, since) {
            (Some(cursor), _) => vec![("cursor", cursor.to_owned())],
            (None, Some(since)) => vec![("since", since.to_owned())],
            (None, None) => Vec::new(),
        };
        self.http.get_json(constants::USER_CHANGES, &query).await
    }
{%- endif %}
{%- if update_account %}

    /// `PATCH /users/{id}`: changes the fields of `body` and returns the user.
    pub async fn update_user(&self, user_id: &str, body: &Value) -> ConnectorResult<ApiUser> {
        decode(&self.http.patch_json(&user_path(user_id, ""), body).await?)
    }
{%- endif %}
{%- if create_account %}

    /// `POST /users`: creates a user and returns it.
    pub async fn create_user(&self, body: &Value) -> ConnectorResult<ApiUser> {
        decode(&self.http.post_json(constants::USERS, body).await?)
    }
{%- endif %}
{%- if delete_account %}

    /// `DELETE /users/{id}`.
    pub async fn delete_user(&self, user_id: &str) -> ConnectorResult<()> {
        self.http.delete(&user_path(user_id, "")).await
    }
{%- endif %}
{%- if activate_account %}

    /// `POST /users/{id}/activate`.
    pub async fn activate_user(&self, user_id: &str) -> ConnectorResult<()> {
        self.post_empty(&user_path(user_id, "activate")).await
    }
{%- endif %}
{%- if deactivate_account %}

    /// `POST /users/{id}/deactivate`.
    pub async fn deactivate_user(&self, user_id: &str) -> ConnectorResult<()> {
        self.post_empty(&user_path(user_id, "deactivate")).await
    }
{%- endif %}
{%- if create_account or assign_entitlement %}

    /// `PUT /users/{id}/roles/{role}`: grants a role.
    pub async fn grant_role(&self, user_id: &str, role_id: &str) -> ConnectorResult<()> {
        let path = user_path(user_id, &role_segment(role_id));
        let _: Value = self.http.put_json(&path, &serde_json::json!({})).await?;
        Ok(())
    }
{%- endif %}
{%- if unassign_entitlement %}

    /// `DELETE /users/{id}/roles/{role}`: revokes a role.
    pub async fn revoke_role(&self, user_id: &str, role_id: &str) -> ConnectorResult<()> {
        let path = user_path(user_id, &role_segment(role_id));
        self.http.delete(&path).await
    }
{%- endif %}
{%- if activate_account or deactivate_account %}

    /// `POST <path>` with an empty JSON body, ignoring the answer's body (`Value` reads any
    /// JSON, and a `204` without a body as `null`).
    ///
    /// Adapt: an API that changes a status field instead takes a partial update, e.g.
    /// `self.http.patch_json::<_, Value>(&user_path(id, ""), &json!({"status": "suspended"}))`.
    async fn post_empty(&self, path: &str) -> ConnectorResult<()> {
        let _: Value = self.http.post_json(path, &serde_json::json!({})).await?;
        Ok(())
    }
{%- endif %}
}
{%- if get_last_activity or create_account or delete_account or activate_account or deactivate_account or assign_entitlement or unassign_entitlement or get_account or update_account or get_account_entitlement_associations %}

/// `/users/{id}[/suffix]`, with the id percent-encoded so that it stays one path segment.
pub fn user_path(user_id: &str, suffix: &str) -> String {
    let mut path = String::from(constants::USERS);
    path.push('/');
    path.push_str(&connector_sdk::http::path_segment(user_id));
    if !suffix.is_empty() {
        path.push('/');
        path.push_str(suffix);
    }
    path
}
{%- endif %}
{%- if create_account or assign_entitlement or unassign_entitlement %}

/// `roles/{role}`, with the role id percent-encoded so that it stays one path segment.
fn role_segment(role_id: &str) -> String {
    let mut segment = String::from("roles/");
    segment.push_str(&connector_sdk::http::path_segment(role_id));
    segment
}
{%- endif %}
{% endif %}