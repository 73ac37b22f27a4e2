"""Planarbeid: the matrix, filter, record a stage (inline refusal first), a new document."""

from __future__ import annotations

import pytest

from nettverk.services import plans
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.virtual_table import VirtualTable
from tests.support import snapshot
from tests.tui.conftest import NARROW, TODAY, WIDE
from tests.tui.pilot import fill, settle, type_text

pytestmark = pytest.mark.asyncio
SIZES = [pytest.param(NARROW, id="80x24"), pytest.param(WIDE, id="200x60")]
SLUG = "mindre-kommuner-2020"


def table(app: NettverkApp) -> VirtualTable:
    return app.query_one("#area-planarbeid #table", VirtualTable)


@pytest.mark.parametrize("size", SIZES)
async def test_matrix_marks_deadlines_and_records_stages(tui_db: Database, size: tuple[int, int]) -> None:
    matrix = plans.plan_matrix(tui_db.uow(), SLUG, today=TODAY)
    overdue = next(r for r in matrix.rows
                   if (c := r.cells.get("plan_strategy")) and c.deadline_state == "overdue")
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="planarbeid")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert len([r for r in table(app).rows if r.data[0] == SLUG]) == len(matrix.rows)
        await type_text(pilot, overdue.name.lower())
        await settle(pilot)
        row = table(app).current
        assert row is not None and row.key == (SLUG, overdue.municipality)
        assert row.cells[3].startswith("⚠") and "red" in row.cell_styles[3]

        await pilot.press("enter", "enter")
        await settle(pilot)
        before = snapshot(tui_db.engine)
        fill(app, kind="plan_strategy", stage="adopted", on="40.01.2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert app.screen.query_one("#field-on").has_class("invalid")
        assert snapshot(tui_db.engine) == before
        fill(app, on="20.02.2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        cell = plans.plan_matrix(tui_db.uow(), SLUG, today=TODAY).rows[
            [r.municipality for r in matrix.rows].index(overdue.municipality)].cells["plan_strategy"]
        assert cell is not None and cell.stage == "adopted"
        assert table(app).current is not None
        assert "vedtatt" in table(app).current.cells[3]  # type: ignore[union-attr]

        await pilot.press("ctrl+n")
        await settle(pilot)
        fill(app, kind="land_use_plan", stage="start_notified", on="01.03.2026", period_start="2026")
        await pilot.press("ctrl+s")
        await settle(pilot)
        documents = plans.list_plan_documents(tui_db.uow(), municipality=overdue.municipality,
                                              kind="land_use_plan", today=TODAY)
        assert [d.stage for d in documents] == ["start_notified"]
