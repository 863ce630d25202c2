//! Pagination: how a list capability resumes where the previous page stopped.
//!
//! The page token the platform passes back is opaque to it: hex of msgpack of a list of
//! pagination states, each naming the `endpoint` it belongs to. The SDK encodes and decodes
//! it (`NextPageToken`); this file only says what state to keep.
//!
//! Adapt: the generated code pages by offset. If the API pages by cursor, declare your own
//! state struct with `endpoint` as its first field, e.g.
//! `struct Pagination { endpoint: Option<String>, cursor: String }`; set the page sizes to
//! the API's limits.

pub use connector_sdk::pagination::OffsetPagination as Pagination;

/// Items per page when neither the caller nor the settings say.
pub const DEFAULT_PAGE_SIZE: u64 = 100;

/// The most items one upstream request may ask for.
pub const MAX_PAGE_SIZE: u64 = 500;
