//! Capabilities the runtime registers by itself (protocol §11): `app_info` and
//! `probe_integration` for every connector, `validate_credential_config` (with the
//! connector's validation hooks) for multi-auth connectors.
//!
//! `app_info` and `probe_integration` need the integration itself (its registry, and its
//! other capabilities), so [`Integration::call`] runs them through [`Integration::run_auto`]
//! rather than as ordinary handlers.

mod app_info;
mod probe;
mod validate;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde_json::Value;

pub use validate::{ValidateCredentialConfig, ValidatedCredentialConfig};

use super::handler::{BoxFuture, Context, Continuation, Outcome, Registered, Shape};
use super::invalid_request::{deserialize_at, invalid_request, parse_payload};
use super::Integration;
use crate::auth::AuthDeclaration;
use crate::error::ConnectorError;
use crate::settings::{validate_settings, Settings};

/// `raised_in` of the auto-registered `app_info`, which also marks it for dispatch.
const APP_INFO: &str = "connector_sdk.auto:app_info";
/// `raised_in` of the auto-registered `probe_integration`, which also marks it for dispatch.
const PROBE: &str = "connector_sdk.auto:probe_integration";

/// What a connector configured for the auto-registered capabilities, kept by the builder.
pub(crate) struct AutoConfig<S> {
    pub(super) validators: validate::Validators<S>,
}

impl<S> Default for AutoConfig<S> {
    fn default() -> Self {
        Self {
            validators: BTreeMap::new(),
        }
    }
}

/// Adds the auto-registered capabilities the connector did not register itself.
pub(super) fn register<S: Settings>(
    capabilities: &mut BTreeMap<String, Registered<S>>,
    auth: &AuthDeclaration,
    config: AutoConfig<S>,
) {
    capabilities
        .entry("app_info".to_owned())
        .or_insert_with(|| echo::<S, app_info::AppInfoPayload>(APP_INFO, false));
    capabilities
        .entry("probe_integration".to_owned())
        .or_insert_with(|| echo::<S, probe::ProbeIntegration>(PROBE, true));
    if matches!(auth, AuthDeclaration::Multi { .. }) {
        capabilities
            .entry("validate_credential_config".to_owned())
            .or_insert_with(|| validate::registered(config.validators));
    }
}

/// A capability whose handler only validates its payload and hands it back: the work is
/// done by [`Integration::run_auto`], which has the integration at hand.
fn echo<S, P>(raised_in: &str, authenticated: bool) -> Registered<S>
where
    S: Settings,
    P: serde::de::DeserializeOwned + serde::Serialize + Send + 'static,
{
    Registered {
        parse: Arc::new(|payload: Value| {
            let parsed: P = parse_payload(&payload)?;
            Ok(Box::new(move |_: Context<S>| {
                Box::pin(async move { Outcome::response_only(&parsed) }) as BoxFuture<_>
            }) as Continuation<S>)
        }),
        shape: Shape::Standard,
        authenticated,
        raised_in: raised_in.to_owned(),
        display_name: None,
        description: None,
    }
}

/// The envelope of `app_info`: only `request` and `settings` are read.
#[derive(serde::Deserialize)]
struct AppInfoEnvelope {
    request: Value,
    #[serde(default)]
    settings: Option<Value>,
}

impl<S: Settings> Integration<S> {
    /// Runs `app_info` or `probe_integration` when `registered` is the auto-registered one;
    /// `None` for every other capability. The flag of an error says whether it came from
    /// the handler, as for [`Integration::call`]'s other runs.
    pub(super) async fn run_auto(
        &self,
        registered: &Registered<S>,
        envelope_json: &str,
    ) -> Option<Result<Outcome, (ConnectorError, bool)>> {
        match registered.raised_in.as_str() {
            // Neither credentials nor settings are checked for app_info.
            APP_INFO => Some(match check_app_info_envelope(registered, envelope_json) {
                Err(error) => Err((error, false)),
                Ok(settings) => app_info::response(self, settings.as_ref())
                    .and_then(|response| Outcome::response_only(&response))
                    .map_err(|error| (error, true)),
            }),
            PROBE => Some(self.probe(registered, envelope_json).await),
            _ => None,
        }
    }

    /// `probe_integration`: the ordinary checks of its envelope, then the probe.
    async fn probe(
        &self,
        registered: &Registered<S>,
        envelope_json: &str,
    ) -> Result<Outcome, (ConnectorError, bool)> {
        let checked = self.run(registered, envelope_json).await?;
        let payload: probe::ProbeIntegration =
            serde_json::from_str(checked.response.get()).unwrap_or_default();
        let envelope: Value = serde_json::from_str(envelope_json).unwrap_or(Value::Null);
        probe::run(self, &payload, &envelope)
            .await
            .map_err(|e| (e, true))
    }
}

/// The envelope must be a JSON object with a valid `request`. Settings are optional; valid
/// ones are returned (they give the OAuth URLs computed from settings), others ignored.
fn check_app_info_envelope<S: Settings>(
    registered: &Registered<S>,
    envelope_json: &str,
) -> Result<Option<S>, ConnectorError> {
    let value: Value = serde_json::from_str(envelope_json).map_err(|e| {
        let reason = e.to_string();
        let reason = reason
            .split(" at line ")
            .next()
            .unwrap_or(&reason)
            .to_owned();
        invalid_request(
            "json_invalid",
            "envelope",
            &format!("Invalid JSON: {reason}"),
        )
    })?;
    if !value.is_object() {
        return Err(invalid_request(
            "model_type",
            "envelope",
            "Input should be an object",
        ));
    }
    let envelope: AppInfoEnvelope = deserialize_at(&value, "envelope")?;
    // Validates the payload; the continuation is not needed.
    let _ = (registered.parse)(envelope.request)?;
    let settings = envelope
        .settings
        .filter(|settings| !settings.is_null())
        .and_then(|settings| validate_settings::<S>("", Some(&settings)).ok());
    Ok(settings)
}
