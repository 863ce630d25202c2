//! JSON Schemas in the protocol's dialect.
