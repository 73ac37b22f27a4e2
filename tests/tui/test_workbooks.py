"""Evaluering: «Lag skjema» writes a workbook per participant, «Les inn svar» shows what will be
stored and stores it after «Lagre» (80x24)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from nettverk.services import capacity
from nettverk.services.database import Database
from nettverk.tui.app import NettverkApp
from nettverk.tui.screens.confirm import ConfirmScreen
from nettverk.tui.screens.form import FormScreen
from nettverk.tui.widgets.virtual_table import VirtualTable
from tests.support import snapshot
from tests.tui.conftest import NARROW, TODAY
from tests.tui.pilot import fill, flat_text, settle, type_text

pytestmark = pytest.mark.asyncio


async def test_make_workbooks_and_read_the_answers_back(tui_db: Database, tmp_path: Path) -> None:
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="evaluering")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await type_text(pilot, "beiarn")
        await settle(pilot)
        await pilot.press("escape")
        table = app.query_one("#area-evaluering #table", VirtualTable)
        row = table.current
        assert row is not None and row.key[0] == "capacity"
        session = row.key[1]
        names = [p.name for p in capacity.get_assessment(tui_db.uow(), session).participants]

        await pilot.press("ctrl+w")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        folder = tmp_path / "skjema"
        fill(app, participants="", folder=str(folder))
        await pilot.press("ctrl+s")
        await settle(pilot)
        made = sorted(folder.glob("*.xlsx"))
        assert len(made) == len(names) >= 2

        book = openpyxl.load_workbook(made[0])
        sheet = book["Vurdering"]
        row_of = {c[0].value: c[0].row for c in sheet.iter_rows(max_col=1)}
        sheet[f"C{row_of['Utviklingsledelse']}"] = 5
        back = tmp_path / "tilbake"
        back.mkdir()
        book.save(back / "svar.xlsx")
        respondent = str(book["nettverk"]["B7"].value)

        before = snapshot(tui_db.engine)
        await pilot.press("ctrl+u")
        await settle(pilot)
        fill(app, files=str(back))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert f"{respondent}: Utviklingsledelse 5" in flat_text(app)
        assert "1 svar fra 1 fil blir lagret:" in flat_text(app)
        assert snapshot(tui_db.engine) == before  # only the preview so far
        await pilot.press("j")
        await settle(pilot)
        scores = {p.name: p.scores
                  for p in capacity.get_assessment(tui_db.uow(), session).participants}
        assert scores[respondent]["leadership"] == 5

        await pilot.press("ctrl+u")  # the same workbook again: refused in the form
        await settle(pilot)
        fill(app, files=str(back / "svar.xlsx"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "er allerede lest inn" in flat_text(app)


async def test_feedback_workbook_and_forms_export_from_tilbakemeldinger(
        tui_db: Database, tmp_path: Path) -> None:
    from nettverk.services import feedback
    from nettverk.tui.screens.list_screen import ListScreen

    before = len(feedback.list_feedback(tui_db.uow()))
    app = NettverkApp(tui_db, today=TODAY, title="demo", start="evaluering")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert isinstance(app.screen, ListScreen)
        area = app.screen.area
        current = area.table.current
        assert current is not None
        gathering = current.data.gathering_id

        await pilot.press("ctrl+w")
        await settle(pilot)
        fill(app, gathering=str(gathering), rows="3", folder=str(tmp_path / "ut"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        made = sorted((tmp_path / "ut").glob("*.xlsx"))
        assert len(made) == 1
        book = openpyxl.load_workbook(made[0])
        sheet = book["Tilbakemelding"]
        first = next(r[0].row for r in sheet.iter_rows(max_col=1) if r[0].value == "1")
        sheet[f"B{first}"], sheet[f"D{first}"], sheet[f"E{first}"] = "Kari", 4, 5
        book.save(tmp_path / "svar.xlsx")

        await pilot.press("ctrl+u")
        await settle(pilot)
        fill(app, files=str(tmp_path / "svar.xlsx"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "Kari" in flat_text(app)
        await pilot.press("j")
        await settle(pilot)
        assert len(feedback.list_feedback(tui_db.uow())) == before + 1

        forms = openpyxl.Workbook()
        ws = forms.active
        assert ws is not None
        ws.append(["ID", "Start time", "Completion time", "Email", "Name",
                   "Hvor fornøyd var du?", "Hvor nyttig var samlingen?"])
        ws.append([1, "x", "x", "anonymous", "anonymous", 3, 2])
        forms.save(tmp_path / "forms.xlsx")
        area.action_read_forms()
        await settle(pilot)
        fill(app, gathering=str(gathering), file=str(tmp_path / "forms.xlsx"))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("j")
        await settle(pilot)
        stored = feedback.list_feedback(tui_db.uow(), gathering_id=gathering)
        assert any((f.overall, f.usefulness, f.respondent) == (3, 2, None) for f in stored)
        assert len(feedback.list_feedback(tui_db.uow())) == before + 2


async def test_the_preview_counts_the_files_in_the_right_form() -> None:
    from types import SimpleNamespace

    from nettverk.tui.screens.workbook_actions import preview_text

    answer = SimpleNamespace(respondent="Kari", item="Utviklingsledelse", first=4, second=None,
                             action="ny")
    two = SimpleNamespace(files=["a.xlsx", "b.xlsx"], rows=[answer, answer], skipped=0)
    assert preview_text(two).splitlines()[0] == "2 svar fra 2 filer blir lagret:"
    one = SimpleNamespace(files=["a.xlsx"], rows=[answer], skipped=0)
    assert preview_text(one).splitlines()[0] == "1 svar fra 1 fil blir lagret:"
