//! A full disk, simulated: the write stage's writer ([`Writer`]) replaced by one that fills up
//! after N bytes, writing the part that fits and then failing with ENOSPC, as a full disk
//! does. Runs everywhere (the tmpfs test in `faults.rs` needs mount rights), in process, for
//! every N of a sweep that cuts each file of the run at its start, its middle and its end.
//!
//! After each: a clean error naming the problem with a `help:` line; for a generation, no
//! partial crate at the target and the workspace manifest untouched (or, when only the
//! manifest did not fit, the crate complete and the error saying so); for an update, the
//! crate exactly as it was; no temporary file or directory left either way.

use std::cell::{Cell, RefCell};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use clap::Parser as _;
use connector_new::cli::Cli;
use connector_new::commands::update::{self, UpdateArgs};
use connector_new::refusal::Refusal;
use connector_new::write::Writer;

use super::common::{leftovers, restore, tree, workspace, MANIFEST};
use crate::older_revision::Older;

/// A disk with `room` bytes left; it records the size of every write it is asked for.
struct FillingDisk {
    room: Cell<usize>,
    full: Cell<bool>,
    sizes: RefCell<Vec<usize>>,
}

impl FillingDisk {
    fn new(room: usize) -> Self {
        Self {
            room: Cell::new(room),
            full: Cell::new(false),
            sizes: RefCell::new(Vec::new()),
        }
    }
}

impl Writer for FillingDisk {
    fn write(&self, path: &Path, contents: &[u8]) -> io::Result<()> {
        self.sizes.borrow_mut().push(contents.len());
        let fits = contents.len().min(self.room.get());
        fs::write(path, &contents[..fits])?;
        self.room.set(self.room.get() - fits);
        if fits < contents.len() {
            self.full.set(true);
            return Err(io::Error::from_raw_os_error(libc::ENOSPC));
        }
        Ok(())
    }
}

/// Byte counts that cut each write (of sizes `sizes`, in order) at its start, middle and end.
fn cut_points(sizes: &[usize]) -> Vec<usize> {
    let mut points = Vec::new();
    let mut before = 0;
    for size in sizes {
        points.extend([before, before + size / 2, before + size.saturating_sub(1)]);
        before += size;
    }
    points.push(before);
    points.sort_unstable();
    points.dedup();
    points
}

/// The error's text and its `help:` line, which it must have.
fn refusal(error: &anyhow::Error) -> (String, String) {
    let help = error
        .chain()
        .find_map(|e| e.downcast_ref::<Refusal>())
        .map(|r| r.help().to_owned())
        .unwrap_or_else(|| panic!("no help line: {error:#}"));
    (format!("{error:#}"), help)
}

#[test]
fn a_disk_filling_at_any_byte_of_a_generation_leaves_no_partial_crate() {
    let cli = Cli::try_parse_from(["connector-new", "myapp", "-y", "--auth", "token"]).unwrap();
    let (_reference_dir, reference) = workspace();
    let whole = FillingDisk::new(usize::MAX);
    connector_new::generate_with(&cli, &reference, &mut Vec::new(), &whole).unwrap();
    let complete = tree(&reference.join("myapp"));
    let updated_manifest = fs::read_to_string(reference.join("Cargo.toml")).unwrap();
    let sizes = whole.sizes.into_inner();
    let total: usize = sizes.iter().sum();

    let (_scratch, root) = workspace();
    let (mut refused, mut manifest_only, mut fitted) = (0, 0, 0);
    let points = cut_points(&sizes);
    for &room in &points {
        let disk = FillingDisk::new(room);
        let result = connector_new::generate_with(&cli, &root, &mut Vec::new(), &disk);
        let manifest = fs::read_to_string(root.join("Cargo.toml")).unwrap();
        let crate_dir = root.join("myapp");
        assert_eq!(leftovers(&root), Vec::<String>::new(), "{room} bytes");
        match result {
            Ok(()) => {
                assert!(!disk.full.get(), "{room} bytes: the disk filled, no error");
                assert_eq!(tree(&crate_dir), complete);
                assert_eq!(manifest, updated_manifest);
                fitted += 1;
            }
            Err(error) => {
                assert!(disk.full.get(), "{room} bytes: {error:#}");
                let (text, help) = refusal(&error);
                assert!(text.contains("No space left on device"), "{text}");
                assert!(help.contains("free some space"), "{help}");
                assert_eq!(manifest, MANIFEST, "{room} bytes: {text}");
                if crate_dir.exists() {
                    // Only the manifest's update did not fit: the crate is whole, and said so.
                    assert_eq!(tree(&crate_dir), complete, "{room} bytes: a partial crate");
                    assert!(help.contains("members by hand"), "{help}");
                    manifest_only += 1;
                } else {
                    refused += 1;
                }
            }
        }
        let _ = fs::remove_dir_all(&crate_dir);
        fs::write(root.join("Cargo.toml"), MANIFEST).unwrap();
    }
    assert!(refused > 0 && manifest_only > 0 && fitted > 0);
    eprintln!(
        "disk full, simulated (generation of {} writes, {total} bytes): {} sizes of the disk, \
         {refused} refused with no crate, the manifest untouched and no leftovers, \
         {manifest_only} with the crate whole but the manifest full (said so), {fitted} fitted",
        sizes.len(),
        points.len()
    );
}

#[test]
fn a_disk_filling_at_any_byte_of_an_update_leaves_the_crate_as_it_was() {
    let (_scratch, root) = workspace();
    let cli = Cli::try_parse_from(["connector-new", "myapp", "-y", "--auth", "token"]).unwrap();
    connector_new::generate_with(&cli, &root, &mut Vec::new(), &FillingDisk::new(usize::MAX))
        .unwrap();
    let krate = root.join("myapp");
    Older::default().apply(&krate);
    let original = tree(&krate);
    let args = UpdateArgs {
        args: connector_new::commands::args::CrateArgs {
            path: Some(PathBuf::from("myapp")),
            ..Default::default()
        },
        adopt: None,
    };

    let whole = FillingDisk::new(usize::MAX);
    update::run_with(&args, &root, &mut Vec::new(), &whole).unwrap();
    let updated = tree(&krate);
    let sizes = whole.sizes.into_inner();
    let points = cut_points(&sizes);
    let (mut refused, mut fitted) = (0, 0);
    for &room in &points {
        restore(&krate, &original);
        let disk = FillingDisk::new(room);
        match update::run_with(&args, &root, &mut Vec::new(), &disk) {
            Ok(()) => {
                assert!(!disk.full.get());
                assert_eq!(tree(&krate), updated);
                fitted += 1;
            }
            Err(error) => {
                let (text, help) = refusal(&error);
                assert!(text.contains("No space left on device"), "{text}");
                assert!(help.contains("free some space"), "{help}");
                // Nothing moved into place, and the staging directory is gone.
                assert_eq!(tree(&krate), original, "{room} bytes: {text}");
                refused += 1;
            }
        }
    }
    assert!(refused > 0 && fitted > 0);
    eprintln!(
        "disk full, simulated (update of {} writes, {} bytes): {} sizes of the disk, \
         {refused} refused with the crate as it was and no staging left, {fitted} fitted",
        sizes.len(),
        sizes.iter().sum::<usize>(),
        points.len()
    );
}
