//! Extended standard payloads (`create_account`, `update_account`).

use serde_json::{Map, Value};

use super::standard::standard_capability_schema;

/// The `argument` schema of a standard capability whose payload a connector extends, as
/// the reference emits it for a subclass of the standard payload model: the standard
/// properties first, then the extension's own; `required` in that order; the union of both
/// `$defs`; the extension's `title` and `description` (a subclass does not inherit the
/// base docstring); the standard root `x-*` keys (`x-capability-level`).
///
/// `extension` is usually [`model_schema`](super::model_schema) of the connector's payload
/// type. Where it also defines a standard property (for example through
/// `#[serde(flatten)]` of the standard payload), the standard definition is kept, since an
/// extension may not change the base fields. `None` if `capability` is not standard.
pub fn extend_standard_argument(capability: &str, extension: &Value) -> Option<Value> {
    let entry = standard_capability_schema(capability)?;
    let base = entry.get("argument")?.as_object()?;
    let empty = Map::new();
    let ext = extension.as_object().unwrap_or(&empty);

    let base_props = object(base, "properties");
    let ext_props = object(ext, "properties");
    let mut properties = base_props.clone();
    for (name, schema) in ext_props {
        if !properties.contains_key(name) {
            properties.insert(name.clone(), schema.clone());
        }
    }
    let required: Vec<Value> = properties
        .keys()
        .filter(|name| {
            let owner = if base_props.contains_key(*name) {
                base
            } else {
                ext
            };
            names(owner, "required").any(|required| required == name.as_str())
        })
        .map(|name| Value::String(name.clone()))
        .collect();
    let mut defs = object(base, "$defs").clone();
    for (name, schema) in object(ext, "$defs") {
        if !defs.contains_key(name) {
            defs.insert(name.clone(), schema.clone());
        }
    }

    let mut out = Map::new();
    if !defs.is_empty() {
        out.insert("$defs".to_owned(), Value::Object(defs));
    }
    if let Some(description) = ext.get("description") {
        out.insert("description".to_owned(), description.clone());
    }
    out.insert("properties".to_owned(), Value::Object(properties));
    if !required.is_empty() {
        out.insert("required".to_owned(), Value::Array(required));
    }
    let title = ext.get("title").or_else(|| base.get("title")).cloned();
    out.insert("title".to_owned(), title.unwrap_or(Value::Null));
    out.insert("type".to_owned(), Value::String("object".to_owned()));
    for (key, value) in base.iter().filter(|(key, _)| key.starts_with("x-")) {
        out.insert(key.clone(), value.clone());
    }
    Some(Value::Object(out))
}

fn object<'a>(map: &'a Map<String, Value>, key: &str) -> &'a Map<String, Value> {
    static EMPTY: std::sync::OnceLock<Map<String, Value>> = std::sync::OnceLock::new();
    map.get(key)
        .and_then(Value::as_object)
        .unwrap_or_else(|| EMPTY.get_or_init(Map::new))
}

fn names<'a>(map: &'a Map<String, Value>, key: &str) -> impl Iterator<Item = &'a str> {
    map.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
}
