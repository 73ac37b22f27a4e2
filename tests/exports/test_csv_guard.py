"""CSV output of lists (`--format csv`): text a spreadsheet would run as a formula stays text,
in both dialects; number-like text (phone numbers) is written as typed."""

from __future__ import annotations

import csv
import io

import pytest

from nettverk.cli.output import CSV_RFC4180, emit
from nettverk.services import register
from nettverk.services.database import Database
from tests.support import run_cli

FORMULAS = ["=HYPERLINK(\"http://x\",\"klikk\")", "-1+2", "@SUM(A1)", "+cmd|' /C calc'!A0"]
AS_TYPED = ["+47 900 00 000", "-5", "+47 (0) 75 50 00 00"]


def _excel_rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline=""), delimiter=";"))


def test_list_csv_guards_formula_starts_and_keeps_phone_numbers(db: Database, db_url: str) -> None:
    register.add_county(db.uow(), "18", "Nordland")
    for i, name in enumerate(FORMULAS + AS_TYPED):
        register.add_municipality(db.uow(), f"18{i:02d}", name, "18", 100, sami_name=name)
    register.add_municipality(db.uow(), "1853", "Evenes", "18", 1300, sami_name="Evenášši")
    excel = run_cli(db_url, "municipality", "list", "--format", "csv")
    strict = run_cli(db_url, "municipality", "list", "--format", "csv", "--csv-dialect", "rfc4180")
    assert excel.code == 0 and strict.code == 0, excel.err + strict.err
    by_excel = {r["Nr"]: r for r in _excel_rows(excel.out)}
    by_strict = {r["number"]: r for r in csv.DictReader(io.StringIO(strict.out, newline=""))}
    for i, name in enumerate(FORMULAS + AS_TYPED):
        expected = "'" + name if name in FORMULAS else name
        assert by_excel[f"18{i:02d}"]["Navn"] == expected
        assert by_excel[f"18{i:02d}"]["Samisk navn"] == expected
        assert by_strict[f"18{i:02d}"]["name"] == expected
    assert by_excel["1853"]["Samisk navn"] == "Evenášši"  # ordinary text untouched
    assert by_excel["1853"]["Innbyggere"] == "1300"  # numbers are not text: no apostrophe


@pytest.mark.parametrize("fmt", ["csv", CSV_RFC4180])
@pytest.mark.parametrize("value", ["\tcmd", "\rcmd", "=1+1", "+A1", "-A1", "@x"])
def test_emit_guards_every_start(value: str, fmt: str) -> None:
    out = io.StringIO()
    emit([{"text": value, "n": -5}], fmt, [("text", "text"), ("n", "n")], out=out)
    text = out.getvalue().removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";" if fmt == "csv" else ","))
    assert len(rows) == 1  # a carriage return must not split the row
    # A CR is written as a line break inside the quoted field; the apostrophe guard stays first.
    assert rows[0]["text"] == "'" + value.replace("\r", "\n")
    assert rows[0]["n"] == "-5"


def test_carriage_return_inside_text_keeps_one_row() -> None:
    out = io.StringIO()
    emit([{"text": "linje 1\r=evil()\r\nlinje 3", "n": 1}], CSV_RFC4180, [("text", "T"), ("n", "N")],
         out=out)
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows == [["text", "n"], ["linje 1\n=evil()\nlinje 3", "1"]]
