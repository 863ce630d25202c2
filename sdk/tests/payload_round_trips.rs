//! Typed payloads against recorded examples: every success vector of a typed capability
//! (its request payload parses, its response re-serializes byte for byte: member order and
//! `null` members as the reference wrote them), and the examples openapi.yaml gives for
//! payload models.

// The helpers outside #[test] functions unwrap and panic too, as tests may (clippy.toml).
#![allow(clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::path::PathBuf;

use connector_sdk::capability::*;
use connector_sdk::models::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

fn protocol_path(relative: &str) -> PathBuf {
    let root = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/protocol"
    ));
    assert!(
        root.is_dir(),
        "protocol material not found at {}",
        root.display()
    );
    root.join(relative)
}

/// `(capability, request payload, stdout)` of every success vector with a JSON stdout.
fn success_vectors() -> Vec<(String, Value, Value)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(protocol_path("vectors")).expect("vectors dir") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if !name.starts_with("success_") || !name.ends_with(".json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read");
        let vector: Value = serde_json::from_str(&text).expect("vector is JSON");
        let capability = vector["argv"][0].as_str().unwrap_or_default().to_owned();
        let Some(stdout) = vector["stdout"]
            .as_str()
            .and_then(|out| serde_json::from_str(out).ok())
        else {
            continue;
        };
        found.push((capability, vector["request"]["request"].clone(), stdout));
    }
    found
}

/// Checks the vectors of one capability; returns how many it checked.
fn replay<P, R>(capability: StandardCapability<P, R>, vectors: &[(String, Value, Value)]) -> usize
where
    P: DeserializeOwned + Serialize + PartialEq + Debug,
    R: DeserializeOwned + Serialize,
{
    let name = capability.name();
    let mut checked = 0;
    for (_, request, stdout) in vectors.iter().filter(|(c, _, _)| c == name) {
        let payload: P = serde_json::from_value(request.clone())
            .unwrap_or_else(|err| panic!("{name}: request {request} does not parse: {err}"));
        let again: P = serde_json::from_value(serde_json::to_value(&payload).expect("serialize"))
            .expect("re-parse");
        assert_eq!(again, payload, "{name}: request round trip");

        let response = &stdout["response"];
        let typed: R = serde_json::from_value(response.clone())
            .unwrap_or_else(|err| panic!("{name}: response does not parse: {err}"));
        assert_eq!(
            serde_json::to_string(&typed).expect("serialize"),
            serde_json::to_string(response).expect("serialize"),
            "{name}: response re-serialization"
        );
        checked += 1;
    }
    checked
}

#[test]
fn success_vectors_of_typed_capabilities_round_trip() {
    let vectors = success_vectors();
    let counts = [
        replay(VALIDATE_CREDENTIALS, &vectors),
        replay(LIST_ACCOUNTS, &vectors),
        replay(LIST_RESOURCES, &vectors),
        replay(LIST_ENTITLEMENTS, &vectors),
        replay(FIND_ENTITLEMENT_ASSOCIATIONS, &vectors),
        replay(GET_LAST_ACTIVITY, &vectors),
        replay(CREATE_ACCOUNT, &vectors),
        replay(DELETE_ACCOUNT, &vectors),
        replay(ACTIVATE_ACCOUNT, &vectors),
        replay(DEACTIVATE_ACCOUNT, &vectors),
        replay(ASSIGN_ENTITLEMENT, &vectors),
        replay(UNASSIGN_ENTITLEMENT, &vectors),
    ];
    // Every typed capability that has a success vector is among those replayed.
    let with_vectors: BTreeSet<&str> = vectors
        .iter()
        .map(|(capability, _, _)| capability.as_str())
        .filter(|capability| TYPED.contains(capability))
        .collect();
    let replayed: BTreeSet<&str> = CORE
        .iter()
        .zip(counts)
        .filter(|(_, count)| *count > 0)
        .map(|(name, _)| *name)
        .collect();
    assert_eq!(replayed, with_vectors);
    assert!(counts.iter().sum::<usize>() >= 15, "{counts:?}");
}

/// `value` without `null` members: the examples leave optional members out.
fn without_nulls(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(_, member)| !member.is_null())
                .map(|(key, member)| (key.clone(), without_nulls(member)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

fn example_round_trips<T: DeserializeOwned + Serialize>(schemas: &serde_yaml::Value, name: &str) {
    let example: Value = serde_yaml::from_value(schemas[name]["example"].clone())
        .unwrap_or_else(|err| panic!("{name}: no JSON example: {err}"));
    assert!(example.is_object(), "{name}: example {example}");
    let typed: T = serde_json::from_value(example.clone())
        .unwrap_or_else(|err| panic!("{name}: example does not parse: {err}"));
    let written = serde_json::to_value(&typed).expect("serialize");
    assert_eq!(without_nulls(&written), without_nulls(&example), "{name}");
}

#[test]
fn openapi_examples_of_payload_models_round_trip() {
    let text = std::fs::read_to_string(protocol_path("openapi.yaml")).expect("openapi.yaml");
    let openapi: serde_yaml::Value = serde_yaml::from_str(&text).expect("YAML");
    let schemas = &openapi["components"]["schemas"];
    example_round_trips::<AccessGraphEntitlement>(schemas, "AccessGraphEntitlement");
    example_round_trips::<AccessGraphEntitlementAssignment>(
        schemas,
        "AccessGraphEntitlementAssignment",
    );
    example_round_trips::<AccessGraphEntitlementRule>(schemas, "AccessGraphEntitlementRule");
    example_round_trips::<AccessGraphImpliedAccess>(schemas, "AccessGraphImpliedAccess");
    example_round_trips::<AccessGraphImpliedAccessRule>(schemas, "AccessGraphImpliedAccessRule");
    example_round_trips::<AccessGraphResource>(schemas, "AccessGraphResource");
    example_round_trips::<AccessGraphResourceRelationship>(
        schemas,
        "AccessGraphResourceRelationship",
    );
    example_round_trips::<ApplicationEntitlementData>(schemas, "ApplicationEntitlementData");
    example_round_trips::<Credential>(schemas, "Credential");
    example_round_trips::<Expense>(schemas, "Expense");
    example_round_trips::<FoundEntitlementData>(schemas, "FoundEntitlementData");
    example_round_trips::<NonHumanAccount>(schemas, "NonHumanAccount");
}

/// The reference writes the activity type union as its wrapper object.
#[test]
fn activity_type_has_the_reference_wire_form() {
    let written = serde_json::to_string(&ActivityRecordActivityType::new("ACCOUNT_LOGIN"))
        .expect("serialize");
    // connector-py 4.280.0: ActivityRecord(activity_type=ActivityRecordActivityType(
    // "ACCOUNT_LOGIN"), ...).model_dump_json()
    assert_eq!(
        written,
        r#"{"anyof_schema_1_validator":null,"anyof_schema_2_validator":null,"actual_instance":"ACCOUNT_LOGIN","any_of_schemas":["ActivityType","str"]}"#
    );
}
