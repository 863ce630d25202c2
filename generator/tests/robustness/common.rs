//! Helpers: running the binary, a scratch workspace, hashing a tree.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The connector-new binary under test.
pub fn bin() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_connector-new"));
    command.stdin(Stdio::null());
    command
}

/// Runs connector-new in `dir` to completion.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    bin()
        .args(args)
        .current_dir(dir)
        .output()
        .expect("connector-new runs")
}

/// The workspace manifest every scratch workspace starts with.
pub const MANIFEST: &str = "[workspace]\nmembers = []\nresolver = \"2\"\n";

/// A scratch directory holding a workspace manifest with no members.
pub fn workspace() -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().canonicalize().unwrap();
    fs::write(root.join("Cargo.toml"), MANIFEST).unwrap();
    (temp, root)
}

/// Every file, directory and symlink under `root` (relative path -> content, `<dir>`, or
/// `-> target`), not following symlinks: two equal trees are byte-for-byte the same.
pub fn tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let entry = entry.unwrap();
        let path = entry.path();
        let relative = path.strip_prefix(root).unwrap().to_path_buf();
        let kind = entry.file_type().unwrap();
        if kind.is_symlink() {
            let target = fs::read_link(&path).unwrap();
            out.insert(relative, format!("-> {}", target.display()).into_bytes());
        } else if kind.is_dir() {
            out.insert(relative, b"<dir>".to_vec());
            walk(root, &path, out);
        } else {
            out.insert(relative, fs::read(&path).unwrap());
        }
    }
}

/// Puts the tree `original` (as [`tree`] gives it) back at `dir`.
pub fn restore(dir: &Path, original: &BTreeMap<PathBuf, Vec<u8>>) {
    fs::remove_dir_all(dir).unwrap();
    for (path, bytes) in original {
        let path = dir.join(path);
        if bytes == b"<dir>" {
            fs::create_dir_all(&path).unwrap();
        } else {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, bytes).unwrap();
        }
    }
    assert_eq!(&tree(dir), original);
}

/// A digest of [`tree`] (FNV-1a over paths and contents), to compare before and after.
pub fn hash_tree(root: &Path) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (path, bytes) in tree(root) {
        for byte in path
            .to_string_lossy()
            .as_bytes()
            .iter()
            .chain([0u8].iter())
            .chain(bytes.iter())
            .chain([0u8].iter())
        {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// The names in `dir` of connector-new's temporary files (staging directories, manifest
/// copies).
pub fn leftovers(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".connector-new-"))
        .collect();
    names.sort();
    names
}

/// The pid of a process that has exited and been reaped.
pub fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    child.wait().unwrap();
    child.id()
}

/// A small deterministic generator (xorshift64*): the same seed gives the same kill points.
pub struct Rng(pub u64);

impl Rng {
    /// The next number below `bound` (> 0).
    pub fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % bound
    }
}
