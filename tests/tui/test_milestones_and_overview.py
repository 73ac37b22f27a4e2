"""Milepæler and Oversikt: list, filter, add, inline validation, edit, done; dashboard opens items."""

from __future__ import annotations

from datetime import date

import pytest

from nettverk.services import milestones
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.virtual_table import VirtualTable
from tests.support import snapshot
from tests.tui.conftest import NARROW, TODAY, WIDE
from tests.tui.pilot import fill, flat_text, screen_text, settle, type_text

pytestmark = pytest.mark.asyncio
SIZES = [pytest.param(NARROW, id="80x24"), pytest.param(WIDE, id="200x60")]
SLUG = "mindre-kommuner-2020"


def table(app: NettverkApp, area: str) -> VirtualTable:
    return app.query_one(f"#area-{area} #table", VirtualTable)


def seed_milestones(db: Database) -> None:
    milestones.add_milestone(db.uow(), "Vedta planstrategi", date(2026, 2, 1), SLUG, "1853",
                             today=TODAY)
    milestones.add_milestone(db.uow(), "Innspill til samfunnsdelen", date(2026, 3, 10), SLUG,
                             "1839", today=TODAY)
    milestones.add_milestone(db.uow(), "Sluttrapport", date(2026, 12, 1), SLUG, today=TODAY)


@pytest.mark.parametrize("size", SIZES)
async def test_overview_lists_what_needs_attention_and_opens_it(
    tui_db: Database, size: tuple[int, int]
) -> None:
    seed_milestones(tui_db)
    app = NettverkApp(tui_db, today=TODAY, title="demo")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        sections = {row.cells[2]: row.cells[0] for row in table(app, "oversikt").rows}
        assert sections["Vedta planstrategi"] == "Forsinket"
        assert sections["Innspill til samfunnsdelen"] == "Frist snart"
        assert "Sluttrapport" not in sections  # not due for months
        await type_text(pilot, "vedta planstrategi evenes")
        await settle(pilot)
        assert "Vedta planstrat" in screen_text(app)
        assert [r.cells[2] for r in table(app, "oversikt").rows] == ["Vedta planstrategi"]
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert app.query_one("#areas").active == "tab-milepaeler"  # type: ignore[attr-defined]
        current = table(app, "milepaeler").current
        assert current is not None and current.data.title == "Vedta planstrategi"


@pytest.mark.parametrize("size", SIZES)
async def test_milestones_filter_add_refuse_and_edit(tui_db: Database, size: tuple[int, int]) -> None:
    seed_milestones(tui_db)
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="milepaeler")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert table(app, "milepaeler").total == len(
            milestones.list_milestones(tui_db.uow(), today=TODAY))
        await type_text(pilot, "sluttrapport")
        await settle(pilot)
        titles = [r.data.title for r in table(app, "milepaeler").rows]
        assert "Sluttrapport" in titles
        assert all("sluttrapport" in r.haystack() for r in table(app, "milepaeler").rows)
        await pilot.press("escape", "ctrl+n")
        await settle(pilot)
        before = snapshot(tui_db.engine)
        fill(app, title="Budsjettinnspill", due="32.13.2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#field-due").has_class("invalid")
        assert snapshot(tui_db.engine) == before
        fill(app, due="15.04.2026", programme=SLUG)
        await pilot.press("ctrl+s")
        await settle(pilot)
        titles = {m.title: m for m in milestones.list_milestones(tui_db.uow(), today=TODAY)}
        assert titles["Budsjettinnspill"].due == date(2026, 4, 15)
        assert table(app, "milepaeler").current.data.title == "Budsjettinnspill"  # type: ignore[union-attr]
        await pilot.press("enter")
        await settle(pilot)
        fill(app, due="20.04.2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        titles = {m.title: m for m in milestones.list_milestones(tui_db.uow(), today=TODAY)}
        assert titles["Budsjettinnspill"].due == date(2026, 4, 20)
        await pilot.press("ctrl+d")
        await settle(pilot)
        fill(app, on="01.05.2026")  # in the future: refused next to the field
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "fram i tid" in screen_text(app)
        fill(app, on="02.03.2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        titles = {m.title: m for m in milestones.list_milestones(tui_db.uow(), today=TODAY)}
        assert titles["Budsjettinnspill"].done_on == TODAY


@pytest.mark.parametrize("size", SIZES)
async def test_deleting_a_milestone_asks_first(tui_db: Database, size: tuple[int, int]) -> None:
    from nettverk.tui.screens.confirm import ConfirmScreen

    seed_milestones(tui_db)
    milestones.add_milestone(tui_db.uow(), "Kvartalsrapport", date(2026, 12, 1), SLUG, today=TODAY)
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="milepaeler")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await type_text(pilot, "kvartalsrapport")
        await pilot.press("down")
        await settle(pilot)
        assert table(app, "milepaeler").current.data.title == "Kvartalsrapport"  # type: ignore[union-attr]
        before = snapshot(tui_db.engine)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Slette milepælen «Kvartalsrapport» (frist 01.12.2026)?" in flat_text(app)
        await pilot.press("enter")  # Enter is «Nei»: nothing is deleted
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen)
        assert snapshot(tui_db.engine) == before
        await pilot.press("delete", "j")
        await settle(pilot)
        titles = {m.title for m in milestones.list_milestones(tui_db.uow(), today=TODAY)}
        assert "Kvartalsrapport" not in titles and "Vedta planstrategi" in titles
        assert "Kvartalsrapport" not in {r.data.title for r in table(app, "milepaeler").rows}


async def test_an_area_key_in_a_further_list_closes_it_and_goes_there(tui_db: Database) -> None:
    from nettverk.tui.screens.list_screen import ListScreen

    app = NettverkApp(tui_db, today=TODAY, title="demo", start="milepaeler")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, ListScreen) and app.screen.sub.label == "Oppfølging"
        await pilot.press("5")
        await settle(pilot)
        assert not isinstance(app.screen, ListScreen)
        assert app.query_one("#areas").active == "tab-samlinger"  # type: ignore[attr-defined]
        assert "Samlinger" in screen_text(app)


@pytest.mark.parametrize("leave", ["escape", "5"])
async def test_a_closed_further_list_lets_its_rows_go(tui_db: Database, leave: str) -> None:
    """Closing F2 Oppfølging (Esc, or an area key) gives its rows back at once: the list that is
    read again afterwards freezes what is alive out of the cycle collector's way, and a closed
    screen's rows would otherwise be kept for good (10,000 follow-ups at national scale, each
    time the list was opened and closed)."""
    from nettverk.tui.screens.list_screen import ListScreen

    app = NettverkApp(tui_db, today=TODAY, title="demo", start="milepaeler")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        closed = app.screen
        assert isinstance(closed, ListScreen)
        shown = closed.area.table
        assert shown.total > 0
        await pilot.press(leave)
        await settle(pilot)
        assert app.screen is not closed
        assert shown.total == 0 and len(shown.rows) == 0
