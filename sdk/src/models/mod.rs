//! Protocol payloads and envelope members, serialized exactly as the protocol requires:
//! members in declaration order, `null` members kept.
//!
//! Deserialization follows the protocol's strictness rules: unknown keys are ignored, scalars
//! must have the exact JSON type.

mod common;
mod envelope;
mod read;
mod write;

pub use common::{AccountStatus, AccountType, AppCategory, EntitlementType, ResourceType};
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
