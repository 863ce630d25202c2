//! SCIM tier: SCIM connectors proved against a real SCIM 2.0 server that nobody on this project
//! wrote, scim2-server, installed from PyPI at a pinned version and run on loopback with a
//! bearer token (see `connector_new_e2e::support::scim_server`).
//!
//! Each test starts its own server and seeds it through the server's own SCIM API (one Bulk
//! request for the users, one for the groups): 1,000 users, some inactive, and 20 groups with
//! overlapping memberships, one of them with 600 members and one empty.
//!
//! * `a_generated_scim_connector_works_against_a_real_scim_server` generates an `--api scim
//!   --auth token --all-capabilities` connector, builds it, and runs it through its binary as
//!   the platform does (one process per call, one per page): full `list_accounts`,
//!   `list_entitlements` and `find_entitlement_associations` walks, passing each page's token
//!   back, return exactly the seeded users, groups and memberships, each once (memberships
//!   also with `exclude_group_members`); create, deactivate, activate, assign, unassign and
//!   delete are each seen in the connector's walks and on the server; a second delete is
//!   `not_found`, a wrong token `unauthorized`, a taken `userName` an `invalid_value` that
//!   names it. The catalogue too: `list_custom_attributes_schema` equals what the server's
//!   `/ResourceTypes` and `/Schemas` declare for users and groups (`serve.py` gives groups an
//!   extension of their own), `update_account` PATCHes a user (read
//!   back from the server and by `get_account`), `list_updated_accounts` walks every user and
//!   then, from its cursor, only the updated one (scim2-server filters on
//!   `meta.lastModified gt`), enterprise values set on one user fill in its
//!   `custom_attributes` in `list_accounts` and `get_account`, and extension values set on one
//!   group its `custom_attributes` in `list_entitlements`.
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
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use connector_new_e2e::support::scim_server::ScimServer;
use connector_new_e2e::support::ScratchWorkspace;
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

    /// The user `id`, as the server holds it.
    fn user(&self, id: &str) -> Value {
        let answer = self.get(&format!("/Users/{id}"));
        assert_eq!(answer.status, 200, "/Users/{id}: {}", answer.body);
        answer.body
    }

    /// How many members the server holds in group `id`.
    fn member_count(&self, id: &str) -> usize {
        let answer = self.get(&format!("/Groups/{id}"));
        assert_eq!(answer.status, 200, "/Groups/{id}: {}", answer.body);
        answer.body["members"].as_array().map_or(0, Vec::len)
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

    /// How many users the server says were modified after `at` (its own
    /// `meta.lastModified gt` filter).
    fn count_modified_after(&self, at: &str) -> u64 {
        let filter = format!("meta.lastModified gt \"{at}\"");
        let encoded: String = form_urlencoded::byte_serialize(filter.as_bytes()).collect();
        let answer = self.get(&format!("/Users?count=0&filter={encoded}"));
        assert_eq!(answer.status, 200, "{filter}: {}", answer.body);
        answer.body["totalResults"].as_u64().unwrap()
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

/// Runs `<binary> <capability> --json '<envelope>'` as the platform does and returns the one
/// JSON document it prints; the exit code must be 0 (errors are envelopes, protocol §2.4).
fn run_connector(binary: &Path, capability: &str, envelope: &Value) -> Value {
    let output = Command::new(binary)
        .args([capability, "--json", &envelope.to_string()])
        .output()
        .unwrap_or_else(|error| panic!("{} does not run: {error}", binary.display()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{capability} exited with {}; stderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(&stdout).unwrap_or_else(|error| {
        panic!(
            "{capability} printed no JSON document ({error}), {} bytes",
            stdout.len()
        )
    })
}

/// The `response` of a successful capability output.
fn success(capability: &str, output: &Value) -> Value {
    assert!(
        output.get("is_error").is_none() && !output["response"].is_null(),
        "{capability} failed: {output}"
    );
    output["response"].clone()
}

/// The `error` of a failed capability output, which must have `error_code`.
fn failure(capability: &str, output: &Value, error_code: &str) -> Value {
    assert_eq!(
        (
            output["is_error"].as_bool(),
            output["error"]["error_code"].as_str()
        ),
        (Some(true), Some(error_code)),
        "{capability}: {output}"
    );
    output["error"].clone()
}

/// A generated connector and the envelope parts every call shares.
#[derive(Clone)]
struct Connector {
    binary: PathBuf,
    credential_id: String,
    settings: Value,
}

impl Connector {
    fn envelope(&self, request: Value, token: &str) -> Value {
        json!({
            "request": request,
            "credentials": [{ "id": self.credential_id, "token": { "token": token } }],
            "settings": self.settings,
        })
    }

    fn call(&self, capability: &str, request: Value) -> Value {
        run_connector(&self.binary, capability, &self.envelope(request, TOKEN))
    }

    /// Walks a paginated capability as the platform does: one process per page, each given
    /// the previous page's `next_page_token` (the response's `page.token`), until `page` is
    /// null. Returns the items of every page and the number of pages.
    fn walk(&self, capability: &str, size: u64) -> (Vec<Value>, usize) {
        self.walk_with(capability, &json!({}), size)
    }

    /// [`Self::walk`] with `request` as every page's request.
    fn walk_with(&self, capability: &str, request: &Value, size: u64) -> (Vec<Value>, usize) {
        let mut items = Vec::new();
        let mut token: Option<String> = None;
        let mut seen_tokens = BTreeSet::new();
        for pages in 1..=MAX_PAGES {
            let mut envelope = self.envelope(request.clone(), TOKEN);
            envelope["page"] = json!({ "token": token, "size": size });
            let output = run_connector(&self.binary, capability, &envelope);
            let page = success(capability, &output);
            let page = page
                .as_array()
                .unwrap_or_else(|| panic!("{capability}: {page}"));
            assert!(
                page.len() as u64 <= size,
                "{capability} page {pages}: {} items, {size} asked for",
                page.len()
            );
            items.extend(page.iter().cloned());
            match &output["page"] {
                Value::Null => return (items, pages),
                next => {
                    let next = string(next, "token");
                    assert!(
                        seen_tokens.insert(next.clone()),
                        "{capability} gave the same page token twice (page {pages}): it would \
                         never end"
                    );
                    token = Some(next);
                }
            }
        }
        panic!("{capability} did not end within {MAX_PAGES} pages");
    }

    /// Walks `list_updated_accounts` from `request` (its `cursor` or `since`) as the platform
    /// does, one process per page; returns the accounts (each id must come once), the last
    /// page's cursor and the number of pages.
    fn updates(&self, request: &Value, size: u64) -> (Vec<Value>, Option<String>, usize) {
        const CAPABILITY: &str = "list_updated_accounts";
        let mut accounts = Vec::new();
        let mut token: Option<String> = None;
        for pages in 1..=MAX_PAGES {
            let mut envelope = self.envelope(request.clone(), TOKEN);
            envelope["page"] = json!({ "token": token, "size": size });
            let output = run_connector(&self.binary, CAPABILITY, &envelope);
            let page = success(CAPABILITY, &output);
            let items = page["accounts"]
                .as_array()
                .unwrap_or_else(|| panic!("{CAPABILITY}: {page}"));
            assert!(items.len() as u64 <= size, "{CAPABILITY} page {pages}");
            accounts.extend(items.iter().cloned());
            match &output["page"] {
                Value::Null => {
                    let ids: BTreeSet<String> = accounts
                        .iter()
                        .map(|account| string(account, "integration_specific_id"))
                        .collect();
                    assert_eq!(
                        ids.len(),
                        accounts.len(),
                        "{CAPABILITY} listed a user twice"
                    );
                    let cursor = page["cursor"].as_str().map(str::to_owned);
                    return (accounts, cursor, pages);
                }
                next => token = Some(string(next, "token")),
            }
        }
        panic!("{CAPABILITY} did not end within {MAX_PAGES} pages");
    }

    /// The accounts of a full `list_accounts` walk, by id (each id must come once), and the
    /// number of pages.
    fn accounts(&self) -> (BTreeMap<String, Value>, usize) {
        let (accounts, pages) = self.walk("list_accounts", ACCOUNT_PAGE);
        let count = accounts.len();
        let by_id: BTreeMap<String, Value> = accounts
            .into_iter()
            .map(|account| (string(&account, "integration_specific_id"), account))
            .collect();
        assert_eq!(by_id.len(), count, "list_accounts listed an account twice");
        (by_id, pages)
    }

    /// The (account, group) pairs of a full `find_entitlement_associations` walk (each must
    /// come once), and the number of pages.
    fn associations(&self) -> (BTreeSet<(String, String)>, usize) {
        let (associations, pages) = self.walk("find_entitlement_associations", ASSOCIATION_PAGE);
        let count = associations.len();
        let pairs: BTreeSet<(String, String)> = associations
            .iter()
            .map(|association| {
                assert_eq!(association["integration_specific_resource_id"], "");
                (
                    string(association, "account_id"),
                    string(association, "integration_specific_entitlement_id"),
                )
            })
            .collect();
        assert_eq!(pairs.len(), count, "a membership was listed twice");
        (pairs, pages)
    }
}

/// Fails, with counts rather than 3,000 pairs, when the memberships listed are not `expected`.
fn assert_memberships(
    what: &str,
    listed: &BTreeSet<(String, String)>,
    expected: &BTreeSet<(String, String)>,
) {
    assert!(
        listed == expected,
        "{what}: {} memberships listed, {} expected; {} missing, {} unexpected (first: {:?})",
        listed.len(),
        expected.len(),
        expected.difference(listed).count(),
        listed.difference(expected).count(),
        expected.symmetric_difference(listed).next(),
    );
}

/// Prints the tier's timings and page counts (shown with `--nocapture`).
#[allow(clippy::print_stdout, reason = "the tier reports its timings")]
fn report(timings: &[(&str, Duration)], pages: &[(&str, usize, u64)]) {
    let timings: Vec<String> = timings
        .iter()
        .map(|(what, time)| format!("{what} {time:.1?}"))
        .collect();
    println!("SCIM tier: {}", timings.join(", "));
    for (capability, pages, size) in pages {
        println!("SCIM tier: {capability}: {pages} pages of up to {size}");
    }
}

/// Page sizes of the walks, as the platform would ask for them: entitlements in small pages,
/// so that the 20 groups take several.
const ACCOUNT_PAGE: u64 = 100;
const ENTITLEMENT_PAGE: u64 = 7;
const ASSOCIATION_PAGE: u64 = 250;
/// A walk stops (and fails) after this many pages: a connector that never ends its walk.
const MAX_PAGES: usize = 1_000;

/// What the connector is generated with: every core capability SCIM can express (all but
/// `get_last_activity`) and the whole catalogue.
const CORE: &str = "list_accounts,list_resources,list_entitlements,find_entitlement_associations,\
                    create_account,delete_account,activate_account,deactivate_account,\
                    assign_entitlement,unassign_entitlement";
const CATALOGUE: &str = "get_account,update_account,list_custom_attributes_schema,\
                         get_account_entitlement_associations,list_updated_accounts";

/// The enterprise User extension (RFC 7643 §4.3), which scim2-server declares for users.
const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
/// The Group extension `tests/servers/scim/serve.py` declares.
const GROUP_EXTENSION: &str = "urn:example:params:scim:schemas:extension:lumos-test:2.0:Group";
const PATCH_OP: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/// The generated connector's app name.
const APP: &str = "scim-app";
/// The entitlement type of a group membership in a generated SCIM connector.
const GROUP_MEMBER: &str = "GROUP_MEMBER";

/// The account a seeded user should be listed as.
fn expected_account(id: &str, user: &SeedUser) -> Value {
    json!({
        "id": id,
        "username": user.user_name,
        "email": user.email,
        "given_name": user.given_name,
        "family_name": user.family_name,
        "user_status": if user.active { "ACTIVE" } else { "SUSPENDED" },
    })
}

/// The members of a listed account that [`expected_account`] covers.
fn listed_account(account: &Value) -> Value {
    json!({
        "id": account["integration_specific_id"],
        "username": account["username"],
        "email": account["email"],
        "given_name": account["given_name"],
        "family_name": account["family_name"],
        "user_status": account["user_status"],
    })
}

#[test]
fn a_generated_scim_connector_works_against_a_real_scim_server() {
    let started = Instant::now();
    let (server, api, seed, seeded) = seeded_server();
    let seeded_at = started.elapsed();

    let workspace = ScratchWorkspace::new();
    let capabilities = format!("{CORE},{CATALOGUE}");
    workspace.generate(
        APP,
        &[
            "--api",
            "scim",
            "--auth",
            "token",
            "--capabilities",
            &capabilities,
        ],
    );
    let binary = workspace.build_connectors(&[APP]).remove(0);
    let built_at = started.elapsed();

    let info = Command::new(&binary).arg("info").output().unwrap();
    assert!(info.status.success(), "{APP} info failed");
    let info: Value = serde_json::from_slice(&info.stdout).unwrap();
    let connector = Connector {
        binary,
        credential_id: string(&info["response"]["credentials_schema"][0], "id"),
        settings: json!({ "base_url": server.base_url() }),
    };

    // validate_credentials: the token works, and the tenant is named by the base URL.
    let validated = success(
        "validate_credentials",
        &connector.call("validate_credentials", json!({})),
    );
    assert_eq!(validated["valid"], true);
    assert_eq!(
        validated["unique_tenant_id"],
        server.base_url().trim_start_matches("http://")
    );

    // 1. Full walks, page by page: exactly the seeded users, groups and memberships, each once.
    let walk_started = Instant::now();
    let (accounts, account_pages) = connector.accounts();
    let listed: BTreeSet<String> = accounts
        .values()
        .map(|a| listed_account(a).to_string())
        .collect();
    let expected: BTreeSet<String> = seeded
        .user_ids
        .iter()
        .zip(&seed.users)
        .map(|(id, user)| expected_account(id, user).to_string())
        .collect();
    assert_eq!(accounts.len(), USERS, "list_accounts: the number of users");
    assert!(
        listed == expected,
        "list_accounts: the accounts differ from the seeded users"
    );

    let (entitlements, entitlement_pages) = connector.walk("list_entitlements", ENTITLEMENT_PAGE);
    let listed: BTreeSet<(String, String)> = entitlements
        .iter()
        .map(|entitlement| {
            assert_eq!(
                entitlement["entitlement_type"], GROUP_MEMBER,
                "{entitlement}"
            );
            assert_eq!(entitlement["integration_specific_resource_id"], "");
            (
                string(entitlement, "integration_specific_id"),
                string(entitlement, "label"),
            )
        })
        .collect();
    let expected: BTreeSet<(String, String)> = seeded
        .group_ids
        .iter()
        .cloned()
        .zip(seed.groups.iter().map(|(name, _)| name.clone()))
        .collect();
    assert_eq!(
        entitlements.len(),
        GROUPS,
        "list_entitlements: each group once"
    );
    assert_eq!(
        listed, expected,
        "list_entitlements: the groups differ from the seed"
    );

    let expected_memberships: BTreeSet<(String, String)> = seed
        .groups
        .iter()
        .zip(&seeded.group_ids)
        .flat_map(|((_, members), group_id)| {
            members
                .iter()
                .map(|&i| (seeded.user_ids[i].clone(), group_id.clone()))
        })
        .collect();
    assert_eq!(expected_memberships.len(), seed.membership_count());
    let (memberships, association_pages) = connector.associations();
    assert_memberships(
        "find_entitlement_associations",
        &memberships,
        &expected_memberships,
    );
    let walked_in = walk_started.elapsed();

    // The same memberships when groups are listed without their members and read one by one.
    let lean = Connector {
        settings: json!({ "base_url": server.base_url(), "exclude_group_members": true }),
        ..connector.clone()
    };
    let (lean_memberships, lean_pages) = lean.associations();
    assert_memberships(
        "find_entitlement_associations with exclude_group_members",
        &lean_memberships,
        &expected_memberships,
    );

    // 2. The write capabilities, each checked through the connector's own walks and the
    //    server's API.
    let created = success(
        "create_account",
        &connector.call(
            "create_account",
            json!({
                "email": "new.person@example.test",
                "username": "new.person",
                "given_name": "Néw",
                "family_name": "Person",
            }),
        ),
    );
    assert_eq!(created["created"], true, "{created}");
    assert_eq!(created["status"], "ACTIVE", "{created}");
    let id = string(&created, "id");
    let (accounts, _) = connector.accounts();
    assert_eq!(
        accounts.len(),
        USERS + 1,
        "the created user is listed, once"
    );
    let listed = accounts
        .get(&id)
        .unwrap_or_else(|| panic!("the created user {id} is not listed"));
    assert_eq!(
        listed_account(listed),
        json!({
            "id": id,
            "username": "new.person",
            "email": "new.person@example.test",
            "given_name": "Néw",
            "family_name": "Person",
            "user_status": "ACTIVE",
        })
    );

    let account = json!({ "account_id": id });
    let deactivated = success(
        "deactivate_account",
        &connector.call("deactivate_account", account.clone()),
    );
    assert_eq!(deactivated["deactivated"], true, "{deactivated}");
    assert_eq!(deactivated["status"], "SUSPENDED", "{deactivated}");
    assert_eq!(
        api.user(&id)["active"],
        false,
        "the server holds the user inactive"
    );
    assert_eq!(connector.accounts().0[&id]["user_status"], "SUSPENDED");

    let activated = success(
        "activate_account",
        &connector.call("activate_account", account.clone()),
    );
    assert_eq!(activated["activated"], true, "{activated}");
    assert_eq!(activated["status"], "ACTIVE", "{activated}");
    assert_eq!(
        api.user(&id)["active"],
        true,
        "the server holds the user active"
    );
    assert_eq!(connector.accounts().0[&id]["user_status"], "ACTIVE");

    // The big group: the new member is listed among its 600.
    let group = seeded.group_ids[0].clone();
    let membership = (id.clone(), group.clone());
    let entitlement = json!({
        "account_integration_specific_id": id,
        "resource_integration_specific_id": "",
        "resource_type": "",
        "entitlement_type": GROUP_MEMBER,
        "entitlement_integration_specific_id": group,
    });
    let assigned = success(
        "assign_entitlement",
        &connector.call("assign_entitlement", entitlement.clone()),
    );
    assert_eq!(assigned["assigned"], true, "{assigned}");
    let mut with_new = expected_memberships.clone();
    with_new.insert(membership.clone());
    assert_memberships(
        "after assign_entitlement",
        &connector.associations().0,
        &with_new,
    );
    assert_eq!(api.member_count(&group), BIG_GROUP + 1);

    let unassigned = success(
        "unassign_entitlement",
        &connector.call("unassign_entitlement", entitlement),
    );
    assert_eq!(unassigned["unassigned"], true, "{unassigned}");
    assert_memberships(
        "after unassign_entitlement",
        &connector.associations().0,
        &expected_memberships,
    );
    assert_eq!(api.member_count(&group), BIG_GROUP);

    let deleted = success(
        "delete_account",
        &connector.call("delete_account", account.clone()),
    );
    assert_eq!(deleted["deleted"], true, "{deleted}");
    assert_eq!(deleted["status"], "DELETED", "{deleted}");
    let (accounts, _) = connector.accounts();
    assert_eq!(accounts.len(), USERS, "the deleted user is gone");
    assert!(
        !accounts.contains_key(&id),
        "the deleted user is still listed"
    );
    assert_eq!(api.get(&format!("/Users/{id}")).status, 404);
    let error = failure(
        "a second delete_account",
        &connector.call("delete_account", account),
        "not_found",
    );
    assert_eq!(error["status_code"], 404, "{error}");

    // 3. Errors: a wrong token, and a userName that is taken.
    for capability in ["validate_credentials", "list_accounts"] {
        let output = run_connector(
            &connector.binary,
            capability,
            &connector.envelope(json!({}), "a-wrong-token"),
        );
        let error = failure(capability, &output, "unauthorized");
        assert_eq!(error["status_code"], 401, "{error}");
        assert!(
            !output.to_string().contains("a-wrong-token"),
            "{capability} shows the token it was given"
        );
    }
    let taken = &seed.users[7];
    let output = connector.call(
        "create_account",
        json!({ "email": "someone.else@example.test", "username": taken.user_name }),
    );
    let error = failure(
        "create_account with a taken userName",
        &output,
        "invalid_value",
    );
    assert_eq!(error["status_code"], 409, "{error}");
    let explanation = format!(
        "{} {}",
        string(&error, "message"),
        error["error_metadata"]["hint"].as_str().unwrap_or_default()
    );
    assert!(
        explanation.contains("userName"),
        "the error does not name the conflict: {error}"
    );
    assert_eq!(error["app_error_code"], "scim.uniqueness", "{error}");
    assert_eq!(
        api.get("/Users?count=0").body["totalResults"],
        USERS,
        "the refused user was not created"
    );

    // 4. The catalogue: list_custom_attributes_schema, update_account, get_account,
    //    list_updated_accounts, and the custom attributes the account lists then fill in.
    let catalogue_started = Instant::now();
    let update_pages = catalogue(&connector, &api, &seed, &seeded);
    let catalogue_in = catalogue_started.elapsed();

    let done = started.elapsed();
    report(
        &[
            ("server started and seeded", seeded_at),
            ("connector generated and built", built_at - seeded_at),
            ("full sync", walked_in),
            ("catalogue", catalogue_in),
            ("the rest", done - built_at - walked_in - catalogue_in),
            ("total", done),
        ],
        &[
            ("list_accounts", account_pages, ACCOUNT_PAGE),
            ("list_entitlements", entitlement_pages, ENTITLEMENT_PAGE),
            (
                "find_entitlement_associations",
                association_pages,
                ASSOCIATION_PAGE,
            ),
            (
                "find_entitlement_associations, exclude_group_members",
                lean_pages,
                ASSOCIATION_PAGE,
            ),
            ("list_updated_accounts", update_pages, ACCOUNT_PAGE),
        ],
    );
}

/// The catalogue capabilities against the server; returns the number of pages of the full
/// `list_updated_accounts` walk.
fn catalogue(connector: &Connector, api: &ScimApi, seed: &Seed, seeded: &Seeded) -> usize {
    // list_custom_attributes_schema: exactly what the server's /ResourceTypes and /Schemas
    // declare for users (accounts), then for groups (entitlements).
    let declared = declared_custom_attributes(api);
    let employee_number = format!("{ENTERPRISE}:employeeNumber");
    let manager = format!("{ENTERPRISE}:manager.value");
    let cost_center = format!("{GROUP_EXTENSION}:costCenter");
    let budget = format!("{GROUP_EXTENSION}:budget");
    for (customized, name) in [
        ("account", &employee_number),
        ("account", &manager),
        ("entitlement", &cost_center),
        ("entitlement", &budget),
    ] {
        assert!(
            declared
                .iter()
                .any(|(kind, declared, _)| kind == customized && declared == name),
            "the server does not declare {name} for {customized}: {declared:?}"
        );
    }
    let schema = success(
        "list_custom_attributes_schema",
        &connector.call("list_custom_attributes_schema", json!({})),
    );
    let listed: Vec<(String, String, String)> = schema
        .as_array()
        .unwrap_or_else(|| panic!("list_custom_attributes_schema: {schema}"))
        .iter()
        .map(|attribute| {
            (
                string(attribute, "customized_type"),
                string(attribute, "name"),
                string(attribute, "attribute_type"),
            )
        })
        .collect();
    assert_eq!(listed, declared, "list_custom_attributes_schema");

    // list_updated_accounts with neither cursor nor since: every user, page by page, and as
    // cursor the newest meta.lastModified: one that a user has, with nothing modified after
    // it by the server's own filter.
    let (all, cursor, update_pages) = connector.updates(&json!({}), ACCOUNT_PAGE);
    let ids: BTreeSet<String> = all
        .iter()
        .map(|account| string(account, "integration_specific_id"))
        .collect();
    let expected: BTreeSet<String> = seeded.user_ids.iter().cloned().collect();
    assert_eq!(
        ids, expected,
        "list_updated_accounts from nothing: every user"
    );
    let cursor = cursor.expect("list_updated_accounts gives a cursor");
    let modified: BTreeSet<String> = api
        .list_all("/Users", 500)
        .iter()
        .map(|user| string(&user["meta"], "lastModified"))
        .collect();
    assert!(
        modified.contains(&cursor),
        "the cursor {cursor} is no user's lastModified"
    );
    assert_eq!(
        api.count_modified_after(&cursor),
        0,
        "users modified after {cursor}"
    );

    // update_account: a PATCH of only the attributes given, seen on the server, by get_account
    // and by list_updated_accounts from the cursor (only that user, with the new cursor).
    let (subject, untouched) = (&seeded.user_ids[3], &seed.users[3]);
    let updated = success(
        "update_account",
        &connector.call(
            "update_account",
            json!({
                "id": subject,
                "username": "renamed0003",
                "email": "renamed0003@example.test",
                "given_name": "Renée",
            }),
        ),
    );
    assert_eq!(updated, json!({ "id": subject }));
    let held = api.user(subject);
    assert_eq!(held["userName"], "renamed0003", "{held}");
    assert_eq!(held["name"]["givenName"], "Renée", "{held}");
    assert_eq!(held["name"]["familyName"], untouched.family_name, "{held}");
    assert_eq!(
        held["emails"][0]["value"], "renamed0003@example.test",
        "{held}"
    );
    let account = success(
        "get_account",
        &connector.call("get_account", json!({ "account_id": subject })),
    );
    let renamed = json!({
        "id": subject,
        "username": "renamed0003",
        "email": "renamed0003@example.test",
        "given_name": "Renée",
        "family_name": untouched.family_name,
        "user_status": if untouched.active { "ACTIVE" } else { "SUSPENDED" },
    });
    assert_eq!(
        listed_account(&account),
        renamed,
        "get_account after update_account"
    );
    for bound in ["cursor", "since"] {
        let (changed, next, _) = connector.updates(&json!({ bound: cursor }), ACCOUNT_PAGE);
        let changed: Vec<Value> = changed.iter().map(listed_account).collect();
        assert_eq!(
            changed,
            std::slice::from_ref(&renamed),
            "list_updated_accounts from the {bound}"
        );
        assert_eq!(
            next.as_deref(),
            held["meta"]["lastModified"].as_str(),
            "the new cursor is the updated user's lastModified"
        );
    }
    let newest = string(&held["meta"], "lastModified");
    let (none, same, _) = connector.updates(&json!({ "cursor": newest }), ACCOUNT_PAGE);
    assert!(
        none.is_empty(),
        "nothing changed after the newest cursor: {none:?}"
    );
    assert_eq!(same.as_deref(), Some(newest.as_str()), "the cursor stays");

    // update_account's errors: an unknown id, a taken userName (nothing changes).
    let output = connector.call(
        "update_account",
        json!({ "id": "nobody", "given_name": "X" }),
    );
    failure("update_account of an unknown id", &output, "not_found");
    let taken = &seed.users[7].user_name;
    let output = connector.call(
        "update_account",
        json!({ "id": subject, "username": taken }),
    );
    let error = failure(
        "update_account to a taken userName",
        &output,
        "invalid_value",
    );
    assert_eq!(error["status_code"], 409, "{error}");
    assert_eq!(api.user(subject)["userName"], "renamed0003");

    // The custom attributes: enterprise values set on one user through the server's API are
    // filled in for that user alone, and only those asked for.
    let boss = &seeded.user_ids[4];
    add_values(
        api,
        &format!("/Users/{subject}"),
        &[
            (employee_number.clone(), json!("E-0003")),
            (format!("{ENTERPRISE}:manager"), json!({ "value": boss })),
        ],
    );
    let wanted = json!({ "custom_attributes": [employee_number, manager, format!("{ENTERPRISE}:costCenter")] });
    let (accounts, _) = connector.walk_with("list_accounts", &wanted, ACCOUNT_PAGE);
    let values = json!({ employee_number.as_str(): "E-0003", manager.as_str(): boss });
    assert_eq!(
        with_custom_attributes(&accounts),
        [(subject.clone(), values.clone())],
        "list_accounts"
    );
    let mut asked = wanted;
    asked["account_id"] = json!(subject);
    let account = success("get_account", &connector.call("get_account", asked));
    assert_eq!(account["custom_attributes"], values, "get_account");

    // And the groups': extension values set on one group through the server's API are filled
    // in for that group alone, and only those asked for.
    let group = &seeded.group_ids[5];
    add_values(
        api,
        &format!("/Groups/{group}"),
        &[
            (cost_center.clone(), json!("CC-4130")),
            (budget.clone(), json!(12000)),
        ],
    );
    let wanted =
        json!({ "custom_attributes": [cost_center, budget, format!("{GROUP_EXTENSION}:owner")] });
    let (entitlements, _) = connector.walk_with("list_entitlements", &wanted, ENTITLEMENT_PAGE);
    let values = json!({ cost_center.as_str(): "CC-4130", budget.as_str(): "12000" });
    assert_eq!(
        with_custom_attributes(&entitlements),
        [(group.clone(), values)],
        "list_entitlements"
    );
    update_pages
}

/// Sets attribute values of `resource` (`/Users/<id>`, `/Groups/<id>`) through the server's
/// own API: one PATCH of `add` operations, `(path, value)` each.
fn add_values(api: &ScimApi, resource: &str, values: &[(String, Value)]) {
    let operations: Vec<Value> = values
        .iter()
        .map(|(path, value)| json!({ "op": "add", "path": path, "value": value }))
        .collect();
    let patch = json!({ "schemas": [PATCH_OP], "Operations": operations });
    let answer = api.send(Method::PATCH, resource, Some(&patch), TOKEN);
    assert!(answer.status < 300, "PATCH of {resource}: {}", answer.body);
}

/// The listed items that carry custom attributes, as (id, custom attributes).
fn with_custom_attributes(items: &[Value]) -> Vec<(String, Value)> {
    items
        .iter()
        .filter(|item| !item["custom_attributes"].is_null())
        .map(|item| {
            (
                string(item, "integration_specific_id"),
                item["custom_attributes"].clone(),
            )
        })
        .collect()
}

/// The custom attributes the server declares, computed from its own answers: the readable
/// attributes of the schemas `/ResourceTypes` lists as the User's extensions (`account`),
/// then as the Group's (`entitlement`), as `/Schemas` defines them (a singular complex
/// attribute as one per readable sub-attribute), with the protocol's name for each type.
fn declared_custom_attributes(api: &ScimApi) -> Vec<(String, String, String)> {
    let readable = |attribute: &Value| {
        attribute["mutability"] != "writeOnly" && attribute["returned"] != "never"
    };
    let protocol_type = |attribute: &Value, refers_to_users: bool| {
        let users_only = attribute["referenceTypes"]
            .as_array()
            .is_some_and(|types| !types.is_empty() && types.iter().all(|t| t == "User"));
        match attribute["type"].as_str() {
            _ if attribute["multiValued"] == true => "string",
            Some("boolean") => "boolean",
            Some("integer") => "integer",
            Some("dateTime") => "datetime",
            _ if users_only || refers_to_users => "user",
            _ => "string",
        }
        .to_owned()
    };
    let types = api.get("/ResourceTypes");
    assert_eq!(types.status, 200, "/ResourceTypes: {}", types.body);
    let schemas = api.get("/Schemas");
    assert_eq!(schemas.status, 200, "/Schemas: {}", schemas.body);
    let mut declared = Vec::new();
    for (endpoint, customized) in [("/Users", "account"), ("/Groups", "entitlement")] {
        let extensions: Vec<String> = types.body["Resources"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|resource_type| resource_type["endpoint"] == endpoint)
            .flat_map(|resource_type| {
                resource_type["schemaExtensions"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
            })
            .map(|extension| string(&extension, "schema"))
            .collect();
        for schema in schemas.body["Resources"].as_array().unwrap() {
            let id = string(schema, "id");
            if !extensions.contains(&id) {
                continue;
            }
            for attribute in schema["attributes"].as_array().unwrap() {
                if !readable(attribute) {
                    continue;
                }
                let name = format!("{id}:{}", string(attribute, "name"));
                if attribute["type"] != "complex" || attribute["multiValued"] == true {
                    declared.push((customized.to_owned(), name, protocol_type(attribute, false)));
                    continue;
                }
                let subs = attribute["subAttributes"].as_array().unwrap();
                let refers_to_users = subs
                    .iter()
                    .any(|sub| sub["name"] == "$ref" && protocol_type(sub, false) == "user");
                for sub in subs.iter().filter(|sub| readable(sub)) {
                    let sub_name = string(sub, "name");
                    let is_value = sub_name == "value";
                    declared.push((
                        customized.to_owned(),
                        format!("{name}.{sub_name}"),
                        protocol_type(sub, is_value && refers_to_users),
                    ));
                }
            }
        }
    }
    declared
}
