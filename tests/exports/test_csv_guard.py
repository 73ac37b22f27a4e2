"""CSV output of lists (`--format csv`): text a spreadsheet would run as a formula stays text."""

from __future__ import annotations

import csv
import io

import pytest

from nettverk.cli.output import emit
from nettverk.services import register
from nettverk.services.database import Database
from tests.support import run_cli

RISKY = ["=HYPERLINK(\"http://x\",\"klikk\")", "+47 900 00 000", "-1+2", "@SUM(A1)"]


def test_list_csv_guards_formula_starts(db: Database, db_url: str) -> None:
    register.add_county(db.uow(), "18", "Nordland")
    for i, name in enumerate(RISKY):
        register.add_municipality(db.uow(), f"18{i:02d}", name, "18", 100, sami_name=name)
    register.add_municipality(db.uow(), "1853", "Evenes", "18", 1300, sami_name="Evenášši")
    result = run_cli(db_url, "municipality", "list", "--format", "csv")
    assert result.code == 0, result.err
    rows = list(csv.DictReader(io.StringIO(result.out)))
    by_number = {r["number"]: r for r in rows}
    for i, name in enumerate(RISKY):
        row = by_number[f"18{i:02d}"]
        assert row["name"] == "'" + name and row["sami_name"] == "'" + name
    assert by_number["1853"]["sami_name"] == "Evenášši"  # ordinary text untouched
    assert by_number["1853"]["population"] == "1300"  # numbers are not text: no apostrophe


@pytest.mark.parametrize("value", ["\tcmd", "\rcmd", "=1+1", "+1", "-1", "@x"])
def test_emit_guards_every_start(value: str) -> None:
    out = io.StringIO()
    emit([{"text": value, "n": -5}], "csv", [("text", "Tekst"), ("n", "Tall")], out=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    assert len(rows) == 1  # a carriage return must not split the row
    # A CR is written as a line break inside the quoted field; the apostrophe guard stays first.
    assert rows[0]["text"] == "'" + value.replace("\r", "\n")
    assert rows[0]["n"] == "-5"


def test_carriage_return_inside_text_keeps_one_row() -> None:
    out = io.StringIO()
    emit([{"text": "linje 1\r=evil()\r\nlinje 3", "n": 1}], "csv", [("text", "T"), ("n", "N")],
         out=out)
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows == [["text", "n"], ["linje 1\n=evil()\nlinje 3", "1"]]
