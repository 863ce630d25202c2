//! Hardening with numbers (issue 12): connector-new under hostile names and paths, filesystem
//! faults and random kills. Each test prints its figures (`--nocapture` shows them);
//! docs/reliability.md records them with the command that reruns each one.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers fail the test by panicking, like the tests themselves"
)]

mod older_revision;

mod robustness {
    pub mod common;
    mod disk_full;
    mod faults;
    mod kills;
    mod names;
}
