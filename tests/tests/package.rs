//! `connector-new package` on a generated connector: the same archive twice, byte for byte;
//! its entries, modes and metadata are the reference's `compile-on-prem` bundle's; the binary
//! unpacked from it runs `info`. A target whose standard library is missing is refused before
//! any build.
//!
//! The connector builds with the `dev` profile in the shared `target/e2e`, not `release`: the
//! archive does not depend on the profile, and a release build of the dependencies would cost
//! minutes on CI's two cores.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "the helpers of a test fail it by panicking, like the test functions themselves"
)]

use std::io::Read as _;
use std::os::unix::fs::PermissionsExt as _;
use std::path::Path;
use std::process::Command;

use clap::Parser as _;
use connector_new::cli::Cli;
use connector_new_e2e::support::{build_env, e2e_target_dir, ScratchWorkspace};
use serde_json::Value;

fn package(args: &[&str]) -> anyhow::Result<()> {
    let mut argv = vec!["connector-new", "package", "--profile", "dev"];
    argv.extend_from_slice(args);
    connector_new::run(&Cli::try_parse_from(&argv).expect("the arguments parse"))
}

/// One archive entry: its header's fields and its bytes.
struct Entry {
    path: String,
    mode: u32,
    mtime: u64,
    uid: u64,
    gid: u64,
    user: String,
    group: String,
    data: Vec<u8>,
}

fn entries(archive: &Path) -> Vec<Entry> {
    let file = std::fs::File::open(archive).expect("the archive");
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(file));
    tar.entries()
        .expect("a tar")
        .map(|entry| {
            let mut entry = entry.expect("an entry");
            let header = entry.header().clone();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).expect("its bytes");
            Entry {
                path: header.path().unwrap().display().to_string(),
                mode: header.mode().unwrap(),
                mtime: header.mtime().unwrap(),
                uid: header.uid().unwrap(),
                gid: header.gid().unwrap(),
                user: header.username().unwrap().unwrap_or_default().to_owned(),
                group: header.groupname().unwrap().unwrap_or_default().to_owned(),
                data,
            }
        })
        .collect()
}

#[test]
fn package_writes_the_same_runnable_bundle_twice() {
    // The cargo that package runs builds as the other tiers' do, in the shared e2e target dir.
    for (key, value) in build_env() {
        std::env::set_var(key, value);
    }
    let scratch = ScratchWorkspace::new();
    scratch.generate(
        "pkgapp",
        &[
            "--api",
            "rest",
            "--auth",
            "token",
            "--capabilities=validate_credentials",
        ],
    );
    let crate_dir = scratch.path().join("pkgapp");
    let crate_dir = crate_dir.to_str().unwrap();

    let missing = "riscv64gc-unknown-none-elf";
    let refused = package(&["--path", crate_dir, "--target", missing]).unwrap_err();
    let refusal = refused
        .downcast_ref::<connector_new::refusal::Refusal>()
        .unwrap_or_else(|| panic!("a refusal: {refused:#}"));
    assert!(refusal.message().contains(missing), "{}", refusal.message());
    assert!(
        refusal
            .help()
            .contains(&format!("rustup target add {missing}")),
        "{}",
        refusal.help()
    );

    let first = scratch.path().join("first");
    let second = scratch.path().join("second");
    package(&["--path", crate_dir, "--output", first.to_str().unwrap()]).expect("package");
    package(&["--path", crate_dir, "--output", second.to_str().unwrap()]).expect("again");
    let name = "pkgapp-0.1.0.tar.gz";
    let bytes = std::fs::read(first.join(name)).expect("the first archive");
    assert_eq!(
        bytes,
        std::fs::read(second.join(name)).expect("the second archive"),
        "the same crate packaged twice gives the same bytes"
    );
    // gzip header: no file name, mtime 0.
    assert_eq!(&bytes[..8], &[0x1f, 0x8b, 8, 0, 0, 0, 0, 0]);

    let entries = entries(&first.join(name));
    let layout: Vec<(&str, u32, u64, u64, u64, &str, &str)> = entries
        .iter()
        .map(|e| {
            let (user, group) = (e.user.as_str(), e.group.as_str());
            (e.path.as_str(), e.mode, e.mtime, e.uid, e.gid, user, group)
        })
        .collect();
    assert_eq!(
        layout,
        [
            ("main", 0o770, 0, 0, 0, "", ""),
            ("metadata.toml", 0o644, 0, 0, 0, "", ""),
        ]
    );
    assert_eq!(
        String::from_utf8(entries[1].data.clone()).unwrap(),
        "[connector]\napp_id = \"pkgapp_on_prem\"\nversion = \"0.1.0\"\n"
    );
    let built = std::fs::read(e2e_target_dir().join("debug/pkgapp-connector")).unwrap();
    assert_eq!(entries[0].data, built, "main is the built binary");

    // Unpacked as the agent would, the binary runs.
    let unpacked = scratch.path().join("unpacked");
    std::fs::create_dir(&unpacked).unwrap();
    let file = std::fs::File::open(first.join(name)).unwrap();
    tar::Archive::new(flate2::read::GzDecoder::new(file))
        .unpack(&unpacked)
        .expect("unpack");
    let main = unpacked.join("main");
    assert_eq!(
        std::fs::metadata(&main).unwrap().permissions().mode() & 0o700,
        0o700
    );
    let output = Command::new(&main).arg("info").output().expect("main runs");
    assert!(output.status.success());
    let info: Value = serde_json::from_slice(&output.stdout).expect("info is JSON");
    assert_eq!(info["response"]["app_id"], "pkgapp");
    assert_eq!(info["response"]["version"], "0.1.0");
}
