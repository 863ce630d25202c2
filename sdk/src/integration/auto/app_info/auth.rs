//! The credential side of the document: the `Auth` or `Credentials` model, the security
//! schemes and the `x-*` credential extensions.

use serde_json::{json, Map, Value};

use super::super::super::Integration;
use super::components::Components;
use super::schema::{convert, take_nested_defs};
use crate::auth::{AuthDeclaration, CredentialKind};
use crate::error::ConnectorError;
use crate::settings::Settings;

/// The credential side of the document.
pub(super) struct Auth {
    /// What the security requirements name (credential ids, or the app id for single-auth).
    schemes: Vec<Scheme>,
    /// `x-oauth-settings`: the OAuth credentials' settings, by credential id.
    pub(super) oauth_settings: Map<String, Value>,
    pub(super) security_schemes: Map<String, Value>,
    /// The request body's credential member and the model it refers to: `auth` / `Auth`
    /// (single-auth), `credentials` / `Credentials` (multi-auth), none without
    /// authentication.
    pub(super) member: Option<(&'static str, &'static str)>,
    pub(super) multi_credential: bool,
    pub(super) allowed_credentials: Vec<Vec<String>>,
}

/// One name of the operations' security requirements.
struct Scheme {
    id: String,
    /// The OAuth declaration whose per-capability scopes the requirement lists.
    #[cfg(feature = "oauth")]
    oauth: Option<crate::oauth::OAuthConfig>,
}

impl Scheme {
    fn plain(id: &str) -> Self {
        Self {
            id: id.to_owned(),
            #[cfg(feature = "oauth")]
            oauth: None,
        }
    }

    /// The requirement naming this scheme in `capability`'s operation; `None` when an OAuth
    /// credential declares scopes, but none for `capability`.
    fn requirement(&self, capability: &str) -> Option<Value> {
        #[cfg(feature = "oauth")]
        if let Some(config) = &self.oauth {
            return super::oauth::required_scopes(config, capability)
                .map(|scopes| json!({ &self.id: scopes }));
        }
        let _ = capability; // only OAuth credentials' scopes depend on it
        Some(json!({ &self.id: [] }))
    }
}

impl Auth {
    /// The security requirements of `capability`'s operation. Only declared schemes are
    /// named (the reference also names credentials without one, which OpenAPI forbids).
    pub(super) fn security(&self, capability: &str) -> Vec<Value> {
        self.schemes
            .iter()
            .filter(|scheme| self.security_schemes.contains_key(&scheme.id))
            .filter_map(|scheme| scheme.requirement(capability))
            .collect()
    }

    pub(super) fn new<S: Settings>(
        integration: &Integration<S>,
        data: &Value,
        components: &mut Components,
        settings: Option<&dyn std::any::Any>,
    ) -> Result<Self, ConnectorError> {
        let _ = settings; // read only by OAuth credentials' URLs
        let unknown = |kind: CredentialKind| {
            ConnectorError::internal(format!(
                "no app_info schema for credential '{}'",
                kind.key()
            ))
        };
        let model = |kind: CredentialKind, variant: &str| {
            data["auth"]
                .get(kind.key())
                .and_then(|a| a.get(variant))
                .cloned()
                .ok_or_else(|| unknown(kind))
        };
        match &integration.auth {
            AuthDeclaration::Single(kind) => {
                let model = convert(model(*kind, "single")?);
                let mut object = Map::new();
                object.insert("type".into(), json!("object"));
                for (key, value) in model.as_object().into_iter().flatten() {
                    object.insert(key.clone(), value.clone());
                }
                let mut auth = json!({
                    "properties": {kind.key(): Value::Object(object)},
                    "required": [kind.key()],
                });
                let defs = take_nested_defs(&mut auth);
                components.schemas.insert("Auth".into(), auth);
                for (name, schema) in defs {
                    components.insert(&name, schema);
                }
                let mut security_schemes = Map::new();
                if let Some(scheme) = security_scheme(*kind, false) {
                    security_schemes.insert(integration.app_id.clone(), scheme);
                }
                Ok(Self {
                    schemes: vec![Scheme::plain(&integration.app_id)],
                    oauth_settings: Map::new(),
                    security_schemes,
                    member: Some(("auth", "Auth")),
                    multi_credential: false,
                    allowed_credentials: Vec::new(),
                })
            }
            // Nothing to authenticate with: no credential member, model or scheme (the
            // reference declares an empty credential list, which is not valid OpenAPI).
            AuthDeclaration::None => Ok(Self {
                schemes: Vec::new(),
                oauth_settings: Map::new(),
                security_schemes: Map::new(),
                member: None,
                multi_credential: false,
                allowed_credentials: Vec::new(),
            }),
            AuthDeclaration::Multi { credentials, .. } => {
                let mut items = Vec::new();
                let mut security_schemes = Map::new();
                let mut schemes = Vec::new();
                #[cfg_attr(not(feature = "oauth"), allow(unused_mut))]
                let mut oauth_settings = Map::new();
                for credential in credentials {
                    let mut schema = convert(model(credential.kind, "multi")?);
                    if let Value::Object(map) = &mut schema {
                        map.insert("description".into(), json!(credential.description));
                        map.insert("x-optional".into(), json!(credential.optional));
                        let name = data["auth"][credential.kind.key()]["name"].clone();
                        map.insert("x-credential-name".into(), name);
                    }
                    let key = credential.kind.key();
                    items.push(json!({
                        "type": "object",
                        "properties": {"id": {"type": "string", "enum": [credential.id]}, key: schema},
                        "required": ["id", key],
                    }));
                    #[cfg_attr(not(feature = "oauth"), allow(unused_mut))]
                    let mut scheme = Scheme::plain(&credential.id);
                    #[cfg(feature = "oauth")]
                    if let Some(config) = &credential.oauth {
                        security_schemes.insert(
                            credential.id.clone(),
                            super::oauth::security_scheme(config, settings),
                        );
                        oauth_settings.insert(
                            credential.id.clone(),
                            super::oauth::settings(config, settings),
                        );
                        scheme.oauth = Some(config.clone());
                    }
                    if !security_schemes.contains_key(&credential.id) {
                        if let Some(scheme) = security_scheme(credential.kind, true) {
                            security_schemes.insert(credential.id.clone(), scheme);
                        }
                    }
                    schemes.push(scheme);
                }
                let mut auth = Self::credentials(schemes, components, items);
                auth.security_schemes = security_schemes;
                auth.oauth_settings = oauth_settings;
                auth.multi_credential = !credentials.is_empty();
                auth.allowed_credentials = integration.auth.combinations();
                Ok(auth)
            }
        }
    }

    /// The multi-credential shape (also used by connectors without authentication).
    fn credentials(schemes: Vec<Scheme>, components: &mut Components, items: Vec<Value>) -> Self {
        let mut credentials = json!({"type": "array", "items": {"allOf": items}});
        let defs = take_nested_defs(&mut credentials);
        components.schemas.insert("Credentials".into(), credentials);
        for (name, schema) in defs {
            components.insert(&name, schema);
        }
        Self {
            schemes,
            security_schemes: Map::new(),
            oauth_settings: Map::new(),
            member: Some(("credentials", "Credentials")),
            multi_credential: false,
            allowed_credentials: Vec::new(),
        }
    }
}

/// The OpenAPI security scheme of a credential type, where the reference gives one.
fn security_scheme(kind: CredentialKind, multi: bool) -> Option<Value> {
    let api_key = |description: &str| json!({"type": "apiKey", "in": "header", "name": "Authorization", "description": description});
    let bearer_jwt = |description: &str| json!({"type": "http", "scheme": "bearer", "bearerFormat": "JWT", "description": description});
    const TOKEN: &str = "API Token / API Key for authentication";
    match (kind, multi) {
        (CredentialKind::Token, _) | (CredentialKind::Jwt, true) => Some(api_key(TOKEN)),
        // The reference omits `scheme`, which OpenAPI 3.0 requires.
        (CredentialKind::Basic, _) => Some(json!({"type": "http", "scheme": "basic"})),
        (_, true) => None,
        (CredentialKind::Jwt, false) => Some(bearer_jwt("JWT Token for authentication")),
        (CredentialKind::Oauth1, false) => Some(api_key(
            "OAuth 1.0a signed request token for authentication",
        )),
        (CredentialKind::ServiceAccount, false) => {
            Some(api_key("Service Account Token for authentication"))
        }
        (CredentialKind::KeyPair, false) => Some(bearer_jwt("Key-pair for authentication")),
        (CredentialKind::Oauth, false) => Some(json!({"type": "oauth2", "flows": {
            "authorizationCode": {"authorizationUrl": "", "tokenUrl": "", "scopes": {}}}})),
        (CredentialKind::OauthClientCredentials, false) => {
            Some(json!({"type": "oauth2", "flows": {
            "clientCredentials": {"tokenUrl": "", "scopes": {}}}}))
        }
        (CredentialKind::Empty, false) => None,
    }
}
