//! The connector executable: `scim-example-connector <capability> --json '<envelope>'`.
//!
//! Nothing to change here: the platform runs this binary once per call, and
//! `connector_sdk::cli::run` parses the arguments, runs the capability and prints one JSON
//! document. Capabilities are registered in `src/integration.rs`. With the `dev` feature,
//! `dev http-server` serves the same calls over HTTP (see the README, "Over HTTP").

fn main() -> std::process::ExitCode {
    connector_sdk::cli::run(scim_example_connector::integration::integration())
}
