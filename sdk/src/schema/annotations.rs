//! Lumos field annotations (`x-secret`, `x-hidden`, `x-semantic`, …) for settings and
//! payload fields, applied through schemars' `transform` attribute.

use schemars::transform::Transform;
use schemars::Schema;
use serde_json::{json, Value};

/// Marks a field secret, like the reference's `SecretField`: `x-secret: true` and
/// `x-field_type: "SECRET"`. Use as `#[schemars(transform = connector_sdk::schema::secret)]`.
pub fn secret(schema: &mut Schema) {
    AnnotatedField::new().secret().transform(schema);
}

/// Hides a field that the user neither sees nor fills in (not a secret), like the
/// reference's `HiddenField`: `x-hidden: true` and `x-field_type: "HIDDEN"`.
/// Use as `#[schemars(transform = connector_sdk::schema::hidden)]`.
pub fn hidden(schema: &mut Schema) {
    AnnotatedField::new().hidden().transform(schema);
}

/// Semantic types for `x-semantic` (protocol §7.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SemanticType {
    /// `account-id`: the account being acted upon.
    AccountId,
    /// `auxiliary-account-id`: an additional account the user must select.
    AuxiliaryAccountId,
    /// `non-human-account-id`.
    NonHumanAccountId,
    /// `credential-id`.
    CredentialId,
    /// `application-id`.
    ApplicationId,
    /// `application-instance-id`.
    ApplicationInstanceId,
    /// `aws-external-id`.
    AwsExternalId,
    /// `aws-role-arn`.
    AwsRoleArn,
    /// `entitlement-id`.
    EntitlementId,
    /// `entitlement-type`.
    EntitlementType,
    /// `resource-id`.
    ResourceId,
    /// `password`: the password of an account.
    Password,
    /// `key-pair`.
    KeyPair,
    /// `custom-attributes`.
    CustomAttributes,
    /// `service-account-client-id`.
    ServiceAccountClientId,
    /// `enum-mapping` (set by [`AnnotatedField::enum_mapping`]).
    EnumMapping,
    /// `resource-type`.
    ResourceType,
    /// `tenant-id`: a settings field `validate_credentials` derives `unique_tenant_id` from.
    TenantId,
}

impl SemanticType {
    /// The `x-semantic` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AccountId => "account-id",
            Self::AuxiliaryAccountId => "auxiliary-account-id",
            Self::NonHumanAccountId => "non-human-account-id",
            Self::CredentialId => "credential-id",
            Self::ApplicationId => "application-id",
            Self::ApplicationInstanceId => "application-instance-id",
            Self::AwsExternalId => "aws-external-id",
            Self::AwsRoleArn => "aws-role-arn",
            Self::EntitlementId => "entitlement-id",
            Self::EntitlementType => "entitlement-type",
            Self::ResourceId => "resource-id",
            Self::Password => "password",
            Self::KeyPair => "key-pair",
            Self::CustomAttributes => "custom-attributes",
            Self::ServiceAccountClientId => "service-account-client-id",
            Self::EnumMapping => "enum-mapping",
            Self::ResourceType => "resource-type",
            Self::TenantId => "tenant-id",
        }
    }
}

/// `x-discriminator`: show the field only when another field has the given value(s).
#[derive(Debug, Clone, PartialEq)]
pub struct Discriminator {
    field: &'static str,
    expected_value: Value,
    one_of_expected_values: Option<Vec<Value>>,
}

impl Discriminator {
    /// Show the field when `field` equals `value`.
    pub fn equals(field: &'static str, value: impl Into<Value>) -> Self {
        Self {
            field,
            expected_value: value.into(),
            one_of_expected_values: None,
        }
    }

    /// Show the field when `field` equals any of `values`.
    pub fn one_of<V: Into<Value>>(
        field: &'static str,
        values: impl IntoIterator<Item = V>,
    ) -> Self {
        Self {
            field,
            expected_value: Value::Null,
            one_of_expected_values: Some(values.into_iter().map(Into::into).collect()),
        }
    }

    fn to_value(&self) -> Value {
        json!({
            "field": self.field,
            "expected_value": self.expected_value,
            "one_of_expected_values": self.one_of_expected_values,
        })
    }
}

/// All Lumos field annotations at once, like the reference's `AnnotatedField`. Build it in
/// a `#[schemars(transform = AnnotatedField::new()…)]` attribute:
///
/// ```
/// use connector_sdk::schema::{model_schema, AnnotatedField, Discriminator, SemanticType};
/// use schemars::JsonSchema;
/// use serde::Deserialize;
///
/// /// Settings of the Acme connector.
/// #[derive(Deserialize, JsonSchema)]
/// struct AcmeSettings {
///     /// API root of the tenant
///     #[schemars(title = "Base URL")]
///     #[schemars(transform = AnnotatedField::new().semantic(SemanticType::TenantId))]
///     base_url: String,
///     #[schemars(transform = connector_sdk::schema::secret)]
///     webhook_secret: Option<String>,
///     #[schemars(transform = AnnotatedField::new().multiline().group("Advanced"))]
///     notes: Option<String>,
///     #[schemars(transform = AnnotatedField::new()
///         .discriminator(Discriminator::equals("region", "eu")))]
///     eu_endpoint: Option<String>,
///     #[serde(default = "default_page_size")]
///     #[schemars(range(min = 1, max = 500))]
///     page_size: i64,
/// }
/// fn default_page_size() -> i64 { 100 }
///
/// let schema = model_schema::<AcmeSettings>();
/// assert_eq!(schema["properties"]["base_url"]["x-semantic"], "tenant-id");
/// assert_eq!(schema["properties"]["webhook_secret"]["x-field_type"], "SECRET");
/// ```
///
/// Plain keywords need no helper: `#[schemars(title = "…")]` for an explicit title, a doc
/// comment for `description`, `#[schemars(range(min = …, max = …))]` for `minimum`/`maximum`,
/// `#[schemars(extend("exclusiveMinimum" = 0))]` for exclusive bounds and
/// `#[schemars(extend("x-…" = …))]` for any other extension.
///
/// Keywords are written in the reference's order whatever the builder order, so when
/// several set `x-field_type` the reference's winner is kept: multiline, then secret,
/// then hidden.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnnotatedField {
    group: Option<&'static str>,
    multiline: bool,
    secret: bool,
    not_primary: bool,
    semantic: Option<SemanticType>,
    hidden: bool,
    enum_mapping: Option<&'static [&'static str]>,
    discriminator: Option<Discriminator>,
    unique: bool,
}

impl AnnotatedField {
    /// No annotation yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// `x-field_group`: the UI group heading the field appears under.
    pub fn group(mut self, group: &'static str) -> Self {
        self.group = Some(group);
        self
    }

    /// Multi-line text input: `x-multiline: true`, `x-field_type: "MULTI_LINES"`.
    pub fn multiline(mut self) -> Self {
        self.multiline = true;
        self
    }

    /// Secret value, masked in the UI: `x-secret: true`, `x-field_type: "SECRET"`.
    pub fn secret(mut self) -> Self {
        self.secret = true;
        self
    }

    /// Not the "primary" value of the record: `x-primary: false`.
    pub fn not_primary(mut self) -> Self {
        self.not_primary = true;
        self
    }

    /// `x-semantic`: the semantic type of the value.
    pub fn semantic(mut self, semantic: SemanticType) -> Self {
        self.semantic = Some(semantic);
        self
    }

    /// Not shown to or filled by the user: `x-hidden: true`, `x-field_type: "HIDDEN"`.
    pub fn hidden(mut self) -> Self {
        self.hidden = true;
        self
    }

    /// An enum-mapping field over `options` (the values of the SDK enum being mapped):
    /// `x-enum_mapping_options`, `x-semantic: "enum-mapping"` and `x-hidden: true`.
    pub fn enum_mapping(mut self, options: &'static [&'static str]) -> Self {
        self.enum_mapping = Some(options);
        self
    }

    /// `x-discriminator`: show the field only when another field has a given value.
    pub fn discriminator(mut self, discriminator: Discriminator) -> Self {
        self.discriminator = Some(discriminator);
        self
    }

    /// The field takes part in the request fingerprint: `x-unique: true`.
    pub fn unique(mut self) -> Self {
        self.unique = true;
        self
    }
}

impl Transform for AnnotatedField {
    fn transform(&mut self, schema: &mut Schema) {
        let mut set = |key: &str, value: Value| {
            schema.insert(key.to_owned(), value);
        };
        // Same order as the reference's AnnotatedField, so the last x-field_type wins alike.
        if let Some(group) = self.group {
            set("x-field_group", json!(group));
        }
        if self.multiline {
            set("x-field_type", json!("MULTI_LINES"));
            set("x-multiline", json!(true));
        }
        if self.secret {
            set("x-field_type", json!("SECRET"));
            set("x-secret", json!(true));
        }
        if self.not_primary {
            set("x-primary", json!(false));
        }
        if let Some(semantic) = self.semantic {
            set("x-semantic", json!(semantic.as_str()));
        }
        if self.hidden {
            set("x-field_type", json!("HIDDEN"));
            set("x-hidden", json!(true));
        }
        if let Some(options) = self.enum_mapping {
            set("x-enum_mapping_options", json!(options));
            set("x-semantic", json!(SemanticType::EnumMapping.as_str()));
            set("x-hidden", json!(true));
        }
        if let Some(discriminator) = &self.discriminator {
            set("x-discriminator", discriminator.to_value());
        }
        if self.unique {
            set("x-unique", json!(true));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn applied(mut annotations: AnnotatedField) -> Schema {
        let mut schema = Schema::default();
        annotations.transform(&mut schema);
        schema
    }

    /// §7.2: when several apply, the last set wins, in the order multiline → secret → hidden,
    /// whatever order the builder calls come in.
    #[test]
    fn field_type_precedence_follows_the_reference_order() {
        let all = applied(AnnotatedField::new().hidden().secret().multiline());
        assert_eq!(all.get("x-field_type"), Some(&json!("HIDDEN")));
        let secret_multiline = applied(AnnotatedField::new().secret().multiline());
        assert_eq!(secret_multiline.get("x-field_type"), Some(&json!("SECRET")));
        for flag in ["x-hidden", "x-secret", "x-multiline"] {
            assert_eq!(all.get(flag), Some(&json!(true)), "{flag}");
        }
    }

    #[test]
    fn shortcuts_equal_the_builder() {
        let mut schema = Schema::default();
        secret(&mut schema);
        assert_eq!(schema, applied(AnnotatedField::new().secret()));
        let mut schema = Schema::default();
        hidden(&mut schema);
        assert_eq!(schema, applied(AnnotatedField::new().hidden()));
    }

    #[test]
    fn one_of_discriminator_leaves_expected_value_null() {
        let schema = applied(
            AnnotatedField::new().discriminator(Discriminator::one_of("region", ["eu", "us"])),
        );
        assert_eq!(
            schema.get("x-discriminator"),
            Some(
                &json!({"field": "region", "expected_value": null, "one_of_expected_values": ["eu", "us"]})
            )
        );
    }
}
