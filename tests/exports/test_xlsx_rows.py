"""The workbook's cells written a row at a time (exports.xlsx_rows) are, byte for byte, what
XlsxWriter's typed calls write cell by cell: the same sheet XML, shared strings, styles and
every other member of the file, for the programme workbooks of the demo data on both databases
and for odd values of every column kind."""

from __future__ import annotations

import enum
import io
import re
import zipfile
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import openpyxl
import pytest

from nettverk.exports import xlsx_rows
from nettverk.exports.tabular import Column, Sheet, write_xlsx
from nettverk.services import programmes, spreadsheets
from nettverk.services.database import Database

_STAMP = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")  # docProps/core.xml: when it was made


class Level(enum.IntEnum):
    high = 3


class Code(str):
    pass


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: _STAMP.sub(b"T", z.read(name)) for name in z.namelist()}


def _both_ways(sheets: list[Sheet], monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, bytes]:
    """The workbook row by row (asserting every sheet went that way) and cell by cell."""
    taken: list[str] = []
    write_rows = xlsx_rows.write_rows

    def spy(ws: Any, workbook: Any, sheet: Sheet, *args: Any) -> None:
        taken.append(sheet.name)
        write_rows(ws, workbook, sheet, *args)

    monkeypatch.setattr(xlsx_rows, "write_rows", spy)
    rows = write_xlsx(sheets)
    assert taken == [s.name for s in sheets]
    return rows, write_xlsx(sheets, typed_calls=True)


def _assert_same(rows: bytes, typed: bytes) -> None:
    a, b = _members(rows), _members(typed)
    assert list(a) == list(b)
    for name in a:
        assert a[name] == b[name], name


def test_every_programme_workbook_is_the_same_both_ways(demo_db: Database,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    slugs = [p.slug for p in programmes.list_programmes(demo_db.uow())]
    assert len(slugs) >= 3
    cells = 0
    for slug in slugs:
        sheets = spreadsheets.programme_sheets(demo_db.uow(), slug, date(2024, 3, 1))
        cells += sum(len(s.rows) * len(s.columns) for s in sheets)
        _assert_same(*_both_ways(sheets, monkeypatch))
    assert cells > 3_000


def _odd_sheets() -> list[Sheet]:
    """Every kind of column with the values it expects and with others; gaps, rows with
    nothing to write, spans that differ from one block of 16 rows to the next."""
    oslo_evening = datetime(2024, 3, 31, 23, 30, tzinfo=UTC)  # 1 April in Norway
    columns = [Column("Tekst"), Column("Heltall", "int"), Column("Tall", "number"),
               Column("Beløp", "money"), Column("Andel", "percent"), Column("Dato", "date"),
               Column("Tid", "datetime"), Column("Ja/nei", "bool")]
    odd: list[tuple[Any, ...]] = [
        ("=1+2", 1, 1.5, Decimal("12.30"), 50, date(2024, 2, 29), oslo_evening, True),
        (" innrykk ", True, "tekst", None, Decimal("12.5"), oslo_evening, date(2024, 1, 1), False),
        ("linje\nto\x01_x0041_", Level.high, 2**53 + 1, 0.1 + 0.2, True, "ukjent",
         datetime(2024, 6, 1, 12), "kanskje"),
        (True, None, None, None, None, None, None, None),
        (None, None, None, None, None, None, None, None),
        ("", "", "", None, "", "", "", ""),
        (Code("0301"), -0.0, 1e-300, 1e20, 0.125, datetime(2024, 3, 1, 8), None, 1),
        (42, 7, 1 / 3, Decimal("-0.005"), 1, date(1900, 1, 1), datetime(2024, 10, 27, 1, 30,
                                                                        tzinfo=UTC), None),
        ("x" * 40_000, None, None, None, None, None, None, None),
        ("ø" * 20_000 + "😀" * 10_000, None, None, None, None, None, None, None),
        ("å & <b> \"sitat\"", None, None, None, None, None, None, "ja"),
        (date(2024, 5, 17), timedelta(days=1), None, None, None, None, None, None),
    ]
    tall = [(f"rad {i}" if i % 3 else None, *([None] * 6), i % 2 == 0 if i % 5 else None)
            for i in range(40)]
    gaps = [(None, i, None, None, None, None, None, None) if i % 7 else odd[4]
            for i in range(50)]
    return [
        Sheet("Rart", columns, odd + tall + odd),
        Sheet("Hull", columns, gaps),
        Sheet("Tom", columns, []),
        Sheet("Uten kolonner", [], []),
        Sheet("Samme tekst igjen", [Column("Tekst"), Column("Ja/nei", "bool")],
              [("=1+2", True), ("rad 1", False), ("ny", None)]),
    ]


def test_odd_values_of_every_kind_are_the_same_both_ways(
        monkeypatch: pytest.MonkeyPatch) -> None:
    rows, typed = _both_ways(_odd_sheets(), monkeypatch)
    _assert_same(rows, typed)
    book = openpyxl.load_workbook(io.BytesIO(rows))
    ws = book["Rart"]
    assert ws["A2"].value == "=1+2" and ws["A2"].data_type == "s"
    assert ws["G2"].value == datetime(2024, 4, 1, 1, 30)  # the wall clock in Norway
    assert ws["H2"].value == "ja" and ws["B3"].value == "ja" and ws["A5"].value == "ja"
    assert ws["E2"].value == 0.5 and ws["D2"].value == pytest.approx(12.3)
    assert len(ws["A10"].value) == 32_767  # cut where Excel stops, as XlsxWriter cuts
    assert ws.max_row == 1 + 12 + 40 + 12
    assert all(cell.value is None for cell in ws[6]) and all(cell.value is None for cell in ws[7])
    assert book["Uten kolonner"].max_row == 1 and book["Tom"].max_row == 1


def test_a_number_excel_cannot_hold_is_refused_both_ways() -> None:
    sheets = [Sheet("Tall", [Column("Tall", "number")], [(float("nan"),)])]
    with pytest.raises(TypeError):
        write_xlsx(sheets)
    with pytest.raises(TypeError):
        write_xlsx(sheets, typed_calls=True)


def test_an_untested_xlsxwriter_release_takes_the_typed_calls(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A newer XlsxWriter may keep the same private names and write differently: only releases
    checked byte for byte here take the row path."""
    import xlsxwriter

    sheets = _odd_sheets()
    taken: list[str] = []
    real = xlsx_rows.write_rows
    monkeypatch.setattr(xlsx_rows, "write_rows",
                        lambda *args: (taken.append("rows"), real(*args))[1])
    write_xlsx(sheets)
    assert taken  # this release is a tested one
    taken.clear()
    monkeypatch.setattr(xlsxwriter, "__version__", "4.0.0")
    data = write_xlsx(sheets)
    assert not taken
    assert openpyxl.load_workbook(io.BytesIO(data))["Rart"]["A2"].value == "=1+2"
