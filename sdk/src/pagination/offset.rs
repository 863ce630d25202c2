//! [`OffsetPagination`]: the pagination object of offset/limit endpoints.

use serde::{Deserialize, Serialize};

/// State of an offset-paginated endpoint: which endpoint, and where the next page starts.
///
/// Its token form is the reference's: `{"endpoint": ..., "offset": n}` in that order, so
/// `OffsetPagination::start("/users").advanced_by(2)` encodes as the token of the protocol's
/// demo `list_accounts` first page.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OffsetPagination {
    /// The upstream endpoint this state belongs to (`None` when the connector walks a
    /// single endpoint and does not need to name it).
    pub endpoint: Option<String>,
    /// Number of items already returned from this endpoint.
    pub offset: u64,
}

impl OffsetPagination {
    /// The first page of `endpoint` (offset 0).
    pub fn start(endpoint: impl Into<String>) -> Self {
        Self {
            endpoint: Some(endpoint.into()),
            offset: 0,
        }
    }

    /// The same endpoint, `count` items further on.
    pub fn advanced_by(self, count: u64) -> Self {
        Self {
            offset: self.offset.saturating_add(count),
            ..self
        }
    }
}
