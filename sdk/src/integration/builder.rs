//! Declaring a connector and registering its capabilities.

use std::collections::BTreeMap;
use std::future::Future;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::handler::{raised_in_of, Context, Continuation, Outcome, Parser, Registered, Shape};
use super::invalid_request::parse_payload;
use super::{DescriptionData, Integration};
use crate::auth::AuthDeclaration;
use crate::capability::{self, Extensible, StandardCapability};
use crate::error::{ConnectorError, ConnectorResult};
use crate::models::{EntitlementType, ResourceType};
use crate::request::{Request, Response};
use crate::settings::Settings;

/// Why an integration could not be built. Reported at start-up, before any capability runs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegistryError {
    /// The same capability was registered twice.
    #[error("capability '{0}' is registered twice; remove one of the registrations")]
    Duplicate(String),
    /// A custom capability uses a standard capability's name.
    #[error("custom capability '{0}' uses a standard capability name; register it with its typed constant (connector_sdk::capability) or pick another name")]
    CustomNameIsStandard(String),
    /// A custom capability name is not snake_case letters and underscores.
    #[error("custom capability name '{0}' is invalid: use snake_case letters and underscores, e.g. 'sync_groups'")]
    InvalidCustomName(String),
    /// The app id is not lower-case letters, digits and hyphens.
    #[error("app id '{0}' is invalid: use lower-case letters, digits and hyphens, e.g. 'my-app'")]
    InvalidAppId(String),
    /// An extended payload drops a field of the base payload.
    #[error("the extended payload of '{capability}' lacks the base field '{field}'; keep every base field and add your own")]
    ExtensionDropsBaseField {
        /// The capability.
        capability: String,
        /// The missing base field.
        field: String,
    },
    /// Two declared credentials share an id.
    #[error("credential id '{0}' is declared twice")]
    DuplicateCredentialId(String),
    /// An OAuth URL is computed from settings of another type than the connector's.
    #[error("the OAuth URLs of credential '{credential}' are computed from settings of type {settings}, which is not this connector's settings type")]
    OAuthSettingsType {
        /// The credential id.
        credential: String,
        /// The settings type the URL closure takes.
        settings: String,
    },
}

/// Builder of an [`Integration`]; see [`Integration::builder`].
pub struct IntegrationBuilder<S: Settings> {
    app_id: String,
    version: String,
    auth: AuthDeclaration,
    description: DescriptionData,
    resource_types: Vec<ResourceType>,
    entitlement_types: Vec<EntitlementType>,
    capabilities: BTreeMap<String, Registered<S>>,
    errors: Vec<RegistryError>,
    /// What the connector configured for the auto-registered capabilities.
    pub(super) auto: super::auto::AutoConfig<S>,
    /// App-level OAuth of a legacy connector; see [`IntegrationBuilder::oauth`].
    #[cfg(feature = "oauth")]
    app_oauth: Option<crate::oauth::OAuthConfig>,
}

fn into_outcome<R: Serialize>(response: Response<R>) -> Result<Outcome, ConnectorError> {
    let payload = serde_json::value::to_raw_value(&response.response).map_err(|_| {
        ConnectorError::runtime(
            crate::error::ErrorCode::InvalidResponse,
            super::output::UNEXPECTED_RESPONSE,
        )
    })?;
    Ok(Outcome {
        response: payload,
        raw_data: response.raw_data,
        page: response.page,
        execution_summary: response.execution_summary,
    })
}

pub(crate) fn typed_parser<P, R, S, F, Fut>(handler: F) -> Parser<S>
where
    S: Settings,
    P: DeserializeOwned + Send + 'static,
    R: Serialize + Send + 'static,
    F: Fn(Request<P, S>) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ConnectorResult<Response<R>>> + Send + 'static,
{
    let handler = Arc::new(handler);
    Arc::new(move |payload_json: Value| {
        let request: P = parse_payload(&payload_json)?;
        let handler = Arc::clone(&handler);
        let continuation: Continuation<S> = Box::new(move |context: Context<S>| {
            let call = handler(Request {
                request,
                settings: context.settings,
                page: context.page,
                include_raw_data: context.include_raw_data,
                rate_limit: context.rate_limit,
                credentials: context.credentials,
                payload_json,
            });
            Box::pin(async move { into_outcome(call.await?) })
        });
        Ok(continuation)
    })
}

impl<S: Settings> IntegrationBuilder<S> {
    pub(super) fn new(app_id: String, version: String) -> Self {
        let mut errors = Vec::new();
        let valid_app_id = !app_id.is_empty()
            && !app_id.starts_with('-')
            && app_id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid_app_id {
            errors.push(RegistryError::InvalidAppId(app_id.clone()));
        }
        Self {
            app_id,
            version,
            auth: AuthDeclaration::None,
            description: DescriptionData::default(),
            resource_types: Vec::new(),
            entitlement_types: Vec::new(),
            capabilities: BTreeMap::new(),
            errors,
            auto: super::auto::AutoConfig::default(),
            #[cfg(feature = "oauth")]
            app_oauth: None,
        }
    }

    /// Declares app-level OAuth, for a single-auth (legacy) connector whose credential is an
    /// OAuth token. Multi-auth connectors declare it on the credential instead
    /// ([`CredentialDeclaration::oauth`](crate::auth::CredentialDeclaration::oauth)).
    #[cfg(feature = "oauth")]
    pub fn oauth(mut self, config: crate::oauth::OAuthConfig) -> Self {
        self.app_oauth = Some(config);
        self
    }

    /// Declares the accepted authentication.
    pub fn auth(mut self, auth: AuthDeclaration) -> Self {
        if let AuthDeclaration::Multi { credentials, .. } = &auth {
            for (i, c) in credentials.iter().enumerate() {
                if credentials[..i].iter().any(|d| d.id == c.id) {
                    self.errors
                        .push(RegistryError::DuplicateCredentialId(c.id.clone()));
                }
            }
        }
        self.auth = auth;
        self
    }

    /// Sets the catalogue data.
    pub fn description(mut self, description: DescriptionData) -> Self {
        self.description = description;
        self
    }

    /// Declares the resource types.
    pub fn resource_types(mut self, types: Vec<ResourceType>) -> Self {
        self.resource_types = types;
        self
    }

    /// Declares the entitlement types.
    pub fn entitlement_types(mut self, types: Vec<EntitlementType>) -> Self {
        self.entitlement_types = types;
        self
    }

    fn insert(&mut self, name: &str, registered: Registered<S>) {
        if self.capabilities.contains_key(name) {
            self.errors.push(RegistryError::Duplicate(name.to_owned()));
        } else {
            self.capabilities.insert(name.to_owned(), registered);
        }
    }

    /// Registers a standard capability. The compiler checks the handler's payload types
    /// against the capability's.
    pub fn capability<P, R, F, Fut>(
        mut self,
        capability: StandardCapability<P, R>,
        handler: F,
    ) -> Self
    where
        P: DeserializeOwned + Send + 'static,
        R: Serialize + Send + 'static,
        F: Fn(Request<P, S>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ConnectorResult<Response<R>>> + Send + 'static,
    {
        let registered = Registered {
            raised_in: raised_in_of::<F>(capability.name()),
            parse: typed_parser(handler),
            shape: Shape::Standard,
            authenticated: capability::carries_credentials(capability.name()),
            display_name: None,
            description: None,
        };
        self.insert(capability.name(), registered);
        self
    }

    /// Registers an extensible standard capability (`create_account`) with a payload type
    /// that adds the connector's own fields to the base payload. Its envelope follows the
    /// custom-capability rules and `info` shows the extended schema.
    pub fn extended_capability<B, E, R, F, Fut>(
        mut self,
        capability: StandardCapability<B, R>,
        handler: F,
    ) -> Self
    where
        StandardCapability<B, R>: Extensible,
        E: DeserializeOwned + JsonSchema + Send + 'static,
        R: Serialize + Send + 'static,
        F: Fn(Request<E, S>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ConnectorResult<Response<R>>> + Send + 'static,
    {
        let argument = crate::schema::model_schema::<E>();
        let properties = argument.get("properties").and_then(Value::as_object);
        for field in <StandardCapability<B, R> as Extensible>::BASE_FIELDS {
            if !properties.is_some_and(|p| p.contains_key(*field)) {
                self.errors.push(RegistryError::ExtensionDropsBaseField {
                    capability: capability.name().to_owned(),
                    field: (*field).to_owned(),
                });
            }
        }
        let registered = Registered {
            raised_in: raised_in_of::<F>(capability.name()),
            parse: typed_parser(handler),
            shape: Shape::Extended { argument },
            authenticated: true,
            display_name: None,
            description: None,
        };
        self.insert(capability.name(), registered);
        self
    }

    /// Registers a connector-defined capability. The name must be snake_case and must not be
    /// a standard name.
    pub fn custom_capability<P, R, F, Fut>(mut self, name: &str, handler: F) -> Self
    where
        P: DeserializeOwned + JsonSchema + Send + 'static,
        R: Serialize + JsonSchema + Send + 'static,
        F: Fn(Request<P, S>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ConnectorResult<Response<R>>> + Send + 'static,
    {
        if capability::is_standard(name) {
            self.errors
                .push(RegistryError::CustomNameIsStandard(name.to_owned()));
            return self;
        }
        if !capability::is_valid_custom_name(name) {
            self.errors
                .push(RegistryError::InvalidCustomName(name.to_owned()));
            return self;
        }
        let registered = Registered {
            raised_in: raised_in_of::<F>(name),
            parse: typed_parser(handler),
            shape: Shape::Custom {
                argument: crate::schema::model_schema::<P>(),
                output: crate::schema::model_schema::<R>(),
            },
            authenticated: true,
            display_name: None,
            description: None,
        };
        self.insert(name, registered);
        self
    }

    /// Sets the display name and description `info` shows for an already registered
    /// capability.
    pub fn describe(
        mut self,
        name: &str,
        display_name: Option<&str>,
        description: Option<&str>,
    ) -> Self {
        if let Some(registered) = self.capabilities.get_mut(name) {
            registered.display_name = display_name.map(str::to_owned);
            registered.description = description.map(str::to_owned);
        }
        self
    }

    /// Checks the declarations and returns the integration.
    ///
    /// # Errors
    ///
    /// The first [`RegistryError`] found.
    pub fn build(mut self) -> Result<Integration<S>, RegistryError> {
        if let Some(error) = self.errors.into_iter().next() {
            return Err(error);
        }
        super::auto::register(&mut self.capabilities, &self.auth, self.auto);
        #[cfg(feature = "oauth")]
        let oauth_scopes = {
            let app_oauth = self.app_oauth.as_ref().map(|o| (self.app_id.as_str(), o));
            crate::oauth::register(&mut self.capabilities, &self.auth, app_oauth)?;
            crate::oauth::app_oauth_scopes(self.app_oauth.as_ref())
        };
        #[cfg(not(feature = "oauth"))]
        let oauth_scopes = None;
        Ok(Integration {
            app_id: self.app_id,
            version: self.version,
            auth: self.auth,
            description: self.description,
            resource_types: self.resource_types,
            entitlement_types: self.entitlement_types,
            capabilities: self.capabilities,
            oauth_scopes,
        })
    }
}
