"""Milepæler after the list was made fast (issue 17): it still shows, filters (case and accents
ignored), sorts and opens its rows at 80×24, and what is typed at once after its key is kept."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest

from nettverk.services import milestones
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.list_area import ListArea
from nettverk.tui.widgets.virtual_table import VirtualTable
from tests.tui.conftest import NARROW, TODAY
from tests.tui.pilot import flat_text, settle
from tests.tui.test_terminal import Terminal, terminal  # noqa: F401  (the tmux fixture)

SLUG = "mindre-kommuner-2020"


def seed(db: Database) -> None:
    milestones.add_milestone(db.uow(), "Budsjettinnspill fra Bodø", date(2026, 4, 1),
                             municipality="1804", today=TODAY)
    milestones.add_milestone(db.uow(), "Vedta planstrategi", date(2026, 2, 1), SLUG, "1853",
                             today=TODAY)


def table(app: NettverkApp) -> VirtualTable:
    return app.query_one("#area-milepaeler #table", VirtualTable)


@pytest.mark.asyncio
async def test_typed_at_once_after_the_key_filters_the_list_accent_blind(tui_db: Database) -> None:
    seed(tui_db)
    app = NettverkApp(tui_db, today=TODAY, title="demo")  # starts in Oversikt
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("7", "b", "o", "d", "o")  # no pause between the key and the letters
        await settle(pilot)
        area = app.query_one("#area-milepaeler", ListArea)
        assert area.query_one("#filter").value == "bodo"  # type: ignore[attr-defined]
        rows = table(app).rows
        assert [r.data.title for r in rows] == ["Budsjettinnspill fra Bodø"]
        assert table(app).total == len(milestones.list_milestones(tui_db.uow(), today=TODAY))
        assert "Budsjettinnspill fra Bodø" in flat_text(app)
        assert "1/1 · 1 av" in flat_text(app)
        # the oversikt list behind did not get the letters
        oversikt = app.query_one("#area-oversikt", ListArea)
        assert oversikt.query_one("#filter").value == ""  # type: ignore[attr-defined]


@pytest.mark.asyncio
async def test_a_letter_and_the_list_it_filters_are_drawn_in_the_same_frame(
        tui_db: Database) -> None:
    """The list is filtered in the key's own turn, before the screen can draw the letter
    alone: the frame that shows the letter shows its result (issue 17: each key was two
    frames, the result one frame late)."""
    seed(tui_db)
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="milepaeler")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        area = app.query_one("#area-milepaeler", ListArea)
        field = area.query_one("#filter")
        field.value = "bodo"  # type: ignore[attr-defined]  (no await: no message handled)
        assert [r.data.title for r in table(app).rows] == ["Budsjettinnspill fra Bodø"]
        assert "1/1 · 1 av" in str(area.query_one("#status").render())
        await settle(pilot)
        assert [r.data.title for r in table(app).rows] == ["Budsjettinnspill fra Bodø"]
        field.value = ""  # type: ignore[attr-defined]
        assert len(table(app).rows) == table(app).total > 1


@pytest.mark.asyncio
async def test_the_list_sorts_and_opens_the_highlighted_row(tui_db: Database) -> None:
    seed(tui_db)
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="milepaeler")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        listed = milestones.list_milestones(tui_db.uow(), today=TODAY)
        assert [r.key for r in table(app).rows] == [m.key for m in listed]
        await pilot.press("ctrl+s")  # by deadline, then the other way
        await settle(pilot)
        dues = [r.data.due for r in table(app).rows]
        assert dues == sorted(dues)
        await pilot.press("ctrl+s")
        await settle(pilot)
        dues = [r.data.due for r in table(app).rows]
        assert dues == sorted(dues, reverse=True)
        assert "Frist ▼" in flat_text(app)
        assert table(app).move_to(next(m.key for m in listed if m.title == "Vedta planstrategi"))
        await settle(pilot)
        shown = flat_text(app)  # the detail pane (under the list at 80×24) follows the cursor
        assert "Vedta planstrategi" in shown and "Status forfalt" in shown
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "Endre «Vedta planstrategi»" in flat_text(app)


@pytest.fixture
def seeded(tui_db: Database) -> Database:
    seed(tui_db)
    return tui_db


def test_in_a_terminal_letters_typed_right_after_the_key_are_kept(
        seeded: Database, terminal: Terminal) -> None:  # noqa: F811
    assert terminal.wait_for("saker", 60), terminal.screen()  # Oversikt with its rows
    # one write: the area's key and the letters straight after it, as a fast typist sends them
    subprocess.run([terminal.tmux, "send-keys", "-t", terminal.name, "-l", "7bodo"], check=True)
    # one screen with the count, the row and the letters in the filter line (a capture can
    # catch a frame half drawn, so each is not looked for in a capture of its own)
    screen = terminal.screen_with("1/1 · 1 av", "Budsjettinnspill fra Bodø", "bodo", seconds=30)
    assert "1/1 · 1 av" in screen and "Budsjettinnspill fra Bodø" in screen, screen
    assert "bodo" in screen, screen  # in the filter line


@pytest.mark.asyncio
async def test_a_letter_sent_right_after_an_areas_key_lands_in_its_filter(
        tui_db: Database) -> None:
    """The area's key and the letter as two writes, as a terminal may deliver them (the
    letter is dispatched while nothing has the focus, and reaches the app after the new list
    has it): on the first opening of each area the letter is in that area's filter."""
    from textual import events

    app = NettverkApp(tui_db, today=TODAY, title="demo")  # starts in Oversikt
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        for key, letter, area_id in (("2", "b", "kommuner"), ("5", "s", "samlinger"),
                                     ("8", "b", "avtaler"), ("9", "e", "evaluering"),
                                     ("4", "g", "soknader")):
            app.post_message(events.Key(key, key))
            await pilot.pause(0)
            app.post_message(events.Key(letter, letter))
            await settle(pilot)
            area = app.query_one(f"#area-{area_id}", ListArea)
            assert area.query_one("#filter").value == letter, key  # type: ignore[attr-defined]
            await pilot.press("escape")  # the filter emptied, the list has the focus again
            await settle(pilot)
