//! The users changed since a point in time, for `list_updated_accounts`: `/Users` filtered on
//! `meta.lastModified gt "<cursor>"` (RFC 7644 §3.4.2.2), paged like the other lists.
//!
//! The cursor is the newest `meta.lastModified` the walk saw, as the server wrote it, so the
//! next walk asks for what changed after it. A walk's lower bound is fixed when it starts
//! (from the request's `cursor`, else its `since`) and travels in the page token with the
//! newest time seen so far; each page reports as cursor the bound it started from, and the
//! last page the newest time seen, so a cursor stored after any page loses nothing.
//!
//! What this cannot see: a user changed during a walk at a position the walk has already
//! passed, with a `lastModified` older than the newest one the walk saw later, is only
//! listed if it changes again. SCIM has no snapshot reads; sorting by `meta.lastModified`
//! would avoid it but `sortBy` is optional (RFC 7644 §3.4.2.3), so it is not asked for.

use serde::{Deserialize, Serialize};

use super::client::{require_ids, ScimClient, USERS};
use super::filter;
use super::list::ListResponse;
use super::paging::next_start_index;
use super::timestamp::{self, Instant};
use super::user::ScimUser;
use crate::error::{ConnectorError, ConnectorResult, ErrorKind};
use crate::pagination::{NextPageToken, Paginations};

/// The attribute the walk filters on.
const LAST_MODIFIED: &str = "meta.lastModified";

/// Where a walk of changed users stands; its token form is
/// `{"endpoint": "/Users", "changed_users": true, "start_index": 51, "after": "…", "newest": "…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct ChangesPagination {
    /// Always [`USERS`]: page tokens name their endpoint first.
    endpoint: Option<String>,
    /// Marks the token as one of this walk: a `list_accounts` token is refused.
    changed_users: bool,
    /// The 1-based index of the next user to read.
    start_index: u64,
    /// The walk's lower bound (exclusive); `None` lists every user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    after: Option<String>,
    /// The newest `meta.lastModified` seen so far, as the server wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    newest: Option<String>,
}

/// One page of changed users for `list_updated_accounts`.
#[derive(Debug, Clone, PartialEq)]
pub struct ScimChanges {
    /// The users of this page, in the server's order.
    pub items: Vec<ScimUser>,
    /// The token for the next page, `None` on the last one.
    pub next: Option<NextPageToken>,
    /// The cursor to report: the walk's lower bound on pages before the last, the newest
    /// `meta.lastModified` seen on the last one; `None` when neither is known.
    pub cursor: Option<String>,
}

/// The bound a new walk starts from: the request's `cursor`, else its `since`.
///
/// # Errors
///
/// `invalid_value` when it is no RFC 3339 timestamp (the cursor this module reports always is).
pub fn changes_bound<'a>(
    cursor: Option<&'a str>,
    since: Option<&'a str>,
) -> ConnectorResult<Option<&'a str>> {
    let (name, value) = match (cursor, since) {
        (Some(cursor), _) => ("cursor", cursor),
        (None, Some(since)) => ("since", since),
        (None, None) => return Ok(None),
    };
    if timestamp::parse(value).is_none() {
        return Err(ConnectorError::with_kind(
            ErrorKind::InvalidValue,
            format!(
                "`{name}` is not an RFC 3339 date-time (such as 2024-01-15T10:30:00Z); this \
                 connector's cursors are the `meta.lastModified` it last saw."
            ),
        )
        .with_hint(format!(
            "Send a `{name}` such as 2024-01-15T10:30:00Z, or the `cursor` of the previous \
             list_updated_accounts response."
        )));
    }
    Ok(Some(value.trim()))
}

impl ScimClient {
    /// One page of the users changed after `after` (see the module doc): a new walk starts
    /// from `after` (use [`changes_bound`] for the request's cursor or `since`), a walk
    /// resumed from `token` keeps the bound it started with.
    ///
    /// # Errors
    ///
    /// `invalid_value` for an `after` that is no RFC 3339 date-time, `invalid_page_token` for
    /// a token this walk did not make, `invalid_response` for a user without `id`, and the
    /// upstream's failures (a server that cannot filter on `meta.lastModified` answers
    /// 400 `invalidFilter`).
    pub async fn changed_users_page(
        &self,
        token: Option<&str>,
        after: Option<&str>,
        size: u64,
    ) -> ConnectorResult<ScimChanges> {
        let size = size.max(1);
        let start = ChangesPagination {
            endpoint: Some(USERS.to_owned()),
            changed_users: true,
            start_index: 1,
            after: changes_bound(after, None)?.map(str::to_owned),
            newest: None,
        };
        let mut stack = Paginations::resume_or_start(token, [start.clone()])?;
        let current = stack.pop().unwrap_or(start);
        if !current.changed_users || current.endpoint.as_deref() != Some(USERS) {
            tracing::debug!("page token belongs to another SCIM walk");
            return Err(ConnectorError::new(ErrorKind::InvalidPageToken));
        }
        let query: Vec<(&str, String)> = current
            .after
            .as_deref()
            .map(|after| ("filter", filter::gt(LAST_MODIFIED, after)))
            .into_iter()
            .collect();
        let list: ListResponse<ScimUser> = self
            .list(USERS, current.start_index.max(1), size, &query)
            .await?;
        require_ids(&list.resources, |user: &ScimUser| &user.id, "user")?;
        let newest = newest(current.newest.clone(), &list.resources);
        let next = next_start_index(&list, current.start_index.max(1), size);
        let cursor = match next {
            Some(_) => current.after.clone(),
            None => newest.clone().or_else(|| current.after.clone()),
        };
        if let Some(start_index) = next {
            stack.push(ChangesPagination {
                start_index,
                newest,
                ..current
            });
        }
        Ok(ScimChanges {
            items: list.resources,
            next: stack.next_token()?,
            cursor,
        })
    }
}

/// The later of `seen` and every user's `meta.lastModified`, kept as the server wrote it;
/// values that are no timestamp are skipped.
fn newest(seen: Option<String>, users: &[ScimUser]) -> Option<String> {
    let modified = users.iter().filter_map(|user| {
        let text = user.extra.get("meta")?.get("lastModified")?.as_str()?;
        Some((timestamp::parse(text)?, text.to_owned()))
    });
    let seen = seen.and_then(|text| Some((timestamp::parse(&text)?, text)));
    seen.into_iter()
        .chain(modified)
        .max_by_key(|(at, _): &(Instant, String)| *at)
        .map(|(_, text)| text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A user last modified `at`.
    fn user_modified_at(id: &str, at: &str) -> ScimUser {
        serde_json::from_value(serde_json::json!({"id": id, "meta": {"lastModified": at}})).unwrap()
    }

    #[test]
    fn the_newest_time_is_compared_as_time_not_text() {
        let users = [
            user_modified_at("a", "2026-11-30T19:38:43.5Z"),
            user_modified_at("b", "2026-11-30T19:38:43Z"),
            user_modified_at("c", "not a time"),
        ];
        assert_eq!(
            newest(None, &users).as_deref(),
            Some("2026-11-30T19:38:43.5Z")
        );
        assert_eq!(
            newest(Some("2026-11-30T20:00:00+01:00".to_owned()), &users).as_deref(),
            Some("2026-11-30T19:38:43.5Z")
        );
        assert_eq!(
            newest(Some("2026-12-01T00:00:00Z".to_owned()), &users).as_deref(),
            Some("2026-12-01T00:00:00Z")
        );
        assert_eq!(newest(None, &[]), None);
    }

    #[test]
    fn the_bound_is_the_cursor_else_since_and_must_be_a_time() {
        let cursor = Some("2026-11-30T19:38:43Z");
        let since = Some("2020-01-01T00:00:00Z");
        assert_eq!(changes_bound(cursor, since).unwrap(), cursor);
        assert_eq!(changes_bound(None, since).unwrap(), since);
        assert_eq!(changes_bound(None, None).unwrap(), None);
        let error = changes_bound(Some("yesterday\" or id pr"), since).unwrap_err();
        assert_eq!(error.code.as_str(), "invalid_value");
        assert!(error.message.contains("`cursor`"), "{}", error.message);
    }

    #[test]
    fn a_walk_resumes_from_its_own_token() {
        let walk = ChangesPagination {
            endpoint: Some(USERS.to_owned()),
            changed_users: true,
            start_index: 51,
            after: Some("2026-01-01T00:00:00Z".to_owned()),
            newest: Some("2026-03-01T10:00:00.25Z".to_owned()),
        };
        let token = Paginations::from(vec![walk.clone()])
            .next_token()
            .unwrap()
            .unwrap();
        let mut resumed: Paginations<ChangesPagination> =
            Paginations::from_page_token(Some(token.as_str())).unwrap();
        assert_eq!(resumed.pop(), Some(walk));
    }

    #[test]
    fn tokens_of_other_walks_are_not_taken_for_this_one() {
        let other = super::super::ScimPagination::start("/Users").at(51);
        let token = NextPageToken::encode(&[other]).unwrap().unwrap();
        let decoded: ConnectorResult<Paginations<ChangesPagination>> =
            Paginations::from_page_token(Some(token.as_str()));
        assert!(
            decoded.is_err(),
            "a list_accounts token has no `changed_users`"
        );
    }
}
