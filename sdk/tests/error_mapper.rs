//! `HttpClientBuilder::error_mapper` against a wiremock upstream: an app's error body mapped
//! to a specific code, the default mapping when the mapper declines, a non-JSON body, what
//! the runtime fills in, and messages without the request's query string.

use std::sync::{Arc, Mutex};

use connector_sdk::error::{ConnectorError, ErrorCode};
use connector_sdk::http::{
    status_error_code, Auth, HttpClient, Method, RequestOptions, UpstreamFailure, HTTP_STATUS_ERROR,
};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The query value must not reach any message.
const SECRET: &str = "k3y-Value-77";

/// An app mapper: `{"error": {"type", "message"}}` bodies with a known type become specific
/// errors; anything else keeps the default.
fn acme_errors(failure: &UpstreamFailure<'_>) -> Option<ConnectorError> {
    let error = failure.json()?.get("error")?;
    let message = error.get("message")?.as_str()?;
    match error.get("type")?.as_str()? {
        "seat_limit" => Some(
            ConnectorError::runtime(ErrorCode::Conflict, format!("Seat limit: {message}"))
                .with_app_error_code("acme.seat_limit"),
        ),
        _ => None,
    }
}

async fn answer(status: u16, content_type: &str, body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/users"))
        .respond_with(
            ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), content_type),
        )
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> connector_sdk::http::HttpClientBuilder {
    HttpClient::builder().base_url(server.uri())
}

fn users_with_key() -> String {
    format!("/v1/users?api_key={SECRET}")
}

#[tokio::test]
async fn an_app_error_body_on_403_becomes_a_specific_error() {
    let body = json!({"error": {"type": "seat_limit", "message": "all 5 seats are taken"}});
    let server = answer(403, "application/json", &body.to_string()).await;
    let client = client(&server).error_mapper(acme_errors).build().unwrap();

    let error = client
        .get_json::<serde_json::Value>(&users_with_key(), &[])
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Conflict);
    assert_ne!(
        error.code,
        status_error_code(403),
        "not the default mapping"
    );
    assert_eq!(error.message, "Seat limit: all 5 seats are taken");
    assert_eq!(error.app_error_code.as_deref(), Some("acme.seat_limit"));
    // Filled in by the runtime, as the mapper left them empty.
    assert_eq!(error.status_code, Some(403));
    assert_eq!(error.raised_by.as_deref(), Some(HTTP_STATUS_ERROR));
}

#[tokio::test]
async fn a_declining_mapper_keeps_the_default_mapping() {
    let body = json!({"error": {"type": "no_permission", "message": "admins only"}});
    let server = answer(403, "application/json", &body.to_string()).await;
    let mapped = client(&server).error_mapper(acme_errors).build().unwrap();
    let plain = client(&server).build().unwrap();

    let with_mapper = mapped.get_json::<()>("/v1/users", &[]).await.unwrap_err();
    let without = plain.get_json::<()>("/v1/users", &[]).await.unwrap_err();
    assert_eq!(with_mapper, without);
    assert_eq!(with_mapper.code, ErrorCode::PermissionDenied);
    assert!(with_mapper.message.contains("admins only"), "{with_mapper}");
}

#[tokio::test]
async fn the_mapper_sees_a_non_json_body_and_the_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/users"))
        .respond_with(
            ResponseTemplate::new(502)
                .insert_header("x-request-id", "req-9")
                .set_body_raw(b"<html>Bad gateway</html>".to_vec(), "text/html"),
        )
        .mount(&server)
        .await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = Arc::clone(&seen);
    let client = client(&server)
        .error_mapper(move |failure| {
            record.lock().unwrap().push((
                failure.status(),
                failure.text().into_owned(),
                failure.json().is_none(),
                failure.header("X-Request-Id").map(str::to_owned),
                failure.url(),
                failure.path().to_owned(),
            ));
            failure.text().contains("Bad gateway").then(|| {
                ConnectorError::runtime(ErrorCode::ServiceError, "Acme is down for maintenance")
            })
        })
        .build()
        .unwrap();

    let error = client
        .send(Method::GET, &users_with_key(), RequestOptions::new())
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::ServiceError);
    assert_eq!(error.message, "Acme is down for maintenance");
    assert_eq!(error.status_code, Some(502));

    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1, "called once per failing answer");
    let (status, text, not_json, request_id, url, path) = &seen[0];
    assert_eq!(*status, 502);
    assert_eq!(text, "<html>Bad gateway</html>");
    assert!(not_json);
    assert_eq!(request_id.as_deref(), Some("req-9"));
    assert_eq!(url, &format!("{}/v1/users", server.uri()));
    assert!(!url.contains(SECRET));
    assert_eq!(path, "/v1/users");
}

#[tokio::test]
async fn a_mapper_message_loses_the_query_string_a_body_echoes() {
    // The upstream echoes the request, query string and all; so does the careless mapper.
    let server = answer(400, "text/plain", "").await;
    let client = client(&server)
        .error_mapper(move |failure| {
            Some(ConnectorError::runtime(
                ErrorCode::InvalidValue,
                format!("bad request: {}?api_key={SECRET}", failure.url()),
            ))
        })
        .build()
        .unwrap();
    let error = client
        .get_json::<()>(&users_with_key(), &[])
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::InvalidValue);
    assert!(!error.message.contains(SECRET), "{}", error.message);
    assert!(
        error.message.starts_with("bad request: "),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn a_mapper_message_loses_the_token_a_body_echoes() {
    let token = "tok-Secret-5150";
    let body = json!({"error": {"type": "bad_token", "message": format!("token {token} revoked")}});
    let server = answer(401, "application/json", &body.to_string()).await;
    let client = client(&server)
        .auth(Auth::bearer(token))
        .error_mapper(|failure| {
            let message = failure.json()?["error"]["message"].as_str()?.to_owned();
            Some(ConnectorError::runtime(ErrorCode::CredsRevoked, message))
        })
        .build()
        .unwrap();
    let error = client.get_json::<()>("/v1/users", &[]).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::CredsRevoked);
    assert_eq!(error.message, "token *** revoked");
}

#[tokio::test]
async fn the_mapper_applies_to_responses_read_with_allow_error_status() {
    let body = json!({"error": {"type": "seat_limit", "message": "full"}});
    let server = answer(403, "application/json", &body.to_string()).await;
    let client = client(&server).error_mapper(acme_errors).build().unwrap();
    let response = client
        .send(
            Method::GET,
            "/v1/users",
            RequestOptions::new().allow_error_status(),
        )
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
    assert_eq!(response.error().code, ErrorCode::Conflict);
    assert_eq!(
        response
            .error_for_status()
            .unwrap_err()
            .app_error_code
            .as_deref(),
        Some("acme.seat_limit")
    );
}

#[tokio::test]
async fn a_mapper_may_keep_the_default_and_add_to_it() {
    let server = answer(404, "application/json", r#"{"code": "USER_GONE"}"#).await;
    let client = client(&server)
        .error_mapper(|failure| {
            let code = failure.json()?.get("code")?.as_str()?;
            Some(
                failure
                    .default_error()
                    .clone()
                    .with_app_error_code(format!("acme.{}", code.to_lowercase())),
            )
        })
        .build()
        .unwrap();
    let error = client.get_json::<()>("/v1/users", &[]).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::NotFound);
    assert_eq!(error.app_error_code.as_deref(), Some("acme.user_gone"));
    assert!(error.message.contains("USER_GONE"), "{}", error.message);
}
