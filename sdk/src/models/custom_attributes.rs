//! Payloads of `list_custom_attributes_schema` and the custom attribute values the graph capabilities return.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Request parameters for listing custom attribute schemas.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct ListCustomAttributesSchema {}

/// A schema for a custom attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CustomAttributeSchema {
    /// The type of entity this custom attribute is for.
    pub customized_type: CustomAttributeCustomizedType,
    /// The name of the custom attribute.
    pub name: String,
    /// The data type of the custom attribute.
    pub attribute_type: CustomAttributeType,
    /// Human readable description of what this custom attribute represents, as sometimes it's not clear from the name alone.
    #[serde(default)]
    pub description: Option<String>,
}

/// Enum representing the types that can be customized with attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum CustomAttributeCustomizedType {
    /// `account`
    #[serde(rename = "account")]
    Account,
    /// `entitlement`
    #[serde(rename = "entitlement")]
    Entitlement,
    /// `resource`
    #[serde(rename = "resource")]
    Resource,
    /// `credential`
    #[serde(rename = "credential")]
    Credential,
    /// `non_human_account`
    #[serde(rename = "non_human_account")]
    NonHumanAccount,
}

/// Enum representing the types of custom attributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum CustomAttributeType {
    /// `string`
    #[serde(rename = "string")]
    String,
    /// `user`
    #[serde(rename = "user")]
    User,
    /// `boolean`
    #[serde(rename = "boolean")]
    Boolean,
    /// `integer`
    #[serde(rename = "integer")]
    Integer,
    /// `datetime`
    #[serde(rename = "datetime")]
    Datetime,
}

/// CustomAttribute
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CustomAttribute {
    /// The id of the record this custom attribute is for
    pub record_id: String,
    /// The custom attribute label. This should match the input parameter label
    pub label: String,
    /// The custom attribute value
    #[schemars(required, schema_with = "any_or_null")]
    pub value: Option<Value>,
    /// The custom attribute model type. This determines which model the record_id will be matched against.
    pub r#type: CustomAttributeCustomizedType,
}

/// CustomAttributeParameter
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct CustomAttributeParameter {
    /// Label.
    #[schemars(description = "")]
    pub label: String,
    /// Type.
    #[schemars(description = "")]
    pub r#type: CustomAttributeCustomizedType,
}

/// pydantic's `Any | None`.
fn any_or_null(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({"anyOf": [{}, {"type": "null"}]})
}
