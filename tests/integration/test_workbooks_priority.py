"""Priority-tool workbooks out and back: the session's factors, importance and influence 1–5,
the importance × influence chart in the sheet; read back all or nothing (SQLite, PostgreSQL)."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from nettverk.services import priority
from nettverk.services.database import Database
from tests.integration.test_agreements_workflow import base_register
from tests.support import run_cli, snapshot

FACTORS = ["Arbeidsplasser", "Boligtilbud", "Bredbånd"]


@pytest.fixture
def session_id(db: Database) -> int:
    base_register(db)
    s = priority.add_session(db.uow(), "Bolyst i Evenes", date(2024, 4, 20), municipality="1853")
    for name in FACTORS:
        priority.add_factor(db.uow(), s.id, name)
    priority.add_score(db.uow(), s.id, "Boligtilbud", "Kari", 2, 2)
    return s.id


def _make(url: str, session: int, out: Path, *names: str) -> dict[str, Path]:
    args = ["priority", "workbook", "--session", str(session), "-o", str(out), "--format", "json"]
    if names:
        args += ["--participant", *names]
    result = run_cli(url, *args)
    assert result.code == 0, result.err
    return {row["respondent"]: Path(row["file"]) for row in result.json()}


def _rows(path: Path) -> dict[str, int]:
    sheet = openpyxl.load_workbook(path)["Prioritering"]
    return {str(r[0].value): r[0].row for r in sheet.iter_rows(max_col=1) if r[0].value in FACTORS}


def _fill(path: Path, target: Path, scores: dict[str, tuple[object, object]]) -> Path:
    rows = _rows(path)
    book = openpyxl.load_workbook(path)
    sheet = book["Prioritering"]
    for factor, (importance, influence) in scores.items():
        sheet[f"B{rows[factor]}"] = importance
        sheet[f"C{rows[factor]}"] = influence
    book.save(target)
    return target


def _scores(db: Database, session: int) -> set[tuple[str, str, int, int]]:
    return {(s.factor, s.participant, s.importance, s.influence)
            for s in priority.get_session(db.uow(), session).scores}


def test_the_workbook_lists_the_factors_with_validation_and_the_chart(
        db: Database, db_url: str, session_id: int, tmp_path: Path) -> None:
    made = _make(db_url, session_id, tmp_path / "ut")
    assert list(made) == ["Kari"]  # everyone who scored already, by default
    path = made["Kari"]
    assert list(_rows(path)) == FACTORS
    sheet = openpyxl.load_workbook(path)["Prioritering"]
    rows = _rows(path)
    first, last = rows[FACTORS[0]], rows[FACTORS[-1]]
    ranges = sorted(str(v.sqref) for v in sheet.data_validations.dataValidation)
    assert ranges == [f"B{first}:B{last}", f"C{first}:C{last}"]
    with zipfile.ZipFile(path) as archive:
        chart = archive.read("xl/charts/chart1.xml").decode()
    assert "<c:scatterChart>" in chart
    # one point per factor: x = its importance cell, y = its influence cell, named by the factor
    assert chart.count("<c:ser>") == len(FACTORS)
    for r in range(first, last + 1):
        assert f"$A${r}<" in chart and f"$B${r}<" in chart and f"$C${r}<" in chart
    assert "Viktighet" in chart and "påvirkning" in chart


def test_filled_workbooks_are_stored_and_wrong_cells_are_named(
        db: Database, db_url: str, session_id: int, tmp_path: Path) -> None:
    made = _make(db_url, session_id, tmp_path / "ut", "Kari", "Ola")
    kari = _fill(made["Kari"], tmp_path / "kari.xlsx",
                 {"Arbeidsplasser": (5, 2), "Boligtilbud": (4, "4")})
    ola_bad = _fill(made["Ola"], tmp_path / "ola.xlsx",
                    {"Arbeidsplasser": (6, 3), "Boligtilbud": (3, None),
                     "Bredbånd": ("=5", 1)})
    rows = _rows(made["Ola"])
    before = snapshot(db.engine)
    refused = run_cli(db_url, "priority", "import", str(kari), str(ola_bad))
    assert refused.code == 2
    assert f"ola.xlsx, ark Prioritering, celle B{rows['Arbeidsplasser']}: 6 er ikke 1-5" \
        in refused.err
    assert f"celle C{rows['Boligtilbud']}: fyll ut både viktighet og påvirkning" in refused.err
    assert f"celle B{rows['Bredbånd']}: inneholder en formel" in refused.err
    assert snapshot(db.engine) == before

    ola = _fill(made["Ola"], tmp_path / "ola-retta.xlsx", {"Bredbånd": (3, 5)})
    preview = run_cli(db_url, "priority", "import", str(kari), str(ola), "--dry-run",
                      "--format", "json")
    assert preview.code == 0, preview.err
    assert {(r["item"], r["respondent"], r["action"]) for r in preview.json()["rows"]} == {
        ("Arbeidsplasser", "Kari", "ny"), ("Boligtilbud", "Kari", "endret (var 2/2)"),
        ("Bredbånd", "Ola", "ny")}
    assert snapshot(db.engine) == before
    done = run_cli(db_url, "priority", "import", str(kari), str(ola), "--session",
                   str(session_id))
    assert done.code == 0, done.err
    assert _scores(db, session_id) == {("Arbeidsplasser", "Kari", 5, 2),
                                       ("Boligtilbud", "Kari", 4, 4), ("Bredbånd", "Ola", 3, 5)}
    again = run_cli(db_url, "priority", "import", str(ola))
    assert again.code == 2 and "er allerede lest inn" in again.err


def test_a_capacity_workbook_and_a_deleted_factor_are_refused(
        db: Database, db_url: str, session_id: int, tmp_path: Path) -> None:
    made = _make(db_url, session_id, tmp_path / "ut", "Ola")
    filled = _fill(made["Ola"], tmp_path / "ola.xlsx", {"Bredbånd": (3, 3)})
    factor = next(f for f in priority.get_session(db.uow(), session_id).factors
                  if f.name == "Bredbånd")
    priority.delete_factor(db.uow(), factor.id)
    result = run_cli(db_url, "capacity", "import", str(filled))
    assert result.code == 2 and "er et skjema for prioriteringsverktøyet" in result.err
    result = run_cli(db_url, "priority", "import", str(filled))
    assert result.code == 2
    assert f"celle A{_rows(made['Ola'])['Bredbånd']}: faktoren «Bredbånd» finnes ikke" \
        in result.err


@pytest.mark.skipif(__import__("shutil").which("soffice") is None,
                    reason="LibreOffice (soffice) mangler")
def test_libreoffice_keeps_the_chart_and_its_copy_reads_back(
        db: Database, db_url: str, session_id: int, tmp_path: Path) -> None:
    import subprocess

    if db_url.startswith("postgresql"):
        pytest.skip("the workbook is the same on both databases; LibreOffice runs once")
    made = _make(db_url, session_id, tmp_path / "ut", "Ola")
    filled = _fill(made["Ola"], tmp_path / "ola.xlsx", {"Arbeidsplasser": (5, 4)})
    out = tmp_path / "lo"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(filled)],
                   check=True, capture_output=True, timeout=240)
    saved = out / "ola.xlsx"
    with zipfile.ZipFile(saved) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert charts and "scatterChart" in archive.read(charts[0]).decode()
    result = run_cli(db_url, "priority", "import", str(saved))
    assert result.code == 0, result.err
    assert ("Arbeidsplasser", "Ola", 5, 4) in _scores(db, session_id)
