//! The pristine base: the template files exactly as connector-new last wrote them, kept inside
//! the crate so that `update` can tell the author's changes from the templates'.
//!
//! One text file, [`PATH`]: two comment lines, then the files as a JSON object (relative path
//! → text), gzip-compressed, in base64 lines of 76 characters. Text, so that it is one more
//! entry of the rendered files (listed by `--dry-run`, written atomically with the rest, and
//! compared byte for byte by the golden test), and so that version control diffs and merges it
//! like any other file; compressed, because it is a copy of the whole crate (a tenth of the
//! size). It is deterministic: sorted paths, no timestamp in the gzip header.
//! `tail -n +3 .connector-new/base | base64 -d | gunzip` shows it.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use base64::Engine as _;

use crate::render::Files;

/// Where the base lives, relative to the crate.
pub const PATH: &str = ".connector-new/base";

const HEADER: &str = "\
# connector-new: the files as generated, before anyone edited them.
# `connector-new update` merges template changes against them. Do not edit.
";

const LINE: usize = 76;

/// `files` plus their pristine base at [`PATH`]: what generating a crate writes.
pub fn with_base(mut files: Files) -> anyhow::Result<Files> {
    files.remove(Path::new(PATH));
    let base = encode(&files)?;
    files.insert(PathBuf::from(PATH), base);
    Ok(files)
}

/// The base file's text for `files` (any entry at [`PATH`] is left out).
pub fn encode(files: &Files) -> anyhow::Result<String> {
    let object: serde_json::Map<String, serde_json::Value> = files
        .iter()
        .filter(|(path, _)| path.as_path() != Path::new(PATH))
        .map(|(path, text)| (slash(path), serde_json::Value::String(text.clone())))
        .collect();
    let json = serde_json::to_vec(&object).context("cannot serialize the pristine base")?;
    // mtime 0 and no file name: the same files always give the same bytes.
    let mut gzip = flate2::GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), flate2::Compression::best());
    gzip.write_all(&json)
        .and_then(|()| gzip.try_finish())
        .context("cannot compress the pristine base")?;
    let compressed = gzip.finish().context("cannot compress the pristine base")?;
    let encoded = base64::engine::general_purpose::STANDARD.encode(compressed);
    let mut text = String::from(HEADER);
    for chunk in encoded.as_bytes().chunks(LINE) {
        text.push_str(&String::from_utf8_lossy(chunk));
        text.push('\n');
    }
    Ok(text)
}

/// The files of a base file's text.
pub fn decode(text: &str) -> anyhow::Result<Files> {
    let encoded: String = text
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(str::trim)
        .collect();
    let compressed = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .context("not base64")?;
    let mut json = Vec::new();
    flate2::read::GzDecoder::new(compressed.as_slice())
        .read_to_end(&mut json)
        .context("not gzip")?;
    let object: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&json).context("not a JSON object")?;
    let mut files = Files::new();
    for (path, text) in object {
        let relative = PathBuf::from(&path);
        let safe = relative
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        anyhow::ensure!(safe, "it names a path outside the crate: {path}");
        let serde_json::Value::String(text) = text else {
            anyhow::bail!("the entry for {path} is not text");
        };
        files.insert(relative, text);
    }
    Ok(files)
}

/// A relative path with `/` separators, the same on every platform.
fn slash(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Files {
        Files::from([
            (PathBuf::from("Cargo.toml"), "[package]\n".to_owned()),
            (PathBuf::from("src/lib.rs"), "//! é\n".to_owned()),
        ])
    }

    #[test]
    fn round_trips_and_is_deterministic() {
        let text = encode(&files()).unwrap();
        assert_eq!(decode(&text).unwrap(), files());
        assert_eq!(encode(&files()).unwrap(), text);
        assert!(text.lines().all(|l| l.len() <= LINE));
    }

    #[test]
    fn with_base_adds_the_base_of_the_other_files() {
        let sealed = with_base(files()).unwrap();
        assert_eq!(sealed.len(), 3);
        assert_eq!(decode(&sealed[Path::new(PATH)]).unwrap(), files());
        assert_eq!(with_base(sealed.clone()).unwrap(), sealed);
    }

    #[test]
    fn refuses_damage_and_paths_outside_the_crate() {
        assert!(decode("# x\nnot base64!\n").is_err());
        let mut text = encode(&files()).unwrap();
        text.truncate(text.len() - 20);
        assert!(decode(&text).is_err());
        let evil = encode(&Files::from([(PathBuf::from("../x"), String::new())])).unwrap();
        let message = format!("{:#}", decode(&evil).unwrap_err());
        assert!(message.contains("outside the crate"), "{message}");
    }
}
