//! Capabilities the runtime registers by itself: `validate_credential_config` for multi-auth
//! connectors (protocol §11.3, base validation).

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::handler::{Context, Continuation, Outcome, Registered, Shape};
use super::invalid_request::parse_payload;
use crate::auth::{AuthCredential, AuthDeclaration};
use crate::error::{ConnectorError, ErrorKind};
use crate::settings::Settings;

#[derive(Deserialize)]
struct ValidateCredentialConfig {
    credential: Value,
}

#[derive(Serialize)]
struct ValidatedCredentialConfig {
    valid: bool,
    validation_errors: Vec<String>,
}

pub(crate) fn validate_credential_config<S: Settings>() -> Registered<S> {
    Registered {
        parse: Arc::new(|payload: Value| {
            let request: ValidateCredentialConfig = parse_payload(&payload)?;
            Ok(Box::new(move |context: Context<S>| {
                let result = check(&context.auth, &request.credential);
                Box::pin(async move { result }) as super::handler::BoxFuture<_>
            }) as Continuation<S>)
        }),
        shape: Shape::Standard,
        authenticated: false,
        raised_in: "connector_sdk.auto:validate_credential_config".to_owned(),
        display_name: None,
        description: None,
    }
}

fn check(declaration: &AuthDeclaration, credential: &Value) -> Result<Outcome, ConnectorError> {
    let declared = match declaration {
        AuthDeclaration::Multi { credentials, .. } => credentials.as_slice(),
        _ => &[],
    };
    let id = credential
        .get("id")
        .and_then(Value::as_str)
        .filter(|id| !id.is_empty());
    let Some(id) = id else {
        return Err(ConnectorError::with_kind(
            ErrorKind::MissingParameter,
            "Received credential without an ID",
        ));
    };
    let Some(decl) = declared.iter().find(|d| d.id == id) else {
        // The reference raises its settings-flavoured error here (vector
        // error_validate_credential_config_unknown_id): same code, plus the settings hint.
        return Err(ConnectorError::new(ErrorKind::InvalidConfiguration)
            .with_message(format!("Missing credential configuration for ID {id}")));
    };
    let parsed: Option<AuthCredential> = serde_json::from_value(credential.clone()).ok();
    let payload = credential.get(decl.kind.key()).filter(|v| !v.is_null());
    if !parsed.is_some_and(|c| c.has(decl.kind)) || payload.is_none() {
        return Err(ConnectorError::new(ErrorKind::InvalidValue)
            .with_message("Invalid or malformed credential received"));
    }
    let payload = payload.cloned().unwrap_or(Value::Null);
    let mut errors = Vec::new();
    let fields = payload.as_object().cloned().unwrap_or_default();
    if decl.kind != crate::auth::CredentialKind::Empty && fields.values().all(Value::is_null) {
        errors.push("Credential is missing required fields".to_owned());
    } else if fields.values().any(|v| v.as_str() == Some("")) {
        errors.push(
            "A required field is empty, please provide a value before submitting again".to_owned(),
        );
    } else if has_padding(&payload, "") {
        errors.push(
            "Credential has extra whitespace, please remove it before submitting it again"
                .to_owned(),
        );
    }
    let response = serde_json::to_value(ValidatedCredentialConfig {
        valid: errors.is_empty(),
        validation_errors: errors,
    })
    .map_err(|e| ConnectorError::internal(e.to_string()))?;
    Ok(Outcome {
        response,
        raw_data: None,
        page: None,
        execution_summary: None,
    })
}

/// Whether any string has leading or trailing whitespace, skipping `private_key` fields.
fn has_padding(value: &Value, key: &str) -> bool {
    match value {
        Value::String(s) => !key.contains("private_key") && s.trim() != s,
        Value::Object(map) => map.iter().any(|(k, v)| has_padding(v, k)),
        Value::Array(items) => items.iter().any(|v| has_padding(v, key)),
        _ => false,
    }
}
