//! `mini-demo`: the minimal demo connector of the protocol's test vectors
//! (`shared/protocol/vectors/README.md`, "Demo connectors used"), rebuilt on `connector-sdk`.
//!
//! Single-auth `basic`, no settings model, non-ASCII catalogue texts and one custom
//! capability, `fetch_url`, which GETs a URL the caller chooses and reports the HTTP status.
//! Its client does not map failing statuses (quirk Q12): an upstream 404 stays
//! `internal_error`, with `status_code` and the `[status][url]` message kept.
//!
//! ```text
//! cargo run -p connector-sdk --features demo --bin mini-demo -- info
//! cargo run -p connector-sdk --features demo --bin mini-demo -- fetch_url --json \
//!   '{"auth":{"basic":{"username":"u","password":"p"}},
//!     "request":{"url":"http://127.0.0.1:18777/public"},"settings":null}'
//! ```

use std::process::ExitCode;

use connector_sdk::auth::{AuthDeclaration, CredentialKind};
use connector_sdk::error::ConnectorResult;
use connector_sdk::http::{HttpClient, Method, RequestOptions, RetryPolicy};
use connector_sdk::integration::{DescriptionData, Integration, RegistryError};
use connector_sdk::request::{Request, Response};
use connector_sdk::settings::NoSettings;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

const APP_ID: &str = "mini-demo";
const VERSION: &str = "1.0.0";

fn main() -> ExitCode {
    connector_sdk::cli::run(integration())
}

/// The connector: declarations and its one handler.
pub(crate) fn integration() -> Result<Integration<NoSettings>, RegistryError> {
    Integration::builder(APP_ID, VERSION)
        .auth(AuthDeclaration::Single(CredentialKind::Basic))
        .description(DescriptionData {
            user_friendly_name: "Mini Démo".to_owned(),
            description: Some("Zoë's app — minimal".to_owned()),
            ..DescriptionData::default()
        })
        .custom_capability("fetch_url", fetch_url)
        .build()
}

// The models have plain comments, not doc comments: `info` shows a model's doc comment as its
// schema description, and the reference models have none.

// Payload of fetch_url.
#[derive(Debug, Deserialize, JsonSchema)]
pub(crate) struct FetchArgs {
    url: String,
}

// Answer of fetch_url: the upstream's HTTP status.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct FetchResult {
    status: i64,
}

/// `GET <url>` with a plain client: no credentials (the URL is the caller's choice, so the
/// basic credential must not travel to it), no retries and no status mapping, so a failing
/// status is reported as the reference's unhandled `HTTPStatusError` (`internal_error`).
async fn fetch_url(
    request: Request<FetchArgs, NoSettings>,
) -> ConnectorResult<Response<FetchResult>> {
    let client = HttpClient::builder()
        .app(APP_ID, VERSION)
        .retry(RetryPolicy::none())
        .map_http_status(false)
        .build()?;
    let answer = client
        .send(Method::GET, &request.request.url, RequestOptions::new())
        .await?;
    Ok(Response::new(FetchResult {
        status: i64::from(answer.status().as_u16()),
    }))
}
