//! The `core-demo` integration: declarations and one handler per capability.
//!
//! Handlers live in this module on purpose: `raised_in` is `<module>:<function>`, and the
//! recordings say `core_demo.integration:<capability>`.

use connector_sdk::auth::{AuthDeclaration, CredentialDeclaration, CredentialKind};
use connector_sdk::capability::*;
use connector_sdk::error::{ConnectorError, ConnectorResult, ErrorKind};
use connector_sdk::integration::{
    DescriptionData, Integration, RegistryError, ValidateCredentialConfig,
    ValidatedCredentialConfig,
};
use connector_sdk::models::*;
use connector_sdk::oauth::{OAuthConfig, OAuthUrl};
use connector_sdk::pagination::{OffsetPagination, Paginations};
use connector_sdk::request::{Request, Response};
use schemars::JsonSchema;
use serde::Deserialize;
use serde_json::json;

use super::api::{self, Api, OAUTH_CREDENTIAL, TOKEN_CREDENTIAL};
use super::raise::{self, RaiseError, RaiseErrorResult};
use super::settings::CoreDemoSettings;

/// The app id.
pub const APP_ID: &str = "core-demo";
/// The connector version.
pub const VERSION: &str = "0.1.0";
/// Largest page a caller may ask for.
const MAX_PAGE_SIZE: u64 = 100;
/// The one paginated endpoint.
const USERS: &str = "/users";

/// The request type every handler receives.
type Req<P> = Request<P, CoreDemoSettings>;

/// The connector: declarations and handlers.
pub fn integration() -> Result<Integration<CoreDemoSettings>, RegistryError> {
    Integration::builder(APP_ID, VERSION)
        .auth(AuthDeclaration::Multi {
            credentials: vec![
                CredentialDeclaration::new(
                    OAUTH_CREDENTIAL,
                    CredentialKind::Oauth,
                    "Sign in with OAuth.",
                )
                .oauth(oauth()),
                CredentialDeclaration::new(
                    TOKEN_CREDENTIAL,
                    CredentialKind::Token,
                    "An API token of the tenant.",
                ),
            ],
            // Either credential alone is enough.
            allowed_combinations: Some(vec![
                vec![OAUTH_CREDENTIAL.to_owned()],
                vec![TOKEN_CREDENTIAL.to_owned()],
            ]),
        })
        .description(DescriptionData {
            user_friendly_name: "Core Demo".to_owned(),
            description: Some("Demo connector of the Lumos connector protocol.".to_owned()),
            logo_url: None,
            app_vendor_domain: Some("example.com".to_owned()),
            categories: Some(vec![AppCategory::Developers]),
        })
        .resource_types(vec![ResourceType::new("GROUP", "Group")])
        .entitlement_types(vec![
            EntitlementType::new("ROLE", "Role", ""),
            EntitlementType::new("GROUP_MEMBER", "Group member", "GROUP"),
        ])
        .capability(VALIDATE_CREDENTIALS, validate_credentials)
        .capability(LIST_ACCOUNTS, list_accounts)
        .capability(LIST_RESOURCES, list_resources)
        .capability(LIST_ENTITLEMENTS, list_entitlements)
        .capability(FIND_ENTITLEMENT_ASSOCIATIONS, find_entitlement_associations)
        .capability(GET_LAST_ACTIVITY, get_last_activity)
        .extended_capability(CREATE_ACCOUNT, create_account)
        .capability(DELETE_ACCOUNT, delete_account)
        .capability(ACTIVATE_ACCOUNT, activate_account)
        .capability(DEACTIVATE_ACCOUNT, deactivate_account)
        .capability(ASSIGN_ENTITLEMENT, assign_entitlement)
        .capability(UNASSIGN_ENTITLEMENT, unassign_entitlement)
        .custom_capability("raise_error", raise_error)
        .credential_validator(TOKEN_CREDENTIAL, validate_token)
        .describe(
            "raise_error",
            Some("Raise error"),
            Some("Fails with the chosen error (`{\"kind\": ...}`), or returns `raised: false` for `none`."),
        )
        .build()
}

/// The validation hook of the token credential: the fake upstream's tokens start with `good`.
pub async fn validate_token(
    request: Req<ValidateCredentialConfig>,
) -> ConnectorResult<ValidatedCredentialConfig> {
    let token = request.token()?;
    Ok(if token.token.expose().starts_with("good") {
        ValidatedCredentialConfig::valid()
    } else {
        ValidatedCredentialConfig::invalid(["Token must start with 'good'."])
    })
}

/// The OAuth code flow: a fixed authorization server, the token endpoint on the tenant's API,
/// and the scopes the capabilities need (the runtime registers the flow's capabilities).
fn oauth() -> OAuthConfig {
    OAuthConfig::authorization_code(
        "https://auth.example.com/oauth/authorize",
        OAuthUrl::from_settings(|settings: &CoreDemoSettings| {
            format!("{}/oauth/token", settings.base_url)
        }),
    )
    .capability_scope(LIST_ACCOUNTS.name(), "users:read")
    .capability_scope(GET_LAST_ACTIVITY.name(), "users:read")
}

/// `GET /me`: the credential works and the tenant is known.
pub async fn validate_credentials(
    request: Req<ValidateCredentials>,
) -> ConnectorResult<Response<ValidatedCredentials>> {
    let body = Api::new(&request)?.get("/me", &[]).await?;
    let me: api::Me = api::parse(&body)?;
    let response = ValidatedCredentials {
        valid: true,
        unique_tenant_id: me.tenant,
    };
    Ok(Response::new(response).with_raw_data_if(&request, body))
}

/// `GET /users?offset=&limit=`, one upstream page per call.
pub async fn list_accounts(
    request: Req<ListAccounts>,
) -> ConnectorResult<Response<Vec<FoundAccountData>>> {
    let size = request.page_size(request.settings.page_size, MAX_PAGE_SIZE);
    let mut pages =
        Paginations::resume_or_start(request.page_token(), [OffsetPagination::start(USERS)])?;
    let Some(current) = pages.pop() else {
        return Ok(Response::new(Vec::new()));
    };
    if current.endpoint.as_deref() != Some(USERS) {
        return Err(ConnectorError::new(ErrorKind::InvalidPageToken));
    }
    let query = [
        ("offset", current.offset.to_string()),
        ("limit", size.to_string()),
    ];
    let body = Api::new(&request)?.get(USERS, &query).await?;
    let page: api::UsersPage = api::parse(&body)?;
    if page.has_more {
        pages.push(current.advanced_by(page.users.len() as u64));
    }
    let accounts = page.users.into_iter().map(account).collect();
    Ok(Response::new(accounts)
        .with_next_page(pages.next_token()?, size)
        .with_raw_data_if(&request, body))
}

fn account(user: api::User) -> FoundAccountData {
    // The API has no user name; the local part of the email is what people sign in with.
    let username = user
        .email
        .as_deref()
        .and_then(|email| email.split('@').next())
        .map(str::to_owned);
    FoundAccountData {
        email: user.email,
        given_name: user.first,
        family_name: user.last,
        username,
        user_status: Some(user.status.into()),
        ..FoundAccountData::new(user.id)
    }
}

/// `GET /groups`: every group is a resource.
pub async fn list_resources(
    request: Req<ListResources>,
) -> ConnectorResult<Response<Vec<FoundResourceData>>> {
    let body = Api::rate_limited(&request)?.get("/groups", &[]).await?;
    let groups: api::Groups = api::parse(&body)?;
    let resources = groups
        .groups
        .into_iter()
        .map(|group| FoundResourceData {
            integration_specific_id: group.id,
            label: group.name,
            description: None,
            resource_type: "GROUP".to_owned(),
            extra_data: None,
        })
        .collect();
    Ok(Response::new(resources).with_raw_data_if(&request, body))
}

/// `GET /roles`: global roles and group memberships.
pub async fn list_entitlements(
    request: Req<ListEntitlements>,
) -> ConnectorResult<Response<Vec<FoundEntitlementData>>> {
    let body = Api::new(&request)?.get("/roles", &[]).await?;
    let roles: api::Roles = api::parse(&body)?;
    let entitlements = roles
        .roles
        .into_iter()
        .map(|role| FoundEntitlementData {
            entitlement_type: role.kind,
            extra_data: None,
            integration_specific_id: role.id,
            integration_specific_resource_id: role.group_id.unwrap_or_default(),
            is_assignable: Some(true),
            label: role.name,
            description: None,
            custom_attributes: None,
        })
        .collect();
    Ok(Response::new(entitlements).with_raw_data_if(&request, body))
}

/// `GET /memberships`: who holds which role.
pub async fn find_entitlement_associations(
    request: Req<FindEntitlementAssociations>,
) -> ConnectorResult<Response<Vec<FoundEntitlementAssociation>>> {
    let body = Api::new(&request)?.get("/memberships", &[]).await?;
    let memberships: api::Memberships = api::parse(&body)?;
    let associations = memberships
        .memberships
        .into_iter()
        .map(|m| FoundEntitlementAssociation {
            account_id: m.user_id,
            integration_specific_entitlement_id: m.role_id,
            integration_specific_resource_id: m.group_id.unwrap_or_default(),
        })
        .collect();
    Ok(Response::new(associations).with_raw_data_if(&request, body))
}

/// `GET /users/{id}/last-login` per account; accounts that never logged in are left out.
pub async fn get_last_activity(
    request: Req<GetLastActivity>,
) -> ConnectorResult<Response<Vec<LastActivityData>>> {
    let api = Api::new(&request)?;
    let mut activity = Vec::new();
    for account_id in &request.request.account_ids {
        let path = format!("{}/last-login", api::user_path(account_id));
        let login: api::LastLogin = api::parse(&api.get(&path, &[]).await?)?;
        if let Some(happened_at) = login.last_login {
            activity.push(LastActivityData {
                account_id: account_id.clone(),
                event_type: "login".to_owned(),
                happened_at,
            });
        }
    }
    Ok(Response::new(activity))
}

/// The `create_account` payload of `core-demo`: the base payload plus the new user's data.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct CoreDemoCreateAccount {
    /// Entitlements to grant once the account exists.
    #[serde(default)]
    pub entitlements: Vec<CreateAccountEntitlement>,
    /// Email address, also the sign-in name.
    pub email: String,
    /// First name.
    #[serde(default)]
    pub given_name: Option<String>,
    /// Last name.
    #[serde(default)]
    pub family_name: Option<String>,
}

/// `POST /users`, then `PUT /users/{id}/roles/{role}` per requested entitlement.
pub async fn create_account(
    request: Req<CoreDemoCreateAccount>,
) -> ConnectorResult<Response<CreatedAccount>> {
    let api = Api::new(&request)?;
    let new_user = json!({
        "email": request.request.email,
        "first": request.request.given_name,
        "last": request.request.family_name,
    });
    let user: api::User = api::parse(&api.post_json("/users", &new_user).await?)?;
    for entitlement in &request.request.entitlements {
        let path = format!(
            "{}/roles/{}",
            api::user_path(&user.id),
            connector_sdk::http::path_segment(&entitlement.integration_specific_id)
        );
        api.put(&path).await?;
    }
    let mut summary = request.execution_summary(Effect::Created, false);
    summary.description = Some(format!("Created user {}", user.id));
    let response = CreatedAccount {
        id: Some(user.id),
        status: user.status.into(),
        created: true,
    };
    Ok(Response::new(response).with_execution_summary(summary))
}

/// `DELETE /users/{id}`.
pub async fn delete_account(
    request: Req<DeleteAccount>,
) -> ConnectorResult<Response<DeletedAccount>> {
    Api::new(&request)?
        .delete(&api::user_path(&request.request.account_id))
        .await?;
    let response = DeletedAccount {
        status: AccountStatus::Deleted,
        deleted: true,
    };
    let summary = request.execution_summary(Effect::Deleted, true);
    Ok(Response::new(response).with_execution_summary(summary))
}

/// `POST /users/{id}/activate`; the status is the upstream's answer.
pub async fn activate_account(
    request: Req<ActivateAccount>,
) -> ConnectorResult<Response<ActivatedAccount>> {
    let path = format!("{}/activate", api::user_path(&request.request.account_id));
    let state: api::UserState = api::parse(&Api::new(&request)?.post(&path).await?)?;
    Ok(Response::new(ActivatedAccount {
        status: state.status.into(),
        activated: true,
    }))
}

/// `POST /users/{id}/deactivate`; the status is the upstream's answer.
pub async fn deactivate_account(
    request: Req<DeactivateAccount>,
) -> ConnectorResult<Response<DeactivatedAccount>> {
    let path = format!("{}/deactivate", api::user_path(&request.request.account_id));
    let state: api::UserState = api::parse(&Api::new(&request)?.post(&path).await?)?;
    Ok(Response::new(DeactivatedAccount {
        status: state.status.into(),
        deactivated: true,
    }))
}

/// `PUT /users/{id}/roles/{role}`.
pub async fn assign_entitlement(
    request: Req<AssignEntitlement>,
) -> ConnectorResult<Response<AssignedEntitlement>> {
    let payload = &request.request;
    let path = role_path(
        &payload.account_integration_specific_id,
        &payload.entitlement_integration_specific_id,
    );
    Api::new(&request)?.put(&path).await?;
    let summary = request.execution_summary(Effect::Updated, true);
    Ok(Response::new(AssignedEntitlement { assigned: true }).with_execution_summary(summary))
}

/// `DELETE /users/{id}/roles/{role}`.
pub async fn unassign_entitlement(
    request: Req<UnassignEntitlement>,
) -> ConnectorResult<Response<UnassignedEntitlement>> {
    let payload = &request.request;
    let path = role_path(
        &payload.account_integration_specific_id,
        &payload.entitlement_integration_specific_id,
    );
    Api::new(&request)?.delete(&path).await?;
    Ok(Response::new(UnassignedEntitlement { unassigned: true }))
}

fn role_path(account_id: &str, role_id: &str) -> String {
    format!(
        "{}/roles/{}",
        api::user_path(account_id),
        connector_sdk::http::path_segment(role_id)
    )
}

/// Custom capability: fails with the error `kind` names (see [`raise::error_for`]).
pub async fn raise_error(request: Req<RaiseError>) -> ConnectorResult<Response<RaiseErrorResult>> {
    raise::error_for(&request.request.kind).map(Response::new)
}
