//! Default mappings from SCIM resources to the protocol's models. A connector calls them as
//! they are or copies one and adapts it (custom `userType` values, enterprise attributes...).

use serde_json::{Map, Value};

use super::group::ScimGroup;
use super::members::GroupMembership;
use super::user::ScimUser;
use crate::models::{
    AccountStatus, AccountType, FoundAccountData, FoundEntitlementAssociation, FoundEntitlementData,
};

/// The account status for SCIM's `active`: `Active`, `Suspended` for `false` (a SCIM
/// deactivation is reversible), `None` when the server does not say.
pub fn account_status(active: Option<bool>) -> Option<AccountStatus> {
    active.map(|active| {
        if active {
            AccountStatus::Active
        } else {
            AccountStatus::Suspended
        }
    })
}

/// A user as an account: `userName`, `name.givenName`/`familyName`, the primary (else first)
/// email and `active` as status. `displayName`, `name.formatted`, `userType` and `externalId`
/// go to `extra_data` when present (as `display_name`, `formatted_name`, `user_type`,
/// `external_id`); `account_type` is `user`.
pub fn account_from_user(user: &ScimUser) -> FoundAccountData {
    let name = user.name.as_ref();
    let mut extra = Map::new();
    let mut keep = |key: &str, value: Option<&String>| {
        if let Some(value) = value {
            extra.insert(key.to_owned(), Value::String(value.clone()));
        }
    };
    keep("display_name", user.display_name.as_ref());
    keep("formatted_name", name.and_then(|n| n.formatted.as_ref()));
    keep("user_type", user.user_type.as_ref());
    keep("external_id", user.external_id.as_ref());
    FoundAccountData {
        email: user.primary_email().map(str::to_owned),
        given_name: name.and_then(|n| n.given_name.clone()),
        family_name: name.and_then(|n| n.family_name.clone()),
        username: user.user_name.clone(),
        user_status: account_status(user.active),
        extra_data: (!extra.is_empty()).then_some(extra),
        account_type: Some(AccountType::User),
        ..FoundAccountData::new(user.id.clone())
    }
}

/// A group as an assignable entitlement of type `entitlement_type` on the global resource
/// (`""`), labelled with `displayName` (the id when absent); `externalId` goes to
/// `extra_data`.
pub fn entitlement_from_group(group: &ScimGroup, entitlement_type: &str) -> FoundEntitlementData {
    let extra_data = group.external_id.as_ref().map(|id| {
        let mut extra = Map::new();
        extra.insert("external_id".to_owned(), Value::String(id.clone()));
        extra
    });
    FoundEntitlementData {
        entitlement_type: entitlement_type.to_owned(),
        extra_data,
        integration_specific_id: group.id.clone(),
        integration_specific_resource_id: String::new(),
        is_assignable: Some(true),
        label: group
            .display_name
            .clone()
            .unwrap_or_else(|| group.id.clone()),
        description: None,
        custom_attributes: None,
    }
}

/// A membership as an account -> entitlement association on the global resource.
pub fn association_from_membership(membership: &GroupMembership) -> FoundEntitlementAssociation {
    FoundEntitlementAssociation {
        account_id: membership.member.value.clone(),
        integration_specific_entitlement_id: membership.group_id.clone(),
        integration_specific_resource_id: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn maps_a_full_user() {
        let user: ScimUser = serde_json::from_value(json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
            "id": "2819c223", "userName": "bjensen", "userType": "Employee",
            "name": {"formatted": "Ms. Barbara J Jensen, III", "familyName": "Jensen", "givenName": "Barbara"},
            "emails": [{"value": "bjensen@home.example.com", "type": "home"},
                       {"value": "bjensen@example.com", "type": "work", "primary": true}],
            "active": true
        }))
        .unwrap();
        let account = account_from_user(&user);
        assert_eq!(account.integration_specific_id, "2819c223");
        assert_eq!(account.username.as_deref(), Some("bjensen"));
        assert_eq!(account.given_name.as_deref(), Some("Barbara"));
        assert_eq!(account.family_name.as_deref(), Some("Jensen"));
        assert_eq!(account.email.as_deref(), Some("bjensen@example.com"));
        assert_eq!(account.user_status, Some(AccountStatus::Active));
        let extra = account.extra_data.unwrap();
        assert_eq!(extra["user_type"], "Employee");
        assert_eq!(extra["formatted_name"], "Ms. Barbara J Jensen, III");
    }

    #[test]
    fn maps_a_sparse_user() {
        let user: ScimUser = serde_json::from_value(
            json!({"id": "x", "emails": [{"value": "a@b"}], "active": "False"}),
        )
        .unwrap();
        let account = account_from_user(&user);
        assert_eq!(account.email.as_deref(), Some("a@b"));
        assert_eq!(account.user_status, Some(AccountStatus::Suspended));
        assert_eq!(account.username, None);
        assert_eq!(account.extra_data, None);
        let bare: ScimUser = serde_json::from_value(json!({"id": "y"})).unwrap();
        assert_eq!(account_from_user(&bare).user_status, None);
    }

    #[test]
    fn maps_groups_and_memberships() {
        let group: ScimGroup = serde_json::from_value(json!({"id": "g1"})).unwrap();
        let entitlement = entitlement_from_group(&group, "group");
        assert_eq!(entitlement.label, "g1");
        assert_eq!(entitlement.entitlement_type, "group");
        let membership = GroupMembership {
            group_id: "g1".to_owned(),
            member: super::super::ResourceRef::to("u1"),
        };
        let association = association_from_membership(&membership);
        assert_eq!(association.account_id, "u1");
        assert_eq!(association.integration_specific_entitlement_id, "g1");
    }
}
