//! The `core_demo` example as a real process (the `core-demo` binary, see sdk/Cargo.toml
//! feature `demo`): `info`, a paginated `list_accounts` and an upstream 401, against a
//! wiremock upstream. Expected outputs come from the recorded vectors.

// The helpers outside #[test] functions unwrap and panic too, as tests may (clippy.toml).
#![allow(clippy::expect_used, clippy::panic)]

use std::path::Path;

use serde_json::{json, Value};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The example built as a binary.
const BINARY: &str = env!("CARGO_BIN_EXE_core-demo");
/// The vectors folder, relative to the workspace root.
const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/protocol/vectors");
/// Where the recordings' upstream listened.
const RECORDED_UPSTREAM: &str = "http://127.0.0.1:18777";

fn vector(name: &str) -> Value {
    let path = Path::new(VECTORS).join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}. The protocol folder must be checked out at ../shared next to \
             the workspace (docs/CONTRIBUTING-HELPERS.md).",
            path.display()
        )
    });
    serde_json::from_str(&text).expect("vector is JSON")
}

/// A recorded string with the recordings' upstream replaced by `upstream`.
fn retarget(recorded: &Value, upstream: &str) -> String {
    recorded
        .as_str()
        .expect("a string")
        .replace(RECORDED_UPSTREAM, upstream)
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let output = assert_cmd::Command::new(BINARY)
        .args(args)
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .expect("run core-demo");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8(output.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Every object's keys are in sorted order, at every depth.
fn assert_sorted_keys(value: &Value, at: &str) {
    match value {
        Value::Object(map) => {
            let keys: Vec<&String> = map.keys().collect();
            let mut sorted = keys.clone();
            sorted.sort();
            assert_eq!(keys, sorted, "keys of {at} are not sorted");
            for (key, member) in map {
                assert_sorted_keys(member, &format!("{at}.{key}"));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                assert_sorted_keys(item, &format!("{at}[{i}]"));
            }
        }
        _ => {}
    }
}

#[test]
fn info_is_one_sorted_json_document_listing_the_capabilities() {
    let run = run(&["info"]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let document = run.stdout.strip_suffix('\n').expect("one trailing newline");
    assert!(!document.contains('\n'), "one line");
    assert!(document.is_ascii(), "info escapes non-ASCII characters");
    let info: Value = serde_json::from_str(document).expect("info is JSON");
    assert_sorted_keys(&info, "info");
    // Sorted keys, ", " and ": " separators: the text is the info serialization of its value.
    assert_eq!(connector_sdk::schema::to_info_json(&info), document);

    let response = &info["response"];
    assert_eq!(response["app_id"], "core-demo");
    let listed: Vec<&str> = response["capabilities"]
        .as_array()
        .expect("capabilities")
        .iter()
        .map(|c| c.as_str().expect("a name"))
        .collect();
    let mut expected: Vec<&str> = connector_sdk::capability::CORE.to_vec();
    // The custom capability, the ones every connector gets, the one every multi-auth
    // connector gets, and the OAuth code flow's (core-demo declares an OAuth credential).
    expected.extend(["raise_error", "app_info", "probe_integration"]);
    expected.push("validate_credential_config");
    expected.extend([
        "get_authorization_url",
        "handle_authorization_callback",
        "refresh_access_token",
    ]);
    expected.sort_unstable();
    assert_eq!(listed, expected);
    let described: Vec<&String> = response["capability_schema"]
        .as_object()
        .expect("capability_schema")
        .keys()
        .collect();
    assert_eq!(described, listed, "every capability has a schema entry");
}

/// Mocks `GET /users?offset=&limit=2` over the recorded users, one mock per page.
async fn mock_users(server: &MockServer) {
    let users = vector("success_list_accounts_raw_data_single_page")["response"]["raw_data"]
        ["users"]
        .as_array()
        .expect("the recorded users")
        .clone();
    assert_eq!(users.len(), 5);
    for offset in (0..users.len()).step_by(2) {
        let end = (offset + 2).min(users.len());
        let body = json!({"users": users[offset..end], "has_more": end < users.len()});
        Mock::given(method("GET"))
            .and(path("/users"))
            .and(query_param("offset", offset.to_string()))
            .and(query_param("limit", "2"))
            .and(header("authorization", "Bearer good-token"))
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .expect(1)
            .mount(server)
            .await;
    }
}

#[tokio::test]
async fn list_accounts_walks_three_pages_of_two() {
    let server = MockServer::start().await;
    mock_users(&server).await;
    let recorded = [
        vector("success_list_accounts_page1"),
        vector("success_list_accounts_page2"),
        vector("success_list_accounts_page3_last"),
    ];
    // Page size from the settings (page_size 2), no page member: the first call of a walk.
    let mut envelope = json!({
        "credentials": [{"id": "core_demo_token", "token": {"token": "good-token"}}],
        "request": {},
        "settings": {"base_url": server.uri(), "page_size": 2},
    });
    let mut accounts = Vec::new();
    for (number, recorded) in recorded.iter().enumerate() {
        let run = run(&["list_accounts", "--json", &envelope.to_string()]);
        assert_eq!(run.code, 0, "page {}: {}", number + 1, run.stderr);
        assert_eq!(
            run.stdout,
            retarget(&recorded["stdout"], &server.uri()),
            "page {}",
            number + 1
        );
        let output: Value = serde_json::from_str(&run.stdout).expect("JSON");
        accounts.extend(
            output["response"]
                .as_array()
                .expect("accounts")
                .iter()
                .cloned(),
        );
        match output["page"]["token"].as_str() {
            Some(token) => envelope["page"] = json!({"token": token, "size": 2}),
            None => {
                assert_eq!(output["page"], Value::Null, "page null ends the walk");
                assert_eq!(number, 2, "the walk ends on the third page");
            }
        }
    }
    let ids: Vec<&str> = accounts
        .iter()
        .map(|a| a["integration_specific_id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, ["u1", "u2", "u3", "u4", "u5"]);
    server.verify().await;
}

#[tokio::test]
async fn upstream_401_is_an_unauthorized_envelope_with_exit_0() {
    let recorded = vector("error_upstream_401");
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/me"))
        .respond_with(ResponseTemplate::new(401).set_body_raw(
            r#"{"error": "invalid_token", "error_description": "The access token is invalid"}"#,
            "application/json",
        ))
        .expect(1)
        .mount(&server)
        .await;
    let envelope = retarget(&recorded["argv"][2], &server.uri());
    let run = run(&["validate_credentials", "--json", &envelope]);
    assert_eq!(
        run.code, 0,
        "an error envelope is a normal answer: {}",
        run.stderr
    );
    assert_eq!(run.stdout, retarget(&recorded["stdout"], &server.uri()));
    let output: Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(output["error"]["error_code"], "unauthorized");
    assert_eq!(output["error"]["status_code"], 401);
    assert_eq!(output["error"]["error_metadata"]["refreshable"], true);
    server.verify().await;
}
