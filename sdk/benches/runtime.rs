//! Runtime benchmark: `info` and one capability dispatch, in-process and as a process.
//!
//! `cargo bench -p connector-sdk --bench runtime` prints medians and ratios against baselines
//! measured in the same run: a plain `serde_json` round trip of the same documents
//! (in-process) and spawning `true` (process). The process figures use the release build of
//! the `core-demo` connector (tests/conformance), with the protocol's budget for `info`:
//! under 5 ms wall and 15 MB peak RSS.

// Printing the figures is what this benchmark is for.
#![allow(clippy::print_stdout)]

use std::error::Error;
use std::hint::black_box;
use std::process::Command;
use std::time::{Duration, Instant};

use connector_sdk::prelude::*;
use serde::Deserialize;

#[derive(Debug, Deserialize, schemars::JsonSchema)]
struct BenchSettings {
    /// Base URL.
    base_url: String,
}

async fn validate(
    request: Request<ValidateCredentials, BenchSettings>,
) -> ConnectorResult<Response<ValidatedCredentials>> {
    Ok(Response::new(ValidatedCredentials {
        valid: true,
        unique_tenant_id: request.settings.base_url,
    }))
}

async fn list(
    _request: Request<ListAccounts, BenchSettings>,
) -> ConnectorResult<Response<Vec<FoundAccountData>>> {
    Ok(Response::new(Vec::new()))
}

fn integration() -> Result<Integration<BenchSettings>, RegistryError> {
    Integration::builder("bench-app", "1.0.0")
        .auth(AuthDeclaration::multi(vec![CredentialDeclaration::new(
            "bench_token",
            CredentialKind::Token,
            "A token.",
        )]))
        .capability(VALIDATE_CREDENTIALS, validate)
        .capability(LIST_ACCOUNTS, list)
        .build()
}

/// Median of `runs` timings of `f`, after a short warm-up.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    for _ in 0..runs.min(10) {
        f();
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn micros(d: Duration) -> String {
    format!("{:>10.1} µs", d.as_secs_f64() * 1e6)
}

/// Peak RSS in kB over all children waited for so far (Linux `ru_maxrss`).
fn children_max_rss_kb() -> i64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes a rusage struct into the pointer we own.
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr()) };
    if rc != 0 {
        return -1;
    }
    // SAFETY: getrusage returned 0, so the struct is initialized.
    unsafe { usage.assume_init() }.ru_maxrss
}

fn run(binary: &str, args: &[&str]) {
    let status = Command::new(binary)
        .args(args)
        .stdout(std::process::Stdio::null())
        .status();
    assert!(
        status.is_ok_and(|s| s.success()),
        "{binary} {args:?} failed"
    );
}

fn main() -> Result<(), Box<dyn Error>> {
    let integration = integration()?;
    let envelope = r#"{"credentials":[{"id":"bench_token","token":{"token":"t"}}],"settings":{"base_url":"http://127.0.0.1:1"},"request":{}}"#;
    let info_value = integration.info()?;
    let info_text = serde_json::to_string(&info_value)?;

    println!("in-process (median of 2000 runs)");
    let baseline_info = median(2000, || {
        let value: serde_json::Value =
            serde_json::from_str(black_box(&info_text)).unwrap_or_default();
        black_box(serde_json::to_string(&value).unwrap_or_default());
    });
    let info = median(2000, || {
        black_box(integration.info_json().unwrap_or_default());
    });
    println!(
        "  serde_json round trip of info    {} (baseline)",
        micros(baseline_info)
    );
    println!(
        "  info                             {}  {:.1}x baseline",
        micros(info),
        info.as_secs_f64() / baseline_info.as_secs_f64()
    );

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let baseline_call = median(2000, || {
        let value: serde_json::Value =
            serde_json::from_str(black_box(envelope)).unwrap_or_default();
        black_box(serde_json::to_string(&value).unwrap_or_default());
    });
    let call = median(2000, || {
        black_box(runtime.block_on(integration.call("validate_credentials", black_box(envelope))));
    });
    println!(
        "  serde_json round trip of envelope{} (baseline)",
        micros(baseline_call)
    );
    println!(
        "  dispatch validate_credentials    {}  {:.1}x baseline",
        micros(call),
        call.as_secs_f64() / baseline_call.as_secs_f64()
    );

    let binary = env!("CARGO_BIN_EXE_core-demo");
    println!("as a process: {binary} (median of 50 runs)");
    let spawn = median(50, || run("true", &[]));
    let before = children_max_rss_kb();
    let info_process = median(50, || run(binary, &["info"]));
    let rss = children_max_rss_kb();
    let bad_json = median(50, || {
        run(binary, &["validate_credentials", "--json", "{}"])
    });
    println!(
        "  spawn `true`                     {} (baseline)",
        micros(spawn)
    );
    println!(
        "  core-demo info                   {}  {:.1}x baseline; budget 5 ms: {}",
        micros(info_process),
        info_process.as_secs_f64() / spawn.as_secs_f64(),
        if info_process < Duration::from_millis(5) {
            "met"
        } else {
            "MISSED"
        }
    );
    println!(
        "  core-demo dispatch (bad request) {}  {:.1}x baseline",
        micros(bad_json),
        bad_json.as_secs_f64() / spawn.as_secs_f64()
    );
    println!(
        "  peak RSS of core-demo info       {:>10} kB (spawn `true`: {before} kB); budget 15 MB: {}",
        rss,
        if rss < 15 * 1024 { "met" } else { "MISSED" }
    );
    Ok(())
}
