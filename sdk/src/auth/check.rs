//! The request authentication check (protocol §3.3): presence and shape only.

use super::{AuthCredential, AuthDeclaration};
use crate::error::ConnectorError;

/// Checks `auth` / `credentials` against the declaration and returns the credentials the
/// handler will see. Messages are the protocol's, word for word.
pub(crate) fn check_request_auth(
    declaration: &AuthDeclaration,
    auth: Option<AuthCredential>,
    credentials: Option<Vec<AuthCredential>>,
) -> Result<Vec<AuthCredential>, ConnectorError> {
    if matches!(declaration, AuthDeclaration::None) {
        return Ok(auth
            .into_iter()
            .chain(credentials.into_iter().flatten())
            .collect());
    }
    match (auth, credentials) {
        (Some(_), Some(_)) => Err(ConnectorError::bad_request(
            "Cannot pass credentials and auth in the same request, if you've meant to make this connector multi-auth compatible, please remove the auth field.",
        )),
        (None, Some(list)) => check_credentials(declaration, list),
        (Some(auth), None) => check_single(declaration, auth),
        (None, None) => Err(ConnectorError::bad_request(
            "Missing auth/credentials in request",
        )),
    }
}

fn check_single(
    declaration: &AuthDeclaration,
    auth: AuthCredential,
) -> Result<Vec<AuthCredential>, ConnectorError> {
    match declaration {
        AuthDeclaration::Single(kind) if auth.has(*kind) => Ok(vec![auth]),
        AuthDeclaration::Single(kind) => Err(ConnectorError::bad_request(format!(
            "Missing '{}' auth in request",
            kind.key()
        ))),
        // A multi-auth connector sent `auth`: nothing it declares can be matched.
        _ => Err(ConnectorError::bad_request(
            "Missing auth/credentials in request",
        )),
    }
}

fn check_credentials(
    declaration: &AuthDeclaration,
    list: Vec<AuthCredential>,
) -> Result<Vec<AuthCredential>, ConnectorError> {
    if list.is_empty() {
        return Err(ConnectorError::bad_request(
            "Missing credentials in request",
        ));
    }
    let declared = match declaration {
        AuthDeclaration::Multi { credentials, .. } => credentials.as_slice(),
        _ => &[],
    };
    let mut accepted: Vec<AuthCredential> = Vec::new();
    for (index, credential) in list.into_iter().enumerate() {
        let id = match credential.id.as_deref() {
            Some(id) if !id.is_empty() => id.to_owned(),
            _ => {
                return Err(ConnectorError::bad_request(format!(
                    "Missing ID in credential at index {index}"
                )))
            }
        };
        let Some(decl) = declared.iter().find(|d| d.id == id) else {
            return Err(ConnectorError::bad_request(format!(
                "Credential with id '{id}' not expected"
            )));
        };
        // Duplicate ids: the item that has the payload for its declared type wins.
        match accepted
            .iter()
            .position(|c| c.id.as_deref() == Some(id.as_str()))
        {
            Some(existing) if !accepted[existing].has(decl.kind) && credential.has(decl.kind) => {
                accepted[existing] = credential;
            }
            Some(_) => {}
            None => accepted.push(credential),
        }
    }
    let present = |id: &str| {
        declared.iter().any(|d| {
            d.id == id
                && accepted
                    .iter()
                    .any(|c| c.id.as_deref() == Some(id) && c.has(d.kind))
        })
    };
    let combinations = declaration.combinations();
    if combinations
        .iter()
        .any(|combo| combo.iter().all(|id| present(id)))
    {
        return Ok(accepted);
    }
    // Name the missing types of the first combination with the fewest missing ones.
    let missing = combinations
        .iter()
        .map(|combo| {
            combo
                .iter()
                .filter(|id| !present(id))
                .filter_map(|id| declared.iter().find(|d| d.id == **id))
                .map(|d| d.kind.key())
                .collect::<Vec<_>>()
        })
        .min_by_key(Vec::len)
        .unwrap_or_default();
    Err(ConnectorError::bad_request(format!(
        "Missing '{}' credential in request",
        missing.join(", ")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::{CredentialDeclaration, CredentialKind, TokenCredential};

    fn token(id: &str) -> AuthCredential {
        AuthCredential {
            id: Some(id.into()),
            token: Some(TokenCredential { token: "t".into() }),
            ..Default::default()
        }
    }

    #[test]
    fn fewest_missing_combination_is_named() {
        let declaration = AuthDeclaration::Multi {
            credentials: vec![
                CredentialDeclaration::new("a", CredentialKind::Oauth, ""),
                CredentialDeclaration::new("b", CredentialKind::Token, ""),
            ],
            allowed_combinations: Some(vec![vec!["a".into()], vec!["b".into()]]),
        };
        let mut wrong = token("a");
        wrong.token = None;
        wrong.basic = None;
        let err = check_request_auth(&declaration, None, Some(vec![wrong])).unwrap_err();
        assert_eq!(err.message, "Missing 'oauth' credential in request");
        assert!(check_request_auth(&declaration, None, Some(vec![token("b")])).is_ok());
    }

    #[test]
    fn derived_combinations_require_all_required_ids() {
        let declaration = AuthDeclaration::multi(vec![
            CredentialDeclaration::new("a", CredentialKind::Token, ""),
            CredentialDeclaration::new("b", CredentialKind::Token, "").optional(),
        ]);
        assert_eq!(
            declaration.combinations(),
            vec![vec!["a".to_string()], vec!["b".to_string()]]
        );
    }
}
