//! How a connector declares the credentials it accepts.

use serde::{Deserialize, Serialize};

/// The credential types of the protocol, by their payload key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum CredentialKind {
    Oauth,
    OauthClientCredentials,
    Oauth1,
    Basic,
    Token,
    Jwt,
    ServiceAccount,
    KeyPair,
    Empty,
}

impl CredentialKind {
    /// Every kind.
    pub const ALL: &'static [CredentialKind] = &[
        Self::Oauth,
        Self::OauthClientCredentials,
        Self::Oauth1,
        Self::Basic,
        Self::Token,
        Self::Jwt,
        Self::ServiceAccount,
        Self::KeyPair,
        Self::Empty,
    ];

    /// The payload key (`oauth`, `token`, ...).
    pub fn key(self) -> &'static str {
        match self {
            Self::Oauth => "oauth",
            Self::OauthClientCredentials => "oauth_client_credentials",
            Self::Oauth1 => "oauth1",
            Self::Basic => "basic",
            Self::Token => "token",
            Self::Jwt => "jwt",
            Self::ServiceAccount => "service_account",
            Self::KeyPair => "key_pair",
            Self::Empty => "empty",
        }
    }
}

impl std::fmt::Display for CredentialKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

/// One credential a multi-auth connector accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialDeclaration {
    /// Stable public id; renaming it breaks existing connections.
    pub id: String,
    /// The credential type.
    pub kind: CredentialKind,
    /// Markdown shown during setup.
    pub description: String,
    /// Whether the credential may be left out.
    pub optional: bool,
    /// The OAuth flow of an OAuth credential; see [`CredentialDeclaration::oauth`].
    #[cfg(feature = "oauth")]
    pub oauth: Option<crate::oauth::OAuthConfig>,
}

impl CredentialDeclaration {
    /// A required credential.
    pub fn new(
        id: impl Into<String>,
        kind: CredentialKind,
        description: impl Into<String>,
    ) -> Self {
        Self {
            id: id.into(),
            kind,
            description: description.into(),
            optional: false,
            #[cfg(feature = "oauth")]
            oauth: None,
        }
    }

    /// Declares the credential's OAuth flow: the runtime registers the flow's capabilities
    /// (protocol §11.4) unless the connector registers them itself.
    #[cfg(feature = "oauth")]
    pub fn oauth(mut self, config: crate::oauth::OAuthConfig) -> Self {
        self.oauth = Some(config);
        self
    }

    /// Marks the credential optional.
    pub fn optional(mut self) -> Self {
        self.optional = true;
        self
    }
}

/// What a connector accepts as authentication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthDeclaration {
    /// No authentication at all: the request check is skipped.
    None,
    /// Single-auth (legacy): `"auth": {"<type>": {...}}`.
    Single(CredentialKind),
    /// Multi-auth: `"credentials": [{"id": ..., "<type>": {...}}]`.
    Multi {
        /// Declared credentials.
        credentials: Vec<CredentialDeclaration>,
        /// Allowed combinations of ids; derived when `None` (all required ids, plus each
        /// optional id alone).
        allowed_combinations: Option<Vec<Vec<String>>>,
    },
}

impl AuthDeclaration {
    /// Multi-auth with the given credentials and derived combinations.
    pub fn multi(credentials: Vec<CredentialDeclaration>) -> Self {
        Self::Multi {
            credentials,
            allowed_combinations: None,
        }
    }

    /// The allowed combinations: declared, or derived as the protocol says.
    pub fn combinations(&self) -> Vec<Vec<String>> {
        match self {
            Self::Multi {
                allowed_combinations: Some(combinations),
                ..
            } => combinations.clone(),
            Self::Multi { credentials, .. } => {
                let required: Vec<String> = credentials
                    .iter()
                    .filter(|c| !c.optional)
                    .map(|c| c.id.clone())
                    .collect();
                let mut combinations = Vec::new();
                if !required.is_empty() {
                    combinations.push(required);
                }
                combinations.extend(
                    credentials
                        .iter()
                        .filter(|c| c.optional)
                        .map(|c| vec![c.id.clone()]),
                );
                combinations
            }
            _ => Vec::new(),
        }
    }
}
