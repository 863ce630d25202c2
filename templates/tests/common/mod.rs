//! Helpers shared by the {{crate_name | title_case}} connector's tests.

use {{crate_name}}_connector::client::{{crate_name | pascal_case}}Client;

/// A client for a local address (placeholder: the real template starts a mock server).
pub fn client() -> {{crate_name | pascal_case}}Client {
    {{crate_name | pascal_case}}Client::new("http://127.0.0.1:9", "test-credential")
}
