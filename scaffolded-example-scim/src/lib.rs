//! Lumos connector for Scim Example, a SCIM 2.0 app.
//!
//! It works as generated against a SCIM server: `connector_sdk::scim` does the requests,
//! paging, error bodies and id encoding, and these files keep the mapping. What to check for
//! a real app (each file says more, at its `Adapt:` markers):
//! 1. `settings.rs`: the base URL, and the settings for what servers differ in;
//! 2. `enums.rs`: groups as membership entitlements on the app (the global resource);
//! 3. `client.rs`: how the credential is sent;
//! 4. `capabilities_read.rs`: how a SCIM user becomes an account;
//! 5. `capabilities_write.rs`: what a new user is created with;
//! 6. `integration.rs`: the description and credential help text.

pub mod capabilities_read;
pub mod capabilities_write;
pub mod client;
pub mod constants;
pub mod enums;
pub mod integration;
pub mod settings;
