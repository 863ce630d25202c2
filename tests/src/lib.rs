//! End-to-end tests of connector-new live in `tests/`; this library is empty on purpose.
