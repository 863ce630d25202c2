//! Read capabilities against a local mock of the API: these tests are the connector's
//! specification.
//!
//! Adapt: the mocked answers, when you adapt `client.rs` to the real API.

// A failing test should say where, loudly: tests (and their `common` helpers) may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::first_page;
use common::only_page;
use common::{authenticated, call, envelope, mock_api};
use connector_sdk::pagination::NextPageToken;
use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

#[tokio::test]
async fn validate_credentials_returns_the_tenant() {
    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path("/me"))
        .and(authenticated())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"tenant_id": "acme"})))
        .expect(1)
        .mount(&server)
        .await;

    let output = call("validate_credentials", &envelope(&server)).await;

    assert_eq!(
        output.response(),
        &json!({"valid": true, "unique_tenant_id": "acme"})
    );
}

#[tokio::test]
async fn upstream_401_is_reported_as_unauthorized() {
    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path("/me"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"error": "invalid_token"})))
        .mount(&server)
        .await;

    let output = call("validate_credentials", &envelope(&server)).await;

    let error = output.error("unauthorized");
    assert_eq!(error["status_code"], 401);
    assert_eq!(error["error_metadata"]["refreshable"], true);
}

#[tokio::test]
async fn missing_settings_are_refused_before_any_call() {
    let server = mock_api().await;
    let no_settings = envelope(&server).settings(json!(null));

    let output = call("validate_credentials", &no_settings).await;

    output.error("bad_request");
    let requests = server.received_requests().await.unwrap_or_default();
    assert!(requests.is_empty());
}

/// The connector executable Cargo built for these tests.
const CONNECTOR: &str = env!("CARGO_BIN_EXE_example-connector");

#[test]
fn info_lists_the_registered_capabilities() {
    let output = std::process::Command::new(CONNECTOR)
        .arg("info")
        .output()
        .expect("the connector binary runs");
    assert!(output.status.success());
    let info: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("info prints one JSON document");
    let capabilities = &info["response"]["capabilities"];
    assert!(capabilities
        .as_array()
        .is_some_and(|names| names.contains(&json!("validate_credentials"))));
}

fn user(id: usize) -> serde_json::Value {
    json!({
        "id": format!("u{id}"),
        "email": format!("user{id}@example.com"),
        "given_name": "Test",
        "family_name": format!("User {id}"),
        "username": format!("user{id}"),
        "status": "active"
    })
}

#[tokio::test]
async fn list_accounts_walks_every_page() {
    let server = mock_api().await;
    for (offset, ids, has_more) in [(0, 1..3, true), (2, 3..5, true), (4, 5..6, false)] {
        Mock::given(method("GET"))
            .and(path("/users"))
            .and(query_param("offset", offset.to_string()))
            .and(query_param("limit", "2"))
            .and(authenticated())
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "items": ids.map(user).collect::<Vec<_>>(),
                "has_more": has_more
            })))
            .expect(1)
            .mount(&server)
            .await;
    }

    let (pages, ids) = walk_accounts(&server, 2).await;

    assert_eq!(pages, 3);
    assert_eq!(ids, ["u1", "u2", "u3", "u4", "u5"].map(|id| json!(id)));
}

#[tokio::test]
async fn the_page_token_holds_the_offset_and_resumes_from_it() {
    use example_connector::pagination::Pagination;

    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path("/users"))
        .and(query_param("offset", "0"))
        .and(query_param("limit", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "items": [user(1), user(2)],
            "has_more": true
        })))
        .expect(1)
        .mount(&server)
        .await;
    let output = call("list_accounts", &envelope(&server).page_size(2)).await;
    let token = output.next_token().expect("a next page");
    let states: Vec<Pagination> = NextPageToken::decode(&token).unwrap();
    assert_eq!(states, [Pagination::start("/users").advanced_by(2)]);

    // A token made of a state resumes exactly there.
    let state = Pagination::start("/users").advanced_by(40);
    let token = NextPageToken::encode(&[state]).unwrap().expect("a token");
    Mock::given(method("GET"))
        .and(path("/users"))
        .and(query_param("offset", "40"))
        .and(query_param("limit", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "items": [user(41)],
            "has_more": false
        })))
        .expect(1)
        .mount(&server)
        .await;
    let request = envelope(&server).page_size(2).page_token(token.as_str());
    let output = call("list_accounts", &request).await;
    assert_eq!(output.response()[0]["integration_specific_id"], "u41");
    assert_eq!(output.next_token(), None);
}

/// Calls `list_accounts` page after page, `size` items per page, until the page token is
/// null: how many pages it took and the account ids, in order.
async fn walk_accounts(
    server: &wiremock::MockServer,
    size: u64,
) -> (usize, Vec<serde_json::Value>) {
    let mut ids = Vec::new();
    let mut request = envelope(server).page_size(size);
    let mut pages = 0;
    loop {
        let output = call("list_accounts", &request).await;
        pages += 1;
        for account in output.response().as_array().expect("a list of accounts") {
            assert_eq!(account["user_status"], "ACTIVE");
            ids.push(account["integration_specific_id"].clone());
        }
        match output.next_token() {
            Some(token) => request = request.page_token(&token),
            None => break,
        }
        assert!(pages < 10, "pagination does not end");
    }
    (pages, ids)
}

#[tokio::test]
async fn a_malformed_page_token_is_refused() {
    let server = mock_api().await;

    let request = envelope(&server).page_token("not-a-token");
    let output = call("list_accounts", &request).await;

    output.error("invalid_page_token");
}

#[tokio::test]
async fn list_resources_maps_teams() {
    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path("/teams"))
        .and(first_page())
        .and(authenticated())
        .respond_with(only_page(json!([
            {"id": "t1", "name": "Engineering", "description": null}
        ])))
        .expect(1)
        .mount(&server)
        .await;

    let output = call("list_resources", &envelope(&server)).await;

    assert_eq!(
        output.response(),
        &json!([{
            "integration_specific_id": "t1",
            "label": "Engineering",
            "description": null,
            "resource_type": "TEAM",
            "extra_data": null
        }])
    );
    assert_eq!(output.next_token(), None);
}

#[tokio::test]
async fn list_entitlements_maps_roles_and_memberships() {
    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path("/roles"))
        .and(authenticated())
        .respond_with(only_page(json!([
            {"id": "admin", "name": "Administrator"},
            {"id": "t1-member", "name": "Engineering member", "team_id": "t1"}
        ])))
        .expect(1)
        .mount(&server)
        .await;

    let output = call("list_entitlements", &envelope(&server)).await;

    let entitlements = output.response();
    assert_eq!(entitlements[0]["entitlement_type"], "ROLE");
    assert_eq!(entitlements[0]["integration_specific_resource_id"], "");
    assert_eq!(entitlements[1]["entitlement_type"], "TEAM_MEMBER");
    assert_eq!(entitlements[1]["integration_specific_resource_id"], "t1");
}

#[tokio::test]
async fn find_entitlement_associations_maps_assignments() {
    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path("/role-assignments"))
        .and(authenticated())
        .respond_with(only_page(json!([{"user_id": "u1", "role_id": "admin"}])))
        .expect(1)
        .mount(&server)
        .await;

    let output = call("find_entitlement_associations", &envelope(&server)).await;

    assert_eq!(
        output.response(),
        &json!([{
            "account_id": "u1",
            "integration_specific_entitlement_id": "admin",
            "integration_specific_resource_id": ""
        }])
    );
}

#[tokio::test]
async fn get_last_activity_leaves_out_accounts_never_active() {
    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path("/users/u1/last-activity"))
        .and(authenticated())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "event_type": "login",
            "happened_at": "2024-05-01T12:00:00Z"
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/users/u2/last-activity"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"event_type": null})))
        .mount(&server)
        .await;

    let request = envelope(&server).request(json!({"account_ids": ["u1", "u2"]}));
    let output = call("get_last_activity", &request).await;

    assert_eq!(
        output.response(),
        &json!([{"account_id": "u1", "event_type": "login", "happened_at": "2024-05-01T12:00:00Z"}])
    );
}
