//! The template variables: the whole interface between the answers and the templates.
//!
//! Exactly these, for both engines: `crate_name` (snake_case of NAME), `api`, `auth` and
//! `pagination` (strings), one bool
//! per capability named like the capability, and `sdk_path` (string). Templates derive every
//! other name from them with the case filters.

use std::collections::BTreeMap;

use crate::vocabulary::{ApiKind, AuthKind, Capability, PaginationKind};

/// A template variable's value: the two types cargo-generate placeholders here have.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum VarValue {
    /// A `bool` placeholder (capabilities).
    Bool(bool),
    /// A `string` placeholder (`api`, `auth`, `pagination`, `sdk_path`) or `crate_name`.
    Str(String),
}

/// Name → value, sorted so that everything built from it is deterministic.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vars(BTreeMap<String, VarValue>);

impl Vars {
    /// The variables for one generated crate, its lists paged by `offset` (the template's
    /// default); [`Vars::with_pagination`] chooses another.
    pub fn new(
        crate_name: &str,
        api: ApiKind,
        auth: AuthKind,
        capabilities: &[Capability],
        sdk_path: &str,
    ) -> Self {
        let mut vars = Self::default();
        vars.insert("crate_name", VarValue::Str(crate_name.to_owned()));
        vars.insert("api", VarValue::Str(api.as_str().to_owned()));
        vars.insert("auth", VarValue::Str(auth.as_str().to_owned()));
        vars.insert(
            "pagination",
            VarValue::Str(PaginationKind::Offset.as_str().to_owned()),
        );
        for capability in Capability::ALL {
            vars.insert(
                capability.as_str(),
                VarValue::Bool(capabilities.contains(&capability)),
            );
        }
        vars.insert("sdk_path", VarValue::Str(sdk_path.to_owned()));
        vars
    }

    /// The same variables with the lists paged by `pagination`.
    pub fn with_pagination(mut self, pagination: PaginationKind) -> Self {
        self.insert("pagination", VarValue::Str(pagination.as_str().to_owned()));
        self
    }

    /// Sets one variable.
    pub fn insert(&mut self, name: &str, value: VarValue) {
        self.0.insert(name.to_owned(), value);
    }

    /// One variable's value.
    pub fn get(&self, name: &str) -> Option<&VarValue> {
        self.0.get(name)
    }

    /// All variables, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &VarValue)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The Tera context with the same names and values.
    pub fn to_tera_context(&self) -> tera::Context {
        let mut context = tera::Context::new();
        for (name, value) in &self.0 {
            match value {
                VarValue::Bool(b) => context.insert(name.as_str(), b),
                VarValue::Str(s) => context.insert(name.as_str(), s),
            }
        }
        context
    }
}
