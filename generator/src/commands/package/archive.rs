//! The bundle's bytes: a reproducible tar.gz of the binary and `metadata.toml`.

use std::io::Write as _;

use anyhow::Context as _;
use flate2::{Compression, GzBuilder};

/// The binary's name inside the archive, as in the reference's bundle.
pub(crate) const BINARY: &str = "main";
/// The metadata file's name inside the archive.
pub(crate) const METADATA: &str = "metadata.toml";

/// The reference's `connector_metadata_file`, byte for byte.
pub(crate) fn metadata(app_id: &str, version: &str) -> String {
    let app_id = app_id.strip_suffix("_on_prem").unwrap_or(app_id);
    format!("[connector]\napp_id = \"{app_id}_on_prem\"\nversion = \"{version}\"\n")
}

/// `main` (0770) then `metadata.toml` (0644), fixed metadata, gzip level 9 (the reference's)
/// without a timestamp or name.
pub(crate) fn bundle(binary: &[u8], metadata: &str) -> anyhow::Result<Vec<u8>> {
    let gzip = GzBuilder::new()
        .mtime(0)
        .write(Vec::new(), Compression::best());
    let mut tar = tar::Builder::new(gzip);
    for (name, mode, data) in [
        (BINARY, 0o770, binary),
        (METADATA, 0o644, metadata.as_bytes()),
    ] {
        let mut header = tar::Header::new_ustar();
        header.set_entry_type(tar::EntryType::Regular);
        header.set_size(data.len() as u64);
        header.set_mode(mode);
        header.set_mtime(0);
        header.set_uid(0);
        header.set_gid(0);
        tar.append_data(&mut header, name, data)
            .with_context(|| format!("cannot add {name} to the archive"))?;
    }
    let mut gzip = tar.into_inner().context("cannot finish the archive")?;
    gzip.flush().context("cannot compress the archive")?;
    gzip.finish().context("cannot compress the archive")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_is_the_references_text() {
        assert_eq!(
            metadata("acme", "1.2.3"),
            "[connector]\napp_id = \"acme_on_prem\"\nversion = \"1.2.3\"\n"
        );
        assert_eq!(metadata("acme_on_prem", "1"), metadata("acme", "1"));
    }

    #[test]
    fn the_same_inputs_give_the_same_bytes_and_the_header_has_no_timestamp() {
        let first = bundle(b"\x7fELF...", &metadata("a", "1")).unwrap();
        let second = bundle(b"\x7fELF...", &metadata("a", "1")).unwrap();
        assert_eq!(first, second);
        // gzip: magic, deflate, no flags (no name), mtime 0.
        assert_eq!(&first[..8], &[0x1f, 0x8b, 8, 0, 0, 0, 0, 0]);
        assert_ne!(first, bundle(b"\x7fELF..!", &metadata("a", "1")).unwrap());
    }
}
