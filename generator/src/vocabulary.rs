//! `ApiKind`, `AuthKind`, `PaginationKind` and `Capability`: generated from templates/cargo-generate.toml by build.rs.
//!
//! What Rust adds here is only what the TOML cannot say (a one-line description for `--list`
//! and prompts, the protocol's credential key, which capabilities an API kind can express),
//! each as an exhaustive `match`: a choice added to
//! or removed from the TOML stops the build here until it is described.

use std::fmt;

use clap::builder::PossibleValue;
use clap::ValueEnum;

use crate::refusal::Refusal;

include!(concat!(env!("OUT_DIR"), "/vocabulary.rs"));

impl ApiKind {
    /// One line for `--list`, `--help` and prompts.
    pub const fn description(self) -> &'static str {
        match self {
            ApiKind::Rest => {
                "a JSON API: a conventional REST client to adapt to the app's endpoints"
            }
            ApiKind::Scim => {
                "a SCIM 2.0 server (RFC 7643/7644): /Users and /Groups, works as generated"
            }
        }
    }

    /// Whether a connector of this kind can implement `capability`.
    pub const fn supports(self, capability: Capability) -> bool {
        match self {
            ApiKind::Rest => true,
            // SCIM has no activity data (RFC 7643 defines no last-login attribute).
            ApiKind::Scim => !matches!(capability, Capability::GetLastActivity),
        }
    }

    /// Whether the connector's lists page the way the `pagination` question says; an API kind
    /// with paging of its own (SCIM's `startIndex`/`count`) neither asks nor accepts it.
    pub const fn asks_pagination(self) -> bool {
        match self {
            ApiKind::Rest => true,
            ApiKind::Scim => false,
        }
    }

    /// How an API kind that does not ask the `pagination` question pages, for the refusal.
    pub const fn own_pagination(self) -> &'static str {
        match self {
            ApiKind::Rest => "it asks the question",
            ApiKind::Scim => "SCIM pages with startIndex and count (RFC 7644 §3.4.2.4)",
        }
    }

    /// Why `capability` is not supported, for the refusal's message.
    pub const fn why_not(self, capability: Capability) -> &'static str {
        match (self, capability) {
            (ApiKind::Scim, Capability::GetLastActivity) => "SCIM has no activity data",
            _ => "the API kind cannot express it",
        }
    }

    /// Parses a template value; the one validator for flags, defines, values files and prompts.
    pub(crate) fn parse(raw: &str) -> Result<Self, Refusal> {
        parse_value(raw, "api kind", &Self::ALL, Self::as_str)
    }
}

impl AuthKind {
    /// One line for `--list`, `--help` and prompts.
    pub const fn description(self) -> &'static str {
        match self {
            AuthKind::Oauth => "OAuth 2.0 access token obtained by the host (authorization code)",
            AuthKind::OauthClientCredentials => {
                "OAuth 2.0 client-credentials grant (client id, secret and scopes)"
            }
            AuthKind::Basic => "HTTP basic auth with a username and password",
            AuthKind::Token => "a static API token sent as a bearer token",
            AuthKind::Jwt => "a JSON Web Token (headers, claims and signing secret)",
        }
    }

    /// The protocol's credential key for this kind (`auth.<key>` in a request envelope).
    pub const fn credential_key(self) -> &'static str {
        match self {
            AuthKind::Oauth => "oauth",
            AuthKind::OauthClientCredentials => "oauth_client_credentials",
            AuthKind::Basic => "basic",
            AuthKind::Token => "token",
            AuthKind::Jwt => "jwt",
        }
    }

    /// Parses a template value; the one validator for flags, defines, values files and prompts.
    pub(crate) fn parse(raw: &str) -> Result<Self, Refusal> {
        parse_value(raw, "auth kind", &Self::ALL, Self::as_str)
    }
}

impl PaginationKind {
    /// One line for `--list`, `--help` and prompts.
    pub const fn description(self) -> &'static str {
        match self {
            PaginationKind::Offset => {
                "`?offset=&limit=`, answered with `has_more` (0-based offset; REST only)"
            }
            PaginationKind::Page => {
                "`?page=&per_page=`, answered with a `total` count (1-based pages; REST only)"
            }
            PaginationKind::Cursor => {
                "`?cursor=&limit=`, answered with `next_cursor`, null at the end (REST only)"
            }
        }
    }

    /// Parses a template value; the one validator for flags, defines, values files and prompts.
    pub(crate) fn parse(raw: &str) -> Result<Self, Refusal> {
        parse_value(raw, "pagination", &Self::ALL, Self::as_str)
    }
}

impl Capability {
    /// One line for `--list`, `--help` and prompts.
    pub const fn description(self) -> &'static str {
        match self {
            Capability::ValidateCredentials => {
                "check that the credentials and settings work (always included)"
            }
            Capability::ListAccounts => "list the app's user accounts, page by page",
            Capability::ListResources => "list resources such as teams, groups or projects",
            Capability::ListEntitlements => "list entitlements (roles, permissions, memberships)",
            Capability::FindEntitlementAssociations => {
                "find which accounts hold which entitlements"
            }
            Capability::GetLastActivity => "report when each account was last active",
            Capability::CreateAccount => "create a user account",
            Capability::DeleteAccount => "delete a user account",
            Capability::ActivateAccount => "re-activate a suspended user account",
            Capability::DeactivateAccount => "suspend a user account",
            Capability::AssignEntitlement => "grant an entitlement to an account",
            Capability::UnassignEntitlement => "revoke an entitlement from an account",
            Capability::GetAccount => "get one account by id (catalogue)",
            Capability::UpdateAccount => "change an account's attributes (catalogue)",
            Capability::ListCustomAttributesSchema => {
                "list the app's custom attributes, which the lists then fill in (catalogue)"
            }
            Capability::GetAccountEntitlementAssociations => {
                "list the entitlements one account holds (catalogue)"
            }
            Capability::ListUpdatedAccounts => {
                "list the accounts changed since a cursor or a time (catalogue)"
            }
        }
    }

    /// Whether it is one of the 12 core capabilities (`--all-capabilities`), rather than the
    /// catalogue beyond them, which authors add when they need it.
    pub const fn is_core(self) -> bool {
        match self {
            Capability::ValidateCredentials
            | Capability::ListAccounts
            | Capability::ListResources
            | Capability::ListEntitlements
            | Capability::FindEntitlementAssociations
            | Capability::GetLastActivity
            | Capability::CreateAccount
            | Capability::DeleteAccount
            | Capability::ActivateAccount
            | Capability::DeactivateAccount
            | Capability::AssignEntitlement
            | Capability::UnassignEntitlement => true,
            Capability::GetAccount
            | Capability::UpdateAccount
            | Capability::ListCustomAttributesSchema
            | Capability::GetAccountEntitlementAssociations
            | Capability::ListUpdatedAccounts => false,
        }
    }

    /// Parses a template value; the one validator for flags, defines, values files and prompts.
    pub(crate) fn parse(raw: &str) -> Result<Self, Refusal> {
        parse_value(raw, "capability", &Self::ALL, Self::as_str)
    }
}

/// Finds `raw` among `all`, or refuses it listing every valid value (and a near miss, if any).
fn parse_value<T: Copy>(
    raw: &str,
    what: &str,
    all: &[T],
    as_str: fn(T) -> &'static str,
) -> Result<T, Refusal> {
    if let Some(found) = all.iter().copied().find(|v| as_str(*v) == raw) {
        return Ok(found);
    }
    // Accept nothing loosely, but point at the spelling that was probably meant.
    let folded = |s: &str| s.to_ascii_lowercase().replace('-', "_");
    let near = all
        .iter()
        .copied()
        .find(|v| folded(as_str(*v)) == folded(raw.trim()));
    let valid: Vec<&str> = all.iter().map(|v| as_str(*v)).collect();
    let help = match near {
        Some(v) => format!(
            "did you mean `{}`? valid values: {}",
            as_str(v),
            valid.join(", ")
        ),
        None => format!(
            "valid values: {} (`connector-new --list` describes them)",
            valid.join(", ")
        ),
    };
    Err(Refusal::new(format!("unknown {what} `{raw}`"), help))
}

impl fmt::Display for ApiKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for AuthKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for PaginationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Capability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ValueEnum for ApiKind {
    fn value_variants<'a>() -> &'a [Self] {
        &Self::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.as_str()).help(self.description()))
    }
}

impl ValueEnum for AuthKind {
    fn value_variants<'a>() -> &'a [Self] {
        &Self::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.as_str()).help(self.description()))
    }
}

impl ValueEnum for PaginationKind {
    fn value_variants<'a>() -> &'a [Self] {
        &Self::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.as_str()).help(self.description()))
    }
}

impl ValueEnum for Capability {
    fn value_variants<'a>() -> &'a [Self] {
        &Self::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.as_str()).help(self.description()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_round_trips_through_the_validator() {
        for auth in AuthKind::ALL {
            assert_eq!(AuthKind::parse(auth.as_str()), Ok(auth));
        }
        for capability in Capability::ALL {
            assert_eq!(Capability::parse(capability.as_str()), Ok(capability));
        }
        for pagination in PaginationKind::ALL {
            assert_eq!(PaginationKind::parse(pagination.as_str()), Ok(pagination));
        }
        let r = PaginationKind::parse("Cursor").unwrap_err();
        assert!(r.help().starts_with("did you mean `cursor`?"), "{r:?}");
    }

    #[test]
    fn scim_refuses_only_what_it_cannot_express() {
        for capability in Capability::ALL {
            assert!(ApiKind::Rest.supports(capability));
            let missing = capability == Capability::GetLastActivity;
            assert_eq!(ApiKind::Scim.supports(capability), !missing, "{capability}");
        }
        assert_eq!(
            ApiKind::Scim.why_not(Capability::GetLastActivity),
            "SCIM has no activity data"
        );
        let core = Capability::ALL.iter().filter(|c| c.is_core()).count();
        assert_eq!(core, 12);
        assert_eq!(ApiKind::parse("scim"), Ok(ApiKind::Scim));
        assert!(ApiKind::parse("graphql")
            .unwrap_err()
            .help()
            .contains("rest, scim"));
    }

    #[test]
    fn unknown_values_list_the_valid_ones() {
        let r = AuthKind::parse("saml").unwrap_err();
        assert_eq!(r.message(), "unknown auth kind `saml`");
        for auth in AuthKind::ALL {
            assert!(r.help().contains(auth.as_str()), "{r:?}");
        }
    }

    #[test]
    fn near_misses_are_pointed_at() {
        let r = Capability::parse("list-accounts").unwrap_err();
        assert!(
            r.help().starts_with("did you mean `list_accounts`?"),
            "{r:?}"
        );
        let r = AuthKind::parse("OAUTH_CLIENT_CREDENTIALS").unwrap_err();
        assert!(r.help().contains("`oauth-client-credentials`"), "{r:?}");
    }

    #[test]
    fn clap_sees_the_same_values() {
        let names: Vec<String> = Capability::value_variants()
            .iter()
            .filter_map(ValueEnum::to_possible_value)
            .map(|v| v.get_name().to_owned())
            .collect();
        let expected: Vec<&str> = Capability::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(names, expected);
    }
}
