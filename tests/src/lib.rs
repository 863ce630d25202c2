//! Helpers shared by the end-to-end tests in `tests/`: generating and building connectors in a
//! scratch workspace, and running the third-party servers some tiers test against.

pub mod support;
pub mod tutorial;
