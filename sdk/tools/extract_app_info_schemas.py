#!/usr/bin/env python3
"""Extract what the reference runtime's `app_info` builds its OpenAPI document from.

One-time developer tool, not run by CI; companion of ``extract_standard_schemas.py`` (same
throw-away venv, same integration with every standard capability registered). It writes
``sdk/schemas/app_info_schemas.json``:

* ``defs``: every model schema (``$defs`` entry) of the standard capabilities' full request
  and response envelopes, by name, as the reference generates them for ``app_info``
  (``ref_template="#/components/schemas/{model}"``, before its OpenAPI 3.0 conversion). A
  name always denotes one schema; the script checks it.
* ``capabilities``: per standard capability, the names of its request and response
  envelopes' ``$defs`` (in the reference's order), the envelope's ``request`` and
  ``response`` members, and whether the request envelope has ``auth`` / ``credentials``.
* ``custom``: the same for the envelopes of custom and extended capabilities
  (``CustomRequest`` / ``CustomResponse``), without the connector's own payload models.
* ``auth``: per credential type, the schema of a single-auth connector's credential model
  and of a multi-auth credential's input model (``x-field_order`` added, as the reference
  does), and its display name.

Usage (from anywhere)::

    python3 sdk/tools/extract_app_info_schemas.py
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "schemas" / "app_info_schemas.json"


def load_companion():
    spec = importlib.util.spec_from_file_location("extract", HERE / "extract_standard_schemas.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def envelope_parts(schema: dict, member: str) -> dict:
    return {
        "defs": list(schema.get("$defs", {}).keys()),
        member: schema.get("properties", {}).get(member),
    }


def records_text(data: dict) -> str:
    """The data as JSON with one record per line (a model, a capability, a credential
    type), so that a new reference version shows up as a readable diff."""
    compact = {"separators": (",", ":"), "ensure_ascii": False}
    parts = []
    for key, value in data.items():
        if isinstance(value, dict) and key != "custom":
            lines = [f"{json.dumps(k)}:{json.dumps(v, **compact)}" for k, v in value.items()]
            parts.append(f"{json.dumps(key)}:{{\n" + ",\n".join(lines) + "\n}")
        else:
            parts.append(f"{json.dumps(key)}:{json.dumps(value, **compact)}")
    return "{" + ",\n".join(parts) + "}\n"


def main() -> None:
    companion = load_companion()
    companion.ensure_reference_installed()

    from connector.oai.capability import CustomRequest, CustomResponse, generate_capability_schema
    from connector.oai.modules.info_module import AUTH_TYPE_MAPPING
    from connector_sdk_types.oai.modules.credentials_module_types import (
        AUTH_MODEL_TO_NAME,
        AUTH_TYPE_MAP,
    )
    from pydantic import BaseModel

    integration, registrable, _, _ = companion.build_integration()
    defs: dict[str, dict] = {}

    def collect(schema: dict) -> None:
        for name, definition in schema.get("$defs", {}).items():
            if name in defs and defs[name] != definition:
                raise SystemExit(f"two different schemas named {name}")
            defs[name] = definition

    capabilities = {}
    for name in registrable:
        full = generate_capability_schema(integration.capabilities[name], full_schema=True)
        for schema in (full.argument, full.output):
            if schema.get("type") == "array":
                raise SystemExit(f"{name}: list envelope")
            collect(schema)
        properties = full.argument.get("properties", {})
        capabilities[name] = {
            "request_defs": list(full.argument.get("$defs", {}).keys()),
            "request": properties.get("request"),
            "auth": "auth" in properties,
            "credentials": "credentials" in properties,
            "response_defs": list(full.output.get("$defs", {}).keys()),
            "response": full.output.get("properties", {}).get("response"),
        }

    class CustomPayloadPlaceholder(BaseModel):
        pass

    template = "#/components/schemas/{model}"
    custom = {}
    for kind, envelope in (("request", CustomRequest), ("response", CustomResponse)):
        schema = envelope[CustomPayloadPlaceholder].model_json_schema(ref_template=template)
        collect({"$defs": {k: v for k, v in schema["$defs"].items() if k != "CustomPayloadPlaceholder"}})
        custom[f"{kind}_defs"] = [k for k in schema["$defs"] if k != "CustomPayloadPlaceholder"]
        properties = schema.get("properties", {})
        custom["auth"] = custom.get("auth", False) or "auth" in properties
        custom["credentials"] = custom.get("credentials", False) or "credentials" in properties

    def extended(model) -> dict:
        schema = model.model_json_schema(ref_template=template)
        schema["x-field_order"] = list(model.model_fields.keys())
        return schema

    auth = {
        kind.value: {
            "single": extended(AUTH_TYPE_MAP[kind]),
            "multi": extended(AUTH_TYPE_MAPPING[kind][0]),
            "name": AUTH_MODEL_TO_NAME[kind],
        }
        for kind in AUTH_TYPE_MAP
    }

    versions = companion.installed_versions()
    data = {
        "_source": " ".join(f"{name}=={v}" for name, v in versions.items()),
        "defs": defs,
        "capabilities": capabilities,
        "custom": custom,
        "auth": auth,
    }
    OUT.write_text(records_text(data), encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(defs)} schemas)")


if __name__ == "__main__":
    main()
