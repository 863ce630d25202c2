//! Hands Tera only the tags of a template, not its literal text.
//!
//! Why: Tera's pest parser walks literal text one character at a time, at about a thousand
//! instructions per byte, and nine tenths of the template bytes are literal Rust. Parsing was
//! 96% of a full scaffold's run time (bench/, docs/benchmarks.md). So each literal run between
//! two tags becomes one private-use character (plane 15, U+F0000 + N) that Tera copies like
//! any text, and [`expand`] puts the runs back after rendering. Tera's whitespace control
//! (`{%-`, `-%}`, `{{-`, `-}}`, `{#-`, `-#}`) trims the text next to a tag; the runs are
//! trimmed here the same way, since Tera no longer sees them. `{% raw %}` blocks and comments
//! are left to Tera, whole. The output is byte-identical (tested below against Tera on the
//! original templates). Text that already holds such characters is not split.

/// A template with its literal runs taken out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// The template Tera parses: tags, and one marker character where each run was.
    pub template: String,
    /// The runs, already trimmed, by N.
    pub literals: Vec<String>,
}

/// The first marker: N is U+F0000 + N, in Unicode's supplementary private use area A.
const FIRST_MARKER: u32 = 0xF_0000;
/// Markers stop before the area's two non-characters.
const LAST_MARKER: u32 = 0xF_FFFD;

/// Whether `c` is one of the markers.
pub fn is_marker(c: char) -> bool {
    (FIRST_MARKER..=LAST_MARKER).contains(&u32::from(c))
}

/// Splits `source`; `None` when a tag is not closed (Tera then reports the error itself),
/// when `source` already holds a marker character, or when it has too many runs.
pub fn split(source: &str) -> Option<Split> {
    if source.chars().any(is_marker) {
        return None;
    }
    let mut split = Split {
        template: String::with_capacity(source.len() / 4),
        literals: Vec::new(),
    };
    let mut rest = source;
    let mut trim_start = false;
    while let Some(start) = tag_start(rest) {
        let tag_len = tag_len(&rest[start..])?;
        let tag = &rest[start..start + tag_len];
        split.literal(&rest[..start], trim_start, tag.as_bytes()[2] == b'-')?;
        split.template.push_str(tag);
        trim_start = tag.as_bytes()[tag.len() - 3] == b'-';
        rest = &rest[start + tag_len..];
    }
    split.literal(rest, trim_start, false)?;
    Some(split)
}

impl Split {
    fn literal(&mut self, text: &str, trim_start: bool, trim_end: bool) -> Option<()> {
        let text = if trim_start { text.trim_start() } else { text };
        let text = if trim_end { text.trim_end() } else { text };
        if !text.is_empty() {
            let n = u32::try_from(self.literals.len()).ok()?;
            let marker = FIRST_MARKER.checked_add(n).filter(|m| *m <= LAST_MARKER)?;
            self.template.push(char::from_u32(marker)?);
            self.literals.push(text.to_owned());
        }
        Some(())
    }

    /// Tera's output for [`Split::template`] with every marker replaced by its run.
    ///
    /// Template variables must not hold markers (`render` checks): they would be replaced too.
    pub fn expand(&self, rendered: &str) -> String {
        let mut out = String::with_capacity(
            rendered.len() + self.literals.iter().map(String::len).sum::<usize>(),
        );
        for c in rendered.chars() {
            match self
                .literals
                .get((u32::from(c).wrapping_sub(FIRST_MARKER)) as usize)
            {
                Some(run) if is_marker(c) => out.push_str(run),
                _ => out.push(c),
            }
        }
        out
    }
}

/// Where the next tag starts: `{{`, `{%` or `{#`, as Tera's grammar has it.
fn tag_start(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(1))
        .find(|&i| bytes[i] == b'{' && matches!(bytes[i + 1], b'{' | b'%' | b'#'))
}

/// The length of the tag at the start of `text`; a `{% raw %}` tag extends to its
/// `{% endraw %}`.
fn tag_len(text: &str) -> Option<usize> {
    let len = tag_len_plain(text)?;
    if text.as_bytes()[1] == b'%' && keyword(&text[..len]) == "raw" {
        let mut from = len;
        loop {
            let start = from + tag_start(&text[from..])?;
            let end = start + tag_len_plain(&text[start..])?;
            if keyword(&text[start..end]) == "endraw" {
                return Some(end);
            }
            from = end;
        }
    }
    Some(len)
}

/// The length of a tag, without the raw-block rule.
fn tag_len_plain(text: &str) -> Option<usize> {
    let close = match text.as_bytes()[1] {
        b'{' => "}}",
        b'%' => "%}",
        _ => "#}",
    };
    Some(text[2..].find(close)? + 4)
}

/// The inside of a `{% ... %}` tag, without whitespace control and spaces.
fn keyword(tag: &str) -> &str {
    tag[2..tag.len() - 2].trim_matches('-').trim()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template_config::TemplateConfig;
    use crate::templates;
    use crate::vars::Vars;
    use crate::vocabulary::{AuthKind, Capability};

    fn tera() -> tera::Tera {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(Vec::new());
        crate::tera_filters::register(&mut tera);
        tera
    }

    fn render_both(source: &str, context: &tera::Context) -> (String, String) {
        let mut tera = tera();
        tera.add_raw_template("original", source).unwrap();
        let original = tera.render("original", context).unwrap();
        let split = split(source).unwrap();
        tera.add_raw_template("split", &split.template).unwrap();
        let rendered = tera.render("split", context).unwrap();
        (original, split.expand(&rendered))
    }

    #[test]
    fn whitespace_control_raw_and_comments_render_like_tera() {
        let mut context = tera::Context::new();
        context.insert("a", &true);
        context.insert("name", &"my_app");
        let source = "head  \n{%- if a %}\n  x {{ name | pascal_case }}  \n{%- endif %}\n\
                      {% if a -%}  \n y {%- else -%} z {% endif -%}\n\n\
                      {%- raw %} {{ not }} {% if %} {%- endraw %} tail {# c -#}  \n end {{- name -}} !";
        let (original, split) = render_both(source, &context);
        assert_eq!(split, original);
        assert!(split.contains("MyApp"), "{split}");
    }

    #[test]
    fn unclosed_tags_are_left_to_tera() {
        assert_eq!(split("a {{ b"), None);
        assert_eq!(split("{% raw %} never closed"), None);
    }

    #[test]
    fn text_holding_markers_is_not_split() {
        assert_eq!(split("a \u{F0000} {{ b }}"), None);
        assert!(split("a \u{EFFFF} {{ b }}").is_some());
    }

    #[test]
    fn every_template_renders_like_tera_for_every_auth_kind() {
        let config = TemplateConfig::embedded().unwrap();
        let all: Vec<Capability> = Capability::ALL.to_vec();
        for auth in AuthKind::ALL {
            for capabilities in [&[Capability::ALL[0]][..], &all[..]] {
                let vars = Vars::new("my_app", auth, capabilities, "../sdk");
                let context = vars.to_tera_context();
                for (path, source) in templates::files().unwrap() {
                    if config.is_verbatim(path) {
                        continue;
                    }
                    let (original, split) = render_both(source, &context);
                    assert_eq!(split, original, "{} ({auth:?})", path.display());
                }
            }
        }
    }
}
