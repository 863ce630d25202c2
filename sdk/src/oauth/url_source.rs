//! Where an OAuth endpoint lives: a fixed URL, or one computed from the validated settings
//! at call time (per-tenant authorization servers, test servers on 127.0.0.1).

use std::any::{Any, TypeId};
use std::sync::Arc;

use crate::error::{ConnectorError, ErrorKind};
use crate::settings::Settings;

type FromSettingsFn = dyn Fn(&dyn Any) -> Option<String> + Send + Sync;

/// An OAuth endpoint (authorization or token URL).
#[derive(Clone)]
pub enum OAuthUrl {
    /// The same URL for every tenant.
    Fixed(String),
    /// Computed from the connector's validated settings when a capability runs; build it
    /// with [`OAuthUrl::from_settings`].
    FromSettings(SettingsUrl),
}

/// A URL computed from settings of one type; see [`OAuthUrl::from_settings`].
#[derive(Clone)]
pub struct SettingsUrl {
    settings_type: TypeId,
    settings_type_name: &'static str,
    compute: Arc<FromSettingsFn>,
}

impl OAuthUrl {
    /// A fixed URL.
    pub fn fixed(url: impl Into<String>) -> Self {
        Self::Fixed(url.into())
    }

    /// A URL computed from the settings `S` of the connector, for example
    /// `OAuthUrl::from_settings(|s: &MySettings| format!("{}/oauth/token", s.base_url))`.
    /// The integration fails to build when `S` is not the connector's settings type.
    pub fn from_settings<S: Settings>(
        compute: impl Fn(&S) -> String + Send + Sync + 'static,
    ) -> Self {
        Self::FromSettings(SettingsUrl {
            settings_type: TypeId::of::<S>(),
            settings_type_name: std::any::type_name::<S>(),
            compute: Arc::new(move |settings: &dyn Any| settings.downcast_ref::<S>().map(&compute)),
        })
    }

    /// The settings type a computed URL expects, if any.
    pub(crate) fn settings_type(&self) -> Option<(TypeId, &'static str)> {
        match self {
            Self::Fixed(_) => None,
            Self::FromSettings(url) => Some((url.settings_type, url.settings_type_name)),
        }
    }

    /// The URL for this call.
    ///
    /// # Errors
    ///
    /// `internal_error` when the settings are not of the type the URL was declared with
    /// (the builder rejects that declaration, so only a hand-made call can get here).
    pub fn resolve(&self, settings: &dyn Any) -> Result<String, ConnectorError> {
        match self {
            Self::Fixed(url) => Ok(url.clone()),
            Self::FromSettings(url) => (url.compute)(settings).ok_or_else(|| {
                ConnectorError::with_kind(
                    ErrorKind::Internal,
                    format!(
                        "the OAuth URL is computed from settings of type {}, which this connector does not use",
                        url.settings_type_name
                    ),
                )
            }),
        }
    }
}

impl std::fmt::Debug for OAuthUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Fixed(url) => f.debug_tuple("Fixed").field(url).finish(),
            Self::FromSettings(url) => f
                .debug_tuple("FromSettings")
                .field(&url.settings_type_name)
                .finish(),
        }
    }
}

impl From<&str> for OAuthUrl {
    fn from(url: &str) -> Self {
        Self::fixed(url)
    }
}

impl From<String> for OAuthUrl {
    fn from(url: String) -> Self {
        Self::Fixed(url)
    }
}

/// Fixed URLs compare by text; computed ones are equal only when they are the same closure.
impl PartialEq for OAuthUrl {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Fixed(a), Self::Fixed(b)) => a == b,
            (Self::FromSettings(a), Self::FromSettings(b)) => Arc::ptr_eq(&a.compute, &b.compute),
            _ => false,
        }
    }
}

impl Eq for OAuthUrl {}
