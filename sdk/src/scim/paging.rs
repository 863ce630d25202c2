//! Paging by `startIndex`/`count` (RFC 7644 §3.4.2.4) through the connector's page token.
//!
//! The next request starts at `startIndex` + the number of resources the page *actually*
//! held, never + `count`: servers cap `count` silently and return short pages. The walk
//! stops when a page is empty, when `totalResults` is reached, or when a server that sends no
//! `totalResults` returned more than `count` (it ignores `count` and sent everything).
//! A server that ignores `startIndex` while honouring `count` cannot be told apart from one
//! that pages, so it is paged until `totalResults` (or an empty page) ends the walk.

use serde::{Deserialize, Serialize};

use super::list::ListResponse;
use crate::error::{ConnectorError, ConnectorResult, ErrorKind};
use crate::pagination::{NextPageToken, Paginations};

/// The state carried in page tokens: which endpoint, where it resumes, and for memberships
/// which group.
///
/// Its token form is `{"endpoint": "/Users", "start_index": 51}`, with a `group_id` member
/// only while walking one group's members.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ScimPagination {
    /// The endpoint (`/Users`, `/Groups`).
    pub endpoint: Option<String>,
    /// The 1-based index of the next resource (or member) to read.
    pub start_index: u64,
    /// The group whose members are walked, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_id: Option<String>,
}

impl ScimPagination {
    /// The first page of `endpoint`.
    pub fn start(endpoint: impl Into<String>) -> Self {
        Self {
            endpoint: Some(endpoint.into()),
            start_index: 1,
            group_id: None,
        }
    }

    /// The first member of group `group_id`, listed from `endpoint`.
    pub fn members(endpoint: impl Into<String>, group_id: impl Into<String>) -> Self {
        Self {
            group_id: Some(group_id.into()),
            ..Self::start(endpoint)
        }
    }

    /// The same walk, resuming at `start_index`.
    pub fn at(self, start_index: u64) -> Self {
        Self {
            start_index,
            ..self
        }
    }
}

/// One page for a list capability: the items and the token of the next page (`None` at the
/// end, which the response reports as `page: null`).
#[derive(Debug, Clone, PartialEq)]
pub struct ScimPage<T> {
    /// The items of this page, in the server's order.
    pub items: Vec<T>,
    /// The token for the next call, `None` when nothing is left.
    pub next: Option<NextPageToken>,
}

/// Where the page after `list` starts, or `None` when the walk is over (see the module doc).
/// `start_index` and `count` are what the request asked for.
pub fn next_start_index<T>(list: &ListResponse<T>, start_index: u64, count: u64) -> Option<u64> {
    let returned = list.resources.len() as u64;
    if returned == 0 {
        return None;
    }
    let next = start_index.max(1).saturating_add(returned);
    match list.total_results {
        Some(total) => (next <= total).then_some(next),
        None if returned > count => None,
        None => Some(next),
    }
}

/// Resumes a single-endpoint walk from `token` (or starts `endpoint` at index 1) and checks
/// that the token belongs to `endpoint`.
///
/// # Errors
///
/// `invalid_page_token` when the token does not decode or was made for another endpoint.
pub(crate) fn resume(
    token: Option<&str>,
    endpoint: &str,
) -> ConnectorResult<(Paginations<ScimPagination>, ScimPagination)> {
    let mut stack = Paginations::resume_or_start(token, [ScimPagination::start(endpoint)])?;
    let current = stack
        .pop()
        .unwrap_or_else(|| ScimPagination::start(endpoint));
    if current.endpoint.as_deref() != Some(endpoint) || current.group_id.is_some() {
        tracing::debug!("page token belongs to another SCIM endpoint");
        return Err(ConnectorError::new(ErrorKind::InvalidPageToken));
    }
    let start = current.start_index.max(1);
    Ok((stack, current.at(start)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(n: usize, total: Option<u64>) -> ListResponse<u8> {
        ListResponse {
            schemas: Vec::new(),
            total_results: total,
            start_index: None,
            items_per_page: None,
            resources: vec![0; n],
        }
    }

    #[test]
    fn next_index_counts_what_came_back() {
        // A short page (server caps count at 3): continue after the 3 received.
        assert_eq!(next_start_index(&list(3, Some(10)), 1, 5), Some(4));
        assert_eq!(next_start_index(&list(3, Some(10)), 4, 5), Some(7));
        // The total is reached.
        assert_eq!(next_start_index(&list(4, Some(10)), 7, 5), None);
        assert_eq!(next_start_index(&list(2, Some(10)), 9, 5), None);
        // No total: go on until an empty page.
        assert_eq!(next_start_index(&list(5, None), 1, 5), Some(6));
        assert_eq!(next_start_index(&list(0, None), 6, 5), None);
        // No total and more than asked: the server ignores count and sent everything.
        assert_eq!(next_start_index(&list(9, None), 1, 5), None);
        // Ignoring count with a total: the total decides.
        assert_eq!(next_start_index(&list(9, Some(9)), 1, 5), None);
    }

    #[test]
    fn tokens_resume_only_their_endpoint() {
        let token = NextPageToken::encode(&[ScimPagination::start("/Users").at(51)])
            .unwrap()
            .unwrap();
        let (_, current) = resume(Some(token.as_str()), "/Users").unwrap();
        assert_eq!(current.start_index, 51);
        let err = resume(Some(token.as_str()), "/Groups").unwrap_err();
        assert_eq!(err.code.as_str(), "invalid_page_token");
        assert_eq!(resume(None, "/Users").unwrap().1.start_index, 1);
    }
}
