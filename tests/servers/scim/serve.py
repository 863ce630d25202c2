"""Runs scim2-server (its own `scim2-server` command) for the SCIM tier, with three additions.

* The bearer token comes from the SCIM_TEST_BEARER_TOKEN environment variable instead of the
  command line, so it does not show in process listings.
* The server exits when its standard input closes: the test holds the other end, so the
  server stops even if the test process dies without stopping it.
* The Group resource type has a schema extension, GROUP_EXTENSION (scim2-server's defaults
  have none), so that group custom attributes meet a real server too: the server's own
  default schemas and resource types plus that extension, given to its `--schema` and
  `--resource-type` options.

Every argument is passed on to `scim2-server` (for instance `--port 8080`).
"""

import json
import os
import sys
import tempfile
import threading

from scim2_server.testserver.cli import main
from scim2_server.utils import load_json_resource

GROUP_EXTENSION = "urn:example:params:scim:schemas:extension:lumos-test:2.0:Group"


def attribute(name: str, kind: str, description: str) -> dict:
    return {
        "name": name,
        "type": kind,
        "multiValued": False,
        "required": False,
        "caseExact": False,
        "mutability": "readWrite",
        "returned": "default",
        "uniqueness": "none",
        "description": description,
    }


def write_json(path: str, value: object) -> None:
    """Writes atomically: tests start several servers at once from one venv."""
    fd, temporary = tempfile.mkstemp(dir=os.path.dirname(path))
    with os.fdopen(fd, "w") as file:
        json.dump(value, file)
    os.replace(temporary, path)


def group_extension_options() -> list:
    schemas = load_json_resource("default-schemas.json")
    schemas.append(
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
            "id": GROUP_EXTENSION,
            "name": "LumosTestGroup",
            "description": "A Group extension of the SCIM tier",
            "attributes": [
                attribute("costCenter", "string", "The group's cost center"),
                attribute("budget", "integer", "The group's yearly budget"),
            ],
            "meta": {
                "resourceType": "Schema",
                "location": "/v2/Schemas/" + GROUP_EXTENSION,
            },
        }
    )
    resource_types = load_json_resource("default-resource-types.json")
    for resource_type in resource_types:
        if resource_type["id"] == "Group":
            resource_type["schemaExtensions"] = [
                {"schema": GROUP_EXTENSION, "required": False}
            ]
    # Beside the installed server (the test's venv cache), never in the repository.
    directory = os.path.join(sys.prefix, "serve-config")
    os.makedirs(directory, exist_ok=True)
    schemas_path = os.path.join(directory, "schemas.json")
    types_path = os.path.join(directory, "resource-types.json")
    write_json(schemas_path, schemas)
    write_json(types_path, resource_types)
    return ["--schema", schemas_path, "--resource-type", types_path]


def exit_when_stdin_closes() -> None:
    sys.stdin.buffer.read()
    os._exit(0)


if __name__ == "__main__":
    token = os.environ.get("SCIM_TEST_BEARER_TOKEN")
    if not token:
        sys.exit("serve.py: SCIM_TEST_BEARER_TOKEN is not set")
    sys.argv = [
        "scim2-server",
        *sys.argv[1:],
        *group_extension_options(),
        "--bearer-token",
        token,
    ]
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    main()
