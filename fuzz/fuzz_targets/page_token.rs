//! Any text as a page token: the decoder (hex, then MessagePack through `rmp`, then the
//! pagination objects), the stack of pagination states it feeds, and `core-demo`'s
//! `list_accounts` resuming from it.
//!
//! Checked, besides no panic and no call over 1 s:
//! * a token that decodes re-encodes to a token that decodes to the same objects;
//! * every rejection is `invalid_page_token`;
//! * the state decoded as `OffsetPagination` or `ScimPagination` survives a step of a walk
//!   (pop, advance, push, next token) unchanged but for the step;
//! * `list_accounts` answers `invalid_page_token` exactly when the token is not a stack of
//!   `OffsetPagination` whose top is `/users` (otherwise it goes upstream, which refuses).

#![no_main]

use connector_fuzz::core_demo::CORE_DEMO;
use connector_fuzz::{confine, error_code, one_document};
use connector_sdk::error::ErrorCode;
use connector_sdk::pagination::{NextPageToken, OffsetPagination, Paginations};
use connector_sdk::scim::ScimPagination;
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

fuzz_target!(|data: &[u8]| {
    let token = String::from_utf8_lossy(data);
    any_objects(&token);
    let offsets = walk_step(&token, |p: OffsetPagination| {
        p.advanced_by(data.len() as u64)
    });
    walk_step(&token, |p: ScimPagination| {
        let next = p.start_index.saturating_add(data.len() as u64);
        p.at(next)
    });
    list_accounts(&token, offsets.as_deref());
});

/// Decoded as plain maps: re-encoding round-trips whenever the maps have the pagination
/// shape (`endpoint`, a string or null, first), and is refused otherwise.
fn any_objects(token: &str) {
    let objects: Vec<Map<String, Value>> = match NextPageToken::decode(token) {
        Ok(objects) => objects,
        Err(error) => {
            assert_eq!(error.code, ErrorCode::InvalidPageToken, "{error:?}");
            return;
        }
    };
    let shaped = objects.iter().all(|object| {
        matches!(object.iter().next(),
            Some((key, Value::String(_) | Value::Null)) if key == "endpoint")
    });
    match NextPageToken::encode(&objects) {
        Ok(Some(again)) => {
            assert!(shaped, "encoded objects without the pagination shape");
            let decoded: Vec<Map<String, Value>> =
                NextPageToken::decode(again.as_str()).expect("a token we made decodes");
            assert_eq!(decoded, objects, "round trip through {}", again.as_str());
        }
        Ok(None) => assert!(objects.is_empty(), "no token for a non-empty list"),
        Err(error) => {
            assert!(!shaped, "refused to encode shaped objects: {error:?}");
            assert_eq!(error.code, ErrorCode::InternalError);
        }
    }
}

/// One step of a walk on the decoded stack; returns the stack as decoded.
fn walk_step<P>(token: &str, advance: impl Fn(P) -> P) -> Option<Vec<P>>
where
    P: Serialize + DeserializeOwned + Clone + PartialEq + std::fmt::Debug,
{
    let mut pages = match Paginations::<P>::from_page_token(Some(token)) {
        Ok(pages) => pages,
        Err(error) => {
            assert_eq!(error.code, ErrorCode::InvalidPageToken, "{error:?}");
            return None;
        }
    };
    let decoded = pages.as_slice().to_vec();
    let mut expected = decoded.clone();
    if let Some(current) = pages.pop() {
        let next = advance(current);
        expected.pop();
        expected.push(next.clone());
        pages.push(next);
    }
    let token = pages.next_token().expect("decoded state encodes");
    let again = Paginations::<P>::from_page_token(token.as_ref().map(NextPageToken::as_str))
        .expect("a token we made decodes");
    assert_eq!(again.as_slice(), expected.as_slice());
    Some(decoded)
}

/// `core-demo`'s `list_accounts` resuming from the token.
fn list_accounts(token: &str, offsets: Option<&[OffsetPagination]>) {
    let envelope = serde_json::json!({
        "credentials": [{"id": "core_demo_token", "token": {"token": "good-token"}}],
        "request": {},
        "settings": {"base_url": "http://upstream.invalid"},
        "page": {"token": token, "size": 2},
    })
    .to_string();
    let output = CORE_DEMO.call_blocking("list_accounts", &confine(&envelope));
    let document = one_document(&output);
    let code = error_code(&document);
    let resumable = match offsets {
        // An empty stack is a finished walk: an empty page, no upstream call.
        Some([]) => {
            assert_eq!(code, None, "{output}");
            return;
        }
        Some([.., top]) => top.endpoint.as_deref() == Some("/users"),
        None => false,
    };
    if resumable {
        assert_ne!(code, Some("invalid_page_token"), "{output}");
        assert!(code.is_some(), "the refused upstream answered: {output}");
    } else {
        assert_eq!(code, Some("invalid_page_token"), "{output}");
    }
}
