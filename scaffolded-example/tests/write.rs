//! Write capabilities against a local mock of the API: each test checks the upstream call
//! that was made and the `execution_summary` returned.
//!
//! Adapt: the mocked routes and answers, when you adapt `client.rs` to the real API.

// A failing test should say where, loudly: tests (and their `common` helpers) may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;
use common::expect_call;
use common::expect_call_with_body;
use common::{call, envelope, mock_api};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

#[tokio::test]
async fn create_account_creates_the_user_and_grants_entitlements() {
    let server = mock_api().await;
    let created = json!({"email": "new@example.com", "given_name": "New", "family_name": null});
    let answer = ResponseTemplate::new(201).set_body_json(json!({"id": "u6"}));
    expect_call_with_body(&server, "POST", "/users", created, answer).await;
    let answer = ResponseTemplate::new(204);
    let route = "/users/u6/roles/admin";
    expect_call_with_body(&server, "PUT", route, json!({}), answer).await;

    let request = envelope(&server).request(json!({
        "email": "new@example.com",
        "given_name": "New",
        "entitlements": [{"integration_specific_id": "admin", "entitlement_type": "ROLE"}]
    }));
    let output = call("create_account", &request).await;

    assert_eq!(
        output.response(),
        &json!({"id": "u6", "status": "ACTIVE", "created": true})
    );
    assert_eq!(output.0["execution_summary"]["effect"]["kind"], "created");
}

#[tokio::test]
async fn delete_account_deletes_the_user() {
    let server = mock_api().await;
    let answer = ResponseTemplate::new(204);
    expect_call(&server, "DELETE", "/users/u1", answer).await;

    let request = envelope(&server).request(json!({"account_id": "u1"}));
    let output = call("delete_account", &request).await;

    assert_eq!(
        output.response(),
        &json!({"status": "DELETED", "deleted": true})
    );
    assert_eq!(output.0["execution_summary"]["effect"]["kind"], "deleted");
}

#[tokio::test]
async fn activate_account_activates_the_user() {
    let server = mock_api().await;
    // A `204` without a body is success too.
    let answer = ResponseTemplate::new(204);
    expect_call_with_body(&server, "POST", "/users/u1/activate", json!({}), answer).await;

    let request = envelope(&server).request(json!({"account_id": "u1"}));
    let output = call("activate_account", &request).await;

    assert_eq!(
        output.response(),
        &json!({"status": "ACTIVE", "activated": true})
    );
}

#[tokio::test]
async fn deactivate_account_suspends_the_user() {
    let server = mock_api().await;
    let answer = ResponseTemplate::new(200).set_body_json(json!({"status": "suspended"}));
    expect_call_with_body(&server, "POST", "/users/u1/deactivate", json!({}), answer).await;

    let request = envelope(&server).request(json!({"account_id": "u1"}));
    let output = call("deactivate_account", &request).await;

    assert_eq!(
        output.response(),
        &json!({"status": "SUSPENDED", "deactivated": true})
    );
}

#[tokio::test]
async fn deactivate_account_of_an_unknown_user_is_not_found() {
    let server = mock_api().await;
    Mock::given(method("POST"))
        .and(path("/users/nobody/deactivate"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"error": "no such user"})))
        .mount(&server)
        .await;

    let request = envelope(&server).request(json!({"account_id": "nobody"}));
    let output = call("deactivate_account", &request).await;

    assert_eq!(output.error("not_found")["status_code"], 404);
}

#[tokio::test]
async fn assign_entitlement_grants_the_role() {
    let server = mock_api().await;
    let answer = ResponseTemplate::new(204);
    let route = "/users/u1/roles/admin";
    expect_call_with_body(&server, "PUT", route, json!({}), answer).await;

    let request = envelope(&server).request(json!({
        "account_integration_specific_id": "u1",
        "resource_integration_specific_id": "",
        "resource_type": "",
        "entitlement_type": "ROLE",
        "entitlement_integration_specific_id": "admin"
    }));
    let output = call("assign_entitlement", &request).await;

    assert_eq!(output.response(), &json!({"assigned": true}));
}

#[tokio::test]
async fn unassign_entitlement_revokes_the_role() {
    let server = mock_api().await;
    let answer = ResponseTemplate::new(204);
    expect_call(&server, "DELETE", "/users/u1/roles/admin", answer).await;

    let request = envelope(&server).request(json!({
        "account_integration_specific_id": "u1",
        "resource_type": "",
        "resource_integration_specific_id": "",
        "entitlement_type": "ROLE",
        "entitlement_integration_specific_id": "admin"
    }));
    let output = call("unassign_entitlement", &request).await;

    assert_eq!(output.response(), &json!({"unassigned": true}));
}
