//! Golden tier: `scaffolded-example/` is exactly what connector-new generates for fixed
//! answers (name `example`, oauth, all 12 capabilities, SDK at `../sdk`). Regenerating in
//! memory must give the same files, byte for byte.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "the helpers of a test fail it by panicking, like the test functions themselves"
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use connector_new::commands::pristine::with_base;
use connector_new::render::render;
use connector_new::template_config::TemplateConfig;
use connector_new::vars::Vars;
use connector_new::vocabulary::{ApiKind, AuthKind, Capability};

const REFRESH: &str = "cargo run -p connector-new -- example --force \
--auth oauth --all-capabilities --yes --output scaffolded-example";

fn example_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../scaffolded-example")
}

/// Every file under the example, relative, skipping build output.
fn files_on_disk(root: &Path) -> BTreeSet<PathBuf> {
    let mut found = BTreeSet::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("scaffolded-example is readable") {
            let path = entry.expect("directory entry").path();
            if path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                found.insert(path.strip_prefix(root).expect("under root").to_path_buf());
            }
        }
    }
    found
}

#[test]
fn scaffolded_example_matches_the_templates() {
    let config = TemplateConfig::embedded().expect("the embedded cargo-generate.toml loads");
    let vars = Vars::new(
        "example",
        ApiKind::Rest,
        AuthKind::Oauth,
        &Capability::ALL,
        "../sdk",
    );
    // With the pristine base connector-new writes next to the files (`update` merges against it).
    let expected = with_base(render(&config, &vars).expect("the templates render"))
        .expect("the pristine base encodes");
    let root = example_dir();

    let on_disk = files_on_disk(&root);
    let rendered: BTreeSet<PathBuf> = expected.keys().cloned().collect();
    assert_eq!(
        on_disk, rendered,
        "scaffolded-example/ has a different file list than the templates produce.\nRefresh it with:\n  {REFRESH}"
    );
    for (path, text) in &expected {
        let actual = std::fs::read_to_string(root.join(path)).expect("example file is readable");
        assert!(
            actual == *text,
            "scaffolded-example/{} differs from what the templates produce.\nRefresh it with:\n  {REFRESH}",
            path.display()
        );
    }
}
