//! The upstream API of `core-demo`: an HTTP client with the request's credential, and the
//! shapes of the answers.

use std::time::Duration;

use connector_sdk::error::{ConnectorError, ConnectorResult, ErrorKind};
use connector_sdk::http::{
    path_segment, Auth, HttpClient, HttpClientBuilder, Method, RateLimitConfig, RequestOptions,
    RetryPolicy,
};
use connector_sdk::models::AccountStatus;
use connector_sdk::request::Request;
use connector_sdk::secret::Secret;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

use super::settings::CoreDemoSettings;

/// Id of the OAuth credential.
pub const OAUTH_CREDENTIAL: &str = "core_demo_oauth";
/// Id of the API-token credential.
pub const TOKEN_CREDENTIAL: &str = "core_demo_token";
/// How long the upstream may stay silent before a call fails with `request_timeout`.
const TIMEOUT: Duration = Duration::from_secs(2);
/// The upstream's rate limit, as the reference's core-demo declares it for `list_resources`.
const REQUESTS_PER_MINUTE: u32 = 100;

/// A client for the tenant's API, authenticated with whichever credential the request carries.
pub struct Api {
    client: HttpClient,
}

impl Api {
    /// The client for this request's tenant and credential.
    pub fn new<P>(request: &Request<P, CoreDemoSettings>) -> ConnectorResult<Self> {
        let client = Self::builder(request)?.build()?;
        Ok(Self { client })
    }

    /// [`Api::new`] with the upstream's rate limit (config id `core-demo`): it waits instead of
    /// exceeding it, and the envelope reports its state.
    pub fn rate_limited<P>(request: &Request<P, CoreDemoSettings>) -> ConnectorResult<Self> {
        let limits = RateLimitConfig::new(
            super::integration::APP_ID,
            REQUESTS_PER_MINUTE,
            Duration::from_secs(60),
        );
        let client = Self::builder(request)?.rate_limit(limits).build()?;
        Ok(Self { client })
    }

    fn builder<P>(request: &Request<P, CoreDemoSettings>) -> ConnectorResult<HttpClientBuilder> {
        Ok(HttpClient::builder()
            .app(super::integration::APP_ID, super::integration::VERSION)
            .base_url(&request.settings.base_url)
            .auth(Auth::bearer(bearer_token(request)?))
            .connect_timeout(TIMEOUT)
            .read_timeout(TIMEOUT)
            // The upstream's 429/503 answers go straight back to the host, which owns the
            // retry policy (and the recorded runs show a single call each).
            .retry(RetryPolicy::none()))
    }

    /// `GET path?query`, the answer as JSON.
    pub async fn get(&self, path: &str, query: &[(&str, String)]) -> ConnectorResult<Value> {
        self.client.get_json(path, query).await
    }

    /// `POST path` without a body, the answer as JSON.
    pub async fn post(&self, path: &str) -> ConnectorResult<Value> {
        self.client
            .send(Method::POST, path, RequestOptions::new())
            .await?
            .json()
    }

    /// `POST path` with a JSON body, the answer as JSON.
    pub async fn post_json(&self, path: &str, body: &Value) -> ConnectorResult<Value> {
        self.client.post_json(path, body).await
    }

    /// `PUT path` without a body; the answer (204) is not read.
    pub async fn put(&self, path: &str) -> ConnectorResult<()> {
        self.client
            .send(Method::PUT, path, RequestOptions::new())
            .await
            .map(drop)
    }

    /// `DELETE path`; the answer (204) is not read.
    pub async fn delete(&self, path: &str) -> ConnectorResult<()> {
        self.client.delete(path).await
    }
}

/// The token to send as `Authorization: Bearer`: the OAuth access token or the API token.
/// The runtime already checked that one of the two allowed credentials is present.
fn bearer_token<P>(request: &Request<P, CoreDemoSettings>) -> ConnectorResult<Secret> {
    let oauth = request
        .credential(OAUTH_CREDENTIAL)
        .and_then(|c| c.oauth.as_ref())
        .map(|c| c.access_token.clone());
    let token = request
        .credential(TOKEN_CREDENTIAL)
        .and_then(|c| c.token.as_ref())
        .map(|c| c.token.clone());
    oauth.or(token).ok_or_else(|| {
        ConnectorError::with_kind(
            ErrorKind::Authentication,
            "The request carries neither the OAuth nor the token credential",
        )
    })
}

/// `/users/{id}` with the id encoded as one path segment.
pub fn user_path(id: &str) -> String {
    format!("/users/{}", path_segment(id))
}

/// Reads an upstream JSON answer into its expected shape; a mismatch is the upstream's
/// fault (`invalid_response`).
pub fn parse<T: DeserializeOwned>(value: &Value) -> ConnectorResult<T> {
    T::deserialize(value).map_err(|e| {
        ConnectorError::with_kind(
            ErrorKind::InvalidResponse,
            format!("The upstream answer has an unexpected shape: {e}"),
        )
    })
}

/// `GET /me`.
#[derive(Debug, Deserialize)]
pub struct Me {
    /// The tenant's stable id.
    pub tenant: String,
}

/// One user of `GET /users` and `POST /users`.
#[derive(Debug, Deserialize)]
pub struct User {
    /// The user's id.
    pub id: String,
    /// Email address.
    pub email: Option<String>,
    /// First name.
    pub first: Option<String>,
    /// Last name.
    pub last: Option<String>,
    /// Whether the user may sign in.
    pub status: UserStatus,
}

/// A user's status upstream.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UserStatus {
    /// May sign in.
    Active,
    /// Blocked.
    Suspended,
}

impl From<UserStatus> for AccountStatus {
    fn from(status: UserStatus) -> Self {
        match status {
            UserStatus::Active => AccountStatus::Active,
            UserStatus::Suspended => AccountStatus::Suspended,
        }
    }
}

/// `GET /users?offset=&limit=`.
#[derive(Debug, Deserialize)]
pub struct UsersPage {
    /// This page's users.
    pub users: Vec<User>,
    /// Whether more users follow.
    pub has_more: bool,
}

/// `POST /users/{id}/activate` and `/deactivate`.
#[derive(Debug, Deserialize)]
pub struct UserState {
    /// The status after the change.
    pub status: UserStatus,
}

/// `GET /groups`.
#[derive(Debug, Deserialize)]
pub struct Groups {
    /// Every group.
    pub groups: Vec<Group>,
}

/// One group.
#[derive(Debug, Deserialize)]
pub struct Group {
    /// The group's id.
    pub id: String,
    /// Display name.
    pub name: String,
}

/// `GET /roles`.
#[derive(Debug, Deserialize)]
pub struct Roles {
    /// Every role.
    pub roles: Vec<Role>,
}

/// One role: global (`group_id` null) or scoped to a group.
#[derive(Debug, Deserialize)]
pub struct Role {
    /// The role's id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// `ROLE` (global) or `GROUP_MEMBER` (scoped to a group): the entitlement type.
    #[serde(rename = "type")]
    pub kind: String,
    /// The group a scoped role belongs to.
    pub group_id: Option<String>,
}

/// `GET /memberships`.
#[derive(Debug, Deserialize)]
pub struct Memberships {
    /// Every membership.
    pub memberships: Vec<Membership>,
}

/// A user holding a role.
#[derive(Debug, Deserialize)]
pub struct Membership {
    /// The user.
    pub user_id: String,
    /// The role held.
    pub role_id: String,
    /// The group of a scoped role.
    pub group_id: Option<String>,
}

/// `GET /users/{id}/last-login`.
#[derive(Debug, Deserialize)]
pub struct LastLogin {
    /// ISO-8601 time of the last sign-in; null if the user never signed in.
    pub last_login: Option<String>,
}
