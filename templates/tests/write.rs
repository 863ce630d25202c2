{% if api == "scim" %}//! Write capabilities against a local mock SCIM server: each test checks the SCIM request
//! that was made, with its body, and what the capability returned.
//!
//! Adapt: the expected bodies, when you adapt what `capabilities_write.rs` sends.

// A failing test should say where, loudly: tests (and their `common` helpers) may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{authenticated, call, envelope, mock_api, {% if create_account or delete_account or assign_entitlement or update_account %}scim_error, {% endif %}{% if create_account or activate_account or assign_entitlement %}scim_json, {% endif %}SCIM};
{%- if create_account or activate_account or deactivate_account or assign_entitlement or unassign_entitlement %}
use serde_json::{json, Value};
{%- else %}
use serde_json::json;
{%- endif %}
{%- if create_account or unassign_entitlement or update_account %}
use wiremock::matchers::body_json;
{%- endif %}
{%- if create_account or activate_account or deactivate_account or assign_entitlement %}
use wiremock::matchers::body_partial_json;
{%- endif %}
use wiremock::matchers::{method, path};
{%- if create_account or activate_account or deactivate_account or assign_entitlement %}
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Expects exactly one authenticated `verb route` call whose JSON body contains `body`, and
/// answers it with `answer`.
async fn expect_scim(
    server: &MockServer,
    verb: &str,
    route: &str,
    body: Value,
    answer: ResponseTemplate,
) {
    Mock::given(method(verb))
        .and(path(format!("{SCIM}{route}")))
        .and(authenticated())
        .and(body_partial_json(body))
        .respond_with(answer)
        .expect(1)
        .mount(server)
        .await;
}
{%- else %}
use wiremock::{Mock, ResponseTemplate};
{%- endif %}
{%- if create_account or activate_account or deactivate_account or assign_entitlement or unassign_entitlement %}

/// RFC 7644 §3.5.2's PATCH body with one operation.
fn patch_op(operation: Value) -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [operation]
    })
}
{%- endif %}
{%- if create_account %}

/// No request reached the server.
async fn nothing_was_sent(server: &MockServer) {
    let requests = server.received_requests().await.unwrap_or_default();
    assert!(requests.is_empty(), "{requests:?}");
}
{%- endif %}
{%- if create_account %}

#[tokio::test]
async fn create_account_posts_the_user_then_adds_it_to_its_groups() {
    let server = mock_api().await;
    let created = json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "id": "2819c223",
        "userName": "new@example.com",
        "active": true,
        "meta": {"resourceType": "User", "location": "https://example.com/v2/Users/2819c223"}
    });
    let user = json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName": "new@example.com",
        "name": {"givenName": "New", "familyName": "User"},
        "emails": [{"value": "new@example.com", "type": "work", "primary": true}],
        "active": true
    });
    expect_scim(&server, "POST", "/Users", user, scim_json(201, &created)).await;
    let add = patch_op(json!({"op": "add", "path": "members", "value": [{"value": "2819c223"}]}));
    Mock::given(method("PATCH"))
        .and(path(format!("{SCIM}/Groups/e9e30dba")))
        .and(authenticated())
        .and(body_json(add))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let request = envelope(&server).request(json!({
        "email": "new@example.com",
        "given_name": "New",
        "family_name": "User",
        "entitlements": [{"integration_specific_id": "e9e30dba", "entitlement_type": "GROUP_MEMBER"}]
    }));
    let output = call("create_account", &request).await;

    assert_eq!(
        output.response(),
        &json!({"id": "2819c223", "status": "ACTIVE", "created": true})
    );
    assert_eq!(output.0["execution_summary"]["effect"]["kind"], "created");
}

#[tokio::test]
async fn a_taken_user_name_is_an_invalid_value_naming_the_attribute() {
    let server = mock_api().await;
    let detail = "userName new@example.com is already taken";
    let answer = scim_error(409, Some("uniqueness"), detail);
    expect_scim(&server, "POST", "/Users", json!({}), answer).await;

    let request = envelope(&server).request(json!({"email": "new@example.com"}));
    let output = call("create_account", &request).await;

    let error = output.error("invalid_value");
    assert_eq!(error["status_code"], 409);
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("userName"), "{message}");
    assert!(message.contains("already taken"), "{message}");
}

#[tokio::test]
async fn create_account_refuses_an_unknown_entitlement_type_before_any_request() {
    let server = mock_api().await;

    let request = envelope(&server).request(json!({
        "email": "new@example.com",
        "entitlements": [{"integration_specific_id": "admin", "entitlement_type": "ROLE"}]
    }));
    let output = call("create_account", &request).await;

    output.error("invalid_value");
    nothing_was_sent(&server).await;
}
{%- endif %}
{%- if delete_account %}

#[tokio::test]
async fn delete_account_deletes_the_user_with_its_id_encoded() {
    let server = mock_api().await;
    Mock::given(method("DELETE"))
        .and(path(format!("{SCIM}/Users/a%2Fb%20c")))
        .and(authenticated())
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let request = envelope(&server).request(json!({"account_id": "a/b c"}));
    let output = call("delete_account", &request).await;

    assert_eq!(
        output.response(),
        &json!({"status": "DELETED", "deleted": true})
    );
    assert_eq!(output.0["execution_summary"]["effect"]["kind"], "deleted");
}

#[tokio::test]
async fn deleting_an_unknown_user_is_not_found_with_the_scim_detail() {
    let server = mock_api().await;
    Mock::given(method("DELETE"))
        .and(path(format!("{SCIM}/Users/nobody")))
        .respond_with(scim_error(404, None, "Resource nobody not found"))
        .expect(1)
        .mount(&server)
        .await;

    let request = envelope(&server).request(json!({"account_id": "nobody"}));
    let output = call("delete_account", &request).await;

    let error = output.error("not_found");
    assert_eq!(error["status_code"], 404);
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("Resource nobody not found"), "{message}");
}
{%- endif %}
{%- if activate_account %}

#[tokio::test]
async fn activate_account_patches_active_and_reads_the_answer() {
    let server = mock_api().await;
    let replace = patch_op(json!({"op": "replace", "path": "active", "value": true}));
    let user = json!({"id": "u1", "userName": "user1", "active": true});
    let answer = scim_json(200, &user);
    expect_scim(&server, "PATCH", "/Users/u1", replace, answer).await;

    let request = envelope(&server).request(json!({"account_id": "u1"}));
    let output = call("activate_account", &request).await;

    assert_eq!(
        output.response(),
        &json!({"status": "ACTIVE", "activated": true})
    );
    assert_eq!(output.0["execution_summary"]["effect"]["kind"], "updated");
}
{%- endif %}
{%- if deactivate_account %}

#[tokio::test]
async fn deactivate_account_patches_active_and_accepts_204() {
    let server = mock_api().await;
    let replace = patch_op(json!({"op": "replace", "path": "active", "value": false}));
    let answer = ResponseTemplate::new(204);
    expect_scim(&server, "PATCH", "/Users/u1", replace, answer).await;

    let request = envelope(&server).request(json!({"account_id": "u1"}));
    let output = call("deactivate_account", &request).await;

    assert_eq!(
        output.response(),
        &json!({"status": "SUSPENDED", "deactivated": true})
    );
}
{%- endif %}
{%- if assign_entitlement %}

#[tokio::test]
async fn assign_entitlement_adds_the_member() {
    let server = mock_api().await;
    let add = patch_op(json!({"op": "add", "path": "members", "value": [{"value": "u1"}]}));
    let group = json!({"id": "e9e30dba", "members": [{"value": "u1"}]});
    let answer = scim_json(200, &group);
    expect_scim(&server, "PATCH", "/Groups/e9e30dba", add, answer).await;

    let request = envelope(&server).request(json!({
        "account_integration_specific_id": "u1",
        "resource_integration_specific_id": "",
        "resource_type": "",
        "entitlement_type": "GROUP_MEMBER",
        "entitlement_integration_specific_id": "e9e30dba"
    }));
    let output = call("assign_entitlement", &request).await;

    assert_eq!(output.response(), &json!({"assigned": true}));
}

#[tokio::test]
async fn assigning_to_an_unknown_group_is_not_found() {
    let server = mock_api().await;
    Mock::given(method("PATCH"))
        .and(path(format!("{SCIM}/Groups/gone")))
        .respond_with(scim_error(404, None, "Group gone not found"))
        .expect(1)
        .mount(&server)
        .await;

    let request = envelope(&server).request(json!({
        "account_integration_specific_id": "u1",
        "resource_integration_specific_id": "",
        "resource_type": "",
        "entitlement_type": "GROUP_MEMBER",
        "entitlement_integration_specific_id": "gone"
    }));
    let output = call("assign_entitlement", &request).await;

    output.error("not_found");
}
{%- endif %}
{%- if unassign_entitlement %}

#[tokio::test]
async fn unassign_entitlement_removes_the_member_by_filter() {
    let server = mock_api().await;
    let remove = patch_op(json!({"op": "remove", "path": "members[value eq \"u\\\"1\"]"}));
    Mock::given(method("PATCH"))
        .and(path(format!("{SCIM}/Groups/e9e30dba")))
        .and(authenticated())
        .and(body_json(remove))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let request = envelope(&server).request(json!({
        "account_integration_specific_id": "u\"1",
        "resource_integration_specific_id": "",
        "resource_type": "",
        "entitlement_type": "GROUP_MEMBER",
        "entitlement_integration_specific_id": "e9e30dba"
    }));
    let output = call("unassign_entitlement", &request).await;

    assert_eq!(output.response(), &json!({"unassigned": true}));
}
{%- endif %}
{%- if update_account %}

#[tokio::test]
async fn update_account_replaces_only_the_attributes_given() {
    let server = mock_api().await;
    let patch = json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [
            {"op": "replace", "path": "emails[primary eq true].value", "value": "ada@new.example.com"},
            {"op": "replace", "path": "name.givenName", "value": "Ada"}
        ]
    });
    Mock::given(method("PATCH"))
        .and(path(format!("{SCIM}/Users/u1")))
        .and(authenticated())
        .and(body_json(patch))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;

    let request = envelope(&server).request(json!({
        "id": "u1",
        "email": "ada@new.example.com",
        "given_name": "Ada"
    }));
    let output = call("update_account", &request).await;

    assert_eq!(output.response(), &json!({"id": "u1"}));
    assert_eq!(output.0["execution_summary"]["effect"]["kind"], "updated");
}

#[tokio::test]
async fn update_account_to_a_taken_user_name_is_an_invalid_value() {
    let server = mock_api().await;
    Mock::given(method("PATCH"))
        .and(path(format!("{SCIM}/Users/u1")))
        .respond_with(scim_error(
            409,
            Some("uniqueness"),
            "userName ada is already taken",
        ))
        .expect(1)
        .mount(&server)
        .await;

    let request = envelope(&server).request(json!({"id": "u1", "username": "ada"}));
    let output = call("update_account", &request).await;

    let error = output.error("invalid_value");
    assert_eq!(error["status_code"], 409);
    assert_eq!(error["app_error_code"], "scim.uniqueness");
}

#[tokio::test]
async fn update_account_of_an_unknown_user_is_not_found() {
    let server = mock_api().await;
    Mock::given(method("PATCH"))
        .and(path(format!("{SCIM}/Users/gone")))
        .respond_with(scim_error(404, None, "User gone not found"))
        .expect(1)
        .mount(&server)
        .await;

    let request = envelope(&server).request(json!({"id": "gone", "family_name": "Byron"}));
    let output = call("update_account", &request).await;

    output.error("not_found");
}

#[tokio::test]
async fn update_account_with_nothing_to_change_sends_nothing() {
    let server = mock_api().await;

    let request = envelope(&server).request(json!({"id": "u1"}));
    let output = call("update_account", &request).await;

    let error = output.error("invalid_value");
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains("Nothing to update")),
        "{error}"
    );
    let requests = server.received_requests().await.unwrap_or_default();
    assert!(requests.is_empty(), "{requests:?}");
}
{%- endif %}
{% else %}//! Write capabilities against a local mock of the API: each test checks the upstream call
//! that was made and the `execution_summary` returned.
//!
//! Adapt: the mocked routes and answers, when you adapt `client.rs` to the real API.

// A failing test should say where, loudly: tests (and their `common` helpers) may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

{%- if delete_account or unassign_entitlement %}
use common::expect_call;
{%- endif %}
{%- if create_account or update_account or activate_account or deactivate_account or assign_entitlement %}
use common::expect_call_with_body;
{%- endif %}
use common::{call, envelope, mock_api};
use serde_json::json;
{%- if deactivate_account %}
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};
{%- else %}
use wiremock::ResponseTemplate;
{%- endif %}
{%- if create_account %}

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
{%- endif %}
{%- if update_account %}

#[tokio::test]
async fn update_account_patches_only_the_attributes_asked_for() {
    let server = mock_api().await;
    let changes = json!({"given_name": "Ada"});
    let answer = ResponseTemplate::new(200).set_body_json(json!({"id": "u1"}));
    expect_call_with_body(&server, "PATCH", "/users/u1", changes, answer).await;

    let request = envelope(&server).request(json!({"id": "u1", "given_name": "Ada"}));
    let output = call("update_account", &request).await;

    assert_eq!(output.response(), &json!({"id": "u1"}));
    assert_eq!(output.0["execution_summary"]["effect"]["kind"], "updated");
}
{%- endif %}
{%- if delete_account %}

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
{%- endif %}
{%- if activate_account %}

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
{%- endif %}
{%- if deactivate_account %}

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
{%- endif %}
{%- if assign_entitlement %}

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
{%- endif %}
{%- if unassign_entitlement %}

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
{%- endif %}
{% endif %}