//! Loading the recorded runs (`shared/protocol/vectors/*.json`) and preparing them for a replay
//! against the fake upstream.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The vectors folder, relative to the workspace root (docs/CONTRIBUTING-HELPERS.md).
const VECTORS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/protocol/vectors");
/// Where the recordings' fake upstream listened.
pub const RECORDED_UPSTREAM: &str = "127.0.0.1:18777";
/// The recordings' port without a listener.
pub const RECORDED_CLOSED_PORT: &str = "127.0.0.1:18778";

/// One recorded run.
#[derive(Debug, Clone)]
pub struct Vector {
    /// The case name, e.g. `error_upstream_403` or `error_connector_typed_defaults[NotFoundError]`.
    pub case: String,
    /// Command-line arguments after the executable name.
    pub argv: Vec<String>,
    /// Files to create in the working directory first.
    pub files: Vec<(String, String)>,
    /// Expected exit code.
    pub exit_code: i32,
    /// Expected stdout, byte for byte; empty when the recording keeps only `stdout_digest`.
    pub stdout: String,
    /// Length and SHA-256 (lower-case hex) of the expected stdout, for a recording that stores
    /// these instead of the text (`cli_info_minimal_non_ascii`).
    pub stdout_digest: Option<(usize, String)>,
    /// The gzip result file (`--result-file-path`): path and decompressed text.
    pub result_file: Option<(String, String)>,
    /// What the fake upstream did, in the recording's words.
    pub upstream: Option<String>,
}

impl Vector {
    /// Whether this is a CLI-contract case (`cli_*`) rather than an envelope-level run.
    pub fn is_cli(&self) -> bool {
        self.case.starts_with("cli_")
    }

    /// The capability name (the first argument), if any.
    pub fn capability(&self) -> Option<&str> {
        self.argv.first().map(String::as_str)
    }

    /// The upstream calls the recording names, as `METHOD /path[?query]` (in order).
    pub fn upstream_calls(&self) -> Vec<String> {
        let Some(summary) = &self.upstream else {
            return Vec::new();
        };
        let words: Vec<&str> = summary.split_whitespace().collect();
        words
            .windows(2)
            .filter(|pair| ["GET", "POST", "PUT", "DELETE"].contains(&pair[0]))
            .filter(|pair| pair[1].starts_with('/'))
            .map(|pair| format!("{} {}", pair[0], pair[1].trim_end_matches([',', ';'])))
            .collect()
    }

    /// The `--json` argument, if any.
    pub fn envelope(&self) -> Option<&str> {
        let index = self.argv.iter().position(|a| a == "--json")?;
        self.argv.get(index + 1).map(String::as_str)
    }

    /// The same run against a replay upstream at `upstream` with nothing listening on
    /// `closed`: every occurrence of the recorded addresses is replaced (normalization 5).
    pub fn retargeted(&self, upstream: &str, closed: &str) -> Vector {
        let fix = |s: &str| {
            s.replace(RECORDED_UPSTREAM, upstream)
                .replace(RECORDED_CLOSED_PORT, closed)
        };
        Vector {
            argv: self.argv.iter().map(|a| fix(a)).collect(),
            files: self
                .files
                .iter()
                .map(|(p, c)| (p.clone(), fix(c)))
                .collect(),
            stdout: fix(&self.stdout),
            result_file: self.result_file.as_ref().map(|(p, c)| (p.clone(), fix(c))),
            ..self.clone()
        }
    }
}

fn vectors_dir() -> PathBuf {
    let dir = PathBuf::from(VECTORS_DIR);
    assert!(
        dir.is_dir(),
        "the protocol vectors are missing at {}: check out the shared protocol folder at \
         ../shared next to the workspace (docs/CONTRIBUTING-HELPERS.md)",
        dir.display()
    );
    dir
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    // preserve_order (a dependency feature) keeps member order, which stdout comparisons need.
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// Every vector file's name (without `.json`) and parsed content, sorted by name.
pub fn all_files() -> Vec<(String, Value)> {
    let mut files: Vec<(String, Value)> = std::fs::read_dir(vectors_dir())
        .expect("list the vectors folder")
        .map(|entry| entry.expect("vectors folder entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .map(|path| {
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .expect("UTF-8 file name")
                .to_owned();
            (name, read_json(&path))
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    assert!(
        files.len() > 100,
        "expected the full vector set, found {}",
        files.len()
    );
    files
}

fn strings(value: &Value, what: &str) -> Vec<String> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("{what} is not a list"))
        .iter()
        .map(|v| {
            v.as_str()
                .unwrap_or_else(|| panic!("{what} holds a non-string"))
                .to_owned()
        })
        .collect()
}

/// The vector file `<name>.json`, parsed.
pub fn load(name: &str) -> Value {
    read_json(&vectors_dir().join(format!("{name}.json")))
}

/// The recorded stdout of the vector file `name` (see [`recorded_stdout`]).
pub fn recorded_stdout_of(name: &str) -> String {
    recorded_stdout(&load(name))
}

/// The length and SHA-256 of a stdout the recording stores only as a digest.
fn stdout_digest(file: &Value) -> Option<(usize, String)> {
    let sha256 = file.get("stdout_sha256")?.as_str().expect("stdout_sha256");
    let length = file["stdout_length"].as_u64().expect("stdout_length");
    Some((length as usize, sha256.to_owned()))
}

/// The recorded stdout: the `stdout` member, or the `info-examples/` file that
/// `stdout_matches_file` names (byte-identical, trailing newline included), or nothing when
/// the recording keeps only a digest.
fn recorded_stdout(file: &Value) -> String {
    if let Some(stdout) = file.get("stdout").and_then(Value::as_str) {
        return stdout.to_owned();
    }
    if stdout_digest(file).is_some() {
        return String::new();
    }
    let relative = file["stdout_matches_file"]
        .as_str()
        .expect("stdout or stdout_matches_file");
    let path = vectors_dir().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The runs recorded with `connector` (one per file, and one per entry of the grouped
/// `error_connector_typed_defaults`).
pub fn runs_of(connector: &str) -> Vec<Vector> {
    let mut runs = Vec::new();
    for (name, file) in all_files() {
        if file.get("connector").and_then(Value::as_str) != Some(connector) {
            continue;
        }
        let exit_code = file["exit_code"].as_i64().expect("exit_code") as i32;
        let files = file
            .get("files")
            .and_then(Value::as_object)
            .map(|f| {
                f.iter()
                    .map(|(p, c)| (p.clone(), c.as_str().expect("file content").to_owned()))
                    .collect()
            })
            .unwrap_or_default();
        if let Some(template) = file.get("argv_template") {
            let template = strings(template, "argv_template");
            for run in file["runs"].as_array().expect("runs") {
                let type_name = run["type"].as_str().expect("run type");
                runs.push(Vector {
                    case: format!("{name}[{type_name}]"),
                    argv: template
                        .iter()
                        .map(|a| a.replace("<Type>", type_name))
                        .collect(),
                    files: Vec::new(),
                    exit_code,
                    stdout: run["stdout"].as_str().expect("run stdout").to_owned(),
                    stdout_digest: None,
                    result_file: None,
                    upstream: None,
                });
            }
            continue;
        }
        let result_file = file.get("result_file").map(|r| {
            (
                r["path"].as_str().expect("result_file.path").to_owned(),
                r["decompressed"]
                    .as_str()
                    .expect("result_file.decompressed")
                    .to_owned(),
            )
        });
        runs.push(Vector {
            case: name,
            argv: strings(&file["argv"], "argv"),
            files,
            exit_code,
            stdout: recorded_stdout(&file),
            stdout_digest: stdout_digest(&file),
            result_file,
            upstream: file
                .get("upstream")
                .and_then(Value::as_str)
                .map(str::to_owned),
        });
    }
    runs
}
