//! The request and response envelopes of one capability: the models they use, and their
//! `request` / `response` members.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::super::super::handler::{Registered, Shape};
use super::schema::{pydantic_sorted, rewrite_refs, take_defs};
use super::REF_PREFIX;
use crate::error::ConnectorError;

/// What a capability's request and response envelopes contribute.
pub(super) struct Envelope {
    pub(super) request_defs: Vec<(String, Value)>,
    pub(super) request: Value,
    pub(super) response_defs: Vec<(String, Value)>,
    pub(super) response: Value,
    /// Whether the request envelope carries credentials (`auth` / `credentials`).
    pub(super) credentials: bool,
}

impl Envelope {
    pub(super) fn of<S>(
        name: &str,
        registered: &Registered<S>,
        data: &Value,
    ) -> Result<Self, ConnectorError> {
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
