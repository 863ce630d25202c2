//! Custom attributes from the server's own schema (RFC 7643 §7, RFC 7644 §4): the attributes
//! of the User resource's extensions (the enterprise extension and any non-core schema)
//! become the protocol's account custom attributes, those of the Group resource's extensions
//! entitlement custom attributes, and a listed user's or group's values fill them in.
//!
//! An attribute is named with SCIM's fully qualified notation (RFC 7644 §3.10):
//! `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber`, and a
//! sub-attribute of a singular complex attribute with a dot:
//! `…:manager.value`. The name alone finds the value again in a user.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::client::ScimClient;
use super::group::ScimGroup;
use super::lenient;
use super::user::ScimUser;
use crate::error::{ConnectorResult, ErrorCode};
use crate::http::Method;
use crate::models::{CustomAttributeCustomizedType, CustomAttributeSchema, CustomAttributeType};

/// The schema discovery endpoints, relative to the SCIM base URL.
pub const SCHEMAS: &str = "/Schemas";
/// The resource type discovery endpoint, relative to the SCIM base URL.
pub const RESOURCE_TYPES: &str = "/ResourceTypes";

/// URN prefixes of the schemas RFC 7643 and RFC 7644 define for core resources and messages:
/// never custom.
const CORE_PREFIXES: &[&str] = &[
    "urn:ietf:params:scim:schemas:core:",
    "urn:ietf:params:scim:api:messages:",
];

/// One schema of `/Schemas` (RFC 7643 §7).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScimSchema {
    /// The schema's URN.
    #[serde(default, deserialize_with = "lenient::string_or_null")]
    pub id: String,
    /// Its attributes.
    #[serde(default, deserialize_with = "lenient::vec_or_null")]
    pub attributes: Vec<ScimAttribute>,
}

/// One attribute definition of a schema.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScimAttribute {
    /// The attribute's name.
    #[serde(default, deserialize_with = "lenient::string_or_null")]
    pub name: String,
    /// `string`, `boolean`, `decimal`, `integer`, `dateTime`, `reference`, `binary` or
    /// `complex`.
    #[serde(default, rename = "type", deserialize_with = "lenient::string_opt")]
    pub kind: Option<String>,
    /// Whether the attribute holds a list.
    #[serde(default, deserialize_with = "lenient::bool_opt")]
    pub multi_valued: Option<bool>,
    /// What the attribute means, for people.
    #[serde(default, deserialize_with = "lenient::string_opt")]
    pub description: Option<String>,
    /// `readOnly`, `readWrite`, `immutable` or `writeOnly`.
    #[serde(default, deserialize_with = "lenient::string_opt")]
    pub mutability: Option<String>,
    /// `always`, `never`, `default` or `request`.
    #[serde(default, deserialize_with = "lenient::string_opt")]
    pub returned: Option<String>,
    /// For a `reference`: what it may point at (`User`, `Group`, `external`, `uri`).
    #[serde(default, deserialize_with = "lenient::vec_or_null")]
    pub reference_types: Vec<String>,
    /// For a `complex` attribute: its sub-attributes.
    #[serde(default, deserialize_with = "lenient::vec_or_null")]
    pub sub_attributes: Vec<ScimAttribute>,
}

impl ScimAttribute {
    /// Whether the server ever returns it: `writeOnly` attributes (passwords) and those
    /// `returned: never` cannot be listed.
    fn is_readable(&self) -> bool {
        let is = |value: &Option<String>, what: &str| {
            value
                .as_deref()
                .is_some_and(|v| v.eq_ignore_ascii_case(what))
        };
        !is(&self.mutability, "writeOnly") && !is(&self.returned, "never")
    }

    fn is(&self, kind: &str) -> bool {
        self.kind
            .as_deref()
            .is_some_and(|k| k.eq_ignore_ascii_case(kind))
    }

    /// The protocol's type: a reference to users only (or the `value` of a complex attribute
    /// whose `$ref` points at users, like the enterprise `manager`) is `user`; `decimal`,
    /// `binary`, `reference` and lists are text.
    fn protocol_type(&self, refers_to_users: bool) -> CustomAttributeType {
        let users_only = |types: &[String]| {
            !types.is_empty() && types.iter().all(|t| t.eq_ignore_ascii_case("User"))
        };
        if self.multi_valued == Some(true) {
            CustomAttributeType::String
        } else if self.is("boolean") {
            CustomAttributeType::Boolean
        } else if self.is("integer") {
            CustomAttributeType::Integer
        } else if self.is("dateTime") {
            CustomAttributeType::Datetime
        } else if users_only(&self.reference_types) || refers_to_users {
            CustomAttributeType::User
        } else {
            CustomAttributeType::String
        }
    }
}

/// One resource type of `/ResourceTypes` (RFC 7643 §6), what is needed of it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ResourceType {
    #[serde(default, deserialize_with = "lenient::string_opt")]
    id: Option<String>,
    #[serde(default, deserialize_with = "lenient::string_opt")]
    name: Option<String>,
    #[serde(default, deserialize_with = "lenient::string_opt")]
    endpoint: Option<String>,
    #[serde(default, deserialize_with = "lenient::vec_or_null")]
    schema_extensions: Vec<SchemaExtension>,
}

#[derive(Debug, Clone, Default, Deserialize)]
struct SchemaExtension {
    #[serde(default, deserialize_with = "lenient::string_or_null")]
    schema: String,
}

impl ResourceType {
    /// Whether this is the resource type served at `endpoint` (`/Users`), or named `name`.
    fn is(&self, endpoint: &str, name: &str) -> bool {
        let is = |v: &Option<String>, what: &str| {
            v.as_deref()
                .is_some_and(|v| v.trim_end_matches('/').eq_ignore_ascii_case(what))
        };
        is(&self.endpoint, endpoint) || is(&self.id, name) || is(&self.name, name)
    }

    fn is_user(&self) -> bool {
        self.is("/Users", "User")
    }

    fn is_group(&self) -> bool {
        self.is("/Groups", "Group")
    }
}

/// What a schema without `/ResourceTypes` to say so extends: groups when its URN ends in
/// `:Group` (as RFC 7643 names its own, `…:core:2.0:Group`), else users.
fn guessed_customized_type(urn: &str) -> CustomAttributeCustomizedType {
    let last = urn.rsplit(':').next().unwrap_or_default();
    if last.eq_ignore_ascii_case("Group") {
        CustomAttributeCustomizedType::Entitlement
    } else {
        CustomAttributeCustomizedType::Account
    }
}

/// A discovery answer: a `ListResponse` (RFC 7644 §4), or a bare array as some servers send.
#[derive(Deserialize)]
#[serde(untagged)]
enum Listed<T> {
    List {
        #[serde(rename = "Resources", alias = "resources", default = "Vec::new")]
        resources: Vec<T>,
    },
    Bare(Vec<T>),
}

impl<T> Listed<T> {
    fn into_vec(self) -> Vec<T> {
        match self {
            Self::List { resources } | Self::Bare(resources) => resources,
        }
    }
}

impl ScimClient {
    /// The custom attributes of users and groups as the protocol's schema, for
    /// `list_custom_attributes_schema`: `GET /ResourceTypes` names the User's and the Group's
    /// schema extensions, `GET /Schemas` defines them (see [`custom_attributes_schema`]);
    /// the users' come first, as `account`, then the groups', as `entitlement`. A server
    /// without `/ResourceTypes` (404) gets every non-core schema of `/Schemas`, as
    /// `entitlement` when its URN ends in `:Group`, else as `account`.
    ///
    /// # Errors
    ///
    /// The upstream's failures, and `invalid_response` for answers that are no schema list.
    pub async fn custom_attributes_schema(&self) -> ConnectorResult<Vec<CustomAttributeSchema>> {
        let types = match self.discover::<ResourceType>(RESOURCE_TYPES).await {
            Ok(types) => Some(types),
            Err(error) if error.code == ErrorCode::NotFound => None,
            Err(error) => return Err(error),
        };
        let schemas: Vec<ScimSchema> = self.discover(SCHEMAS).await?;
        let Some(types) = types else {
            return Ok(schemas
                .iter()
                .filter(|schema| !is_core(&schema.id))
                .flat_map(|schema| {
                    custom_attributes_schema(schema, guessed_customized_type(&schema.id))
                })
                .collect());
        };
        let extended = |is: fn(&ResourceType) -> bool, customized_type| {
            let urns: Vec<&str> = types
                .iter()
                .filter(|t| is(t))
                .flat_map(|t| t.schema_extensions.iter().map(|e| e.schema.as_str()))
                .collect();
            schemas
                .iter()
                .filter(move |schema| urns.iter().any(|urn| urn.eq_ignore_ascii_case(&schema.id)))
                .flat_map(move |schema| custom_attributes_schema(schema, customized_type))
        };
        Ok(extended(
            ResourceType::is_user,
            CustomAttributeCustomizedType::Account,
        )
        .chain(extended(
            ResourceType::is_group,
            CustomAttributeCustomizedType::Entitlement,
        ))
        .collect())
    }

    /// The `account` part of [`ScimClient::custom_attributes_schema`], which crates
    /// generated before groups had custom attributes call.
    ///
    /// # Errors
    ///
    /// As [`ScimClient::custom_attributes_schema`].
    pub async fn user_custom_attributes_schema(
        &self,
    ) -> ConnectorResult<Vec<CustomAttributeSchema>> {
        let mut schema = self.custom_attributes_schema().await?;
        schema.retain(|a| a.customized_type == CustomAttributeCustomizedType::Account);
        Ok(schema)
    }

    /// `GET endpoint` of a discovery endpoint, as a list.
    async fn discover<T: serde::de::DeserializeOwned>(
        &self,
        endpoint: &str,
    ) -> ConnectorResult<Vec<T>> {
        let listed: Listed<T> = self.send(Method::GET, endpoint, &[], None).await?.json()?;
        Ok(listed.into_vec())
    }
}

/// Whether `urn` is a schema RFC 7643/7644 defines for core resources or messages.
fn is_core(urn: &str) -> bool {
    CORE_PREFIXES.iter().any(|prefix| urn.starts_with(prefix))
}

/// The readable attributes of one schema as custom attributes of `customized_type`, in the
/// schema's order: a singular complex attribute as one per readable sub-attribute
/// (`…:manager.value`), anything else (lists included, as JSON text) as one.
pub fn custom_attributes_schema(
    schema: &ScimSchema,
    customized_type: CustomAttributeCustomizedType,
) -> Vec<CustomAttributeSchema> {
    let mut found = Vec::new();
    for attribute in schema.attributes.iter().filter(|a| a.is_readable()) {
        let name = format!("{}:{}", schema.id, attribute.name);
        if attribute.is("complex") && attribute.multi_valued != Some(true) {
            let refers_to_users = attribute.sub_attributes.iter().any(|sub| {
                sub.name == "$ref" && sub.protocol_type(false) == CustomAttributeType::User
            });
            for sub in attribute.sub_attributes.iter().filter(|s| s.is_readable()) {
                let is_value = sub.name.eq_ignore_ascii_case("value");
                found.push(CustomAttributeSchema {
                    customized_type,
                    name: format!("{name}.{}", sub.name),
                    attribute_type: sub.protocol_type(is_value && refers_to_users),
                    description: sub.description.clone(),
                });
            }
        } else {
            found.push(CustomAttributeSchema {
                customized_type,
                name,
                attribute_type: attribute.protocol_type(false),
                description: attribute.description.clone(),
            });
        }
    }
    found
}

/// The values of the custom attributes among `wanted` (names as
/// [`custom_attributes_schema`] makes them) that `user` has, as text: strings as they are,
/// other values as JSON. `None` when none is asked for or found.
pub fn custom_attributes_from_user(
    user: &ScimUser,
    wanted: Option<&[String]>,
) -> Option<BTreeMap<String, String>> {
    custom_attributes_from(user, wanted)
}

/// [`custom_attributes_from_user`] for a group (the `entitlement` custom attributes).
pub fn custom_attributes_from_group(
    group: &ScimGroup,
    wanted: Option<&[String]>,
) -> Option<BTreeMap<String, String>> {
    custom_attributes_from(group, wanted)
}

fn custom_attributes_from(
    resource: &impl Serialize,
    wanted: Option<&[String]>,
) -> Option<BTreeMap<String, String>> {
    let wanted = wanted.filter(|names| !names.is_empty())?;
    let resource = serde_json::to_value(resource).ok()?;
    let found: BTreeMap<String, String> = wanted
        .iter()
        .filter_map(|name| {
            let text = match lookup(&resource, name)? {
                Value::Null => return None,
                Value::String(text) => text,
                other => other.to_string(),
            };
            Some((name.clone(), text))
        })
        .collect();
    (!found.is_empty()).then_some(found)
}

/// The value a fully qualified attribute name points at: core attributes at the top of the
/// resource, extension attributes in the extension's object; names are case-insensitive
/// (RFC 7643 §2.1).
fn lookup(resource: &Value, name: &str) -> Option<Value> {
    let (urn, path) = name.rsplit_once(':')?;
    let container = if is_core(urn) {
        resource
    } else {
        member(resource.as_object()?, urn)?
    };
    let (attribute, sub) = match path.split_once('.') {
        Some((attribute, sub)) => (attribute, Some(sub)),
        None => (path, None),
    };
    let value = member(container.as_object()?, attribute)?;
    match (sub, value) {
        (None, value) => Some(value.clone()),
        (Some(sub), Value::Object(object)) => member(object, sub).cloned(),
        (Some(sub), Value::Array(items)) => Some(Value::Array(
            items
                .iter()
                .filter_map(|item| member(item.as_object()?, sub).cloned())
                .collect(),
        )),
        (Some(_), _) => None,
    }
}

/// `object[key]`, else the member whose key matches ignoring ASCII case.
fn member<'a>(object: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    object.get(key).or_else(|| {
        object
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    fn enterprise_schema() -> ScimSchema {
        serde_json::from_value(json!({
            "id": ENTERPRISE,
            "attributes": [
                {"name": "employeeNumber", "type": "string", "multiValued": false,
                 "description": "Numeric or alphanumeric identifier"},
                {"name": "startDate", "type": "dateTime"},
                {"name": "seniority", "type": "integer"},
                {"name": "remote", "type": "boolean"},
                {"name": "pin", "type": "string", "mutability": "writeOnly", "returned": "never"},
                {"name": "tags", "type": "string", "multiValued": true},
                {"name": "manager", "type": "complex", "multiValued": false, "subAttributes": [
                    {"name": "value", "type": "string", "description": "The manager's id"},
                    {"name": "$ref", "type": "reference", "referenceTypes": ["User"]},
                    {"name": "displayName", "type": "string", "mutability": "readOnly"}
                ]}
            ]
        }))
        .unwrap()
    }

    #[test]
    fn a_schema_becomes_account_custom_attributes() {
        let found =
            custom_attributes_schema(&enterprise_schema(), CustomAttributeCustomizedType::Account);
        let named: Vec<(String, CustomAttributeType)> = found
            .iter()
            .map(|a| {
                assert_eq!(a.customized_type, CustomAttributeCustomizedType::Account);
                (
                    a.name.trim_start_matches(ENTERPRISE).to_owned(),
                    a.attribute_type,
                )
            })
            .collect();
        use CustomAttributeType as T;
        let expected: Vec<(String, CustomAttributeType)> = [
            (":employeeNumber", T::String),
            (":startDate", T::Datetime),
            (":seniority", T::Integer),
            (":remote", T::Boolean),
            (":tags", T::String),
            (":manager.value", T::User),
            (":manager.$ref", T::User),
            (":manager.displayName", T::String),
        ]
        .iter()
        .map(|(n, t)| ((*n).to_owned(), *t))
        .collect();
        assert_eq!(named, expected);
        assert_eq!(
            found[0].description.as_deref(),
            Some("Numeric or alphanumeric identifier")
        );
    }

    #[test]
    fn a_user_fills_the_attributes_asked_for() {
        let user: ScimUser = serde_json::from_value(json!({
            "id": "u1", "userName": "ada", "title": "Engineer",
            ENTERPRISE: {"employeeNumber": "701984", "seniority": 12, "remote": null,
                         "manager": {"value": "26118915", "displayName": "John Smith"},
                         "tags": ["a", "b"]}
        }))
        .unwrap();
        let wanted: Vec<String> = [
            "employeeNumber",
            "seniority",
            "remote",
            "manager.value",
            "MANAGER.displayName",
            "tags",
            "costCenter",
        ]
        .iter()
        .map(|n| format!("{ENTERPRISE}:{n}"))
        .chain(["urn:ietf:params:scim:schemas:core:2.0:User:title".to_owned()])
        .collect();
        let values = custom_attributes_from_user(&user, Some(&wanted)).unwrap();
        let short: BTreeMap<&str, &str> = values
            .iter()
            .map(|(k, v)| (k.rsplit(':').next().unwrap(), v.as_str()))
            .collect();
        assert_eq!(
            short,
            BTreeMap::from([
                ("employeeNumber", "701984"),
                ("seniority", "12"),
                ("manager.value", "26118915"),
                ("MANAGER.displayName", "John Smith"),
                ("tags", r#"["a","b"]"#),
                ("title", "Engineer"),
            ])
        );
        assert_eq!(custom_attributes_from_user(&user, None), None);
        assert_eq!(custom_attributes_from_user(&user, Some(&[])), None);
        let absent = [format!("{ENTERPRISE}:costCenter")];
        assert_eq!(custom_attributes_from_user(&user, Some(&absent)), None);
    }

    #[test]
    fn a_group_fills_the_attributes_asked_for() {
        let acme = "urn:example:params:scim:schemas:extension:acme:2.0:Group";
        let group: ScimGroup = serde_json::from_value(json!({
            "id": "g1", "displayName": "Admins", acme: {"costCenter": "4130", "budget": 12}
        }))
        .unwrap();
        let wanted = [
            format!("{acme}:costCenter"),
            format!("{acme}:budget"),
            format!("{acme}:owner"),
            "urn:ietf:params:scim:schemas:core:2.0:Group:displayName".to_owned(),
        ];
        let values = custom_attributes_from_group(&group, Some(&wanted)).unwrap();
        assert_eq!(
            values,
            BTreeMap::from([
                (wanted[0].clone(), "4130".to_owned()),
                (wanted[1].clone(), "12".to_owned()),
                (wanted[3].clone(), "Admins".to_owned()),
            ])
        );
    }

    #[test]
    fn without_resource_types_group_schemas_are_guessed_by_their_urn() {
        use CustomAttributeCustomizedType as C;
        for (urn, expected) in [
            (
                "urn:example:params:scim:schemas:extension:acme:2.0:Group",
                C::Entitlement,
            ),
            ("urn:example:acme:group", C::Entitlement),
            (ENTERPRISE, C::Account),
            ("urn:example:acme:Groups", C::Account),
        ] {
            assert_eq!(guessed_customized_type(urn), expected, "{urn}");
        }
    }
}
