//! Running one capability call: parse -> authenticate -> settings -> handler -> envelope,
//! in the protocol's order (§3.4). Every failure, panics included, becomes an error envelope.

use serde_json::Value;

use super::handler::{Context, Registered, Shape};
use super::invalid_request::{deserialize_at, invalid_request};
use super::{output, Integration};
use crate::auth::check_request_auth;
use crate::error::{ConnectorError, ErrorCode};
use crate::http::CallScope;
use crate::models::{Envelope, UnauthenticatedEnvelope};
use crate::settings::{validate_settings, Settings};

impl<S: Settings> Integration<S> {
    /// Runs one capability call in-process and returns the JSON document the CLI would print
    /// (without the trailing newline). An unknown name gives `unsupported_operation`.
    pub async fn call(&self, capability: &str, envelope_json: &str) -> String {
        let Some(registered) = self.capabilities.get(capability) else {
            let error = ConnectorError::runtime(
                ErrorCode::UnsupportedOperation,
                format!("Capability '{capability}' is not implemented."),
            );
            return output::failure(&error, &self.app_id, None);
        };
        let custom_order = matches!(registered.shape, Shape::Custom { .. });
        // Rate-limited clients report their state to the call's scope (§3.4 step 7).
        let scope = CallScope::new(capability);
        let result = match self.run_auto(registered, envelope_json).await {
            Some(result) => result,
            None => scope.clone().run(self.run(registered, envelope_json)).await,
        };
        match result {
            Ok(outcome) => output::success(&outcome, custom_order, scope.response_info().as_ref()),
            Err((error, in_handler)) => output::failure(
                &error,
                &self.app_id,
                in_handler.then_some(registered.raised_in.as_str()),
            ),
        }
    }

    /// [`Integration::call`] on a fresh single-threaded runtime, for callers without one.
    pub fn call_blocking(&self, capability: &str, envelope_json: &str) -> String {
        match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(runtime) => runtime.block_on(self.call(capability, envelope_json)),
            Err(error) => output::failure(
                &ConnectorError::internal(format!("cannot start the async runtime: {error}")),
                &self.app_id,
                None,
            ),
        }
    }

    /// The checks and the handler. The flag says whether the failure came from the handler.
    pub(super) async fn run(
        &self,
        registered: &Registered<S>,
        envelope_json: &str,
    ) -> Result<super::handler::Outcome, (ConnectorError, bool)> {
        let runtime_error = |e: ConnectorError| (e, false);
        let value: Value = serde_json::from_str(envelope_json).map_err(|e| {
            let reason = e.to_string();
            let reason = reason
                .split(" at line ")
                .next()
                .unwrap_or(&reason)
                .to_owned();
            runtime_error(invalid_request(
                "json_invalid",
                "envelope",
                &format!("Invalid JSON: {reason}"),
            ))
        })?;
        if !value.is_object() {
            return Err(runtime_error(invalid_request(
                "model_type",
                "envelope",
                "Input should be an object",
            )));
        }
        let envelope: Envelope = if registered.authenticated {
            deserialize_at(&value, "envelope")
        } else {
            deserialize_at(&value, "envelope").map(UnauthenticatedEnvelope::without_credentials)
        }
        .map_err(runtime_error)?;
        let continuation = (registered.parse)(envelope.request).map_err(runtime_error)?;
        let credentials = if registered.authenticated {
            check_request_auth(&self.auth, envelope.auth, envelope.credentials)
                .map_err(runtime_error)?
        } else {
            Vec::new()
        };
        let settings: S =
            validate_settings(&self.app_id, envelope.settings.as_ref()).map_err(runtime_error)?;
        if let Some(scope) = CallScope::current() {
            scope.set_request(envelope.rate_limit.as_ref());
        }
        let future = continuation(Context {
            settings,
            page: envelope.page.unwrap_or_default(),
            include_raw_data: envelope.include_raw_data.unwrap_or(false),
            rate_limit: envelope.rate_limit,
            credentials,
            auth: self.auth.clone(),
        });
        // A panicking handler must not take the process down: run it as a task and report
        // the panic as an internal error.
        match tokio::spawn(CallScope::carry(future)).await {
            Ok(result) => result.map_err(|e| {
                let mut e = e;
                if e.raised_by.is_none() && e.code != ErrorCode::InvalidResponse {
                    e.raised_by = Some("ConnectorError".to_owned());
                }
                let in_handler = e_in_handler(&e);
                (e, in_handler)
            }),
            Err(join_error) => {
                let message = match join_error.try_into_panic() {
                    Ok(payload) => payload
                        .downcast_ref::<&str>()
                        .map(|s| (*s).to_owned())
                        .or_else(|| payload.downcast_ref::<String>().cloned())
                        .unwrap_or_default(),
                    Err(_) => "the capability was cancelled".to_owned(),
                };
                Err((
                    ConnectorError::internal(message).with_raised_by("panic"),
                    true,
                ))
            }
        }
    }
}

/// `Unxpected response` errors are the runtime's verdict on the handler, reported without
/// `raised_in` as the reference does.
fn e_in_handler(error: &ConnectorError) -> bool {
    !(error.code == ErrorCode::InvalidResponse && error.raised_by.is_none())
}
