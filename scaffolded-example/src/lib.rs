//! Lumos connector for Example.
//!
//! Implementation order (each file says what to fill in):
//! 1. `settings.rs`: what configuration the connector needs;
//! 2. `enums.rs`: the app's resource and entitlement types;
//! 3. `constants.rs`: API endpoints;
//! 4. `client.rs`: the HTTP client and its authentication;
//! 5. `capabilities_read.rs`: `validate_credentials` first (the minimum viable connector),
//!    then the read capabilities;
//! 6. `capabilities_write.rs`: the write capabilities;
//! 7. `integration.rs`: register what you implemented.

pub mod capabilities_read;
pub mod capabilities_write;
pub mod client;
pub mod constants;
pub mod enums;
pub mod integration;
pub mod pagination;
pub mod settings;
