"""Draw the README's screenshot of Oversikt on the full demo data: `python docs/screenshot.py`.

The date is fixed, so the picture only changes when the app or the demo data do.
"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import date
from pathlib import Path

from nettverk.demo import seed
from nettverk.services.database import connect
from nettverk.tui.app import NettverkApp

TODAY = date(2026, 3, 2)
TARGET = Path(__file__).with_name("dashboard.svg")


async def draw() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = connect(f"sqlite:///{Path(folder) / 'demo.db'}", "demo")
        try:
            seed.load(db)
            app = NettverkApp(db, today=TODAY, title="demo")
            async with app.run_test(size=(132, 36)) as pilot:
                for _ in range(3):
                    await pilot.pause()
                    await app.workers.wait_for_complete()
                await pilot.pause(0.2)
                TARGET.write_text(app.export_screenshot(title="nettverk — Oversikt"),
                                  encoding="utf-8")
        finally:
            db.close()


if __name__ == "__main__":
    asyncio.run(draw())
    print(f"skrev {TARGET}")
