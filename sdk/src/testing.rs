//! Test helpers (cargo feature `testing`): build request envelopes and check responses, so
//! that a capability test against a local mock server is a few lines.
//!
//! ```
//! use connector_sdk::testing::Envelope;
//! let envelope = Envelope::new()
//!     .credential("myapp_token", "token", serde_json::json!({"token": "t"}))
//!     .settings(serde_json::json!({"base_url": "http://127.0.0.1:1"}))
//!     .page_size(2)
//!     .to_string();
//! assert!(envelope.contains("\"request\":{}"));
//! ```

use serde_json::{json, Map, Value};

use crate::integration::Integration;
use crate::settings::Settings;

/// Builder of a request envelope.
#[derive(Debug, Clone)]
pub struct Envelope {
    fields: Map<String, Value>,
}

impl Default for Envelope {
    fn default() -> Self {
        Self::new()
    }
}

impl Envelope {
    /// An envelope with an empty `request`.
    pub fn new() -> Self {
        let mut fields = Map::new();
        fields.insert("request".into(), json!({}));
        Self { fields }
    }

    /// Sets the payload.
    pub fn request(mut self, request: Value) -> Self {
        self.fields.insert("request".into(), request);
        self
    }

    /// Adds a multi-auth credential `{"id": id, kind: payload}`.
    pub fn credential(mut self, id: &str, kind: &str, payload: Value) -> Self {
        let credential = json!({"id": id, kind: payload});
        match self
            .fields
            .get_mut("credentials")
            .and_then(Value::as_array_mut)
        {
            Some(list) => list.push(credential),
            None => {
                self.fields
                    .insert("credentials".into(), json!([credential]));
            }
        }
        self
    }

    /// Sets the single-auth credential `{"auth": {kind: payload}}`.
    pub fn auth(mut self, kind: &str, payload: Value) -> Self {
        self.fields.insert("auth".into(), json!({ kind: payload }));
        self
    }

    /// Sets the settings.
    pub fn settings(mut self, settings: Value) -> Self {
        self.fields.insert("settings".into(), settings);
        self
    }

    /// Sets `page.size`, keeping any token.
    pub fn page_size(self, size: u64) -> Self {
        self.page_member("size", json!(size))
    }

    /// Sets `page.token`, keeping any size.
    pub fn page_token(self, token: &str) -> Self {
        self.page_member("token", json!(token))
    }

    /// Sets `include_raw_data`.
    pub fn include_raw_data(mut self, include: bool) -> Self {
        self.fields
            .insert("include_raw_data".into(), json!(include));
        self
    }

    fn page_member(mut self, key: &str, value: Value) -> Self {
        let mut page = match self.fields.remove("page") {
            Some(Value::Object(page)) => page,
            _ => Map::new(),
        };
        page.insert(key.into(), value);
        self.fields.insert("page".into(), Value::Object(page));
        self
    }

    /// The envelope as JSON.
    pub fn to_value(&self) -> Value {
        Value::Object(self.fields.clone())
    }
}

impl std::fmt::Display for Envelope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_value().to_string())
    }
}

/// A parsed capability output with assertions that explain themselves when they fail.
///
/// Each assertion is `#[track_caller]`: a failure is reported at the test's line, not here.
#[derive(Debug, Clone)]
pub struct Output(pub Value);

impl Output {
    /// Parses a capability's output document; panics (test helper) if it is not JSON.
    // Failing loudly is this assertion helper's job.
    #[allow(clippy::panic)]
    #[track_caller]
    pub fn parse(document: &str) -> Self {
        match serde_json::from_str(document) {
            Ok(value) => Self(value),
            Err(error) => panic!("capability output is not JSON ({error}): {document}"),
        }
    }

    /// Asserts success and returns the `response` member.
    #[track_caller]
    pub fn response(&self) -> &Value {
        assert!(
            self.0.get("is_error").is_none(),
            "expected a success envelope, got an error: {}",
            self.0
        );
        &self.0["response"]
    }

    /// Asserts an error envelope with this error code and returns the `error` member.
    #[track_caller]
    pub fn error(&self, code: &str) -> &Value {
        assert_eq!(
            self.0["error"]["error_code"], code,
            "expected error code {code}, got: {}",
            self.0
        );
        &self.0["error"]
    }

    /// The next page token, or `None` when `page` is null (end of data).
    pub fn next_token(&self) -> Option<String> {
        self.0["page"]["token"].as_str().map(str::to_owned)
    }
}

/// Calls a capability in-process and parses its output. (An `async fn` cannot track its
/// caller: output that is not JSON, which the SDK never prints, is reported here.)
pub async fn call<S: Settings>(
    integration: &Integration<S>,
    capability: &str,
    envelope: &Envelope,
) -> Output {
    Output::parse(&integration.call(capability, &envelope.to_string()).await)
}
