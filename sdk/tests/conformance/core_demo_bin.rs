//! The `core_demo` example (`sdk/examples/core_demo.rs`) as the binary target `core-demo`.
//!
//! Integration tests can only locate `[[bin]]` targets (`CARGO_BIN_EXE_<name>`), not examples,
//! so the conformance tests run this binary: the same modules and the same `main` as the
//! example. Its crate name is `core_demo`, like the example's, so `raised_in` reads
//! `core_demo.integration:<capability>` as in the recorded runs. Built only with the `demo`
//! feature, which this package's tests enable (see `sdk/Cargo.toml`).

use std::process::ExitCode;

#[path = "../../examples/core_demo/api.rs"]
mod api;
#[path = "../../examples/core_demo/integration.rs"]
mod integration;
#[path = "../../examples/core_demo/raise.rs"]
mod raise;
#[path = "../../examples/core_demo/settings.rs"]
mod settings;

fn main() -> ExitCode {
    connector_sdk::cli::run(integration::integration())
}
