//! HTTP client for the {{crate_name | title_case}} API, authenticating with `{{auth}}` credentials.

/// The auth kind this connector was generated for.
pub const AUTH_KIND: &str = "{{auth}}";

/// Client for the {{crate_name | title_case}} API.
#[derive(Debug, Clone)]
pub struct {{crate_name | pascal_case}}Client {
    base_url: String,
    credential: String,
}

impl {{crate_name | pascal_case}}Client {
    /// A client for `base_url`, authenticating with `credential`.
    pub fn new(base_url: &str, credential: &str) -> Self {
        Self {
            base_url: base_url.to_owned(),
            credential: credential.to_owned(),
        }
    }

    /// The API's base URL.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The `Authorization` header value for a request.
    pub fn authorization(&self) -> String {
{%- if auth == "basic" %}
        {% raw %}format!("Basic {}", self.credential){% endraw %}
{%- else %}
        {% raw %}format!("Bearer {}", self.credential){% endraw %}
{%- endif %}
    }
}
