//! `validate_credential_config` (protocol §11.3): the base checks of a multi-auth
//! connector's credential, then the connector's own hook for that credential id.

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::super::builder::IntegrationBuilder;
use super::super::handler::{BoxFuture, Context, Continuation, Outcome, Registered, Shape};
use super::super::invalid_request::parse_payload;
use crate::auth::{AuthCredential, AuthDeclaration, CredentialKind};
use crate::error::{ConnectorError, ConnectorResult, ErrorKind};
use crate::request::Request;
use crate::settings::Settings;

/// The payload of `validate_credential_config`: the credential under test, with its `id`.
#[derive(Debug, Clone, Deserialize)]
pub struct ValidateCredentialConfig {
    /// The credential to check.
    pub credential: AuthCredential,
}

/// The answer of `validate_credential_config`, and of a connector's validation hook.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ValidatedCredentialConfig {
    /// Whether the credential is usable.
    pub valid: bool,
    /// Why not; empty when valid.
    pub validation_errors: Vec<String>,
}

impl ValidatedCredentialConfig {
    /// A valid credential.
    pub fn valid() -> Self {
        Self {
            valid: true,
            validation_errors: Vec::new(),
        }
    }

    /// An invalid credential, with the reasons shown to the user.
    pub fn invalid(errors: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Self {
            valid: false,
            validation_errors: errors.into_iter().map(Into::into).collect(),
        }
    }
}

/// A connector's check of one credential id.
pub(crate) type Validator<S> = Arc<
    dyn Fn(
            Request<ValidateCredentialConfig, S>,
        ) -> BoxFuture<ConnectorResult<ValidatedCredentialConfig>>
        + Send
        + Sync,
>;

/// The hooks by credential id.
pub(crate) type Validators<S> = BTreeMap<String, Validator<S>>;

impl<S: Settings> IntegrationBuilder<S> {
    /// Adds the connector's own check of the credential `id` to the auto-registered
    /// `validate_credential_config` (multi-auth connectors). It runs after the base checks
    /// pass, with the credential as the request's only credential and the validated
    /// settings. Its `validation_errors` are reported; `valid: false` without errors is
    /// reported as `Credential is invalid, unexpected error occurred`. An `Err` is answered
    /// as the error envelope of any capability. A second hook for the same id replaces the
    /// first.
    pub fn credential_validator<F, Fut>(mut self, id: &str, hook: F) -> Self
    where
        F: Fn(Request<ValidateCredentialConfig, S>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ConnectorResult<ValidatedCredentialConfig>> + Send + 'static,
    {
        let hook = Arc::new(hook);
        let validator: Validator<S> = Arc::new(move |request| Box::pin(hook(request)));
        self.auto.validators.insert(id.to_owned(), validator);
        self
    }
}

/// The envelope's payload as received: the base checks look at the raw JSON.
#[derive(Deserialize)]
struct RawPayload {
    credential: Value,
}

pub(super) fn registered<S: Settings>(validators: Validators<S>) -> Registered<S> {
    let validators = Arc::new(validators);
    Registered {
        parse: Arc::new(move |payload: Value| {
            let request: RawPayload = parse_payload(&payload)?;
            let validators = Arc::clone(&validators);
            Ok(Box::new(move |context: Context<S>| {
                Box::pin(run(context, request.credential, payload, validators)) as BoxFuture<_>
            }) as Continuation<S>)
        }),
        shape: Shape::Standard,
        authenticated: false,
        raised_in: "connector_sdk.auto:validate_credential_config".to_owned(),
        display_name: None,
        description: None,
    }
}

async fn run<S: Settings>(
    context: Context<S>,
    raw: Value,
    payload_json: Value,
    validators: Arc<Validators<S>>,
) -> Result<Outcome, ConnectorError> {
    let (credential, mut errors) = check(&context.auth, &raw)?;
    let hook = credential
        .id
        .as_deref()
        .and_then(|id| validators.get(id))
        .filter(|_| errors.is_empty());
    if let Some(hook) = hook {
        let request = Request {
            request: ValidateCredentialConfig {
                credential: credential.clone(),
            },
            settings: context.settings,
            page: context.page,
            include_raw_data: context.include_raw_data,
            rate_limit: context.rate_limit,
            credentials: vec![credential],
            payload_json,
        };
        let verdict = hook(request).await?;
        if !verdict.valid && verdict.validation_errors.is_empty() {
            errors.push("Credential is invalid, unexpected error occurred".to_owned());
        }
        errors.extend(verdict.validation_errors);
    }
    Outcome::response_only(&ValidatedCredentialConfig {
        valid: errors.is_empty(),
        validation_errors: errors,
    })
}

/// The base checks, in the protocol's order: the parsed credential and the validation
/// errors found (the first failure wins), or the error envelope's error.
fn check(
    declaration: &AuthDeclaration,
    credential: &Value,
) -> Result<(AuthCredential, Vec<String>), ConnectorError> {
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
    let (Some(parsed), Some(payload)) = (parsed.filter(|c| c.has(decl.kind)), payload) else {
        return Err(ConnectorError::new(ErrorKind::InvalidValue)
            .with_message("Invalid or malformed credential received"));
    };
    let mut errors = Vec::new();
    let fields = payload.as_object().cloned().unwrap_or_default();
    if decl.kind != CredentialKind::Empty && fields.values().all(Value::is_null) {
        errors.push("Credential is missing required fields".to_owned());
    } else if fields.values().any(|v| v.as_str() == Some("")) {
        errors.push(
            "A required field is empty, please provide a value before submitting again".to_owned(),
        );
    } else if has_padding(payload, "") {
        errors.push(
            "Credential has extra whitespace, please remove it before submitting it again"
                .to_owned(),
        );
    }
    Ok((parsed, errors))
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
