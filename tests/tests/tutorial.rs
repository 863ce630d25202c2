//! Tutorial tier: `docs/tutorial.md` replayed block by block, as a reader would, on a freshly
//! generated crate: connector-new, the generated tests, the adaptation to the sample app
//! (`tutorial/sample-app/`) step by step with the command that proves each step, and a full
//! sync, a grant and a revoke against the running app. A block that no longer fits the
//! templates fails the test with the page's line (`tests/src/tutorial/` is the runner).

#![allow(
    clippy::expect_used,
    clippy::panic,
    reason = "the helpers of a test fail it by panicking, like the test functions themselves"
)]

use std::time::Instant;

use connector_new_e2e::support::{
    build_env, connector_new_binary, e2e_target_dir, repo_root, ScratchWorkspace,
};
use connector_new_e2e::tutorial::{blocks, Session};

const PAGE: &str = "docs/tutorial.md";

#[test]
fn the_tutorial_runs_from_zero_to_a_synced_connector() {
    let page = std::fs::read_to_string(repo_root().join(PAGE)).expect("the tutorial exists");
    let blocks = blocks(&page).unwrap_or_else(|error| panic!("{PAGE}:{error}"));

    // What the page's setup block asks the reader to do: connector-new on PATH, $TUTORIAL,
    // an empty working directory (here a Cargo workspace sharing target/e2e, so that the
    // dependencies build once for every tier).
    connector_new_binary();
    let workspace = ScratchWorkspace::new();
    let path = format!(
        "{}:{}",
        e2e_target_dir().join("debug").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut env = vec![
        ("PATH".to_owned(), path),
        (
            "TUTORIAL".to_owned(),
            repo_root().join("tutorial").display().to_string(),
        ),
    ];
    env.extend(build_env().map(|(key, value)| (key.to_owned(), value)));
    let mut session = Session::new(workspace.path(), env);

    let mut ran = 0;
    for block in &blocks {
        let started = Instant::now();
        if let Err(error) = session.run(block) {
            panic!("{PAGE}:{error}");
        }
        ran += 1;
        eprintln!(
            "{PAGE}:{} {} ({:.1} s)",
            block.line,
            block.info.join(" "),
            started.elapsed().as_secs_f64()
        );
    }
    // The page is the whole tutorial: generation, eight adaptation steps, sync and writes.
    assert!(ran >= 30, "only {ran} blocks in {PAGE}");
}
