"""Runs in a fresh interpreter: opens the TUI headless and reports when the first screen is up.

Prints `frame <seconds>` when the first frame is drawn and `data <seconds>` when the start
area's data is on screen; both counted from the start of this process (imports included).
"""

from __future__ import annotations

import time

START = time.perf_counter()

import asyncio  # noqa: E402
import sys  # noqa: E402


async def _main(url: str) -> None:
    from nettverk.services.database import connect
    from nettverk.tui.app import NettverkApp

    db = connect(url, "bench")
    app = NettverkApp(db, today=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen._compositor.render_strips()
        print(f"frame {time.perf_counter() - START:.4f}", flush=True)
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
        app.screen._compositor.render_strips()
        print(f"data {time.perf_counter() - START:.4f}", flush=True)
    db.close()


if __name__ == "__main__":
    asyncio.run(_main(sys.argv[1]))
