//! The integration: a connector's identity, declarations and registered capabilities.
//!
//! Build one with [`Integration::builder`]; the builder fails with a [`RegistryError`] when a
//! capability is registered twice or a custom name is not allowed. Run it with
//! [`crate::cli::run`], or call it in-process with [`Integration::call`].

mod auto;
mod builder;
mod dispatch;
mod handler;
mod info;
mod invalid_request;
mod output;

use std::collections::BTreeMap;

pub use auto::{ValidateCredentialConfig, ValidatedCredentialConfig};
#[cfg(feature = "oauth")]
pub(crate) use builder::typed_parser;
pub use builder::{IntegrationBuilder, RegistryError};
pub(crate) use handler::Registered;
#[cfg(feature = "oauth")]
pub(crate) use handler::Shape;

use crate::auth::AuthDeclaration;
use crate::models::{AppCategory, EntitlementType, ResourceType};
use crate::settings::{NoSettings, Settings};

/// Catalogue data shown in Lumos (`info`'s `user_friendly_name`, `description`, ...).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DescriptionData {
    /// Display name of the app.
    pub user_friendly_name: String,
    /// Markdown description.
    pub description: Option<String>,
    /// URL of the app's logo.
    pub logo_url: Option<String>,
    /// The vendor's domain, e.g. `example.com`.
    pub app_vendor_domain: Option<String>,
    /// Catalogue categories; `None` is reported as `null` (not set), unlike `Some(vec![])`.
    pub categories: Option<Vec<AppCategory>>,
}

/// A connector: app id, version, authentication, settings type `S`, declared types and the
/// registered capabilities.
pub struct Integration<S: Settings = NoSettings> {
    pub(crate) app_id: String,
    pub(crate) version: String,
    pub(crate) auth: AuthDeclaration,
    pub(crate) description: DescriptionData,
    pub(crate) resource_types: Vec<ResourceType>,
    pub(crate) entitlement_types: Vec<EntitlementType>,
    pub(crate) capabilities: BTreeMap<String, Registered<S>>,
    /// `info.oauth_scopes`: the per-capability scopes of app-level (legacy) OAuth.
    pub(crate) oauth_scopes: Option<serde_json::Map<String, serde_json::Value>>,
}

impl<S: Settings> std::fmt::Debug for Integration<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Integration")
            .field("app_id", &self.app_id)
            .field("version", &self.version)
            .field(
                "capabilities",
                &self.capabilities.keys().collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
}

impl<S: Settings> Integration<S> {
    /// Starts declaring a connector with its app id (lower-case, hyphenated) and version.
    pub fn builder(app_id: impl Into<String>, version: impl Into<String>) -> IntegrationBuilder<S> {
        IntegrationBuilder::new(app_id.into(), version.into())
    }

    /// The app id.
    pub fn app_id(&self) -> &str {
        &self.app_id
    }

    /// The version.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Names of all registered capabilities (auto-registered ones included), sorted.
    pub fn capability_names(&self) -> impl Iterator<Item = &str> {
        self.capabilities.keys().map(String::as_str)
    }
}
