//! Golden tier: `scaffolded-example/` is exactly what connector-new generates for fixed
//! answers (name `example`, rest, oauth, all 12 capabilities, SDK at `../sdk`), and
//! `scaffolded-example-scim/` for the SCIM connector (name `scim-example`, scim, token, all 11
//! capabilities SCIM supports). Regenerating in memory must give the same files, byte for
//! byte.

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

/// One golden example: its directory, its answers, and the command that refreshes it.
struct Example {
    dir: &'static str,
    name: &'static str,
    api: ApiKind,
    auth: AuthKind,
    refresh: &'static str,
}

const EXAMPLES: [Example; 2] = [
    Example {
        dir: "scaffolded-example",
        name: "example",
        api: ApiKind::Rest,
        auth: AuthKind::Oauth,
        refresh: "cargo run -p connector-new -- example --force \
                  --auth oauth --all-capabilities --yes --output scaffolded-example",
    },
    Example {
        dir: "scaffolded-example-scim",
        name: "scim_example",
        api: ApiKind::Scim,
        auth: AuthKind::Token,
        refresh: "cargo run -p connector-new -- scim-example --force --api scim \
                  --auth token --all-capabilities --yes --output scaffolded-example-scim",
    },
];

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
fn scaffolded_examples_match_the_templates() {
    let config = TemplateConfig::embedded().expect("the embedded cargo-generate.toml loads");
    for example in EXAMPLES {
        let Example {
            dir,
            name,
            api,
            auth,
            refresh,
        } = example;
        // Every core capability the API kind supports, as --all-capabilities selects.
        let capabilities: Vec<Capability> = Capability::ALL
            .into_iter()
            .filter(|c| c.is_core() && api.supports(*c))
            .collect();
        let vars = Vars::new(name, api, auth, &capabilities, "../sdk");
        // With the pristine base connector-new writes next to the files (`update` merges
        // against it).
        let expected = with_base(render(&config, &vars).expect("the templates render"))
            .expect("the pristine base encodes");
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(dir);

        let on_disk = files_on_disk(&root);
        let rendered: BTreeSet<PathBuf> = expected.keys().cloned().collect();
        assert_eq!(
            on_disk, rendered,
            "{dir}/ has a different file list than the templates produce.\nRefresh it with:\n  {refresh}"
        );
        for (path, text) in &expected {
            let actual =
                std::fs::read_to_string(root.join(path)).expect("example file is readable");
            assert!(
                actual == *text,
                "{dir}/{} differs from what the templates produce.\nRefresh it with:\n  {refresh}",
                path.display()
            );
        }
    }
}
