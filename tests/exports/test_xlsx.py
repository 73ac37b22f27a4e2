"""The programme workbook, read back with openpyxl."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from nettverk.exports.tabular import Column, Sheet, write_xlsx
from nettverk.services import programmes, spreadsheets
from nettverk.services.database import Database
from tests.exports.conftest import Network, add_gathering, oslo
from tests.support import run_cli, snapshot

SHEETS = ["Deltakere", "Samlinger", "Oppmøte", "Milepæler", "Planstatus", "Evaluering", "Søknader",
          "Avtaler", "Tiltak", "Oppfølging", "Tilbakemeldinger", "Suksessfaktorer", "Prioritering",
          "Temaer"]


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _rows(ws: openpyxl.worksheet.worksheet.Worksheet) -> list[dict[str, object]]:
    values = list(ws.iter_rows(values_only=True))
    header = values[0]
    return [dict(zip(header, row, strict=True)) for row in values[1:]]


def test_workbook_has_the_sheets_with_typed_cells(rich: Network, db: Database) -> None:
    book = _book(spreadsheets.export_xlsx(db.uow(), rich.programme, today=date(2022, 1, 1)))
    assert book.sheetnames == SHEETS
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2"
        assert all(cell.font.bold for cell in ws[1])
        assert ws.column_dimensions["A"].width >= 6

    participants = _rows(book["Deltakere"])
    assert [r["Kommune"] for r in participants] == [
        "Evenes – Evenášši", "Snåsa – Snåase", "Namsskogan"]
    assert participants[0]["Innbyggere"] == 1350
    assert isinstance(participants[0]["Fra"], datetime)
    assert participants[0]["Fra"].date() == date(2020, 1, 15)

    gatherings = {r["Tittel"]: r for r in _rows(book["Samlinger"])}
    winter = gatherings["Oppstartssamling: Plan & Bygg <del 1>"]
    assert winter["Start"] == datetime(2021, 1, 20, 9, 0)  # wall clock in Norway
    assert gatherings["Videosamling om innbyggerdialog"]["Start"] == datetime(2021, 6, 15, 9, 0)
    assert gatherings["Høstsamling"]["Status"] == "holdt"

    attendance = _rows(book["Oppmøte"])
    evenes = next(r for r in attendance if r["Kommunenr"] == "1853")
    assert evenes["Reiseutgifter"] == pytest.approx(4500.50)
    assert evenes["Sum"] == pytest.approx(6300.50)
    assert evenes["Personer"] == 2 and evenes["Møtt"] == "ja"
    money_cell = book["Oppmøte"].cell(row=2, column=9)
    assert money_cell.data_type == "n" and "0.00" in money_cell.number_format

    ms = {r["Milepæl"]: r for r in _rows(book["Milepæler"])}
    assert ms["=Planstrategi vedtatt"]["Status"] == "forfalt"
    assert ms["Samfunnsdel på høring"]["Utført"].date() == date(2021, 4, 20)

    plans = _rows(book["Planstatus"])
    assert {r["Kommune"] for r in plans} == {"Evenes – Evenášši", "Snåsa – Snåase"}

    evaluation = _rows(book["Evaluering"])
    assert len(evaluation) == 3
    first = evaluation[0]
    assert first["Utviklingsledelse"] == 2 and first["År"] == 2020


def test_text_that_looks_like_a_formula_stays_text(rich: Network, db: Database) -> None:
    add_gathering(db, rich.programme, "=HYPERLINK(\"http://x\";\"klikk\")", oslo(2022, 2, 1, 9),
                  oslo(2022, 2, 1, 10), location="@SUM(A1:A9)", agenda="-2+3\n+47 900 00 000")
    book = _book(spreadsheets.export_xlsx(db.uow(), rich.programme))
    ws = book["Samlinger"]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row]
    risky = [c for c in cells if isinstance(c.value, str) and c.value[:1] in "=+-@"]
    assert {c.value for c in risky} >= {"=HYPERLINK(\"http://x\";\"klikk\")", "@SUM(A1:A9)",
                                        "-2+3\n+47 900 00 000"}
    assert all(c.data_type == "s" for c in risky)  # strings, never formulas ("f")
    ms = book["Milepæler"]
    assert any(c.value == "=Planstrategi vedtatt" and c.data_type == "s"
               for row in ms.iter_rows(min_row=2) for c in row)


def test_writer_guards_every_formula_start_and_keeps_types() -> None:
    starts = ["=1+2", "+1", "-1", "@A1", "\tx", "\rx", "=cmd|' /C calc'!A0"]
    data = write_xlsx([Sheet("Test", [Column("Tekst"), Column("Tall", "int"),
                                      Column("Beløp", "money"), Column("Dato", "date"),
                                      Column("Andel", "percent")],
                             [(s, 1, 10.5, date(2024, 2, 29), 66.7) for s in starts])])
    ws = _book(data)["Test"]
    for row, text in enumerate(starts, start=2):
        cell = ws.cell(row=row, column=1)
        # openpyxl leaves Excel's _x000D_ escape for a carriage return undecoded; Excel decodes it
        assert cell.data_type == "s" and cell.value.replace("_x000D_", "\r") == text
    assert ws.cell(row=2, column=2).value == 1
    assert ws.cell(row=2, column=4).value == datetime(2024, 2, 29)
    assert ws.cell(row=2, column=5).value == pytest.approx(0.667)


def test_cli_writes_xlsx_and_refuses_unknown_programme(rich: Network, db: Database,
                                                       db_url: str, tmp_path: Path) -> None:
    target = tmp_path / "nettverk.xlsx"
    result = run_cli(db_url, "export", "xlsx", "--programme", rich.programme, "-o", str(target))
    assert result.code == 0, result.err
    assert _book(target.read_bytes()).sheetnames == SHEETS
    before = snapshot(db.engine)
    bad = run_cli(db_url, "export", "xlsx", "--programme", "nei", "-o", str(tmp_path / "x.xlsx"))
    assert bad.code == 2 and "«programme»" in bad.err
    assert not (tmp_path / "x.xlsx").exists()
    assert snapshot(db.engine) == before


def _plan_rows_from_views(db: Database, programme: str, today: date) -> list[tuple[object, ...]]:
    """Planstatus as it was built before the column query: from plans.list_plan_documents."""
    from nettverk.services import plans

    return [
        (d.municipality, d.display_name, d.kind_label, d.title,
         f"{d.period_start}–{d.period_end}" if d.period_start and d.period_end else
         (str(d.period_start) if d.period_start else None),
         d.stage_label, d.adopted_on, d.deadline, d.deadline_label, d.archive_ref)
        for d in plans.list_plan_documents(db.uow(), programme=programme, today=today)
    ]


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres",
                                                             marks=pytest.mark.postgres)])
def test_the_plan_sheet_lists_what_the_plan_list_shows(demo_db: Database) -> None:
    slugs = [p.slug for p in programmes.list_programmes(demo_db.uow())]
    seen = 0
    for programme in slugs:
        for today in (date(2020, 6, 1), date(2024, 10, 20), date(2026, 11, 22)):
            sheet = spreadsheets.plans_sheet(demo_db.uow(), programme, today)
            assert sheet.rows == _plan_rows_from_views(demo_db, programme, today)
            seen += len(sheet.rows)
    assert seen


def _evaluation_rows_from_views(db: Database, programme: str) -> list[tuple[object, ...]]:
    """Evaluering as it was built before the column queries: from capacity.list_assessments."""
    from nettverk.domain.evaluation import CapacityComponent
    from nettverk.services import capacity

    rows = []
    for a in capacity.list_assessments(db.uow(), programme=programme):
        scores = [a.consensus.get(c.value) for c in CapacityComponent]
        present = [x for x in scores if x is not None]
        rows.append((a.municipality, a.display_name, a.held_on, a.year, *scores,
                     round(sum(present) / len(present), 2) if present else None,
                     a.participants, a.facilitator))
    return rows


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres",
                                                             marks=pytest.mark.postgres)])
def test_the_evaluation_sheet_lists_what_the_session_list_shows(demo_db: Database) -> None:
    seen = 0
    for programme in [p.slug for p in programmes.list_programmes(demo_db.uow())]:
        sheet = spreadsheets.evaluation_sheet(demo_db.uow(), programme)
        assert sheet.rows == _evaluation_rows_from_views(demo_db, programme)
        seen += len(sheet.rows)
    assert seen
