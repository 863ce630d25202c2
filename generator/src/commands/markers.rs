//! Conflict markers a previous `update` left: while any remain, the working tree is the middle
//! of a merge, and merging again (or adding code) on top of it would bury them.

use std::path::PathBuf;

use crate::refusal::Refusal;
use crate::render::Files;

/// Whether `text` has a line that opens or closes a conflict (the markers `update` writes).
pub fn has_markers(text: &str) -> bool {
    text.lines()
        .any(|line| line.starts_with("<<<<<<< ") || line.starts_with(">>>>>>> "))
}

/// Refuses when any of `working` (the template files of the working tree) has markers.
pub fn check(working: &Files) -> anyhow::Result<()> {
    let dirty: Vec<&PathBuf> = working
        .iter()
        .filter(|(_, text)| has_markers(text))
        .map(|(path, _)| path)
        .collect();
    if dirty.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = dirty.iter().map(|p| p.display().to_string()).collect();
    Err(Refusal::new(
        format!(
            "conflict markers from a previous update are still in: {}",
            list.join(", ")
        ),
        "resolve each conflict (keep what you want between <<<<<<< and >>>>>>>, delete the markers), then run this again",
    )
    .into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_markers_only_at_line_starts() {
        assert!(has_markers(
            "a\n<<<<<<< ours\nb\n=======\nc\n>>>>>>> theirs\n"
        ));
        assert!(has_markers(">>>>>>> theirs"));
        assert!(!has_markers("let s = \"<<<<<<< not a marker\";\n"));
        assert!(!has_markers("=======\n"));
    }

    #[test]
    fn names_every_dirty_file() {
        let files = Files::from([
            (PathBuf::from("a.rs"), "<<<<<<< ours\n".to_owned()),
            (PathBuf::from("b.rs"), "fine\n".to_owned()),
            (PathBuf::from("c.rs"), ">>>>>>> theirs\n".to_owned()),
        ]);
        let message = check(&files).unwrap_err().to_string();
        assert!(message.ends_with("in: a.rs, c.rs"), "{message}");
        assert!(check(&Files::new()).is_ok());
    }
}
