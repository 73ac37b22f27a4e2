"""Evaluering: open, filter, add a session, consensus score with inline refusal, priority placing."""

from __future__ import annotations

from datetime import date

import pytest

from nettverk.services import capacity, priority
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.virtual_table import VirtualTable
from tests.support import snapshot
from tests.tui.conftest import NARROW, TODAY, WIDE
from tests.tui.pilot import fill, screen_text, settle, type_text

pytestmark = pytest.mark.asyncio
SIZES = [pytest.param(NARROW, id="80x24"), pytest.param(WIDE, id="200x60")]


def table(app: NettverkApp) -> VirtualTable:
    return app.query_one("#area-evaluering #table", VirtualTable)


@pytest.mark.parametrize("size", SIZES)
async def test_diamond_compares_sessions_and_scores_are_checked(
    tui_db: Database, size: tuple[int, int]
) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="evaluering")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        expected = len(capacity.list_assessments(tui_db.uow())) + len(
            priority.list_sessions(tui_db.uow()))
        assert table(app).total == expected
        await type_text(pilot, "beiarn")
        await settle(pilot)
        assert {r.data.name for r in table(app).rows} == {"Beiarn"}
        if size == WIDE:
            table(app).action_edge(1)  # the later session: compared with the earlier one
            await settle(pilot)
            text = screen_text(app)
            assert "Kapasitetsdiamanten" in text and "▒" in text and "█" in text

        await pilot.press("escape", "ctrl+n")
        await settle(pilot)
        before = snapshot(tui_db.engine)
        fill(app, municipality="1839", held_on="", programme="mindre-kommuner-2020")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.query_one("#field-held_on").has_class("invalid")
        assert snapshot(tui_db.engine) == before
        fill(app, held_on="10.02.2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        added = next(a for a in capacity.list_assessments(tui_db.uow(), municipality="1839")
                     if a.held_on == date(2026, 2, 10))
        assert table(app).current is not None and table(app).current.key == ("capacity", added.id)

        await pilot.press("enter")
        await settle(pilot)
        fill(app, time="6")  # one form holds all five components
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#field-time").has_class("invalid")
        fill(app, time="4", time_justification="Ny rådgiver i plan")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert capacity.get_assessment(tui_db.uow(), added.id).assessment.consensus["time"] == 4


async def test_priority_grid_and_placing(tui_db: Database) -> None:
    session = priority.list_sessions(tui_db.uow())[0]
    factor = priority.get_session(tui_db.uow(), session.id).factors[0]
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="evaluering")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert table(app).move_to(("priority", session.id))
        await settle(pilot)
        assert "PRIORITER" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        fill(app, factor=factor.name, importance="5", influence="1")
        await pilot.press("ctrl+s")
        await settle(pilot)
        placed = next(f for f in priority.get_session(tui_db.uow(), session.id).factors
                      if f.name == factor.name)
        assert (placed.agreed_importance, placed.agreed_influence) == (5, 1)
        assert placed.quadrant == "influence_others"
