//! `KNOWN_DEVIATIONS`: recorded runs this runtime answers differently, on purpose (a quirk of
//! the reference fixed, protocol README §13) or for now (a feature the Rust SDK does not
//! have yet). Each entry's check asserts what we output instead, so a change in our output
//! (or a fix that makes the run match) fails the test and the table is updated.

use serde_json::{json, Value};

use crate::normalize::{compare, Verdict};
use crate::vectors;

/// What a replay produced, for a deviation check.
pub struct Observed<'a> {
    /// The case name.
    pub case: &'a str,
    /// Exit code (0 in-process).
    pub exit_code: i32,
    /// Our stdout.
    pub stdout: &'a str,
    /// Our stdout, parsed (`null` when empty).
    pub ours: Value,
    /// The recorded stdout, parsed.
    pub recorded: Value,
}

/// One known deviation.
pub struct Deviation {
    /// The case name.
    pub case: &'static str,
    /// Why we differ.
    pub reason: &'static str,
    /// Asserts what this runtime outputs instead; panics with an explanation otherwise.
    pub check: fn(&Observed),
}

const Q1: &str =
    "Q1 fixed: an unreadable page token is invalid_page_token (caller fault, not retryable), \
                  not a retryable internal_error";
const Q5: &str = "Q5 fixed: the 429's Retry-After: 30 is reported as retry_after_seconds";
const Q10: &str = "Q10: the extended create_account envelope does not require the settings key; \
                   missing settings give the settings check's message (same code and flags)";
const Q19: &str = "Q19 fixed: app_info request bodies list in `required` only the credential \
                   member they define (`auth` here, a single-auth connector), not `credentials` \
                   too; operations without a description omit it (`null` is not OpenAPI 3.0)";
const Q10_CUSTOM: &str = "Q10: custom envelopes do not require the settings key either; mini-demo \
                          has no settings model, so the call runs as with \"settings\": null";
const Q10_STRICT: &str = "Q10: include_raw_data must be a JSON boolean in custom envelopes too; \
                          \"yes\" is rejected as in a standard envelope";

/// Every known deviation.
pub const KNOWN_DEVIATIONS: &[Deviation] = &[
    Deviation {
        case: "error_page_token_empty_string",
        reason: Q1,
        check: invalid_page_token,
    },
    Deviation {
        case: "error_page_token_not_hex",
        reason: Q1,
        check: invalid_page_token,
    },
    Deviation {
        case: "error_page_token_unknown_field",
        reason: Q1,
        check: invalid_page_token,
    },
    Deviation {
        case: "error_upstream_429_retry_after_header",
        reason: Q5,
        check: retry_after_read,
    },
    Deviation {
        case: "error_create_account_settings_absent",
        reason: Q10,
        check: settings_key_optional,
    },
    // tiny-demo
    Deviation {
        case: "success_app_info_no_auth",
        reason: Q19,
        check: app_info_required_credentials,
    },
    // mini-demo
    Deviation {
        case: "error_custom_request_settings_key_required",
        reason: Q10_CUSTOM,
        check: custom_settings_key_optional,
    },
    Deviation {
        case: "success_custom_request_include_raw_data_lax",
        reason: Q10_STRICT,
        check: custom_include_raw_data_strict,
    },
];

/// The deviation entry for `case`, if any.
pub fn find(case: &str) -> Option<&'static Deviation> {
    KNOWN_DEVIATIONS.iter().find(|d| d.case == case)
}

/// Asserts that our output equals the recording except at `pointer`, where ours holds
/// `ours_value`. The rest is compared with the README's normalizations.
fn same_except(observed: &Observed, pointer: &str, ours_value: Value) {
    assert_eq!(observed.exit_code, 0, "exit code");
    let ours_at = observed.ours.pointer(pointer);
    assert_eq!(ours_at, Some(&ours_value), "our {pointer}");
    let recorded_at = observed
        .recorded
        .pointer(pointer)
        .unwrap_or_else(|| panic!("the recording has no {pointer}"));
    assert_ne!(
        recorded_at, &ours_value,
        "the recording's {pointer} is ours: not a deviation"
    );
    let mut patched = observed.ours.clone();
    *patched.pointer_mut(pointer).expect("pointer exists") = recorded_at.clone();
    let text = |v: &Value| format!("{}\n", serde_json::to_string(v).expect("serialize"));
    let verdict = compare(observed.case, &text(&observed.recorded), &text(&patched));
    assert!(
        !matches!(verdict, Verdict::Different { .. }),
        "besides {pointer}, our output differs from the recording: {verdict:?}"
    );
}

/// Our error envelope: code and flags.
fn assert_error(
    ours: &Value,
    code: &str,
    fault: &str,
    retryable: bool,
    throttled: bool,
    refreshable: bool,
) {
    let error = &ours["error"];
    assert_eq!(ours["is_error"], true, "an error envelope");
    assert_eq!(error["error_code"], code, "error_code");
    let metadata = &error["error_metadata"];
    assert_eq!(metadata["fault"], fault, "fault");
    assert_eq!(metadata["retryable"], retryable, "retryable");
    assert_eq!(metadata["throttled"], throttled, "throttled");
    assert_eq!(metadata["refreshable"], refreshable, "refreshable");
}

fn invalid_page_token(observed: &Observed) {
    assert_eq!(observed.recorded["error"]["error_code"], "internal_error");
    assert_eq!(observed.exit_code, 0, "exit code");
    assert_error(
        &observed.ours,
        "invalid_page_token",
        "caller",
        false,
        false,
        false,
    );
    let error = &observed.ours["error"];
    assert_eq!(
        error["message"],
        "The pagination token is invalid or has expired."
    );
    assert_eq!(error["raised_by"], "InvalidPageTokenError");
    assert!(
        error["raised_in"]
            .as_str()
            .is_some_and(|r| r.ends_with(":list_accounts")),
        "raised in list_accounts"
    );
}

fn retry_after_read(observed: &Observed) {
    same_except(
        observed,
        "/error/error_metadata/retry_after_seconds",
        json!(30),
    );
    assert_error(&observed.ours, "rate_limit", "upstream", true, true, false);
}

fn settings_key_optional(observed: &Observed) {
    let recorded = observed.recorded["error"]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(
        recorded.starts_with("Invalid request - "),
        "the recording rejects the envelope"
    );
    // The recording echoes the envelope, token included (Q21); ours must not.
    assert!(
        recorded.contains("good-token"),
        "the recording leaks the token"
    );
    assert!(
        !observed.stdout.contains("good-token"),
        "our error leaks the token"
    );
    same_except(
        observed,
        "/error/message",
        json!("No settings passed on request: core-demo requires CoreDemoSettings"),
    );
    assert_error(&observed.ours, "bad_request", "caller", false, false, false);
}

fn custom_settings_key_optional(observed: &Observed) {
    let recorded = observed.recorded["error"]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(
        recorded.starts_with("Invalid request - ") && recorded.contains("('settings',)"),
        "the recording rejects the missing settings key"
    );
    assert_error(
        &observed.recorded,
        "bad_request",
        "caller",
        false,
        false,
        false,
    );
    assert_eq!(observed.exit_code, 0, "exit code");
    // The same envelope with "settings": null, as recorded.
    let expected = vectors::recorded_stdout_of("success_custom_request_settings_null");
    assert_eq!(
        observed.stdout, expected,
        "ours is the run with settings null"
    );
}

fn custom_include_raw_data_strict(observed: &Observed) {
    assert!(
        observed.recorded["response"].is_object(),
        "the recording accepts the string"
    );
    assert_eq!(observed.exit_code, 0, "exit code");
    assert_error(&observed.ours, "bad_request", "caller", false, false, false);
    let message = observed.ours["error"]["message"]
        .as_str()
        .unwrap_or_default();
    assert!(
        message.starts_with("Invalid request - ") && message.contains("include_raw_data"),
        "the message names include_raw_data after the fixed prefix: {message}"
    );
    // What a standard envelope gets for the same value, with this connector's app id.
    let mut standard: Value = serde_json::from_str(&vectors::recorded_stdout_of(
        "error_request_include_raw_data_string",
    ))
    .expect("JSON");
    standard["error"]["app_id"] = observed.ours["error"]["app_id"].clone();
    let standard = format!("{}\n", serde_json::to_string(&standard).expect("serialize"));
    let verdict = compare(observed.case, &standard, observed.stdout);
    assert!(
        !matches!(verdict, Verdict::Different { .. }),
        "ours differs from a standard envelope's answer: {verdict:?}"
    );
}

/// The recorded document with Q19 fixed in every request body, byte for byte: `required`
/// loses the `credentials` member its `properties` do not define; and `"description": null`
/// dropped from the operations.
fn app_info_required_credentials(observed: &Observed) {
    assert_eq!(observed.exit_code, 0, "exit code");
    let mut expected = observed.recorded.clone();
    let mut fixed = 0;
    let paths = expected
        .pointer_mut("/response/app_schema/paths")
        .and_then(Value::as_object_mut)
        .expect("paths");
    for path in paths.values_mut() {
        let operation = path["post"].as_object_mut().expect("POST operation");
        if operation.get("description") == Some(&Value::Null) {
            operation.shift_remove("description");
        }
        let body = path
            .pointer_mut("/post/requestBody/content/application~1json/schema")
            .expect("request body schema");
        let defines_credentials = body["properties"].get("credentials").is_some();
        let required = body["required"].as_array_mut().expect("required");
        let before = required.len();
        required.retain(|member| defines_credentials || member != "credentials");
        fixed += before - required.len();
    }
    assert!(
        fixed > 0,
        "the recording lists no undefined credentials: not a deviation"
    );
    let expected = format!("{}\n", serde_json::to_string(&expected).expect("serialize"));
    assert!(
        observed.stdout == expected,
        "our app_info differs from the recording beyond Q19"
    );
}
