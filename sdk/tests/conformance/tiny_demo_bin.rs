//! The `tiny_demo` example (`sdk/examples/tiny_demo.rs`) as the binary target `tiny-demo`,
//! for the conformance tests (integration tests can only run `[[bin]]` targets). Built only
//! with the `demo` feature, which this package's tests enable (see `sdk/Cargo.toml`).

use std::process::ExitCode;

#[path = "../../examples/tiny_demo.rs"]
mod tiny_demo;

fn main() -> ExitCode {
    connector_sdk::cli::run(tiny_demo::integration())
}
