//! Property tests of name and path handling: unicode, separators, `..`, absolute paths, very
//! long names, keywords and reserved names, case variants. Every refusal says what is wrong
//! with a `help:` line and leaves the disk as it was (the tree is hashed before and after);
//! every acceptance writes the crate exactly where asked, and nothing else.

use std::fs;
use std::path::{Component, Path, PathBuf};

use proptest::prelude::*;

use super::common::{hash_tree, run, tree};

const CASES: u32 = 96;

/// Names a user might type: mostly plausible app ids, with the hostile cases mixed in.
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z][a-z0-9-]{0,12}",
        "[a-zA-Z0-9_ .-]{1,20}",
        "\\PC{1,12}",
        "[a-z]{1,6}[/\\\\][a-z]{1,6}",
        Just("..".to_owned()),
        Just(".".to_owned()),
        "[a-z]{31,80}",
        prop::sample::select(vec![
            "self",
            "Self",
            "crate",
            "super",
            "async",
            "gen",
            "try",
            "std",
            "core",
            "test",
            "con",
            "nul",
            "com1",
            "lpt9",
            "build",
            "deps",
            "proc-macro",
            "My-App",
            "my_app",
            "MY-APP",
            "myApp",
            "my--app",
            "-myapp",
            "myapp-",
            "éclair",
            "ａｐｐ",
            "app\u{200b}",
        ])
        .prop_map(str::to_owned),
    ]
    .prop_filter("an argument cannot hold NUL", |s| !s.contains('\0'))
}

/// `path` with `.` and `..` resolved textually.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Checks one run in `root` (cwd `root/<cwd>`), whose crate should land at `expected`, and
/// undoes it; whether it was accepted.
fn check_run(
    root: &Path,
    cwd: &str,
    args: &[&str],
    expected: &Path,
) -> Result<bool, TestCaseError> {
    let before = tree(root);
    let hash = hash_tree(root);
    let output = run(&root.join(cwd), args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if output.status.success() {
        prop_assert!(
            expected.join("Cargo.toml").is_file(),
            "{args:?}: no crate at {expected:?}"
        );
        // Nothing else changed: every new or changed entry is the crate, inside it, or a
        // missing directory on the way to it.
        let mut created: Vec<PathBuf> = Vec::new();
        for (path, bytes) in tree(root) {
            if before.get(&path) != Some(&bytes) {
                let full = root.join(&path);
                prop_assert!(
                    full.starts_with(expected) || (expected.starts_with(&full) && full.is_dir()),
                    "{args:?} wrote {path:?}"
                );
                if !before.contains_key(&path) && !full.starts_with(expected) {
                    created.push(full);
                }
            }
        }
        fs::remove_dir_all(expected).unwrap();
        for dir in created.iter().rev() {
            fs::remove_dir(dir).unwrap();
        }
        prop_assert_eq!(hash_tree(root), hash);
    } else {
        prop_assert_eq!(
            hash_tree(root),
            hash,
            "{:?} refused but changed the disk",
            args
        );
        prop_assert!(stderr.contains("error:"), "{args:?}: {stderr}");
        prop_assert!(stderr.contains("help:"), "{args:?}: no help line: {stderr}");
    }
    Ok(output.status.success())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: CASES,
        // Failures are reported with their minimal input; no regression file in the tree.
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_name_is_generated_where_expected_or_refused_untouched(name in name()) {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().canonicalize().unwrap();
        fs::write(root.join("keep.txt"), "the author's").unwrap();
        let accepted = check_run(&root, "", &["-y", "--", &name], &root.join(&name))?;
        // An accepted name is a kebab-case Cargo name, so no two accepted names differ only by
        // case or separators.
        if accepted {
            prop_assert!(name.len() <= connector_new::MAX_NAME_LEN);
            prop_assert!(name.starts_with(|c: char| c.is_ascii_lowercase()));
            prop_assert!(name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
            prop_assert!(!name.contains("--") && !name.ends_with('-'));
        }
    }

    #[test]
    fn any_output_path_is_written_where_it_points_or_refused_untouched(
        parts in prop::collection::vec(
            prop_oneof![
                Just("..".to_owned()),
                Just(".".to_owned()),
                "[a-z]{1,8}",
                "\\PC{1,8}",
                "[a-z ]{1,4}",
                "x{256,300}",
                Just("keep.txt".to_owned()),
                Just("link".to_owned()),
            ],
            1..5,
        ),
        absolute in any::<bool>(),
    ) {
        let temp = tempfile::tempdir().unwrap();
        let root = temp.path().canonicalize().unwrap();
        fs::create_dir_all(root.join("w/cwd")).unwrap();
        fs::write(root.join("w/cwd/keep.txt"), "the author's").unwrap();
        std::os::unix::fs::symlink("keep.txt", root.join("w/cwd/link")).unwrap();
        let relative: PathBuf = parts.iter().collect();
        prop_assume!(!relative.as_os_str().as_encoded_bytes().contains(&0));
        let cwd = root.join("w/cwd");
        let path = if absolute { cwd.join(&relative) } else { relative.clone() };
        let expected = normalize(&cwd.join(&relative));
        // `..` may not climb out of the scratch directory.
        prop_assume!(expected.starts_with(&root) && expected != root && expected != root.join("w"));
        let path = path.to_string_lossy().into_owned();
        // `--output=PATH`: a path starting with `-` is still a path.
        let output = format!("--output={path}");
        check_run(&root, "w/cwd", &["myapp", "-y", &output], &expected)?;
    }
}

/// Found by this file: the same name generated twice into one workspace (the second with
/// `--output elsewhere`) made two members named `<name>-connector`, which breaks every cargo
/// command there. Now refused, untouched.
#[test]
fn a_package_name_already_in_the_workspace_is_refused_untouched() {
    let (_scratch, root) = super::common::workspace();
    assert!(run(&root, &["my-app", "-y"]).status.success());
    let before = hash_tree(&root);
    let output = run(&root, &["my-app", "-y", "--output", "sub/my-app"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success(), "{stderr}");
    assert!(
        stderr.contains("already has a package named `my-app-connector`"),
        "{stderr}"
    );
    assert!(stderr.contains("help:"), "{stderr}");
    assert_eq!(hash_tree(&root), before);
}
