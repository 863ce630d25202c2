//! Hex text of page tokens: lowercase out, and the reference's lenient reading in.

const DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Lowercase hex, no separators.
pub(crate) fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

/// Reads hex the way Python's `bytes.fromhex` does, which is what the reference uses:
/// either case, ASCII whitespace allowed between byte pairs but not inside one.
/// `None` on any other character or an odd digit count.
pub(crate) fn decode(text: &str) -> Option<Vec<u8>> {
    let text = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 2);
    let mut i = 0;
    while i < text.len() {
        if is_python_space(text[i]) {
            i += 1;
            continue;
        }
        let high = digit(text[i])?;
        let low = digit(*text.get(i + 1)?)?;
        out.push(high << 4 | low);
        i += 2;
    }
    Some(out)
}

fn digit(c: u8) -> Option<u8> {
    char::from(c)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

/// Python's `Py_ISSPACE`: unlike `u8::is_ascii_whitespace` it includes vertical tab.
fn is_python_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let bytes: Vec<u8> = (0..=255).collect();
        let text = encode(&bytes);
        assert_eq!(text.len(), 512);
        assert!(!text.chars().any(|c| c.is_ascii_uppercase()));
        assert_eq!(decode(&text).unwrap(), bytes);
    }

    #[test]
    fn lenient_like_fromhex() {
        assert_eq!(decode("9A fF").unwrap(), [0x9a, 0xff]);
        assert_eq!(decode(" \t\n\r\x0b\x0c01 ").unwrap(), [0x01]);
        assert_eq!(decode("").unwrap(), Vec::<u8>::new());
    }

    #[test]
    fn strict_otherwise() {
        for bad in ["9", "9 1", "0x01", "zz", "01-02", "é1", "01\u{a0}02"] {
            assert!(decode(bad).is_none(), "{bad:?}");
        }
    }
}
