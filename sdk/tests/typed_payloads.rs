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
    // Keep the definitions the item uses, directly or through other definitions.
    let mut used = serde_json::to_string(&item).expect("serialize");
    let mut kept = Map::new();
    while let Some(name) = defs
        .keys()
        .find(|other| used.contains(&format!("\"#/$defs/{other}\"")))
        .cloned()
    {
        let definition = defs.shift_remove(&name).expect("listed");
        used.push_str(&serde_json::to_string(&definition).expect("serialize"));
        kept.insert(name, definition);
    }
    let defs = kept;
    if !defs.is_empty() {
        item["$defs"] = Value::Object(defs);
    }
    item
}

/// The paths at which `actual` and `expected` differ, e.g. `/properties/id/description`.
fn differences(actual: &Value, expected: &Value, at: &str, found: &mut Vec<String>) {
    match (actual, expected) {
        (Value::Object(left), Value::Object(right)) => {
            let keys: BTreeSet<&String> = left.keys().chain(right.keys()).collect();
            for key in keys {
                let path = format!("{at}/{key}");
                match (left.get(key), right.get(key)) {
                    (Some(l), Some(r)) => differences(l, r, &path, found),
                    (l, r) => found.push(format!("{path}: {l:?} != {r:?}")),
                }
            }
        }
        _ if actual != expected => found.push(format!("{at}: {actual} != {expected}")),
        _ => {}
    }
}

/// Records where `actual` differs from `expected`, under `what`.
fn compare(actual: &Value, expected: &Value, what: &str, problems: &mut Vec<String>) {
    let mut found = Vec::new();
    differences(actual, expected, "", &mut found);
    problems.extend(
        found
            .into_iter()
            .map(|difference| format!("{what}: {difference}")),
    );
}

/// Compares both payload types of one capability and returns its name.
fn check<P: JsonSchema, R: JsonSchema>(
    capability: StandardCapability<P, R>,
    items: &Map<String, Value>,
    problems: &mut Vec<String>,
) -> &'static str {
    let name = capability.name();
    let entry = standard_capability_schema(name).expect("standard capability");
    compare(
        &model_schema::<P>(),
        &entry["argument"],
        &format!("{name} argument"),
        problems,
    );
    let output = model_schema::<R>();
    if output["type"] == "array" {
        compare(
            &entry["output"],
            &list_placeholder_schema(),
            &format!("{name} output"),
            problems,
        );
        let recorded = items
            .get(name)
            .unwrap_or_else(|| panic!("{name}: no recorded item schema"));
        compare(
            &item_schema(&output),
            recorded,
            &format!("{name} items"),
            problems,
        );
    } else {
        assert!(!items.contains_key(name), "{name} is a list capability");
        compare(
            &output,
            &entry["output"],
            &format!("{name} output"),
            problems,
        );
    }
    name
}

#[test]
fn every_typed_payload_has_the_standard_schema() {
    let items = recorded_list_items();
    let mut problems = Vec::new();
    let checked: BTreeSet<&str> = [
        check(VALIDATE_CREDENTIALS, &items, &mut problems),
        check(LIST_ACCOUNTS, &items, &mut problems),
        check(LIST_RESOURCES, &items, &mut problems),
        check(LIST_ENTITLEMENTS, &items, &mut problems),
        check(FIND_ENTITLEMENT_ASSOCIATIONS, &items, &mut problems),
        check(GET_LAST_ACTIVITY, &items, &mut problems),
        check(CREATE_ACCOUNT, &items, &mut problems),
        check(DELETE_ACCOUNT, &items, &mut problems),
        check(ACTIVATE_ACCOUNT, &items, &mut problems),
        check(DEACTIVATE_ACCOUNT, &items, &mut problems),
        check(ASSIGN_ENTITLEMENT, &items, &mut problems),
        check(UNASSIGN_ENTITLEMENT, &items, &mut problems),
        check(GET_ACCOUNT, &items, &mut problems),
        check(UPDATE_ACCOUNT, &items, &mut problems),
        check(LIST_CUSTOM_ATTRIBUTES_SCHEMA, &items, &mut problems),
        check(GET_ACCOUNT_ENTITLEMENT_ASSOCIATIONS, &items, &mut problems),
        check(LIST_UPDATED_ACCOUNTS, &items, &mut problems),
        check(LIST_ACTIVITY_RECORDS, &items, &mut problems),
        check(GET_DATA_RECENCY, &items, &mut problems),
        check(GET_CREDENTIAL_LAST_ACTIVITY, &items, &mut problems),
        check(GET_NON_HUMAN_ACCOUNT_LAST_ACTIVITY, &items, &mut problems),
        check(LIST_CREDENTIALS, &items, &mut problems),
        check(LIST_NON_HUMAN_ACCOUNTS, &items, &mut problems),
        check(FIND_RESOURCE_GRAPH, &items, &mut problems),
        check(FIND_ENTITLEMENT_GRAPH, &items, &mut problems),
        check(FIND_ENTITLEMENT_ASSIGNMENTS, &items, &mut problems),
        check(DOWNGRADE_LICENSE, &items, &mut problems),
        check(RELEASE_RESOURCES, &items, &mut problems),
        check(TRANSFER_DATA, &items, &mut problems),
        check(LIST_EXPENSES, &items, &mut problems),
        check(FULFILL_ARBITRARY_ENDPOINT, &items, &mut problems),
        check(LIST_APPLICATIONS, &items, &mut problems),
        check(GET_APPLICATION, &items, &mut problems),
        check(LIST_APPLICATIONS_ACCOUNTS, &items, &mut problems),
        check(GET_APPLICATION_ACCOUNT, &items, &mut problems),
        check(LIST_APPLICATIONS_ENTITLEMENTS, &items, &mut problems),
        check(LIST_APPLICATIONS_RESOURCES, &items, &mut problems),
        check(
            LIST_APPLICATIONS_ENTITLEMENT_ASSOCIATIONS,
            &items,
            &mut problems,
        ),
        check(LIST_APPLICATIONS_ACTIVITY_RECORDS, &items, &mut problems),
        check(ASSIGN_APPLICATION, &items, &mut problems),
        check(UNASSIGN_APPLICATION, &items, &mut problems),
        check(ASSIGN_APPLICATION_ENTITLEMENT, &items, &mut problems),
        check(UNASSIGN_APPLICATION_ENTITLEMENT, &items, &mut problems),
    ]
    .into_iter()
    .collect();
    let typed: BTreeSet<&str> = TYPED.iter().copied().collect();
    assert_eq!(checked, typed, "every typed capability is checked once");
    assert_eq!(checked.len(), TYPED.len(), "TYPED lists each name once");
    assert!(
        problems.is_empty(),
        "{} differences:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
