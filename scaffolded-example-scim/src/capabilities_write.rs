//! Write capabilities: change access in Scim Example through SCIM, on Lumos's
//! behalf.
//!
//! Each returns what changed and an `execution_summary` (effect + request fingerprint) so
//! that the platform can audit and safely retry. The SDK sends the SCIM requests; `200` with
//! a body and `204` without one are both success.

use connector_sdk::error::ConnectorResult;
use connector_sdk::error::{ConnectorError, ErrorKind};
use connector_sdk::models::*;
use connector_sdk::request::Response;
use connector_sdk::scim;
use connector_sdk::scim::{MultiValue, ScimName, ScimUser};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::capabilities_read::Req;
use crate::client::scim_client;
use crate::enums;

/// The `create_account` payload: the protocol's base fields plus what a SCIM user is created
/// with.
///
/// Adapt: add the attributes the app requires (they show up in `info` and in the request)
/// and set them in [`create_account`].
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct ScimExampleCreateAccount {
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
    request: Req<ScimExampleCreateAccount>,
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

/// The group an entitlement stands for; `invalid_value` for a type this connector does not
/// declare (see `enums.rs`), before any request.
fn group_id<'a>(entitlement_type: &str, id: &'a str) -> ConnectorResult<&'a str> {
    if entitlement_type != enums::GROUP_MEMBER {
        return Err(ConnectorError::with_kind(
            ErrorKind::InvalidValue,
            format!(
                "Entitlement type `{entitlement_type}` cannot be granted: this connector grants `{}` (SCIM groups).",
                enums::GROUP_MEMBER
            ),
        ));
    }
    Ok(id)
}
