//! What each request is answered: the routes of the development server.

use std::net::SocketAddr;

use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{HeaderValue, ALLOW, CONNECTION, CONTENT_LENGTH, CONTENT_TYPE};
use hyper::{Method, Request, Response, StatusCode};
use serde_json::{json, Value};

use super::BODY_LIMIT;
use crate::integration::Integration;
use crate::settings::Settings;

const JSON: &str = "application/json";
const TEXT: &str = "text/plain; charset=utf-8";

/// The envelope the reference's server sends `app_info` for its OpenAPI document.
const APP_INFO_ENVELOPE: &str = r#"{"request": {}}"#;

/// What every request needs: the connector, its OpenAPI document and the index page.
pub(super) struct Routes<'a, S: Settings> {
    integration: &'a Integration<S>,
    /// `app_info`'s document, or the error envelope `app_info` answered instead.
    openapi: Result<String, String>,
    index: String,
}

impl<'a, S: Settings> Routes<'a, S> {
    /// Computes the OpenAPI document once, as the reference does at start-up.
    pub(super) async fn new(integration: &'a Integration<S>, address: SocketAddr) -> Self {
        let answer = integration.call("app_info", APP_INFO_ENVELOPE).await;
        let openapi = serde_json::from_str::<Value>(&answer)
            .ok()
            .and_then(|document| match &document["response"]["app_schema"] {
                Value::Object(_) => {
                    serde_json::to_string_pretty(&document["response"]["app_schema"]).ok()
                }
                _ => None,
            })
            .ok_or(answer);
        Self {
            integration,
            openapi,
            index: index(integration, address),
        }
    }

    /// The answer to one request; never fails (failures are answered with their status).
    pub(super) async fn answer(&self, request: Request<Incoming>) -> Response<Full<Bytes>> {
        let path = request.uri().path();
        let method = request.method();
        match path {
            "/" if method == Method::GET => reply(StatusCode::OK, TEXT, self.index.clone()),
            "/openapi.json" if method == Method::GET => match &self.openapi {
                Ok(document) => reply(StatusCode::OK, JSON, format!("{document}\n")),
                Err(envelope) => reply(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    JSON,
                    format!("{envelope}\n"),
                ),
            },
            "/" | "/openapi.json" => not_allowed("GET"),
            _ => match self.capability(path) {
                None => detail(
                    StatusCode::NOT_FOUND,
                    &format!("Not Found: no capability at {path}; GET / lists them"),
                ),
                Some(_) if method != Method::POST => not_allowed("POST"),
                Some(name) => self.call(name, request).await,
            },
        }
    }

    /// The registered capability `path` names, if any.
    fn capability(&self, path: &str) -> Option<&'a str> {
        let name = path.strip_prefix('/')?;
        self.integration
            .capability_names()
            .find(|known| *known == name)
    }

    /// The CLI's document for the body, with status 200 whatever the envelope says.
    async fn call(&self, name: &str, request: Request<Incoming>) -> Response<Full<Bytes>> {
        let declared = request
            .headers()
            .get(CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
        if declared.is_some_and(|length| length > BODY_LIMIT as u64) {
            return too_large(name);
        }
        let body = match Limited::new(request.into_body(), BODY_LIMIT)
            .collect()
            .await
        {
            Ok(collected) => collected.to_bytes(),
            Err(error) if error.downcast_ref::<LengthLimitError>().is_some() => {
                return too_large(name)
            }
            Err(error) => {
                return detail(
                    StatusCode::BAD_REQUEST,
                    &format!("cannot read the request body: {error}"),
                )
            }
        };
        let Ok(envelope) = std::str::from_utf8(&body) else {
            return detail(
                StatusCode::BAD_REQUEST,
                "the request body is not UTF-8; send the envelope as UTF-8 JSON",
            );
        };
        let document = self.integration.call(name, envelope).await;
        reply(StatusCode::OK, JSON, format!("{document}\n"))
    }
}

/// `GET /`: what the server offers and one curl line per capability.
fn index<S: Settings>(integration: &Integration<S>, address: SocketAddr) -> String {
    let base = format!("http://{address}");
    let names: Vec<&str> = integration.capability_names().collect();
    let width = names.iter().map(|name| name.len()).max().unwrap_or(0);
    let mut text = format!(
        "{app} {version}: development server. Do not expose it: envelopes carry credentials.\n\
         \n\
         POST /<capability>  the request envelope as body; answers what the CLI prints for it\n\
         GET  /openapi.json  the OpenAPI document of the capabilities (app_info)\n\
         \n\
         Capabilities (envelope.json: a request envelope, as /openapi.json describes it):\n",
        app = integration.app_id(),
        version = integration.version(),
    );
    for name in names {
        let data = if name == "app_info" {
            format!("-d '{APP_INFO_ENVELOPE}'")
        } else {
            "--data-binary @envelope.json".to_owned()
        };
        text.push_str(&format!(
            "  {name:<width$}  curl -sS {base}/{name} {data}\n"
        ));
    }
    text
}

fn reply(status: StatusCode, content_type: &'static str, body: String) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// A JSON `{"detail": ...}` answer, the shape of the reference server's own errors.
fn detail(status: StatusCode, message: &str) -> Response<Full<Bytes>> {
    reply(status, JSON, format!("{}\n", json!({ "detail": message })))
}

fn not_allowed(allow: &'static str) -> Response<Full<Bytes>> {
    let mut response = detail(
        StatusCode::METHOD_NOT_ALLOWED,
        &format!("Method Not Allowed: this path answers {allow} only"),
    );
    response
        .headers_mut()
        .insert(ALLOW, HeaderValue::from_static(allow));
    response
}

/// Closes the connection: the rest of the body is not worth reading.
fn too_large(name: &str) -> Response<Full<Bytes>> {
    let mut response = detail(
        StatusCode::PAYLOAD_TOO_LARGE,
        &format!(
            "the request body is larger than {BODY_LIMIT} bytes (1 MB), the development server's \
             limit; run the CLI with the envelope in a file instead: <connector> {name} --json-file envelope.json"
        ),
    );
    response
        .headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("close"));
    response
}
