//! Validating documents against the protocol's `openapi.yaml` (`components.schemas`).
//!
//! OpenAPI 3.0 schemas are close to JSON Schema draft 7; two adjustments make them usable
//! with a draft-7 validator:
//!
//! * `$ref: '#/components/schemas/X'` is rewritten to `#/definitions/X`, and every schema is
//!   placed under `definitions`;
//! * `null` is allowed where the protocol emits it: for `nullable: true`, and for every
//!   property an object schema does not list in `required`. The file's generator dropped the
//!   `null` branch of optional fields, but the protocol keeps `null` members in every
//!   envelope (§4.2), so the reference's own output needs this too.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use jsonschema::{Draft, Validator};
use serde_json::{json, Map, Value};

/// The protocol's OpenAPI document, relative to the workspace root.
const OPENAPI: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/protocol/openapi.yaml"
);

/// The converted `components.schemas`, as draft-7 `definitions`.
pub struct Schemas {
    definitions: Map<String, Value>,
    /// Compiled validators by schema name (compiling one takes a while).
    validators: RefCell<HashMap<String, Rc<Validator>>>,
}

impl Schemas {
    /// Reads and converts `openapi.yaml`.
    pub fn load() -> Self {
        let text = std::fs::read_to_string(OPENAPI).unwrap_or_else(|e| {
            panic!(
                "cannot read {OPENAPI}: {e}. The protocol folder must be checked out at ../shared \
                 next to the workspace (docs/CONTRIBUTING-HELPERS.md)."
            )
        });
        let document: Value = serde_yaml::from_str(&text).expect("openapi.yaml is YAML");
        let schemas = document
            .pointer("/components/schemas")
            .and_then(Value::as_object)
            .expect("openapi.yaml has components.schemas");
        let definitions = schemas
            .iter()
            .map(|(name, schema)| (name.clone(), convert(schema)))
            .collect();
        Self {
            definitions,
            validators: RefCell::default(),
        }
    }

    /// Whether `name` is a schema of the document.
    pub fn has(&self, name: &str) -> bool {
        self.definitions.contains_key(name)
    }

    /// The (cached) validator for the schema `name`.
    pub fn validator(&self, name: &str) -> Rc<Validator> {
        if let Some(validator) = self.validators.borrow().get(name) {
            return Rc::clone(validator);
        }
        let validator = Rc::new(self.compile(name));
        self.validators
            .borrow_mut()
            .insert(name.to_owned(), Rc::clone(&validator));
        validator
    }

    fn compile(&self, name: &str) -> Validator {
        assert!(self.has(name), "openapi.yaml has no schema {name}");
        let root = json!({
            "definitions": self.definitions,
            "allOf": [{"$ref": format!("#/definitions/{name}")}],
        });
        jsonschema::options()
            .with_draft(Draft::Draft7)
            .build(&root)
            .unwrap_or_else(|e| panic!("schema {name} does not compile: {e}"))
    }

    /// The validation errors of `document` against schema `name` (empty when valid).
    pub fn errors(&self, name: &str, document: &Value) -> Vec<String> {
        let validator = self.validator(name);
        let errors: Vec<String> = validator
            .iter_errors(document)
            .map(|e| format!("{} at {}", e, e.instance_path))
            .collect();
        errors
    }
}

/// OpenAPI 3.0 schema -> draft-7 schema (see the module docs).
fn convert(schema: &Value) -> Value {
    match schema {
        Value::Object(map) => {
            let mut out = Map::new();
            for (key, value) in map {
                let converted = match (key.as_str(), value) {
                    ("$ref", Value::String(reference)) => {
                        Value::String(reference.replace("#/components/schemas/", "#/definitions/"))
                    }
                    // Property names are data, not schemas: convert each property's schema.
                    ("properties", Value::Object(properties)) => Value::Object(
                        properties
                            .iter()
                            .map(|(name, property)| (name.clone(), convert(property)))
                            .collect(),
                    ),
                    _ => convert(value),
                };
                out.insert(key.clone(), converted);
            }
            allow_null_for_optional_properties(&mut out);
            if out.remove("nullable") == Some(Value::Bool(true)) {
                return or_null(Value::Object(out));
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(convert).collect()),
        other => other.clone(),
    }
}

fn allow_null_for_optional_properties(schema: &mut Map<String, Value>) {
    let required: Vec<String> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| {
            r.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    if let Some(Value::Object(properties)) = schema.get_mut("properties") {
        for (name, property) in properties.iter_mut() {
            if !required.contains(name) {
                *property = or_null(property.take());
            }
        }
    }
}

fn or_null(schema: Value) -> Value {
    json!({"anyOf": [schema, {"type": "null"}]})
}

/// `list_accounts` -> `ListAccountsResponse`.
pub fn response_schema_name(capability: &str) -> String {
    let mut name: String = capability
        .split('_')
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect();
    name.push_str("Response");
    name
}
