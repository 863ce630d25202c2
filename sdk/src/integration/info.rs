//! The `info` document, derived from the registry (protocol §9).

use serde_json::{json, Map, Value};

use super::handler::Shape;
use super::Integration;
use crate::auth::AuthDeclaration;
use crate::error::ConnectorError;
use crate::schema;
use crate::settings::Settings;

impl<S: Settings> Integration<S> {
    /// The `info` response payload (the `response` member of the `info` envelope).
    pub fn info(&self) -> Result<Value, ConnectorError> {
        let mut capability_schema = Map::new();
        for (name, registered) in &self.capabilities {
            let mut entry = match &registered.shape {
                Shape::Standard => schema::standard_capability_schema(name).ok_or_else(|| {
                    ConnectorError::internal(format!("no schema is known for capability '{name}'"))
                })?,
                Shape::Extended { argument } => {
                    let mut entry = schema::standard_capability_schema(name).ok_or_else(|| {
                        ConnectorError::internal(format!(
                            "no schema is known for capability '{name}'"
                        ))
                    })?;
                    // Base fields keep the protocol's own schemas; the connector's fields follow.
                    if let Some(extended) = schema::extend_standard_argument(name, argument) {
                        entry["argument"] = extended;
                    }
                    entry
                }
                Shape::Custom { argument, output } => json!({
                    "argument": list_placeholder(argument),
                    "output": list_placeholder(output),
                    "display_name": schema::display_name(name),
                    "description": null,
                }),
            };
            if let Some(display_name) = &registered.display_name {
                entry["display_name"] = json!(display_name);
            }
            if let Some(description) = &registered.description {
                entry["description"] = json!(description);
            }
            capability_schema.insert(name.clone(), entry);
        }

        let (authentication_schema, credentials_schema) = self.auth_schemas()?;
        let settings_schema = if crate::settings::is_declared::<S>() {
            schema::with_field_order(schema::model_schema::<S>())
        } else {
            json!({"field_order": [], "properties": {}, "title": "EmptySettings", "type": "object"})
        };
        let description = &self.description;
        Ok(json!({
            "app_id": self.app_id,
            "app_vendor_domain": description.app_vendor_domain,
            "version": self.version,
            "capabilities": self.capabilities.keys().collect::<Vec<_>>(),
            "capability_schema": capability_schema,
            "oauth_scopes": null,
            "authentication_schema": authentication_schema,
            "credentials_schema": credentials_schema,
            "logo_url": description.logo_url,
            "user_friendly_name": description.user_friendly_name,
            "description": description.description,
            "categories": description.categories,
            "entitlement_types": self.entitlement_types,
            "access_graph_entitlement_types": [],
            "access_graph_entitlement_rules": [],
            "implied_access_rules": [],
            "resource_types": self.resource_types,
            "request_settings_schema": settings_schema,
        }))
    }

    /// The `info` command's whole output: the envelope in `info` serialization (sorted keys,
    /// `", "`/`": "` separators, ASCII-only), without the trailing newline.
    pub fn info_json(&self) -> Result<String, ConnectorError> {
        let envelope = json!({
            "execution_summary": null,
            "page": null,
            "rate_limit": null,
            "raw_data": null,
            "response": self.info()?,
        });
        Ok(schema::to_info_json(&envelope))
    }

    fn auth_schemas(&self) -> Result<(Value, Value), ConnectorError> {
        let unknown = |kind: &str| {
            ConnectorError::internal(format!("no schema is known for credential type '{kind}'"))
        };
        match &self.auth {
            AuthDeclaration::None => Ok((json!({}), json!([]))),
            AuthDeclaration::Single(kind) => {
                let schema =
                    schema::credential_schema(kind.key()).ok_or_else(|| unknown(kind.key()))?;
                Ok((schema, json!([])))
            }
            AuthDeclaration::Multi { credentials, .. } => {
                let mut items = Vec::new();
                for declaration in credentials {
                    let mut schema = schema::credential_schema(declaration.kind.key())
                        .ok_or_else(|| unknown(declaration.kind.key()))?;
                    if let Some(object) = schema.as_object_mut() {
                        object.insert("id".into(), json!(declaration.id));
                        object.insert("description".into(), json!(declaration.description));
                        object.insert("x-optional".into(), json!(declaration.optional));
                    }
                    items.push(schema);
                }
                Ok((json!({}), Value::Array(items)))
            }
        }
    }
}

/// Lists are shown as the `Empty` placeholder, as the reference does.
fn list_placeholder(schema: &Value) -> Value {
    if schema.get("type").and_then(Value::as_str) == Some("array") {
        schema::list_placeholder_schema()
    } else {
        schema.clone()
    }
}
