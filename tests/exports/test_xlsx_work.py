"""The programme workbook carries all the work, not only the network's core: read back with
openpyxl, and opened by LibreOffice as the council's spreadsheet program would."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from nettverk.services import spreadsheets
from nettverk.services.database import Database
from tests.support import run_cli

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _sheet(data: bytes, name: str) -> list[dict[str, Any]]:
    rows = list(openpyxl.load_workbook(io.BytesIO(data))[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_learning_network_workbook_has_applications_followups_feedback_and_tools(
        demo_db: Database) -> None:
    data = spreadsheets.export_xlsx(demo_db.uow(), "mindre-kommuner-2020", today=date(2023, 6, 1))
    applications = _sheet(data, "Søknader")
    assert applications and all(isinstance(a["Mottatt"], datetime) for a in applications)
    assert {a["Status"] for a in applications} >= {"tatt opp", "avslått"}
    assert all(a["Kvalifisert"] in ("ja", "nei") for a in applications)
    decided = [a for a in applications if a["Avgjort"] is not None]
    assert decided and all(a["Status"] in ("tatt opp", "avslått", "trukket") for a in decided)
    feedback = _sheet(data, "Tilbakemeldinger")
    assert any(f["Kommentar"] for f in feedback)
    assert all(1 <= f["Helhet"] <= 5 and isinstance(f["Helhet"], int) for f in feedback)
    assert _sheet(data, "Oppfølging") and all(f["Referat"] for f in _sheet(data, "Oppfølging"))
    factors = _sheet(data, "Suksessfaktorer")
    assert {f["På plass"] for f in factors} <= {"ja", "nei"} and factors
    priority = _sheet(data, "Prioritering")
    assert priority and all(p["Kvadrant"] for p in priority)
    assert all(isinstance(p["Viktighet (snitt)"], float | int) for p in priority)


def test_partnership_workbook_has_agreements_with_focus_areas_and_actions(demo_db: Database) -> None:
    data = spreadsheets.export_xlsx(demo_db.uow(), "gode-lokalsamfunn")
    agreements = _sheet(data, "Avtaler")
    assert agreements and any(a["Innsatsområder"] for a in agreements)
    signed = [a for a in agreements if a["Signert"] is not None]
    assert signed and all(isinstance(a["Signert"], datetime) for a in signed)
    actions = _sheet(data, "Tiltak")
    assert actions and all(a["Tiltak"] for a in actions)
    assert {a["Nr"] for a in actions} <= {a["Nr"] for a in agreements}


def test_theme_calendar_sheet(demo_db: Database) -> None:
    themes = _sheet(spreadsheets.export_xlsx(demo_db.uow(), "det-gode-liv"), "Temaer")
    assert len(themes) == 24 and all(t["Tema"] and t["Måned"] for t in themes)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) er ikke installert")
def test_libreoffice_opens_every_sheet(demo_db: Database, db_url: str, tmp_path: Path) -> None:
    target = tmp_path / "nettverk.xlsx"
    assert run_cli(db_url, "export", "xlsx", "--programme", "mindre-kommuner-2020", "-o",
                   str(target)).code == 0
    # LibreOffice reads the workbook and writes it again as ODS: it would refuse a broken file.
    done = subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                           "--convert-to", "ods", "--outdir", str(tmp_path), str(target)],
                          capture_output=True, timeout=180, check=True)
    assert (tmp_path / "nettverk.ods").stat().st_size > 0, done.stderr
    again = subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                            "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir",
                            str(tmp_path / "back"), str(tmp_path / "nettverk.ods")],
                           capture_output=True, timeout=180, check=True)
    book = openpyxl.load_workbook(tmp_path / "back" / "nettverk.xlsx")
    assert "Søknader" in book.sheetnames and "Tilbakemeldinger" in book.sheetnames, again.stderr
    assert book["Tilbakemeldinger"].max_row > 1
