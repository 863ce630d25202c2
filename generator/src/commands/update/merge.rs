//! The three-way merge of one crate, file by file, in memory: base (the pristine files),
//! ours (the working tree), theirs (the current templates' output). Pure: no I/O.
//!
//! Per file, by which sides changed it since the base:
//! - neither, or both the same way: nothing to do;
//! - only the author: the author's version stays (a file the author deleted stays deleted);
//! - only the templates: the templates' version (added, changed or deleted);
//! - both, as text: diffy's three-way merge (the algorithm of `git merge-file`); lines both
//!   changed differently become a conflict between standard markers, in diff3 style (ours, the
//!   base's lines, theirs), so the author sees what each side changed;
//! - both, one of them by deleting the file: a conflict with no markers to write: the author's
//!   side is kept as it is (their code, or their deletion), and the file is listed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::render::Files;

/// What the merge does to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Only the templates changed it: their version replaces it.
    Updated,
    /// Both changed it, in different places: both changes are in the result.
    Merged,
    /// The templates added it.
    Added,
    /// The templates deleted it, and the author had not changed it.
    Deleted,
    /// Both changed the same lines: the result has conflict markers.
    Conflict,
    /// The author deleted it and the templates changed it: it stays deleted.
    ConflictDeletedByYou,
    /// The author changed it and the templates deleted it: the author's version stays.
    ConflictDeletedUpstream,
}

impl Action {
    /// Whether the author has to look at the file.
    pub fn is_conflict(&self) -> bool {
        matches!(
            self,
            Action::Conflict | Action::ConflictDeletedByYou | Action::ConflictDeletedUpstream
        )
    }

    /// The word of the text report (every conflict is a `conflict`).
    pub fn word(&self) -> &'static str {
        if self.is_conflict() {
            "conflict"
        } else {
            self.as_str()
        }
    }

    /// The name in the JSON report.
    pub fn as_str(&self) -> &'static str {
        match self {
            Action::Updated => "updated",
            Action::Merged => "merged",
            Action::Added => "added",
            Action::Deleted => "deleted",
            Action::Conflict => "conflict",
            Action::ConflictDeletedByYou => "conflict-deleted-by-you",
            Action::ConflictDeletedUpstream => "conflict-deleted-upstream",
        }
    }
}

/// One file the merge touches or reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileMerge {
    /// Relative to the crate.
    pub path: PathBuf,
    /// What happens to it.
    pub action: Action,
    /// The working tree's text before.
    pub before: Option<String>,
    /// Its text after (`None`: absent).
    pub after: Option<String>,
}

impl FileMerge {
    /// Whether the working tree's file changes.
    pub fn writes(&self) -> bool {
        self.before != self.after
    }
}

/// Merges every file of `base` and `theirs` (files only in the working tree are the author's
/// own and not looked at). Files nothing happens to are left out.
pub fn merge(base: &Files, ours: &Files, theirs: &Files) -> Vec<FileMerge> {
    let paths: BTreeSet<&PathBuf> = base.keys().chain(theirs.keys()).collect();
    paths
        .into_iter()
        .filter_map(|path| {
            let side = |files: &Files| files.get(path.as_path()).cloned();
            merge_one(path, side(base), side(ours), side(theirs))
        })
        .collect()
}

fn merge_one(
    path: &Path,
    base: Option<String>,
    ours: Option<String>,
    theirs: Option<String>,
) -> Option<FileMerge> {
    if ours == theirs || base == theirs {
        return None;
    }
    let (action, after) = if base == ours {
        let action = match (&ours, &theirs) {
            (None, _) => Action::Added,
            (_, None) => Action::Deleted,
            _ => Action::Updated,
        };
        (action, theirs)
    } else {
        match (&ours, &theirs) {
            (Some(o), Some(t)) => match diffy::merge(base.as_deref().unwrap_or(""), o, t) {
                Ok(merged) => (Action::Merged, Some(merged)),
                Err(with_markers) => (Action::Conflict, Some(with_markers)),
            },
            (None, _) => (Action::ConflictDeletedByYou, None),
            (Some(_), None) => (Action::ConflictDeletedUpstream, ours.clone()),
        }
    };
    Some(FileMerge {
        path: path.to_path_buf(),
        action,
        before: ours,
        after,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(base: Option<&str>, ours: Option<&str>, theirs: Option<&str>) -> Option<FileMerge> {
        let own = |s: Option<&str>| s.map(str::to_owned);
        merge_one(Path::new("f.rs"), own(base), own(ours), own(theirs))
    }

    fn action(base: Option<&str>, ours: Option<&str>, theirs: Option<&str>) -> Option<Action> {
        one(base, ours, theirs).map(|m| m.action)
    }

    const B: &str = "a\nb\nc\nd\ne\n";

    #[test]
    fn one_sided_changes() {
        assert_eq!(action(Some(B), Some(B), Some(B)), None);
        assert_eq!(
            action(Some(B), Some("mine\n"), Some(B)),
            None,
            "the author's stays"
        );
        assert_eq!(
            action(Some(B), None, Some(B)),
            None,
            "the author's deletion stays"
        );
        assert_eq!(
            action(Some(B), Some(B), Some("new\n")),
            Some(Action::Updated)
        );
        assert_eq!(action(Some(B), Some(B), None), Some(Action::Deleted));
        assert_eq!(action(None, None, Some("new\n")), Some(Action::Added));
        assert_eq!(
            action(Some(B), Some("x\n"), Some("x\n")),
            None,
            "same change"
        );
    }

    #[test]
    fn changes_on_both_sides_merge_or_conflict() {
        let ours = "a\nB\nc\nd\ne\n";
        let theirs = "a\nb\nc\nd\nE\n";
        let merged = one(Some(B), Some(ours), Some(theirs)).unwrap();
        assert_eq!(merged.action, Action::Merged);
        assert_eq!(merged.after.as_deref(), Some("a\nB\nc\nd\nE\n"));

        let conflict = one(Some(B), Some(ours), Some("a\nX\nc\nd\ne\n")).unwrap();
        assert_eq!(conflict.action, Action::Conflict);
        let text = conflict.after.unwrap();
        // diff3 style, as git's merge.conflictStyle=diff3: the base's lines are shown too.
        assert_eq!(
            text,
            "a\n<<<<<<< ours\nB\n||||||| original\nb\n=======\nX\n>>>>>>> theirs\nc\nd\ne\n"
        );
    }

    #[test]
    fn a_deletion_against_a_change_keeps_the_authors_side() {
        let gone = one(Some(B), None, Some("new\n")).unwrap();
        assert_eq!(gone.action, Action::ConflictDeletedByYou);
        assert!(!gone.writes());
        let kept = one(Some(B), Some("mine\n"), None).unwrap();
        assert_eq!(kept.action, Action::ConflictDeletedUpstream);
        assert_eq!(kept.after.as_deref(), Some("mine\n"));
        assert!(!kept.writes());
    }

    #[test]
    fn files_only_in_the_working_tree_are_not_looked_at() {
        let ours = Files::from([(PathBuf::from("mine.rs"), "x".to_owned())]);
        assert!(merge(&Files::new(), &ours, &Files::new()).is_empty());
    }
}
