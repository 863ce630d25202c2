//! HTTP client base for connectors.
