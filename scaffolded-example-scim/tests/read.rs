//! Read capabilities against a local mock SCIM server answering with the shapes of RFC 7644:
//! these tests are the connector's specification.
//!
//! Adapt: the expected accounts, when you adapt the mapping in `capabilities_read.rs`.

// A failing test should say where, loudly: tests (and their `common` helpers) may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{authenticated, call, envelope, list_response, mock_api, scim_error, SCIM};
use serde_json::json;
use wiremock::matchers::{method, path, query_param};
use wiremock::Mock;

#[tokio::test]
async fn validate_credentials_reads_users_and_names_the_tenant() {
    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path(format!("{SCIM}/Users")))
        .and(query_param("startIndex", "1"))
        .and(query_param("count", "1"))
        .and(authenticated())
        .respond_with(list_response(vec![json!({"id": "2819c223"})], 1, 12))
        .expect(1)
        .mount(&server)
        .await;

    let output = call("validate_credentials", &envelope(&server)).await;

    let tenant = format!("{}{SCIM}", server.uri().trim_start_matches("http://"));
    assert_eq!(
        output.response(),
        &json!({"valid": true, "unique_tenant_id": tenant})
    );
}

#[tokio::test]
async fn upstream_401_is_reported_as_unauthorized_with_the_scim_detail() {
    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path(format!("{SCIM}/Users")))
        .respond_with(scim_error(401, None, "Bearer token expired"))
        .mount(&server)
        .await;

    let output = call("validate_credentials", &envelope(&server)).await;

    let error = output.error("unauthorized");
    assert_eq!(error["status_code"], 401);
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains("Bearer token expired")),
        "{error}"
    );
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
const CONNECTOR: &str = env!("CARGO_BIN_EXE_scim-example-connector");

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

/// A user as RFC 7643 §8.2 shows one; even ids are deactivated.
fn user(id: usize) -> serde_json::Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "id": format!("u{id}"),
        "externalId": format!("ext-{id}"),
        "userName": format!("user{id}"),
        "name": {"formatted": format!("Test User {id}"), "givenName": "Test", "familyName": format!("User {id}")},
        "userType": "Employee",
        "emails": [
            {"value": format!("user{id}@home.example.com"), "type": "home"},
            {"value": format!("user{id}@example.com"), "type": "work", "primary": true}
        ],
        "active": id % 2 == 1,
        "meta": {"resourceType": "User", "location": format!("https://example.com/v2/Users/u{id}")}
    })
}

#[tokio::test]
async fn list_accounts_walks_every_page() {
    let server = mock_api().await;
    for (start, ids) in [(1, 1..3), (3, 3..5), (5, 5..6)] {
        Mock::given(method("GET"))
            .and(path(format!("{SCIM}/Users")))
            .and(query_param("startIndex", start.to_string()))
            .and(query_param("count", "2"))
            .and(authenticated())
            .respond_with(list_response(ids.map(user).collect(), start, 5))
            .expect(1)
            .mount(&server)
            .await;
    }

    let mut accounts = Vec::new();
    let mut request = envelope(&server).page_size(2);
    let mut pages = 0;
    loop {
        let output = call("list_accounts", &request).await;
        pages += 1;
        let page = output.response().as_array().expect("a list");
        accounts.extend(page.iter().cloned());
        match output.next_token() {
            Some(token) => request = request.page_token(&token),
            None => break,
        }
        assert!(pages < 10, "pagination does not end");
    }

    assert_eq!(pages, 3);
    let ids: Vec<&str> = accounts
        .iter()
        .map(|a| a["integration_specific_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["u1", "u2", "u3", "u4", "u5"]);
    let first = &accounts[0];
    assert_eq!(first["username"], "user1");
    assert_eq!(first["email"], "user1@example.com");
    assert_eq!(first["given_name"], "Test");
    assert_eq!(first["family_name"], "User 1");
    assert_eq!(first["user_status"], "ACTIVE");
    assert_eq!(first["extra_data"]["user_type"], "Employee");
    assert_eq!(accounts[1]["user_status"], "SUSPENDED");
}

#[tokio::test]
async fn a_malformed_page_token_is_refused() {
    let server = mock_api().await;

    let request = envelope(&server).page_token("not-a-token");
    let output = call("list_accounts", &request).await;

    output.error("invalid_page_token");
}

#[tokio::test]
async fn list_resources_is_the_app_itself() {
    let server = mock_api().await;

    let output = call("list_resources", &envelope(&server)).await;

    assert_eq!(
        output.response(),
        &json!([{
            "integration_specific_id": "",
            "label": "Scim Example",
            "description": null,
            "resource_type": "",
            "extra_data": null
        }])
    );
    assert_eq!(output.next_token(), None);
}

#[tokio::test]
async fn list_entitlements_maps_each_group() {
    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path(format!("{SCIM}/Groups")))
        .and(query_param("startIndex", "1"))
        .and(authenticated())
        .respond_with(list_response(
            vec![
                json!({
                    "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                    "id": "e9e30dba",
                    "displayName": "Tour Guides",
                    "members": [{"value": "u1", "display": "Test User 1"}]
                }),
                json!({"id": "fc348aa8", "displayName": "Employees", "externalId": "emp"}),
            ],
            1,
            2,
        ))
        .expect(1)
        .mount(&server)
        .await;

    let output = call("list_entitlements", &envelope(&server)).await;

    let entitlements = output.response().as_array().expect("a list");
    assert_eq!(entitlements.len(), 2);
    assert_eq!(entitlements[0]["integration_specific_id"], "e9e30dba");
    assert_eq!(entitlements[0]["label"], "Tour Guides");
    assert_eq!(entitlements[0]["entitlement_type"], "GROUP_MEMBER");
    assert_eq!(entitlements[0]["integration_specific_resource_id"], "");
    assert_eq!(entitlements[1]["extra_data"]["external_id"], "emp");
    assert_eq!(output.next_token(), None);
}

#[tokio::test]
async fn find_entitlement_associations_pages_through_a_large_group() {
    let server = mock_api().await;
    // Large groups are read group by group: the group list leaves members out. 2499 users
    // and a nested group in the middle, 2500 members.
    let mut members: Vec<serde_json::Value> = (1..=2499)
        .map(|i| json!({"value": format!("u{i}"), "type": "User"}))
        .collect();
    members.insert(1200, json!({"value": "g2", "type": "Group"}));
    Mock::given(method("GET"))
        .and(path(format!("{SCIM}/Groups")))
        .and(query_param("excludedAttributes", "members"))
        .and(authenticated())
        .respond_with(list_response(
            vec![json!({"id": "g1", "displayName": "Everyone"})],
            1,
            1,
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{SCIM}/Groups/g1")))
        .and(authenticated())
        .respond_with(common::scim_json(
            200,
            &json!({"id": "g1", "displayName": "Everyone", "members": members}),
        ))
        .mount(&server)
        .await;

    let settings = json!({
        "base_url": format!("{}{SCIM}", server.uri()),
        "exclude_group_members": true
    });
    let mut request = envelope(&server).settings(settings).page_size(500);
    let mut accounts = Vec::new();
    let mut pages = 0;
    loop {
        let output = call("find_entitlement_associations", &request).await;
        pages += 1;
        for association in output.response().as_array().expect("a list") {
            assert_eq!(association["integration_specific_entitlement_id"], "g1");
            assert_eq!(association["integration_specific_resource_id"], "");
            accounts.push(association["account_id"].as_str().unwrap().to_owned());
        }
        match output.next_token() {
            Some(token) => request = request.page_token(&token),
            None => break,
        }
        assert!(pages < 10, "pagination does not end");
    }

    assert_eq!(pages, 5);
    // Every user once, in order; the nested group is no account.
    let expected: Vec<String> = (1..=2499).map(|i| format!("u{i}")).collect();
    assert_eq!(accounts, expected);
}
