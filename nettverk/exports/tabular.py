"""Spreadsheets (xlsx) from plain tables: typed columns in, workbook bytes out.

Text is always written as text (`write_string`), so a cell starting with = + - @ tab or CR can
never become a formula (formula injection); dates are real dates, numbers and money real
numbers. Header row bold and frozen, with a filter; column widths from the content.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal
from zoneinfo import ZoneInfo

import xlsxwriter

from nettverk.exports import xlsx_rows

OSLO = ZoneInfo("Europe/Oslo")
Kind = Literal["text", "int", "number", "money", "percent", "date", "datetime", "bool"]

_FORMATS: dict[str, dict[str, Any]] = {
    "int": {"num_format": "0"},
    "number": {"num_format": "0.0"},
    "money": {"num_format": "#,##0.00"},
    "percent": {"num_format": "0.0%"},
    "date": {"num_format": "dd.mm.yyyy"},
    "datetime": {"num_format": "dd.mm.yyyy hh:mm"},
    "text": {"text_wrap": False},
    "bool": {},
}
_MIN_WIDTH, _MAX_WIDTH = 6, 60


@dataclass(frozen=True)
class Column:
    """A column: its Norwegian heading and what kind of value it holds."""

    heading: str
    kind: Kind = "text"
    width: int | None = None


@dataclass(frozen=True)
class Sheet:
    """One worksheet: a name (≤ 31 characters) and rows matching the columns."""

    name: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Any]]


def _shown_length(value: Any, kind: str) -> int:
    if value is None:
        return 0
    if kind == "date":
        return 10
    if kind == "datetime":
        return 16
    if kind == "money":
        return len(f"{value:,.2f}")
    return max((len(part) for part in str(value).split("\n")), default=0)


def _widths(sheet: Sheet) -> list[int]:
    widths = []
    for i, column in enumerate(sheet.columns):
        if column.width is not None:
            widths.append(column.width)
            continue
        longest = len(column.heading)
        for row in sheet.rows[:2000]:  # enough to judge; big sheets stay fast
            longest = max(longest, _shown_length(row[i], column.kind))
        widths.append(min(max(longest + 2, _MIN_WIDTH), _MAX_WIDTH))
    return widths


def _excel_datetime(value: datetime) -> datetime:
    # Excel has no time zones: write the wall-clock time in Norway.
    if value.tzinfo is not None:
        value = value.astimezone(OSLO).replace(tzinfo=None)
    return value


def write_xlsx(sheets: Sequence[Sheet], *, typed_calls: bool = False) -> bytes:
    """The workbook as xlsx bytes.

    The cells go in a row at a time (exports.xlsx_rows: the same XML, shared strings and
    styles as XlsxWriter's typed calls, without a call and a cell object per cell);
    `typed_calls`, or a sheet that path does not take, writes each cell through XlsxWriter's
    typed call with one writer per column chosen from the column's kind. (XlsxWriter's
    in-memory mode: its constant_memory mode measured slower for the national workbook,
    bench/README.md.)"""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {
        "in_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
    })
    header = workbook.add_format({"bold": True, "bottom": 1, "bg_color": "#E8EEF4"})
    formats = {kind: workbook.add_format(spec) for kind, spec in _FORMATS.items()}
    for sheet in sheets:
        rows = not typed_calls and xlsx_rows.usable(workbook, sheet)
        ws = workbook.add_worksheet(sheet.name[:31],
                                    worksheet_class=xlsx_rows.RowsWorksheet if rows else None)
        for col, width in enumerate(_widths(sheet)):
            ws.set_column(col, col, width)
        if rows:
            xlsx_rows.write_rows(ws, workbook, sheet, header, formats, _excel_datetime)
        else:
            _write_cells(ws, sheet, header, formats)
        ws.freeze_panes(1, 0)
        if sheet.columns:
            ws.autofilter(0, 0, max(len(sheet.rows), 1), len(sheet.columns) - 1)
    workbook.close()
    return buffer.getvalue()


def _write_cells(ws: Any, sheet: Sheet, header: Any, formats: dict[str, Any]) -> None:
    """The heading row and the rows through XlsxWriter's typed calls, cell by cell."""
    for col, column in enumerate(sheet.columns):
        ws.write_string(0, col, column.heading, header)
    cells = [(col, _cell_writer(ws, column.kind, formats))
             for col, column in enumerate(sheet.columns)]
    for r, row in enumerate(sheet.rows, start=1):
        for col, write in cells:
            value = row[col]
            if value is not None and value != "":
                write(r, col, value)


def _cell_writer(ws: Any, kind: str, formats: dict[str, Any]) -> Callable[[int, int, Any], Any]:
    """How one column's cells are written: text as text (never a formula), numbers, money and
    percentages as numbers, dates and times as dates, yes/no as «ja»/«nei»; a value of another
    type than its column's falls back to text, as `_write` does."""
    fmt = formats[kind]
    # XlsxWriter's undecorated cell methods: the public ones only add A1-notation parsing.
    string = getattr(ws, "_write_string", ws.write_string)
    number = getattr(ws, "_write_number", ws.write_number)
    moment = getattr(ws, "_write_datetime", ws.write_datetime)

    def as_text(r: int, c: int, v: Any) -> Any:
        if v.__class__ is str:
            return string(r, c, v, fmt)
        if v.__class__ is bool:
            return string(r, c, "ja" if v else "nei")
        return string(r, c, str(v), fmt)

    if kind in {"int", "number", "money"}:
        def as_number(r: int, c: int, v: Any) -> Any:
            cls = v.__class__
            if cls is int or cls is float or cls is Decimal:
                return number(r, c, float(v), fmt)
            return _write(ws, r, c, v, kind, formats)
        return as_number
    if kind == "percent":
        def as_percent(r: int, c: int, v: Any) -> Any:
            cls = v.__class__
            if cls is int or cls is float or cls is Decimal:
                return number(r, c, float(v) / 100, fmt)
            return _write(ws, r, c, v, kind, formats)
        return as_percent
    if kind in {"date", "datetime"}:
        def as_moment(r: int, c: int, v: Any) -> Any:
            cls = v.__class__
            if cls is datetime:
                return moment(r, c, _excel_datetime(v), fmt)
            if cls is date and kind == "date":
                return moment(r, c, v, fmt)
            return _write(ws, r, c, v, kind, formats)
        return as_moment
    if kind == "bool":
        def as_yes_no(r: int, c: int, v: Any) -> Any:
            if v is True:
                return string(r, c, "ja")
            if v is False:
                return string(r, c, "nei")
            return _write(ws, r, c, v, kind, formats)
        return as_yes_no
    return as_text


def _write(ws: Any, row: int, col: int, value: Any, kind: str, formats: dict[str, Any]) -> None:
    if value is None or value == "":
        return
    fmt = formats[kind]
    if kind in {"int", "number", "money", "percent"} and isinstance(
            value, (int, float, Decimal)) and not isinstance(value, bool):
        number = float(value) / 100 if kind == "percent" else float(value)
        ws.write_number(row, col, number, fmt)
    elif kind == "datetime" and isinstance(value, datetime):
        ws.write_datetime(row, col, _excel_datetime(value), fmt)
    elif kind == "date" and isinstance(value, date):
        if isinstance(value, datetime):
            value = _excel_datetime(value)
        ws.write_datetime(row, col, value, fmt)
    elif isinstance(value, bool):
        ws.write_string(row, col, "ja" if value else "nei")
    else:
        ws.write_string(row, col, str(value), fmt)  # text, never a formula
