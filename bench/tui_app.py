"""The app as `nettverk` without a command opens it, on the bench data set, for the pty.

Usage: python -m bench.tui_app URL [START_AREA]. "Today" is the data set's day, so the
statuses (and what the filter finds) are the same in every run.
"""

from __future__ import annotations

import sys


def main(url: str, start: str = "oversikt") -> None:
    from bench.dataset import TODAY
    from nettverk.tui.app import NettverkApp

    def connect():  # type: ignore[no-untyped-def]
        from nettverk.services.database import connect

        return connect(url, "bench")

    NettverkApp(connect, today=TODAY, start=start).run()


if __name__ == "__main__":
    main(*sys.argv[1:])
