//! `info.capability_schema` entries for connector-defined capabilities.

use schemars::JsonSchema;
use serde_json::{json, Value};

use super::model::model_schema;
use super::title::display_name;

/// A `capability_schema` entry (protocol §9.4):
/// `{"argument", "output", "display_name", "description"}`. `display_name` defaults to
/// [`display_name`]`(name)`; `description` stays null unless given.
pub fn capability_entry(
    name: &str,
    argument: Value,
    output: Value,
    custom_display_name: Option<&str>,
    description: Option<&str>,
) -> Value {
    let shown = custom_display_name.map_or_else(|| display_name(name), str::to_owned);
    json!({
        "argument": argument,
        "output": output,
        "display_name": shown,
        "description": description,
    })
}

// The reference's model for list-typed payloads. No doc comment: it would become a
// `description` the reference's `Empty` does not have.
#[derive(JsonSchema)]
#[allow(dead_code)] // only its schema is used
struct Empty {}

/// The placeholder schema `info` shows for a list-typed argument or output (for example the
/// output of `list_accounts`): `{"properties": {}, "title": "Empty", "type": "object"}`.
pub fn list_placeholder_schema() -> Value {
    model_schema::<Empty>()
}
