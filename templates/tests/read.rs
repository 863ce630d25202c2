//! Tests of the {{crate_name | title_case}} connector's read capabilities.

mod common;

use {{crate_name}}_connector::integration;

#[test]
fn unknown_capabilities_are_not_registered() {
    assert!(integration::handler("no_such_capability").is_none());
}
{%- if validate_credentials %}

#[test]
fn validate_credentials_is_registered() {
    let handler = integration::handler("validate_credentials").expect("registered");
    assert!(handler(&common::client()).contains("127.0.0.1"));
}
{%- endif %}
{%- if list_accounts %}

#[test]
fn list_accounts_is_registered() {
    let handler = integration::handler("list_accounts").expect("registered");
    assert!(handler(&common::client()).contains("127.0.0.1"));
}
{%- endif %}
{%- if list_resources %}

#[test]
fn list_resources_is_registered() {
    let handler = integration::handler("list_resources").expect("registered");
    assert!(handler(&common::client()).contains("127.0.0.1"));
}
{%- endif %}
{%- if list_entitlements %}

#[test]
fn list_entitlements_is_registered() {
    let handler = integration::handler("list_entitlements").expect("registered");
    assert!(handler(&common::client()).contains("127.0.0.1"));
}
{%- endif %}
{%- if find_entitlement_associations %}

#[test]
fn find_entitlement_associations_is_registered() {
    let handler = integration::handler("find_entitlement_associations").expect("registered");
    assert!(handler(&common::client()).contains("127.0.0.1"));
}
{%- endif %}
{%- if get_last_activity %}

#[test]
fn get_last_activity_is_registered() {
    let handler = integration::handler("get_last_activity").expect("registered");
    assert!(handler(&common::client()).contains("127.0.0.1"));
}
{%- endif %}
