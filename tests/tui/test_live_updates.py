"""Views that stay current: a change made anywhere shows everywhere, and the cursor stays put."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import threading
import time
from datetime import date

import pytest

from nettverk.services import gatherings, persons, register
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.municipalities import MunicipalitiesArea
from nettverk.tui.widgets.list_area import ListArea
from nettverk.tui.widgets.virtual_table import Row, VirtualTable
from tests.tui.conftest import NARROW
from tests.tui.pilot import fill, flat_text, settle, type_text

pytestmark = pytest.mark.asyncio
TODAY = date(2026, 11, 22)
#: How soon a change made by another process must show in the open app.
WITHIN_SECONDS = 2.0


def table(app: NettverkApp, area: str) -> VirtualTable:
    return app.query_one(f"#area-{area} #table", VirtualTable)


def cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command line in another process (another user, say)."""
    env = {**os.environ, "NETTVERK_USER": "kollega"}
    return subprocess.run([sys.executable, "-m", "nettverk", "--db", url, *args],
                          capture_output=True, text=True, env=env, timeout=120, check=False)


async def shows_within(pilot: object, app: NettverkApp, text: str, seconds: float) -> bool:
    """Whether the screen shows the text within the time (checked every 50 ms)."""
    deadline = time.monotonic() + seconds
    while True:
        if text in flat_text(app):
            return True
        if time.monotonic() > deadline:
            return False
        await pilot.pause(0.05)  # type: ignore[attr-defined]


async def test_a_decision_in_soknader_shows_in_oversikt_and_program(tui_db: Database) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="oversikt")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        sorfold = next(r for r in table(app, "oversikt").rows if "Sørfold" in r.cells)
        assert "mottatt" in sorfold.cells
        await pilot.press("3")
        await settle(pilot)
        assert not any("Sørfold" in " ".join(r.cells) for r in table(app, "program").rows)

        await pilot.press("4")
        await settle(pilot)
        await type_text(pilot, "sørfold")
        await pilot.press("enter", "enter")
        await settle(pilot)
        fill(app, action="accept", reason="Godt forankret")
        await pilot.press("ctrl+s")
        await settle(pilot)

        await pilot.press("1")
        await settle(pilot)
        assert not any("Sørfold" in r.cells for r in table(app, "oversikt").rows)
        await pilot.press("3")
        await settle(pilot)
        assert any("Sørfold" in " ".join(r.cells) for r in table(app, "program").rows)


async def test_the_visible_area_reloads_at_once_and_keeps_the_highlighted_row(
        tui_db: Database) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="kommuner")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        kommuner = table(app, "kommuner")
        kommuner.move_to("1816")  # Vevelstad, well down the list
        await settle(pilot)
        # A change made elsewhere in the app (a worker of another area, say): a row above the
        # cursor gets a new name, and one is added at the top.
        await asyncio.to_thread(register.update_municipality, tui_db.uow(), "1804",
                                name="Bodø by")
        await asyncio.to_thread(register.add_municipality, tui_db.uow(), number="1800",
                                name="Aaaa prøvekommune", county="18", population=10)
        await settle(pilot)
        assert "Bodø by" in flat_text(app)
        assert any(r.key == "1800" for r in kommuner.rows)
        assert kommuner.current is not None and kommuner.current.key == "1816"
        assert "1816 Vevelstad" in flat_text(app)  # the detail pane stays with it


async def test_an_earlier_read_that_ends_last_does_not_bring_back_older_rows(
        tui_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two commits in quick succession start two reads; a busy machine can finish the first
    after the second. The list then shows the second read's rows, not the first's older ones."""
    from nettverk.services import changes

    # Only this process's commits: polling for other processes' would read the list a third time.
    monkeypatch.setattr(changes, "watch_others", lambda *_args: lambda: None)
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="kommuner")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        kommuner = table(app, "kommuner")
        released = threading.Event()
        reads: list[int] = []
        fetch = MunicipalitiesArea.fetch

        def first_read_slow(area: MunicipalitiesArea, db: Database) -> list[Row]:
            rows = fetch(area, db)
            reads.append(len(rows))
            if len(reads) == 1:
                released.wait(10)  # read before the second commit, handed over after it
            return rows

        monkeypatch.setattr(MunicipalitiesArea, "fetch", first_read_slow)
        await asyncio.to_thread(register.update_municipality, tui_db.uow(), "1804",
                                name="Bodø by")
        while not reads:
            await pilot.pause(0.02)
        await asyncio.to_thread(register.add_municipality, tui_db.uow(), number="1800",
                                name="Aaaa prøvekommune", county="18", population=10)
        while len(reads) < 2:
            await pilot.pause(0.02)
        released.set()
        await settle(pilot)
        await pilot.pause(0.2)
        await settle(pilot)
        assert reads == [reads[0], reads[0] + 1]
        assert any(r.key == "1800" for r in kommuner.rows)
        assert "Bodø by" in flat_text(app)


async def test_a_change_heard_while_an_area_mounts_is_read_once_it_is_mounted(
        tui_db: Database) -> None:
    """A commit heard while the area the user just opened is still being mounted (its table
    not there yet) waits for the mount; the area then reads its rows. (CI once saw the app
    stop here with «No nodes match '#table'».)"""
    from textual.widgets import TabbedContent, TabPane

    from nettverk.tui import live

    app = NettverkApp(tui_db, today=TODAY, title="demo", start="kommuner")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        spec = next(s for s in app.areas if s.id == "samlinger")
        area = spec.build()
        mounting = app.query_one("#tab-samlinger", TabPane).mount(area)
        live.data_changed(app, None, lambda: area)  # heard before the area's table is there
        await mounting
        await settle(pilot)
        assert isinstance(area, ListArea) and area.loaded and area.table.total > 0
        app.query_one("#areas", TabbedContent).active = "tab-samlinger"
        await settle(pilot)
        assert area.table.total == len(gatherings.list_gatherings(tui_db.uow()))
        assert "Samlinger" in flat_text(app)


async def test_the_detail_pane_follows_the_filter(tui_db: Database) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="kommuner")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        table(app, "kommuner").move_to("1816")
        await settle(pilot)
        assert "1816 Vevelstad" in flat_text(app)
        await type_text(pilot, "bodø")  # hides Vevelstad
        await settle(pilot)
        assert table(app, "kommuner").current is not None
        assert table(app, "kommuner").current.key == "1804"
        text = flat_text(app)
        assert "Vevelstad" not in text and "1804 Bodø" in text
        await type_text(pilot, "xyz")  # hides every row: the detail is cleared
        await settle(pilot)
        assert "Bodø" not in flat_text(app)


async def test_a_further_list_on_screen_reloads_and_the_area_behind_it_when_shown(
        tui_db: Database) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="kommuner")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("f2")  # Personer, on its own screen
        await settle(pilot)
        await asyncio.to_thread(persons.add_person, tui_db.uow(), name="Aase Nyansatt",
                                municipality="1804")
        await settle(pilot)
        assert "Aase Nyansatt" in flat_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.query_one("#area-kommuner", ListArea).table.total == 79


async def test_the_detail_pane_follows_the_quick_filter(tui_db: Database) -> None:
    from textual.widgets import Select

    app = NettverkApp(tui_db, today=TODAY, title="demo", start="samlinger")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        samlinger = table(app, "samlinger")
        held = next(r for r in samlinger.rows if "held" in r.tags)
        samlinger.move_to(held.key)
        await settle(pilot)
        assert held.data.title in flat_text(app)
        quick = app.query_one("#area-samlinger #quick", Select)
        quick.value = 2  # Avlyst
        await settle(pilot)
        current = samlinger.current
        assert current is not None and "cancelled" in current.tags
        assert current.data.title in flat_text(app)
        assert held.data.title not in flat_text(app)


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres",
                                                            marks=pytest.mark.postgres)],
                         indirect=True)
async def test_a_change_from_another_process_shows_within_two_seconds(
        demo_db: Database, db_url: str, backend: str) -> None:
    app = NettverkApp(demo_db, today=TODAY, title="demo", start="kommuner")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        table(app, "kommuner").move_to("1816")
        await settle(pilot)
        await pilot.pause(1.2)  # the watcher is listening
        done = await asyncio.to_thread(cli, db_url, "municipality", "update", "1816",
                                       "--name", "Vevelstad endret")
        assert done.returncode == 0, done.stderr
        assert await shows_within(pilot, app, "Vevelstad endret", WITHIN_SECONDS)
        assert table(app, "kommuner").current is not None
        assert table(app, "kommuner").current.key == "1816"

        # an area not on screen becomes stale and shows the change when it is opened
        await pilot.press("3")
        await settle(pilot)
        done = await asyncio.to_thread(cli, db_url, "participant", "add", "--programme",
                                       "gode-lokalsamfunn", "--municipality", "1816")
        assert done.returncode == 0, done.stderr
        assert await shows_within(pilot, app, "Vevelstad endret", WITHIN_SECONDS)


async def test_back_from_a_further_list_reads_the_rows_again_only_after_a_change(
        tui_db: Database) -> None:
    """Milepæler, F2 Oppfølging, Esc: nothing changed, so the 100,000 rows of a national list
    are not read again (the user would wait, and the old rows' memory stay behind); after a
    change made meanwhile they are, with the cursor where it was."""
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="milepaeler")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        area = app.query_one("#area-milepaeler", ListArea)
        fetched: list[int] = []
        fetch = area.fetch

        def counting(db: Database) -> object:
            fetched.append(1)
            return fetch(db)

        area.fetch = counting  # type: ignore[method-assign]
        await pilot.press("down", "down")
        kept = area.table.current
        for _ in range(2):
            await pilot.press("f2")
            await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
        assert fetched == [] and area.table.current == kept
        await pilot.press("f2")
        await settle(pilot)
        await asyncio.to_thread(persons.add_person, tui_db.uow(), name="Aase Nyansatt",
                                municipality="1804")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        # read again (twice, when the watch for other processes' commits, which also sees
        # this one, is heard only after the return)
        assert fetched
        assert area.table.current is not None and kept is not None
        assert area.table.current.key == kept.key
