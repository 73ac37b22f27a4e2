"""A worksheet's cells as XlsxWriter writes them, produced a row at a time instead of a call
per cell.

XlsxWriter keeps every typed cell (`write_string`, `write_number`, `write_datetime`) as a
small object and turns it into XML when the workbook closes, with a function call, a list of
attributes and escaping per cell: that is most of an export's time. Here each column gets one
encoder chosen from its kind, and a row becomes its `<row>` element at once, with the same
attributes (cell reference, style, spans of 16 rows), the same shared strings registered in the
same order, the same style indices given out in the same order and the same numbers: the
workbook's bytes are those of the typed calls (tests/exports/test_xlsx_rows.py compares them
member by member). The rest of the workbook (styles, shared strings, widths, panes, filter,
the zip) is still XlsxWriter's own.

`usable()` says when this path can be taken; anything else (an XlsxWriter without the parts
used here, a sheet too tall for Excel) goes through the typed calls.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

if TYPE_CHECKING:
    from nettverk.exports.tabular import Sheet

try:  # XlsxWriter's own rules for strings longer than Excel keeps
    from xlsxwriter.utility import _utf16_len, _utf16_truncate
except ImportError:  # pragma: no cover - an XlsxWriter without them: the typed calls
    _utf16_len = _utf16_truncate = None

_PARTS = ("_check_dimensions", "_convert_date_time", "_write_sheet_data", "xls_rowmax",
          "xls_strmax", "fh", "constant_memory")
_TABLE_PARTS = ("string_table", "count", "unique_count")

Encoder = Callable[[Any, str], str]


class RowsWorksheet(Worksheet):  # type: ignore[misc]
    """A worksheet whose sheet data was written by `write_rows`."""

    sheet_data: str | None = None

    def _write_sheet_data(self) -> None:
        if self.sheet_data is None:
            super()._write_sheet_data()
        elif self.dim_rowmin is None:
            self._xml_empty_tag("sheetData")
        else:
            self.fh.write(f"<sheetData>{self.sheet_data}</sheetData>")


#: The XlsxWriter releases whose internals this was checked against (byte for byte, by
#: tests/exports/test_xlsx_rows.py); any other release takes the typed calls, slower but sure.
TESTED_RELEASES = ("3.2.", "3.3.")


def usable(workbook: Any, sheet: Sheet) -> bool:
    """Whether this path writes the sheet exactly as the typed calls would."""
    import xlsxwriter

    probe = RowsWorksheet()
    return (str(getattr(xlsxwriter, "__version__", "")).startswith(TESTED_RELEASES)
            and _utf16_len is not None and not getattr(workbook, "constant_memory", True)
            and all(hasattr(probe, part) for part in _PARTS)
            and all(hasattr(workbook.str_table, part) for part in _TABLE_PARTS)
            and len(sheet.rows) < probe.xls_rowmax - 1
            and len(sheet.columns) <= 16384)


class _Style:
    """A format's ` s="…"` attribute, its index asked for at first use (XlsxWriter gives the
    indices out in the order the cells first use them)."""

    __slots__ = ("attr", "fmt")

    def __init__(self, fmt: Any) -> None:
        self.fmt = fmt
        self.attr = ""

    def first(self) -> str:
        self.attr = f' s="{self.fmt._get_xf_index()}"'
        return self.attr


class _Strings:
    """The workbook's shared strings, registered as `_get_shared_string_index` does."""

    def __init__(self, table: Any, strmax: int) -> None:
        self.table: dict[str, int] = table.string_table
        self.strmax = strmax

    def index(self, value: str) -> int:
        found = self.table.get(value)
        if found is not None:
            return found
        if len(value) > self.strmax // 2 and _utf16_len(value) > self.strmax:
            value = _utf16_truncate(value, self.strmax)
        found = self.table.get(value)
        if found is None:
            found = self.table[value] = len(self.table)
        return found


def write_rows(ws: RowsWorksheet, workbook: Any, sheet: Sheet, header: Any,
               formats: dict[str, Any], to_excel: Callable[[datetime], datetime]) -> None:
    """Write the sheet's heading row and rows into `ws`, as `tabular`'s typed calls would."""
    strings = _Strings(workbook.str_table, ws.xls_strmax)
    letters = [xl_col_to_name(col) for col in range(len(sheet.columns))]
    heading = _Style(header)
    blocks: list[str] = []
    block: list[tuple[str, str]] = []
    block_index = 0
    span_min = span_max = -1
    low = high = -1  # the highest row and column written, as _check_dimensions keeps them
    if sheet.columns:
        cells = "".join(
            f'<c r="{letter}1"{heading.attr or heading.first()} t="s">'
            f'<v>{strings.index(column.heading)}</v></c>'
            for letter, column in zip(letters, sheet.columns, strict=True))
        block.append(("1", cells))
        span_min, span_max, low, high = 0, len(sheet.columns) - 1, 0, len(sheet.columns) - 1
    encoders = [(col, letters[col], _encoder(ws, column.kind, _Style(formats[column.kind]),
                                             strings, to_excel))
                for col, column in enumerate(sheet.columns)]
    for r, row in enumerate(sheet.rows, start=1):
        if r >> 4 != block_index:  # spans are reckoned per 16 rows
            if block:
                blocks.append(_block(block, span_min, span_max))
                block = []
            block_index = r >> 4
        n = str(r + 1)
        parts = []
        first = last = -1
        for col, letter, encode in encoders:
            value = row[col]
            if value is None or value == "":
                continue
            parts.append(encode(value, letter + n))
            if first < 0:
                first = col
            last = col
        if first < 0:
            continue  # nothing written: no row element
        if not block:
            span_min, span_max = first, last
        else:
            span_min, span_max = min(span_min, first), max(span_max, last)
        block.append((n, "".join(parts)))
        low, high = r, max(high, last)
    if block:
        blocks.append(_block(block, span_min, span_max))
    if low >= 0:
        ws._check_dimensions(0, 0)
        ws._check_dimensions(low, high)
    data = "".join(blocks)
    workbook.str_table.count += data.count(' t="s"')
    workbook.str_table.unique_count = len(strings.table)
    ws.sheet_data = data


def _block(rows: list[tuple[str, str]], span_min: int, span_max: int) -> str:
    spans = f"{span_min + 1}:{span_max + 1}"
    return "".join(f'<row r="{n}" spans="{spans}">{cells}</row>' for n, cells in rows)


def _encoder(ws: Any, kind: str, style: _Style, strings: _Strings,
             to_excel: Callable[[datetime], datetime]) -> Encoder:
    """One column's cells as XML: what tabular's `_cell_writer` writes, typed the same way
    (text as a shared string, never a formula; numbers, money, percentages as numbers; dates
    and times as Excel dates; yes/no as «ja»/«nei» without a format)."""
    index = strings.index
    moments: dict[Any, str] = {}

    def text(v: Any, ref: str) -> str:
        if v.__class__ is str:
            return f'<c r="{ref}"{style.attr or style.first()} t="s"><v>{index(v)}</v></c>'
        if v.__class__ is bool:
            return f'<c r="{ref}" t="s"><v>{index("ja" if v else "nei")}</v></c>'
        return f'<c r="{ref}"{style.attr or style.first()} t="s"><v>{index(str(v))}</v></c>'

    def number(v: float, ref: str) -> str:
        if v - v != 0:  # NaN or infinity: refused as XlsxWriter's write_number refuses them
            raise TypeError("NAN/INF not supported in write_number() without "
                            "'nan_inf_to_errors' Workbook() option")
        return f'<c r="{ref}"{style.attr or style.first()}><v>{v:.16G}</v></c>'

    def moment(v: date, ref: str) -> str:
        found = moments.get(v)
        if found is None:
            excel = to_excel(v) if isinstance(v, datetime) else v
            found = moments[v] = f"{ws._convert_date_time(excel):.16G}"
        return f'<c r="{ref}"{style.attr or style.first()}><v>{found}</v></c>'

    def other(v: Any, ref: str) -> str:  # tabular._write: a value of another type
        if kind in {"int", "number", "money", "percent"} and isinstance(
                v, (int, float, Decimal)) and not isinstance(v, bool):
            return number(float(v) / 100 if kind == "percent" else float(v), ref)
        if kind == "datetime" and isinstance(v, datetime):
            return moment(v, ref)
        if kind == "date" and isinstance(v, date):
            return moment(v, ref)
        if isinstance(v, bool):
            return f'<c r="{ref}" t="s"><v>{index("ja" if v else "nei")}</v></c>'
        return f'<c r="{ref}"{style.attr or style.first()} t="s"><v>{index(str(v))}</v></c>'

    if kind in {"int", "number", "money", "percent"}:
        scale = 100.0 if kind == "percent" else 1.0

        def as_number(v: Any, ref: str) -> str:
            cls = v.__class__
            if cls is int or cls is float or cls is Decimal:
                return number(float(v) / scale if scale != 1.0 else float(v), ref)
            return other(v, ref)
        return as_number
    if kind in {"date", "datetime"}:
        def as_moment(v: Any, ref: str) -> str:
            cls = v.__class__
            if cls is datetime or (cls is date and kind == "date"):
                return moment(v, ref)
            return other(v, ref)
        return as_moment
    if kind == "bool":
        def as_yes_no(v: Any, ref: str) -> str:
            if v is True:
                return f'<c r="{ref}" t="s"><v>{index("ja")}</v></c>'
            if v is False:
                return f'<c r="{ref}" t="s"><v>{index("nei")}</v></c>'
            return other(v, ref)
        return as_yes_no
    return text

