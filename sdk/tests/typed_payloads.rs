//! The typed payloads of `connector_sdk::capability` against the reference's schemas: for
//! every typed capability, `model_schema` of its Rust request type equals the recorded
//! argument schema, and that of its response type the recorded output schema (for list
//! capabilities, whose `info` output is a placeholder, the recorded item schema).

// The helpers outside #[test] functions unwrap and panic too, as tests may (clippy.toml).
#![allow(clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use connector_sdk::capability::*;
use connector_sdk::schema::{list_placeholder_schema, model_schema, standard_capability_schema};
use schemars::JsonSchema;
use serde_json::{Map, Value};

/// The item schemas of list capabilities, recorded by sdk/tools/extract_list_item_schemas.py.
fn recorded_list_items() -> Map<String, Value> {
    let text = include_str!("fixtures/standard_list_items.json");
    let data: Value = serde_json::from_str(text).expect("fixture is JSON");
    data["items"].as_object().expect("items").clone()
}

/// The schema of the items of an array schema, with the root's `$defs` the item still uses
/// (schemars puts the item type itself among `$defs`; pydantic makes it the root).
fn item_schema(array: &Value) -> Value {
    let reference = array["items"]["$ref"]
        .as_str()
        .unwrap_or_else(|| panic!("not an array of a named type: {array}"));
    let name = reference.trim_start_matches("#/$defs/");
    let mut defs = array["$defs"].as_object().cloned().unwrap_or_default();
    let mut item = defs.shift_remove(name).expect("item definition");
    let text = serde_json::to_string(&item).expect("serialize");
    defs.retain(|other, _| text.contains(&format!("#/$defs/{other}\"")));
    if !defs.is_empty() {
        item["$defs"] = Value::Object(defs);
    }
    item
}

#[track_caller]
fn assert_same(actual: &Value, expected: &Value, what: &str) {
    assert!(
        actual == expected,
        "{what} differs\n--- actual\n{}\n--- expected\n{}",
        serde_json::to_string_pretty(actual).expect("pretty"),
        serde_json::to_string_pretty(expected).expect("pretty")
    );
}

/// Compares both payload types of one capability and returns its name.
fn check<P: JsonSchema, R: JsonSchema>(
    capability: StandardCapability<P, R>,
    items: &Map<String, Value>,
) -> &'static str {
    let name = capability.name();
    let entry = standard_capability_schema(name).expect("standard capability");
    assert_same(
        &model_schema::<P>(),
        &entry["argument"],
        &format!("{name} argument"),
    );
    let output = model_schema::<R>();
    if output["type"] == "array" {
        assert_same(
            &entry["output"],
            &list_placeholder_schema(),
            &format!("{name} output"),
        );
        let recorded = items
            .get(name)
            .unwrap_or_else(|| panic!("{name}: no recorded item schema"));
        assert_same(&item_schema(&output), recorded, &format!("{name} items"));
    } else {
        assert!(!items.contains_key(name), "{name} is a list capability");
        assert_same(&output, &entry["output"], &format!("{name} output"));
    }
    name
}

#[test]
fn every_typed_payload_has_the_standard_schema() {
    let items = recorded_list_items();
    let checked: BTreeSet<&str> = [
        check(VALIDATE_CREDENTIALS, &items),
        check(LIST_ACCOUNTS, &items),
        check(LIST_RESOURCES, &items),
        check(LIST_ENTITLEMENTS, &items),
        check(FIND_ENTITLEMENT_ASSOCIATIONS, &items),
        check(GET_LAST_ACTIVITY, &items),
        check(CREATE_ACCOUNT, &items),
        check(DELETE_ACCOUNT, &items),
        check(ACTIVATE_ACCOUNT, &items),
        check(DEACTIVATE_ACCOUNT, &items),
        check(ASSIGN_ENTITLEMENT, &items),
        check(UNASSIGN_ENTITLEMENT, &items),
        check(GET_ACCOUNT, &items),
        check(UPDATE_ACCOUNT, &items),
        check(LIST_CUSTOM_ATTRIBUTES_SCHEMA, &items),
        check(GET_ACCOUNT_ENTITLEMENT_ASSOCIATIONS, &items),
        check(LIST_UPDATED_ACCOUNTS, &items),
    ]
    .into_iter()
    .collect();
    let typed: BTreeSet<&str> = TYPED.iter().copied().collect();
    assert_eq!(checked, typed, "every typed capability is checked once");
    assert_eq!(checked.len(), TYPED.len(), "TYPED lists each name once");
}
