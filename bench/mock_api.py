"""A local mock of the conventional REST API both benchmarked connectors talk to.

    GET /me                      -> {"tenant_id": "bench-tenant"}
    GET /users?limit=N&offset=M  -> {"items": [...], "has_more": bool}

Users are deterministic: u00001 .. u<count>, with the fields the generated connector's
`ApiUser` reads (id, email, given_name, family_name, username, status). Every request must
carry `Authorization: Bearer <token>`; anything else gets a 401, so a connector that forgot
its credential cannot pass the benchmark.

Run alone: `python bench/mock_api.py [--users 10000] [--token bench-token]`. It binds
127.0.0.1 on an ephemeral port and prints `port=<N>` on stdout once it is listening.
"""

from __future__ import annotations

import argparse
import json
import sys
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

TENANT_ID = "bench-tenant"
DEFAULT_TOKEN = "bench-token"
DEFAULT_USERS = 10_000
MAX_LIMIT = 500

# Statuses cycle through every value the connectors map, so the comparison covers them all.
STATUSES = ("active", "active", "active", "suspended", "pending", "deleted", "disabled")
GIVEN = ("Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken")
FAMILY = ("Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson")


def user(number: int) -> dict:
    """The user with 1-based `number`, always the same."""
    uid = f"u{number:05d}"
    return {
        "id": uid,
        "email": f"{uid}@example.com",
        "given_name": GIVEN[number % len(GIVEN)],
        "family_name": FAMILY[(number // len(GIVEN)) % len(FAMILY)],
        "username": f"user{number}",
        "status": STATUSES[number % len(STATUSES)],
    }


def expected_accounts(count: int) -> list[tuple]:
    """What both connectors must return for `count` users: (id, email, names, status) in order."""
    return [
        (u["id"], u["email"], u["given_name"], u["family_name"], u["status"])
        for u in (user(n) for n in range(1, count + 1))
    ]


class Handler(BaseHTTPRequestHandler):
    """Serves /me and /users; everything else is a 404."""

    server_version = "bench-mock/1"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - http.server's name
        pass  # quiet: the benchmark prints its own table

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        if self.headers.get("Authorization") != f"Bearer {self.server.token}":
            self._send(401, b'{"error":"invalid_token"}')
            return
        url = urlsplit(self.path)
        if url.path == "/me":
            self._send(200, json.dumps({"tenant_id": TENANT_ID}).encode())
        elif url.path == "/users":
            query = parse_qs(url.query)
            try:
                limit = int(query.get("limit", ["100"])[0])
                offset = int(query.get("offset", ["0"])[0])
            except ValueError:
                self._send(400, b'{"error":"bad limit or offset"}')
                return
            if limit < 1 or limit > MAX_LIMIT or offset < 0:
                self._send(400, b'{"error":"limit must be 1..500, offset >= 0"}')
                return
            self._send(200, page(self.server.users, limit, offset))
        else:
            self._send(404, b'{"error":"not_found"}')

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@lru_cache(maxsize=1024)
def page(count: int, limit: int, offset: int) -> bytes:
    """One page of the user list, rendered once: the mock must not be what is measured."""
    numbers = range(offset + 1, min(offset + limit, count) + 1)
    return json.dumps(
        {"items": [user(n) for n in numbers], "has_more": offset + limit < count}
    ).encode()


class MockServer(ThreadingHTTPServer):
    """The mock API with its data size and expected token."""

    daemon_threads = True

    def __init__(self, users: int, token: str) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.users = users
        self.token = token


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=DEFAULT_USERS)
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    args = parser.parse_args()
    server = MockServer(args.users, args.token)
    print(f"port={server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    sys.exit(0)


if __name__ == "__main__":
    main()
