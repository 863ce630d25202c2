//! Hardening with numbers (issue 12): connector-new under hostile names and paths, filesystem
//! faults and random kills. Each test prints its figures (`--nocapture` shows them);
//! docs/reliability.md records them with the command that reruns each one.

mod robustness {
    pub mod common;
    mod faults;
    mod kills;
    mod names;
}
