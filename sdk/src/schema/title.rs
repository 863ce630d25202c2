//! Titles the way the reference computes them: Python's `str.title()`.

/// The default `title` of a model property named `field_name`, as the reference's model
/// library derives it: `field_name.title().replace("_", " ").strip()` in Python.
///
/// `page_size` → `Page Size`, `oauth2_url` → `Oauth2 Url` (`str.title()` capitalizes after
/// any non-letter, digits included), `x5t#S256` → `X5T#S256`.
///
/// Case mappings are Rust's (a newer Unicode than CPython 3.11's 14.0): letters whose casing
/// changed in later Unicode versions may title-case differently; all others match.
pub fn python_title(field_name: &str) -> String {
    str_title(field_name).replace('_', " ").trim().to_owned()
}

/// The default `display_name` of a capability in `info`:
/// `name.replace("_", " ").title()` in Python (`validate_credentials` → `Validate Credentials`).
pub fn display_name(capability: &str) -> String {
    str_title(&capability.replace('_', " "))
}

/// Python's `str.title()`: a cased character following a cased character is lower-cased,
/// any other character is title-cased.
fn str_title(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut previous_is_cased = false;
    for (index, &c) in chars.iter().enumerate() {
        if previous_is_cased {
            if c == 'Σ' && !chars.get(index + 1).is_some_and(|&next| is_cased(next)) {
                // Python lower-cases a word-final capital sigma to the final form.
                out.push('ς');
            } else {
                out.extend(c.to_lowercase());
            }
        } else {
            push_titlecase(c, &mut out);
        }
        previous_is_cased = is_cased(c);
    }
    out
}

/// Unicode `Cased`: lowercase, uppercase or titlecase letters (Python's `_PyUnicode_IsCased`).
fn is_cased(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase() || is_titlecase_letter(c)
}

/// General category `Lt`, which Rust's `is_lowercase`/`is_uppercase` do not cover.
fn is_titlecase_letter(c: char) -> bool {
    matches!(
        c,
        '\u{01C5}'
            | '\u{01C8}'
            | '\u{01CB}'
            | '\u{01F2}'
            | '\u{1F88}'..='\u{1F8F}'
            | '\u{1F98}'..='\u{1F9F}'
            | '\u{1FA8}'..='\u{1FAF}'
            | '\u{1FBC}'
            | '\u{1FCC}'
            | '\u{1FFC}'
    )
}

/// Pushes the Unicode titlecase mapping of `c`. Rust only has the uppercase mapping; the two
/// differ for digraphs, ligatures and Greek letters with iota subscript, listed here.
fn push_titlecase(c: char, out: &mut String) {
    let special: Option<&str> = match c {
        '\u{01C4}'..='\u{01C6}' => Some("\u{01C5}"),
        '\u{01C7}'..='\u{01C9}' => Some("\u{01C8}"),
        '\u{01CA}'..='\u{01CC}' => Some("\u{01CB}"),
        '\u{01F1}'..='\u{01F3}' => Some("\u{01F2}"),
        'ß' => Some("Ss"),
        '\u{0587}' => Some("\u{0535}\u{0582}"),
        '\u{FB00}' => Some("Ff"),
        '\u{FB01}' => Some("Fi"),
        '\u{FB02}' => Some("Fl"),
        '\u{FB03}' => Some("Ffi"),
        '\u{FB04}' => Some("Ffl"),
        '\u{FB05}' | '\u{FB06}' => Some("St"),
        '\u{FB13}' => Some("\u{0544}\u{0576}"),
        '\u{FB14}' => Some("\u{0544}\u{0565}"),
        '\u{FB15}' => Some("\u{0544}\u{056B}"),
        '\u{FB16}' => Some("\u{054E}\u{0576}"),
        '\u{FB17}' => Some("\u{0544}\u{056D}"),
        _ => None,
    };
    if let Some(mapped) = special {
        out.push_str(mapped);
        return;
    }
    if matches!(c, '\u{10D0}'..='\u{10FA}' | '\u{10FD}'..='\u{10FF}') {
        // Georgian Mkhedruli letters have an uppercase (Mtavruli) but title-case to themselves.
        out.push(c);
        return;
    }
    if let Some(mapped) = greek_iota_subscript_titlecase(c) {
        out.push_str(&mapped);
        return;
    }
    out.extend(c.to_uppercase());
}

/// Greek letters with ypogegrammeni title-case to the letter with prosgegrammeni (one
/// character), where upper-casing would give two.
fn greek_iota_subscript_titlecase(c: char) -> Option<String> {
    let code = u32::from(c);
    let single = match code {
        0x1F80..=0x1F87 | 0x1F90..=0x1F97 | 0x1FA0..=0x1FA7 => Some(code + 8),
        0x1F88..=0x1F8F | 0x1F98..=0x1F9F | 0x1FA8..=0x1FAF => Some(code),
        0x1FB3 | 0x1FBC => Some(0x1FBC),
        0x1FC3 | 0x1FCC => Some(0x1FCC),
        0x1FF3 | 0x1FFC => Some(0x1FFC),
        _ => None,
    };
    if let Some(single) = single {
        return char::from_u32(single).map(String::from);
    }
    // Letters whose titlecase is a capital plus a combining prosgegrammeni (U+0345).
    let base = match code {
        0x1FB2 => "\u{1FBA}\u{0345}",
        0x1FB4 => "\u{0386}\u{0345}",
        0x1FB7 => "\u{0391}\u{0342}\u{0345}",
        0x1FC2 => "\u{1FCA}\u{0345}",
        0x1FC4 => "\u{0389}\u{0345}",
        0x1FC7 => "\u{0397}\u{0342}\u{0345}",
        0x1FF2 => "\u{1FFA}\u{0345}",
        0x1FF4 => "\u{038F}\u{0345}",
        0x1FF7 => "\u{03A9}\u{0342}\u{0345}",
        _ => return None,
    };
    Some(base.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    // The examples the protocol text gives (§9.3, §9.4).
    #[test]
    fn titles_from_the_spec() {
        assert_eq!(python_title("page_size"), "Page Size");
        assert_eq!(python_title("custom_attributes"), "Custom Attributes");
        assert_eq!(display_name("validate_credentials"), "Validate Credentials");
    }
}
