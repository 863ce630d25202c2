//! Comparing a replay's stdout with the recorded one, with the normalizations of
//! `vectors/README.md` ("Normalizations when comparing").

use connector_sdk::error::ErrorKind;
use serde_json::Value;

/// How a replay's stdout compares with the recording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Byte-identical (after the upstream address substitution, normalization 5).
    Exact,
    /// Identical once the README's normalizations 1-4 are applied.
    Normalized,
    /// Different even after normalization; both normalized texts are kept for the report.
    Different { expected: String, actual: String },
}

/// Message prefixes after which the text comes from a library (normalization 3).
const LIBRARY_TEXT_PREFIXES: &[&str] = &["Invalid request - ", "Failed to parse JSON response: "];

/// Cases whose whole message is library text (normalization 3).
const LIBRARY_TEXT_CASES: &[&str] = &[
    "error_upstream_500_empty_body",
    "error_connector_key_error",
    "error_connector_value_error",
    "error_page_token_empty_string",
    "error_page_token_not_hex",
    "error_page_token_unknown_field",
];

/// Marker replacing masked values.
const MASKED: &str = "<masked>";

/// Compares `actual` with the recorded `expected` stdout of `case`.
pub fn compare(case: &str, expected: &str, actual: &str) -> Verdict {
    if expected == actual {
        return Verdict::Exact;
    }
    let (Ok(mut expected_json), Ok(mut actual_json)) = (
        serde_json::from_str::<Value>(expected),
        serde_json::from_str::<Value>(actual),
    ) else {
        return Verdict::Different {
            expected: expected.to_owned(),
            actual: actual.to_owned(),
        };
    };
    // Masks are decided from the recording, then applied to both sides alike.
    let masks = Masks::for_recording(case, &expected_json);
    masks.apply(&mut expected_json);
    masks.apply(&mut actual_json);
    let (expected, actual) = (
        render(&expected_json, expected),
        render(&actual_json, actual),
    );
    if expected == actual {
        Verdict::Normalized
    } else {
        Verdict::Different { expected, actual }
    }
}

/// Re-serializes a normalized document, keeping the original's trailing newline, so that a
/// formatting difference (spacing, escaping) is still seen as a difference.
fn render(value: &Value, original: &str) -> String {
    let mut text = serde_json::to_string(value).expect("serialize JSON");
    if original.ends_with('\n') {
        text.push('\n');
    }
    // A compact original re-serializes identically; anything else stays visibly different.
    if serde_json::to_string(&serde_json::from_str::<Value>(original).expect("JSON"))
        .expect("serialize JSON")
        != original.trim_end_matches('\n')
    {
        text.push_str(" (not compact JSON)");
    }
    text
}

/// Which normalizations apply to one recording.
#[derive(Debug, Default)]
struct Masks {
    /// 1: keep only the function part of `error.raised_in`.
    raised_in_function_only: bool,
    /// 2: `error.raised_by` names a Python exception class of an untyped failure.
    raised_by: bool,
    /// 3: mask the message after this prefix (`Some("")`: the whole message).
    message_after: Option<&'static str>,
    /// 4: wall-clock members.
    clock: bool,
}

impl Masks {
    fn for_recording(case: &str, expected: &Value) -> Self {
        let error = &expected["error"];
        let message = error["message"].as_str().unwrap_or_default();
        let base_case = case.split('[').next().unwrap_or(case);
        let message_after = if LIBRARY_TEXT_CASES.contains(&base_case) {
            Some("")
        } else {
            LIBRARY_TEXT_PREFIXES
                .iter()
                .copied()
                .find(|prefix| message.starts_with(prefix))
        };
        let raised_by = error["raised_by"]
            .as_str()
            .is_some_and(|name| !ErrorKind::ALL.iter().any(|k| k.type_name() == name));
        Self {
            raised_in_function_only: error["raised_in"].is_string(),
            raised_by,
            message_after,
            clock: true,
        }
    }

    fn apply(&self, document: &mut Value) {
        if let Some(error) = document.get_mut("error").and_then(Value::as_object_mut) {
            if self.raised_in_function_only {
                if let Some(Value::String(raised_in)) = error.get_mut("raised_in") {
                    let function = raised_in.rsplit(':').next().unwrap_or_default().to_owned();
                    *raised_in = function;
                }
            }
            if self.raised_by {
                // Only a non-null name is masked: a missing `raised_by` is still a difference.
                if let Some(raised_by @ Value::String(_)) = error.get_mut("raised_by") {
                    *raised_by = Value::String(MASKED.to_owned());
                }
            }
            if let (Some(prefix), Some(Value::String(message))) =
                (self.message_after, error.get_mut("message"))
            {
                if message.starts_with(prefix) {
                    *message = format!("{prefix}{MASKED}");
                }
            }
        }
        if self.clock {
            mask_clock(document);
        }
    }
}

/// `rate_limit.current_state.*.reset` and every `duration_ms` (normalization 4).
fn mask_clock(document: &mut Value) {
    if let Some(states) = document
        .pointer_mut("/rate_limit/current_state")
        .and_then(Value::as_object_mut)
    {
        for state in states.values_mut() {
            if let Some(reset) = state.get_mut("reset").filter(|r| !r.is_null()) {
                *reset = Value::String(MASKED.to_owned());
            }
        }
    }
    mask_durations(document);
}

fn mask_durations(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, member) in map.iter_mut() {
                if key == "duration_ms" && member.is_number() {
                    *member = Value::String(MASKED.to_owned());
                } else {
                    mask_durations(member);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(mask_durations),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ERROR: &str = r#"{"is_error":true,"error":{"message":"Invalid request - x","raised_by":"KeyError","raised_in":"a.b:f"}}"#;

    #[test]
    fn masks_apply_only_where_the_readme_allows() {
        assert_eq!(compare("c", ERROR, ERROR), Verdict::Exact);
        let other = r#"{"is_error":true,"error":{"message":"Invalid request - y","raised_by":"ConnectorError","raised_in":"z:f"}}"#;
        assert_eq!(compare("c", ERROR, other), Verdict::Normalized);
        let wrong_function = other.replace("z:f", "z:g");
        assert!(matches!(
            compare("c", ERROR, &wrong_function),
            Verdict::Different { .. }
        ));
        let typed = ERROR.replace("KeyError", "NotFoundError");
        assert!(matches!(
            compare("c", &typed, other),
            Verdict::Different { .. }
        ));
        let no_prefix = other.replace("Invalid request - y", "y");
        assert!(matches!(
            compare("c", ERROR, &no_prefix),
            Verdict::Different { .. }
        ));
        let spaced = other.replace(",", ", ");
        assert!(matches!(
            compare("c", ERROR, &spaced),
            Verdict::Different { .. }
        ));
    }
}
