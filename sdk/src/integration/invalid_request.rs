//! `Invalid request - ...` errors: where the envelope is wrong and why, never echoing input
//! values (they may be secrets; protocol quirk Q21 fixed).

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::ConnectorError;

/// Deserializes a capability payload (the envelope's `request` member), which must be a JSON
/// object.
pub(crate) fn parse_payload<P: DeserializeOwned>(payload: &Value) -> Result<P, ConnectorError> {
    if !payload.is_object() {
        return Err(invalid_request(
            "model_type",
            "request",
            "Input should be an object",
        ));
    }
    deserialize_at(payload, "request")
}

/// Deserializes `value` (found at `location`) into `T`, describing the failure by path.
pub(crate) fn deserialize_at<T: DeserializeOwned>(
    value: &Value,
    location: &str,
) -> Result<T, ConnectorError> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let path = error.path().to_string();
        let mut loc = location.to_owned();
        if path != "." && !path.is_empty() {
            loc.push('.');
            loc.push_str(&path);
        }
        let (kind, message) = describe(&error.inner().to_string(), &mut loc);
        invalid_request(kind, &loc, &message)
    })
}

pub(crate) fn invalid_request(kind: &str, location: &str, message: &str) -> ConnectorError {
    ConnectorError::bad_request(format!("Invalid request - [{kind}] {location}: {message}"))
}

/// Classifies a serde message and strips the offending value from it.
fn describe(message: &str, loc: &mut String) -> (&'static str, String) {
    let message = message.split(" at line ").next().unwrap_or(message);
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
    {
        loc.push('.');
        loc.push_str(field);
        return ("missing", "Field required".to_owned());
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let expected = rest
            .split_once(", expected ")
            .map_or("another type", |(_, e)| e);
        return ("type_error", format!("Input should be {expected}"));
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let expected = rest
            .split_once(", expected ")
            .map_or("another value", |(_, e)| e);
        return ("value_error", format!("Input should be {expected}"));
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let expected = rest
            .split_once(", expected ")
            .map_or("a known value", |(_, e)| e);
        return ("enum", format!("Input should be {expected}"));
    }
    if message.starts_with("invalid length") {
        return ("value_error", "Input has the wrong length".to_owned());
    }
    ("value_error", "Input is invalid".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[allow(dead_code)]
    #[derive(Debug, Deserialize)]
    struct Payload {
        account_id: String,
        size: Option<u64>,
    }

    #[test]
    fn messages_name_the_location_and_never_the_value() {
        let err = parse_payload::<Payload>(&json!({})).unwrap_err();
        assert_eq!(
            err.message,
            "Invalid request - [missing] request.account_id: Field required"
        );
        let err =
            parse_payload::<Payload>(&json!({"account_id": "x", "size": "s3cret"})).unwrap_err();
        assert_eq!(
            err.message,
            "Invalid request - [type_error] request.size: Input should be u64"
        );
        assert!(!err.message.contains("s3cret"));
        let err = parse_payload::<Payload>(&json!([])).unwrap_err();
        assert!(err.message.contains("request: Input should be an object"));
    }
}
