//! Write capabilities: change access in Example on Lumos's behalf.
//!
//! Each returns what changed and an `execution_summary` (effect + request fingerprint) so
//! that the platform can audit and safely retry. Make writes idempotent where the API allows
//! (granting a role twice should not fail).

use connector_sdk::error::ConnectorResult;
use connector_sdk::models::*;
use connector_sdk::request::Response;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::capabilities_read::Req;
use crate::client::ExampleClient as Client;

/// The `create_account` payload: the protocol's base fields plus what the API needs to
/// create a user.
///
/// Adapt: add the fields the API needs; they show up in `info` and in the request.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct ExampleCreateAccount {
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
    request: Req<ExampleCreateAccount>,
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
