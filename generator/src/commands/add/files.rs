//! What one file becomes when an addition is applied to it: the templates' version before
//! (`old`) and after (`new`) the addition, applied to a version of the crate (the working tree,
//! or the pristine base).

use std::path::Path;

use crate::refusal::Refusal;

use super::rust_merge::{self, Unplaced};
use super::text_merge;

/// The new text of the file at `path` (`None`: leave it as it is). `whose` names the version
/// for messages ("src/x.rs" or "the pristine base of src/x.rs").
pub fn apply(
    path: &Path,
    whose: &str,
    old: Option<&str>,
    new: Option<&str>,
    ours: Option<&str>,
) -> Result<Option<String>, Refusal> {
    let Some(new) = new else {
        // Adding never removes a file; a file only `old` has stays the author's.
        return Ok(None);
    };
    if old == Some(new) || ours == Some(new) {
        return Ok(None);
    }
    let Some(ours) = ours else {
        return match old {
            None => Ok(Some(new.to_owned())),
            Some(_) => Err(Refusal::new(
                format!("{whose} was deleted, and the addition changes it"),
                format!(
                    "restore {} (e.g. from version control), or add this by hand",
                    path.display()
                ),
            )),
        };
    };
    let Some(old) = old else {
        return Err(Refusal::new(
            format!("{whose} already exists, and the addition would create it"),
            format!("move {} away, then run this again", path.display()),
        ));
    };
    if ours == old {
        return Ok(Some(new.to_owned()));
    }
    let merged = if path.extension().is_some_and(|e| e == "rs") {
        rust_merge::merge(old, new, ours)
    } else {
        text_merge::merge(old, new, ours)
    };
    merged.map(Some).map_err(|Unplaced(why)| {
        Refusal::new(
            format!("cannot add to {whose}: {why}"),
            "make that part of the file look as generated again (`connector-new diff` shows the templates' version), or add this by hand",
        )
    })
}
