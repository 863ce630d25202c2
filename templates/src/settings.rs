//! Settings of the {{crate_name | title_case}} connector: what an admin configures per connection.

/// Settings for the {{crate_name | title_case}} connector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct {{crate_name | pascal_case}}Settings {
    /// Base URL of the {{crate_name | title_case}} API, for example `https://api.example.com`.
    pub base_url: String,
}
