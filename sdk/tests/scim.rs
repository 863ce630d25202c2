//! `connector_sdk::scim` (feature `scim`) against a wiremock SCIM server answering with the
//! shapes of RFC 7644's examples and the deviations real servers show: paging over short
//! pages and servers that ignore `count`, `204` on writes, every error-body mapping, hostile
//! ids in paths and filters, and bad JSON.
#![cfg(feature = "scim")]
// The helpers outside #[test] functions unwrap and panic too, as tests may (clippy.toml).
#![allow(clippy::unwrap_used, clippy::panic)]

use std::collections::HashMap;

use connector_sdk::error::{ConnectorError, ErrorCode};
use connector_sdk::http::{Auth, HttpClient, RetryPolicy};
use connector_sdk::models::AccountStatus;
use connector_sdk::scim::{
    self, urn, GroupMembership, MembersVia, MultiValue, ScimClient, ScimGroup, ScimName, ScimUser,
};
use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Where the SCIM API sits under the mock server.
const BASE: &str = "/scim/v2";

fn client(server: &MockServer) -> ScimClient {
    let http = HttpClient::builder()
        .base_url(format!("{}{BASE}", server.uri()))
        .auth(Auth::bearer("test-token"))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    ScimClient::new(http)
}

fn scim_json(status: u16, body: &Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(serde_json::to_vec(body).unwrap(), urn::MEDIA_TYPE)
}

/// RFC 7644 §3.12's error body, `status` as a string like the RFC or as a number.
fn scim_error(status: Value, scim_type: Option<&str>, detail: &str) -> Value {
    let mut body = json!({"schemas": [urn::ERROR], "detail": detail, "status": status});
    if let Some(scim_type) = scim_type {
        body["scimType"] = json!(scim_type);
    }
    body
}

/// The user of RFC 7644 §3.3's example answer, with `id`.
fn bjensen(id: &str) -> Value {
    json!({
        "schemas": [urn::USER],
        "id": id,
        "externalId": "bjensen",
        "meta": {
            "resourceType": "User",
            "created": "2011-08-01T21:32:44.882Z",
            "lastModified": "2011-08-01T21:32:44.882Z",
            "location": format!("https://example.com/v2/Users/{id}"),
            "version": "W/\"e180ee84f0671b1\""
        },
        "name": {"formatted": "Ms. Barbara J Jensen III", "familyName": "Jensen", "givenName": "Barbara"},
        "userName": "bjensen",
        "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true}]
    })
}

fn users(n: usize) -> Vec<Value> {
    (1..=n)
        .map(|i| json!({"id": format!("u{i}"), "userName": format!("user{i}")}))
        .collect()
}

fn query(request: &Request) -> HashMap<String, String> {
    request.url.query_pairs().into_owned().collect()
}

/// A `/Users` or `/Groups` collection that pages by `startIndex`/`count`, with switchable
/// server habits.
#[derive(Clone)]
struct Collection {
    resources: Vec<Value>,
    /// The most resources one answer holds, whatever `count` says.
    cap: Option<usize>,
    ignores_count: bool,
    sends_total: bool,
    /// Leaves `Resources` out of an empty page (and `itemsPerPage` out of every page).
    terse: bool,
}

impl Collection {
    fn new(resources: Vec<Value>) -> Self {
        Self {
            resources,
            cap: None,
            ignores_count: false,
            sends_total: true,
            terse: false,
        }
    }
}

impl Respond for Collection {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let query = query(request);
        let start: usize = query["startIndex"].parse().unwrap();
        let count: usize = query["count"].parse().unwrap();
        let mut take = if self.ignores_count {
            usize::MAX
        } else {
            count
        };
        if let Some(cap) = self.cap {
            take = take.min(cap);
        }
        let page: Vec<Value> = self
            .resources
            .iter()
            .skip(start - 1)
            .take(take)
            .cloned()
            .collect();
        let mut body = json!({"schemas": [urn::LIST_RESPONSE], "startIndex": start});
        if self.sends_total {
            body["totalResults"] = json!(self.resources.len());
        }
        if !self.terse {
            body["itemsPerPage"] = json!(page.len());
        }
        if !(self.terse && page.is_empty()) {
            body["Resources"] = json!(page);
        }
        scim_json(200, &body)
    }
}

async fn serve(server: &MockServer, endpoint: &str, collection: Collection) {
    Mock::given(method("GET"))
        .and(path(format!("{BASE}{endpoint}")))
        .respond_with(collection)
        .mount(server)
        .await;
}

/// Calls `users_page` until the token runs out: the ids in order and the `startIndex` of
/// every request.
async fn walk_users(server: &MockServer, size: u64) -> (Vec<String>, Vec<String>) {
    let scim = client(server);
    let mut token: Option<String> = None;
    let mut ids = Vec::new();
    for _ in 0..50 {
        let page = scim.users_page(token.as_deref(), size).await.unwrap();
        ids.extend(page.items.into_iter().map(|user| user.id));
        match page.next {
            Some(next) => token = Some(next.into_string()),
            None => {
                let starts = server
                    .received_requests()
                    .await
                    .unwrap()
                    .iter()
                    .map(|r| query(r)["startIndex"].clone())
                    .collect();
                return (ids, starts);
            }
        }
    }
    panic!("the walk did not end");
}

fn expected_ids(n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("u{i}")).collect()
}

#[tokio::test]
async fn pages_advance_by_what_came_back_on_short_pages() {
    let server = MockServer::start().await;
    let mut collection = Collection::new(users(7));
    collection.cap = Some(2);
    serve(&server, "/Users", collection).await;
    let (ids, starts) = walk_users(&server, 3).await;
    assert_eq!(ids, expected_ids(7));
    assert_eq!(starts, ["1", "3", "5", "7"]);
}

#[tokio::test]
async fn a_server_ignoring_count_is_read_once() {
    for sends_total in [true, false] {
        let server = MockServer::start().await;
        let mut collection = Collection::new(users(7));
        collection.ignores_count = true;
        collection.sends_total = sends_total;
        serve(&server, "/Users", collection).await;
        let (ids, starts) = walk_users(&server, 3).await;
        assert_eq!(ids, expected_ids(7));
        assert_eq!(starts, ["1"], "sends_total: {sends_total}");
    }
}

#[tokio::test]
async fn without_total_the_walk_ends_on_an_empty_page() {
    let server = MockServer::start().await;
    let mut collection = Collection::new(users(4));
    collection.sends_total = false;
    collection.terse = true;
    serve(&server, "/Users", collection).await;
    let (ids, starts) = walk_users(&server, 2).await;
    assert_eq!(ids, expected_ids(4));
    assert_eq!(starts, ["1", "3", "5"]);
}

#[tokio::test]
async fn an_exact_total_ends_the_walk_without_an_extra_request() {
    let server = MockServer::start().await;
    serve(&server, "/Users", Collection::new(users(4))).await;
    let (ids, starts) = walk_users(&server, 2).await;
    assert_eq!(ids, expected_ids(4));
    assert_eq!(starts, ["1", "3"]);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(query(&requests[0])["count"], "2");
    assert_eq!(
        requests[0].headers["authorization"].to_str().unwrap(),
        "Bearer test-token"
    );
}

#[tokio::test]
async fn an_empty_list_has_no_next_page() {
    let server = MockServer::start().await;
    let body = json!({"schemas": [urn::LIST_RESPONSE], "totalResults": 0});
    Mock::given(method("GET"))
        .and(path(format!("{BASE}/Users")))
        .respond_with(scim_json(200, &body))
        .mount(&server)
        .await;
    let page = client(&server).users_page(None, 10).await.unwrap();
    assert!(page.items.is_empty());
    assert_eq!(page.next, None);
}

#[tokio::test]
async fn tokens_of_another_list_are_rejected() {
    let server = MockServer::start().await;
    serve(&server, "/Users", Collection::new(users(4))).await;
    let scim = client(&server);
    let token = scim.users_page(None, 2).await.unwrap().next.unwrap();
    for result in [
        scim.groups_page(Some(token.as_str()), 2).await.map(drop),
        scim.users_page(Some("zz"), 2).await.map(drop),
        scim.memberships_page(Some(token.as_str()), 2)
            .await
            .map(drop),
    ] {
        assert_eq!(result.unwrap_err().code, ErrorCode::InvalidPageToken);
    }
}

#[tokio::test]
async fn users_read_as_rfc_examples_and_real_servers_send_them() {
    let server = MockServer::start().await;
    let mut sparse = json!({"id": "u2", "userName": "sparse", "active": "False", "emails": null});
    sparse["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"] =
        json!({"employeeNumber": "701984"});
    let body = json!({
        "schemas": [urn::LIST_RESPONSE], "totalResults": "2", "itemsPerPage": 2, "startIndex": 1,
        "Resources": [bjensen("2819c223-7f76-453a-919d-413861904646"), sparse]
    });
    Mock::given(method("GET"))
        .and(path(format!("{BASE}/Users")))
        .respond_with(scim_json(200, &body))
        .mount(&server)
        .await;
    let page = client(&server).users_page(None, 10).await.unwrap();
    assert_eq!(page.next, None);
    let accounts: Vec<_> = page.items.iter().map(scim::account_from_user).collect();
    assert_eq!(accounts[0].username.as_deref(), Some("bjensen"));
    assert_eq!(accounts[0].email.as_deref(), Some("bjensen@example.com"));
    assert_eq!(accounts[0].given_name.as_deref(), Some("Barbara"));
    assert_eq!(accounts[0].user_status, None);
    assert_eq!(accounts[1].user_status, Some(AccountStatus::Suspended));
    // Unknown attributes are kept and written back.
    assert_eq!(page.items[0].extra["meta"]["resourceType"], "User");
    let round_trip = serde_json::to_value(&page.items[1]).unwrap();
    assert_eq!(
        round_trip["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]["employeeNumber"],
        "701984"
    );
}

#[tokio::test]
async fn create_sends_exactly_the_user_and_returns_the_created_one() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("{BASE}/Users")))
        .respond_with(scim_json(201, &bjensen("2819c223")))
        .mount(&server)
        .await;
    let user = ScimUser {
        name: Some(ScimName {
            given_name: Some("Barbara".to_owned()),
            family_name: Some("Jensen".to_owned()),
            ..ScimName::default()
        }),
        emails: vec![MultiValue::primary_work("bjensen@example.com")],
        ..ScimUser::new("bjensen")
    };
    let created = client(&server).create_user(&user).await.unwrap();
    assert_eq!(created.id, "2819c223");
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(
        request.headers["content-type"].to_str().unwrap(),
        urn::MEDIA_TYPE
    );
    let sent: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        sent,
        json!({
            "schemas": [urn::USER],
            "userName": "bjensen",
            "name": {"familyName": "Jensen", "givenName": "Barbara"},
            "emails": [{"value": "bjensen@example.com", "type": "work", "primary": true}]
        })
    );
}

#[tokio::test]
async fn a_created_user_without_id_is_an_invalid_response() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("{BASE}/Users")))
        .respond_with(ResponseTemplate::new(201))
        .mount(&server)
        .await;
    let err = client(&server)
        .create_user(&ScimUser::new("x"))
        .await
        .unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidResponse);
}

async fn create_error(status: u16, body: Value) -> ConnectorError {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("{BASE}/Users")))
        .respond_with(scim_json(status, &body))
        .mount(&server)
        .await;
    client(&server)
        .create_user(&ScimUser::new("bjensen"))
        .await
        .unwrap_err()
}

#[tokio::test]
async fn uniqueness_is_invalid_value_naming_the_attribute() {
    let detail = "User with userName 'bjensen' already exists";
    let err = create_error(409, scim_error(json!("409"), Some("uniqueness"), detail)).await;
    assert_eq!(err.code, ErrorCode::InvalidValue);
    assert_eq!(err.status_code, Some(409));
    assert_eq!(err.app_error_code.as_deref(), Some("scim.uniqueness"));
    assert!(err.message.contains("'userName'"), "{}", err.message);
    assert!(err.message.contains(detail), "{}", err.message);
    assert!(err.message.starts_with("[409][http://"), "{}", err.message);
    assert!(err.hint.unwrap().contains("userName"));

    // A detail naming no attribute still says what happened.
    let detail = "One or more of the attribute values are already in use or are reserved.";
    let err = create_error(409, scim_error(json!(409), Some("uniqueness"), detail)).await;
    assert_eq!(err.code, ErrorCode::InvalidValue);
    assert!(err.message.ends_with(&format!("uniqueness: {detail}")));
    assert!(err.hint.unwrap().contains("userName"));
}

#[tokio::test]
async fn error_bodies_map_by_status_with_the_detail_as_message() {
    let cases = [
        (401, None, ErrorCode::Unauthorized),
        (403, None, ErrorCode::PermissionDenied),
        (404, None, ErrorCode::NotFound),
        (409, Some("mutability"), ErrorCode::Conflict),
        (400, Some("invalidValue"), ErrorCode::BadRequest),
        (413, Some("tooMany"), ErrorCode::BadRequest),
        (500, None, ErrorCode::BadGateway),
        (501, None, ErrorCode::UnsupportedOperation),
    ];
    for (status, scim_type, code) in cases {
        for status_value in [json!(status.to_string()), json!(status)] {
            let detail = format!("detail for {status}");
            let err = create_error(status, scim_error(status_value, scim_type, &detail)).await;
            assert_eq!(err.code, code, "{status}");
            assert_eq!(err.status_code, Some(status));
            let text = match scim_type {
                Some(scim_type) => format!("{scim_type}: {detail}"),
                None => detail.clone(),
            };
            assert!(
                err.message.ends_with(&format!("/Users] {text}")),
                "{}",
                err.message
            );
            assert_eq!(
                err.app_error_code,
                scim_type.map(|t| format!("scim.{t}")),
                "{status}"
            );
        }
    }
}

#[tokio::test]
async fn bodies_that_are_no_scim_error_keep_the_sdk_message() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{BASE}/Users/gone")))
        .respond_with(ResponseTemplate::new(404).set_body_string("<html>Not here</html>"))
        .mount(&server)
        .await;
    let err = client(&server).get_user("gone").await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(
        err.message.ends_with("Upstream HTML error response."),
        "{}",
        err.message
    );
}

#[tokio::test]
async fn bad_json_is_an_error_not_a_panic() {
    let server = MockServer::start().await;
    let bodies: [(&str, &[u8]); 5] = [
        ("/Users", b"not json"),
        ("/Groups", br#"{"Resources": {"id": "g"}}"#),
        ("/Users/a", b""),
        ("/Users/b", br#"{"id": "b", "active": "maybe"}"#),
        ("/Groups/c", br#"{"id": "c", "members": [{"value": {}}]}"#),
    ];
    for (endpoint, body) in bodies {
        Mock::given(method("GET"))
            .and(path(format!("{BASE}{endpoint}")))
            .respond_with(ResponseTemplate::new(200).set_body_raw(body.to_vec(), urn::MEDIA_TYPE))
            .mount(&server)
            .await;
    }
    let scim = client(&server);
    let errors = [
        scim.users_page(None, 5).await.map(drop).unwrap_err(),
        scim.groups_page(None, 5).await.map(drop).unwrap_err(),
        scim.get_user("a").await.map(drop).unwrap_err(),
        scim.get_user("b").await.map(drop).unwrap_err(),
        scim.group_members("c").await.map(drop).unwrap_err(),
    ];
    for err in errors {
        assert_eq!(err.code, ErrorCode::InvalidResponse, "{}", err.message);
    }
    // A listed resource without id could never be referenced again.
    let server = MockServer::start().await;
    serve(
        &server,
        "/Users",
        Collection::new(vec![json!({"userName": "x"})]),
    )
    .await;
    let err = client(&server).users_page(None, 5).await.unwrap_err();
    assert_eq!(err.code, ErrorCode::InvalidResponse);
}

#[tokio::test]
async fn writes_succeed_on_204_and_on_200_with_a_body() {
    let server = MockServer::start().await;
    let id = "2819c223";
    Mock::given(method("DELETE"))
        .and(path(format!("{BASE}/Users/{id}")))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path(format!("{BASE}/Users/other")))
        .respond_with(scim_json(200, &json!({"deleted": true})))
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path(format!("{BASE}/Users/{id}")))
        .respond_with(ResponseTemplate::new(204))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    let mut patched = bjensen(id);
    patched["active"] = json!(false);
    Mock::given(method("PATCH"))
        .and(path(format!("{BASE}/Users/{id}")))
        .respond_with(scim_json(200, &patched))
        .mount(&server)
        .await;
    let scim = client(&server);
    scim.delete_user(id).await.unwrap();
    scim.delete_user("other").await.unwrap();
    assert_eq!(scim.set_user_active(id, false).await.unwrap(), None);
    let user = scim.set_user_active(id, false).await.unwrap().unwrap();
    assert_eq!(
        scim::account_status(user.active),
        Some(AccountStatus::Suspended)
    );
    let requests = server.received_requests().await.unwrap();
    let sent: Value = serde_json::from_slice(&requests[2].body).unwrap();
    assert_eq!(
        sent,
        json!({"schemas": [urn::PATCH_OP],
               "Operations": [{"op": "replace", "path": "active", "value": false}]})
    );
}

#[tokio::test]
async fn deleting_a_missing_user_is_not_found() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path(format!("{BASE}/Users/nobody")))
        .respond_with(scim_json(
            404,
            &scim_error(json!("404"), None, "Resource nobody not found"),
        ))
        .mount(&server)
        .await;
    let err = client(&server).delete_user("nobody").await.unwrap_err();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(err
        .message
        .ends_with("/Users/nobody] Resource nobody not found"));
}

#[tokio::test]
async fn hostile_ids_are_encoded_in_paths_and_quoted_in_filters() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{BASE}/Users")))
        .respond_with(scim_json(200, &json!({"totalResults": 0})))
        .mount(&server)
        .await;
    let scim = client(&server).members_via(MembersVia::UserFilter);
    let group = "a/b?c#d";
    scim.add_group_members(group, &["x\"y", "Zoë"])
        .await
        .unwrap();
    scim.remove_group_member("Zoë", "x\"y\\z").await.unwrap();
    scim.group_members_slice("g\"1\\", 1, 10).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests[0].url.path(),
        format!("{BASE}/Groups/a%2Fb%3Fc%23d")
    );
    assert_eq!(requests[0].url.query(), None);
    let added: Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(
        added,
        json!({"schemas": [urn::PATCH_OP],
               "Operations": [{"op": "add", "path": "members",
                               "value": [{"value": "x\"y"}, {"value": "Zoë"}]}]})
    );
    assert_eq!(requests[1].url.path(), format!("{BASE}/Groups/Zo%C3%AB"));
    let removed: Value = serde_json::from_slice(&requests[1].body).unwrap();
    assert_eq!(
        removed["Operations"][0],
        json!({"op": "remove", "path": r#"members[value eq "x\"y\\z"]"#})
    );
    let filter = &query(&requests[2])["filter"];
    assert_eq!(filter, r#"groups.value eq "g\"1\\""#);
}

#[tokio::test]
async fn create_group_sends_exactly_the_group() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(format!("{BASE}/Groups")))
        .respond_with(scim_json(
            201,
            &json!({"schemas": [urn::GROUP], "id": "e9e30dba", "displayName": "Tour Guides"}),
        ))
        .mount(&server)
        .await;
    let created = client(&server)
        .create_group(&ScimGroup::new("Tour Guides"))
        .await
        .unwrap();
    assert_eq!(created.id, "e9e30dba");
    assert_eq!(created.members, None);
    let sent: Value =
        serde_json::from_slice(&server.received_requests().await.unwrap()[0].body).unwrap();
    assert_eq!(
        sent,
        json!({"schemas": [urn::GROUP], "displayName": "Tour Guides"})
    );
}

#[tokio::test]
async fn membership_changes_accept_200_with_the_group() {
    let server = MockServer::start().await;
    let group = json!({"schemas": [urn::GROUP], "id": "g1", "displayName": "Tour Guides",
                       "members": [{"value": "u1", "display": "Babs"}]});
    Mock::given(method("PATCH"))
        .and(path(format!("{BASE}/Groups/g1")))
        .respond_with(scim_json(200, &group))
        .mount(&server)
        .await;
    let scim = client(&server);
    scim.add_group_members("g1", &["u1"]).await.unwrap();
    scim.remove_group_member("g1", "u1").await.unwrap();
}

/// Groups of RFC 7643 §8.4's shape: `g1` with two users and a nested group, `g2` with seven
/// users, `g3` empty, `g4` listed without `members`.
fn groups() -> Vec<Value> {
    let member = |id: &str| json!({"value": id, "$ref": format!("https://example.com/v2/Users/{id}"), "display": id});
    let g2: Vec<Value> = (1..=7).map(|i| member(&format!("v{i}"))).collect();
    vec![
        json!({"schemas": [urn::GROUP], "id": "g1", "displayName": "Tour Guides",
               "members": [member("u1"), {"value": "g3", "type": "Group"}, member("u2")]}),
        json!({"schemas": [urn::GROUP], "id": "g2", "displayName": "Big", "members": g2}),
        json!({"schemas": [urn::GROUP], "id": "g3", "displayName": "Empty", "members": []}),
        json!({"schemas": [urn::GROUP], "id": "g4", "displayName": "Terse"}),
    ]
}

/// Serves `/Groups` and each `/Groups/{id}?attributes=members` from [`groups`]; with
/// `exclude`, the listing obeys `excludedAttributes=members`.
async fn group_server(exclude: bool) -> MockServer {
    let server = MockServer::start().await;
    let listed: Vec<Value> = groups()
        .into_iter()
        .map(|mut group| {
            if exclude {
                group.as_object_mut().unwrap().remove("members");
            }
            group
        })
        .collect();
    serve(&server, "/Groups", Collection::new(listed)).await;
    let mut full = groups();
    full[3]["members"] = json!([{"value": "w1"}]);
    for group in full {
        let id = group["id"].as_str().unwrap().to_owned();
        Mock::given(method("GET"))
            .and(path(format!("{BASE}/Groups/{id}")))
            .and(query_param("attributes", "members"))
            .respond_with(scim_json(
                200,
                &json!({"id": id, "members": group["members"]}),
            ))
            .mount(&server)
            .await;
    }
    server
}

async fn walk_memberships(scim: &ScimClient, size: u64) -> Vec<Vec<(String, String)>> {
    let mut pages = Vec::new();
    let mut token: Option<String> = None;
    for _ in 0..50 {
        let page = scim.memberships_page(token.as_deref(), size).await.unwrap();
        assert!(page.items.len() as u64 <= size);
        pages.push(
            page.items
                .iter()
                .map(|m: &GroupMembership| (m.group_id.clone(), m.member.value.clone()))
                .collect(),
        );
        match page.next {
            Some(next) => token = Some(next.into_string()),
            None => return pages,
        }
    }
    panic!("the walk did not end");
}

fn all_memberships() -> Vec<(String, String)> {
    let mut all = vec![("g1", "u1".to_owned()), ("g1", "u2".to_owned())];
    all.extend((1..=7).map(|i| ("g2", format!("v{i}"))));
    all.push(("g4", "w1".to_owned()));
    all.into_iter().map(|(g, u)| (g.to_owned(), u)).collect()
}

#[tokio::test]
async fn memberships_are_paged_across_large_groups() {
    for exclude in [false, true] {
        let server = group_server(exclude).await;
        let scim = client(&server).exclude_members_from_group_lists(exclude);
        let pages = walk_memberships(&scim, 3).await;
        assert_eq!(pages.concat(), all_memberships(), "exclude: {exclude}");
        let requests = server.received_requests().await.unwrap();
        let listings: Vec<_> = requests
            .iter()
            .filter(|r| r.url.path() == format!("{BASE}/Groups"))
            .collect();
        for listing in &listings {
            let excluded = query(listing).get("excludedAttributes").cloned();
            assert_eq!(excluded, exclude.then(|| "members".to_owned()));
        }
        // With size 3: g1 comes inline with the first listing and fills the first page; g2
        // (three pages), g3 and g4 are read in later calls. Excluding members adds g1's read.
        let reads = requests.len() - listings.len();
        assert_eq!(reads, if exclude { 6 } else { 5 }, "exclude: {exclude}");
    }
}

#[tokio::test]
async fn a_group_deleted_during_the_walk_is_skipped() {
    let server = group_server(true).await;
    Mock::given(method("GET"))
        .and(path(format!("{BASE}/Groups/g2")))
        .respond_with(scim_json(
            404,
            &scim_error(json!("404"), None, "Group g2 not found"),
        ))
        .with_priority(1)
        .mount(&server)
        .await;
    let scim = client(&server).exclude_members_from_group_lists(true);
    let walked: Vec<(String, String)> = walk_memberships(&scim, 3).await.concat();
    let expected: Vec<(String, String)> = all_memberships()
        .into_iter()
        .filter(|(group, _)| group != "g2")
        .collect();
    assert_eq!(walked, expected);
}

#[tokio::test]
async fn memberships_through_a_user_filter() {
    let server = MockServer::start().await;
    let listed: Vec<Value> = groups()
        .into_iter()
        .map(|group| json!({"id": group["id"], "displayName": group["displayName"]}))
        .collect();
    serve(&server, "/Groups", Collection::new(listed)).await;
    let members: Vec<Value> = (1..=5).map(|i| json!({"id": format!("v{i}")})).collect();
    Mock::given(method("GET"))
        .and(path(format!("{BASE}/Users")))
        .and(query_param("filter", "groups.value eq \"g2\""))
        .and(query_param("attributes", "id"))
        .respond_with(Collection::new(members))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{BASE}/Users")))
        .respond_with(scim_json(200, &json!({"totalResults": 0, "Resources": []})))
        .mount(&server)
        .await;
    let scim = client(&server)
        .exclude_members_from_group_lists(true)
        .members_via(MembersVia::UserFilter);
    let pages = walk_memberships(&scim, 2).await;
    let expected: Vec<(String, String)> = (1..=5)
        .map(|i| ("g2".to_owned(), format!("v{i}")))
        .collect();
    assert_eq!(pages.concat(), expected);
}

#[tokio::test]
async fn groups_map_to_entitlements() {
    let server = MockServer::start().await;
    serve(&server, "/Groups", Collection::new(groups())).await;
    let page = client(&server).groups_page(None, 10).await.unwrap();
    assert_eq!(page.next, None);
    let entitlements: Vec<_> = page
        .items
        .iter()
        .map(|group: &ScimGroup| scim::entitlement_from_group(group, "group"))
        .collect();
    assert_eq!(entitlements[0].integration_specific_id, "g1");
    assert_eq!(entitlements[0].label, "Tour Guides");
    assert_eq!(page.items[3].members, None);
    assert_eq!(page.items[2].members, Some(Vec::new()));
}

#[tokio::test]
async fn check_access_reads_one_user_id() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{BASE}/Users")))
        .and(query_param("count", "1"))
        .and(query_param("attributes", "id"))
        .respond_with(scim_json(
            401,
            &scim_error(json!("401"), None, "Authorization failure"),
        ))
        .mount(&server)
        .await;
    let err = client(&server).check_access().await.unwrap_err();
    assert_eq!(err.code, ErrorCode::Unauthorized);
    assert!(
        err.message.ends_with("] Authorization failure"),
        "{}",
        err.message
    );
}

#[tokio::test]
async fn lists_spelled_in_lower_case_are_read() {
    let server = MockServer::start().await;
    let body = json!({"totalResults": 1, "resources": [{"id": "u1", "userName": "a"}]});
    Mock::given(method("GET"))
        .and(path(format!("{BASE}/Users")))
        .respond_with(scim_json(200, &body))
        .mount(&server)
        .await;
    let page = client(&server).users_page(None, 10).await.unwrap();
    assert_eq!(page.items[0].id, "u1");
    assert_eq!(page.next, None);
    client(&server).check_access().await.unwrap();
}
