#!/usr/bin/env python3
"""Record the item schemas of the reference's list-typed standard capabilities.

One-time developer tool, not run by CI. ``info`` shows a list-typed output as the ``Empty``
placeholder, so ``sdk/schemas/standard_capabilities.json`` does not hold the schema of the
items a list capability answers (``FoundAccountData`` for ``list_accounts``, ...). The typed
payloads of ``connector_sdk::models`` are tested against these item schemas, which this script
writes to ``sdk/tests/fixtures/standard_list_items.json`` from the reference's capability
signature table (``connector.oai.capability._STANDARD_CAPABILITY_SIGNATURES``).

Usage: run it with an interpreter that has ``connector-py==4.280.0`` installed (see
``extract_standard_schemas.py``, which creates such a venv).
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "standard_list_items.json"


def main() -> None:
    from importlib.metadata import version

    from connector.oai.capability import _STANDARD_CAPABILITY_SIGNATURES

    items = {
        name.value: signature.output_payload.json_schema
        for name, signature in _STANDARD_CAPABILITY_SIGNATURES.items()
        if signature.output_payload.is_list
    }
    data = {
        "_source": f"connector-py=={version('connector-py')}",
        "items": dict(sorted(items.items())),
    }
    OUT.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
