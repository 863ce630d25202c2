{% if api == "scim" %}//! Write capabilities: change access in {{crate_name | title_case}} through SCIM, on Lumos's
//! behalf.
//!
//! Each returns what changed and an `execution_summary` (effect + request fingerprint) so
//! that the platform can audit and safely retry. The SDK sends the SCIM requests; `200` with
//! a body and `204` without one are both success.

use connector_sdk::error::ConnectorResult;
{%- if create_account or assign_entitlement or unassign_entitlement or update_account %}
use connector_sdk::error::{ConnectorError, ErrorKind};
{%- endif %}
use connector_sdk::models::*;
use connector_sdk::request::Response;
{%- if create_account or activate_account or deactivate_account %}
use connector_sdk::scim;
{%- endif %}
{%- if update_account %}
use connector_sdk::scim::PatchOp;
{%- endif %}
{%- if create_account %}
use connector_sdk::scim::{MultiValue, ScimName, ScimUser};
{%- endif %}
{%- if create_account or update_account %}
use schemars::JsonSchema;
use serde::Deserialize;
{%- endif %}

use crate::capabilities_read::Req;
use crate::client::scim_client;
{%- if create_account or assign_entitlement or unassign_entitlement %}
use crate::enums;
{%- endif %}
{%- if create_account %}

/// The `create_account` payload: the protocol's base fields plus what a SCIM user is created
/// with.
///
/// Adapt: add the attributes the app requires (they show up in `info` and in the request)
/// and set them in [`create_account`].
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct {{crate_name | pascal_case}}CreateAccount {
    /// Email of the new user: the primary work email, and the `userName` unless one is given.
    pub email: String,
    /// The SCIM `userName` (the login, unique in the tenant); the email when absent.
    #[serde(default)]
    pub username: Option<String>,
    /// First name (`name.givenName`).
    #[serde(default)]
    pub given_name: Option<String>,
    /// Last name (`name.familyName`).
    #[serde(default)]
    pub family_name: Option<String>,
    /// Group memberships to grant right after creation.
    #[serde(default)]
    pub entitlements: Vec<CreateAccountEntitlement>,
}

/// Creates a user (`POST /Users`), then adds it to the requested groups. A taken `userName`
/// is refused by the server (409 `uniqueness`) and reported as `invalid_value`.
///
/// Adapt: the attributes of the new user (`userType`, an enterprise extension...).
pub async fn create_account(
    request: Req<{{crate_name | pascal_case}}CreateAccount>,
) -> ConnectorResult<Response<CreatedAccount>> {
    let payload = &request.request;
    // Checked before anything is created.
    let groups = payload
        .entitlements
        .iter()
        .map(|entitlement| {
            group_id(
                &entitlement.entitlement_type,
                &entitlement.integration_specific_id,
            )
        })
        .collect::<ConnectorResult<Vec<&str>>>()?;
    let name = (payload.given_name.is_some() || payload.family_name.is_some()).then(|| ScimName {
        given_name: payload.given_name.clone(),
        family_name: payload.family_name.clone(),
        ..ScimName::default()
    });
    let user_name = payload.username.as_ref().unwrap_or(&payload.email);
    let user = ScimUser {
        name,
        emails: vec![MultiValue::primary_work(payload.email.clone())],
        active: Some(true),
        ..ScimUser::new(user_name.clone())
    };
    let client = scim_client(&request)?;
    let created = client.create_user(&user).await?;
    for group in groups {
        client
            .add_group_members(group, &[created.id.as_str()])
            .await?;
    }
    let summary = request.execution_summary(Effect::Created, false);
    Ok(Response::new(CreatedAccount {
        status: scim::account_status(created.active).unwrap_or(AccountStatus::Active),
        id: Some(created.id),
        created: true,
    })
    .with_execution_summary(summary))
}
{%- endif %}
{%- if update_account %}

/// The `update_account` payload: the user's id and the attributes to change; absent ones stay
/// as they are.
///
/// Adapt: the attributes the app lets you change (they show up in `info` and in the request)
/// and their SCIM paths in [`update_account`].
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct {{crate_name | pascal_case}}UpdateAccount {
    /// The user's SCIM `id`.
    pub id: String,
    /// New `userName` (the login, unique in the tenant).
    #[serde(default)]
    pub username: Option<String>,
    /// New primary email address.
    #[serde(default)]
    pub email: Option<String>,
    /// New first name (`name.givenName`).
    #[serde(default)]
    pub given_name: Option<String>,
    /// New last name (`name.familyName`).
    #[serde(default)]
    pub family_name: Option<String>,
}

/// Changes the requested attributes of a user: `PATCH /Users/{id}` with one `replace` per
/// attribute given (RFC 7644 §3.5.2.3), so attributes the request leaves out, and values
/// other clients set, stay as they are. An unknown id is `not_found`, a taken `userName`
/// `invalid_value`, a user without a primary email `bad_request` (SCIM `noTarget`).
///
/// Adapt: the email path, if the app marks no email primary (Microsoft Entra ID sends
/// `emails[type eq "work"].value`).
pub async fn update_account(
    request: Req<{{crate_name | pascal_case}}UpdateAccount>,
) -> ConnectorResult<Response<UpdateableAccount>> {
    let payload = &request.request;
    let changes: Vec<(&str, serde_json::Value)> = [
        ("userName", &payload.username),
        ("emails[primary eq true].value", &payload.email),
        ("name.givenName", &payload.given_name),
        ("name.familyName", &payload.family_name),
    ]
    .into_iter()
    .filter_map(|(path, value)| Some((path, value.clone()?.into())))
    .collect();
    // Checked before any request: SCIM has no empty PATCH.
    if changes.is_empty() {
        return Err(ConnectorError::with_kind(
            ErrorKind::InvalidValue,
            "Nothing to update: the request names no attribute to change.",
        )
        .with_hint("Set at least one of username, email, given_name, family_name."));
    }
    scim_client(&request)?
        .update_user(&payload.id, &PatchOp::replace_all(changes))
        .await?;
    let summary = request.execution_summary(Effect::Updated, true);
    Ok(Response::new(UpdateableAccount {
        id: payload.id.clone(),
    })
    .with_execution_summary(summary))
}
{%- endif %}
{%- if delete_account %}

/// Deletes a user (`DELETE /Users/{id}`); an unknown id is `not_found`.
pub async fn delete_account(
    request: Req<DeleteAccount>,
) -> ConnectorResult<Response<DeletedAccount>> {
    scim_client(&request)?
        .delete_user(&request.request.account_id)
        .await?;
    let summary = request.execution_summary(Effect::Deleted, true);
    Ok(Response::new(DeletedAccount {
        status: AccountStatus::Deleted,
        deleted: true,
    })
    .with_execution_summary(summary))
}
{%- endif %}
{%- if activate_account %}

/// Re-activates a user (`PATCH` of `active` to `true`). The status is the one the server
/// answers with, or the one asked for when it answers `204`.
pub async fn activate_account(
    request: Req<ActivateAccount>,
) -> ConnectorResult<Response<ActivatedAccount>> {
    let user = scim_client(&request)?
        .set_user_active(&request.request.account_id, true)
        .await?;
    let active = user.and_then(|user| user.active).unwrap_or(true);
    let summary = request.execution_summary(Effect::Updated, true);
    Ok(Response::new(ActivatedAccount {
        status: scim::account_status(Some(active)).unwrap_or(AccountStatus::Active),
        activated: active,
    })
    .with_execution_summary(summary))
}
{%- endif %}
{%- if deactivate_account %}

/// Suspends a user without deleting it (`PATCH` of `active` to `false`). The status is the
/// one the server answers with, or the one asked for when it answers `204`.
pub async fn deactivate_account(
    request: Req<DeactivateAccount>,
) -> ConnectorResult<Response<DeactivatedAccount>> {
    let user = scim_client(&request)?
        .set_user_active(&request.request.account_id, false)
        .await?;
    let active = user.and_then(|user| user.active).unwrap_or(false);
    let summary = request.execution_summary(Effect::Updated, true);
    Ok(Response::new(DeactivatedAccount {
        status: scim::account_status(Some(active)).unwrap_or(AccountStatus::Suspended),
        deactivated: !active,
    })
    .with_execution_summary(summary))
}
{%- endif %}
{%- if assign_entitlement %}

/// Adds an account to a group (`PATCH /Groups/{id}`, `add` of `members`).
pub async fn assign_entitlement(
    request: Req<AssignEntitlement>,
) -> ConnectorResult<Response<AssignedEntitlement>> {
    let payload = &request.request;
    let group = group_id(
        &payload.entitlement_type,
        &payload.entitlement_integration_specific_id,
    )?;
    scim_client(&request)?
        .add_group_members(group, &[payload.account_integration_specific_id.as_str()])
        .await?;
    let summary = request.execution_summary(Effect::Updated, true);
    Ok(Response::new(AssignedEntitlement { assigned: true }).with_execution_summary(summary))
}
{%- endif %}
{%- if unassign_entitlement %}

/// Removes an account from a group (`PATCH /Groups/{id}`, `remove` of
/// `members[value eq "<account>"]`).
pub async fn unassign_entitlement(
    request: Req<UnassignEntitlement>,
) -> ConnectorResult<Response<UnassignedEntitlement>> {
    let payload = &request.request;
    let group = group_id(
        &payload.entitlement_type,
        &payload.entitlement_integration_specific_id,
    )?;
    scim_client(&request)?
        .remove_group_member(group, &payload.account_integration_specific_id)
        .await?;
    let summary = request.execution_summary(Effect::Updated, true);
    Ok(Response::new(UnassignedEntitlement { unassigned: true }).with_execution_summary(summary))
}
{%- endif %}
{%- if create_account or assign_entitlement or unassign_entitlement %}

/// The group an entitlement stands for; `invalid_value` for a type this connector does not
/// declare (see `enums.rs`), before any request.
fn group_id<'a>(entitlement_type: &str, id: &'a str) -> ConnectorResult<&'a str> {
    if entitlement_type != enums::GROUP_MEMBER {
        return Err(ConnectorError::with_kind(
            ErrorKind::InvalidValue,
            {% raw %}format!(
                "Entitlement type `{entitlement_type}` cannot be granted: this connector grants `{}` (SCIM groups).",
                enums::GROUP_MEMBER
            ){% endraw %},
        ));
    }
    Ok(id)
}
{%- endif %}
{% else %}//! Write capabilities: change access in {{crate_name | title_case}} on Lumos's behalf.
//!
//! Each returns what changed and an `execution_summary` (effect + request fingerprint) so
//! that the platform can audit and safely retry. Make writes idempotent where the API allows
//! (granting a role twice should not fail).

use connector_sdk::error::ConnectorResult;
use connector_sdk::models::*;
use connector_sdk::request::Response;
{%- if create_account or update_account %}
use schemars::JsonSchema;
use serde::Deserialize;
{%- endif %}

use crate::capabilities_read::Req;
use crate::client::{{crate_name | pascal_case}}Client as Client;
{%- if create_account %}

/// The `create_account` payload: the protocol's base fields plus what the API needs to
/// create a user.
///
/// Adapt: add the fields the API needs; they show up in `info` and in the request.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct {{crate_name | pascal_case}}CreateAccount {
    /// Email of the new user.
    pub email: String,
    /// First name.
    #[serde(default)]
    pub given_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub family_name: Option<String>,
    /// Entitlements to grant right after creation.
    #[serde(default)]
    pub entitlements: Vec<CreateAccountEntitlement>,
}

/// Creates a user, then grants the requested entitlements.
///
/// Adapt: the body of the API's create-user call.
pub async fn create_account(
    request: Req<{{crate_name | pascal_case}}CreateAccount>,
) -> ConnectorResult<Response<CreatedAccount>> {
    let client = Client::new(&request)?;
    let payload = &request.request;
    let body = serde_json::json!({
        "email": payload.email,
        "given_name": payload.given_name,
        "family_name": payload.family_name,
    });
    let user = client.create_user(&body).await?;
    for entitlement in &payload.entitlements {
        client
            .grant_role(&user.id, &entitlement.integration_specific_id)
            .await?;
    }
    let summary = request.execution_summary(Effect::Created, false);
    Ok(Response::new(CreatedAccount {
        id: Some(user.id),
        status: AccountStatus::Active,
        created: true,
    })
    .with_execution_summary(summary))
}
{%- endif %}
{%- if update_account %}

/// The `update_account` payload: the account's id and the attributes to change; absent ones
/// stay as they are.
///
/// Adapt: the attributes the API lets you change; they show up in `info` and in the request.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct {{crate_name | pascal_case}}UpdateAccount {
    /// The account's id.
    pub id: String,
    /// New email address.
    #[serde(default)]
    pub email: Option<String>,
    /// New first name.
    #[serde(default)]
    pub given_name: Option<String>,
    /// New last name.
    #[serde(default)]
    pub family_name: Option<String>,
}

/// Changes the requested attributes of an account: `PATCH /users/{id}` with only those.
pub async fn update_account(
    request: Req<{{crate_name | pascal_case}}UpdateAccount>,
) -> ConnectorResult<Response<UpdateableAccount>> {
    let client = Client::new(&request)?;
    let payload = &request.request;
    let changes = [
        ("email", &payload.email),
        ("given_name", &payload.given_name),
        ("family_name", &payload.family_name),
    ];
    let body: serde_json::Map<String, serde_json::Value> = changes
        .into_iter()
        .filter_map(|(key, value)| Some((key.to_owned(), value.clone()?.into())))
        .collect();
    let user = client.update_user(&payload.id, &body.into()).await?;
    let summary = request.execution_summary(Effect::Updated, true);
    Ok(Response::new(UpdateableAccount { id: user.id }).with_execution_summary(summary))
}
{%- endif %}
{%- if delete_account %}

/// Deletes a user.
pub async fn delete_account(
    request: Req<DeleteAccount>,
) -> ConnectorResult<Response<DeletedAccount>> {
    let client = Client::new(&request)?;
    client.delete_user(&request.request.account_id).await?;
    let summary = request.execution_summary(Effect::Deleted, true);
    Ok(Response::new(DeletedAccount {
        status: AccountStatus::Deleted,
        deleted: true,
    })
    .with_execution_summary(summary))
}
{%- endif %}
{%- if activate_account %}

/// Re-activates a suspended user.
pub async fn activate_account(
    request: Req<ActivateAccount>,
) -> ConnectorResult<Response<ActivatedAccount>> {
    let client = Client::new(&request)?;
    client.activate_user(&request.request.account_id).await?;
    let summary = request.execution_summary(Effect::Updated, true);
    Ok(Response::new(ActivatedAccount {
        status: AccountStatus::Active,
        activated: true,
    })
    .with_execution_summary(summary))
}
{%- endif %}
{%- if deactivate_account %}

/// Suspends a user without deleting it.
pub async fn deactivate_account(
    request: Req<DeactivateAccount>,
) -> ConnectorResult<Response<DeactivatedAccount>> {
    let client = Client::new(&request)?;
    client.deactivate_user(&request.request.account_id).await?;
    let summary = request.execution_summary(Effect::Updated, true);
    Ok(Response::new(DeactivatedAccount {
        status: AccountStatus::Suspended,
        deactivated: true,
    })
    .with_execution_summary(summary))
}
{%- endif %}
{%- if assign_entitlement %}

/// Grants an entitlement (a role) to an account.
pub async fn assign_entitlement(
    request: Req<AssignEntitlement>,
) -> ConnectorResult<Response<AssignedEntitlement>> {
    let client = Client::new(&request)?;
    let payload = &request.request;
    client
        .grant_role(
            &payload.account_integration_specific_id,
            &payload.entitlement_integration_specific_id,
        )
        .await?;
    let summary = request.execution_summary(Effect::Updated, true);
    Ok(Response::new(AssignedEntitlement { assigned: true }).with_execution_summary(summary))
}
{%- endif %}
{%- if unassign_entitlement %}

/// Revokes an entitlement (a role) from an account.
pub async fn unassign_entitlement(
    request: Req<UnassignEntitlement>,
) -> ConnectorResult<Response<UnassignedEntitlement>> {
    let client = Client::new(&request)?;
    let payload = &request.request;
    client
        .revoke_role(
            &payload.account_integration_specific_id,
            &payload.entitlement_integration_specific_id,
        )
        .await?;
    let summary = request.execution_summary(Effect::Updated, true);
    Ok(Response::new(UnassignedEntitlement { unassigned: true }).with_execution_summary(summary))
}
{%- endif %}
{% endif %}