use super::*;

const OLD: &str = r#"use crate::client::Client;
use crate::settings::Settings;

/// Lists accounts.
pub async fn list_accounts() -> u32 {
    1
}

/// The integration.
pub fn integration() -> Integration {
    Integration::builder(APP_ID)
        .description("App")
        .capability(VALIDATE, read::validate)
        .capability(LIST_ACCOUNTS, read::list_accounts)
        .build()
}

pub const SCOPES: &[(&str, &str)] = &[
    // Adapt: the app's scope names.
    (VALIDATE, "users:read"),
    (LIST_ACCOUNTS, "users:read"),
];

impl Client {
    /// Users.
    pub fn users(&self) -> u32 {
        1
    }
}
"#;

const NEW: &str = r#"use crate::client::Client;
use crate::constants;
use crate::settings::Settings;

/// Lists accounts.
pub async fn list_accounts() -> u32 {
    1
}

/// Gets one account.
pub async fn get_account() -> u32 {
    constants::ONE
}

/// The integration.
pub fn integration() -> Integration {
    Integration::builder(APP_ID)
        .description("App")
        .capability(VALIDATE, read::validate)
        .capability(LIST_ACCOUNTS, read::list_accounts)
        .capability(GET_ACCOUNT, read::get_account)
        .build()
}

pub const SCOPES: &[(&str, &str)] = &[
    // Adapt: the app's scope names.
    (VALIDATE, "users:read"),
    (LIST_ACCOUNTS, "users:read"),
    (GET_ACCOUNT, "users:read"),
];

impl Client {
    /// Users.
    pub fn users(&self) -> u32 {
        1
    }

    /// One user.
    pub fn user(&self) -> u32 {
        1
    }
}
"#;

/// The author's: bodies, formatting, comments and new items of their own.
const OURS: &str = r#"use crate::client::Client;
use crate::settings::Settings;

/// Lists accounts, for real.
pub async fn list_accounts() -> u32 {
    let renamed = 40;
    renamed + 2
}

fn helper_of_mine() {}

/// The integration.
pub fn integration() -> Integration {
    Integration::builder(APP_ID)
        .description("My app, described")
        .capability(VALIDATE, read::validate)
        .capability(LIST_ACCOUNTS, read::list_accounts)
        .build()
}

pub const SCOPES: &[(&str, &str)] = &[(VALIDATE, "users:read"), (LIST_ACCOUNTS, "users:read"), (MINE, "x")];

impl Client {
    /// Users.
    pub fn users(&self) -> u32 {
        2
    }
}
"#;

#[test]
fn adds_items_calls_and_elements_keeping_the_authors_code() {
    let merged = merge(OLD, NEW, OURS).unwrap();
    let expected = r#"use crate::client::Client;
use crate::constants;
use crate::settings::Settings;

/// Lists accounts, for real.
pub async fn list_accounts() -> u32 {
    let renamed = 40;
    renamed + 2
}

/// Gets one account.
pub async fn get_account() -> u32 {
    constants::ONE
}

fn helper_of_mine() {}

/// The integration.
pub fn integration() -> Integration {
    Integration::builder(APP_ID)
        .description("My app, described")
        .capability(VALIDATE, read::validate)
        .capability(LIST_ACCOUNTS, read::list_accounts)
        .capability(GET_ACCOUNT, read::get_account)
        .build()
}

pub const SCOPES: &[(&str, &str)] = &[(VALIDATE, "users:read"), (LIST_ACCOUNTS, "users:read"), (GET_ACCOUNT, "users:read"), (MINE, "x")];

impl Client {
    /// Users.
    pub fn users(&self) -> u32 {
        2
    }

    /// One user.
    pub fn user(&self) -> u32 {
        1
    }
}
"#;
    assert_eq!(merged, expected);
}

#[test]
fn an_untouched_version_becomes_the_templates_one() {
    assert_eq!(merge(OLD, NEW, OLD).unwrap(), NEW);
}

#[test]
fn refuses_an_item_the_author_already_has() {
    let ours = format!("{OURS}\npub async fn get_account() -> u32 {{\n    0\n}}\n");
    let refused = merge(OLD, NEW, &ours).unwrap_err();
    assert!(refused.0.contains("`fn get_account`"), "{refused:?}");
}

#[test]
fn refuses_a_change_it_cannot_express() {
    let old = "fn f() -> u32 {\n    1\n}\n";
    let new = "fn f() -> u32 {\n    2\n}\n";
    let ours = "fn f() -> u32 {\n    3\n}\n";
    let refused = merge(old, new, ours).unwrap_err();
    assert!(refused.0.contains("`fn f`"), "{refused:?}");
}

#[test]
fn refuses_a_file_that_does_not_parse() {
    let refused = merge(OLD, NEW, "fn broken( {").unwrap_err();
    assert!(
        refused.0.starts_with("your version does not parse"),
        "{refused:?}"
    );
}
