//! `tiny-demo`: the single-auth demo connector of the protocol's test vectors
//! (`shared/protocol/vectors/README.md`, "Demo connectors used"), rebuilt on `connector-sdk`.
//!
//! A legacy single-auth connector (`"auth": {"token": {...}}`) with a settings model that
//! has a secret field, an extended `create_account` and the custom capability `ping_server`.
//! Its `info` is the protocol's `info-examples/lumos-info-example.json` (less the capabilities
//! this SDK does not auto-register yet). It talks to the same fake API as `core_demo`.
//!
//! ```text
//! cargo run -p connector-sdk --features demo --bin tiny-demo -- info
//! ```

use std::process::ExitCode;
use std::time::Duration;

use connector_sdk::auth::{AuthDeclaration, CredentialKind};
use connector_sdk::capability::*;
use connector_sdk::error::{ConnectorError, ConnectorResult, ErrorKind};
use connector_sdk::http::{path_segment, Auth, HttpClient, Method, RequestOptions, RetryPolicy};
use connector_sdk::integration::{DescriptionData, Integration, RegistryError};
use connector_sdk::models::*;
use connector_sdk::pagination::{OffsetPagination, Paginations};
use connector_sdk::request::{Request, Response};
use connector_sdk::schema::{secret, AnnotatedField, SemanticType};
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

const APP_ID: &str = "tiny-demo";
const VERSION: &str = "0.1.0";
const MAX_PAGE_SIZE: u64 = 100;
const USERS: &str = "/users";

fn main() -> ExitCode {
    connector_sdk::cli::run(integration())
}

/// The connector: declarations and handlers.
pub(crate) fn integration() -> Result<Integration<TinySettings>, RegistryError> {
    let role = EntitlementType {
        max: Some(1),
        ..EntitlementType::new("ROLE", "Role", "")
    };
    Integration::builder(APP_ID, VERSION)
        .auth(AuthDeclaration::Single(CredentialKind::Token))
        .description(DescriptionData {
            user_friendly_name: "Tiny Demo".to_owned(),
            description: Some(
                "A tiny demo app used to capture the Lumos connector wire format.".to_owned(),
            ),
            logo_url: Some("https://example.com/logo.png".to_owned()),
            app_vendor_domain: Some("example.com".to_owned()),
            categories: Some(vec![AppCategory::Developers, AppCategory::ItAndSecurity]),
        })
        .resource_types(vec![ResourceType::new("PROJECT", "Project")])
        .entitlement_types(vec![
            role,
            EntitlementType::new("PROJECT_MEMBER", "Project membership", "PROJECT"),
        ])
        .capability(VALIDATE_CREDENTIALS, validate_credentials)
        .capability(LIST_ACCOUNTS, list_accounts)
        .describe(
            "list_accounts",
            Some("List users"),
            Some("Lists every user of the tenant"),
        )
        .capability(LIST_RESOURCES, list_resources)
        .capability(LIST_ENTITLEMENTS, list_entitlements)
        .capability(FIND_ENTITLEMENT_ASSOCIATIONS, find_entitlement_associations)
        .capability(ASSIGN_ENTITLEMENT, assign_entitlement)
        .capability(DEACTIVATE_ACCOUNT, deactivate_account)
        .extended_capability(CREATE_ACCOUNT, create_account)
        .custom_capability("ping_server", ping_server)
        .describe("ping_server", Some("Ping"), Some("Custom capability demo"))
        .build()
}

// The models below have plain comments, not doc comments: `info` shows a model's doc comment
// as its schema description, and the reference models have none. Field docs are the
// reference's field descriptions.

// Settings: the tenant's API root (the tenant id), page size and an unused secret.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub(crate) struct TinySettings {
    /// API root of the tenant
    #[schemars(title = "Base URL")]
    #[schemars(transform = AnnotatedField::new().semantic(SemanticType::TenantId))]
    base_url: String,
    /// Upstream page size
    #[serde(default = "default_page_size")]
    #[schemars(title = "Page size")]
    page_size: i64,
    #[schemars(title = "Webhook secret", transform = secret)]
    #[allow(dead_code)] // declared for `info`; the demo has no webhooks
    webhook_secret: Option<String>,
}

fn default_page_size() -> i64 {
    2
}

// The create_account payload: the base payload plus the new user's data.
#[derive(Debug, Deserialize, JsonSchema)]
pub(crate) struct TinyCreateAccount {
    #[serde(default)]
    entitlements: Vec<CreateAccountEntitlement>,
    /// Email of the new user
    email: String,
    /// Display name
    #[serde(default)]
    display_name: Option<String>,
}

// Payload of ping_server.
#[derive(Debug, Deserialize, JsonSchema)]
pub(crate) struct PingArgs {
    #[serde(default = "hi")]
    message: String,
}

fn hi() -> String {
    "hi".to_owned()
}

// Answer of ping_server.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct PingResult {
    pong: bool,
}

type Req<P> = Request<P, TinySettings>;

/// A client for the tenant's API with the request's token.
fn client<P>(request: &Req<P>) -> ConnectorResult<HttpClient> {
    HttpClient::builder()
        .app(APP_ID, VERSION)
        .base_url(&request.settings.base_url)
        .auth(Auth::bearer(request.token()?.token.clone()))
        .read_timeout(Duration::from_secs(2))
        .retry(RetryPolicy::none())
        .build()
}

fn parse<T: DeserializeOwned>(value: &Value) -> ConnectorResult<T> {
    T::deserialize(value).map_err(|e| {
        ConnectorError::with_kind(
            ErrorKind::InvalidResponse,
            format!("The upstream answer has an unexpected shape: {e}"),
        )
    })
}

#[derive(Deserialize)]
struct Me {
    tenant: String,
}

#[derive(Deserialize)]
struct User {
    id: String,
    email: Option<String>,
    first: Option<String>,
    last: Option<String>,
    status: String,
}

#[derive(Deserialize)]
struct UsersPage {
    users: Vec<User>,
    has_more: bool,
}

fn status(upstream: &str) -> AccountStatus {
    match upstream {
        "active" => AccountStatus::Active,
        "suspended" => AccountStatus::Suspended,
        _ => AccountStatus::Inactive,
    }
}

async fn validate_credentials(
    request: Req<ValidateCredentials>,
) -> ConnectorResult<Response<ValidatedCredentials>> {
    let me: Me = parse(&client(&request)?.get_json::<Value>("/me", &[]).await?)?;
    Ok(Response::new(ValidatedCredentials {
        valid: true,
        unique_tenant_id: me.tenant,
    }))
}

async fn list_accounts(
    request: Req<ListAccounts>,
) -> ConnectorResult<Response<Vec<FoundAccountData>>> {
    let default = u64::try_from(request.settings.page_size).unwrap_or(1);
    let size = request.page_size(default, MAX_PAGE_SIZE);
    let mut pages =
        Paginations::resume_or_start(request.page_token(), [OffsetPagination::start(USERS)])?;
    let Some(current) = pages.pop() else {
        return Ok(Response::new(Vec::new()));
    };
    let query = [
        ("offset", current.offset.to_string()),
        ("limit", size.to_string()),
    ];
    let body: Value = client(&request)?.get_json(USERS, &query).await?;
    let page: UsersPage = parse(&body)?;
    if page.has_more {
        pages.push(current.advanced_by(page.users.len() as u64));
    }
    let accounts = page
        .users
        .into_iter()
        .map(|user| FoundAccountData {
            email: user.email,
            given_name: user.first,
            family_name: user.last,
            // tiny-demo lists everyone as active (the recorded run shows suspended u3 so).
            user_status: Some(AccountStatus::Active),
            ..FoundAccountData::new(user.id)
        })
        .collect();
    Ok(Response::new(accounts)
        .with_next_page(pages.next_token()?, size)
        .with_raw_data_if(&request, body))
}

#[derive(Deserialize)]
struct Groups {
    groups: Vec<Named>,
}

#[derive(Deserialize)]
struct Named {
    id: String,
    name: String,
}

/// The API's groups are this app's projects.
async fn list_resources(
    request: Req<ListResources>,
) -> ConnectorResult<Response<Vec<FoundResourceData>>> {
    let groups: Groups = parse(&client(&request)?.get_json::<Value>("/groups", &[]).await?)?;
    let projects = groups
        .groups
        .into_iter()
        .map(|group| FoundResourceData {
            integration_specific_id: group.id,
            label: group.name,
            description: None,
            resource_type: "PROJECT".to_owned(),
            extra_data: None,
        })
        .collect();
    Ok(Response::new(projects))
}

#[derive(Deserialize)]
struct Roles {
    roles: Vec<Role>,
}

#[derive(Deserialize)]
struct Role {
    id: String,
    name: String,
    group_id: Option<String>,
}

async fn list_entitlements(
    request: Req<ListEntitlements>,
) -> ConnectorResult<Response<Vec<FoundEntitlementData>>> {
    let roles: Roles = parse(&client(&request)?.get_json::<Value>("/roles", &[]).await?)?;
    let entitlements = roles
        .roles
        .into_iter()
        .map(|role| {
            let kind = if role.group_id.is_some() {
                "PROJECT_MEMBER"
            } else {
                "ROLE"
            };
            FoundEntitlementData {
                entitlement_type: kind.to_owned(),
                integration_specific_id: role.id,
                integration_specific_resource_id: role.group_id.unwrap_or_default(),
                is_assignable: Some(true),
                label: role.name,
                ..FoundEntitlementData::default()
            }
        })
        .collect();
    Ok(Response::new(entitlements))
}

#[derive(Deserialize)]
struct Memberships {
    memberships: Vec<Membership>,
}

#[derive(Deserialize)]
struct Membership {
    user_id: String,
    role_id: String,
    group_id: Option<String>,
}

async fn find_entitlement_associations(
    request: Req<FindEntitlementAssociations>,
) -> ConnectorResult<Response<Vec<FoundEntitlementAssociation>>> {
    let body: Value = client(&request)?.get_json("/memberships", &[]).await?;
    let memberships: Memberships = parse(&body)?;
    let associations = memberships
        .memberships
        .into_iter()
        .map(|m| FoundEntitlementAssociation {
            account_id: m.user_id,
            integration_specific_entitlement_id: m.role_id,
            integration_specific_resource_id: m.group_id.unwrap_or_default(),
        })
        .collect();
    Ok(Response::new(associations))
}

async fn assign_entitlement(
    request: Req<AssignEntitlement>,
) -> ConnectorResult<Response<AssignedEntitlement>> {
    let payload = &request.request;
    let path = format!(
        "/users/{}/roles/{}",
        path_segment(&payload.account_integration_specific_id),
        path_segment(&payload.entitlement_integration_specific_id)
    );
    client(&request)?
        .send(Method::PUT, &path, RequestOptions::new())
        .await?;
    Ok(Response::new(AssignedEntitlement { assigned: true }))
}

#[derive(Deserialize)]
struct UserState {
    status: String,
}

async fn deactivate_account(
    request: Req<DeactivateAccount>,
) -> ConnectorResult<Response<DeactivatedAccount>> {
    let path = format!(
        "/users/{}/deactivate",
        path_segment(&request.request.account_id)
    );
    let answer = client(&request)?
        .send(Method::POST, &path, RequestOptions::new())
        .await?;
    let state: UserState = parse(&answer.json()?)?;
    Ok(Response::new(DeactivatedAccount {
        status: status(&state.status),
        deactivated: true,
    }))
}

async fn create_account(
    request: Req<TinyCreateAccount>,
) -> ConnectorResult<Response<CreatedAccount>> {
    let api = client(&request)?;
    let payload = &request.request;
    let new_user = json!({"email": payload.email, "first": payload.display_name, "last": null});
    let user: User = parse(&api.post_json::<_, Value>("/users", &new_user).await?)?;
    for entitlement in &payload.entitlements {
        let path = format!(
            "/users/{}/roles/{}",
            path_segment(&user.id),
            path_segment(&entitlement.integration_specific_id)
        );
        api.send(Method::PUT, &path, RequestOptions::new()).await?;
    }
    let summary = request.execution_summary(Effect::Created, false);
    Ok(Response::new(CreatedAccount {
        id: Some(user.id),
        status: status(&user.status),
        created: true,
    })
    .with_execution_summary(summary))
}

/// `GET /public`: whether the server answers at all.
async fn ping_server(request: Req<PingArgs>) -> ConnectorResult<Response<PingResult>> {
    tracing::debug!(message = %request.request.message, "ping");
    let answer = client(&request)?
        .send(Method::GET, "/public", RequestOptions::new())
        .await?;
    Ok(Response::new(PingResult {
        pong: answer.status().is_success(),
    }))
}
