#!/usr/bin/env python3
"""Extract the reference runtime's `info` schemas into data files for connector-sdk.

One-time developer tool, not run by CI. It produces:

* ``sdk/schemas/standard_capabilities.json``: for every registrable standard capability
  (every ``StandardCapabilityName`` except ``info`` and ``connected_info``) the exact
  ``capability_schema`` entry the reference puts into ``info``
  (``{"argument", "output", "display_name", "description"}``), plus its recorded runtime
  level and its schema category.
* ``sdk/schemas/credential_schemas.json``: the JSON Schema each credential type contributes
  to ``info`` (model schema + ``field_order``), keyed by credential type.

How the entries are obtained: the script builds a real ``connector.oai.integration.Integration``
whose modules auto-register app_info, probe_integration, validate_credential_config and the
OAuth capabilities (both OAuth flows are enabled), registers a dummy handler for every other
standard capability, annotated with the envelope types the reference requires for it
(``connector.oai.capability._STANDARD_CAPABILITY_SIGNATURES``, enforced by
``register_capability``), and reads ``integration.info()``. The auto-registered entries are
also cross-checked against dummies built from the same signature table.

Usage (from anywhere)::

    python3 sdk/tools/extract_standard_schemas.py

If ``connector`` is not importable, the script creates the throw-away venv ``/tmp/cpy``,
installs ``connector-py==4.280.0`` into it and re-runs itself with that interpreter.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PACKAGE = "connector-py"
VERSION = "4.280.0"
VENV = Path("/tmp/cpy")
OUT_DIR = Path(__file__).resolve().parent.parent / "schemas"

# Not registrable: `info` is the built-in command, `connected_info` an operation only.
NOT_REGISTRABLE = {"info", "connected_info"}


def ensure_reference_installed() -> None:
    """Re-exec inside the throw-away venv when the reference package is missing."""
    try:
        import connector  # noqa: F401
    except ImportError:
        python = VENV / "bin" / "python"
        if os.environ.get("EXTRACT_IN_VENV"):
            sys.exit(f"{PACKAGE} is still not importable from {sys.executable}")
        if not python.exists():
            subprocess.check_call([sys.executable, "-m", "venv", str(VENV)])
        subprocess.check_call(
            [str(VENV / "bin" / "pip"), "install", "-q", f"{PACKAGE}=={VERSION}"]
        )
        env = dict(os.environ, EXTRACT_IN_VENV="1")
        os.execve(str(python), [str(python), __file__, *sys.argv[1:]], env)


def installed_versions() -> dict[str, str]:
    from importlib.metadata import version

    return {name: version(name) for name in (PACKAGE, "connector-sdk-types", "pydantic")}


def dummy_handler(name: str, request_type: type, response_type: type):
    """A capability function whose annotations are all the reference inspects."""

    async def handler(args):  # pragma: no cover - never called
        raise NotImplementedError

    handler.__name__ = name
    handler.__annotations__ = {"args": request_type, "return": response_type}
    return handler


def build_integration():
    from connector.oai.capability import _STANDARD_CAPABILITY_SIGNATURES
    from connector.oai.integration import DescriptionData, Integration
    from connector.oai.modules.oauth_module_types import OAuthFlowType, OAuthSettings
    from connector_sdk_types.generated import StandardCapabilityName
    from connector_sdk_types.oai.modules.credentials_module_types import (
        AuthModel,
        CredentialConfig,
        OAuthConfig,
    )

    integration = Integration(
        app_id="schema-extract",
        version="0.0.0",
        exception_handlers=[],
        description_data=DescriptionData(user_friendly_name="Schema extract", categories=[]),
        credentials=[
            OAuthConfig(
                id="code_flow",
                type=AuthModel.OAUTH,
                description="code flow",
                oauth_settings=OAuthSettings(
                    authorization_url="https://example.invalid/authorize",
                    token_url="https://example.invalid/token",
                    flow_type=OAuthFlowType.CODE_FLOW,
                ),
            ),
            OAuthConfig(
                id="client_credentials",
                type=AuthModel.OAUTH_CLIENT_CREDENTIALS,
                description="client credentials flow",
                optional=True,
                oauth_settings=OAuthSettings(
                    token_url="https://example.invalid/token",
                    flow_type=OAuthFlowType.CLIENT_CREDENTIALS,
                ),
            ),
            CredentialConfig(id="token", type=AuthModel.TOKEN, description="token", optional=True),
        ],
    )
    auto_registered = sorted(integration.capabilities)

    registrable = sorted(n.value for n in StandardCapabilityName if n.value not in NOT_REGISTRABLE)
    signatures = {name.value: sig for name, sig in _STANDARD_CAPABILITY_SIGNATURES.items()}
    missing = sorted(set(registrable) - set(signatures))
    if missing:
        sys.exit(f"no reference signature for: {', '.join(missing)}")

    for name in registrable:
        if name in integration.capabilities:
            continue
        sig = signatures[name]
        handler = dummy_handler(
            name, sig.input_payload.envelope_type, sig.output_payload.envelope_type
        )
        integration.register_capability(StandardCapabilityName(name))(handler)

    if sorted(integration.capabilities) != registrable:
        sys.exit(f"registered {sorted(integration.capabilities)} != {registrable}")
    return integration, registrable, auto_registered, signatures


def check_auto_registered(auto_registered, signatures, entries) -> None:
    """Module handlers must produce the schema their signature-table types produce."""
    from connector.oai.capability import generate_capability_schema

    for name in auto_registered:
        sig = signatures[name]
        handler = dummy_handler(
            name, sig.input_payload.envelope_type, sig.output_payload.envelope_type
        )
        schema = generate_capability_schema(handler)
        if (schema.argument, schema.output) != (
            entries[name]["argument"],
            entries[name]["output"],
        ):
            sys.exit(f"{name}: module handler schema differs from its signature types")


def capability_entries(integration) -> dict[str, dict]:
    info = integration.info().model_dump()["response"]
    return info["capability_schema"]


def capability_table(entries: dict[str, dict]) -> dict[str, dict]:
    from connector_sdk_types.generated.capability_levels import CAPABILITY_LEVELS

    table = {}
    for name, entry in entries.items():
        argument = entry["argument"]
        table[name] = {
            # Runtime level (rate limiting, probe); null = none recorded, treated as write.
            "level": CAPABILITY_LEVELS.get(name),
            # What the argument schema itself advertises.
            "schema_level": argument.get("x-capability-level"),
            "category": argument.get("x-capability-category"),
            "entry": entry,
        }
    return table


def credential_table(integration) -> dict[str, dict]:
    from connector_sdk_types.oai.modules.credentials_module_types import AUTH_TYPE_MAP

    return {
        kind.value: integration.get_model_extended_json_schema(model)
        for kind, model in AUTH_TYPE_MAP.items()
    }


def write_records(path: Path, data: dict, table: str) -> None:
    """One record per line, each in `info`'s own serialization (sorted keys, ", "/": ",
    ASCII-escaped): the runtime reads only the lines it needs, and splices an unmodified
    capability `entry` into `info` without parsing it."""
    lines = [
        json.dumps(name) + ": " + json.dumps(record, sort_keys=True)
        for name, record in sorted(data[table].items())
    ]
    text = (
        "{" + json.dumps("_source") + ": " + json.dumps(data["_source"]) + ",\n"
        + json.dumps(table) + ": {\n" + ",\n".join(lines) + "\n}}\n"
    )
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path} ({len(text)} bytes)")


def main() -> None:
    ensure_reference_installed()
    versions = installed_versions()
    source = " ".join(f"{name}=={v}" for name, v in versions.items())
    if versions[PACKAGE] != VERSION:
        print(f"warning: extracted from {PACKAGE} {versions[PACKAGE]}, not {VERSION}")

    integration, registrable, auto_registered, signatures = build_integration()
    entries = capability_entries(integration)
    check_auto_registered(auto_registered, signatures, entries)

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    write_records(
        OUT_DIR / "standard_capabilities.json",
        {"_source": source, "capabilities": capability_table(entries)},
        "capabilities",
    )
    write_records(
        OUT_DIR / "credential_schemas.json",
        {"_source": source, "schemas": credential_table(integration)},
        "schemas",
    )
    print(f"{len(registrable)} capabilities ({len(auto_registered)} auto-registered)")


if __name__ == "__main__":
    main()
