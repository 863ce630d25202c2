//! Merging what the templates add to a text file (the README) into the author's version:
//! each run of added lines goes after the line that precedes it in the templates' version,
//! found in the author's by its text.

use super::rust_merge::Unplaced;

/// `ours` with the lines the templates added between `old` and `new`.
pub fn merge(old: &str, new: &str, ours: &str) -> Result<String, Unplaced> {
    let patch = diffy::create_patch(old, new);
    let mut lines: Vec<String> = ours.split_inclusive('\n').map(str::to_owned).collect();
    // Insertions found so far, as (index in `lines` to insert before, text); applied last.
    let mut inserts: Vec<(usize, String)> = Vec::new();
    let mut searched_from = 0;
    for hunk in patch.hunks() {
        let mut anchor: Option<&str> = None;
        let mut pending = String::new();
        let hunk_lines = hunk.lines();
        for (i, line) in hunk_lines.iter().enumerate() {
            match line {
                diffy::Line::Insert(text) => {
                    pending.push_str(text);
                    let next_is_insert =
                        matches!(hunk_lines.get(i + 1), Some(diffy::Line::Insert(_)));
                    if next_is_insert {
                        continue;
                    }
                    let at = match anchor {
                        Some(anchor) => {
                            let found = lines[searched_from..]
                                .iter()
                                .position(|l| l.trim_end() == anchor.trim_end())
                                .ok_or_else(|| {
                                    Unplaced(format!(
                                        "the line `{}` the templates add after is not there any more",
                                        anchor.trim_end()
                                    ))
                                })?;
                            searched_from + found + 1
                        }
                        None => searched_from,
                    };
                    searched_from = at;
                    inserts.push((at, std::mem::take(&mut pending)));
                }
                diffy::Line::Context(text) => anchor = Some(text),
                diffy::Line::Delete(text) => {
                    return Err(Unplaced(format!(
                        "the templates change the line `{}`, which you edited around",
                        text.trim_end()
                    )))
                }
            }
        }
    }
    for (at, text) in inserts.into_iter().rev() {
        lines.insert(at, text);
    }
    Ok(lines.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserts_after_the_same_line_wherever_it_moved() {
        let old = "# T\n\n| a | b |\n|---|---|\n| x | 1 |\n\nend\n";
        let new = "# T\n\n| a | b |\n|---|---|\n| x | 1 |\n| y | 2 |\n\nend\n";
        let ours = "# T\n\nMine.\n\n| a | b |\n|---|---|\n| x | 1 |\n\nend, edited\n";
        assert_eq!(
            merge(old, new, ours).unwrap(),
            "# T\n\nMine.\n\n| a | b |\n|---|---|\n| x | 1 |\n| y | 2 |\n\nend, edited\n"
        );
        let gone = "# T\n\n| a | b |\n|---|---|\n| z | 1 |\n";
        assert!(merge(old, new, gone).unwrap_err().0.contains("`| x | 1 |`"));
    }
}
