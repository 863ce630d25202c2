//! Any SCIM answer body read by the SDK's SCIM types: `ListResponse` of users and of groups,
//! a single `User` or `Group`, and the Error body; then the default mappings to the
//! protocol's accounts, entitlements and associations, and the next page's `startIndex`.
//!
//! Checked, besides no panic and no call over 1 s:
//! * reading is stable: what was read, written back and read again, is the same value (the
//!   types promise to keep unknown attributes and write them back unchanged);
//! * `next_start_index` only moves forward, by what the page held, never past
//!   `totalResults`.

#![no_main]

use std::fmt::Debug;

use connector_sdk::scim::{
    account_from_user, association_from_membership, entitlement_from_group, next_start_index,
    GroupMembership, ListResponse, ScimErrorBody, ScimGroup, ScimUser,
};
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use serde::Serialize;

fuzz_target!(|data: &[u8]| {
    // The request's startIndex and count, from the input so both vary.
    let start = (data.len() % 40) as u64;
    let count = 1 + (data.len() % 7) as u64;
    if let Some(list) = read_stable::<ListResponse<ScimUser>>(data) {
        paging(&list, start, count);
        for user in &list.resources {
            let _ = account_from_user(user);
        }
    }
    if let Some(list) = read_stable::<ListResponse<ScimGroup>>(data) {
        paging(&list, start, count);
        for group in &list.resources {
            groups(group);
        }
    }
    if let Some(user) = read_stable::<ScimUser>(data) {
        let _ = account_from_user(&user);
    }
    if let Some(group) = read_stable::<ScimGroup>(data) {
        groups(&group);
    }
    if let Some(error) = ScimErrorBody::parse(data) {
        let again = serde_json::to_vec(&error).expect("an error body serializes");
        assert_eq!(ScimErrorBody::parse(&again).as_ref(), Some(&error));
    }
});

/// `T` read from `data`, when it reads; written back it must read as the same value.
fn read_stable<T>(data: &[u8]) -> Option<T>
where
    T: Serialize + DeserializeOwned + PartialEq + Debug,
{
    let value: T = serde_json::from_slice(data).ok()?;
    let written = serde_json::to_vec(&value).expect("what was read serializes");
    let again: T = serde_json::from_slice(&written).unwrap_or_else(|e| {
        panic!(
            "written back, it does not read ({e}): {}",
            String::from_utf8_lossy(&written)
        )
    });
    assert_eq!(again, value, "{}", String::from_utf8_lossy(&written));
    Some(value)
}

fn paging<T>(list: &ListResponse<T>, start: u64, count: u64) {
    let returned = list.resources.len() as u64;
    match next_start_index(list, start, count) {
        Some(next) => {
            assert_eq!(next, start.max(1) + returned);
            assert!(returned > 0);
            if let Some(total) = list.total_results {
                assert!(next <= total, "next {next} past totalResults {total}");
            }
        }
        None => assert!(
            returned == 0
                || returned > count
                || list
                    .total_results
                    .is_some_and(|t| start.max(1) + returned > t),
            "the walk stopped early"
        ),
    }
}

fn groups(group: &ScimGroup) {
    let _ = entitlement_from_group(group, "GROUP");
    for member in group.members.iter().flatten() {
        let _ = association_from_membership(&GroupMembership {
            group_id: group.id.clone(),
            member: member.clone(),
        });
    }
}
