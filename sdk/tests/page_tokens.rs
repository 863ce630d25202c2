//! Page tokens against the reference's recorded vectors (`vectors/page-tokens.json`).

// The helpers outside #[test] functions unwrap and panic too, as tests may (clippy.toml).
#![allow(clippy::expect_used, clippy::panic)]

use std::path::Path;

use connector_sdk::error::{ErrorCode, ErrorKind};
use connector_sdk::pagination::{NextPageToken, OffsetPagination, Paginations};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

const VECTORS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../shared/protocol/vectors/page-tokens.json"
);

fn vectors() -> Value {
    let path = Path::new(VECTORS);
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e}. The protocol folder must be checked out at ../shared next to \
             the workspace (see docs/CONTRIBUTING-HELPERS.md).",
            path.display()
        )
    });
    // preserve_order keeps each input map's key order, which the token bytes depend on.
    serde_json::from_str(&text).expect("page-tokens.json is valid JSON")
}

fn cases(section: &str) -> Vec<Value> {
    let cases = vectors()[section]
        .as_array()
        .unwrap_or_else(|| panic!("page-tokens.json has no `{section}` list"))
        .clone();
    assert!(!cases.is_empty(), "no `{section}` cases");
    cases
}

fn name(case: &Value) -> &str {
    case["name"].as_str().expect("case name")
}

fn encode_case(case_name: &str) -> Value {
    cases("encode")
        .into_iter()
        .find(|c| name(c) == case_name)
        .unwrap_or_else(|| panic!("no encode case `{case_name}`"))
}

fn input(case: &Value) -> Vec<Value> {
    case["input"].as_array().expect("input is a list").clone()
}

fn assert_invalid_page_token(
    result: Result<impl std::fmt::Debug, connector_sdk::error::ConnectorError>,
    what: &str,
) {
    let err = result.expect_err(what);
    assert_eq!(err.code, ErrorCode::InvalidPageToken, "{what}");
    assert_eq!(
        err.message,
        ErrorKind::InvalidPageToken.default_message(),
        "{what}"
    );
}

#[test]
fn every_encode_case_is_byte_identical() {
    let mut failures = Vec::new();
    for case in cases("encode") {
        let expected = case["token"].as_str();
        let actual = NextPageToken::encode(&input(&case)).expect("encodes");
        if actual.as_ref().map(NextPageToken::as_str) != expected {
            failures.push(format!(
                "{}: expected {expected:?}, got {actual:?}",
                name(&case)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_encode_case_decodes_back_to_its_input() {
    for case in cases("encode") {
        let Some(token) = case["token"].as_str() else {
            continue;
        };
        let decoded: Vec<Value> =
            NextPageToken::decode(token).unwrap_or_else(|e| panic!("{}: {e}", name(&case)));
        // Value equality ignores key order, so compare the re-encoded bytes as well.
        assert_eq!(decoded, input(&case), "{}", name(&case));
        let again = NextPageToken::encode(&decoded).unwrap().unwrap();
        assert_eq!(again.as_str(), token, "{}", name(&case));
    }
}

#[test]
fn offset_pagination_gives_the_reference_tokens() {
    let mut checked = 0;
    for case in cases("encode") {
        let Ok(typed) = serde_json::from_value::<Vec<OffsetPagination>>(case["input"].clone())
        else {
            continue; // not an offset model (cursor, bools, negative offsets...)
        };
        if typed.is_empty() || case["input"][0].as_object().map(|m| m.len()) != Some(2) {
            continue;
        }
        let token = NextPageToken::encode(&typed).unwrap().expect("non-empty");
        assert_eq!(
            Some(token.as_str()),
            case["token"].as_str(),
            "{}",
            name(&case)
        );
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} offset cases found");
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct CursorPagination {
    endpoint: Option<String>,
    cursor: String,
    size: u32,
}

#[test]
fn typed_cursor_model_matches_its_vectors() {
    for case_name in ["cursor_short", "string_256_bytes", "string_utf8"] {
        let case = encode_case(case_name);
        let typed: Vec<CursorPagination> = serde_json::from_value(case["input"].clone()).unwrap();
        let token = NextPageToken::encode(&typed).unwrap().unwrap();
        assert_eq!(Some(token.as_str()), case["token"].as_str(), "{case_name}");
        let back: Vec<CursorPagination> = NextPageToken::decode(token.as_str()).unwrap();
        assert_eq!(back, typed, "{case_name}");
    }
}

#[test]
fn empty_list_gives_no_token() {
    let case = encode_case("empty_list");
    assert!(case["token"].is_null());
    let none: Option<NextPageToken> = NextPageToken::encode::<OffsetPagination>(&[]).unwrap();
    assert_eq!(none, None);
    assert_eq!(
        Paginations::<OffsetPagination>::new().next_token().unwrap(),
        None
    );
}

/// The decode cases were recorded with a model of `endpoint` (optional string) and `offset`
/// (required int): `OffsetPagination`.
#[test]
fn every_decode_case() {
    let mut accepted = 0;
    let mut rejected = 0;
    for case in cases("decode") {
        let case_name = name(&case);
        let token = case["token"].as_str();
        let result = Paginations::<OffsetPagination>::from_page_token(token);
        if let Some(expected) = case.get("decodes_to") {
            let decoded = result
                .unwrap_or_else(|e| panic!("{case_name}: {e}"))
                .into_vec();
            assert_eq!(
                &serde_json::to_value(&decoded).unwrap(),
                expected,
                "{case_name}"
            );
            accepted += 1;
        } else {
            assert!(
                case.get("reference_exception").is_some(),
                "{case_name}: unknown case kind"
            );
            // The reference answers internal_error here (quirk Q1); the protocol asks for this.
            assert_invalid_page_token(result, case_name);
            if let Some(token) = token {
                assert_invalid_page_token(
                    NextPageToken::decode::<OffsetPagination>(token),
                    case_name,
                );
            }
            rejected += 1;
        }
    }
    assert!(
        accepted > 0 && rejected > 0,
        "accepted {accepted}, rejected {rejected}"
    );
}

#[test]
fn rejects_maps_a_model_does_not_fit() {
    let encode = |v: Value| NextPageToken::encode(&[v]).unwrap().unwrap().into_string();
    for (what, token) in [
        (
            "extra key",
            encode(json!({"endpoint": "/u", "offset": 1, "extra": null})),
        ),
        (
            "wrong type",
            encode(json!({"endpoint": "/u", "offset": "1"})),
        ),
        (
            "negative offset",
            encode(json!({"endpoint": "/u", "offset": -1})),
        ),
        (
            "float offset",
            encode(json!({"endpoint": "/u", "offset": 1.0})),
        ),
        // [{"endpoint": 5, "offset": 1}], which `encode` refuses to produce.
        (
            "endpoint not a string",
            "9182a8656e64706f696e7405a66f666673657401".to_owned(),
        ),
        ("top-level map", "81a8656e64706f696e74c0".to_owned()),
        ("list of non-maps", "9101".to_owned()),
        ("empty array then garbage", "90c1".to_owned()),
    ] {
        assert_invalid_page_token(NextPageToken::decode::<OffsetPagination>(&token), what);
    }
}

#[test]
fn empty_array_token_decodes_to_nothing() {
    let decoded: Vec<OffsetPagination> = NextPageToken::decode("90").unwrap();
    assert!(decoded.is_empty());
}

#[test]
fn encode_rejects_misshaped_pagination_objects() {
    #[derive(Serialize)]
    struct EndpointLast {
        offset: u64,
        endpoint: Option<String>,
    }
    #[derive(Serialize)]
    struct NoEndpoint {
        offset: u64,
    }
    let cases: Vec<(&str, Result<Option<NextPageToken>, _>)> = vec![
        (
            "endpoint last",
            NextPageToken::encode(&[EndpointLast {
                offset: 0,
                endpoint: None,
            }]),
        ),
        (
            "no endpoint",
            NextPageToken::encode(&[NoEndpoint { offset: 0 }]),
        ),
        ("not a map", NextPageToken::encode(&[1, 2])),
        (
            "endpoint is a number",
            NextPageToken::encode(&[json!({"endpoint": 1})]),
        ),
        (
            "second object bad",
            NextPageToken::encode(&[json!({"endpoint": null}), json!([])]),
        ),
    ];
    for (what, result) in cases {
        let err = result.expect_err(what);
        assert_eq!(err.code, ErrorCode::InternalError, "{what}");
    }
}

#[test]
fn paginations_work_as_a_stack() {
    let case = encode_case("two_paginations");
    let token = case["token"].as_str().unwrap();
    let mut pages = Paginations::<OffsetPagination>::from_page_token(Some(token)).unwrap();
    assert_eq!(pages.len(), 2);
    // The last element is the one worked on next.
    let current = pages.pop().unwrap();
    assert_eq!(
        Value::from(current.endpoint.clone()),
        case["input"][1]["endpoint"]
    );
    pages.push(current);
    assert_eq!(pages.next_token().unwrap().unwrap().as_str(), token);
    pages.pop();
    pages.pop();
    assert!(pages.is_empty());
    assert_eq!(pages.next_token().unwrap(), None);
}

#[test]
fn resume_or_start() {
    let start = [OffsetPagination::start("/users")];
    let fresh = Paginations::resume_or_start(None, start.clone()).unwrap();
    assert_eq!(fresh.as_slice(), &start);

    let case = encode_case("offset_2");
    let token = case["token"].as_str().unwrap();
    let resumed = Paginations::resume_or_start(Some(token), start.clone()).unwrap();
    assert_eq!(
        resumed.as_slice(),
        &[OffsetPagination::start("/users").advanced_by(2)]
    );

    assert_invalid_page_token(
        Paginations::resume_or_start(Some(""), start),
        "empty string",
    );
}

#[test]
fn token_is_a_plain_string_on_the_wire() {
    let case = encode_case("offset_0");
    let text = case["token"].as_str().unwrap();
    let token = NextPageToken::encode(&[OffsetPagination::start("/users")])
        .unwrap()
        .unwrap();
    assert_eq!(token.to_string(), text);
    assert_eq!(serde_json::to_value(&token).unwrap(), Value::from(text));
    let parsed: NextPageToken = serde_json::from_value(Value::from(text)).unwrap();
    assert_eq!(parsed, token);
    assert_eq!(NextPageToken::from(text.to_owned()), token);
    assert_eq!(String::from(token.clone()), text);
    assert_eq!(token.into_string(), text);
}

/// Deterministic pseudo-random bytes (xorshift), so failures reproduce.
fn xorshift(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Decoding never panics, whatever the input; a decode either succeeds or is
/// `invalid_page_token`.
fn decode_must_not_panic(token: &str) {
    for result in [
        NextPageToken::decode::<OffsetPagination>(token).map(drop),
        NextPageToken::decode::<Value>(token).map(drop),
        NextPageToken::decode::<CursorPagination>(token).map(drop),
    ] {
        if let Err(err) = result {
            assert_eq!(err.code, ErrorCode::InvalidPageToken, "{token:?}");
        }
    }
}

#[test]
fn garbage_and_truncated_tokens_never_panic() {
    let tokens: Vec<String> = cases("encode")
        .iter()
        .chain(cases("decode").iter())
        .filter_map(|c| c["token"].as_str().map(str::to_owned))
        .collect();
    for token in &tokens {
        // Every prefix: odd ones are bad hex, even ones truncated msgpack.
        for end in 0..token.len() {
            if let Some(prefix) = token.get(..end) {
                decode_must_not_panic(prefix);
            }
        }
        // Every single-byte corruption of the decoded bytes.
        if let Some(bytes) = vector_bytes(token) {
            for i in 0..bytes.len() {
                for replacement in [0x00, 0x7f, 0xc1, 0xc4, 0xcf, 0xd3, 0xdb, 0xdd, 0xdf, 0xff] {
                    let mut corrupt = bytes.clone();
                    corrupt[i] = replacement;
                    decode_must_not_panic(&hex(&corrupt));
                }
            }
        }
    }
    // Truncations of a valid offset token are always rejected.
    let full = encode_case("offset_65536");
    let full = full["token"].as_str().unwrap();
    for end in (0..full.len()).step_by(2) {
        assert_invalid_page_token(
            NextPageToken::decode::<OffsetPagination>(&full[..end]),
            &full[..end],
        );
    }
    // Random bytes, biased towards msgpack headers.
    let mut state = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..20_000 {
        let len = (xorshift(&mut state) % 40) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|_| (xorshift(&mut state) >> 24) as u8)
            .collect();
        decode_must_not_panic(&hex(&bytes));
        let mut framed = vec![0x91, 0x82];
        framed.extend_from_slice(&bytes);
        decode_must_not_panic(&hex(&framed));
    }
    // Hostile headers: huge lengths, deep nesting, non-ASCII text.
    for token in [
        "ddffffffff".to_owned(),
        "dfffffffff".to_owned(),
        "dbffffffff".to_owned(),
        "91".repeat(100_000),
        "91de".to_owned() + &"ff".repeat(2),
        "é1".to_owned(),
        "\u{a0}91".to_owned(),
        "０１".to_owned(),
    ] {
        assert_invalid_page_token(
            NextPageToken::decode::<OffsetPagination>(&token),
            &token[..token.len().min(20)],
        );
        decode_must_not_panic(&token);
    }
}

/// Test-side hex reader for the vector tokens (lowercase, no spaces).
fn vector_bytes(token: &str) -> Option<Vec<u8>> {
    if token.len() % 2 != 0 || token.chars().any(|c| c.is_whitespace()) {
        return None;
    }
    (0..token.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(token.get(i..i + 2)?, 16).ok())
        .collect()
}
