//! Python's notion of whitespace in `str` methods, which the message rules follow.

/// Python's `str.isspace`: Unicode White_Space plus the ASCII separators `\x1c`-`\x1f`.
pub(crate) fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Python's `str.strip()`.
pub(crate) fn python_strip(s: &str) -> &str {
    s.trim_matches(is_python_space)
}

#[cfg(test)]
mod tests {
    use super::python_strip;

    #[test]
    fn strips_python_whitespace_only() {
        assert_eq!(python_strip("\x1c\u{a0} a b \u{2028}\x1f"), "a b");
        assert_eq!(python_strip("\u{200b}x"), "\u{200b}x");
    }
}
