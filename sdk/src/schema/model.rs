//! JSON Schemas of connector-defined Rust types, in the reference's dialect.

use schemars::generate::SchemaSettings;
use schemars::JsonSchema;
use serde_json::Value;

use super::pydantic::to_pydantic_dialect;

/// The JSON Schema of a connector-defined type (settings struct, custom capability payload,
/// extended `create_account` payload, custom credential input model) as the reference's
/// model library would emit it for the equivalent model (protocol §9.3):
///
/// * root `{"title": <type name>, "type": "object", "properties": {…}, "required": […]}`,
///   with `"description"` from the type's doc comment; `required` is in declaration order
///   and omitted when empty;
/// * each property's `title` is its `#[schemars(title = "…")]` or [`python_title`] of its
///   name; its doc comment is its `description`;
/// * `Option<T>` is `{"anyOf": [<T>, {"type": "null"}], "default": null}`; `#[serde(default)]`
///   values are emitted as `default`; enums and nested structs live under `$defs` and are
///   referenced with `{"$ref": "#/$defs/Name"}`; `Vec<T>` is an array; maps use
///   `additionalProperties`; `#[schemars(range(…))]` gives `minimum`/`maximum`;
/// * extensions from [`AnnotatedField`](super::AnnotatedField) or
///   `#[schemars(extend("x-…" = …))]` stay on the property.
///
/// Limits: property titles and `field_order` use the serialized (renamed) field names, where
/// pydantic would title-case the Python attribute name; tagged enums and generic types are
/// not mapped to pydantic's shapes; an explicit `minimum: 0` on an unsigned integer is
/// indistinguishable from the implied one and dropped (use a signed type to keep it).
///
/// [`python_title`]: super::python_title
pub fn model_schema<T: JsonSchema>() -> Value {
    let generator = SchemaSettings::draft2020_12()
        .with(|settings| settings.meta_schema = None)
        .into_generator();
    to_pydantic_dialect(generator.into_root_schema_for::<T>().to_value())
}

/// Adds `field_order` (the property names in declaration order) to a model schema, as the
/// reference does for settings, authentication and credential schemas: `info` sorts
/// `properties`, so the UI needs the order separately.
pub fn with_field_order(mut schema: Value) -> Value {
    let order: Vec<Value> = schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|properties| properties.keys().cloned().map(Value::String).collect())
        .unwrap_or_default();
    if let Value::Object(map) = &mut schema {
        map.insert("field_order".to_owned(), Value::Array(order));
    }
    schema
}
