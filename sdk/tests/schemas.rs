//! `connector_sdk::schema` against the reference's recorded output in ../shared/protocol:
//! the extracted standard schemas, `model_schema` of Rust equivalents of the demo
//! connectors' models, and the byte-exact `info` serialization.

// The helpers outside #[test] functions unwrap and panic too, as tests may (clippy.toml).
#![allow(clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use connector_sdk::schema::{
    capability_entry, credential_kinds, credential_schema, display_name, extend_standard_argument,
    hidden, list_placeholder_schema, model_schema, python_title, secret, standard_capability_names,
    standard_capability_schema, standard_schemas_source, to_info_json, with_field_order,
    AnnotatedField, Discriminator, SemanticType,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

// ---------------------------------------------------------------------------------------
// Shared protocol material
// ---------------------------------------------------------------------------------------

fn protocol_path(relative: &str) -> PathBuf {
    let root = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/protocol"
    ));
    assert!(
        root.is_dir(),
        "protocol material not found at {}: these tests need shared/protocol \
         next to the checkout (a sibling of the workspace root)",
        root.display()
    );
    root.join(relative)
}

fn read_text(relative: &str) -> String {
    let path = protocol_path(relative);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("cannot read {}: {err}", path.display()))
}

fn read_json(relative: &str) -> Value {
    serde_json::from_str(&read_text(relative))
        .unwrap_or_else(|err| panic!("{relative} is not JSON: {err}"))
}

fn info_response(example: &str) -> Value {
    read_json(&format!("info-examples/{example}"))["response"].clone()
}

/// Sorted, pretty JSON: readable diffs in assertion failures.
fn pretty(value: &Value) -> String {
    let sorted: Value = serde_json::from_str(&to_info_json(value)).expect("re-parse");
    serde_json::to_string_pretty(&sorted).expect("pretty")
}

#[track_caller]
fn assert_same_json(actual: &Value, expected: &Value, what: &str) {
    assert!(
        actual == expected,
        "{what} differs\n--- actual\n{}\n--- expected\n{}",
        pretty(actual),
        pretty(expected)
    );
}

// ---------------------------------------------------------------------------------------
// Rust equivalents of the demo connectors' models (vectors/README.md "Demo connectors")
// ---------------------------------------------------------------------------------------

#[derive(Deserialize, JsonSchema)]
#[allow(dead_code)]
struct TinySettings {
    /// API root of the tenant
    #[schemars(title = "Base URL")]
    #[schemars(transform = AnnotatedField::new().semantic(SemanticType::TenantId))]
    base_url: String,
    /// Upstream page size
    #[serde(default = "two")]
    #[schemars(title = "Page size")]
    page_size: i64,
    #[schemars(title = "Webhook secret", transform = secret)]
    webhook_secret: Option<String>,
}

fn two() -> i64 {
    2
}

#[derive(Deserialize, JsonSchema)]
#[allow(dead_code)]
struct PingArgs {
    #[serde(default = "hi")]
    message: String,
}

fn hi() -> String {
    "hi".to_owned()
}

#[derive(Deserialize, JsonSchema)]
#[allow(dead_code)]
struct PingResult {
    pong: bool,
}

// tiny-demo's extension of the create_account payload. A plain comment: a doc comment
// would become the schema's description, and the reference model has none.
#[derive(Deserialize, JsonSchema)]
#[schemars(title = "TinyCreateAccount")]
#[allow(dead_code)]
struct TinyCreateAccountExtension {
    /// Email of the new user
    email: String,
    /// Display name
    display_name: Option<String>,
}

#[derive(Deserialize, JsonSchema)]
#[allow(dead_code)]
struct DemoConnectorSettings {
    #[schemars(title = "Account ID")]
    #[schemars(transform = AnnotatedField::new().semantic(SemanticType::TenantId))]
    account_id: String,
}

#[derive(Deserialize, JsonSchema)]
#[allow(dead_code)]
struct EmptySettings {}

#[derive(Deserialize, JsonSchema)]
#[allow(dead_code)]
struct FetchArgs {
    url: String,
}

#[derive(Deserialize, JsonSchema)]
#[allow(dead_code)]
struct FetchResult {
    status: i64,
}

/// Display name and description tiny-demo declares for some capabilities (inputs, as the
/// connector registers them; everything else is computed).
const TINY_DEMO_METADATA: &[(&str, &str, &str)] = &[
    (
        "list_accounts",
        "List users",
        "Lists every user of the tenant",
    ),
    ("ping_server", "Ping", "Custom capability demo"),
];

fn declared_metadata(name: &str) -> (Option<&'static str>, Option<&'static str>) {
    TINY_DEMO_METADATA
        .iter()
        .find(|(capability, _, _)| *capability == name)
        .map_or((None, None), |(_, shown, description)| {
            (Some(*shown), Some(*description))
        })
}

/// The `capability_schema` entry this crate produces for a tiny-demo / scaffold capability.
fn our_entry(name: &str) -> Value {
    let (shown, description) = declared_metadata(name);
    let (argument, output) = match name {
        "ping_server" => (model_schema::<PingArgs>(), model_schema::<PingResult>()),
        "create_account" => {
            let standard = standard_capability_schema(name).expect("standard");
            let extension = model_schema::<TinyCreateAccountExtension>();
            (
                extend_standard_argument(name, &extension).expect("extensible"),
                standard["output"].clone(),
            )
        }
        _ => {
            let standard = standard_capability_schema(name)
                .unwrap_or_else(|| panic!("{name} is not a standard capability"));
            (standard["argument"].clone(), standard["output"].clone())
        }
    };
    capability_entry(name, argument, output, shown, description)
}

// ---------------------------------------------------------------------------------------
// Extracted standard data
// ---------------------------------------------------------------------------------------

#[test]
fn extracted_data_names_its_source() {
    let source = standard_schemas_source().expect("_source in standard_capabilities.json");
    assert!(source.contains("connector-py=="), "{source}");
}

#[test]
fn standard_capabilities_are_the_registrable_standard_names() {
    let openapi: serde_yaml::Value =
        serde_yaml::from_str(&read_text("openapi.yaml")).expect("openapi.yaml is YAML");
    let names = &openapi["components"]["schemas"]["StandardCapabilityName"]["enum"];
    let mut expected: Vec<&str> = names
        .as_sequence()
        .expect("StandardCapabilityName enum")
        .iter()
        .filter_map(serde_yaml::Value::as_str)
        .filter(|name| !matches!(*name, "info" | "connected_info"))
        .collect();
    expected.sort_unstable();
    assert_eq!(standard_capability_names(), expected);
    for name in expected {
        let entry = standard_capability_schema(name).expect("entry");
        assert_eq!(entry["display_name"], json!(display_name(name)), "{name}");
        assert_eq!(entry["description"], Value::Null, "{name}");
    }
    assert!(standard_capability_schema("info").is_none());
    assert!(standard_capability_schema("ping_server").is_none());
}

#[test]
fn credential_schemas_equal_the_vector() {
    let vector = read_json("vectors/info-credential-schemas.json");
    let schemas = vector["schemas"].as_object().expect("schemas");
    let mut kinds: Vec<&str> = schemas.keys().map(String::as_str).collect();
    kinds.sort_unstable();
    assert_eq!(credential_kinds(), kinds);
    for (kind, expected) in schemas {
        let actual = credential_schema(kind).expect("known kind");
        assert_same_json(&actual, expected, &format!("credential schema {kind}"));
    }
    assert!(credential_schema("password").is_none());
}

/// Every capability of both `info` examples, standard or custom, is reproduced from the
/// extracted data, the demo connectors' declarations and `model_schema`.
#[test]
fn capability_entries_match_the_info_examples() {
    let mut standard_checked = 0;
    for example in [
        "lumos-info-example.json",
        "lumos-info-scaffold-example.json",
    ] {
        let response = info_response(example);
        let entries = response["capability_schema"].as_object().expect("map");
        let names: Vec<&str> = response["capabilities"]
            .as_array()
            .expect("capabilities")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        assert_eq!(
            entries.keys().map(String::as_str).collect::<Vec<_>>(),
            names
        );
        for (name, expected) in entries {
            assert_same_json(&our_entry(name), expected, &format!("{example}: {name}"));
            standard_checked += usize::from(standard_capability_schema(name).is_some());
        }
    }
    assert!(
        standard_checked >= 15,
        "only {standard_checked} standard entries checked"
    );
}

#[test]
fn list_outputs_use_the_placeholder() {
    let entry = standard_capability_schema("list_accounts").expect("list_accounts");
    assert_same_json(
        &list_placeholder_schema(),
        &entry["output"],
        "Empty placeholder",
    );
}

/// Every property title in the extracted schemas is derived from its name (the reference
/// models set no explicit titles), so they all test `python_title`.
#[test]
fn python_title_reproduces_every_reference_title() {
    fn walk(schema: &Value, checked: &mut usize) {
        match schema {
            Value::Object(map) => {
                if let Some(Value::Object(properties)) = map.get("properties") {
                    for (name, property) in properties {
                        if let Some(title) = property.get("title") {
                            assert_eq!(title, &json!(python_title(name)), "property {name}");
                            *checked += 1;
                        }
                    }
                }
                map.values().for_each(|child| walk(child, checked));
            }
            Value::Array(items) => items.iter().for_each(|child| walk(child, checked)),
            _ => {}
        }
    }
    let mut checked = 0;
    for name in standard_capability_names() {
        walk(
            &standard_capability_schema(name).expect("entry"),
            &mut checked,
        );
    }
    for kind in credential_kinds() {
        walk(&credential_schema(kind).expect("schema"), &mut checked);
    }
    assert!(checked > 300, "only {checked} titles checked");
}

// ---------------------------------------------------------------------------------------
// model_schema of connector-defined types
// ---------------------------------------------------------------------------------------

#[derive(Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
enum Region {
    Us,
    Eu,
}

fn region_us() -> Region {
    Region::Us
}

fn dedupe_default() -> String {
    "id".to_owned()
}

fn hundred() -> i64 {
    100
}

// Mirrors the model of vector `info_settings_schema_extensions` (its `settings_fields`);
// no doc comment, as the reference model has no description.
#[derive(Deserialize, JsonSchema)]
#[allow(dead_code)]
struct AllExtensionsSettings {
    /// API root
    #[schemars(title = "Base URL")]
    #[schemars(transform = AnnotatedField::new().semantic(SemanticType::TenantId))]
    base_url: String,
    #[schemars(title = "API secret", transform = secret)]
    api_secret: String,
    #[schemars(transform = AnnotatedField::new().multiline().group("Advanced"))]
    notes: Option<String>,
    #[serde(default)]
    #[schemars(transform = hidden)]
    internal_flag: bool,
    #[serde(default = "region_us")]
    #[schemars(transform = AnnotatedField::new().not_primary())]
    region: Region,
    #[schemars(title = "EU endpoint")]
    #[schemars(transform = AnnotatedField::new().discriminator(Discriminator::equals("region", "eu")))]
    eu_endpoint: Option<String>,
    #[schemars(transform = AnnotatedField::new().enum_mapping(&["low", "high"]))]
    level_mapping: Option<BTreeMap<String, String>>,
    #[serde(default = "dedupe_default")]
    #[schemars(transform = AnnotatedField::new().unique())]
    dedupe_key: String,
    #[serde(default = "hundred")]
    #[schemars(title = "Page size", range(min = 1, max = 500))]
    page_size: i64,
}

#[test]
fn settings_schema_with_every_extension_matches_the_vector() {
    let vector = read_json("vectors/info_settings_schema_extensions.json");
    let actual = with_field_order(model_schema::<AllExtensionsSettings>());
    assert_same_json(
        &actual,
        &vector["request_settings_schema"],
        "AllExtensionsSettings",
    );
}

#[test]
fn tiny_demo_settings_and_auth_match_the_example() {
    let response = info_response("lumos-info-example.json");
    let settings = with_field_order(model_schema::<TinySettings>());
    assert_same_json(
        &settings,
        &response["request_settings_schema"],
        "TinySettings",
    );
    let auth = credential_schema("token").expect("token");
    assert_same_json(
        &auth,
        &response["authentication_schema"],
        "authentication_schema",
    );
    assert_eq!(response["credentials_schema"], json!([]));
}

#[test]
fn scaffold_settings_and_credentials_match_the_example() {
    let response = info_response("lumos-info-scaffold-example.json");
    let settings = with_field_order(model_schema::<DemoConnectorSettings>());
    assert_same_json(
        &settings,
        &response["request_settings_schema"],
        "DemoConnectorSettings",
    );

    let declared = &response["credentials_schema"][0];
    let mut credential = credential_schema("oauth").expect("oauth");
    let map = credential.as_object_mut().expect("object");
    // id, description and optional flag are the scaffold's declaration (§6.3).
    for key in ["id", "description", "x-optional"] {
        map.insert(key.to_owned(), declared[key].clone());
    }
    assert_same_json(&credential, declared, "credentials_schema[0]");
}

#[test]
fn empty_settings_match_the_spec_shape() {
    let vector = read_json("vectors/cli_info_minimal_non_ascii.json");
    let expected = &vector["response_without_capability_schema"]["request_settings_schema"];
    assert_same_json(
        &with_field_order(model_schema::<EmptySettings>()),
        expected,
        "EmptySettings",
    );
}

// ---------------------------------------------------------------------------------------
// info serialization
// ---------------------------------------------------------------------------------------

/// The `info` runs whose stdout is one of the byte-exact files in info-examples/.
#[test]
fn to_info_json_reproduces_the_recorded_info_outputs() {
    let mut checked = 0;
    for entry in std::fs::read_dir(protocol_path("vectors")).expect("vectors dir") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|ext| ext.to_str()) != Some("json") {
            continue;
        }
        let vector: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
        let Some(file) = vector["stdout_matches_file"].as_str() else {
            continue;
        };
        if vector["argv"] != json!(["info"]) {
            continue; // app_info output is serialized as a capability response, not as info
        }
        let expected = read_text(&format!("vectors/{file}"));
        let parsed: Value = serde_json::from_str(&expected).expect("info example is JSON");
        let actual = to_info_json(&parsed) + "\n";
        assert!(actual == expected, "{file}: re-serialization differs");
        checked += 1;
    }
    assert!(checked >= 2, "only {checked} info outputs found");
}

/// Rebuilds the whole stdout of `cli_info_minimal_non_ascii` (23,579 bytes, stored only as
/// length, SHA-256 and excerpts) from the extracted app_info / probe_integration entries,
/// `model_schema` of the custom capability and the response data the vector records.
#[test]
fn minimal_non_ascii_info_is_reproduced_byte_for_byte() {
    let vector = read_json("vectors/cli_info_minimal_non_ascii.json");
    let mut response = vector["response_without_capability_schema"].clone();
    let fetch_url = capability_entry(
        "fetch_url",
        model_schema::<FetchArgs>(),
        model_schema::<FetchResult>(),
        None,
        None,
    );
    assert_same_json(
        &fetch_url,
        &vector["capability_schema_fetch_url"],
        "fetch_url",
    );
    assert_same_json(
        &credential_schema("basic").expect("basic"),
        &response["authentication_schema"],
        "authentication_schema",
    );

    let mut capability_schema = Map::new();
    for name in vector["capability_schema_keys"].as_array().expect("keys") {
        let name = name.as_str().expect("name");
        let entry = match name {
            "fetch_url" => fetch_url.clone(),
            _ => standard_capability_schema(name).expect("standard"),
        };
        capability_schema.insert(name.to_owned(), entry);
    }
    response["capability_schema"] = Value::Object(capability_schema);
    let envelope = json!({
        "execution_summary": null, "page": null, "rate_limit": null, "raw_data": null,
        "response": response,
    });
    let stdout = to_info_json(&envelope) + "\n";

    assert!(stdout.starts_with(vector["stdout_head"].as_str().expect("head")));
    for excerpt in vector["stdout_excerpts"].as_array().expect("excerpts") {
        let excerpt = excerpt.as_str().expect("excerpt");
        assert!(stdout.contains(excerpt), "missing excerpt {excerpt}");
    }
    assert!(stdout.is_ascii());
    assert_eq!(
        json!(stdout.len()),
        vector["stdout_length"],
        "stdout length"
    );
    let digest: String = Sha256::digest(stdout.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    assert_eq!(json!(digest), vector["stdout_sha256"], "stdout SHA-256");
}
