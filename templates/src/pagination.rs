//! Pagination: how a list capability resumes where the previous page stopped.
//!
//! The page token the platform passes back is opaque to it: hex of msgpack of a list of
//! pagination states, each naming the `endpoint` it belongs to. The SDK encodes and decodes
//! it (`NextPageToken`); this file only says what state to keep.
//!
{%- if pagination == "offset" %}
//! Adapt: the generated code pages by offset. If the API pages by cursor, declare your own
//! state struct with `endpoint` as its first field, e.g.
//! `struct Pagination { endpoint: Option<String>, cursor: String }`; set the page sizes to
//! the API's limits.

pub use connector_sdk::pagination::OffsetPagination as Pagination;
{%- endif %}
{%- if pagination == "page" %}
//! The API pages by number (`?page=&per_page=`, the first page is 1) and answers with the
//! `total` count of items; the walk stops once the items seen reach `total`, or a page comes
//! back empty. Counting the items seen, rather than multiplying pages by their size, keeps the
//! walk right when the API serves fewer items per page than asked.
//!
//! Adapt: the parameter names in `client.rs`, `page: 0` in `start` if the API counts pages
//! from 0, and the page sizes to the API's limits.

use serde::{Deserialize, Serialize};

/// Where the walk of one page-numbered endpoint stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pagination {
    /// The endpoint this state belongs to (every pagination state starts with it).
    pub endpoint: Option<String>,
    /// The page to ask for next.
    pub page: u64,
    /// Items per page, fixed for the whole walk: pages cut to another size would skip or
    /// repeat items.
    pub page_size: u64,
    /// Items the walk has returned so far.
    pub seen: u64,
}

impl Pagination {
    /// The first page of `endpoint`, `page_size` items per page.
    pub fn start(endpoint: impl Into<String>, page_size: u64) -> Self {
        Self {
            endpoint: Some(endpoint.into()),
            page: 1,
            page_size,
            seen: 0,
        }
    }

    /// The page after this one, which returned `count` items of `total`; `None` at the end.
    pub fn next(self, count: u64, total: u64) -> Option<Self> {
        let seen = self.seen.saturating_add(count);
        (count > 0 && seen < total).then(|| Self {
            page: self.page.saturating_add(1),
            seen,
            ..self
        })
    }
}
{%- endif %}
{%- if pagination == "cursor" %}
//! The API pages by cursor (`?cursor=&limit=`, no cursor for the first page) and answers with
//! the `next_cursor` to ask for next; the walk stops when it is null or empty. A cursor equal
//! to the one asked with is an `invalid_response` error: following it would never end.
//!
//! Adapt: the parameter and field names in `client.rs`, and the page sizes to the API's
//! limits.

use connector_sdk::error::{ConnectorError, ConnectorResult, ErrorKind};
use serde::{Deserialize, Serialize};

/// Where the walk of one cursor-paginated endpoint stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pagination {
    /// The endpoint this state belongs to (every pagination state starts with it).
    pub endpoint: Option<String>,
    /// The API's cursor of the page to ask for next; `None` for the first page.
    pub cursor: Option<String>,
}

impl Pagination {
    /// The first page of `endpoint`.
    pub fn start(endpoint: impl Into<String>) -> Self {
        Self {
            endpoint: Some(endpoint.into()),
            cursor: None,
        }
    }

    /// The page after this one, whose answer named `next_cursor`; `None` at the end.
    pub fn next(self, next_cursor: Option<String>) -> ConnectorResult<Option<Self>> {
        let Some(cursor) = next_cursor.filter(|cursor| !cursor.is_empty()) else {
            return Ok(None);
        };
        if self.cursor.as_ref() == Some(&cursor) {
            return Err(ConnectorError::with_kind(
                ErrorKind::InvalidResponse,
                "The API answered with the cursor it was asked with: the list would never end.",
            ));
        }
        Ok(Some(Self {
            cursor: Some(cursor),
            ..self
        }))
    }
}
{%- endif %}

/// Items per page when neither the caller nor the settings say.
pub const DEFAULT_PAGE_SIZE: u64 = 100;

/// The most items one upstream request may ask for.
pub const MAX_PAGE_SIZE: u64 = 500;
