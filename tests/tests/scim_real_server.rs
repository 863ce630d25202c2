//! SCIM tier: SCIM connectors proved against a real SCIM 2.0 server that nobody on this project
//! wrote, scim2-server, installed from PyPI at a pinned version and run on loopback with a
//! bearer token (see `connector_new_e2e::support::scim_server`).
//!
//! Each test starts its own server and seeds it through the server's own SCIM API (one Bulk
//! request for the users, one for the groups): 1,000 users, some inactive, and 20 groups with
//! overlapping memberships, one of them with 600 members and one empty.
//!
//! * `the_server_serves_the_seed_through_its_own_api` reads the seed back with a plain HTTP
//!   client, page by page, and checks the server's answers to a wrong token and a duplicate
//!   `userName`: so a failure of the connector test can be told apart from a broken server
//!   setup or seed.
//!
//! When python3.11 is missing, or the server cannot be installed or started, these tests fail
//! and say so; they never skip.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "test helpers outside #[test] functions: a failed step stops the test loudly"
)]

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use connector_new_e2e::support::scim_server::ScimServer;
use reqwest::Method;
use serde_json::{json, Value};

/// The bearer token the server accepts.
const TOKEN: &str = "scim-tier-bearer-token-0123456789";

const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
const GROUP_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";
const BULK_REQUEST: &str = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

/// The seed's size.
const USERS: usize = 1_000;
const GROUPS: usize = 20;
/// Group 0 holds the first `BIG_GROUP` users.
const BIG_GROUP: usize = 600;

/// One seeded user, as sent.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct SeedUser {
    user_name: String,
    given_name: String,
    family_name: String,
    email: String,
    active: bool,
}

/// What is seeded, by index: the users, and each group's name and member indices.
struct Seed {
    users: Vec<SeedUser>,
    groups: Vec<(String, BTreeSet<usize>)>,
}

impl Seed {
    /// The fixed seed. Group 0 holds users 0..600; group j in 1..19 every (j+1)-th user, so
    /// groups overlap in many ways; group 19 is empty. Every tenth user is inactive, and a few
    /// names are not ASCII.
    fn new() -> Self {
        let users = (0..USERS)
            .map(|i| SeedUser {
                user_name: format!("user{i:04}"),
                given_name: if i % 100 == 42 {
                    format!("Zoë{i}")
                } else {
                    format!("Given{i}")
                },
                family_name: format!("Family{}", i % 37),
                email: format!("user{i:04}@example.test"),
                active: i % 10 != 9,
            })
            .collect();
        let groups = (0..GROUPS)
            .map(|j| {
                let members = match j {
                    0 => (0..BIG_GROUP).collect(),
                    j if j == GROUPS - 1 => BTreeSet::new(),
                    j => (0..USERS).filter(|i| i % (j + 1) == 0).collect(),
                };
                (format!("group{j:02}"), members)
            })
            .collect();
        Self { users, groups }
    }

    fn membership_count(&self) -> usize {
        self.groups.iter().map(|(_, members)| members.len()).sum()
    }
}

/// The SCIM ids the server gave the seed.
struct Seeded {
    user_ids: Vec<String>,
    group_ids: Vec<String>,
}

/// A plain SCIM client over reqwest, for seeding and for checking what the server holds.
struct ScimApi {
    runtime: tokio::runtime::Runtime,
    client: reqwest::Client,
    base_url: String,
}

/// One HTTP answer.
struct Answer {
    status: u16,
    body: Value,
}

impl ScimApi {
    fn new(server: &ScimServer) -> Self {
        Self {
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap(),
            client: reqwest::Client::builder()
                .timeout(Duration::from_secs(120))
                .build()
                .unwrap(),
            base_url: server.base_url().to_owned(),
        }
    }

    fn send(&self, method: Method, path: &str, body: Option<&Value>, token: &str) -> Answer {
        let url = format!("{}{path}", self.base_url);
        let mut request = self
            .client
            .request(method.clone(), &url)
            .bearer_auth(token)
            .header(reqwest::header::ACCEPT, "application/scim+json");
        if let Some(body) = body {
            request = request
                .header(reqwest::header::CONTENT_TYPE, "application/scim+json")
                .body(body.to_string());
        }
        let response = self
            .runtime
            .block_on(async { request.send().await })
            .unwrap_or_else(|error| panic!("{method} {url} failed: {error}"));
        let status = response.status().as_u16();
        let text = self.runtime.block_on(response.text()).unwrap_or_default();
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or_else(|error| {
                panic!("{method} {url}: HTTP {status}, not JSON ({error}): {text}")
            })
        };
        Answer { status, body }
    }

    fn get(&self, path: &str) -> Answer {
        self.send(Method::GET, path, None, TOKEN)
    }

    fn post(&self, path: &str, body: &Value) -> Answer {
        self.send(Method::POST, path, Some(body), TOKEN)
    }

    /// Runs one Bulk request of POSTs and returns the created ids in the operations' order;
    /// every operation must answer 201.
    fn bulk_create(&self, operations: Vec<Value>) -> Vec<String> {
        let count = operations.len();
        let answer = self.post(
            "/Bulk",
            &json!({ "schemas": [BULK_REQUEST], "failOnErrors": 1, "Operations": operations }),
        );
        assert_eq!(answer.status, 200, "Bulk: {}", answer.body);
        let results = answer.body["Operations"].as_array().unwrap();
        assert_eq!(results.len(), count, "one result per Bulk operation");
        results
            .iter()
            .map(|result| {
                assert_eq!(result["status"], "201", "Bulk operation: {result}");
                let location = result["location"].as_str().unwrap();
                location.rsplit('/').next().unwrap().to_owned()
            })
            .collect()
    }

    /// Seeds the server: the users in one Bulk request, then the groups (members by id) in
    /// another, as the server allows 1,000 operations per request.
    fn seed(&self, seed: &Seed) -> Seeded {
        let user_ops = seed
            .users
            .iter()
            .enumerate()
            .map(|(i, user)| {
                json!({
                    "method": "POST",
                    "path": "/Users",
                    "bulkId": format!("user{i}"),
                    "data": {
                        "schemas": [USER_SCHEMA],
                        "userName": user.user_name,
                        "name": { "givenName": user.given_name, "familyName": user.family_name },
                        "emails": [{ "value": user.email, "type": "work", "primary": true }],
                        "active": user.active,
                    },
                })
            })
            .collect();
        let user_ids = self.bulk_create(user_ops);
        let group_ops = seed
            .groups
            .iter()
            .enumerate()
            .map(|(j, (name, members))| {
                let members: Vec<Value> = members
                    .iter()
                    .map(|&i| json!({ "value": user_ids[i], "type": "User" }))
                    .collect();
                json!({
                    "method": "POST",
                    "path": "/Groups",
                    "bulkId": format!("group{j}"),
                    "data": { "schemas": [GROUP_SCHEMA], "displayName": name, "members": members },
                })
            })
            .collect();
        let group_ids = self.bulk_create(group_ops);
        Seeded {
            user_ids,
            group_ids,
        }
    }

    /// Every resource of `endpoint`, read page by page (`startIndex`, `count`) as RFC 7644
    /// §3.4.2.4 describes, until `totalResults` is reached.
    fn list_all(&self, endpoint: &str, count: usize) -> Vec<Value> {
        let mut resources = Vec::new();
        let mut start_index = 1;
        loop {
            let answer = self.get(&format!(
                "{endpoint}?startIndex={start_index}&count={count}"
            ));
            assert_eq!(answer.status, 200, "{endpoint}: {}", answer.body);
            let total = answer.body["totalResults"].as_u64().unwrap() as usize;
            let page = answer.body["Resources"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            assert!(
                !page.is_empty() || resources.len() >= total,
                "{endpoint}: an empty page at {start_index} of {total}"
            );
            start_index += page.len();
            resources.extend(page);
            if resources.len() >= total {
                return resources;
            }
        }
    }
}

/// The string member `key` of a JSON object.
fn string(value: &Value, key: &str) -> String {
    value[key]
        .as_str()
        .unwrap_or_else(|| panic!("no string `{key}` in {value}"))
        .to_owned()
}

/// Starts a server and seeds it; returns the server, a client, the seed and the ids, and
/// prints how long seeding took.
#[allow(
    clippy::print_stdout,
    reason = "the tier reports its timings, as the tests do"
)]
fn seeded_server() -> (ScimServer, ScimApi, Seed, Seeded) {
    let started = Instant::now();
    let server = ScimServer::start(TOKEN);
    let ready = started.elapsed();
    let api = ScimApi::new(&server);
    let seed = Seed::new();
    let seeded = api.seed(&seed);
    println!(
        "SCIM seed: server ready in {ready:.1?}; {} users, {} groups and {} memberships seeded \
         in {:.1?}",
        seed.users.len(),
        seed.groups.len(),
        seed.membership_count(),
        started.elapsed() - ready
    );
    (server, api, seed, seeded)
}

#[test]
fn the_server_serves_the_seed_through_its_own_api() {
    let (server, api, seed, seeded) = seeded_server();
    let user_index: BTreeMap<&str, usize> = seeded
        .user_ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    assert_eq!(
        user_index.len(),
        USERS,
        "the server gave every user its own id"
    );

    // Users: exactly the seed, attribute for attribute.
    let users = api.list_all("/Users", 100);
    let seen: BTreeMap<String, SeedUser> = users
        .iter()
        .map(|user| {
            let seen = SeedUser {
                user_name: string(user, "userName"),
                given_name: string(&user["name"], "givenName"),
                family_name: string(&user["name"], "familyName"),
                email: string(&user["emails"][0], "value"),
                active: user["active"].as_bool().unwrap(),
            };
            (string(user, "id"), seen)
        })
        .collect();
    assert_eq!(users.len(), USERS, "each user listed once");
    let expected: BTreeMap<String, SeedUser> = seeded
        .user_ids
        .iter()
        .cloned()
        .zip(seed.users.iter().cloned())
        .collect();
    assert!(seen == expected, "the users listed differ from the seed");

    // Groups and their members: exactly the seed.
    let groups = api.list_all("/Groups", 5);
    assert_eq!(groups.len(), GROUPS, "each group listed once");
    let seen: BTreeMap<String, (String, BTreeSet<usize>)> = groups
        .iter()
        .map(|group| {
            let members = group["members"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .map(|member| user_index[string(member, "value").as_str()])
                .collect();
            (string(group, "id"), (string(group, "displayName"), members))
        })
        .collect();
    let expected: BTreeMap<String, (String, BTreeSet<usize>)> = seeded
        .group_ids
        .iter()
        .cloned()
        .zip(seed.groups.iter().cloned())
        .collect();
    assert!(seen == expected, "the groups listed differ from the seed");
    assert!(seed.groups.iter().any(|(_, members)| members.len() >= 500));

    // A wrong token is refused.
    let answer = api.send(Method::GET, "/Users?count=1", None, "a-wrong-token");
    assert_eq!(answer.status, 401, "a wrong token: {}", answer.body);

    // A duplicate userName is a 409 uniqueness error.
    let answer = api.post(
        "/Users",
        &json!({ "schemas": [USER_SCHEMA], "userName": seed.users[7].user_name }),
    );
    assert_eq!(answer.status, 409, "a duplicate userName: {}", answer.body);
    assert_eq!(answer.body["scimType"], "uniqueness", "{}", answer.body);

    assert!(
        !server.log().contains(TOKEN),
        "the server's log shows the bearer token"
    );
}
