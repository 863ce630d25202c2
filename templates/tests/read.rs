{% if api == "scim" %}//! Read capabilities against a local mock SCIM server answering with the shapes of RFC 7644:
//! these tests are the connector's specification.
//!
//! Adapt: the expected accounts, when you adapt the mapping in `capabilities_read.rs`.

// A failing test should say where, loudly: tests (and their `common` helpers) may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{authenticated, call, envelope, list_response, mock_api, scim_error, {% if get_account or get_account_entitlement_associations or list_custom_attributes_schema %}scim_json, {% endif %}SCIM};
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
const CONNECTOR: &str = env!("CARGO_BIN_EXE_{{crate_name | kebab_case}}-connector");

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
{%- if list_accounts %}

/// A user as RFC 7643 §8.2 shows one; even ids are deactivated.
{% raw %}fn user(id: usize) -> serde_json::Value {
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
}{% endraw %}

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
{%- endif %}
{%- if list_resources %}

#[tokio::test]
async fn list_resources_is_the_app_itself() {
    let server = mock_api().await;

    let output = call("list_resources", &envelope(&server)).await;

    assert_eq!(
        output.response(),
        &json!([{
            "integration_specific_id": "",
            "label": "{{crate_name | title_case}}",
            "description": null,
            "resource_type": "",
            "extra_data": null
        }])
    );
    assert_eq!(output.next_token(), None);
}
{%- endif %}
{%- if list_entitlements %}

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
{%- endif %}
{%- if find_entitlement_associations %}

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
{%- endif %}
{%- if get_account %}

#[tokio::test]
async fn get_account_reads_one_user() {
    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path(format!("{SCIM}/Users/u1")))
        .and(authenticated())
        .respond_with(scim_json(
            200,
            &json!({
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                "id": "u1",
                "userName": "ada",
                "active": false,
                "emails": [{"value": "ada@example.com", "primary": true}]
            }),
        ))
        .expect(1)
        .mount(&server)
        .await;

    let request = envelope(&server).request(json!({"account_id": "u1"}));
    let output = call("get_account", &request).await;

    let account = output.response();
    assert_eq!(account["integration_specific_id"], "u1");
    assert_eq!(account["username"], "ada");
    assert_eq!(account["email"], "ada@example.com");
}

#[tokio::test]
async fn get_account_of_an_unknown_id_is_not_found() {
    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path(format!("{SCIM}/Users/nobody")))
        .respond_with(scim_error(404, None, "no such user"))
        .expect(1)
        .mount(&server)
        .await;

    let request = envelope(&server).request(json!({"account_id": "nobody"}));
    let output = call("get_account", &request).await;

    output.error("not_found");
}
{%- endif %}
{%- if get_account_entitlement_associations %}

#[tokio::test]
async fn get_account_entitlement_associations_lists_the_groups_of_one_user() {
    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path(format!("{SCIM}/Users/u1")))
        .and(authenticated())
        .respond_with(scim_json(
            200,
            &json!({
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                "id": "u1",
                "userName": "ada",
                "groups": [{"value": "g1", "display": "Admins"}, {"value": "g2"}]
            }),
        ))
        .expect(1)
        .mount(&server)
        .await;

    let request = envelope(&server).request(json!({"account_id": "u1"}));
    let output = call("get_account_entitlement_associations", &request).await;

    let held: Vec<&serde_json::Value> = output
        .response()
        .as_array()
        .expect("a list of associations")
        .iter()
        .map(|a| &a["integration_specific_entitlement_id"])
        .collect();
    assert_eq!(held, [&json!("g1"), &json!("g2")]);
}
{%- endif %}
{%- if list_custom_attributes_schema %}

/// The enterprise User extension (RFC 7643 §4.3).
const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
/// A Group extension of the app's own.
const ACME_GROUP: &str = "urn:example:params:scim:schemas:extension:acme:2.0:Group";

/// `/Schemas` as a server with the enterprise extension for users and an extension of its
/// own for groups answers (attributes trimmed to a few of RFC 7643 §8.7.1).
{% raw %}fn schemas() -> serde_json::Value {
    json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
        "totalResults": 3,
        "Resources": [
            {"id": "urn:ietf:params:scim:schemas:core:2.0:User", "attributes": [
                {"name": "userName", "type": "string", "multiValued": false}
            ]},
            {"id": ENTERPRISE, "attributes": [
                {"name": "employeeNumber", "type": "string", "multiValued": false,
                 "description": "Numeric or alphanumeric identifier assigned to a person."},
                {"name": "manager", "type": "complex", "multiValued": false, "subAttributes": [
                    {"name": "value", "type": "string", "multiValued": false},
                    {"name": "$ref", "type": "reference", "referenceTypes": ["User"]},
                    {"name": "displayName", "type": "string", "mutability": "readOnly"}
                ]}
            ]},
            {"id": ACME_GROUP, "attributes": [
                {"name": "costCenter", "type": "string", "multiValued": false}
            ]}
        ]
    })
}{% endraw %}

/// `/ResourceTypes`: users with the enterprise extension, groups with the app's own.
fn resource_types() -> serde_json::Value {
    json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
        "totalResults": 2,
        "Resources": [
            {"id": "User", "name": "User", "endpoint": "/Users",
             "schema": "urn:ietf:params:scim:schemas:core:2.0:User",
             "schemaExtensions": [{"schema": ENTERPRISE, "required": false}]},
            {"id": "Group", "name": "Group", "endpoint": "/Groups",
             "schema": "urn:ietf:params:scim:schemas:core:2.0:Group",
             "schemaExtensions": [{"schema": ACME_GROUP, "required": false}]}
        ]
    })
}

#[tokio::test]
async fn list_custom_attributes_schema_lists_the_user_and_group_extension_attributes() {
    let server = mock_api().await;
    for (route, body) in [("ResourceTypes", resource_types()), ("Schemas", schemas())] {
        Mock::given(method("GET"))
            .and(path(format!("{SCIM}/{route}")))
            .and(authenticated())
            .respond_with(scim_json(200, &body))
            .expect(1)
            .mount(&server)
            .await;
    }

    let output = call("list_custom_attributes_schema", &envelope(&server)).await;

    let attribute = |name: &str, kind: &str| {
        json!({"customized_type": "account", "name": format!("{ENTERPRISE}:{name}"),
               "attribute_type": kind, "description": null})
    };
    let mut employee_number = attribute("employeeNumber", "string");
    employee_number["description"] =
        json!("Numeric or alphanumeric identifier assigned to a person.");
    assert_eq!(
        output.response(),
        &json!([
            employee_number,
            attribute("manager.value", "user"),
            attribute("manager.$ref", "user"),
            attribute("manager.displayName", "string"),
            {"customized_type": "entitlement", "name": format!("{ACME_GROUP}:costCenter"),
             "attribute_type": "string", "description": null}
        ])
    );
    assert_eq!(output.next_token(), None, "one answer, no pages");
}

#[tokio::test]
async fn without_resource_types_every_non_core_schema_is_custom() {
    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path(format!("{SCIM}/ResourceTypes")))
        .respond_with(scim_error(404, None, "not supported"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{SCIM}/Schemas")))
        .respond_with(scim_json(200, &schemas()))
        .mount(&server)
        .await;

    let output = call("list_custom_attributes_schema", &envelope(&server)).await;

    let named: Vec<(&str, &str)> = output
        .response()
        .as_array()
        .expect("a list")
        .iter()
        .map(|a| {
            (
                a["name"].as_str().unwrap(),
                a["customized_type"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(named.len(), 5, "{named:?}");
    assert_eq!(named[0].1, "account", "the enterprise User extension");
    let cost_center = format!("{ACME_GROUP}:costCenter");
    assert_eq!(
        named[4],
        (cost_center.as_str(), "entitlement"),
        "a schema whose URN ends in :Group"
    );
}

#[tokio::test]
async fn unreadable_schemas_are_reported_with_their_code() {
    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path(format!("{SCIM}/ResourceTypes")))
        .respond_with(scim_error(403, None, "schema discovery is for admins"))
        .mount(&server)
        .await;

    let output = call("list_custom_attributes_schema", &envelope(&server)).await;

    let error = output.error("permission_denied");
    assert_eq!(error["status_code"], 403);
}
{%- if list_accounts or list_entitlements %}

/// The custom attributes `capability` fills in for the one resource `endpoint` lists, when
/// `wanted` are asked for.
async fn custom_attributes_listed(
    capability: &str,
    endpoint: &str,
    resource: serde_json::Value,
    wanted: &[String],
) -> serde_json::Value {
    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path(format!("{SCIM}/{endpoint}")))
        .respond_with(list_response(vec![resource], 1, 1))
        .expect(1)
        .mount(&server)
        .await;
    let request = envelope(&server).request(json!({"custom_attributes": wanted}));
    let output = call(capability, &request).await;
    output.response()[0]["custom_attributes"].clone()
}
{%- endif %}
{%- if list_accounts %}

#[tokio::test]
async fn list_accounts_fills_in_the_custom_attributes_asked_for() {
    let user = json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE],
        "id": "u1",
        "userName": "ada",
        ENTERPRISE: {"employeeNumber": "701984", "manager": {"value": "u9", "displayName": "Charles"}}
    });
    let wanted = [
        format!("{ENTERPRISE}:employeeNumber"),
        format!("{ENTERPRISE}:manager.value"),
        format!("{ENTERPRISE}:costCenter"),
    ];

    assert_eq!(
        custom_attributes_listed("list_accounts", "Users", user, &wanted).await,
        json!({&wanted[0]: "701984", &wanted[1]: "u9"}),
        "the values found, and only those"
    );
}
{%- endif %}
{%- if list_entitlements %}

#[tokio::test]
async fn list_entitlements_fills_in_the_custom_attributes_asked_for() {
    let group = json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group", ACME_GROUP],
        "id": "g1",
        "displayName": "Admins",
        ACME_GROUP: {"costCenter": "4130"}
    });
    let wanted = [
        format!("{ACME_GROUP}:costCenter"),
        format!("{ACME_GROUP}:owner"),
    ];

    assert_eq!(
        custom_attributes_listed("list_entitlements", "Groups", group, &wanted).await,
        json!({&wanted[0]: "4130"}),
        "the values found, and only those"
    );
}
{%- endif %}
{%- endif %}
{%- if list_updated_accounts %}

/// A user last modified `at`.
fn modified(id: &str, at: &str) -> serde_json::Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "id": id,
        "userName": id,
        "meta": {"resourceType": "User", "lastModified": at}
    })
}

#[tokio::test]
async fn list_updated_accounts_pages_through_the_users_changed_after_the_cursor() {
    let server = mock_api().await;
    let cursor = "2026-01-01T00:00:00Z";
    let filter = format!("meta.lastModified gt \"{cursor}\"");
    let pages = [
        (
            1,
            vec![
                modified("u1", "2026-03-01T10:00:00Z"),
                modified("u2", "2026-02-01T00:00:00Z"),
            ],
        ),
        // Later than u1's time, though it sorts before it as text.
        (3, vec![modified("u3", "2026-03-01T10:00:00.250Z")]),
    ];
    for (start, users) in pages {
        Mock::given(method("GET"))
            .and(path(format!("{SCIM}/Users")))
            .and(query_param("filter", filter.as_str()))
            .and(query_param("startIndex", start.to_string()))
            .and(query_param("count", "2"))
            .and(authenticated())
            .respond_with(list_response(users, start, 3))
            .expect(1)
            .mount(&server)
            .await;
    }

    let request = envelope(&server)
        .request(json!({"cursor": cursor}))
        .page_size(2);
    let first = call("list_updated_accounts", &request).await;
    let token = first.next_token().expect("a second page");
    let second = call("list_updated_accounts", &request.page_token(&token)).await;

    let ids = |output: &connector_sdk::testing::Output| -> Vec<String> {
        output.response()["accounts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["integration_specific_id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids(&first), ["u1", "u2"]);
    assert_eq!(ids(&second), ["u3"]);
    // Before the last page, the cursor the walk started from: storing it loses nothing.
    assert_eq!(first.response()["cursor"], cursor);
    assert_eq!(second.response()["cursor"], "2026-03-01T10:00:00.250Z");
    assert_eq!(second.next_token(), None, "the walk ends at totalResults");
}

#[tokio::test]
async fn list_updated_accounts_with_neither_cursor_nor_since_lists_every_user() {
    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path(format!("{SCIM}/Users")))
        .and(wiremock::matchers::query_param_is_missing("filter"))
        .respond_with(list_response(
            vec![modified("u1", "2026-03-01T10:00:00Z"), json!({"id": "u2"})],
            1,
            2,
        ))
        .expect(1)
        .mount(&server)
        .await;

    let output = call("list_updated_accounts", &envelope(&server)).await;

    assert_eq!(
        output.response()["accounts"].as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(output.response()["cursor"], "2026-03-01T10:00:00Z");
    assert_eq!(output.next_token(), None);
}

#[tokio::test]
async fn list_updated_accounts_refuses_a_cursor_that_is_no_time() {
    let server = mock_api().await;

    let request = envelope(&server).request(json!({"cursor": "yesterday\" or userName pr"}));
    let output = call("list_updated_accounts", &request).await;

    output.error("invalid_value");
    let requests = server.received_requests().await.unwrap_or_default();
    assert!(requests.is_empty(), "{requests:?}");
}

#[tokio::test]
async fn a_server_that_cannot_filter_on_last_modified_is_a_bad_request() {
    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path(format!("{SCIM}/Users")))
        .respond_with(scim_error(
            400,
            Some("invalidFilter"),
            "meta.lastModified cannot be filtered",
        ))
        .expect(1)
        .mount(&server)
        .await;

    let request = envelope(&server).request(json!({"since": "2026-01-01T00:00:00Z"}));
    let output = call("list_updated_accounts", &request).await;

    let error = output.error("bad_request");
    assert_eq!(error["app_error_code"], "scim.invalidFilter");
}
{%- endif %}
{% else %}//! Read capabilities against a local mock of the API: these tests are the connector's
//! specification.
//!
//! Adapt: the mocked answers, when you adapt `client.rs` to the real API.

// A failing test should say where, loudly: tests (and their `common` helpers) may unwrap.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

{%- if list_resources %}
use common::first_page;
{%- endif %}
{%- if list_resources or list_entitlements or find_entitlement_associations or list_custom_attributes_schema or get_account_entitlement_associations %}
use common::only_page;
{%- endif %}
use common::{authenticated, call, envelope, mock_api};
{%- if list_accounts %}
use connector_sdk::pagination::NextPageToken;
{%- endif %}
use serde_json::json;
{%- if list_accounts or list_updated_accounts %}
use wiremock::matchers::{method, path, query_param};
{%- else %}
use wiremock::matchers::{method, path};
{%- endif %}
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
const CONNECTOR: &str = env!("CARGO_BIN_EXE_{{crate_name | kebab_case}}-connector");

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
{%- if list_accounts %}

{% raw %}fn user(id: usize) -> serde_json::Value {
    json!({
        "id": format!("u{id}"),
        "email": format!("user{id}@example.com"),
        "given_name": "Test",
        "family_name": format!("User {id}"),
        "username": format!("user{id}"),
        "status": "active"
    })
}{% endraw %}

{%- if pagination == "offset" %}

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
    use {{crate_name}}_connector::pagination::Pagination;

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
{%- endif %}
{%- if pagination == "page" %}

#[tokio::test]
async fn list_accounts_walks_every_page() {
    let server = mock_api().await;
    // Five users, two per page: the third page brings the items seen to the total.
    for (page, ids) in [(1, 1..3), (2, 3..5), (3, 5..6)] {
        Mock::given(method("GET"))
            .and(path("/users"))
            .and(query_param("page", page.to_string()))
            .and(query_param("per_page", "2"))
            .and(authenticated())
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "items": ids.map(user).collect::<Vec<_>>(),
                "total": 5
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
async fn a_full_last_page_ends_the_walk_without_asking_for_another() {
    let server = mock_api().await;
    for (page, ids) in [(1, 1..3), (2, 3..5)] {
        Mock::given(method("GET"))
            .and(path("/users"))
            .and(query_param("page", page.to_string()))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "items": ids.map(user).collect::<Vec<_>>(),
                "total": 4
            })))
            .expect(1)
            .mount(&server)
            .await;
    }

    let (pages, ids) = walk_accounts(&server, 2).await;

    assert_eq!(pages, 2);
    assert_eq!(ids.len(), 4);
}

#[tokio::test]
async fn the_page_token_holds_the_page_and_resumes_from_it() {
    use {{crate_name}}_connector::pagination::Pagination;

    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path("/users"))
        .and(query_param("page", "1"))
        .and(query_param("per_page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "items": [user(1), user(2)],
            "total": 20
        })))
        .expect(1)
        .mount(&server)
        .await;
    let output = call("list_accounts", &envelope(&server).page_size(2)).await;
    let token = output.next_token().expect("a next page");
    let states: Vec<Pagination> = NextPageToken::decode(&token).unwrap();
    let second = Pagination {
        endpoint: Some("/users".to_owned()),
        page: 2,
        page_size: 2,
        seen: 2,
    };
    assert_eq!(states, [second]);

    // A token made of a state resumes exactly there, with the page size it started with.
    let state = Pagination {
        endpoint: Some("/users".to_owned()),
        page: 7,
        page_size: 3,
        seen: 18,
    };
    let token = NextPageToken::encode(&[state]).unwrap().expect("a token");
    Mock::given(method("GET"))
        .and(path("/users"))
        .and(query_param("page", "7"))
        .and(query_param("per_page", "3"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "items": [user(19), user(20)],
            "total": 20
        })))
        .expect(1)
        .mount(&server)
        .await;
    let request = envelope(&server).page_size(2).page_token(token.as_str());
    let output = call("list_accounts", &request).await;
    assert_eq!(output.response()[1]["integration_specific_id"], "u20");
    assert_eq!(output.next_token(), None);
}
{%- endif %}
{%- if pagination == "cursor" %}

#[tokio::test]
async fn list_accounts_walks_every_page() {
    let server = mock_api().await;
    let pages = [
        (None, 1..3, json!("c2")),
        (Some("c2"), 3..5, json!("c3")),
        (Some("c3"), 5..6, json!(null)),
    ];
    for (cursor, ids, next) in pages {
        let mock = Mock::given(method("GET"))
            .and(path("/users"))
            .and(query_param("limit", "2"))
            .and(authenticated());
        let mock = match cursor {
            Some(cursor) => mock.and(query_param("cursor", cursor)),
            None => mock.and(wiremock::matchers::query_param_is_missing("cursor")),
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "items": ids.map(user).collect::<Vec<_>>(),
            "next_cursor": next
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
async fn the_page_token_holds_the_cursor_and_resumes_from_it() {
    use {{crate_name}}_connector::pagination::Pagination;

    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path("/users"))
        .and(wiremock::matchers::query_param_is_missing("cursor"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "items": [user(1), user(2)],
            "next_cursor": "c2"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let output = call("list_accounts", &envelope(&server).page_size(2)).await;
    let token = output.next_token().expect("a next page");
    let states: Vec<Pagination> = NextPageToken::decode(&token).unwrap();
    let second = Pagination {
        endpoint: Some("/users".to_owned()),
        cursor: Some("c2".to_owned()),
    };
    assert_eq!(states, [second]);

    // A token made of a state resumes exactly there; the cursor goes out percent-encoded,
    // and an empty next cursor ends the walk.
    let state = Pagination {
        endpoint: Some("/users".to_owned()),
        cursor: Some("a/b+c=".to_owned()),
    };
    let token = NextPageToken::encode(&[state]).unwrap().expect("a token");
    Mock::given(method("GET"))
        .and(path("/users"))
        .and(query_param("cursor", "a/b+c="))
        .and(query_param("limit", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "items": [user(41)],
            "next_cursor": ""
        })))
        .expect(1)
        .mount(&server)
        .await;
    let request = envelope(&server).page_size(2).page_token(token.as_str());
    let output = call("list_accounts", &request).await;
    assert_eq!(output.response()[0]["integration_specific_id"], "u41");
    assert_eq!(output.next_token(), None);
}

#[tokio::test]
async fn a_cursor_that_does_not_move_is_an_invalid_response() {
    use {{crate_name}}_connector::pagination::Pagination;

    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path("/users"))
        .and(query_param("cursor", "c9"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "items": [user(9)],
            "next_cursor": "c9"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let state = Pagination {
        endpoint: Some("/users".to_owned()),
        cursor: Some("c9".to_owned()),
    };
    let token = NextPageToken::encode(&[state]).unwrap().expect("a token");

    let request = envelope(&server).page_token(token.as_str());
    let output = call("list_accounts", &request).await;

    output.error("invalid_response");
}
{%- endif %}

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
{%- endif %}
{%- if list_resources %}

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
{%- endif %}
{%- if list_entitlements %}

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
{%- endif %}
{%- if find_entitlement_associations %}

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
{%- endif %}
{%- if get_last_activity %}

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
{%- endif %}
{%- if list_accounts and list_custom_attributes_schema %}

#[tokio::test]
async fn list_accounts_fills_in_the_custom_attributes_asked_for() {
    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path("/users"))
        .and(authenticated())
        .respond_with(only_page(json!([
            {"id": "u1", "attributes": {"department": "R&D", "level": 3}}
        ])))
        .expect(1)
        .mount(&server)
        .await;

    let request = envelope(&server).request(json!({"custom_attributes": ["department"]}));
    let output = call("list_accounts", &request).await;

    let accounts = output.response();
    assert_eq!(
        accounts[0]["custom_attributes"],
        json!({"department": "R&D"})
    );
}
{%- endif %}
{%- if list_entitlements and list_custom_attributes_schema %}

#[tokio::test]
async fn list_entitlements_fills_in_the_custom_attributes_asked_for() {
    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path("/roles"))
        .and(authenticated())
        .respond_with(only_page(json!([
            {"id": "admin", "name": "Admin", "attributes": {"billable": true}}
        ])))
        .expect(1)
        .mount(&server)
        .await;

    let request = envelope(&server).request(json!({"custom_attributes": ["billable"]}));
    let output = call("list_entitlements", &request).await;

    let entitlements = output.response();
    assert_eq!(
        entitlements[0]["custom_attributes"],
        json!({"billable": "true"})
    );
}
{%- endif %}
{%- if get_account %}

#[tokio::test]
async fn get_account_maps_the_user_with_the_custom_attributes_asked_for() {
    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path("/users/u%201"))
        .and(authenticated())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": "u 1",
            "email": "ada@example.com",
            "status": "suspended",
            "attributes": {"department": "R&D", "level": 3, "unasked": "x"}
        })))
        .expect(1)
        .mount(&server)
        .await;

    let request = envelope(&server).request(json!({
        "account_id": "u 1",
        "custom_attributes": ["department", "level", "missing"]
    }));
    let output = call("get_account", &request).await;

    let account = output.response();
    assert_eq!(account["integration_specific_id"], "u 1");
    assert_eq!(account["email"], "ada@example.com");
    assert_eq!(account["user_status"], "SUSPENDED");
    let expected = json!({"department": "R&D", "level": "3"});
    assert_eq!(account["custom_attributes"], expected);
}

#[tokio::test]
async fn get_account_of_an_unknown_id_is_not_found() {
    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path("/users/nobody"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"error": "no such user"})))
        .expect(1)
        .mount(&server)
        .await;

    let request = envelope(&server).request(json!({"account_id": "nobody"}));
    let output = call("get_account", &request).await;

    output.error("not_found");
}
{%- endif %}
{%- if list_custom_attributes_schema %}

#[tokio::test]
async fn list_custom_attributes_schema_maps_the_definitions() {
    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path("/custom-attributes"))
        .and(authenticated())
        .respond_with(only_page(json!([
            {"name": "department", "type": "string", "applies_to": "account"},
            {"name": "billable", "type": "boolean", "applies_to": "entitlement"}
        ])))
        .expect(1)
        .mount(&server)
        .await;

    let output = call("list_custom_attributes_schema", &envelope(&server)).await;

    let schema = output.response();
    assert_eq!(schema[0]["name"], "department");
    assert_eq!(schema[0]["customized_type"], "account");
    assert_eq!(schema[0]["attribute_type"], "string");
    assert_eq!(schema[1]["name"], "billable");
    assert_eq!(schema[1]["customized_type"], "entitlement");
    assert_eq!(schema[1]["attribute_type"], "boolean");
}
{%- endif %}
{%- if get_account_entitlement_associations %}

#[tokio::test]
async fn get_account_entitlement_associations_lists_the_roles_of_one_user() {
    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path("/users/u1/role-assignments"))
        .and(authenticated())
        .respond_with(only_page(json!([
            {"user_id": "u1", "role_id": "admin"},
            {"user_id": "u1", "role_id": "member", "team_id": "t1"}
        ])))
        .expect(1)
        .mount(&server)
        .await;

    let request = envelope(&server).request(json!({"account_id": "u1"}));
    let output = call("get_account_entitlement_associations", &request).await;

    assert_eq!(
        output.response(),
        &json!([
            {
                "account_id": "u1",
                "integration_specific_entitlement_id": "admin",
                "integration_specific_resource_id": ""
            },
            {
                "account_id": "u1",
                "integration_specific_entitlement_id": "member",
                "integration_specific_resource_id": "t1"
            }
        ])
    );
}
{%- endif %}
{%- if list_updated_accounts %}

#[tokio::test]
async fn list_updated_accounts_resumes_from_the_cursor_and_returns_the_next() {
    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path("/users/changes"))
        .and(query_param("cursor", "c1"))
        .and(authenticated())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "items": [{"id": "u2", "status": "deleted"}],
            "cursor": "c2"
        })))
        .expect(1)
        .mount(&server)
        .await;

    let request =
        envelope(&server).request(json!({"cursor": "c1", "since": "2024-01-01T00:00:00Z"}));
    let output = call("list_updated_accounts", &request).await;

    let updated = output.response();
    assert_eq!(updated["cursor"], "c2");
    assert_eq!(updated["accounts"][0]["integration_specific_id"], "u2");
    assert_eq!(updated["accounts"][0]["user_status"], "DELETED");
}

#[tokio::test]
async fn list_updated_accounts_without_a_cursor_asks_since_the_time() {
    let server = mock_api().await;
    Mock::given(method("GET"))
        .and(path("/users/changes"))
        .and(query_param("since", "2024-01-01T00:00:00Z"))
        .and(authenticated())
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"items": [], "cursor": "c1"})),
        )
        .expect(1)
        .mount(&server)
        .await;

    let request = envelope(&server).request(json!({"since": "2024-01-01T00:00:00Z"}));
    let output = call("list_updated_accounts", &request).await;

    assert_eq!(output.response(), &json!({"accounts": [], "cursor": "c1"}));
}
{%- endif %}
{% endif %}