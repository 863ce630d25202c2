//! Any JSON as an envelope's `settings`, validated into three settings models: a model with
//! every kind of field the lenient validation converts (integers, numbers, booleans, enums
//! and nested structs behind `$ref`, options, lists), `core-demo`'s and the generated
//! example's. The envelope goes through `Integration::call_blocking` to a capability that
//! answers the validated settings (their `Debug` text).
//!
//! Checked, besides no panic and no call over 1 s: one JSON document; refusals are
//! `bad_request`; settings objects that serde reads strictly are accepted, and as the same value
//! (the validation only adds leniency); and what was accepted, written back, is accepted
//! again as the same value.

#![no_main]

use std::fmt::Debug;
use std::sync::LazyLock;

use connector_fuzz::{error_code, one_document};
use connector_sdk::integration::Integration;
use connector_sdk::request::{Request, Response};
use connector_sdk::settings::Settings;
use libfuzzer_sys::fuzz_target;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[allow(dead_code)]
#[path = "../../sdk/examples/core_demo/settings.rs"]
mod core_demo_settings;

/// A field of every kind the validation treats differently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
struct Rich {
    /// Required text.
    #[schemars(title = "Base URL")]
    base_url: String,
    /// A bounded integer with a default.
    #[serde(default = "default_port")]
    #[schemars(range(min = 1, max = 65535))]
    port: u16,
    /// A signed optional integer.
    #[serde(default)]
    offset: Option<i64>,
    /// A number.
    #[serde(default)]
    ratio: f64,
    /// A boolean.
    #[serde(default)]
    verbose: bool,
    /// An enum (a `$ref` to a string schema).
    #[serde(default)]
    mode: Mode,
    /// An optional nested model (`anyOf` of a `$ref` and null).
    #[serde(default)]
    nested: Option<Nested>,
    /// A list.
    #[serde(default)]
    tags: Vec<String>,
    /// Text or a number (`anyOf` string, integer).
    #[serde(default)]
    either: Option<Either>,
}

fn default_port() -> u16 {
    443
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
enum Mode {
    #[default]
    Fast,
    Careful,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
struct Nested {
    /// An integer inside a `$ref`.
    depth: u8,
    /// A boolean inside a `$ref`.
    #[serde(default)]
    strict: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
enum Either {
    Count(i32),
    Name(String),
}

/// A connector with one capability that answers its validated settings.
fn echo<S: Settings + Debug>() -> Integration<S> {
    Integration::builder("settings-fuzz", "0.0.0")
        .custom_capability("echo_settings", |request: Request<Value, S>| async move {
            Ok(Response::new(format!("{:?}", request.settings)))
        })
        .build()
        .expect("the echo connector registers")
}

/// The rich model's connector also answers the settings as JSON, to write them back.
fn echo_rich() -> Integration<Rich> {
    Integration::builder("settings-fuzz", "0.0.0")
        .custom_capability(
            "echo_settings",
            |request: Request<Value, Rich>| async move { Ok(Response::new(request.settings)) },
        )
        .build()
        .expect("the echo connector registers")
}

static RICH: LazyLock<Integration<Rich>> = LazyLock::new(echo_rich);
static CORE_DEMO: LazyLock<Integration<core_demo_settings::CoreDemoSettings>> = LazyLock::new(echo);
static EXAMPLE: LazyLock<Integration<example_connector::settings::ExampleSettings>> =
    LazyLock::new(echo);

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(settings) = serde_json::from_str::<Value>(&text) else {
        return;
    };
    check(&CORE_DEMO, &text, &settings, debug_text);
    check(&EXAMPLE, &text, &settings, debug_text);
    let accepted = check(&RICH, &text, &settings, |rich: &Rich| {
        serde_json::to_value(rich).expect("settings serialize")
    });
    if let Some(accepted) = accepted {
        // Written back, the accepted value is accepted again as itself.
        let again = validated(&RICH, &accepted.to_string());
        assert_eq!(again.as_ref(), Some(&accepted), "written back: {accepted}");
    }
});

fn debug_text<S: Debug>(settings: &S) -> Value {
    Value::String(format!("{settings:?}"))
}

/// The echoed settings when the call succeeded; a refusal must be `bad_request`.
fn validated<S: Settings>(integration: &Integration<S>, settings: &str) -> Option<Value> {
    let envelope = format!(r#"{{"request":{{}},"settings":{settings}}}"#);
    let output = integration.call_blocking("echo_settings", &envelope);
    let mut document = one_document(&output);
    match error_code(&document) {
        None => Some(document["response"].take()),
        Some("bad_request") => None,
        Some(other) => panic!("settings refused with {other}: {output}"),
    }
}

/// Validates `text`; settings that serde reads strictly must be accepted, as the same value
/// (`echoed` is what the connector answers for a value).
fn check<S: Settings>(
    integration: &Integration<S>,
    text: &str,
    settings: &Value,
    echoed: impl Fn(&S) -> Value,
) -> Option<Value> {
    let accepted = validated(integration, text);
    // serde also reads a struct from an array of its fields; settings are objects.
    let strict = match settings {
        Value::Object(_) => serde_json::from_value::<S>(settings.clone()).ok(),
        _ => None,
    };
    if let Some(strict) = strict {
        assert_eq!(
            accepted.as_ref(),
            Some(&echoed(&strict)),
            "strictly valid settings: {text}"
        );
    }
    accepted
}
