//! Payloads of `fulfill_arbitrary_endpoint`: a call of an upstream endpoint the connector has no capability for.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A single read the caller wants executed against the connected app instance.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(extend("x-capability-level" = "read"))]
pub struct FulfillArbitraryEndpoint {
    /// A path relative to the instance's base URL, or an absolute URL on the same host. Absolute URLs are continuation links the vendor returned and are sent verbatim.
    pub url: String,
    /// Defaults to GET. POST reaches only allowlisted paths.
    #[serde(default)]
    pub method: Option<ArbitraryRequestMethod>,
    /// Request body sent verbatim. POST only; the connector supplies the content type.
    #[serde(default)]
    pub body: Option<String>,
    /// Query parameters. Each value is a list; a single value is a one-element list. Ignored when `url` is absolute.
    #[serde(default)]
    pub query: Option<BTreeMap<String, Vec<String>>>,
    /// Additional request headers. Only headers the connector allowlists are accepted.
    #[serde(default)]
    pub headers: Option<BTreeMap<String, String>>,
}

/// HTTP method of an arbitrary request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum ArbitraryRequestMethod {
    /// `GET`
    #[serde(rename = "GET")]
    Get,
    /// `POST`
    #[serde(rename = "POST")]
    Post,
}

/// The vendor's answer, unaltered, plus what the caller cannot derive from it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ArbitraryResponse {
    /// True only for a vendor 2xx. A vendor 403 or 429 is `ok: false` with its status and body.
    pub ok: bool,
    /// The vendor's HTTP status. Absent when no vendor response arrived: a transport failure, a timeout, or a connector-side refusal.
    #[serde(default)]
    pub status_code: Option<i64>,
    /// Vendor response headers, verbatim. Carries pagination cursors (`Link`), counts (`X-Total-Count`) and rate-limit headers. Repeated headers are joined with ", ".
    pub headers: BTreeMap<String, String>,
    /// The vendor's response body as sent, decoded per its charset and not parsed.
    #[serde(default)]
    pub body: Option<String>,
    /// The vendor's `Content-Type`.
    #[serde(default)]
    pub content_type: Option<String>,
    /// End-user-safe reason, set only when no vendor response arrived: a transport failure, a timeout, or a refusal such as a host mismatch or a disallowed header or path. Absent whenever the vendor answered; the vendor's body is the explanation then.
    #[serde(default)]
    pub error: Option<String>,
    /// Seconds until a retry is worth attempting, when that can be dated. Absent means unknown, not "now".
    #[serde(default)]
    #[schemars(schema_with = "number_or_integer")]
    pub retry_after_seconds: Option<f64>,
    /// The absolute URL actually called, after resolution against the instance's base URL.
    pub resolved_url: String,
}

/// The reference's `float | int | None`.
fn number_or_integer(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({"anyOf": [{"type": "number"}, {"type": "integer"}, {"type": "null"}]})
}
