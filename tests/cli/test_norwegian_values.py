"""The table and the CSV for Norwegian Excel show the values a user reads in Norwegian
(«aktiv», «læringsnettverk», «holdt», «fysisk», «forfalt»), as the screens do; JSON and the
strict RFC 4180 CSV keep the contract's English codes for scripts."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from nettverk.services.database import Database
from tests.support import run_cli

PROG = "mindre-kommuner-2020"


def _excel_rows(url: str, *args: str) -> list[dict[str, str]]:
    result = run_cli(url, *args, "--format", "csv")
    assert result.code == 0, result.err
    return list(csv.DictReader(io.StringIO(result.out.lstrip("\ufeff")), delimiter=";"))


def _table(url: str, *args: str) -> str:
    result = run_cli(url, *args)
    assert result.code == 0, result.err
    return result.out


@pytest.mark.parametrize(("args", "column", "english", "norwegian"), [
    (("participant", "list", "--programme", PROG), "Status", "active", "aktiv"),
    (("programme", "list"), "Type", "learning_network", "læringsnettverk"),
    (("organisation", "list"), "Type", "county_authority", "fylkeskommune"),
    (("gathering", "list", "--programme", PROG), "Status", "held", "holdt"),
    (("gathering", "list", "--programme", PROG), "Form", "physical", "fysisk"),
    (("followup", "list"), "Status", "overdue", "forfalt"),
])
def test_table_and_excel_csv_show_norwegian_values(
        demo_db: Database, db_url: str, args: tuple[str, ...], column: str, english: str,
        norwegian: str) -> None:
    values = {row[column] for row in _excel_rows(db_url, *args)}
    assert norwegian in values and english not in values
    table = _table(db_url, *args)
    assert norwegian in table and english not in table.split()


def test_json_and_rfc4180_keep_the_contract_codes(demo_db: Database, db_url: str) -> None:
    rows = run_cli(db_url, "participant", "list", "--programme", PROG, "--format", "json").json()
    assert {r["status"] for r in rows} == {"active"}
    kinds = {r["kind"] for r in run_cli(db_url, "programme", "list", "--format", "json").json()}
    assert "learning_network" in kinds
    strict = run_cli(db_url, "gathering", "list", "--programme", PROG, "--format", "csv",
                     "--csv-dialect", "rfc4180")
    statuses = {r["status"] for r in csv.DictReader(io.StringIO(strict.out))}
    assert statuses == {"held", "cancelled", "planned"}


@pytest.mark.parametrize("args", [
    ("programme", "show", PROG),
    ("municipality", "show", "1853"),
    ("application", "show", "1"),
    ("gathering", "show", "1"),
    ("plan", "show", "1"),
])
def test_show_prints_norwegian_headings_and_no_codes_or_python_reprs(
        demo_db: Database, db_url: str, args: tuple[str, ...]) -> None:
    out = _table(db_url, *args)
    headings = [line.split("  ")[0] for line in out.splitlines() if line[:1].strip()]
    english = [h for h in headings if "_" in h or h in {
        "version", "owner", "partners", "description", "programme", "uid", "theme", "agenda",
        "status", "kind", "stage", "title", "name", "events", "stages", "warnings", "deadline"}]
    assert english == []
    assert len(headings) == len(set(headings)), headings  # no field twice under one name
    assert "{'" not in out  # no Python dict in a history line
    for code in ("accepted", "learning_network", "plan_strategy", "adopted", "  met"):
        assert code not in out


def test_programme_show_names_its_rules(demo_db: Database, db_url: str) -> None:
    out = _table(db_url, "programme", "show", PROG)
    assert "Versjon" in out and "Eier" in out and "Nordland fylkeskommune" in out
    rules = {line.split("  ")[0]: line.split()[-1] for line in out.splitlines()}
    assert rules["Innbyggergrense (under)"] == "2500"


def test_table_shows_times_as_a_person_reads_them(demo_db: Database, db_url: str) -> None:
    # the feedback list's gathering start was printed as 2020-02-12T10:00:00+01:00
    out = _table(db_url, "feedback", "list", "--programme", PROG)
    assert "12.02.2020 10:00" in out
    assert "T10:00:00" not in out and "+01:00" not in out


def test_agreements_name_their_focus_areas(demo_db: Database, db_url: str,
                                           tmp_path: Path) -> None:
    # the codes (`tilhorighet`, spelt without ø) are for scripts; people read the names
    table = _table(db_url, "agreement", "list")
    assert "Tilhørighet" in table and "tilhorighet" not in table
    rows = run_cli(db_url, "agreement", "list", "--format", "json").json()
    bodo = next(r for r in rows if r["municipality"] == "1804")
    assert "tilhorighet" in bodo["focus_areas"] and "Tilhørighet" in bodo["focus_area_names"]
    target = tmp_path / "avtaler.xlsx"
    result = run_cli(db_url, "export", "xlsx", "--programme", "gode-lokalsamfunn",
                     "-o", str(target))
    assert result.code == 0, result.err
    sheet = openpyxl.load_workbook(target, read_only=True)["Avtaler"]
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert any("Tilhørighet" in c for c in cells)
    assert not any("tilhorighet" in c for c in cells)
