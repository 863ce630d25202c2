//! Replaying one recorded run: through a demo connector's real binary, or in-process through
//! `Integration::call`, each against a fresh fake upstream.

use std::time::Duration;

use connector_sdk::integration::Integration;
use connector_sdk::settings::Settings;

use crate::upstream::{closed_port, FakeUpstream};
use crate::vectors::Vector;

/// The `core-demo` binary (the `core_demo` example built as a `[[bin]]`, see sdk/Cargo.toml).
pub const CORE_DEMO: &str = env!("CARGO_BIN_EXE_core-demo");
/// The `tiny-demo` binary (the `tiny_demo` example).
pub const TINY_DEMO: &str = env!("CARGO_BIN_EXE_tiny-demo");
/// The `mini-demo` binary (the `mini_demo` example).
pub const MINI_DEMO: &str = env!("CARGO_BIN_EXE_mini-demo");
/// Upper bound for one run; the slowest recorded case waits for a 2 s read timeout.
const RUN_TIMEOUT: Duration = Duration::from_secs(30);

/// What a replay produced.
#[derive(Debug)]
pub struct Outcome {
    /// The run, retargeted at the upstream it was replayed against (its expected stdout too).
    pub vector: Vector,
    /// Exit code (0 for in-process calls).
    pub exit_code: i32,
    /// stdout; for in-process calls the returned document plus the CLI's newline.
    pub stdout: String,
    /// stderr (empty for in-process calls).
    pub stderr: String,
    /// The raw bytes of the file `--result-file-path` names, if the run created it.
    pub result_file: Option<Vec<u8>>,
    /// The requests the fake upstream received, as `METHOD /path?query`.
    pub requests: Vec<String>,
}

/// Runs `<binary> <argv…>` in a fresh working directory holding the vector's `files`.
pub fn through_binary(binary: &str, vector: &Vector) -> Outcome {
    let upstream = FakeUpstream::start();
    let vector = vector.retargeted(&upstream.host_port(), &closed_port());
    let dir = tempfile::tempdir().expect("temporary working directory");
    for (path, content) in &vector.files {
        std::fs::write(dir.path().join(path), content).expect("write a vector file");
    }
    let output = assert_cmd::Command::new(binary)
        .args(&vector.argv)
        .current_dir(dir.path())
        // Diagnostics only; the default level keeps stderr quiet.
        .env_remove("LUMOS_LOG_LEVEL")
        .timeout(RUN_TIMEOUT)
        .output()
        .expect("run the connector binary");
    // Whatever `--result-file-path` names, whether or not the recording has a result file.
    let result_file = vector
        .argv
        .iter()
        .position(|a| a == "--result-file-path")
        .and_then(|i| vector.argv.get(i + 1))
        .and_then(|path| std::fs::read(dir.path().join(path.trim_matches(['"', '\'']))).ok());
    Outcome {
        exit_code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        result_file,
        requests: upstream.requests(),
        vector,
    }
}

/// Calls the vector's capability with its `--json` envelope in-process. Only for envelope
/// runs (`<capability> --json <envelope>`).
pub fn in_process<S: Settings>(integration: &Integration<S>, vector: &Vector) -> Outcome {
    let upstream = FakeUpstream::start();
    let vector = vector.retargeted(&upstream.host_port(), &closed_port());
    let capability = vector.capability().expect("a capability argument");
    let envelope = vector.envelope().expect("a --json argument");
    let mut stdout = integration.call_blocking(capability, envelope);
    stdout.push('\n');
    Outcome {
        exit_code: 0,
        stdout,
        stderr: String::new(),
        result_file: None,
        requests: upstream.requests(),
        vector,
    }
}
