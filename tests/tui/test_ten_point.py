"""Evaluering → F4 10-punktsmodellen: set a municipality's step, see an error inline with
nothing saved, edit it, at 80x24 and 200x60."""

from __future__ import annotations

from datetime import date

import pytest

from nettverk.services import ten_point
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.screens.list_screen import ListScreen
from tests.support import snapshot
from tests.tui.conftest import NARROW, TODAY, WIDE
from tests.tui.pilot import fill, flat_text, settle

pytestmark = pytest.mark.asyncio
SIZES = [pytest.param(NARROW, id="80x24"), pytest.param(WIDE, id="200x60")]


@pytest.mark.parametrize("size", SIZES)
async def test_ten_point_steps_set_refused_and_edited(tui_db: Database,
                                                      size: tuple[int, int]) -> None:
    ten_point.set_step(tui_db.uow(), "1853", "1", "done", on=date(2021, 3, 1), today=TODAY)
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="evaluering")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)
        assert isinstance(app.screen, ListScreen)
        area = app.screen.area
        assert area.table.total == 10                     # Evenes' ten steps
        assert "10-punktsmodellen" in flat_text(app)

        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        before = snapshot(tui_db.engine)
        fill(app, municipality="1839", step="anchoring", status="in_progress", on="01.01.2030")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.query_one("#field-on").has_class("invalid")
        assert snapshot(tui_db.engine) == before
        fill(app, on="02.09.2022", notes="Møte med næringslivet")
        await pilot.press("ctrl+s")
        await settle(pilot)
        [step] = [x for x in ten_point.list_steps(tui_db.uow(), municipality="1839")
                  if x.step == "anchoring"]
        assert (step.status, step.on, step.notes) == (
            "in_progress", date(2022, 9, 2), "Møte med næringslivet")
        assert area.table.total == 20
        assert area.table.current is not None and area.table.current.key == ("1839", "anchoring")

        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        fill(app, status="done", on="01.10.2022")
        await pilot.press("ctrl+s")
        await settle(pilot)
        [step] = [x for x in ten_point.list_steps(tui_db.uow(), municipality="1839")
                  if x.step == "anchoring"]
        assert (step.status, step.on) == ("done", date(2022, 10, 1))
        assert "ferdig" in flat_text(app)
