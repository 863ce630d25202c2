//! Group memberships, paged even for groups with thousands of members. How, and what it
//! costs, is documented on [`ScimClient::memberships_page`].

use std::collections::HashMap;

use super::client::{MembersVia, ScimClient, GROUPS, USERS};
use super::filter;
use super::group::ScimGroup;
use super::list::ListResponse;
use super::paging::{next_start_index, ScimPage, ScimPagination};
use super::user::{ResourceRef, ScimUser};
use crate::error::{ConnectorError, ConnectorResult, ErrorCode, ErrorKind};
use crate::pagination::Paginations;

/// Upstream requests one memberships page may make: bounds the time of a call that walks
/// many empty groups (the page then comes back short, with a token).
const MAX_REQUESTS_PER_PAGE: usize = 10;

/// Groups one listing step reads: every group listed but not yet walked stays in the page
/// token, so this bounds the token's size (about 80 bytes per group id of 36 characters).
const GROUPS_PER_LISTING: u64 = 20;

/// One user's membership of one group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupMembership {
    /// The group's id.
    pub group_id: String,
    /// The member, its `value` being the user's id.
    pub member: ResourceRef,
}

/// Some members of one group and the index after them (`None` when the group is done).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembersSlice {
    /// The members, in the server's order.
    pub members: Vec<ResourceRef>,
    /// The 1-based index of the next member, if any is left.
    pub next: Option<u64>,
}

impl ScimClient {
    /// Up to `count` members of group `group_id` from the 1-based `start_index`, read as the
    /// client's [`MembersVia`] says.
    ///
    /// # Errors
    ///
    /// `not_found` when the group does not exist ([`MembersVia::GroupResource`]), and the
    /// upstream's other failures.
    pub async fn group_members_slice(
        &self,
        group_id: &str,
        start_index: u64,
        count: u64,
    ) -> ConnectorResult<MembersSlice> {
        match self.reads_members_via() {
            MembersVia::GroupResource => {
                let all = self.group_members(group_id).await?;
                Ok(slice(&all, start_index, count))
            }
            MembersVia::UserFilter => {
                let query = [
                    ("filter", filter::eq("groups.value", group_id)),
                    ("attributes", "id".to_owned()),
                ];
                let list: ListResponse<ScimUser> =
                    self.list(USERS, start_index, count, &query).await?;
                let next = next_start_index(&list, start_index, count);
                let members = list
                    .resources
                    .into_iter()
                    .map(|user| ResourceRef {
                        kind: Some("User".to_owned()),
                        ..ResourceRef::to(user.id)
                    })
                    .collect();
                Ok(MembersSlice { members, next })
            }
        }
    }

    /// One page of user -> group memberships for `find_entitlement_associations`: resumes
    /// from `token` and returns up to `size` memberships with the next page's token.
    ///
    /// SCIM cannot page a multi-valued attribute: `members` comes whole with its group. The
    /// page token therefore holds a stack of [`ScimPagination`]s: the `/Groups` listing, and
    /// each group still being walked with the index of its next member. A call lists up to
    /// 20 groups when it needs more (which bounds the token's size); groups whose `members` came with that listing are served
    /// from it, the others (and every group that continues in a later call) are read through
    /// [`MembersVia`]:
    ///
    /// * `GroupResource` (default) reads `/Groups/{id}?attributes=members` and pages over
    ///   that list: one request per page, on any server, but a group of n members paged by
    ///   `size` transfers about n²/(2·size) member entries in all;
    /// * `UserFilter` asks `/Users?filter=groups.value eq "id"&attributes=id` and lets the
    ///   server page: cheap for huge groups, but only where that filter works, and it cannot
    ///   see nested groups.
    ///
    /// Like any offset paging, members added or removed between two calls can shift the walk
    /// and skip or repeat a membership. Members of type `Group` (nested groups) are not
    /// accounts and are left out, while still counting towards the indices. A group deleted
    /// between two calls is skipped rather than failing the walk. One call makes
    /// at most 10 upstream requests, so many empty groups give a short page with a token.
    ///
    /// # Errors
    ///
    /// `invalid_page_token` for a token this walk did not make, `invalid_response` for a
    /// group without id, and the upstream's failures.
    pub async fn memberships_page(
        &self,
        token: Option<&str>,
        size: u64,
    ) -> ConnectorResult<ScimPage<GroupMembership>> {
        let size = size.max(1);
        let mut stack = Paginations::resume_or_start(token, [ScimPagination::start(GROUPS)])?;
        if stack
            .as_slice()
            .iter()
            .any(|p| p.endpoint.as_deref() != Some(GROUPS))
        {
            return Err(ConnectorError::new(ErrorKind::InvalidPageToken));
        }
        // Members that came with this call's group listing, by group id.
        let mut listed: HashMap<String, Vec<ResourceRef>> = HashMap::new();
        let mut items = Vec::new();
        let mut consumed = 0;
        let mut requests = 0;
        while consumed < size && requests < MAX_REQUESTS_PER_PAGE {
            let Some(current) = stack.pop() else { break };
            let start = current.start_index.max(1);
            let Some(group_id) = current.group_id.clone() else {
                requests += 1;
                let count = size.min(GROUPS_PER_LISTING);
                let list: ListResponse<ScimGroup> = self
                    .list(GROUPS, start, count, &self.group_list_query())
                    .await?;
                if let Some(next) = next_start_index(&list, start, count) {
                    stack.push(current.at(next));
                }
                // Reversed, so that the first group is on top of the stack.
                for group in list.resources.into_iter().rev() {
                    if group.id.is_empty() {
                        return Err(ConnectorError::with_kind(
                            ErrorKind::InvalidResponse,
                            "The SCIM server returned a group without an id.",
                        ));
                    }
                    if let (true, Some(members)) = (self.lists_members(), group.members) {
                        listed.insert(group.id.clone(), members);
                    }
                    stack.push(ScimPagination::members(GROUPS, group.id));
                }
                continue;
            };
            let want = size - consumed;
            let part = match listed.get(&group_id) {
                Some(all) => slice(all, start, want),
                None => {
                    requests += 1;
                    match self.group_members_slice(&group_id, start, want).await {
                        // Deleted since it was listed: it has no memberships left, and failing
                        // would stop the walk for good.
                        Err(error) if error.code == ErrorCode::NotFound => {
                            tracing::debug!("a listed SCIM group is gone; skipped");
                            MembersSlice {
                                members: Vec::new(),
                                next: None,
                            }
                        }
                        result => result?,
                    }
                }
            };
            consumed += part.members.len() as u64;
            if let Some(next) = part.next {
                stack.push(current.at(next));
            }
            items.extend(
                part.members
                    .into_iter()
                    .filter(|member| !member.is_group() && !member.value.is_empty())
                    .map(|member| GroupMembership {
                        group_id: group_id.clone(),
                        member,
                    }),
            );
        }
        Ok(ScimPage {
            items,
            next: stack.next_token()?,
        })
    }
}

/// Members `start..start + count` (1-based) of `all`.
fn slice(all: &[ResourceRef], start_index: u64, count: u64) -> MembersSlice {
    let skip = usize::try_from(start_index.max(1) - 1).unwrap_or(usize::MAX);
    let take = usize::try_from(count).unwrap_or(usize::MAX);
    let members: Vec<ResourceRef> = all.iter().skip(skip).take(take).cloned().collect();
    let end = skip.saturating_add(members.len());
    let next = (!members.is_empty() && end < all.len()).then(|| end as u64 + 1);
    MembersSlice { members, next }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs(n: usize) -> Vec<ResourceRef> {
        (1..=n).map(|i| ResourceRef::to(format!("u{i}"))).collect()
    }

    #[test]
    fn slices_are_one_based() {
        let all = refs(5);
        let first = slice(&all, 1, 2);
        assert_eq!(first.members, all[..2]);
        assert_eq!(first.next, Some(3));
        let last = slice(&all, 5, 2);
        assert_eq!(last.members, all[4..]);
        assert_eq!(last.next, None);
        assert_eq!(slice(&all, 9, 2).members, []);
        assert_eq!(slice(&all, 9, 2).next, None);
        assert_eq!(slice(&[], 1, 2).next, None);
    }
}
