//! Connector settings: non-secret configuration validated before every capability runs.
//!
//! A settings type is any `serde` + `schemars` struct. Validation is lenient like the
//! reference's (numeric and boolean strings are converted), and failures use the protocol's
//! messages, naming missing fields by their title.

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::error::ConnectorError;

/// A connector's settings model. Implemented for every `Deserialize + JsonSchema` type.
pub trait Settings: DeserializeOwned + JsonSchema + Send + Sync + 'static {}

impl<T: DeserializeOwned + JsonSchema + Send + Sync + 'static> Settings for T {}

/// Whether the connector declares a settings model at all; [`NoSettings`] says no.
pub(crate) fn is_declared<S: Settings>() -> bool {
    std::any::TypeId::of::<S>() != std::any::TypeId::of::<NoSettings>()
}

/// Marker for connectors without settings: any `settings` value is accepted.
#[derive(Debug, Clone, Copy, Default, serde::Deserialize)]
pub struct NoSettings {}

impl JsonSchema for NoSettings {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "EmptySettings".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"title": "EmptySettings", "type": "object", "properties": {}})
    }
}

/// Validates the envelope's `settings` member into `S`.
pub(crate) fn validate_settings<S: Settings>(
    app_id: &str,
    settings: Option<&Value>,
) -> Result<S, ConnectorError> {
    if !is_declared::<S>() {
        return serde_json::from_value(Value::Object(Map::new()))
            .map_err(|_| ConnectorError::bad_request("Invalid settings passed on request."));
    }
    let schema = schemars::schema_for!(S).to_value();
    let model_name = schema
        .get("title")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .unwrap_or_else(|| S::schema_name().into_owned());
    let Some(Value::Object(given)) = settings.filter(|v| !v.is_null()) else {
        return match settings {
            Some(v) if !v.is_null() => Err(invalid()),
            _ => Err(ConnectorError::bad_request(format!(
                "No settings passed on request: {app_id} requires {model_name}"
            ))),
        };
    };
    let properties = schema.get("properties").and_then(Value::as_object);
    let missing: Vec<String> = schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|name| !given.contains_key(*name))
        .map(|name| field_title(properties, name))
        .collect();
    if !missing.is_empty() {
        return Err(ConnectorError::bad_request(format!(
            "Invalid settings passed on request. Missing required settings: {}",
            missing.join(", ")
        )));
    }
    let mut coerced = given.clone();
    if let Some(properties) = properties {
        for (name, value) in coerced.iter_mut() {
            if let Some(property) = properties.get(name) {
                coerce(value, property, &schema);
            }
        }
    }
    serde_json::from_value(Value::Object(coerced)).map_err(|_| invalid())
}

fn invalid() -> ConnectorError {
    ConnectorError::bad_request("Invalid settings passed on request.")
}

fn field_title(properties: Option<&Map<String, Value>>, name: &str) -> String {
    properties
        .and_then(|p| p.get(name))
        .and_then(|p| p.get("title"))
        .and_then(Value::as_str)
        .map(str::to_owned)
        .unwrap_or_else(|| crate::schema::python_title(name))
}

/// The JSON types a property schema allows, following `$ref`, `anyOf` and `type` arrays.
fn allowed_types(property: &Value, root: &Value, out: &mut Vec<String>) {
    if let Some(reference) = property.get("$ref").and_then(Value::as_str) {
        let target = reference
            .strip_prefix("#/")
            .and_then(|path| path.split('/').try_fold(root, |node, key| node.get(key)));
        if let Some(target) = target {
            allowed_types(target, root, out);
        }
    }
    match property.get("type") {
        Some(Value::String(t)) => out.push(t.clone()),
        Some(Value::Array(types)) => {
            out.extend(types.iter().filter_map(Value::as_str).map(str::to_owned))
        }
        _ => {}
    }
    for key in ["anyOf", "oneOf"] {
        for option in property
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            allowed_types(option, root, out);
        }
    }
}

/// Lax conversion as the reference does for settings: `"2"` -> 2, `"true"` -> true,
/// `2.0` -> 2.
fn coerce(value: &mut Value, property: &Value, root: &Value) {
    let mut types = Vec::new();
    allowed_types(property, root, &mut types);
    let wants = |t: &str| types.iter().any(|x| x == t);
    let replacement = match &*value {
        Value::String(s) if wants("integer") && !wants("string") => {
            s.trim().parse::<i64>().ok().map(Value::from)
        }
        Value::String(s) if wants("number") && !wants("string") => s
            .trim()
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number),
        Value::String(s) if wants("boolean") && !wants("string") => {
            match s.trim().to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" | "on" | "t" | "y" => Some(Value::Bool(true)),
                "false" | "0" | "no" | "off" | "f" | "n" => Some(Value::Bool(false)),
                _ => None,
            }
        }
        Value::Number(n) if wants("integer") && !wants("number") && n.is_f64() => n
            .as_f64()
            .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
            .map(|f| Value::from(f as i64)),
        _ => None,
    };
    if let Some(replacement) = replacement {
        *value = replacement;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, Deserialize, JsonSchema)]
    struct DemoSettings {
        base_url: String,
        #[serde(default = "two")]
        page_size: u32,
        #[serde(default)]
        verbose: Option<bool>,
    }

    fn two() -> u32 {
        2
    }

    #[test]
    fn numeric_strings_are_accepted() {
        let s: DemoSettings = validate_settings(
            "demo",
            Some(&json!({"base_url": "x", "page_size": "7", "verbose": "true"})),
        )
        .unwrap();
        assert_eq!(s.base_url, "x");
        assert_eq!(s.page_size, 7);
        assert_eq!(s.verbose, Some(true));
    }

    #[test]
    fn missing_settings_and_fields_use_protocol_messages() {
        let err = validate_settings::<DemoSettings>("demo", None).unwrap_err();
        assert_eq!(
            err.message,
            "No settings passed on request: demo requires DemoSettings"
        );
        let err = validate_settings::<DemoSettings>("demo", Some(&json!({}))).unwrap_err();
        assert_eq!(
            err.message,
            "Invalid settings passed on request. Missing required settings: Base Url"
        );
        let err =
            validate_settings::<DemoSettings>("demo", Some(&json!({"base_url": 1}))).unwrap_err();
        assert_eq!(err.message, "Invalid settings passed on request.");
    }
}
