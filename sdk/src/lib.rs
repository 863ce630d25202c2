//! Runtime for Lumos connectors.
#![warn(missing_docs)]

pub mod error;
pub mod fingerprint;
pub mod http;
pub mod pagination;
pub mod schema;
pub mod secret;
