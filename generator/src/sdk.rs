//! Where the generated crate finds `connector-sdk`: the `sdk_path` value and its checks.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::refusal::Refusal;
use crate::workspace;

/// The package the generated crate depends on.
pub const SDK_PACKAGE: &str = "connector-sdk";

/// The SDK sources this generator was built from; used outside workspaces that have one.
const BUILTIN_SDK_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../sdk");

/// A value for the `sdk_path` template variable: a path that can be written verbatim
/// inside a TOML basic string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SdkPath(String);

impl SdkPath {
    /// Validates a path as given by --sdk-path, --define or a values file.
    pub fn new(raw: &str) -> Result<Self, Refusal> {
        if raw.trim().is_empty() {
            return Err(Refusal::new(
                "the SDK path is empty",
                "pass --sdk-path PATH, the connector-sdk crate directory",
            ));
        }
        if let Some(bad) = raw
            .chars()
            .find(|c| *c == '"' || *c == '\\' || c.is_control())
        {
            return Err(Refusal::new(
                format!("the SDK path `{}` contains {bad:?}", raw.escape_debug()),
                "write the path with `/` separators and without quotes or control characters",
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    /// The path as written into the generated Cargo.toml.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The directory it names, seen from the generated crate's directory.
    pub fn resolve(&self, crate_dir: &Path) -> PathBuf {
        crate::paths::normalize(&crate_dir.join(&self.0))
    }
}

impl fmt::Display for SdkPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The canonical directory of the SDK this generator was built from.
pub fn builtin_dir() -> Result<PathBuf, Refusal> {
    let dir = Path::new(BUILTIN_SDK_DIR);
    let dir = dir.canonicalize().map_err(|_| {
        Refusal::new(
            format!("the connector-sdk this generator was built from is gone ({BUILTIN_SDK_DIR})"),
            "pass --sdk-path PATH pointing at a connector-sdk checkout",
        )
    })?;
    check_dir(&dir)?;
    Ok(dir)
}

/// Refuses `dir` unless it holds the `connector-sdk` package.
pub fn check_dir(dir: &Path) -> Result<(), Refusal> {
    match workspace::package_name(dir) {
        Some(name) if name == SDK_PACKAGE => Ok(()),
        Some(name) => Err(Refusal::new(
            format!(
                "{} holds package `{name}`, not {SDK_PACKAGE}",
                dir.display()
            ),
            "pass --sdk-path PATH pointing at the connector-sdk crate directory",
        )),
        None => Err(Refusal::new(
            format!("no {SDK_PACKAGE} crate at {}", dir.display()),
            "pass --sdk-path PATH pointing at the connector-sdk crate directory \
             (relative paths are relative to the new crate)",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_what_cannot_be_written_into_toml() {
        for raw in ["", "  ", "a\"b", "C:\\sdk", "a\nb"] {
            assert!(SdkPath::new(raw).is_err(), "{raw:?}");
        }
        assert_eq!(SdkPath::new("../sdk").unwrap().as_str(), "../sdk");
    }

    #[test]
    fn the_builtin_sdk_exists() {
        let dir = builtin_dir().unwrap();
        assert!(dir.join("Cargo.toml").is_file());
    }
}
