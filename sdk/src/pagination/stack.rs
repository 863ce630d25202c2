//! [`Paginations`]: the stack of pagination objects one page token carries.

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::NextPageToken;
use crate::error::ConnectorResult;

/// The pagination objects still to walk, used as a stack: [`pop`](Self::pop) the endpoint to
/// fetch now, [`push`](Self::push) its continuation if it has more, and end the call with
/// [`next_token`](Self::next_token). The last element is worked on first, as in the reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paginations<P> {
    stack: Vec<P>,
}

impl<P> Paginations<P> {
    /// An empty stack.
    pub fn new() -> Self {
        Self { stack: Vec::new() }
    }

    /// Takes the pagination object to work on now (the last one).
    pub fn pop(&mut self) -> Option<P> {
        self.stack.pop()
    }

    /// Adds a pagination object; it is the next one [`pop`](Self::pop) returns.
    pub fn push(&mut self, pagination: P) {
        self.stack.push(pagination);
    }

    /// Whether no pagination object is left (the data is exhausted).
    pub fn is_empty(&self) -> bool {
        self.stack.is_empty()
    }

    /// Number of pagination objects left.
    pub fn len(&self) -> usize {
        self.stack.len()
    }

    /// The objects, first (worked on last) to last (worked on next).
    pub fn as_slice(&self) -> &[P] {
        &self.stack
    }

    /// The objects as a list in token order.
    pub fn into_vec(self) -> Vec<P> {
        self.stack
    }
}

impl<P: Serialize + DeserializeOwned> Paginations<P> {
    /// The objects carried by the request's page token; an absent token gives an empty stack.
    ///
    /// # Errors
    ///
    /// A token that cannot be decoded is `invalid_page_token`.
    pub fn from_page_token(token: Option<&str>) -> ConnectorResult<Self> {
        match token {
            Some(token) => NextPageToken::decode(token).map(Self::from),
            None => Ok(Self::new()),
        }
    }

    /// Like [`from_page_token`](Self::from_page_token), but an absent token (the first call
    /// of a walk) starts from `start` instead of an empty stack.
    ///
    /// # Errors
    ///
    /// A token that cannot be decoded is `invalid_page_token`.
    pub fn resume_or_start(
        token: Option<&str>,
        start: impl IntoIterator<Item = P>,
    ) -> ConnectorResult<Self> {
        match token {
            Some(_) => Self::from_page_token(token),
            None => Ok(start.into_iter().collect::<Vec<_>>().into()),
        }
    }

    /// The token for the response's `page`, or `None` when nothing is left (`page` null).
    ///
    /// # Errors
    ///
    /// An object that does not serialize to a pagination map is `internal_error` (see
    /// [`NextPageToken::encode`]).
    pub fn next_token(&self) -> ConnectorResult<Option<NextPageToken>> {
        NextPageToken::encode(&self.stack)
    }
}

impl<P> Default for Paginations<P> {
    fn default() -> Self {
        Self::new()
    }
}

impl<P> From<Vec<P>> for Paginations<P> {
    fn from(stack: Vec<P>) -> Self {
        Self { stack }
    }
}
