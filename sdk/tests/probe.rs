//! `probe_integration` (protocol §11.2) on small in-test connectors: what each check reports
//! when the connector's read capabilities return nothing, fail, page without end or are
//! missing, and how the run's status follows. The happy path is the conformance test's
//! (vector `success_probe_integration`).

// Test support outside #[test] functions: a failing expectation should stop the test loudly.
#![allow(clippy::expect_used, clippy::panic)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use connector_sdk::auth::{AuthDeclaration, CredentialKind};
use connector_sdk::capability::{FIND_ENTITLEMENT_ASSOCIATIONS, LIST_ACCOUNTS, LIST_ENTITLEMENTS};
use connector_sdk::error::{ConnectorError, ErrorKind};
use connector_sdk::integration::{Integration, IntegrationBuilder};
use connector_sdk::models::{
    EntitlementType, FoundAccountData, FoundEntitlementAssociation, FoundEntitlementData,
};
use connector_sdk::pagination::{NextPageToken, OffsetPagination};
use connector_sdk::request::Response;
use connector_sdk::settings::NoSettings;
use serde_json::{json, Value};

const ENVELOPE: &str = r#"{"auth":{"token":{"token":"t"}},"request":{}}"#;

fn builder() -> IntegrationBuilder<NoSettings> {
    Integration::builder("probe-test", "1.0.0")
        .auth(AuthDeclaration::Single(CredentialKind::Token))
        .entitlement_types(vec![
            EntitlementType::new("ROLE", "Role", ""),
            EntitlementType::new("GROUP", "Group", ""),
        ])
}

fn account(id: &str, email: Option<&str>) -> FoundAccountData {
    FoundAccountData {
        email: email.map(str::to_owned),
        ..FoundAccountData::new(id)
    }
}

fn role(id: &str) -> FoundEntitlementData {
    FoundEntitlementData {
        entitlement_type: "ROLE".to_owned(),
        integration_specific_id: id.to_owned(),
        label: format!("Role {id}"),
        ..FoundEntitlementData::default()
    }
}

/// The probe's `response`.
fn probe(integration: &Integration<NoSettings>, envelope: &str) -> Value {
    let answer: Value =
        serde_json::from_str(&integration.call_blocking("probe_integration", envelope))
            .expect("JSON");
    assert!(answer.get("is_error").is_none(), "{answer}");
    answer["response"].clone()
}

fn check<'a>(results: &'a Value, name: &str) -> &'a Value {
    results["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .find(|c| c["check"] == name)
        .unwrap_or_else(|| panic!("no {name} check in {results}"))
}

#[test]
fn a_connector_without_read_capabilities_proves_nothing() {
    let integration = builder().build().expect("builds");
    let results = probe(&integration, ENVELOPE);
    assert_eq!(results["status"], "failed");
    let expected = [
        ("accounts", "list_accounts"),
        ("entitlements", "list_entitlements"),
        ("entitlement_associations", "find_entitlement_associations"),
    ];
    let checks = results["checks"].as_array().expect("checks");
    assert_eq!(checks.len(), expected.len());
    for (check, (name, capability)) in checks.iter().zip(expected) {
        assert_eq!(check["check"], name);
        assert_eq!(check["status"], "unsupported");
        assert_eq!(check["source"], "default");
        assert_eq!(check["capability"], capability);
        assert_eq!(
            check["message"],
            format!("This connector does not implement {capability}.")
        );
        assert_eq!(check["observed_count"], 0);
        assert!(check["duration_ms"].is_u64(), "{check}");
    }
}

#[test]
fn empty_answers_fail_their_checks_and_a_failing_call_reports_its_error() {
    let integration = builder()
        .capability(LIST_ACCOUNTS, |_| async {
            Ok(Response::new(Vec::<FoundAccountData>::new()))
        })
        .capability(LIST_ENTITLEMENTS, |_| async {
            Ok(Response::new(Vec::<FoundEntitlementData>::new()))
        })
        .capability(FIND_ENTITLEMENT_ASSOCIATIONS, |_| async {
            Err::<Response<Vec<FoundEntitlementAssociation>>, _>(ConnectorError::with_kind(
                ErrorKind::Authorization,
                "no access to memberships",
            ))
        })
        .build()
        .expect("builds");
    let results = probe(&integration, ENVELOPE);
    assert_eq!(results["status"], "failed");
    let accounts = check(&results, "accounts");
    assert_eq!(accounts["status"], "failed");
    assert!(accounts["message"]
        .as_str()
        .is_some_and(|m| m.starts_with("No accounts were returned.")));
    assert_eq!(check(&results, "entitlements")["status"], "failed");
    let associations = check(&results, "entitlement_associations");
    assert_eq!(associations["status"], "failed");
    let error = &associations["error"];
    assert_eq!(error["error_code"], "permission_denied");
    assert_eq!(error["message"], "no access to memberships");
    assert_eq!(error["app_id"], "probe-test");
    // The check's message is the error's hint when it has one, else its message.
    let hint = error["error_metadata"]["hint"].as_str();
    let message = error["message"].as_str();
    assert_eq!(associations["message"].as_str(), hint.or(message));
}

#[test]
fn an_entitlement_type_never_seen_makes_the_run_partial() {
    let pages = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&pages);
    let integration = builder()
        .capability(LIST_ACCOUNTS, |_| async {
            Ok(Response::new(vec![
                account("u1", None),
                account("u2", Some("two@example.com")),
            ]))
        })
        // Always another page, never a GROUP: the page budget runs out.
        .capability(LIST_ENTITLEMENTS, move |_| {
            let page = counter.fetch_add(1, Ordering::SeqCst);
            async move {
                let token = NextPageToken::encode(&[OffsetPagination::start("/roles")
                    .advanced_by(u64::try_from(page).unwrap_or(0) + 1)])?;
                Ok(Response::new(vec![role(&format!("r{page}"))]).with_next_page(token, 10))
            }
        })
        .capability(FIND_ENTITLEMENT_ASSOCIATIONS, |_| async {
            Ok(Response::new(vec![FoundEntitlementAssociation {
                account_id: "someone-else".to_owned(),
                integration_specific_entitlement_id: "r0".to_owned(),
                integration_specific_resource_id: String::new(),
            }]))
        })
        .build()
        .expect("builds");
    let results = probe(&integration, ENVELOPE);
    assert_eq!(results["status"], "partial", "{results}");
    assert_eq!(
        pages.load(Ordering::SeqCst),
        5,
        "the entitlement page budget"
    );

    let accounts = check(&results, "accounts");
    assert_eq!(accounts["status"], "passed");
    // The label is the first account's email, else its username, else its id.
    assert_eq!(accounts["message"], "Fetched 2 account(s), including u1.");
    assert_eq!(
        accounts["samples"][1],
        json!({"kind": "account", "integration_specific_id": "u2", "email": "two@example.com",
            "username": null, "user_status": null, "custom_attributes": null})
    );

    let entitlements = check(&results, "entitlements");
    assert_eq!(entitlements["status"], "passed");
    assert_eq!(entitlements["observed_count"], 5);
    assert_eq!(
        entitlements["entitlement_types"],
        json!([{"entitlement_type": "ROLE", "status": "found"},
            {"entitlement_type": "GROUP", "status": "not_checked"}])
    );
    assert_eq!(
        entitlements["message"],
        "Fetched 5 entitlement(s). No entitlement seen yet for: GROUP."
    );

    let associations = check(&results, "entitlement_associations");
    assert_eq!(associations["status"], "passed");
    assert_eq!(
        associations["samples"][0]["linked_to_sampled_account"],
        false
    );
    assert!(associations["message"]
        .as_str()
        .is_some_and(|m| m.contains("none of them belong to an account this probe could fetch")));
}

#[test]
fn checks_not_requested_are_skipped() {
    let integration = builder()
        .capability(LIST_ACCOUNTS, |_| async {
            Ok(Response::new(vec![account("u1", Some("one@example.com"))]))
        })
        .build()
        .expect("builds");
    let envelope = r#"{"auth":{"token":{"token":"t"}},"request":{"checks":["accounts"]}}"#;
    let results = probe(&integration, envelope);
    assert_eq!(results["status"], "passed");
    for name in ["entitlements", "entitlement_associations"] {
        let skipped = check(&results, name);
        assert_eq!(skipped["status"], "skipped");
        assert_eq!(skipped["message"], "Not requested in this run.");
        assert_eq!(skipped["capability"], Value::Null);
        assert_eq!(skipped["duration_ms"], Value::Null);
    }
    assert_eq!(
        check(&results, "accounts")["message"],
        "Fetched 1 account(s), including one@example.com."
    );
}

#[test]
fn the_probe_envelope_is_checked_like_any_other() {
    let integration = builder().build().expect("builds");
    for (envelope, code) in [
        (r#"{"request":{}}"#, "bad_request"),
        (
            r#"{"auth":{"token":{"token":"t"}},"request":{"checks":["everything"]}}"#,
            "bad_request",
        ),
    ] {
        let answer: Value =
            serde_json::from_str(&integration.call_blocking("probe_integration", envelope))
                .expect("JSON");
        assert_eq!(answer["error"]["error_code"], code, "{envelope}: {answer}");
    }
}
