#!/usr/bin/env python3
"""Draft Rust payload types for `connector_sdk::models` from the reference's schemas.

One-time developer tool, not run by CI. It prints a draft module with the Rust types of the
named pydantic models (a capability's request model, its response or list item model, and
the models and enums they reference), written so that ``model_schema`` of each equals the
reference's schema: doc comments are the reference's descriptions word for word, ``x-*``
annotations become ``#[schemars(extend(...))]``, undescribed members get
``#[schemars(description = "")]``, and optional members ``#[serde(default)]``.

Drafts need a review, and hand edits where the output says ``TODO``: unions of several types
(``#[schemars(schema_with = ...)]``), pydantic ``Any`` members, defaults other than null or
``[]``. ``sdk/tests/typed_payloads.rs`` then lists every remaining difference by JSON path.

Usage, with an interpreter that has ``connector-py==4.280.0`` installed (see
``extract_standard_schemas.py``)::

    python sdk/tools/draft_standard_models.py "Module doc." GetAccount FoundAccountData
"""

from __future__ import annotations

import json
import re
import sys

# Rust keywords that appear as member names; they become raw identifiers.
KEYWORDS = {"type", "ref", "match", "fn", "struct", "enum", "mod", "use", "impl", "self", "move"}
DEFAULTABLE = ("Option<", "Vec<", "String", "bool", "i64", "f64", "Map<", "BTreeMap<", "Value")


def reference_models() -> dict[str, dict]:
    """Every model of the standard capability signatures, by name."""
    from connector.oai.capability import _STANDARD_CAPABILITY_SIGNATURES

    models: dict[str, dict] = {}
    for signature in _STANDARD_CAPABILITY_SIGNATURES.values():
        for payload in (signature.input_payload, signature.output_payload):
            schema = payload.json_schema
            models.update(schema.get("$defs", {}))
            root = {key: value for key, value in schema.items() if key != "$defs"}
            models.setdefault(root["title"], root)
    return models


def is_null(schema: dict) -> bool:
    return schema == {"type": "null"}


def rust_type(schema: dict) -> str:
    """The Rust type of a member schema, without the outer `Option`."""
    if "$ref" in schema:
        return schema["$ref"].split("/")[-1]
    if "anyOf" in schema:
        branches = [branch for branch in schema["anyOf"] if not is_null(branch)]
        return rust_type(branches[0]) if len(branches) == 1 else "TODO_UNION"
    kind = schema.get("type")
    if kind == "string":
        return "String"
    if kind == "integer":
        return "i64"
    if kind == "number":
        return "f64"
    if kind == "boolean":
        return "bool"
    if kind == "array":
        return f"Vec<{rust_type(schema.get('items', {}))}>"
    if kind == "object":
        values = schema.get("additionalProperties")
        if values is True or values is None:
            return "Map<String, Value>"
        inner = rust_type(values)
        if any(is_null(branch) for branch in values.get("anyOf", [])):
            inner = f"Option<{inner}>"
        return f"BTreeMap<String, {inner}>"
    return "Value /* TODO: pydantic Any */"


def doc(text: str, indent: str) -> str:
    if "\n" in text or text.startswith("#") or text != text.strip():
        return f"{indent}#[doc = {json.dumps(text)}]\n"
    return f"{indent}/// {text}\n"


def variant_name(value: str) -> str:
    parts = re.split(r"[^A-Za-z0-9]+", value)
    name = "".join(part[:1].upper() + part[1:].lower() for part in parts if part)
    return name if name[:1].isalpha() else "V" + name


def uses_float(models: dict, name: str, seen: set[str]) -> bool:
    if name in seen or "enum" in models[name]:
        return False
    seen.add(name)
    text = json.dumps(models[name])
    return '"number"' in text or any(
        uses_float(models, other, seen)
        for other in re.findall(r"#/\$defs/(\w+)", text)
        if other in models
    )


def defaultable(models: dict, name: str, seen: set[str]) -> bool:
    if "enum" in models[name]:
        return False
    if name in seen:
        return True
    seen.add(name)
    for schema in models[name].get("properties", {}).values():
        kind = rust_type(schema)
        nullable = any(is_null(branch) for branch in schema.get("anyOf", []))
        if nullable or kind.startswith(DEFAULTABLE):
            continue
        if not (kind in models and defaultable(models, kind, seen)):
            return False
    return True


def draft_enum(name: str, model: dict) -> str:
    out = doc(model.get("description", name), "")
    out += "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]\n"
    out += f"pub enum {name} {{\n"
    for value in model["enum"]:
        out += f'    /// `{value}`\n    #[serde(rename = "{value}")]\n    {variant_name(value)},\n'
    return out + "}\n"


def draft_member(member: str, schema: dict, required: bool) -> str:
    nullable = any(is_null(branch) for branch in schema.get("anyOf", []))
    kind = rust_type(schema)
    if nullable:
        kind = f"Option<{kind}>"
    description = schema.get("description")
    out = doc(description, "    ") if description else f"    /// {member.replace('_', ' ').capitalize()}.\n"
    if not required:
        default = schema.get("default")
        if default is None or default == []:
            out += "    #[serde(default)]\n"
        else:
            out += f"    #[serde(default)] // TODO: default {json.dumps(default)}\n"
    schemars = []
    if required and nullable:
        schemars.append("required")
    if not description:
        schemars.append('description = ""')
    extend = [f'"{key}" = {json.dumps(value)}' for key, value in schema.items() if key.startswith("x-")]
    branch = next((b for b in schema.get("anyOf", [schema]) if not is_null(b)), {})
    if "format" in branch:
        extend.append(f'"format" = {json.dumps(branch["format"])}')
    if extend:
        schemars.append(f"extend({', '.join(extend)})")
    if schemars:
        out += f"    #[schemars({', '.join(schemars)})]\n"
    ident = f"r#{member}" if member in KEYWORDS else member
    return out + f"    pub {ident}: {kind},\n"


def draft_struct(models: dict, name: str) -> str:
    model = models[name]
    required = model.get("required", [])
    derives = ["Debug", "Clone"]
    if defaultable(models, name, set()):
        derives.append("Default")
    derives.append("PartialEq")
    if not uses_float(models, name, set()):
        derives.append("Eq")
    derives += ["Serialize", "Deserialize", "JsonSchema"]
    out = doc(model.get("description", name), "")
    out += f"#[derive({', '.join(derives)})]\n"
    extend = [f'"{key}" = {json.dumps(value)}' for key, value in model.items() if key.startswith("x-")]
    if extend:
        out += f"#[schemars(extend({', '.join(extend)}))]\n"
    members = "".join(
        draft_member(member, schema, member in required)
        for member, schema in model.get("properties", {}).items()
    )
    return out + f"pub struct {name} {{\n{members}}}\n"


def main() -> None:
    module_doc, *names = sys.argv[1:]
    models = reference_models()
    body = "\n".join(
        draft_enum(name, models[name]) if "enum" in models[name] else draft_struct(models, name)
        for name in names
    )
    print(f"//! {module_doc}\n")
    print("use schemars::JsonSchema;\nuse serde::{Deserialize, Serialize};\n")
    print(body, end="")


if __name__ == "__main__":
    main()
