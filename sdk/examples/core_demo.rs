//! `core-demo`: the demo connector the protocol's test vectors were recorded with
//! (`shared/protocol/vectors/README.md`, "Demo connectors used"), rebuilt on `connector-sdk`.
//!
//! It implements the 12 core capabilities against a small fake HTTP API (users, groups, roles,
//! memberships), accepts an OAuth access token or an API token, and offers the custom
//! capability `raise_error`, which fails with a chosen error so every kind of error envelope
//! can be produced on demand.
//!
//! ```text
//! cargo run -p connector-sdk --features demo --bin core-demo -- info
//! cargo run -p connector-sdk --features demo --bin core-demo -- validate_credentials --json \
//!   '{"credentials":[{"id":"core_demo_token","token":{"token":"good-token"}}],
//!     "request":{},"settings":{"base_url":"http://127.0.0.1:18777"}}'
//! ```
//!
//! The conformance tests (`sdk/tests/conformance.rs`) replay every recorded `core-demo` run
//! against this connector, built as the binary `core-demo` (see `sdk/Cargo.toml`), whose crate
//! name `core_demo` makes `raised_in` read `core_demo.integration:<capability>` exactly as in
//! the recordings.

use std::process::ExitCode;

#[path = "core_demo/api.rs"]
mod api;
#[path = "core_demo/integration.rs"]
mod integration;
#[path = "core_demo/raise.rs"]
mod raise;
#[path = "core_demo/settings.rs"]
mod settings;

fn main() -> ExitCode {
    connector_sdk::cli::run(integration::integration())
}
