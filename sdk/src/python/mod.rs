//! Python's text forms that the protocol's bytes depend on: `json.dumps` and `repr(float)`.

mod float;
mod json;

pub(crate) use float::python_float_repr;
pub(crate) use json::{dumps, write_string, write_value, Style};
