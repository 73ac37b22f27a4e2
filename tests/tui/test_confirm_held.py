"""Oversikt asks the user to confirm a past gathering never marked held; Samlinger marks it."""

from __future__ import annotations

from datetime import datetime

import pytest

from nettverk.services import gatherings
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.confirm import ConfirmScreen
from nettverk.tui.widgets.virtual_table import VirtualTable
from tests.tui.conftest import NARROW, TODAY, WIDE
from tests.tui.pilot import settle, type_text

pytestmark = pytest.mark.asyncio
SLUG = "mindre-kommuner-2020"


def table(app: NettverkApp, area: str) -> VirtualTable:
    return app.query_one(f"#area-{area} #table", VirtualTable)


def past_gathering(db: Database, title: str) -> int:
    return gatherings.add_gathering(db.uow(), SLUG, title, datetime(2026, 2, 4, 10, 0),
                                    datetime(2026, 2, 4, 12, 0), "video",
                                    video_url="https://video.example.no/a").id


async def test_overview_asks_to_confirm_a_past_gathering(tui_db: Database) -> None:
    gid = past_gathering(tui_db, "Høstsamling uten bekreftelse")
    app = NettverkApp(tui_db, today=TODAY, title="demo")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        rows = {r.cells[2]: r for r in table(app, "oversikt").rows}
        row = rows.get("Høstsamling uten bekreftelse: bekreft at samlingen ble holdt")
        assert row is not None, list(rows)
        assert row.cells[0] == "Bekreft" and row.cells[4] == "ikke bekreftet"
        await type_text(pilot, "uten bekreftelse")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert gatherings.get_gathering(tui_db.uow(), gid).status == "planned"
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("j")
        await settle(pilot)
        held = gatherings.get_gathering(tui_db.uow(), gid)
        assert held.status == "held" and held.held_on is not None
        assert not any("uten bekreftelse" in r.cells[2] for r in table(app, "oversikt").rows)


async def test_gatherings_area_marks_a_gathering_held(tui_db: Database) -> None:
    gid = past_gathering(tui_db, "Samling som ble holdt")
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="samlinger")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert table(app, "samlinger").move_to(gid)
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("j")
        await settle(pilot)
        assert gatherings.get_gathering(tui_db.uow(), gid).status == "held"
