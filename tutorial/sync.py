#!/usr/bin/env python3
"""Walks every page of a connector's list capabilities, as the platform does in a sync.

    python3 tutorial/sync.py ENVELOPE.json [--only CAPABILITY] -- CONNECTOR COMMAND...

ENVELOPE.json holds the credentials and settings (its `request` is replaced by `{}`); the
connector command is what runs the connector, e.g. `cargo run -q --` in its crate. For each
list capability the script calls the connector, passes the returned `page` back until it is
null, and prints one line: the capability, how many items, how many distinct ids and pages.
An error envelope stops it with exit status 1 and the error printed. Standard library only.
"""

import argparse
import json
import subprocess
import sys

CAPABILITIES = {
    # capability: how to name one item, for the distinct count
    "list_accounts": lambda item: item["integration_specific_id"],
    "list_resources": lambda item: (item["resource_type"], item["integration_specific_id"]),
    "list_entitlements": lambda item: (item["integration_specific_resource_id"],
                                       item["integration_specific_id"]),
    "find_entitlement_associations": lambda item: (
        item["account_id"], item["integration_specific_resource_id"],
        item["integration_specific_entitlement_id"]),
}
MAX_PAGES = 1000


def call(command, capability, envelope):
    completed = subprocess.run(command + [capability, "--json", json.dumps(envelope)],
                               capture_output=True, text=True, check=False)
    try:
        return json.loads(completed.stdout)
    except ValueError:
        sys.exit(f"{capability}: the connector printed no JSON (exit {completed.returncode}):\n"
                 f"{completed.stdout}{completed.stderr}")


def walk(command, capability, base):
    """Every page of `capability`: (items, pages)."""
    envelope = dict(base, request={})
    envelope.pop("page", None)
    items, pages = [], 0
    while True:
        output = call(command, capability, envelope)
        if output.get("is_error"):
            sys.exit(f"{capability}: error on page {pages + 1}: {json.dumps(output['error'])}")
        items.extend(output["response"])
        pages += 1
        page = output.get("page")
        if not page:
            return items, pages
        if pages >= MAX_PAGES:
            sys.exit(f"{capability}: still more pages after {MAX_PAGES}; is the token advancing?")
        envelope["page"] = page


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("envelope", help="JSON file with the credentials and settings")
    parser.add_argument("--only", choices=sorted(CAPABILITIES), action="append",
                        help="walk only this capability (repeatable)")
    argv = sys.argv[1:]
    if "--" not in argv:
        parser.error("give the connector command after --, e.g. -- cargo run -q --")
    split = argv.index("--")
    args = parser.parse_args(argv[:split])
    command = argv[split + 1:]
    if not command:
        parser.error("give the connector command after --, e.g. -- cargo run -q --")
    with open(args.envelope, encoding="utf-8") as file:
        base = json.load(file)
    for capability, key in CAPABILITIES.items():
        if args.only and capability not in args.only:
            continue
        items, pages = walk(command, capability, base)
        distinct = len({json.dumps(key(item)) for item in items})
        plural = "" if pages == 1 else "s"
        print(f"{capability}: {len(items)} items, {distinct} distinct, {pages} page{plural}")


if __name__ == "__main__":
    main()
