//! Runtime for Lumos connectors: protocol models, the integration registry, the CLI runner,
//! an HTTP client base, typed errors and opaque page tokens.
//!
//! A connector declares an [`Integration`](integration::Integration), registers handlers for
//! the capabilities it implements and hands it to [`cli::run`]. Everything that crosses the
//! wire (envelopes, error codes, page tokens, `info`) follows the Lumos connector protocol.
#![warn(missing_docs)]

pub mod auth;
pub mod capability;
pub mod cli;
#[cfg(feature = "dev-server")]
pub mod dev;
pub mod error;
pub mod fingerprint;
pub mod http;
pub mod integration;
pub mod models;
#[cfg(feature = "oauth")]
pub mod oauth;
pub mod pagination;
mod python;
pub mod request;
pub mod schema;
#[cfg(feature = "scim")]
pub mod scim;
pub mod secret;
pub mod settings;
#[cfg(feature = "testing")]
pub mod testing;

/// The names a connector usually needs, in one import.
pub mod prelude {
    pub use crate::auth::{AuthDeclaration, CredentialDeclaration, CredentialKind};
    pub use crate::capability::*;
    pub use crate::error::{ConnectorError, ConnectorResult, ErrorCode, ErrorKind};
    pub use crate::integration::{DescriptionData, Integration, RegistryError};
    pub use crate::models::*;
    pub use crate::pagination::NextPageToken;
    pub use crate::request::{Request, Response};
    pub use crate::secret::Secret;
    pub use crate::settings::{NoSettings, Settings};
}
