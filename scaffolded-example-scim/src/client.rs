//! The SCIM client for the Scim Example API: the request's credential and settings
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
use crate::settings::ScimExampleSettings as Settings;

/// A SCIM client for one capability call, authenticated with the request's credential and set
/// up by the settings.
pub fn scim_client<P>(request: &Request<P, Settings>) -> ConnectorResult<ScimClient> {
    // A SCIM token, sent as a bearer token. Adapt: if the app wants another header (for
    // example `X-Api-Key`), use `Auth::Header { name, value }` instead.
    let auth = Auth::Bearer(request.token()?.token.clone());
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
