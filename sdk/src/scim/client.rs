//! [`ScimClient`]: the `/Users` and `/Groups` operations on top of [`HttpClient`].

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::error::error_from_response;
use super::group::ScimGroup;
use super::list::ListResponse;
use super::paging::{next_start_index, resume, ScimPage};
use super::patch::PatchOp;
use super::urn;
use super::user::{ResourceRef, ScimUser};
use crate::error::{ConnectorError, ConnectorResult, ErrorKind};
use crate::http::{path_segment, HttpClient, HttpResponse, Method, RequestOptions};

/// The Users endpoint, relative to the SCIM base URL.
pub const USERS: &str = "/Users";
/// The Groups endpoint, relative to the SCIM base URL.
pub const GROUPS: &str = "/Groups";

/// What SCIM answers are accepted in; `application/json` for servers that only speak that.
const ACCEPT: &str = "application/scim+json, application/json";

/// How the members of one group are read, page by page (see
/// [`ScimClient::memberships_page`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum MembersVia {
    /// `GET /Groups/{id}?attributes=members`, then pages over that list. Works on every
    /// server; each page of a large group re-reads the whole member list.
    #[default]
    GroupResource,
    /// `GET /Users?filter=groups.value eq "{id}"&attributes=id`, paged by the server. Cheap
    /// for huge groups, but only on servers that filter on `groups.value`; nested groups are
    /// not listed.
    UserFilter,
}

/// A SCIM 2.0 client: typed `/Users` and `/Groups` calls, paging through the connector's page
/// token, and SCIM error bodies turned into the protocol's errors
/// ([`error_from_response`](super::error_from_response)).
///
/// Build the [`HttpClient`] with the SCIM base URL (`https://example.com/scim/v2`) and
/// credentials; every id is percent-encoded into paths and quoted in filters. Bodies are sent
/// as `application/scim+json`; `200` with a body and `204` without one are both success.
#[derive(Debug, Clone)]
pub struct ScimClient {
    http: HttpClient,
    exclude_members: bool,
    members_via: MembersVia,
}

impl ScimClient {
    /// A client over `http`, listing groups with their members (the SCIM default) and reading
    /// members through [`MembersVia::GroupResource`].
    pub fn new(http: HttpClient) -> Self {
        Self {
            http,
            exclude_members: false,
            members_via: MembersVia::default(),
        }
    }

    /// Lists groups with `excludedAttributes=members`, for servers that time out or cap the
    /// answer when every group carries its members. Members are then read per group.
    pub fn exclude_members_from_group_lists(mut self, exclude: bool) -> Self {
        self.exclude_members = exclude;
        self
    }

    /// How one group's members are read (default [`MembersVia::GroupResource`]).
    pub fn members_via(mut self, via: MembersVia) -> Self {
        self.members_via = via;
        self
    }

    /// The underlying HTTP client, for endpoints this type does not cover.
    pub fn http(&self) -> &HttpClient {
        &self.http
    }

    pub(crate) fn lists_members(&self) -> bool {
        !self.exclude_members
    }

    pub(crate) fn reads_members_via(&self) -> MembersVia {
        self.members_via
    }

    /// The path of one resource: `endpoint/{id}` with the id percent-encoded.
    pub fn resource_path(endpoint: &str, id: &str) -> String {
        format!("{}/{}", endpoint.trim_end_matches('/'), path_segment(id))
    }

    /// One query of `endpoint`: `startIndex`, `count` and any extra parameters (`filter`,
    /// `attributes`, ...).
    ///
    /// # Errors
    ///
    /// The upstream's failures ([`error_from_response`](super::error_from_response)) and
    /// `invalid_response` for a body that is no `ListResponse` of `T`.
    pub async fn list<T: DeserializeOwned>(
        &self,
        endpoint: &str,
        start_index: u64,
        count: u64,
        query: &[(&str, String)],
    ) -> ConnectorResult<ListResponse<T>> {
        let mut pairs = vec![
            ("startIndex", start_index.max(1).to_string()),
            ("count", count.to_string()),
        ];
        pairs.extend(query.iter().cloned());
        self.send(Method::GET, endpoint, &pairs, None).await?.json()
    }

    /// One page of `endpoint` for a list capability: resumes from `token` (the request's page
    /// token; `None` starts at index 1), asks for `size` resources and returns them with the
    /// next page's token.
    ///
    /// # Errors
    ///
    /// `invalid_page_token` for a token this walk did not make, plus those of
    /// [`Self::list`].
    pub async fn page<T: DeserializeOwned>(
        &self,
        endpoint: &str,
        token: Option<&str>,
        size: u64,
        query: &[(&str, String)],
    ) -> ConnectorResult<ScimPage<T>> {
        let size = size.max(1);
        let (mut stack, current) = resume(token, endpoint)?;
        let list: ListResponse<T> = self
            .list(endpoint, current.start_index, size, query)
            .await?;
        if let Some(next) = next_start_index(&list, current.start_index, size) {
            stack.push(current.at(next));
        }
        Ok(ScimPage {
            items: list.resources,
            next: stack.next_token()?,
        })
    }

    /// One page of `/Users` (see [`Self::page`]); every user has an id.
    ///
    /// # Errors
    ///
    /// Those of [`Self::page`], and `invalid_response` for a user without `id`.
    pub async fn users_page(
        &self,
        token: Option<&str>,
        size: u64,
    ) -> ConnectorResult<ScimPage<ScimUser>> {
        let page = self.page(USERS, token, size, &[]).await?;
        require_ids(&page.items, |user: &ScimUser| &user.id, "user")?;
        Ok(page)
    }

    /// One page of `/Groups` (see [`Self::page`]), without members when the client is set
    /// to [exclude them](Self::exclude_members_from_group_lists); every group has an id.
    ///
    /// # Errors
    ///
    /// Those of [`Self::page`], and `invalid_response` for a group without `id`.
    pub async fn groups_page(
        &self,
        token: Option<&str>,
        size: u64,
    ) -> ConnectorResult<ScimPage<ScimGroup>> {
        let page = self
            .page(GROUPS, token, size, &self.group_list_query())
            .await?;
        require_ids(&page.items, |group: &ScimGroup| &group.id, "group")?;
        Ok(page)
    }

    pub(crate) fn group_list_query(&self) -> Vec<(&'static str, String)> {
        if self.exclude_members {
            vec![("excludedAttributes", "members".to_owned())]
        } else {
            Vec::new()
        }
    }

    /// Checks that the credentials may read users: `GET /Users?startIndex=1&count=1&attributes=id`,
    /// the cheapest authenticated call every SCIM server has (`/ServiceProviderConfig` may be
    /// public). For `validate_credentials`.
    ///
    /// # Errors
    ///
    /// `unauthorized` (401), `permission_denied` (403) and the upstream's other failures.
    pub async fn check_access(&self) -> ConnectorResult<()> {
        let query = [("attributes", "id".to_owned())];
        self.list::<serde_json::Value>(USERS, 1, 1, &query)
            .await
            .map(drop)
    }

    /// `GET /Users/{id}`.
    ///
    /// # Errors
    ///
    /// `not_found` when there is no such user, and the upstream's other failures.
    pub async fn get_user(&self, id: &str) -> ConnectorResult<ScimUser> {
        let path = Self::resource_path(USERS, id);
        self.send(Method::GET, &path, &[], None).await?.json()
    }

    /// `POST /Users`: creates `user` and returns the user as created (with its `id`).
    ///
    /// # Errors
    ///
    /// `invalid_value` naming the attribute when a unique value is taken (409 `uniqueness`),
    /// `invalid_response` when the answer is no user with an id, and the upstream's other
    /// failures.
    pub async fn create_user(&self, user: &ScimUser) -> ConnectorResult<ScimUser> {
        let created: ScimUser = self
            .send(Method::POST, USERS, &[], Some(body(user)?))
            .await
            .map_err(unique_user_hint)?
            .json()?;
        require_ids(std::slice::from_ref(&created), |u| &u.id, "created user")?;
        Ok(created)
    }

    /// `DELETE /Users/{id}`.
    ///
    /// # Errors
    ///
    /// `not_found` when there is no such user, and the upstream's other failures.
    pub async fn delete_user(&self, id: &str) -> ConnectorResult<()> {
        let path = Self::resource_path(USERS, id);
        self.send(Method::DELETE, &path, &[], None).await.map(drop)
    }

    /// Activates or deactivates a user (`PATCH` of `active`). Returns the user when the server
    /// answers with it (`200`), `None` on `204` (the change is then applied as asked:
    /// report `account_status(Some(active))`).
    ///
    /// # Errors
    ///
    /// `not_found` when there is no such user, and the upstream's other failures.
    pub async fn set_user_active(
        &self,
        id: &str,
        active: bool,
    ) -> ConnectorResult<Option<ScimUser>> {
        let path = Self::resource_path(USERS, id);
        self.patch(&path, &PatchOp::set_active(active)).await
    }

    /// Changes a user's attributes: `PATCH /Users/{id}` with `op` (replace operations for the
    /// changed attributes, see [`PatchOp::replace_all`]). Returns the user when the server
    /// answers with it (`200`), `None` on `204` (the change is then applied as asked).
    ///
    /// # Errors
    ///
    /// `not_found` when there is no such user, `invalid_value` naming the attribute when a
    /// new value is taken (409 `uniqueness`, usually `userName`), and the upstream's other
    /// failures (400 `noTarget` when a value-filter path matches nothing, `mutability` for a
    /// read-only attribute).
    pub async fn update_user(&self, id: &str, op: &PatchOp) -> ConnectorResult<Option<ScimUser>> {
        let path = Self::resource_path(USERS, id);
        self.send(Method::PATCH, &path, &[], Some(body(op)?))
            .await
            .map_err(unique_user_hint)?
            .json()
    }

    /// `GET /Groups/{id}`.
    ///
    /// # Errors
    ///
    /// `not_found` when there is no such group, and the upstream's other failures.
    pub async fn get_group(&self, id: &str) -> ConnectorResult<ScimGroup> {
        let path = Self::resource_path(GROUPS, id);
        self.send(Method::GET, &path, &[], None).await?.json()
    }

    /// `POST /Groups`: creates `group` and returns the group as created (with its `id`).
    ///
    /// # Errors
    ///
    /// `invalid_value` when a value the server keeps unique is taken (409 `uniqueness`; not
    /// every server keeps `displayName` unique), `invalid_response` when the answer is no
    /// group with an id, and the upstream's other failures.
    pub async fn create_group(&self, group: &ScimGroup) -> ConnectorResult<ScimGroup> {
        let created: ScimGroup = self
            .send(Method::POST, GROUPS, &[], Some(body(group)?))
            .await?
            .json()?;
        require_ids(std::slice::from_ref(&created), |g| &g.id, "created group")?;
        Ok(created)
    }

    /// All members of a group, in one request (`GET /Groups/{id}?attributes=members`); a group
    /// the server sends without `members` has none.
    ///
    /// # Errors
    ///
    /// `not_found` when there is no such group, and the upstream's other failures.
    pub async fn group_members(&self, id: &str) -> ConnectorResult<Vec<ResourceRef>> {
        let path = Self::resource_path(GROUPS, id);
        let query = [("attributes", "members".to_owned())];
        let group: ScimGroup = self.send(Method::GET, &path, &query, None).await?.json()?;
        Ok(group.members.unwrap_or_default())
    }

    /// Adds users to a group: `PATCH` `add` of `members` with `[{"value": id}, ...]`.
    ///
    /// # Errors
    ///
    /// `not_found` when there is no such group, and the upstream's other failures.
    pub async fn add_group_members(
        &self,
        group_id: &str,
        user_ids: &[&str],
    ) -> ConnectorResult<()> {
        let path = Self::resource_path(GROUPS, group_id);
        let op = PatchOp::add_members(user_ids.iter().copied());
        self.send(Method::PATCH, &path, &[], Some(body(&op)?))
            .await
            .map(drop)
    }

    /// Removes a user from a group: `PATCH` `remove` with the path `members[value eq "id"]`.
    ///
    /// # Errors
    ///
    /// `not_found` when there is no such group, and the upstream's other failures.
    pub async fn remove_group_member(&self, group_id: &str, user_id: &str) -> ConnectorResult<()> {
        let path = Self::resource_path(GROUPS, group_id);
        let op = PatchOp::remove_member(user_id);
        self.send(Method::PATCH, &path, &[], Some(body(&op)?))
            .await
            .map(drop)
    }

    /// `PATCH path` with `op`: the resource the server answers with (`200`), or `None` for
    /// `204` (or an empty body).
    ///
    /// # Errors
    ///
    /// The upstream's failures, and `invalid_response` for a body that is no `T`.
    pub async fn patch<T: DeserializeOwned>(
        &self,
        path: &str,
        op: &PatchOp,
    ) -> ConnectorResult<Option<T>> {
        self.send(Method::PATCH, path, &[], Some(body(op)?))
            .await?
            .json()
    }

    /// Sends one request and turns a failing status into the SCIM-aware error.
    ///
    /// # Errors
    ///
    /// Transport failures as the SDK maps them, and failing statuses through
    /// [`error_from_response`](super::error_from_response).
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<Vec<u8>>,
    ) -> ConnectorResult<HttpResponse> {
        let mut options = RequestOptions::new()
            .query_pairs(query)
            .header("accept", ACCEPT)
            .allow_error_status();
        if let Some(body) = body {
            options = options.body(urn::MEDIA_TYPE, body);
        }
        let response = self.http.send(method, path, options).await?;
        if response.status().is_success() {
            return Ok(response);
        }
        let url = self.http.url(path).map(String::from).unwrap_or_default();
        Err(error_from_response(&response, &url))
    }
}

/// A uniqueness error whose detail named no attribute gets a hint at the likely one:
/// `userName` is the only core User attribute RFC 7643 makes unique.
fn unique_user_hint(error: ConnectorError) -> ConnectorError {
    let is_uniqueness = error
        .app_error_code
        .as_deref()
        .is_some_and(|code| code.eq_ignore_ascii_case("scim.uniqueness"));
    if is_uniqueness && error.hint.is_none() {
        error.with_hint(
            "Another user probably has the same userName (or another value the server keeps \
             unique, such as externalId or an email).",
        )
    } else {
        error
    }
}

/// `value` as a JSON body.
fn body<B: Serialize + ?Sized>(value: &B) -> ConnectorResult<Vec<u8>> {
    serde_json::to_vec(value).map_err(|e| {
        ConnectorError::internal(format!("Failed to serialize the SCIM request body: {e}"))
    })
}

/// `invalid_response` when a resource came back without an id: it could be neither listed
/// nor referenced later.
pub(crate) fn require_ids<T>(
    items: &[T],
    id: impl Fn(&T) -> &String,
    what: &str,
) -> ConnectorResult<()> {
    if items.iter().any(|item| id(item).is_empty()) {
        return Err(ConnectorError::with_kind(
            ErrorKind::InvalidResponse,
            format!("The SCIM server returned a {what} without an id."),
        ));
    }
    Ok(())
}
