//! Unified diffs of whole files, as `git diff` shows them (`a/` and `b/` prefixes, `/dev/null`
//! for a file on one side only), made with diffy.

use std::path::Path;

/// The unified diff from `old` to `new` of the file at `path` (`None`: the file does not
/// exist on that side); empty when they are the same.
pub fn diff(path: &Path, old: Option<&str>, new: Option<&str>) -> String {
    if old == new {
        return String::new();
    }
    let name = path.to_string_lossy().replace('\\', "/");
    let original = old.map_or_else(|| "/dev/null".to_owned(), |_| format!("a/{name}"));
    let modified = new.map_or_else(|| "/dev/null".to_owned(), |_| format!("b/{name}"));
    let patch = diffy::DiffOptions::new()
        .set_original_filename(original)
        .set_modified_filename(modified)
        .create_patch(old.unwrap_or(""), new.unwrap_or(""));
    patch.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_changes_additions_and_deletions() {
        let path = Path::new("src/lib.rs");
        assert_eq!(diff(path, Some("a\n"), Some("a\n")), "");
        assert_eq!(
            diff(path, Some("a\nb\n"), Some("a\nc\n")),
            "--- a/src/lib.rs\n+++ b/src/lib.rs\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n"
        );
        assert!(diff(path, None, Some("x\n")).starts_with("--- /dev/null\n+++ b/src/lib.rs\n"));
        assert!(diff(path, Some("x\n"), None).starts_with("--- a/src/lib.rs\n+++ /dev/null\n"));
    }
}
