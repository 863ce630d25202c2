//! Opaque page tokens.
//!
//! A token is the lowercase hex of the msgpack list of *pagination objects* still to walk
//! (protocol README §8). Each object is a serde struct whose first field is
//! `endpoint: Option<String>`, followed by the connector's own state (offset, cursor...). The
//! format is byte-identical to the reference runtime's, so hosts can keep tokens across
//! runtimes.
//!
//! Most connectors need only [`Paginations`] and [`OffsetPagination`]:
//!
//! ```
//! use connector_sdk::error::ConnectorResult;
//! use connector_sdk::pagination::{OffsetPagination, Paginations};
//!
//! /// The upstream: GET /users?offset=&limit= over five users.
//! fn get_users(offset: u64, limit: u64) -> (Vec<&'static str>, bool) {
//!     let all = ["u1", "u2", "u3", "u4", "u5"];
//!     let start = usize::try_from(offset).unwrap_or(usize::MAX).min(all.len());
//!     let end = start.saturating_add(usize::try_from(limit).unwrap_or(usize::MAX)).min(all.len());
//!     (all[start..end].to_vec(), end < all.len())
//! }
//!
//! /// One `list_accounts` call: the page's items and the token for the response's `page`.
//! fn list_accounts(token: Option<&str>, size: u64) -> ConnectorResult<(Vec<&'static str>, Option<String>)> {
//!     // No token: first call of the walk, start at the beginning of /users.
//!     let mut pages = Paginations::resume_or_start(token, [OffsetPagination::start("/users")])?;
//!     let mut items = Vec::new();
//!     if let Some(current) = pages.pop() {
//!         let (users, has_more) = get_users(current.offset, size);
//!         if has_more {
//!             pages.push(current.advanced_by(users.len() as u64));
//!         }
//!         items = users;
//!     }
//!     // `None` once nothing is left: the response's `page` is then null.
//!     Ok((items, pages.next_token()?.map(|t| t.into_string())))
//! }
//!
//! let (page1, token1) = list_accounts(None, 2)?;
//! let (page2, token2) = list_accounts(token1.as_deref(), 2)?;
//! let (page3, token3) = list_accounts(token2.as_deref(), 2)?;
//! assert_eq!([page1, page2, page3].concat(), ["u1", "u2", "u3", "u4", "u5"]);
//! assert!(token1.is_some() && token2.is_some());
//! assert_eq!(token3, None);
//!
//! // A token the connector cannot read is the caller's fault, not a retryable bug.
//! let err = list_accounts(Some("not-a-token"), 2).unwrap_err();
//! assert_eq!(err.code.as_str(), "invalid_page_token");
//! # Ok::<(), connector_sdk::error::ConnectorError>(())
//! ```

mod hex;
mod msgpack;
mod offset;
mod stack;
mod token;

pub use offset::OffsetPagination;
pub use stack::Paginations;
pub use token::NextPageToken;
