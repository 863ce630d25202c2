//! PATCH request bodies (RFC 7644 §3.5.2): `PatchOp`.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::filter;
use super::urn;
use super::user::ResourceRef;

/// A PATCH request body: the PatchOp schema and its operations, applied in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PatchOp {
    /// [`urn::PATCH_OP`].
    pub schemas: Vec<String>,
    /// The operations.
    #[serde(rename = "Operations")]
    pub operations: Vec<PatchOperation>,
}

/// One PATCH operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PatchOperation {
    /// What to do.
    pub op: PatchKind,
    /// The attribute path; absent means the resource itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The value to add or replace with; absent for `remove`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

/// The PATCH operation kinds, sent in lower case as RFC 7644 writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PatchKind {
    /// Add values (appends to multi-valued attributes).
    Add,
    /// Remove values.
    Remove,
    /// Replace values.
    Replace,
}

impl PatchOp {
    /// A body with these operations.
    pub fn new(operations: impl IntoIterator<Item = PatchOperation>) -> Self {
        Self {
            schemas: vec![urn::PATCH_OP.to_owned()],
            operations: operations.into_iter().collect(),
        }
    }

    /// `replace` of the attribute at `path` with `value`.
    pub fn replace(path: impl Into<String>, value: Value) -> Self {
        Self::new([PatchOperation {
            op: PatchKind::Replace,
            path: Some(path.into()),
            value: Some(value),
        }])
    }

    /// One `replace` per `(path, value)`, in order: the PATCH of an update that changes only
    /// the attributes given (RFC 7644 §3.5.2.3).
    pub fn replace_all<P: Into<String>>(changes: impl IntoIterator<Item = (P, Value)>) -> Self {
        Self::new(changes.into_iter().map(|(path, value)| PatchOperation {
            op: PatchKind::Replace,
            path: Some(path.into()),
            value: Some(value),
        }))
    }

    /// Activates or deactivates a user: `replace` of `active`.
    pub fn set_active(active: bool) -> Self {
        Self::replace("active", Value::Bool(active))
    }

    /// Adds users (or groups) to a group: `add` of `members` with `[{"value": id}, ...]`.
    pub fn add_members<I, S>(member_ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let members: Vec<ResourceRef> = member_ids.into_iter().map(ResourceRef::to).collect();
        Self::new([PatchOperation {
            op: PatchKind::Add,
            path: Some("members".to_owned()),
            value: Some(json!(members)),
        }])
    }

    /// Removes one member from a group: `remove` with the path `members[value eq "id"]`
    /// (the id escaped, see [`filter::quote`]).
    pub fn remove_member(member_id: &str) -> Self {
        Self::new([PatchOperation {
            op: PatchKind::Remove,
            path: Some(filter::member_path(member_id)),
            value: None,
        }])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_exact() {
        assert_eq!(
            serde_json::to_value(PatchOp::set_active(false)).unwrap(),
            json!({"schemas": [urn::PATCH_OP],
                   "Operations": [{"op": "replace", "path": "active", "value": false}]})
        );
        assert_eq!(
            serde_json::to_value(PatchOp::replace_all([
                ("userName", json!("ada")),
                ("name.givenName", json!("Ada")),
            ]))
            .unwrap(),
            json!({"schemas": [urn::PATCH_OP],
                   "Operations": [{"op": "replace", "path": "userName", "value": "ada"},
                                  {"op": "replace", "path": "name.givenName", "value": "Ada"}]})
        );
        assert_eq!(
            serde_json::to_value(PatchOp::add_members(["u1", "u2"])).unwrap(),
            json!({"schemas": [urn::PATCH_OP],
                   "Operations": [{"op": "add", "path": "members",
                                   "value": [{"value": "u1"}, {"value": "u2"}]}]})
        );
        assert_eq!(
            serde_json::to_value(PatchOp::remove_member("x\"y")).unwrap(),
            json!({"schemas": [urn::PATCH_OP],
                   "Operations": [{"op": "remove", "path": "members[value eq \"x\\\"y\"]"}]})
        );
    }
}
