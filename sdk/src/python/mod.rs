//! Python's text forms that the protocol's bytes depend on: `json.dumps`, `json.loads`,
//! `repr(float)`, `str()` of parsed JSON and `str.isspace`.

mod float;
mod json;
mod loads;
mod repr;
mod text;
mod value;

pub(crate) use json::{dumps, write_string, write_value, Style};
pub(crate) use loads::loads;
pub use repr::python_repr;
pub(crate) use repr::python_str;
pub(crate) use text::{is_python_space, python_strip};
