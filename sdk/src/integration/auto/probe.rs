//! `probe_integration` (protocol §11.2): runs the connector's own read capabilities, as a
//! first sync would, and reports per check whether it works, with samples of what came back.
//!
//! The checks go through [`Integration::call`] with the probe's own credentials and
//! settings, so request parsing, the checks of §3 and the connector's error mapping are the
//! ones of a real call: a failing upstream arrives here as the same error envelope a caller
//! would get, and is reported in the check.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

use super::super::handler::Outcome;
use super::super::{output, Integration};
use crate::error::{ConnectorError, ErrorCode};
use crate::http::CallScope;
use crate::settings::Settings;

/// Page size of the checks' calls, and so the most samples a check returns.
const PAGE_SIZE: u64 = 10;
/// Pages of entitlements read while looking for one entitlement of every declared type.
const MAX_ENTITLEMENT_PAGES: usize = 5;
/// Wall-clock budget of one check.
const CHECK_TIMEOUT: Duration = Duration::from_secs(180);

/// The checks a probe can perform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum CheckName {
    Accounts,
    Entitlements,
    EntitlementAssociations,
    CapabilityConfig,
}

impl CheckName {
    fn as_str(self) -> &'static str {
        match self {
            Self::Accounts => "accounts",
            Self::Entitlements => "entitlements",
            Self::EntitlementAssociations => "entitlement_associations",
            Self::CapabilityConfig => "capability_config",
        }
    }
}

/// The checks the runtime performs for every connector, in the order it runs them.
const DEFAULT_CHECKS: [CheckName; 3] = [
    CheckName::Accounts,
    CheckName::Entitlements,
    CheckName::EntitlementAssociations,
];

/// The probe's payload.
#[derive(Debug, Default, Deserialize, Serialize)]
pub(super) struct ProbeIntegration {
    /// Narrows the custom attributes probed.
    #[serde(default)]
    custom_attributes: Option<Vec<String>>,
    /// Restricts the run to these checks; the others are `skipped`.
    #[serde(default)]
    checks: Option<Vec<CheckName>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum CheckStatus {
    Passed,
    Failed,
    Unsupported,
    Skipped,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum Coverage {
    Found,
    NotFound,
    NotChecked,
}

/// One check's result; members in the protocol's order.
#[derive(Debug, Serialize)]
struct ProbeCheck {
    check: CheckName,
    status: CheckStatus,
    source: &'static str,
    capability: Option<&'static str>,
    observed_count: usize,
    message: Option<String>,
    error: Option<Value>,
    samples: Vec<Value>,
    entitlement_types: Option<Vec<TypeCoverage>>,
    custom_attributes: Option<Vec<Value>>,
    duration_ms: Option<u64>,
}

#[derive(Debug, Serialize)]
struct TypeCoverage {
    entitlement_type: String,
    status: Coverage,
}

#[derive(Debug, Serialize)]
struct ProbeResults {
    status: &'static str,
    checks: Vec<ProbeCheck>,
    duration_ms: u64,
}

/// The runtime's checks are labelled `default` (a connector's own would be `native`).
const SOURCE: &str = "default";

impl ProbeCheck {
    fn new(check: CheckName, status: CheckStatus, capability: &'static str) -> Self {
        Self {
            check,
            status,
            source: SOURCE,
            capability: Some(capability),
            observed_count: 0,
            message: None,
            error: None,
            samples: Vec::new(),
            entitlement_types: None,
            custom_attributes: None,
            duration_ms: None,
        }
    }

    fn message(mut self, message: impl Into<String>) -> Self {
        self.message = Some(message.into());
        self
    }

    fn unsupported(check: CheckName, capability: &'static str) -> Self {
        Self::new(check, CheckStatus::Unsupported, capability)
            .message(format!("This connector does not implement {capability}."))
    }

    /// A check whose call answered an error envelope: the hint, else the message, is shown.
    fn failed(check: CheckName, capability: &'static str, error: Value) -> Self {
        let hint = error
            .pointer("/error_metadata/hint")
            .and_then(Value::as_str)
            .filter(|h| !h.is_empty());
        let message = hint
            .or_else(|| error.get("message").and_then(Value::as_str))
            .unwrap_or_default()
            .to_owned();
        let mut result = Self::new(check, CheckStatus::Failed, capability).message(message);
        result.error = Some(error);
        result
    }
}

/// What one of the connector's capabilities answered: its success envelope, or the
/// `error` member of its error envelope.
type Answer = Result<Value, Value>;

/// The capabilities the runtime can run for `check` are registered.
pub(super) fn can_perform<S: Settings>(integration: &Integration<S>, check: CheckName) -> bool {
    let has = |name: &str| integration.capabilities.contains_key(name);
    match check {
        CheckName::Accounts => has("list_accounts"),
        CheckName::Entitlements => has("list_entitlements"),
        CheckName::EntitlementAssociations => has("find_entitlement_associations"),
        CheckName::CapabilityConfig => false,
    }
}

/// The checks `app_info` announces in `x-probe-checks`.
pub(super) fn announced_checks<S: Settings>(integration: &Integration<S>) -> Vec<&'static str> {
    DEFAULT_CHECKS
        .into_iter()
        .filter(|check| can_perform(integration, *check))
        .map(CheckName::as_str)
        .collect()
}

/// Runs the probe. `envelope` is the probe's own envelope, already checked: its
/// credentials and settings are passed on to every call.
pub(super) async fn run<S: Settings>(
    integration: &Integration<S>,
    probe: &ProbeIntegration,
    envelope: &Value,
) -> Result<Outcome, ConnectorError> {
    let started = Instant::now();
    let prober = Prober {
        integration,
        envelope,
    };
    let mut checks = Vec::new();
    for check in DEFAULT_CHECKS {
        if probe.checks.as_ref().is_some_and(|c| !c.contains(&check)) {
            let mut skipped = ProbeCheck::new(check, CheckStatus::Skipped, "")
                .message("Not requested in this run.");
            skipped.capability = None;
            checks.push(skipped);
            continue;
        }
        let check_started = Instant::now();
        let mut result = match tokio::time::timeout(CHECK_TIMEOUT, prober.check(check)).await {
            Ok(result) => result,
            Err(_) => prober.timed_out(check),
        };
        result.duration_ms = Some(elapsed_ms(check_started));
        checks.push(result);
    }
    let results = ProbeResults {
        status: aggregate(&checks),
        checks,
        duration_ms: elapsed_ms(started),
    };
    Outcome::response_only(&results)
}

fn elapsed_ms(started: Instant) -> u64 {
    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// The run's outcome: a failed check fails it; an entitlement type seen nowhere makes it
/// `partial`; a run that attempted nothing and found something unsupported proved nothing.
fn aggregate(checks: &[ProbeCheck]) -> &'static str {
    let attempted = checks
        .iter()
        .any(|c| matches!(c.status, CheckStatus::Passed | CheckStatus::Failed));
    if !attempted && checks.iter().any(|c| c.status == CheckStatus::Unsupported) {
        return "failed";
    }
    if checks.iter().any(|c| c.status == CheckStatus::Failed) {
        return "failed";
    }
    let gap = checks
        .iter()
        .flat_map(|c| c.entitlement_types.iter().flatten())
        .any(|t| t.status != Coverage::Found);
    if gap {
        "partial"
    } else {
        "passed"
    }
}

struct Prober<'a, S: Settings> {
    integration: &'a Integration<S>,
    envelope: &'a Value,
}

impl<S: Settings> Prober<'_, S> {
    async fn check(&self, check: CheckName) -> ProbeCheck {
        match check {
            CheckName::Accounts => self.accounts().await,
            CheckName::Entitlements => self.entitlements().await,
            CheckName::EntitlementAssociations => self.associations().await,
            // Not a default check: only a connector's own probe can perform it.
            CheckName::CapabilityConfig => ProbeCheck::unsupported(check, "probe_integration"),
        }
    }

    /// A check that overran its budget fails as a `request_timeout`.
    fn timed_out(&self, check: CheckName) -> ProbeCheck {
        let error = ConnectorError::runtime(
            ErrorCode::RequestTimeout,
            format!(
                "Probing {} took longer than {}s and was stopped.",
                check.as_str(),
                CHECK_TIMEOUT.as_secs()
            ),
        );
        let text = output::failure(
            &error,
            &self.integration.app_id,
            Some("connector_sdk.auto:probe_integration"),
        );
        let error = serde_json::from_str::<Value>(&text)
            .ok()
            .and_then(|mut v| v.get_mut("error").map(Value::take))
            .unwrap_or(Value::Null);
        let mut result = ProbeCheck::failed(check, "probe_integration", error);
        result.capability = None;
        result
    }

    fn implements(&self, capability: &str) -> bool {
        self.integration.capabilities.contains_key(capability)
    }

    /// Calls one of the connector's capabilities with the probe's credentials and settings.
    async fn call(&self, capability: &str, request: Value, token: Option<&str>) -> Answer {
        let mut envelope = Map::new();
        envelope.insert("request".into(), request);
        envelope.insert(
            "settings".into(),
            self.envelope
                .get("settings")
                .cloned()
                .unwrap_or(Value::Null),
        );
        envelope.insert("include_raw_data".into(), json!(false));
        envelope.insert("page".into(), json!({"token": token, "size": PAGE_SIZE}));
        let credentials = self
            .envelope
            .get("credentials")
            .filter(|c| c.as_array().is_some_and(|c| !c.is_empty()));
        match credentials {
            Some(credentials) => envelope.insert("credentials".into(), credentials.clone()),
            None => envelope.insert(
                "auth".into(),
                self.envelope.get("auth").cloned().unwrap_or(Value::Null),
            ),
        };
        let text = Value::Object(envelope).to_string();
        let integration = self.integration;
        let Some(registered) = integration.capabilities.get(capability) else {
            return Err(
                json!({"message": format!("Capability '{capability}' is not implemented.")}),
            );
        };
        // The ordinary run of a call, in its own rate-limit scope as `Integration::call`
        // would run it (never an auto capability, so no recursion into `call`).
        let run = integration.run(registered, &text);
        match CallScope::new(capability).run(run).await {
            Ok(outcome) => Ok(json!({"response": outcome.response, "page": outcome.page})),
            Err((error, in_handler)) => {
                let raised_in = in_handler.then_some(registered.raised_in.as_str());
                let text = output::failure(&error, &integration.app_id, raised_in);
                let mut answer: Value = serde_json::from_str(&text).unwrap_or_default();
                Err(answer.get_mut("error").map(Value::take).unwrap_or_default())
            }
        }
    }

    /// One page of accounts (the items), or the error.
    async fn list_accounts(&self) -> Result<Vec<Value>, Value> {
        let answer = self
            .call("list_accounts", json!({"custom_attributes": null}), None)
            .await?;
        Ok(items(&answer))
    }

    async fn accounts(&self) -> ProbeCheck {
        const CAPABILITY: &str = "list_accounts";
        let check = CheckName::Accounts;
        if !self.implements(CAPABILITY) {
            return ProbeCheck::unsupported(check, CAPABILITY);
        }
        let accounts = match self.list_accounts().await {
            Ok(accounts) => accounts,
            Err(error) => return ProbeCheck::failed(check, CAPABILITY, error),
        };
        let Some(first) = accounts.first() else {
            return ProbeCheck::new(check, CheckStatus::Failed, CAPABILITY).message(
                "No accounts were returned. The credentials work, but they cannot see any \
                 users - check the scopes or the permissions of the account they belong to.",
            );
        };
        let label = ["email", "username", "integration_specific_id"]
            .iter()
            .find_map(|key| {
                first
                    .get(*key)
                    .and_then(Value::as_str)
                    .filter(|s| !s.is_empty())
            })
            .unwrap_or_default();
        let mut result = ProbeCheck::new(check, CheckStatus::Passed, CAPABILITY).message(format!(
            "Fetched {} account(s), including {label}.",
            accounts.len()
        ));
        result.observed_count = accounts.len();
        result.samples = accounts
            .iter()
            .map(|account| {
                sample(
                    "account",
                    account,
                    &[
                        "integration_specific_id",
                        "email",
                        "username",
                        "user_status",
                    ],
                    // No custom attribute was asked for (the runtime has no attribute schema
                    // capability to learn their names from).
                    &[("custom_attributes", Value::Null)],
                )
            })
            .collect();
        result
    }

    async fn entitlements(&self) -> ProbeCheck {
        const CAPABILITY: &str = "list_entitlements";
        let check = CheckName::Entitlements;
        if !self.implements(CAPABILITY) {
            return ProbeCheck::unsupported(check, CAPABILITY);
        }
        let declared: Vec<&str> = self
            .integration
            .entitlement_types
            .iter()
            .map(|t| t.type_id.as_str())
            .collect();
        let mut fetched: Vec<Value> = Vec::new();
        let mut seen = BTreeSet::new();
        let mut token: Option<String> = None;
        let mut exhausted = false;
        let mut paging_error = None;
        for _ in 0..MAX_ENTITLEMENT_PAGES {
            let answer = match self.call(CAPABILITY, json!({}), token.as_deref()).await {
                Ok(answer) => answer,
                Err(error) if fetched.is_empty() => {
                    return ProbeCheck::failed(check, CAPABILITY, error)
                }
                // Entitlements are proven to sync: a later page failing only limits coverage.
                Err(error) => {
                    paging_error = Some(error);
                    break;
                }
            };
            for entitlement in items(&answer) {
                if let Some(kind) = entitlement.get("entitlement_type").and_then(Value::as_str) {
                    seen.insert(kind.to_owned());
                }
                fetched.push(entitlement);
            }
            token = answer
                .pointer("/page/token")
                .and_then(Value::as_str)
                .filter(|t| !t.is_empty())
                .map(str::to_owned);
            if token.is_none() {
                exhausted = true;
                break;
            }
            if declared.is_empty() || declared.iter().all(|t| seen.contains(*t)) {
                break;
            }
        }
        if fetched.is_empty() {
            return ProbeCheck::new(check, CheckStatus::Failed, CAPABILITY).message(
                "No entitlements were returned. If accounts would sync, Lumos may have no \
                 permissions to attach them to.",
            );
        }
        let coverage: Vec<TypeCoverage> = declared
            .iter()
            .map(|type_id| TypeCoverage {
                entitlement_type: (*type_id).to_owned(),
                status: if seen.contains(*type_id) {
                    Coverage::Found
                } else if exhausted {
                    Coverage::NotFound
                } else {
                    // Unseen when the page budget ran out: unknown, not absent.
                    Coverage::NotChecked
                },
            })
            .collect();
        let missing: Vec<&str> = coverage
            .iter()
            .filter(|c| c.status != Coverage::Found)
            .map(|c| c.entitlement_type.as_str())
            .collect();
        let mut message = format!("Fetched {} entitlement(s).", fetched.len());
        if !missing.is_empty() {
            message.push_str(&format!(
                " No entitlement seen yet for: {}.",
                missing.join(", ")
            ));
        }
        if let Some(error) = paging_error {
            let text = error.get("message").and_then(Value::as_str).unwrap_or("");
            message.push_str(&format!(" Reading further pages failed: {text}"));
        }
        let mut result = ProbeCheck::new(check, CheckStatus::Passed, CAPABILITY).message(message);
        result.observed_count = fetched.len();
        result.samples = fetched
            .iter()
            .map(|e| {
                sample(
                    "entitlement",
                    e,
                    &[
                        "integration_specific_id",
                        "integration_specific_resource_id",
                        "entitlement_type",
                        "label",
                    ],
                    &[],
                )
            })
            .collect();
        result.entitlement_types = (!coverage.is_empty()).then_some(coverage);
        result
    }

    async fn associations(&self) -> ProbeCheck {
        const CAPABILITY: &str = "find_entitlement_associations";
        let check = CheckName::EntitlementAssociations;
        // The accounts the associations should belong to; none when they cannot be read.
        let accounts = if self.implements("list_accounts") {
            self.list_accounts().await.unwrap_or_default()
        } else {
            Vec::new()
        };
        let account_ids: BTreeSet<&str> = accounts
            .iter()
            .filter_map(|a| a.get("integration_specific_id").and_then(Value::as_str))
            .collect();
        if !self.implements(CAPABILITY) {
            return ProbeCheck::unsupported(check, CAPABILITY);
        }
        let associations = match self.call(CAPABILITY, json!({}), None).await {
            Ok(answer) => items(&answer),
            Err(error) => return ProbeCheck::failed(check, CAPABILITY, error),
        };
        if associations.is_empty() {
            return ProbeCheck::new(check, CheckStatus::Failed, CAPABILITY).message(
                "No entitlement associations were returned. Accounts and entitlements may \
                 sync, but Lumos would not know specific account access permissions.",
            );
        }
        let mut linked_accounts = BTreeSet::new();
        let samples: Vec<Value> = associations
            .iter()
            .map(|association| {
                let account = association.get("account_id").and_then(Value::as_str);
                let linked = account.is_some_and(|a| account_ids.contains(a));
                if let (true, Some(account)) = (linked, account) {
                    linked_accounts.insert(account.to_owned());
                }
                sample(
                    "association",
                    association,
                    &[
                        "account_id",
                        "integration_specific_entitlement_id",
                        "integration_specific_resource_id",
                    ],
                    &[("linked_to_sampled_account", json!(linked))],
                )
            })
            .collect();
        let message = if linked_accounts.is_empty() {
            format!(
                "Fetched {} association(s), but none of them belong to an account this probe \
                 could fetch, so the link could not be confirmed.",
                associations.len()
            )
        } else {
            format!(
                "Fetched {} association(s) across {} account(s).",
                associations.len(),
                linked_accounts.len()
            )
        };
        let mut result = ProbeCheck::new(check, CheckStatus::Passed, CAPABILITY).message(message);
        result.observed_count = associations.len();
        result.samples = samples;
        result
    }
}

/// The `response` items of a list capability's answer.
fn items(answer: &Value) -> Vec<Value> {
    answer
        .get("response")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

/// A tagged sample: `kind`, the identifying `fields` of the record, then `extra`.
fn sample(kind: &str, record: &Value, fields: &[&str], extra: &[(&str, Value)]) -> Value {
    let mut sample = Map::new();
    sample.insert("kind".into(), json!(kind));
    for field in fields {
        let value = record.get(*field).cloned().unwrap_or(Value::Null);
        sample.insert((*field).to_owned(), value);
    }
    for (key, value) in extra {
        sample.insert((*key).to_owned(), value.clone());
    }
    Value::Object(sample)
}
