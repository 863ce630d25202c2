//! The error a user can act on: what is wrong, plus the `help:` line that says what to do.

use std::fmt;

/// An input or environment problem, refused before (or instead of) writing anything.
///
/// `Display` shows only the message; the top-level error printer finds the `Refusal` in an
/// `anyhow` chain and prints its help on its own `help:` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    message: String,
    help: String,
}

impl Refusal {
    /// A refusal with its message and help text (the help has no `help:` prefix).
    pub fn new(message: impl Into<String>, help: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            help: help.into(),
        }
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// What to do about it.
    pub fn help(&self) -> &str {
        &self.help
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Refusal {}

/// The help of the first [`Refusal`] in an error chain, if any.
pub fn help_of(error: &anyhow::Error) -> Option<&str> {
    error
        .chain()
        .find_map(|cause| cause.downcast_ref::<Refusal>())
        .map(Refusal::help)
}
