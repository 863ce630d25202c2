//! Filesystem faults: a read-only parent, an output path that is a file or a symlink, a target
//! that appears while generating, a full disk. After each: a clear refusal with a `help:`
//! line, no partial crate, no temporary files left, the workspace manifest untouched (or, when
//! only its own update failed, the crate complete and the error saying to add it by hand).

use std::fs;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::thread::sleep;
use std::time::Duration;

use super::common::{bin, hash_tree, leftovers, run, tree, workspace, Rng, MANIFEST};

/// A refusal: non-zero exit, `error:` and `help:` lines.
fn assert_refused(output: &Output) -> String {
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!output.status.success(), "accepted: {stderr}");
    assert!(
        stderr.contains("error:") && stderr.contains("help:"),
        "{stderr}"
    );
    stderr
}

/// Whether this process can write into a directory whose mode forbids it (root can).
fn permissions_bind(dir: &Path) -> bool {
    fs::create_dir(dir.join("probe")).is_err() || {
        fs::remove_dir(dir.join("probe")).unwrap();
        false
    }
}

/// Mounts a tmpfs of `size` bytes (read-only if asked) at `at`; false where mounting is not
/// allowed (not root, no `mount`, a container without the capability).
fn mount_tmpfs(at: &Path, size: u64, read_only: bool) -> bool {
    let options = format!("size={size}{}", if read_only { ",ro" } else { "" });
    Command::new("mount")
        .args(["-t", "tmpfs", "-o", &options, "tmpfs"])
        .arg(at)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn unmount(at: &Path) {
    let status = Command::new("umount").arg(at).status().unwrap();
    assert!(status.success());
}

#[test]
fn a_read_only_parent_is_refused_untouched() {
    let (_scratch, root) = workspace();
    let parent = root.join("ro");
    fs::create_dir(&parent).unwrap();
    fs::set_permissions(&parent, fs::Permissions::from_mode(0o555)).unwrap();
    let how = if permissions_bind(&parent) {
        "mode 0555"
    } else if mount_tmpfs(&parent, 1 << 20, true) {
        "a read-only tmpfs (root ignores modes)"
    } else {
        eprintln!("read-only parent: SKIPPED, running as root where mounting is not allowed");
        return;
    };
    let before = hash_tree(&root);
    let output = run(&root, &["myapp", "-y", "--output", "ro/myapp"]);
    let after = hash_tree(&root);
    if how.starts_with("a read-only") {
        unmount(&parent);
    }
    fs::set_permissions(&parent, fs::Permissions::from_mode(0o755)).unwrap();
    let stderr = assert_refused(&output);
    assert_eq!(before, after, "{stderr}");
    eprintln!("read-only parent ({how}): refused, tree unchanged");
}

#[test]
fn an_output_that_is_a_file_or_a_symlink_is_refused_untouched() {
    let (_scratch, root) = workspace();
    fs::write(root.join("file"), "the author's").unwrap();
    fs::create_dir(root.join("dir")).unwrap();
    fs::write(root.join("dir/keep.rs"), "fn main() {}").unwrap();
    symlink("file", root.join("to-file")).unwrap();
    symlink("dir", root.join("to-dir")).unwrap();
    symlink("missing", root.join("dangling")).unwrap();
    symlink("empty", root.join("to-empty")).unwrap();
    fs::create_dir(root.join("empty")).unwrap();
    let mut refused = 0;
    for output in [
        "file",
        "file/x",
        "to-file",
        "to-file/x",
        "to-dir",
        "dangling",
        "dangling/x",
    ] {
        let before = hash_tree(&root);
        let ran = run(&root, &["myapp", "-y", "--output", output]);
        let stderr = assert_refused(&ran);
        assert_eq!(hash_tree(&root), before, "--output {output}: {stderr}");
        refused += 1;
    }
    // A symlink to an empty directory is followed: the crate goes into the directory it names,
    // and the link stays a link.
    let ran = run(&root, &["myapp", "-y", "--output", "to-empty"]);
    assert!(ran.status.success(), "{ran:?}");
    assert!(fs::symlink_metadata(root.join("to-empty"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(root.join("empty/Cargo.toml").is_file());
    assert!(leftovers(&root).is_empty());
    eprintln!("file and symlink outputs: {refused} refused with the tree unchanged, 1 symlink to an empty dir followed");
}

#[test]
fn a_target_that_appears_while_generating_is_never_mixed_with_the_crate() {
    const RACES: u32 = 40;
    let (_reference_dir, reference) = workspace();
    assert!(run(&reference, &["myapp", "-y"]).status.success());
    let complete = tree(&reference.join("myapp"));
    let (_scratch, root) = workspace();
    let target = root.join("myapp");
    let mut rng = Rng(0x5eed);
    let (mut author_first, mut crate_first) = (0, 0);
    for _ in 0..RACES {
        let mut child = bin()
            .args(["myapp", "-y"])
            .current_dir(&root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        sleep(Duration::from_micros(rng.below(150_000)));
        // The author's file appears where the crate goes.
        let appeared = fs::write(&target, "the author's").is_ok();
        let status = child.wait().unwrap();
        if fs::symlink_metadata(&target).unwrap().is_file() {
            assert!(appeared);
            assert_eq!(fs::read_to_string(&target).unwrap(), "the author's");
            assert!(!status.success());
            assert_eq!(
                fs::read_to_string(root.join("Cargo.toml")).unwrap(),
                MANIFEST
            );
            author_first += 1;
            fs::remove_file(&target).unwrap();
        } else {
            assert!(!appeared && status.success());
            assert_eq!(tree(&target), complete);
            crate_first += 1;
            fs::remove_dir_all(&target).unwrap();
        }
        fs::write(root.join("Cargo.toml"), MANIFEST).unwrap();
        assert!(leftovers(&root).is_empty(), "{:?}", leftovers(&root));
    }
    eprintln!(
        "target appearing: {RACES} races, the author's file first in {author_first} (kept, run \
         refused), the crate first in {crate_first} (complete); never mixed"
    );
}

#[test]
fn a_full_disk_leaves_no_partial_crate() {
    let mount = tempfile::tempdir().unwrap();
    let at: PathBuf = mount.path().canonicalize().unwrap();
    if !mount_tmpfs(&at, 1 << 20, false) {
        eprintln!("disk full: SKIPPED, mounting a tmpfs is not allowed here");
        return;
    }
    unmount(&at);
    let (mut full, mut manifest_only, mut fitted) = (0, 0, 0);
    // From a disk that holds nothing to one that holds everything, a page at a time.
    for pages in (1..=48u64).step_by(2) {
        assert!(mount_tmpfs(&at, pages * 4096, false));
        fs::write(at.join("Cargo.toml"), MANIFEST).unwrap_or_default();
        let output = run(&at, &["myapp", "-y"]);
        let manifest = fs::read_to_string(at.join("Cargo.toml")).unwrap_or_default();
        let crate_there = at.join("myapp").exists();
        let left = leftovers(&at);
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        unmount(&at);
        assert!(left.is_empty(), "{pages} pages: {left:?}");
        if output.status.success() {
            assert!(crate_there && manifest.contains("myapp"));
            fitted += 1;
        } else if crate_there {
            // Only the manifest update failed: said so, the manifest as it was.
            assert!(
                stderr.contains("add the crate to [workspace] members by hand"),
                "{stderr}"
            );
            assert!(!manifest.contains("myapp"));
            manifest_only += 1;
        } else {
            assert!(stderr.contains("help:"), "{stderr}");
            assert!(!manifest.contains("myapp"));
            full += 1;
        }
    }
    eprintln!(
        "disk full (tmpfs of 4 KiB to 192 KiB): {full} refused with no crate and no leftovers, \
         {manifest_only} with the crate written but the manifest full (said so), {fitted} fitted"
    );
}
