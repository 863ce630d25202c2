//! JSON Schemas in the protocol's dialect, and the `info` serialization.
//!
//! `info` embeds JSON Schemas exactly as the reference runtime's model library (pydantic)
//! emits them (protocol §9.3). This module provides:
//!
//! * the schemas of the **standard** capabilities and credential types, extracted once from
//!   the reference package (`sdk/schemas/*.json`, see `sdk/tools/extract_standard_schemas.py`):
//!   [`standard_capability_schema`], [`credential_schema`];
//! * the schema of a **connector-defined** Rust type in that dialect: [`model_schema`],
//!   [`with_field_order`], [`extend_standard_argument`], plus the Lumos field annotations
//!   ([`AnnotatedField`], [`secret`], [`hidden`]);
//! * helpers for `capability_schema` entries: [`capability_entry`], [`display_name`],
//!   [`list_placeholder_schema`], [`python_title`];
//! * the byte-exact `info` serialization: [`to_info_json`].

mod annotations;
mod entry;
mod extend;
mod info_json;
mod model;
mod pydantic;
mod standard;
mod title;

pub use annotations::{hidden, secret, AnnotatedField, Discriminator, SemanticType};
pub use entry::{capability_entry, list_placeholder_schema};
pub use extend::extend_standard_argument;
pub use info_json::to_info_json;
pub(crate) use info_json::INFO_STYLE;
pub use model::{model_schema, with_field_order};
pub use standard::{
    credential_kinds, credential_schema, standard_capability_category, standard_capability_level,
    standard_capability_names, standard_capability_schema, standard_capability_schema_text,
    standard_schemas_source,
};
pub use title::{display_name, python_title};
