"""Eksport: choose, parameters with inline refusal, the file written where asked and readable."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.virtual_table import VirtualTable
from tests.tui.conftest import NARROW, TODAY, WIDE
from tests.tui.pilot import fill, screen_text, settle, type_text

pytestmark = pytest.mark.asyncio
SIZES = [pytest.param(NARROW, id="80x24"), pytest.param(WIDE, id="200x60")]
SLUG = "mindre-kommuner-2020"


def table(app: NettverkApp) -> VirtualTable:
    return app.query_one("#area-eksport #table", VirtualTable)


@pytest.mark.parametrize("size", SIZES)
async def test_spreadsheet_export_refuses_a_missing_folder_then_writes(
    tui_db: Database, tmp_path: Path, size: tuple[int, int]
) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="eksport")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert table(app).total == 4
        await type_text(pilot, "regneark")
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        fill(app, programme=SLUG, path=str(tmp_path / "mangler" / "ut.xlsx"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.query_one("#field-path").has_class("invalid")
        assert not (tmp_path / "mangler").exists()
        target = tmp_path / "nettverk.xlsx"
        fill(app, path=str(target))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen)
        workbook = load_workbook(target)
        assert len(workbook.sheetnames) >= 3
        if size == WIDE:
            # The detail pane wraps a long path over lines (a temporary directory's length
            # differs per test worker), so the pane's lines are joined before looking.
            pane = "".join(line.rpartition("▊")[2].strip() for line in screen_text(app).splitlines())
            assert str(target) in pane


async def test_reports_need_their_parameters(tui_db: Database, tmp_path: Path) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="eksport")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        assert table(app).move_to("evaluation")
        await pilot.press("enter")
        await settle(pilot)
        target = tmp_path / "evaluering.pdf"
        fill(app, programme=SLUG, path=str(target), year="")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.query_one("#field-year").has_class("invalid")
        assert not target.exists()
        fill(app, year="2022")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert target.read_bytes().startswith(b"%PDF")
        assert table(app).move_to("status")
        await pilot.press("enter")
        await settle(pilot)
        status = tmp_path / "status.pdf"
        fill(app, programme=SLUG, path=str(status), at="31.12.2022")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert status.read_bytes().startswith(b"%PDF")
