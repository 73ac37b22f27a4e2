"""Start of one browser session's app: ends with the `serve web` server that started it.

`python -m nettverk.web_child` is what the server runs for each browser session. The database
URL comes in the environment (NETTVERK_DATABASE_URL), never in the command line, where every
user of the machine could read it (/proc/<pid>/cmdline). On Linux the kernel kills the child
when the server dies, even with SIGKILL (PR_SET_PDEATHSIG); the server also ends every child it
started when it stops.
"""

from __future__ import annotations

import os
import signal
import sys

PARENT_ENV = "NETTVERK_WEB_PARENT"
_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Ask the kernel to kill this process when its parent dies (Linux), or exit if it has."""
    parent = os.environ.pop(PARENT_ENV, "")
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - not glibc/musl
            pass
    if parent.isdigit() and os.getppid() != int(parent):
        raise SystemExit(0)  # the server is already gone


def main() -> int:
    """Run the terminal UI for one browser session."""
    die_with_parent()
    from nettverk.cli import main as cli_main

    return cli_main(sys.argv[1:])


if __name__ == "__main__":
    raise SystemExit(main())
