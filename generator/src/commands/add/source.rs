//! A Rust file's text with its parse: byte offsets of the tokens syn found, and whole lines.

use proc_macro2::{LineColumn, Span};

/// The text of one Rust file and where each of its lines starts.
pub struct Source<'a> {
    /// The whole text.
    pub text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> Source<'a> {
    /// Indexes `text`'s lines.
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { text, line_starts }
    }

    /// The byte offset of a line and column (line from 1, column in characters from 0).
    pub fn offset(&self, at: LineColumn) -> usize {
        let Some(&start) = self.line_starts.get(at.line.saturating_sub(1)) else {
            return self.text.len();
        };
        self.text[start..]
            .char_indices()
            .nth(at.column)
            .map_or(self.text.len(), |(i, _)| start + i)
    }

    /// The byte range a span covers.
    pub fn range(&self, span: Span) -> std::ops::Range<usize> {
        self.offset(span.start())..self.offset(span.end())
    }

    /// The start of the line holding `offset`.
    pub fn line_start(&self, offset: usize) -> usize {
        self.text[..offset].rfind('\n').map_or(0, |i| i + 1)
    }

    /// Just after the end of the line holding `offset` (after its `\n`).
    pub fn line_end(&self, offset: usize) -> usize {
        self.text[offset..]
            .find('\n')
            .map_or(self.text.len(), |i| offset + i + 1)
    }

    /// Whether only whitespace precedes `offset` on its line.
    pub fn starts_line(&self, offset: usize) -> bool {
        self.text[self.line_start(offset)..offset].trim().is_empty()
    }

    /// Whether only whitespace (or a line comment) follows `offset` on its line.
    pub fn ends_line(&self, offset: usize) -> bool {
        let rest = &self.text[offset..self.line_end(offset)];
        let rest = rest.trim();
        rest.is_empty() || rest.starts_with("//")
    }

    /// The whole lines of a range, extended upwards over the `//` comments right above it
    /// (an `// Adapt:` note belongs to the item under it).
    pub fn item_lines(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let mut start = self.line_start(range.start);
        while start > 0 {
            let previous = self.line_start(start - 1);
            let line = self.text[previous..start].trim_start();
            if line.starts_with("//") && !line.starts_with("//!") {
                start = previous;
            } else {
                break;
            }
        }
        start..self.line_end(range.end.saturating_sub(1).max(range.start))
    }

    /// Whether the line just above `offset`'s line is blank.
    pub fn blank_line_before(&self, offset: usize) -> bool {
        let start = self.line_start(offset);
        if start == 0 {
            return false;
        }
        let previous = self.line_start(start - 1);
        self.text[previous..start].trim().is_empty()
    }

    /// After a range's end, past whitespace and one comma, if there is one there.
    pub fn after_comma(&self, end: usize) -> Option<usize> {
        let rest = &self.text[end..];
        let skipped = rest.len() - rest.trim_start().len();
        rest[skipped..]
            .starts_with(',')
            .then_some(end + skipped + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_characters_and_lines() {
        let source = Source::new("é = 1;\n// note\nfn x() {}\n");
        let at = |line, column| source.offset(LineColumn { line, column });
        assert_eq!(at(1, 1), 2);
        assert_eq!(at(3, 0), 16);
        let item = at(3, 0)..at(3, 9);
        assert_eq!(
            &source.text[source.item_lines(item)],
            "// note\nfn x() {}\n"
        );
        assert!(source.starts_line(16) && source.ends_line(25));
        assert!(!source.blank_line_before(16));
    }
}
