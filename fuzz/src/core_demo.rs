//! `core-demo`, the SDK's demo connector (`sdk/examples/core_demo`), compiled once here for
//! the targets that drive a real integration.

use std::sync::LazyLock;

use connector_sdk::integration::Integration;

#[allow(dead_code)]
#[path = "../../sdk/examples/core_demo/api.rs"]
mod api;
#[allow(dead_code)]
#[path = "../../sdk/examples/core_demo/integration.rs"]
mod integration;
#[allow(dead_code)]
#[path = "../../sdk/examples/core_demo/raise.rs"]
mod raise;
#[allow(dead_code)]
#[path = "../../sdk/examples/core_demo/settings.rs"]
pub mod settings;

/// core-demo's integration, registered once per process.
pub static CORE_DEMO: LazyLock<Integration<settings::CoreDemoSettings>> =
    LazyLock::new(|| integration::integration().expect("core-demo registers"));
