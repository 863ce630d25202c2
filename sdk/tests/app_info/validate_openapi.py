"""Validate OpenAPI 3.0 documents with openapi-spec-validator.

Usage: python validate_openapi.py DOCUMENT.json...

Prints one line per problem (file, JSON pointer, message) and exits 1 if there is any.
"""

import json
import sys

from openapi_spec_validator import OpenAPIV30SpecValidator


def main() -> int:
    status = 0
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as handle:
            spec = json.load(handle)
        if not str(spec.get("openapi", "")).startswith("3.0."):
            print(f"{path}: not an OpenAPI 3.0 document (openapi: {spec.get('openapi')!r})")
            status = 1
            continue
        try:
            for error in OpenAPIV30SpecValidator(spec).iter_errors():
                pointer = "/".join(str(part) for part in error.absolute_path)
                print(f"{path}: /{pointer}: {error.message[:300]}")
                status = 1
        # The validator's deeper checks can trip over a document its schema check already
        # rejected; that is one more problem, not a reason to stop.
        except Exception as error:  # noqa: BLE001
            print(f"{path}: validator stopped: {type(error).__name__}: {error}")
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
