//! HTTP client for the Example API: authentication, base URL and one
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
use crate::settings::ExampleSettings as Settings;

/// Client for one capability call, authenticated with the request's credential.
#[derive(Debug, Clone)]
pub struct ExampleClient {
    http: HttpClient,
}

/// One page of a list endpoint: `{"items": [...], "has_more": bool}`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ApiPage<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// Whether another page follows.
    #[serde(default)]
    pub has_more: bool,
}

/// The API's answer to `GET /me`.
///
/// Adapt: an API without such an endpoint needs none of this; `validate_credentials` says
/// what to do instead.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct ApiMe {
    /// Identifies the customer's tenant; becomes `unique_tenant_id`.
    pub tenant_id: String,
}

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

/// Decodes an upstream JSON value into the expected shape, or `invalid_response`. It reads
/// the value in place: callers keep it for `raw_data` without a copy of the page.
pub fn decode<T: DeserializeOwned>(value: &Value) -> ConnectorResult<T> {
    T::deserialize(value).map_err(|error| {
        ConnectorError::with_kind(
            ErrorKind::InvalidResponse,
            format!("Unexpected response shape from the API: {error}"),
        )
    })
}

impl ExampleClient {
    /// Builds a client from the request's settings and credential.
    pub fn new<P>(request: &Request<P, Settings>) -> ConnectorResult<Self> {
        // OAuth 2.0: Lumos runs the authorization flow and sends the access token.
        let auth = Auth::Bearer(request.oauth()?.access_token.clone());
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

    /// `GET /users/{id}/last-activity`.
    pub async fn last_activity(&self, user_id: &str) -> ConnectorResult<ApiLastActivity> {
        let path = user_path(user_id, "last-activity");
        decode(&self.http.get_json(&path, &[]).await?)
    }

    /// `POST /users`: creates a user and returns it.
    pub async fn create_user(&self, body: &Value) -> ConnectorResult<ApiUser> {
        decode(&self.http.post_json(constants::USERS, body).await?)
    }

    /// `DELETE /users/{id}`.
    pub async fn delete_user(&self, user_id: &str) -> ConnectorResult<()> {
        self.http.delete(&user_path(user_id, "")).await
    }

    /// `POST /users/{id}/activate`.
    pub async fn activate_user(&self, user_id: &str) -> ConnectorResult<()> {
        self.post_empty(&user_path(user_id, "activate")).await
    }

    /// `POST /users/{id}/deactivate`.
    pub async fn deactivate_user(&self, user_id: &str) -> ConnectorResult<()> {
        self.post_empty(&user_path(user_id, "deactivate")).await
    }

    /// `PUT /users/{id}/roles/{role}`: grants a role.
    pub async fn grant_role(&self, user_id: &str, role_id: &str) -> ConnectorResult<()> {
        let path = user_path(user_id, &role_segment(role_id));
        let _: Value = self.http.put_json(&path, &serde_json::json!({})).await?;
        Ok(())
    }

    /// `DELETE /users/{id}/roles/{role}`: revokes a role.
    pub async fn revoke_role(&self, user_id: &str, role_id: &str) -> ConnectorResult<()> {
        let path = user_path(user_id, &role_segment(role_id));
        self.http.delete(&path).await
    }

    /// `POST <path>` with an empty JSON body, ignoring the answer's body (`Value` reads any
    /// JSON, and a `204` without a body as `null`).
    ///
    /// Adapt: an API that changes a status field instead takes a partial update, e.g.
    /// `self.http.patch_json::<_, Value>(&user_path(id, ""), &json!({"status": "suspended"}))`.
    async fn post_empty(&self, path: &str) -> ConnectorResult<()> {
        let _: Value = self.http.post_json(path, &serde_json::json!({})).await?;
        Ok(())
    }
}

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

/// `roles/{role}`, with the role id percent-encoded so that it stays one path segment.
fn role_segment(role_id: &str) -> String {
    let mut segment = String::from("roles/");
    segment.push_str(&connector_sdk::http::path_segment(role_id));
    segment
}
