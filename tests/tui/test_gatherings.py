"""Samlinger: open, filter, add with a holiday warning, inline validation, edit, attendance."""

from __future__ import annotations

from decimal import Decimal

import pytest

from nettverk.services import attendance, gatherings
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.confirm import ConfirmScreen
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.virtual_table import VirtualTable
from tests.support import snapshot
from tests.tui.conftest import NARROW, TODAY, WIDE
from tests.tui.pilot import fill, screen_text, settle, type_text

pytestmark = pytest.mark.asyncio
SIZES = [pytest.param(NARROW, id="80x24"), pytest.param(WIDE, id="200x60")]
SLUG = "mindre-kommuner-2020"


def table(app: NettverkApp) -> VirtualTable:
    return app.query_one("#area-samlinger #table", VirtualTable)


def by_title(db: Database) -> dict[str, gatherings.GatheringView]:
    return {g.title: g for g in gatherings.list_gatherings(db.uow())}


@pytest.mark.parametrize("size", SIZES)
async def test_add_a_gathering_on_a_holiday_warns_and_a_bad_end_is_refused_inline(
    tui_db: Database, size: tuple[int, int]
) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="samlinger")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert table(app).total == len(gatherings.list_gatherings(tui_db.uow()))
        await pilot.press("ctrl+n")
        await settle(pilot)
        before = snapshot(tui_db.engine)
        fill(app, programme=SLUG, title="Vårsamling", start="17.05.2027 10:00",
             end="17.05.2027 09:00", mode="video")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#field-end").has_class("invalid")
        assert snapshot(tui_db.engine) == before
        fill(app, end="17.05.2027 14:00")
        await pilot.press("ctrl+s")
        await settle(pilot)
        added = by_title(tui_db)["Vårsamling"]
        assert added.warnings and "helligdag" in added.warnings[0]
        assert any("helligdag" in n.message for n in app._notifications)  # the warning is shown
        assert table(app).current is not None and table(app).current.key == added.id
        assert "uke" in screen_text(app).lower()


@pytest.mark.parametrize("size", SIZES)
async def test_filter_edit_and_record_attendance(tui_db: Database, size: tuple[int, int]) -> None:
    target = next(g for g in gatherings.list_gatherings(tui_db.uow()) if g.status == "planned")
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="samlinger")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await type_text(pilot, target.title.split()[0].lower())
        await settle(pilot)
        assert target.id in [row.key for row in table(app).rows]
        assert table(app).move_to(target.id)
        table(app).focus()
        await pilot.press("enter")
        await settle(pilot)
        fill(app, title=target.title + " (endret)")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert gatherings.get_gathering(tui_db.uow(), target.id).title.endswith("(endret)")
        held = next(g for g in gatherings.list_gatherings(tui_db.uow()) if g.status == "held")
        await pilot.press("slash", "escape")  # into the filter, clear it, back to the list
        assert table(app).move_to(held.id)
        await pilot.press("ctrl+a")
        await settle(pilot)
        fill(app, municipality="1853", registered="ja", attended="ja", persons="4",
             travel_cost="1250,50")
        await pilot.press("ctrl+s")
        await settle(pilot)
        rows = {a.municipality: a for a in attendance.list_attendance(tui_db.uow(), held.id)}
        assert rows["1853"].attended and rows["1853"].persons == 4
        assert rows["1853"].travel_cost == Decimal("1250.50")


async def test_cancelling_asks_first(tui_db: Database) -> None:
    target = next(g for g in gatherings.list_gatherings(tui_db.uow()) if g.status == "planned")
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="samlinger")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert table(app).move_to(target.id)
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert gatherings.get_gathering(tui_db.uow(), target.id).status == "planned"
        await pilot.press("delete", "j")
        await settle(pilot)
        assert gatherings.get_gathering(tui_db.uow(), target.id).status == "cancelled"
        assert table(app).current is not None and "avlyst" in table(app).current.cells
