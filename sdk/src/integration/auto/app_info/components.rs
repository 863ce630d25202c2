//! `components.schemas` of the document.

use serde_json::{json, Map, Value};

use super::schema::{convert, pydantic_sorted, rewrite_refs, take_defs};
use super::REF_PREFIX;
use crate::schema;
use crate::settings::Settings;

/// `components.schemas`, filled in first-definition-wins order.
pub(super) struct Components {
    pub(super) schemas: Map<String, Value>,
    pub(super) entitlement_types: Vec<String>,
    pub(super) resource_types: Vec<String>,
}

impl Components {
    /// Adds a model unless one of that name is there already: in OpenAPI 3.0 form, with
    /// the declared type ids as the enums of its `entitlement_type` / `resource_type`.
    pub(super) fn insert(&mut self, name: &str, schema: Value) {
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
    pub(super) fn resolve(&self, schema: Value) -> Value {
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
    pub(super) fn add_settings<S: Settings>(&mut self) {
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
