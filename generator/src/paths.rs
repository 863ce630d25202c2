//! Path arithmetic for paths that may not exist yet (the crate directory to create).

use std::io;
use std::path::{Component, Path, PathBuf};

/// `path` made absolute against `cwd`, `.`/`..` resolved, and its longest existing prefix
/// canonicalized (so symlinks and relative paths compare equal to workspace paths).
pub fn absolute(path: &Path, cwd: &Path) -> io::Result<PathBuf> {
    let lexical = normalize(&cwd.join(path));
    let mut existing = lexical.as_path();
    let mut missing = Vec::new();
    loop {
        if existing.exists() {
            let mut out = existing.canonicalize()?;
            out.extend(missing.iter().rev());
            return Ok(out);
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name.to_owned());
                existing = parent;
            }
            _ => return Ok(lexical),
        }
    }
}

/// Resolves `.` and `..` textually.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push(component);
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The path from directory `from` to `to`, both absolute and normalized (`../sdk`).
pub fn relative(from: &Path, to: &Path) -> PathBuf {
    let from: Vec<Component<'_>> = from.components().collect();
    let to: Vec<Component<'_>> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..from.len() {
        out.push("..");
    }
    for component in &to[common..] {
        out.push(component);
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// `path` with `/` separators, as TOML path dependencies and workspace members are written.
pub fn slash(path: &Path) -> String {
    let parts: Vec<String> = path
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let joined = parts.join("/");
    // A leading RootDir component renders as "/" and would double up.
    joined.replacen("//", "/", 1)
}

/// The nearest ancestor of `path` (or `path` itself) that exists.
pub fn existing_ancestor(path: &Path) -> Option<&Path> {
    path.ancestors().find(|p| p.exists())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        let r = |a: &str, b: &str| slash(&relative(Path::new(a), Path::new(b)));
        assert_eq!(r("/w/apps/x", "/w/sdk"), "../../sdk");
        assert_eq!(r("/w/x", "/w/sdk"), "../sdk");
        assert_eq!(r("/w", "/w/sdk"), "sdk");
        assert_eq!(r("/w/sdk", "/w/sdk"), ".");
    }

    #[test]
    fn normalizes_dots() {
        assert_eq!(normalize(Path::new("/a/./b/../c")), Path::new("/a/c"));
        assert_eq!(slash(Path::new("/a/b")), "/a/b");
    }

    #[test]
    fn absolute_keeps_missing_tails() {
        let cwd = std::env::temp_dir().canonicalize().unwrap();
        let out = absolute(Path::new("no-such-dir-x/y/../z"), &cwd).unwrap();
        assert_eq!(out, cwd.join("no-such-dir-x/z"));
    }
}
