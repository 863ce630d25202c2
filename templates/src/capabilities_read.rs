{% if api == "scim" %}//! Read capabilities: {{crate_name | title_case}}'s SCIM users and groups as Lumos accounts,
//! entitlements and associations.
//!
//! `connector_sdk::scim` fetches one page per call and puts where to resume in the page
//! token; the platform calls again with it until `page` is null. What is left here is the
//! mapping. Return errors with `?`: the SDK turns them into the protocol's error envelope.

use connector_sdk::error::ConnectorResult;
use connector_sdk::models::*;
use connector_sdk::request::{Request, Response};
{%- if list_accounts or list_entitlements or find_entitlement_associations or get_account or list_updated_accounts %}
use connector_sdk::scim;
{%- endif %}

use crate::client::scim_client;
{%- if list_accounts or list_entitlements or find_entitlement_associations or list_updated_accounts %}
use crate::constants;
{%- endif %}
{%- if list_entitlements %}
use crate::enums;
{%- endif %}
use crate::settings::{{crate_name | pascal_case}}Settings;

/// The request type every capability of this connector receives.
pub type Req<P> = Request<P, {{crate_name | pascal_case}}Settings>;

/// Checks that the credential may read users (`GET /Users?startIndex=1&count=1`: the SCIM
/// discovery endpoints may answer without authentication) and names the tenant by its SCIM
/// base URL.
///
/// Adapt: if the app has a tenant id of its own (in the base URL's host or path), return that
/// instead: Lumos uses it to recognise the same tenant across connections.
pub async fn validate_credentials(
    request: Req<ValidateCredentials>,
) -> ConnectorResult<Response<ValidatedCredentials>> {
    scim_client(&request)?.check_access().await?;
    Ok(Response::new(ValidatedCredentials {
        valid: true,
        unique_tenant_id: tenant_id(&request.settings.base_url),
    }))
}

/// The base URL without its scheme and trailing slashes: `example.com/scim/v2`.
fn tenant_id(base_url: &str) -> String {
    let url = base_url.trim();
    let url = url
        .split_once("://")
        .map_or(url, |(_scheme, rest)| rest)
        .trim_end_matches('/');
    url.to_ascii_lowercase()
}
{%- if list_accounts or list_entitlements or find_entitlement_associations or list_updated_accounts %}

/// Items per page: the caller's size, else the `page_size` setting, else the default; at most
/// [`constants::MAX_PAGE_SIZE`].
fn page_size<P>(request: &Req<P>) -> u64 {
    let default = request
        .settings
        .page_size
        .unwrap_or(constants::DEFAULT_PAGE_SIZE);
    request.page_size(default, constants::MAX_PAGE_SIZE)
}
{%- endif %}
{%- if list_accounts %}

/// Lists `/Users`, one page per call: `userName`, `name`, the primary (else first) email and
/// `active` as status; `userType`, `displayName` and `externalId` go to `extra_data`.
///
/// Adapt: the mapping, when the app keeps something in other attributes (an enterprise
/// extension, a custom `userType`): copy `scim::account_from_user` here and change it.
pub async fn list_accounts(
    request: Req<ListAccounts>,
) -> ConnectorResult<Response<Vec<FoundAccountData>>> {
    let size = page_size(&request);
    let page = scim_client(&request)?
        .users_page(request.page_token(), size)
        .await?;
{%- if list_custom_attributes_schema %}
    let wanted = request.request.custom_attributes.as_deref();
    let accounts = page
        .items
        .iter()
        .map(|user| account(user, wanted))
        .collect();
{%- else %}
    let accounts = page.items.iter().map(scim::account_from_user).collect();
{%- endif %}
    Ok(Response::new(accounts).with_next_page(page.next, size))
}
{%- endif %}
{%- if list_custom_attributes_schema %}
{%- if list_accounts or get_account or list_updated_accounts %}

/// A user as an account (`scim::account_from_user`), with the custom attributes among
/// `wanted` that it has (named as `list_custom_attributes_schema` names them).
fn account(user: &scim::ScimUser, wanted: Option<&[String]>) -> FoundAccountData {
    FoundAccountData {
        custom_attributes: scim::custom_attributes_from_user(user, wanted),
        ..scim::account_from_user(user)
    }
}
{%- endif %}
{%- endif %}
{%- if list_resources %}

/// Lists the app itself as the one resource: SCIM grants access through groups, which are
/// entitlements on the global resource (type and id `""`).
pub async fn list_resources(
    _request: Req<ListResources>,
) -> ConnectorResult<Response<Vec<FoundResourceData>>> {
    Ok(Response::new(vec![FoundResourceData {
        integration_specific_id: String::new(),
        label: "{{crate_name | title_case}}".to_owned(),
        description: None,
        resource_type: String::new(),
        extra_data: None,
    }]))
}
{%- endif %}
{%- if list_entitlements %}

/// Lists each `/Groups` entry as a membership entitlement, one page per call.
///
/// Adapt: the label, if the app's group names need a prefix or the groups are really roles.
pub async fn list_entitlements(
    request: Req<ListEntitlements>,
) -> ConnectorResult<Response<Vec<FoundEntitlementData>>> {
    let size = page_size(&request);
    let page = scim_client(&request)?
        .groups_page(request.page_token(), size)
        .await?;
{%- if list_custom_attributes_schema %}
    let wanted = request.request.custom_attributes.as_deref();
    let entitlements = page
        .items
        .iter()
        .map(|group| FoundEntitlementData {
            custom_attributes: scim::custom_attributes_from_group(group, wanted),
            ..scim::entitlement_from_group(group, enums::GROUP_MEMBER)
        })
        .collect();
{%- else %}
    let entitlements = page
        .items
        .iter()
        .map(|group| scim::entitlement_from_group(group, enums::GROUP_MEMBER))
        .collect();
{%- endif %}
    Ok(Response::new(entitlements).with_next_page(page.next, size))
}
{%- endif %}
{%- if find_entitlement_associations %}

/// Lists group memberships, one page per call: the page token says which group and which
/// member come next, so groups of any size are walked in pages. Nested groups are left out.
pub async fn find_entitlement_associations(
    request: Req<FindEntitlementAssociations>,
) -> ConnectorResult<Response<Vec<FoundEntitlementAssociation>>> {
    let size = page_size(&request);
    let page = scim_client(&request)?
        .memberships_page(request.page_token(), size)
        .await?;
    let associations = page
        .items
        .iter()
        .map(scim::association_from_membership)
        .collect();
    Ok(Response::new(associations).with_next_page(page.next, size))
}
{%- endif %}
{%- if get_account %}

/// Gets one user (`GET /Users/{id}`) as an account, mapped as `list_accounts` maps them; an
/// unknown id is `not_found`.
pub async fn get_account(request: Req<GetAccount>) -> ConnectorResult<Response<FoundAccountData>> {
    let user = scim_client(&request)?
        .get_user(&request.request.account_id)
        .await?;
{%- if list_custom_attributes_schema %}
    let wanted = request.request.custom_attributes.as_deref();
    Ok(Response::new(account(&user, wanted)))
{%- else %}
    Ok(Response::new(scim::account_from_user(&user)))
{%- endif %}
}
{%- endif %}
{%- if get_account_entitlement_associations %}

/// Lists the groups one user is a member of (the user's `groups` attribute), as associations
/// with the group-membership entitlements of `list_entitlements`.
pub async fn get_account_entitlement_associations(
    request: Req<GetAccountEntitlementAssociations>,
) -> ConnectorResult<Response<Vec<FoundEntitlementAssociation>>> {
    let account_id = &request.request.account_id;
    let user = scim_client(&request)?.get_user(account_id).await?;
    let associations = user
        .groups
        .iter()
        .map(|group| FoundEntitlementAssociation {
            account_id: account_id.clone(),
            integration_specific_entitlement_id: group.value.clone(),
            integration_specific_resource_id: String::new(),
        })
        .collect();
    Ok(Response::new(associations))
}
{%- endif %}
{%- if list_custom_attributes_schema %}

/// Lists the attributes of the User and Group resources' schema extensions (the enterprise
/// extension, the app's own schemas) as account and entitlement custom attributes:
/// `GET /ResourceTypes` names the extensions, `GET /Schemas` defines them. Each is named in
/// SCIM's notation, `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber`
/// (a sub-attribute after a dot: `...:manager.value`), and the account and entitlement lists
/// fill in those the platform asks for.
///
/// Adapt: leave out attributes Lumos should not see, or add the app's core attributes that
/// matter (`urn:ietf:params:scim:schemas:core:2.0:User:title` is found by the same names).
pub async fn list_custom_attributes_schema(
    request: Req<ListCustomAttributesSchema>,
) -> ConnectorResult<Response<Vec<CustomAttributeSchema>>> {
    let schema = scim_client(&request)?.custom_attributes_schema().await?;
    Ok(Response::new(schema))
}
{%- endif %}
{%- if list_updated_accounts %}

/// Lists the users changed after the request's cursor (else its `since`; with neither, every
/// user), one page per call: `GET /Users?filter=meta.lastModified gt "<cursor>"`. The cursor
/// returned is the newest `meta.lastModified` seen (on pages before the last, the one the
/// walk started from), so the next call asks for what changed after it. A cursor or `since`
/// that is no RFC 3339 date-time is `invalid_value`, before any request.
///
/// Adapt: if the server cannot filter on `meta.lastModified` (it answers 400
/// `invalidFilter`), use the app's own change feed.
pub async fn list_updated_accounts(
    request: Req<ListUpdatedAccounts>,
) -> ConnectorResult<Response<UpdatedAccounts>> {
    let asked = &request.request;
    let after = scim::changes_bound(asked.cursor.as_deref(), asked.since.as_deref())?;
    let size = page_size(&request);
    let page = scim_client(&request)?
        .changed_users_page(request.page_token(), after, size)
        .await?;
{%- if list_custom_attributes_schema %}
    let wanted = asked.custom_attributes.as_deref();
    let accounts = page
        .items
        .iter()
        .map(|user| account(user, wanted))
        .collect();
{%- else %}
    let accounts = page.items.iter().map(scim::account_from_user).collect();
{%- endif %}
    Ok(Response::new(UpdatedAccounts {
        accounts,
        cursor: page.cursor,
    })
    .with_next_page(page.next, size))
}
{%- endif %}
{% else %}//! Read capabilities: translate {{crate_name | title_case}}'s API answers into Lumos's data shapes.
//!
//! Start with `validate_credentials`: it is the minimum viable connector. Each list
//! capability fetches one page per call; the platform calls again with the returned page
//! token until `page` is null. Return errors with `?`: the SDK turns them into the
//! protocol's error envelope.

use connector_sdk::error::ConnectorResult;
use connector_sdk::models::*;
{%- if list_accounts or list_resources or list_entitlements or find_entitlement_associations or list_custom_attributes_schema or get_account_entitlement_associations %}
use connector_sdk::pagination::{NextPageToken, Paginations};
{%- endif %}
use connector_sdk::request::{Request, Response};
{%- if list_accounts or list_resources or list_entitlements or find_entitlement_associations or list_custom_attributes_schema or get_account_entitlement_associations %}
use serde::de::DeserializeOwned;
use serde_json::Value;
{%- endif %}

use crate::client::{self, {{crate_name | pascal_case}}Client as Client};
{%- if list_accounts or list_resources or list_entitlements or find_entitlement_associations or list_custom_attributes_schema %}
use crate::constants;
{%- endif %}
{%- if list_resources or list_entitlements %}
use crate::enums;
{%- endif %}
{%- if list_accounts or list_resources or list_entitlements or find_entitlement_associations or list_custom_attributes_schema or get_account_entitlement_associations %}
use crate::pagination::{Pagination, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
{%- endif %}
use crate::settings::{{crate_name | pascal_case}}Settings;

/// The request type every capability of this connector receives.
pub type Req<P> = Request<P, {{crate_name | pascal_case}}Settings>;

/// Checks that the credential and settings work and returns a stable tenant id.
///
/// Adapt: call the cheapest authenticated endpoint of the API. An upstream 401 becomes an
/// `unauthorized` error envelope by itself; return `valid: true` otherwise.
///
/// If the API has no `GET /me` naming the tenant: prove the credential with an authenticated
/// list of one item (`GET /users?limit=1`, or whatever list the credential may read; an empty
/// list is fine, only the status matters), and name the tenant by the `base_url` setting,
/// normalised so that the same tenant always gets the same id (the SCIM template does this):
/// `request.settings.base_url.trim().trim_end_matches('/').to_ascii_lowercase()`, without
/// the scheme. Use a tenant id of the API's own when it has one (in a token's claims, in an
/// account endpoint): Lumos recognises the same tenant across connections by it.
pub async fn validate_credentials(
    request: Req<ValidateCredentials>,
) -> ConnectorResult<Response<ValidatedCredentials>> {
    let client = Client::new(&request)?;
    let raw = client.me().await?;
    let me: client::ApiMe = client::decode(&raw)?;
    Ok(Response::new(ValidatedCredentials {
        valid: true,
        unique_tenant_id: me.tenant_id,
    })
    .with_raw_data_if(&request, raw))
}
{%- if list_accounts or list_resources or list_entitlements or find_entitlement_associations or list_custom_attributes_schema or get_account_entitlement_associations %}

/// One page of items from a paginated endpoint, resuming from the request's token.
struct Fetched<T> {
    items: Vec<T>,
    raw: Value,
    next: Option<NextPageToken>,
    size: u64,
}

/// Fetches the page the request's token points at (or the first one) and computes the
/// token of the next page: `None` once
{%- if pagination == "offset" %} the API says `has_more: false`.
{%- endif %}
{%- if pagination == "page" %} the items seen reach the API's `total`.
{%- endif %}
{%- if pagination == "cursor" %} the API gives no `next_cursor`.
{%- endif %}
async fn fetch_page<P, T: DeserializeOwned>(
    request: &Req<P>,
    endpoint: &str,
) -> ConnectorResult<Fetched<T>> {
    let default_size = request.settings.page_size.unwrap_or(DEFAULT_PAGE_SIZE);
{%- if pagination == "page" %}
    let first = Pagination::start(endpoint, request.page_size(default_size, MAX_PAGE_SIZE));
    let mut paginations = Paginations::resume_or_start(request.page_token(), [first.clone()])?;
    let current = paginations.pop().unwrap_or(first);
    // A resumed walk keeps the page size it started with.
    let size = current.page_size;
{%- else %}
    let size = request.page_size(default_size, MAX_PAGE_SIZE);
    let mut paginations =
        Paginations::resume_or_start(request.page_token(), [Pagination::start(endpoint)])?;
    let current = paginations
        .pop()
        .unwrap_or_else(|| Pagination::start(endpoint));
{%- endif %}
    let endpoint = current.endpoint.as_deref().unwrap_or(endpoint);
    let client = Client::new(request)?;
{%- if pagination == "offset" %}
    let raw = client.list_page(endpoint, current.offset, size).await?;
    let page: client::ApiPage<T> = client::decode(&raw)?;
    if page.has_more {
        let count = page.items.len() as u64;
        paginations.push(current.advanced_by(count));
    }
{%- endif %}
{%- if pagination == "page" %}
    let raw = client.list_page(endpoint, current.page, size).await?;
    let page: client::ApiPage<T> = client::decode(&raw)?;
    if let Some(next) = current.next(page.items.len() as u64, page.total) {
        paginations.push(next);
    }
{%- endif %}
{%- if pagination == "cursor" %}
    let raw = client
        .list_page(endpoint, current.cursor.as_deref(), size)
        .await?;
    let page: client::ApiPage<T> = client::decode(&raw)?;
    if let Some(next) = current.next(page.next_cursor)? {
        paginations.push(next);
    }
{%- endif %}
    Ok(Fetched {
        items: page.items,
        // Kept only when asked for: a page's `Value` tree is several times its JSON, and the
        // mapping that follows needs memory too.
        raw: if request.include_raw_data {
            raw
        } else {
            Value::Null
        },
        next: paginations.next_token()?,
        size,
    })
}
{%- endif %}
{%- if list_accounts %}

/// Lists user accounts, one page per call, with the custom attributes the request asks for.
pub async fn list_accounts(
    request: Req<ListAccounts>,
) -> ConnectorResult<Response<Vec<FoundAccountData>>> {
    let page: Fetched<client::ApiUser> = fetch_page(&request, constants::USERS).await?;
    let wanted = request.request.custom_attributes.as_deref();
    let accounts = page.items.into_iter().map(|u| account(u, wanted)).collect();
    Ok(Response::new(accounts)
        .with_next_page(page.next, page.size)
        .with_raw_data_if(&request, page.raw))
}
{%- endif %}
{%- if list_accounts or get_account or list_updated_accounts %}

/// An API user as a Lumos account, with the custom attributes among `wanted`.
///
/// Adapt: map the API's user fields and statuses onto `FoundAccountData`.
fn account(user: client::ApiUser, wanted: Option<&[String]>) -> FoundAccountData {
    FoundAccountData {
        user_status: user.status.as_deref().map(account_status),
        custom_attributes: custom_attributes(&user.attributes, wanted),
        email: user.email,
        given_name: user.given_name,
        family_name: user.family_name,
        username: user.username,
        account_type: Some(AccountType::User),
        ..FoundAccountData::new(user.id)
    }
}

/// Maps the API's status strings onto Lumos's account statuses.
///
/// Adapt: the API's own status values.
fn account_status(status: &str) -> AccountStatus {
    match status {
        "active" => AccountStatus::Active,
        "suspended" | "disabled" => AccountStatus::Suspended,
        "pending" | "invited" => AccountStatus::Pending,
        "deleted" => AccountStatus::Deleted,
        _ => AccountStatus::Inactive,
    }
}
{%- endif %}
{%- if list_accounts or list_entitlements or get_account or list_updated_accounts %}

/// The custom attributes among `wanted` that an item's `attributes` has, as text (see
/// `list_custom_attributes_schema`); `None` when none is asked for or found.
fn custom_attributes(
    attributes: &serde_json::Map<String, serde_json::Value>,
    wanted: Option<&[String]>,
) -> Option<std::collections::BTreeMap<String, String>> {
    let found: std::collections::BTreeMap<String, String> = wanted?
        .iter()
        .filter_map(|name| {
            let text = match attributes.get(name)? {
                serde_json::Value::Null => return None,
                serde_json::Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            Some((name.clone(), text))
        })
        .collect();
    (!found.is_empty()).then_some(found)
}
{%- endif %}
{%- if list_resources %}

/// Lists resources (teams), one page per call.
///
/// Adapt: map the API's resources onto `FoundResourceData`, one `enums` type each.
pub async fn list_resources(
    request: Req<ListResources>,
) -> ConnectorResult<Response<Vec<FoundResourceData>>> {
    let page: Fetched<client::ApiTeam> = fetch_page(&request, constants::TEAMS).await?;
    let resources = page
        .items
        .into_iter()
        .map(|team| FoundResourceData {
            integration_specific_id: team.id,
            label: team.name,
            description: team.description,
            resource_type: enums::TEAM.to_owned(),
            extra_data: None,
        })
        .collect();
    Ok(Response::new(resources)
        .with_next_page(page.next, page.size)
        .with_raw_data_if(&request, page.raw))
}
{%- endif %}
{%- if list_entitlements %}

/// Lists entitlements (roles and team memberships), one page per call, with the custom
/// attributes the request asks for.
///
/// Adapt: map the API's roles and memberships onto `FoundEntitlementData`.
pub async fn list_entitlements(
    request: Req<ListEntitlements>,
) -> ConnectorResult<Response<Vec<FoundEntitlementData>>> {
    let page: Fetched<client::ApiRole> = fetch_page(&request, constants::ROLES).await?;
    let wanted = request.request.custom_attributes.as_deref();
    let entitlements = page
        .items
        .into_iter()
        .map(|role| FoundEntitlementData {
            entitlement_type: if role.team_id.is_some() {
                enums::TEAM_MEMBER.to_owned()
            } else {
                enums::ROLE.to_owned()
            },
            integration_specific_id: role.id,
            integration_specific_resource_id: role.team_id.unwrap_or_default(),
            is_assignable: Some(true),
            label: role.name,
            description: role.description,
            custom_attributes: custom_attributes(&role.attributes, wanted),
            ..FoundEntitlementData::default()
        })
        .collect();
    Ok(Response::new(entitlements)
        .with_next_page(page.next, page.size)
        .with_raw_data_if(&request, page.raw))
}
{%- endif %}
{%- if find_entitlement_associations %}

/// Lists which account holds which entitlement, one page per call.
pub async fn find_entitlement_associations(
    request: Req<FindEntitlementAssociations>,
) -> ConnectorResult<Response<Vec<FoundEntitlementAssociation>>> {
    let page: Fetched<client::ApiRoleAssignment> =
        fetch_page(&request, constants::ROLE_ASSIGNMENTS).await?;
    let associations = page.items.into_iter().map(association).collect();
    Ok(Response::new(associations)
        .with_next_page(page.next, page.size)
        .with_raw_data_if(&request, page.raw))
}
{%- endif %}
{%- if find_entitlement_associations or get_account_entitlement_associations %}

/// An API role assignment as a Lumos association.
///
/// Adapt: map the API's assignments onto `FoundEntitlementAssociation`.
fn association(assignment: client::ApiRoleAssignment) -> FoundEntitlementAssociation {
    FoundEntitlementAssociation {
        account_id: assignment.user_id,
        integration_specific_entitlement_id: assignment.role_id,
        integration_specific_resource_id: assignment.team_id.unwrap_or_default(),
    }
}
{%- endif %}
{%- if get_last_activity %}

/// Reports when each requested account was last active; accounts never active are left out.
///
/// Adapt: if the API has a bulk activity endpoint, use it instead of one call per account.
pub async fn get_last_activity(
    request: Req<GetLastActivity>,
) -> ConnectorResult<Response<Vec<LastActivityData>>> {
    let client = Client::new(&request)?;
    let mut activities = Vec::new();
    for account_id in &request.request.account_ids {
        let activity = client.last_activity(account_id).await?;
        if let (Some(event_type), Some(happened_at)) = (activity.event_type, activity.happened_at) {
            activities.push(LastActivityData {
                account_id: account_id.clone(),
                event_type,
                happened_at,
            });
        }
    }
    Ok(Response::new(activities))
}
{%- endif %}
{%- if get_account %}

/// Gets one account by id (`GET /users/{id}`), with the custom attributes the request asks
/// for; an unknown id is `not_found`.
pub async fn get_account(request: Req<GetAccount>) -> ConnectorResult<Response<FoundAccountData>> {
    let client = Client::new(&request)?;
    let raw = client.user(&request.request.account_id).await?;
    let user: client::ApiUser = client::decode(&raw)?;
    let wanted = request.request.custom_attributes.as_deref();
    Ok(Response::new(account(user, wanted)).with_raw_data_if(&request, raw))
}
{%- endif %}
{%- if list_custom_attributes_schema %}

/// Lists the custom attributes the connector can fill in (`GET /custom-attributes`), one page
/// per call. `list_accounts` and `list_entitlements` fill in those the platform asks for.
///
/// Adapt: the API's attribute types and what each attribute applies to.
pub async fn list_custom_attributes_schema(
    request: Req<ListCustomAttributesSchema>,
) -> ConnectorResult<Response<Vec<CustomAttributeSchema>>> {
    let page: Fetched<client::ApiAttribute> =
        fetch_page(&request, constants::CUSTOM_ATTRIBUTES).await?;
    let schema = page
        .items
        .into_iter()
        .map(|attribute| CustomAttributeSchema {
            customized_type: match attribute.applies_to.as_str() {
                "entitlement" => CustomAttributeCustomizedType::Entitlement,
                "resource" => CustomAttributeCustomizedType::Resource,
                _ => CustomAttributeCustomizedType::Account,
            },
            attribute_type: match attribute.kind.as_str() {
                "boolean" => CustomAttributeType::Boolean,
                "integer" => CustomAttributeType::Integer,
                "datetime" => CustomAttributeType::Datetime,
                "user" => CustomAttributeType::User,
                _ => CustomAttributeType::String,
            },
            name: attribute.name,
            description: attribute.description,
        })
        .collect();
    Ok(Response::new(schema)
        .with_next_page(page.next, page.size)
        .with_raw_data_if(&request, page.raw))
}
{%- endif %}
{%- if get_account_entitlement_associations %}

/// Lists the entitlements one account holds (`GET /users/{id}/role-assignments`), one page
/// per call.
pub async fn get_account_entitlement_associations(
    request: Req<GetAccountEntitlementAssociations>,
) -> ConnectorResult<Response<Vec<FoundEntitlementAssociation>>> {
    let endpoint = client::user_path(&request.request.account_id, "role-assignments");
    let page: Fetched<client::ApiRoleAssignment> = fetch_page(&request, &endpoint).await?;
    let associations = page.items.into_iter().map(association).collect();
    Ok(Response::new(associations)
        .with_next_page(page.next, page.size)
        .with_raw_data_if(&request, page.raw))
}
{%- endif %}
{%- if list_updated_accounts %}

/// Lists the accounts changed since the request's cursor (or its `since` time, or ever), with
/// the cursor of the next call (`GET /users/changes?cursor=` or `?since=`).
///
/// Adapt: the API's change feed; without one, filter `GET /users` by its update time.
pub async fn list_updated_accounts(
    request: Req<ListUpdatedAccounts>,
) -> ConnectorResult<Response<UpdatedAccounts>> {
    let client = Client::new(&request)?;
    let asked = &request.request;
    let raw = client
        .user_changes(asked.cursor.as_deref(), asked.since.as_deref())
        .await?;
    let changes: client::ApiChanges<client::ApiUser> = client::decode(&raw)?;
    let wanted = asked.custom_attributes.as_deref();
    let accounts = changes
        .items
        .into_iter()
        .map(|u| account(u, wanted))
        .collect();
    Ok(Response::new(UpdatedAccounts {
        accounts,
        cursor: changes.cursor,
    })
    .with_raw_data_if(&request, raw))
}
{%- endif %}
{% endif %}