"""The first list read through the ORM does not wait for SQLAlchemy to configure its mapped
classes (150–300 ms of CPU in a new process, issue 17): the app does it in the background once
its first area is on screen. Checked in a new interpreter, where nothing has configured them."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from nettverk.services.database import Database

SCRIPT = textwrap.dedent("""
    import asyncio, sys
    from datetime import date

    from sqlalchemy import inspect

    from nettverk.domain.network import Milestone
    from nettverk.services.database import connect
    from nettverk.tui.app import NettverkApp
    from nettverk.tui.widgets.list_area import ListArea


    async def main(url):
        app = NettverkApp(lambda: connect(url, "test"), today=date(2026, 3, 2))
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(200):  # up to 10 s: the answer is whether it happens at all
                await pilot.pause(0.05)
                if inspect(Milestone).configured:
                    break
            print(inspect(Milestone).configured, sorted(a.id for a in app.query(ListArea)))

    asyncio.run(main(sys.argv[1]))
""")


def test_the_orm_is_made_ready_while_the_first_area_shows(tui_db: Database) -> None:
    url = tui_db.engine.url.render_as_string(hide_password=False)
    done = subprocess.run([sys.executable, "-c", SCRIPT, url], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    # configured, with only the start area (Oversikt, read in plain SQL) ever opened
    assert done.stdout.split("\n")[0] == "True ['area-oversikt']"
