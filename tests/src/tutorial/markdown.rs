//! The fenced blocks of a Markdown page, with the line each starts on.
//!
//! Only fences that start a line (three backticks, no indentation) are recognised: the
//! tutorial is written that way, and a CommonMark parser would be a new dependency for no
//! case the page has.

/// One fenced block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The 1-based line of the opening fence.
    pub line: usize,
    /// The info string's words: the language first, then flags and `key=value` pairs.
    pub info: Vec<String>,
    /// The lines between the fences, each ending with `\n`.
    pub body: String,
}

impl Block {
    /// The language (the first word of the info string), or `""`.
    pub fn language(&self) -> &str {
        self.info.first().map_or("", String::as_str)
    }

    /// Whether the info string carries the flag `name`.
    pub fn has(&self, name: &str) -> bool {
        self.info.iter().skip(1).any(|word| word == name)
    }

    /// The value of `key=value` in the info string.
    pub fn value(&self, key: &str) -> Option<&str> {
        self.info
            .iter()
            .skip(1)
            .find_map(|word| word.strip_prefix(key)?.strip_prefix('='))
    }
}

/// The fenced blocks of `page`, in order; an unclosed fence is an error naming its line.
pub fn blocks(page: &str) -> Result<Vec<Block>, String> {
    let mut found = Vec::new();
    let mut open: Option<Block> = None;
    for (index, line) in page.lines().enumerate() {
        let fence = line.strip_prefix("```");
        match (&mut open, fence) {
            (None, Some(info)) => {
                open = Some(Block {
                    line: index + 1,
                    info: info.split_whitespace().map(str::to_owned).collect(),
                    body: String::new(),
                });
            }
            (Some(_), Some(rest)) if rest.trim().is_empty() => {
                found.extend(open.take());
            }
            (Some(block), _) => {
                block.body.push_str(line);
                block.body.push('\n');
            }
            (None, None) => {}
        }
    }
    match open {
        Some(block) => Err(format!("line {}: the fence is never closed", block.line)),
        None => Ok(found),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_carry_their_line_and_info() {
        let page = "# T\n\n```sh no-run\ncargo install x\n```\ntext\n```rust file=src/a.rs replace\nfn a() {}\n```\n";
        let found = blocks(page).unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].line, 3);
        assert!(found[0].has("no-run"));
        assert_eq!(found[0].body, "cargo install x\n");
        assert_eq!(found[1].language(), "rust");
        assert_eq!(found[1].value("file"), Some("src/a.rs"));
        assert!(found[1].has("replace"));
        assert!(!found[1].has("add"));
    }

    #[test]
    fn an_unclosed_fence_is_reported() {
        assert_eq!(
            blocks("a\n```sh\nls\n").unwrap_err(),
            "line 2: the fence is never closed"
        );
    }
}
