//! What a capability handler receives ([`Request`]) and returns ([`Response`]).

use serde_json::Value;

use crate::auth::{
    AuthCredential, BasicCredential, JwtCredential, OAuthClientCredential, OAuthCredential,
    TokenCredential,
};
use crate::error::{ConnectorError, ConnectorResult, ErrorKind};
use crate::models::{Effect, ExecutionSummary, Page, RateLimitRequestInfo};
use crate::pagination::NextPageToken;
use crate::settings::NoSettings;

/// A validated request: the typed payload, the validated settings and the credentials that
/// passed the protocol's checks.
#[derive(Debug, Clone)]
pub struct Request<P, S = NoSettings> {
    /// The capability's payload (the envelope's `request` member).
    pub request: P,
    /// The connector's settings, validated.
    pub settings: S,
    /// Pagination input; empty when the envelope has none.
    pub page: Page,
    /// Whether the caller wants upstream payloads echoed in `raw_data`.
    pub include_raw_data: bool,
    /// Rate-limit continuity from the caller.
    pub rate_limit: Option<RateLimitRequestInfo>,
    pub(crate) credentials: Vec<AuthCredential>,
    pub(crate) payload_json: Value,
}

macro_rules! credential_getter {
    ($fn:ident, $field:ident, $ty:ty, $key:literal) => {
        #[doc = concat!("The `", $key, "` credential of the request.")]
        ///
        /// # Errors
        ///
        /// `unauthorized`, naming the credential, when the request carries none.
        pub fn $fn(&self) -> ConnectorResult<&$ty> {
            self.credentials
                .iter()
                .find_map(|c| c.$field.as_ref())
                .ok_or_else(|| missing_credential($key))
        }
    };
}

fn missing_credential(key: &str) -> ConnectorError {
    ConnectorError::with_kind(
        ErrorKind::Authentication,
        format!("The request carries no '{key}' credential"),
    )
}

impl<P, S> Request<P, S> {
    /// All credentials that passed the request check, in request order.
    pub fn credentials(&self) -> &[AuthCredential] {
        &self.credentials
    }

    /// The credential with a declared id (multi-auth).
    pub fn credential(&self, id: &str) -> Option<&AuthCredential> {
        self.credentials
            .iter()
            .find(|c| c.id.as_deref() == Some(id))
    }

    credential_getter!(oauth, oauth, OAuthCredential, "oauth");
    credential_getter!(
        oauth_client_credentials,
        oauth_client_credentials,
        OAuthClientCredential,
        "oauth_client_credentials"
    );
    credential_getter!(basic, basic, BasicCredential, "basic");
    credential_getter!(token, token, TokenCredential, "token");
    credential_getter!(jwt, jwt, JwtCredential, "jwt");

    /// The requested page size, or `default` when the caller gave none; capped at `max`.
    pub fn page_size(&self, default: u64, max: u64) -> u64 {
        self.page
            .size
            .filter(|s| *s > 0)
            .unwrap_or(default)
            .min(max)
    }

    /// The page token sent by the caller, if any.
    pub fn page_token(&self) -> Option<&str> {
        self.page.token.as_deref()
    }

    /// The request fingerprint of the payload (SHA-256 of its canonical JSON), for
    /// `execution_summary`.
    pub fn fingerprint(&self) -> String {
        crate::fingerprint::request_fingerprint(&self.payload_json, &[])
    }

    /// An execution summary for a write with the given effect, fingerprinted from this request.
    pub fn execution_summary(&self, effect: Effect, is_idempotent: bool) -> ExecutionSummary {
        ExecutionSummary {
            effect,
            request_fingerprint: self.fingerprint(),
            is_idempotent,
            description: None,
            caught_errors: None,
        }
    }
}

/// What a handler returns: the payload plus the optional envelope members.
#[derive(Debug, Clone, PartialEq)]
pub struct Response<R> {
    /// The capability's payload (the envelope's `response` member).
    pub response: R,
    /// Upstream data, when the caller asked for it with `include_raw_data`.
    pub raw_data: Option<Value>,
    /// Next page, or `None` at the end of the data.
    pub page: Option<Page>,
    /// What a write changed.
    pub execution_summary: Option<ExecutionSummary>,
}

impl<R> Response<R> {
    /// A response with only a payload: no raw data, no next page.
    pub fn new(response: R) -> Self {
        Self {
            response,
            raw_data: None,
            page: None,
            execution_summary: None,
        }
    }

    /// Sets the next page from a token (`None`: end of data) and the page size used.
    pub fn with_next_page(mut self, token: Option<NextPageToken>, size: u64) -> Self {
        self.page = token.map(|token| Page {
            token: Some(token.into_string()),
            size: Some(size),
        });
        self
    }

    /// Sets `raw_data`.
    pub fn with_raw_data(mut self, raw_data: Value) -> Self {
        self.raw_data = Some(raw_data);
        self
    }

    /// Sets `raw_data` only when the request asked for it.
    pub fn with_raw_data_if<P, S>(self, request: &Request<P, S>, raw_data: Value) -> Self {
        if request.include_raw_data {
            self.with_raw_data(raw_data)
        } else {
            self
        }
    }

    /// Sets the execution summary.
    pub fn with_execution_summary(mut self, summary: ExecutionSummary) -> Self {
        self.execution_summary = Some(summary);
        self
    }
}

impl<R> From<R> for Response<R> {
    fn from(response: R) -> Self {
        Self::new(response)
    }
}
