//! Pagination state of the {{crate_name | title_case}} API (offset-based) and its page size.

/// Items per page when the request does not say.
pub const DEFAULT_PAGE_SIZE: u32 = 25;

/// Where the next page of a {{crate_name | title_case}} list starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct {{crate_name | pascal_case}}Pagination {
    /// Offset of the first item of the next page.
    pub offset: u64,
}
