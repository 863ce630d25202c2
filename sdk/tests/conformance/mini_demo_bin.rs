//! The `mini_demo` example (`sdk/examples/mini_demo.rs`) as the binary target `mini-demo`,
//! for the conformance tests (integration tests can only run `[[bin]]` targets). Built only
//! with the `demo` feature, which this package's tests enable (see `sdk/Cargo.toml`).

use std::process::ExitCode;

#[path = "../../examples/mini_demo.rs"]
mod mini_demo;

fn main() -> ExitCode {
    connector_sdk::cli::run(mini_demo::integration())
}
