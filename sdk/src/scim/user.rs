//! The User resource (RFC 7643 §4.1): the attributes connectors map, everything else kept.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::lenient;
use super::urn;
use crate::secret::Secret;

/// A SCIM User as servers send it and as a connector creates it.
///
/// Reading is tolerant: every attribute but `id` may be absent or `null`, booleans may come
/// as strings, and attributes not modelled here (`meta`, `phoneNumbers`, extension schemas...)
/// land in [`ScimUser::extra`] and are written back unchanged. Writing is exact: absent
/// attributes and empty lists are left out, so a new user is just
/// `{"schemas": [...User], "userName": ...}` plus what the author sets.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScimUser {
    /// The resource's schema URNs; [`urn::USER`] for a new user.
    #[serde(default, deserialize_with = "lenient::vec_or_null")]
    pub schemas: Vec<String>,
    /// The server's id; empty on a user not yet created (and then not sent).
    #[serde(
        default,
        deserialize_with = "lenient::string_or_null",
        skip_serializing_if = "String::is_empty"
    )]
    pub id: String,
    /// The provisioning client's own id for the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// The unique login name (required by RFC 7643, absent when `attributes=` left it out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
    /// The components of the user's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<ScimName>,
    /// The name shown to people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// The organization's kind of user, free text (`Employee`, `Contractor`...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_type: Option<String>,
    /// The initial or new password: sent when set, never shown by `Debug` (servers do not
    /// return it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
    /// Whether the user may sign in; absent means the server does not say.
    #[serde(
        default,
        deserialize_with = "lenient::bool_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub active: Option<bool>,
    /// Email addresses.
    #[serde(
        default,
        deserialize_with = "lenient::vec_or_null",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub emails: Vec<MultiValue>,
    /// The groups the user belongs to (read-only on the server).
    #[serde(
        default,
        deserialize_with = "lenient::vec_or_null",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub groups: Vec<ResourceRef>,
    /// Every other attribute, as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl ScimUser {
    /// A new user to create: the User schema and `userName`.
    pub fn new(user_name: impl Into<String>) -> Self {
        Self {
            schemas: vec![urn::USER.to_owned()],
            user_name: Some(user_name.into()),
            ..Self::default()
        }
    }

    /// The primary email, else the first one with a value.
    pub fn primary_email(&self) -> Option<&str> {
        let with_value = || self.emails.iter().filter(|e| e.value.is_some());
        with_value()
            .find(|e| e.primary == Some(true))
            .or_else(|| with_value().next())
            .and_then(|e| e.value.as_deref())
    }
}

/// The `name` complex attribute.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScimName {
    /// The full name, formatted for display.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formatted: Option<String>,
    /// The family (last) name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// The given (first) name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// Every other sub-attribute (`middleName`, `honorificPrefix`...), as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// One value of a multi-valued attribute such as `emails` (RFC 7643 §2.4).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MultiValue {
    /// The value, for example the address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// A label for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// The kind, for example `work`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Whether this is the preferred value.
    #[serde(
        default,
        deserialize_with = "lenient::bool_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub primary: Option<bool>,
}

impl MultiValue {
    /// A primary work value, the usual shape of a new user's only email.
    pub fn primary_work(value: impl Into<String>) -> Self {
        Self {
            value: Some(value.into()),
            kind: Some("work".to_owned()),
            primary: Some(true),
            ..Self::default()
        }
    }
}

/// A reference to another resource: a user's `groups` entry or a group's `members` entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceRef {
    /// The referenced resource's `id`.
    #[serde(default, deserialize_with = "lenient::string_or_null")]
    pub value: String,
    /// A label for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// The referenced resource's URI.
    #[serde(default, rename = "$ref", skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// `User` or `Group` (for nested groups); absent on many servers.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

impl ResourceRef {
    /// A reference by id only: `{"value": id}`, what a PATCH adding members sends.
    pub fn to(id: impl Into<String>) -> Self {
        Self {
            value: id.into(),
            ..Self::default()
        }
    }

    /// Whether this reference names a group (a nested group member) rather than a user.
    pub fn is_group(&self) -> bool {
        self.kind
            .as_deref()
            .is_some_and(|kind| kind.eq_ignore_ascii_case("group"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn passwords_are_sent_but_never_shown() {
        let user = ScimUser {
            password: Some(Secret::new("t1meMa$heen")),
            ..ScimUser::new("bjensen")
        };
        assert!(!format!("{user:?}").contains("t1meMa$heen"));
        assert_eq!(
            serde_json::to_value(&user).unwrap(),
            json!({"schemas": [urn::USER], "userName": "bjensen", "password": "t1meMa$heen"})
        );
    }
}
