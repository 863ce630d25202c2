//! Capabilities the runtime registers by itself (protocol §11): `validate_credential_config`
//! for multi-auth connectors, with the connector's validation hooks.

mod validate;

use std::collections::BTreeMap;

pub use validate::{ValidateCredentialConfig, ValidatedCredentialConfig};

use super::handler::Registered;
use crate::auth::AuthDeclaration;
use crate::settings::Settings;

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
    if matches!(auth, AuthDeclaration::Multi { .. }) {
        capabilities
            .entry("validate_credential_config".to_owned())
            .or_insert_with(|| validate::registered(config.validators));
    }
}
