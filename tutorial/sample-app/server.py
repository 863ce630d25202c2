#!/usr/bin/env python3
"""Crewdesk: a small sample API for the connector tutorial (docs/tutorial.md).

It is not a real product. It exists so that a connector author can adapt a generated
connector to an API that differs from the template's assumptions the way real APIs do:

- authentication with an `X-Api-Key` header, not `Authorization: Bearer`;
- everything under `/api/v2`, no `/me`: `GET /workspace` names the tenant (`slug`);
- cursor pagination: `?page_size=&after=`, answered with
  `{"results": [...], "paging": {"next": "<cursor>" or null}}` (page_size at most 25);
- its own field names (`member_id`, `email_address`, `first`, `last`, `handle`) and status
  values (`state`: `enabled`, `disabled`, `invited`);
- roles granted and revoked through a separate endpoint, `/role-grants`;
- an error body of its own: `{"problem": {"kind": "...", "detail": "..."}}`.

The data is seeded and deterministic: 57 members, 7 projects, 18 roles (4 workspace roles
and a maintainer and a contributor role per project) and their grants. Grants and revokes
change the data in memory only; a restart brings back the seed.

Start it with one command (Python 3.8 or later, standard library only):

    python3 tutorial/sample-app/server.py            # http://127.0.0.1:8765/api/v2
    python3 tutorial/sample-app/server.py --port 0   # a free port, printed on start

It listens on 127.0.0.1 only and prints one line, `listening on http://127.0.0.1:<port>/api/v2`,
once it accepts connections. The API key is `crewdesk-tutorial-key`.
"""

import argparse
import base64
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

API_KEY = "crewdesk-tutorial-key"
PREFIX = "/api/v2"
DEFAULT_PAGE_SIZE = 10
MAX_PAGE_SIZE = 25

FIRST = ["Ada", "Brook", "Cyrus", "Dana", "Emil", "Farah", "Gus", "Hana", "Ivo", "Jun",
         "Kira", "Liam", "Mona", "Noor", "Otto", "Pia", "Quinn", "Rosa", "Sami"]
LAST = ["Abbott", "Baker", "Costa", "Diaz", "Evans", "Fischer", "Garcia"]
PROJECTS = [("apollo", "Apollo", "The mobile app"),
            ("borealis", "Borealis", "Data platform"),
            ("cobalt", "Cobalt", "Billing service"),
            ("delta", "Delta", "Customer portal"),
            ("ember", "Ember", "Internal tools"),
            ("fjord", "Fjord", "Search"),
            ("granite", "Granite", "Infrastructure")]
WORKSPACE_ROLES = [("owner", "Owner"), ("admin", "Administrator"),
                   ("billing", "Billing manager"), ("member", "Member")]


def seed():
    """The seeded data: members, projects, roles and grants, always the same."""
    members = []
    for i in range(1, 58):
        first, last = FIRST[(i - 1) % len(FIRST)], LAST[(i - 1) % len(LAST)]
        state = "invited" if i % 19 == 0 else "disabled" if i % 10 == 0 else "enabled"
        members.append({
            "member_id": f"m-{i:03d}",
            "email_address": f"{first.lower()}.{last.lower()}{i}@crewdesk.test",
            "first": first,
            "last": last,
            "handle": f"{first.lower()}{i}",
            "state": state,
        })
    projects = [{"project_key": key, "title": title, "summary": summary}
                for key, title, summary in PROJECTS]
    roles = [{"role_key": key, "display": display, "project": None}
             for key, display in WORKSPACE_ROLES]
    for key, title, _ in PROJECTS:
        roles.append({"role_key": f"{key}.maintainer", "display": f"{title} maintainer",
                      "project": key})
        roles.append({"role_key": f"{key}.contributor", "display": f"{title} contributor",
                      "project": key})
    grants = [("m-001", "owner")]
    for i in range(1, 58):
        member = f"m-{i:03d}"
        project = PROJECTS[i % len(PROJECTS)][0]
        grants.append((member, "member"))
        if i % 7 == 0:
            grants.append((member, "admin"))
        if i % 11 == 0:
            grants.append((member, "billing"))
        grants.append((member, f"{project}.contributor"))
        if i % 5 == 0:
            grants.append((member, f"{project}.maintainer"))
    return members, projects, roles, grants


class Store:
    """The data, behind a lock: requests are served on several threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.members, self.projects, self.roles, grants = seed()
        self.next_grant = 1
        self.grants = []
        for member, role in grants:
            self.add_grant(member, role)

    def add_grant(self, member_id, role_key):
        project = next(role["project"] for role in self.roles if role["role_key"] == role_key)
        grant = {"grant_id": f"g-{self.next_grant:04d}", "member_id": member_id,
                 "role_key": role_key, "project": project}
        self.next_grant += 1
        self.grants.append(grant)
        return grant


class Problem(Exception):
    """An error answer: status and the app's own error body."""

    def __init__(self, status, kind, detail):
        super().__init__(detail)
        self.status, self.kind, self.detail = status, kind, detail


def encode_cursor(index):
    return base64.urlsafe_b64encode(f"idx:{index}".encode()).decode().rstrip("=")


def decode_cursor(cursor):
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if text.startswith("idx:"):
            return int(text[4:])
    except (ValueError, UnicodeDecodeError):
        pass
    raise Problem(400, "bad_cursor", "The `after` cursor is not one this API returned.")


def page(items, query):
    """One page of `items`: `?page_size=&after=` in, results and the next cursor out."""
    raw_size = query.get("page_size", [str(DEFAULT_PAGE_SIZE)])[0]
    try:
        size = int(raw_size)
    except ValueError:
        size = 0
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise Problem(400, "bad_page_size",
                      f"page_size must be between 1 and {MAX_PAGE_SIZE}, not {raw_size!r}.")
    start = decode_cursor(query["after"][0]) if "after" in query else 0
    chunk = items[start:start + size]
    more = start + size < len(items)
    return {"results": chunk, "paging": {"next": encode_cursor(start + size) if more else None}}


class Handler(BaseHTTPRequestHandler):
    store = None
    server_version = "Crewdesk/2"

    def log_message(self, *args):  # quiet: tests read stdout for the address only
        pass

    def do_GET(self):
        self.handle_request("GET")

    def do_POST(self):
        self.handle_request("POST")

    def do_DELETE(self):
        self.handle_request("DELETE")

    def do_PUT(self):
        self.handle_request("PUT")

    def do_PATCH(self):
        self.handle_request("PATCH")

    def handle_request(self, verb):
        try:
            status, body = self.route(verb)
        except Problem as problem:
            status = problem.status
            body = {"problem": {"kind": problem.kind, "detail": problem.detail}}
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def route(self, verb):
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        if not url.path.startswith(PREFIX + "/"):
            raise Problem(404, "no_such_endpoint",
                          f"No endpoint at {url.path}; the API is under {PREFIX}.")
        if self.headers.get("X-Api-Key") != API_KEY:
            raise Problem(401, "bad_api_key", "Send a valid API key in the X-Api-Key header.")
        parts = [unquote(part) for part in url.path[len(PREFIX) + 1:].split("/")]
        store = self.store
        with store.lock:
            if verb == "GET" and parts == ["workspace"]:
                return 200, {"slug": "sample-co", "name": "Sample Co", "plan": "team"}
            if verb == "GET" and parts == ["members"]:
                return 200, page(store.members, query)
            if verb == "GET" and len(parts) == 2 and parts[0] == "members":
                return 200, self.member(parts[1])
            if verb == "GET" and parts == ["projects"]:
                return 200, page(store.projects, query)
            if verb == "GET" and parts == ["roles"]:
                return 200, page(store.roles, query)
            if verb == "GET" and parts == ["role-grants"]:
                return 200, page(store.grants, query)
            if verb == "POST" and parts == ["role-grants"]:
                return self.grant()
            if verb == "DELETE" and len(parts) == 3 and parts[0] == "role-grants":
                return self.revoke(parts[1], parts[2])
        raise Problem(404 if verb == "GET" else 405, "no_such_endpoint",
                      f"No endpoint {verb} {url.path}.")

    def member(self, member_id):
        for member in self.store.members:
            if member["member_id"] == member_id:
                return member
        raise Problem(404, "unknown_member", f"No member {member_id} in this workspace.")

    def role(self, role_key):
        for role in self.store.roles:
            if role["role_key"] == role_key:
                return role
        raise Problem(404, "unknown_role", f"No role {role_key} in this workspace.")

    def grant(self):
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length) or b"null")
        except ValueError:
            body = None
        if not isinstance(body, dict) or not isinstance(body.get("member_id"), str) \
                or not isinstance(body.get("role_key"), str):
            raise Problem(422, "invalid_grant",
                          "The body must be {\"member_id\": \"...\", \"role_key\": \"...\"}.")
        self.member(body["member_id"])
        self.role(body["role_key"])
        for grant in self.store.grants:
            if grant["member_id"] == body["member_id"] and grant["role_key"] == body["role_key"]:
                return 200, grant
        return 201, self.store.add_grant(body["member_id"], body["role_key"])

    def revoke(self, member_id, role_key):
        grants = self.store.grants
        for index, grant in enumerate(grants):
            if grant["member_id"] == member_id and grant["role_key"] == role_key:
                del grants[index]
                return 204, None
        raise Problem(404, "unknown_grant", f"{member_id} does not hold {role_key}.")


def main():
    parser = argparse.ArgumentParser(description="Crewdesk, the tutorial's sample API.")
    parser.add_argument("--port", type=int, default=8765,
                        help="port on 127.0.0.1 (default 8765; 0 picks a free one)")
    args = parser.parse_args()
    Handler.store = Store()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    port = server.server_address[1]
    print(f"listening on http://127.0.0.1:{port}{PREFIX} (API key: {API_KEY})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    sys.exit(main())
