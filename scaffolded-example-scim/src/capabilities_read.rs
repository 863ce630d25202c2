//! Read capabilities: Scim Example's SCIM users and groups as Lumos accounts,
//! entitlements and associations.
//!
//! `connector_sdk::scim` fetches one page per call and puts where to resume in the page
//! token; the platform calls again with it until `page` is null. What is left here is the
//! mapping. Return errors with `?`: the SDK turns them into the protocol's error envelope.

use connector_sdk::error::ConnectorResult;
use connector_sdk::models::*;
use connector_sdk::request::{Request, Response};
use connector_sdk::scim;

use crate::client::scim_client;
use crate::constants;
use crate::enums;
use crate::settings::ScimExampleSettings;

/// The request type every capability of this connector receives.
pub type Req<P> = Request<P, ScimExampleSettings>;

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

/// Items per page: the caller's size, else the `page_size` setting, else the default; at most
/// [`constants::MAX_PAGE_SIZE`].
fn page_size<P>(request: &Req<P>) -> u64 {
    let default = request
        .settings
        .page_size
        .unwrap_or(constants::DEFAULT_PAGE_SIZE);
    request.page_size(default, constants::MAX_PAGE_SIZE)
}

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
    let accounts = page.items.iter().map(scim::account_from_user).collect();
    Ok(Response::new(accounts).with_next_page(page.next, size))
}

/// Lists the app itself as the one resource: SCIM grants access through groups, which are
/// entitlements on the global resource (type and id `""`).
pub async fn list_resources(
    _request: Req<ListResources>,
) -> ConnectorResult<Response<Vec<FoundResourceData>>> {
    Ok(Response::new(vec![FoundResourceData {
        integration_specific_id: String::new(),
        label: "Scim Example".to_owned(),
        description: None,
        resource_type: String::new(),
        extra_data: None,
    }]))
}

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
    let entitlements = page
        .items
        .iter()
        .map(|group| scim::entitlement_from_group(group, enums::GROUP_MEMBER))
        .collect();
    Ok(Response::new(entitlements).with_next_page(page.next, size))
}

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
