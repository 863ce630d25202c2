//! The typed payloads of `connector_sdk::capability` against the reference's schemas: for
//! every typed capability, `model_schema` of its Rust request type equals the recorded
//! argument schema, and that of its response type the recorded output schema (for list
//! capabilities, whose `info` output is a placeholder, the recorded item schema); and `info`
//! of a connector registering all of them shows the standard entries.

// The helpers outside #[test] functions unwrap and panic too, as tests may (clippy.toml).
#![allow(clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use connector_sdk::auth::{AuthDeclaration, CredentialKind};
use connector_sdk::capability::*;
use connector_sdk::error::{ConnectorError, ConnectorResult};
use connector_sdk::integration::{Integration, IntegrationBuilder};
use connector_sdk::request::{Request, Response};
use connector_sdk::schema::{list_placeholder_schema, model_schema, standard_capability_schema};
use connector_sdk::settings::NoSettings;
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::Serialize;
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

/// `SIGNATURES` spells the types the constant has (schemars titles a type with its name).
fn check_signature(name: &str, request: &Value, response: &Value) {
    let signature = SIGNATURES
        .iter()
        .find(|signature| signature.name == name)
        .unwrap_or_else(|| panic!("{name}: no signature"));
    assert_eq!(signature.request, request["title"], "{name}");
    let response_type = if response["type"] == "array" {
        format!(
            "Vec<{}>",
            item_schema(response)["title"].as_str().expect("title")
        )
    } else {
        response["title"].as_str().expect("title").to_owned()
    };
    assert_eq!(signature.response, response_type, "{name}");
}

/// Compares both payload types of one capability and returns its name.
fn check<P: JsonSchema, R: JsonSchema>(
    capability: StandardCapability<P, R>,
    items: &Map<String, Value>,
    problems: &mut Vec<String>,
) -> &'static str {
    let name = capability.name();
    let entry = standard_capability_schema(name).expect("standard capability");
    check_signature(name, &model_schema::<P>(), &model_schema::<R>());
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

/// Expands `$callback!($args ... CONSTANT, ...)` with every typed capability constant.
macro_rules! with_typed_constants {
    ($callback:ident!($($args:tt)*)) => {
        $callback!(
            $($args)*
            VALIDATE_CREDENTIALS,
            LIST_ACCOUNTS,
            LIST_RESOURCES,
            LIST_ENTITLEMENTS,
            FIND_ENTITLEMENT_ASSOCIATIONS,
            GET_LAST_ACTIVITY,
            CREATE_ACCOUNT,
            DELETE_ACCOUNT,
            ACTIVATE_ACCOUNT,
            DEACTIVATE_ACCOUNT,
            ASSIGN_ENTITLEMENT,
            UNASSIGN_ENTITLEMENT,
            GET_ACCOUNT,
            UPDATE_ACCOUNT,
            LIST_CUSTOM_ATTRIBUTES_SCHEMA,
            GET_ACCOUNT_ENTITLEMENT_ASSOCIATIONS,
            LIST_UPDATED_ACCOUNTS,
            LIST_ACTIVITY_RECORDS,
            GET_DATA_RECENCY,
            GET_CREDENTIAL_LAST_ACTIVITY,
            GET_NON_HUMAN_ACCOUNT_LAST_ACTIVITY,
            LIST_CREDENTIALS,
            LIST_NON_HUMAN_ACCOUNTS,
            FIND_RESOURCE_GRAPH,
            FIND_ENTITLEMENT_GRAPH,
            FIND_ENTITLEMENT_ASSIGNMENTS,
            DOWNGRADE_LICENSE,
            RELEASE_RESOURCES,
            TRANSFER_DATA,
            LIST_EXPENSES,
            FULFILL_ARBITRARY_ENDPOINT,
            LIST_APPLICATIONS,
            GET_APPLICATION,
            LIST_APPLICATIONS_ACCOUNTS,
            GET_APPLICATION_ACCOUNT,
            LIST_APPLICATIONS_ENTITLEMENTS,
            LIST_APPLICATIONS_RESOURCES,
            LIST_APPLICATIONS_ENTITLEMENT_ASSOCIATIONS,
            LIST_APPLICATIONS_ACTIVITY_RECORDS,
            ASSIGN_APPLICATION,
            UNASSIGN_APPLICATION,
            ASSIGN_APPLICATION_ENTITLEMENT,
            UNASSIGN_APPLICATION_ENTITLEMENT
        )
    };
}

macro_rules! check_all {
    ($items:expr, $problems:expr; $($capability:ident),*) => {
        [$(check($capability, $items, $problems)),*]
    };
}

#[test]
fn every_typed_payload_has_the_standard_schema() {
    let items = recorded_list_items();
    let mut problems = Vec::new();
    let checked: BTreeSet<&str> = with_typed_constants!(check_all!(&items, &mut problems;))
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

async fn never<P, R>(_: Request<P>) -> ConnectorResult<Response<R>> {
    Err(ConnectorError::internal("not called"))
}

fn register<P, R>(
    builder: IntegrationBuilder<NoSettings>,
    capability: StandardCapability<P, R>,
) -> IntegrationBuilder<NoSettings>
where
    P: DeserializeOwned + Send + 'static,
    R: Serialize + Send + 'static,
{
    builder.capability(capability, never::<P, R>)
}

macro_rules! register_all {
    ($builder:expr; $($capability:ident),*) => {{
        let builder = $builder;
        $(let builder = register(builder, $capability);)*
        builder
    }};
}

/// A connector registering every typed capability by hand shows each one's standard entry in
/// `info`.
#[test]
fn info_shows_the_standard_entry_of_every_typed_capability() {
    let builder = Integration::<NoSettings>::builder("typed-demo", "1.0.0")
        .auth(AuthDeclaration::Single(CredentialKind::Token));
    let integration = with_typed_constants!(register_all!(builder;))
        .build()
        .expect("registry");
    let info = integration.info().expect("info");
    for name in TYPED {
        let expected = standard_capability_schema(name).expect("standard");
        assert!(
            info["capability_schema"][name] == expected,
            "{name}: info entry differs from the standard one"
        );
    }
}
