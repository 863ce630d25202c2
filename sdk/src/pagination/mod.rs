//! Opaque page tokens.
