//! [`NextPageToken`]: the opaque token handed to the host, and its exact byte format.

use std::collections::BTreeSet;
use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{hex, msgpack};
use crate::error::{ConnectorError, ConnectorResult, ErrorKind};

/// An opaque page token: lowercase hex of the msgpack array of pagination objects
/// (protocol README §8.2). Hosts store it and send it back unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NextPageToken(String);

impl NextPageToken {
    /// Encodes pagination objects into a token, or `None` when the list is empty (the
    /// response's `page` must then be null: no more data).
    ///
    /// Each `P` must serialize to a map whose first key is `endpoint` (a string or null),
    /// followed by the connector's own fields in declaration order, for example
    /// [`OffsetPagination`](super::OffsetPagination).
    ///
    /// # Errors
    ///
    /// Anything else is a connector bug and gives an `internal_error`.
    pub fn encode<P: Serialize>(paginations: &[P]) -> ConnectorResult<Option<NextPageToken>> {
        if paginations.is_empty() {
            return Ok(None);
        }
        let mut objects = Vec::with_capacity(paginations.len());
        for pagination in paginations {
            let value = serde_json::to_value(pagination).map_err(|e| {
                internal(format!("A pagination object could not be serialized: {e}"))
            })?;
            check_shape(&value)?;
            objects.push(value);
        }
        let mut bytes = Vec::new();
        msgpack::encode(&Value::Array(objects), &mut bytes)
            .map_err(|e| internal(format!("A page token could not be encoded: {}", e.0)))?;
        Ok(Some(NextPageToken(hex::encode(&bytes))))
    }

    /// Decodes a token produced by [`NextPageToken::encode`] (by this runtime or the
    /// reference one) into pagination objects.
    ///
    /// Accepts upper-case hex and ASCII whitespace between byte pairs, like the reference.
    /// Every map must deserialize into `P` and hold no key that `P` does not serialize.
    ///
    /// # Errors
    ///
    /// Any failure, including the empty string, is `invalid_page_token` (the reference
    /// answers `internal_error` here; the protocol asks for this improvement).
    pub fn decode<P: DeserializeOwned + Serialize>(token: &str) -> ConnectorResult<Vec<P>> {
        decode_inner(token).map_err(|reason| {
            tracing::debug!(reason, "page token rejected");
            ConnectorError::new(ErrorKind::InvalidPageToken)
        })
    }

    /// The token text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The token text, by value.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for NextPageToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for NextPageToken {
    fn from(token: String) -> Self {
        NextPageToken(token)
    }
}

impl From<NextPageToken> for String {
    fn from(token: NextPageToken) -> Self {
        token.0
    }
}

fn internal(message: String) -> ConnectorError {
    ConnectorError::with_kind(ErrorKind::Internal, message)
}

/// The reference relies on the model's field order; checking it here catches a pagination
/// struct that would produce tokens other runtimes read differently.
fn check_shape(value: &Value) -> ConnectorResult<()> {
    let Value::Object(map) = value else {
        return Err(internal(
            "A pagination object must serialize to a map.".to_owned(),
        ));
    };
    match map.iter().next() {
        Some((key, Value::String(_) | Value::Null)) if key == "endpoint" => Ok(()),
        _ => Err(internal(
            "A pagination object must have `endpoint` (a string or null) as its first field."
                .to_owned(),
        )),
    }
}

fn decode_inner<P: DeserializeOwned + Serialize>(token: &str) -> Result<Vec<P>, &'static str> {
    let bytes = hex::decode(token).ok_or("not hexadecimal")?;
    let value = msgpack::decode(&bytes).map_err(|e| e.0)?;
    let Value::Array(objects) = value else {
        return Err("top level is not an array");
    };
    objects.into_iter().map(decode_object).collect()
}

fn decode_object<P: DeserializeOwned + Serialize>(value: Value) -> Result<P, &'static str> {
    let Value::Object(map) = value else {
        return Err("element is not a map");
    };
    let keys: BTreeSet<String> = map.keys().cloned().collect();
    let pagination: P =
        serde_json::from_value(Value::Object(map)).map_err(|_| "map does not fit the model")?;
    // serde ignores unknown keys by default; re-serializing shows which keys the model has,
    // so connectors need no `deny_unknown_fields` to match the reference's strictness.
    let declared = match serde_json::to_value(&pagination) {
        Ok(Value::Object(declared)) => declared,
        _ => return Err("model does not serialize to a map"),
    };
    if keys.iter().all(|key| declared.contains_key(key)) {
        Ok(pagination)
    } else {
        Err("map has a key the model does not declare")
    }
}
