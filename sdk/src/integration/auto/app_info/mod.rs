//! `app_info` (protocol §11.1): the connector's OpenAPI 3.0 document, derived from the
//! registry like `info`.
//!
//! The document is built the way the reference builds it, from the full request and
//! response envelope schemas of each capability: every model they use goes to
//! `components.schemas` (first definition wins, OpenAPI 3.0 `nullable` instead of
//! `anyOf`-with-null, declared entitlement and resource type ids as enums), and each
//! capability becomes `POST /<name>`. The standard envelopes' models are data extracted from
//! the reference (`sdk/schemas/app_info_schemas.json`, see
//! `sdk/tools/extract_app_info_schemas.py`); the connector's own (settings, custom and
//! extended payloads) are generated from its Rust types.
//!
//! Where the reference's document is not valid OpenAPI 3.0, or contradicts itself, it is
//! fixed: a request body lists in `required` only the credential member it defines (`auth`
//! for single-auth connectors, `credentials` otherwise; quirk Q19); an operation without a
//! description has no `description` (not `null`); a basic-auth security scheme has
//! `scheme: basic`; security requirements name only declared schemes; a connector without
//! authentication has no credential member, model or scheme. Where the reference fails
//! (no catalogue categories), the document has an empty `x-categories` enum.

mod auth;
mod components;
mod envelope;
#[cfg(feature = "oauth")]
mod oauth;
mod schema;

use std::sync::OnceLock;

use serde_json::{json, Map, Value};

use self::auth::Auth;
use self::components::Components;
use self::envelope::Envelope;
use self::schema::convert;
use super::super::handler::Registered;
use super::super::Integration;
use super::probe;
use crate::error::ConnectorError;
use crate::settings::Settings;

const DATA_JSON: &str = include_str!("../../../../schemas/app_info_schemas.json");

pub(super) const REF_PREFIX: &str = "#/components/schemas/";

fn data() -> Result<&'static Value, ConnectorError> {
    static CELL: OnceLock<Value> = OnceLock::new();
    let data = CELL.get_or_init(|| serde_json::from_str(DATA_JSON).unwrap_or(Value::Null));
    if data.is_object() {
        Ok(data)
    } else {
        Err(ConnectorError::internal(
            "the app_info schema data is unreadable",
        ))
    }
}

/// The `app_info` response payload: `{"app_id", "app_schema"}`.
pub(super) fn response<S: Settings>(
    integration: &Integration<S>,
    settings: Option<&S>,
) -> Result<Value, ConnectorError> {
    Ok(json!({
        "app_id": integration.app_id,
        "app_schema": document(integration, settings)?,
    }))
}

/// The OpenAPI document.
///
/// `settings`, when the caller gave valid ones, resolve the OAuth URLs computed from them.
pub(super) fn document<S: Settings>(
    integration: &Integration<S>,
    settings: Option<&S>,
) -> Result<Value, ConnectorError> {
    let data = data()?;
    let mut components = Components {
        schemas: Map::new(),
        entitlement_types: integration
            .entitlement_types
            .iter()
            .map(|t| t.type_id.clone())
            .collect(),
        resource_types: integration
            .resource_types
            .iter()
            .map(|t| t.type_id.clone())
            .collect(),
    };
    components.add_settings::<S>();
    let settings = settings.map(|s| s as &dyn std::any::Any);
    let auth = Auth::new(integration, data, &mut components, settings)?;

    let mut paths = Map::new();
    for (name, registered) in &integration.capabilities {
        let envelope = Envelope::of(name, registered, data)?;
        for (def, schema) in envelope
            .request_defs
            .into_iter()
            .chain(envelope.response_defs)
        {
            components.insert(&def, schema);
        }
        let request = components.resolve(convert(envelope.request));
        let response = components.resolve(convert(envelope.response));
        paths.insert(
            format!("/{}", name.to_lowercase()),
            json!({"post": operation(name, registered, request, response, &envelope.credentials, &auth)}),
        );
    }

    let description = &integration.description;
    let categories: Vec<Value> = description
        .categories
        .iter()
        .flatten()
        .map(|c| serde_json::to_value(c).unwrap_or(Value::Null))
        .collect();
    let info = json!({
        "title": description.user_friendly_name,
        "description": description.description.clone().unwrap_or_default(),
        "version": integration.version,
        "x-app-id": integration.app_id,
        "x-app-logo-url": description.logo_url.clone().unwrap_or_default(),
        "x-app-vendor-domain": description.app_vendor_domain.clone().unwrap_or_default(),
        "x-entitlement-types": integration.entitlement_types,
        "x-access-graph-entitlement-types": [],
        "x-access-graph-entitlement-rules": [],
        "x-implied-access-rules": [],
        "x-resource-types": integration.resource_types,
        "x-categories": {"type": "enum", "enum": categories},
        "x-oauth-settings": auth.oauth_settings,
        "x-capabilities": integration.capabilities.keys().collect::<Vec<_>>(),
        "x-multi-credential": auth.multi_credential,
        "x-probe-checks": probe::announced_checks(integration),
        "x-allowed-credentials": auth.allowed_credentials,
    });
    Ok(json!({
        "openapi": "3.0.0",
        "info": info,
        "servers": [],
        "paths": paths,
        "components": {"securitySchemes": auth.security_schemes, "schemas": components.schemas},
        "tags": [
            {"name": "Read Capabilities", "description": "These capabilities only perform read operations."},
            {"name": "Write Capabilities", "description": "These capabilities perform write operations on top of potential read operations."},
            {"name": "Authorization", "description": "OAuth 2.0 authorization capabilities."},
            {"name": "Specification", "description": "Capabilities used for specifying the connector's capabilities."},
            {"name": "Validation", "description": "Capabilities used for validating the connector's credentials."},
        ],
    }))
}

/// `POST /<name>`.
fn operation<S>(
    name: &str,
    registered: &Registered<S>,
    request: Value,
    response: Value,
    carries_credentials: &bool,
    auth: &Auth,
) -> Value {
    let category = request
        .get("x-capability-category")
        .and_then(Value::as_str)
        .map(capitalize);
    let level = request
        .get("x-capability-level")
        .and_then(Value::as_str)
        .map(|level| format!("{} Capabilities", capitalize(level)));
    let tag = level
        .or(category.clone())
        .unwrap_or_else(|| "Capabilities".to_owned());
    let mut properties = Map::new();
    properties.insert("request".into(), request);
    properties.insert(
        "settings".into(),
        json!({"$ref": "#/components/schemas/Settings"}),
    );
    let mut required = vec![json!("request"), json!("settings")];
    // Q19 fixed: only the credential member the body defines is required.
    let member = auth
        .member
        .filter(|_| *carries_credentials && category.as_deref() != Some("Authorization"));
    if let Some((member, model)) = member {
        properties.insert(
            member.into(),
            json!({"$ref": format!("{REF_PREFIX}{model}")}),
        );
        required.push(json!(member));
    }
    let security = auth.security(name);
    let display_name = registered
        .display_name
        .clone()
        .unwrap_or_else(|| crate::schema::display_name(name));
    let mut operation = Map::new();
    operation.insert("operationId".into(), json!(name));
    operation.insert("tags".into(), json!([tag]));
    operation.insert("summary".into(), json!(display_name));
    // The reference writes `"description": null`, which OpenAPI 3.0 does not allow.
    if let Some(description) = &registered.description {
        operation.insert("description".into(), json!(description));
    }
    operation.insert(
        "requestBody".into(),
        json!({"content": {"application/json": {"schema": {
            "type": "object",
            "properties": properties,
            "required": required,
        }}}}),
    );
    operation.insert(
        "responses".into(),
        json!({"200": {
            "description": "Successful response",
            "content": {"application/json": {"schema": response}},
        }}),
    );
    operation.insert("security".into(), json!(security));
    Value::Object(operation)
}

/// Python's `str.capitalize()` for the ASCII words used here.
fn capitalize(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The payload of `app_info`: empty (unknown members are ignored).
#[derive(Debug, Default, serde::Deserialize, serde::Serialize)]
pub(super) struct AppInfoPayload {}
