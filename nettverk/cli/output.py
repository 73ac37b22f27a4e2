"""Printing results as a table, CSV or JSON (the contract's --format)."""

from __future__ import annotations

import csv
import dataclasses
import enum
import io
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from nettverk.domain.norwegian import count

FORMATS = ("table", "csv", "json")
OSLO = ZoneInfo("Europe/Oslo")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Column = tuple[str, str]  # (key, Norwegian heading)


def add_format_option(parser: Any) -> None:
    """The contract's --format option."""
    parser.add_argument("--format", choices=FORMATS, default="table",
                        help="utdataformat (standard: table)")


def plain(value: Any) -> Any:
    """A JSON-ready copy: dataclasses to dicts, ISO dates, datetimes with offset, numbers."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [plain(v) for v in value]
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.isoformat()
        return value.astimezone(OSLO).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, enum.Enum):
        return value.value
    return value


def guard_formula(value: Any) -> Any:
    """Text that a spreadsheet would read as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nei"
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",") if value != int(value) else str(int(value))
    return str(value)


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    value = guard_formula(value)
    if isinstance(value, str) and "\r" in value:
        # csv.writer does not quote a lone CR (our line ending is LF), which would split the row
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value


#: The answer of every `… delete` command.
DELETED_COLUMNS: list[Column] = [("kind", "Slettet"), ("id", "Id"), ("label", "Navn")]


def emit(data: Any, fmt: str, columns: Sequence[Column] | None = None,
         out: io.TextIOBase | None = None) -> None:
    """Print one object or a list of objects in the chosen format."""
    stream = out or sys.stdout
    payload = plain(data)
    if fmt == "json":
        json.dump(payload, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
        return
    rows: list[dict[str, Any]] = payload if isinstance(payload, list) else [payload]
    if columns is None:
        keys: list[str] = list(rows[0].keys()) if rows else []
        columns = [(k, k) for k in keys]
    if fmt == "csv":
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow([key for key, _ in columns])
        for row in rows:
            writer.writerow([_csv_cell(row.get(key)) for key, _ in columns])
        return
    if not isinstance(payload, list):
        _emit_record(payload, columns, stream)
        return
    _emit_table(rows, columns, stream)


def _emit_record(record: dict[str, Any], columns: Sequence[Column], stream: Any) -> None:
    keys = [k for k, _ in columns] + [k for k in record if k not in {c for c, _ in columns}]
    labels = dict(columns)
    width = max((len(labels.get(k, k)) for k in keys), default=0)
    for key in keys:
        stream.write(f"{labels.get(key, key):<{width}}  {_cell(record.get(key))}\n")


def _emit_table(rows: Iterable[dict[str, Any]], columns: Sequence[Column], stream: Any) -> None:
    rows = list(rows)
    if not rows:
        stream.write("(ingen)\n")
        return
    cells = [[_cell(row.get(key)) for key, _ in columns] for row in rows]
    headings = [label for _, label in columns]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(headings)]
    stream.write("  ".join(h.ljust(w) for h, w in zip(headings, widths, strict=True)).rstrip()
                 + "\n")
    stream.write("  ".join("─" * w for w in widths) + "\n")
    for r in cells:
        stream.write("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n")
    stream.write(f"({count(len(cells), 'rader')})\n")
