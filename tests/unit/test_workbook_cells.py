"""Reading a returned workbook's cells: positions when rows are left out, and what a score is."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from nettverk.exports import workbooks as wb
from nettverk.exports.sources import SourceError


def _sparse(path: Path, answers: dict[str, object], identity: dict[str, object]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Ark"
    for address, value in answers.items():
        sheet[address] = value
    ident = book.create_sheet("nettverk")
    ident["A1"] = wb.MARK
    for i, (key, value) in enumerate(identity.items(), start=2):
        ident[f"A{i}"], ident[f"B{i}"] = key, value
    book.save(path)
    return path


IDENTITY = {"versjon": 1, "type": "feedback", "økt": 3, "kontroll": "k", "token": "t" * 20,
            "deltaker": "", "ark": "Ark", "første rad": 10, "rader": 4}


def test_rows_left_out_of_the_file_keep_their_addresses(tmp_path: Path) -> None:
    path = _sparse(tmp_path / "glissen.xlsx", {"B11": 4, "C11": "=1+2"}, IDENTITY)
    form = wb.read_form(path, 3)
    assert form.identity.session_id == 3 and form.identity.rows == 4
    assert [[c.address for c in row] for row in form.rows] == [
        [f"{col}{r}" for col in "ABC"] for r in range(10, 14)]
    assert form.rows[1][1].value == 4
    assert form.rows[1][2].formula
    assert wb.score_of(form.rows[1][2]).startswith("inneholder en formel")


def test_a_changed_or_missing_identity_is_refused(tmp_path: Path) -> None:
    broken = _sparse(tmp_path / "endra.xlsx", {}, {**IDENTITY, "rader": "mange"})
    with pytest.raises(SourceError, match="identifikasjonen er ufullstendig"):
        wb.read_form(broken, 3)
    huge = _sparse(tmp_path / "stor.xlsx", {}, {**IDENTITY, "rader": 10_000_000})
    with pytest.raises(SourceError, match="ugyldig område"):
        wb.read_form(huge, 3)


@pytest.mark.parametrize(("value", "expected"), [
    (3, 3), (3.0, 3), ("3", 3), (" 5 ", 5), ("4,0", 4), (None, None), ("", None),
    (7, "7 er ikke 1-5"), (0, "0 er ikke 1-5"), (2.5, "2,5 er ikke et heltall 1-5"),
    ("tre", "«tre» er ikke et tall 1-5"), (True, "True er ikke 1-5"),
])
def test_what_counts_as_a_score(value: object, expected: object) -> None:
    assert wb.score_of(wb.Cell("C5", value)) == expected
