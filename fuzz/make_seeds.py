#!/usr/bin/env python3
"""Writes the seed corpus of each fuzz target into fuzz/seeds/<target>/.

Envelopes, page tokens and upstream answers come from the protocol's recorded vectors
(../shared/protocol/vectors): one small real envelope per capability and a few malformed
ones, a handful of page tokens, and the upstream bodies the error vectors describe. SCIM
bodies follow the examples of RFC 7644. Rerun after a protocol change:

    python3 fuzz/make_seeds.py
"""

import json
import pathlib
import re
import struct

ROOT = pathlib.Path(__file__).resolve().parent
VECTORS = ROOT.parent.parent / "shared" / "protocol" / "vectors"
SEEDS = ROOT / "seeds"

# Malformed or unusual envelopes worth starting from, beside one per capability.
ENVELOPE_CASES = [
    "error_request_malformed_json",
    "error_request_not_object",
    "error_request_page_size_string",
    "error_request_payload_wrong_type",
    "error_auth_and_credentials_both",
    "error_credentials_wrong_kind",
    "error_settings_wrong_type",
    "success_settings_lax_coercion",
    "success_list_accounts_page2",
    "success_list_resources_rate_limit_state",
    "success_custom_request_include_raw_data_lax",
    "success_validate_credential_config_whitespace",
]
TOKENS = [
    "offset_2",
    "offset_65536",
    "offset_minus_33",
    "endpoint_null",
    "string_utf8",
    "float_value",
    "nested_values",
    "two_paginations",
]


def write(target, name, data):
    directory = SEEDS / target
    directory.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    (directory / name).write_bytes(data)


def vector(name):
    return json.loads((VECTORS / f"{name}.json").read_text())


def envelopes():
    per_capability = {}
    extra = []
    for path in sorted(VECTORS.glob("*.json")):
        case = json.loads(path.read_text())
        argv = case.get("argv") if isinstance(case, dict) else None
        if case.get("connector") != "core-demo" or not argv or argv[1:2] != ["--json"]:
            continue
        if path.stem in ENVELOPE_CASES:
            extra.append((path.stem, argv[0], argv[2]))
        else:
            per_capability.setdefault(argv[0], (path.stem, argv[0], argv[2]))
    # Registered capabilities no core-demo vector runs.
    generic = json.dumps({
        "credentials": [{"id": "core_demo_token", "token": {"token": "good-token"}}],
        "request": {},
        "settings": {"base_url": "http://127.0.0.1:18777"},
    })
    for capability in ["app_info"]:
        if capability not in per_capability:
            per_capability[capability] = (f"generic_{capability}", capability, generic)
    for stem, capability, envelope in list(per_capability.values()) + extra:
        write("envelope", stem, f"{capability}\n{envelope}")
        # The generated example with the same envelope, its own credential id.
        example = envelope.replace("core_demo_oauth", "example_oauth")
        write("envelope", f"example_{stem}", f"example {capability}\n{example}")


def page_tokens():
    cases = vector("page-tokens")
    encode = {case["name"]: case["token"] for case in cases["encode"]}
    for name in TOKENS:
        write("page_token", name, encode[name])
    for case in cases["decode"]:
        if case["token"] is not None:
            write("page_token", f"decode_{case['name']}", case["token"])


def settings():
    write("settings", "base_url", '{"base_url":"http://127.0.0.1:18777"}')
    write("settings", "lax", vector_settings("success_settings_lax_coercion"))
    write("settings", "wrong_type", vector_settings("error_settings_wrong_type"))
    write(
        "settings",
        "rich",
        json.dumps(
            {
                "base_url": "https://acme.example.com",
                "page_size": "25",
                "port": "8443",
                "offset": -3,
                "ratio": "0.5",
                "verbose": "yes",
                "mode": "careful",
                "nested": {"depth": 2.0, "strict": "off"},
                "tags": ["a", "b"],
                "either": "7",
                "token_url": None,
            }
        ),
    )


def vector_settings(name):
    return json.dumps(vector(name)["request"]["settings"])


def upstream_bodies(pattern):
    """(status, body) of the vectors whose `upstream` says `-> <status> {json}`."""
    for path in sorted(VECTORS.glob(pattern)):
        upstream = json.loads(path.read_text()).get("upstream", "")
        match = re.search(r"-> (\d{3})(?: Retry-After: \d+)? (\{.*\})$", upstream)
        if match and "..." not in match.group(2):
            yield path.stem, int(match.group(1)), match.group(2)


def oauth():
    bodies = list(upstream_bodies("success_*authoriz*")) + list(
        upstream_bodies("success_refresh*")
    )
    bodies += list(upstream_bodies("error_handle_authorization_callback_*"))
    bodies.append(("form_encoded", 200, "access_token=at&token_type=bearer"))
    bodies.append(("mac", 200, '{"access_token":"at-123456789","token_type":"mac"}'))
    for stem, status, body in bodies:
        write("oauth_token_response", stem, struct.pack(">H", status) + body.encode())


def error_bodies():
    for stem, status, body in list(upstream_bodies("error_upstream_4*"))[:3] + list(
        upstream_bodies("error_upstream_5*")
    )[:2]:
        write("error_body", stem, struct.pack(">HB", status, 1) + body.encode())
    text = b"Internal failure:\n  database   unavailable"
    write("error_body", "text", struct.pack(">HB", 500, 3) + text)
    write("error_body", "long_text", struct.pack(">HB", 500, 3) + b"x" * 900)
    write("error_body", "html", struct.pack(">HB", 503, 2) + b"<html><p>down</p></html>")
    write("error_body", "empty", struct.pack(">HB", 500, 0))
    write("error_body", "bad_json", struct.pack(">HB", 200, 1) + b"{not json")
    python = b'{"a": [1.5, -0.0, 1e400, NaN, Infinity, true, null, "\\ud83d\\ude00"]}'
    write("error_body", "python_literals", struct.pack(">HB", 400, 0) + python)


def scim():
    user = {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "id": "2819c223-7f76-453a-919d-413861904646",
        "externalId": "bjensen",
        "userName": "bjensen@example.com",
        "name": {"givenName": "Barbara", "familyName": "Jensen"},
        "emails": [{"value": "bjensen@example.com", "type": "work", "primary": True}],
        "active": "True",
        "groups": [{"value": "e9e30dba", "display": "Tour Guides", "type": "direct"}],
        "meta": {"resourceType": "User", "version": 'W/"3694e05e"'},
    }
    group = {
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
        "id": "e9e30dba-f08f-4109-8486-d5c6a331660a",
        "displayName": "Tour Guides",
        "members": [
            {"value": "2819c223", "$ref": "https://example.com/v2/Users/2819c223", "display": "Babs"},
            {"value": "902c246b", "type": "Group"},
        ],
    }
    listing = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
    write("scim_response", "user", json.dumps(user))
    write("scim_response", "group", json.dumps(group))
    write(
        "scim_response",
        "users_page",
        json.dumps({"schemas": [listing], "totalResults": "3", "startIndex": 1,
                    "itemsPerPage": 2, "Resources": [user, {"id": "u2", "active": False}]}),
    )
    write(
        "scim_response",
        "groups_page",
        json.dumps({"schemas": [listing], "resources": [group], "totalResults": None}),
    )
    write(
        "scim_response",
        "error",
        json.dumps({"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
                    "scimType": "uniqueness", "detail": "userName bjensen is taken",
                    "status": 409}),
    )


if __name__ == "__main__":
    envelopes()
    page_tokens()
    settings()
    oauth()
    error_bodies()
    scim()
