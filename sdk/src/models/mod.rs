//! Protocol payloads and envelope members, serialized exactly as the protocol requires:
//! members in declaration order, `null` members kept.
//!
//! Deserialization follows the protocol's strictness rules: unknown keys are ignored, scalars
//! must have the exact JSON type.

mod accounts;
mod common;
mod custom_attributes;
mod envelope;
mod read;
mod write;

pub use accounts::{
    GetAccount, GetAccountEntitlementAssociations, ListUpdatedAccounts, UpdateableAccount,
    UpdatedAccounts,
};
pub use common::{AccountStatus, AccountType, AppCategory, EntitlementType, ResourceType};
pub use custom_attributes::{
    CustomAttributeCustomizedType, CustomAttributeSchema, CustomAttributeType,
    ListCustomAttributesSchema,
};
pub use envelope::{
    Effect, ExecutionSummary, Page, RateLimitOverrideMode, RateLimitRequestInfo,
    RateLimitResponseInfo, RateLimitSnapshot,
};
pub(crate) use envelope::{Envelope, UnauthenticatedEnvelope};
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
