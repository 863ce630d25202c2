//! The table of standard capabilities: the single source of truth for their names, levels
//! and, for the typed ones, their request and response payload types.
//!
//! Register a capability with its typed constant, for example
//! `builder.capability(LIST_ACCOUNTS, list_accounts)`: the compiler then checks that the
//! handler takes `Request<ListAccounts, _>` and returns `Response<Vec<FoundAccountData>>`.
//!
//! Every standard capability a connector implements itself has a constant here ([`TYPED`]):
//! the twelve core ones ([`CORE`]) and the others of protocol §10.2. The OAuth capabilities
//! are in `oauth` (feature `oauth`). `app_info`, `probe_integration` and
//! `validate_credential_config` have none: the runtime answers them itself, from the
//! integration and outside the ordinary checks (`app_info` needs neither credentials nor
//! settings), and takes a connector's credential checks as validation hooks. The payload
//! types are in [`models`](crate::models) and have the reference's schemas, so `info` shows
//! the standard entry for each.
//!
//! ```
//! use connector_sdk::prelude::*;
//!
//! async fn get_account(
//!     request: Request<GetAccount>,
//! ) -> ConnectorResult<Response<FoundAccountData>> {
//!     let mut account = FoundAccountData::new(&request.request.account_id);
//!     account.email = Some("ada@example.com".to_owned());
//!     Ok(Response::new(account))
//! }
//!
//! async fn list_custom_attributes_schema(
//!     _: Request<ListCustomAttributesSchema>,
//! ) -> ConnectorResult<Response<Vec<CustomAttributeSchema>>> {
//!     Ok(Response::new(vec![CustomAttributeSchema {
//!         customized_type: CustomAttributeCustomizedType::Account,
//!         name: "department".to_owned(),
//!         attribute_type: CustomAttributeType::String,
//!         description: None,
//!     }]))
//! }
//!
//! let integration = Integration::<NoSettings>::builder("acme", "1.0.0")
//!     .auth(AuthDeclaration::Single(CredentialKind::Token))
//!     .capability(GET_ACCOUNT, get_account)
//!     .capability(LIST_CUSTOM_ATTRIBUTES_SCHEMA, list_custom_attributes_schema)
//!     .build();
//! assert!(integration.is_ok());
//! ```

use std::marker::PhantomData;

use crate::models::*;

/// Whether a capability reads or writes upstream data; hosts use it for retry policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Reads only.
    Read,
    /// Changes upstream state (also the level of unrecorded and custom capabilities).
    Write,
}

/// A standard capability with typed payloads `P` (request) and `R` (response).
pub struct StandardCapability<P, R> {
    name: &'static str,
    _types: PhantomData<fn() -> (P, R)>,
}

impl<P, R> StandardCapability<P, R> {
    pub(crate) const fn new(name: &'static str) -> Self {
        Self {
            name,
            _types: PhantomData,
        }
    }

    /// The protocol name, e.g. `list_accounts`.
    pub const fn name(&self) -> &'static str {
        self.name
    }
}

impl<P, R> Clone for StandardCapability<P, R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<P, R> Copy for StandardCapability<P, R> {}

/// Marks capabilities whose request payload a connector may extend with its own fields
/// (`create_account`, `update_account`). See `IntegrationBuilder::extended_capability`.
pub trait Extensible {
    /// The names of the base payload's fields, which an extension must keep.
    const BASE_FIELDS: &'static [&'static str];
}

impl Extensible for StandardCapability<CreatableAccount, CreatedAccount> {
    const BASE_FIELDS: &'static [&'static str] = &["entitlements"];
}

/// `update_account`: connectors extend `UpdateableAccount` with the fields the app lets them
/// change (the protocol's "extend the type UpdateableAccount").
impl Extensible for StandardCapability<UpdateableAccount, UpdateableAccount> {
    const BASE_FIELDS: &'static [&'static str] = &["id"];
}

/// How a typed capability is spelled in Rust, e.g. `GET_ACCOUNT`, `GetAccount`,
/// `FoundAccountData`; list capabilities answer `Vec<Item>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature {
    /// The protocol name, e.g. `get_account`.
    pub name: &'static str,
    /// The constant of this module, e.g. `GET_ACCOUNT`.
    pub constant: &'static str,
    /// The request payload type of [`models`](crate::models), e.g. `GetAccount`.
    pub request: &'static str,
    /// The response type, e.g. `FoundAccountData` or `Vec<FoundEntitlementAssociation>`.
    pub response: &'static str,
}

macro_rules! typed_capabilities {
    (
        core { $( $(#[$cdoc:meta])* $cconst:ident = $cname:literal: $creq:ty => $cresp:ty; )* }
        more { $( $(#[$doc:meta])* $const:ident = $name:literal: $req:ty => $resp:ty; )* }
    ) => {
        $(
            $(#[$cdoc])*
            pub const $cconst: StandardCapability<$creq, $cresp> = StandardCapability::new($cname);
        )*
        $(
            $(#[$doc])*
            pub const $const: StandardCapability<$req, $resp> = StandardCapability::new($name);
        )*

        /// Names of the core capabilities (protocol §10.1), which this SDK types and its
        /// demo connector implements.
        pub const CORE: &[&str] = &[$($cname),*];

        /// Names of all standard capabilities with typed payloads in this SDK (the core ones
        /// first). The OAuth capabilities are typed in `oauth` (feature `oauth`).
        pub const TYPED: &[&str] = &[$($cname,)* $($name),*];

        /// The Rust spelling of every typed capability, in the order of [`TYPED`]: for tools
        /// that write handlers (and tests that check them against this table).
        pub const SIGNATURES: &[Signature] = &[
            $(Signature {
                name: $cname,
                constant: stringify!($cconst),
                request: stringify!($creq),
                response: stringify!($cresp),
            },)*
            $(Signature {
                name: $name,
                constant: stringify!($const),
                request: stringify!($req),
                response: stringify!($resp),
            },)*
        ];
    };
}

typed_capabilities! {
    core {
    /// Check credentials and settings; return the tenant id. Required by every connector.
    VALIDATE_CREDENTIALS = "validate_credentials": ValidateCredentials => ValidatedCredentials;
    /// List accounts, paginated.
    LIST_ACCOUNTS = "list_accounts": ListAccounts => Vec<FoundAccountData>;
    /// List resources, paginated.
    LIST_RESOURCES = "list_resources": ListResources => Vec<FoundResourceData>;
    /// List entitlements, paginated.
    LIST_ENTITLEMENTS = "list_entitlements": ListEntitlements => Vec<FoundEntitlementData>;
    /// List account -> entitlement associations, paginated.
    FIND_ENTITLEMENT_ASSOCIATIONS = "find_entitlement_associations": FindEntitlementAssociations => Vec<FoundEntitlementAssociation>;
    /// Last activity of the given accounts.
    GET_LAST_ACTIVITY = "get_last_activity": GetLastActivity => Vec<LastActivityData>;
    /// Create an account (payload extensible).
    CREATE_ACCOUNT = "create_account": CreatableAccount => CreatedAccount;
    /// Delete an account.
    DELETE_ACCOUNT = "delete_account": DeleteAccount => DeletedAccount;
    /// Activate an account.
    ACTIVATE_ACCOUNT = "activate_account": ActivateAccount => ActivatedAccount;
    /// Deactivate an account.
    DEACTIVATE_ACCOUNT = "deactivate_account": DeactivateAccount => DeactivatedAccount;
    /// Grant an entitlement to an account.
    ASSIGN_ENTITLEMENT = "assign_entitlement": AssignEntitlement => AssignedEntitlement;
    /// Revoke an entitlement from an account.
    UNASSIGN_ENTITLEMENT = "unassign_entitlement": UnassignEntitlement => UnassignedEntitlement;
    }
    more {
    /// One account by id.
    GET_ACCOUNT = "get_account": GetAccount => FoundAccountData;
    /// Update an account; answers the account's id.
    UPDATE_ACCOUNT = "update_account": UpdateableAccount => UpdateableAccount;
    /// The custom attributes the connector can fill in, paginated.
    LIST_CUSTOM_ATTRIBUTES_SCHEMA = "list_custom_attributes_schema": ListCustomAttributesSchema => Vec<CustomAttributeSchema>;
    /// The entitlement associations of one account, paginated.
    GET_ACCOUNT_ENTITLEMENT_ASSOCIATIONS = "get_account_entitlement_associations": GetAccountEntitlementAssociations => Vec<FoundEntitlementAssociation>;
    /// Accounts changed since a time or a cursor, with the next cursor.
    LIST_UPDATED_ACCOUNTS = "list_updated_accounts": ListUpdatedAccounts => UpdatedAccounts;
    /// Activity records (who did what, when), paginated.
    LIST_ACTIVITY_RECORDS = "list_activity_records": ListActivityRecords => Vec<ActivityRecord>;
    /// How fresh the upstream's data is.
    GET_DATA_RECENCY = "get_data_recency": GetDataRecency => DataRecency;
    /// Last activity of the given credentials, paginated.
    GET_CREDENTIAL_LAST_ACTIVITY = "get_credential_last_activity": GetCredentialLastActivity => Vec<CredentialLastActivity>;
    /// Last activity of the given non-human accounts, paginated.
    GET_NON_HUMAN_ACCOUNT_LAST_ACTIVITY = "get_non_human_account_last_activity": GetNonHumanAccountLastActivity => Vec<NonHumanAccountLastActivity>;
    /// Credentials (API keys, tokens, certificates), paginated.
    LIST_CREDENTIALS = "list_credentials": ListCredentials => Vec<Credential>;
    /// Non-human accounts (service accounts, bots), paginated.
    LIST_NON_HUMAN_ACCOUNTS = "list_non_human_accounts": ListNonHumanAccounts => Vec<NonHumanAccount>;
    /// The resource graph: resources and their relationships.
    FIND_RESOURCE_GRAPH = "find_resource_graph": FindResourceGraph => ResourceGraph;
    /// The entitlement graph: entitlements and what they imply.
    FIND_ENTITLEMENT_GRAPH = "find_entitlement_graph": FindEntitlementGraph => EntitlementGraph;
    /// Entitlement assignments of graph resources, paginated.
    FIND_ENTITLEMENT_ASSIGNMENTS = "find_entitlement_assignments": FindEntitlementAssignments => Vec<AccessGraphEntitlementAssignment>;
    /// Downgrade an account's license.
    DOWNGRADE_LICENSE = "downgrade_license": DowngradeLicense => DowngradedLicense;
    /// Release the resources an account holds.
    RELEASE_RESOURCES = "release_resources": ReleaseResources => ReleaseResourcesStatus;
    /// Transfer an account's data to another account.
    TRANSFER_DATA = "transfer_data": TransferData => TransferDataStatus;
    /// Expenses, paginated.
    LIST_EXPENSES = "list_expenses": ListExpenses => Vec<Expense>;
    /// Call an upstream endpoint that no capability covers.
    FULFILL_ARBITRARY_ENDPOINT = "fulfill_arbitrary_endpoint": FulfillArbitraryEndpoint => ArbitraryResponse;
    /// Applications managed by the upstream (an identity provider), paginated.
    LIST_APPLICATIONS = "list_applications": ListApplications => Vec<Application>;
    /// One application by id.
    GET_APPLICATION = "get_application": GetApplication => Application;
    /// Accounts of applications, paginated.
    LIST_APPLICATIONS_ACCOUNTS = "list_applications_accounts": ListApplicationsAccounts => Vec<ApplicationAccount>;
    /// One account of an application.
    GET_APPLICATION_ACCOUNT = "get_application_account": GetApplicationAccount => ApplicationAccount;
    /// Entitlements of applications, paginated.
    LIST_APPLICATIONS_ENTITLEMENTS = "list_applications_entitlements": ListApplicationsEntitlements => Vec<ApplicationEntitlementData>;
    /// Resources of applications, paginated.
    LIST_APPLICATIONS_RESOURCES = "list_applications_resources": ListApplicationsResources => Vec<ApplicationResourceData>;
    /// Account -> entitlement associations of applications, paginated.
    LIST_APPLICATIONS_ENTITLEMENT_ASSOCIATIONS = "list_applications_entitlement_associations": ListApplicationsEntitlementAssociations => Vec<ApplicationEntitlementAssociation>;
    /// Activity records of applications, paginated.
    LIST_APPLICATIONS_ACTIVITY_RECORDS = "list_applications_activity_records": ListApplicationsActivityRecords => Vec<ApplicationActivityRecord>;
    /// Assign an application to an account.
    ASSIGN_APPLICATION = "assign_application": AssignApplication => AssignedApplication;
    /// Unassign an application from an account.
    UNASSIGN_APPLICATION = "unassign_application": UnassignApplication => UnassignedApplication;
    /// Grant an application entitlement to an account.
    ASSIGN_APPLICATION_ENTITLEMENT = "assign_application_entitlement": AssignApplicationEntitlement => AssignedApplicationEntitlement;
    /// Revoke an application entitlement from an account.
    UNASSIGN_APPLICATION_ENTITLEMENT = "unassign_application_entitlement": UnassignApplicationEntitlement => UnassignedApplicationEntitlement;
    }
}

/// Every name of the protocol's `StandardCapabilityName` with its level (`None`: no level
/// recorded, treated as write). Custom capabilities may not use these names.
pub const STANDARD_NAMES: &[(&str, Option<Level>)] = {
    use Level::{Read, Write};
    &[
        ("app_info", None),
        ("info", None),
        ("connected_info", None),
        ("activate_account", Some(Write)),
        ("assign_entitlement", Some(Write)),
        ("create_account", Some(Write)),
        ("update_account", None),
        ("deactivate_account", Some(Write)),
        ("delete_account", Some(Write)),
        ("find_entitlement_associations", Some(Read)),
        ("get_account_entitlement_associations", Some(Read)),
        ("get_authorization_url", None),
        ("get_last_activity", Some(Read)),
        ("handle_authorization_callback", None),
        ("handle_client_credentials_request", None),
        ("list_accounts", Some(Read)),
        ("list_updated_accounts", Some(Read)),
        ("get_account", Some(Read)),
        ("get_data_recency", Some(Read)),
        ("list_activity_records", Some(Read)),
        ("list_custom_attributes_schema", Some(Read)),
        ("list_entitlements", Some(Read)),
        ("list_expenses", None),
        ("list_resources", Some(Read)),
        ("list_credentials", Some(Read)),
        ("list_non_human_accounts", Some(Read)),
        ("get_non_human_account_last_activity", Some(Read)),
        ("get_credential_last_activity", Some(Read)),
        ("find_resource_graph", Some(Read)),
        ("find_entitlement_graph", Some(Read)),
        ("find_entitlement_assignments", Some(Read)),
        ("refresh_access_token", None),
        ("unassign_entitlement", Some(Write)),
        ("validate_credentials", Some(Read)),
        ("transfer_data", Some(Write)),
        ("release_resources", Some(Write)),
        ("downgrade_license", Some(Write)),
        ("assign_application", Some(Write)),
        ("get_application", Some(Read)),
        ("get_application_account", Some(Read)),
        ("list_applications", Some(Read)),
        ("list_applications_accounts", Some(Read)),
        ("list_applications_activity_records", Some(Read)),
        ("list_applications_entitlements", Some(Read)),
        ("list_applications_resources", Some(Read)),
        ("unassign_application", Some(Write)),
        ("list_applications_entitlement_associations", Some(Read)),
        ("unassign_application_entitlement", Some(Write)),
        ("assign_application_entitlement", Some(Write)),
        ("validate_credential_config", Some(Read)),
        ("probe_integration", Some(Read)),
        ("fulfill_arbitrary_endpoint", Some(Read)),
    ]
};

/// Whether the envelope of capability `name` has `auth`/`credentials` members. Five standard
/// capabilities have none (protocol §3.1): the OAuth flow and `validate_credential_config`.
pub fn carries_credentials(name: &str) -> bool {
    !matches!(
        name,
        "get_authorization_url"
            | "handle_authorization_callback"
            | "handle_client_credentials_request"
            | "refresh_access_token"
            | "validate_credential_config"
    )
}

/// Whether `name` is a standard capability name.
pub fn is_standard(name: &str) -> bool {
    STANDARD_NAMES.iter().any(|(n, _)| *n == name)
}

/// The level of a capability: recorded for standard names, `Write` otherwise.
pub fn level(name: &str) -> Level {
    STANDARD_NAMES
        .iter()
        .find(|(n, _)| *n == name)
        .and_then(|(_, level)| *level)
        .unwrap_or(Level::Write)
}

/// Whether `name` is a valid custom capability name: snake_case letters and underscores.
pub fn is_valid_custom_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('_')
        && !name.ends_with('_')
        && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_capabilities_are_standard_and_the_table_has_52_names() {
        assert_eq!(STANDARD_NAMES.len(), 52);
        for name in TYPED {
            assert!(is_standard(name), "{name}");
        }
        let unique: std::collections::BTreeSet<&str> = TYPED.iter().copied().collect();
        assert_eq!(unique.len(), TYPED.len(), "each name once");
        assert_eq!(&TYPED[..CORE.len()], CORE);
        // Protocol §10.1: twelve core capabilities.
        assert_eq!(CORE.len(), 12);
    }

    #[test]
    fn signatures_spell_each_typed_capability() {
        let names: Vec<&str> = SIGNATURES.iter().map(|s| s.name).collect();
        assert_eq!(names, TYPED);
        for signature in SIGNATURES {
            assert_eq!(signature.constant, signature.name.to_ascii_uppercase());
        }
        let get_account = SIGNATURES.iter().find(|s| s.name == GET_ACCOUNT.name());
        assert_eq!(
            get_account,
            Some(&Signature {
                name: "get_account",
                constant: "GET_ACCOUNT",
                request: "GetAccount",
                response: "FoundAccountData",
            })
        );
        let list = SIGNATURES
            .iter()
            .find(|s| s.name == "list_custom_attributes_schema");
        assert_eq!(list.map(|s| s.response), Some("Vec<CustomAttributeSchema>"));
    }
}
