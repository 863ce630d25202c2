//! SCIM 2.0 (RFC 7643 schemas, RFC 7644 protocol) for connectors of SCIM apps; behind the
//! `scim` cargo feature.
//!
//! A SCIM connector's capabilities become mapping code: [`ScimClient`] does the requests,
//! paging through the connector's page token, error bodies and id encoding; [`account_from_user`],
//! [`entitlement_from_group`] and [`association_from_membership`] are default mappings to copy
//! and adapt.
//!
//! ```no_run
//! use connector_sdk::error::ConnectorResult;
//! use connector_sdk::http::{Auth, HttpClient};
//! use connector_sdk::models::FoundAccountData;
//! use connector_sdk::pagination::NextPageToken;
//! use connector_sdk::scim::{self, PatchOp, ScimClient, ScimUser, MultiValue, ScimName};
//!
//! # async fn demo(token: Option<&str>) -> ConnectorResult<()> {
//! let http = HttpClient::builder()
//!     .base_url("https://example.com/scim/v2")
//!     .auth(Auth::bearer("token"))
//!     .build()?;
//! let scim = ScimClient::new(http);
//!
//! // validate_credentials: 401 becomes `unauthorized`, 403 `permission_denied`.
//! scim.check_access().await?;
//!
//! // list_accounts: one page per call, resuming from the request's page token.
//! let page = scim.users_page(token, 100).await?;
//! let accounts: Vec<FoundAccountData> = page.items.iter().map(scim::account_from_user).collect();
//! let next: Option<NextPageToken> = page.next; // `None` on the last page
//!
//! // create_account
//! let new_user = ScimUser {
//!     name: Some(ScimName { given_name: Some("Barbara".into()), ..Default::default() }),
//!     emails: vec![MultiValue::primary_work("bjensen@example.com")],
//!     active: Some(true),
//!     ..ScimUser::new("bjensen")
//! };
//! let created = scim.create_user(&new_user).await?;
//!
//! // assign_entitlement / unassign_entitlement on a group
//! scim.add_group_members("e9e30dba", &[&created.id]).await?;
//! scim.remove_group_member("e9e30dba", &created.id).await?;
//!
//! // deactivate_account (`204` answers no user: the change is applied as asked), and any
//! // other PATCH
//! let after = scim.set_user_active(&created.id, false).await?;
//! let status = scim::account_status(after.and_then(|user| user.active).or(Some(false)));
//! let _: Option<ScimUser> = scim
//!     .patch(&ScimClient::resource_path(scim::USERS, &created.id), &PatchOp::replace("title", "Tour Guide".into()))
//!     .await?;
//! # let _ = (accounts, next, status); Ok(()) }
//! ```
//!
//! # Choices
//!
//! * **Hand-written types.** The wire shapes are a few serde structs (`ListResponse`,
//!   `PatchOp`, `Error`, `User`, `Group`); the Rust SCIM crates model the server side with
//!   strict, validated types (required `totalResults` or `userName`, booleans only as JSON
//!   booleans) and bring their own dependencies, while a client must read what real servers
//!   send. This module adds no dependency to the SDK.
//! * **Tolerant reading, exact writing.** Absent or `null` attributes read as absent,
//!   `"True"` and `"12"` read as `true` and `12`, unknown attributes are kept
//!   ([`ScimUser::extra`]) and written back; new resources and PATCH bodies contain only the
//!   members set.
//! * **Paging** (see [`next_start_index`]): `startIndex` advances by what the server
//!   actually returned; the walk ends on an empty page or when `totalResults` is reached.
//! * **Memberships** (see [`ScimClient::memberships_page`]): SCIM cannot page a group's
//!   `members`; the page token carries which group and which member comes next.
//! * **Errors** (see [`error_from_response`]): the SDK's HTTP status mapping, with the
//!   server's `detail` as message and `uniqueness` as `invalid_value`.
//! * **Changed users** (see [`ScimClient::changed_users_page`]): `meta.lastModified gt` the
//!   cursor, which is the newest `meta.lastModified` seen.
//! * **Custom attributes** (see [`ScimClient::custom_attributes_schema`]): the User's and
//!   the Group's schema extensions from `/ResourceTypes` and `/Schemas`, named in SCIM's
//!   fully qualified notation (`urn:…:enterprise:2.0:User:employeeNumber`).
//! * **Ids** are percent-encoded into paths ([`ScimClient::resource_path`]) and quoted in
//!   filters ([`filter::quote`]).

mod changes;
mod client;
mod error;
pub mod filter;
mod group;
mod lenient;
mod list;
mod mapping;
mod members;
mod paging;
mod patch;
mod schemas;
mod timestamp;
pub mod urn;
mod user;

pub use changes::{changes_bound, ScimChanges};
pub use client::{MembersVia, ScimClient, GROUPS, USERS};
pub use error::{error_from_response, ScimErrorBody, UNIQUENESS};
pub use group::ScimGroup;
pub use list::ListResponse;
pub use mapping::{
    account_from_user, account_status, association_from_membership, entitlement_from_group,
};
pub use members::{GroupMembership, MembersSlice};
pub use paging::{next_start_index, ScimPage, ScimPagination};
pub use patch::{PatchKind, PatchOp, PatchOperation};
pub use schemas::{
    custom_attributes_from_group, custom_attributes_from_user, custom_attributes_schema,
    ScimAttribute, ScimSchema, RESOURCE_TYPES, SCHEMAS,
};
pub use user::{MultiValue, ResourceRef, ScimName, ScimUser};
