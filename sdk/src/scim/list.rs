//! The query answer (RFC 7644 §3.4.2): `ListResponse`.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::lenient;

/// One page of a query, `T` being [`ScimUser`](super::ScimUser),
/// [`ScimGroup`](super::ScimGroup) or any serde type.
///
/// Every member is optional on reading, though RFC 7644 requires some: servers leave out
/// `Resources` when it is empty, `totalResults` when they do not count, and `itemsPerPage` or
/// `startIndex` when they do not page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound(deserialize = "T: DeserializeOwned"))]
pub struct ListResponse<T> {
    /// [`urn::LIST_RESPONSE`](super::urn::LIST_RESPONSE).
    #[serde(default, deserialize_with = "lenient::vec_or_null")]
    pub schemas: Vec<String>,
    /// How many resources match the query in all.
    #[serde(
        rename = "totalResults",
        default,
        deserialize_with = "lenient::u64_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub total_results: Option<u64>,
    /// The 1-based index of the first resource of this page.
    #[serde(
        rename = "startIndex",
        default,
        deserialize_with = "lenient::u64_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub start_index: Option<u64>,
    /// How many resources this page holds, as the server says.
    #[serde(
        rename = "itemsPerPage",
        default,
        deserialize_with = "lenient::u64_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub items_per_page: Option<u64>,
    /// The resources of this page (also read from `resources`, as some servers spell it).
    #[serde(
        rename = "Resources",
        alias = "resources",
        default = "Vec::new",
        deserialize_with = "lenient::vec_or_null"
    )]
    pub resources: Vec<T>,
}
