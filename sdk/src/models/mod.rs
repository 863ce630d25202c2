//! Protocol payloads and envelope members, serialized exactly as the protocol requires:
//! members in declaration order, `null` members kept.
//!
//! Deserialization follows the protocol's strictness rules: unknown keys are ignored, scalars
//! must have the exact JSON type.
//!
//! The payloads of the standard capabilities have the reference's schemas
//! ([`model_schema`](crate::schema::model_schema) of each equals the recorded one; tests
//! check it): their doc comments are the reference's descriptions word for word, since they
//! become the schemas' `description`s, and members the reference leaves undescribed carry
//! `#[schemars(description = "")]`.

mod accounts;
mod activity;
mod applications;
mod arbitrary;
mod common;
mod custom_attributes;
mod envelope;
mod expenses;
mod graph;
mod licenses;
mod non_human;
mod read;
mod write;

pub use accounts::{
    GetAccount, GetAccountEntitlementAssociations, ListUpdatedAccounts, UpdateableAccount,
    UpdatedAccounts,
};
pub use activity::{
    ActivityEventType, ActivityRecord, ActivityRecordActivityType, ActivityRecordActor,
    ActivityRecordEntitlement, ActivityRecordTarget, ActivityType, CredentialLastActivity,
    DataRecency, GetCredentialLastActivity, GetDataRecency, GetNonHumanAccountLastActivity,
    ListActivityRecords, NonHumanAccountLastActivity,
};
pub use applications::{
    Application, ApplicationAccount, ApplicationActivityRecord, ApplicationEntitlementAssociation,
    ApplicationEntitlementData, ApplicationResourceData, ApplicationStatus, AssignApplication,
    AssignApplicationEntitlement, AssignedApplication, AssignedApplicationEntitlement,
    AssignmentMode, GetApplication, GetApplicationAccount, ListApplications,
    ListApplicationsAccounts, ListApplicationsActivityRecords,
    ListApplicationsEntitlementAssociations, ListApplicationsEntitlements,
    ListApplicationsResources, SignOnMode, UnassignApplication, UnassignApplicationEntitlement,
    UnassignedApplication, UnassignedApplicationEntitlement,
};
pub use arbitrary::{ArbitraryRequestMethod, ArbitraryResponse, FulfillArbitraryEndpoint};
pub use common::{AccountStatus, AccountType, AppCategory, EntitlementType, ResourceType};
pub use custom_attributes::{
    CustomAttribute, CustomAttributeCustomizedType, CustomAttributeParameter,
    CustomAttributeSchema, CustomAttributeType, ListCustomAttributesSchema,
};
pub use envelope::{
    Effect, ExecutionSummary, Page, RateLimitOverrideMode, RateLimitRequestInfo,
    RateLimitResponseInfo, RateLimitSnapshot,
};
pub(crate) use envelope::{Envelope, UnauthenticatedEnvelope};
pub use expenses::{
    Amount, Expense, ExpenseApprovalStatus, ExpenseFilters, ExpensePaymentStatus, ExpenseType,
    ListExpenses, NormalizedExpenseApprovalStatus, NormalizedExpensePaymentStatus, SpendUser,
    TimeRange, Vendor,
};
pub use graph::{
    AccessGraphEntitlement, AccessGraphEntitlementAssignment, AccessGraphEntitlementIdentifier,
    AccessGraphEntitlementRule, AccessGraphImpliedAccess, AccessGraphImpliedAccessRule,
    AccessGraphResource, AccessGraphResourceRelationship, EntitlementGraph,
    FindEntitlementAssignments, FindEntitlementGraph, FindResourceGraph, Reference, ReferenceType,
    ResourceGraph,
};
pub use licenses::{
    DowngradeLicense, DowngradedLicense, ReleaseResources, ReleaseResourcesStatus, TransferData,
    TransferDataStatus,
};
pub use non_human::{
    Credential, CredentialStatus, ListCredentials, ListNonHumanAccounts, NonHumanAccount,
};
pub use read::{
    FindEntitlementAssociations, FoundAccountData, FoundEntitlementAssociation,
    FoundEntitlementData, FoundResourceData, GetLastActivity, LastActivityData, ListAccounts,
    ListEntitlements, ListResources, ValidateCredentials, ValidatedCredentials,
};
pub use write::{
    ActivateAccount, ActivatedAccount, AssignEntitlement, AssignedEntitlement, CreatableAccount,
    CreateAccountEntitlement, CreatedAccount, DeactivateAccount, DeactivatedAccount, DeleteAccount,
    DeletedAccount, UnassignEntitlement, UnassignedEntitlement,
};
