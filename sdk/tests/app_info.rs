//! `app_info` of the demo connectors (protocol §11.1): valid OpenAPI 3.0 (checked with a
//! maintained validator), the recorded structure for tiny-demo, quirk Q19 fixed, and no
//! credential or settings check.

// Test support outside #[test] functions: a failing expectation should stop the test loudly.
#![allow(clippy::expect_used, clippy::panic)]

#[path = "../examples/core_demo/api.rs"]
mod api;
#[path = "../examples/core_demo/integration.rs"]
mod integration;
#[path = "../examples/mini_demo.rs"]
#[allow(dead_code)] // the example's own `main`
mod mini_demo;
#[path = "../examples/core_demo/raise.rs"]
mod raise;
#[path = "../examples/core_demo/settings.rs"]
mod settings;
#[path = "../examples/tiny_demo.rs"]
#[allow(dead_code)] // the example's own `main`
mod tiny_demo;
#[path = "app_info/validator.rs"]
mod validator;

use connector_sdk::integration::Integration;
use connector_sdk::settings::Settings;
use serde_json::{json, Value};

/// The `app_schema` of `integration`'s `app_info` answer to `{"request": {}}`.
fn app_schema<S: Settings>(integration: &Integration<S>) -> Value {
    let answer: Value =
        serde_json::from_str(&integration.call_blocking("app_info", r#"{"request":{}}"#))
            .expect("JSON");
    assert_eq!(
        answer["response"]["app_id"],
        json!(integration.app_id()),
        "{answer}"
    );
    answer["response"]["app_schema"].clone()
}

/// The three demo connectors' documents.
fn demo_documents() -> Vec<(&'static str, Value)> {
    vec![
        (
            "core-demo",
            app_schema(&integration::integration().expect("core-demo")),
        ),
        (
            "tiny-demo",
            app_schema(&tiny_demo::integration().expect("tiny-demo")),
        ),
        (
            "mini-demo",
            app_schema(&mini_demo::integration().expect("mini-demo")),
        ),
    ]
}

fn recorded_tiny_demo() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/protocol/info-examples/lumos-app-info-example.json"
    );
    let text = std::fs::read_to_string(path).expect("the recorded tiny-demo app_info");
    let recorded: Value = serde_json::from_str(&text).expect("JSON");
    recorded["response"]["app_schema"].clone()
}

#[test]
fn app_info_documents_are_valid_openapi_3_0() {
    let documents = demo_documents();
    let named: Vec<(&str, &Value)> = documents.iter().map(|(n, d)| (*n, d)).collect();
    let problems = validator::problems(&named);
    assert!(
        problems.is_empty(),
        "{} finds:\n{}",
        validator::VALIDATOR,
        problems.join("\n")
    );

    // The validator is not a rubber stamp: the recorded reference document has null
    // operation descriptions, and a document without `info` or with a bad type is rejected.
    let mut broken = documents[1].1.clone();
    broken.as_object_mut().expect("object").remove("info");
    broken["paths"]["/list_accounts"]["post"]["responses"] = json!("none");
    let recorded = recorded_tiny_demo();
    let problems = validator::problems(&[("broken", &broken), ("recorded", &recorded)]);
    for expected in [
        "broken.json: /:",
        "broken.json: /paths//list_accounts/post/responses:",
        "recorded.json: /paths//app_info/post/description:",
    ] {
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "no problem reported at {expected}: {problems:?}"
        );
    }
}

/// Ours is the recorded document's structure: the same members in the same order, the same
/// models, paths, security schemes and extensions; only Q19 and the null descriptions
/// differ (the byte-level comparison is the conformance test's).
#[test]
fn tiny_demo_app_info_has_the_recorded_structure() {
    let ours = app_schema(&tiny_demo::integration().expect("tiny-demo"));
    let recorded = recorded_tiny_demo();
    let keys = |v: &Value| -> Vec<String> {
        v.as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    };
    assert_eq!(keys(&ours), keys(&recorded), "top-level members");
    assert_eq!(ours["info"], recorded["info"], "info");
    assert_eq!(ours["tags"], recorded["tags"], "tags");
    assert_eq!(
        ours["components"]["securitySchemes"],
        recorded["components"]["securitySchemes"]
    );
    let (our_models, recorded_models) = (
        &ours["components"]["schemas"],
        &recorded["components"]["schemas"],
    );
    assert_eq!(
        keys(our_models),
        keys(recorded_models),
        "model names, in order"
    );
    for name in keys(recorded_models) {
        assert_eq!(our_models[&name], recorded_models[&name], "model {name}");
    }
    assert_eq!(keys(&ours["paths"]), keys(&recorded["paths"]), "paths");
    for path in keys(&recorded["paths"]) {
        let (mut our_op, recorded_op) = (
            ours["paths"][&path]["post"].clone(),
            &recorded["paths"][&path]["post"],
        );
        let mut recorded_op = recorded_op.clone();
        if recorded_op["description"].is_null() {
            let operation = recorded_op.as_object_mut().expect("operation");
            operation.shift_remove("description");
        }
        let our_body = &mut our_op["requestBody"]["content"]["application/json"]["schema"];
        our_body["required"]
            .as_array_mut()
            .expect("required")
            .push(json!("credentials"));
        assert_eq!(keys(&our_op), keys(&recorded_op), "POST {path} members");
        assert_eq!(our_op, recorded_op, "POST {path}");
    }
}

/// Q19 fixed: `required` names only the credential member the body defines.
#[test]
fn request_bodies_require_only_the_credential_member_they_define() {
    for (name, document) in demo_documents() {
        let single_auth = name != "core-demo";
        let mut credential_bodies = 0;
        for (path, item) in document["paths"].as_object().expect("paths") {
            let body = &item["post"]["requestBody"]["content"]["application/json"]["schema"];
            let properties = body["properties"].as_object().expect("properties");
            for member in body["required"].as_array().expect("required") {
                let member = member.as_str().expect("name");
                assert!(
                    properties.contains_key(member),
                    "{name} {path}: requires {member}, which it does not define"
                );
            }
            let defined = |m: &str| properties.contains_key(m);
            assert!(
                !(defined("auth") && defined("credentials")),
                "{name} {path}"
            );
            assert!(!single_auth || !defined("credentials"), "{name} {path}");
            assert!(single_auth || !defined("auth"), "{name} {path}");
            credential_bodies += usize::from(defined("auth") || defined("credentials"));
        }
        assert!(
            credential_bodies >= 3,
            "{name}: {credential_bodies} bodies with credentials"
        );
    }
    // core-demo's credential-less capabilities define neither member.
    let core = demo_documents().remove(0).1;
    for path in ["/validate_credential_config", "/get_authorization_url"] {
        let body =
            &core["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"];
        assert_eq!(body["required"], json!(["request", "settings"]), "{path}");
    }
}

#[test]
fn app_info_needs_neither_credentials_nor_settings() {
    // core-demo requires settings (base_url) and credentials for its other capabilities.
    let core = integration::integration().expect("core-demo");
    for envelope in [
        r#"{"request":{}}"#,
        r#"{"request":{},"settings":{"page_size":"not a number"}}"#,
        r#"{"request":{},"auth":{"token":{"token":"x"}},"credentials":[]}"#,
    ] {
        let answer: Value =
            serde_json::from_str(&core.call_blocking("app_info", envelope)).expect("JSON");
        assert_eq!(
            answer["response"]["app_id"], "core-demo",
            "{envelope}: {answer}"
        );
    }
    for (envelope, message) in [
        ("{", "Invalid request - [json_invalid] envelope"),
        ("[]", "Invalid request - [model_type] envelope"),
        ("{}", "Invalid request - [missing] envelope.request"),
        (
            r#"{"request":[]}"#,
            "Invalid request - [model_type] request",
        ),
    ] {
        let answer: Value =
            serde_json::from_str(&core.call_blocking("app_info", envelope)).expect("JSON");
        assert_eq!(answer["error"]["error_code"], "bad_request", "{envelope}");
        let text = answer["error"]["message"].as_str().unwrap_or_default();
        assert!(text.starts_with(message), "{envelope}: {text}");
    }
}

/// What the document lists is derived from the registry like `info`.
#[test]
fn app_info_lists_what_info_lists() {
    let core = integration::integration().expect("core-demo");
    let document = app_schema(&core);
    let info = core.info().expect("info");
    assert_eq!(document["info"]["x-capabilities"], info["capabilities"]);
    let paths: Vec<String> = info["capabilities"]
        .as_array()
        .expect("capabilities")
        .iter()
        .map(|c| format!("/{}", c.as_str().expect("name")))
        .collect();
    let our_paths: Vec<&String> = document["paths"]
        .as_object()
        .expect("paths")
        .keys()
        .collect();
    assert_eq!(our_paths, paths.iter().collect::<Vec<_>>());
    assert_eq!(document["info"]["x-multi-credential"], true);
    assert_eq!(
        document["info"]["x-allowed-credentials"],
        json!([["core_demo_oauth"], ["core_demo_token"]])
    );
    assert_eq!(
        document["info"]["x-probe-checks"],
        json!(["accounts", "entitlements", "entitlement_associations"])
    );
    // mini-demo has no read capability: its probe can check nothing.
    let mini = app_schema(&mini_demo::integration().expect("mini-demo"));
    assert_eq!(mini["info"]["x-probe-checks"], json!([]));
    assert_eq!(
        mini["info"]["x-categories"],
        json!({"type": "enum", "enum": []})
    );
}

/// core-demo's OAuth credential: its flow in `x-oauth-settings` and an `oauth2` scheme, the
/// per-capability scopes in the operations' security requirements.
#[test]
fn oauth_credentials_bring_their_flow_and_scopes() {
    let document = app_schema(&integration::integration().expect("core-demo"));
    let scopes = json!({"users:read": "Required for list_accounts, get_last_activity"});
    assert_eq!(
        document["info"]["x-oauth-settings"],
        json!({"core_demo_oauth": {
            "oauth_type": "CODE_FLOW",
            // Computed from the settings, which app_info does not have.
            "token_url": "",
            "authorization_url": "https://auth.example.com/oauth/authorize",
            "capabilities": {"get_authorization_url": true,
                "handle_authorization_callback": true, "refresh_access_token": true},
            "scopes": scopes,
            "pkce_enabled": false,
        }})
    );
    assert_eq!(
        document["components"]["securitySchemes"]["core_demo_oauth"],
        json!({"type": "oauth2", "flows": {"authorizationCode": {
            "authorizationUrl": "https://auth.example.com/oauth/authorize",
            "tokenUrl": "",
            "scopes": scopes,
        }}})
    );
    let security = |path: &str| document["paths"][path]["post"]["security"].clone();
    assert_eq!(
        security("/list_accounts"),
        json!([{"core_demo_oauth": ["users:read"]}, {"core_demo_token": []}])
    );
    // No scope declared for it: the OAuth credential is not named.
    assert_eq!(
        security("/list_resources"),
        json!([{"core_demo_token": []}])
    );

    // With valid settings, the token URL computed from them is known.
    let core = integration::integration().expect("core-demo");
    let envelope = r#"{"request":{},"settings":{"base_url":"https://tenant.example.com"}}"#;
    let answer: Value =
        serde_json::from_str(&core.call_blocking("app_info", envelope)).expect("JSON");
    let document = &answer["response"]["app_schema"];
    let token_url = "https://tenant.example.com/oauth/token";
    assert_eq!(
        document["info"]["x-oauth-settings"]["core_demo_oauth"]["token_url"],
        token_url
    );
    assert_eq!(
        document["components"]["securitySchemes"]["core_demo_oauth"]["flows"]["authorizationCode"]
            ["tokenUrl"],
        token_url
    );
}

/// Every credential type, single-auth and all together in multi-auth, gives a valid document
/// whose operations name only declared security schemes.
#[test]
fn every_credential_type_gives_a_valid_openapi_document() {
    use connector_sdk::auth::{AuthDeclaration, CredentialDeclaration, CredentialKind};
    use connector_sdk::settings::NoSettings;

    let build = |auth: AuthDeclaration| {
        let integration: Integration<NoSettings> = Integration::builder("kinds", "1.0.0")
            .auth(auth)
            .build()
            .expect("builds");
        app_schema(&integration)
    };
    let mut documents: Vec<(String, Value)> = CredentialKind::ALL
        .iter()
        .map(|kind| {
            (
                format!("single-{kind}"),
                build(AuthDeclaration::Single(*kind)),
            )
        })
        .collect();
    let all = CredentialKind::ALL
        .iter()
        .map(|kind| CredentialDeclaration::new(format!("{kind}_id"), *kind, "d").optional())
        .collect();
    documents.push(("multi".to_owned(), build(AuthDeclaration::multi(all))));
    documents.push(("none".to_owned(), build(AuthDeclaration::None)));

    for (name, document) in &documents {
        let schemes = &document["components"]["securitySchemes"];
        for (path, item) in document["paths"].as_object().expect("paths") {
            for requirement in item["post"]["security"].as_array().expect("security") {
                for scheme in requirement.as_object().expect("requirement").keys() {
                    assert!(
                        schemes.get(scheme).is_some(),
                        "{name} {path}: undeclared scheme {scheme}"
                    );
                }
            }
        }
    }
    let multi = &documents[CredentialKind::ALL.len()].1;
    assert_eq!(multi["info"]["x-multi-credential"], true);
    let allowed = multi["info"]["x-allowed-credentials"]
        .as_array()
        .expect("allowed");
    assert_eq!(
        allowed.len(),
        CredentialKind::ALL.len(),
        "each optional id alone"
    );

    let named: Vec<(&str, &Value)> = documents.iter().map(|(n, d)| (n.as_str(), d)).collect();
    let problems = validator::problems(&named);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every `$ref` of `value` (as pointer strings).
fn references(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, member) in map {
                match (key.as_str(), member) {
                    ("$ref", Value::String(target)) => found.push(target.clone()),
                    _ => references(member, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| references(item, found)),
        _ => {}
    }
}

mod typed {
    //! A connector with its own nested types in settings, an extended payload and a custom
    //! capability that returns a list.
    // The types exist for their schemas; no handler reads them.
    #![allow(dead_code)]

    use connector_sdk::capability::CREATE_ACCOUNT;
    use connector_sdk::integration::{Integration, RegistryError};
    use connector_sdk::models::{AccountStatus, CreateAccountEntitlement, CreatedAccount};
    use connector_sdk::request::{Request, Response};
    use schemars::JsonSchema;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
    pub enum Region {
        Eu,
        Us,
    }

    #[derive(Debug, Clone, Deserialize, JsonSchema)]
    pub struct TypedSettings {
        pub region: Region,
        #[serde(default)]
        pub limit: Option<u32>,
    }

    #[derive(Debug, Deserialize, JsonSchema)]
    pub struct TypedCreateAccount {
        #[serde(default)]
        pub entitlements: Vec<CreateAccountEntitlement>,
        pub region: Option<Region>,
    }

    #[derive(Debug, Deserialize, JsonSchema)]
    pub struct Lookup {
        pub names: Vec<String>,
    }

    #[derive(Debug, Serialize, JsonSchema)]
    pub struct Found {
        pub name: String,
        pub region: Region,
    }

    pub fn integration() -> Result<Integration<TypedSettings>, RegistryError> {
        Integration::builder("typed", "1.0.0")
            .extended_capability(
                CREATE_ACCOUNT,
                |_: Request<TypedCreateAccount, TypedSettings>| async {
                    Ok(Response::new(CreatedAccount {
                        id: None,
                        status: AccountStatus::Active,
                        created: true,
                    }))
                },
            )
            .custom_capability("lookup", |_: Request<Lookup, TypedSettings>| async {
                Ok(Response::new(Vec::<Found>::new()))
            })
            .build()
    }
}

/// The connector's own models reach `components.schemas`, and every reference of every
/// document resolves.
#[test]
fn connector_types_give_valid_documents_whose_references_resolve() {
    let typed = app_schema(&typed::integration().expect("typed"));
    let mut documents = demo_documents();
    documents.push(("typed", typed.clone()));
    for (name, document) in &documents {
        let mut found = Vec::new();
        references(document, &mut found);
        assert!(!found.is_empty(), "{name}");
        for target in found {
            let model = target
                .strip_prefix("#/components/schemas/")
                .unwrap_or_else(|| panic!("{name}: reference outside components: {target}"));
            assert!(
                document["components"]["schemas"].get(model).is_some(),
                "{name}: {target} does not resolve"
            );
        }
    }
    let models = &typed["components"]["schemas"];
    for model in ["Region", "TypedCreateAccount", "Lookup", "Found"] {
        assert!(models.get(model).is_some(), "{model} missing");
    }
    assert_eq!(models["TypedCreateAccount"]["x-capability-level"], "write");
    assert_eq!(
        typed["paths"]["/lookup"]["post"]["responses"]["200"]["content"]["application/json"]
            ["schema"]["type"],
        "array"
    );
    let problems = validator::problems(&[("typed", &typed)]);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
