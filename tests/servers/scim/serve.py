"""Runs scim2-server (its own `scim2-server` command) for the SCIM tier, with two additions.

* The bearer token comes from the SCIM_TEST_BEARER_TOKEN environment variable instead of the
  command line, so it does not show in process listings.
* The server exits when its standard input closes: the test holds the other end, so the
  server stops even if the test process dies without stopping it.

Every argument is passed on to `scim2-server` (for instance `--port 8080`).
"""

import os
import sys
import threading

from scim2_server.testserver.cli import main


def exit_when_stdin_closes() -> None:
    sys.stdin.buffer.read()
    os._exit(0)


if __name__ == "__main__":
    token = os.environ.get("SCIM_TEST_BEARER_TOKEN")
    if not token:
        sys.exit("serve.py: SCIM_TEST_BEARER_TOKEN is not set")
    sys.argv = ["scim2-server", *sys.argv[1:], "--bearer-token", token]
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    main()
