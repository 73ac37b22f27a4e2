"""Program: open, filter, add a participant, inline validation, change status."""

from __future__ import annotations

import pytest

from nettverk.services import programmes
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.virtual_table import VirtualTable
from tests.support import snapshot
from tests.tui.conftest import NARROW, TODAY, WIDE
from tests.tui.pilot import fill, screen_text, settle, type_text

pytestmark = pytest.mark.asyncio
SIZES = [pytest.param(NARROW, id="80x24"), pytest.param(WIDE, id="200x60")]
SLUG = "mindre-kommuner-2020"


def table(app: NettverkApp) -> VirtualTable:
    return app.query_one("#area-program #table", VirtualTable)


@pytest.mark.parametrize("size", SIZES)
async def test_open_and_filter_the_participants(tui_db: Database, size: tuple[int, int]) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="kommuner")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        # every participation, and one row for each programme nobody takes part in yet
        assert table(app).total == sum(
            max(len(programmes.list_participants(tui_db.uow(), p.slug)), 1)
            for p in programmes.list_programmes(tui_db.uow()))
        await type_text(pilot, "evenes")
        await settle(pilot)
        assert [row.key for row in table(app).rows] == [(SLUG, "1853")]
        assert "Evenes – Evenášši" in screen_text(app)


@pytest.mark.parametrize("size", SIZES)
async def test_add_a_participant_and_an_unknown_municipality_is_refused_inline(
    tui_db: Database, size: tuple[int, int]
) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="program")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        before = snapshot(tui_db.engine)
        await pilot.press("ctrl+n")
        await settle(pilot)
        fill(app, programme=SLUG, municipality="9999")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#field-municipality").has_class("invalid")
        assert "ingen treff på «9999»" in screen_text(app)  # the picker knows every municipality
        assert snapshot(tui_db.engine) == before
        fill(app, municipality="1804", starts="01.02.2020")
        await pilot.press("ctrl+s")
        await settle(pilot)
        added = {p.municipality: p for p in programmes.list_participants(tui_db.uow(), SLUG)}
        assert str(added["1804"].starts) == "2020-02-01"
        assert table(app).current is not None and table(app).current.key == (SLUG, "1804")


@pytest.mark.parametrize("size", SIZES)
async def test_change_a_participations_status(tui_db: Database, size: tuple[int, int]) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="program")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await type_text(pilot, "beiarn")
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        fill(app, status="withdrawn", ends="30.06.2021")
        await pilot.press("ctrl+s")
        await settle(pilot)
        beiarn = next(p for p in programmes.list_participants(tui_db.uow(), SLUG)
                      if p.municipality == "1839")
        assert (beiarn.status, str(beiarn.ends)) == ("withdrawn", "2021-06-30")
        assert "trukket" in screen_text(app)
