//! Values as Python's `json.loads` returns them, which [`super::repr`] renders with `str()`.

/// A string as Python holds it: code points, where lone surrogates are allowed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct PyStr(pub(crate) Vec<u32>);

impl PyStr {
    pub(crate) fn from_str(s: &str) -> Self {
        Self(s.chars().map(u32::from).collect())
    }

    /// The text with lone surrogates replaced, as it can appear in UTF-8 output.
    pub(crate) fn to_lossy_string(&self) -> String {
        self.0
            .iter()
            .map(|&cp| char::from_u32(cp).unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect()
    }
}

/// A value as Python's `json.loads` returns it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PyValue {
    None,
    Bool(bool),
    /// An integer of any size, as its canonical decimal text.
    Int(String),
    Float(f64),
    Str(PyStr),
    List(Vec<PyValue>),
    /// Key order is first insertion; a repeated key keeps its place and takes the last value.
    Dict(Vec<(PyStr, PyValue)>),
}

impl PyValue {
    /// The value Python would hold after `json.loads(json.dumps(value))`.
    pub(crate) fn from_json(value: &serde_json::Value) -> Self {
        use serde_json::Value;
        match value {
            Value::Null => Self::None,
            Value::Bool(b) => Self::Bool(*b),
            Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
                (Some(i), _, _) => Self::Int(i.to_string()),
                (None, Some(u), _) => Self::Int(u.to_string()),
                (None, None, Some(f)) => Self::Float(f),
                // Only reachable with serde_json's arbitrary precision: keep the digits.
                (None, None, None) => Self::Int(n.to_string()),
            },
            Value::String(s) => Self::Str(PyStr::from_str(s)),
            Value::Array(items) => Self::List(items.iter().map(Self::from_json).collect()),
            Value::Object(map) => Self::Dict(
                map.iter()
                    .map(|(k, v)| (PyStr::from_str(k), Self::from_json(v)))
                    .collect(),
            ),
        }
    }

    /// Python's `bool()` of the value.
    pub(crate) fn is_truthy(&self) -> bool {
        match self {
            Self::None => false,
            Self::Bool(b) => *b,
            Self::Int(digits) => digits != "0",
            Self::Float(f) => *f != 0.0,
            Self::Str(s) => !s.0.is_empty(),
            Self::List(items) => !items.is_empty(),
            Self::Dict(entries) => !entries.is_empty(),
        }
    }
}
