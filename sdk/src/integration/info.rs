//! The `info` document, derived from the registry (protocol §9).

use serde_json::{json, Map, Value};

use super::handler::Shape;
use super::Integration;
use crate::auth::AuthDeclaration;
use crate::error::ConnectorError;
use crate::python::{write_string, write_value};
use crate::schema::{self, INFO_STYLE};
use crate::settings::Settings;

impl<S: Settings> Integration<S> {
    /// The `info` response payload (the `response` member of the `info` envelope).
    ///
    /// # Errors
    ///
    /// `internal_error` when a capability or credential has no known schema (a registry bug).
    pub fn info(&self) -> Result<Value, ConnectorError> {
        let mut response = self.info_without_capability_schema()?;
        let mut capability_schema = Map::new();
        for name in self.capabilities.keys() {
            capability_schema.insert(name.clone(), self.capability_schema_entry(name)?);
        }
        response["capability_schema"] = Value::Object(capability_schema);
        Ok(response)
    }

    /// The `info` command's whole output: the envelope in `info` serialization (sorted keys,
    /// `", "`/`": "` separators, ASCII-only), without the trailing newline.
    ///
    /// Byte-identical to [`crate::schema::to_info_json`] of the envelope around
    /// [`Integration::info`], but standard capabilities registered as they are splice their
    /// pre-serialized schema text instead of parsing and re-serializing it: `info` runs once
    /// per process, so this is most of its start-up cost.
    ///
    /// # Errors
    ///
    /// As [`Integration::info`].
    pub fn info_json(&self) -> Result<String, ConnectorError> {
        let response = self.info_without_capability_schema()?;
        let Value::Object(members) = response else {
            return Err(ConnectorError::internal("info is not an object"));
        };
        let mut members: Vec<(&str, Option<&Value>)> =
            members.iter().map(|(k, v)| (k.as_str(), Some(v))).collect();
        members.push(("capability_schema", None));
        members.sort_by(|a, b| a.0.cmp(b.0));

        let mut out = String::with_capacity(64 * 1024);
        out.push_str(
            "{\"execution_summary\": null, \"page\": null, \"rate_limit\": null, \"raw_data\": null, \"response\": {",
        );
        for (index, (key, value)) in members.into_iter().enumerate() {
            if index > 0 {
                out.push_str(", ");
            }
            write_string(key, &mut out);
            out.push_str(": ");
            match value {
                Some(value) => write_value(value, &INFO_STYLE, &mut out),
                None => self.write_capability_schema(&mut out)?,
            }
        }
        out.push_str("}}");
        Ok(out)
    }

    /// `{name: entry, ...}` sorted by name (the registry is a sorted map).
    fn write_capability_schema(&self, out: &mut String) -> Result<(), ConnectorError> {
        out.push('{');
        for (index, (name, registered)) in self.capabilities.iter().enumerate() {
            if index > 0 {
                out.push_str(", ");
            }
            write_string(name, out);
            out.push_str(": ");
            let unmodified = matches!(registered.shape, Shape::Standard)
                && registered.display_name.is_none()
                && registered.description.is_none();
            match unmodified
                .then(|| schema::standard_capability_schema_text(name))
                .flatten()
            {
                Some(text) => out.push_str(text),
                None => write_value(&self.capability_schema_entry(name)?, &INFO_STYLE, out),
            }
        }
        out.push('}');
        Ok(())
    }

    /// One `capability_schema` entry (protocol §9.4).
    fn capability_schema_entry(&self, name: &str) -> Result<Value, ConnectorError> {
        let registered = self
            .capabilities
            .get(name)
            .ok_or_else(|| ConnectorError::internal(format!("'{name}' is not registered")))?;
        let standard = || {
            schema::standard_capability_schema(name).ok_or_else(|| {
                ConnectorError::internal(format!("no schema is known for capability '{name}'"))
            })
        };
        let mut entry = match &registered.shape {
            Shape::Standard => standard()?,
            Shape::Extended { argument } => {
                let mut entry = standard()?;
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
        Ok(entry)
    }

    /// Every `info` member but `capability_schema`.
    fn info_without_capability_schema(&self) -> Result<Value, ConnectorError> {
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
            "oauth_scopes": self.oauth_scopes,
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
