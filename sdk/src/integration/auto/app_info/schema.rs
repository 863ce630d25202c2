//! JSON Schema rewrites: the reference's key order, references into
//! `components.schemas`, and OpenAPI 3.0's `nullable`.

use serde_json::{json, Map, Value};

use super::REF_PREFIX;

/// Removes and returns the root `$defs`.
pub(super) fn take_defs(schema: &mut Value) -> Vec<(String, Value)> {
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
pub(super) fn take_nested_defs(schema: &mut Value) -> Vec<(String, Value)> {
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
pub(super) fn shift_remove(map: &mut Map<String, Value>, key: &str) -> Option<Value> {
    map.shift_remove(key)
}

/// `#/$defs/X` references of a generated schema point into `components.schemas`.
pub(super) fn rewrite_refs(value: Value) -> Value {
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
pub(super) fn pydantic_sorted(value: &Value, parent: Option<&str>) -> Value {
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
pub(super) fn convert(schema: Value) -> Value {
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
