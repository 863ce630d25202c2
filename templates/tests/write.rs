//! Tests of the {{crate_name | title_case}} connector's write capabilities.

mod common;

use {{crate_name}}_connector::integration;
{%- if create_account %}

#[test]
fn create_account_is_registered() {
    let handler = integration::handler("create_account").expect("registered");
    assert!(handler(&common::client()).contains("127.0.0.1"));
}
{%- endif %}
{%- if delete_account %}

#[test]
fn delete_account_is_registered() {
    let handler = integration::handler("delete_account").expect("registered");
    assert!(handler(&common::client()).contains("127.0.0.1"));
}
{%- endif %}
{%- if activate_account %}

#[test]
fn activate_account_is_registered() {
    let handler = integration::handler("activate_account").expect("registered");
    assert!(handler(&common::client()).contains("127.0.0.1"));
}
{%- endif %}
{%- if deactivate_account %}

#[test]
fn deactivate_account_is_registered() {
    let handler = integration::handler("deactivate_account").expect("registered");
    assert!(handler(&common::client()).contains("127.0.0.1"));
}
{%- endif %}
{%- if assign_entitlement %}

#[test]
fn assign_entitlement_is_registered() {
    let handler = integration::handler("assign_entitlement").expect("registered");
    assert!(handler(&common::client()).contains("127.0.0.1"));
}
{%- endif %}
{%- if unassign_entitlement %}

#[test]
fn unassign_entitlement_is_registered() {
    let handler = integration::handler("unassign_entitlement").expect("registered");
    assert!(handler(&common::client()).contains("127.0.0.1"));
}
{%- endif %}
