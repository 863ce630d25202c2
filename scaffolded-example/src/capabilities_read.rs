//! Read capabilities: translate Example's API answers into Lumos's data shapes.
//!
//! Start with `validate_credentials`: it is the minimum viable connector. Each list
//! capability fetches one page per call; the platform calls again with the returned page
//! token until `page` is null. Return errors with `?`: the SDK turns them into the
//! protocol's error envelope.

use connector_sdk::error::ConnectorResult;
use connector_sdk::models::*;
use connector_sdk::pagination::{NextPageToken, Paginations};
use connector_sdk::request::{Request, Response};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::client::{self, ExampleClient as Client};
use crate::constants;
use crate::enums;
use crate::pagination::{Pagination, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE};
use crate::settings::ExampleSettings;

/// The request type every capability of this connector receives.
pub type Req<P> = Request<P, ExampleSettings>;

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

/// One page of items from a paginated endpoint, resuming from the request's token.
struct Fetched<T> {
    items: Vec<T>,
    raw: Value,
    next: Option<NextPageToken>,
    size: u64,
}

/// Fetches the page the request's token points at (or the first one) and computes the
/// token of the next page: `None` once the API says `has_more: false`.
async fn fetch_page<P, T: DeserializeOwned>(
    request: &Req<P>,
    endpoint: &str,
) -> ConnectorResult<Fetched<T>> {
    let default_size = request.settings.page_size.unwrap_or(DEFAULT_PAGE_SIZE);
    let size = request.page_size(default_size, MAX_PAGE_SIZE);
    let mut paginations =
        Paginations::resume_or_start(request.page_token(), [Pagination::start(endpoint)])?;
    let current = paginations
        .pop()
        .unwrap_or_else(|| Pagination::start(endpoint));
    let endpoint = current.endpoint.as_deref().unwrap_or(endpoint);
    let client = Client::new(request)?;
    let raw = client.list_page(endpoint, current.offset, size).await?;
    let page: client::ApiPage<T> = client::decode(&raw)?;
    if page.has_more {
        let count = page.items.len() as u64;
        paginations.push(current.advanced_by(count));
    }
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
