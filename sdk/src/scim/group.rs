//! The Group resource (RFC 7643 §4.2).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::lenient;
use super::urn;
use super::user::ResourceRef;

/// A SCIM Group, tolerant in what it reads and exact in what it writes like
/// [`ScimUser`](super::ScimUser).
///
/// `members` is `None` when the server did not send the attribute or sent `null` (for
/// example after `excludedAttributes=members`, or a server that never lists members inline):
/// treat that as "unknown, ask the group itself", not as "no members".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScimGroup {
    /// The resource's schema URNs; [`urn::GROUP`] for a new group.
    #[serde(default, deserialize_with = "lenient::vec_or_null")]
    pub schemas: Vec<String>,
    /// The server's id; empty on a group not yet created (and then not sent).
    #[serde(
        default,
        deserialize_with = "lenient::string_or_null",
        skip_serializing_if = "String::is_empty"
    )]
    pub id: String,
    /// The provisioning client's own id for the group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// The group's name (required by RFC 7643).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// The members, when the server sent them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members: Option<Vec<ResourceRef>>,
    /// Every other attribute, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ScimGroup {
    /// A new group to create: the Group schema and `displayName`.
    pub fn new(display_name: impl Into<String>) -> Self {
        Self {
            schemas: vec![urn::GROUP.to_owned()],
            display_name: Some(display_name.into()),
            ..Self::default()
        }
    }
}
