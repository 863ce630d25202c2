//! Any bytes as the `--json` envelope of any capability of two real connectors: `core-demo`
//! (the SDK's demo connector: 12 core capabilities, the OAuth flow, `raise_error`) and the
//! generated `scaffolded-example` (REST, OAuth, every core capability), through
//! `Integration::call_blocking`, the entry the CLI runner uses.
//!
//! Input: a first line `<capability>` or `example <capability>` (another word than `example`
//! before a space picks `core-demo`), then the envelope. Upstream URLs in settings are
//! pointed at a port that refuses at once (see `connector_fuzz::confine`).
//!
//! Checked: no panic (libFuzzer aborts on any, even one the runtime catches), no call over
//! 1 s, and the answer is exactly one JSON document: a response or an error envelope with a
//! known code.

#![no_main]

use std::sync::LazyLock;

use connector_fuzz::core_demo::CORE_DEMO;
use connector_fuzz::{confine, one_document};
use connector_sdk::integration::Integration;
use libfuzzer_sys::fuzz_target;

static EXAMPLE: LazyLock<Integration<example_connector::settings::ExampleSettings>> =
    LazyLock::new(|| {
        example_connector::integration::integration().expect("the scaffolded example registers")
    });

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (head, envelope) = text.split_once('\n').unwrap_or(("", &text));
    let envelope = confine(envelope);
    let output = match head.split_once(' ') {
        Some(("example", capability)) => EXAMPLE.call_blocking(capability, &envelope),
        Some((_, capability)) => CORE_DEMO.call_blocking(capability, &envelope),
        None => CORE_DEMO.call_blocking(head, &envelope),
    };
    one_document(&output);
});
