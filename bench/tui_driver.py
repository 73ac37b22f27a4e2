"""Runs in a fresh interpreter: opens the TUI headless and reports when the first screen is up.

Opens the app as `nettverk` without a command does: with a connector, so the database (and
SQLAlchemy, and the schema check) opens in a worker after the first frame. Prints
`frame <seconds> <cpu seconds>` when the first frame is drawn and `data <seconds>` when the
start area's data is on screen; counted from the start of this process (imports included).
The CPU time of the process says what the frame costs on a machine that is not shared.
"""

from __future__ import annotations

import time

START = time.perf_counter()

import asyncio  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402

if TYPE_CHECKING:
    from nettverk.services.database import Database
    from nettverk.tui.app import NettverkApp


def _start_loaded(app: NettverkApp) -> bool:
    try:
        return app.current_area.loaded
    except Exception:  # not mounted yet
        return False


async def _main(url: str) -> None:
    from nettverk.tui.app import NettverkApp

    def connect() -> Database:
        from nettverk.services.database import connect

        return connect(url, "bench")

    class Timed(NettverkApp):
        CSS_PATH = str(Path(sys.modules[NettverkApp.__module__].__file__ or "").with_name(
            str(NettverkApp.CSS_PATH)))

        def on_ready(self) -> None:
            # Textual's Ready: the first frame has been rendered (headless: not written out).
            # Both this and the app's own handler run.
            print(f"frame {time.perf_counter() - START:.4f} {time.process_time():.4f}",
                  flush=True)

    app = Timed(connect, today=None)
    async with app.run_test(size=(120, 40)) as pilot:
        # The connection, then the start area's rows (and the detail of the first row).
        for _ in range(50):
            await app.workers.wait_for_complete()
            await pilot.pause()
            if app.connected and not app.workers and _start_loaded(app):
                break
        app.screen._compositor.render_strips()
        print(f"data {time.perf_counter() - START:.4f}", flush=True)
    if app.connected:
        app.db.close()


if __name__ == "__main__":
    asyncio.run(_main(sys.argv[1]))
