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
//! Fixed quirk Q19: a request body lists in `required` only the credential member it
//! defines (`auth` for single-auth connectors, `credentials` for multi-auth ones).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde_json::{json, Map, Value};

use super::super::handler::{Registered, Shape};
use super::super::Integration;
use super::probe;
use crate::auth::{AuthDeclaration, CredentialKind};
use crate::error::ConnectorError;
use crate::schema;
use crate::settings::Settings;

const DATA_JSON: &str = include_str!("../../../schemas/app_info_schemas.json");
const REF_PREFIX: &str = "#/components/schemas/";

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
pub(super) fn response<S: Settings>(integration: &Integration<S>) -> Result<Value, ConnectorError> {
    Ok(json!({
        "app_id": integration.app_id,
        "app_schema": document(integration)?,
    }))
}

/// The OpenAPI document.
pub(super) fn document<S: Settings>(integration: &Integration<S>) -> Result<Value, ConnectorError> {
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
    let auth = Auth::new(integration, data, &mut components)?;

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
        "x-oauth-settings": {},
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

/// `components.schemas`, filled in first-definition-wins order.
struct Components {
    schemas: Map<String, Value>,
    entitlement_types: Vec<String>,
    resource_types: Vec<String>,
}

impl Components {
    /// Adds a model unless one of that name is there already: in OpenAPI 3.0 form, with
    /// the declared type ids as the enums of its `entitlement_type` / `resource_type`.
    fn insert(&mut self, name: &str, schema: Value) {
        if self.schemas.contains_key(name) {
            return;
        }
        let mut schema = convert(schema);
        for (marker, property, ids) in [
            (
                "x-entitlement-type",
                "entitlement_type",
                &self.entitlement_types,
            ),
            ("x-resource-type", "resource_type", &self.resource_types),
        ] {
            replace_type_ids(&mut schema, marker, property, ids);
        }
        self.schemas.insert(name.to_owned(), schema);
    }

    /// A `$ref` to a model is replaced by the model itself.
    fn resolve(&self, schema: Value) -> Value {
        schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix(REF_PREFIX))
            .and_then(|name| self.schemas.get(name))
            .cloned()
            .unwrap_or(schema)
    }

    /// `Settings`: the settings model (`EmptySettings` when there is none) with
    /// `x-field_order`. Its nested models are added after it (the reference drops them and
    /// leaves their references dangling).
    fn add_settings<S: Settings>(&mut self) {
        let mut settings = if crate::settings::is_declared::<S>() {
            pydantic_sorted(&rewrite_refs(schema::model_schema::<S>()), None)
        } else {
            json!({"properties": {}, "title": "EmptySettings", "type": "object"})
        };
        let defs = take_defs(&mut settings);
        let order: Vec<Value> = settings
            .get("properties")
            .and_then(Value::as_object)
            .map(|p| p.keys().cloned().map(Value::String).collect())
            .unwrap_or_default();
        if let Value::Object(map) = &mut settings {
            map.insert("x-field_order".into(), Value::Array(order));
        }
        self.schemas.insert("Settings".into(), convert(settings));
        for (name, schema) in defs {
            self.insert(&name, schema);
        }
    }
}

/// The reference replaces the property outright: `{"type", "title", "description",
/// "enum"?}` (no enum when nothing is declared).
fn replace_type_ids(schema: &mut Value, marker: &str, property: &str, ids: &[String]) {
    let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) else {
        return;
    };
    if !properties.values().any(|p| p.get(marker).is_some()) {
        return;
    }
    let Some(current) = properties.get(property) else {
        return;
    };
    let mut replaced = json!({
        "type": "string",
        "title": current.get("title").cloned().unwrap_or(Value::Null),
        "description": current.get("description").cloned().unwrap_or(Value::Null),
    });
    if !ids.is_empty() {
        replaced["enum"] = json!(ids);
    }
    properties.insert(property.to_owned(), replaced);
}

/// What a capability's request and response envelopes contribute.
struct Envelope {
    request_defs: Vec<(String, Value)>,
    request: Value,
    response_defs: Vec<(String, Value)>,
    response: Value,
    /// Whether the request envelope carries credentials (`auth` / `credentials`).
    credentials: bool,
}

impl Envelope {
    fn of<S>(name: &str, registered: &Registered<S>, data: &Value) -> Result<Self, ConnectorError> {
        let unknown = || ConnectorError::internal(format!("no app_info schema for '{name}'"));
        match &registered.shape {
            Shape::Standard => {
                let record = data["capabilities"].get(name).ok_or_else(unknown)?;
                Ok(Self {
                    request_defs: known_defs(data, &record["request_defs"]),
                    request: record["request"].clone(),
                    response_defs: known_defs(data, &record["response_defs"]),
                    response: record["response"].clone(),
                    credentials: flag(record, "auth") || flag(record, "credentials"),
                })
            }
            Shape::Extended { argument } => {
                let record = data["capabilities"].get(name).ok_or_else(unknown)?;
                let base_name = ref_name(&record["request"]).unwrap_or_default();
                let base = data["defs"].get(base_name).cloned().unwrap_or(Value::Null);
                let mut extension = pydantic_sorted(&rewrite_refs(argument.clone()), None);
                let own_defs = take_defs(&mut extension);
                let payload = extend(&base, &extension);
                let mut defs: BTreeMap<String, Value> = own_defs.into_iter().collect();
                for (def, schema) in known_defs(data, &record["request_defs"])
                    .into_iter()
                    .chain(known_defs(data, &data["custom"]["request_defs"]))
                    .filter(|(def, _)| def != base_name)
                {
                    defs.insert(def, schema);
                }
                let title = title_of(&payload);
                defs.insert(title.clone(), with_write_level(payload));
                Ok(Self {
                    request_defs: defs.into_iter().collect(),
                    request: json!({"$ref": format!("{REF_PREFIX}{title}")}),
                    response_defs: known_defs(data, &record["response_defs"]),
                    response: record["response"].clone(),
                    credentials: registered.authenticated,
                })
            }
            Shape::Custom { argument, output } => {
                let custom = &data["custom"];
                let mut argument = pydantic_sorted(&rewrite_refs(argument.clone()), None);
                let mut defs: BTreeMap<String, Value> = take_defs(&mut argument)
                    .into_iter()
                    .chain(known_defs(data, &custom["request_defs"]))
                    .collect();
                let title = title_of(&argument);
                defs.insert(title.clone(), with_write_level(argument));
                let (response_defs, response) =
                    custom_response(output, known_defs(data, &custom["response_defs"]));
                Ok(Self {
                    request_defs: defs.into_iter().collect(),
                    request: json!({"$ref": format!("{REF_PREFIX}{title}")}),
                    response_defs,
                    response,
                    credentials: registered.authenticated,
                })
            }
        }
    }
}

/// The response envelope of a custom capability around its output model (or list of them).
fn custom_response(output: &Value, common: Vec<(String, Value)>) -> (Vec<(String, Value)>, Value) {
    let mut output = pydantic_sorted(&rewrite_refs(output.clone()), None);
    let mut defs: BTreeMap<String, Value> = take_defs(&mut output).into_iter().collect();
    defs.extend(common);
    let member = if output.get("type").and_then(Value::as_str) == Some("array") {
        json!({"items": output.get("items").cloned().unwrap_or(json!({})), "title": "Response", "type": "array"})
    } else {
        let title = title_of(&output);
        defs.insert(title.clone(), output);
        json!({"$ref": format!("{REF_PREFIX}{title}")})
    };
    (defs.into_iter().collect(), member)
}

fn flag(record: &Value, key: &str) -> bool {
    record.get(key).and_then(Value::as_bool).unwrap_or(false)
}

fn ref_name(schema: &Value) -> Option<&str> {
    schema.get("$ref")?.as_str()?.strip_prefix(REF_PREFIX)
}

fn title_of(schema: &Value) -> String {
    schema
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or("Payload")
        .to_owned()
}

/// Custom envelopes mark their payload model `x-capability-level: write`.
fn with_write_level(mut schema: Value) -> Value {
    if let Value::Object(map) = &mut schema {
        map.insert("x-capability-level".into(), json!("write"));
    }
    schema
}

/// The named models of the reference data.
fn known_defs(data: &Value, names: &Value) -> Vec<(String, Value)> {
    names
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter_map(|name| Some((name.to_owned(), data["defs"].get(name)?.clone())))
        .collect()
}

/// A subclass of the standard payload model: the base properties (and their `required`)
/// first, then the extension's; the extension's title and description; the base's `x-*`.
fn extend(base: &Value, extension: &Value) -> Value {
    let empty = Map::new();
    let props = |v: &Value| v.get("properties").and_then(Value::as_object).cloned();
    let required = |v: &Value, name: &str| {
        v.get("required")
            .and_then(Value::as_array)
            .is_some_and(|r| r.iter().any(|n| n == name))
    };
    let base_props = props(base).unwrap_or_default();
    let mut properties = base_props.clone();
    for (name, schema) in props(extension).as_ref().unwrap_or(&empty) {
        if !properties.contains_key(name) {
            properties.insert(name.clone(), schema.clone());
        }
    }
    let required: Vec<&String> = properties
        .keys()
        .filter(|name| {
            let owner = if base_props.contains_key(*name) {
                base
            } else {
                extension
            };
            required(owner, name)
        })
        .collect();
    let mut out = Map::new();
    if let Some(description) = extension.get("description") {
        out.insert("description".into(), description.clone());
    }
    out.insert("properties".into(), Value::Object(properties.clone()));
    if !required.is_empty() {
        out.insert("required".into(), json!(required));
    }
    out.insert(
        "title".into(),
        extension.get("title").cloned().unwrap_or(Value::Null),
    );
    out.insert("type".into(), json!("object"));
    for (key, value) in base.as_object().unwrap_or(&empty) {
        if key.starts_with("x-") {
            out.insert(key.clone(), value.clone());
        }
    }
    Value::Object(out)
}

/// The credential side of the document.
struct Auth {
    /// Security requirement names (credential ids, or the app id for single-auth).
    schemes: Vec<String>,
    security_schemes: Map<String, Value>,
    /// `auth` (single-auth) or `credentials` (otherwise): the request body member.
    member: &'static str,
    multi_credential: bool,
    allowed_credentials: Vec<Vec<String>>,
}

impl Auth {
    fn new<S: Settings>(
        integration: &Integration<S>,
        data: &Value,
        components: &mut Components,
    ) -> Result<Self, ConnectorError> {
        let unknown = |kind: CredentialKind| {
            ConnectorError::internal(format!(
                "no app_info schema for credential '{}'",
                kind.key()
            ))
        };
        let model = |kind: CredentialKind, variant: &str| {
            data["auth"]
                .get(kind.key())
                .and_then(|a| a.get(variant))
                .cloned()
                .ok_or_else(|| unknown(kind))
        };
        match &integration.auth {
            AuthDeclaration::Single(kind) => {
                let model = convert(model(*kind, "single")?);
                let mut object = Map::new();
                object.insert("type".into(), json!("object"));
                for (key, value) in model.as_object().into_iter().flatten() {
                    object.insert(key.clone(), value.clone());
                }
                let mut auth = json!({
                    "properties": {kind.key(): Value::Object(object)},
                    "required": [kind.key()],
                });
                let defs = take_nested_defs(&mut auth);
                components.schemas.insert("Auth".into(), auth);
                for (name, schema) in defs {
                    components.insert(&name, schema);
                }
                let mut security_schemes = Map::new();
                if let Some(scheme) = security_scheme(*kind, false) {
                    security_schemes.insert(integration.app_id.clone(), scheme);
                }
                Ok(Self {
                    schemes: vec![integration.app_id.clone()],
                    security_schemes,
                    member: "auth",
                    multi_credential: false,
                    allowed_credentials: Vec::new(),
                })
            }
            AuthDeclaration::None => Ok(Self::credentials(Vec::new(), components, Vec::new())),
            AuthDeclaration::Multi { credentials, .. } => {
                let mut items = Vec::new();
                let mut security_schemes = Map::new();
                for credential in credentials {
                    let mut schema = convert(model(credential.kind, "multi")?);
                    if let Value::Object(map) = &mut schema {
                        map.insert("description".into(), json!(credential.description));
                        map.insert("x-optional".into(), json!(credential.optional));
                        let name = data["auth"][credential.kind.key()]["name"].clone();
                        map.insert("x-credential-name".into(), name);
                    }
                    let key = credential.kind.key();
                    items.push(json!({
                        "type": "object",
                        "properties": {"id": {"type": "string", "enum": [credential.id]}, key: schema},
                        "required": ["id", key],
                    }));
                    if let Some(scheme) = security_scheme(credential.kind, true) {
                        security_schemes.insert(credential.id.clone(), scheme);
                    }
                }
                let mut auth = Self::credentials(
                    credentials.iter().map(|c| c.id.clone()).collect(),
                    components,
                    items,
                );
                auth.security_schemes = security_schemes;
                auth.multi_credential = !credentials.is_empty();
                auth.allowed_credentials = integration.auth.combinations();
                Ok(auth)
            }
        }
    }

    /// The multi-credential shape (also used by connectors without authentication).
    fn credentials(schemes: Vec<String>, components: &mut Components, items: Vec<Value>) -> Self {
        let mut credentials = json!({"type": "array", "items": {"allOf": items}});
        let defs = take_nested_defs(&mut credentials);
        components.schemas.insert("Credentials".into(), credentials);
        for (name, schema) in defs {
            components.insert(&name, schema);
        }
        Self {
            schemes,
            security_schemes: Map::new(),
            member: "credentials",
            multi_credential: false,
            allowed_credentials: Vec::new(),
        }
    }
}

/// The OpenAPI security scheme of a credential type, where the reference gives one.
fn security_scheme(kind: CredentialKind, multi: bool) -> Option<Value> {
    let api_key = |description: &str| json!({"type": "apiKey", "in": "header", "name": "Authorization", "description": description});
    let bearer_jwt = |description: &str| json!({"type": "http", "scheme": "bearer", "bearerFormat": "JWT", "description": description});
    const TOKEN: &str = "API Token / API Key for authentication";
    match (kind, multi) {
        (CredentialKind::Token, _) | (CredentialKind::Jwt, true) => Some(api_key(TOKEN)),
        (CredentialKind::Basic, _) => Some(json!({"type": "http"})),
        (_, true) => None,
        (CredentialKind::Jwt, false) => Some(bearer_jwt("JWT Token for authentication")),
        (CredentialKind::Oauth1, false) => Some(api_key(
            "OAuth 1.0a signed request token for authentication",
        )),
        (CredentialKind::ServiceAccount, false) => {
            Some(api_key("Service Account Token for authentication"))
        }
        (CredentialKind::KeyPair, false) => Some(bearer_jwt("Key-pair for authentication")),
        (CredentialKind::Oauth, false) => Some(json!({"type": "oauth2", "flows": {
            "authorizationCode": {"authorizationUrl": "", "tokenUrl": "", "scopes": {}}}})),
        (CredentialKind::OauthClientCredentials, false) => {
            Some(json!({"type": "oauth2", "flows": {
            "clientCredentials": {"tokenUrl": "", "scopes": {}}}}))
        }
        (CredentialKind::Empty, false) => None,
    }
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
    if *carries_credentials && category.as_deref() != Some("Authorization") {
        let target = if auth.member == "auth" {
            "Auth"
        } else {
            "Credentials"
        };
        properties.insert(
            auth.member.into(),
            json!({"$ref": format!("{REF_PREFIX}{target}")}),
        );
        required.push(json!(auth.member));
    }
    let security: Vec<Value> = auth.schemes.iter().map(|s| json!({ s: [] })).collect();
    let display_name = registered
        .display_name
        .clone()
        .unwrap_or_else(|| schema::display_name(name));
    json!({
        "operationId": name,
        "tags": [tag],
        "summary": display_name,
        "description": registered.description,
        "requestBody": {"content": {"application/json": {"schema": {
            "type": "object",
            "properties": properties,
            "required": required,
        }}}},
        "responses": {"200": {
            "description": "Successful response",
            "content": {"application/json": {"schema": response}},
        }},
        "security": security,
    })
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

/// Removes and returns the root `$defs`.
fn take_defs(schema: &mut Value) -> Vec<(String, Value)> {
    schema
        .as_object_mut()
        .and_then(|map| shift_remove(map, "$defs"))
        .and_then(|defs| match defs {
            Value::Object(defs) => Some(defs.into_iter().collect()),
            _ => None,
        })
        .unwrap_or_default()
}

/// Removes and returns every `$defs`, at any depth.
fn take_nested_defs(schema: &mut Value) -> Vec<(String, Value)> {
    let mut found = take_defs(schema);
    match schema {
        Value::Object(map) => {
            for value in map.values_mut() {
                found.extend(take_nested_defs(value));
            }
        }
        Value::Array(items) => {
            for value in items {
                found.extend(take_nested_defs(value));
            }
        }
        _ => {}
    }
    found
}

/// Removes `key` keeping the order of the others.
fn shift_remove(map: &mut Map<String, Value>, key: &str) -> Option<Value> {
    let mut removed = None;
    let kept: Map<String, Value> = std::mem::take(map)
        .into_iter()
        .filter_map(|(k, v)| {
            if k == key {
                removed = Some(v);
                None
            } else {
                Some((k, v))
            }
        })
        .collect();
    *map = kept;
    removed
}

/// `#/$defs/X` references of a generated schema point into `components.schemas`.
fn rewrite_refs(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| {
                    let v = match (k.as_str(), v) {
                        ("$ref", Value::String(r)) => Value::String(
                            r.strip_prefix("#/$defs/")
                                .map_or(r.clone(), |name| format!("{REF_PREFIX}{name}")),
                        ),
                        (_, v) => rewrite_refs(v),
                    };
                    (k, v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(rewrite_refs).collect()),
        other => other,
    }
}

/// The key order of the reference's model library: sorted at every level, except the
/// members of `properties` and of a `default` value.
fn pydantic_sorted(value: &Value, parent: Option<&str>) -> Value {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            if !matches!(parent, Some("properties" | "default")) {
                keys.sort();
            }
            Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), pydantic_sorted(&map[k.as_str()], Some(k))))
                    .collect(),
            )
        }
        Value::Array(items) => {
            Value::Array(items.iter().map(|v| pydantic_sorted(v, parent)).collect())
        }
        other => other.clone(),
    }
}

/// OpenAPI 3.0 has no `null` type: `anyOf` with null becomes `nullable: true` (merged into
/// the schema when one type is left), and `const` becomes a one-value `enum`. Key order and
/// the cases left alone follow the reference, whose output hosts already read.
fn convert(schema: Value) -> Value {
    let Value::Object(mut map) = schema else {
        return schema;
    };
    if let Some(constant) = shift_remove(&mut map, "const") {
        map.insert("enum".into(), json!([constant]));
        return Value::Object(map);
    }
    if let Some(any_of) = map.get("anyOf").and_then(Value::as_array).cloned() {
        let types: Vec<Value> = any_of
            .iter()
            .filter(|item| item.get("type").and_then(Value::as_str) != Some("null"))
            .cloned()
            .collect();
        let has_null = types.len() != any_of.len();
        if has_null && types.len() == 1 {
            let mut merged = map.clone();
            for (key, value) in types[0].as_object().into_iter().flatten() {
                merged.insert(key.clone(), value.clone());
            }
            merged.insert("nullable".into(), json!(true));
            shift_remove(&mut merged, "anyOf");
            return Value::Object(merged);
        }
        if has_null && !types.is_empty() {
            map.insert("anyOf".into(), Value::Array(types));
            map.insert("nullable".into(), json!(true));
        }
    }
    let converted = map
        .into_iter()
        .map(|(key, value)| {
            let value = match value {
                Value::Object(_) => convert(value),
                Value::Array(items) => Value::Array(
                    items
                        .into_iter()
                        .map(|item| {
                            if item.is_object() {
                                convert(item)
                            } else {
                                item
                            }
                        })
                        .collect(),
                ),
                other => other,
            };
            (key, value)
        })
        .collect();
    Value::Object(converted)
}

/// The payload of `app_info`: empty (unknown members are ignored).
#[derive(Debug, Default, serde::Deserialize, serde::Serialize)]
pub(super) struct AppInfoPayload {}
