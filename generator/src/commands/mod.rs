//! The commands that work on a crate connector-new generated earlier: `diff` and `update` (and
//! `add`, built on the same pieces).
//!
//! Shared pieces, one concept each:
//! - [`args`]: the flags every such command takes (`--path`, `--dry-run`, `--json`);
//! - [`target`]: finding the crate (the current directory or `--path`) and refusing what is not
//!   one;
//! - [`recorded`]: the answers recorded in its `Cargo.toml`, read back into template variables;
//! - [`pristine`]: the pristine base, the files exactly as last generated, kept in the crate;
//! - [`markers`]: conflict markers a previous `update` left;
//! - [`apply`]: writing a set of changed files into the crate atomically.
//!
//! # The contract for commands that change a crate (`add`)
//!
//! `update` merges three versions of every template file: the pristine base (what connector-new
//! wrote last), the working tree (the author's), and what the current templates produce for the
//! recorded answers. Whatever differs between the base and the working tree counts as the
//! author's code. So a command that edits the crate on the author's behalf must:
//!
//! 1. apply its edit to the working tree **and** to the pristine base (read it with
//!    [`GeneratedCrate::read_base`], write it back as one more entry of the same change set,
//!    at [`pristine::PATH`], encoded with [`pristine::encode`]), so that a later `update` does
//!    not take the added code for the author's;
//! 2. update the recorded answers in `Cargo.toml` ([`RecordedAnswers::write_into`]) so that the
//!    templates, rendered again, produce what was added;
//! 3. check everything first, then write every file in one [`apply::write`] call, which is
//!    atomic for the crate;
//! 4. refuse while [`markers::check`] finds conflict markers of an unfinished update.

pub mod add;
pub mod apply;
pub mod args;
pub mod diff;
pub mod markers;
pub mod package;
pub mod pristine;
pub mod recorded;
pub mod target;
pub mod update;

mod unified;

pub use recorded::RecordedAnswers;
pub use target::GeneratedCrate;

use std::fmt;

/// An error whose outcome the command has already printed (for example `update`'s conflicts
/// as JSON): the binary exits with a failure status without printing it again.
#[derive(Debug)]
pub struct AlreadyReported(pub String);

impl fmt::Display for AlreadyReported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for AlreadyReported {}
