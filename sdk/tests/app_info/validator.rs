//! Runs a maintained OpenAPI validator, `openapi-spec-validator` from PyPI at a pinned
//! version, installed on first use into a virtual environment under cargo's test scratch
//! directory and reused afterwards. If it cannot be installed the test fails and says why;
//! it never skips.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The pinned validator.
pub const VALIDATOR: &str = "openapi-spec-validator==0.9.0";

/// The Python interpreters tried, in order, to create the environment.
const PYTHONS: [&str; 2] = ["python3.11", "python3"];

/// The environment's interpreter, installing the validator on first use.
fn python() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(install)
}

fn install() -> PathBuf {
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let venv = scratch.join(VALIDATOR.replace("==", "-"));
    let python = venv.join("bin").join("python");
    if imports_validator(&python) {
        return python;
    }
    // Built next to its final place, then renamed: a concurrent run sees either nothing or
    // a complete environment.
    let building = scratch.join(format!(
        "{}.{}",
        VALIDATOR.replace("==", "-"),
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&building);
    let created = PYTHONS.iter().find_map(|interpreter| {
        let status = Command::new(interpreter)
            .args(["-m", "venv"])
            .arg(&building)
            .status()
            .ok()?;
        status.success().then_some(*interpreter)
    });
    assert!(
        created.is_some(),
        "cannot create a Python virtual environment at {} with any of {PYTHONS:?}: \
         the OpenAPI validation of app_info needs Python 3 with venv",
        building.display()
    );
    let output = Command::new(building.join("bin").join("python"))
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            VALIDATOR,
        ])
        .output()
        .unwrap_or_else(|e| panic!("cannot run pip to install {VALIDATOR}: {e}"));
    assert!(
        output.status.success(),
        "cannot install {VALIDATOR} from PyPI (needed to validate app_info):\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    if std::fs::rename(&building, &venv).is_err() {
        // Another run finished first; use its environment.
        let _ = std::fs::remove_dir_all(&building);
    }
    assert!(
        imports_validator(&python),
        "{VALIDATOR} was installed into {} but cannot be imported",
        venv.display()
    );
    python
}

fn imports_validator(python: &Path) -> bool {
    python.exists()
        && Command::new(python)
            .args(["-c", "import openapi_spec_validator"])
            .output()
            .is_ok_and(|o| o.status.success())
}

/// The problems the validator finds in `documents` (name, OpenAPI document), one line each;
/// empty when all are valid OpenAPI 3.0.
pub fn problems(documents: &[(&str, &serde_json::Value)]) -> Vec<String> {
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut files = Vec::new();
    for (name, document) in documents {
        let file = dir.path().join(format!("{name}.json"));
        std::fs::write(&file, serde_json::to_vec(document).expect("serialize")).expect("write");
        files.push(file);
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/app_info/validate_openapi.py");
    let output = Command::new(python())
        .arg(script)
        .args(&files)
        .output()
        .expect("run the OpenAPI validator");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let problems: Vec<String> = stdout.lines().map(str::to_owned).collect();
    assert!(
        output.status.success() || !problems.is_empty(),
        "the OpenAPI validator failed without reporting a problem:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    problems
}
